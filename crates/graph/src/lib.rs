//! Facts to RDF in the tupu vocabulary (`ONTOLOGY.md`), kept in an Oxigraph
//! store on RocksDB, queried with SPARQL, exported, and drawn as an entity
//! graph.
//!
//! Each article is one named graph `tpa:{id}` ([`mapping::article_quads`]),
//! written in one transaction by [`GraphStore::replace_article`]; queries
//! see the union of all graphs with the vocabulary's prefixes predeclared
//! ([`sparql`]). Nothing here prints: results and errors go to the caller.

pub mod algorithms;
pub mod article_list;
pub mod bookkeeping;
pub mod divisions;
pub mod entities;
pub mod entity_graph;
pub mod error;
pub mod eval;
pub mod explain;
pub mod export;
pub mod file_hashes;
pub mod identity;
pub mod mapping;
pub mod namespace;
pub mod sparql;
pub mod stats;
pub mod store;
pub mod sync;
pub mod view;

pub use bookkeeping::{BuildRecord, LastBuild};
pub use entity_graph::{EntityEdge, EntityGraph, EntityNode, NodeClass};
pub use error::{GraphError, Result};
pub use export::{export, graph_iri, rdf_format};
pub use mapping::article_quads;
pub use namespace::{abbreviate, article_iri, entity_iri};
pub use oxigraph::io::RdfFormat;
pub use oxigraph::sparql::QueryResults;
pub use stats::StoreStats;
pub use store::Refreshed;
pub use store::{Derivation, GraphStore, StoredArticle};
pub use sync::{FoundFile, SyncPlan, SyncRequest};
pub use view::{View, ViewDefinition, ViewOptions};
