//! Micro-benchmarks of the extraction stages, each with
//! `Throughput::Bytes` of **clean text** (the UTF-8 bytes of
//! `Article::text`, what jieba sees), so that the stages compare with each
//! other, with the whole-tool figures of `bench/bench.py` and with jieba's
//! ~33 MB/s on this corpus:
//!
//! - `clean`: file bytes → `Article` (`parse_article`: hash, decode, front
//!   matter, HTML → text, normalisation), and `html::to_text` alone;
//! - `segment`: `Segmenter::cut` of whole texts (the baseline), of each
//!   sentence, and `Segmenter::tokens` (tagged) of each sentence, as the
//!   pipeline calls it;
//! - `extract`: `Pipeline::extract` on prepared (already cleaned) articles;
//! - `number`: `find_quantities` and `find_dates` on each sentence.
//!
//! ```sh
//! CARGO_TARGET_DIR=/var/cache/tupu-ci-target cargo bench -p tupu-ingest --bench ingest
//! ```
//!
//! The articles: `TUPU_BENCH_ARTICLES` (default 200) files spread evenly
//! over `TUPU_BENCH_CORPUS` (default `../shared/corpus/xwlb` beside the
//! checkout; the seeds when it is missing).
#![allow(missing_docs)] // criterion_group! makes undocumented public functions

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tupu_ingest::date::find_dates;
use tupu_ingest::number::find_quantities;
use tupu_ingest::sentence::split_sentences;
use tupu_ingest::{ARTICLE_EXTENSIONS, Article, Pipeline, front_matter, html, parse_article};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The sample: each file's path and bytes, and its article.
struct Sample {
    files: Vec<(PathBuf, Vec<u8>)>,
    articles: Vec<Article>,
    text_bytes: u64,
}

fn sample() -> Sample {
    let corpus = std::env::var_os("TUPU_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(ROOT).join("../shared/corpus/xwlb"));
    let corpus = if corpus.is_dir() { corpus } else { Path::new(ROOT).join("seeds") };
    let wanted: usize = std::env::var("TUPU_BENCH_ARTICLES").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let mut all = Vec::new();
    collect(&corpus, &mut all);
    all.sort();
    let step = (all.len() / wanted.max(1)).max(1);
    let files: Vec<(PathBuf, Vec<u8>)> = all
        .into_iter()
        .step_by(step)
        .take(wanted)
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a readable article");
            (p, bytes)
        })
        .collect();
    let articles: Vec<Article> = files.iter().filter_map(|(p, b)| parse_article(p, b).ok()).collect();
    let text_bytes = articles.iter().map(|a| a.text.len() as u64).sum();
    eprintln!(
        "sample: {} articles from {}, {:.2} MB clean text",
        articles.len(),
        corpus.display(),
        text_bytes as f64 / 1e6
    );
    Sample { files, articles, text_bytes }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|k| k.eq_ignore_ascii_case(e)))
        {
            files.push(path);
        }
    }
}

fn group<'a>(c: &'a mut Criterion, name: &str, sample: &Sample, secs: u64) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(sample.text_bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(secs));
    group
}

fn benches(c: &mut Criterion) {
    let sample = sample();
    let pipeline = Pipeline::load(&Path::new(ROOT).join("ontology")).expect("the ontology loads");
    let segmenter = pipeline.segmenter();
    let sentences: Vec<&str> = sample.articles.iter().flat_map(|a| split_sentences(&a.text)).map(|s| s.text).collect();
    let bodies: Vec<String> = sample
        .files
        .iter()
        .filter_map(|(p, b)| {
            let raw = std::str::from_utf8(b).ok()?;
            front_matter::split(p, raw).ok().map(|(_, body, _)| body.to_owned())
        })
        .collect();

    let mut g = group(c, "clean", &sample, 5);
    g.bench_function("parse_article", |b| {
        b.iter(|| {
            for (path, bytes) in &sample.files {
                let _ = black_box(parse_article(path, bytes));
            }
        })
    });
    g.bench_function("html_to_text", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(html::to_text(body));
            }
        })
    });
    g.finish();

    let mut g = group(c, "segment", &sample, 5);
    g.bench_function("cut_article", |b| {
        b.iter(|| {
            for article in &sample.articles {
                black_box(segmenter.cut(&article.text));
            }
        })
    });
    g.bench_function("cut_sentence", |b| {
        b.iter(|| {
            for sentence in &sentences {
                black_box(segmenter.cut(sentence));
            }
        })
    });
    g.bench_function("tokens_sentence", |b| {
        b.iter(|| {
            for sentence in &sentences {
                black_box(segmenter.tokens(sentence));
            }
        })
    });
    g.finish();

    let mut g = group(c, "extract", &sample, 20);
    g.bench_function("pipeline_extract", |b| {
        b.iter(|| {
            for article in &sample.articles {
                black_box(pipeline.extract(article));
            }
        })
    });
    g.finish();

    let mut g = group(c, "number", &sample, 5);
    g.bench_function("find_quantities", |b| {
        b.iter(|| {
            for sentence in &sentences {
                black_box(find_quantities(sentence));
            }
        })
    });
    g.bench_function("find_dates", |b| {
        b.iter(|| {
            for sentence in &sentences {
                black_box(find_dates(sentence, None));
            }
        })
    });
    g.finish();
}

criterion_group!(ingest, benches);
criterion_main!(ingest);
