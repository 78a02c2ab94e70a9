//! HTML to text: the paragraphs and captions a reader sees, without scripts,
//! styles, comments, and the share, QR-code and editor blocks news sites add.
//!
//! A small scanner rather than a full HTML5 parser: article bodies are
//! simple, and this runs on every article of a 20,000-article build.

/// Elements whose content is never text.
const RAW_TEXT: &[&str] = &["script", "style", "noscript", "iframe", "template", "svg", "textarea"];
/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "center",
    "section",
    "article",
    "blockquote",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "figure",
    "figcaption",
    "header",
    "footer",
    "hr",
    "pre",
];
/// Elements that never have an end tag.
const VOID: &[&str] = &["br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "col", "embed"];
/// Words in a class or id that mark boilerplate around the article.
const BOILERPLATE: &[&str] =
    &["qr", "share", "editor", "statement", "copyright", "footer", "comment", "related", "recommend", "em_media"];

/// The text of `html`, one block a line, entities decoded.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    // Depth of a boilerplate element being skipped, with its tag name.
    let mut skipping: Option<(String, usize)> = None;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            if skipping.is_none() {
                out.push('<');
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if let Some((name, depth)) = skipping.as_mut() {
            if tag.name == *name && !VOID.contains(&tag.name.as_str()) {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                        out.push('\n');
                    }
                } else if !tag.self_closing {
                    *depth += 1;
                }
            }
            continue;
        }
        if !tag.closing && RAW_TEXT.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            rest = find_ascii_case_insensitive(rest, &close)
                .map_or("", |at| &rest[at..])
                .split_once('>')
                .map_or("", |(_, after)| after);
            continue;
        }
        if !tag.closing && !tag.self_closing && !VOID.contains(&tag.name.as_str()) && tag.is_boilerplate {
            skipping = Some((tag.name.clone(), 1));
            continue;
        }
        if BLOCKS.contains(&tag.name.as_str()) {
            out.push('\n');
        }
    }
    if skipping.is_none() {
        push_text(&mut out, rest);
    }
    out
}

/// A start or end tag, as much of it as we need.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    is_boilerplate: bool,
    /// Bytes from `<` to after `>`.
    len: usize,
}

impl Tag {
    /// Reads a tag at the start of `text`; `None` when `<` starts no tag
    /// (as in `a < b` or `<http://…>` links, which are then not text either).
    fn parse(text: &str) -> Option<Tag> {
        let bytes = text.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        if !bytes.get(name_start)?.is_ascii_alphabetic() && bytes.get(1) != Some(&b'!') {
            return None;
        }
        let end = text.find('>')?;
        let inner = &text[name_start..end];
        let name_len = inner.find(|c: char| c.is_ascii_whitespace() || c == '/').unwrap_or(inner.len());
        let name = inner[..name_len].to_ascii_lowercase();
        let attributes = inner[name_len..].to_ascii_lowercase();
        let is_boilerplate = ["class=", "id="]
            .iter()
            .any(|key| attribute(&attributes, key).is_some_and(|v| BOILERPLATE.iter().any(|w| v.contains(w))));
        Some(Tag { name, closing, self_closing: inner.ends_with('/'), is_boilerplate, len: end + 1 })
    }
}

fn attribute<'a>(attributes: &'a str, key: &str) -> Option<&'a str> {
    let at = attributes.find(key)? + key.len();
    let value = &attributes[at..];
    let quote = value.chars().next()?;
    if quote == '"' || quote == '\'' {
        value[1..].split(quote).next()
    } else {
        value.split(|c: char| c.is_ascii_whitespace()).next()
    }
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Appends text with entities decoded and runs of ASCII white space folded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let next = rest.find(['&', ' ', '\t', '\n', '\r']).unwrap_or(rest.len());
        out.push_str(&rest[..next]);
        rest = &rest[next..];
        let Some(c) = rest.chars().next() else { break };
        if c == '&' {
            match decode_entity(rest) {
                Some((decoded, len)) => {
                    out.push(decoded);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            let ws = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
            rest = &rest[ws..];
        }
    }
}

/// `&amp;` → `&`, `&#123;` → `{`, `&#x4e2d;` → `中`.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    let end = text.as_bytes().iter().take(12).position(|b| *b == b';')?;
    let body = &text[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "times" => '×',
            "yen" => '¥',
            "copy" => '©',
            "reg" => '®',
            "deg" => '°',
            "bull" => '•',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        to_text(html).lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
    }

    #[test]
    fn keeps_paragraphs_and_captions() {
        let html = r#"<div><div class="img_wrapper"><img src="a.jpg" alt="图"><span class="img_descr">图为展示大厅。</span></div>
<p cms-style="font-L">　　第一段。</p><p>第二<strong>段</strong>。</p></div>"#;
        assert_eq!(lines(html), ["图为展示大厅。", "第一段。", "第二段。"]);
    }

    #[test]
    fn drops_scripts_styles_comments_and_boilerplate() {
        let html = r#"<p>正文。</p><!-- 文末二维码 --><style>.a&#123;x&#125;</style><script>var a = "<p>";</script>
<div class="clearfix appendQr_wrap"><div class="appendQr_normal"><img src="q.png"></div><div>海量资讯</div></div>
<p class="article-editor">责任编辑：赵思远</p><p>结尾。</p>"#;
        assert_eq!(lines(html), ["正文。", "结尾。"]);
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(lines("<p>A&amp;B &#123;&#x4e2d;&#125; &ldquo;创坝&rdquo;</p>"), ["A&B {中} “创坝”"]);
        assert_eq!(lines("<p>&bogus; &</p>"), ["&bogus; &"]);
    }

    #[test]
    fn angle_brackets_that_are_not_tags_stay() {
        assert_eq!(lines("<p>1 < 2</p>"), ["1 < 2"]);
    }
}
