//! The command line as clap types; the doc comments are the `--help`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    /// Extract facts from articles and write them to the store, one named
    /// graph per article (re-building an article replaces its facts).
    ///
    /// Bad inputs (unreadable, binary, broken front matter, no text) are
    /// reported and skipped; the exit code is then 1.
    Build(BuildArgs),
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
