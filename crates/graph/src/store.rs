//! The Oxigraph store on RocksDB: one named graph per article, so that
//! re-ingesting an article replaces exactly its facts, and the ontology in
//! a graph of its own.

use crate::error::{GraphError, Result};
use crate::mapping::article_quads;
use crate::namespace::{DCTERMS, ONTOLOGY_GRAPH, RDF, TP, TPA, article_iri};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};
use tupu_ingest::Extraction;

/// An article as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoredArticle {
    /// The article id (the local name of its `tpa:` IRI).
    pub id: String,
    /// `dcterms:source`: the path it was built from.
    pub source: String,
    /// `tp:contentHash`: BLAKE3 of the file's bytes.
    pub content_hash: String,
}

/// A tupu store directory, open for reading and writing.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
}

impl GraphStore {
    /// Opens the store at `path`, creating it if needed. Only one process
    /// can have a store open; another gets [`GraphError::StoreInUse`].
    pub fn open(path: &Path) -> Result<Self> {
        let store = Store::open(path).map_err(|source| open_error(path, source))?;
        Ok(Self { store, path: path.to_owned() })
    }

    /// The store directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The Oxigraph store, for queries and exports.
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }

    /// Replaces the article's graph by the quads of `extraction`, in one
    /// transaction. Returns the number of quads written.
    pub fn replace_article(&self, extraction: &Extraction) -> Result<usize> {
        let graph = article_iri(&extraction.article.id);
        let quads = article_quads(extraction);
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(graph.as_ref())?;
        transaction.insert_named_graph(graph.as_ref());
        transaction.extend(&quads);
        transaction.commit()?;
        Ok(quads.len())
    }

    /// Removes an article's graph. Returns whether it was there.
    pub fn remove_article(&self, id: &str) -> Result<bool> {
        let graph = article_iri(id);
        let mut transaction = self.store.start_transaction()?;
        let existed = transaction.contains_named_graph(graph.as_ref())?;
        transaction.remove_named_graph(graph.as_ref())?;
        transaction.commit()?;
        Ok(existed)
    }

    /// The stored articles, sorted by id.
    pub fn articles(&self) -> Result<Vec<StoredArticle>> {
        let rdf_type = NamedNode::new_unchecked(format!("{RDF}type"));
        let article_class: Term = NamedNode::new_unchecked(format!("{TP}Article")).into();
        let source = NamedNode::new_unchecked(format!("{DCTERMS}source"));
        let hash = NamedNode::new_unchecked(format!("{TP}contentHash"));
        let mut articles = Vec::new();
        for quad in self.store.quads_for_pattern(None, Some(rdf_type.as_ref()), Some(article_class.as_ref()), None) {
            let quad = quad?;
            let NamedOrBlankNode::NamedNode(node) = &quad.subject else { continue };
            let Some(id) = node.as_str().strip_prefix(TPA) else { continue };
            let value = |p: &NamedNode| -> Result<String> {
                let found = self
                    .store
                    .quads_for_pattern(Some(node.into()), Some(p.as_ref()), None, Some(quad.graph_name.as_ref()))
                    .next()
                    .transpose()?;
                Ok(match found.map(|q| q.object) {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    _ => String::new(),
                })
            };
            articles.push(StoredArticle { id: id.to_owned(), source: value(&source)?, content_hash: value(&hash)? });
        }
        articles.sort();
        articles.dedup();
        Ok(articles)
    }

    /// Loads the Turtle file `path` into the ontology graph, replacing what
    /// was there. Returns the number of triples.
    pub fn load_ontology(&self, path: &Path) -> Result<usize> {
        let ontology_error = |message: String| GraphError::Ontology { path: path.to_owned(), message };
        let text = std::fs::read(path).map_err(|e| ontology_error(format!("cannot read: {e}")))?;
        let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let parser = RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(ONTOLOGY_GRAPH)
            .map_err(|e| ontology_error(e.to_string()))?
            .without_named_graphs()
            .with_default_graph(graph.clone());
        let quads: Vec<Quad> =
            parser.for_slice(&text).collect::<Result<_, _>>().map_err(|e| ontology_error(e.to_string()))?;
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        transaction.extend(&quads);
        transaction.commit()?;
        Ok(quads.len())
    }

    /// The number of quads of one graph, or of all when `graph` is `None`.
    pub fn len(&self, graph: Option<NamedNodeRef<'_>>) -> Result<usize> {
        match graph {
            None => Ok(self.store.len()?),
            Some(g) => Ok(self.store.quads_for_pattern(None, None, None, Some(g.into())).count()),
        }
    }

    /// The names of the graphs in the store, sorted.
    pub fn graphs(&self) -> Result<Vec<GraphName>> {
        let mut graphs = self
            .store
            .named_graphs()
            .map(|g| {
                g.map(|g| match g {
                    NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
                    NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        graphs.sort_by_key(ToString::to_string);
        Ok(graphs)
    }
}

/// RocksDB reports a held store as an I/O error about its `LOCK` file.
fn open_error(path: &Path, reason: StorageError) -> GraphError {
    if reason.to_string().to_ascii_lowercase().contains("lock") {
        GraphError::StoreInUse { path: path.to_owned() }
    } else {
        GraphError::Open { path: path.to_owned(), reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use tupu_ingest::Fact;

    #[test]
    fn replace_article_replaces_exactly_one_graph() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        let b = sample("bbbbbbbbbbbbbbbb");
        store.replace_article(&a).unwrap();
        let written_b = store.replace_article(&b).unwrap();
        let graph_b = article_iri("bbbbbbbbbbbbbbbb");
        assert_eq!(store.len(Some(graph_b.as_ref())).unwrap(), written_b);

        let mut smaller = a.clone();
        smaller.facts.retain(|f| matches!(f, Fact::Relation { .. }));
        let written = store.replace_article(&smaller).unwrap();
        let graph_a = article_iri("aaaaaaaaaaaaaaaa");
        assert_eq!(store.len(Some(graph_a.as_ref())).unwrap(), written);
        assert!(written < article_quads(&a).len());
        assert_eq!(store.len(Some(graph_b.as_ref())).unwrap(), written_b, "b untouched");

        assert!(store.remove_article("aaaaaaaaaaaaaaaa").unwrap());
        assert_eq!(store.len(Some(graph_a.as_ref())).unwrap(), 0);
        assert!(!store.remove_article("aaaaaaaaaaaaaaaa").unwrap());
        let ids: Vec<String> = store.articles().unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["bbbbbbbbbbbbbbbb"]);
    }

    #[test]
    fn articles_are_listed_with_source_and_hash() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        store.replace_article(&a).unwrap();
        let listed = store.articles().unwrap();
        assert_eq!(
            listed,
            [StoredArticle {
                id: a.article.id.clone(),
                source: "seeds/a b.txt".into(),
                content_hash: a.article.content_hash.clone()
            }]
        );
    }

    #[test]
    fn a_held_store_gives_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let _held = GraphStore::open(dir.path()).unwrap();
        let err = GraphStore::open(dir.path()).err().expect("second open must fail");
        assert!(matches!(err, GraphError::StoreInUse { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains(&dir.path().display().to_string()), "{message}");
        assert!(message.contains("in use by another tupu process"), "{message}");
        assert!(!message.contains("LOCK"), "{message}");
    }

    #[test]
    fn the_ontology_goes_into_its_own_graph() {
        let dir = tempfile::tempdir().unwrap();
        let ttl = dir.path().join("o.ttl");
        std::fs::write(&ttl, "@prefix tp: <https://w3id.org/tupu/ontology#> .\ntp:A a tp:B .\n").unwrap();
        let store = GraphStore::open(&dir.path().join("store")).unwrap();
        assert_eq!(store.load_ontology(&ttl).unwrap(), 1);
        assert_eq!(store.load_ontology(&ttl).unwrap(), 1);
        let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        assert_eq!(store.len(Some(graph.as_ref())).unwrap(), 1, "replaced, not added");

        std::fs::write(&ttl, "@prefix tp: <https://w3id.org/tupu/ontology#> .\ntp:A a .\n").unwrap();
        let err = store.load_ontology(&ttl).unwrap_err().to_string();
        assert!(err.contains("o.ttl") && err.contains('2'), "{err}");
    }
}
