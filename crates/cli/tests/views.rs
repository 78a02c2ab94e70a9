//! `tupu view` and `tupu graph` on the seeds: every built-in view renders
//! with Graphviz, its DOT matches the snapshot in `tests/snapshots/`
//! (`UPDATE_SNAPSHOTS=1 cargo test --release -p tupu --test views`
//! rewrites them), Chinese is drawn in a CJK font, and the graph
//! algorithms give the answers the seed data supports.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Mutex, MutexGuard, OnceLock};
use tempfile::TempDir;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
const ONTOLOGY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ontology");
const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");

/// The built-in views and the arguments they are drawn with in the tests.
const VIEWS: &[(&str, &[&str])] = &[
    ("industry-map", &[]),
    ("layout", &[]),
    ("targets", &[]),
    ("neighbourhood", &["--focus", "张家口", "--depth", "1"]),
    ("entities", &[]),
];

/// The seeds built once; a store admits one process at a time, so tests
/// take turns.
fn seeds() -> (MutexGuard<'static, ()>, &'static TempDir) {
    static STORE: OnceLock<TempDir> = OnceLock::new();
    static TURN: Mutex<()> = Mutex::new(());
    let guard = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let output = tupu(dir.path()).arg("build").arg(SEEDS).output().unwrap();
        assert!(output.status.success(), "build failed: {}", String::from_utf8_lossy(&output.stderr));
        dir
    });
    (guard, dir)
}

/// `tupu` on the store in `dir`, with the repository's ontology.
fn tupu(dir: &Path) -> Command {
    let mut cmd = common::tupu(&dir.join("store"));
    cmd.current_dir(dir).arg("--ontology").arg(ONTOLOGY);
    cmd
}

/// Runs tupu, expects success, returns standard output.
fn stdout(dir: &Path, args: &[&str]) -> String {
    let output = tupu(dir).args(args).output().unwrap();
    assert!(output.status.success(), "tupu {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn view_dot(dir: &Path, name: &str, extra: &[&str]) -> String {
    let mut args = vec!["view", name, "--format", "dot"];
    args.extend_from_slice(extra);
    stdout(dir, &args)
}

/// Graphviz's `dot` on `input`, or `None` (with a note) when it is not
/// installed. Returns (success, stdout, stderr).
fn graphviz(args: &[&str], input: &str) -> Option<(bool, Vec<u8>, String)> {
    let Ok(mut child) = std::process::Command::new("dot")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("note: Graphviz `dot` is not installed; rendering not checked");
        return None;
    };
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    Some((output.status.success(), output.stdout, String::from_utf8_lossy(&output.stderr).into_owned()))
}

#[test]
fn the_built_in_views_are_listed() {
    let (_turn, dir) = seeds();
    let list = stdout(dir.path(), &["view", "--list"]);
    for (name, _) in VIEWS {
        let line = list.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name} not in {list}"));
        assert!(line.len() > name.len() + 20, "no description: {line}");
    }
}

#[test]
fn every_built_in_view_is_accepted_by_graphviz() {
    let (_turn, dir) = seeds();
    for (name, extra) in VIEWS {
        let dot = view_dot(dir.path(), name, extra);
        assert!(dot.starts_with(&format!("digraph \"{name}\"")), "{dot}");
        assert!(!dot.contains("https://") && !dot.contains("tpid:"), "{name}: labels, never IRIs");
        assert!(dot.contains("Noto Sans CJK SC"), "{name}");
        let Some((ok, svg, stderr)) = graphviz(&["-Tsvg"], &dot) else { return };
        assert!(ok, "{name}: {stderr}");
        assert!(!stderr.contains("Warning") && !stderr.contains("Error"), "{name}: {stderr}");
        assert!(String::from_utf8_lossy(&svg).contains("<svg"), "{name}");
    }
}

#[test]
fn view_dot_matches_the_snapshots() {
    let (_turn, dir) = seeds();
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for (name, extra) in VIEWS {
        let dot = view_dot(dir.path(), name, extra);
        assert_eq!(dot, view_dot(dir.path(), name, extra), "{name}: two runs differ");
        let path = Path::new(SNAPSHOTS).join(format!("view-{name}.dot"));
        if update {
            std::fs::create_dir_all(SNAPSHOTS).unwrap();
            std::fs::write(&path, &dot).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != dot {
            let first = expected.lines().zip(dot.lines()).position(|(a, b)| a != b);
            let line = first.unwrap_or(expected.lines().count().min(dot.lines().count()));
            stale.push(format!(
                "{}: differs from line {}:\n  expected: {}\n  actual:   {}",
                path.display(),
                line + 1,
                expected.lines().nth(line).unwrap_or("<end>"),
                dot.lines().nth(line).unwrap_or("<end>")
            ));
        }
    }
    assert!(stale.is_empty(), "{}\n(UPDATE_SNAPSHOTS=1 rewrites the snapshots)", stale.join("\n"));
}

#[test]
fn svg_and_png_draw_chinese_in_a_cjk_font() {
    let (_turn, dir) = seeds();
    if graphviz(&["-V"], "").is_none() {
        return;
    }
    let svg_path = dir.path().join("industry-map.svg");
    tupu(dir.path()).args(["view", "industry-map", "-o"]).arg(&svg_path).assert().success();
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("<svg") && svg.contains("张家口市"), "{svg}");
    assert!(svg.contains("font-family=\"Noto Sans CJK SC\""), "{svg}");

    let png_path = dir.path().join("layout.png");
    tupu(dir.path()).args(["view", "layout", "--format", "png", "-o"]).arg(&png_path).assert().success();
    let png = std::fs::read(&png_path).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 5000, "a PNG: {} bytes", png.len());

    // The font the PNG is drawn with really is a CJK font (not a fallback
    // that draws boxes): Graphviz says which file the font resolved to.
    let dot = view_dot(dir.path(), "layout", &[]);
    let (ok, _, stderr) = graphviz(&["-v", "-Tpng", "-o", "/dev/null"], &dot).unwrap();
    assert!(ok, "{stderr}");
    let resolved = stderr.lines().find(|l| l.contains("resolved to")).unwrap_or("");
    assert!(resolved.contains("Noto Sans CJK") && resolved.contains("CJK"), "font: {resolved}\n{stderr}");
}

#[test]
fn views_show_labels_units_and_no_duplicates() {
    let (_turn, dir) = seeds();
    let targets = view_dot(dir.path(), "targets", &[]);
    assert!(targets.contains("2025年目标") && targets.contains("≥2000亿元"), "{targets}");
    for dot in [targets, view_dot(dir.path(), "industry-map", &[])] {
        let mut edges: Vec<&str> = dot.lines().filter(|l| l.contains(" -> ") && !l.contains("legend")).collect();
        let all = edges.len();
        edges.sort();
        edges.dedup();
        assert_eq!(edges.len(), all, "every edge once");
    }
}

#[test]
fn focus_finds_entities_by_alias_and_keeps_their_neighbourhood() {
    let (_turn, dir) = seeds();
    let json = stdout(dir.path(), &["view", "neighbourhood", "--focus", "张家口", "--depth", "1", "--format", "json"]);
    let view: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(view["focus"]["iri"], "https://w3id.org/tupu/id/张家口市");
    let nodes = view["nodes"].as_array().unwrap();
    let edges = view["edges"].as_array().unwrap();
    let center = nodes.iter().find(|n| n["label"] == "张家口市").expect("the focus is drawn")["id"].clone();
    let touches = |a: &serde_json::Value, b: &serde_json::Value| {
        edges.iter().any(|e| (e["source"] == *a && e["target"] == *b) || (e["source"] == *b && e["target"] == *a))
    };
    let posts: Vec<&serde_json::Value> = nodes.iter().filter(|n| n["class"] == "Position").collect();
    // Entities; facts come with their entity.
    let facts = ["Position", "Target", "Observation"];
    for node in nodes.iter().filter(|n| !facts.iter().any(|f| n["class"] == *f)) {
        let id = &node["id"];
        let near = *id == center
            || touches(id, &center)
            || posts.iter().any(|p| touches(id, &p["id"]) && touches(&p["id"], &center));
        assert!(near, "depth 1: {} is one step from 张家口市", node["label"]);
    }
    assert!(nodes.iter().any(|n| n["label"] == "河北省"), "a neighbour is kept");
    assert!(!nodes.iter().any(|n| n["label"] == "小米集团"), "two steps away: not kept");
    tupu(dir.path()).args(["view", "neighbourhood"]).assert().code(2).stderr(predicate::str::contains("--focus"));
    tupu(dir.path())
        .args(["view", "neighbourhood", "--focus", "不存在的公司"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no entity is called `不存在的公司`"));
}

#[test]
fn a_capped_view_says_what_it_shows() {
    let (_turn, dir) = seeds();
    let output = tupu(dir.path()).args(["view", "industry-map", "--max-nodes", "5"]).output().unwrap();
    assert!(output.status.success());
    let dot = String::from_utf8(output.stdout).unwrap();
    assert!(dot.contains("显示 5 / "), "{dot}");
    let drawn =
        dot.lines().filter(|l| l.trim_start().starts_with('n') && l.contains(" [label=") && !l.contains(" -> "));
    assert_eq!(drawn.count(), 5, "{dot}");
    assert!(dot.contains("label=\"张家口市\""), "the hub is kept: {dot}");
    let linked = dot.lines().filter(|l| l.contains(" -> ") && !l.contains("legend")).count();
    assert!(linked >= 4, "what is kept hangs together: {dot}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("shows 5 of"));
}

#[test]
fn one_article_and_other_formats() {
    let (_turn, dir) = seeds();
    let query = r#"SELECT ?a WHERE { ?a dcterms:source ?s . FILTER(CONTAINS(?s, "000_da824f1089075ab6")) }"#;
    let tsv = stdout(dir.path(), &["query", "--format", "tsv", query]);
    let iri = tsv.lines().nth(1).expect("the first seed is stored").trim_matches(['<', '>']);
    let id = iri.rsplit('/').next().unwrap();
    let one = stdout(dir.path(), &["view", "industry-map", "--graph", id, "--format", "json"]);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    let prefixed = stdout(dir.path(), &["view", "industry-map", "--graph", &format!("tpa:{id}"), "--format", "json"]);
    assert_eq!(one, serde_json::from_str::<serde_json::Value>(&prefixed).unwrap(), "id or tpa:ID");
    let all = stdout(dir.path(), &["view", "industry-map", "--format", "json", "--max-nodes", "0"]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let count = |v: &serde_json::Value| v["total"]["entities"].as_u64().unwrap();
    assert!(0 < count(&one) && count(&one) < count(&all), "{one}");
    assert!(one["caption"][1].as_str().unwrap().starts_with("文章：拥抱"), "{one}");

    let graphml = stdout(dir.path(), &["view", "layout", "--format", "graphml"]);
    assert!(graphml.starts_with("<?xml") && graphml.contains("<graphml") && graphml.contains("<node "));
    assert!(graphml.contains("<data key=\"label\">一带两翼三区多节点</data>"), "{graphml}");
    tupu(dir.path())
        .args(["view", "layout", "--graph", "0000000000000000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no graph"));
}

#[test]
fn a_bad_view_file_is_reported_with_its_line() {
    let (_turn, dir) = seeds();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "name = \"bad\"\ndescription = \"x\"\nrelations = [\"locatedIn\", \"nextTo\"]\nquery = \"CONSTRUCT {} WHERE {}\"\n",
    )
    .unwrap();
    tupu(dir.path())
        .arg("view")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:3:27: unknown relation `nextTo`"));
}

#[test]
fn path_connects_baode_to_zhangjiakou_through_facts() {
    let (_turn, dir) = seeds();
    let path = stdout(dir.path(), &["graph", "path", "宝德数坝数字产业（河北）有限公司", "张家口"]);
    let first = path.lines().next().unwrap();
    assert!(first.starts_with("宝德数坝数字产业（河北）有限公司 → 张家口市:"), "{path}");
    assert!(path.contains("—位于→"), "{path}");
    assert!(path.contains("「") && path.contains("tpa:"), "each step with its sentence: {path}");
}

/// One resolver for every command: a label, an alias, a prefixed IRI and
/// an IRI name the same entity in `explain`, `view --focus` and `graph
/// path`; an unknown name is an error naming it.
#[test]
fn every_command_finds_an_entity_by_name_alias_or_iri() {
    let (_turn, dir) = seeds();
    let iri = "<https://w3id.org/tupu/id/张家口市>";
    for name in ["张家口市", "张家口", "tpid:张家口市", iri] {
        let explained = stdout(dir.path(), &["explain", name]);
        assert!(explained.starts_with("tpid:张家口市\n"), "explain {name}: {explained}");
        let dot = view_dot(dir.path(), "neighbourhood", &["--focus", name, "--depth", "1"]);
        assert!(dot.contains("「张家口市」1 步以内"), "view --focus {name}");
        let path = stdout(dir.path(), &["graph", "path", name, "tpid:河北省"]);
        assert!(path.starts_with("张家口市 → 河北省: 1 step\n"), "graph path {name}: {path}");
    }
    for args in
        [&["explain", "张家"][..], &["view", "neighbourhood", "--focus", "张家"], &["graph", "path", "张家", "河北省"]]
    {
        let output = tupu(dir.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("no entity is called `张家`") && stderr.contains("张家口市"), "{args:?}: {stderr}");
    }
}

/// 张家口市 is linked to 19 entities (its parks, data centers, companies,
/// partners, province, and the districts and counties the division codes
/// put in it) across four articles; 智慧互通科技股份有限公司 to 16: the 15 of
/// the article that calls it 智慧互通公司 (ten investors, four projects, its
/// city), which is linked to the full name another article uses, and that
/// article's partner. 河北省 is where 张家口市 and
/// the parks of 雄安 lie: PageRank, which follows locatedIn, ends there.
#[test]
fn the_most_central_entities_of_the_seeds() {
    let (_turn, dir) = seeds();
    let table = stdout(dir.path(), &["graph", "central", "--top", "5"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with('#') && lines[0].contains("closeness") && lines[0].contains("pagerank"), "{table}");
    assert_eq!(lines.len(), 6, "{table}");
    assert!(lines[1].starts_with("1  张家口市 "), "{table}");
    assert!(lines[2].starts_with("2  智慧互通科技股份有限公司 "), "{table}");
    let degree = |line: &str| line.split_whitespace().nth(3).unwrap().parse::<usize>().unwrap();
    assert_eq!((degree(lines[1]), degree(lines[2])), (19, 16), "{table}");
    let by_closeness = stdout(dir.path(), &["graph", "central", "--by", "closeness", "--top", "1"]);
    assert!(by_closeness.lines().nth(1).unwrap().starts_with("1  张家口市 "), "{by_closeness}");
    let by_pagerank = stdout(dir.path(), &["graph", "central", "--by", "pagerank", "--top", "2"]);
    let rows: Vec<&str> = by_pagerank.lines().skip(1).collect();
    assert!(rows[0].starts_with("1  河北省 ") && rows[1].starts_with("2  张家口市 "), "{by_pagerank}");
}

#[test]
fn components_of_the_seeds() {
    let (_turn, dir) = seeds();
    let text = stdout(dir.path(), &["graph", "components"]);
    let first = text.lines().next().unwrap();
    assert!(first.contains("components in") && first.contains("the largest has"), "{text}");
    let largest = text.lines().nth(1).unwrap();
    assert!(largest.starts_with("1. ") && largest.contains("张家口市"), "{text}");
}
