//! The entities graph [`ENTITIES_GRAPH`] (`tpg:entities`): each entity's
//! description — `rdf:type`, `rdfs:label`, `skos:altLabel`, `tp:adcode` —
//! once, however many articles mention it.
//!
//! Every article graph describes the entities it mentions, which keeps an
//! article's graph whole (replacing or removing it is exact) but repeats
//! 张家口市's name and class in hundreds of graphs. A query joining names
//! or classes over the union of all graphs then multiplies its rows by
//! those repetitions; on a year of news it does not finish. This graph is
//! the distinct union of those descriptions, derived from the article
//! graphs and kept in step with them: after articles are written or
//! removed, the descriptions of the entities they mention(ed) are computed
//! again from the article graphs that still mention them, so an entity
//! disappears from it with the last article that names it. A mark in the
//! build graph says a change is under way; a build that finds it (the
//! previous one was interrupted) derives the whole graph again.
//!
//! The graph also links the names of one company across articles
//! (`owl:sameAs`, [`crate::identity`]), derived last from the companies it
//! describes.

use crate::bookkeeping::BUILD_GRAPH;
use crate::divisions::DIVISIONS_GRAPH;
use crate::error::Result;
use crate::identity::ShortFormsOf;
use crate::namespace::{ONTOLOGY_GRAPH, RDF, RDFS, SKOS, TP, TPID};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeSet, HashSet};

/// The graph of entity descriptions.
pub const ENTITIES_GRAPH: &str = "https://w3id.org/tupu/entities";

/// `tp:entitiesPending`: on [`BUILD_GRAPH`], present while the entities
/// graph may lag behind the article graphs.
const ENTITIES_PENDING: &str = "https://w3id.org/tupu/ontology#entitiesPending";

/// The properties that describe an entity rather than state a fact.
fn description_properties() -> [NamedNode; 4] {
    [
        NamedNode::new_unchecked(format!("{RDF}type")),
        NamedNode::new_unchecked(format!("{RDFS}label")),
        NamedNode::new_unchecked(format!("{SKOS}altLabel")),
        NamedNode::new_unchecked(format!("{TP}adcode")),
    ]
}

fn graph() -> NamedNode {
    NamedNode::new_unchecked(ENTITIES_GRAPH)
}

fn pending_quad() -> Quad {
    let build = NamedNode::new_unchecked(BUILD_GRAPH);
    Quad::new(build.clone(), NamedNode::new_unchecked(ENTITIES_PENDING), Literal::from(true), build)
}

/// Notes that the article graphs are about to change, so that an
/// interruption before [`refresh`] is repaired by the next build.
/// The article list copied beside the store stops being trusted in the
/// same transaction ([`crate::article_list`]).
pub(crate) fn mark_pending(store: &Store) -> Result<()> {
    let mut transaction = store.start_transaction()?;
    crate::article_list::forget(&mut transaction)?;
    transaction.insert(&pending_quad());
    transaction.commit()?;
    Ok(())
}

/// Whether a change of the article graphs may not have reached the
/// entities graph.
pub(crate) fn is_pending(store: &Store) -> Result<bool> {
    Ok(store.contains(&pending_quad())?)
}

/// The entities an article graph mentions (`tp:mentionedIn` it).
pub(crate) fn mentioned_in(store: &Store, article: NamedNodeRef<'_>) -> Result<Vec<NamedNode>> {
    let mentioned = NamedNode::new_unchecked(format!("{TP}mentionedIn"));
    let mut entities = Vec::new();
    for quad in store.quads_for_pattern(None, Some(mentioned.as_ref()), Some(article.into()), Some(article.into())) {
        if let NamedOrBlankNode::NamedNode(entity) = quad?.subject {
            entities.push(entity);
        }
    }
    Ok(entities)
}

/// The description statements among an article graph's quads: what
/// writing them adds to the entities graph.
pub(crate) fn descriptions_in(quads: &[Quad]) -> impl Iterator<Item = Statement> + '_ {
    let properties = description_properties();
    quads.iter().filter_map(move |quad| match &quad.subject {
        NamedOrBlankNode::NamedNode(entity)
            if entity.as_str().starts_with(TPID) && properties.contains(&quad.predicate) =>
        {
            Some((entity.clone(), quad.predicate.clone(), quad.object.clone()))
        }
        _ => None,
    })
}

/// Brings the entities graph in step after articles were written.
/// `added` holds the description statements of the graphs written, which
/// only add to descriptions; the descriptions of `recheck` (the entities
/// of graphs replaced or removed) are derived again from the article
/// graphs that remain, read first (nothing else writes while a build holds
/// the store). The pending mark stays until [`finish`].
pub(crate) fn refresh(store: &Store, recheck: &BTreeSet<NamedNode>, added: HashSet<Statement>) -> Result<Touched> {
    let (mut said, stored) = if recheck.len() > ENTITIES_READ_ONE_BY_ONE {
        let keep = |(e, _, _): &Statement| recheck.contains(e);
        let said = statements(store, None, false)?.into_iter().filter(keep).collect();
        let stored = statements(store, None, true)?.into_iter().filter(keep).collect();
        (said, stored)
    } else {
        let mut said = HashSet::new();
        let mut stored = HashSet::new();
        for entity in recheck {
            said.extend(statements(store, Some(entity), false)?);
            stored.extend(statements(store, Some(entity), true)?);
        }
        (said, stored)
    };
    // what the graph holds already is no change
    let graph = graph();
    let mut new = HashSet::new();
    for statement in added.into_iter().filter(|(e, _, _)| !recheck.contains(e)) {
        let (s, p, o) = &statement;
        if !store.contains(QuadRef::new(s, p, o, &graph))? {
            new.insert(statement);
        }
    }
    said.extend(new);
    write_difference(store, said, stored)
}

/// Which of what is derived from the entities graph a change of it may
/// have changed: the identity links (from the companies and their names)
/// and the division hierarchy (from the division codes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Touched {
    /// A company appeared or went, or a name of one changed.
    pub names: bool,
    /// Division codes that appeared (entity, code).
    pub codes_added: Vec<(NamedNode, String)>,
    /// A division code went.
    pub codes_removed: bool,
}

impl Touched {
    /// Everything, as after the whole graph was derived anew.
    pub fn all() -> Touched {
        Touched { names: true, codes_added: Vec::new(), codes_removed: true }
    }

    /// Notes a statement added (`added`) or removed.
    fn by(&mut self, (entity, property, object): &Statement, added: bool) {
        let is = |namespace: &str, local: &str| property.as_str().strip_prefix(namespace) == Some(local);
        if is(RDF, "type") {
            self.names |=
                matches!(object, Term::NamedNode(class) if class.as_str().strip_prefix(TP) == Some("Company"));
        } else if is(SKOS, "altLabel") {
            self.names = true;
        } else if is(TP, "adcode") {
            match object {
                Term::Literal(code) if added => self.codes_added.push((entity.clone(), code.value().to_owned())),
                _ => self.codes_removed = true,
            }
        }
    }
}

/// Makes the entities graph hold the descriptions `said` where it held
/// `stored`, and tells what that touched.
fn write_difference(store: &Store, mut said: HashSet<Statement>, stored: HashSet<Statement>) -> Result<Touched> {
    let mut touched = Touched::default();
    let graph = graph();
    let quad = |(s, p, o): Statement| Quad::new(s, p, o, graph.clone());
    let removals: Vec<Statement> = stored.into_iter().filter(|statement| !said.remove(statement)).collect();
    removals.iter().for_each(|statement| touched.by(statement, false));
    said.iter().for_each(|statement| touched.by(statement, true));
    let removals: Vec<Quad> = removals.into_iter().map(quad).collect();
    let mut insertions: Vec<Quad> = said.into_iter().map(quad).collect();
    if insertions.len() > BULK_INSERTIONS_FROM {
        // Inserting is adding: the bulk loader does it at a fraction of a
        // transaction's cost, and the mark stays until the rest is done.
        let mut loader = store.bulk_loader();
        loader.load_quads(std::mem::take(&mut insertions))?;
        loader.commit()?;
    }
    if !removals.is_empty() || !insertions.is_empty() {
        let mut transaction = store.start_transaction()?;
        for quad in &removals {
            transaction.remove(quad);
        }
        transaction.extend(&insertions);
        transaction.commit()?;
    }
    Ok(touched)
}

/// The last step of bringing the graph in step: the identity links
/// ([`crate::identity`]) made those the companies it describes give now
/// (when `short_forms` are given: the names may have changed), and the
/// pending mark cleared, in one transaction.
pub(crate) fn finish(store: &Store, short_forms: Option<&ShortFormsOf<'_>>) -> Result<()> {
    let (removals, insertions) = match short_forms {
        Some(short_forms) => crate::identity::changes(store, short_forms)?,
        None => Default::default(),
    };
    let mut transaction = store.start_transaction()?;
    for quad in &removals {
        transaction.remove(quad);
    }
    transaction.extend(&insertions);
    transaction.remove(&pending_quad());
    transaction.commit()?;
    Ok(())
}

/// From this many insertions on, they are bulk-loaded.
const BULK_INSERTIONS_FROM: usize = 5000;

/// Up to this many entities, descriptions are read entity by entity;
/// beyond, the whole of each description property is read at once.
const ENTITIES_READ_ONE_BY_ONE: usize = 1000;

/// `entity property value`.
pub(crate) type Statement = (NamedNode, NamedNode, Term);

/// What the article graphs (every graph but the store's own) say through
/// the description properties, each statement once, of `entity` or of all
/// entities — or, with `stored`, what the entities graph holds. SPARQL queries, one per property, since
/// the evaluator compares and deduplicates encoded terms and decodes only
/// what it returns, where reading quads one by one would decode the name
/// of every article graph they come from.
fn statements(store: &Store, entity: Option<&NamedNode>, stored: bool) -> Result<HashSet<Statement>> {
    let (subject, bind) = match entity {
        Some(entity) => (entity.to_string(), format!("BIND({entity} AS ?e)")),
        None => ("?e".to_owned(), String::new()),
    };
    let mut out = HashSet::new();
    for property in description_properties() {
        let query = if stored {
            format!("SELECT ?e ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ {subject} {property} ?o }} {bind} }}")
        } else {
            format!(
                "SELECT DISTINCT ?e ?o WHERE {{ GRAPH ?g {{ {subject} {property} ?o }} {bind} \
                 FILTER(?g NOT IN (<{ENTITIES_GRAPH}>, <{BUILD_GRAPH}>, <{DIVISIONS_GRAPH}>, <{ONTOLOGY_GRAPH}>)) }}"
            )
        };
        let QueryResults::Solutions(solutions) =
            SparqlEvaluator::new().parse_query(&query)?.on_store(store).execute()?
        else {
            unreachable!("a SELECT query gives solutions")
        };
        for solution in solutions {
            let solution = solution?;
            if let (Some(Term::NamedNode(e)), Some(o)) = (solution.get("e"), solution.get("o")) {
                out.insert((e.clone(), property.clone(), o.clone()));
            }
        }
    }
    Ok(out)
}

/// Derives the whole entities graph again (after an interrupted build).
/// The pending mark stays until [`finish`].
pub(crate) fn rebuild(store: &Store) -> Result<Touched> {
    let is_entity = |(e, _, _): &Statement| e.as_str().starts_with(TPID);
    let said = statements(store, None, false)?.into_iter().filter(is_entity).collect();
    write_difference(store, said, statements(store, None, true)?)?;
    Ok(Touched::all())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphStore;
    use crate::mapping::tests::sample;

    #[test]
    fn reading_all_descriptions_at_once_agrees_with_reading_them_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let mut other = sample("bbbbbbbbbbbbbbbb");
        other.entities[0].aliases.insert("宝德".into());
        store.load_new_articles(&[sample("aaaaaaaaaaaaaaaa"), other], "r").unwrap();
        let store = store.oxigraph();
        // Read at once, articles and fact nodes come too; refresh keeps
        // the entities asked about.
        let is_entity = |(e, _, _): &Statement| e.as_str().starts_with(crate::namespace::TPID);
        let at_once: HashSet<Statement> =
            statements(store, None, false).unwrap().into_iter().filter(is_entity).collect();
        let entities: BTreeSet<NamedNode> = at_once.iter().map(|(e, _, _)| e.clone()).collect();
        let mut one_by_one = HashSet::new();
        for entity in &entities {
            one_by_one.extend(statements(store, Some(entity), false).unwrap());
        }
        assert_eq!(entities.len(), 4);
        assert_eq!(at_once, one_by_one);
        assert!(at_once.iter().any(|(_, _, o)| o.to_string().contains("宝德")));
    }
}
