//! A sentence as the rules see it: words, with entity names, quantities and
//! dates each folded into one item.

use crate::date::DateSpan;
use crate::number::QuantitySpan;
use crate::vocab::EntityClass;

/// One unit a rule pattern steps over.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A word that is not part of a name, number or date.
    Word {
        /// The word.
        text: String,
        /// jieba's part-of-speech tag.
        pos: String,
    },
    /// A mention of an article entity.
    Entity {
        /// Index of the entity in the article's registry.
        entity: usize,
        /// Its class.
        class: EntityClass,
        /// The text as written (`该市` for a coreference).
        surface: String,
    },
    /// The name of a port, an airport, a border crossing or an organization
    /// that opens with a place or with a word jieba takes for a name
    /// (宁波舟山港, 北京大兴机场, 北部湾港, 中国邮政): no mention of the place,
    /// and what its clause counts is the facility's.
    Facility(String),
    /// A number with a unit.
    Quantity(QuantitySpan),
    /// A date or year.
    Date(DateSpan),
}

impl Item {
    /// The text of a word item.
    pub fn word(&self) -> Option<&str> {
        match self {
            Item::Word { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The text of a word or, as written, of a number (10个千亿级: 千亿 is
    /// read as a number; 两国 may be one).
    pub fn text(&self) -> Option<&str> {
        match self {
            Item::Word { text, .. } => Some(text),
            Item::Quantity(q) => Some(&q.quantity.text),
            _ => None,
        }
    }

    /// Whether this is a word that ends a clause (，；：。).
    pub fn is_clause_break(&self) -> bool {
        matches!(self.word(), Some("，" | "；" | "：" | "。" | "！" | "？" | "," | ";" | "!" | "?"))
    }

    /// Whether this is a word that ends a sentence.
    pub fn is_sentence_break(&self) -> bool {
        matches!(self.word(), Some("。" | "！" | "？" | "!" | "?"))
    }

    /// Whether this is the mention of an administrative division (a
    /// country, province, city or county).
    pub fn is_a_division(&self) -> bool {
        matches!(self, Item::Entity { class, .. } if class.is_administrative())
    }

    /// The entity index of an entity item.
    pub fn entity(&self) -> Option<usize> {
        match self {
            Item::Entity { entity, .. } => Some(*entity),
            _ => None,
        }
    }
}
