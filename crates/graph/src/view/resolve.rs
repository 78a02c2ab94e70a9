//! Finding the entity a user means, for every command that takes one
//! (`tupu explain`, `tupu view --focus`, `tupu graph path`): analysts type
//! names, not IRIs, so `张家口` finds `tpid:张家口市` through its alias; an
//! IRI or prefixed name works too. One resolver, so that a name that works
//! in one command works in all. A company linked to its full name
//! ([`crate::identity`]: 智慧互通公司 → 智慧互通科技股份有限公司) resolves to
//! the full name, which stands for both.

use crate::error::{GraphError, Result};
use crate::export::graph_iri;
use crate::identity::Canonical;
use crate::namespace::{TPID, entity_name};
use crate::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::collections::BTreeSet;

/// The IRI of the entity `text` names: an IRI (`<…>`, `https://…`, or a
/// prefixed name such as `tpid:张家口市`), else the entity whose label is
/// `text`, else the one whose alias (`skos:altLabel`) it is; a linked
/// short name gives the entity it is linked to. Several entities of that
/// name are an error that lists them.
pub fn resolve_entity(store: &GraphStore, text: &str) -> Result<String> {
    let text = text.trim();
    let canonical = Canonical::of_store(store.oxigraph())?;
    let looks_like_iri = text.starts_with('<')
        || text.contains("://")
        || text.split_once(':').is_some_and(|(p, _)| crate::namespace::PREFIXES.iter().any(|(prefix, _)| *prefix == p));
    if looks_like_iri {
        let iri = graph_iri(text)?;
        let known = store.oxigraph().quads_for_pattern(Some(iri.as_ref().into()), None, None, None).next().is_some();
        return if known {
            Ok(canonical.of(iri.as_str()).to_owned())
        } else {
            Err(GraphError::NoSuchEntity { text: text.to_owned(), suggestions: String::new() })
        };
    }
    let literal = sparql_string(text);
    for property in ["rdfs:label", "skos:altLabel"] {
        let mut found = column(
            store,
            &format!(
                "SELECT DISTINCT ?e ?l WHERE {{ ?e {property} ?name ; rdfs:label ?l . FILTER(STR(?name) = {literal}) \
                 FILTER(STRSTARTS(STR(?e), \"{TPID}\")) }}"
            ),
        )?;
        for (iri, label) in &mut found {
            if canonical.is_linked(iri) {
                *iri = canonical.of(iri).to_owned();
                *label = entity_name(iri).unwrap_or_default();
            }
        }
        let mut seen = BTreeSet::new();
        found.retain(|(iri, _)| seen.insert(iri.clone()));
        match found.len() {
            0 => continue,
            1 => return Ok(found.into_iter().next().map(|(iri, _)| iri).unwrap_or_default()),
            _ => {
                let candidates: BTreeSet<String> = found
                    .into_iter()
                    .map(|(iri, label)| format!("{label} ({})", crate::namespace::abbreviate(&iri)))
                    .collect();
                return Err(GraphError::AmbiguousEntity {
                    text: text.to_owned(),
                    candidates: candidates.into_iter().collect::<Vec<_>>().join(", "),
                });
            }
        }
    }
    let similar = column(
        store,
        &format!(
            "SELECT DISTINCT ?e ?l WHERE {{ ?e rdfs:label ?l . FILTER(CONTAINS(STR(?l), {literal})) \
             FILTER(STRSTARTS(STR(?e), \"{TPID}\")) }} ORDER BY STRLEN(STR(?l)) ?l LIMIT 5"
        ),
    )?;
    Err(GraphError::NoSuchEntity {
        text: text.to_owned(),
        suggestions: similar.into_iter().map(|(_, label)| label).collect::<Vec<_>>().join(", "),
    })
}

/// `(?e, ?l)` of a SELECT, IRIs and label values, in the query's order
/// (deduplicated).
fn column(store: &GraphStore, query: &str) -> Result<Vec<(String, String)>> {
    let QueryResults::Solutions(solutions) = crate::sparql::query(store, query)? else { return Ok(Vec::new()) };
    let mut out: Vec<(String, String)> = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let (Some(Term::NamedNode(e)), Some(Term::Literal(l))) = (solution.get("e"), solution.get("l")) else {
            continue;
        };
        let row = (e.as_str().to_owned(), l.value().to_owned());
        if !out.contains(&row) {
            out.push(row);
        }
    }
    // An entity with two labels (two articles disagreeing) is still one.
    let mut seen = BTreeSet::new();
    out.retain(|(iri, _)| seen.insert(iri.clone()));
    Ok(out)
}

/// `text` as a SPARQL string literal.
fn sparql_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use crate::namespace::{RDFS, SKOS};
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    #[test]
    fn labels_aliases_and_iris_find_entities() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        store.replace_article(&sample("bbbbbbbbbbbbbbbb")).unwrap();
        let city = format!("{TPID}张家口市");
        assert_eq!(resolve_entity(&store, "张家口市").unwrap(), city);
        assert_eq!(resolve_entity(&store, "张家口").unwrap(), city, "alias");
        assert_eq!(resolve_entity(&store, "tpid:张家口市").unwrap(), city);
        assert_eq!(resolve_entity(&store, &format!("<{city}>")).unwrap(), city);
        let err = resolve_entity(&store, "张家").unwrap_err().to_string();
        assert!(err.contains("no entity is called `张家`") && err.contains("张家口市"), "{err}");
        assert!(resolve_entity(&store, "tpid:北京市").is_err());
        assert!(resolve_entity(&store, "a\"b").is_err(), "quotes are escaped");
    }

    #[test]
    fn a_name_of_several_entities_lists_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        // A second entity that goes by 张家口 too.
        let other = NamedNode::new(format!("{TPID}张家口站")).unwrap();
        let graph = GraphName::NamedNode(crate::namespace::article_iri("cccccccccccccccc"));
        let property = |iri: &str| NamedNode::new(iri).unwrap();
        for (p, o) in [(format!("{RDFS}label"), "张家口站"), (format!("{SKOS}altLabel"), "张家口")] {
            let quad = Quad::new(other.clone(), property(&p), Literal::new_simple_literal(o), graph.clone());
            store.oxigraph().insert(&quad).unwrap();
        }
        let err = resolve_entity(&store, "张家口").unwrap_err().to_string();
        assert!(err.contains("张家口市 (tpid:张家口市)") && err.contains("张家口站 (tpid:张家口站)"), "{err}");
        assert_eq!(resolve_entity(&store, "张家口站").unwrap(), other.as_str(), "a label outranks an alias");
    }
}
