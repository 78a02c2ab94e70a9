fn main() {
    let seg = tupu_ingest::segment::Segmenter::plain();
    for s in std::env::args().skip(1) {
        let t = seg.tokens(&s);
        println!("{}", t.iter().map(|t| format!("{}/{}", t.text, t.pos)).collect::<Vec<_>>().join(" "));
    }
}
