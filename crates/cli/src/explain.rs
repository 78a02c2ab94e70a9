//! `tupu explain`: each fact about an entity with its sentence, article and rule.

use crate::cli::{Cli, ExplainArgs};
use crate::{Outcome, open_existing_store};
use std::io::Write;
use tupu_graph::explain::explain;
use tupu_graph::view::resolve_entity;

/// Prints the evidence of every fact about the entity.
pub fn run(cli: &Cli, args: &ExplainArgs) -> anyhow::Result<Outcome> {
    let store = open_existing_store(&cli.store)?;
    let entity = resolve_entity(&store, &args.entity)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", tupu_graph::abbreviate(&entity))?;
    for e in explain(&store, &entity)? {
        writeln!(out, "  {}", e.fact)?;
        writeln!(out, "    rule     {}", e.rule)?;
        writeln!(out, "    sentence {}", e.sentence)?;
        let title = e.title.as_deref().unwrap_or("");
        let source = e.source.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
        writeln!(out, "    article  {} {title}{source}, characters {}–{}", e.article, e.span.0, e.span.1)?;
    }
    Ok(Outcome::Ok)
}
