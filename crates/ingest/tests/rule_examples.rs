//! Every rule's examples must yield the facts they list, and its counter
//! examples must not make it fire: the rules' own specification, run as tests.

mod common;

use common::extract;
use tupu_ingest::{Fact, Quantity};

/// A fact as the examples write it; a value as the text wrote it, a range
/// with its ends as read (`3~5个 [3..5]`).
fn render(fact: &Fact) -> String {
    match fact {
        Fact::Relation { subject, relation, object, .. } => format!("{subject} {relation} {object}"),
        Fact::Position { person, title, organization, .. } => format!("{person} position {title} {organization}"),
        Fact::Target { subject, year, quantity, .. } => format!("{subject} target {year} {}", value(quantity)),
        Fact::Observation { subject, quantity, .. } => format!("{subject} observation {}", value(quantity)),
    }
}

fn value(quantity: &Quantity) -> String {
    match quantity.max {
        Some(max) => format!("{} [{}..{max}]", quantity.text, quantity.value),
        None => quantity.text.clone(),
    }
}

#[test]
fn every_rule_example_yields_its_facts() {
    let pipeline = common::pipeline();
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in pipeline.rules() {
        for example in &rule.examples {
            let extraction = extract(&pipeline, &example.text);
            let produced: Vec<String> = extraction.facts.iter().map(render).collect();
            for expected in &example.expect {
                checked += 1;
                if !produced.contains(expected) {
                    failures.push(format!(
                        "{}: `{}`\n  expected: {expected}\n  produced: {produced:?}",
                        rule.id, example.text
                    ));
                }
            }
        }
        for counter in &rule.counter_examples {
            let extraction = extract(&pipeline, counter);
            let fired: Vec<String> =
                extraction.facts.iter().filter(|f| f.evidence().rule == rule.id).map(render).collect();
            checked += 1;
            if !fired.is_empty() {
                failures.push(format!("{}: must not fire on `{counter}`, produced {fired:?}", rule.id));
            }
        }
    }
    let measures = pipeline.measure_rules();
    for example in &measures.examples {
        let produced: Vec<String> = extract(&pipeline, &example.text).facts.iter().map(render).collect();
        for expected in &example.expect {
            checked += 1;
            if !produced.contains(expected) {
                failures
                    .push(format!("measures: `{}`\n  expected: {expected}\n  produced: {produced:?}", example.text));
            }
        }
    }
    for counter in &measures.counter_examples {
        let extraction = extract(&pipeline, counter);
        let measured: Vec<String> = extraction
            .facts
            .iter()
            .filter(|f| matches!(f, Fact::Target { .. } | Fact::Observation { .. }))
            .map(render)
            .collect();
        checked += 1;
        if !measured.is_empty() {
            failures.push(format!("measures: must yield no value from `{counter}`, produced {measured:?}"));
        }
    }
    assert!(!measures.examples.is_empty(), "measures.toml has no examples");
    assert!(checked > 10, "too few rule examples: {checked}");
    assert!(failures.is_empty(), "{} of {checked} rule examples failed:\n{}", failures.len(), failures.join("\n"));
}

/// The name examples of `entities.toml`: each must yield its names with
/// their classes (as the canonical name or an alias) and none of the
/// phrases it lists as no names.
#[test]
fn every_name_example_yields_its_names() {
    let pipeline = common::pipeline();
    let examples = &pipeline.entity_rules().examples;
    assert!(examples.len() >= 10, "too few name examples: {}", examples.len());
    let mut failures = Vec::new();
    for example in examples {
        let extraction = extract(&pipeline, &example.text);
        let found: Vec<String> = extraction
            .entities
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(e.aliases.iter()).map(move |n| format!("{n} {}", e.class)))
            .collect();
        for expected in &example.names {
            if !found.contains(expected) {
                failures.push(format!("`{}`\n  expected: {expected}\n  found: {found:?}", example.text));
            }
        }
        for not in &example.not {
            if found.iter().any(|f| f.rsplit_once(' ').is_some_and(|(name, _)| name == not)) {
                failures.push(format!("`{}`\n  must not yield: {not}\n  found: {found:?}", example.text));
            }
        }
    }
    assert!(failures.is_empty(), "{} name examples failed:\n{}", failures.len(), failures.join("\n"));
}
