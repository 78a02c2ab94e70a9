//! `tupu watch`: a build that stays running. Loading the pipeline (the
//! segmenter's dictionaries) costs a fresh `tupu build` more than adding a
//! day's articles does; kept loaded, each change to the files costs only
//! the round that brings the store in line with it — the very round
//! `tupu build` runs ([`crate::build::Round`]).
//!
//! Changes are found by polling: every interval the paths are scanned as
//! a build scans them, reading only files whose size or times changed. It
//! works on any file system (network and container mounts included), has
//! no watch limit or event queue to overflow, and the scan that decides a
//! round is the one the round builds from.
//!
//! The store is opened for each round and closed after it, since RocksDB
//! lets one process at a time have it open: between rounds other commands
//! can read it. A round that finds the store in use waits for the next
//! look. With `--keep-open` it stays open, which spares each round the
//! opening and locks every other command out until watch stops.

use crate::Outcome;
use crate::build::{Loading, Round, Scan, finish, open_for_round, read_for_round};
use crate::cli::{Cli, WatchArgs};
use anyhow::Context;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};
use tupu_graph::GraphError;
use tupu_graph::file_hashes::FileHashes;
use tupu_graph::store::ontology_hash;
use tupu_graph::sync::rules_fingerprint;

/// Builds the articles under the paths given, then keeps building them as
/// they change, until Ctrl-C or SIGTERM.
pub fn run(cli: &Cli, args: &WatchArgs) -> anyhow::Result<Outcome> {
    let stop = Arc::new(AtomicBool::new(false));
    let (wake, asleep) = mpsc::channel::<()>();
    let stopping = Arc::clone(&stop);
    ctrlc::set_handler(move || {
        if stopping.swap(true, Ordering::SeqCst) {
            // Every write is atomic (one article, or one batch of new
            // ones): the next build completes what this one leaves.
            eprintln!("stopping at once; the next build completes the store");
            std::process::exit(130);
        }
        let _ = wake.send(());
    })
    .context("handling Ctrl-C")?;

    let ontology = cli.ontology_dir();
    let build = &args.build;
    let mut pipeline = Loading::new(&ontology);
    pipeline.start();
    let mut hashes = FileHashes::load(&cli.store);
    // What the last round that went to its end was built from.
    let mut built: Option<(Scan, Inputs)> = None;
    let mut store_was_busy = false;
    // The store between rounds, with --keep-open.
    let mut held = None;
    eprintln!(
        "watching {} every {}s (Ctrl-C stops)",
        build.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" "),
        args.interval.as_secs_f64()
    );
    while !stop.load(Ordering::SeqCst) {
        let started = Instant::now();
        let inputs = Inputs::of(&ontology);
        let loaded_rules = pipeline.loaded().map(|loaded| loaded.fingerprint());
        if inputs.rules.is_some() && loaded_rules.is_some() && loaded_rules != inputs.rules.as_deref() {
            eprintln!("the rules or the lexicon changed: loading them again");
            pipeline = Loading::new(&ontology);
            pipeline.start();
        }
        let mut scan = Scan::of(&build.paths, || std::mem::take(&mut hashes), &|| {});
        let unchanged = built.as_ref().is_some_and(|(last, last_inputs)| scan.finds_as(last) && inputs == *last_inputs);
        if unchanged {
            hashes = scan.take_hashes();
            sleep(&asleep, args.interval);
            continue;
        }
        let opened = match held.take() {
            Some(store) => read_for_round(&store, &ontology, inputs.rules.as_deref()).map(|stored| (store, stored)),
            None => open_for_round(&cli.store, &ontology, inputs.rules.as_deref()),
        };
        let (store, stored) = match opened {
            Ok(opened) => opened,
            Err(e) if is_in_use(&e) => {
                if !store_was_busy {
                    eprintln!("{e:#}; waiting for it");
                }
                store_was_busy = true;
                hashes = scan.take_hashes();
                sleep(&asleep, args.interval);
                continue;
            }
            Err(e) => return Err(e),
        };
        store_was_busy = false;
        let round = Round {
            store: &store,
            stored: &stored,
            scan: &scan,
            args: build,
            quick_rules: inputs.rules.as_deref(),
            stop: &stop,
        };
        let report = round.run(&mut pipeline)?;
        if args.keep_open {
            held = Some(store);
        } else {
            drop(store);
        }
        eprintln!("{}", finish(&cli.store, &mut scan, &report, started.elapsed().as_secs_f64()));
        hashes = scan.take_hashes();
        if report.interrupted() {
            break;
        }
        built = Some((scan, inputs));
        // Loaded now, so that no round waits for it.
        pipeline.get()?;
        sleep(&asleep, args.interval);
    }
    drop(held);
    if hashes.is_changed() {
        let _ = hashes.save(&cli.store);
    }
    eprintln!("stopped watching");
    Ok(Outcome::Ok)
}

/// What a round is built with besides the files: the rules and lexicon
/// (their fingerprint) and the ontology file (its hash).
#[derive(PartialEq)]
struct Inputs {
    rules: Option<String>,
    ontology: Option<String>,
}

impl Inputs {
    fn of(ontology: &Path) -> Self {
        Self {
            rules: rules_fingerprint(ontology).ok(),
            ontology: std::fs::read(ontology.join("tupu.ttl")).ok().map(|bytes| ontology_hash(&bytes)),
        }
    }
}

/// Waits `interval`, or less when a signal comes.
fn sleep(asleep: &mpsc::Receiver<()>, interval: Duration) {
    let _ = asleep.recv_timeout(interval);
}

fn is_in_use(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| matches!(cause.downcast_ref::<GraphError>(), Some(GraphError::StoreInUse { .. })))
}
