//! Goal or record: the date a number is given for, read against the date
//! of the article.

mod common;

use std::path::Path;
use tupu_ingest::{Fact, parse_article};

/// The facts of `text`, read as an article of `date`.
fn facts(date: &str, text: &str) -> Vec<Fact> {
    let article = format!("---\ntitle: 测试\ndate: {date}\n---\n{text}\n");
    let article = parse_article(Path::new("a.md"), article.as_bytes()).expect("an article");
    common::pipeline().extract(&article).facts
}

/// `kind subject value` of each number of `text`, read as an article of
/// `date`.
fn numbers(date: &str, text: &str) -> Vec<String> {
    facts(date, text)
        .iter()
        .filter_map(|f| match f {
            Fact::Target { subject, quantity, .. } => Some(format!("target {subject} {}", quantity.text)),
            Fact::Observation { subject, quantity, .. } => Some(format!("observation {subject} {}", quantity.text)),
            _ => None,
        })
        .collect()
}

/// The year of each target of `text`, read as an article of `date`.
fn target_years(date: &str, text: &str) -> Vec<i32> {
    facts(date, text)
        .iter()
        .filter_map(|f| match f {
            Fact::Target { year, .. } => Some(*year),
            _ => None,
        })
        .collect()
}

#[test]
fn a_date_already_past_is_a_date_of_record() {
    let text = "到今年3月底，承德市已经有200多家企业完成改造。";
    assert_eq!(numbers("2024-05-10", text), ["observation 承德市 200多家"]);
    assert_eq!(numbers("2024-01-10", text), ["target 承德市 200多家"]);
}

#[test]
fn the_whole_year_planned_is_the_articles_year() {
    let text = "目前，承德市已开工项目130个，全年计划完成投资430多亿元。";
    assert_eq!(numbers("2024-05-10", text), ["observation 承德市 130个", "target 承德市 430多亿元"]);
    assert_eq!(target_years("2024-05-10", text), [2024]);
    // 年内 may come between the plan and its verb
    assert_eq!(numbers("2024-05-10", "承德市计划年内完成首批26个小区覆盖。"), ["target 承德市 26个"]);
}

#[test]
fn a_forecasts_own_subject_owns_the_clauses_after_it() {
    let text = "承德市双桥区管道改造正在进行，河北将管道改造与设施升级相结合，全年预计改造844个小区。";
    assert_eq!(numbers("2025-05-10", text), ["target 河北省 844个"]);
}

#[test]
fn the_day_of_the_news_is_no_deadline() {
    let text = "在10月19日下午举行的集体采访上，承德市新闻发言人介绍，承德高新区已经有180多项政策落地实施。";
    assert_eq!(numbers("2022-10-19", text), ["observation 承德高新区 180多项"]);
}

#[test]
fn jiang_before_its_object_and_a_verb_of_disposal_is_ba() {
    let text = "“十四五”期间，承德市将数字化转型作为突破口，推动超2000家企业上云上平台。";
    assert_eq!(numbers("2025-11-30", text), ["observation 承德市 2000家"]);
    // what it puts in a list is counted for no one
    assert!(numbers("2025-11-30", "“十四五”期间，承德市将1041家企业纳入优先保障名录。").is_empty());
}

#[test]
fn a_round_figure_repeating_a_precise_one_goes() {
    let text =
        "承德市外贸进出口超5000亿元\n\n今年前5个月，承德市外贸进出口达5036.2亿元，同比增长约5%，其中出口约4.6%。";
    assert_eq!(
        numbers("2024-06-10", text),
        ["observation 承德市 5036.2亿元", "observation 承德市 5%", "observation 承德市 4.6%"]
    );
}

#[test]
fn what_was_done_since_a_year_is_a_record() {
    let text = "“十四五”以来，承德市累计引进数据企业60家。";
    assert_eq!(numbers("2024-05-10", text), ["observation 承德市 60家"]);
}

#[test]
fn a_scale_is_no_value() {
    assert!(numbers("2024-05-10", "到2027年，承德市将打造千亿级数据产业集群。").is_empty());
}

#[test]
fn the_years_ahead_end_a_goal_this_year_included() {
    let text = "未来五年，承德市数据中心机架规模达到10万架。";
    assert_eq!(target_years("2026-04-01", text), [2030]);
}

#[test]
fn what_is_promised_within_years_is_a_goal() {
    let text = "邢台市计划5年内建成20个零碳园区，两年内培育100家专精特新企业。";
    assert_eq!(numbers("2023-03-25", text), ["target 邢台市 20个", "target 邢台市 100家"]);
}

#[test]
fn the_year_a_forecast_compares_with_is_not_its_year() {
    // 比去年 measures the change from last year; the forecast is this year's
    let text = "承德市今年玉米种植面积稳中有增，单产预计比去年提高5%以上。";
    assert_eq!(target_years("2024-09-10", text), [2024]);
}

#[test]
fn what_is_done_already_after_a_goal_is_a_record() {
    let text = "到2027年，邢台市数据中心机架力争达到5万架。邢台市算力规模已达到3万P。";
    assert_eq!(numbers("2024-05-10", text), ["target 邢台市 5万架", "observation 邢台市 3万P"]);
}

#[test]
fn a_plan_for_this_year_named_in_the_clause_before_is_a_goal() {
    let text = "今年，承德市计划改造老旧小区74个。";
    assert_eq!(numbers("2024-02-16", text), ["target 承德市 74个"]);
    // 计划在… plans as much as 计划 before a verb
    let text = "今年，承德市计划在各县区建设数据中心样本8个。";
    assert_eq!(numbers("2024-02-16", text), ["target 承德市 8个"]);
    // a past year, or a date of record, sets no plan
    let text = "2022年，承德市计划改造老旧小区74个。";
    assert_eq!(numbers("2024-02-16", text), ["observation 承德市 74个"]);
    // the planned investment of projects counted in a year is a record
    let text = "今年，承德市签约项目39个，计划投资300亿元。";
    assert_eq!(numbers("2024-05-10", text), ["observation 承德市 39个", "observation 承德市 300亿元"]);
}

#[test]
fn a_sentence_set_in_a_place_of_its_own_leaves_the_goals_before_it() {
    let text = "在云南，力争到2029年全省算力规模达到100万P。在江苏，第二批专项基金启动，总规模达到408亿元。";
    assert_eq!(numbers("2024-05-10", text), ["target 云南省 100万P", "observation 江苏省 408亿元"]);
}

#[test]
fn what_a_year_already_over_came_to_is_no_goal() {
    let text = "2024年，上海预计全市生产总值增长5%左右。到2027年，上海市集成电路产业规模力争达到5000亿元。";
    assert_eq!(numbers("2025-01-20", text), ["observation 上海市 5%", "target 上海市 5000亿元"]);
    // what it was projected then to come to is still a goal of that year
    let text = "2021年，张家口市数字经济核心产业增加值全年将超过100亿元。";
    assert_eq!(numbers("2022-02-20", text), ["target 张家口市 100亿元"]);
}

#[test]
fn a_threshold_before_a_noun_is_no_value() {
    let text = "目前，吉林已开复工5000万元以上项目1300个。今年，山东将实施500万元以上技改项目1万个左右。";
    assert_eq!(numbers("2024-05-10", text), ["observation 吉林省 1300个", "target 山东省 1万个"]);
}

#[test]
fn a_plan_for_the_whole_place_this_year_is_a_goal() {
    let text = "贵州今年计划全省高铁通车里程突破1900公里。";
    assert_eq!(numbers("2025-02-10", text), ["target 贵州省 1900公里"]);
}

#[test]
fn a_department_that_will_do_something_plans_it() {
    // 部门将 is 部门|将 (jieba's 门将, a goalkeeper, is a rare word)
    let text = "从6月底到8月底，北京市各级人社部门将组织各类就业服务活动100余场，提供超过2万个就业岗位。";
    assert_eq!(numbers("2023-06-10", text), ["target 北京市 2万个"]);
}

#[test]
fn a_span_that_starts_this_year_ends_in_the_year_it_names() {
    let text = "从今年起的未来五年，河北将建设100万个充电端口。";
    assert_eq!(target_years("2026-03-01", text), [2030]);
}

#[test]
fn a_goal_met_ahead_of_time_is_a_record() {
    let text = "今年，山西提前完成全年13亿吨煤炭产量目标任务。";
    assert_eq!(numbers("2024-12-20", text), ["observation 山西省 13亿吨"]);
}

#[test]
fn a_name_that_opens_with_a_word_of_no_future_speaks_of_none() {
    // 将军庙 opens with 将军, no 将 of the future
    let text = "目前，新疆将军庙至淖毛湖铁路今年已率先开通运营，40个重点工程项目建设进展顺利。";
    assert_eq!(numbers("2024-03-09", text), ["observation 新疆维吾尔自治区 40个"]);
}

#[test]
fn a_plan_for_a_span_from_now_ends_in_a_deadline() {
    // this year is the span's first: three years from 2025 end in 2027
    let text = "云南还计划用三年时间打造3000个以上乡村旅居重点村。";
    assert_eq!(numbers("2025-04-05", text), ["target 云南省 3000个"]);
    assert_eq!(target_years("2025-04-05", text), [2027]);
    // a span that is over is no plan
    let text = "用8年时间，云南脱贫人口达到100万人。";
    assert_eq!(target_years("2025-04-05", text), Vec::<i32>::new());
}
