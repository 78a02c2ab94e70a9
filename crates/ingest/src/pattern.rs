//! The rule pattern language: a small sequence language over [`Item`]s.
//!
//! | element | matches |
//! |---|---|
//! | `位于\|坐落于` | words whose text, joined, is one of the alternatives |
//! | `{s:Company\|Park}` | one entity of a class (or `Organization`, `Place`, `Entity`), captured as `s` |
//! | `{s:Company*}` | a list of such entities joined by 、，和 与 及 (and a closing 等) |
//! | `{t:Title}` | a person title from `entities.toml`, captured as text |
//! | `{q:Quantity}`, `{d:Date}` | a number with unit, a date |
//! | `..` | up to 6 words, numbers or dates, no names, no clause punctuation |
//! | `...` | up to 20 items of any kind within the sentence |
//! | `X?` | any element made optional |

use crate::item::Item;
use std::collections::BTreeMap;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// Literal word alternatives.
    Words(Vec<String>),
    /// An entity capture.
    Entity {
        /// Capture name.
        name: String,
        /// Accepted classes (or superclass names).
        classes: Vec<String>,
        /// Whether a list of entities is accepted.
        list: bool,
    },
    /// A title capture.
    Title(String),
    /// A quantity capture.
    Quantity(String),
    /// A date capture.
    Date(String),
    /// A short gap of plain words.
    ShortGap,
    /// A long gap of anything.
    LongGap,
    /// An optional element.
    Optional(Box<Element>),
}

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    elements: Vec<Element>,
}

/// What a match bound: capture name → item indices (several for lists).
pub type Captures = BTreeMap<String, Vec<usize>>;

/// The title words a `{t:Title}` element accepts.
pub trait TitleSet {
    /// The titles (董事长, 市委书记 …).
    fn titles(&self) -> &[String];
}

impl Pattern {
    /// Parses a pattern; the error says which element is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut elements = Vec::new();
        for raw in text.split_whitespace() {
            let (body, optional) = match raw.strip_suffix('?') {
                Some(b) if !b.is_empty() => (b, true),
                _ => (raw, false),
            };
            let element = match body {
                ".." => Element::ShortGap,
                "..." => Element::LongGap,
                _ if body.starts_with('{') => {
                    let inner = body
                        .strip_prefix('{')
                        .and_then(|b| b.strip_suffix('}'))
                        .ok_or_else(|| format!("`{raw}`: a capture is written {{name:Class}}"))?;
                    let (name, kind) =
                        inner.split_once(':').ok_or_else(|| format!("`{raw}`: a capture is written {{name:Class}}"))?;
                    if name.is_empty() {
                        return Err(format!("`{raw}`: the capture needs a name"));
                    }
                    match kind {
                        "Title" => Element::Title(name.into()),
                        "Quantity" => Element::Quantity(name.into()),
                        "Date" => Element::Date(name.into()),
                        _ => {
                            let (kinds, list) = match kind.strip_suffix('*') {
                                Some(k) => (k, true),
                                None => (kind, false),
                            };
                            let classes: Vec<String> = kinds.split('|').map(String::from).collect();
                            for c in &classes {
                                let known = matches!(c.as_str(), "Organization" | "Place" | "Entity" | "Admin")
                                    || c.parse::<crate::EntityClass>().is_ok();
                                if !known {
                                    return Err(format!("`{raw}`: unknown class `{c}`"));
                                }
                            }
                            Element::Entity { name: name.into(), classes, list }
                        }
                    }
                }
                _ => Element::Words(body.split('|').map(String::from).collect()),
            };
            elements.push(if optional { Element::Optional(Box::new(element)) } else { element });
        }
        if elements.is_empty() {
            return Err("empty pattern".into());
        }
        Ok(Self { elements })
    }

    /// The names of all captures.
    pub fn capture_names(&self) -> Vec<&str> {
        fn name(e: &Element) -> Option<&str> {
            match e {
                Element::Entity { name, .. } | Element::Title(name) | Element::Quantity(name) | Element::Date(name) => {
                    Some(name)
                }
                Element::Optional(inner) => name(inner),
                _ => None,
            }
        }
        self.elements.iter().filter_map(name).collect()
    }

    /// Every match in `items`, from every start position.
    pub fn find_all(&self, items: &[Item], titles: &dyn TitleSet) -> Vec<Captures> {
        let mut out = Vec::new();
        for start in 0..items.len() {
            if self.cannot_start_at(&items[start]) {
                continue;
            }
            self.step(items, titles, 0, start, &mut Captures::new(), &mut out);
        }
        out.dedup();
        out
    }

    /// A quick test of the first element, which most start positions fail.
    fn cannot_start_at(&self, item: &Item) -> bool {
        match &self.elements[0] {
            Element::Entity { .. } => item.entity().is_none(),
            Element::Words(alternatives) => match item.word() {
                Some(w) => !alternatives.iter().any(|a| a.starts_with(w)),
                None => true,
            },
            _ => false,
        }
    }

    fn step(
        &self,
        items: &[Item],
        titles: &dyn TitleSet,
        pi: usize,
        ii: usize,
        caps: &mut Captures,
        out: &mut Vec<Captures>,
    ) {
        let Some(element) = self.elements.get(pi) else {
            out.push(caps.clone());
            return;
        };
        let (element, optional) = match element {
            Element::Optional(inner) => (inner.as_ref(), true),
            e => (e, false),
        };
        if optional {
            self.step(items, titles, pi + 1, ii, caps, out);
        }
        match element {
            Element::ShortGap | Element::LongGap => {
                let long = matches!(element, Element::LongGap);
                let limit = if long { 20 } else { 6 };
                let mut j = ii;
                loop {
                    self.step(items, titles, pi + 1, j, caps, out);
                    let Some(item) = items.get(j) else { break };
                    let blocked =
                        if long { item.is_sentence_break() } else { item.is_clause_break() || item.entity().is_some() };
                    if blocked || j - ii >= limit {
                        break;
                    }
                    j += 1;
                }
            }
            Element::Words(alternatives) => {
                for end in words_match(items, ii, alternatives) {
                    self.step(items, titles, pi + 1, end, caps, out);
                }
            }
            Element::Entity { name, classes, list } => {
                let accepts = |i: usize| match items.get(i) {
                    Some(Item::Entity { class, .. }) => classes.iter().any(|c| class.is_a(c)),
                    _ => false,
                };
                if !accepts(ii) {
                    return;
                }
                let mut bound = vec![ii];
                let mut next = ii + 1;
                if *list {
                    // members of other classes stay in the list but are not bound
                    loop {
                        let sep = items.get(next).and_then(Item::word);
                        let member = items.get(next + 1).is_some_and(|m| m.entity().is_some());
                        if matches!(sep, Some("、" | "，" | "," | "和" | "及" | "以及" | "或")) && member {
                            if accepts(next + 1) {
                                bound.push(next + 1);
                            }
                            next += 2;
                        } else {
                            break;
                        }
                    }
                    if items.get(next).and_then(Item::word) == Some("等") {
                        next += 1;
                    }
                }
                caps.insert(name.clone(), bound);
                self.step(items, titles, pi + 1, next, caps, out);
                caps.remove(name);
            }
            Element::Title(name) => {
                for end in words_match(items, ii, titles.titles()) {
                    caps.insert(name.clone(), (ii..end).collect());
                    self.step(items, titles, pi + 1, end, caps, out);
                    caps.remove(name);
                }
            }
            Element::Quantity(name) | Element::Date(name) => {
                let ok = matches!(
                    (element, items.get(ii)),
                    (Element::Quantity(_), Some(Item::Quantity(_))) | (Element::Date(_), Some(Item::Date(_)))
                );
                if ok {
                    caps.insert(name.clone(), vec![ii]);
                    self.step(items, titles, pi + 1, ii + 1, caps, out);
                    caps.remove(name);
                }
            }
            Element::Optional(_) => unreachable!("optional elements are unwrapped above"),
        }
    }
}

/// End positions of runs of word items starting at `at` whose joined text
/// is one of the alternatives.
fn words_match(items: &[Item], at: usize, alternatives: &[String]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut joined = String::new();
    let mut i = at;
    while let Some(word) = items.get(i).and_then(Item::word) {
        joined.push_str(word);
        i += 1;
        if alternatives.contains(&joined) {
            ends.push(i);
        }
        if !alternatives.iter().any(|a| a.starts_with(joined.as_str())) {
            break;
        }
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::EntityClass;

    struct NoTitles;
    impl TitleSet for NoTitles {
        fn titles(&self) -> &[String] {
            &[]
        }
    }

    fn word(t: &str) -> Item {
        Item::Word { text: t.into(), pos: "x".into() }
    }
    fn ent(i: usize, class: EntityClass) -> Item {
        Item::Entity { entity: i, class, surface: String::new() }
    }

    #[test]
    fn words_may_span_several_tokens() {
        let p = Pattern::parse("{s:Company} 坐落于 {o:Place}").unwrap();
        let items = [ent(0, EntityClass::Company), word("坐落"), word("于"), ent(1, EntityClass::Park)];
        let m = p.find_all(&items, &NoTitles);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0]["o"], [3]);
    }

    #[test]
    fn lists_and_gaps() {
        let p = Pattern::parse("{a:Organization*} .. 与 {b:Place} .. 签署").unwrap();
        let items = [
            ent(0, EntityClass::Company),
            word("、"),
            ent(1, EntityClass::Institution),
            word("等"),
            word("公司"),
            word("与"),
            ent(2, EntityClass::City),
            word("签署"),
        ];
        let m = p.find_all(&items, &NoTitles);
        assert!(m.iter().any(|c| c["a"] == [0, 2]), "{m:?}");
    }

    #[test]
    fn short_gaps_stop_at_commas() {
        let p = Pattern::parse("{s:Company} .. 位于 {o:Place}").unwrap();
        let items = [ent(0, EntityClass::Company), word("，"), word("位于"), ent(1, EntityClass::City)];
        assert!(p.find_all(&items, &NoTitles).is_empty());
    }

    #[test]
    fn bad_patterns_are_reported() {
        assert!(Pattern::parse("{s:Town} 位于").unwrap_err().contains("Town"));
        assert!(Pattern::parse("{s} 位于").is_err());
    }
}
