//! The division graph [`DIVISIONS_GRAPH`] (`tpg:divisions`): for every
//! administrative division the store describes (an entity with a
//! `tp:adcode` in `tpg:entities`), `tp:locatedIn` its parents by the
//! division codes — county → city → province — with the parents' labels
//! and classes, so that a query for what lies in 河北省 finds what lies in
//! 张北县.
//!
//! This is reference knowledge, not what an article states, so it lives
//! in a graph of its own, derived again after every build that changed
//! the entities, and `tupu export` leaves it out unless asked: a dump then
//! holds what the texts say, which is what the gold annotates.

use crate::error::Result;
use crate::namespace::{RDF, RDFS, entity_iri, tp};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use std::collections::{HashMap, HashSet};
use tupu_ingest::lexicon::Lexicon;

/// The graph of the division hierarchy.
pub const DIVISIONS_GRAPH: &str = "https://w3id.org/tupu/divisions";

/// Divisions by code, from the lexicon's place entries.
#[derive(Debug, Default, Clone)]
pub struct DivisionTable {
    by_code: HashMap<String, (String, String)>,
}

impl DivisionTable {
    /// The divisions of `lexicon`: every entry with a division code.
    pub fn from_lexicon(lexicon: &Lexicon) -> Self {
        let mut by_code = HashMap::new();
        for entry in lexicon.entries() {
            for code in &entry.adcodes {
                by_code.insert(code.clone(), (entry.name.clone(), entry.class.local_name().to_owned()));
            }
        }
        Self { by_code }
    }

    /// A table of `(code, name, class)` rows.
    #[cfg(test)]
    pub(crate) fn of_rows(rows: &[(&str, &str, &str)]) -> Self {
        let by_code =
            rows.iter().map(|(code, name, class)| (code.to_string(), (name.to_string(), class.to_string()))).collect();
        Self { by_code }
    }

    /// The code of the division `code` lies in: its city (the first four
    /// digits), else its province (the first two); `None` at the top. A
    /// municipality's districts have no city of their own and go to the
    /// municipality.
    fn parent(&self, code: &str) -> Option<&str> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let city = format!("{}00", &code[..4]);
        let province = format!("{}0000", &code[..2]);
        [city, province]
            .into_iter()
            .filter(|candidate| candidate.as_str() != code)
            .find_map(|candidate| self.by_code.get_key_value(&candidate).map(|(k, _)| k.as_str()))
    }
}

/// Derives the division graph again from the division codes of
/// `tpg:entities`: read, compared, and only the difference written.
pub(crate) fn refresh(store: &Store, table: &DivisionTable) -> Result<()> {
    let wanted = hierarchy(store, table)?;
    let graph = NamedNode::new_unchecked(DIVISIONS_GRAPH);
    let stored: HashSet<Quad> = store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref())))
        .collect::<std::result::Result<_, _>>()?;
    if stored == wanted {
        return Ok(());
    }
    let mut transaction = store.start_transaction()?;
    for quad in stored.difference(&wanted) {
        transaction.remove(quad);
    }
    for quad in wanted.difference(&stored) {
        transaction.insert(quad);
    }
    transaction.commit()?;
    Ok(())
}

/// Adds to the division graph what the divisions `codes` (entity, code),
/// new to the entities graph, bring: their chains of parents. Only adding:
/// a division gone may take shared parents with it, which only
/// [`refresh`] can tell.
pub(crate) fn add(store: &Store, table: &DivisionTable, codes: &[(NamedNode, String)]) -> Result<()> {
    let mut quads = HashSet::new();
    for (entity, code) in codes {
        chain(table, entity, code, &mut quads);
    }
    let mut transaction = store.start_transaction()?;
    transaction.extend(&quads);
    transaction.commit()?;
    Ok(())
}

/// The quads the division graph should hold.
fn hierarchy(store: &Store, table: &DivisionTable) -> Result<HashSet<Quad>> {
    let adcode = tp("adcode");
    let graph = NamedNode::new_unchecked(crate::entities::ENTITIES_GRAPH);
    let mut quads = HashSet::new();
    for quad in store.quads_for_pattern(None, Some(adcode.as_ref()), None, Some(graph.as_ref().into())) {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(entity), Term::Literal(code)) = (&quad.subject, &quad.object) {
            chain(table, entity, code.value(), &mut quads);
        }
    }
    Ok(quads)
}

/// The quads that place the division `entity` of `code` in its parents:
/// `tp:locatedIn` each next one up, each parent with its label and class.
fn chain<'a>(table: &'a DivisionTable, entity: &NamedNode, mut code: &'a str, quads: &mut HashSet<Quad>) {
    let graph = NamedNode::new_unchecked(DIVISIONS_GRAPH);
    let located_in = tp("locatedIn");
    let label = NamedNode::new_unchecked(format!("{RDFS}label"));
    let class = NamedNode::new_unchecked(format!("{RDF}type"));
    let mut child = entity.clone();
    while let Some(parent_code) = table.parent(code) {
        let (name, class_name) = &table.by_code[parent_code];
        let parent = entity_iri(name);
        quads.insert(Quad::new(child, located_in.clone(), parent.clone(), graph.clone()));
        quads.insert(Quad::new(
            parent.clone(),
            label.clone(),
            Literal::new_language_tagged_literal_unchecked(name, "zh"),
            graph.clone(),
        ));
        quads.insert(Quad::new(parent.clone(), class.clone(), tp(class_name), graph.clone()));
        child = parent;
        code = parent_code;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(&str, &str, &str)]) -> DivisionTable {
        DivisionTable::of_rows(rows)
    }

    #[test]
    fn counties_lie_in_cities_and_cities_in_provinces() {
        let t = table(&[
            ("130000", "河北省", "Province"),
            ("130700", "张家口市", "City"),
            ("130722", "张北县", "County"),
            ("110000", "北京市", "City"),
            ("110101", "东城区", "County"),
        ]);
        assert_eq!(t.parent("130722"), Some("130700"));
        assert_eq!(t.parent("130700"), Some("130000"));
        assert_eq!(t.parent("130000"), None);
        assert_eq!(t.parent("110101"), Some("110000"), "a municipality's district");
        assert_eq!(t.parent("110000"), None);
        assert_eq!(t.parent("13x722"), None);
    }
}
