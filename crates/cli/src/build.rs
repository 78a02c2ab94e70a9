//! `tupu build`: finds the articles, extracts them in parallel, writes each
//! into its own graph as it comes, and reports bad inputs without stopping.

use crate::cli::{BuildArgs, Cli};
use crate::{Outcome, open_store};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;
use tupu_ingest::{ARTICLE_EXTENSIONS, Extraction, IngestError, Pipeline, read_article};

/// Builds the articles under `args.paths` into the store.
pub fn run(cli: &Cli, args: &BuildArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let mut failures = 0usize;
    let (files, errors) = find_articles(&args.paths);
    for error in &errors {
        eprintln!("error: {error}");
    }
    failures += errors.len();

    let ontology = cli.ontology_dir();
    let pipeline =
        Pipeline::load(&ontology).with_context(|| format!("loading the ontology in {}", ontology.display()))?;
    let store = open_store(&cli.store)?;
    let ttl = ontology.join("tupu.ttl");
    if ttl.is_file() {
        store.load_ontology(&ttl)?;
    } else {
        eprintln!("warning: {} not found; the ontology graph is left as it was", ttl.display());
    }

    let bar = progress_bar(files.len());
    let (sender, receiver) = mpsc::channel::<(PathBuf, Result<Extraction, IngestError>)>();
    let mut built = Built::default();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (files, pipeline) = (&files, &pipeline);
        scope.spawn(move || {
            // Stops early once the receiver is gone (a fatal store error).
            let _ = files.par_iter().try_for_each_with(sender, |sender, path| {
                let extracted = read_article(path).map(|article| pipeline.extract(&article));
                sender.send((path.clone(), extracted)).map_err(drop)
            });
        });
        for (path, extracted) in receiver {
            bar.set_message(path.display().to_string());
            match extracted {
                Ok(extraction) => {
                    store
                        .replace_article(&extraction)
                        .with_context(|| format!("writing {} to the store", path.display()))?;
                    built.add(&extraction);
                }
                Err(error) => {
                    failures += 1;
                    bar.suspend(|| eprintln!("error: {error}"));
                }
            }
            bar.inc(1);
        }
        Ok(())
    })?;
    bar.finish_and_clear();

    if files.is_empty() && errors.is_empty() {
        eprintln!("warning: no article files ({}) found", ARTICLE_EXTENSIONS.join(", "));
    }
    eprintln!(
        "built {} article{} into {}: {} facts, {} entities; {} failed; {:.1}s",
        built.articles,
        if built.articles == 1 { "" } else { "s" },
        cli.store.display(),
        built.facts,
        built.entities.len(),
        failures,
        started.elapsed().as_secs_f64()
    );
    Ok(if failures > 0 { Outcome::SomeFailed } else { Outcome::Ok })
}

/// Counts for the summary line.
#[derive(Default)]
struct Built {
    articles: usize,
    facts: usize,
    entities: BTreeSet<String>,
}

impl Built {
    fn add(&mut self, extraction: &Extraction) {
        self.articles += 1;
        self.facts += extraction.facts.len();
        self.entities.extend(extraction.entities.iter().map(|e| e.name.clone()));
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

/// The files named, and the article files under the directories named
/// (hidden entries skipped), sorted and each once; plus a message for
/// each path that could not be used.
fn find_articles(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = BTreeSet::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => {
                files.insert(path.clone());
            }
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    (files.into_iter().collect(), errors)
}

fn walk(dir: &Path, files: &mut BTreeSet<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(format!("{}: {e}", dir.display())),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(format!("{}: {e}", dir.display()));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, errors);
        } else if is_article(&path) {
            files.insert(path);
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
        let (files, errors) = find_articles(&[root.to_owned(), root.join("b/skip.png"), root.join("missing.md")]);
        let names: Vec<String> = files.iter().map(|f| f.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["a.md", "b/c/d.HTML", "b/e.txt", "b/skip.png"]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("missing.md"), "{errors:?}");
    }
}
