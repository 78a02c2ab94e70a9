//! Extraction quality: the store scored against hand-made gold facts, the
//! way `gold/score.py` scores an N-Quads dump (same normalisation, same
//! greedy matching, same counts), plus a breakdown by rule.

use crate::error::{GraphError, Result};
use crate::export::sort_key;
use crate::namespace::{RDF, RDFS, SKOS, TP};
use crate::store::GraphStore;
use oxigraph::model::{Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The fact kinds, in the scorer's order.
pub const KINDS: [&str; 5] = ["ent", "rel", "target", "obs", "pos"];
const TOLERANCE: f64 = 0.005;

/// Counts and errors of one kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindScore {
    /// Gold facts.
    pub gold: usize,
    /// System facts counted (matched plus wrong).
    pub system: usize,
    /// Gold facts matched.
    pub correct: usize,
    /// Gold facts not found, as `file:line: text`.
    pub missed: Vec<String>,
    /// System facts matching no gold fact, described.
    pub wrong: Vec<String>,
}

impl KindScore {
    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        prf(self.correct, self.system, self.gold)
    }
}

/// Per rule: how many of its facts matched gold and how many matched none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleScore {
    /// Facts that matched a gold fact.
    pub correct: usize,
    /// Facts that matched none.
    pub wrong: usize,
}

/// The whole report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// By kind, in [`KINDS`] order.
    pub kinds: Vec<(String, KindScore)>,
    /// By rule id (entities are counted under `entity`).
    pub rules: BTreeMap<String, RuleScore>,
}

impl Report {
    /// Micro-averaged totals over all kinds: (correct, system, gold).
    pub fn totals(&self) -> (usize, usize, usize) {
        self.kinds.iter().fold((0, 0, 0), |(c, s, g), (_, k)| (c + k.correct, s + k.system, g + k.gold))
    }
}

/// Precision, recall and F1 from counts.
pub fn prf(correct: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let p = if system > 0 { correct as f64 / system as f64 } else { 0.0 };
    let r = if gold > 0 { correct as f64 / gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// A fact of the gold file or of the store, in comparable form.
#[derive(Debug, Clone)]
struct Fact {
    names: BTreeSet<String>,
    /// class (ent), predicate (rel), year (target), title (pos)
    key: String,
    objects: BTreeSet<String>,
    quantity: Option<(f64, String)>,
    /// `file:line: text` for gold, a description for the system
    text: String,
    rule: String,
}

/// Scores the store against a gold file in the format of `gold/README.md`.
pub fn evaluate(store: &GraphStore, gold_path: &Path) -> Result<Report> {
    let text = std::fs::read_to_string(gold_path).map_err(|e| GraphError::Gold {
        path: gold_path.to_owned(),
        line: 0,
        message: e.to_string(),
    })?;
    let gold = read_gold(gold_path, &text)?;
    // What the articles state, as `tupu export` dumps it.
    let mut quads = crate::export::quads_to_export(store, None, false)?;
    quads.sort_by_cached_key(sort_key);
    let system = read_system(&quads);
    let mut report = Report::default();
    for kind in KINDS {
        let (score, outcomes) = score_kind(kind, &gold[kind], &system[kind]);
        for (rule, correct) in outcomes {
            let entry = report.rules.entry(rule).or_default();
            if correct { entry.correct += 1 } else { entry.wrong += 1 }
        }
        report.kinds.push((kind.to_string(), score));
    }
    Ok(report)
}

fn score_kind(kind: &str, gold: &[Fact], system: &[Fact]) -> (KindScore, Vec<(String, bool)>) {
    let mut used = vec![false; system.len()];
    let mut score = KindScore { gold: gold.len(), ..KindScore::default() };
    for g in gold {
        match (0..system.len()).find(|&i| !used[i] && matches(kind, g, &system[i])) {
            Some(i) => {
                used[i] = true;
                score.correct += 1;
            }
            None => score.missed.push(g.text.clone()),
        }
    }
    let mut outcomes = Vec::new();
    for (i, s) in system.iter().enumerate() {
        if used[i] {
            outcomes.push((s.rule.clone(), true));
        } else if !gold.iter().any(|g| matches(kind, g, s)) {
            score.wrong.push(s.text.clone());
            outcomes.push((s.rule.clone(), false));
        }
    }
    score.system = score.correct + score.wrong.len();
    (score, outcomes)
}

fn matches(kind: &str, g: &Fact, s: &Fact) -> bool {
    let names = !g.names.is_disjoint(&s.names);
    match kind {
        "ent" => g.key == s.key && names,
        "rel" => {
            let forward = names && !g.objects.is_disjoint(&s.objects);
            let backward =
                g.key == "cooperatesWith" && !g.names.is_disjoint(&s.objects) && !g.objects.is_disjoint(&s.names);
            g.key == s.key && (forward || backward)
        }
        "target" => names && g.key == s.key && same_quantity(&g.quantity, &s.quantity),
        "obs" => names && same_quantity(&g.quantity, &s.quantity),
        "pos" => {
            let title = g.key == s.key
                || (!g.key.is_empty() && !s.key.is_empty() && (s.key.contains(&g.key) || g.key.contains(&s.key)));
            names && title && !g.objects.is_disjoint(&s.objects)
        }
        _ => false,
    }
}

fn same_quantity(g: &Option<(f64, String)>, s: &Option<(f64, String)>) -> bool {
    let (Some((gv, gu)), Some((sv, su))) = (g, s) else { return false };
    let units = gu == su || gu.is_empty() || su.is_empty();
    units && (gv == sv || (gv - sv).abs() <= TOLERANCE * gv.abs().max(sv.abs()))
}

/// NFKC, without spaces, quotes and 《》, lower case: names compare so.
pub fn norm_label(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace() && !"\u{3000}\"'“”‘’《》〈〉「」".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `2000亿元` → (2e11, 元); `3.01万P` → (30100, P); `七成` → (70, %).
pub fn parse_value(text: &str) -> Option<(f64, String)> {
    let t: String = text.nfkc().filter(|c| *c != ',').collect();
    let t = t.trim();
    let digits_end = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (mut number, rest) = if digits_end > 0 {
        (t[..digits_end].parse::<f64>().ok()?, &t[digits_end..])
    } else {
        let end =
            t.char_indices().find(|(_, c)| !"零〇一二两三四五六七八九十百千".contains(*c)).map_or(t.len(), |(i, _)| i);
        (chinese_number(&t[..end])? as f64, &t[end..])
    };
    let mut rest = rest.trim();
    for (word, multiplier) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4)] {
        if let Some(r) = rest.strip_prefix(word) {
            number *= multiplier;
            rest = r;
            break;
        }
    }
    let mut unit = norm_unit(rest);
    if unit == "成" {
        number *= 10.0;
        unit = "%".into();
    }
    Some((number, unit))
}

fn chinese_number(text: &str) -> Option<i64> {
    if text.is_empty() {
        return None;
    }
    let (mut total, mut current) = (0, 0);
    for c in text.chars() {
        match "零〇一二两三四五六七八九".find(c) {
            Some(_) => {
                current = "零〇一二两三四五六七八九"
                    .chars()
                    .position(|d| d == c)
                    .map(|p| [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9][p])?
            }
            None => {
                let place = match c {
                    '十' => 10,
                    '百' => 100,
                    '千' => 1000,
                    _ => return None,
                };
                total += current.max(1) * place;
                current = 0;
            }
        }
    }
    Some(total + current)
}

fn norm_unit(unit: &str) -> String {
    let u: String = unit.nfkc().collect::<String>().trim().to_string();
    match u.to_lowercase().as_str() {
        "pflops" | "p" => "P".into(),
        "度" | "kwh" => "千瓦时".into(),
        "kw" => "千瓦".into(),
        "元人民币" => "元".into(),
        "％" => "%".into(),
        _ => u,
    }
}

fn read_gold(path: &Path, text: &str) -> Result<HashMap<&'static str, Vec<Fact>>> {
    let mut gold: HashMap<&'static str, Vec<Fact>> = KINDS.iter().map(|k| (*k, Vec::new())).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let where_ = format!("{}:{}: {}", path.display(), i + 1, line.trim());
        let bad = |why: &str| GraphError::Gold { path: path.to_owned(), line: i + 1, message: why.to_string() };
        let cols: Vec<&str> = line.split('\t').collect();
        let alts = |s: &str| s.split('|').filter(|a| !a.trim().is_empty()).map(norm_label).collect::<BTreeSet<_>>();
        let value = |s: &str| parse_value(s).ok_or_else(|| bad(&format!("cannot read value `{s}`")));
        let (kind, fact) = match (cols[0], cols.len()) {
            ("ent", 3..) => (
                "ent",
                Fact {
                    names: alts(cols[1]),
                    key: cols[2].into(),
                    objects: BTreeSet::new(),
                    quantity: None,
                    text: where_,
                    rule: String::new(),
                },
            ),
            ("rel", 4..) => (
                "rel",
                Fact {
                    names: alts(cols[1]),
                    key: cols[2].into(),
                    objects: alts(cols[3]),
                    quantity: None,
                    text: where_,
                    rule: String::new(),
                },
            ),
            ("target", 4..) => {
                let year = cols[2].trim();
                if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
                    return Err(bad("target year must be 4 digits"));
                }
                (
                    "target",
                    Fact {
                        names: alts(cols[1]),
                        key: year.into(),
                        objects: BTreeSet::new(),
                        quantity: Some(value(cols[3])?),
                        text: where_,
                        rule: String::new(),
                    },
                )
            }
            ("obs", 4..) => (
                "obs",
                Fact {
                    names: alts(cols[1]),
                    key: String::new(),
                    objects: BTreeSet::new(),
                    quantity: Some(value(cols[3])?),
                    text: where_,
                    rule: String::new(),
                },
            ),
            ("pos", 4..) => (
                "pos",
                Fact {
                    names: alts(cols[1]),
                    key: norm_label(cols[2]),
                    objects: alts(cols[3]),
                    quantity: None,
                    text: where_,
                    rule: String::new(),
                },
            ),
            _ => return Err(bad("cannot read gold line")),
        };
        // the same fact annotated in two articles counts once
        let signature = format!(
            "{kind}|{:?}|{}|{:?}|{:?}",
            fact.names,
            fact.key,
            fact.objects,
            fact.quantity.as_ref().map(|(v, u)| (v.to_bits(), u))
        );
        if seen.insert(signature) {
            gold.get_mut(kind).expect("known kind").push(fact);
        }
    }
    Ok(gold)
}

fn read_system(quads: &[Quad]) -> HashMap<&'static str, Vec<Fact>> {
    let rdf_type = format!("{RDF}type");
    let (label, alt) = (format!("{RDFS}label"), format!("{SKOS}altLabel"));
    let mut labels: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut display: HashMap<String, String> = HashMap::new();
    let mut types: Vec<(String, String)> = Vec::new();
    let mut props: Vec<(String, String, Term)> = Vec::new();
    let mut by_subject: HashMap<String, Vec<(String, Term)>> = HashMap::new();
    for q in quads {
        let s = q.subject.to_string();
        let s = s.trim_start_matches('<').trim_end_matches('>').to_string();
        let p = q.predicate.as_str();
        match (&q.object, p) {
            (Term::Literal(l), _) if p == label || p == alt => {
                labels.entry(s.clone()).or_default().insert(norm_label(l.value()));
                if p == label {
                    display.insert(s.clone(), l.value().to_string());
                }
            }
            (Term::NamedNode(o), _) if p == rdf_type && o.as_str().starts_with(TP) => {
                types.push((s.clone(), o.as_str()[TP.len()..].to_string()));
            }
            (o, _) if p.starts_with(TP) => {
                props.push((s.clone(), p[TP.len()..].to_string(), o.clone()));
                by_subject.entry(s.clone()).or_default().push((p[TP.len()..].to_string(), o.clone()));
            }
            _ => {}
        }
        if p.starts_with(RDF) && p != rdf_type {
            by_subject.entry(s).or_default().push((p.to_string(), q.object.clone()));
        }
    }
    let rules = evidence_rules(quads);
    let names = |iri: &str| labels.get(iri).cloned().unwrap_or_default();
    let shown = |iri: &str| display.get(iri).cloned().unwrap_or_else(|| iri.to_string());
    let lit = |node: &str, name: &str| {
        by_subject.get(node)?.iter().find(|(p, _)| p == name).and_then(|(_, o)| match o {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
    };
    let mut system: HashMap<&'static str, Vec<Fact>> = KINDS.iter().map(|k| (*k, Vec::new())).collect();
    let mut seen_types = BTreeSet::new();
    for (s, class) in types {
        if ENTITY_CLASSES.contains(&class.as_str()) && seen_types.insert((s.clone(), class.clone())) {
            let text = shown(&s);
            system.get_mut("ent").expect("kind").push(Fact {
                names: names(&s),
                key: class,
                objects: BTreeSet::new(),
                quantity: None,
                text,
                rule: "entity".into(),
            });
        }
    }
    for (s, p, o) in props {
        let Term::NamedNode(o) = o else { continue };
        let o = o.as_str().to_string();
        let rule = rules.get(&(s.clone(), p.clone(), o.clone())).cloned().unwrap_or_else(|| "?".into());
        if RELATIONS.contains(&p.as_str()) {
            let text = format!("{} {p} {}", shown(&s), shown(&o));
            system.get_mut("rel").expect("kind").push(Fact {
                names: names(&s),
                key: p,
                objects: names(&o),
                quantity: None,
                text,
                rule,
            });
        } else if p == "hasTarget" || p == "hasObservation" {
            let kind = if p == "hasTarget" { "target" } else { "obs" };
            let (Some(value), unit) =
                (lit(&o, "value").and_then(|v| v.parse::<f64>().ok()), norm_unit(&lit(&o, "unit").unwrap_or_default()))
            else {
                continue;
            };
            let key = if kind == "target" {
                lit(&o, "year").map(|y| y.chars().take(4).collect()).unwrap_or_default()
            } else {
                String::new()
            };
            let text = format!("{} {key} {value}{unit} {}", shown(&s), lit(&o, "indicator").unwrap_or_default());
            system.get_mut(kind).expect("kind").push(Fact {
                names: names(&s),
                key,
                objects: BTreeSet::new(),
                quantity: Some((value, unit)),
                text,
                rule,
            });
        } else if p == "holdsPosition" {
            let title = norm_label(&lit(&o, "title").unwrap_or_default());
            let org = by_subject.get(&o).and_then(|v| v.iter().find(|(p, _)| p == "organization")).and_then(
                |(_, t)| match t {
                    Term::NamedNode(n) => Some(n.as_str().to_string()),
                    _ => None,
                },
            );
            let objects = org.as_deref().map(names).unwrap_or_default();
            let text = format!("{} {title} {}", shown(&s), org.as_deref().map(shown).unwrap_or_default());
            system.get_mut("pos").expect("kind").push(Fact {
                names: names(&s),
                key: title,
                objects,
                quantity: None,
                text,
                rule,
            });
        }
    }
    system
}

/// (subject, predicate local name, object) → the rule of its evidence.
fn evidence_rules(quads: &[Quad]) -> HashMap<(String, String, String), String> {
    let mut parts: HashMap<String, [Option<String>; 4]> = HashMap::new();
    for q in quads {
        let slot = match q.predicate.as_str() {
            p if p == format!("{RDF}subject") => 0,
            p if p == format!("{RDF}predicate") => 1,
            p if p == format!("{RDF}object") => 2,
            p if p == format!("{TP}rule") => 3,
            _ => continue,
        };
        let value = match &q.object {
            Term::NamedNode(n) if slot == 1 => n.as_str().trim_start_matches(TP).to_string(),
            Term::NamedNode(n) => n.as_str().to_string(),
            Term::Literal(l) => l.value().to_string(),
            other => other.to_string(),
        };
        parts.entry(q.subject.to_string()).or_default()[slot] = Some(value);
    }
    parts.into_values().filter_map(|[s, p, o, r]| Some(((s?, p?, o?), r?))).collect()
}

const ENTITY_CLASSES: &[&str] = &[
    "Company",
    "GovernmentBody",
    "Institution",
    "Country",
    "Province",
    "City",
    "County",
    "Region",
    "Park",
    "DataCenter",
    "Zone",
    "Person",
    "Plan",
    "Program",
    "Project",
];
const RELATIONS: &[&str] =
    &["locatedIn", "partOf", "operates", "investsIn", "subsidiaryOf", "issuedBy", "cooperatesWith"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_normalise_like_the_scorer() {
        let check = |text: &str, value: f64, unit: &str| {
            let (v, u) = parse_value(text).unwrap_or_else(|| panic!("{text} not read"));
            assert!((v - value).abs() <= 1e-9 * value.abs(), "{text}: {v}");
            assert_eq!(u, unit, "{text}");
        };
        check("2000亿元", 2e11, "元");
        check("172.24万台", 1722400.0, "台");
        check("3.01万P", 30100.0, "P");
        check("十亿元", 1e9, "元");
        check("七成", 70.0, "%");
        check("18亿度", 1.8e9, "千瓦时");
        // gold/score.py reads a range as its first number, the rest as the
        // unit, so a gold range matches no fact: the same here
        check("3~5年", 3.0, "~5年");
        check("3～5年", 3.0, "~5年");
        check("10至20万人", 10.0, "至20万人");
        check("2个百分点", 2.0, "个百分点");
    }

    #[test]
    fn labels_normalise_like_the_scorer() {
        assert_eq!(
            norm_label("《张家口市数字经济发展规划(2020—2025年)》"),
            norm_label("张家口市数字经济发展规划（2020—2025年）")
        );
        assert_eq!(norm_label("“创坝” 园区"), "创坝园区");
        assert_eq!(norm_label("AICT"), "aict");
    }

    #[test]
    fn duplicate_gold_facts_count_once_and_bad_lines_are_reported() {
        let text =
            "# article: a\nent\t张家口市|张家口\tCity\nent\t张家口|张家口市\tCity\ntarget\t张家口\t25\t1亿元\tx\n";
        let err = read_gold(Path::new("g.tsv"), text).unwrap_err().to_string();
        assert!(err.contains("g.tsv:4"), "{err}");
        let gold = read_gold(Path::new("g.tsv"), &text.lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();
        assert_eq!(gold["ent"].len(), 1);
    }
}
