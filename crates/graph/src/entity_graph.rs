//! The graph that views, diagrams and graph algorithms share: entities and
//! fact nodes (targets, observations, positions) as petgraph nodes with
//! their label, class and literal attributes, relations as edges — each
//! edge once however many articles state it, in a sorted order so that the
//! same store always gives the same graph.

use crate::error::Result;
use crate::namespace::{TP, TPA, abbreviate};
use crate::store::GraphStore;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};
use tupu_ingest::{EntityClass, Relation};

/// The font that holds the Chinese glyphs (package fonts-noto-cjk).
pub const FONT: &str = "Noto Sans CJK SC";

/// What a node is: an entity of a class of `ONTOLOGY.md`, or one of the
/// nodes that n-ary facts and articles are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeClass {
    /// An entity (company, place, park…).
    Entity(EntityClass),
    /// A `tp:Target` (规划目标).
    Target,
    /// A `tp:Observation` (指标数值).
    Observation,
    /// A `tp:Position` (职务).
    Position,
    /// A `tp:Article`.
    Article,
}

impl NodeClass {
    /// Every class, entities first in the order of `ONTOLOGY.md`.
    pub fn all() -> impl Iterator<Item = NodeClass> {
        EntityClass::ALL.into_iter().map(NodeClass::Entity).chain([
            NodeClass::Target,
            NodeClass::Observation,
            NodeClass::Position,
            NodeClass::Article,
        ])
    }

    /// The local name in the `tp:` namespace.
    pub fn local_name(self) -> &'static str {
        match self {
            Self::Entity(class) => class.local_name(),
            Self::Target => "Target",
            Self::Observation => "Observation",
            Self::Position => "Position",
            Self::Article => "Article",
        }
    }

    /// The class a `tp:` local name names.
    pub fn from_local_name(name: &str) -> Option<Self> {
        Self::all().find(|c| c.local_name() == name)
    }

    /// The class an IRI names, if it is one of the `tp:` classes.
    pub fn from_iri(iri: &str) -> Option<Self> {
        iri.strip_prefix(TP).and_then(Self::from_local_name)
    }

    /// The class's name in diagrams, in Chinese (`zh`) or English.
    pub fn display_name(self, language: &str) -> &'static str {
        use EntityClass::*;
        if language != "zh" {
            return self.local_name();
        }
        match self {
            Self::Entity(Company) => "企业",
            Self::Entity(GovernmentBody) => "政府机构",
            Self::Entity(Institution) => "院校/机构",
            Self::Entity(Country) => "国家",
            Self::Entity(Province) => "省",
            Self::Entity(City) => "市",
            Self::Entity(County) => "县区",
            Self::Entity(Region) => "区域",
            Self::Entity(Park) => "园区/基地",
            Self::Entity(DataCenter) => "数据中心",
            Self::Entity(Zone) => "布局分区",
            Self::Entity(Person) => "人物",
            Self::Entity(Plan) => "规划/政策",
            Self::Entity(Program) => "工程",
            Self::Entity(Project) => "项目",
            Self::Target => "目标",
            Self::Observation => "指标数值",
            Self::Position => "职务",
            Self::Article => "文章",
        }
    }

    /// Whether the node stands for an n-ary fact rather than an entity.
    pub fn is_fact(self) -> bool {
        matches!(self, Self::Target | Self::Observation | Self::Position)
    }
}

/// A node as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityNode {
    /// The node's IRI (kept for lookups and exports, never drawn).
    pub iri: String,
    /// What the diagram shows: the entity's `rdfs:label`, or for a fact
    /// node its year, indicator and value with its unit.
    pub label: String,
    /// Its class; for an entity the first in `ONTOLOGY.md` order when
    /// articles disagree.
    pub class: Option<NodeClass>,
    /// Literal properties by abbreviated predicate (`tp:valueText`), each
    /// value once.
    pub attributes: BTreeMap<String, BTreeSet<String>>,
    /// The ids of the articles that mention the entity or state the fact.
    pub articles: BTreeSet<String>,
}

impl EntityNode {
    /// A node with no attributes and no articles.
    pub fn new(iri: impl Into<String>, label: impl Into<String>, class: Option<NodeClass>) -> Self {
        Self { iri: iri.into(), label: label.into(), class, attributes: BTreeMap::new(), articles: BTreeSet::new() }
    }

    /// The first value of an attribute (`tp:year`…).
    pub fn attribute(&self, predicate: &str) -> Option<&str> {
        self.attributes.get(predicate).and_then(|values| values.iter().next()).map(String::as_str)
    }

    /// The order nodes are laid out in: entities by label, then fact nodes
    /// by time (year or date), so that targets read as a time line.
    pub fn sort_key(&self) -> (bool, String, &str, &str) {
        let is_fact = self.class.is_some_and(NodeClass::is_fact);
        let time = if is_fact {
            self.attribute("tp:year").or_else(|| self.attribute("tp:date")).unwrap_or("").to_owned()
        } else {
            String::new()
        };
        (is_fact, time, &self.label, &self.iri)
    }
}

/// An edge: a relation between two nodes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityEdge {
    /// The predicate's IRI.
    pub predicate: String,
}

impl EntityEdge {
    /// An edge of one of the seven binary relations.
    pub fn relation(relation: Relation) -> Self {
        Self { predicate: format!("{TP}{}", relation.local_name()) }
    }

    /// The binary relation of `ONTOLOGY.md` the edge is, if it is one.
    pub fn as_relation(&self) -> Option<Relation> {
        self.predicate.strip_prefix(TP).and_then(|local| local.parse().ok())
    }

    /// The predicate's local name (`locatedIn`), else its abbreviation.
    pub fn local_name(&self) -> String {
        match self.predicate.strip_prefix(TP) {
            Some(local) => local.to_owned(),
            None => abbreviate(&self.predicate),
        }
    }

    /// What the edge is called in a diagram: `位于` in Chinese, the local
    /// name otherwise.
    pub fn label(&self, language: &str) -> String {
        if language != "zh" {
            return self.local_name();
        }
        if let Some(relation) = self.as_relation() {
            return relation.label_zh().to_owned();
        }
        match self.local_name().as_str() {
            "hasTarget" => "目标".into(),
            "hasObservation" => "指标".into(),
            "holdsPosition" => "任职".into(),
            "organization" => "任职于".into(),
            "mentionedIn" => "提及于".into(),
            other => other.to_owned(),
        }
    }

    /// Whether `a R b` implies `b R a` (drawn without arrowheads).
    pub fn is_symmetric(&self) -> bool {
        self.as_relation().is_some_and(Relation::is_symmetric)
    }
}

/// Nodes and relations as a petgraph graph; nodes in [`EntityNode::sort_key`]
/// order, each `(source, predicate, target)` edge once, edges sorted.
#[derive(Debug, Clone, Default)]
pub struct EntityGraph {
    graph: DiGraph<EntityNode, EntityEdge>,
}

impl EntityGraph {
    /// The whole entity graph of the store: every binary relation and the
    /// entities it links (the built-in view `entities`).
    pub fn from_store(store: &GraphStore) -> Result<Self> {
        let view = crate::view::ViewDefinition::entities();
        Ok(crate::view::build(store, &view, &crate::view::ViewOptions::default())?.graph)
    }

    /// A graph of the given nodes and `(source IRI, edge, target IRI)`
    /// edges; nodes are sorted, duplicate edges merged, and edges whose
    /// ends are not among the nodes left out.
    pub fn from_parts(
        mut nodes: Vec<EntityNode>,
        edges: impl IntoIterator<Item = (String, EntityEdge, String)>,
    ) -> Self {
        nodes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        nodes.dedup_by(|a, b| a.iri == b.iri);
        let mut graph = DiGraph::new();
        let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
        for node in nodes {
            let iri = node.iri.clone();
            index.entry(iri).or_insert_with(|| graph.add_node(node));
        }
        let mut edges: Vec<(NodeIndex, NodeIndex, EntityEdge)> =
            edges.into_iter().filter_map(|(s, e, o)| Some((*index.get(&s)?, *index.get(&o)?, e))).collect();
        edges.sort();
        edges.dedup();
        for (s, o, e) in edges {
            graph.add_edge(s, o, e);
        }
        Self { graph }
    }

    /// The petgraph graph.
    pub fn graph(&self) -> &DiGraph<EntityNode, EntityEdge> {
        &self.graph
    }

    /// The nodes that are entities, not facts.
    pub fn entity_count(&self) -> usize {
        self.graph.node_weights().filter(|n| !n.class.is_some_and(NodeClass::is_fact)).count()
    }

    /// The node of an IRI.
    pub fn node_of(&self, iri: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&n| self.graph[n].iri == iri)
    }

    /// The ids of the articles the nodes come from, sorted.
    pub fn article_ids(&self) -> BTreeSet<String> {
        self.graph.node_weights().flat_map(|n| n.articles.iter().cloned()).collect()
    }

    /// The whole graph as Graphviz DOT in the style of the built-in view
    /// `entities`: Chinese labels, shapes and colours by class, a legend.
    pub fn to_dot(&self) -> String {
        crate::view::View::whole(self.clone()).to_dot()
    }
}

/// The id of the article an article-local node (`tpa:ID#t3`) or an article
/// IRI belongs to.
pub fn article_of(iri: &str) -> Option<&str> {
    let local = iri.strip_prefix(TPA)?;
    Some(local.split('#').next().unwrap_or(local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use crate::namespace::TPID;

    fn node(name: &str, class: EntityClass) -> EntityNode {
        EntityNode::new(format!("{TPID}{name}"), name, Some(NodeClass::Entity(class)))
    }

    #[test]
    fn labels_are_escaped() {
        let nodes = vec![node("a\"b\\c", EntityClass::Company), node("第二\n行", EntityClass::City)];
        let edges = [(format!("{TPID}a\"b\\c"), EntityEdge::relation(Relation::LocatedIn), format!("{TPID}第二\n行"))];
        let dot = EntityGraph::from_parts(nodes, edges).to_dot();
        assert!(dot.contains(r#"label="a\"b\\c""#), "{dot}");
        assert!(dot.contains(r#"label="第二\n行""#), "{dot}");
        assert!(dot.contains(r#"n0 -> n1 [label="位于""#), "{dot}");
    }

    #[test]
    fn duplicate_edges_and_nodes_are_merged() {
        let nodes =
            vec![node("乙", EntityClass::City), node("甲", EntityClass::Company), node("乙", EntityClass::City)];
        let edge = || (format!("{TPID}甲"), EntityEdge::relation(Relation::LocatedIn), format!("{TPID}乙"));
        let graph = EntityGraph::from_parts(nodes, [edge(), edge()]);
        assert_eq!(graph.graph().node_count(), 2);
        assert_eq!(graph.graph().edge_count(), 1);
    }

    #[test]
    fn store_graph_has_chinese_labels_and_no_iris() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        store.replace_article(&sample("bbbbbbbbbbbbbbbb")).unwrap();
        let graph = EntityGraph::from_store(&store).unwrap();
        assert_eq!(graph.graph().node_count(), 2, "the entities with relations");
        assert_eq!(graph.graph().edge_count(), 1, "one relation, stated twice");
        let dot = graph.to_dot();
        assert!(!dot.contains("https://"), "{dot}");
        assert!(dot.contains(&format!("fontname=\"{FONT}\"")));
        assert!(dot.contains("label=\"宝德数坝\", shape=box"), "{dot}");
        assert!(dot.contains("label=\"创坝\", shape=folder"), "{dot}");
        assert_eq!(dot, EntityGraph::from_store(&store).unwrap().to_dot(), "stable output");
    }

    #[test]
    fn edge_labels_in_both_languages() {
        let edge = EntityEdge::relation(Relation::PartOf);
        assert_eq!(edge.label("zh"), "属于");
        assert_eq!(edge.label("en"), "partOf");
        assert_eq!(EntityEdge { predicate: format!("{TP}hasTarget") }.label("zh"), "目标");
        assert_eq!(article_of(&format!("{TPA}00ff#t3")), Some("00ff"));
    }
}
