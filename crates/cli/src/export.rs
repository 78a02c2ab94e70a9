//! `tupu export` and `tupu dot`: the store written out, to a file or to
//! standard output.

use crate::cli::{Cli, DotArgs, ExportArgs};
use crate::{Outcome, open_existing_store};
use anyhow::{Context, bail};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use tupu_graph::{EntityGraph, RdfFormat};

/// Runs `tupu export`.
pub fn run_export(cli: &Cli, args: &ExportArgs) -> anyhow::Result<Outcome> {
    let format = export_format(args.format.as_deref(), args.output.as_deref())?;
    let graph = args.graph.as_deref().map(tupu_graph::graph_iri).transpose()?;
    let store = open_existing_store(&cli.store)?;
    write_to(args.output.as_deref(), |out| {
        Ok(tupu_graph::export(&store, format, graph.as_ref(), args.with_divisions, out)?.flush()?)
    })?;
    Ok(Outcome::Ok)
}

/// Runs `tupu dot`.
pub fn run_dot(cli: &Cli, args: &DotArgs) -> anyhow::Result<Outcome> {
    let store = open_existing_store(&cli.store)?;
    let dot = EntityGraph::from_store(&store)?.to_dot();
    write_to(args.output.as_deref(), |out| Ok(out.write_all(dot.as_bytes())?))?;
    Ok(Outcome::Ok)
}

/// `--format` if given, else the output file's extension, else N-Quads.
fn export_format(format: Option<&str>, output: Option<&Path>) -> anyhow::Result<RdfFormat> {
    if let Some(name) = format {
        return tupu_graph::rdf_format(name).with_context(|| {
            format!(
                "unknown format `{name}` (nquads, trig, turtle, ntriples, rdfxml, jsonld, an extension or a media type)"
            )
        });
    }
    match output.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        Some(ext) => match tupu_graph::rdf_format(ext) {
            Some(format) => Ok(format),
            None => bail!("cannot tell the format from `.{ext}`; give --format"),
        },
        None => Ok(RdfFormat::NQuads),
    }
}

/// Runs `write` on the file `path` (created) or on standard output.
fn write_to(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    match path {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            write(&mut out).with_context(|| format!("writing {}", path.display()))?;
            out.flush().with_context(|| format!("writing {}", path.display()))
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            write(&mut out)?;
            Ok(out.flush()?)
        }
    }
}
