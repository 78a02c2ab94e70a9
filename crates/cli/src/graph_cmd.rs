//! `tupu graph path|central|components`: graph algorithms on the whole
//! entity graph or on a view, printed for analysts — labels, not IRIs,
//! and for a path the sentence behind every step.

use crate::cli::{CentralBy, Cli, GraphArgs, GraphCommand};
use crate::view::{build_view, views_dir};
use crate::{Outcome, open_existing_store};
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::io::Write;
use tupu_graph::algorithms::{CentralityOrder, Node, centrality, components, shortest_path};
use tupu_graph::view::{evidence, load_view, resolve_entity};
use tupu_graph::{EntityGraph, GraphStore, ViewDefinition};
use unicode_width::UnicodeWidthStr;

/// Sentences shown per step of a path.
const SENTENCES_PER_STEP: usize = 2;

/// Runs `tupu graph`.
pub fn run(cli: &Cli, args: &GraphArgs) -> anyhow::Result<Outcome> {
    let mut definition = match &args.view {
        Some(name) => load_view(&views_dir(cli), name)?,
        None => ViewDefinition::entities(),
    };
    // The algorithms see the whole view, not a picture's worth of it, and
    // a view drawn around a focus is taken whole.
    definition.requires_focus = false;
    let store = open_existing_store(&cli.store)?;
    let view = build_view(&store, &definition, None, None, args.graph.as_deref(), Some(0))?;
    let graph = &view.graph;
    let language = &view.definition.language;
    let mut out = std::io::stdout().lock();
    match &args.command {
        GraphCommand::Path { from, to } => path(&store, graph, language, from, to, &mut out),
        GraphCommand::Central { top, by } => {
            let order = match by {
                CentralBy::Degree => CentralityOrder::Degree,
                CentralBy::Closeness => CentralityOrder::Closeness,
                CentralBy::Pagerank => CentralityOrder::PageRank,
            };
            central(graph, language, *top, order, &mut out)?;
            Ok(Outcome::Ok)
        }
        GraphCommand::Components { top } => {
            parts(graph, *top, &mut out)?;
            Ok(Outcome::Ok)
        }
    }
}

/// The node of an entity the user named, which must be in the graph.
fn node_of(store: &GraphStore, graph: &EntityGraph, text: &str) -> anyhow::Result<Node> {
    let iri = resolve_entity(store, text)?;
    graph.node_of(&iri).with_context(|| format!("`{text}` has no relations in this graph"))
}

fn path(
    store: &GraphStore,
    graph: &EntityGraph,
    language: &str,
    from: &str,
    to: &str,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    let (a, b) = (node_of(store, graph, from)?, node_of(store, graph, to)?);
    let g = graph.graph();
    let Some(hops) = shortest_path(graph, a, b) else {
        writeln!(out, "{} and {} are not connected", g[a].label, g[b].label)?;
        return Ok(Outcome::SomeFailed);
    };
    let steps = hops.len();
    writeln!(out, "{} → {}: {steps} step{}", g[a].label, g[b].label, if steps == 1 { "" } else { "s" })?;
    for (i, hop) in hops.iter().enumerate() {
        let edge = &g[hop.edge];
        let relation = edge.label(language);
        let (source, target) = g.edge_endpoints(hop.edge).expect("an edge of the graph");
        let arrow = if edge.is_symmetric() {
            format!("—{relation}—")
        } else if source == hop.from {
            format!("—{relation}→")
        } else {
            format!("←{relation}—")
        };
        writeln!(out, "{}. {} {arrow} {}", i + 1, g[hop.from].label, g[hop.to].label)?;
        let statements = evidence(store, &g[source].iri, &edge.predicate, &g[target].iri)?;
        for statement in statements.iter().take(SENTENCES_PER_STEP) {
            let title = statement.title.as_deref().map(|t| format!("《{t}》 ")).unwrap_or_default();
            writeln!(out, "   {title}tpa:{} [{}]", statement.article, statement.rule)?;
            writeln!(out, "   「{}」", statement.sentence.trim())?;
        }
        if statements.len() > SENTENCES_PER_STEP {
            writeln!(out, "   … stated {} times in all", statements.len())?;
        }
    }
    Ok(Outcome::Ok)
}

fn central(
    graph: &EntityGraph,
    language: &str,
    top: usize,
    order: CentralityOrder,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let g = graph.graph();
    let rows: Vec<[String; 6]> = centrality(graph, order)
        .into_iter()
        .take(top)
        .enumerate()
        .map(|(i, c)| {
            let node = &g[c.node];
            [
                (i + 1).to_string(),
                node.label.clone(),
                node.class.map(|k| k.display_name(language).to_owned()).unwrap_or_default(),
                c.degree.to_string(),
                format!("{:.4}", c.closeness),
                format!("{:.4}", c.pagerank),
            ]
        })
        .collect();
    write_table(out, ["#", "entity", "class", "degree", "closeness", "pagerank"], &rows)
}

fn parts(graph: &EntityGraph, top: usize, out: &mut impl Write) -> anyhow::Result<()> {
    let g = graph.graph();
    let all = components(graph);
    let degree: BTreeMap<_, usize> = g.node_indices().map(|n| (n, g.neighbors_undirected(n).count())).collect();
    let singles = all.iter().filter(|p| p.len() == 1).count();
    let alone = if singles > 0 { format!("; {singles} stand alone") } else { String::new() };
    writeln!(
        out,
        "{} components in {} nodes; the largest has {} nodes{alone}",
        all.len(),
        g.node_count(),
        all.first().map_or(0, Vec::len)
    )?;
    for (i, part) in all.iter().filter(|p| p.len() > 1).take(top).enumerate() {
        let mut members = part.clone();
        members.sort_by_key(|n| (std::cmp::Reverse(degree[n]), *n));
        let shown: Vec<&str> = members.iter().take(12).map(|&n| g[n].label.as_str()).collect();
        let more =
            if part.len() > shown.len() { format!(", … (+{})", part.len() - shown.len()) } else { String::new() };
        writeln!(out, "{}. {} nodes: {}{more}", i + 1, part.len(), shown.join("、"))?;
    }
    Ok(())
}

/// Columns aligned by display width (a Chinese character is two columns).
fn write_table<const N: usize>(out: &mut impl Write, header: [&str; N], rows: &[[String; N]]) -> anyhow::Result<()> {
    if rows.is_empty() {
        bail!("the graph is empty");
    }
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> =
            cells.iter().zip(widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width()))).collect();
        padded.join("  ").trim_end().to_owned()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}
