//! YAML front matter (Hexo and Jekyll style) at the top of an article.

use crate::date::PartialDate;
use crate::error::{IngestError, Result};
use serde_yaml_ng::Value;
use std::path::Path;

/// The metadata tupu keeps from front matter.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// `title`
    pub title: Option<String>,
    /// `date`, RFC 2822 or ISO
    pub date: Option<PartialDate>,
    /// `categories`, one or a list
    pub categories: Vec<String>,
    /// `tags`, one or a list
    pub tags: Vec<String>,
    /// `author`
    pub author: Option<String>,
}

/// Splits `raw` into its metadata and body. Returns the body and the
/// 1-based line the body starts on. Text without front matter is all body.
pub fn split<'a>(path: &Path, raw: &'a str) -> Result<(Metadata, &'a str, usize)> {
    let leading = raw.len() - raw.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let rest = &raw[leading..];
    let Some(after_open) = rest.strip_prefix("---").filter(|r| r.starts_with(['\n', '\r'])) else {
        return Ok((Metadata::default(), raw, 1));
    };
    let open_line = raw[..leading].matches('\n').count() + 1;
    let newline = if after_open.starts_with("\r\n") { 2 } else { 1 };
    let yaml_start = leading + 3 + newline;
    let close = find_closing_fence(&raw[yaml_start..]).ok_or_else(|| IngestError::FrontMatter {
        path: path.to_owned(),
        line: open_line,
        message: "front matter opened with `---` is never closed".into(),
    })?;
    let yaml = &raw[yaml_start..yaml_start + close.0];
    let body = &raw[yaml_start + close.1..];
    let yaml_first_line = raw[..yaml_start].matches('\n').count() + 1;
    let body_line = raw[..yaml_start + close.1].matches('\n').count() + 1;
    let value: Value = serde_yaml_ng::from_str(yaml).map_err(|e| IngestError::FrontMatter {
        path: path.to_owned(),
        line: yaml_first_line + e.location().map_or(0, |l| l.line().saturating_sub(1)),
        message: e.to_string(),
    })?;
    Ok((metadata(&value), body, body_line))
}

/// Finds a line that is exactly `---` (or `...`); returns the byte offsets
/// where it starts and where the line after it starts.
fn find_closing_fence(text: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare.trim_end() == "---" || bare.trim_end() == "..." {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn metadata(value: &Value) -> Metadata {
    let get = |key: &str| value.get(key).filter(|v| !v.is_null());
    Metadata {
        title: get("title").and_then(scalar).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        date: get("date").and_then(scalar).and_then(|d| PartialDate::parse_metadata(&d)),
        categories: get("categories").map(list).unwrap_or_default(),
        tags: get("tags").map(list).unwrap_or_default(),
        author: get("author").and_then(scalar),
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Sequence(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexo_front_matter_with_rfc2822_date() {
        let raw = "\n---\ntitle: '拥抱_数字经济_'\ncategories: \n - 金融\n - 新浪财经\nauthor: 新浪财经\ndate: Sat, 19 Feb 2022 12:07:14 GMT\n---\n<p>正文</p>";
        let (meta, body, line) = split(Path::new("a.txt"), raw).unwrap();
        assert_eq!(meta.title.as_deref(), Some("拥抱_数字经济_"));
        assert_eq!(meta.categories, ["金融", "新浪财经"]);
        assert_eq!(meta.date, Some(PartialDate::day(2022, 2, 19)));
        assert_eq!(meta.author.as_deref(), Some("新浪财经"));
        assert_eq!(body, "<p>正文</p>");
        assert_eq!(line, 10);
    }

    #[test]
    fn jekyll_front_matter_with_iso_date() {
        let raw =
            "---\nlayout: post\ntitle: \"数字产业\"\ndate: 2022-02-21 15:54:48 +0800\ntags: 新京报新闻\n---\nbody";
        let (meta, body, _) = split(Path::new("b.md"), raw).unwrap();
        assert_eq!(meta.date, Some(PartialDate::day(2022, 2, 21)));
        assert_eq!(meta.tags, ["新京报新闻"]);
        assert_eq!(body, "body");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let (meta, body, _) = split(Path::new("c.txt"), "# 标题\n正文").unwrap();
        assert_eq!(meta, Metadata::default());
        assert_eq!(body, "# 标题\n正文");
    }

    #[test]
    fn broken_front_matter_names_file_and_line() {
        let raw = "---\ntitle: ok\ndate: [unclosed\n---\nbody";
        let err = split(Path::new("bad.md"), raw).unwrap_err().to_string();
        assert!(err.starts_with("bad.md:"), "{err}");
        assert!(err.contains("front matter"), "{err}");
        let err = split(Path::new("open.md"), "---\ntitle: x\nbody").unwrap_err().to_string();
        assert!(err.contains("open.md:1"), "{err}");
    }
}
