//! Chinese news articles to typed, normalised facts.
//!
//! The pipeline: [`read_article`] (decode, front matter, HTML or Markdown to
//! clean text) → sentences with character offsets → jieba tokens → entity
//! mentions → facts by the declarative rules under `ontology/rules/`.
//! Nothing here knows about RDF or storage; `tupu-graph` does.

pub mod article;
pub mod clean;
pub mod date;
pub mod error;
pub mod fact;
pub mod front_matter;
pub mod html;
pub mod number;
pub mod vocab;

pub use article::{ARTICLE_EXTENSIONS, Article, Format, parse_article, read_article};
pub use date::PartialDate;
pub use error::{IngestError, Result};
pub use fact::{Entity, Evidence, Extraction, Fact};
pub use number::{Comparator, Decimal, Quantity};
pub use vocab::{EntityClass, Relation};

pub mod item;
pub mod lexicon;
pub mod measure;
pub mod mention;
pub mod pattern;
pub mod pipeline;
pub mod registry;
pub mod rules;
pub mod segment;
pub mod sentence;
pub mod short_form;

pub use pipeline::Pipeline;

use std::path::{Path, PathBuf};

/// The files with extension `ext` directly in `dir`, sorted by name.
pub(crate) fn data_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|source| IngestError::Io { path: dir.to_owned(), source })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext) && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// The 1-based line on which `needle` first occurs in `text` (0 if absent).
pub(crate) fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle).map_or(0, |at| text[..at].matches('\n').count() + 1)
}

/// A TOML error as a data error with the line it happened on.
pub(crate) fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> IngestError {
    let line = error.span().map_or(0, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    IngestError::Data { path: path.to_owned(), line, message: error.message().to_string() }
}
