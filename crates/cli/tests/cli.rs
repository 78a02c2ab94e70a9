//! The real `tupu` binary on the repository's seed articles and on bad
//! inputs, in temporary directories.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use tempfile::TempDir;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
const ONTOLOGY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ontology");

/// `tupu` with a clean environment, run in `cwd`, on `store`.
fn tupu(cwd: &Path, store: &Path) -> Command {
    let mut cmd = common::tupu(store);
    cmd.current_dir(cwd);
    cmd
}

/// The seeds built once into a store; a store admits one process at a
/// time, so tests take turns through the guard.
struct Seeds {
    dir: TempDir,
    build_stderr: String,
}

fn seeds() -> (MutexGuard<'static, ()>, &'static Seeds) {
    static SEEDS_STORE: OnceLock<Seeds> = OnceLock::new();
    static TURN: Mutex<()> = Mutex::new(());
    let guard = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let seeds = SEEDS_STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        // No --ontology: from a directory without ./ontology, tupu uses the
        // repository's, baked in at compile time.
        let output = tupu(dir.path(), &dir.path().join("store")).arg("build").arg(SEEDS).output().unwrap();
        let build_stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "build failed: {build_stderr}");
        Seeds { dir, build_stderr }
    });
    (guard, seeds)
}

impl Seeds {
    fn cmd(&self) -> Command {
        tupu(self.dir.path(), &self.dir.path().join("store"))
    }

    fn query(&self, args: &[&str]) -> String {
        let output = self.cmd().arg("query").args(args).output().unwrap();
        assert!(output.status.success(), "query {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }
}

#[test]
fn build_reports_a_summary_on_stderr() {
    let (_turn, seeds) = seeds();
    assert!(seeds.build_stderr.contains("built 5 articles"), "{}", seeds.build_stderr);
    assert!(!seeds.build_stderr.contains("error"), "{}", seeds.build_stderr);
}

#[test]
fn baode_is_located_in_chuangba() {
    let (_turn, seeds) = seeds();
    let ask = r#"ASK {
        ?c tp:locatedIn ?p .
        ?c rdfs:label|skos:altLabel ?cn . FILTER(CONTAINS(?cn, "宝德数坝"))
        ?p rdfs:label|skos:altLabel ?pn . FILTER(CONTAINS(?pn, "创坝"))
    }"#;
    assert_eq!(seeds.query(&[ask]).trim(), "true");
}

#[test]
fn zhangjiakou_targets_for_2025_contain_200_billion_yuan() {
    let (_turn, seeds) = seeds();
    let select = r#"SELECT ?text WHERE {
        ?s tp:hasTarget ?t ; rdfs:label|skos:altLabel ?n . FILTER(CONTAINS(?n, "张家口"))
        ?t tp:year 2025 ; tp:value ?v ; tp:valueText ?text .
        FILTER(?v = 200000000000)
    }"#;
    let csv = seeds.query(&[select, "--format", "csv"]);
    assert!(csv.lines().count() >= 2, "no row: {csv}");
    let saved = seeds.query(&["--name", "targets-by-place", "--format", "tsv"]);
    assert!(saved.contains("张家口") && saved.contains("2000亿元"), "{saved}");
}

#[test]
fn saved_queries_are_listed_and_run() {
    let (_turn, seeds) = seeds();
    let list = seeds.query(&["--list"]);
    for name in ["companies-in-parks", "targets-by-place", "indicator-over-time"] {
        let line = list.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name} not in {list}"));
        assert!(line.len() > name.len() + 10, "no description: {line}");
        seeds.query(&["--name", name]);
    }
    let table = seeds.query(&["--name", "companies-in-parks"]);
    assert!(table.starts_with("company"), "{table}");
    assert!(table.contains("宝德数坝"), "{table}");
}

#[test]
fn table_columns_line_up_with_chinese_text() {
    use unicode_width::UnicodeWidthStr;
    let (_turn, seeds) = seeds();
    let table =
        seeds.query(&["SELECT ?label ?class WHERE { ?e a ?class ; rdfs:label ?label ; tp:mentionedIn ?a } LIMIT 20"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines.len() > 3, "{table}");
    let column = lines[1].find("  -").expect("a rule under the header") + 2;
    for line in &lines[2..] {
        let (left, right) = line.split_at(line.char_indices().find(|(i, _)| line[..*i].width() >= column).unwrap().0);
        assert_eq!(left.width(), column, "{line}");
        assert!(right.starts_with("tp:"), "class column misaligned: {line}");
    }
    assert!(!table.contains("https://"), "IRIs are abbreviated: {table}");
}

#[test]
fn syntax_errors_give_the_position_in_the_users_text() {
    let (_turn, seeds) = seeds();
    seeds
        .cmd()
        .args(["query", "SELECT ?x\nWHERE { ?x a tp:Article "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error:").and(predicate::str::contains("2:")));
}

#[test]
fn export_nquads_holds_articles_and_the_ontology() {
    let (_turn, seeds) = seeds();
    let output = seeds.cmd().args(["export", "--format", "nquads"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let nq = String::from_utf8(output.stdout).unwrap();
    assert!(nq.lines().all(|l| l.ends_with(" .")), "not N-Quads");
    assert!(nq.contains("<https://w3id.org/tupu/ontology#locatedIn>"));
    assert!(nq.contains("<https://w3id.org/tupu/ontology> ."), "ontology graph");
    assert_eq!(nq.matches("<https://w3id.org/tupu/ontology#Article> <https://w3id.org/tupu/article/").count(), 5);

    let file = seeds.dir.path().join("out.ttl");
    seeds.cmd().args(["export", "-o"]).arg(&file).assert().success();
    let turtle = std::fs::read_to_string(&file).unwrap();
    assert!(turtle.contains("@prefix tp:"), "format guessed from .ttl");
}

#[test]
fn divisions_lie_in_their_cities_and_provinces_but_stay_out_of_the_dump() {
    let (_turn, seeds) = seeds();
    let chain = seeds.query(&[
        "SELECT ?county ?province WHERE { GRAPH tpg:divisions { tpid:张北县 tp:locatedIn ?city . ?city tp:locatedIn ?province } BIND(tpid:张北县 AS ?county) }",
        "--format",
        "csv",
    ]);
    assert!(chain.contains("河北省"), "张北县 → 张家口市 → 河北省: {chain}");
    let dump = |extra: &[&str]| {
        let output = seeds.cmd().args(["export", "--format", "nquads"]).args(extra).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let divisions = "<https://w3id.org/tupu/divisions> .";
    assert!(!dump(&[]).contains(divisions), "not stated by any article");
    assert!(dump(&["--with-divisions"]).contains(divisions));
}

#[test]
fn dot_renders_with_graphviz() {
    let (_turn, seeds) = seeds();
    let output = seeds.cmd().arg("dot").output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let dot = String::from_utf8(output.stdout).unwrap();
    assert!(dot.starts_with("digraph") && dot.contains("Noto Sans CJK SC") && dot.contains("位于"), "{dot}");
    assert!(!dot.contains("https://"), "labels, never IRIs");
    let Ok(mut child) = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("note: graphviz `dot` is not installed; rendering not checked");
        return;
    };
    use std::io::Write;
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let rendered = child.wait_with_output().unwrap();
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
    assert!(String::from_utf8_lossy(&rendered.stdout).contains("<svg"));
}

#[test]
fn a_held_store_is_reported_clearly() {
    let (_turn, seeds) = seeds();
    let store = seeds.dir.path().join("store");
    let held = tupu_graph::GraphStore::open(&store).unwrap();
    seeds
        .cmd()
        .args(["query", "ASK {}"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("store {} is in use by another tupu process", store.display())))
        .stderr(predicate::str::contains("LOCK").not());
    drop(held);
}

/// One good article among a binary file and a broken front matter.
fn bad_inputs() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let seed = std::fs::read_dir(SEEDS).unwrap().map(|e| e.unwrap().path()).min().unwrap();
    std::fs::copy(&seed, inputs.join("good.txt")).unwrap();
    std::fs::write(inputs.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(inputs.join("broken.md"), "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n\n正文。\n").unwrap();
    (dir, inputs)
}

#[test]
fn bad_inputs_are_reported_and_the_good_ones_stored() {
    let (dir, inputs) = bad_inputs();
    let store = dir.path().join("store");
    let output = tupu(dir.path(), &store).arg("--ontology").arg(ONTOLOGY).arg("build").arg(&inputs).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(errors.iter().any(|l| l.contains("binary.txt")), "{stderr}");
    assert!(errors.iter().any(|l| l.contains("broken.md:")), "file:line: {stderr}");

    let count = tupu(dir.path(), &store)
        .args(["query", "--format", "tsv", "SELECT ?s WHERE { ?a a tp:Article ; dcterms:source ?s }"])
        .output()
        .unwrap();
    let tsv = String::from_utf8(count.stdout).unwrap();
    assert_eq!(tsv.lines().count(), 2, "one article stored: {tsv}");
    assert!(tsv.contains("good.txt"), "{tsv}");
}

#[test]
fn missing_inputs_and_stores_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    tupu(dir.path(), &store)
        .arg("--ontology")
        .arg(ONTOLOGY)
        .args(["build", "no-such-file.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: no-such-file.md"));
    let missing = dir.path().join("nowhere");
    tupu(dir.path(), &missing)
        .args(["query", "ASK {}"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    tupu(dir.path(), &store).args(["query", "--bogus"]).assert().code(2);
}

#[test]
fn help_documents_the_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    tupu(dir.path(), dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes").and(predicate::str::contains("1 some inputs failed")));
}

#[test]
fn update_then_query() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    tupu(dir.path(), &store)
        .args(["update", "INSERT DATA { GRAPH tpa:x { tpid:甲 tp:locatedIn tpid:乙 } }"])
        .assert()
        .success();
    tupu(dir.path(), &store)
        .args(["query", "SELECT ?o WHERE { tpid:甲 tp:locatedIn ?o }"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tpid:乙"));
}
