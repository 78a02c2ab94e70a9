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
