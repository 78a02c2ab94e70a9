//! One company named two ways in two articles — the full name in one, a
//! short form in the other — is one entity to every command that shows
//! entities, while each article's graph keeps the name it used.

mod common;

use assert_cmd::Command;
use common::tupu;
use std::path::Path;

const FULL: &str =
    "智慧互通科技股份有限公司位于张家口市经济开发区。智慧互通科技股份有限公司与张家口市政府签署战略合作协议。\n";
const SHORT: &str = "2023年，智慧互通公司与怀来县签署合作协议，在怀来县开展智慧停车合作。\n";

fn stdout(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_short_name_in_one_article_is_the_full_name_of_another() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("short.txt"), SHORT).unwrap();
    let store = dir.path().join("store");
    tupu(&store).arg("build").arg(&articles).assert().success();
    // alone, the short name is an entity of its own
    assert!(stdout(tupu(&store).args(["explain", "智慧互通公司"])).starts_with("tpid:智慧互通公司\n"));

    std::fs::write(articles.join("full.txt"), FULL).unwrap();
    tupu(&store).arg("build").arg(&articles).assert().success();
    let explained = stdout(tupu(&store).args(["explain", "智慧互通公司"]));
    assert!(explained.starts_with("tpid:智慧互通科技股份有限公司\n"), "{explained}");
    assert!(explained.contains("怀来县") && explained.contains("张家口市政府"), "both articles' facts: {explained}");

    let view: serde_json::Value =
        serde_json::from_str(&stdout(tupu(&store).args(["view", "entities", "--format", "json"]))).unwrap();
    let companies: Vec<&serde_json::Value> = view["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["label"].as_str().unwrap().contains("智慧互通"))
        .collect();
    assert_eq!(companies.len(), 1, "{view:#}");
    assert_eq!(companies[0]["label"], "智慧互通科技股份有限公司");
    assert_eq!(companies[0]["articles"].as_array().unwrap().len(), 2, "{view:#}");
    let path = stdout(tupu(&store).args(["graph", "path", "怀来县", "张家口市政府"]));
    assert!(path.contains("智慧互通科技股份有限公司") && !path.contains("智慧互通公司 "), "{path}");

    // day by day gives what one build gives
    let fresh = dir.path().join("fresh");
    tupu(&fresh).arg("build").arg(&articles).assert().success();
    let dump = |store: &Path| stdout(tupu(store).args(["export", "--format", "nquads"]));
    let mut day_by_day: Vec<String> = dump(&store).lines().map(str::to_owned).collect();
    let mut at_once: Vec<String> = dump(&fresh).lines().map(str::to_owned).collect();
    day_by_day.sort();
    at_once.sort();
    assert_eq!(day_by_day, at_once);

    // the full name's article goes: the link goes with it
    std::fs::remove_file(articles.join("full.txt")).unwrap();
    tupu(&store).arg("build").arg(&articles).assert().success();
    assert!(stdout(tupu(&store).args(["explain", "智慧互通公司"])).starts_with("tpid:智慧互通公司\n"));
    assert!(!dump(&store).contains("sameAs"));
}
