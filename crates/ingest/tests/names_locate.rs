//! A province written before the name of a park or data center says where
//! it lies: the name is the park's without the province, and the province
//! locates the place the rest starts with (安徽|芜湖数据中心集群 → 芜湖市
//! in 安徽省), or the park itself when no place follows (四川|天府新区).

mod common;

use tupu_ingest::{Fact, Relation};

fn located_in(text: &str) -> Vec<(String, String, String)> {
    let mut found: Vec<(String, String, String)> = common::extract(&common::pipeline(), text)
        .facts
        .into_iter()
        .filter_map(|fact| match fact {
            Fact::Relation { subject, relation: Relation::LocatedIn, object, evidence } => {
                Some((subject, object, evidence.rule))
            }
            _ => None,
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_province_before_a_name_locates_what_follows_it() {
    let facts = located_in("广东汕头数据中心集群开工，四川天府新区同步建设。\n");
    let rule = "locatedIn/province-before-name".to_string();
    assert!(facts.contains(&("汕头市".into(), "广东省".into(), rule.clone())), "{facts:?}");
    assert!(facts.contains(&("天府新区".into(), "四川省".into(), rule.clone())), "{facts:?}");
    // the cluster lies in its city, not said again of the province
    assert!(facts.iter().any(|(s, o, _)| s == "汕头数据中心集群" && o == "汕头市"), "{facts:?}");
    assert!(!facts.iter().any(|(s, o, _)| s == "汕头数据中心集群" && o == "广东省"), "{facts:?}");
}

#[test]
fn a_province_that_does_not_hold_the_place_locates_nothing() {
    let facts = located_in("河北汕头数据中心集群开工。\n");
    assert!(!facts.iter().any(|(s, o, _)| s == "汕头市" && o == "河北省"), "{facts:?}");
}

#[test]
fn a_division_named_inside_a_name_locates_it() {
    let located = |text: &str| -> Vec<(String, String)> {
        located_in(text).into_iter().filter(|(_, _, rule)| rule == "name/prefix").map(|(s, o, _)| (s, o)).collect()
    };
    // in brackets after the country, or after the company that runs it
    // (a division the article names: the registry's, not the lexicon's)
    let facts = located("河北省、保定市共建中国（河北）自由贸易试验区和星辰科技保定数据中心。\n");
    assert!(facts.contains(&("中国（河北）自由贸易试验区".into(), "河北省".into())), "{facts:?}");
    assert!(!facts.iter().any(|(s, o)| s == "中国（河北）自由贸易试验区" && o == "中国"), "{facts:?}");
    assert!(facts.contains(&("星辰科技保定数据中心".into(), "保定市".into())), "{facts:?}");
    // a name that opens with the country says nothing of where it lies
    // when the article names no place inside it
    let facts = located("第五届中国（德阳）科技城博览会开幕，东盟中国自贸区升级谈判启动。\n");
    assert!(!facts.iter().any(|(_, o)| o == "中国"), "{facts:?}");
    // not a division that only looks like one inside a word, nor one
    // outside the division the name starts with
    let facts = located("雄安新区和天津滨海高新区同日揭牌。\n");
    assert!(!facts.iter().any(|(_, o)| o == "安新县" || o == "滨海县"), "{facts:?}");
}

#[test]
fn a_brand_opening_a_park_name_does_not_locate_it() {
    let facts = located_in("雄安新区中关村科技园聚集了11家企业，中关村延庆园无人机企业达到50家。\n");
    assert!(!facts.iter().any(|(_, o, _)| o == "中关村"), "{facts:?}");
    assert!(facts.iter().any(|(s, o, _)| s == "雄安新区中关村科技园" && o == "雄安新区"), "{facts:?}");
}
