use std::path::Path;
use tupu_ingest::*;
fn lit(s: &str) -> String { format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")) }
fn iri(n: &str) -> String { format!("<https://w3id.org/tupu/id/{}>", n.replace(' ', "%20").replace('<', "%3C").replace('>', "%3E").replace('"', "%22")) }
fn main() {
    let p = Pipeline::load(Path::new("ontology")).unwrap();
    let tp = "https://w3id.org/tupu/ontology#";
    let verbose = std::env::var("V").is_ok();
    for arg in std::env::args().skip(1) {
        let a = read_article(Path::new(&arg)).unwrap();
        let x = p.extract(&a);
        let g = format!("<https://w3id.org/tupu/article/{}>", a.id);
        for e in &x.entities {
            println!("{} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{tp}{}> {g} .", iri(&e.name), e.class);
            println!("{} <http://www.w3.org/2000/01/rdf-schema#label> {} {g} .", iri(&e.name), lit(&e.name));
            for al in &e.aliases { println!("{} <http://www.w3.org/2004/02/skos/core#altLabel> {} {g} .", iri(&e.name), lit(al)); }
        }
        for (n, f) in x.facts.iter().enumerate() {
            if verbose { eprintln!("{:?}", f); }
            match f {
                Fact::Relation { subject, relation, object, .. } => println!("{} <{tp}{relation}> {} {g} .", iri(subject), iri(object)),
                Fact::Target { subject, year, quantity, indicator, .. } => {
                    let node = format!("<urn:t{}{n}>", a.id);
                    println!("{} <{tp}hasTarget> {node} {g} .", iri(subject));
                    println!("{node} <{tp}year> \"{year}\" {g} .");
                    println!("{node} <{tp}value> \"{}\" {g} .", quantity.value);
                    println!("{node} <{tp}unit> {} {g} .", lit(&quantity.unit));
                    println!("{node} <{tp}indicator> {} {g} .", lit(indicator));
                }
                Fact::Observation { subject, quantity, indicator, .. } => {
                    let node = format!("<urn:o{}{n}>", a.id);
                    println!("{} <{tp}hasObservation> {node} {g} .", iri(subject));
                    println!("{node} <{tp}value> \"{}\" {g} .", quantity.value);
                    println!("{node} <{tp}unit> {} {g} .", lit(&quantity.unit));
                    println!("{node} <{tp}indicator> {} {g} .", lit(indicator));
                }
                Fact::Position { person, title, organization, .. } => {
                    let node = format!("<urn:p{}{n}>", a.id);
                    println!("{} <{tp}holdsPosition> {node} {g} .", iri(person));
                    println!("{node} <{tp}title> {} {g} .", lit(title));
                    println!("{node} <{tp}organization> {} {g} .", iri(organization));
                }
            }
        }
    }
}
