//! `tupu explain` on the seeds: facts come with their sentence and rule.

mod common;

use common::tupu;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

#[test]
fn explain_shows_sentence_article_and_rule_for_an_alias() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tupu(&store).arg("build").arg(SEEDS).assert().success();
    // 张家口 is an alias: it must find tpid:张家口市
    let output = tupu(&store).args(["explain", "张家口"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("tpid:张家口市"), "{text}");
    // the 2025 investment target, with the sentence it was read in and its rule
    let target = text.find("2000亿元").unwrap_or_else(|| panic!("no 2000亿元 target in:\n{text}"));
    let after = &text[target..];
    assert!(after.contains("rule     measure/target-year"), "{after}");
    assert!(after.contains("sentence ") && after.contains("2000亿元"), "{after}");
    assert!(after.contains("article  tpa:"), "{after}");
    // a relation read by a pattern rule names that rule
    assert!(text.contains("rule     locatedIn/"), "{text}");
}

#[test]
fn explain_names_an_unknown_entity() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tupu(&store).arg("build").arg(SEEDS).assert().success();
    let output = tupu(&store).args(["explain", "不存在的公司"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("不存在的公司"));
}
