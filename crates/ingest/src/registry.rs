//! The entities of one article: every name and alias the article uses,
//! merged into one entity each, with how often and where they occur.

use crate::fact::Entity;
use crate::vocab::EntityClass;
use std::collections::{BTreeSet, HashMap};

/// The article's entities, looked up by any surface form.
#[derive(Debug, Default)]
pub struct Registry {
    /// The entities, in order of first registration.
    pub entities: Vec<Entity>,
    by_surface: HashMap<String, usize>,
    /// How many times each entity was found in the first pass.
    pub mentions: Vec<usize>,
    /// Surfaces by first character, longest first, for matching.
    by_first_char: HashMap<char, Vec<(String, usize)>>,
    /// Entities found to be another's short form (宝德数坝公司), merged away.
    merged: Vec<bool>,
}

impl Registry {
    /// Whether the division code of entity `inner` lies within that of
    /// `outer` (怀来县 within 张家口市 within 河北省).
    pub fn is_within(&self, inner: usize, outer: usize) -> bool {
        let code = |e: usize| self.entities[e].adcode.as_deref();
        match (code(inner), code(outer)) {
            (Some(i), Some(o)) => adcode_within(i, o),
            _ => false,
        }
    }

    /// The entity a surface form names.
    pub fn find(&self, surface: &str) -> Option<usize> {
        self.by_surface.get(surface).copied()
    }

    /// Registers a mention of `name` (a canonical name) with its class; an
    /// entity already known by that surface is reused.
    pub fn register(&mut self, name: &str, class: EntityClass, adcode: Option<String>) -> usize {
        if let Some(i) = self.find(name) {
            self.mentions[i] += 1;
            return i;
        }
        // Chinese names take full-width brackets, however a page wrote them,
        // so that 宝德数坝数字产业(河北)有限公司 is one entity across articles
        let canonical = name.replace('(', "（").replace(')', "）");
        if let Some(i) = self.find(&canonical) {
            self.mentions[i] += 1;
            self.add_alias(i, name);
            return i;
        }
        let i = self.entities.len();
        self.entities.push(Entity {
            name: canonical.clone(),
            class,
            aliases: BTreeSet::new(),
            adcode,
            qualified_name: None,
        });
        self.mentions.push(1);
        self.merged.push(false);
        self.index(&canonical, i);
        self.add_alias(i, name);
        i
    }

    /// Adds another name for entity `i`, unless the name already belongs
    /// to another entity.
    pub fn add_alias(&mut self, i: usize, alias: &str) {
        if alias.is_empty() || self.by_surface.contains_key(alias) {
            return;
        }
        if self.entities[i].name != alias {
            self.entities[i].aliases.insert(alias.to_string());
        }
        self.index(alias, i);
    }

    /// Records a name the text wrote for entity `i` that the second pass
    /// must not match as one (辽宁北斗产业园: 辽宁 and 北斗产业园 are read
    /// apart, so 辽宁 still says where the park lies).
    pub fn add_written_name(&mut self, i: usize, name: &str) {
        if !name.is_empty() && self.entities[i].name != name {
            self.entities[i].aliases.insert(name.to_string());
        }
    }

    fn index(&mut self, surface: &str, i: usize) {
        self.by_surface.insert(surface.to_string(), i);
        if let Some(first) = surface.chars().next() {
            let list = self.by_first_char.entry(first).or_default();
            list.push((surface.to_string(), i));
            list.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
        }
    }

    /// Folds entity `from` into `into`: its names become aliases of `into`
    /// and every mention of them a mention of `into`.
    pub fn merge(&mut self, from: usize, into: usize) {
        if from == into || self.merged[from] || self.merged[into] {
            return;
        }
        let names: Vec<String> = std::iter::once(self.entities[from].name.clone())
            .chain(self.entities[from].aliases.iter().cloned())
            .collect();
        for name in names {
            self.by_surface.insert(name.clone(), into);
            if self.entities[into].name != name {
                self.entities[into].aliases.insert(name);
            }
        }
        for list in self.by_first_char.values_mut() {
            for (_, i) in list.iter_mut() {
                if *i == from {
                    *i = into;
                }
            }
        }
        self.mentions[into] += self.mentions[from];
        self.merged[from] = true;
    }

    /// Whether the entity was merged into another.
    pub fn is_merged(&self, i: usize) -> bool {
        self.merged[i]
    }

    /// The longest surface that starts at `chars[at]`, with its entity.
    pub fn longest_at(&self, chars: &[char], at: usize) -> Option<(usize, usize)> {
        let list = self.by_first_char.get(&chars[at])?;
        list.iter().find_map(|(surface, i)| {
            let n = surface.chars().count();
            (at + n <= chars.len() && surface.chars().eq(chars[at..at + n].iter().copied())).then_some((n, *i))
        })
    }

    /// The most mentioned entity of a class (ties: the first registered).
    pub fn most_mentioned(&self, class: EntityClass) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, e) in self.entities.iter().enumerate() {
            if e.class == class && best.is_none_or(|b| self.mentions[i] > self.mentions[b]) {
                best = Some(i);
            }
        }
        best
    }
}

/// Whether the division coded `inner` lies within the one coded `outer`
/// (130700, 张家口市, within 130000, 河北省): its code starts with the
/// outer code's significant pairs of digits.
pub fn adcode_within(inner: &str, outer: &str) -> bool {
    let prefix = outer.trim_end_matches('0');
    let prefix = if prefix.len() % 2 == 1 { &outer[..prefix.len() + 1] } else { prefix };
    inner != outer && inner.starts_with(prefix)
}
