use std::path::Path;
use tupu_ingest::*;
fn main() {
    let p = Pipeline::load(Path::new("ontology")).unwrap();
    for s in std::env::args().skip(1) {
        let t = p.segmenter().tokens(&s);
        println!("{}", t.iter().map(|t| format!("{}/{}", t.text, t.pos)).collect::<Vec<_>>().join(" "));
    }
}
