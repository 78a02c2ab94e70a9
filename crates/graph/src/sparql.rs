//! SPARQL as users write it against a tupu store: the `ONTOLOGY.md`
//! prefixes predeclared (error positions stay those of the user's text,
//! since nothing is prepended) and the default graph the union of all
//! graphs, so a query needs no `GRAPH` clause to see every article.

use crate::error::Result;
use crate::namespace::PREFIXES;
use crate::store::GraphStore;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

/// An evaluator that knows the prefixes of `ONTOLOGY.md`. A `PREFIX`
/// declared in the query overrides them.
pub fn evaluator() -> SparqlEvaluator {
    PREFIXES.iter().fold(SparqlEvaluator::new(), |evaluator, (prefix, iri)| {
        evaluator.with_prefix(*prefix, *iri).expect("the vocabulary's namespaces are valid IRIs")
    })
}

/// Runs a SPARQL 1.1 query. Unless the query names its dataset (`FROM`),
/// its default graph is the union of all graphs. Oxigraph's union is a bag:
/// a triple in three article graphs matches three times (use `DISTINCT`).
pub fn query(store: &GraphStore, sparql: &str) -> Result<QueryResults<'static>> {
    let mut prepared = evaluator().parse_query(sparql)?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared.on_store(store.oxigraph()).execute()?)
}

/// Runs a SPARQL 1.1 update. `WHERE` clauses without `USING` match the
/// union of all graphs, as queries do; data without `GRAPH` goes to the
/// store's default graph.
pub fn update(store: &GraphStore, sparql: &str) -> Result<()> {
    let mut prepared = evaluator().parse_update(sparql)?;
    for dataset in prepared.using_datasets_mut() {
        if dataset.is_default_dataset() {
            dataset.set_default_graph_as_union();
        }
    }
    prepared.on_store(store.oxigraph()).execute()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::GraphError;
    use crate::mapping::tests::sample;
    use oxigraph::model::Term;

    fn store_with_two_articles() -> (tempfile::TempDir, GraphStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        store.replace_article(&sample("bbbbbbbbbbbbbbbb")).unwrap();
        (dir, store)
    }

    fn column(results: QueryResults<'static>, var: &str) -> Vec<String> {
        let QueryResults::Solutions(solutions) = results else { panic!("not a SELECT") };
        let mut values: Vec<String> = solutions
            .map(|s| match s.unwrap().get(var) {
                Some(Term::Literal(l)) => l.value().to_owned(),
                Some(t) => t.to_string(),
                None => String::new(),
            })
            .collect();
        values.sort();
        values
    }

    #[test]
    fn queries_see_the_union_of_all_graphs_with_prefixes() {
        let (_dir, store) = store_with_two_articles();
        let articles = query(&store, "SELECT ?a WHERE { ?a a tp:Article }").unwrap();
        assert_eq!(column(articles, "a").len(), 2);
        let places = query(&store, "SELECT DISTINCT ?l WHERE { ?c tp:locatedIn ?p . ?p rdfs:label ?l }").unwrap();
        assert_eq!(column(places, "l"), ["创坝"]);
        let one_graph =
            query(&store, "SELECT ?a FROM <https://w3id.org/tupu/article/aaaaaaaaaaaaaaaa> WHERE { ?a a tp:Article }")
                .unwrap();
        assert_eq!(column(one_graph, "a").len(), 1, "FROM still narrows the dataset");
    }

    #[test]
    fn a_query_may_redeclare_a_prefix() {
        let (_dir, store) = store_with_two_articles();
        let q = "PREFIX tp: <http://example.com/> SELECT ?a WHERE { ?a a tp:Article }";
        assert!(column(query(&store, q).unwrap(), "a").is_empty());
    }

    #[test]
    fn syntax_errors_point_into_the_users_text() {
        let (_dir, store) = store_with_two_articles();
        let err = query(&store, "SELECT ?a\nWHERE { ?a a tp:Article ").err().expect("a syntax error");
        assert!(matches!(err, GraphError::Syntax(_)), "{err:?}");
        assert!(err.to_string().contains("2:"), "{err}");
    }

    #[test]
    fn updates_match_the_union_and_can_delete() {
        let (_dir, store) = store_with_two_articles();
        update(&store, "DELETE { GRAPH ?g { ?s tp:locatedIn ?o } } WHERE { GRAPH ?g { ?s tp:locatedIn ?o } }").unwrap();
        let left = query(&store, "ASK { ?s tp:locatedIn ?o }").unwrap();
        assert!(matches!(left, QueryResults::Boolean(false)));
        update(&store, "INSERT { tpid:x tp:partOf ?p } WHERE { ?p a tp:Park }").unwrap();
        let added = query(&store, "ASK { tpid:x tp:partOf tpid:创坝 }").unwrap();
        assert!(matches!(added, QueryResults::Boolean(true)));
    }
}
