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
        // the day it spoke comes between the body and its report
        "国家能源局今天（3月9日）发布的数据显示，全国风电装机容量同比增长18%。",
        // what a body watches is the field's
        "商务部重点监测零售企业家电销售额同比增长12%。",
        // what its spokesman tells is the country's
        "财政部相关负责人介绍，全国一般公共预算支出同比增长3%。",
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

#[test]
fn the_division_named_second_is_the_subject() {
    // a province before a city it holds only says where the city lies
    let subjects = subjects_of_numbers("河北承德市已建成数据中心15个。");
    assert_eq!(subjects, ["承德市"]);
    // 全区 after a region's name names no other division
    let subjects = subjects_of_numbers("张家口市怀来县新增企业30家。内蒙古全区累计种草3000万亩。");
    assert_eq!(subjects, ["怀来县", "内蒙古自治区"]);
}

#[test]
fn whole_city_means_the_city_just_named() {
    // 全市 is the city named before it in the sentence, not the city the
    // article names most
    let subjects = subjects_of_numbers(
        "张家口市和张家口市的企业在承德市签约。截至目前，承德市的企业入驻园区，全市已有数据中心12个。",
    );
    assert_eq!(subjects, ["承德市"]);
    let subjects = subjects_of_numbers("张家口市和张家口市的企业签约。截至目前，全市已有数据中心12个。");
    assert_eq!(subjects, ["张家口市"]);
}

#[test]
fn whole_province_in_a_digest_means_the_province_of_its_paragraph() {
    // an article mostly on 四川 with a paragraph on 陕西: 全省 there is 陕西
    let text =
        "四川省粮食生产形势良好，四川省产量达到700亿斤。\n陕西夏粮收获进展顺利。截至目前，全省已收获小麦1500万亩。";
    assert_eq!(subjects_of_numbers(text), ["四川省", "陕西省"]);
    // where the paragraph names the article's province too, it stays
    let text = "四川省粮食生产形势良好，四川省产量达到700亿斤。\n陕西和四川合作。截至目前，全省已收获小麦1500万亩。";
    assert_eq!(subjects_of_numbers(text), ["四川省", "四川省"]);
    // a paragraph that names only cities of the other province the article
    // names: 全省 is that province
    let text = "四川省粮食生产形势良好，四川省产量达到700亿斤，四川与陕西签约。\n汉中、安康等地夏粮收获进展顺利。截至目前，全省已收获小麦1500万亩。";
    assert_eq!(subjects_of_numbers(text), ["四川省", "陕西省"]);
}

#[test]
fn a_partner_named_after_coordination_is_no_subject() {
    let subjects = subjects_of_numbers("到2027年，天津市将建成数据中心20个，协同河北省建设3个产业集群。");
    assert_eq!(subjects, ["天津市", "天津市"]);
}

#[test]
fn a_sentence_set_in_another_place_does_not_inherit_a_plans_subject() {
    let subjects =
        subjects_of_numbers("到2027年，承德市数据中心将达到20个。在山西，数据交易所成立以来交易额已超过12亿元。");
    // 在山西， says where: the numbers after it are 山西's
    assert_eq!(subjects, ["承德市", "山西省"]);
    // nor is a sentence about the whole country
    let subjects = subjects_of_numbers("到2027年，承德市数据中心将达到20个。目前，全国已有30个省市开展试点。");
    assert_eq!(subjects, ["承德市"]);
}

#[test]
fn a_thing_said_to_be_the_countrys_keeps_its_numbers() {
    // the line and the reactor are within the country; their figures are not
    // the country's
    for text in [
        "京雄高铁是我国“八纵八横”高铁网的重要组成部分，全长约92公里。",
        "这座反应堆是我国自主研发的第三代机组，年发电量可达90亿千瓦时。",
        "作为我国最大的煤炭外运通道，这条铁路年运输煤炭3亿吨。",
    ] {
        let subjects = subjects_of_numbers(text);
        assert!(!subjects.iter().any(|s| s == "中国"), "{text}: {subjects:?}");
    }
    // a year said to be the country's is about the country
    let subjects = subjects_of_numbers("2021年是中国加入世贸组织第20年，进出口总额增长8%。");
    assert_eq!(subjects, ["中国"]);
    // a country after 是 that ends its clause is the subject
    let subjects = subjects_of_numbers("出口增长最快的是越南，同比增长12%。");
    assert_eq!(subjects, ["越南"]);
}

#[test]
fn a_ministry_is_no_subject_of_what_it_reports_or_runs() {
    for text in [
        "人力资源社会保障部今年组织线上招聘，提供岗位86万个。",
        "国家林草局最新发布，全国完成造林5745万亩。",
        "国务院新闻办公室今天举行新闻发布会，全国新办涉税经营主体343.4万户。",
        // nor is an institute that hosts the meeting or publishes the data
        "中国信息通信研究院今天举行发布会，全国5G基站达到300万个。",
        "中国信息通信研究院最新发布，5G基站达到300万个。",
    ] {
        let subjects = subjects_of_numbers(text);
        assert!(subjects.is_empty(), "{text}: {subjects:?}");
    }
    // a place's government acts for the place
    let subjects = subjects_of_numbers("张家口市政府今年投入资金10亿元。");
    assert_eq!(subjects, ["张家口市政府"]);
}

#[test]
fn a_place_that_opens_an_organization_name_is_not_its_subject() {
    // 我国 earlier in the article: 中国 is in the sentence's lexicon, and
    // jieba then cuts 中国邮政 in two
    let text = "工业和信息化部数据显示，今年上半年，我国软件业务收入同比增长11.5%。\n\n\
                记者从中国邮政集团有限公司获悉，中国邮政已建成1188个县级共配中心。";
    assert_eq!(subjects_of_numbers(text), ["中国"]);
}

#[test]
fn a_province_and_city_jieba_joins_name_the_city() {
    // jieba's dictionary holds 辽宁大连 and 广西南宁 as one place word
    let text = "河北已建成体育公园50个；辽宁大连已建成口袋公园3200个。广西南宁，300多个遗留矿坑变成了矿坑花园。";
    assert_eq!(subjects_of_numbers(text), ["河北省", "大连市", "南宁市"]);
    let located: Vec<(String, String)> = common::extract(&common::pipeline(), text)
        .facts
        .into_iter()
        .filter_map(|f| match f {
            Fact::Relation { subject, object, .. } => Some((subject, object)),
            _ => None,
        })
        .collect();
    assert!(located.contains(&("大连市".into(), "辽宁省".into())), "{located:?}");
}

#[test]
fn the_whole_region_of_an_autonomous_region_is_that_region() {
    let text = "在宁夏灵武，复合光伏基地正在建设。\n\n广西抓紧推进海洋生态修复。到2025年，全区计划营造红树林1000公顷。";
    assert_eq!(subjects_of_numbers(text), ["广西壮族自治区"]);
}

#[test]
fn the_whole_city_after_a_county_level_city_is_that_city() {
    let text = "北京市加快建设，北京市发布政策。\n\n在福建福安，智慧农业平台辐射带动全市800多个农场走向数字化。";
    assert_eq!(subjects_of_numbers(text), ["福安市"]);
}

#[test]
fn a_count_that_says_whose_the_next_figure_is_is_no_value() {
    let extraction = common::extract(
        &common::pipeline(),
        "端午假期，邢台市12个重点商圈客流量接近210万人次，300家企业实现营收50亿元。",
    );
    let values: Vec<String> = extraction
        .facts
        .iter()
        .filter_map(|f| match f {
            Fact::Observation { quantity, .. } => Some(quantity.text.clone()),
            _ => None,
        })
        .collect();
    // 12个 only says whose footfall 210万人次 is; 300家 counts the firms
    assert_eq!(values, ["210万人次", "300家", "50亿元"]);
}
