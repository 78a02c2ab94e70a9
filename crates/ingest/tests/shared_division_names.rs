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

#[test]
fn a_citys_short_form_names_the_county_of_the_municipality_the_article_names() {
    let pipeline = common::pipeline();
    let names = |text: &str| -> Vec<String> {
        common::extract(&pipeline, text)
            .entities
            .into_iter()
            .map(|e| e.name)
            .filter(|n| n.starts_with("朝阳"))
            .collect()
    };
    // 朝阳 is 辽宁's 朝阳市 unless the article is on 北京 and not 辽宁
    assert_eq!(names("北京将在海淀、朝阳建设创新园区。\n"), ["朝阳区"]);
    assert_eq!(names("辽宁朝阳经济增长。\n"), ["朝阳市"]);
    assert_eq!(names("朝阳经济增长。\n"), ["朝阳市"]);
}

#[test]
fn a_park_named_after_its_province_keeps_its_name_as_written() {
    let extraction = common::extract(&common::pipeline(), "辽宁北斗产业园开工。\n");
    let park = extraction.entities.iter().find(|e| e.name == "北斗产业园").expect("北斗产业园");
    assert!(park.aliases.contains("辽宁北斗产业园"), "{park:?}");
}
