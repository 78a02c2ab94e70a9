//! The lexicon: known entities with their class, aliases and, for
//! administrative divisions, their codes. Loaded from `ontology/lexicon/*.tsv`
//! so users add entities without recompiling.

use crate::error::{IngestError, Result};
use crate::vocab::EntityClass;
use std::collections::HashMap;
use std::path::Path;

/// One known entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconEntry {
    /// Canonical name.
    pub name: String,
    /// Class.
    pub class: EntityClass,
    /// Other names (short forms, abbreviations).
    pub aliases: Vec<String>,
    /// Division codes; several when different divisions share the name.
    pub adcodes: Vec<String>,
}

impl LexiconEntry {
    /// Whether one of this division's codes lies within one of `outer`'s
    /// (大连 within 辽宁): for names several divisions share, any may.
    pub fn lies_within(&self, outer: &LexiconEntry) -> bool {
        outer.adcodes.iter().any(|o| self.adcodes.iter().any(|i| crate::registry::adcode_within(i, o)))
    }
}

/// All known entities, looked up by any of their names.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    entries: Vec<LexiconEntry>,
    by_surface: HashMap<String, usize>,
    /// The divisions whose short form names another one first (朝阳:
    /// 朝阳市 first, 朝阳区 and 朝阳县 here).
    shadowed: HashMap<String, Vec<usize>>,
    /// Division short forms that are common words (定日, 天长), found only
    /// right after their province (西藏定日, 安徽天长).
    after_province_only: HashMap<String, usize>,
}

impl Lexicon {
    /// Loads every `*.tsv` in `dir`, in file-name order. Columns: name,
    /// class, aliases separated by `|`, adcode (optional); `#` starts a comment.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let mut lexicon = Self::default();
        for path in crate::data_files(dir, "tsv")? {
            let text =
                std::fs::read_to_string(&path).map_err(|source| IngestError::Io { path: path.clone(), source })?;
            lexicon.add_tsv(&path, &text)?;
        }
        Ok(lexicon)
    }

    /// Adds the rows of one TSV file; `path` names it in errors.
    pub fn add_tsv(&mut self, path: &Path, text: &str) -> Result<()> {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: String| IngestError::Data { path: path.to_owned(), line: i + 1, message };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 2 || cols[0].is_empty() {
                return Err(error("expected at least two tab-separated columns: name, class".into()));
            }
            let class: EntityClass = cols[1].parse().map_err(error)?;
            let aliases = cols.get(2).map_or(Vec::new(), |a| split_list(a));
            let adcode = cols.get(3).filter(|c| !c.is_empty()).map(|c| c.to_string());
            self.insert(LexiconEntry {
                name: cols[0].to_string(),
                class,
                aliases,
                adcodes: adcode.into_iter().collect(),
            });
        }
        Ok(())
    }

    /// Adds an entry, merging it with an entry of the same name and class
    /// (the same name under two divisions keeps both codes: ambiguous).
    pub fn insert(&mut self, entry: LexiconEntry) {
        if let Some(&at) = self.by_surface.get(&entry.name) {
            let existing = &mut self.entries[at];
            if existing.name == entry.name && existing.class == entry.class {
                existing.adcodes.extend(entry.adcodes);
                for alias in entry.aliases {
                    if !existing.aliases.contains(&alias) {
                        existing.aliases.push(alias.clone());
                        self.by_surface.entry(alias).or_insert(at);
                    }
                }
                return;
            }
        }
        let at = self.entries.len();
        self.by_surface.insert(entry.name.clone(), at);
        let own_rank = rank(&entry);
        self.entries.push(entry);
        for alias in self.entries[at].aliases.clone() {
            match self.by_surface.get(&alias) {
                // a short form shared by two divisions (河北: 河北省, 河北区)
                // names the higher one; a full name is never taken over
                // a curated (non-division) entry keeps its short forms (阿里)
                Some(&other)
                    if self.entries[other].name == alias
                        || !self.entries[other].class.is_administrative()
                        || rank(&self.entries[other]) >= own_rank =>
                {
                    self.shadowed.entry(alias).or_default().push(at);
                }
                Some(&other) => {
                    self.shadowed.entry(alias.clone()).or_default().push(other);
                    self.by_surface.insert(alias, at);
                }
                None => {
                    self.by_surface.insert(alias, at);
                }
            }
        }
    }

    /// The entry a name or alias refers to.
    pub fn get(&self, surface: &str) -> Option<&LexiconEntry> {
        self.by_surface.get(surface).map(|&i| &self.entries[i])
    }

    /// The other entries a short form may name, besides the one [`get`]
    /// gives (朝阳: 朝阳区 and 朝阳县 besides 朝阳市).
    ///
    /// [`get`]: Self::get
    pub fn shadowed(&self, surface: &str) -> impl Iterator<Item = &LexiconEntry> {
        self.shadowed.get(surface).into_iter().flatten().map(|&i| &self.entries[i])
    }

    /// Every entry.
    pub fn entries(&self) -> &[LexiconEntry] {
        &self.entries
    }

    /// Every name and alias with its entry.
    pub fn surfaces(&self) -> impl Iterator<Item = (&str, &LexiconEntry)> {
        self.by_surface.iter().map(|(s, &i)| (s.as_str(), &self.entries[i]))
    }

    /// The name that tells the division `entry` with the code `code` apart
    /// from the other divisions of its name: the name of the city it lies
    /// in (else its province) before its own (张家口市桥东区), or the code
    /// when the lexicon has neither. `None` when the name is not shared.
    pub fn qualified_name(&self, entry: &LexiconEntry, code: &str) -> Option<String> {
        if entry.adcodes.len() < 2 || code.len() != 6 || !code.is_char_boundary(4) {
            return None;
        }
        let named = |parent: &str| {
            (parent != code)
                .then(|| self.entries.iter().find(|e| e.adcodes.iter().any(|c| c == parent)))
                .flatten()
                .map(|e| e.name.clone())
        };
        let parent = named(&format!("{}00", &code[..4])).or_else(|| named(&format!("{}0000", &code[..2])));
        Some(format!("{}{}", parent.unwrap_or_else(|| code.to_owned()), entry.name))
    }

    /// Stops finding an entry by this name or alias, except right after
    /// its province (see [`Lexicon::division_after_province`]): for division
    /// names that are common words (城区, 定日 “fixed day”).
    pub fn keep_only_after_province(&mut self, alias: &str) {
        if let Some(at) = self.by_surface.remove(alias) {
            self.entries[at].aliases.retain(|a| a != alias);
            self.after_province_only.insert(alias.to_owned(), at);
        }
    }

    /// The division below `province` that `surface`, written right after
    /// the province, names: by any of its names, or by a short form that
    /// is a common word elsewhere (西藏定日, 安徽天长, 贵州道真).
    pub fn division_after_province(&self, surface: &str, province: &LexiconEntry) -> Option<&LexiconEntry> {
        let only_here = self.after_province_only.get(surface).map(|&i| &self.entries[i]);
        self.get(surface)
            .or(only_here)
            .filter(|e| matches!(e.class, EntityClass::City | EntityClass::County) && e.lies_within(province))
    }

    /// The entry of a short form that names its division only right after
    /// its province, for a mention already found there.
    pub fn get_after_province_only(&self, surface: &str) -> Option<&LexiconEntry> {
        self.after_province_only.get(surface).map(|&i| &self.entries[i])
    }
}

/// How strongly an entry claims a shared short form: provinces before
/// cities before counties before anything else.
fn rank(entry: &LexiconEntry) -> u8 {
    match entry.class {
        EntityClass::Country => 5,
        EntityClass::Province => 4,
        EntityClass::City => 3,
        EntityClass::County => 2,
        _ => 1,
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_find_the_entry() {
        let mut lex = Lexicon::default();
        lex.add_tsv(Path::new("t.tsv"), "# c\n张家口市\tCity\t张家口\t130700\n阿里巴巴\tCompany\t阿里|阿里集团\n")
            .unwrap();
        assert_eq!(lex.get("张家口").unwrap().name, "张家口市");
        assert_eq!(lex.get("阿里").unwrap().class, EntityClass::Company);
        assert!(lex.get("腾讯").is_none());
    }

    #[test]
    fn shared_names_keep_every_code() {
        let mut lex = Lexicon::default();
        lex.add_tsv(Path::new("t.tsv"), "桥东区\tCounty\t\t130502\n桥东区\tCounty\t\t130702\n").unwrap();
        assert_eq!(lex.get("桥东区").unwrap().adcodes, ["130502", "130702"]);
    }

    #[test]
    fn a_shared_name_is_qualified_by_its_city_else_its_code() {
        let mut lex = Lexicon::default();
        let rows = "河北省\tProvince\t\t130000\n邢台市\tCity\t\t130500\n张家口市\tCity\t\t130700\n\
                    桥东区\tCounty\t\t130502\n桥东区\tCounty\t\t130702\n桥东区\tCounty\t\t990101\n\
                    张北县\tCounty\t\t130722\n";
        lex.add_tsv(Path::new("t.tsv"), rows).unwrap();
        let shared = lex.get("桥东区").unwrap();
        assert_eq!(lex.qualified_name(shared, "130702").as_deref(), Some("张家口市桥东区"));
        assert_eq!(lex.qualified_name(shared, "130502").as_deref(), Some("邢台市桥东区"));
        assert_eq!(lex.qualified_name(shared, "990101").as_deref(), Some("990101桥东区"), "no known parent");
        assert_eq!(lex.qualified_name(lex.get("张北县").unwrap(), "130722"), None, "a name of one division");
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = Lexicon::default().add_tsv(Path::new("x.tsv"), "a\tCity\nb\tTown\n").unwrap_err();
        assert_eq!(err.to_string(), "x.tsv:2: unknown entity class `Town`");
    }
}
