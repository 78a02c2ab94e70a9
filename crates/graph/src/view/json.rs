//! A view as JSON, for scripts and web pages: nodes with label, class,
//! IRI, articles and attributes; edges by node index with their relation;
//! and whether the view was cut down.

use super::build::View;
use petgraph::visit::EdgeRef;
use serde_json::{Value, json};

impl View {
    /// The view as a JSON value.
    pub fn to_json(&self) -> Value {
        let g = self.graph.graph();
        let language = &self.definition.language;
        let nodes: Vec<Value> = g
            .node_indices()
            .map(|n| {
                let node = &g[n];
                json!({
                    "id": n.index(),
                    "label": node.label,
                    "class": node.class.map(|c| c.local_name()),
                    "iri": node.iri,
                    "articles": node.articles,
                    "attributes": node.attributes,
                })
            })
            .collect();
        let edges: Vec<Value> = g
            .edge_references()
            .map(|e| {
                json!({
                    "source": e.source().index(),
                    "target": e.target().index(),
                    "relation": e.weight().label(language),
                    "predicate": e.weight().predicate,
                })
            })
            .collect();
        json!({
            "view": self.definition.name,
            "title": self.definition.title,
            "caption": self.caption(),
            "focus": self.focus.as_ref().map(|(iri, depth)| json!({"iri": iri, "depth": depth})),
            "article": self.article,
            "shown": { "entities": self.graph.entity_count(), "nodes": g.node_count(), "edges": g.edge_count() },
            "total": { "entities": self.total_entities, "edges": self.total_edges },
            "truncated": self.is_truncated(),
            "nodes": nodes,
            "edges": edges,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::entity_graph::{EntityEdge, EntityGraph, EntityNode, NodeClass};
    use crate::namespace::TPID;
    use crate::view::View;
    use tupu_ingest::{EntityClass, Relation};

    #[test]
    fn json_has_nodes_and_edges_by_index() {
        let a = EntityNode::new(format!("{TPID}甲"), "甲", Some(NodeClass::Entity(EntityClass::Company)));
        let b = EntityNode::new(format!("{TPID}乙"), "乙", Some(NodeClass::Entity(EntityClass::City)));
        let edges = [(a.iri.clone(), EntityEdge::relation(Relation::LocatedIn), b.iri.clone())];
        let json = View::whole(EntityGraph::from_parts(vec![a, b], edges)).to_json();
        assert_eq!(json["nodes"][0]["label"], "乙");
        assert_eq!(json["nodes"][1]["class"], "Company");
        assert_eq!(json["edges"][0]["source"], 1);
        assert_eq!(json["edges"][0]["relation"], "位于");
        assert_eq!(json["truncated"], false);
    }
}
