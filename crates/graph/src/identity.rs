//! Identity links across articles: an article that only says 智慧互通公司
//! gets an entity of that name, another that says 智慧互通科技股份有限公司
//! one of the full name. Each article graph stays what its text says (so
//! that building day by day gives the store a full build gives); the links
//! live in the derived entities graph ([`crate::entities`]), derived from
//! the names of all companies it describes:
//!
//! - `tpid:智慧互通公司 owl:sameAs tpid:智慧互通科技股份有限公司` when the
//!   short name is a short form ([`tupu_ingest::short_form`]) of exactly one
//!   company's full name — of two (宝德数坝 of a 河北 and a 广东 company)
//!   links to neither, never a guess;
//! - `tpid:智慧互通科技股份有限公司 skos:altLabel "智慧互通公司"@zh`, so that
//!   queries that take names from the entities graph find it by that name.
//!
//! `owl:sameAs` because the two IRIs name one company, which is what the
//! views, `tupu explain` and `tupu graph` then show: one node, under the
//! full name ([`Canonical`]).

use crate::entities::ENTITIES_GRAPH;
use crate::error::Result;
use crate::namespace::{RDF, SKOS, TP, entity_iri, entity_name};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// `owl:sameAs`.
pub const SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";

/// The short forms of a company's full name
/// ([`tupu_ingest::short_form::ShortForms::of`]).
pub type ShortFormsOf<'a> = dyn Fn(&str) -> Vec<String> + 'a;

/// The links among company names: short name → full name, for every
/// short name that is a short form (by `short_forms`) of exactly one full
/// name. A full name is a name that is no short form of another; so
/// 智慧互通公司 links to 智慧互通科技股份有限公司 even when 智慧互通科技公司
/// (itself a short form of the full name) is a company of the store too.
pub fn derive_links(
    companies: &BTreeSet<String>,
    short_forms: &dyn Fn(&str) -> Vec<String>,
) -> BTreeMap<String, String> {
    let mut full_names_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for full in companies {
        for form in short_forms(full) {
            if let Some(short) = companies.get(&form) {
                full_names_of.entry(short.as_str()).or_default().insert(full.as_str());
            }
        }
    }
    let is_full_name = |name: &str| !full_names_of.contains_key(name);
    full_names_of
        .iter()
        .filter_map(|(short, fulls)| {
            let mut fulls = fulls.iter().filter(|f| is_full_name(f));
            match (fulls.next(), fulls.next()) {
                (Some(full), None) => Some(((*short).to_owned(), (*full).to_owned())),
                _ => None,
            }
        })
        .collect()
}

/// What the entities graph must gain and lose for its links to be those
/// the companies it describes give now: `(removals, insertions)`.
pub(crate) fn changes(store: &Store, short_forms: &dyn Fn(&str) -> Vec<String>) -> Result<(Vec<Quad>, Vec<Quad>)> {
    let graph = NamedNode::new_unchecked(ENTITIES_GRAPH);
    let same_as = NamedNode::new_unchecked(SAME_AS);
    let alt_label = NamedNode::new_unchecked(format!("{SKOS}altLabel"));
    let link_quads = |short: &str, full: &str| {
        let (s, f) = (entity_iri(short), entity_iri(full));
        [
            Quad::new(s, same_as.clone(), f.clone(), graph.clone()),
            Quad::new(f, alt_label.clone(), Literal::new_language_tagged_literal_unchecked(short, "zh"), graph.clone()),
        ]
    };
    let mut companies = BTreeSet::new();
    let (is_a, company) =
        (NamedNode::new_unchecked(format!("{RDF}type")), NamedNode::new_unchecked(format!("{TP}Company")));
    for quad in
        store.quads_for_pattern(None, Some(is_a.as_ref()), Some(company.as_ref().into()), Some(graph.as_ref().into()))
    {
        if let NamedOrBlankNode::NamedNode(entity) = quad?.subject {
            companies.extend(entity_name(entity.as_str()));
        }
    }
    let wanted = derive_links(&companies, short_forms);
    let stored = select(store, &format!("SELECT ?a ?b WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?a <{SAME_AS}> ?b }} }}"))?;
    let mut removals = Vec::new();
    for (short, full) in stored {
        let (Some(short), Some(full)) = (entity_name(short.as_str()), full.and_then(|f| entity_name(f.as_str())))
        else {
            continue;
        };
        if wanted.get(&short) == Some(&full) {
            continue;
        }
        let [link, label] = link_quads(&short, &full);
        removals.push(link);
        // the short name stays a name of the full one if an article says so
        if !stated_by_an_article(store, &label)? {
            removals.push(label);
        }
    }
    let mut insertions = Vec::new();
    for (short, full) in &wanted {
        for quad in link_quads(short, full) {
            if !store.contains(&quad)? {
                insertions.push(quad);
            }
        }
    }
    Ok((removals, insertions))
}

/// Whether an article graph holds the statement of `quad`.
fn stated_by_an_article(store: &Store, quad: &Quad) -> Result<bool> {
    let derived = [ENTITIES_GRAPH, crate::bookkeeping::BUILD_GRAPH, crate::divisions::DIVISIONS_GRAPH];
    for found in store.quads_for_pattern(
        Some(quad.subject.as_ref()),
        Some(quad.predicate.as_ref()),
        Some(quad.object.as_ref()),
        None,
    ) {
        if let GraphName::NamedNode(graph) = found?.graph_name {
            if !derived.contains(&graph.as_str()) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// `(?a, ?b)` of a SELECT.
fn select(store: &Store, query: &str) -> Result<Vec<(NamedNode, Option<NamedNode>)>> {
    let QueryResults::Solutions(solutions) = SparqlEvaluator::new().parse_query(query)?.on_store(store).execute()?
    else {
        unreachable!("a SELECT query gives solutions")
    };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution?;
        if let Some(Term::NamedNode(a)) = solution.get("a") {
            let b = match solution.get("b") {
                Some(Term::NamedNode(b)) => Some(b.clone()),
                _ => None,
            };
            out.push((a.clone(), b));
        }
    }
    Ok(out)
}

/// Which entity each linked one stands for: what every view, `tupu
/// explain` and `tupu graph` show in its place.
#[derive(Debug, Clone, Default)]
pub struct Canonical {
    by_linked: HashMap<String, String>,
}

impl Canonical {
    /// The links of the store's entities graph.
    pub fn of_store(store: &Store) -> Result<Self> {
        let links =
            select(store, &format!("SELECT ?a ?b WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?a <{SAME_AS}> ?b }} }}"))?;
        let by_linked = links.into_iter().filter_map(|(a, b)| Some((a.into_string(), b?.into_string()))).collect();
        Ok(Self { by_linked })
    }

    /// The IRI `iri` stands for: the full-name entity of a short name,
    /// else `iri` itself.
    pub fn of<'a>(&'a self, iri: &'a str) -> &'a str {
        self.by_linked.get(iri).map_or(iri, String::as_str)
    }

    /// Whether `iri` is a short name linked to another entity.
    pub fn is_linked(&self, iri: &str) -> bool {
        self.by_linked.contains_key(iri)
    }

    /// `iri` and the IRIs linked to it.
    pub fn with_linked(&self, iri: &str) -> Vec<String> {
        let mut all: Vec<String> =
            self.by_linked.iter().filter(|(_, full)| *full == iri).map(|(short, _)| short.clone()).collect();
        all.sort();
        all.insert(0, iri.to_owned());
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short forms as the pipeline makes them, for the names used here.
    fn forms(name: &str) -> Vec<String> {
        let stem = name.split(['（', '科']).next().unwrap_or(name).trim_end_matches("公司").to_owned();
        [stem.clone(), format!("{stem}公司"), format!("{stem}科技公司")]
            .into_iter()
            .filter(|f| f.chars().count() < name.chars().count())
            .collect()
    }

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_short_form_of_one_full_name_links_to_it() {
        let links = derive_links(&names(&["智慧互通公司", "智慧互通科技股份有限公司", "张家口市"]), &forms);
        assert_eq!(links.len(), 1);
        assert_eq!(links["智慧互通公司"], "智慧互通科技股份有限公司");
    }

    #[test]
    fn a_short_form_of_two_full_names_links_to_neither() {
        let companies = names(&["宝德公司", "宝德（河北）有限公司", "宝德（广东）有限公司"]);
        assert!(derive_links(&companies, &forms).is_empty());
    }

    #[test]
    fn shorter_forms_link_to_the_full_name_not_to_a_middle_one() {
        let companies = names(&["智慧互通公司", "智慧互通科技公司", "智慧互通科技股份有限公司"]);
        let links = derive_links(&companies, &forms);
        assert_eq!(links["智慧互通公司"], "智慧互通科技股份有限公司");
        assert_eq!(links["智慧互通科技公司"], "智慧互通科技股份有限公司");
        assert_eq!(links.len(), 2);
    }

    #[test]
    fn without_its_full_name_a_short_name_stands_alone() {
        assert!(derive_links(&names(&["智慧互通公司"]), &forms).is_empty());
    }
}
