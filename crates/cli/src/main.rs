//! `tupu`: parses the command line, wires the libraries together, prints.
//!
//! Exit codes: 0 ok, 1 some inputs failed, 2 usage or fatal error.

mod build;
mod cli;
mod eval;
mod explain;
mod export;
mod graph_cmd;
mod query;
mod status;
mod table;
mod view;
mod watch;

use anyhow::bail;
use clap::Parser;
use cli::{Cli, Command};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use tupu_graph::GraphStore;

/// What a command that ran to its end reports.
pub enum Outcome {
    /// Everything worked.
    Ok,
    /// Some inputs failed; they were reported.
    SomeFailed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Build(args) => build::run(cli, args),
        Command::Watch(args) => watch::run(cli, args),
        Command::Status(args) => status::run(cli, args),
        Command::Query(args) => query::run_query(cli, args),
        Command::Update(args) => query::run_update(cli, args),
        Command::Export(args) => export::run_export(cli, args),
        Command::Dot(args) => export::run_dot(cli, args),
        Command::View(args) => view::run(cli, args),
        Command::Graph(args) => graph_cmd::run(cli, args),
        Command::Explain(args) => explain::run(cli, args),
        Command::Eval(args) => eval::run(cli, args),
    }
}

/// Opens the store for a command that reads it: it must exist already.
pub fn open_existing_store(dir: &Path) -> anyhow::Result<GraphStore> {
    if !dir.is_dir() {
        bail!("store {} does not exist (run `tupu build` first, or give --store)", dir.display());
    }
    Ok(GraphStore::open(dir)?)
}

/// Opens the store for writing, creating it if needed. (Store errors name
/// the directory themselves.)
pub fn open_store(dir: &Path) -> anyhow::Result<GraphStore> {
    Ok(GraphStore::open(dir)?)
}

/// A closed pipe (`tupu query … | head`) is not an error worth reporting.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        let io = match cause.downcast_ref::<tupu_graph::GraphError>() {
            Some(tupu_graph::GraphError::Io(e)) => Some(e),
            _ => cause.downcast_ref::<std::io::Error>(),
        };
        io.is_some_and(|e| e.kind() == BrokenPipe)
    })
}
