//! A county-level name several divisions share (桥东区: 张家口市's and
//! 邢台市's) is grounded by the places the article names, and then named
//! with its city, so that two articles about two 桥东区 do not describe one
//! entity; without such context it keeps its bare name and no code.

mod common;

use tupu_ingest::{Entity, Pipeline};

fn qiaodong(pipeline: &Pipeline, text: &str) -> Entity {
    let extraction = common::extract(pipeline, text);
    extraction.entities.into_iter().find(|e| e.name == "桥东区").unwrap_or_else(|| panic!("no 桥东区 in {text}"))
}

#[test]
fn a_shared_division_name_is_qualified_by_the_city_the_article_names() {
    let pipeline = common::pipeline();
    let zhangjiakou = qiaodong(&pipeline, "河北省张家口市桥东区建设大数据产业园。\n");
    assert_eq!(zhangjiakou.adcode.as_deref(), Some("130702"));
    assert_eq!(zhangjiakou.iri_name(), "张家口市桥东区");
    let xingtai = qiaodong(&pipeline, "邢台市桥东区举办招商活动。\n");
    assert_eq!(xingtai.adcode.as_deref(), Some("130502"));
    assert_eq!(xingtai.iri_name(), "邢台市桥东区");
    // 河北 alone does not tell them apart: no code, no guess
    let unknown = qiaodong(&pipeline, "河北桥东区举办招商活动。\n");
    assert_eq!((unknown.adcode.as_deref(), unknown.iri_name()), (None, "桥东区"));
}
