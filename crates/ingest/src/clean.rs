//! Text as pages really come: Markdown markup, navigation lines around the
//! article, OCR spaces inside Chinese words and lines broken mid-sentence.
//! What comes out is one paragraph a line.

/// The first Markdown heading's text, for articles without a front-matter title.
pub fn first_heading(markdown: &str) -> Option<String> {
    markdown
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix('#').map(|h| h.trim_start_matches('#').trim().to_string()))
        .filter(|h| !h.is_empty())
}

/// Markdown (or plain text) to paragraphs: markup removed, and lines that a
/// page or OCR broke in the middle of a sentence joined again.
pub fn markdown_to_text(markdown: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false; // whether the last paragraph may continue
    for raw in markdown.lines() {
        let line = raw.trim_matches(|c: char| c.is_whitespace());
        if line.is_empty() {
            continue;
        }
        if is_rule_line(line) || is_navigation(line) {
            open = false;
            continue;
        }
        let is_heading = line.starts_with('#');
        let text = strip_inline_markup(line.trim_start_matches('#').trim_start());
        let text = strip_list_marker(&text);
        if text.is_empty() {
            continue;
        }
        let continues = open && !is_heading && !is_list_item(line) && starts_mid_sentence(text);
        match paragraphs.last_mut() {
            Some(last) if continues => last.push_str(text),
            _ => paragraphs.push(text.to_string()),
        }
        open = !is_heading && !is_list_item(line) && !ends_sentence(paragraphs.last().map_or("", String::as_str));
    }
    paragraphs.join("\n")
}

/// Cleans text whatever its source: drops navigation and source lines,
/// removes spaces inside Chinese, unifies punctuation used between Chinese
/// characters, trims each line and drops empty ones.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
        if line.is_empty() || is_navigation(line) {
            continue;
        }
        let line = fold_spaces(line);
        if line.is_empty() {
            continue;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.pop();
    out
}

/// Lines a reader skips: navigation lists (`- · 《…》刊物宗[05/29]`), "back
/// to" links, source and editor credits, page addresses.
fn is_navigation(line: &str) -> bool {
    const MARKERS: &[&str] = &[
        "返回首页",
        "文章来源",
        "责任编辑",
        "网址:",
        "网址：",
        "关键词:",
        "关键词：",
        "摘要:",
        "摘要：",
        "原文链接",
        "分享到",
        "扫一扫",
        "版权所有",
        "点击进入",
        "海量资讯",
    ];
    let nav_date = line.len() > 7 && {
        let tail: Vec<char> = line.chars().rev().take(7).collect();
        tail[0] == ']' && tail[6] == '[' && tail[3] == '/'
    };
    nav_date
        || MARKERS.iter().any(|m| line.contains(m))
        || line.starts_with("http://")
        || line.starts_with("https://")
        || (line.starts_with('<') && line.ends_with('>'))
}

/// Removes white space between two CJK characters (OCR splits words:
/// `张家口 也铆足了劲儿`) and writes ASCII `,` `:` `;` `(` `)` between CJK
/// text in their full-width forms (brackets are left alone: names keep theirs), so later stages see one punctuation.
fn fold_spaces(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = out.chars().next_back();
        let next = chars[i + 1..].iter().copied().find(|c| !is_space(*c));
        if is_space(c) {
            let between_cjk = prev.is_some_and(is_cjk_or_punct) && next.is_some_and(is_cjk_or_punct);
            if !between_cjk && !out.ends_with(' ') && prev.is_some() {
                out.push(' ');
            }
            continue;
        }
        let cjk_side = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        let c = match c {
            ',' if cjk_side
                && !(prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())) =>
            {
                '，'
            }
            ':' if cjk_side => '：',
            ';' if cjk_side => '；',
            '!' if prev.is_some_and(is_cjk) => '！',
            '?' if prev.is_some_and(is_cjk) => '？',
            c => c,
        };
        out.push(c);
    }
    out.trim_end().to_string()
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}'
}

/// CJK ideographs.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

fn is_cjk_or_punct(c: char) -> bool {
    is_cjk(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '！', '？', '!', '?', '…', '”', '’', '"', '」', '』', '）', ')', '：', ':', '；', ';'])
}

/// A line that starts with a Chinese character or closing punctuation
/// continues the sentence before it.
fn starts_mid_sentence(text: &str) -> bool {
    text.chars().next().is_some_and(|c| is_cjk(c) || matches!(c, '，' | ',' | '。' | '、' | '）' | ')' | '”'))
}

fn is_rule_line(line: &str) -> bool {
    line.len() >= 3 && line.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
}

fn is_list_item(line: &str) -> bool {
    line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")
}

fn strip_list_marker(text: &str) -> &str {
    for marker in ["- ", "* ", "+ ", "> "] {
        if let Some(rest) = text.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    text
}

/// `**强调**` → `强调`, `[文字](链接)` → `文字`, `![图](a.png)` → nothing,
/// `<http://…>` → nothing.
fn strip_inline_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("![") {
            if let Some(end) = link_end(&rest[1..]) {
                rest = &rest[1 + end..];
                continue;
            }
        }
        if c == '[' {
            if let Some(end) = link_end(rest) {
                let close = rest.find(']').unwrap_or(0);
                out.push_str(&rest[1..close]);
                rest = &rest[end..];
                continue;
            }
        }
        if c == '<' && (rest.starts_with("<http") || rest.starts_with("<www")) {
            if let Some(end) = rest.find('>') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
            continue;
        }
        if c == '`' {
            rest = &rest[1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// For `[text](url)` at the start of `s`, the byte offset after `)`.
fn link_end(s: &str) -> Option<usize> {
    let close = s.find("](")?;
    if s[1..close].contains('[') {
        return None;
    }
    let paren = s[close..].find(')')?;
    Some(close + paren + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_spaces_inside_chinese_are_removed() {
        assert_eq!(
            clean_text("在培育本地科技企业方面,张家口 也铆足了劲儿。"),
            "在培育本地科技企业方面，张家口也铆足了劲儿。"
        );
        assert_eq!(clean_text("数据中心核心产品 400G 超高速光收发"), "数据中心核心产品 400G 超高速光收发");
        assert_eq!(clean_text("共计1,234台"), "共计1,234台");
    }

    #[test]
    fn navigation_lines_are_dropped() {
        let page = "- · 《河北科技图苑》刊物宗[05/29]\n中关村“三大产业”牵手承德\n文章来源:《河北科技图苑》 网址: http://x\n正文。";
        assert_eq!(clean_text(&markdown_to_text(page)), "中关村“三大产业”牵手承德\n正文。");
    }

    #[test]
    fn broken_lines_are_joined_but_headings_stay() {
        let md = "# 标题\n\n赵文锋表示,张家口正奋力\n\n突破人才瓶颈的困局。\n\n#### 小标题 一\n\n新段落。";
        assert_eq!(markdown_to_text(md), "标题\n赵文锋表示,张家口正奋力突破人才瓶颈的困局。\n小标题 一\n新段落。");
    }

    #[test]
    fn markdown_links_and_emphasis() {
        assert_eq!(markdown_to_text("**摸得着的经济**"), "摸得着的经济");
        assert_eq!(markdown_to_text("见[规划](http://a/b)全文![图](c.png)。"), "见规划全文。");
        assert!(clean_text(&markdown_to_text("[返回新京报新闻](//a.html)｜[返回首页](//b/)")).is_empty());
    }

    #[test]
    fn first_heading_is_the_title() {
        assert_eq!(first_heading("\n# 协同发展看京津冀\n正文").as_deref(), Some("协同发展看京津冀"));
    }
}
