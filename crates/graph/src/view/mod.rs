//! Views: named diagrams of the graph, defined as data in
//! `ontology/views/*.toml` (a SPARQL CONSTRUCT and its styling), built as
//! a petgraph [`EntityGraph`](crate::EntityGraph) and written as Graphviz
//! DOT, GraphML or JSON, so that analysts get diagrams that read well in a
//! report and can add their own.

mod build;
mod definition;
mod dot;
mod evidence;
mod graphml;
mod json;
mod label;
mod resolve;

pub use build::{ArticleInfo, View, ViewOptions, build};
pub use definition::{
    Cluster, EdgeStyle, NodeStyle, ViewDefinition, default_edge_style, default_node_style, list_views, load_file,
    load_view, predicate_iri,
};
pub use evidence::{FactEvidence, evidence};
pub use label::{fact_label, wrap};
pub use resolve::resolve_entity;
