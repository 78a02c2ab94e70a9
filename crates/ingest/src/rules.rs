//! Relation and position rules: a pattern plus a fact template, read from
//! `ontology/rules/*.toml` (`[[rule]]` tables). Each rule carries examples
//! it must match and sentences it must not; `cargo test` runs them.

use crate::error::{IngestError, Result};
use crate::pattern::Pattern;
use crate::vocab::Relation;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// What a rule makes of a match.
#[derive(Debug, Clone, PartialEq)]
pub enum Template {
    /// `subject relation object` for every pair of captured entities.
    Relation {
        /// The relation.
        relation: Relation,
        /// Capture holding the subject(s).
        subject: String,
        /// Capture holding the object(s).
        object: String,
        /// Only when the subject's division code lies within the object's.
        within: bool,
    },
    /// `person holdsPosition (title, organization)`.
    Position {
        /// Capture of the person.
        person: String,
        /// Capture of the title word.
        title: String,
        /// Capture of the organization or place.
        organization: String,
    },
}

/// One rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id, recorded with every fact it makes.
    pub id: String,
    /// The pattern.
    pub pattern: Pattern,
    /// The fact it makes.
    pub template: Template,
    /// Sentences with the facts they must yield (`A locatedIn B`, `P position 董事长 O`).
    pub examples: Vec<Example>,
    /// Sentences the rule must not fire on.
    pub counter_examples: Vec<String>,
    /// The file the rule came from, and its line.
    pub origin: (PathBuf, usize),
}

/// A sentence and the facts a rule must produce from it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Facts written `S relation O` or `P position TITLE O`.
    pub expect: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    pattern: String,
    fact: String,
    subject: Option<String>,
    object: Option<String>,
    person: Option<String>,
    title: Option<String>,
    organization: Option<String>,
    #[serde(default)]
    check: Option<String>,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    counter_examples: Vec<String>,
}

/// Reads the `[[rule]]` tables of one file. Every error names the file, the
/// rule's line and what is wrong; one bad rule rejects the file rather than
/// silently dropping the rule.
pub fn load_rule_file(path: &Path, text: &str) -> Result<Vec<Rule>> {
    let file: RuleFile = toml::from_str(text).map_err(|e| crate::toml_error(path, text, &e))?;
    let mut rules = Vec::new();
    for raw in file.rule {
        let line = crate::line_of(text, &format!("id = \"{}\"", raw.id));
        let error = |message: String| IngestError::Data {
            path: path.to_owned(),
            line,
            message: format!("rule `{}`: {message}", raw.id),
        };
        let pattern = Pattern::parse(&raw.pattern).map_err(&error)?;
        let names = pattern.capture_names();
        let capture = |field: &str, value: &Option<String>| -> Result<String> {
            let v = value.clone().ok_or_else(|| error(format!("`{field}` is missing")))?;
            if names.contains(&v.as_str()) {
                Ok(v)
            } else {
                Err(error(format!("`{field}` names `{v}`, which the pattern does not capture")))
            }
        };
        let template = if raw.fact == "position" {
            Template::Position {
                person: capture("person", &raw.person)?,
                title: capture("title", &raw.title)?,
                organization: capture("organization", &raw.organization)?,
            }
        } else {
            let relation: Relation =
                raw.fact.parse().map_err(|e: String| error(format!("{e} (fact is a relation or `position`)")))?;
            let within = match raw.check.as_deref() {
                None => false,
                Some("within") => true,
                Some(other) => return Err(error(format!("unknown check `{other}` (known: within)"))),
            };
            Template::Relation {
                relation,
                subject: capture("subject", &raw.subject)?,
                object: capture("object", &raw.object)?,
                within,
            }
        };
        rules.push(Rule {
            id: raw.id,
            pattern,
            template,
            examples: raw.examples,
            counter_examples: raw.counter_examples,
            origin: (path.to_owned(), line),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for rule in &rules {
        if !seen.insert(rule.id.clone()) {
            return Err(IngestError::Data {
                path: path.to_owned(),
                line: rule.origin.1,
                message: format!("rule id `{}` is used twice", rule.id),
            });
        }
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_rule_names_file_line_and_reason() {
        let text = "[[rule]]\nid = \"ok\"\npattern = \"{s:Company} 位于 {o:Place}\"\nfact = \"locatedIn\"\nsubject = \"s\"\nobject = \"o\"\n\n[[rule]]\nid = \"bad\"\npattern = \"{s:Company} 位于 {o:Place}\"\nfact = \"locatedIn\"\nsubject = \"s\"\nobject = \"x\"\n";
        let err = load_rule_file(Path::new("r.toml"), text).unwrap_err().to_string();
        assert_eq!(err, "r.toml:9: rule `bad`: `object` names `x`, which the pattern does not capture");
    }

    #[test]
    fn toml_syntax_errors_carry_the_line() {
        let err = load_rule_file(Path::new("r.toml"), "[[rule]]\nid = \"x\"\npattern = \n").unwrap_err().to_string();
        assert!(err.starts_with("r.toml:3:"), "{err}");
    }
}
