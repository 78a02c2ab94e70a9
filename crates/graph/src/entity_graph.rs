//! The entities and their seven binary relations as a petgraph graph, and
//! that graph as Graphviz DOT with Chinese labels (never IRIs), in a sorted
//! order so the same store gives the same picture.

use crate::error::Result;
use crate::namespace::{RDF, RDFS, TP, entity_name};
use crate::store::GraphStore;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use tupu_ingest::{EntityClass, Relation};

/// The font that holds the Chinese glyphs (package fonts-noto-cjk).
pub const FONT: &str = "Noto Sans CJK SC";

/// An entity as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityNode {
    /// The entity's IRI (kept for lookups, never drawn).
    pub iri: String,
    /// Its `rdfs:label`, else the name its IRI was made from.
    pub label: String,
    /// Its class; the first in `ONTOLOGY.md` order when articles disagree.
    pub class: Option<EntityClass>,
}

/// Entities as nodes, binary relations as edges; nodes sorted by label.
#[derive(Debug, Default)]
pub struct EntityGraph {
    graph: DiGraph<EntityNode, Relation>,
}

impl EntityGraph {
    /// Reads every typed entity and every binary relation of the store.
    pub fn from_store(store: &GraphStore) -> Result<Self> {
        let store = store.oxigraph();
        let named = |t: &NamedOrBlankNode| match t {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_owned()),
            NamedOrBlankNode::BlankNode(_) => None,
        };
        let mut entities: BTreeMap<String, (BTreeSet<String>, BTreeSet<EntityClass>)> = BTreeMap::new();
        let rdf_type = NamedNode::new_unchecked(format!("{RDF}type"));
        for class in EntityClass::ALL {
            let class_iri: Term = NamedNode::new_unchecked(format!("{TP}{}", class.local_name())).into();
            for quad in store.quads_for_pattern(None, Some(rdf_type.as_ref()), Some(class_iri.as_ref()), None) {
                if let Some(iri) = named(&quad?.subject) {
                    entities.entry(iri).or_default().1.insert(class);
                }
            }
        }
        let mut edges = BTreeSet::new();
        for relation in Relation::ALL {
            let predicate = NamedNode::new_unchecked(format!("{TP}{}", relation.local_name()));
            for quad in store.quads_for_pattern(None, Some(predicate.as_ref()), None, None) {
                let quad = quad?;
                let (Some(s), Term::NamedNode(o)) = (named(&quad.subject), &quad.object) else { continue };
                entities.entry(s.clone()).or_default();
                entities.entry(o.as_str().to_owned()).or_default();
                edges.insert((s, relation, o.as_str().to_owned()));
            }
        }
        let label = NamedNode::new_unchecked(format!("{RDFS}label"));
        for (iri, (labels, _)) in &mut entities {
            let subject = NamedNode::new_unchecked(iri.as_str());
            for quad in store.quads_for_pattern(Some(subject.as_ref().into()), Some(label.as_ref()), None, None) {
                if let Term::Literal(l) = quad?.object {
                    labels.insert(l.value().to_owned());
                }
            }
        }
        let mut nodes: Vec<EntityNode> = entities
            .into_iter()
            .map(|(iri, (labels, classes))| EntityNode {
                label: labels.into_iter().next().or_else(|| entity_name(&iri)).unwrap_or_else(|| iri.clone()),
                class: classes.into_iter().next(),
                iri,
            })
            .collect();
        nodes.sort_by(|a, b| (&a.label, &a.iri).cmp(&(&b.label, &b.iri)));
        Ok(Self::from_parts(nodes, edges))
    }

    /// A graph of the given nodes and `(subject IRI, relation, object IRI)`
    /// edges; edges whose ends are not among the nodes are left out.
    pub fn from_parts(nodes: Vec<EntityNode>, edges: impl IntoIterator<Item = (String, Relation, String)>) -> Self {
        let mut graph = DiGraph::new();
        let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
        for node in nodes {
            let iri = node.iri.clone();
            index.insert(iri, graph.add_node(node));
        }
        let mut edges: Vec<(NodeIndex, Relation, NodeIndex)> =
            edges.into_iter().filter_map(|(s, r, o)| Some((*index.get(&s)?, r, *index.get(&o)?))).collect();
        edges.sort();
        edges.dedup();
        for (s, r, o) in edges {
            graph.add_edge(s, o, r);
        }
        Self { graph }
    }

    /// The petgraph graph.
    pub fn graph(&self) -> &DiGraph<EntityNode, Relation> {
        &self.graph
    }

    /// The graph in Graphviz DOT: shapes by class, relations labelled in
    /// Chinese, 合作 drawn without arrowheads.
    pub fn to_dot(&self) -> String {
        let mut dot = String::from("digraph tupu {\n");
        let _ = writeln!(dot, "  graph [rankdir=LR, fontname=\"{FONT}\", charset=\"UTF-8\"];");
        let _ = writeln!(dot, "  node [fontname=\"{FONT}\", style=filled, fillcolor=\"#ffffff\"];");
        let _ = writeln!(dot, "  edge [fontname=\"{FONT}\", fontsize=10];");
        for index in self.graph.node_indices() {
            let node = &self.graph[index];
            let (shape, color) = style(node.class);
            let _ = writeln!(
                dot,
                "  n{} [label=\"{}\", shape={shape}, fillcolor=\"{color}\"];",
                index.index(),
                escape(&node.label)
            );
        }
        for edge in self.graph.edge_indices() {
            let (s, o) = self.graph.edge_endpoints(edge).expect("an edge of this graph");
            let relation = self.graph[edge];
            let dir = if relation.is_symmetric() { ", dir=none" } else { "" };
            let _ =
                writeln!(dot, "  n{} -> n{} [label=\"{}\"{dir}];", s.index(), o.index(), escape(relation.label_zh()));
        }
        dot.push_str("}\n");
        dot
    }
}

/// Shape and fill colour of a class: organizations blue, places green,
/// documents and programs yellow, people red.
fn style(class: Option<EntityClass>) -> (&'static str, &'static str) {
    use EntityClass::*;
    match class {
        Some(Company) => ("box", "#dbe9f6"),
        Some(GovernmentBody) => ("house", "#dbe9f6"),
        Some(Institution) => ("component", "#dbe9f6"),
        Some(Country | Province | City | County) => ("ellipse", "#dff0d8"),
        Some(Region) => ("octagon", "#dff0d8"),
        Some(Park) => ("folder", "#dff0d8"),
        Some(DataCenter) => ("cylinder", "#dff0d8"),
        Some(Zone) => ("hexagon", "#eeeeee"),
        Some(Person) => ("egg", "#f6dbdb"),
        Some(Plan) => ("note", "#fcf3cf"),
        Some(Program) => ("tab", "#fcf3cf"),
        Some(Project) => ("box3d", "#fcf3cf"),
        None => ("ellipse", "#ffffff"),
    }
}

/// The text of a DOT double-quoted string.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use crate::namespace::TPID;

    fn node(name: &str, class: EntityClass) -> EntityNode {
        EntityNode { iri: format!("{TPID}{name}"), label: name.into(), class: Some(class) }
    }

    #[test]
    fn labels_are_escaped() {
        let nodes = vec![node("a\"b\\c", EntityClass::Company), node("第二\n行", EntityClass::City)];
        let edges = [(format!("{TPID}a\"b\\c"), Relation::LocatedIn, format!("{TPID}第二\n行"))];
        let dot = EntityGraph::from_parts(nodes, edges).to_dot();
        assert!(dot.contains(r#"label="a\"b\\c""#), "{dot}");
        assert!(dot.contains(r#"label="第二\n行""#), "{dot}");
        assert!(dot.contains(r#"n0 -> n1 [label="位于"]"#), "{dot}");
    }

    #[test]
    fn store_graph_has_chinese_labels_and_no_iris() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        store.replace_article(&sample("bbbbbbbbbbbbbbbb")).unwrap();
        let graph = EntityGraph::from_store(&store).unwrap();
        assert_eq!(graph.graph().node_count(), 4);
        assert_eq!(graph.graph().edge_count(), 1, "one relation, stated twice");
        let dot = graph.to_dot();
        assert!(!dot.contains("https://"), "{dot}");
        assert!(dot.contains(&format!("fontname=\"{FONT}\"")));
        assert!(dot.contains("label=\"宝德数坝\", shape=box"), "{dot}");
        assert!(dot.contains("label=\"创坝\", shape=folder"), "{dot}");
        assert_eq!(dot, EntityGraph::from_store(&store).unwrap().to_dot(), "stable output");
    }

    #[test]
    fn dot_renders_when_graphviz_is_installed() {
        let nodes = vec![node("宝德\"数坝", EntityClass::Company), node("创坝", EntityClass::Park)];
        let edges = [(format!("{TPID}宝德\"数坝"), Relation::CooperatesWith, format!("{TPID}创坝"))];
        let dot = EntityGraph::from_parts(nodes, edges).to_dot();
        let child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("note: graphviz `dot` not installed, rendering not checked");
            return;
        };
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stdout).contains("创坝"));
    }
}
