//! Targets and observations: every quantity of a sentence is read in the
//! time frame the text sets (到2025年 → target for 2025; 截至2025年3月 →
//! observation as of that month) and given the place or organization it is
//! about. The cue words live in `ontology/rules/measures.toml`.

use crate::error::{IngestError, Result};
use serde::Deserialize;
use std::path::Path;

/// The cue words of `measures.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRules {
    /// Words right before a year that make it a deadline (到, 力争到).
    pub target_before_year: Vec<String>,
    /// Words that make a clause a plan or forecast (将, 力争, 预计).
    pub future: Vec<String>,
    /// Words right before a date that make it an "as of" date (截至).
    pub as_of: Vec<String>,
    /// Words that make a clause a statement of what is (目前, 已, 累计).
    pub present: Vec<String>,
    /// Words right after a quantity that make it a threshold or price, not
    /// a value (超十亿元的, 3万元一台).
    pub not_a_value_after: Vec<String>,
    /// Words that, in a clause, say its numbers are not about the subject.
    pub skip_clause: Vec<String>,
    /// Units accepted for facts.
    pub units: Vec<String>,
}

impl MeasureRules {
    /// Reads `measures.toml`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| IngestError::Io { path: path.to_owned(), source })?;
        toml::from_str(&text).map_err(|e| crate::toml_error(path, &text, &e))
    }
}
