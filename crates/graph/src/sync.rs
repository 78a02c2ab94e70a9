//! Planning an incremental build: what a build of some paths must do to
//! bring the store in line with the files — extract the new, changed and
//! stale articles, update the source of moved ones, remove those whose
//! files are gone — decided from the files' content hashes and the store's
//! bookkeeping before anything is extracted, so that an unchanged article
//! costs one hash of its bytes.
//!
//! The rules a plan follows:
//!
//! - An article is its text: its id is the start of the BLAKE3 hash of the
//!   file's bytes ([`article_id`]), so identical files are one article,
//!   whose source is the smallest path among the copies known.
//! - A file whose hash is not in the store is extracted; the article that
//!   the same path held before (its file changed) is replaced by it in the
//!   same transaction.
//! - A stored article extracted with other rules than the current ones is
//!   extracted again (it is *stale*).
//! - A stored article whose file is gone is removed if its source lies
//!   under one of the paths given (*pruned*), unless pruning is off; one
//!   outside them is never touched, nor one under a path that could not be
//!   read.

use crate::bookkeeping::StoredArticle;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// The BLAKE3 hash of a file's bytes in hex, as `tp:contentHash` holds it.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The article id a content hash gives: its first 16 hex digits.
pub fn article_id(content_hash: &str) -> &str {
    &content_hash[..16.min(content_hash.len())]
}

/// The fingerprint of the lexicon and rules under `ontology_dir`, equal to
/// [`tupu_ingest::Pipeline::fingerprint`] but without loading the pipeline
/// (which builds the segmenter's dictionaries): a BLAKE3 hash over the
/// names and bytes of `rules/*.toml`, then of `lexicon/*.tsv`, each in
/// path order (a test keeps the two equal). A build plans with it, so that
/// a rebuild with nothing to extract never waits for the pipeline.
pub fn rules_fingerprint(ontology_dir: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    for (dir, ext) in [("rules", "toml"), ("lexicon", "tsv")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(ontology_dir.join(dir))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|e| e == ext) && path.is_file())
            .collect();
        files.sort();
        for path in files {
            hasher.update(path.file_name().map(|name| name.as_encoded_bytes()).unwrap_or_default());
            hasher.update(&std::fs::read(&path)?);
        }
    }
    Ok(hasher.finalize().to_hex()[..16].to_string())
}

/// An article file found under the paths of a build, with the hash of its
/// bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundFile {
    /// The file, as an absolute path.
    pub path: PathBuf,
    /// [`content_hash`] of its bytes.
    pub content_hash: String,
}

/// What a build is asked to bring in line.
#[derive(Debug, Clone, Copy)]
pub struct SyncRequest<'a> {
    /// The paths given (absolute): files and directories. Only articles
    /// whose source lies under one of them may be pruned.
    pub roots: &'a [PathBuf],
    /// The article files found under them.
    pub files: &'a [FoundFile],
    /// Files and directories under them whose content is unknown (they
    /// could not be read): nothing under them is pruned.
    pub unreadable: &'a [PathBuf],
    /// The fingerprint of the current lexicon and rules.
    pub rules_fingerprint: &'a str,
    /// Whether articles whose files are gone are removed.
    pub prune: bool,
}

/// Why an article is extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Its text is not in the store.
    New,
    /// Its file held another text before, whose article it replaces.
    Changed,
    /// It was extracted with other rules.
    Stale,
}

/// An article to extract and write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extract {
    /// Why.
    pub reason: Reason,
    /// The article id the plan expects (the file may change meanwhile).
    pub id: String,
    /// The file to read.
    pub path: PathBuf,
    /// The articles it replaces: their files now hold this text. They are
    /// removed in the transaction that writes this one, and kept if this
    /// one fails.
    pub replaces: Vec<String>,
}

/// An article whose text now lives at another path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The article id.
    pub id: String,
    /// The source the store holds.
    pub from: String,
    /// The new source.
    pub to: PathBuf,
}

/// A stored article whose file no longer holds its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// The article as stored.
    pub article: StoredArticle,
    /// Whether its file is gone (else it now holds a text that is stored
    /// already, under another article).
    pub file_gone: bool,
}

/// What a build of some paths will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncPlan {
    /// Articles to extract, in path order (of the paths' bytes).
    pub extract: Vec<Extract>,
    /// Source updates, in id order.
    pub moves: Vec<Move>,
    /// Articles to remove, in source order.
    pub removals: Vec<Removal>,
    /// Articles whose files are gone but which stay (pruning is off).
    pub kept: Vec<StoredArticle>,
    /// Articles found and up to date.
    pub unchanged: usize,
    /// Files whose text is another file's (one article for both).
    pub duplicates: Vec<PathBuf>,
    /// Stale articles outside the paths given, which this build leaves.
    pub stale_elsewhere: usize,
}

impl SyncPlan {
    /// Decides what a build of `request` does to a store holding `stored`.
    /// `still_holds(article)` tells whether the article's stored source,
    /// which lies outside the paths given, still holds its text; it is
    /// asked only of articles that have a copy under the paths given, to
    /// decide which copy is the source.
    pub fn new(
        request: &SyncRequest<'_>,
        stored: &[StoredArticle],
        mut still_holds: impl FnMut(&StoredArticle) -> bool,
    ) -> Self {
        let mut plan = SyncPlan::default();
        // Tens of thousands of entries each: rustc's hash, a fraction of
        // the default one's cost, is plenty for ids and paths.
        let stored_by_id: FxHashMap<&str, &StoredArticle> = stored.iter().map(|a| (a.id.as_str(), a)).collect();
        let mut paths_by_id: FxHashMap<&str, Vec<&Path>> = FxHashMap::default();
        let mut id_by_path: FxHashMap<&[u8], &str> = FxHashMap::default();
        paths_by_id.reserve(request.files.len());
        id_by_path.reserve(request.files.len());
        for file in request.files {
            let id = article_id(&file.content_hash);
            paths_by_id.entry(id).or_default().push(&file.path);
            id_by_path.insert(bytes(&file.path), id);
        }
        let under = |path: &Path, roots: &[PathBuf]| roots.iter().any(|root| path.starts_with(root));
        let current = |article: &StoredArticle| article.rules_fingerprint.as_deref() == Some(request.rules_fingerprint);

        let mut new_at: FxHashMap<&str, usize> = FxHashMap::default();
        for (&id, paths) in &mut paths_by_id {
            let unchanged = match (stored_by_id.get(id), &paths[..]) {
                (Some(article), [only]) => bytes(only) == article.source.as_bytes() && current(article),
                _ => false,
            };
            if unchanged {
                // the usual case, decided without the work below
                plan.unchanged += 1;
                continue;
            }
            paths.sort_unstable_by_key(|p| bytes(p));
            paths.dedup();
            let first = paths[0];
            plan.duplicates.extend(paths[1..].iter().map(|p| p.to_path_buf()));
            let Some(article) = stored_by_id.get(id) else {
                new_at.insert(id, plan.extract.len());
                plan.extract.push(Extract {
                    reason: Reason::New,
                    id: id.to_owned(),
                    path: first.to_owned(),
                    replaces: Vec::new(),
                });
                continue;
            };
            let source = source_path(&article.source);
            let source_kept = !paths.iter().any(|p| bytes(p) == bytes(&source))
                && bytes(&source) < bytes(first)
                && !under(&source, request.roots)
                && still_holds(article);
            let path = if source_kept { source.as_path() } else { first };
            if !current(article) {
                plan.extract.push(Extract {
                    reason: Reason::Stale,
                    id: id.to_owned(),
                    path: path.to_owned(),
                    replaces: Vec::new(),
                });
            } else if path.to_string_lossy() != article.source {
                plan.moves.push(Move { id: id.to_owned(), from: article.source.clone(), to: path.to_owned() });
            } else {
                plan.unchanged += 1;
            }
        }

        for article in stored.iter().filter(|a| !paths_by_id.contains_key(a.id.as_str())) {
            let source = source_path(&article.source);
            if let Some(&now) = id_by_path.get(bytes(&source)) {
                // The file holds another text now.
                match new_at.get(now) {
                    Some(&at) => {
                        plan.extract[at].reason = Reason::Changed;
                        plan.extract[at].replaces.push(article.id.clone());
                    }
                    None => plan.removals.push(Removal { article: article.clone(), file_gone: false }),
                }
            } else if under(&source, request.unreadable) || !under(&source, request.roots) {
                if !current(article) && !under(&source, request.roots) {
                    plan.stale_elsewhere += 1;
                }
            } else if request.prune {
                plan.removals.push(Removal { article: article.clone(), file_gone: true });
            } else {
                plan.kept.push(article.clone());
            }
        }
        plan.extract.sort_unstable_by(|a, b| bytes(&a.path).cmp(bytes(&b.path)));
        plan.moves.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        plan.removals.sort_unstable_by(|a, b| a.article.source.cmp(&b.article.source));
        plan.kept.sort_unstable_by(|a, b| a.source.cmp(&b.source));
        plan.duplicates.sort_unstable_by(|a, b| bytes(a).cmp(bytes(b)));
        plan
    }

    /// The number of articles extracted for a reason.
    pub fn count(&self, reason: Reason) -> usize {
        self.extract.iter().filter(|e| e.reason == reason).count()
    }

    /// Whether the build has nothing to do.
    pub fn is_empty(&self) -> bool {
        self.extract.is_empty() && self.moves.is_empty() && self.removals.is_empty()
    }
}

/// A path as the bytes that order and identify it. Paths are compared as
/// bytes, not component by component: they all come from the same scan and
/// the same store, and bytes are much cheaper to compare and hash.
fn bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// A stored source as a path; a relative one (written by an older tupu,
/// which kept paths as given) is taken relative to the current directory.
pub fn source_path(source: &str) -> PathBuf {
    let path = PathBuf::from(source);
    if path.is_absolute() { path } else { std::path::absolute(&path).unwrap_or(path) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = "rules-now";

    fn hash(text: &str) -> String {
        content_hash(text.as_bytes())
    }

    fn file(path: &str, text: &str) -> FoundFile {
        FoundFile { path: PathBuf::from(path), content_hash: hash(text) }
    }

    fn stored(path: &str, text: &str, rules: &str) -> StoredArticle {
        StoredArticle { id: id(text), source: path.to_owned(), rules_fingerprint: Some(rules.to_owned()) }
    }

    fn plan(roots: &[&str], files: &[FoundFile], stored: &[StoredArticle], prune: bool) -> SyncPlan {
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        let request = SyncRequest { roots: &roots, files, unreadable: &[], rules_fingerprint: RULES, prune };
        SyncPlan::new(&request, stored, |_| false)
    }

    fn id(text: &str) -> String {
        article_id(&hash(text)).to_owned()
    }

    #[test]
    fn the_id_is_the_start_of_the_hash_as_ingest_makes_it() {
        let bytes = "---\ntitle: 标题\n---\n\n张家口市位于河北省。\n".as_bytes();
        let article = tupu_ingest::parse_article(Path::new("a.md"), bytes).unwrap();
        assert_eq!(content_hash(bytes), article.content_hash);
        assert_eq!(article_id(&article.content_hash), article.id);
    }

    #[test]
    fn the_quick_fingerprint_is_the_pipelines() {
        let repo = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../ontology"));
        let pipeline = tupu_ingest::Pipeline::load(repo).unwrap();
        assert_eq!(rules_fingerprint(repo).unwrap(), pipeline.fingerprint());

        let dir = tempfile::tempdir().unwrap();
        for sub in ["rules", "lexicon"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
            for entry in std::fs::read_dir(repo.join(sub)).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), dir.path().join(sub).join(entry.file_name())).unwrap();
            }
        }
        std::fs::write(dir.path().join("lexicon/more.tsv"), "星河数智\tCompany\t\n").unwrap();
        std::fs::write(dir.path().join("rules/notes.txt"), "not a rule file").unwrap();
        let changed = tupu_ingest::Pipeline::load(dir.path()).unwrap();
        assert_ne!(changed.fingerprint(), pipeline.fingerprint());
        assert_eq!(rules_fingerprint(dir.path()).unwrap(), changed.fingerprint());
    }

    #[test]
    fn new_unchanged_and_stale_articles() {
        let files = [file("/c/a.md", "甲"), file("/c/b.md", "乙"), file("/c/n.md", "新")];
        let stored = [stored("/c/a.md", "甲", RULES), stored("/c/b.md", "乙", "rules-before")];
        let plan = plan(&["/c"], &files, &stored, true);
        assert_eq!(plan.unchanged, 1);
        let extract: Vec<(Reason, &str)> = plan.extract.iter().map(|e| (e.reason, e.path.to_str().unwrap())).collect();
        assert_eq!(extract, [(Reason::Stale, "/c/b.md"), (Reason::New, "/c/n.md")]);
        assert!(plan.moves.is_empty() && plan.removals.is_empty());
    }

    #[test]
    fn a_changed_file_replaces_the_article_it_held() {
        let files = [file("/c/a.md", "甲二")];
        let stored = [stored("/c/a.md", "甲", RULES)];
        for prune in [true, false] {
            let plan = plan(&["/c"], &files, &stored, prune);
            assert_eq!(plan.extract.len(), 1);
            assert_eq!(plan.extract[0].reason, Reason::Changed);
            assert_eq!(plan.extract[0].id, id("甲二"));
            assert_eq!(plan.extract[0].replaces, [id("甲")]);
            assert!(plan.removals.is_empty() && plan.kept.is_empty());
        }
    }

    #[test]
    fn a_file_changed_into_a_stored_text_removes_its_old_article() {
        let files = [file("/c/a.md", "乙"), file("/c/b.md", "乙")];
        let stored = [stored("/c/a.md", "甲", RULES), stored("/c/b.md", "乙", RULES)];
        let plan = plan(&["/c"], &files, &stored, false);
        assert_eq!(plan.removals, [Removal { article: stored[0].clone(), file_gone: false }]);
        assert_eq!(plan.moves.len(), 1, "乙 now has a smaller path");
        assert_eq!(plan.moves[0].to, Path::new("/c/a.md"));
        assert_eq!(plan.duplicates, [PathBuf::from("/c/b.md")]);
    }

    #[test]
    fn deleted_files_are_pruned_only_under_the_roots() {
        let stored = [stored("/c/a.md", "甲", RULES), stored("/d/b.md", "乙", "old"), stored("/c/x/c.md", "丙", RULES)];
        let plan_c = plan(&["/c"], &[], &stored, true);
        let removed: Vec<&str> = plan_c.removals.iter().map(|r| r.article.source.as_str()).collect();
        assert_eq!(removed, ["/c/a.md", "/c/x/c.md"]);
        assert!(plan_c.removals.iter().all(|r| r.file_gone));
        assert_eq!(plan_c.stale_elsewhere, 1, "/d/b.md is stale but not under /c");

        let plan_file = plan(&["/c/x/c.md"], &[], &stored, true);
        assert_eq!(plan_file.removals.len(), 1);
        let plan_prefix = plan(&["/c/x/c"], &[], &stored, true);
        assert!(plan_prefix.removals.is_empty(), "a root is a path, not a string prefix");

        let kept = plan(&["/c"], &[], &stored, false);
        assert!(kept.removals.is_empty());
        assert_eq!(kept.kept.len(), 2);
    }

    #[test]
    fn nothing_under_an_unreadable_path_is_pruned() {
        let stored = [stored("/c/locked/a.md", "甲", RULES), stored("/c/b.md", "乙", RULES)];
        let roots = [PathBuf::from("/c")];
        let unreadable = [PathBuf::from("/c/locked")];
        let request =
            SyncRequest { roots: &roots, files: &[], unreadable: &unreadable, rules_fingerprint: RULES, prune: true };
        let plan = SyncPlan::new(&request, &stored, |_| false);
        let removed: Vec<&str> = plan.removals.iter().map(|r| r.article.source.as_str()).collect();
        assert_eq!(removed, ["/c/b.md"]);
    }

    #[test]
    fn a_moved_file_updates_its_source() {
        let files = [file("/c/new/a.md", "甲")];
        let stored = [stored("/c/a.md", "甲", RULES)];
        let plan = plan(&["/c"], &files, &stored, true);
        assert!(plan.extract.is_empty() && plan.removals.is_empty());
        assert_eq!(plan.moves, [Move { id: id("甲"), from: "/c/a.md".into(), to: "/c/new/a.md".into() }]);

        let stale = [self::stored("/c/a.md", "甲", "old")];
        let plan = self::plan(&["/c"], &files, &stale, true);
        assert_eq!(plan.extract[0].reason, Reason::Stale);
        assert_eq!(plan.extract[0].path, Path::new("/c/new/a.md"), "re-extracted from where it is now");
    }

    #[test]
    fn the_source_is_the_smallest_path_among_existing_copies() {
        let stored = [stored("/a/x.md", "甲", RULES)];
        let roots = [PathBuf::from("/b")];
        let files = [file("/b/y.md", "甲")];
        let request =
            SyncRequest { roots: &roots, files: &files, unreadable: &[], rules_fingerprint: RULES, prune: true };
        let plan = SyncPlan::new(&request, &stored, |_| true);
        assert_eq!(plan.unchanged, 1, "/a/x.md still holds the text and comes first");
        let plan = SyncPlan::new(&request, &stored, |_| false);
        assert_eq!(plan.moves.len(), 1, "/a/x.md is gone: the copy under /b is the source");
    }

    #[test]
    fn relative_sources_of_older_stores_are_resolved() {
        let cwd = std::env::current_dir().unwrap();
        let stored = [stored("seeds/a.md", "甲", RULES)];
        let files = [FoundFile { path: cwd.join("seeds/a.md"), content_hash: hash("甲") }];
        let roots = [cwd.join("seeds")];
        let request =
            SyncRequest { roots: &roots, files: &files, unreadable: &[], rules_fingerprint: RULES, prune: true };
        let plan = SyncPlan::new(&request, &stored, |_| false);
        assert_eq!(plan.unchanged, 0, "{plan:?}");
        assert_eq!(plan.moves.len(), 1, "stored as a clean build would store it: {plan:?}");
        assert_eq!(plan.moves[0].to, cwd.join("seeds/a.md"));
    }
}
