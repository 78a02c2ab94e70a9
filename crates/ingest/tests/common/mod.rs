//! What the ingest integration tests share: the project's pipeline and the
//! extraction of a text as an article.

// each test file uses only some of these
#![allow(dead_code)]

use std::path::Path;
use tupu_ingest::{Extraction, Pipeline, parse_article};

/// The pipeline of the project's `ontology/`.
pub fn pipeline() -> Pipeline {
    Pipeline::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ontology")).expect("the ontology loads")
}

/// What `pipeline` extracts from `text` read as a plain-text article.
pub fn extract(pipeline: &Pipeline, text: &str) -> Extraction {
    let article = parse_article(Path::new("a.txt"), text.as_bytes()).expect("an article");
    pipeline.extract(&article)
}
