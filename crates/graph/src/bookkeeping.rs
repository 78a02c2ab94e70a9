//! What the store remembers in order to rebuild incrementally — each
//! article's source, content hash and rule-set version, the ontology's hash
//! and the rules of the last build — kept as triples in the same graphs,
//! hence written by the same transactions, as the facts they describe, so
//! that no crash can leave facts without their bookkeeping or the reverse.
//!
//! An article's bookkeeping lives in its own graph `tpa:{id}`:
//! `dcterms:source` and `tp:contentHash` (written by [`crate::mapping`]) and
//! `tp:rulesFingerprint`, the [`tupu_ingest::Pipeline::fingerprint`] of the
//! lexicon and rules it was extracted with. The store's lives in the graph
//! [`BUILD_GRAPH`]. Nothing here depends on the time of a build, so an
//! incremental build and a clean one give the same quads; the time of the
//! last build is kept beside the store ([`LastBuild`]).

use crate::error::GraphError;
use crate::mapping::article_quads;
use crate::namespace::{DCTERMS, TPA, article_iri};
use oxigraph::model::{Literal, NamedNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use std::collections::BTreeMap;
use std::path::Path;
use tupu_ingest::Extraction;

/// The graph that holds what the store records about its builds (not
/// about any one article): [`ONTOLOGY_HASH`] and [`RULES_FINGERPRINT`], as
/// properties of the graph's own IRI.
pub const BUILD_GRAPH: &str = "https://w3id.org/tupu/build";

/// `tp:rulesFingerprint`: on an article, the fingerprint of the lexicon and
/// rules its facts were extracted with; on [`BUILD_GRAPH`], those of the
/// last build.
pub const RULES_FINGERPRINT: &str = "https://w3id.org/tupu/ontology#rulesFingerprint";

/// `tp:ontologyHash`: on [`BUILD_GRAPH`], the BLAKE3 hash of the
/// `tupu.ttl` loaded into the ontology graph.
pub const ONTOLOGY_HASH: &str = "https://w3id.org/tupu/ontology#ontologyHash";

/// An article as the store knows it. (Its `tp:contentHash` starts with
/// its id.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoredArticle {
    /// The article id (the local name of its `tpa:` IRI).
    pub id: String,
    /// `dcterms:source`: the file it was built from.
    pub source: String,
    /// `tp:rulesFingerprint`: the rules it was extracted with; `None` for
    /// articles written without bookkeeping (by an older tupu, or by
    /// [`crate::GraphStore::replace_article`]), which a build re-extracts.
    pub rules_fingerprint: Option<String>,
}

/// What the store records about its builds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildRecord {
    /// The fingerprint of the lexicon and rules of the last build that
    /// went to its end.
    pub rules_fingerprint: Option<String>,
    /// The hash of the `tupu.ttl` in the ontology graph.
    pub ontology_hash: Option<String>,
}

/// The quads of an article's graph with its bookkeeping: those of
/// [`article_quads`] and the rule-set version.
pub fn bookkept_quads(extraction: &Extraction, rules_fingerprint: &str) -> Vec<Quad> {
    let mut quads = article_quads(extraction);
    quads.push(article_rules_quad(&extraction.article.id, rules_fingerprint));
    quads
}

/// `tpa:{id} tp:rulesFingerprint "…"` in the article's graph.
pub fn article_rules_quad(id: &str, rules_fingerprint: &str) -> Quad {
    let article = article_iri(id);
    Quad::new(
        article.clone(),
        NamedNode::new_unchecked(RULES_FINGERPRINT),
        Literal::new_simple_literal(rules_fingerprint),
        article,
    )
}

/// `<build> property "value"` in [`BUILD_GRAPH`].
pub(crate) fn build_quad(property: &str, value: &str) -> Quad {
    let build = NamedNode::new_unchecked(BUILD_GRAPH);
    Quad::new(build.clone(), NamedNode::new_unchecked(property), Literal::new_simple_literal(value), build)
}

/// Whether a quad is an article's rule-set version (the one part of an
/// article graph that changes when the rules change but its facts do not).
pub(crate) fn is_rules_quad(quad: &Quad) -> bool {
    quad.predicate.as_str() == RULES_FINGERPRINT
}

/// Every article of the store with its bookkeeping, sorted by id.
///
/// Read with one-pattern SPARQL queries (sources, rule-set versions) run
/// side by side: the evaluator decodes only the terms it returns, and a
/// short literal such as a fingerprint needs no lookup at all, so this
/// costs about one string lookup per article and value — a no-op rebuild
/// of twenty thousand articles must not spend a second here. When every
/// article was extracted with `expected_rules` (as after any build with
/// these rules), two counts, which decode nothing, tell so and the
/// versions are not read one by one. Only what an article states about
/// itself in its own graph counts; of several values (a hand-edited store)
/// the smallest is taken, so the answer does not depend on the order of
/// the index.
pub(crate) fn read_articles(store: &Store, expected_rules: Option<&str>) -> Result<Vec<StoredArticle>, GraphError> {
    let (sources, versions) = std::thread::scope(|scope| {
        let versions = scope.spawn(|| -> Result<Versions, GraphError> {
            if let Some(rules) = expected_rules.filter(|r| r.bytes().all(|b| b.is_ascii_alphanumeric())) {
                let expected = count_values(store, RULES_FINGERPRINT, &format!("\"{rules}\""))?;
                if expected == count_values(store, RULES_FINGERPRINT, "?v")? {
                    return Ok(Versions::All(rules.to_owned(), expected));
                }
            }
            Ok(Versions::Each(own_values(store, RULES_FINGERPRINT)?))
        });
        let sources = own_values(store, &format!("{DCTERMS}source"));
        (sources, versions.join().expect("the query thread does not panic"))
    });
    let sources = sources?;
    let mut versions = match versions? {
        // Every article with a version has the expected one; if as many
        // have a source, they are the same articles (a store written by
        // tupu has both in every graph).
        Versions::All(rules, n) if n == sources.len() => sources.keys().map(|id| (id.clone(), rules.clone())).collect(),
        Versions::All(..) => own_values(store, RULES_FINGERPRINT)?,
        Versions::Each(versions) => versions,
    };
    let mut articles: BTreeMap<String, StoredArticle> = sources
        .into_iter()
        .map(|(id, source)| {
            let rules_fingerprint = versions.remove(&id);
            (id.clone(), StoredArticle { id, source, rules_fingerprint })
        })
        .collect();
    // A graph with a version but no source (a hand-edited store) is still
    // an article, so that a build replaces or removes it.
    for (id, rules) in versions {
        let article = StoredArticle { id: id.clone(), source: String::new(), rules_fingerprint: Some(rules) };
        articles.insert(id, article);
    }
    Ok(articles.into_values().collect())
}

/// The rule-set versions as [`read_articles`] learns them.
enum Versions {
    /// This many articles, all with this version.
    All(String, usize),
    /// Each article's.
    Each(BTreeMap<String, String>),
}

/// How many `tpa:{id} property value` are stated in the graph `tpa:{id}`,
/// `value` being a SPARQL term or a variable.
fn count_values(store: &Store, property: &str, value: &str) -> Result<usize, GraphError> {
    let query = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{property}> {value} }} }}");
    let QueryResults::Solutions(mut solutions) =
        SparqlEvaluator::new().parse_query(&query)?.on_store(store).execute()?
    else {
        unreachable!("a SELECT query gives solutions")
    };
    Ok(match solutions.next().transpose()?.as_ref().and_then(|s| s.get("n")) {
        Some(Term::Literal(n)) => n.value().parse().unwrap_or(0),
        _ => 0,
    })
}

/// `id → value` for every `tpa:{id} property "value"` stated in the graph
/// `tpa:{id}`; the smallest value when there are several.
fn own_values(store: &Store, property: &str) -> Result<BTreeMap<String, String>, GraphError> {
    let query = format!("SELECT ?g ?v WHERE {{ GRAPH ?g {{ ?g <{property}> ?v }} }}");
    let QueryResults::Solutions(solutions) = SparqlEvaluator::new().parse_query(&query)?.on_store(store).execute()?
    else {
        unreachable!("a SELECT query gives solutions")
    };
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    for solution in solutions {
        let solution = solution?;
        let (Some(Term::NamedNode(graph)), Some(Term::Literal(value))) = (solution.get("g"), solution.get("v")) else {
            continue;
        };
        let Some(id) = graph.as_str().strip_prefix(TPA).filter(|id| !id.contains('#')) else { continue };
        let value = value.value();
        match values.get_mut(id) {
            Some(current) if current.as_str() <= value => {}
            Some(current) => *current = value.to_owned(),
            None => {
                values.insert(id.to_owned(), value.to_owned());
            }
        }
    }
    Ok(values)
}

/// The store's [`BuildRecord`].
pub(crate) fn read_build(store: &Store) -> Result<BuildRecord, StorageError> {
    let build = NamedNode::new_unchecked(BUILD_GRAPH);
    let value = |property: &str| -> Result<Option<String>, StorageError> {
        let property = NamedNode::new_unchecked(property);
        let mut values = Vec::new();
        for quad in store.quads_for_pattern(
            Some(build.as_ref().into()),
            Some(property.as_ref()),
            None,
            Some(build.as_ref().into()),
        ) {
            if let Term::Literal(value) = quad?.object {
                values.push(value.value().to_owned());
            }
        }
        Ok(values.into_iter().min())
    };
    Ok(BuildRecord { rules_fingerprint: value(RULES_FINGERPRINT)?, ontology_hash: value(ONTOLOGY_HASH)? })
}

/// The file of the store directory that holds the [`LastBuild`].
pub const LAST_BUILD_FILE: &str = "tupu-last-build.json";

/// The last build that went to its end, as `tupu status` shows it. Kept in
/// a small file of the store directory rather than in a graph: its time
/// would make the quads of two builds of the same files differ, and
/// nothing in a rebuild depends on it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LastBuild {
    /// When it ended, in seconds since 1970-01-01 UTC.
    pub finished: u64,
    /// How long it took, in seconds.
    pub seconds: f64,
    /// The paths it was given.
    pub paths: Vec<String>,
    /// Articles whose graph it wrote.
    pub written: usize,
    /// Articles it removed.
    pub deleted: usize,
    /// Inputs that failed.
    pub failed: usize,
}

impl LastBuild {
    /// Writes the record into the store directory `dir`, replacing the
    /// previous one whole (a new file renamed over it).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let path = dir.join(LAST_BUILD_FILE);
        let partial = dir.join(format!("{LAST_BUILD_FILE}.partial"));
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&partial, text + "\n")?;
        std::fs::rename(&partial, &path)
    }

    /// The record of the store directory `dir`, if there is a readable one.
    pub fn load(dir: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(dir.join(LAST_BUILD_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }
}
