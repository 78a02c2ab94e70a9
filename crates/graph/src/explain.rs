//! Why the graph says what it says about an entity: each fact with the
//! sentence, article and rule it came from, read from the evidence nodes.
//! The entity is found by [`crate::view::resolve_entity`].

use crate::error::Result;
use crate::identity::Canonical;
use crate::namespace::abbreviate;
use crate::sparql::query;
use crate::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

/// One fact about the entity, and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The fact in words: `宝德数坝… 位于 创坝园区`, `张家口市 目标 2025 2000亿元 (…)`.
    pub fact: String,
    /// The id of the rule that produced it.
    pub rule: String,
    /// The sentence it was read in.
    pub sentence: String,
    /// Character offsets of the sentence in the article's clean text.
    pub span: (u64, u64),
    /// The article's IRI, abbreviated (`tpa:…`).
    pub article: String,
    /// The article's title, if it has one.
    pub title: Option<String>,
    /// Where the article was read from.
    pub source: Option<String>,
}

/// Every fact about `entity` (an IRI) as subject, object or organization of
/// a position, with its evidence, in article and sentence order; with the
/// facts of the short names linked to it ([`crate::identity`]).
pub fn explain(store: &GraphStore, entity: &str) -> Result<Vec<Explanation>> {
    let names = Canonical::of_store(store.oxigraph())?.with_linked(entity);
    let names: Vec<String> = names.iter().map(|iri| format!("<{iri}>")).collect();
    let names = names.join(", ");
    let text = format!(
        r#"SELECT DISTINCT ?s ?p ?o ?rule ?sentence ?start ?end ?article ?title ?source WHERE {{
  ?e a tp:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     tp:rule ?rule ; tp:sentence ?sentence ; tp:charStart ?start ; tp:charEnd ?end ;
     prov:wasDerivedFrom ?article .
  FILTER(?s IN ({names}) || ?o IN ({names}) || EXISTS {{ ?o tp:organization ?org FILTER(?org IN ({names})) }})
  OPTIONAL {{ ?article dcterms:title ?title }}
  OPTIONAL {{ ?article dcterms:source ?source }}
}} ORDER BY ?article ?start ?rule ?p ?o"#
    );
    let QueryResults::Solutions(solutions) = query(store, &text)? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let get = |var: &str| solution.get(var).map(plain);
        let (Some(s), Some(p), Some(o)) = (solution.get("s"), solution.get("p"), solution.get("o")) else { continue };
        out.push(Explanation {
            fact: format!("{} {} {}", label(store, s)?, abbreviate(&plain(p)), describe_object(store, o)?),
            rule: get("rule").unwrap_or_default(),
            sentence: get("sentence").unwrap_or_default(),
            span: (number(solution.get("start")), number(solution.get("end"))),
            article: abbreviate(&get("article").unwrap_or_default()),
            title: get("title"),
            source: get("source"),
        });
    }
    Ok(out)
}

/// An entity's label, or a node's compact description.
fn label(store: &GraphStore, term: &Term) -> Result<String> {
    let Term::NamedNode(node) = term else { return Ok(plain(term)) };
    let text = format!("SELECT ?l WHERE {{ <{}> rdfs:label ?l }} LIMIT 1", node.as_str());
    Ok(column(query(store, &text)?, "l").into_iter().next().unwrap_or_else(|| abbreviate(node.as_str())))
}

/// A target, observation or position node as `2025 2000亿元 (指标)`; an
/// entity as its label.
fn describe_object(store: &GraphStore, term: &Term) -> Result<String> {
    let Term::NamedNode(node) = term else { return Ok(plain(term)) };
    let text = format!(
        r#"SELECT ?year ?date ?value ?indicator ?title ?org WHERE {{
  OPTIONAL {{ <{n}> tp:year ?year }} OPTIONAL {{ <{n}> tp:date ?date }} OPTIONAL {{ <{n}> tp:valueText ?value }}
  OPTIONAL {{ <{n}> tp:indicator ?indicator }} OPTIONAL {{ <{n}> tp:title ?title }}
  OPTIONAL {{ <{n}> tp:organization ?o . ?o rdfs:label ?org }}
}} LIMIT 1"#,
        n = node.as_str()
    );
    let QueryResults::Solutions(mut solutions) = query(store, &text)? else { return label(store, term) };
    let Some(solution) = solutions.next().transpose()? else { return label(store, term) };
    let part = |var: &str| solution.get(var).map(plain);
    if let Some(title) = part("title") {
        return Ok(format!("{title} @ {}", part("org").unwrap_or_default()));
    }
    match part("value") {
        Some(value) => {
            let when = part("year").or(part("date")).unwrap_or_default();
            Ok(format!("{when} {value} ({})", part("indicator").unwrap_or_default()).trim().to_string())
        }
        None => label(store, term),
    }
}

fn column(results: QueryResults<'static>, var: &str) -> Vec<String> {
    let QueryResults::Solutions(solutions) = results else { return Vec::new() };
    solutions.filter_map(|s| s.ok()).filter_map(|s| s.get(var).map(plain)).collect()
}

/// A term's value without RDF syntax.
fn plain(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn number(term: Option<&Term>) -> u64 {
    term.map(plain).and_then(|v| v.parse().ok()).unwrap_or(0)
}
