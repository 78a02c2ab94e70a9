//! A view as GraphML, for analysts who lay diagrams out themselves (yEd,
//! Gephi): the same nodes and edges as the diagram, every literal
//! attribute a GraphML key, labels in the view's language.

use super::build::View;
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;
use std::fmt::Write;

impl View {
    /// The view as GraphML.
    pub fn to_graphml(&self) -> String {
        let g = self.graph.graph();
        let language = &self.definition.language;
        let attributes: BTreeSet<&str> =
            g.node_weights().flat_map(|n| n.attributes.keys().map(String::as_str)).collect();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
        let _ = writeln!(out, "  <key id=\"title\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>");
        for (id, name) in [("label", "label"), ("class", "class"), ("iri", "iri"), ("articles", "articles")] {
            let _ = writeln!(out, "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"string\"/>");
        }
        for (i, name) in attributes.iter().enumerate() {
            let _ = writeln!(out, "  <key id=\"a{i}\" for=\"node\" attr.name=\"{}\" attr.type=\"string\"/>", xml(name));
        }
        for id in ["relation", "predicate"] {
            let _ = writeln!(out, "  <key id=\"{id}\" for=\"edge\" attr.name=\"{id}\" attr.type=\"string\"/>");
        }
        let _ = writeln!(out, "  <graph id=\"{}\" edgedefault=\"directed\">", xml(&self.definition.name));
        let _ = writeln!(out, "    <data key=\"title\">{}</data>", xml(&self.caption().join(" — ")));
        for n in g.node_indices() {
            let node = &g[n];
            let _ = writeln!(out, "    <node id=\"n{}\">", n.index());
            let _ = writeln!(out, "      <data key=\"label\">{}</data>", xml(&node.label));
            if let Some(class) = node.class {
                let _ = writeln!(out, "      <data key=\"class\">{}</data>", class.local_name());
            }
            let _ = writeln!(out, "      <data key=\"iri\">{}</data>", xml(&node.iri));
            if !node.articles.is_empty() {
                let articles = node.articles.iter().cloned().collect::<Vec<_>>().join(" ");
                let _ = writeln!(out, "      <data key=\"articles\">{articles}</data>");
            }
            for (i, name) in attributes.iter().enumerate() {
                if let Some(values) = node.attributes.get(*name) {
                    let value = values.iter().cloned().collect::<Vec<_>>().join(" | ");
                    let _ = writeln!(out, "      <data key=\"a{i}\">{}</data>", xml(&value));
                }
            }
            out.push_str("    </node>\n");
        }
        for edge in g.edge_references() {
            let _ = writeln!(
                out,
                "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">\n      <data key=\"relation\">{}</data>\n      \
                 <data key=\"predicate\">{}</data>\n    </edge>",
                edge.id().index(),
                edge.source().index(),
                edge.target().index(),
                xml(&edge.weight().label(language)),
                xml(&edge.weight().predicate),
            );
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }
}

/// Text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::entity_graph::{EntityEdge, EntityGraph, EntityNode, NodeClass};
    use crate::namespace::TPID;
    use crate::view::View;
    use tupu_ingest::{EntityClass, Relation};

    #[test]
    fn graphml_has_nodes_edges_and_attributes() {
        let mut a = EntityNode::new(format!("{TPID}甲&乙"), "甲&乙", Some(NodeClass::Entity(EntityClass::Company)));
        a.attributes.insert("tp:adcode".into(), ["130700".to_owned()].into());
        let b = EntityNode::new(format!("{TPID}丙"), "丙", Some(NodeClass::Entity(EntityClass::City)));
        let edges = [(a.iri.clone(), EntityEdge::relation(Relation::LocatedIn), b.iri.clone())];
        let xml = View::whole(EntityGraph::from_parts(vec![a, b], edges)).to_graphml();
        assert!(xml.contains("<data key=\"label\">甲&amp;乙</data>"), "{xml}");
        assert!(xml.contains("attr.name=\"tp:adcode\""), "{xml}");
        assert!(xml.contains("<data key=\"relation\">位于</data>"), "{xml}");
        assert_eq!(xml.matches("<node ").count(), 2);
        assert_eq!(xml.matches("<edge ").count(), 1);
    }
}
