//! `tupu view`: a view of `ontology/views/` built from the store and
//! written as DOT, GraphML or JSON, or rendered to SVG or PNG with
//! Graphviz's `dot` program.

use crate::cli::{Cli, ViewArgs};
use crate::{Outcome, open_existing_store};
use anyhow::{Context, bail};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tupu_graph::entity_graph::FONT;
use tupu_graph::view::{build, list_views, load_view, resolve_entity};
use tupu_graph::{View, ViewOptions, graph_iri};

/// What a view is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewFormat {
    /// Graphviz DOT text.
    Dot,
    /// SVG, rendered by `dot`.
    Svg,
    /// PNG, rendered by `dot`.
    Png,
    /// GraphML.
    GraphMl,
    /// JSON.
    Json,
}

impl ViewFormat {
    /// The format a name, an extension or a media type names.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dot" | "gv" | "text/vnd.graphviz" => Some(Self::Dot),
            "svg" | "image/svg+xml" => Some(Self::Svg),
            "png" | "image/png" => Some(Self::Png),
            "graphml" | "application/graphml+xml" => Some(Self::GraphMl),
            "json" | "application/json" => Some(Self::Json),
            _ => None,
        }
    }

    /// `--format` if given, else the output file's extension, else DOT.
    pub fn choose(format: Option<&str>, output: Option<&Path>) -> anyhow::Result<Self> {
        if let Some(name) = format {
            return Self::parse(name)
                .with_context(|| format!("unknown format `{name}` (dot, svg, png, graphml or json)"));
        }
        match output.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some(ext) => {
                Self::parse(ext).with_context(|| format!("cannot tell the format from `.{ext}`; give --format"))
            }
            None => Ok(Self::Dot),
        }
    }

    fn graphviz_name(self) -> Option<&'static str> {
        match self {
            Self::Svg => Some("svg"),
            Self::Png => Some("png"),
            _ => None,
        }
    }
}

/// The views directory of the ontology in use.
pub fn views_dir(cli: &Cli) -> PathBuf {
    cli.ontology_dir().join("views")
}

/// Runs `tupu view`.
pub fn run(cli: &Cli, args: &ViewArgs) -> anyhow::Result<Outcome> {
    let dir = views_dir(cli);
    if args.list {
        let views = list_views(&dir)?;
        let width = views.iter().map(|v| v.name.len()).max().unwrap_or(0);
        let mut out = std::io::stdout().lock();
        for view in views {
            writeln!(out, "{:width$}  {}", view.name, view.description)?;
        }
        return Ok(Outcome::Ok);
    }
    let Some(name) = &args.name else { bail!("give a view NAME, or --list") };
    let format = ViewFormat::choose(args.format.as_deref(), args.output.as_deref())?;
    if format == ViewFormat::Png && args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("a PNG is not for the terminal: give -o FILE.png or redirect standard output");
    }
    let definition = load_view(&dir, name)?;
    let store = open_existing_store(&cli.store)?;
    let view =
        build_view(&store, &definition, args.focus.as_deref(), args.depth, args.graph.as_deref(), args.max_nodes)?;
    if view.is_truncated() {
        eprintln!(
            "note: view {} shows {} of {} entities, the best linked (--max-nodes 0 shows all)",
            view.definition.name,
            view.graph.entity_count(),
            view.total_entities
        );
    }
    let bytes = match format {
        ViewFormat::Dot => view.to_dot().into_bytes(),
        ViewFormat::GraphMl => view.to_graphml().into_bytes(),
        ViewFormat::Json => {
            let mut text = serde_json::to_string_pretty(&view.to_json())?;
            text.push('\n');
            text.into_bytes()
        }
        ViewFormat::Svg | ViewFormat::Png => render(&view.to_dot(), format)?,
    };
    match &args.output {
        Some(path) => std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(Outcome::Ok)
}

/// Builds a view, resolving the focus entity and the article first.
pub fn build_view(
    store: &tupu_graph::GraphStore,
    definition: &tupu_graph::ViewDefinition,
    focus: Option<&str>,
    depth: Option<usize>,
    article: Option<&str>,
    max_nodes: Option<usize>,
) -> anyhow::Result<View> {
    let focus = focus.map(|text| resolve_entity(store, text).context("--focus")).transpose()?;
    let article = article.map(article_graph).transpose().context("--graph")?;
    let options = ViewOptions { focus, depth, article, max_nodes };
    let origin = match &definition.path {
        Some(path) => format!("view {} ({})", definition.name, path.display()),
        None => format!("view {}", definition.name),
    };
    build(store, definition, &options).with_context(|| origin)
}

/// An article given as its id, `tpa:ID` or its IRI.
fn article_graph(text: &str) -> anyhow::Result<oxigraph::model::NamedNode> {
    let text = text.trim();
    let is_id = !text.is_empty() && text.chars().all(|c| c.is_ascii_hexdigit());
    Ok(if is_id { tupu_graph::article_iri(text) } else { graph_iri(text)? })
}

/// The DOT text rendered by Graphviz's `dot`, PNGs at 150 dpi.
fn render(dot: &str, format: ViewFormat) -> anyhow::Result<Vec<u8>> {
    let kind = format.graphviz_name().expect("a rendered format");
    warn_if_font_missing();
    let mut command = Command::new("dot");
    command.arg(format!("-T{kind}"));
    if format == ViewFormat::Png {
        command.arg("-Gdpi=150");
    }
    let child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "rendering {kind} needs Graphviz's `dot` program, which is not installed \
             (Debian: apt-get install graphviz fonts-noto-cjk); --format dot writes the DOT text to render elsewhere"
        ),
        Err(e) => return Err(e).context("cannot run Graphviz `dot`"),
    };
    let mut stdin = child.stdin.take().expect("piped");
    let text = dot.to_owned();
    // Written from a thread so that a large picture cannot fill both pipes.
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child.wait_with_output().context("running Graphviz `dot`")?;
    writer.join().map_err(|_| anyhow::anyhow!("writing to Graphviz `dot` failed"))?.context("writing to `dot`")?;
    if !output.status.success() {
        bail!("Graphviz `dot` failed: {}", String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(output.stdout)
}

/// Chinese drawn in a font without its glyphs comes out as boxes: say so.
fn warn_if_font_missing() {
    let Ok(output) = Command::new("fc-list").arg(FONT).output() else { return };
    if output.status.success() && output.stdout.is_empty() {
        eprintln!("warning: the font {FONT} is not installed (Debian: fonts-noto-cjk); Chinese may be drawn as boxes");
    }
}
