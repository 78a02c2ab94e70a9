//! The short forms a company's full name goes by (智慧互通科技股份有限公司 →
//! 智慧互通, 智慧互通公司): one definition for the two places that need it —
//! an article's own names ([`crate::Pipeline`] makes the short forms it uses
//! aliases) and the names of all articles (`tupu-graph` links an entity
//! named by a short form to the one company whose full name it shortens).

use crate::lexicon::Lexicon;
use crate::mention::EntityRules;

/// Legal-form endings dropped first, longest first.
const LEGAL: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司"];

/// Line-of-business endings a name may also go without.
const TRADE: &[&str] = &[
    "信息系统",
    "系统",
    "数字产业",
    "信息技术",
    "数据科技",
    "能源科技",
    "科技",
    "信息",
    "技术",
    "网络",
    "数据",
    "产业",
    "数字",
];

/// Derives short forms with the lexicon (a stem that is a known name is
/// no short form; a leading place name may be dropped) and the entity
/// rules (a stem must be distinctive, not generic words).
#[derive(Clone, Copy)]
pub struct ShortForms<'a> {
    lexicon: &'a Lexicon,
    entity_rules: &'a EntityRules,
}

impl<'a> ShortForms<'a> {
    /// Short forms by `lexicon` and `entity_rules`.
    pub fn new(lexicon: &'a Lexicon, entity_rules: &'a EntityRules) -> Self {
        Self { lexicon, entity_rules }
    }

    /// The short forms of the company name `name`, each once, in a fixed
    /// order: every distinctive stem (the name without its bracketed
    /// region, legal form, line of business or leading place) and the
    /// stem with 公司; never `name` itself.
    pub fn of(&self, name: &str) -> Vec<String> {
        let mut stem = name.to_owned();
        if let Some(open) = stem.find(['（', '(']) {
            stem.truncate(open);
        }
        if let Some(s) = LEGAL.iter().find_map(|legal| stem.strip_suffix(legal)) {
            stem = s.to_owned();
        }
        let mut stems = vec![stem.clone()];
        stems.extend(TRADE.iter().filter_map(|trade| stem.strip_suffix(trade)).map(str::to_owned));
        for s in stems.clone() {
            if let Some(place) = self.leading_place(&s) {
                stems.push(s[place.len()..].to_owned());
            }
        }
        let mut forms: Vec<String> = Vec::new();
        for s in stems {
            let chars: Vec<char> = s.chars().collect();
            if s == name || self.lexicon.get(&s).is_some() || !self.entity_rules.is_distinctive(&chars) {
                continue;
            }
            for form in [s.clone(), format!("{s}公司")] {
                if form != name && !forms.contains(&form) {
                    forms.push(form);
                }
            }
        }
        forms
    }

    /// The name of a park, body or project without the place it opens with
    /// (甘肃鲲鹏生态创新中心 → 鲲鹏生态创新中心), when what is left is a
    /// distinctive name of its own and not one the lexicon knows.
    pub fn without_place(&self, name: &str) -> Option<String> {
        let rest = &name[self.leading_place(name)?.len()..];
        let chars: Vec<char> = rest.chars().collect();
        let distinctive = self.entity_rules.is_distinctive(self.entity_rules.stem(&chars));
        // 余庆高速公路 without 余庆 is any 高速公路
        let a_kind_of_work = self.entity_rules.is_only_work_words(rest);
        (distinctive && !a_kind_of_work && self.lexicon.get(rest).is_none()).then(|| rest.to_owned())
    }

    /// The longest place name of the lexicon `name` starts with, leaving
    /// two characters or more.
    fn leading_place(&self, name: &str) -> Option<String> {
        let ends: Vec<usize> = name.char_indices().map(|(at, _)| at).skip(2).collect();
        // heads of two characters or more, leaving two or more
        let heads = &ends[..ends.len().saturating_sub(1)];
        heads
            .iter()
            .rev()
            .map(|&end| &name[..end])
            .find(|head| self.lexicon.get(head).is_some_and(|e| e.class.is_place()))
            .map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use crate::Pipeline;
    use std::path::Path;

    #[test]
    fn full_names_shorten_to_their_distinctive_stem() {
        let pipeline = Pipeline::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ontology")).unwrap();
        let forms = pipeline.short_forms();
        let of = forms.of("智慧互通科技股份有限公司");
        assert!(of.contains(&"智慧互通".to_owned()) && of.contains(&"智慧互通公司".to_owned()), "{of:?}");
        assert!(!of.contains(&"智慧互通科技股份有限公司".to_owned()));
        let of = forms.of("宝德数坝数字产业（河北）有限公司");
        assert!(of.contains(&"宝德数坝".to_owned()), "{of:?}");
        // a stem of generic words only says nothing of which company
        assert!(forms.of("数据科技有限公司").is_empty(), "{:?}", forms.of("数据科技有限公司"));
        assert_eq!(forms.without_place("甘肃敦煌生态创新中心").as_deref(), Some("敦煌生态创新中心"));
        assert_eq!(forms.without_place("张家口经开区"), None, "a suffix alone names nothing");
    }
}
