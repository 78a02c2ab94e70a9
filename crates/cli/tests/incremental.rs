//! Incremental builds with the real binary: whatever happened to the files
//! (added, edited, moved, deleted), to the rules or lexicon, or to a build
//! (killed mid-way), the next `tupu build` ends where a clean build of the
//! same files ends — compared as sorted N-Quads dumps.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
const ONTOLOGY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ontology");
const XWLB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/xwlb");

/// Place names that stand in for 张家口 in generated articles, so that
/// they mention different entities as well as the same ones.
const PLACES: &[&str] = &["张家口", "承德", "保定", "廊坊", "唐山", "秦皇岛", "沧州", "邯郸", "邢台", "衡水"];

/// A work directory: articles under `corpus/`, stores beside them.
struct Work {
    dir: TempDir,
    ontology: PathBuf,
}

impl Work {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap(), ontology: PathBuf::from(ONTOLOGY) }
    }

    /// With a copy of the ontology that the test may change.
    fn with_own_ontology() -> Self {
        let mut work = Self::new();
        let copy = work.path("ontology");
        copy_dir(Path::new(ONTOLOGY), &copy);
        work.ontology = copy;
        work
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// `tupu --store STORE --ontology …`, run in the work directory.
    fn tupu(&self, store: &str) -> Command {
        let mut cmd = common::tupu(&self.path(store));
        cmd.current_dir(self.dir.path()).arg("--ontology").arg(&self.ontology);
        cmd
    }

    /// Builds `paths` into `store`; returns stderr. The build must succeed.
    fn build(&self, store: &str, paths: &[&str]) -> String {
        let output = self.tupu(store).arg("build").args(paths).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "build {paths:?} failed: {stderr}");
        stderr
    }

    /// The store as sorted N-Quads lines.
    fn dump(&self, store: &str) -> Vec<String> {
        let output = self.tupu(store).args(["export", "--format", "nquads", "--with-divisions"]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let mut lines: Vec<String> = String::from_utf8(output.stdout).unwrap().lines().map(str::to_owned).collect();
        lines.sort();
        lines
    }

    /// Asserts that `store` equals a clean build of `paths` into a new store.
    fn assert_equals_clean_build(&self, store: &str, paths: &[&str]) {
        let clean = format!("{store}-clean");
        let _ = std::fs::remove_dir_all(self.path(&clean));
        self.build(&clean, paths);
        assert_same(&self.dump(store), &self.dump(&clean));
        std::fs::remove_dir_all(self.path(&clean)).unwrap();
    }

    fn status(&self, store: &str, paths: &[&str]) -> String {
        let output = self.tupu(store).arg("status").args(paths).output().unwrap();
        assert!(output.status.success(), "status: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }

    fn query(&self, store: &str, sparql: &str) -> String {
        let output = self.tupu(store).args(["query", "--format", "tsv", sparql]).output().unwrap();
        assert!(output.status.success(), "{sparql}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }

    fn ask(&self, store: &str, sparql: &str) -> bool {
        let output = self.tupu(store).args(["query", "--format", "csv", sparql]).output().unwrap();
        assert!(output.status.success(), "{sparql}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap().trim() == "true"
    }

    fn article_count(&self, store: &str) -> usize {
        let tsv = self.query(store, "SELECT ?a WHERE { ?a a tp:Article }");
        tsv.lines().count() - 1
    }

    /// Writes `n` generated articles into `dir` (relative), numbered from
    /// `first`; returns their paths.
    fn generate(&self, dir: &str, first: usize, n: usize) -> Vec<PathBuf> {
        let dir = self.path(dir);
        std::fs::create_dir_all(&dir).unwrap();
        (first..first + n)
            .map(|i| {
                let path = dir.join(format!("article-{i:04}.txt"));
                std::fs::write(&path, generated_article(i)).unwrap();
                path
            })
            .collect()
    }
}

/// The seed articles, sorted by name.
fn seeds() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SEEDS).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// Article `i`: a seed with 张家口 replaced by another place (the first
/// five are the seeds themselves) and a closing paragraph of its own, so
/// every article is a different text.
fn generated_article(i: usize) -> String {
    let seeds = seeds();
    let seed = &seeds[i % seeds.len()];
    let place = PLACES[(i / seeds.len()) % PLACES.len()];
    let text = if place == "张家口" { seed.clone() } else { seed.replace("张家口", place) };
    format!("{text}\n<p>（第{i}篇）</p>\n")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Equal dumps, or a failure that shows the first differences.
fn assert_same(got: &[String], want: &[String]) {
    if got == want {
        return;
    }
    let extra: Vec<&String> = got.iter().filter(|l| want.binary_search(l).is_err()).take(8).collect();
    let missing: Vec<&String> = want.iter().filter(|l| got.binary_search(l).is_err()).take(8).collect();
    panic!(
        "the store differs from a clean build ({} vs {} quads)\nextra:\n{}\nmissing:\n{}",
        got.len(),
        want.len(),
        extra.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n"),
        missing.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n")
    );
}

/// The number before `word` in `text` ("… 3 new, …" → 3 for "new"); 0
/// when `text` does not say (a build's summary leaves out zeros).
fn count(text: &str, word: &str) -> usize {
    let Some(at) = text.find(&format!(" {word}")) else { return 0 };
    let digits: String = text[..at].chars().rev().take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().unwrap_or_else(|_| panic!("no count before `{word}` in {text}"))
}

/// The line of `text` that starts with `prefix`.
fn line<'a>(text: &'a str, prefix: &str) -> &'a str {
    text.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}` line in {text}"))
}

#[test]
fn a_rebuild_of_unchanged_files_extracts_and_writes_nothing() {
    let work = Work::new();
    work.generate("corpus", 0, 8);
    let first = work.build("store", &["corpus"]);
    assert!(first.contains("built 8 articles") && first.contains("8 new"), "{first}");
    let before = work.dump("store");
    let again = work.build("store", &["corpus"]);
    assert!(again.contains("built 0 articles"), "{again}");
    assert_eq!(count(&again, "unchanged"), 8, "{again}");
    assert_eq!(count(&again, "stale"), 0, "{again}");
    assert_same(&work.dump("store"), &before);
}

#[test]
fn regression_an_edited_file_no_longer_leaves_its_old_facts_behind() {
    let work = Work::new();
    let files = work.generate("corpus", 0, 6);
    work.build("store", &["corpus"]);
    let old_id: String = {
        let tsv = work.query("store", "SELECT ?a WHERE { ?a a tp:Article ; tp:contentHash ?h }");
        assert_eq!(tsv.lines().count(), 7, "{tsv}");
        tsv
    };
    let edited = std::fs::read_to_string(&files[2]).unwrap().replace("（第2篇）", "（第2篇，修订）");
    std::fs::write(&files[2], edited).unwrap();
    let stderr = work.build("store", &["corpus"]);
    assert_eq!(count(&stderr, "changed"), 1, "{stderr}");
    assert_eq!(count(&stderr, "unchanged"), 5, "{stderr}");
    assert_eq!(work.article_count("store"), 6, "the old text's graph is gone");
    assert_ne!(work.query("store", "SELECT ?a WHERE { ?a a tp:Article ; tp:contentHash ?h }"), old_id);
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn deleted_files_are_pruned_only_under_the_paths_given() {
    let work = Work::new();
    let a = work.generate("a", 0, 3);
    let b = work.generate("b", 3, 3);
    work.build("store", &["a", "b"]);
    std::fs::remove_file(&a[0]).unwrap();
    std::fs::remove_file(&b[0]).unwrap();

    let status = work.status("store", &["a"]);
    assert_eq!(count(line(&status, "build of"), "deleted"), 1, "{status}");
    let stderr = work.build("store", &["a"]);
    assert_eq!(count(&stderr, "deleted"), 1, "{stderr}");
    assert_eq!(work.article_count("store"), 5, "b's deleted file is outside the paths given");

    let kept = work.build("store", &["--no-prune", "b"]);
    assert_eq!(count(&kept, "deleted"), 0, "{kept}");
    assert!(kept.contains("kept 1 article"), "{kept}");
    assert_eq!(work.article_count("store"), 5);

    work.build("store", &["b"]);
    assert_eq!(work.article_count("store"), 4);
    work.assert_equals_clean_build("store", &["a", "b"]);

    // A single file given: only its own article is concerned.
    std::fs::remove_file(&a[1]).unwrap();
    let output = work.tupu("store").arg("build").arg(&a[1]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "a missing file is an error");
    assert_eq!(work.article_count("store"), 4, "and its article is kept");
}

#[test]
fn a_moved_file_keeps_its_facts_under_its_new_source() {
    let work = Work::new();
    let files = work.generate("corpus", 0, 4);
    work.build("store", &["corpus"]);
    std::fs::create_dir(work.path("corpus/2024")).unwrap();
    let moved = work.path("corpus/2024/renamed.md");
    std::fs::rename(&files[1], &moved).unwrap();
    let stderr = work.build("store", &["corpus"]);
    assert!(stderr.contains("built 0 articles"), "nothing extracted: {stderr}");
    assert_eq!(count(&stderr, "moved"), 1, "{stderr}");
    assert_eq!(work.article_count("store"), 4, "no duplicate");
    let sources = work.query("store", "SELECT ?s WHERE { ?a dcterms:source ?s }");
    let moved = std::fs::canonicalize(&moved).unwrap();
    assert!(sources.contains(&moved.display().to_string()), "{sources}");
    assert!(!sources.contains("article-0001"), "{sources}");
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn shared_entities_stay_while_one_article_mentions_them() {
    let work = Work::new();
    let files = work.generate("corpus", 0, 1);
    let twin = work.path("corpus/twin.txt");
    std::fs::write(&twin, generated_article(0).replace("（第0篇）", "（转载）")).unwrap();
    work.build("store", &["corpus"]);
    let city = r#"ASK { ?e rdfs:label "张家口市"@zh }"#;
    let alias = r#"ASK { ?e skos:altLabel "张家口"@zh ; a tp:City }"#;
    let anything = "ASK { tpid:张家口市 ?p ?o }";
    assert!(work.ask("store", city) && work.ask("store", alias) && work.ask("store", anything));

    std::fs::remove_file(&files[0]).unwrap();
    work.build("store", &["corpus"]);
    assert!(work.ask("store", city) && work.ask("store", alias), "the twin still mentions 张家口市");

    std::fs::remove_file(&twin).unwrap();
    work.build("store", &["corpus"]);
    assert!(!work.ask("store", city), "label gone with the last article");
    assert!(!work.ask("store", alias), "alias gone with the last article");
    assert!(!work.ask("store", anything), "nothing left about 张家口市");
    assert_eq!(work.article_count("store"), 0);
}

#[test]
fn rule_lexicon_and_ontology_changes_make_the_store_stale() {
    let work = Work::with_own_ontology();
    work.generate("corpus", 0, 6);
    // Half the articles name a company that no rule or lexicon knows yet.
    for i in [1, 3, 5] {
        let path = work.path(&format!("corpus/article-{i:04}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}<p>星河数智在当地建设云计算中心。</p>\n")).unwrap();
    }
    work.build("store", &["corpus"]);
    let status = work.status("store", &["corpus"]);
    assert!(line(&status, "rules").contains("up to date"), "{status}");
    assert!(line(&status, "ontology").contains("up to date"), "{status}");

    // A comment changes the rules' fingerprint but no fact.
    let relations = work.ontology.join("rules/relations.toml");
    let text = std::fs::read_to_string(&relations).unwrap();
    std::fs::write(&relations, format!("{text}\n# a comment\n")).unwrap();
    let status = work.status("store", &["corpus"]);
    assert!(line(&status, "rules").contains("changed: 6 article"), "{status}");
    assert_eq!(count(line(&status, "build of"), "stale"), 6, "{status}");
    let stderr = work.build("store", &["corpus"]);
    assert!(stderr.contains("6 stale (0 rewritten)"), "{stderr}");
    assert!(stderr.contains("built 0 articles"), "{stderr}");
    work.assert_equals_clean_build("store", &["corpus"]);

    // A lexicon entry changes the facts of the articles that name it.
    let lexicon = work.ontology.join("lexicon/organizations.tsv");
    let text = std::fs::read_to_string(&lexicon).unwrap();
    std::fs::write(&lexicon, format!("{text}星河数智\tCompany\t\n")).unwrap();
    let stderr = work.build("store", &["corpus"]);
    assert!(stderr.contains("6 stale (3 rewritten)"), "{stderr}");
    assert!(work.ask("store", r#"ASK { ?e rdfs:label "星河数智"@zh }"#));
    work.assert_equals_clean_build("store", &["corpus"]);

    // The vocabulary file is reloaded when it changes, and only then.
    let ttl = work.ontology.join("tupu.ttl");
    let text = std::fs::read_to_string(&ttl).unwrap();
    std::fs::write(&ttl, format!("{text}\ntp:Company rdfs:comment \"企业\"@zh .\n")).unwrap();
    let status = work.status("store", &[]);
    assert!(line(&status, "ontology").contains("changed"), "{status}");
    work.build("store", &["corpus"]);
    assert!(work.ask("store", r#"ASK { tp:Company rdfs:comment "企业"@zh }"#));
    assert!(line(&work.status("store", &[]), "ontology").contains("up to date"));
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn status_tells_what_a_build_would_do_without_doing_it() {
    let work = Work::new();
    let files = work.generate("corpus", 0, 5);
    let before = work.status("store", &["corpus"]);
    assert!(before.contains("none yet"), "{before}");
    assert!(!work.path("store").exists(), "status creates no store");
    assert_eq!(count(line(&before, "build of"), "new"), 5, "{before}");

    work.build("store", &["corpus"]);
    std::fs::remove_file(&files[0]).unwrap();
    std::fs::write(&files[1], generated_article(1) + "<p>更正。</p>\n").unwrap();
    std::fs::rename(&files[2], work.path("corpus/moved.txt")).unwrap();
    work.generate("corpus", 5, 2);
    let dump = work.dump("store");
    let output = work.tupu("store").args(["status", "--list", "corpus"]).output().unwrap();
    assert!(output.status.success());
    let status = String::from_utf8(output.stdout).unwrap();
    assert_eq!(line(&status, "articles").split_whitespace().nth(1), Some("5"), "{status}");
    assert!(line(&status, "facts").contains("hasTarget"), "{status}");
    assert!(line(&status, "last build").contains("UTC"), "{status}");
    let plan = line(&status, "build of");
    let counts: Vec<usize> =
        ["new", "changed", "stale", "moved", "deleted", "unchanged"].iter().map(|w| count(plan, w)).collect();
    assert_eq!(counts, [2, 1, 0, 1, 1, 2], "{status}");
    assert!(status.lines().any(|l| l.starts_with("deleted") && l.ends_with("article-0000.txt")), "{status}");
    assert!(status.lines().any(|l| l.starts_with("moved") && l.ends_with("moved.txt")), "{status}");
    assert_same(&work.dump("store"), &dump);
}

#[test]
fn a_store_in_use_is_named_and_reads_work_when_it_is_free() {
    let work = Work::new();
    work.generate("corpus", 0, 2);
    work.build("store", &["corpus"]);
    let store = work.path("store");
    let held = tupu_graph::GraphStore::open(&store).unwrap();
    let in_use = format!("store {} is in use by another tupu process", store.display());
    for args in [&["build", "corpus"][..], &["status"], &["query", "ASK {}"]] {
        work.tupu("store").args(args).assert().code(2).stderr(predicate::str::contains(in_use.as_str()));
    }
    drop(held);
    assert_eq!(work.article_count("store"), 2);
    assert!(work.status("store", &[]).contains("articles    2"));
}

#[test]
fn a_second_build_while_one_runs_is_refused() {
    let work = Work::new();
    work.generate("corpus", 0, 200);
    let mut first = spawn_build(&work, "store", "corpus");
    // RocksDB creates its LOCK file as it takes the lock.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !work.path("store/LOCK").exists() {
        assert!(Instant::now() < deadline, "the first build never opened the store");
        std::thread::sleep(Duration::from_millis(10));
    }
    let in_use = format!("store {} is in use by another tupu process", work.path("store").display());
    work.tupu("store").args(["build", "corpus"]).assert().code(2).stderr(predicate::str::contains(in_use.as_str()));
    assert!(first.try_wait().unwrap().is_none(), "the first build ended too soon for the check to mean anything");
    assert!(first.wait().unwrap().success());
    work.assert_equals_clean_build("store", &["corpus"]);
}

fn spawn_build(work: &Work, store: &str, corpus: &str) -> std::process::Child {
    Process::new(env!("CARGO_BIN_EXE_tupu"))
        .current_dir(work.dir.path())
        .env_remove("TUPU_STORE")
        .env_remove("TUPU_ONTOLOGY")
        .arg("--store")
        .arg(work.path(store))
        .arg("--ontology")
        .arg(&work.ontology)
        // Small batches, so that a kill can fall between two.
        .args(["build", "--batch", "5", corpus])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Kills a build of `corpus` into `store` part-way: starts it, kills it
/// after a delay, and tries again with a longer delay while `tupu status`
/// shows that nothing was done yet. Returns how much was left.
fn kill_part_way(work: &Work, store: &str, corpus: &str, pending: impl Fn(&str) -> usize) -> usize {
    let total = pending(&work.status(store, &[corpus]));
    assert!(total > 2, "too little work to kill a build part-way");
    // Small steps: on a fast machine the stretch between the first batch
    // written and the last can be shorter than a step of one half.
    let mut delay = Duration::from_millis(100);
    for _ in 0..60 {
        let mut child = spawn_build(work, store, corpus);
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL: no clean-up of any kind
        child.wait().unwrap();
        let left = pending(&work.status(store, &[corpus]));
        assert!(!finished && left > 0, "the build ended before it was killed after {delay:?}");
        if left < total {
            return left;
        }
        delay += delay / 10;
    }
    panic!("could not kill the build part-way");
}

#[test]
fn a_killed_build_is_completed_by_the_next_one() {
    let work = Work::with_own_ontology();
    work.generate("corpus", 0, 240);

    // A first build killed part-way.
    let left = kill_part_way(&work, "store", "corpus", |status| count(line(status, "build of"), "new"));
    let stderr = work.build("store", &["corpus"]);
    assert_eq!(count(&stderr, "new"), left, "{stderr}");
    work.assert_equals_clean_build("store", &["corpus"]);

    // Then a day of changes — edits, deletions, new files, new rules —
    // whose build is killed part-way too.
    for i in (0..240).step_by(10) {
        let path = work.path(&format!("corpus/article-{i:04}.txt"));
        std::fs::write(&path, generated_article(i) + "<p>（修订）</p>\n").unwrap();
    }
    for i in (5..240).step_by(20) {
        std::fs::remove_file(work.path(&format!("corpus/article-{i:04}.txt"))).unwrap();
    }
    work.generate("corpus", 240, 20);
    let lexicon = work.ontology.join("lexicon/organizations.tsv");
    let text = std::fs::read_to_string(&lexicon).unwrap();
    std::fs::write(&lexicon, format!("{text}星河数智\tCompany\t\n")).unwrap();
    let pending = |status: &str| {
        let plan = line(status, "build of");
        ["new", "changed", "stale", "deleted"].iter().map(|w| count(plan, w)).sum()
    };
    kill_part_way(&work, "store", "corpus", pending);
    work.build("store", &["corpus"]);
    assert_eq!(pending(&work.status("store", &["corpus"])), 0);
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn xwlb_days_added_to_a_build_equal_a_full_build() {
    let corpus = Path::new(XWLB);
    if !corpus.is_dir() {
        eprintln!("note: {} is absent; the xwlb equivalence check is skipped", corpus.display());
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("2022")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let day = |f: &PathBuf| f.file_name().unwrap().to_string_lossy()[..8].to_owned();
    let mut days: Vec<String> = files.iter().map(day).collect();
    days.dedup();
    let work = Work::new();
    let copy_day = |d: &str| {
        std::fs::create_dir_all(work.path("xwlb")).unwrap();
        for file in files.iter().filter(|f| day(f) == d) {
            std::fs::copy(file, work.path("xwlb").join(file.file_name().unwrap())).unwrap();
        }
    };
    for d in &days[..3] {
        copy_day(d);
    }
    work.build("store", &["xwlb"]);
    copy_day(&days[3]);
    let stderr = work.build("store", &["xwlb"]);
    assert!(count(&stderr, "new") > 0 && count(&stderr, "unchanged") > 0, "{stderr}");
    work.assert_equals_clean_build("store", &["xwlb"]);
}

/// A running `tupu watch`, its stderr read line by line.
struct Watching {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

/// How long a test waits for a line of watch before it fails.
const PATIENCE: Duration = Duration::from_secs(120);

impl Watching {
    /// Starts `tupu watch ARGS…` on `store`, looking every 0.1 s.
    fn start(work: &Work, store: &str, args: &[&str]) -> Self {
        let mut child = Process::new(env!("CARGO_BIN_EXE_tupu"))
            .current_dir(work.dir.path())
            .env_remove("TUPU_STORE")
            .env_remove("TUPU_ONTOLOGY")
            .arg("--store")
            .arg(work.path(store))
            .arg("--ontology")
            .arg(&work.ontology)
            .args(["watch", "--interval", "0.1"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines() {
                if sender.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        Self { child, lines, seen: Vec::new() }
    }

    /// The next line that starts with `prefix`, waiting for it.
    fn next(&mut self, prefix: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.starts_with(prefix) {
                        return line;
                    }
                }
                Err(_) => panic!("no `{prefix}` line from watch; it said:\n{}", self.seen.join("\n")),
            }
        }
    }

    /// The summary line of the next round.
    fn round(&mut self) -> String {
        self.next("built ")
    }

    /// Sends `signal` (INT, TERM), waits for watch to end and checks that
    /// it ended well (exit code 0); returns every line it printed.
    fn stop(mut self, signal: &str) -> Vec<String> {
        let sent = Process::new("kill").args(["-s", signal, &self.child.id().to_string()]).status().unwrap();
        assert!(sent.success());
        let status = self.child.wait().unwrap();
        self.seen.extend(self.lines.iter());
        assert_eq!(status.code(), Some(0), "{:?}", self.seen);
        self.seen
    }
}

/// Puts `text` at `path` in one step (written beside it under a hidden
/// name, then renamed), so that a look at the files never finds it half
/// written.
fn put(path: &Path, text: &str) {
    let hidden = path.with_file_name(format!(".{}", path.file_name().unwrap().to_string_lossy()));
    std::fs::write(&hidden, text).unwrap();
    std::fs::rename(&hidden, path).unwrap();
}

#[test]
fn watch_follows_added_changed_moved_and_deleted_files_as_build_would() {
    let work = Work::new();
    let files = work.generate("corpus", 0, 4);
    let mut watch = Watching::start(&work, "store", &["corpus"]);
    let first = watch.round();
    assert!(first.contains("built 4 articles") && first.contains("4 new"), "{first}");
    work.assert_equals_clean_build("store", &["corpus"]);

    put(&work.path("corpus/article-0004.txt"), &generated_article(4));
    let added = watch.round();
    assert_eq!((count(&added, "new"), count(&added, "unchanged")), (1, 4), "{added}");
    work.assert_equals_clean_build("store", &["corpus"]);

    put(&files[1], &(generated_article(1) + "<p>更正：项目总投资为五十亿元。</p>\n"));
    let changed = watch.round();
    assert_eq!((count(&changed, "changed"), count(&changed, "unchanged")), (1, 4), "{changed}");
    work.assert_equals_clean_build("store", &["corpus"]);

    std::fs::remove_file(&files[2]).unwrap();
    let deleted = watch.round();
    assert_eq!((count(&deleted, "deleted"), count(&deleted, "unchanged")), (1, 4), "{deleted}");
    work.assert_equals_clean_build("store", &["corpus"]);

    std::fs::rename(&files[3], work.path("corpus/moved.txt")).unwrap();
    let moved = watch.round();
    assert!(moved.starts_with("built 0 articles") && count(&moved, "moved") == 1, "{moved}");
    work.assert_equals_clean_build("store", &["corpus"]);

    // A file touched but not changed is no round.
    let text = std::fs::read_to_string(&files[0]).unwrap();
    std::fs::write(&files[0], text).unwrap();
    put(&work.path("corpus/article-0005.txt"), &generated_article(5));
    let next = watch.round();
    assert_eq!((count(&next, "new"), count(&next, "changed")), (1, 0), "{next}");

    let said = watch.stop("INT");
    assert_eq!(said.last().map(String::as_str), Some("stopped watching"), "{said:?}");
    let again = work.build("store", &["corpus"]);
    assert!(again.contains("built 0 articles") && count(&again, "unchanged") == 5, "{again}");
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn watch_waits_while_another_command_has_the_store() {
    let work = Work::new();
    work.generate("corpus", 0, 2);
    let mut watch = Watching::start(&work, "store", &["corpus"]);
    watch.round();
    // Between rounds the store is free: other commands read it.
    assert_eq!(work.article_count("store"), 2);
    let held = tupu_graph::GraphStore::open(&work.path("store")).unwrap();
    work.generate("corpus", 2, 1);
    let waiting = watch.next("store ");
    assert!(waiting.contains("is in use by another tupu process; waiting for it"), "{waiting}");
    drop(held);
    let round = watch.round();
    assert_eq!(count(&round, "new"), 1, "{round}");
    watch.stop("TERM");
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn watch_keep_open_holds_the_store_until_it_stops() {
    let work = Work::new();
    work.generate("corpus", 0, 2);
    let mut watch = Watching::start(&work, "store", &["--keep-open", "corpus"]);
    watch.round();
    let in_use = format!("store {} is in use by another tupu process", work.path("store").display());
    work.tupu("store").args(["query", "ASK {}"]).assert().code(2).stderr(predicate::str::contains(in_use.as_str()));
    work.generate("corpus", 2, 2);
    let round = watch.round();
    assert_eq!(count(&round, "new"), 2, "{round}");
    watch.stop("TERM");
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn watch_follows_rule_changes_with_the_pipeline_loaded_again() {
    let work = Work::with_own_ontology();
    work.generate("corpus", 0, 4);
    let mut watch = Watching::start(&work, "store", &["corpus"]);
    watch.round();
    let lexicon = work.ontology.join("lexicon/organizations.tsv");
    let text = std::fs::read_to_string(&lexicon).unwrap();
    put(&lexicon, &format!("{text}星河数智\tCompany\t\n"));
    watch.next("the rules or the lexicon changed");
    let round = watch.round();
    assert_eq!(count(&round, "stale"), 4, "{round}");
    watch.stop("INT");
    work.assert_equals_clean_build("store", &["corpus"]);
}

#[test]
fn watch_stopped_during_its_first_round_leaves_a_store_the_next_build_completes() {
    let work = Work::new();
    work.generate("corpus", 0, 120);
    let watch = Watching::start(&work, "store", &["--batch", "5", "corpus"]);
    // RocksDB creates its LOCK file as the round opens the store.
    let deadline = Instant::now() + PATIENCE;
    while !work.path("store/LOCK").exists() {
        assert!(Instant::now() < deadline, "the first round never opened the store");
        std::thread::sleep(Duration::from_millis(5));
    }
    let said = watch.stop("INT");
    assert_eq!(said.last().map(String::as_str), Some("stopped watching"), "{said:?}");
    let round = said.iter().find(|l| l.starts_with("built ")).expect("the round under way ends with its line");
    let left = if round.contains("stopped with") { count(round, "left") } else { 0 };
    let next = work.build("store", &["corpus"]);
    assert_eq!(count(&next, "new"), left, "{round}\n{next}");
    work.assert_equals_clean_build("store", &["corpus"]);
}
