//! Dumps of the store in the RDF formats Oxigraph writes, in a sorted,
//! hence reproducible, order: the whole dataset, its union as one graph, or
//! one named graph.

use crate::divisions::DIVISIONS_GRAPH;
use crate::error::{GraphError, Result};
use crate::namespace::PREFIXES;
use crate::store::GraphStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, Quad, Triple};
use std::io::Write;

/// The format a name (`nquads`, `turtle`, `jsonld`…), a file extension
/// (`nq`, `ttl`…) or a media type names.
pub fn rdf_format(name: &str) -> Option<RdfFormat> {
    let lower = name.trim().to_ascii_lowercase();
    let by_name = match lower.as_str() {
        "nquads" | "n-quads" => Some(RdfFormat::NQuads),
        "ntriples" | "n-triples" => Some(RdfFormat::NTriples),
        "turtle" => Some(RdfFormat::Turtle),
        "trig" => Some(RdfFormat::TriG),
        "rdfxml" | "rdf-xml" | "rdf/xml" | "xml" => Some(RdfFormat::RdfXml),
        "json-ld" | "jsonld" => RdfFormat::from_extension("jsonld"),
        _ => None,
    };
    by_name.or_else(|| RdfFormat::from_extension(&lower)).or_else(|| RdfFormat::from_media_type(&lower))
}

/// The IRI a graph is named by on the command line: `<iri>`, a full IRI or
/// a prefixed name with a prefix of `ONTOLOGY.md` (`tpa:0123…`).
pub fn graph_iri(text: &str) -> Result<NamedNode> {
    let text = text.trim();
    let text = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')).unwrap_or(text);
    let expanded = PREFIXES
        .iter()
        .find_map(|(prefix, ns)| {
            text.strip_prefix(prefix).and_then(|rest| rest.strip_prefix(':')).map(|l| format!("{ns}{l}"))
        })
        .unwrap_or_else(|| text.to_owned());
    NamedNode::new(&expanded).map_err(|e| GraphError::Iri { iri: text.to_owned(), message: e.to_string() })
}

/// The quads an export writes: those of `graph`, or all but the division
/// hierarchy (unless `with_divisions`) — what the articles state, which is
/// also what `tupu eval` scores.
pub(crate) fn quads_to_export(
    store: &GraphStore,
    graph: Option<&NamedNode>,
    with_divisions: bool,
) -> Result<Vec<Quad>> {
    let pattern = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    let divisions = NamedNode::new_unchecked(DIVISIONS_GRAPH);
    let left_out =
        |quad: &Quad| graph.is_none() && !with_divisions && quad.graph_name.as_ref() == divisions.as_ref().into();
    Ok(store
        .oxigraph()
        .quads_for_pattern(None, None, None, pattern)
        .filter(|quad| !quad.as_ref().is_ok_and(left_out))
        .collect::<Result<Vec<Quad>, _>>()?)
}

/// Writes the store to `writer` in `format`, sorted. Without `graph`, a
/// dataset format (N-Quads, TriG, JSON-LD) gets every quad and a graph
/// format (Turtle, N-Triples, RDF/XML) the union of all graphs — but for
/// the division hierarchy `tpg:divisions`, which no article states, unless
/// `with_divisions`; with `graph`, only that graph is written.
pub fn export<W: Write>(
    store: &GraphStore,
    format: RdfFormat,
    graph: Option<&NamedNode>,
    with_divisions: bool,
    writer: W,
) -> Result<W> {
    if let Some(graph) = graph {
        if !store.oxigraph().contains_named_graph(graph)? {
            return Err(GraphError::NoSuchGraph { iri: graph.as_str().to_owned() });
        }
    }
    let quads = quads_to_export(store, graph, with_divisions)?;
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri).expect("the vocabulary's namespaces are valid IRIs");
    }
    let mut serializer = serializer.for_writer(writer);
    if format.supports_datasets() {
        let mut keyed: Vec<(String, Quad)> = quads.into_iter().map(|q| (sort_key(&q), q)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, quad) in &keyed {
            serializer.serialize_quad(quad)?;
        }
    } else {
        let mut keyed: Vec<(String, Triple)> = quads
            .into_iter()
            .map(Triple::from)
            .map(|t| (format!("{} {} {}", t.subject, t.predicate, t.object), t))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        for (_, triple) in &keyed {
            serializer.serialize_triple(triple)?;
        }
    }
    Ok(serializer.finish()?)
}

/// Graph first, so that TriG writes each graph once.
pub(crate) fn sort_key(quad: &Quad) -> String {
    format!("{} {} {} {}", quad.graph_name, quad.subject, quad.predicate, quad.object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use crate::namespace::{RDFS, TPA};

    fn export_string(store: &GraphStore, format: RdfFormat, graph: Option<&NamedNode>) -> String {
        String::from_utf8(export(store, format, graph, false, Vec::new()).unwrap()).unwrap()
    }

    #[test]
    fn formats_by_name_extension_and_media_type() {
        assert_eq!(rdf_format("nquads"), Some(RdfFormat::NQuads));
        assert_eq!(rdf_format("nq"), Some(RdfFormat::NQuads));
        assert_eq!(rdf_format("ttl"), Some(RdfFormat::Turtle));
        assert_eq!(rdf_format("text/turtle"), Some(RdfFormat::Turtle));
        assert!(matches!(rdf_format("jsonld"), Some(RdfFormat::JsonLd { .. })));
        assert_eq!(rdf_format("docx"), None);
    }

    #[test]
    fn graph_names_may_be_prefixed() {
        assert_eq!(graph_iri("tpa:00ff").unwrap().as_str(), format!("{TPA}00ff"));
        assert_eq!(graph_iri("<http://e.com/g>").unwrap().as_str(), "http://e.com/g");
        assert!(graph_iri("not an iri").is_err());
    }

    #[test]
    fn exports_are_sorted_and_complete() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.replace_article(&sample("bbbbbbbbbbbbbbbb")).unwrap();
        store.replace_article(&sample("aaaaaaaaaaaaaaaa")).unwrap();
        let nq = export_string(&store, RdfFormat::NQuads, None);
        let lines: Vec<&str> = nq.lines().collect();
        assert_eq!(lines.len(), store.len(None).unwrap());
        let first_b = lines.iter().position(|l| l.contains("/bbbbbbbbbbbbbbbb> .")).unwrap();
        assert!(lines[..first_b].iter().all(|l| l.ends_with("/aaaaaaaaaaaaaaaa> .")), "graph a first");
        assert_eq!(nq, export_string(&store, RdfFormat::NQuads, None), "same store, same bytes");

        let graph = graph_iri("tpa:aaaaaaaaaaaaaaaa").unwrap();
        let one = export_string(&store, RdfFormat::NQuads, Some(&graph));
        assert_eq!(one.lines().count(), first_b);
        let missing = graph_iri("tpa:cccccccccccccccc").unwrap();
        let err = export(&store, RdfFormat::NQuads, Some(&missing), false, Vec::new()).expect_err("no such graph");
        assert!(matches!(err, GraphError::NoSuchGraph { .. }), "{err}");

        let turtle = export_string(&store, RdfFormat::Turtle, None);
        assert!(turtle.contains("@prefix tp:"), "{turtle}");
        assert!(turtle.contains("tp:locatedIn"), "{turtle}");
        let triples = export_string(&store, RdfFormat::NTriples, None);
        let entity_label = triples.lines().filter(|l| l.contains(&format!("宝德数坝> <{RDFS}label>"))).count();
        assert_eq!(entity_label, 1, "the union holds each triple once");
        let jsonld = export_string(&store, rdf_format("jsonld").unwrap(), None);
        assert!(jsonld.trim_start().starts_with(['{', '[']), "{jsonld}");
    }
}
