//! `tupu build`: brings the store in line with the article files under the
//! paths given. Every file is hashed; only new, changed and stale articles
//! are extracted (in parallel); new articles are bulk-loaded in batches
//! (unless there are only a few) and changed or stale ones written one
//! transaction each, as they come; moved
//! files get their new source and articles whose files are gone are
//! pruned. Bad inputs are reported without stopping.
//!
//! The work is one [`Round`] on an open store, which `tupu watch` runs
//! again each time the files change.

use crate::cli::{BuildArgs, Cli};
use crate::{Outcome, open_store};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::{ErrorKind, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tupu_graph::divisions::DivisionTable;
use tupu_graph::file_hashes::{FileHashes, Stamp};
use tupu_graph::store::ontology_hash;
use tupu_graph::sync::{Reason, article_id, content_hash, rules_fingerprint, source_path};
use tupu_graph::{Derivation, FoundFile, GraphStore, LastBuild, Refreshed, StoredArticle, SyncPlan, SyncRequest};
use tupu_ingest::{ARTICLE_EXTENSIONS, Extraction, IngestError, Pipeline, parse_article};

/// Brings the store in line with the articles under `args.paths`.
pub fn run(cli: &Cli, args: &BuildArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let ontology = cli.ontology_dir();
    // The pipeline takes a while to load (its segmenter's dictionaries). It
    // starts loading as soon as the scan meets a file new or changed, while
    // the rest is hashed and the store read, so that a rebuild with nothing
    // new never loads it and one with new files does not wait for it.
    let mut pipeline = Loading::new(&ontology);
    let quick_rules = rules_fingerprint(&ontology).ok();
    let (mut scan, opened) = rayon::join(
        || Scan::of(&args.paths, || FileHashes::load(&cli.store), &|| pipeline.start()),
        || open_for_round(&cli.store, &ontology, quick_rules.as_deref()),
    );
    let (store, stored) = opened?;
    let never = AtomicBool::new(false);
    let round =
        Round { store: &store, stored: &stored, scan: &scan, args, quick_rules: quick_rules.as_deref(), stop: &never };
    let report = round.run(&mut pipeline)?;
    let line = finish(&cli.store, &mut scan, &report, started.elapsed().as_secs_f64());
    eprintln!("{line}");
    Ok(report.outcome())
}

/// Opens the store for a round and reads it ([`read_for_round`]).
pub fn open_for_round(
    dir: &Path,
    ontology: &Path,
    quick_rules: Option<&str>,
) -> anyhow::Result<(GraphStore, Vec<StoredArticle>)> {
    let store = open_store(dir)?;
    let stored = read_for_round(&store, ontology, quick_rules)?;
    Ok((store, stored))
}

/// Brings the ontology graph of an open store in line with `ontology`
/// and reads its article list (faster when all articles were extracted
/// with `quick_rules`).
pub fn read_for_round(
    store: &GraphStore,
    ontology: &Path,
    quick_rules: Option<&str>,
) -> anyhow::Result<Vec<StoredArticle>> {
    sync_ontology(store, ontology)?;
    match quick_rules {
        Some(rules) => store.articles_expecting(rules),
        None => store.articles(),
    }
    .context("reading the store's articles")
}

/// One round of a build: what brings an open store in line with the
/// files of a scan. `tupu build` runs one; `tupu watch` one each time the
/// files change, with the pipeline kept loaded.
pub struct Round<'a> {
    /// The store, open.
    pub store: &'a GraphStore,
    /// Its articles, as [`open_for_round`] read them.
    pub stored: &'a [StoredArticle],
    /// The files under the paths built.
    pub scan: &'a Scan,
    /// `--no-prune` and `--batch`.
    pub args: &'a BuildArgs,
    /// The rules fingerprint read from the ontology files, if they could
    /// be read (the loaded pipeline's decides when they differ).
    pub quick_rules: Option<&'a str>,
    /// Set to stop extracting: what was extracted is written, the rest is
    /// left to the next round, and the store is left consistent.
    pub stop: &'a AtomicBool,
}

/// What a round did.
pub struct Report {
    done: Done,
    failures: usize,
    unchanged: usize,
    /// Articles left to extract when the round was stopped.
    left: usize,
}

impl Report {
    /// Whether the round was stopped before it extracted everything.
    pub fn interrupted(&self) -> bool {
        self.left > 0
    }

    /// Whether every input succeeded.
    pub fn outcome(&self) -> Outcome {
        if self.failures > 0 { Outcome::SomeFailed } else { Outcome::Ok }
    }
}

impl Round<'_> {
    /// Runs the round: removes, moves, extracts and writes what the scan
    /// calls for, then derives the global graphs.
    pub fn run(self, pipeline: &mut Loading) -> anyhow::Result<Report> {
        let Round { store, stored, scan, args, quick_rules, stop } = self;
        for error in &scan.errors {
            eprintln!("error: {error}");
        }
        let mut failures = scan.errors.len();
        let prune = !args.no_prune;
        let mut rules = match quick_rules {
            Some(rules) => rules.to_owned(),
            None => pipeline.get()?.fingerprint().to_owned(),
        };
        let mut plan = scan.plan(stored, &rules, prune);
        if !plan.extract.is_empty() && pipeline.get()?.fingerprint() != rules {
            // The quick fingerprint is only a shortcut: the pipeline's decides.
            rules = pipeline.get()?.fingerprint().to_owned();
            plan = scan.plan(stored, &rules, prune);
        }
        let rules = rules.as_str();

        let mut done = Done::default();
        for removal in &plan.removals {
            store
                .remove_article(&removal.article.id)
                .with_context(|| format!("removing {} from the store", removal.article.source))?;
            done.deleted += 1;
        }
        for moved in &plan.moves {
            store.set_source(&moved.id, &moved.to).with_context(|| format!("moving {}", moved.from))?;
            done.moved += 1;
        }

        let mut left = 0;
        if !plan.extract.is_empty() {
            let pipeline = pipeline.get()?;
            let bar = progress_bar(plan.extract.len());
            let mut new_batch = NewArticles::new(args.batch);
            let bulk = plan.extract.iter().filter(|job| job.reason == Reason::New).count() >= BULK_FROM_ARTICLES;
            let (sender, receiver) = mpsc::channel::<(usize, Result<Extraction, String>)>();
            left = plan.extract.len();
            std::thread::scope(|scope| -> anyhow::Result<()> {
                let jobs = &plan.extract;
                scope.spawn(move || {
                    // Stops early once the receiver is gone (a fatal store
                    // error, or the round stopped).
                    let _ = jobs.par_iter().enumerate().try_for_each_with(sender, |sender, (at, job)| {
                        let extracted = read_expected(&job.path, &job.id).and_then(|bytes| {
                            let article = parse_article(&job.path, &bytes).map_err(|e| e.to_string())?;
                            extract_or_report(pipeline, &article, &job.path)
                        });
                        sender.send((at, extracted)).map_err(drop)
                    });
                });
                for (at, extracted) in receiver {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    left -= 1;
                    let job = &plan.extract[at];
                    bar.set_message(job.path.display().to_string());
                    match extracted {
                        Ok(extraction) if bulk && job.reason == Reason::New && job.replaces.is_empty() => {
                            done.add(job.reason, &extraction);
                            new_batch.add(extraction);
                            if new_batch.is_full() {
                                new_batch.load(store, rules)?;
                            }
                        }
                        Ok(extraction) => {
                            let writing = || format!("writing {} to the store", job.path.display());
                            if job.reason == Reason::Stale {
                                match store.refresh_article(&extraction, rules).with_context(writing)? {
                                    Refreshed::Rewritten(_) => done.rewritten += 1,
                                    Refreshed::Same => {}
                                }
                            } else {
                                store.write_article(&extraction, rules, &job.replaces).with_context(writing)?;
                            }
                            done.add(job.reason, &extraction);
                        }
                        Err(error) => {
                            failures += 1;
                            bar.suspend(|| eprintln!("error: {error}"));
                        }
                    }
                    bar.inc(1);
                }
                new_batch.load(store, rules)
            })?;
            bar.finish_and_clear();
        }
        let interrupted = left > 0;

        // What is derived from the entities is derived anew with new rules
        // (the short forms and the division table come from them), even
        // when no article's facts changed.
        let rules_changed = store.build_record()?.rules_fingerprint.as_deref() != Some(rules);
        if store.entities_out_of_step() || rules_changed {
            let loaded = pipeline.get()?;
            let short_forms = loaded.short_forms();
            let divisions = DivisionTable::from_lexicon(loaded.lexicon());
            let derivation = Derivation { short_forms: &|name| short_forms.of(name), divisions: &divisions };
            store.sync_entities(&derivation, rules_changed).context("describing the entities")?;
        }
        store.save_article_list().context("copying the article list")?;
        if !interrupted && rules_changed {
            store.set_build_rules(rules)?;
        }
        let touched = done.new + done.changed + done.stale + done.moved + done.deleted;
        if touched >= FLUSH_AFTER_ARTICLES && flush(store)? {
            compact(store)?;
        }
        if scan.files.is_empty() && scan.errors.is_empty() {
            eprintln!("warning: no article files ({}) found", ARTICLE_EXTENSIONS.join(", "));
        }
        notes(&plan);
        Ok(Report { done, failures, unchanged: plan.unchanged, left })
    }
}

/// Ends a round that took `seconds`: records it as the last build (when
/// it went to its end) and keeps the file hashes, in the store directory
/// `dir`. Returns the round's summary line.
pub fn finish(dir: &Path, scan: &mut Scan, report: &Report, seconds: f64) -> String {
    let Report { done, failures, unchanged, left } = report;
    let interrupted = report.interrupted();
    let written = done.written();
    let record = LastBuild {
        finished: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        seconds,
        paths: scan.roots.iter().map(|r| r.to_string_lossy().into_owned()).collect(),
        written,
        deleted: done.deleted,
        failed: *failures,
    };
    let recorded = if interrupted { Ok(()) } else { record.save(dir) };
    if let Err(e) = recorded.and_then(|()| scan.save_hashes(dir)) {
        eprintln!("warning: cannot record the build in {}: {e}", dir.display());
    }
    let (what, stopped) = match (done.describe(*unchanged), interrupted) {
        (what, false) => (what, String::new()),
        (what, true) if what == NOTHING_TO_DO => {
            ("nothing yet".to_owned(), format!("; stopped with {left} left to extract"))
        }
        (what, true) => (what, format!("; stopped with {left} left to extract")),
    };
    format!(
        "built {written} article{} into {}: {}; {} facts, {} entities; {failures} failed{stopped}; {seconds:.1}s",
        if written == 1 { "" } else { "s" },
        dir.display(),
        what,
        done.facts,
        done.entities.len(),
    )
}

/// Articles written or removed that make a build flush the store when it
/// ends. RocksDB logs every write and keeps the log until its tables take
/// the data in, which for the small tables of an Oxigraph store happens
/// rarely; the next command to open the store replays the log, and after a
/// full build of tens of thousands of articles that takes half a minute.
/// Small builds leave the little they logged to that replay.
const FLUSH_AFTER_ARTICLES: usize = 1000;

/// How long a flush may take before it is asked for again, and how many
/// times it is asked for before the build ends without it.
const FLUSH_RETRY: (Duration, u32) = (Duration::from_secs(5), 12);

/// Moves what the build logged into the store's tables.
///
/// Oxigraph's RocksDB merges at least two memtables per automatic flush,
/// and with that setting a manual flush can wait forever with every thread
/// idle, when it finds its column family already queued by an automatic
/// flush that stops short of the memtable the manual one switched in
/// (RocksDB issue 13280, open). Asking again queues the column family anew
/// and releases the first request, so the flush is asked for again every
/// few seconds; should it still not end, the build ends without it — the
/// data is safe in the log, which the next command then replays — leaving
/// the waiting threads, and with them the store, open until the process
/// exits.
fn flush(store: &GraphStore) -> anyhow::Result<bool> {
    let (sender, receiver) = mpsc::channel();
    let (retry_after, attempts) = FLUSH_RETRY;
    for _ in 0..attempts {
        let sender = sender.clone();
        let oxigraph = store.oxigraph().clone();
        std::thread::spawn(move || sender.send(oxigraph.flush()));
        if let Ok(flushed) = receiver.recv_timeout(retry_after) {
            flushed.context("flushing the store")?;
            return Ok(true);
        }
    }
    eprintln!(
        "warning: the store's log was not moved into its tables within {}s; nothing is lost, the next command replays it",
        (retry_after * attempts).as_secs()
    );
    Ok(false)
}

/// How long the compaction after a large build may take before the build
/// ends without waiting for it.
const COMPACT_PATIENCE: Duration = Duration::from_secs(300);

/// Compacts the store after a large build. The tables a large build leaves
/// are merged by RocksDB in the background of whichever commands open the
/// store next, each waiting, as it closes, for the merge under way — which
/// makes the first rebuilds and queries after a full build several times
/// slower than later ones. Merging them now makes the build pay for its
/// own writes. Should it take too long, the build ends without it (a
/// compaction cut short is rolled back, nothing is lost).
fn compact(store: &GraphStore) -> anyhow::Result<()> {
    let (sender, receiver) = mpsc::channel();
    let oxigraph = store.oxigraph().clone();
    std::thread::spawn(move || sender.send(oxigraph.optimize()));
    match receiver.recv_timeout(COMPACT_PATIENCE) {
        Ok(compacted) => compacted.context("compacting the store"),
        Err(_) => Ok(()),
    }
}

/// New articles waiting to be bulk-loaded together
/// ([`GraphStore::load_new_articles`]): a batch is written once it holds
/// [`NEW_BATCH_FACTS`] facts' worth of articles (or `--batch` articles),
/// and at the end of the extraction. The batch is what an interrupted
/// build loses and the next one redoes.
struct NewArticles {
    extractions: Vec<Extraction>,
    weight: usize,
    max_articles: usize,
}

/// The number of new articles from which a round bulk-loads them. The
/// loader's fixed cost (sorting quads into table files, ingesting them,
/// which flushes what the store holds in memory) is about a tenth of a
/// second, more than a day's articles cost written one transaction each.
const BULK_FROM_ARTICLES: usize = 64;

/// The size of a bulk-loaded batch, in entities and facts (about 200,000
/// quads: a few seconds of extraction, some tens of MB in memory).
const NEW_BATCH_FACTS: usize = 25_000;

impl NewArticles {
    fn new(max_articles: Option<u32>) -> Self {
        let max_articles = max_articles.map_or(usize::MAX, |n| n as usize);
        Self { extractions: Vec::new(), weight: 0, max_articles }
    }

    fn add(&mut self, extraction: Extraction) {
        self.weight += 1 + extraction.entities.len() + extraction.facts.len();
        self.extractions.push(extraction);
    }

    fn is_full(&self) -> bool {
        self.weight >= NEW_BATCH_FACTS || self.extractions.len() >= self.max_articles
    }

    /// Writes the batch to the store and empties it.
    fn load(&mut self, store: &GraphStore, rules: &str) -> anyhow::Result<()> {
        if !self.extractions.is_empty() {
            store
                .load_new_articles(&self.extractions, rules)
                .with_context(|| format!("writing {} new articles to the store", self.extractions.len()))?;
        }
        self.extractions.clear();
        self.weight = 0;
        Ok(())
    }
}

/// A pipeline that loads in the background once asked to, until needed.
pub struct Loading {
    ontology: PathBuf,
    handle: Mutex<Option<JoinHandle<Result<Pipeline, IngestError>>>>,
    pipeline: Option<Pipeline>,
}

impl Loading {
    /// The pipeline of `ontology`, not loading yet.
    pub fn new(ontology: &Path) -> Self {
        Self { ontology: ontology.to_owned(), handle: Mutex::new(None), pipeline: None }
    }

    /// Starts loading, unless it has started.
    pub fn start(&self) {
        let mut handle = self.handle.lock().unwrap_or_else(|e| e.into_inner());
        if handle.is_none() && self.pipeline.is_none() {
            let ontology = self.ontology.clone();
            *handle = Some(std::thread::spawn(move || Pipeline::load(&ontology)));
        }
    }

    /// The pipeline, if it has been loaded.
    pub fn loaded(&self) -> Option<&Pipeline> {
        self.pipeline.as_ref()
    }

    /// The pipeline, loading it if need be.
    pub fn get(&mut self) -> anyhow::Result<&Pipeline> {
        if self.pipeline.is_none() {
            self.start();
            let handle = self.handle.get_mut().unwrap_or_else(|e| e.into_inner()).take();
            let loaded = handle
                .context("the pipeline was not loading")?
                .join()
                .map_err(|_| anyhow::anyhow!("loading the ontology panicked"))?;
            let ontology = &self.ontology;
            self.pipeline = Some(loaded.with_context(|| format!("loading the ontology in {}", ontology.display()))?);
        }
        Ok(self.pipeline.as_ref().expect("loaded just above"))
    }
}

/// Reloads the ontology graph when `tupu.ttl` is not the file it was
/// loaded from.
fn sync_ontology(store: &GraphStore, ontology: &Path) -> anyhow::Result<()> {
    let ttl = ontology.join("tupu.ttl");
    match std::fs::read(&ttl) {
        Ok(bytes) => {
            if store.build_record()?.ontology_hash != Some(ontology_hash(&bytes)) {
                store.load_ontology(&ttl)?;
            }
        }
        Err(_) => eprintln!("warning: {} not found; the ontology graph is left as it was", ttl.display()),
    }
    Ok(())
}

/// The facts of one article; a panic while extracting them (a bug of
/// tupu's) fails that article alone, named, and the build goes on.
fn extract_or_report(pipeline: &Pipeline, article: &tupu_ingest::Article, path: &Path) -> Result<Extraction, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.extract(article)))
        .map_err(|_| format!("{}: extraction failed on a bug of tupu (the panic above says where)", path.display()))
}

/// The bytes of a file if they still are those of article `id` (the file
/// may have changed since it was hashed).
fn read_expected(path: &Path, id: &str) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if article_id(&content_hash(&bytes)) != id {
        return Err(format!("{}: changed while tupu was building; build again", path.display()));
    }
    Ok(bytes)
}

/// What the notes after a build tell.
fn notes(plan: &SyncPlan) {
    if !plan.kept.is_empty() {
        eprintln!("note: kept {} article(s) whose files are gone (--no-prune)", plan.kept.len());
    }
    if plan.stale_elsewhere > 0 {
        eprintln!(
            "note: {} article(s) outside the paths given were extracted with other rules; build their paths to refresh them",
            plan.stale_elsewhere
        );
    }
    if !plan.duplicates.is_empty() {
        eprintln!(
            "note: {} file(s) hold the same text as another file and are one article with it",
            plan.duplicates.len()
        );
    }
}

/// What the summary line says of a build with nothing to do.
const NOTHING_TO_DO: &str = "nothing to do";

/// Counts for the summary line.
#[derive(Default)]
struct Done {
    new: usize,
    changed: usize,
    stale: usize,
    rewritten: usize,
    moved: usize,
    deleted: usize,
    facts: usize,
    entities: BTreeSet<String>,
}

impl Done {
    fn add(&mut self, reason: Reason, extraction: &Extraction) {
        match reason {
            Reason::New => self.new += 1,
            Reason::Changed => self.changed += 1,
            Reason::Stale => self.stale += 1,
        }
        self.facts += extraction.facts.len();
        self.entities.extend(extraction.entities.iter().map(|e| e.name.clone()));
    }

    /// `3 new, 1 changed, 6 stale (2 rewritten), 19870 unchanged`: what
    /// happened to how many articles, leaving out what did not happen.
    fn describe(&self, unchanged: usize) -> String {
        let stale = format!("{} stale ({} rewritten)", self.stale, self.rewritten);
        let parts = [
            (self.new, format!("{} new", self.new)),
            (self.changed, format!("{} changed", self.changed)),
            (self.stale, stale),
            (self.moved, format!("{} moved", self.moved)),
            (self.deleted, format!("{} deleted", self.deleted)),
            (unchanged, format!("{unchanged} unchanged")),
        ];
        let said: Vec<String> = parts.into_iter().filter(|(n, _)| *n > 0).map(|(_, text)| text).collect();
        if said.is_empty() { NOTHING_TO_DO.to_owned() } else { said.join(", ") }
    }

    /// Articles whose graph was written.
    fn written(&self) -> usize {
        self.new + self.changed + self.rewritten
    }
}

/// A bar on a terminal; nothing when stderr is a file or a pipe.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}")
        .expect("a valid template")
        .progress_chars("█▉▊▋▌▍▎▏ ");
    ProgressBar::new(len as u64).with_style(style)
}

/// The article files under the paths of a build, hashed.
pub struct Scan {
    /// The paths given that exist, made absolute with symbolic links
    /// resolved, so that a source names its file whatever the current
    /// directory.
    pub roots: Vec<PathBuf>,
    /// The article files found, each once, sorted, with their hashes.
    pub files: Vec<FoundFile>,
    /// Files and directories that could not be read.
    pub unreadable: Vec<PathBuf>,
    /// A message for each path that could not be used.
    pub errors: Vec<String>,
    /// The hashes as the next scan may trust them.
    file_hashes: FileHashes,
}

impl Scan {
    /// Finds the article files under `paths` and hashes them in parallel,
    /// reading only those that changed on disk since the hashes that
    /// `file_hashes` gives (read while the directories are listed) were
    /// taken; `on_unknown` is called (from any thread, once or more) as
    /// soon as some file is found new or changed (never hashed, or read
    /// again and found to differ from its last hash), and never when none
    /// is.
    pub fn of(
        paths: &[PathBuf],
        file_hashes: impl FnOnce() -> FileHashes + Send,
        on_unknown: &(dyn Fn() + Sync),
    ) -> Self {
        let started = SystemTime::now();
        let mut roots = Vec::new();
        let mut errors = Vec::new();
        let mut missing = Vec::new();
        for path in paths {
            match std::fs::canonicalize(path) {
                Ok(root) => roots.push(root),
                Err(e) => {
                    errors.push(format!("{}: {e}", path.display()));
                    // A path named but missing is not taken for a deletion
                    // when a directory given with it holds it.
                    missing.extend(std::path::absolute(path));
                }
            }
        }
        let (mut file_hashes, found) = rayon::join(file_hashes, || find_articles(&roots));
        if found.files.iter().any(|path| !file_hashes.knows(path)) {
            // a file never hashed (most often a new one): no need to wait
            // for the other files' stamps to know it has to be read
            on_unknown();
        }
        errors.extend(found.errors);
        let mut unreadable = found.unreadable;
        unreadable.extend(missing);
        let hashed: Vec<Hashed> = found
            .files
            .into_par_iter()
            .filter_map(|path| {
                // The stamp is taken before the bytes are read, so that a
                // change while reading shows as a new stamp next time.
                let stamp = std::fs::metadata(&path).ok().as_ref().and_then(Stamp::of);
                if let Some(hash) = stamp.and_then(|stamp| file_hashes.get(&path, stamp)) {
                    return Some(Ok((FoundFile { content_hash: hash.to_owned(), path }, stamp)));
                }
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        let content_hash = content_hash(&bytes);
                        if file_hashes.last_hash(&path) != Some(content_hash.as_str()) {
                            on_unknown();
                        }
                        Some(Ok((FoundFile { content_hash, path }, stamp)))
                    }
                    // Deleted or moved away since the directory was listed:
                    // not there, as a scan a moment later would find.
                    Err(e) if e.kind() == ErrorKind::NotFound && std::fs::symlink_metadata(&path).is_err() => None,
                    Err(e) => {
                        let message = format!("{}: cannot read: {e}", path.display());
                        Some(Err((path, message)))
                    }
                }
            })
            .collect();
        let mut files = Vec::with_capacity(hashed.len());
        let mut stamped = Vec::with_capacity(hashed.len());
        for result in hashed {
            match result {
                Ok((file, stamp)) => {
                    if let Some(stamp) = stamp {
                        stamped.push((file.path.clone(), stamp, file.content_hash.clone()));
                    }
                    files.push(file);
                }
                Err((path, message)) => {
                    unreadable.push(path);
                    errors.push(message);
                }
            }
        }
        file_hashes.update(&roots, stamped, started);
        Self { roots, files, unreadable, errors, file_hashes }
    }

    /// Keeps the hashes for the next build of the store directory `store`
    /// (unless they are those it holds).
    pub fn save_hashes(&mut self, store: &Path) -> std::io::Result<()> {
        self.file_hashes.save(store)
    }

    /// Takes the hashes, for the next scan.
    pub fn take_hashes(&mut self) -> FileHashes {
        std::mem::take(&mut self.file_hashes)
    }

    /// Whether two scans found the same files with the same contents and
    /// the same problems.
    pub fn finds_as(&self, other: &Scan) -> bool {
        self.roots == other.roots
            && self.files == other.files
            && self.unreadable == other.unreadable
            && self.errors == other.errors
    }

    /// What a build of these files does to a store holding `stored`.
    pub fn plan(&self, stored: &[StoredArticle], rules_fingerprint: &str, prune: bool) -> SyncPlan {
        let request = SyncRequest {
            roots: &self.roots,
            files: &self.files,
            unreadable: &self.unreadable,
            rules_fingerprint,
            prune,
        };
        SyncPlan::new(&request, stored, still_holds)
    }
}

/// A file of a scan with its stamp, or the file that could not be read
/// with the message saying why.
type Hashed = Result<(FoundFile, Option<Stamp>), (PathBuf, String)>;

/// Whether an article's stored source still holds its text.
fn still_holds(article: &StoredArticle) -> bool {
    std::fs::read(source_path(&article.source)).is_ok_and(|bytes| article_id(&content_hash(&bytes)) == article.id)
}

/// What [`find_articles`] found.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    unreadable: Vec<PathBuf>,
    errors: Vec<String>,
}

/// The files named, and the article files under the directories named
/// (hidden entries skipped), sorted and each once; plus the paths that
/// could not be read, with a message for each.
fn find_articles(paths: &[PathBuf]) -> Found {
    let mut files = Vec::new();
    let mut found = Found::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut found),
            Ok(_) => files.push(path.clone()),
            Err(e) => {
                found.unreadable.push(path.clone());
                found.errors.push(format!("{}: {e}", path.display()));
            }
        }
    }
    // Sorted as bytes, as sources are compared (cheaper than by component).
    files.sort_unstable_by(|a, b| a.as_os_str().as_encoded_bytes().cmp(b.as_os_str().as_encoded_bytes()));
    files.dedup();
    found.files = files;
    found
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, found: &mut Found) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.unreadable.push(dir.to_owned());
            return found.errors.push(format!("{}: {e}", dir.display()));
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.unreadable.push(dir.to_owned());
                found.errors.push(format!("{}: {e}", dir.display()));
                continue;
            }
        };
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        // The directory entry tells a file from a directory without a
        // `stat`; only symbolic links are followed to see what they are.
        let is_dir = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => path.is_dir(),
            Ok(kind) => kind.is_dir(),
            Err(_) => path.is_dir(),
        };
        if is_dir {
            walk(&path, files, found);
        } else if is_article(&path) {
            files.push(path);
        }
    }
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_searched_recursively_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        for file in ["a.md", "b/c/d.HTML", "b/e.txt", "b/skip.png", ".hidden/x.md"] {
            std::fs::write(root.join(file), "文字").unwrap();
        }
        let found = find_articles(&[root.to_owned(), root.join("b/skip.png"), root.join("missing.md")]);
        let names: Vec<String> =
            found.files.iter().map(|f| f.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["a.md", "b/c/d.HTML", "b/e.txt", "b/skip.png"]);
        assert_eq!(found.errors.len(), 1);
        assert!(found.errors[0].contains("missing.md"), "{:?}", found.errors);
        assert_eq!(found.unreadable, [root.join("missing.md")]);
    }

    #[test]
    fn a_scan_makes_roots_absolute_and_hashes_every_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "甲").unwrap();
        let unknown = std::sync::atomic::AtomicUsize::new(0);
        let count = || {
            unknown.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        };
        let store = dir.path().join("store");
        let mut scan =
            Scan::of(&[dir.path().to_owned(), dir.path().join("nowhere")], || FileHashes::load(&store), &count);
        assert_eq!(scan.roots, [std::fs::canonicalize(dir.path()).unwrap()]);
        assert_eq!(scan.files.len(), 1);
        assert!(scan.files[0].path.is_absolute());
        assert_eq!(scan.files[0].content_hash, content_hash("甲".as_bytes()));
        assert_eq!(scan.errors.len(), 1, "{:?}", scan.errors);
        assert!(scan.errors[0].starts_with(&dir.path().join("nowhere").display().to_string()));
        assert!(unknown.into_inner() > 0, "the file had to be read");

        std::fs::create_dir(&store).unwrap();
        scan.save_hashes(&store).unwrap();
        let known = std::sync::atomic::AtomicUsize::new(0);
        let count = || {
            known.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        };
        let mut again = Scan::of(&[dir.path().to_owned()], || FileHashes::load(&store), &count);
        assert_eq!(again.files, scan.files);
        // Written less than a second ago, the file is read again, and found
        // to hold what it held: nothing new.
        assert_eq!(known.into_inner(), 0);

        again.save_hashes(&store).unwrap();
        std::fs::write(dir.path().join("a.md"), "乙").unwrap();
        let changed = std::sync::atomic::AtomicUsize::new(0);
        let count = || {
            changed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        };
        let third = Scan::of(&[dir.path().to_owned()], || FileHashes::load(&store), &count);
        assert_eq!(third.files[0].content_hash, content_hash("乙".as_bytes()));
        assert!(changed.into_inner() > 0, "a changed file is news");
    }
}
