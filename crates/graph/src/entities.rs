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

use crate::bookkeeping::BUILD_GRAPH;
use crate::error::Result;
use crate::namespace::{RDF, RDFS, SKOS, TP};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store, Transaction};
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
pub(crate) fn mark_pending(store: &Store) -> Result<()> {
    if !store.contains(&pending_quad())? {
        store.insert(&pending_quad())?;
    }
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

/// Derives again the descriptions of `entities` from the article graphs,
/// and clears the pending mark: all in one transaction.
pub(crate) fn refresh(store: &Store, entities: &BTreeSet<NamedNode>) -> Result<()> {
    let properties = description_properties();
    let graph = graph();
    let mut transaction = store.start_transaction()?;
    for entity in entities {
        describe(&mut transaction, entity, &properties, &graph)?;
    }
    transaction.remove(&pending_quad());
    transaction.commit()?;
    Ok(())
}

/// Derives the whole entities graph again (after an interrupted build).
pub(crate) fn rebuild(store: &Store) -> Result<()> {
    let mentioned = NamedNode::new_unchecked(format!("{TP}mentionedIn"));
    let mut entities: BTreeSet<NamedNode> = BTreeSet::new();
    for quad in store.quads_for_pattern(None, Some(mentioned.as_ref()), None, None) {
        if let NamedOrBlankNode::NamedNode(entity) = quad?.subject {
            entities.insert(entity);
        }
    }
    let graph = graph();
    for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))) {
        if let NamedOrBlankNode::NamedNode(entity) = quad?.subject {
            entities.insert(entity);
        }
    }
    refresh(store, &entities)
}

/// Makes `entity`'s description in the entities graph the distinct union
/// of what the other graphs say of it through `properties`.
fn describe(
    transaction: &mut Transaction<'_>,
    entity: &NamedNode,
    properties: &[NamedNode],
    graph: &NamedNode,
) -> std::result::Result<(), StorageError> {
    let own = GraphNameRef::NamedNode(graph.as_ref());
    let mut said: HashSet<(NamedNode, Term)> = HashSet::new();
    let mut stored: Vec<Quad> = Vec::new();
    for property in properties {
        for quad in transaction.quads_for_pattern(Some(entity.as_ref().into()), Some(property.as_ref()), None, None) {
            let quad = quad?;
            if quad.graph_name.as_ref() == own {
                stored.push(quad);
            } else if quad.graph_name.as_ref() != GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(BUILD_GRAPH)) {
                said.insert((quad.predicate, quad.object));
            }
        }
    }
    for quad in &stored {
        if !said.remove(&(quad.predicate.clone(), quad.object.clone())) {
            transaction.remove(quad);
        }
    }
    for (predicate, object) in said {
        transaction.insert(&Quad::new(entity.clone(), predicate, object, graph.clone()));
    }
    Ok(())
}
