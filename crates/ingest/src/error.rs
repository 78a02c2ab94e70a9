//! Errors of reading articles and the data files under `ontology/`.

use std::path::PathBuf;

/// Why an article or a data file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file could not be read at all.
    #[error("{path}: cannot read")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file holds binary data, not text.
    #[error("{path}: binary file (not text), skipped")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The YAML front matter could not be parsed.
    #[error("{path}:{line}: broken front matter: {message}")]
    FrontMatter {
        /// The file.
        path: PathBuf,
        /// 1-based line in the file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Once cleaned, nothing of the article is left.
    #[error("{path}: no text left after cleaning")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A lexicon, rule or other data file has an error at a line.
    #[error("{path}:{line}: {message}")]
    Data {
        /// The data file.
        path: PathBuf,
        /// 1-based line in the file (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Short for results of this crate.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;
