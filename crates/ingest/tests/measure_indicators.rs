//! What each value measures (`tp:indicator`), as views and queries show it.

mod common;

use tupu_ingest::Fact;

/// `value indicator` of each observation of `text`.
fn indicators(text: &str) -> Vec<String> {
    common::extract(&common::pipeline(), text)
        .facts
        .iter()
        .filter_map(|f| match f {
            Fact::Observation { quantity, indicator, .. } => Some(format!("{} {indicator}", quantity.text)),
            _ => None,
        })
        .collect()
}

#[test]
fn each_count_of_a_list_counts_the_noun_after_it() {
    assert_eq!(
        indicators("截至目前，邢台市累计建成12个县级中心、28个村级服务站和19个村邮站。"),
        ["12个 县级中心", "28个 村级服务站", "19个 村邮站"]
    );
}

#[test]
fn values_listed_after_the_first_measure_what_it_does() {
    assert_eq!(
        indicators("今年以来，邢台市进出口和出口同比分别增长12.5%和12.8%。"),
        ["12.5% 进出口和出口同比分别增长", "12.8% 进出口和出口同比分别增长"]
    );
}

#[test]
fn a_count_a_part_is_taken_from_is_no_value() {
    let found = indicators("前两个月，河北41个工业大类行业中35个行业增加值实现增长，增长面达85.4%。");
    assert!(!found.iter().any(|f| f.starts_with("41个")), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("85.4%")), "{found:?}");
}
