//! Sentences with their character offsets in the clean text, so every fact
//! can point back to exactly where it was read.

/// One sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Character offset of its first character in the article text.
    pub start: usize,
    /// Character offset one past its last character.
    pub end: usize,
    /// Index of the paragraph (line) it belongs to.
    pub paragraph: usize,
}

/// Splits clean text (one paragraph a line) into sentences at 。！？!? and
/// line ends; closing quotes and brackets right after the stop stay with it.
pub fn split_sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut sentences = Vec::new();
    let mut char_offset = 0;
    for (paragraph, line) in text.split('\n').enumerate() {
        let mut start_byte = 0;
        let mut start_char = char_offset;
        let mut chars = line.char_indices().peekable();
        let mut count = char_offset;
        while let Some((i, c)) = chars.next() {
            count += 1;
            if matches!(c, '。' | '！' | '？' | '!' | '?') {
                let mut end = i + c.len_utf8();
                while let Some(&(j, next)) = chars.peek() {
                    if matches!(next, '”' | '’' | '"' | '）' | ')' | '」' | '』' | '。' | '！' | '？') {
                        end = j + next.len_utf8();
                        count += 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                push(&mut sentences, &line[start_byte..end], start_char, count, paragraph);
                start_byte = end;
                start_char = count;
            }
        }
        push(&mut sentences, &line[start_byte..], start_char, count, paragraph);
        char_offset = count + 1; // the newline
    }
    sentences
}

fn push<'a>(out: &mut Vec<Sentence<'a>>, text: &'a str, start: usize, end: usize, paragraph: usize) {
    if !text.trim().is_empty() {
        out.push(Sentence { text, start, end, paragraph });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_into_the_text() {
        let text = "第一句。“第二句！”\n第三段，没有句号";
        let s = split_sentences(text);
        assert_eq!(s.iter().map(|s| s.text).collect::<Vec<_>>(), ["第一句。", "“第二句！”", "第三段，没有句号"]);
        let chars: Vec<char> = text.chars().collect();
        for sentence in &s {
            assert_eq!(chars[sentence.start..sentence.end].iter().collect::<String>(), sentence.text);
        }
        assert_eq!(s[2].paragraph, 1);
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(split_sentences("投运服务器172.24万台。").len(), 1);
    }
}
