//! What a fact node says in a diagram — year, indicator and the value with
//! its unit as the article wrote it (2000亿元) — and how long labels are
//! broken into lines, so that nodes stay compact.

use crate::entity_graph::{EntityNode, NodeClass};

/// The label of a target, observation or position from its attributes,
/// in Chinese (`zh`) or English; `None` for other nodes.
pub fn fact_label(node: &EntityNode, language: &str) -> Option<String> {
    let zh = language == "zh";
    let indicator = node.attribute("tp:indicator").unwrap_or("");
    let value = || value_text(node, zh);
    let lines: Vec<String> = match node.class? {
        NodeClass::Target => {
            let year = node.attribute("tp:year").unwrap_or("?");
            let head = if zh { format!("{year}年目标") } else { format!("target {year}") };
            vec![head, indicator.to_owned(), value()]
        }
        NodeClass::Observation => {
            let head = node.attribute("tp:date").map(|d| if zh { date_zh(d) } else { d.to_owned() });
            head.into_iter().chain([indicator.to_owned(), value()]).collect()
        }
        NodeClass::Position => vec![node.attribute("tp:title").unwrap_or("").to_owned()],
        _ => return None,
    };
    Some(lines.into_iter().filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"))
}

/// A fact's value as the article wrote it, with its unit and comparator:
/// `≥2000亿元`, a range `3~5个`.
pub(crate) fn value_text(node: &EntityNode, zh: bool) -> String {
    let text = node.attribute("tp:valueText").map(str::to_owned).unwrap_or_else(|| {
        let high = node.attribute("tp:valueMax").map(|max| format!("~{max}")).unwrap_or_default();
        format!("{}{high}{}", node.attribute("tp:value").unwrap_or(""), node.attribute("tp:unit").unwrap_or(""))
    });
    let comparator = match node.attribute("tp:comparator") {
        Some(">=") => "≥",
        Some("<=") => "≤",
        Some("~") if zh => "约",
        Some("~") => "~",
        _ => "",
    };
    format!("{comparator}{text}")
}

/// `2025` → 2025年, `2025-03` → 2025年3月, `2022-02-19` → 2022年2月19日.
pub(crate) fn date_zh(date: &str) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str| s.trim_start_matches('0').to_owned();
    match parts.as_slice() {
        [y] => format!("{y}年"),
        [y, m] => format!("{y}年{}月", number(m)),
        [y, m, d] => format!("{y}年{}月{}日", number(m), number(d)),
        _ => date.to_owned(),
    }
}

/// Breaks each line longer than `width` characters into lines of about
/// equal length, preferring to break before an opening bracket or after
/// a closing one or a 、 so that 宝德数坝数字产业（河北）有限公司 keeps
/// （河北） together.
pub fn wrap(text: &str, width: usize) -> String {
    text.lines().map(|line| wrap_line(line, width)).collect::<Vec<_>>().join("\n")
}

fn wrap_line(line: &str, width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    if width == 0 || chars.len() <= width + width / 4 {
        return line.to_owned();
    }
    let pieces = chars.len().div_ceil(width);
    let target = chars.len().div_ceil(pieces);
    let mut out = String::new();
    let mut start = 0;
    while chars.len() - start > target + target / 4 {
        let ideal = start + target;
        // A good break within two characters of the ideal one.
        let good = |i: usize| {
            i > start + 1
                && i < chars.len()
                && (matches!(chars[i], '（' | '(' | '《' | '“' | '「')
                    || matches!(chars[i - 1], '）' | ')' | '》' | '”' | '」' | '、' | '，' | '·'))
        };
        let at = [0isize, -1, 1, -2, 2]
            .iter()
            .map(|d| ideal.saturating_add_signed(*d))
            .find(|&i| good(i))
            .unwrap_or_else(|| keep_together(&chars, start, ideal, target));
        if chars.len() - at <= 2 {
            // A tail of a character or two stays on the line.
            break;
        }
        out.extend(&chars[start..at]);
        out.push('\n');
        start = at;
    }
    out.extend(&chars[start..]);
    out
}

/// `ideal`, moved out of a bracketed part if it falls inside one: before
/// its opening bracket, or after its closing one if that is near.
fn keep_together(chars: &[char], start: usize, ideal: usize, target: usize) -> usize {
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in chars.iter().enumerate().take(ideal).skip(start) {
        match c {
            '（' | '(' | '《' | '“' | '「' => open.push(i),
            '）' | ')' | '》' | '”' | '」' => {
                open.pop();
            }
            _ => {}
        }
    }
    let Some(&innermost) = open.last() else { return ideal };
    if innermost > start {
        return innermost;
    }
    let close = chars[ideal..].iter().position(|c| matches!(c, '）' | ')' | '》' | '”' | '」'));
    match close {
        Some(offset) if offset < target / 2 => ideal + offset + 1,
        _ => ideal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn fact(class: NodeClass, attributes: &[(&str, &str)]) -> EntityNode {
        let mut node = EntityNode::new("x", "", Some(class));
        for (k, v) in attributes {
            node.attributes.insert((*k).into(), BTreeSet::from([(*v).into()]));
        }
        node
    }

    #[test]
    fn targets_show_year_indicator_and_value_with_unit() {
        let target = fact(
            NodeClass::Target,
            &[
                ("tp:year", "2025"),
                ("tp:indicator", "大数据及关联产业投资规模"),
                ("tp:valueText", "2000亿元"),
                ("tp:value", "200000000000"),
                ("tp:comparator", ">="),
            ],
        );
        assert_eq!(fact_label(&target, "zh").unwrap(), "2025年目标\n大数据及关联产业投资规模\n≥2000亿元");
        assert_eq!(fact_label(&target, "en").unwrap(), "target 2025\n大数据及关联产业投资规模\n≥2000亿元");
        let observation = fact(
            NodeClass::Observation,
            &[("tp:date", "2025-03"), ("tp:indicator", "投运服务器"), ("tp:valueText", "172.24万台")],
        );
        assert_eq!(fact_label(&observation, "zh").unwrap(), "2025年3月\n投运服务器\n172.24万台");
        assert_eq!(fact_label(&EntityNode::new("x", "甲", None), "zh"), None);
    }

    #[test]
    fn ranges_show_as_written() {
        let written = [("tp:indicator", "数据中心"), ("tp:value", "100000"), ("tp:valueMax", "200000")];
        let mut attributes = written.to_vec();
        attributes.push(("tp:valueText", "10至20万个"));
        assert_eq!(fact_label(&fact(NodeClass::Observation, &attributes), "zh").unwrap(), "数据中心\n10至20万个");
        let mut bare = written.to_vec();
        bare.push(("tp:unit", "个"));
        assert_eq!(fact_label(&fact(NodeClass::Observation, &bare), "zh").unwrap(), "数据中心\n100000~200000个");
    }

    #[test]
    fn long_labels_wrap_outside_brackets() {
        assert_eq!(wrap("张家口市", 10), "张家口市");
        assert_eq!(wrap("宝德数坝数字产业（河北）有限公司", 10), "宝德数坝数字产业\n（河北）有限公司");
        let wrapped = wrap("阿里巴巴张北云计算庙滩数据中心二期工程项目", 10);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 12), "{wrapped}");
        assert_eq!(wrapped.replace('\n', ""), "阿里巴巴张北云计算庙滩数据中心二期工程项目");
        assert_eq!(date_zh("2022-02-19"), "2022年2月19日");
        let plan = wrap("《张家口市数字经济发展规划（2020—2025年）》", 10);
        assert!(plan.lines().any(|l| l.starts_with("（2020—2025年）")), "{plan}");
        assert!(plan.lines().all(|l| l.chars().count() > 2), "no stub lines: {plan}");
    }
}
