//! A range in the text (30万至50万台, 8—10个) becomes one target or
//! observation with `tp:value` (low end) and `tp:valueMax` (high end); a
//! span of years and a change with where it led do not.

mod common;

use common::tupu;

const ARTICLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ranges/article.md");

/// Every target and observation as `kind subject value..max unit text`.
fn measurements(store: &std::path::Path) -> Vec<String> {
    let query = r##"SELECT ?kind ?subject ?value ?max ?unit ?text WHERE {
  ?s ?p ?n . VALUES ?p { tp:hasTarget tp:hasObservation }
  ?n tp:value ?value ; tp:valueText ?text .
  OPTIONAL { ?n tp:valueMax ?max } OPTIONAL { ?n tp:unit ?unit }
  GRAPH tpg:entities { ?s rdfs:label ?subject }
  BIND(STRAFTER(STR(?p), "#") AS ?kind)
}"##;
    let output = tupu(store).args(["query", "--format", "csv", query]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut rows: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            format!("{} {} {}..{} {} {}", cols[0], cols[1], cols[2], cols[3], cols[4], cols[5])
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_range_is_one_fact_with_value_and_value_max() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tupu(&store).arg("build").arg(ARTICLE).assert().success();
    let rows = measurements(&store);
    let expected = [
        "hasObservation 张家口市 12000000000.. 元 120亿元",
        "hasObservation 张家口市 3.2.. % 3.2%",
        "hasObservation 怀来县 10000..20000 家 1至2万家",
        "hasObservation 怀来县 8..10 个 8—10个",
        "hasTarget 怀来县 300000..500000 台 30万至50万台",
    ];
    assert_eq!(rows, expected);
}
