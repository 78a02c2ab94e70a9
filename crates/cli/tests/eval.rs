//! `tupu eval` against a gold file of the project's own: every kind is
//! counted, a gold fact the text does not support is reported missed.

mod common;

use common::tupu;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/eval");

#[test]
fn eval_scores_each_kind_and_lists_misses() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tupu(&store).arg("build").arg(format!("{FIXTURE}/article.md")).assert().success();
    let output = tupu(&store).args(["eval", "--show-errors"]).arg(format!("{FIXTURE}/gold.tsv")).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    let line = |kind: &str| {
        text.lines().find(|l| l.starts_with(kind)).unwrap_or_else(|| panic!("no {kind} line in\n{text}")).to_string()
    };
    // four entities in the gold file, one of which the article never names
    assert!(line("ent ").contains("gold=   4"), "{text}");
    assert!(line("ent ").contains("correct=   3"), "{text}");
    assert!(text.contains("missed") && text.contains("南山云谷数据中心"), "{text}");
    for kind in ["rel ", "target ", "obs ", "pos "] {
        assert!(line(kind).contains("gold=   1 ") && line(kind).contains("correct=   1 "), "{kind}: {text}");
    }
    assert!(text.contains("measure/target-year"), "the by-rule table names the rules: {text}");
}

#[test]
fn eval_names_a_bad_gold_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tupu(&store).arg("build").arg(format!("{FIXTURE}/article.md")).assert().success();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "ent\t甲公司\tCompany\ntarget\t乙市\t26\t1亿元\tx\n").unwrap();
    let output = tupu(&store).arg("eval").arg(&bad).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("bad.tsv:2"), "{err}");
}
