//! What writing a graph into Oxigraph costs by itself, with no extraction:
//! bulk-loads an N-Quads dump (a `tupu export --format nquads` of a built
//! store) into an empty store in batches of about the size `tupu build`
//! loads (200,000 quads, whole graphs), then compacts it as `tupu build`
//! does after a large build. `bench/bench.py` compares it with the
//! build of the same corpus: no build of that graph can be faster than
//! this.
//!
//!     cargo run --release -p tupu-graph --example store_floor -- DUMP.nq EMPTY_DIR
//!
//! Prints one JSON object: quads, parse, load, compact and total seconds.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use oxigraph::store::Store;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dump, dir] = args.as_slice() else {
        return Err("usage: store_floor DUMP.nq EMPTY_DIR".into());
    };
    // Parsing the dump is not part of a build's cost: done before timing.
    let started = Instant::now();
    let quads = RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(std::fs::File::open(dump)?)
        .collect::<Result<Vec<Quad>, _>>()?;
    let parse = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let store = Store::open(dir)?;
    let count = quads.len();
    for batch in batches(quads) {
        let mut loader = store.bulk_loader();
        loader.load_quads(batch)?;
        loader.commit()?;
    }
    let load = started.elapsed().as_secs_f64();
    let started = Instant::now();
    store.flush()?;
    store.optimize()?;
    let compact = started.elapsed().as_secs_f64();
    println!(
        "{{\"quads\": {count}, \"parse_secs\": {parse:.3}, \"load_secs\": {load:.3}, \"compact_secs\": {compact:.3}, \"total_secs\": {:.3}}}",
        load + compact
    );
    Ok(())
}

/// The quads in batches of whole graphs, each of at least [`BATCH_QUADS`]
/// quads but the last (an export lists each graph's quads together).
fn batches(quads: Vec<Quad>) -> Vec<Vec<Quad>> {
    const BATCH_QUADS: usize = 200_000;
    let mut batches = Vec::new();
    let mut current: Vec<Quad> = Vec::new();
    for quad in quads {
        if current.len() >= BATCH_QUADS && current.last().is_some_and(|last| last.graph_name != quad.graph_name) {
            batches.push(std::mem::take(&mut current));
        }
        current.push(quad);
    }
    batches.push(current);
    batches
}
