//! The IRIs of the core vocabulary in one place: namespaces, the prefixes
//! every query and export predeclares, and how names become IRIs.

use oxigraph::model::NamedNode;

/// The vocabulary: classes and properties (`tp:`).
pub const TP: &str = "https://w3id.org/tupu/ontology#";
/// Entities, one IRI per canonical name (`tpid:`).
pub const TPID: &str = "https://w3id.org/tupu/id/";
/// Articles, also the names of their graphs (`tpa:`).
pub const TPA: &str = "https://w3id.org/tupu/article/";
/// The named graph that holds `ontology/tupu.ttl`.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/tupu/ontology";

/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// Dublin Core terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// OWL, used by `tupu.ttl`.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

/// The store's own graphs: `tpg:ontology`, `tpg:entities`, `tpg:build`.
pub const TPG: &str = "https://w3id.org/tupu/";

/// The prefixes of `ONTOLOGY.md` (and `tpg:`), most specific first (so that `tpid:` and
/// `tpa:` win over shorter matches when abbreviating).
pub const PREFIXES: &[(&str, &str)] = &[
    ("tp", TP),
    ("tpid", TPID),
    ("tpa", TPA),
    ("tpg", TPG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("prov", PROV),
    ("xsd", XSD),
    ("owl", OWL),
];

/// A term of the `tp:` vocabulary.
pub fn tp(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{TP}{local}"))
}

/// The IRI of an article, which is also the name of its graph.
pub fn article_iri(id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{TPA}{}", encode_segment(id)))
}

/// The IRI of a node local to an article (`tpa:id#t3`).
pub fn article_node(id: &str, fragment: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{TPA}{}#{fragment}", encode_segment(id)))
}

/// The IRI of the entity with this canonical name: `tpid:` and the name,
/// Chinese characters kept as they are, anything an IRI path segment may
/// not hold (spaces, controls, `<>"{}|\^`#?%/`…) percent-encoded.
pub fn entity_iri(name: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{TPID}{}", encode_segment(name)))
}

/// The name an entity IRI was made from, or `None` for other IRIs.
pub fn entity_name(iri: &str) -> Option<String> {
    iri.strip_prefix(TPID).map(percent_decode)
}

/// `prefix:local` when the IRI starts with a known namespace (for display:
/// `tpa:…#t3` keeps its fragment), else `<iri>`.
pub fn abbreviate(iri: &str) -> String {
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            // `tpg:` names graphs, never something within a namespace.
            let within_graph = *prefix == "tpg" && local.contains('#');
            if !local.is_empty() && !local.contains('/') && !within_graph {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

/// Percent-encodes what may not stand in an IRI path segment (RFC 3987
/// `ipchar`), plus whitespace of any kind and `/`, so a name is one segment.
fn encode_segment(name: &str) -> String {
    if name == "." || name == ".." {
        return name.replace('.', "%2E");
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_segment_char(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

fn is_segment_char(c: char) -> bool {
    match c {
        'A'..='Z' | 'a'..='z' | '0'..='9' => true,
        '-' | '.' | '_' | '~' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '=' | ':' | '@' => true,
        c if c.is_ascii() || c.is_whitespace() || c.is_control() => false,
        c => is_ucschar(c),
    }
}

/// RFC 3987 `ucschar`: the non-ASCII characters an IRI may hold unencoded.
fn is_ucschar(c: char) -> bool {
    let c = u32::from(c);
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
        || ((0x10000..=0xEFFFD).contains(&c) && (c & 0xFFFF) <= 0xFFFD)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_stay_readable() {
        let iri = entity_iri("宝德数坝数字产业（河北）有限公司");
        assert_eq!(iri.as_str(), format!("{TPID}宝德数坝数字产业（河北）有限公司"));
    }

    #[test]
    fn forbidden_characters_are_percent_encoded_and_valid() {
        let names = [
            "A B",
            "a/b",
            "x#y?z",
            "100%",
            "<tag>",
            "\"q\"",
            "{|}",
            "a\\b^`",
            "\u{3000}中",
            "\t",
            "..",
            "\u{E000}",
            "《规划》",
            "Ａ",
        ];
        for name in names {
            let iri = entity_iri(name);
            NamedNode::new(iri.as_str()).unwrap_or_else(|e| panic!("{name:?} → {iri}: {e}"));
            let local = &iri.as_str()[TPID.len()..];
            assert!(!local.contains(['/', '#', '?', ' ']), "{name:?} → {local}");
            assert_eq!(entity_name(iri.as_str()).as_deref(), Some(name));
        }
        assert_eq!(entity_iri("A B/C").as_str(), format!("{TPID}A%20B%2FC"));
    }

    #[test]
    fn abbreviation_uses_the_known_prefixes() {
        assert_eq!(abbreviate(&format!("{TP}Company")), "tp:Company");
        assert_eq!(abbreviate(&format!("{TPID}创坝")), "tpid:创坝");
        assert_eq!(abbreviate(&format!("{TPA}00ff#t1")), "tpa:00ff#t1");
        assert_eq!(abbreviate(TP), format!("<{TP}>"));
        assert_eq!(abbreviate(ONTOLOGY_GRAPH), "tpg:ontology");
        assert_eq!(abbreviate("http://example.com/x"), "<http://example.com/x>");
    }
}
