//! An article as read from disk: its metadata and its clean text.

use crate::date::PartialDate;
use crate::error::{IngestError, Result};
use crate::{clean, front_matter, html};
use std::path::{Path, PathBuf};

/// The markup an article came in, chosen by file extension and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTML, or Markdown whose body is HTML paragraphs.
    Html,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
}

/// One article, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable id: the first 16 hex digits of the content hash, so the same
    /// text under two paths is one article and a moved file keeps its id.
    pub id: String,
    /// Where it was read from.
    pub source: PathBuf,
    /// BLAKE3 of the file's bytes, in hex.
    pub content_hash: String,
    /// The markup it came in.
    pub format: Format,
    /// Title from front matter, else the first heading.
    pub title: Option<String>,
    /// Publication date from front matter.
    pub date: Option<PartialDate>,
    /// Front-matter categories.
    pub categories: Vec<String>,
    /// Front-matter tags.
    pub tags: Vec<String>,
    /// Front-matter author.
    pub author: Option<String>,
    /// The clean text: one paragraph a line, no markup.
    pub text: String,
}

/// The file extensions `tupu build` picks up in directories.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

/// Reads and cleans the article at `path`.
pub fn read_article(path: &Path) -> Result<Article> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io { path: path.to_owned(), source })?;
    parse_article(path, &bytes)
}

/// Cleans an article from its bytes; `path` names it in errors and picks
/// the format by extension.
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article> {
    let content_hash = blake3::hash(bytes).to_hex().to_string();
    let raw = decode(path, bytes)?;
    let (meta, body, body_line) = front_matter::split(path, &raw)?;
    let format = guess_format(path, body);
    let mut title = meta.title;
    let text = match format {
        Format::Html => html::to_text(body),
        Format::Markdown | Format::Text => {
            if title.is_none() {
                title = clean::first_heading(body);
            }
            clean::markdown_to_text(body)
        }
    };
    let text = clean::clean_text(&text);
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path: path.to_owned() });
    }
    let _ = body_line;
    Ok(Article {
        id: content_hash[..16].to_string(),
        source: path.to_owned(),
        content_hash,
        format,
        title,
        date: meta.date,
        categories: meta.categories,
        tags: meta.tags,
        author: meta.author,
        text,
    })
}

/// UTF-8 (with or without BOM), else GB18030, which covers GBK and GB2312;
/// NUL bytes or undecodable bytes mean a binary file.
fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let binary = || IngestError::Binary { path: path.to_owned() };
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(binary());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors { Err(binary()) } else { Ok(text.into_owned()) }
        }
    }
}

/// `.html`/`.htm` are HTML; other files are HTML when their body is mostly
/// paragraphs of markup (the seeds' `.txt` files and the corpus's `.md` are).
fn guess_format(path: &Path, body: &str) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "html" || ext == "htm" {
        return Format::Html;
    }
    let lower = body.to_ascii_lowercase();
    let tags = ["<p>", "<p ", "<div", "<br", "</p>"].iter().map(|t| lower.matches(t).count()).sum::<usize>();
    if tags >= 2 {
        Format::Html
    } else if ext == "md" || ext == "markdown" {
        Format::Markdown
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_files_are_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("张家口市大数据产业。");
        let article = parse_article(Path::new("a.txt"), &bytes).unwrap();
        assert_eq!(article.text, "张家口市大数据产业。");
    }

    #[test]
    fn binary_files_are_rejected_by_name() {
        let err = parse_article(Path::new("x.png"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err();
        assert!(err.to_string().contains("x.png"), "{err}");
    }

    #[test]
    fn empty_text_is_an_error() {
        let err = parse_article(Path::new("e.html"), b"<script>x</script>").unwrap_err();
        assert!(matches!(err, IngestError::Empty { .. }));
    }

    #[test]
    fn the_same_bytes_give_the_same_id() {
        let a = parse_article(Path::new("a.txt"), "文字。".as_bytes()).unwrap();
        let b = parse_article(Path::new("b/c.txt"), "文字。".as_bytes()).unwrap();
        assert_eq!(a.id, b.id);
    }
}
