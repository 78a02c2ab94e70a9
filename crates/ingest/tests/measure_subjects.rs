//! Whose number is it: the place or organization a sentence is about, never
//! the body that published the figures.

mod common;

use tupu_ingest::Fact;

fn subjects_of_numbers(text: &str) -> Vec<String> {
    common::extract(&common::pipeline(), text)
        .facts
        .iter()
        .filter_map(|f| match f {
            Fact::Observation { subject, .. } | Fact::Target { subject, .. } => Some(subject.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_publisher_of_figures_is_not_their_subject() {
    for text in [
        "商务部最新数据显示，1至10月，全国网上零售额12.5万亿元。",
        "国家能源局发布数据显示，全国累计发电装机容量约29.2亿千瓦。",
        "国家统计局发布的数据显示，全国规模以上工业增加值同比增长4.6%。",
        "财政部数据显示，全国一般公共预算收入203703亿元。",
    ] {
        let subjects = subjects_of_numbers(text);
        assert!(
            !subjects.iter().any(|s| ["商务部", "国家能源局", "国家统计局", "财政部"].contains(&s.as_str())),
            "{text}: {subjects:?}"
        );
    }
}

#[test]
fn a_place_that_states_its_figures_is_their_subject() {
    let subjects = subjects_of_numbers("张家口市数据中心服务器规模已达到172万台，全市新增投资320亿元。");
    assert!(subjects.iter().any(|s| s == "张家口市"), "{subjects:?}");
}

#[test]
fn a_name_inside_another_word_is_no_subject() {
    // 国铁 (the short form of 国铁集团) inside 全国铁路, 海南 inside 上海南京路
    let subjects = subjects_of_numbers(
        "国铁集团介绍了春运安排。一季度，全国铁路发送旅客11.33亿人次。上海南京路步行街单日客流超22万人次。",
    );
    assert!(!subjects.iter().any(|s| s == "国铁集团" || s == "海南省"), "{subjects:?}");
}
