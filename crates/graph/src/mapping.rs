//! What one article's extraction becomes in RDF: the quads of its named
//! graph, in the core vocabulary of `ONTOLOGY.md`, with the evidence of
//! every fact. Pure and deterministic: the same extraction gives the same
//! quads in the same order.

use crate::namespace::{DCTERMS, PROV, RDF, RDFS, SKOS, XSD, article_iri, article_node, entity_iri, tp};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use tupu_ingest::{Evidence, Extraction, Fact, PartialDate, Quantity};

/// The quads of an article's graph (`tpa:{id}`): the article node, its
/// entities, its facts and their evidence. Fact nodes and evidence nodes
/// are numbered by the fact's index in [`Extraction::facts`]
/// (`tpa:{id}#t3` and its evidence `tpa:{id}#e3`).
pub fn article_quads(extraction: &Extraction) -> Vec<Quad> {
    let article = &extraction.article;
    let mut out = Quads { graph: article_iri(&article.id).into(), quads: Vec::new() };
    let a = article_iri(&article.id);

    out.add(&a, &rdf("type"), tp("Article"));
    if let Some(title) = &article.title {
        out.add(&a, &dcterms("title"), zh(title));
    }
    if let Some(date) = &article.date {
        out.add(&a, &dcterms("date"), date_literal(date));
    }
    out.add(&a, &dcterms("source"), Literal::new_simple_literal(article.source.to_string_lossy()));
    out.add(&a, &tp("contentHash"), Literal::new_simple_literal(&article.content_hash));
    for category in &article.categories {
        out.add(&a, &dcterms("subject"), zh(category));
    }
    for tag in &article.tags {
        out.add(&a, &tp("tag"), zh(tag));
    }
    if let Some(author) = &article.author {
        out.add(&a, &dcterms("creator"), Literal::new_simple_literal(author));
    }

    // facts name entities by name; an article uses a name for one entity
    let iris: std::collections::HashMap<&str, NamedNode> =
        extraction.entities.iter().map(|e| (e.name.as_str(), entity_iri(e.iri_name()))).collect();
    let iri_of = |name: &str| iris.get(name).cloned().unwrap_or_else(|| entity_iri(name));
    for entity in &extraction.entities {
        let e = iri_of(&entity.name);
        out.add(&e, &rdf("type"), tp(entity.class.local_name()));
        out.add(&e, &rdfs("label"), zh(&entity.name));
        for alias in entity.aliases.iter().filter(|alias| **alias != entity.name) {
            out.add(&e, &skos("altLabel"), zh(alias));
        }
        if let Some(adcode) = &entity.adcode {
            out.add(&e, &tp("adcode"), Literal::new_simple_literal(adcode));
        }
        out.add(&e, &tp("mentionedIn"), a.clone());
    }

    for (n, fact) in extraction.facts.iter().enumerate() {
        let evidence = article_node(&article.id, &format!("e{n}"));
        let (subject, predicate, object) = match fact {
            Fact::Relation { subject, relation, object, .. } => {
                (iri_of(subject), tp(relation.local_name()), iri_of(object))
            }
            Fact::Target { subject, year, indicator, quantity, .. } => {
                let node = article_node(&article.id, &format!("t{n}"));
                out.add(&node, &rdf("type"), tp("Target"));
                out.add(&node, &tp("year"), Literal::new_typed_literal(year.to_string(), xsd("integer")));
                out.quantity(&node, indicator, quantity);
                (iri_of(subject), tp("hasTarget"), node)
            }
            Fact::Observation { subject, date, indicator, quantity, .. } => {
                let node = article_node(&article.id, &format!("o{n}"));
                out.add(&node, &rdf("type"), tp("Observation"));
                if let Some(date) = date {
                    out.add(&node, &tp("date"), date_literal(date));
                }
                out.quantity(&node, indicator, quantity);
                (iri_of(subject), tp("hasObservation"), node)
            }
            Fact::Position { person, title, organization, .. } => {
                let node = article_node(&article.id, &format!("p{n}"));
                out.add(&node, &rdf("type"), tp("Position"));
                out.add(&node, &tp("title"), zh(title));
                out.add(&node, &tp("organization"), iri_of(organization));
                (iri_of(person), tp("holdsPosition"), node)
            }
        };
        out.add(&subject, &predicate, object.clone());
        if !matches!(fact, Fact::Relation { .. }) {
            out.add(&object, &tp("evidence"), evidence.clone());
        }
        out.evidence(&evidence, &subject, &predicate, &object, fact.evidence(), &a);
    }
    out.quads
}

/// Collects quads into one graph.
struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Quads {
    fn add(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(s.clone(), p.clone(), o, self.graph.clone()));
    }

    /// The properties targets and observations share.
    fn quantity(&mut self, node: &NamedNode, indicator: &str, quantity: &Quantity) {
        self.add(node, &tp("indicator"), zh(indicator));
        self.add(node, &tp("value"), Literal::new_typed_literal(quantity.value.to_string(), xsd("decimal")));
        // a range (3~5个): tp:value is its low end, so queries on tp:value still see it
        if let Some(max) = quantity.max {
            self.add(node, &tp("valueMax"), Literal::new_typed_literal(max.to_string(), xsd("decimal")));
        }
        if !quantity.unit.is_empty() {
            self.add(node, &tp("unit"), Literal::new_simple_literal(&quantity.unit));
        }
        self.add(node, &tp("valueText"), Literal::new_simple_literal(&quantity.text));
        if let Some(comparator) = quantity.comparator {
            self.add(node, &tp("comparator"), Literal::new_simple_literal(comparator.symbol()));
        }
    }

    /// `node a tp:Evidence`: which statement, which sentence, which rule.
    fn evidence(
        &mut self,
        node: &NamedNode,
        subject: &NamedNode,
        predicate: &NamedNode,
        object: &NamedNode,
        evidence: &Evidence,
        article: &NamedNode,
    ) {
        self.add(node, &rdf("type"), tp("Evidence"));
        self.add(node, &rdf("subject"), subject.clone());
        self.add(node, &rdf("predicate"), predicate.clone());
        self.add(node, &rdf("object"), object.clone());
        self.add(node, &tp("rule"), Literal::new_simple_literal(&evidence.rule));
        self.add(node, &tp("sentence"), zh(&evidence.sentence));
        self.add(node, &tp("charStart"), integer(evidence.start));
        self.add(node, &tp("charEnd"), integer(evidence.end));
        self.add(node, &prov("wasDerivedFrom"), article.clone());
    }
}

fn zh(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "zh")
}

fn integer(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd("integer"))
}

/// `2025`^^xsd:gYear, `2025-03`^^xsd:gYearMonth or `2025-03-17`^^xsd:date.
fn date_literal(date: &PartialDate) -> Literal {
    Literal::new_typed_literal(date.to_string(), xsd(date.xsd_type()))
}

fn iri(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

fn rdf(local: &str) -> NamedNode {
    iri(RDF, local)
}

fn rdfs(local: &str) -> NamedNode {
    iri(RDFS, local)
}

fn skos(local: &str) -> NamedNode {
    iri(SKOS, local)
}

fn dcterms(local: &str) -> NamedNode {
    iri(DCTERMS, local)
}

fn prov(local: &str) -> NamedNode {
    iri(PROV, local)
}

fn xsd(local: &str) -> NamedNode {
    iri(XSD, local)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::namespace::{TP, TPA, TPID};
    use std::collections::BTreeSet;
    use std::path::PathBuf;
    use tupu_ingest::{Article, Comparator, Decimal, Entity, EntityClass, Format, Relation};

    /// A small extraction built by hand, as the pipeline would give it.
    pub(crate) fn sample(id: &str) -> Extraction {
        let evidence = |rule: &str| Evidence {
            sentence: "宝德数坝公司位于张家口北方硅谷高科新城。".into(),
            start: 10,
            end: 30,
            rule: rule.into(),
        };
        let entity = |name: &str, class, aliases: &[&str]| Entity {
            name: name.into(),
            class,
            aliases: aliases.iter().map(|a| a.to_string()).collect::<BTreeSet<_>>(),
            adcode: None,
            qualified_name: None,
        };
        let mut city = entity("张家口市", EntityClass::City, &["张家口"]);
        city.adcode = Some("130700".into());
        Extraction {
            article: Article {
                id: id.into(),
                source: PathBuf::from("seeds/a b.txt"),
                content_hash: format!("{id}{}", "0".repeat(48)),
                format: Format::Text,
                title: Some("张家口大数据".into()),
                date: Some(PartialDate::day(2022, 2, 19)),
                categories: vec!["金融".into()],
                tags: vec!["大数据".into()],
                author: Some("新浪财经".into()),
                text: "宝德数坝公司位于张家口北方硅谷高科新城。".into(),
            },
            entities: vec![
                entity("宝德数坝", EntityClass::Company, &["宝德数坝公司"]),
                entity("创坝", EntityClass::Park, &[]),
                entity("谢崇杰", EntityClass::Person, &[]),
                city,
            ],
            facts: vec![
                Fact::Relation {
                    subject: "宝德数坝".into(),
                    relation: Relation::LocatedIn,
                    object: "创坝".into(),
                    evidence: evidence("located-in"),
                },
                Fact::Target {
                    subject: "张家口市".into(),
                    year: 2025,
                    indicator: "大数据及关联产业投资规模".into(),
                    quantity: Quantity {
                        value: Decimal::from_integer(200_000_000_000),
                        max: None,
                        unit: "元".into(),
                        text: "2000亿元".into(),
                        comparator: Some(Comparator::AtLeast),
                    },
                    evidence: evidence("target"),
                },
                Fact::Observation {
                    subject: "张家口市".into(),
                    date: Some(PartialDate::month(2025, 3)),
                    indicator: "投运服务器".into(),
                    quantity: Quantity {
                        value: Decimal::parse("172.24").unwrap().times_pow10(4),
                        max: None,
                        unit: "台".into(),
                        text: "172.24万台".into(),
                        comparator: None,
                    },
                    evidence: evidence("observation"),
                },
                Fact::Position {
                    person: "谢崇杰".into(),
                    title: "董事长".into(),
                    organization: "宝德数坝".into(),
                    evidence: evidence("position"),
                },
            ],
        }
    }

    fn nt(quads: &[Quad]) -> BTreeSet<String> {
        quads.iter().map(|q| format!("{} {} {}", q.subject, q.predicate, q.object)).collect()
    }

    fn has(set: &BTreeSet<String>, line: &str) {
        assert!(set.contains(line), "missing {line}\nin:\n{}", set.iter().cloned().collect::<Vec<_>>().join("\n"));
    }

    #[test]
    fn every_quad_is_in_the_article_graph() {
        let quads = article_quads(&sample("00112233aabbccdd"));
        let graph = format!("<{TPA}00112233aabbccdd>");
        assert!(quads.iter().all(|q| q.graph_name.to_string() == graph));
    }

    #[test]
    fn article_metadata_is_typed() {
        let set = nt(&article_quads(&sample("00112233aabbccdd")));
        let a = format!("<{TPA}00112233aabbccdd>");
        has(&set, &format!("{a} <{RDF}type> <{TP}Article>"));
        has(&set, &format!("{a} <{DCTERMS}title> \"张家口大数据\"@zh"));
        has(&set, &format!("{a} <{DCTERMS}date> \"2022-02-19\"^^<{XSD}date>"));
        has(&set, &format!("{a} <{DCTERMS}source> \"seeds/a b.txt\""));
        has(&set, &format!("{a} <{DCTERMS}subject> \"金融\"@zh"));
        has(&set, &format!("{a} <{TP}tag> \"大数据\"@zh"));
        has(&set, &format!("{a} <{DCTERMS}creator> \"新浪财经\""));
    }

    #[test]
    fn entities_get_class_labels_and_mentions() {
        let set = nt(&article_quads(&sample("00112233aabbccdd")));
        let e = format!("<{TPID}宝德数坝>");
        has(&set, &format!("{e} <{RDF}type> <{TP}Company>"));
        has(&set, &format!("{e} <{RDFS}label> \"宝德数坝\"@zh"));
        has(&set, &format!("{e} <{SKOS}altLabel> \"宝德数坝公司\"@zh"));
        has(&set, &format!("{e} <{TP}mentionedIn> <{TPA}00112233aabbccdd>"));
        has(&set, &format!("<{TPID}张家口市> <{TP}adcode> \"130700\""));
    }

    #[test]
    fn facts_use_the_core_vocabulary_with_typed_values() {
        let set = nt(&article_quads(&sample("00112233aabbccdd")));
        let a = format!("{TPA}00112233aabbccdd");
        has(&set, &format!("<{TPID}宝德数坝> <{TP}locatedIn> <{TPID}创坝>"));
        let t = format!("<{a}#t1>");
        has(&set, &format!("<{TPID}张家口市> <{TP}hasTarget> {t}"));
        has(&set, &format!("{t} <{TP}year> \"2025\"^^<{XSD}integer>"));
        has(&set, &format!("{t} <{TP}value> \"200000000000\"^^<{XSD}decimal>"));
        has(&set, &format!("{t} <{TP}unit> \"元\""));
        has(&set, &format!("{t} <{TP}valueText> \"2000亿元\""));
        has(&set, &format!("{t} <{TP}comparator> \">=\""));
        has(&set, &format!("{t} <{TP}indicator> \"大数据及关联产业投资规模\"@zh"));
        let o = format!("<{a}#o2>");
        has(&set, &format!("{o} <{TP}date> \"2025-03\"^^<{XSD}gYearMonth>"));
        has(&set, &format!("{o} <{TP}value> \"1722400\"^^<{XSD}decimal>"));
        assert!(!set.iter().any(|l| l.starts_with(&o) && l.contains("comparator")));
        let p = format!("<{a}#p3>");
        has(&set, &format!("<{TPID}谢崇杰> <{TP}holdsPosition> {p}"));
        has(&set, &format!("{p} <{TP}title> \"董事长\"@zh"));
        has(&set, &format!("{p} <{TP}organization> <{TPID}宝德数坝>"));
    }

    #[test]
    fn a_range_states_its_low_end_as_value_and_its_high_end_as_value_max() {
        let mut extraction = sample("00112233aabbccdd");
        let Fact::Observation { quantity, .. } = &mut extraction.facts[2] else { panic!("fact 2 is an observation") };
        *quantity = Quantity {
            value: Decimal::from_integer(100_000),
            max: Some(Decimal::from_integer(200_000)),
            unit: "人".into(),
            text: "10至20万人".into(),
            comparator: None,
        };
        let set = nt(&article_quads(&extraction));
        let o = format!("<{TPA}00112233aabbccdd#o2>");
        has(&set, &format!("{o} <{TP}value> \"100000\"^^<{XSD}decimal>"));
        has(&set, &format!("{o} <{TP}valueMax> \"200000\"^^<{XSD}decimal>"));
        has(&set, &format!("{o} <{TP}valueText> \"10至20万人\""));
        assert!(!set.iter().any(|l| l.starts_with(&o) && l.contains("comparator")));
        let t = format!("<{TPA}00112233aabbccdd#t1>");
        assert!(!set.iter().any(|l| l.starts_with(&t) && l.contains("valueMax")), "a single value has no valueMax");
    }

    #[test]
    fn every_fact_has_evidence() {
        let set = nt(&article_quads(&sample("00112233aabbccdd")));
        let a = format!("{TPA}00112233aabbccdd");
        let e0 = format!("<{a}#e0>");
        has(&set, &format!("{e0} <{RDF}type> <{TP}Evidence>"));
        has(&set, &format!("{e0} <{RDF}subject> <{TPID}宝德数坝>"));
        has(&set, &format!("{e0} <{RDF}predicate> <{TP}locatedIn>"));
        has(&set, &format!("{e0} <{RDF}object> <{TPID}创坝>"));
        has(&set, &format!("{e0} <{TP}rule> \"located-in\""));
        has(&set, &format!("{e0} <{TP}charStart> \"10\"^^<{XSD}integer>"));
        has(&set, &format!("{e0} <{TP}charEnd> \"30\"^^<{XSD}integer>"));
        has(&set, &format!("{e0} <{PROV}wasDerivedFrom> <{a}>"));
        has(&set, &format!("{e0} <{TP}sentence> \"宝德数坝公司位于张家口北方硅谷高科新城。\"@zh"));
        has(&set, &format!("<{a}#e1> <{RDF}object> <{a}#t1>"));
        has(&set, &format!("<{a}#t1> <{TP}evidence> <{a}#e1>"));
        has(&set, &format!("<{a}#p3> <{TP}evidence> <{a}#e3>"));
        let evidence_nodes = set.iter().filter(|l| l.ends_with(&format!("<{TP}Evidence>"))).count();
        assert_eq!(evidence_nodes, 4);
    }

    #[test]
    fn a_qualified_division_is_named_by_its_qualified_name_and_labelled_by_its_name() {
        let mut extraction = sample("aaaaaaaaaaaaaaaa");
        let mut county = extraction.entities[3].clone();
        county.name = "桥东区".into();
        county.aliases.clear();
        county.adcode = Some("130702".into());
        county.qualified_name = Some("张家口市桥东区".into());
        extraction.entities.push(county);
        if let Fact::Target { subject, .. } = &mut extraction.facts[1] {
            *subject = "桥东区".into();
        }
        let set = nt(&article_quads(&extraction));
        has(&set, &format!("<{TPID}张家口市桥东区> <{RDFS}label> \"桥东区\"@zh"));
        has(&set, &format!("<{TPID}张家口市桥东区> <{TP}hasTarget> <{TPA}aaaaaaaaaaaaaaaa#t1>"));
        assert!(!set.iter().any(|l| l.starts_with(&format!("<{TPID}桥东区>"))), "{set:#?}");
    }

    #[test]
    fn mapping_is_deterministic() {
        assert_eq!(article_quads(&sample("0a")), article_quads(&sample("0a")));
    }
}
