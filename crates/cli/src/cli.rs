//! The command line as clap types; the doc comments are the `--help`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

/// The `ontology/` of the source tree tupu was built from.
const BUILT_IN_ONTOLOGY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ontology");

/// 图谱 tupu: build a knowledge graph from Chinese news, query it with
/// SPARQL, draw it with Graphviz.
#[derive(Debug, Parser)]
#[command(
    name = "tupu",
    version,
    after_help = "Exit codes: 0 ok; 1 some inputs failed (the others were built); 2 usage or fatal error."
)]
pub struct Cli {
    /// The store directory (an Oxigraph database).
    #[arg(long, global = true, env = "TUPU_STORE", default_value = "./tupu-store", value_name = "DIR")]
    pub store: PathBuf,

    /// The ontology directory (tupu.ttl, lexicon/, rules/, queries/).
    /// Default: ./ontology if it holds tupu.ttl, else the one tupu was built from.
    #[arg(long, global = true, env = "TUPU_ONTOLOGY", value_name = "DIR")]
    pub ontology: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The ontology directory to use.
    pub fn ontology_dir(&self) -> PathBuf {
        if let Some(dir) = &self.ontology {
            return dir.clone();
        }
        let local = PathBuf::from("ontology");
        if local.join("tupu.ttl").is_file() { local } else { PathBuf::from(BUILT_IN_ONTOLOGY) }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bring the store in line with the article files under the paths
    /// given: extract new articles, replace changed ones (one named graph
    /// per article), skip unchanged ones by content hash, update the
    /// source of moved ones, remove those whose files are gone, and
    /// extract again the articles whose rules or lexicon changed.
    ///
    /// Bad inputs (unreadable, binary, broken front matter, no text) are
    /// reported and skipped, and what the store held for them is kept; the
    /// exit code is then 1. A build that is interrupted is completed by the
    /// next one.
    Build(BuildArgs),
    /// Build, then keep the store in line with the files while they
    /// change: every --interval seconds the paths are scanned (a file is
    /// read only when its size or times changed), and when articles were
    /// added, changed, moved or deleted, or the rules, lexicon or ontology
    /// changed, a round does what `tupu build` of the same paths would do,
    /// with the pipeline kept loaded. One line per round on stderr.
    ///
    /// The store is open only during a round, so other commands can read
    /// it between rounds (while a round runs they are refused, and a round
    /// waits while another command has the store), unless --keep-open is
    /// given. Ctrl-C or SIGTERM stops
    /// it: a round under way writes what it has extracted and leaves the
    /// rest to the next build; exit code 0. A second Ctrl-C stops at once
    /// (exit code 130; the next build completes the store).
    Watch(WatchArgs),
    /// Show what the store holds (articles, entities, facts by kind, last
    /// build) and what `tupu build PATH…` would do now.
    Status(StatusArgs),
    /// Run a SPARQL query over all articles.
    ///
    /// The default graph is the union of all graphs, so a triple that
    /// several articles state matches once per article: use SELECT DISTINCT.
    /// The prefixes tp:, tpid:, tpa:, rdf:, rdfs:, skos:, dcterms:, prov:,
    /// xsd: and owl: are predeclared.
    Query(QueryArgs),
    /// Run a SPARQL 1.1 Update on the store.
    Update(UpdateArgs),
    /// Write the store as RDF.
    Export(ExportArgs),
    /// Write the entity graph as Graphviz DOT (render with `dot -Tsvg`).
    Dot(DotArgs),
    /// Draw a view: a diagram defined in ontology/views/NAME.toml (a
    /// SPARQL CONSTRUCT and its styling), as DOT, SVG, PNG, GraphML or JSON.
    ///
    /// SVG and PNG are rendered with Graphviz's `dot` and the font Noto
    /// Sans CJK SC (fonts-noto-cjk). A view larger than its cap shows its
    /// best-linked entities and says "showing N of M".
    View(ViewArgs),
    /// Graph algorithms on the entity graph (or a view's graph): how two
    /// entities are connected, which are central, which parts hang together.
    Graph(GraphArgs),
    /// Show every fact about an entity with the sentence, article and rule
    /// it came from.
    Explain(ExplainArgs),
    /// Score the store against a gold file (the format of gold/README.md):
    /// precision, recall and F1 by fact kind, as gold/score.py computes
    /// them, and by rule. Builds nothing.
    Eval(EvalArgs),
}

/// `tupu build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Article files, or directories searched recursively for
    /// .md, .markdown, .txt, .html and .htm files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Keep the articles whose files are gone. By default a build removes
    /// the articles whose source lies under the paths given and no longer
    /// exists; articles from other paths are never touched.
    #[arg(long)]
    pub no_prune: bool,

    /// New articles are written to the store in batches, each in one
    /// atomic step (an interrupted build loses at most the batch under
    /// way): at most this many articles per batch. By default a batch
    /// holds about 25,000 entities and facts.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: Option<u32>,
}

/// `tupu watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// What each round builds, as `tupu build` takes it.
    #[command(flatten)]
    pub build: BuildArgs,

    /// Seconds between two looks at the files (fractions allowed).
    #[arg(long, default_value = "2", value_name = "SECS", value_parser = parse_interval)]
    pub interval: Duration,

    /// Keep the store open from one round to the next. A round then skips
    /// opening it (about a tenth of a second), but no other command can
    /// use the store until watch stops.
    #[arg(long)]
    pub keep_open: bool,
}

/// A positive number of seconds.
fn parse_interval(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds > 0.0 && seconds < 1e9 => Ok(Duration::from_secs_f64(seconds)),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}

/// `tupu status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Article files or directories: also tell what `tupu build` of them
    /// would do now (new, changed, stale, moved, deleted, unchanged
    /// articles), without doing it.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Count the articles whose files are gone as kept, as
    /// `tupu build --no-prune` would.
    #[arg(long)]
    pub no_prune: bool,

    /// List the files and articles behind each count.
    #[arg(long)]
    pub list: bool,
}

/// `tupu query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query text; `-` or nothing reads it from standard input.
    #[arg(value_name = "SPARQL", conflicts_with_all = ["file", "name", "list"])]
    pub sparql: Option<String>,

    /// Read the query from this file.
    #[arg(long, short, value_name = "FILE", conflicts_with_all = ["name", "list"])]
    pub file: Option<PathBuf>,

    /// Run the saved query ontology/queries/NAME.rq.
    #[arg(long, short, value_name = "NAME", conflicts_with = "list")]
    pub name: Option<String>,

    /// List the saved queries.
    #[arg(long)]
    pub list: bool,

    /// Output format. Default: table for SELECT and ASK, turtle for
    /// CONSTRUCT and DESCRIBE.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<QueryFormat>,
}

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns, prefixed IRIs, plain literals (SELECT, ASK).
    Table,
    /// SPARQL results CSV (SELECT, ASK).
    Csv,
    /// SPARQL results TSV (SELECT, ASK).
    Tsv,
    /// SPARQL results JSON (SELECT, ASK).
    Json,
    /// SPARQL results XML (SELECT, ASK).
    Xml,
    /// Turtle (CONSTRUCT, DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT, DESCRIBE).
    Ntriples,
    /// N-Quads (CONSTRUCT, DESCRIBE).
    Nquads,
    /// JSON-LD (CONSTRUCT, DESCRIBE).
    Jsonld,
}

/// `tupu update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The update text; `-` or nothing reads it from standard input.
    #[arg(value_name = "SPARQL", conflicts_with = "file")]
    pub sparql: Option<String>,

    /// Read the update from this file.
    #[arg(long, short, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// `tupu export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// nquads, trig, turtle, ntriples, rdfxml or jsonld (a name, an
    /// extension or a media type). Default: guessed from -o, else nquads.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Only this named graph (an IRI, or tpa:ID for an article). Without
    /// it, graph formats such as Turtle get the union of all graphs.
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,

    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Include tpg:divisions, the county → city → province hierarchy tupu
    /// derives from the division codes. Left out by default: no article
    /// states it, and a dump should hold what the texts say.
    #[arg(long)]
    pub with_divisions: bool,
}

/// `tupu dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `tupu explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The entity: a name or alias (张家口), or an IRI (tpid:张家口市).
    #[arg(value_name = "ENTITY")]
    pub entity: String,
}

/// `tupu eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold file (TSV: ent, rel, target, obs, pos lines).
    #[arg(value_name = "GOLD.tsv")]
    pub gold: PathBuf,

    /// List the gold facts missed and the facts that match no gold fact.
    #[arg(long)]
    pub show_errors: bool,
}

/// `tupu view`.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// The view: NAME for ontology/views/NAME.toml (see --list), or the
    /// path of a view file.
    #[arg(value_name = "NAME", required_unless_present = "list")]
    pub name: Option<String>,

    /// List the views with their titles and descriptions.
    #[arg(long)]
    pub list: bool,

    /// Keep only what lies within --depth steps of this entity: its label
    /// (张家口市), an alias (张家口) or its IRI (tpid:张家口市).
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,

    /// Steps kept around --focus, relations read both ways. Default: the
    /// view's (2 unless it says otherwise).
    #[arg(long, value_name = "K", requires = "focus")]
    pub depth: Option<usize>,

    /// Only what one article says: its id, tpa:ID or its IRI.
    #[arg(long, value_name = "ARTICLE")]
    pub graph: Option<String>,

    /// dot, svg, png, graphml or json (a name, an extension or a media
    /// type). Default: guessed from -o, else dot.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Draw at most N entities, the best linked, with their targets and
    /// observations (0: all). Default: the view's cap.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
}

/// `tupu graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Which algorithm.
    #[command(subcommand)]
    pub command: GraphCommand,

    /// Work on this view's graph (ontology/views/NAME.toml) instead of the
    /// whole entity graph.
    #[arg(long, global = true, value_name = "NAME")]
    pub view: Option<String>,

    /// Only what one article says: its id, tpa:ID or its IRI.
    #[arg(long, global = true, value_name = "ARTICLE")]
    pub graph: Option<String>,
}

/// The algorithms of `tupu graph`.
#[derive(Debug, Subcommand)]
pub enum GraphCommand {
    /// How two entities are connected: the shortest chain of relations
    /// (read in either direction), each step with the sentences that
    /// state it. Exit code 1 when they are not connected.
    Path {
        /// The first entity: a label, an alias or an IRI.
        #[arg(value_name = "A")]
        from: String,
        /// The second entity.
        #[arg(value_name = "B")]
        to: String,
    },
    /// The most central entities, with their degree (distinct
    /// neighbours), closeness (how near they are to everything they are
    /// connected to) and PageRank over the relations' direction (what
    /// things lie in, belong to, are run by).
    Central {
        /// How many to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,

        /// Which measure ranks them.
        #[arg(long, value_enum, default_value_t = CentralBy::Degree, value_name = "MEASURE")]
        by: CentralBy,
    },
    /// The connected parts of the graph, largest first.
    Components {
        /// How many parts (of more than one node) to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,
    },
}

/// The measures `tupu graph central` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CentralBy {
    /// Most neighbours first (ties: closeness, then PageRank).
    Degree,
    /// Nearest to everything first.
    Closeness,
    /// Highest PageRank first.
    Pagerank,
}
