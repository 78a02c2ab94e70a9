//! What extraction yields for one article: the entities it names and the
//! facts it states, each fact with the evidence it came from.

use crate::article::Article;
use crate::date::PartialDate;
use crate::number::Quantity;
use crate::vocab::{EntityClass, Relation};
use std::collections::BTreeSet;

/// A named entity as the article knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The canonical name: the lexicon's, else the longest name the article
    /// uses. It is also what the entity's IRI is made from, so the same name
    /// in two articles is one node.
    pub name: String,
    /// The entity's class.
    pub class: EntityClass,
    /// The other names the article uses for it (short forms, aliases).
    pub aliases: BTreeSet<String>,
    /// The administrative division code (GB/T 2260) when grounded.
    pub adcode: Option<String>,
    /// For a division whose name several divisions share (桥东区 of
    /// 张家口市 and of 邢台市), grounded by the article: the name with what
    /// tells it apart (张家口市桥东区), which its IRI is made from instead
    /// of `name`, so that two articles grounding it in two cities do not
    /// name one entity.
    pub qualified_name: Option<String>,
}

impl Entity {
    /// What the entity's IRI is made from: the qualified name, else the name.
    pub fn iri_name(&self) -> &str {
        self.qualified_name.as_deref().unwrap_or(&self.name)
    }
}

/// Where a fact was read and by which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The sentence, as it stands in the article's clean text.
    pub sentence: String,
    /// Character offset of the sentence in the clean text.
    pub start: usize,
    /// Character offset one past the sentence's end.
    pub end: usize,
    /// The id of the rule that produced the fact.
    pub rule: String,
}

/// One extracted fact. Entities are referred to by canonical name; each one
/// appears in [`Extraction::entities`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// `subject relation object`.
    Relation {
        /// Canonical name of the subject.
        subject: String,
        /// The relation.
        relation: Relation,
        /// Canonical name of the object.
        object: String,
        /// Where it was read.
        evidence: Evidence,
    },
    /// A goal for a future year (`tp:hasTarget`).
    Target {
        /// Canonical name of the place or organization the goal belongs to.
        subject: String,
        /// The year by which the goal is to be reached.
        year: i32,
        /// What is measured (`大数据及关联产业投资规模`).
        indicator: String,
        /// The goal's value.
        quantity: Quantity,
        /// Where it was read.
        evidence: Evidence,
    },
    /// A value achieved or current (`tp:hasObservation`).
    Observation {
        /// Canonical name of the subject.
        subject: String,
        /// The "as of" date the text states, else the article's date.
        date: Option<PartialDate>,
        /// What is measured.
        indicator: String,
        /// The value.
        quantity: Quantity,
        /// Where it was read.
        evidence: Evidence,
    },
    /// A person's title at an organization or place (`tp:holdsPosition`).
    Position {
        /// Canonical name of the person.
        person: String,
        /// The title (`董事长`).
        title: String,
        /// Canonical name of the organization or place.
        organization: String,
        /// Where it was read.
        evidence: Evidence,
    },
}

impl Fact {
    /// The evidence of any kind of fact.
    pub fn evidence(&self) -> &Evidence {
        match self {
            Fact::Relation { evidence, .. }
            | Fact::Target { evidence, .. }
            | Fact::Observation { evidence, .. }
            | Fact::Position { evidence, .. } => evidence,
        }
    }

    /// The kind as the gold files name it: `rel`, `target`, `obs`, `pos`.
    pub fn kind(&self) -> &'static str {
        match self {
            Fact::Relation { .. } => "rel",
            Fact::Target { .. } => "target",
            Fact::Observation { .. } => "obs",
            Fact::Position { .. } => "pos",
        }
    }
}

/// Everything one article yields.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The article with its metadata and clean text.
    pub article: Article,
    /// The entities it names, sorted by name, each once.
    pub entities: Vec<Entity>,
    /// The facts it states, in text order.
    pub facts: Vec<Fact>,
}

impl Extraction {
    /// The entities' names in a set (for membership tests).
    pub fn entity_names(&self) -> BTreeSet<&str> {
        self.entities.iter().map(|e| e.name.as_str()).collect()
    }
}
