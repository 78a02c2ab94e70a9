//! Errors of the store, of SPARQL and of exports, each naming what failed.

use oxigraph::sparql::{QueryEvaluationError, UpdateEvaluationError};
use oxigraph::store::StorageError;
use std::path::PathBuf;

/// Why a graph operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// Another process has the store open (RocksDB holds one writer).
    #[error("store {} is in use by another tupu process", path.display())]
    StoreInUse {
        /// The store directory.
        path: PathBuf,
    },
    /// The store directory could not be opened.
    #[error("cannot open store {}: {reason}", path.display())]
    Open {
        /// The store directory.
        path: PathBuf,
        /// What RocksDB said.
        reason: StorageError,
    },
    /// Reading or writing the store failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A SPARQL query or update does not parse; the message gives the
    /// line and column in the text as the user wrote it.
    #[error("invalid SPARQL: {0}")]
    Syntax(oxigraph::sparql::SparqlSyntaxError),
    /// A SPARQL query failed while running.
    #[error(transparent)]
    Query(#[from] QueryEvaluationError),
    /// A SPARQL update failed while running.
    #[error(transparent)]
    Update(#[from] UpdateEvaluationError),
    /// The ontology file could not be read or parsed.
    #[error("{}: {message}", path.display())]
    Ontology {
        /// The Turtle file.
        path: PathBuf,
        /// What is wrong, with line and column when parsing failed.
        message: String,
    },
    /// A graph name given for an export is not an IRI.
    #[error("not an IRI: {iri}: {message}")]
    Iri {
        /// The text given.
        iri: String,
        /// Why it is not one.
        message: String,
    },
    /// A gold file line cannot be read.
    #[error("{}:{line}: {message}", path.display())]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// 1-based line (0 when the file itself cannot be read).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The graph asked for is not in the store.
    #[error("no graph {iri} in the store")]
    NoSuchGraph {
        /// The graph's IRI.
        iri: String,
    },
    /// A view file has a mistake.
    #[error("{}:{line}:{column}: {message}", path.display())]
    ViewDefinition {
        /// The view file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A view file or directory could not be read.
    #[error("cannot read {}: {source}", path.display())]
    ViewIo {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No view of that name.
    #[error("no view `{name}` in {} (views: {known})", dir.display())]
    NoSuchView {
        /// The name asked for.
        name: String,
        /// The views directory.
        dir: PathBuf,
        /// The views there are.
        known: String,
    },
    /// A view's query did not give a graph, or failed.
    #[error("view `{view}`: {message}")]
    View {
        /// The view.
        view: String,
        /// What went wrong.
        message: String,
    },
    /// No entity has this label, alias or IRI.
    #[error("no entity is called `{text}`{}", if suggestions.is_empty() { String::new() } else { format!(" (similar: {suggestions})") })]
    NoSuchEntity {
        /// The name given.
        text: String,
        /// Labels that contain it.
        suggestions: String,
    },
    /// Several entities have this name.
    #[error("`{text}` names several entities: {candidates}; give the label or IRI of one")]
    AmbiguousEntity {
        /// The name given.
        text: String,
        /// Label and IRI of each.
        candidates: String,
    },
    /// Writing the output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Not `#[from]`: the message already holds the parser's, so the error
/// has no source to print twice.
impl From<oxigraph::sparql::SparqlSyntaxError> for GraphError {
    fn from(error: oxigraph::sparql::SparqlSyntaxError) -> Self {
        Self::Syntax(error)
    }
}

/// Short for results of this crate.
pub type Result<T, E = GraphError> = std::result::Result<T, E>;
