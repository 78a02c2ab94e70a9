//! A copy of the store's article list (id, source, rule-set version) in a
//! file of the store directory, so that a build that finds nothing to do
//! need not read twenty thousand sources out of the store, which costs more
//! than everything else such a build does.
//!
//! It is a cache, never the truth. The file's list hashes to a token that
//! the store also records (`tp:articlesToken` in the build graph), written
//! after the file at the end of a build; the first write of any later
//! change removes the token from the store. The copy is used only when
//! the store holds the token of the file's very list.

use crate::bookkeeping::{BUILD_GRAPH, StoredArticle};
use crate::error::Result;
use oxigraph::model::{Literal, NamedNode, Quad, Term};
use oxigraph::store::{StorageError, Transaction};
use std::collections::BTreeMap;
use std::path::Path;

/// The file of the store directory that holds the copy.
pub const ARTICLE_LIST_FILE: &str = "tupu-articles.tsv";

/// `tp:articlesToken`: on the build graph, the token of the article list
/// copied beside the store, while the store still holds exactly that list.
const ARTICLES_TOKEN: &str = "https://w3id.org/tupu/ontology#articlesToken";

fn token_quad(token: &str) -> Quad {
    let build = NamedNode::new_unchecked(BUILD_GRAPH);
    Quad::new(build.clone(), NamedNode::new_unchecked(ARTICLES_TOKEN), Literal::new_simple_literal(token), build)
}

/// The article list as written to the file: one `id source rules` line
/// each, tab-separated, in id order.
fn text_of(articles: &BTreeMap<String, StoredArticle>) -> Option<String> {
    let mut text = String::new();
    for article in articles.values() {
        if article.source.contains(['\t', '\n']) {
            return None;
        }
        let rules = article.rules_fingerprint.as_deref().unwrap_or("");
        text.push_str(&format!("{}\t{}\t{rules}\n", article.id, article.source));
    }
    Some(text)
}

fn token_of(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..32].to_owned()
}

/// The copy in the store directory `dir`, if the store `tokens` says it
/// holds that very list.
pub(crate) fn load(dir: &Path, tokens: &[String]) -> Option<Vec<StoredArticle>> {
    let text = std::fs::read_to_string(dir.join(ARTICLE_LIST_FILE)).ok()?;
    if !tokens.iter().any(|token| *token == token_of(&text)) {
        return None;
    }
    let mut articles = Vec::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let (id, source, rules) = (fields.next()?, fields.next()?, fields.next()?);
        let rules_fingerprint = (!rules.is_empty()).then(|| rules.to_owned());
        articles.push(StoredArticle { id: id.to_owned(), source: source.to_owned(), rules_fingerprint });
    }
    Some(articles)
}

/// The tokens the store records (one, unless a hand-edited store).
pub(crate) fn tokens(store: &oxigraph::store::Store) -> Result<Vec<String>> {
    let build = NamedNode::new_unchecked(BUILD_GRAPH);
    let property = NamedNode::new_unchecked(ARTICLES_TOKEN);
    let mut tokens = Vec::new();
    for quad in store.quads_for_pattern(Some(build.as_ref().into()), Some(property.as_ref()), None, None) {
        if let Term::Literal(token) = quad?.object {
            tokens.push(token.value().to_owned());
        }
    }
    Ok(tokens)
}

/// Removes the store's tokens within `transaction` (a change begins).
pub(crate) fn forget(transaction: &mut Transaction<'_>) -> std::result::Result<(), StorageError> {
    let build = NamedNode::new_unchecked(BUILD_GRAPH);
    let property = NamedNode::new_unchecked(ARTICLES_TOKEN);
    let old = transaction
        .quads_for_pattern(Some(build.as_ref().into()), Some(property.as_ref()), None, None)
        .collect::<std::result::Result<Vec<Quad>, _>>()?;
    for quad in &old {
        transaction.remove(quad);
    }
    Ok(())
}

/// Writes the copy of `articles` into the store directory `dir` (a new
/// file renamed over the old one) and then its token into the store.
pub(crate) fn save(
    store: &oxigraph::store::Store,
    dir: &Path,
    articles: &BTreeMap<String, StoredArticle>,
) -> Result<()> {
    let Some(text) = text_of(articles) else { return Ok(()) };
    let partial = dir.join(format!("{ARTICLE_LIST_FILE}.partial"));
    let written = std::fs::write(&partial, &text).and_then(|()| std::fs::rename(&partial, dir.join(ARTICLE_LIST_FILE)));
    if written.is_err() {
        return Ok(()); // without the copy, the next build reads the store
    }
    let mut transaction = store.start_transaction()?;
    forget(&mut transaction)?;
    transaction.insert(&token_quad(&token_of(&text)));
    transaction.commit()?;
    Ok(())
}
