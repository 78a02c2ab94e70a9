//! Building a view: its CONSTRUCT run on the union of all articles (or on
//! one article's graph), each triple once, nodes given their label, class
//! and articles, the same fact stated by several articles merged into one
//! node, the neighbourhood of a focus kept, and a view larger than its
//! cap cut down to its best-connected nodes — saying so.

use super::definition::ViewDefinition;
use super::label::fact_label;
use crate::entity_graph::{EntityEdge, EntityGraph, EntityNode, NodeClass, article_of};
use crate::error::{GraphError, Result};
use crate::identity::Canonical;
use crate::namespace::{DCTERMS, RDF, RDFS, TP, TPA, abbreviate, entity_name};
use crate::store::GraphStore;
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What narrows a view down.
#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    /// Keep only what lies within `depth` hops of this entity (an IRI).
    pub focus: Option<String>,
    /// Hops around the focus; the view's own depth when `None`.
    pub depth: Option<usize>,
    /// Only this article's graph instead of the union of all.
    pub article: Option<NamedNode>,
    /// The most entities drawn; the view's own cap when `None` (0: no cap).
    pub max_nodes: Option<usize>,
}

/// An article a view's nodes come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInfo {
    /// `dcterms:title`.
    pub title: Option<String>,
    /// `dcterms:date`.
    pub date: Option<String>,
}

/// A built view: the graph and what it was cut down from.
#[derive(Debug, Clone)]
pub struct View {
    /// The definition it was built from.
    pub definition: ViewDefinition,
    /// The nodes and edges shown.
    pub graph: EntityGraph,
    /// Entities (nodes that are not facts) before the cap, after focusing.
    pub total_entities: usize,
    /// Edges before the cap, after focusing.
    pub total_edges: usize,
    /// The focus entity's IRI and the depth kept around it.
    pub focus: Option<(String, usize)>,
    /// The article the view was restricted to (its id).
    pub article: Option<String>,
    /// The articles the nodes come from, by id.
    pub articles: BTreeMap<String, ArticleInfo>,
}

impl View {
    /// The whole graph as it is, in the style of the view `entities`.
    pub fn whole(graph: EntityGraph) -> Self {
        Self {
            definition: ViewDefinition::entities(),
            total_entities: graph.entity_count(),
            total_edges: graph.graph().edge_count(),
            graph,
            focus: None,
            article: None,
            articles: BTreeMap::new(),
        }
    }

    /// Whether entities were left out for the size cap.
    pub fn is_truncated(&self) -> bool {
        self.graph.entity_count() < self.total_entities
    }
}

/// Builds a view of the store.
pub fn build(store: &GraphStore, definition: &ViewDefinition, options: &ViewOptions) -> Result<View> {
    let view_error = |message: String| GraphError::View { view: definition.name.clone(), message };
    if definition.requires_focus && options.focus.is_none() {
        return Err(view_error("this view needs --focus ENTITY".into()));
    }
    let triples = construct(store, definition, options.article.as_ref())?;
    // a company linked to its full name (crate::identity) is drawn as it
    let canonical = Canonical::of_store(store.oxigraph())?;

    let mut parts = Parts::default();
    let rdf_type = format!("{RDF}type");
    let rdfs_label = format!("{RDFS}label");
    for (s, p, o) in triples {
        if canonical.is_linked(&s) && p == rdfs_label {
            continue;
        }
        let s = canonical.of(&s).to_owned();
        match o {
            Object::Iri(o) if p == rdf_type => {
                parts.node(&s).classes.extend(NodeClass::from_iri(&o));
            }
            Object::Iri(o) => {
                let linked_to_itself = canonical.is_linked(&o) && canonical.of(&o) == s;
                if definition.shows(&p) && !linked_to_itself {
                    let o = canonical.of(&o).to_owned();
                    parts.node(&s);
                    parts.node(&o);
                    parts.edges.insert((s, EntityEdge { predicate: p }, o));
                }
            }
            Object::Literal(value, language) if p == rdfs_label => {
                parts.node(&s).labels.insert((language, value));
            }
            Object::Literal(value, _) => {
                parts.node(&s).attributes.entry(abbreviate(&p)).or_default().insert(value);
            }
        }
    }
    if let Some(focus) = &options.focus {
        parts.node(canonical.of(focus));
    }
    parts.complete_from_store(store, &canonical)?;
    let mut nodes = parts.finish(&definition.language);
    let mut edges = std::mem::take(&mut parts.edges);
    merge_repeated_facts(&mut nodes, &mut edges);

    // Focus and cap choose entities; their facts come with them.
    let focus =
        options.focus.as_ref().map(|iri| (canonical.of(iri).to_owned(), options.depth.unwrap_or(definition.depth)));
    if let Some((iri, depth)) = &focus {
        let links = entity_links(&nodes, &edges);
        let kept: BTreeSet<String> =
            hops_from(iri, &links).into_iter().filter(|(_, d)| d <= depth).map(|(n, _)| n.to_owned()).collect();
        keep_entities(&mut nodes, &mut edges, &kept);
    }
    let total_entities = nodes.values().filter(|n| !is_fact(n)).count();
    let total_edges = edges.len();
    let cap = options.max_nodes.unwrap_or(definition.max_nodes);
    if cap > 0 && total_entities > cap {
        let kept = best_connected(&nodes, &edges, focus.as_ref().map(|(iri, _)| iri.as_str()), cap);
        keep_entities(&mut nodes, &mut edges, &kept);
    }

    let graph = EntityGraph::from_parts(nodes.into_values().collect(), edges);
    let articles = article_infos(store, &graph.article_ids())?;
    Ok(View {
        definition: definition.clone(),
        graph,
        total_entities,
        total_edges,
        focus,
        article: options.article.as_ref().and_then(|a| article_of(a.as_str())).map(str::to_owned),
        articles,
    })
}

/// An object of a constructed triple.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Object {
    Iri(String),
    /// Value and language tag (empty when none).
    Literal(String, String),
}

/// The view's triples, each once (the union of the article graphs gives a
/// triple once per article that states it).
fn construct(
    store: &GraphStore,
    definition: &ViewDefinition,
    article: Option<&NamedNode>,
) -> Result<BTreeSet<(String, String, Object)>> {
    let mut query = crate::sparql::evaluator().parse_query(&definition.query)?;
    match article {
        Some(graph) => {
            if !store.oxigraph().contains_named_graph(graph)? {
                return Err(GraphError::NoSuchGraph { iri: graph.as_str().to_owned() });
            }
            query.dataset_mut().set_default_graph(vec![GraphName::NamedNode(graph.clone())]);
        }
        None if query.dataset().is_default_dataset() => query.dataset_mut().set_default_graph_as_union(),
        None => {}
    }
    let QueryResults::Graph(triples) = query.on_store(store.oxigraph()).execute()? else {
        return Err(GraphError::View {
            view: definition.name.clone(),
            message: "the query must be a CONSTRUCT".into(),
        });
    };
    let mut out = BTreeSet::new();
    for triple in triples {
        let triple = triple?;
        let NamedOrBlankNode::NamedNode(subject) = triple.subject else { continue };
        let object = match triple.object {
            Term::NamedNode(o) => Object::Iri(o.into_string()),
            Term::Literal(l) => Object::Literal(l.value().to_owned(), l.language().unwrap_or("").to_owned()),
            _ => continue,
        };
        out.insert((subject.into_string(), triple.predicate.into_string(), object));
    }
    Ok(out)
}

/// What is known of a node while the view is built.
#[derive(Debug, Default)]
struct Partial {
    classes: BTreeSet<NodeClass>,
    /// `(language, label)`.
    labels: BTreeSet<(String, String)>,
    attributes: BTreeMap<String, BTreeSet<String>>,
    articles: BTreeSet<String>,
}

#[derive(Debug, Default)]
struct Parts {
    nodes: BTreeMap<String, Partial>,
    edges: BTreeSet<(String, EntityEdge, String)>,
}

impl Parts {
    fn node(&mut self, iri: &str) -> &mut Partial {
        self.nodes.entry(iri.to_owned()).or_default()
    }

    /// Classes, labels and articles from the whole store (a view's query
    /// need not ask for them), and the attributes of fact nodes; an
    /// entity's articles include those of the names linked to it.
    fn complete_from_store(&mut self, store: &GraphStore, canonical: &Canonical) -> Result<()> {
        let store = store.oxigraph();
        let rdf_type = NamedNode::new_unchecked(format!("{RDF}type"));
        let label = NamedNode::new_unchecked(format!("{RDFS}label"));
        let title = NamedNode::new_unchecked(format!("{DCTERMS}title"));
        let mentioned_in = NamedNode::new_unchecked(format!("{TP}mentionedIn"));
        for (iri, node) in &mut self.nodes {
            let subject = NamedNode::new_unchecked(iri.as_str());
            let objects = |predicate: Option<NamedNodeRef<'_>>| {
                store.quads_for_pattern(Some(subject.as_ref().into()), predicate, None, None)
            };
            for quad in objects(Some(rdf_type.as_ref())) {
                if let Term::NamedNode(class) = quad?.object {
                    node.classes.extend(NodeClass::from_iri(class.as_str()));
                }
            }
            let is_fact = node.classes.iter().any(|c| c.is_fact());
            let is_article = node.classes.contains(&NodeClass::Article);
            for quad in objects(Some(if is_article { title.as_ref() } else { label.as_ref() })) {
                if let Term::Literal(l) = quad?.object {
                    node.labels.insert((l.language().unwrap_or("").to_owned(), l.value().to_owned()));
                }
            }
            for name in canonical.with_linked(iri) {
                let name = NamedNode::new_unchecked(name);
                let mentions =
                    store.quads_for_pattern(Some(name.as_ref().into()), Some(mentioned_in.as_ref()), None, None);
                for quad in mentions {
                    if let Term::NamedNode(article) = quad?.object {
                        node.articles.extend(article_of(article.as_str()).map(str::to_owned));
                    }
                }
            }
            if is_fact || is_article {
                node.articles.extend(article_of(iri).map(str::to_owned));
            }
            if is_fact {
                for quad in objects(None) {
                    let quad = quad?;
                    if let Term::Literal(l) = quad.object {
                        node.attributes
                            .entry(abbreviate(quad.predicate.as_str()))
                            .or_default()
                            .insert(l.value().to_owned());
                    }
                }
            }
        }
        Ok(())
    }

    /// The nodes with their label chosen: the label in the view's language,
    /// else one without language, else any, else the name in the IRI; fact
    /// nodes say what the fact is.
    fn finish(&mut self, language: &str) -> BTreeMap<String, EntityNode> {
        std::mem::take(&mut self.nodes)
            .into_iter()
            .map(|(iri, partial)| {
                let class = partial.classes.iter().next().copied();
                let chosen = partial
                    .labels
                    .iter()
                    .find(|(l, _)| l == language)
                    .or_else(|| partial.labels.iter().find(|(l, _)| l.is_empty()))
                    .or_else(|| partial.labels.iter().next())
                    .map(|(_, label)| label.clone());
                let mut node = EntityNode {
                    label: String::new(),
                    class,
                    attributes: partial.attributes,
                    articles: partial.articles,
                    iri: iri.clone(),
                };
                node.label = fact_label(&node, language)
                    .or(chosen)
                    .or_else(|| entity_name(&iri))
                    .unwrap_or_else(|| local_part(&iri));
                (iri, node)
            })
            .collect()
    }
}

/// The last segment of an IRI, for nodes with no label at all.
fn local_part(iri: &str) -> String {
    iri.rsplit(['/', '#']).next().filter(|s| !s.is_empty()).unwrap_or(iri).to_owned()
}

/// Each article states its facts with nodes of its own (`tpa:ID#t3`): the
/// same target in two articles is two nodes with the same attributes and
/// the same subject. They become one (the first IRI), knowing both articles.
fn merge_repeated_facts(nodes: &mut BTreeMap<String, EntityNode>, edges: &mut BTreeSet<(String, EntityEdge, String)>) {
    type Key =
        (Option<NodeClass>, BTreeMap<String, BTreeSet<String>>, BTreeSet<(String, String)>, BTreeSet<(String, String)>);
    let mut keys: BTreeMap<Key, String> = BTreeMap::new();
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for (iri, node) in nodes.iter() {
        if !node.class.is_some_and(NodeClass::is_fact) {
            continue;
        }
        let incoming =
            edges.iter().filter(|(_, _, o)| o == iri).map(|(s, e, _)| (s.clone(), e.predicate.clone())).collect();
        let outgoing =
            edges.iter().filter(|(s, _, _)| s == iri).map(|(_, e, o)| (e.predicate.clone(), o.clone())).collect();
        let key = (node.class, node.attributes.clone(), incoming, outgoing);
        match keys.get(&key) {
            Some(first) => {
                renamed.insert(iri.clone(), first.clone());
            }
            None => {
                keys.insert(key, iri.clone());
            }
        }
    }
    for (from, to) in &renamed {
        if let Some(node) = nodes.remove(from) {
            if let Some(kept) = nodes.get_mut(to) {
                kept.articles.extend(node.articles);
            }
        }
    }
    let rename = |iri: String| renamed.get(&iri).cloned().unwrap_or(iri);
    *edges = std::mem::take(edges).into_iter().map(|(s, e, o)| (rename(s), e, rename(o))).collect();
}

fn is_fact(node: &EntityNode) -> bool {
    node.class.is_some_and(NodeClass::is_fact)
}

/// Which entities are linked: by an edge between them, or through a
/// position (a person and the organization of the post). Targets and
/// observations link nothing; they belong to their subject.
fn entity_links<'a>(
    nodes: &BTreeMap<String, EntityNode>,
    edges: &'a BTreeSet<(String, EntityEdge, String)>,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let fact = |iri: &str| nodes.get(iri).is_some_and(is_fact);
    let mut links: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut bridged: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for (s, _, o) in edges {
        match (fact(s), fact(o)) {
            (false, false) => {
                links.entry(s).or_default().insert(o);
                links.entry(o).or_default().insert(s);
            }
            (false, true) => {
                bridged.entry(o).or_default().0.insert(s);
            }
            (true, false) => {
                bridged.entry(s).or_default().1.insert(o);
            }
            (true, true) => {}
        }
    }
    for (_, (before, after)) in bridged {
        for a in &before {
            for b in &after {
                if a != b {
                    links.entry(a).or_default().insert(b);
                    links.entry(b).or_default().insert(a);
                }
            }
        }
    }
    links
}

/// Keeps the entities of `kept` and the facts all of whose entities are
/// kept (a target with its subject, a position with its person and its
/// organization).
fn keep_entities(
    nodes: &mut BTreeMap<String, EntityNode>,
    edges: &mut BTreeSet<(String, EntityEdge, String)>,
    kept: &BTreeSet<String>,
) {
    let mut ends: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (s, _, o) in edges.iter() {
        ends.entry(s).or_default().push(o);
        ends.entry(o).or_default().push(s);
    }
    let keep: BTreeSet<String> = nodes
        .values()
        .filter(|n| {
            if is_fact(n) {
                let around = ends.get(n.iri.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                !around.is_empty() && around.iter().all(|e| kept.contains(*e) || nodes.get(*e).is_some_and(is_fact))
            } else {
                kept.contains(&n.iri)
            }
        })
        .map(|n| n.iri.clone())
        .collect();
    nodes.retain(|iri, _| keep.contains(iri));
    edges.retain(|(s, _, o)| keep.contains(s) && keep.contains(o));
}

/// Breadth-first distances from `start`.
fn hops_from<'a>(start: &'a str, neighbours: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> BTreeMap<&'a str, usize> {
    let mut distance = BTreeMap::from([(start, 0)]);
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let d = distance[node];
        for next in neighbours.get(node).into_iter().flatten() {
            if !distance.contains_key(next) {
                distance.insert(next, d + 1);
                queue.push_back(next);
            }
        }
    }
    distance
}

/// The `cap` entities to keep. Around a focus: the nearest first. Else
/// grown from the most linked entity, always taking the most linked of its
/// neighbours (so that what is kept hangs together rather than being the
/// hubs of unrelated parts), starting again from the most linked entity
/// left when a part is used up. Ties go to more facts, then label order.
fn best_connected(
    nodes: &BTreeMap<String, EntityNode>,
    edges: &BTreeSet<(String, EntityEdge, String)>,
    focus: Option<&str>,
    cap: usize,
) -> BTreeSet<String> {
    let links = entity_links(nodes, edges);
    let mut facts: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, _, o) in edges {
        if nodes.get(o).is_some_and(is_fact) {
            *facts.entry(s.as_str()).or_default() += 1;
        }
    }
    let distance = focus.map(|f| hops_from(f, &links)).unwrap_or_default();
    let mut ranked: Vec<&EntityNode> = nodes.values().filter(|n| !is_fact(n)).collect();
    ranked.sort_by_cached_key(|&n| {
        let iri = n.iri.as_str();
        (
            distance.get(iri).copied().unwrap_or(usize::MAX),
            std::cmp::Reverse(links.get(iri).map_or(0, BTreeSet::len)),
            std::cmp::Reverse(facts.get(iri).copied().unwrap_or(0)),
            n.sort_key(),
        )
    });
    if focus.is_some() {
        return ranked.into_iter().take(cap).map(|n| n.iri.clone()).collect();
    }
    // `ranked` is the order of preference; grow a connected set along it.
    let rank: BTreeMap<&str, usize> = ranked.iter().enumerate().map(|(i, n)| (n.iri.as_str(), i)).collect();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut frontier: BTreeSet<usize> = BTreeSet::new();
    let mut next_start = 0;
    while kept.len() < cap.min(ranked.len()) {
        let pick = match frontier.pop_first() {
            Some(i) => i,
            None => {
                while kept.contains(&ranked[next_start].iri) {
                    next_start += 1;
                }
                next_start
            }
        };
        let iri = ranked[pick].iri.as_str();
        if !kept.insert(iri.to_owned()) {
            continue;
        }
        for neighbour in links.get(iri).into_iter().flatten() {
            if let Some(&i) = rank.get(neighbour) {
                if !kept.contains(*neighbour) {
                    frontier.insert(i);
                }
            }
        }
    }
    kept
}

/// Title and date of each article.
fn article_infos(store: &GraphStore, ids: &BTreeSet<String>) -> Result<BTreeMap<String, ArticleInfo>> {
    let store = store.oxigraph();
    let title = NamedNode::new_unchecked(format!("{DCTERMS}title"));
    let date = NamedNode::new_unchecked(format!("{DCTERMS}date"));
    let mut out = BTreeMap::new();
    for id in ids {
        let article = crate::namespace::article_iri(id);
        let first = |p: &NamedNode| -> Result<Option<String>> {
            let mut values = BTreeSet::new();
            for quad in store.quads_for_pattern(Some(article.as_ref().into()), Some(p.as_ref()), None, None) {
                if let Term::Literal(l) = quad?.object {
                    values.insert(l.value().to_owned());
                }
            }
            Ok(values.into_iter().next())
        };
        out.insert(id.clone(), ArticleInfo { title: first(&title)?, date: first(&date)? });
    }
    debug_assert!(out.keys().all(|id| !id.starts_with(TPA)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use crate::namespace::{TPID, article_iri};

    fn store() -> (tempfile::TempDir, GraphStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        store.replace_article(&sample("bbbbbbbbbbbbbbbb")).unwrap();
        (dir, store)
    }

    fn definition(query: &str) -> ViewDefinition {
        let mut view = ViewDefinition::entities();
        view.name = "test".into();
        view.query = query.into();
        view
    }

    const TARGETS_AND_RELATIONS: &str =
        "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?p { tp:locatedIn tp:hasTarget tp:hasObservation } ?s ?p ?o }";

    const TARGETS: &str = "CONSTRUCT { ?s tp:hasTarget ?t ; tp:hasObservation ?o } WHERE { { ?s tp:hasTarget ?t } UNION { ?s tp:hasObservation ?o } }";

    #[test]
    fn the_same_target_in_two_articles_is_one_node() {
        let (_dir, store) = store();
        let view = build(&store, &definition(TARGETS), &ViewOptions::default()).unwrap();
        let labels: Vec<&str> = view.graph.graph().node_weights().map(|n| n.label.as_str()).collect();
        assert_eq!(
            labels,
            ["张家口市", "2025年目标\n大数据及关联产业投资规模\n≥2000亿元", "2025年3月\n投运服务器\n172.24万台"]
        );
        let target = view.graph.graph().node_weights().find(|n| n.class == Some(NodeClass::Target)).unwrap();
        assert_eq!(target.articles.len(), 2, "{target:?}");
        assert_eq!(target.attribute("tp:valueText"), Some("2000亿元"));
        assert_eq!(view.graph.graph().edge_count(), 2);
    }

    #[test]
    fn one_article_only() {
        let (_dir, store) = store();
        let options = ViewOptions { article: Some(article_iri("aaaaaaaaaaaaaaaa")), ..Default::default() };
        let view = build(&store, &definition(TARGETS), &options).unwrap();
        assert!(view.graph.graph().node_weights().all(|n| !n.iri.contains("bbbb")));
        assert_eq!(view.article.as_deref(), Some("aaaaaaaaaaaaaaaa"));
        let missing = ViewOptions { article: Some(article_iri("cccccccccccccccc")), ..Default::default() };
        assert!(matches!(build(&store, &definition(TARGETS), &missing), Err(GraphError::NoSuchGraph { .. })));
    }

    #[test]
    fn focus_depth_and_cap() {
        let (_dir, store) = store();
        let mut everything = definition(TARGETS_AND_RELATIONS);
        everything.name = "everything".into();
        let all = build(&store, &everything, &ViewOptions::default()).unwrap();
        let labels: Vec<&str> = all.graph.graph().node_weights().map(|n| n.label.as_str()).collect();
        assert_eq!(labels.len(), 5, "{labels:?}");
        assert_eq!(all.total_entities, 3);

        let focus = ViewOptions { focus: Some(format!("{TPID}创坝")), depth: Some(1), ..Default::default() };
        let near = build(&store, &everything, &focus).unwrap();
        let labels: Vec<&str> = near.graph.graph().node_weights().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["创坝", "宝德数坝"]);

        let city = ViewOptions { focus: Some(format!("{TPID}张家口市")), depth: Some(0), ..Default::default() };
        let city = build(&store, &everything, &city).unwrap();
        assert_eq!(city.graph.graph().node_count(), 3, "the city and its facts");
        assert_eq!(city.graph.entity_count(), 1);

        let capped = ViewOptions { max_nodes: Some(2), ..Default::default() };
        let capped = build(&store, &everything, &capped).unwrap();
        assert!(capped.is_truncated());
        assert_eq!((capped.graph.entity_count(), capped.total_entities), (2, 3));
        let labels: Vec<&str> = capped.graph.graph().node_weights().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["创坝", "宝德数坝"], "the linked pair is kept, the city's facts go with it");
    }

    #[test]
    fn a_focus_view_needs_a_focus() {
        let (_dir, store) = store();
        let mut view = ViewDefinition::entities();
        view.requires_focus = true;
        let err = build(&store, &view, &ViewOptions::default()).unwrap_err().to_string();
        assert!(err.contains("--focus"), "{err}");
    }
}
