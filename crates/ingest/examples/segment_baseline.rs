//! The baseline `tupu build` is measured against: plain jieba-rs
//! segmentation of the same clean text, with the same dictionary (jieba's
//! default plus the lexicon, as [`Pipeline::segmenter`] loads it), on one
//! thread. `bench/bench.py` runs it next to `tupu build` and prints the
//! ratio of the two throughputs.
//!
//! ```sh
//! cargo run --release -p tupu-ingest --example segment_baseline -- \
//!     [--ontology DIR] [--tag] [--extract] [--threads N] PATH…
//! ```
//!
//! Reads every article under the PATHs (files, or directories searched
//! recursively for the extensions `tupu build` takes) with [`read_article`],
//! keeps the clean texts in memory, then times on one thread, each stage
//! over all texts:
//!
//! - `cut`: [`Segmenter::cut`] of each article's clean text — the baseline;
//! - `tag` (with `--tag`): [`Segmenter::tokens`] (jieba with part-of-speech
//!   tags, which is what the pipeline calls) of each sentence;
//! - `extract` (with `--extract`): [`Pipeline::extract`] of each article;
//!   with `--threads N` (N > 1) also on N threads sharing the articles, the
//!   build's extraction without its store.
//!
//! Throughputs are in MB/s of clean text: the UTF-8 bytes of
//! [`Article::text`], which is what jieba sees (1 MB = 10⁶ bytes).
//! Prints one JSON object on stdout and a summary on stderr.
//!
//! [`Segmenter::cut`]: tupu_ingest::segment::Segmenter::cut
//! [`Segmenter::tokens`]: tupu_ingest::segment::Segmenter::tokens
//! [`Article::text`]: tupu_ingest::Article::text

use std::path::{Path, PathBuf};
use std::time::Instant;
use tupu_ingest::sentence::split_sentences;
use tupu_ingest::{ARTICLE_EXTENSIONS, Article, Pipeline, read_article};

fn main() {
    let mut ontology = PathBuf::from("ontology");
    let (mut tag, mut extract) = (false, false);
    let mut threads = 1usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--ontology" => ontology = args.next().map(PathBuf::from).unwrap_or_else(|| usage()),
            "--tag" => tag = true,
            "--extract" => extract = true,
            "--threads" => {
                threads = args.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).unwrap_or_else(|| usage())
            }
            "-h" | "--help" => usage(),
            _ if arg.starts_with("--") => usage(),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        usage();
    }

    let started = Instant::now();
    let pipeline = Pipeline::load(&ontology).unwrap_or_else(|e| fail(&format!("loading {}: {e}", ontology.display())));
    let load_secs = started.elapsed().as_secs_f64();

    let mut files = Vec::new();
    for path in &paths {
        collect(path, &mut files);
    }
    files.sort();
    files.dedup();

    let started = Instant::now();
    let mut raw_bytes = 0u64;
    let mut failed = 0usize;
    let mut articles: Vec<Article> = Vec::with_capacity(files.len());
    for file in &files {
        raw_bytes += std::fs::metadata(file).map_or(0, |m| m.len());
        match read_article(file) {
            Ok(article) => articles.push(article),
            Err(_) => failed += 1,
        }
    }
    let read_secs = started.elapsed().as_secs_f64();
    let text_bytes: u64 = articles.iter().map(|a| a.text.len() as u64).sum();
    let chars: u64 = articles.iter().map(|a| a.text.chars().count() as u64).sum();

    let segmenter = pipeline.segmenter();
    let started = Instant::now();
    let mut words = 0usize;
    for article in &articles {
        words += std::hint::black_box(segmenter.cut(&article.text)).len();
    }
    let cut_secs = started.elapsed().as_secs_f64();

    let mut tagged = None;
    if tag {
        let started = Instant::now();
        let mut tokens = 0usize;
        for article in &articles {
            for sentence in split_sentences(&article.text) {
                tokens += std::hint::black_box(segmenter.tokens(sentence.text)).len();
            }
        }
        tagged = Some((started.elapsed().as_secs_f64(), tokens));
    }

    let mut extracted = None;
    if extract {
        let started = Instant::now();
        let mut facts = 0usize;
        for article in &articles {
            facts += std::hint::black_box(pipeline.extract(article)).facts.len();
        }
        extracted = Some((started.elapsed().as_secs_f64(), facts));
    }

    let mut extracted_in_parallel = None;
    if extract && threads > 1 {
        let started = Instant::now();
        let chunk = articles.len().div_ceil(threads).max(1);
        let facts: usize = std::thread::scope(|scope| {
            let workers: Vec<_> = articles
                .chunks(chunk)
                .map(|part| {
                    let pipeline = &pipeline;
                    scope.spawn(move || {
                        part.iter().map(|a| std::hint::black_box(pipeline.extract(a)).facts.len()).sum::<usize>()
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().expect("an extraction thread")).sum()
        });
        extracted_in_parallel = Some((started.elapsed().as_secs_f64(), facts));
    }

    let mb = text_bytes as f64 / 1e6;
    let rate = |secs: f64| if secs > 0.0 { mb / secs } else { 0.0 };
    let mut json = format!(
        "{{\"files\":{},\"articles\":{},\"failed\":{failed},\"raw_bytes\":{raw_bytes},\"text_bytes\":{text_bytes},\
         \"text_chars\":{chars},\"load_secs\":{load_secs:.3},\"read_secs\":{read_secs:.3},\"read_mb_s\":{:.3},\
         \"cut_secs\":{cut_secs:.3},\"cut_mb_s\":{:.3},\"cut_words\":{words}",
        files.len(),
        articles.len(),
        rate(read_secs),
        rate(cut_secs),
    );
    eprintln!(
        "{} articles ({failed} failed), {:.1} MB raw, {mb:.1} MB clean text; one thread:\n  \
         ontology load {load_secs:.2}s\n  read+clean {read_secs:.2}s ({:.1} MB/s)\n  \
         jieba cut {cut_secs:.2}s ({:.1} MB/s, {words} words)",
        articles.len(),
        raw_bytes as f64 / 1e6,
        rate(read_secs),
        rate(cut_secs),
    );
    if let Some((secs, tokens)) = tagged {
        json += &format!(",\"tag_secs\":{secs:.3},\"tag_mb_s\":{:.3},\"tag_tokens\":{tokens}", rate(secs));
        eprintln!("  jieba tag per sentence {secs:.2}s ({:.1} MB/s, {tokens} tokens)", rate(secs));
    }
    if let Some((secs, facts)) = extracted {
        json += &format!(",\"extract_secs\":{secs:.3},\"extract_mb_s\":{:.3},\"extract_facts\":{facts}", rate(secs));
        eprintln!("  Pipeline::extract {secs:.2}s ({:.2} MB/s, {facts} facts)", rate(secs));
    }
    if let Some((secs, facts)) = extracted_in_parallel {
        json += &format!(",\"extract_threads\":{threads},\"extract_par_mb_s\":{:.3}", rate(secs));
        eprintln!("  Pipeline::extract on {threads} threads {secs:.2}s ({:.2} MB/s, {facts} facts)", rate(secs));
    }
    json.push('}');
    println!("{json}");
}

/// The article files at `path`: the file itself, or those under a directory
/// with an extension `tupu build` takes (hidden entries skipped).
fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if !path.is_dir() {
        files.push(path.to_owned());
        return;
    }
    let entries = std::fs::read_dir(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let known = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|k| k.eq_ignore_ascii_case(e)));
        if path.is_dir() {
            collect(&path, files);
        } else if known {
            files.push(path);
        }
    }
}

fn usage() -> ! {
    fail("usage: segment_baseline [--ontology DIR] [--tag] [--extract] [--threads N] PATH…")
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
}
