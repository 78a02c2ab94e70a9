//! `tupu query` and `tupu update`: where the SPARQL text comes from (an
//! argument, a file, a saved query or standard input) and how results are
//! written (a table, a SPARQL results format, or RDF).

use crate::cli::{Cli, QueryArgs, QueryFormat, UpdateArgs};
use crate::{Outcome, open_existing_store, open_store, table};
use anyhow::{Context, bail};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use tupu_graph::namespace::PREFIXES;

/// Runs `tupu query`.
pub fn run_query(cli: &Cli, args: &QueryArgs) -> anyhow::Result<Outcome> {
    let queries_dir = cli.ontology_dir().join("queries");
    if args.list {
        list_saved(&queries_dir)?;
        return Ok(Outcome::Ok);
    }
    let (origin, text) = if let Some(name) = &args.name {
        let path = saved_query(&queries_dir, name)?;
        let text = read_file(&path)?;
        (path.display().to_string(), text)
    } else {
        query_text(args.sparql.as_deref(), args.file.as_deref(), "query")?
    };
    let store = open_existing_store(&cli.store)?;
    let results = tupu_graph::sparql::query(&store, &text).with_context(|| origin.clone())?;
    let stdout = std::io::stdout().lock();
    write_results(results, args.format, BufWriter::new(stdout))?;
    Ok(Outcome::Ok)
}

/// Runs `tupu update`.
pub fn run_update(cli: &Cli, args: &UpdateArgs) -> anyhow::Result<Outcome> {
    let (origin, text) = query_text(args.sparql.as_deref(), args.file.as_deref(), "update")?;
    let store = open_store(&cli.store)?;
    store.begin_untracked_change()?;
    tupu_graph::sparql::update(&store, &text).with_context(|| origin.clone())?;
    Ok(Outcome::Ok)
}

/// The text from the argument, the file, or standard input; and what to
/// call it in error messages.
fn query_text(arg: Option<&str>, file: Option<&Path>, what: &str) -> anyhow::Result<(String, String)> {
    match (arg, file) {
        (Some(text), _) if text != "-" => Ok((format!("the {what}"), text.to_owned())),
        (_, Some(path)) => Ok((path.display().to_string(), read_file(path)?)),
        (arg, None) => {
            let stdin = std::io::stdin();
            if arg.is_none() && stdin.is_terminal() {
                bail!("no {what} given: pass it as an argument, with --file, or on standard input");
            }
            let mut text = String::new();
            stdin.lock().read_to_string(&mut text).context("reading standard input")?;
            Ok((format!("the {what} (standard input)"), text))
        }
    }
}

fn read_file(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `queries/NAME.rq` (NAME may carry the extension).
fn saved_query(dir: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let path = dir.join(name).with_extension("rq");
    if path.is_file() {
        return Ok(path);
    }
    let known: Vec<String> = saved_queries(dir)?.into_iter().map(|(name, _)| name).collect();
    bail!("no saved query `{name}` in {} (saved: {})", dir.display(), known.join(", "))
}

/// Name and first-line description of each saved query, sorted by name.
fn saved_queries(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    let mut queries = Vec::new();
    for entry in entries {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        if path.extension().is_some_and(|e| e == "rq") {
            let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let text = read_file(&path)?;
            let first = text.lines().next().unwrap_or("");
            let description = first.strip_prefix('#').map(str::trim).unwrap_or("").to_owned();
            queries.push((name, description));
        }
    }
    queries.sort();
    Ok(queries)
}

fn list_saved(dir: &Path) -> anyhow::Result<()> {
    let queries = saved_queries(dir)?;
    let width = queries.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for (name, description) in queries {
        writeln!(out, "{name:width$}  {description}")?;
    }
    Ok(())
}

/// Writes results in `format`, or the default for their kind.
fn write_results(
    results: QueryResults<'static>,
    format: Option<QueryFormat>,
    mut out: impl Write,
) -> anyhow::Result<()> {
    match results {
        QueryResults::Solutions(solutions) => {
            let format = format.unwrap_or(QueryFormat::Table);
            if format == QueryFormat::Table {
                let variables = solutions.variables().to_vec();
                let rows = solutions.map(|s| s.map(|s| s.values().to_vec())).collect::<Result<Vec<_>, _>>()?;
                out.write_all(table::render(&variables, &rows).as_bytes())?;
            } else {
                let serializer = QueryResultsSerializer::from_format(results_format(format, "SELECT")?);
                let mut writer = serializer.serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())?;
                for solution in solutions {
                    writer.serialize(&solution?)?;
                }
                writer.finish()?;
            }
        }
        QueryResults::Boolean(value) => match format.unwrap_or(QueryFormat::Table) {
            QueryFormat::Table => writeln!(out, "{value}")?,
            format => {
                let serializer = QueryResultsSerializer::from_format(results_format(format, "ASK")?);
                serializer.serialize_boolean_to_writer(&mut out, value)?;
            }
        },
        QueryResults::Graph(triples) => {
            let format = rdf_format(format.unwrap_or(QueryFormat::Turtle))?;
            let mut serializer = RdfSerializer::from_format(format);
            for (prefix, iri) in PREFIXES {
                serializer = serializer.with_prefix(*prefix, *iri)?;
            }
            let mut writer = serializer.for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(&triple?)?;
            }
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(())
}

fn results_format(format: QueryFormat, kind: &str) -> anyhow::Result<QueryResultsFormat> {
    Ok(match format {
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv => QueryResultsFormat::Tsv,
        QueryFormat::Json => QueryResultsFormat::Json,
        QueryFormat::Xml => QueryResultsFormat::Xml,
        other => bail!("--format {} is for CONSTRUCT/DESCRIBE; {kind} gives table, csv, tsv, json or xml", name(other)),
    })
}

fn rdf_format(format: QueryFormat) -> anyhow::Result<RdfFormat> {
    Ok(match format {
        QueryFormat::Turtle => RdfFormat::Turtle,
        QueryFormat::Ntriples => RdfFormat::NTriples,
        QueryFormat::Nquads => RdfFormat::NQuads,
        QueryFormat::Jsonld => tupu_graph::rdf_format("jsonld").context("JSON-LD support")?,
        other => bail!(
            "--format {} is for SELECT/ASK; CONSTRUCT/DESCRIBE give turtle, ntriples, nquads or jsonld",
            name(other)
        ),
    })
}

fn name(format: QueryFormat) -> String {
    use clap::ValueEnum;
    format.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default()
}
