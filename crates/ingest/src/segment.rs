//! Word segmentation with jieba-rs, the lexicon loaded as a user dictionary
//! so that known names (张家口市, 宝德数坝) stay whole tokens.

use crate::lexicon::Lexicon;
use crate::vocab::EntityClass;
use jieba_rs::Jieba;

/// A word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word.
    pub text: &'a str,
    /// Its part-of-speech tag (jieba's tag set: n, v, ns, nr, m, x …).
    pub pos: &'a str,
    /// Character offset in the sentence.
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
}

/// jieba with tupu's lexicon; built once and shared by every article.
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// jieba's default dictionary plus every lexicon name and alias.
    pub fn new(lexicon: &Lexicon) -> Self {
        let mut segmenter = Self::plain();
        segmenter.add_lexicon(lexicon);
        segmenter
    }

    /// Adds every lexicon name and alias as a user word. Loading jieba's
    /// dictionary is the costly part of starting a build, so the pipeline
    /// loads it once: it asks [`Segmenter::known_tag`] about the plain
    /// dictionary first, then adds the lexicon to the same segmenter.
    pub fn add_lexicon(&mut self, lexicon: &Lexicon) {
        let jieba = &mut self.jieba;
        let mut surfaces: Vec<(&str, EntityClass)> = lexicon.surfaces().map(|(s, e)| (s, e.class)).collect();
        surfaces.sort_unstable();
        for (surface, class) in surfaces {
            // Division names (城区, 新城区, 河北区) also occur inside other
            // words; they are added only where jieba does not know them, and
            // weakly, so that they never split a word jieba would keep.
            let freq = if class.is_administrative() {
                if jieba.has_word(surface) {
                    continue;
                }
                3
            } else {
                jieba.suggest_freq(surface).max(500)
            };
            jieba.add_word(surface, Some(freq), Some(pos_tag(class)));
        }
    }

    /// Adds words that must stay whole (北京时间), as common nouns.
    pub fn add_common_words(&mut self, words: &[String]) {
        for word in words {
            let freq = self.jieba.suggest_freq(word).max(500);
            self.jieba.add_word(word, Some(freq), Some("n"));
        }
    }

    /// Makes words of jieba's dictionary that news hardly ever means the
    /// last choice (门将, which reads 部门将 as 部|门将 and hides 将).
    pub fn add_rare_words(&mut self, words: &[String]) {
        for word in words {
            self.jieba.add_word(word, Some(1), None);
        }
    }

    /// Whether jieba's dictionary holds `word`.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// The default dictionary's tag for `word` if jieba knows it as one word.
    pub fn known_tag(&self, word: &str) -> Option<String> {
        let tags = self.jieba.tag(word, false);
        (tags.len() == 1 && self.jieba.has_word(word)).then(|| tags[0].tag.to_string())
    }

    /// Whether a word starting at `start` after a one-character word took
    /// the second half of a word (新兴城市 cut as 新/兴城市 holds no 兴城市).
    pub fn splits_a_word(&self, chars: &[char], start: usize, previous: Option<&Token<'_>>) -> bool {
        previous.is_some_and(|p| p.end == start && p.end - p.start == 1)
            && self.jieba.has_word(&chars[start - 1..start + 1].iter().collect::<String>())
    }

    /// jieba alone, without the lexicon: for deciding which short forms
    /// are common words before the lexicon is added
    /// ([`Segmenter::add_lexicon`]).
    pub fn plain() -> Self {
        Self { jieba: Jieba::new() }
    }

    /// The words of a sentence with their tags and offsets.
    pub fn tokens<'a>(&'a self, sentence: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .tag(sentence, true)
            .into_iter()
            .map(|t| Token { text: t.word, pos: t.tag, start: t.start, end: t.end })
            .collect()
    }

    /// Readies what jieba loads on first use: the model that tags words
    /// outside its dictionary, shared by all segmenters and parsed the
    /// first time a sentence needs it (some tens of milliseconds, which
    /// would otherwise fall on the first article extracted). It needs no
    /// dictionary, so it can be readied while one loads.
    pub fn prepare_model() {
        // without a dictionary every word is unknown: only the model tags
        Jieba::empty().tag("记者韦嘉琪报道", true);
    }

    /// Plain segmentation, the baseline the benchmark compares against.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba.cut(text, true).into_iter().map(|t| t.word).collect()
    }
}

/// The jieba tag a lexicon entry gets: ns for places, nr for people, nt for
/// organizations, nz for other names.
pub fn pos_tag(class: EntityClass) -> &'static str {
    if class.is_place() {
        "ns"
    } else if class.is_organization() {
        "nt"
    } else if class == EntityClass::Person {
        "nr"
    } else {
        "nz"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn lexicon_names_stay_whole() {
        let mut lex = Lexicon::default();
        lex.add_tsv(Path::new("t.tsv"), "宝德数坝\tCompany\n张家口市\tCity\t张家口\n").unwrap();
        let seg = Segmenter::new(&lex);
        let words: Vec<&str> = seg.tokens("宝德数坝选择落户张家口").iter().map(|t| t.text).collect();
        assert!(words.contains(&"宝德数坝"), "{words:?}");
        assert!(words.contains(&"张家口"), "{words:?}");
    }
}
