//! The facts behind an edge: which sentence of which article, by which
//! rule, states it — so `tupu graph path` can say how two entities are
//! connected and why tupu believes it.

use crate::entity_graph::article_of;
use crate::error::Result;
use crate::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

/// One statement of a fact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FactEvidence {
    /// The article's id.
    pub article: String,
    /// Its title.
    pub title: Option<String>,
    /// The rule that found the fact.
    pub rule: String,
    /// The sentence it was found in.
    pub sentence: String,
}

/// Every statement of `subject predicate object` (IRIs), sorted by article.
pub fn evidence(store: &GraphStore, subject: &str, predicate: &str, object: &str) -> Result<Vec<FactEvidence>> {
    let query = format!(
        "SELECT DISTINCT ?a ?title ?rule ?sentence WHERE {{
           ?e rdf:subject <{subject}> ; rdf:predicate <{predicate}> ; rdf:object <{object}> ;
              tp:rule ?rule ; tp:sentence ?sentence ; prov:wasDerivedFrom ?a .
           OPTIONAL {{ ?a dcterms:title ?title }}
         }}"
    );
    let QueryResults::Solutions(solutions) = crate::sparql::query(store, &query)? else { return Ok(Vec::new()) };
    let text = |term: Option<&Term>| match term {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let article = text(solution.get("a")).unwrap_or_default();
        out.push(FactEvidence {
            article: article_of(&article).unwrap_or(&article).to_owned(),
            title: text(solution.get("title")),
            rule: text(solution.get("rule")).unwrap_or_default(),
            sentence: text(solution.get("sentence")).unwrap_or_default(),
        });
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use crate::namespace::{TP, TPID};

    #[test]
    fn a_relation_stated_twice_has_two_statements() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        store.replace_article(&sample("bbbbbbbbbbbbbbbb")).unwrap();
        let found =
            evidence(&store, &format!("{TPID}宝德数坝"), &format!("{TP}locatedIn"), &format!("{TPID}创坝")).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].article, "aaaaaaaaaaaaaaaa");
        assert_eq!(found[0].rule, "located-in");
        assert_eq!(found[0].title.as_deref(), Some("张家口大数据"));
        assert!(found[0].sentence.contains("宝德数坝公司位于"));
    }
}
