//! What a store holds, counted for `tupu status`: articles, entities and
//! facts by kind. Counted by SPARQL aggregates, which work on the store's
//! encoded terms and so need no string lookups but for the results.

use crate::error::Result;
use crate::namespace::{DCTERMS, RDF, TP};
use crate::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use std::collections::BTreeMap;

/// Counts of what a store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Articles (named graphs `tpa:…` with their source).
    pub articles: usize,
    /// Entities mentioned by at least one article.
    pub entities: usize,
    /// Facts by kind — the `tp:` local name of their predicate
    /// (`locatedIn`, `hasTarget`…) — counted once per article that states
    /// them, as their evidence nodes are.
    pub facts: BTreeMap<String, usize>,
    /// Quads in all graphs.
    pub quads: usize,
}

impl StoreStats {
    /// Counts what `store` holds.
    pub fn of(store: &GraphStore) -> Result<Self> {
        let articles = select(
            store,
            &format!("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{DCTERMS}source> ?s }} }}"),
        )?
        .first()
        .map_or(0, |row| number(row, "n"));
        let entities = select(
            store,
            &format!("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?e <{TP}mentionedIn> ?a }} }}"),
        )?
        .first()
        .map_or(0, |row| number(row, "n"));
        let mut facts = BTreeMap::new();
        let by_kind =
            format!("SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?x <{RDF}predicate> ?p }} }} GROUP BY ?p");
        for row in select(store, &by_kind)? {
            if let Some(Term::NamedNode(predicate)) = row.get("p") {
                if let Some(kind) = predicate.as_str().strip_prefix(TP) {
                    facts.insert(kind.to_owned(), number(&row, "n"));
                }
            }
        }
        Ok(Self { articles, entities, facts, quads: store.oxigraph().len()? })
    }

    /// All facts, of every kind.
    pub fn fact_count(&self) -> usize {
        self.facts.values().sum()
    }
}

/// The solutions of a SELECT query over the store's named graphs.
fn select(store: &GraphStore, query: &str) -> Result<Vec<QuerySolution>> {
    let QueryResults::Solutions(solutions) =
        SparqlEvaluator::new().parse_query(query)?.on_store(store.oxigraph()).execute()?
    else {
        unreachable!("a SELECT query gives solutions")
    };
    Ok(solutions.collect::<Result<_, _>>()?)
}

/// A count in a solution.
fn number(row: &QuerySolution, variable: &str) -> usize {
    match row.get(variable) {
        Some(Term::Literal(literal)) => literal.value().parse().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;

    #[test]
    fn counts_articles_entities_and_facts_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        assert_eq!(StoreStats::of(&store).unwrap(), StoreStats::default());
        store.write_article(&sample("aaaaaaaaaaaaaaaa"), "r", &[]).unwrap();
        store.write_article(&sample("bbbbbbbbbbbbbbbb"), "r", &[]).unwrap();
        let stats = StoreStats::of(&store).unwrap();
        assert_eq!(stats.articles, 2);
        assert_eq!(stats.entities, 4, "the same four entities in both");
        let kinds: Vec<(&str, usize)> = stats.facts.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        assert_eq!(kinds, [("hasObservation", 2), ("hasTarget", 2), ("holdsPosition", 2), ("locatedIn", 2)]);
        assert_eq!(stats.fact_count(), 8);
        assert_eq!(stats.quads, store.len(None).unwrap());
    }
}
