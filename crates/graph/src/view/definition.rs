//! View definitions: the files `ontology/views/NAME.toml` that say what a
//! diagram shows (a SPARQL CONSTRUCT) and how it looks (shapes and colours
//! by class, relations, language, clusters, size), read at run time so
//! analysts add their own. Every mistake is reported with its file, line
//! and column.

use crate::entity_graph::NodeClass;
use crate::error::{GraphError, Result};
use crate::namespace::{PREFIXES, TP};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The built-in whole-graph view (`tupu dot`), used unless the views
/// directory has its own `entities.toml`.
const ENTITIES: &str = r#"
name = "entities"
title = "实体关系图"
description = "Every binary relation and the entities it links: the whole graph (what `tupu dot` draws)."
max_nodes = 0
query = """
CONSTRUCT { ?s ?p ?o }
WHERE {
  VALUES ?p { tp:locatedIn tp:partOf tp:operates tp:investsIn tp:subsidiaryOf tp:issuedBy tp:cooperatesWith }
  ?s ?p ?o .
}
"""
"#;

/// How nodes are grouped into boxes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cluster {
    /// No boxes.
    None,
    /// One box per article, holding what only that article mentions.
    Article,
    /// Each node in the box of what it has this relation to (a predicate
    /// IRI: `tp:locatedIn` puts companies inside their place), nested.
    Relation(String),
}

/// The look of a class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeStyle {
    /// A Graphviz shape (`box`, `ellipse`, `folder`…).
    pub shape: String,
    /// The fill colour (`#dbe9f6` or a Graphviz colour name).
    pub color: String,
}

/// The look of a relation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeStyle {
    /// The line colour.
    pub color: Option<String>,
    /// `solid`, `dashed`, `dotted` or `bold`.
    pub style: Option<String>,
}

/// A view: what to draw and how.
#[derive(Debug, Clone)]
pub struct ViewDefinition {
    /// The name, which is the file's stem (`industry-map`).
    pub name: String,
    /// The caption drawn above the diagram.
    pub title: String,
    /// One line on what the view shows (`tupu view --list`).
    pub description: String,
    /// A SPARQL CONSTRUCT (prefixes of `ONTOLOGY.md` predeclared): triples
    /// with an IRI object are edges, literal objects are attributes of their
    /// subject, `rdf:type` gives classes.
    pub query: String,
    /// The predicates (IRIs) whose edges are shown; all when `None`.
    pub relations: Option<Vec<String>>,
    /// The language of labels: `zh` or `en`.
    pub language: String,
    /// How nodes are grouped into boxes.
    pub cluster: Cluster,
    /// The most entities drawn (0: no limit), their facts not counted;
    /// larger views are cut down to the best-linked entities and say
    /// "showing N of M".
    pub max_nodes: usize,
    /// Graphviz `rankdir`: `LR`, `RL`, `TB` or `BT`.
    pub rankdir: String,
    /// Whether the view needs `--focus` (the neighbourhood of one entity).
    pub requires_focus: bool,
    /// Hops kept around the focus when `--depth` is not given.
    pub depth: usize,
    /// Whether edges carry their relation's name.
    pub edge_labels: bool,
    /// Whether a legend of the classes drawn is added.
    pub legend: bool,
    /// Whether targets and observations are drawn as rows of a table in
    /// their subject's node (`true`, the default) or as nodes of their own.
    pub fact_tables: bool,
    /// Styles by class, over the defaults.
    pub classes: BTreeMap<NodeClass, NodeStyle>,
    /// Styles by predicate IRI, over the defaults.
    pub edges: BTreeMap<String, EdgeStyle>,
    /// The file it was read from (`None` for the built-in `entities`).
    pub path: Option<PathBuf>,
    /// The line of the file the query text starts on.
    pub query_line: usize,
}

impl ViewDefinition {
    /// The built-in whole-graph view `entities`.
    pub fn entities() -> Self {
        parse(ENTITIES, Path::new("<built-in view entities>"), "entities").expect("the built-in view is valid")
    }

    /// The style of a class: the view's own, else the default.
    pub fn node_style(&self, class: Option<NodeClass>) -> NodeStyle {
        class.and_then(|c| self.classes.get(&c).cloned()).unwrap_or_else(|| default_node_style(class))
    }

    /// The style of a predicate: the view's own, else the default.
    pub fn edge_style(&self, predicate: &str) -> EdgeStyle {
        self.edges.get(predicate).cloned().unwrap_or_else(|| default_edge_style(predicate))
    }

    /// Whether edges of this predicate are shown.
    pub fn shows(&self, predicate: &str) -> bool {
        self.relations.as_ref().is_none_or(|shown| shown.iter().any(|p| p == predicate))
    }
}

/// Shape and fill colour by class: organizations blue, places green,
/// parks and data centers teal, zones grey, documents and programs yellow,
/// people red, facts white.
pub fn default_node_style(class: Option<NodeClass>) -> NodeStyle {
    use tupu_ingest::EntityClass::*;
    let (shape, color) = match class {
        Some(NodeClass::Entity(class)) => match class {
            Company => ("box", "#dbe9f6"),
            GovernmentBody => ("house", "#c9daf8"),
            Institution => ("component", "#dbe9f6"),
            Country | Province => ("ellipse", "#c8e6c9"),
            City | County => ("ellipse", "#dff0d8"),
            Region => ("octagon", "#dff0d8"),
            Park => ("folder", "#d0ece7"),
            DataCenter => ("cylinder", "#d0ece7"),
            Zone => ("hexagon", "#eeeeee"),
            Person => ("egg", "#f6dbdb"),
            Plan => ("note", "#fcf3cf"),
            Program => ("tab", "#fcf3cf"),
            Project => ("box3d", "#fcf3cf"),
        },
        Some(NodeClass::Target) => ("note", "#fff8e1"),
        Some(NodeClass::Observation) => ("box", "#f3e5f5"),
        Some(NodeClass::Position) => ("plain", "#ffffff"),
        Some(NodeClass::Article) => ("note", "#ffffff"),
        None => ("ellipse", "#ffffff"),
    };
    NodeStyle { shape: shape.into(), color: color.into() }
}

/// Line style by predicate: belonging dashed, operating bold, facts grey.
pub fn default_edge_style(predicate: &str) -> EdgeStyle {
    let (color, style) = match predicate.strip_prefix(TP).unwrap_or("") {
        "locatedIn" => ("#4a6f8a", "solid"),
        "partOf" => ("#2e7d32", "dashed"),
        "operates" => ("#1565c0", "bold"),
        "investsIn" => ("#c62828", "solid"),
        "subsidiaryOf" => ("#6a1b9a", "solid"),
        "issuedBy" => ("#9e7c00", "dotted"),
        "cooperatesWith" => ("#ef6c00", "solid"),
        _ => ("#9e9e9e", "solid"),
    };
    EdgeStyle { color: Some(color.into()), style: Some(style.into()) }
}

/// The view `NAME` of a views directory: `DIR/NAME.toml`, or the built-in
/// `entities`. `NAME` may also be a path to a `.toml` file.
pub fn load_view(dir: &Path, name: &str) -> Result<ViewDefinition> {
    let as_path = Path::new(name);
    if as_path.extension().is_some_and(|e| e == "toml") && as_path.is_file() {
        return load_file(as_path);
    }
    let path = dir.join(format!("{name}.toml"));
    if path.is_file() {
        return load_file(&path);
    }
    if name == "entities" {
        return Ok(ViewDefinition::entities());
    }
    let known: Vec<String> = list_views(dir).unwrap_or_default().into_iter().map(|v| v.name).collect();
    Err(GraphError::NoSuchView { name: name.to_owned(), dir: dir.to_owned(), known: known.join(", ") })
}

/// Every view of a directory, with the built-in `entities` unless the
/// directory has its own, sorted by name. A file with a mistake is an
/// error.
pub fn list_views(dir: &Path) -> Result<Vec<ViewDefinition>> {
    let mut views = Vec::new();
    if dir.is_dir() {
        let entries = std::fs::read_dir(dir).map_err(|e| GraphError::ViewIo { path: dir.to_owned(), source: e })?;
        for entry in entries {
            let path = entry.map_err(|e| GraphError::ViewIo { path: dir.to_owned(), source: e })?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                views.push(load_file(&path)?);
            }
        }
    }
    if !views.iter().any(|v| v.name == "entities") {
        views.push(ViewDefinition::entities());
    }
    views.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(views)
}

/// Reads and checks one view file; its name is the file's stem.
pub fn load_file(path: &Path) -> Result<ViewDefinition> {
    let text = std::fs::read_to_string(path).map_err(|e| GraphError::ViewIo { path: path.to_owned(), source: e })?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    parse(&text, path, &stem)
}

/// The file as written, every value with its place in the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawView {
    name: Spanned<String>,
    title: Option<String>,
    description: String,
    query: Spanned<String>,
    relations: Option<Vec<Spanned<String>>>,
    label_language: Option<Spanned<String>>,
    cluster: Option<Spanned<String>>,
    max_nodes: Option<usize>,
    rankdir: Option<Spanned<String>>,
    requires_focus: Option<bool>,
    depth: Option<usize>,
    edge_labels: Option<bool>,
    legend: Option<bool>,
    facts: Option<Spanned<String>>,
    #[serde(default)]
    classes: BTreeMap<Spanned<String>, RawNodeStyle>,
    #[serde(default)]
    edges: BTreeMap<Spanned<String>, RawEdgeStyle>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNodeStyle {
    shape: Option<Spanned<String>>,
    color: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdgeStyle {
    color: Option<Spanned<String>>,
    style: Option<Spanned<String>>,
}

/// Graphviz's polygon shapes that make sense for a node.
const SHAPES: &[&str] = &[
    "box",
    "rect",
    "rectangle",
    "square",
    "ellipse",
    "oval",
    "circle",
    "doublecircle",
    "egg",
    "triangle",
    "diamond",
    "trapezium",
    "parallelogram",
    "house",
    "pentagon",
    "hexagon",
    "septagon",
    "octagon",
    "doubleoctagon",
    "invhouse",
    "note",
    "tab",
    "folder",
    "box3d",
    "component",
    "cylinder",
    "plain",
    "plaintext",
    "underline",
    "star",
    "cds",
    "signature",
];

/// Parses and checks a view's text.
fn parse(text: &str, path: &Path, stem: &str) -> Result<ViewDefinition> {
    let at = |span: std::ops::Range<usize>, message: String| {
        let (line, column) = line_column(text, span.start);
        GraphError::ViewDefinition { path: path.to_owned(), line, column, message }
    };
    let raw: RawView = toml::from_str(text).map_err(|e| at(e.span().unwrap_or(0..0), e.message().trim().to_owned()))?;

    if raw.name.get_ref() != stem {
        return Err(at(
            raw.name.span(),
            format!("the view is called `{}` but its file `{stem}`: they must agree", raw.name.get_ref()),
        ));
    }
    let relations = raw
        .relations
        .map(|list| {
            list.into_iter()
                .map(|r| predicate_iri(r.get_ref()).map_err(|m| at(r.span(), m)))
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?;
    let language = match raw.label_language {
        None => "zh".to_owned(),
        Some(l) if ["zh", "en"].contains(&l.get_ref().as_str()) => l.into_inner(),
        Some(l) => return Err(at(l.span(), format!("label_language `{}`: use \"zh\" or \"en\"", l.get_ref()))),
    };
    let cluster = match raw.cluster {
        None => Cluster::None,
        Some(c) => match c.get_ref().as_str() {
            "none" => Cluster::None,
            "article" => Cluster::Article,
            other => Cluster::Relation(
                predicate_iri(other)
                    .map_err(|m| at(c.span(), format!("cluster: {m}; or use \"none\" or \"article\"")))?,
            ),
        },
    };
    let rankdir = match raw.rankdir {
        None => "LR".to_owned(),
        Some(r) if ["LR", "RL", "TB", "BT"].contains(&r.get_ref().as_str()) => r.into_inner(),
        Some(r) => return Err(at(r.span(), format!("rankdir `{}`: use LR, RL, TB or BT", r.get_ref()))),
    };
    let fact_tables = match raw.facts {
        None => true,
        Some(f) if f.get_ref() == "table" => true,
        Some(f) if f.get_ref() == "nodes" => false,
        Some(f) => return Err(at(f.span(), format!("facts `{}`: use \"table\" or \"nodes\"", f.get_ref()))),
    };
    let mut classes = BTreeMap::new();
    for (name, style) in raw.classes {
        let Some(class) = NodeClass::from_local_name(name.get_ref()) else {
            let known: Vec<&str> = NodeClass::all().map(NodeClass::local_name).collect();
            return Err(at(name.span(), format!("unknown class `{}` (classes: {})", name.get_ref(), known.join(", "))));
        };
        let default = default_node_style(Some(class));
        let shape = match style.shape {
            None => default.shape,
            Some(s) if SHAPES.contains(&s.get_ref().as_str()) => s.into_inner(),
            Some(s) => {
                return Err(at(s.span(), format!("unknown shape `{}` (shapes: {})", s.get_ref(), SHAPES.join(", "))));
            }
        };
        let color = match style.color {
            None => default.color,
            Some(c) => check_color(c, &at)?,
        };
        classes.insert(class, NodeStyle { shape, color });
    }
    let mut edges = BTreeMap::new();
    for (name, style) in raw.edges {
        let predicate = predicate_iri(name.get_ref()).map_err(|m| at(name.span(), m))?;
        let line_style = match style.style {
            None => None,
            Some(s) if ["solid", "dashed", "dotted", "bold"].contains(&s.get_ref().as_str()) => Some(s.into_inner()),
            Some(s) => {
                return Err(at(s.span(), format!("edge style `{}`: use solid, dashed, dotted or bold", s.get_ref())));
            }
        };
        let color = style.color.map(|c| check_color(c, &at)).transpose()?;
        edges.insert(predicate, EdgeStyle { color, style: line_style });
    }

    let query_line = query_start_line(text, raw.query.span());
    check_query(raw.query.get_ref()).map_err(|(line, column, message)| GraphError::ViewDefinition {
        path: path.to_owned(),
        line: query_line + line.saturating_sub(1),
        column,
        message: format!("in the query: {message}"),
    })?;

    Ok(ViewDefinition {
        title: raw.title.unwrap_or_else(|| raw.name.get_ref().clone()),
        name: raw.name.into_inner(),
        description: raw.description.trim().to_owned(),
        query: raw.query.into_inner(),
        relations,
        language,
        cluster,
        max_nodes: raw.max_nodes.unwrap_or(80),
        rankdir,
        requires_focus: raw.requires_focus.unwrap_or(false),
        depth: raw.depth.unwrap_or(2),
        edge_labels: raw.edge_labels.unwrap_or(true),
        legend: raw.legend.unwrap_or(true),
        fact_tables,
        classes,
        edges,
        path: Some(path.to_owned()).filter(|p| p.is_file()),
        query_line,
    })
}

/// `#rrggbb`, `#rrggbbaa` or a colour name.
fn check_color(color: Spanned<String>, at: &impl Fn(std::ops::Range<usize>, String) -> GraphError) -> Result<String> {
    let text = color.get_ref();
    let ok = match text.strip_prefix('#') {
        Some(hex) => (hex.len() == 6 || hex.len() == 8) && hex.chars().all(|c| c.is_ascii_hexdigit()),
        None => !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric()),
    };
    if ok {
        Ok(color.into_inner())
    } else {
        Err(at(color.span(), format!("colour `{text}`: use #rrggbb or a Graphviz colour name")))
    }
}

/// The IRI of a predicate written as a `tp:` local name (`locatedIn`), a
/// prefixed name (`skos:broader`) or `<iri>`.
pub fn predicate_iri(text: &str) -> std::result::Result<String, String> {
    if let Some(iri) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        return Ok(iri.to_owned());
    }
    if let Some((prefix, local)) = text.split_once(':') {
        return match PREFIXES.iter().find(|(p, _)| *p == prefix) {
            Some((_, ns)) => Ok(format!("{ns}{local}")),
            None => Err(format!("unknown prefix `{prefix}:` in `{text}`")),
        };
    }
    const KNOWN: &[&str] = &[
        "locatedIn",
        "partOf",
        "operates",
        "investsIn",
        "subsidiaryOf",
        "issuedBy",
        "cooperatesWith",
        "hasTarget",
        "hasObservation",
        "holdsPosition",
        "organization",
        "mentionedIn",
    ];
    if KNOWN.contains(&text) {
        Ok(format!("{TP}{text}"))
    } else {
        Err(format!("unknown relation `{text}` (relations: {}; or a prefixed name such as tp:x)", KNOWN.join(", ")))
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The line the query's text starts on: a multi-line string's first
/// newline is not part of it.
fn query_start_line(text: &str, span: std::ops::Range<usize>) -> usize {
    let (line, _) = line_column(text, span.start);
    let value = &text[span.start.min(text.len())..span.end.min(text.len())];
    let multi_line = value.starts_with("\"\"\"") || value.starts_with("'''");
    if multi_line && (value[3..].starts_with('\n') || value[3..].starts_with("\r\n")) { line + 1 } else { line }
}

/// Parses a view's query: `Err((line, column, message))` with the position
/// inside the query when it does not parse or is not a CONSTRUCT.
fn check_query(query: &str) -> std::result::Result<(), (usize, usize, String)> {
    if let Err(error) = crate::sparql::evaluator().parse_query(query) {
        let message = error.to_string();
        // The parser says "error at LINE:COLUMN: expected …".
        let position = message.strip_prefix("error at ").and_then(|rest| {
            let (position, what) = rest.split_once(": ")?;
            let (line, column) = position.split_once(':')?;
            Some((line.parse().ok()?, column.parse().ok()?, what.to_owned()))
        });
        return Err(position.unwrap_or((1, 1, message)));
    }
    let keyword = query
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .find(|l| !l.to_ascii_uppercase().starts_with("PREFIX") && !l.to_ascii_uppercase().starts_with("BASE"));
    if !keyword.is_some_and(|l| l.to_ascii_uppercase().starts_with("CONSTRUCT")) {
        return Err((1, 1, "a view's query must be a CONSTRUCT (its triples are the diagram's edges)".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        parse(text, Path::new("views/v.toml"), "v").unwrap_err().to_string()
    }

    const GOOD: &str = "name = \"v\"\ndescription = \"d\"\nquery = \"\"\"\nCONSTRUCT { ?s tp:locatedIn ?o }\nWHERE { ?s tp:locatedIn ?o }\n\"\"\"\n";

    #[test]
    fn a_good_view_parses_with_defaults() {
        let view = parse(GOOD, Path::new("views/v.toml"), "v").unwrap();
        assert_eq!(view.name, "v");
        assert_eq!(view.title, "v");
        assert_eq!(view.language, "zh");
        assert_eq!(view.cluster, Cluster::None);
        assert_eq!(view.max_nodes, 80);
        assert_eq!(view.query_line, 4);
        assert!(view.shows(&format!("{TP}partOf")));
    }

    #[test]
    fn toml_errors_give_file_line_and_column() {
        let err =
            error_of("name = \"v\"\ndescription = \"d\"\nquery = \"CONSTRUCT {} WHERE {}\"\nmax_nodes = \"many\"\n");
        assert!(err.starts_with("views/v.toml:4:"), "{err}");
        let err = error_of(&format!("{GOOD}colour = 1\n"));
        assert!(err.starts_with("views/v.toml:7:1:") && err.contains("colour"), "{err}");
    }

    #[test]
    fn unknown_classes_relations_and_shapes_are_pointed_at() {
        let err = error_of(&format!("{GOOD}relations = [\"locatedIn\", \"nearby\"]\n"));
        assert!(err.starts_with("views/v.toml:7:27:") && err.contains("unknown relation `nearby`"), "{err}");
        let err = error_of(&format!("{GOOD}[classes.Factory]\nshape = \"box\"\n"));
        assert!(err.starts_with("views/v.toml:7:") && err.contains("unknown class `Factory`"), "{err}");
        let err = error_of(&format!("{GOOD}[classes.Company]\nshape = \"blob\"\n"));
        assert!(err.starts_with("views/v.toml:8:9:") && err.contains("unknown shape"), "{err}");
        let err = error_of(&format!("{GOOD}[classes.Company]\ncolor = \"#12\"\n"));
        assert!(err.starts_with("views/v.toml:8:9:") && err.contains("colour"), "{err}");
        let err = error_of(&format!("{GOOD}cluster = \"near\"\n"));
        assert!(err.starts_with("views/v.toml:7:11:"), "{err}");
        let err = parse(GOOD, Path::new("views/w.toml"), "w").unwrap_err().to_string();
        assert!(err.starts_with("views/w.toml:1:8:") && err.contains("must agree"), "{err}");
    }

    #[test]
    fn query_errors_give_the_line_in_the_file() {
        let text = "name = \"v\"\ndescription = \"d\"\nquery = \"\"\"\nCONSTRUCT { ?s tp:locatedIn ?o }\nWHERE { ?s tp:locatedIn ?o \n\"\"\"\n";
        let err = error_of(text);
        assert!(err.starts_with("views/v.toml:6:") && err.contains("in the query"), "{err}");
        let select = "name = \"v\"\ndescription = \"d\"\nquery = \"SELECT * WHERE { ?s ?p ?o }\"\n";
        assert!(error_of(select).contains("must be a CONSTRUCT"));
    }

    #[test]
    fn predicates_are_names_prefixed_names_or_iris() {
        assert_eq!(predicate_iri("partOf").unwrap(), format!("{TP}partOf"));
        assert_eq!(predicate_iri("tp:foo").unwrap(), format!("{TP}foo"));
        assert_eq!(predicate_iri("<http://x/y>").unwrap(), "http://x/y");
        assert!(predicate_iri("zz:foo").is_err());
    }

    #[test]
    fn the_built_in_whole_graph_view_is_valid() {
        let view = ViewDefinition::entities();
        assert_eq!(view.max_nodes, 0);
        assert!(view.path.is_none());
    }
}
