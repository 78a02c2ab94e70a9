//! The extraction pipeline: loaded once from `ontology/`, then applied to
//! each article. Pass one finds the article's entities; pass two reads each
//! sentence as items (entities, numbers, dates, words) and runs the rules.

use crate::article::Article;
use crate::date::{PartialDate, find_dates};
use crate::error::{IngestError, Result};
use crate::fact::{Entity, Evidence, Extraction, Fact};
use crate::item::Item;
use crate::lexicon::Lexicon;
use crate::measure::{MeasureInput, MeasureRules, MeasureState};
use crate::mention::{EntityRules, Found};
use crate::number::find_quantities;
use crate::pattern::TitleSet;
use crate::registry::Registry;
use crate::rules::{Rule, Template, load_rule_file};
use crate::segment::{Segmenter, Token};
use crate::sentence::{Sentence, split_sentences};
use crate::short_form::ShortForms;
use crate::vocab::{EntityClass, Relation};
use std::collections::HashSet;
use std::path::Path;

/// Everything extraction needs, loaded once and shared by all articles.
pub struct Pipeline {
    lexicon: Lexicon,
    segmenter: Segmenter,
    entity_rules: EntityRules,
    rules: Vec<Rule>,
    measures: MeasureRules,
    /// Company names that are common words too (浪潮, a wave; 百度):
    /// names only among other names (戴尔、浪潮、万国数据).
    common_word_companies: HashSet<String>,
    fingerprint: String,
}

impl TitleSet for EntityRules {
    fn titles(&self) -> &[String] {
        &self.titles
    }
}

/// Quote marks are dropped before matching so that `“创坝”园区` reads as a
/// name; offsets of evidence still refer to the original sentence. Two
/// quoted things side by side (“公司+合作社+农户”“公司+农民经纪人+农户”) keep
/// a space between them, so that no name runs from one into the other.
const QUOTES: &[char] = &['“', '”', '‘', '’', '"', '「', '」', '『', '』'];

impl Pipeline {
    /// Loads `lexicon/*.tsv`, `rules/entities.toml`, `rules/measures.toml`
    /// and the `[[rule]]` files in `rules/` under `ontology_dir`.
    pub fn load(ontology_dir: &Path) -> Result<Self> {
        let mut hasher = blake3::Hasher::new();
        let lexicon_dir = ontology_dir.join("lexicon");
        let rules_dir = ontology_dir.join("rules");
        let mut lexicon = Lexicon::load_dir(&lexicon_dir)?;
        let (mut segmenter, ()) = std::thread::scope(|scope| {
            let model = scope.spawn(Segmenter::prepare_model);
            (Segmenter::plain(), model.join().unwrap_or(()))
        });
        let entity_rules_path = rules_dir.join("entities.toml");
        let measures_path = rules_dir.join("measures.toml");
        let entity_rules = EntityRules::load(&entity_rules_path)?;
        // Division names that are also common words (城区, 朝阳) are not
        // looked up. Below the cities: short forms jieba knows as a common
        // noun, adjective, adverb or the like (verbs stay: jieba tags 怀来
        // a verb), and full names of two characters it knows as common
        // nouns. Countries, cities and provinces are too few and too often
        // named for jieba's tags, which call 银川 and 合肥 common nouns and
        // 我国 a pronoun: those that are common words are listed
        // (`not_places`) and stay in the lexicon, to name the place right
        // after its province (山西大同) only. The short forms judged by tag
        // name their division right after its province too (西藏定日).
        let is_name_tag = |tag: &str| {
            !matches!(tag, "n" | "vn" | "a" | "ad" | "an" | "d" | "m" | "t" | "c" | "p" | "r" | "q" | "f" | "s")
        };
        let judged_by_tag =
            |class: EntityClass| !matches!(class, EntityClass::Country | EntityClass::City | EntityClass::Province);
        let is_common_word = |class: EntityClass, alias: &str| {
            !entity_rules.is_not_a_place(alias)
                && judged_by_tag(class)
                && segmenter.known_tag(alias).is_some_and(|tag| !is_name_tag(&tag))
        };
        let risky: Vec<String> = lexicon
            .entries()
            .iter()
            .filter(|e| e.class.is_administrative())
            .flat_map(|e| {
                let names = e.aliases.iter().chain(std::iter::once(&e.name).filter(|n| n.chars().count() <= 2));
                names.filter(|alias| is_common_word(e.class, alias))
            })
            .cloned()
            .collect();
        for alias in risky {
            lexicon.keep_only_after_province(&alias);
        }
        let common_word_companies = lexicon
            .entries()
            .iter()
            .filter(|e| e.class == EntityClass::Company)
            .flat_map(|e| e.aliases.iter().chain(std::iter::once(&e.name)))
            .filter(|name| segmenter.known_tag(name).is_some_and(|tag| tag == "n"))
            .cloned()
            .collect();
        let measures = MeasureRules::load(&measures_path)?;
        let mut rules = Vec::new();
        for path in crate::data_files(&rules_dir, "toml")? {
            let text =
                std::fs::read_to_string(&path).map_err(|source| IngestError::Io { path: path.clone(), source })?;
            hasher.update(path.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default());
            hasher.update(text.as_bytes());
            if path != entity_rules_path && path != measures_path {
                rules.extend(load_rule_file(&path, &text)?);
            }
        }
        for path in crate::data_files(&lexicon_dir, "tsv")? {
            hasher.update(path.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default());
            hasher.update(&std::fs::read(&path).map_err(|source| IngestError::Io { path: path.clone(), source })?);
        }
        segmenter.add_lexicon(&lexicon);
        segmenter.add_common_words(entity_rules.no_place_in());
        segmenter.add_rare_words(entity_rules.rare_words());
        Ok(Self {
            lexicon,
            segmenter,
            entity_rules,
            rules,
            measures,
            common_word_companies,
            fingerprint: hasher.finalize().to_hex()[..16].to_string(),
        })
    }

    /// The lexicon names are grounded in.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// A hash of the lexicon and rules: when it changes, stored facts are stale.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The relation and position rules, for listing and testing.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The target and observation cues, with their examples, for testing.
    pub fn measure_rules(&self) -> &MeasureRules {
        &self.measures
    }

    /// The entity-finding cues, for testing their examples.
    pub fn entity_rules(&self) -> &EntityRules {
        &self.entity_rules
    }

    /// The segmenter, for benchmarks that compare against plain jieba.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Extracts the entities and facts of one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        let sentences = split_sentences(&article.text);
        let prepared: Vec<Prepared<'_>> = sentences.iter().map(|s| self.prepare(s)).collect();
        // each sentence is segmented once; both passes read these words
        let mut words: Vec<Vec<Token<'_>>> = prepared
            .iter()
            .map(|p| {
                let tokens = self.split_divisions(self.split_committees(self.segmenter.tokens(&p.text)));
                self.join_after_province(&p.text, self.split_country_bodies(tokens))
            })
            .collect();
        let context = self.division_context(&words);
        let mut registry = Registry::default();
        // facts the names themselves state (安徽芜湖…, “一带两翼…”)
        let mut name_facts = Vec::new();
        for (p, tokens) in prepared.iter().zip(words.iter_mut()) {
            self.discover(p, tokens, &context, &mut registry, &mut name_facts);
        }
        self.derive_short_forms(&article.text, &mut registry);
        let mut facts = name_facts;
        let mut measure_state = MeasureState::default();
        let mut focus = Focus::default();
        // where each entity is first named: the evidence of what its name says
        let mut mentioned: Vec<Option<Evidence>> = vec![None; registry.entities.len()];
        for (p, tokens) in prepared.iter().zip(&words) {
            let items = self.items(p, tokens, &registry, &mut focus, article.date);
            let evidence = |rule: &str| p.evidence(rule);
            self.apply_rules(&items, &registry, &evidence, &mut facts);
            let sentence = MeasureInput {
                items: &items,
                paragraph: p.sentence.paragraph,
                article_date: article.date,
                registry: &registry,
            };
            self.measures.read(&sentence, &mut measure_state, &evidence, &mut facts);
            for (i, item) in items.iter().enumerate() {
                if let Item::Entity { entity, surface, class } = item {
                    focus.seen(*entity, &registry);
                    // 我国 refers to 中国 without naming it; 成都 in 成都世运会
                    // (and the park 中关村 in 中关村论坛) names the event, as a
                    // place inside any name does, and 台湾 in 台湾问题 is part
                    // of a label
                    let place = class.is_administrative() || matches!(class, EntityClass::Region | EntityClass::Park);
                    let in_a_label =
                        || items.get(i + 1).and_then(Item::word).is_some_and(|w| self.entity_rules.is_label(w));
                    // (so does a programme in a forum's name: “一带一路”国际合作高峰论坛)
                    let opens_an_event =
                        (place || *class == EntityClass::Program) && self.measures.names_an_event(&items, i);
                    let names_it = !(self.entity_rules.only_refers(surface) || opens_an_event || place && in_a_label());
                    if mentioned[*entity].is_none() && names_it {
                        mentioned[*entity] = Some(evidence("name/prefix"));
                    }
                }
            }
        }
        self.facts_from_names(&registry, &mentioned, &mut facts);
        finish(article, registry, &mentioned, facts)
    }

    /// jieba knows the party committees of large divisions as one word
    /// (重庆市委, 河北省委), which hides the place; such a word is read as
    /// the division and 委, as jieba cuts the others (张家口/市委), so that
    /// 重庆市委书记袁某 names 重庆市.
    fn split_committees<'a>(&self, tokens: Vec<Token<'a>>) -> Vec<Token<'a>> {
        split_words(tokens, ("ns", "n"), |t| {
            let stem = t.text.strip_suffix('委')?;
            self.lexicon.get(stem).filter(|e| e.class.is_administrative()).map(|_| stem.len())
        })
    }

    /// jieba knows many countries' ministries as one word (俄罗斯国防部,
    /// 美国国务院, 中国外交部), which hides both names; such a word is read
    /// as the country and the body, which discovery then names together.
    fn split_country_bodies<'a>(&self, tokens: Vec<Token<'a>>) -> Vec<Token<'a>> {
        let is = |name: &str, class: EntityClass| self.lexicon.get(name).is_some_and(|e| e.class == class);
        split_words(tokens, ("ns", "nt"), |t| {
            if t.pos != "nt" || self.lexicon.get(t.text).is_some() {
                return None;
            }
            t.text
                .char_indices()
                .skip(1)
                .map(|(at, _)| at)
                .find(|&at| is(&t.text[..at], EntityClass::Country) && is(&t.text[at..], EntityClass::GovernmentBody))
        })
    }

    /// jieba's dictionary joins some provinces and their cities into one
    /// place word (辽宁大连, 湖南永州, 广西南宁) that the lexicon does not
    /// hold; such a word is read as the two divisions, so that the city is
    /// named (辽宁大连今年将实施…: 大连's goals); so is a word of another
    /// tag that a province opens (吉林长春). Two names that do not nest
    /// stay one word (河北平原: 平原县 is in Shandong).
    fn split_divisions<'a>(&self, tokens: Vec<Token<'a>>) -> Vec<Token<'a>> {
        let division = |name: &str| self.lexicon.get(name).filter(|e| e.class.is_administrative());
        let nested = |outer: &str, inner: &str| {
            let (Some(outer), Some(inner)) = (division(outer), division(inner)) else { return false };
            inner.lies_within(outer)
        };
        // (吉林长春, tagged as a person's name)
        let opens_with_a_province =
            |word: &str, at: usize| division(&word[..at]).is_some_and(|e| e.class == EntityClass::Province);
        split_words(tokens, ("ns", "ns"), |t| {
            if self.lexicon.get(t.text).is_some() {
                return None;
            }
            t.text.char_indices().skip(2).map(|(at, _)| at).find(|&at| {
                nested(&t.text[..at], &t.text[at..]) && (t.pos == "ns" || opens_with_a_province(t.text, at))
            })
        })
    }

    /// 贵州道真, 湖北当阳: a county or city written right after its
    /// province is named by its short form even where jieba cuts that in
    /// two (道|真: a weak user word loses to two common ones); the words
    /// that spell it become one.
    fn join_after_province<'a>(&self, text: &'a str, tokens: Vec<Token<'a>>) -> Vec<Token<'a>> {
        let byte_at = |char_at: usize| text.char_indices().nth(char_at).map_or(text.len(), |(at, _)| at);
        let mut out: Vec<Token<'a>> = Vec::with_capacity(tokens.len());
        let mut k = 0;
        while k < tokens.len() {
            out.push(tokens[k].clone());
            k += 1;
            let Some(province) = self.province_named(tokens[k - 1].text) else { continue };
            // the longest run of two or three words that spells one
            let spelled = |end: usize| &text[byte_at(tokens[k].start)..byte_at(tokens[end - 1].end)];
            let run = (k + 2..=(k + 3).min(tokens.len()))
                .rev()
                .find(|&end| self.lexicon.division_after_province(spelled(end), province).is_some());
            if let Some(end) = run {
                out.push(Token { text: spelled(end), pos: "ns", start: tokens[k].start, end: tokens[end - 1].end });
                k = end;
            }
        }
        out
    }

    fn prepare<'a>(&self, sentence: &Sentence<'a>) -> Prepared<'a> {
        let spaced = sentence.text.replace("”“", " ").replace("’‘", " ");
        let text: String = spaced.chars().filter(|c| !QUOTES.contains(c)).collect();
        let chars: Vec<char> = text.chars().collect();
        let quoted = quoted_spans(&spaced);
        Prepared { sentence: sentence.clone(), text, chars, quoted }
    }

    /// Pass one: lexicon words, suffix names, plan titles, people, layouts
    /// and 简称 aliases of one sentence go into the registry.
    /// The provinces and cities an article names, as code prefixes (13,
    /// 1307): the context that grounds county names.
    fn division_context(&self, words: &[Vec<Token<'_>>]) -> DivisionContext {
        let mut prefixes = std::collections::HashSet::new();
        for t in words.iter().flatten() {
            if self.entity_rules.is_not_a_place(t.text) {
                continue;
            }
            if let Some(entry) =
                self.lexicon.get(t.text).filter(|e| matches!(e.class, EntityClass::Province | EntityClass::City))
            {
                for code in &entry.adcodes {
                    let prefix = if entry.class == EntityClass::Province || code.ends_with("0000") {
                        &code[..2]
                    } else {
                        &code[..4]
                    };
                    prefixes.insert(prefix.to_string());
                }
            }
        }
        DivisionContext { prefixes }
    }

    fn discover(
        &self,
        p: &Prepared<'_>,
        tokens: &mut [Token<'_>],
        context: &DivisionContext,
        registry: &mut Registry,
        name_facts: &mut Vec<Fact>,
    ) {
        let mut found: Vec<Found> = Vec::new();
        for k in 0..tokens.len() {
            let (before, rest) = tokens.split_at_mut(k);
            let (t, after) = rest.split_first_mut().expect("k is within tokens");
            // 西藏定日: a short form that is a common word names its
            // division right after the province
            let province_before = before.last().filter(|b| b.end == t.start).and_then(|b| self.province_named(b.text));
            let after_province = || province_before.and_then(|p| self.lexicon.division_after_province(t.text, p));
            if let Some(entry) = self.lexicon_entry(t.text, context).or_else(after_province) {
                if entry.class.is_administrative() && self.segmenter.splits_a_word(&p.chars, t.start, before.last()) {
                    continue;
                }
                // 《中国个人信息保护报告》, 《美丽中国》: a title names a work,
                // none of the names it holds
                if in_a_title(&p.chars, t.start) {
                    continue;
                }
                // 人社部/门, 商务部/门 as jieba cuts them: a kind of office
                // anywhere (各级人社部门), not the ministry
                if t.text.ends_with('部') && after.first().is_some_and(|next| next.text == "门") {
                    continue;
                }
                // 世界大同, 巴中关系: a short form that is mostly a common word
                // names its place only right after its province (山西大同,
                // 四川巴中至南充)
                if self.entity_rules.is_not_a_place(t.text) && !self.follows_its_province(entry, before.last()) {
                    continue;
                }
                if !context.admits(entry, t.text) {
                    continue;
                }
                // 数字浪潮下, 时代的浪潮: a common word, unless listed with names
                let listed = |token: Option<&Token<'_>>| token.is_some_and(|t| t.text == "、");
                if self.common_word_companies.contains(t.text) && !listed(before.last()) && !listed(after.first()) {
                    continue;
                }
                // 算力新城: a short form that is a class suffix, right after
                // a word, ends a compound; it is not the district 新城区
                if entry.name != t.text
                    && self.entity_rules.is_suffix(t.text)
                    && before.last().is_some_and(|b| b.end == t.start && b.text.chars().all(char::is_alphanumeric))
                {
                    continue;
                }
                // jieba's own tag for a known name may be wrong (怀来/v)
                t.pos = crate::segment::pos_tag(entry.class);
                found.push(Found { name: t.text.to_string(), class: entry.class, start: t.start, end: t.end });
                // 古巴外交部, 美国国务院: a body of the lexicon (China's) after
                // another country is that country's, named with it; after
                // 中国 it is the lexicon's, and 中国 is inside its name
                let country = before
                    .last()
                    .filter(|b| b.end == t.start)
                    .and_then(|b| self.lexicon.get(b.text).filter(|e| e.class == EntityClass::Country).map(|e| (b, e)));
                if let (Some((country, country_entry)), EntityClass::GovernmentBody) = (country, entry.class) {
                    let name = if country_entry.name == "中国" {
                        t.text.to_string()
                    } else {
                        p.chars[country.start..t.end].iter().collect()
                    };
                    found.push(Found { name, class: entry.class, start: country.start, end: t.end });
                }
            }
        }
        let named = self.entity_rules.suffix_names(&p.chars, tokens, &found, &self.segmenter);
        found.extend(named);
        found.extend(self.entity_rules.plan_titles(&p.chars));
        found.extend(self.entity_rules.people_after_titles(&p.chars, tokens));
        let listed = self.entity_rules.enumerations(&p.chars, tokens, &found, &self.segmenter);
        found.extend(listed);
        // 《中华人民共和国政府和秘鲁共和国政府…协定》, 《扬州慢》: the names in
        // a title are the title's words, no mentions (a plan's title is a
        // name of its own)
        let titles = title_spans(&p.chars);
        found.retain(|f| {
            !titles.iter().any(|t| t.start <= f.start && f.end <= t.end && (f.start, f.end) != (t.start, t.end))
        });
        // 推动一批“小而美”的数字经济合作项目: no name starts inside a quoted
        // phrase and runs out of it (美的 is a company, 美的…项目 a project)
        found.retain(|f| !p.quoted.iter().any(|q| q.start < f.start && f.start < q.end && f.end > q.end));
        // a name inside a longer one is not a mention of its own
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut covered_to = 0;
        found.retain(|f| {
            let keep = f.start >= covered_to;
            covered_to = covered_to.max(f.end);
            keep
        });
        for written in &found {
            let (f, province) = match self.leading_province(tokens, written, context) {
                Some((province, rest)) => (rest, Some(self.register_found(&province, registry, context))),
                None => (written.clone(), None),
            };
            let i = self.register_found(&f, registry, context);
            // 辽宁北斗产业园 is 北斗产业园, in 辽宁, by its name as written too
            if province.is_some() {
                registry.add_written_name(i, &written.name);
            }
            self.short_name_aliases(p, &f, i, registry);
            let place = self.place_in_name(tokens, &f, i, registry, context);
            // 安徽芜湖数据中心集群: 芜湖 lies in 安徽; 贵州贵安新区: the park does
            if let Some(province) = province {
                let located = place.unwrap_or(i);
                if place.is_none() || registry.is_within(located, province) {
                    name_facts.push(Fact::Relation {
                        subject: registry.entities[located].name.clone(),
                        relation: Relation::LocatedIn,
                        object: registry.entities[province].name.clone(),
                        evidence: p.evidence("locatedIn/province-before-name"),
                    });
                }
            }
        }
        self.discover_layouts(p, registry, name_facts);
    }

    /// The lexicon's entry for a surface form in this article: a city's
    /// short form names a county of the same short form instead where the
    /// article names the county's city (or municipality) and not the city's
    /// province (朝阳 in an article on 北京 is 朝阳区, not 辽宁's 朝阳市).
    fn lexicon_entry(&self, surface: &str, context: &DivisionContext) -> Option<&crate::lexicon::LexiconEntry> {
        let entry = self.lexicon.get(surface)?;
        if entry.name == surface || entry.class != EntityClass::City || context.names_the_province_of(entry) {
            return Some(entry);
        }
        // (长沙县 lies in 长沙市: the city's own short form names the city)
        let rival = |e: &&crate::lexicon::LexiconEntry| {
            e.class == EntityClass::County && !e.lies_within(entry) && context.names_the_city_of(e)
        };
        let county = self.lexicon.shadowed(surface).find(rival);
        Some(county.unwrap_or(entry))
    }

    fn register_found(&self, f: &Found, registry: &mut Registry, context: &DivisionContext) -> usize {
        match self.lexicon_entry(&f.name, context).or_else(|| self.lexicon.get_after_province_only(&f.name)) {
            Some(entry) => {
                // a name several divisions share (桥东区) takes the code the
                // article's places point to, or none: never a guess
                let adcode = match entry.adcodes.as_slice() {
                    [one] => Some(one.clone()),
                    _ => context.grounds(entry),
                };
                let qualified_name = adcode.as_deref().and_then(|code| self.lexicon.qualified_name(entry, code));
                let i = registry.register(&entry.name, entry.class, adcode);
                registry.entities[i].qualified_name = qualified_name;
                registry.add_alias(i, &f.name);
                i
            }
            None => registry.register(&f.name, f.class, None),
        }
    }

    /// 贵州贵安新区, 安徽芜湖数据中心集群: a province written before the
    /// name of a park or data center only says where it lies; the park is
    /// 贵安新区. Returns the province and the name without it, when what
    /// is left is a name of its own (not 河北省经开区).
    fn leading_province(&self, tokens: &[Token<'_>], f: &Found, context: &DivisionContext) -> Option<(Found, Found)> {
        let (place, rest) = self.place_leading(tokens, f, context)?;
        let rest = rest?;
        (place.class == EntityClass::Province).then(|| {
            let start = place.end;
            (place, Found { name: rest, class: f.class, start, end: f.end })
        })
    }

    /// 张家口经开区, 芜湖数据中心集群: a park or data center named
    /// after a place keeps the whole name; the place is a mention of its
    /// own (so the park is located in it) and the rest, when distinctive
    /// (贵安新区, not 经开区), another name of the park. Returns the place.
    fn place_in_name(
        &self,
        tokens: &[Token<'_>],
        f: &Found,
        i: usize,
        registry: &mut Registry,
        context: &DivisionContext,
    ) -> Option<usize> {
        let (place, rest) = self.place_leading(tokens, f, context)?;
        let place = self.register_found(&place, registry, context);
        if let Some(rest) = rest {
            registry.add_alias(i, &rest);
        }
        Some(place)
    }

    /// The place the name of a park or data center the lexicon does not
    /// know starts with (张家口|经开区), as a mention of its own, and the
    /// rest of the name when that is a name of its own (贵安新区, not 经开区).
    fn place_leading(
        &self,
        tokens: &[Token<'_>],
        f: &Found,
        context: &DivisionContext,
    ) -> Option<(Found, Option<String>)> {
        if !matches!(f.class, EntityClass::Park | EntityClass::DataCenter) || self.lexicon.get(&f.name).is_some() {
            return None;
        }
        let head = tokens.iter().find(|t| t.start == f.start && t.end < f.end)?;
        let entry = self.lexicon.get(head.text).filter(|e| e.class.is_place())?;
        // 秦淮/数据集团…基地
        if !context.admits(entry, head.text) {
            return None;
        }
        let place = Found { name: head.text.to_string(), class: entry.class, start: head.start, end: head.end };
        let rest: Vec<char> = f.name.chars().skip(head.end - head.start).collect();
        let distinctive = self.entity_rules.is_distinctive(self.entity_rules.stem(&rest));
        Some((place, distinctive.then(|| rest.into_iter().collect())))
    }

    /// `张家口北方硅谷高科新城（简称“创坝”园区）`: the text after 简称 is
    /// another name of the entity right before the bracket.
    fn short_name_aliases(&self, p: &Prepared<'_>, f: &Found, i: usize, registry: &mut Registry) {
        let rest: String = p.chars[f.end.min(p.chars.len())..].iter().take(20).collect();
        for lead in ["（简称", "(简称", "（以下简称", "(以下简称"] {
            if let Some(after) = rest.strip_prefix(lead) {
                let alias: String = after.chars().take_while(|c| !matches!(c, '）' | ')' | '，' | '、')).collect();
                if alias.chars().count() >= 2 {
                    registry.add_alias(i, &alias);
                    for (suffix, _) in self.entity_rules_suffixes(f.class) {
                        if let Some(stem) = alias.strip_suffix(suffix.as_str()) {
                            if stem.chars().count() >= 2 {
                                registry.add_alias(i, stem);
                            }
                        }
                    }
                }
            }
        }
    }

    fn entity_rules_suffixes(&self, class: EntityClass) -> Vec<(String, EntityClass)> {
        ["园区", "公司", "集团", "基地"].iter().map(|s| (s.to_string(), class)).collect()
    }

    /// Spatial layouts written as one quoted term of numbered parts
    /// (“一带两翼三区多节点”): the whole and each part are zones, each part
    /// partOf the whole. A part explained later with 即 under another name
    /// with the same numeral (“多园”即…) is an alias of that part.
    fn discover_layouts(&self, p: &Prepared<'_>, registry: &mut Registry, name_facts: &mut Vec<Fact>) {
        let original: Vec<char> = p.sentence.text.chars().collect();
        let mut i = 0;
        while i < original.len() {
            if original[i] != '“' {
                i += 1;
                continue;
            }
            let Some(len) = original[i + 1..].iter().take(16).position(|c| *c == '”') else {
                i += 1;
                continue;
            };
            let term: String = original[i + 1..i + 1 + len].iter().collect();
            let after = original.get(i + len + 2).copied();
            let parts = layout_parts(&term);
            let spatial = ["布局", "格局", "空间"].iter().any(|w| p.sentence.text.contains(w));
            if parts.len() >= 3 && spatial {
                let whole = registry.register(&term, EntityClass::Zone, None);
                for part in &parts {
                    let z = registry.register(part, EntityClass::Zone, None);
                    name_facts.push(Fact::Relation {
                        subject: registry.entities[z].name.clone(),
                        relation: Relation::PartOf,
                        object: registry.entities[whole].name.clone(),
                        evidence: p.evidence("layout/parts"),
                    });
                }
            } else if parts.len() == 1 && after == Some('即') && registry.find(&term).is_none() {
                let numeral = term.chars().next();
                let sibling = registry.entities.iter().position(|e| {
                    e.class == EntityClass::Zone && e.name.chars().count() <= 3 && e.name.chars().next() == numeral
                });
                match sibling {
                    Some(z) => registry.add_alias(z, &term),
                    None => {
                        registry.register(&term, EntityClass::Zone, None);
                    }
                }
            }
            i += len + 2;
        }
    }

    /// The short forms company names go by.
    pub fn short_forms(&self) -> ShortForms<'_> {
        ShortForms::new(&self.lexicon, &self.entity_rules)
    }

    /// Short forms of company names (智慧互通科技股份有限公司 → 智慧互通),
    /// and other names without the place they open with, become aliases
    /// when the article uses them.
    fn derive_short_forms(&self, text: &str, registry: &mut Registry) {
        let short_forms = self.short_forms();
        for i in 0..registry.entities.len() {
            // 鲲鹏生态创新中心, written before 甘肃鲲鹏生态创新中心: too
            // common in its words to be found as a name, it is the same one
            if !registry.entities[i].class.is_administrative()
                && registry.entities[i].class != EntityClass::Company
                && self.lexicon.get(&registry.entities[i].name).is_none()
            {
                if let Some(form) = short_forms.without_place(&registry.entities[i].name) {
                    if registry.find(&form).is_none() && text.contains(&form) {
                        registry.add_alias(i, &form);
                    }
                }
            }
            if registry.entities[i].class != EntityClass::Company || registry.is_merged(i) {
                continue;
            }
            let name = registry.entities[i].name.clone();
            for form in short_forms.of(&name) {
                match registry.find(&form) {
                    // found on its own before (宝德数坝公司): the same company
                    Some(other)
                        if registry.entities[other].class == EntityClass::Company
                            && registry.entities[other].name.chars().count() < name.chars().count() =>
                    {
                        registry.merge(other, i)
                    }
                    Some(_) => {}
                    None if text.contains(&form) => registry.add_alias(i, &form),
                    None => {}
                }
            }
        }
    }

    /// Pass two: the sentence as items.
    fn items(
        &self,
        p: &Prepared<'_>,
        tokens: &[Token<'_>],
        registry: &Registry,
        focus: &mut Focus,
        article_date: Option<PartialDate>,
    ) -> Vec<Item> {
        let chars = &p.chars;
        let mut spans: Vec<Span> = Vec::new();
        focus.start_sentence(p.sentence.paragraph);
        // 国铁 (国铁集团) is no mention in 全国铁路: a name may not start
        // inside a word jieba knows (it may start one: 河北省|委)
        // nor inside 北京时间, a word that names no place
        let starts_inside_a_word = |at: usize| {
            let k = tokens.partition_point(|t| t.end <= at);
            tokens.get(k).is_some_and(|t| {
                t.start < at && self.segmenter.has_word(t.text)
                    || self.entity_rules.no_place_in().iter().any(|w| w == t.text)
            })
        };
        // 数字中国, 美丽中国建设: a place after a slogan's word is part of
        // the slogan
        let opens_after_a_slogan_word = |at: usize| {
            let k = tokens.partition_point(|t| t.end <= at);
            k > 0 && tokens[k - 1].end == at && self.entity_rules.opens_a_label(tokens[k - 1].text)
        };
        let mut at = 0;
        while at < chars.len() {
            // nor inside a title (《中国个人信息保护报告》 names a work)
            let free_to_name = |_: &(usize, usize)| {
                !starts_inside_a_word(at) && !in_a_title(chars, at) && !opens_after_a_slogan_word(at)
            };
            if let Some((n, i)) = registry.longest_at(chars, at).filter(free_to_name) {
                let entity = &registry.entities[i];
                focus.named_in_sentence(at, i, entity.class);
                spans.push((
                    at,
                    at + n,
                    Item::Entity { entity: i, class: entity.class, surface: chars[at..at + n].iter().collect() },
                ));
                at += n;
            } else {
                at += 1;
            }
        }
        let free =
            |s: usize, e: usize, spans: &[(usize, usize, Item)]| spans.iter().all(|(a, b, _)| e <= *a || s >= *b);
        for d in find_dates(&p.text, article_date) {
            if free(d.start, d.end, &spans) {
                spans.push((d.start, d.end, Item::Date(d)));
            }
        }
        for q in find_quantities(&p.text) {
            if free(q.start, q.end, &spans) {
                let start = q.start;
                let end = q.end;
                spans.push((start, end, Item::Quantity(q)));
            }
        }
        spans.sort_by_key(|s| s.0);
        self.mark_route_names(chars, tokens, &mut spans);
        self.mark_facility_names(chars, tokens, &mut spans);
        let mut items = Vec::with_capacity(tokens.len());
        let mut next_span = 0;
        let mut pos = 0;
        for t in tokens {
            while next_span < spans.len() && spans[next_span].0 < t.end {
                let (s, e, item) = &spans[next_span];
                if *s > pos {
                    let text: String = chars[pos.max(t.start)..*s].iter().collect();
                    if !text.is_empty() {
                        items.push(word_item(&text, t.pos));
                    }
                }
                items.push(item.clone());
                pos = *e;
                next_span += 1;
            }
            if t.end > pos {
                let text: String = chars[pos.max(t.start)..t.end].iter().collect();
                match self.coreference(&text, items.last(), pos.max(t.start), focus, registry) {
                    Some(i) => items.push(Item::Entity { entity: i, class: registry.entities[i].class, surface: text }),
                    None if self.is_facility_word(&text, t.pos) => {
                        // 广州|白云国际机场: the divisions that open the word
                        // are the facility's
                        let opened_by_divisions = pos > t.start;
                        let name = if opened_by_divisions { take_divisions_before(&mut items, text) } else { text };
                        items.push(Item::Facility(name));
                    }
                    None if self.entity_rules.is_facility(&text) && ends_a_proper_name(items.last()) => {
                        // 广西北部湾港, 英国希思罗机场: the divisions before the
                        // name are the facility's, as in 宁波舟山港
                        let Some(Item::Word { text: name, .. }) = items.pop() else { unreachable!() };
                        let name = take_divisions_before(&mut items, name);
                        items.push(Item::Facility(name + &text));
                    }
                    None => items.push(word_item(&text, t.pos)),
                }
                pos = t.end;
            }
        }
        items
    }

    /// The divisions of a route between places (纳雍至晴隆高速, 湖南衡阳至
    /// 广西南宁、贵州贵阳至广西北海等高速公路) name the route, not the
    /// places: from the first of them to the last becomes one
    /// `Item::Facility`.
    fn mark_route_names(&self, chars: &[char], tokens: &[Token<'_>], spans: &mut Vec<Span>) {
        let token_at = |at: usize| tokens.binary_search_by_key(&at, |t| t.start).ok();
        let is_route = |k: usize| tokens.get(k).is_some_and(|t| self.entity_rules.is_route(t.text));
        fold_division_runs(chars, spans, |spans, i| {
            let (mut j, mut end) = (i + 1, spans[i].1);
            let mut between = false;
            loop {
                // divisions written together (内蒙古鄂尔多斯)
                while j < spans.len() && is_division(&spans[j]) && spans[j].0 == end {
                    end = spans[j].1;
                    j += 1;
                }
                let Some(link) = token_at(end).filter(|&k| matches!(tokens[k].text, "至" | "到" | "—" | "、"))
                else {
                    break;
                };
                if !(j < spans.len() && is_division(&spans[j]) && spans[j].0 == tokens[link].end) {
                    break;
                }
                between |= tokens[link].text != "、";
                end = spans[j].1;
                j += 1;
            }
            // …至…高速, …至…等高速公路, 哈密到重庆±800千伏特高压
            // (the line's voltage between: ±800千伏)
            let mut after = end;
            for _ in 0..3 {
                match token_at(after) {
                    Some(k) if !is_route(k) && (tokens[k].text == "±" || matches!(tokens[k].pos, "m" | "q")) => {
                        after = tokens[k].end;
                    }
                    _ => break,
                }
            }
            let closes = token_at(after).is_some_and(|k| is_route(k) || tokens[k].text == "等" && is_route(k + 1));
            (j, between && closes)
        });
    }

    /// Divisions that open the name of a port, an airport or a border
    /// crossing (宁波舟山港, 北京大兴机场, 成都天府国际机场, 珠海公路口岸) name
    /// the facility, not the place: the run of them becomes one
    /// `Item::Facility`. The facility word follows the divisions, or one
    /// short word between (天府).
    fn mark_facility_names(&self, chars: &[char], tokens: &[Token<'_>], spans: &mut Vec<Span>) {
        // tokens and spans are in text order
        let token_at = |at: usize| tokens.binary_search_by_key(&at, |t| t.start).ok();
        // one word or two (国际|机场)
        let facility_at = |at: usize| {
            token_at(at).is_some_and(|k| {
                let rules = &self.entity_rules;
                rules.is_facility(tokens[k].text)
                    || tokens.get(k + 1).is_some_and(|next| rules.is_facility_in_two(tokens[k].text, next.text))
            })
        };
        fold_division_runs(chars, spans, |spans, run_start| {
            let mut run_end = run_start + 1;
            while run_end < spans.len() && is_division(&spans[run_end]) && spans[run_end].0 == spans[run_end - 1].1 {
                run_end += 1;
            }
            let (start, after) = (spans[run_start].0, spans[run_end - 1].1);
            let names_a_facility = facility_at(after)
                || token_at(after).map(|k| &tokens[k]).is_some_and(|t| {
                    t.text.chars().count() <= 2
                        && t.text.chars().all(crate::clean::is_cjk)
                        && spans.binary_search_by_key(&after, |s| s.0).is_err()
                        && facility_at(t.end)
                })
                || self.opens_an_organization(chars, start, after, tokens);
            (run_end, names_a_facility)
        });
    }

    /// Whether the divisions from `start` to `after` and the word after
    /// them (or the rest of the word they end in) make a name jieba knows
    /// as an organization's (中国邮政, 中国航天, 上海证券交易所), which the
    /// lexicon's places cut in two. A place's
    /// government, party committee, parliament or ministries (北京市政府,
    /// 浙江省委, 日本国会, 美国商务部) stand for the place, and so does its
    /// civil aviation (中国民航, a sector jieba tags as an organization).
    fn opens_an_organization(&self, chars: &[char], start: usize, after: usize, tokens: &[Token<'_>]) -> bool {
        const THE_PLACE: &[&str] =
            &["政府", "委", "人大", "政协", "国会", "议会", "议院", "部", "署", "局", "厅", "民航"];
        // the word that holds the divisions' end, or the one right after them
        let Some(end) = tokens.iter().find(|t| t.start < after && t.end > after || t.start == after).map(|t| t.end)
        else {
            return false;
        };
        let name: String = chars[start..end].iter().collect();
        !THE_PLACE.iter().any(|g| name.ends_with(g)) && self.segmenter.known_tag(&name).is_some_and(|tag| tag == "nt")
    }

    /// Whether `previous` names the province a city lies in (山西 before
    /// 大同). A county's short form that is mostly a common word is one
    /// even there (辽宁振兴 is 辽宁's revival, 杭州西湖 the lake).
    fn follows_its_province(&self, entry: &crate::lexicon::LexiconEntry, previous: Option<&Token<'_>>) -> bool {
        let province = previous.and_then(|t| self.province_named(t.text));
        entry.class != EntityClass::County && province.is_some_and(|province| entry.lies_within(province))
    }

    /// The province `word` names, if it names one.
    fn province_named(&self, word: &str) -> Option<&crate::lexicon::LexiconEntry> {
        self.lexicon.get(word).filter(|e| e.class == EntityClass::Province)
    }

    /// A word jieba keeps whole that is a division's name and a facility
    /// word (天津港, 青岛港), or that jieba takes for a name and ends in a
    /// facility word (广州白云国际机场, 首都国际机场).
    fn is_facility_word(&self, word: &str, pos: &str) -> bool {
        let proper = matches!(pos, "ns" | "nt" | "nz");
        self.entity_rules.facilities().iter().any(|f| {
            word.strip_suffix(f.as_str()).is_some_and(|before| {
                self.lexicon.get(before).is_some_and(|e| e.class.is_administrative())
                    || proper && before.chars().count() >= 2
            })
        })
    }

    /// The entity a word such as 该市 refers to. Plain nouns (园区) refer
    /// only where they open a clause, or after 该/这个/整个.
    fn coreference(
        &self,
        word: &str,
        previous: Option<&Item>,
        at: usize,
        focus: &Focus,
        registry: &Registry,
    ) -> Option<usize> {
        let rules = &self.entity_rules;
        let of = |list: &[(String, EntityClass)]| list.iter().find(|(w, _)| w == word).map(|(_, c)| *c);
        let opens_a_clause =
            previous.is_none_or(|item| item.is_clause_break() || matches!(item.word(), Some("该" | "这个" | "整个")));
        let class =
            of(&rules.coreference).or_else(|| of(&rules.coreference_opening_a_clause).filter(|_| opens_a_clause))?;
        // 全区/该区 name a district, or an autonomous region (广西…。到2025
        // 年，全区计划营造红树林…)
        if class == EntityClass::County && word.ends_with('区') {
            if let Some(region) = focus.autonomous_region(at, registry) {
                return Some(region);
            }
        }
        focus.resolve(class, at, registry)
    }

    fn apply_rules(
        &self,
        items: &[Item],
        registry: &Registry,
        evidence: &dyn Fn(&str) -> Evidence,
        facts: &mut Vec<Fact>,
    ) {
        let name = |i: usize| items[i].entity().map(|e| registry.entities[e].name.clone());
        for rule in &self.rules {
            for caps in rule.pattern.find_all(items, &self.entity_rules) {
                match &rule.template {
                    Template::Relation { relation, subject, object, within } => {
                        for &s in &caps[subject] {
                            for &o in &caps[object] {
                                let (Some(sn), Some(on)) = (name(s), name(o)) else { continue };
                                if sn == on {
                                    continue;
                                }
                                if *within && !is_within(registry, &items[s], &items[o]) {
                                    continue;
                                }
                                let firms_only =
                                    |cap: &str| caps[cap].last().is_some_and(|&i| qualifies_firms(&items[i + 1..]));
                                if *relation == Relation::CooperatesWith && (firms_only(subject) || firms_only(object))
                                {
                                    continue;
                                }
                                facts.push(Fact::Relation {
                                    subject: sn,
                                    relation: *relation,
                                    object: on,
                                    evidence: evidence(&rule.id),
                                });
                            }
                        }
                    }
                    Template::Position { person, title, organization } => {
                        let (Some(p), Some(o)) = (name(caps[person][0]), name(caps[organization][0])) else { continue };
                        let mut t: String = caps[title].iter().filter_map(|&i| items[i].word()).collect();
                        // 河北省|委|书记: the pattern's 委 belongs to the title
                        let first = caps[title][0];
                        if first >= 2 && caps[organization][0] == first - 2 && items[first - 1].word() == Some("委") {
                            t.insert(0, '委');
                        }
                        // 张家口市委书记 read as 张家口市 + 委书记
                        if let (Some(rest), Some(org)) = (t.strip_prefix('委'), items[caps[organization][0]].entity())
                        {
                            let level = match registry.entities[org].class {
                                EntityClass::Province => "省委",
                                EntityClass::City => "市委",
                                EntityClass::County => "县委",
                                _ => "委",
                            };
                            t = format!("{level}{rest}");
                        }
                        facts.push(Fact::Position {
                            person: p,
                            title: t,
                            organization: o,
                            evidence: evidence(&rule.id),
                        });
                    }
                }
            }
        }
    }

    /// Facts a name itself states: a park or data center whose name starts
    /// with a place is located there (张家口经开区); one whose name starts
    /// with a company is operated by it (秦淮数据集团高端装备制造产业基地).
    fn facts_from_names(&self, registry: &Registry, first_named: &[Option<Evidence>], facts: &mut Vec<Fact>) {
        let starts_with = |name: &str, other: &Entity| {
            std::iter::once(&other.name)
                .chain(other.aliases.iter())
                .filter(|n| name.starts_with(n.as_str()))
                .map(|n| n.len())
                .max()
        };
        // 中国移动呼和浩特智算中心, 中国（绵阳）科技城, 美国谢赫伊萨空军基地
        // (in Bahrain): a country in a name names an owner or a brand as
        // often as where the thing lies, and where it lies is a place
        // further in; only divisions below the country locate by name
        let locates = |class: EntityClass| class.is_administrative() && class != EntityClass::Country;
        for (i, e) in registry.entities.iter().enumerate() {
            if !matches!(e.class, EntityClass::Park | EntityClass::DataCenter) {
                continue;
            }
            let Some(Some(named)) = first_named.get(i) else { continue };
            // 腾讯怀来云: the place may follow the operator's name
            let operator = registry
                .entities
                .iter()
                .filter(|o| o.class == EntityClass::Company)
                .find_map(|o| starts_with(&e.name, o));
            let rest = &e.name[operator.unwrap_or(0)..];
            // 中国（北京）自由贸易试验区, 吉林长春新区: a division named later
            // inside the name, nearer its suffix, is where it lies — if it
            // starts a word there (not 安新 in 雄安新区) and lies within the
            // division the name starts with (not 滨海 in 天津滨海新区)
            let first_division =
                registry.entities.iter().position(|o| locates(o.class) && starts_with(rest, o).is_some());
            let last_char = rest.chars().count();
            let mut end = 0;
            let inner_words = self.segmenter.cut(rest).into_iter().filter(|w| {
                let start = end;
                end += w.chars().count();
                start > 0 && end < last_char
            });
            let later_division = inner_words
                .filter_map(|w| self.lexicon.get(w).filter(|entry| locates(entry.class)))
                .filter_map(|entry| registry.find(&entry.name))
                .rfind(|&k| {
                    registry.entities[k].name != e.name && first_division.is_none_or(|f| registry.is_within(k, f))
                })
                .map(|k| &registry.entities[k]);
            if let Some(place) = later_division {
                facts.push(Fact::Relation {
                    subject: e.name.clone(),
                    relation: Relation::LocatedIn,
                    object: place.name.clone(),
                    evidence: named.clone(),
                });
            }
            for other in &registry.entities {
                if other.name == e.name {
                    continue;
                }
                let evidence = named.clone();
                let park = other.class == EntityClass::Park && !self.entity_rules.is_a_brand(&other.name);
                let is_place = locates(other.class) || park;
                if is_place && later_division.is_none() && starts_with(rest, other).is_some_and(|n| n < rest.len()) {
                    facts.push(Fact::Relation {
                        subject: e.name.clone(),
                        relation: Relation::LocatedIn,
                        object: other.name.clone(),
                        evidence,
                    });
                } else if other.class == EntityClass::Company
                    && e.class == EntityClass::Park
                    && starts_with(&e.name, other).is_some()
                {
                    facts.push(Fact::Relation {
                        subject: other.name.clone(),
                        relation: Relation::Operates,
                        object: e.name.clone(),
                        evidence,
                    });
                }
            }
        }
    }
}

/// The numbered parts of a layout term: 一带两翼三区多节点 → 一带, 两翼,
/// 三区, 多节点. Empty unless the whole term is such parts.
fn layout_parts(term: &str) -> Vec<String> {
    let is_numeral = |c: char| "一二两三四五六七八九十多".contains(c);
    let chars: Vec<char> = term.chars().collect();
    if chars.first().is_none_or(|c| !is_numeral(*c)) {
        return Vec::new();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_numeral(c) && i > 0 && !current.is_empty() && current.chars().count() >= 2 {
            parts.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    parts.push(current);
    let well_formed = parts.iter().all(|p| {
        let n = p.chars().count();
        (2..=3).contains(&n) && p.chars().skip(1).all(|c| crate::clean::is_cjk(c) && !is_numeral(c))
    });
    if well_formed { parts } else { Vec::new() }
}

/// The code prefixes of the provinces and cities an article names.
struct DivisionContext {
    prefixes: std::collections::HashSet<String>,
}

impl DivisionContext {
    /// Whether `surface` may name `entry` here: a county's short form
    /// (怀来, 新建, 秦淮) counts only where the article names its city or
    /// province.
    fn admits(&self, entry: &crate::lexicon::LexiconEntry, surface: &str) -> bool {
        entry.class != EntityClass::County || entry.name == surface || self.grounds(entry).is_some()
    }

    /// Whether the article names the city a county lies in, or the
    /// municipality (北京, 上海, 天津, 重庆) that holds it.
    fn names_the_city_of(&self, entry: &crate::lexicon::LexiconEntry) -> bool {
        const MUNICIPALITIES: &[&str] = &["11", "12", "31", "50"];
        entry.adcodes.iter().any(|code| {
            self.prefixes.contains(&code[..4])
                || MUNICIPALITIES.contains(&&code[..2]) && self.prefixes.contains(&code[..2])
        })
    }

    /// Whether the article names the province a division lies in.
    fn names_the_province_of(&self, entry: &crate::lexicon::LexiconEntry) -> bool {
        entry.adcodes.iter().any(|code| self.prefixes.contains(&code[..2]))
    }

    /// The one code of `entry` that lies in a named city, else the one
    /// that lies in a named province: 桥东区 in an article that names 河北
    /// and 张家口 is 张家口's (邢台's lies in 河北 too, but 邢台 is not named).
    fn grounds(&self, entry: &crate::lexicon::LexiconEntry) -> Option<String> {
        let in_city: Vec<&String> = entry.adcodes.iter().filter(|code| self.prefixes.contains(&code[..4])).collect();
        let fitting = if in_city.is_empty() {
            let in_province = |code: &&String| self.prefixes.contains(&code[..2]) && !code.ends_with("0000");
            entry.adcodes.iter().filter(in_province).collect()
        } else {
            in_city
        };
        match fitting.as_slice() {
            [code] => Some((*code).clone()),
            _ => None,
        }
    }
}

/// The spans, in the characters left once quote marks are dropped, that
/// stood between an opening and a closing quote mark (“…”, ‘…’, 「…」, 『…』).
fn quoted_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut open = None;
    let mut at = 0;
    for c in text.chars() {
        match c {
            '“' | '‘' | '「' | '『' => open = Some(at),
            '”' | '’' | '」' | '』' => {
                if let Some(start) = open.take() {
                    spans.push(start..at);
                }
            }
            _ if QUOTES.contains(&c) => {}
            _ => at += 1,
        }
    }
    spans
}

/// Whether the words after a place (or the last of a list of places) make
/// it only say whose firms sign or work together (新疆与哈萨克斯坦、乌兹别克斯坦
/// 三国企业签署…, 中国企业与…合作): the partners are firms the text does not
/// name, not the places.
fn qualifies_firms(after: &[Item]) -> bool {
    const FIRMS: &[&str] = &["企业", "公司", "客商", "厂商", "商会"];
    // the words as one text (jieba cuts 两国企业 as 两|国企|业)
    let text: String = after.iter().take(4).map_while(Item::text).collect();
    let rest = text.strip_prefix('等').unwrap_or(&text);
    let counted = rest.trim_start_matches(|c: char| "两二三四五六七八九十多各几".contains(c) || c.is_ascii_digit());
    let rest = match counted.strip_prefix('国') {
        Some(after_countries) if counted.len() < rest.len() => after_countries,
        _ => rest,
    };
    FIRMS.iter().any(|f| rest.starts_with(f))
}

/// Cuts each word in two where `cut_at` says (a byte offset into its text),
/// tagging the parts with `tags`: the words jieba joins that the lexicon
/// reads as two names.
fn split_words<'a>(
    tokens: Vec<Token<'a>>,
    tags: (&'static str, &'static str),
    cut_at: impl Fn(&Token<'a>) -> Option<usize>,
) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        match cut_at(&t) {
            Some(at) => {
                let middle = t.start + t.text[..at].chars().count();
                out.push(Token { text: &t.text[..at], pos: tags.0, start: t.start, end: middle });
                out.push(Token { text: &t.text[at..], pos: tags.1, start: middle, end: t.end });
            }
            None => out.push(t),
        }
    }
    out
}

/// Whether the character at `at` lies inside a 《…》 title.
fn in_a_title(chars: &[char], at: usize) -> bool {
    let opened = chars[..at].iter().rev().take(60).find(|c| matches!(c, '《' | '》')) == Some(&'《');
    opened && chars[at..].iter().take(60).any(|c| *c == '》')
}

/// A sentence with quote marks removed, as both passes read it.
struct Prepared<'a> {
    sentence: Sentence<'a>,
    text: String,
    chars: Vec<char>,
    /// The spans of `chars` that stood in quote marks.
    quoted: Vec<std::ops::Range<usize>>,
}

impl Prepared<'_> {
    /// The sentence as the evidence of a fact found by `rule`.
    fn evidence(&self, rule: &str) -> Evidence {
        Evidence {
            sentence: self.sentence.text.to_string(),
            start: self.sentence.start,
            end: self.sentence.end,
            rule: rule.into(),
        }
    }
}

/// A name, number or date of a sentence: where it starts and ends, and
/// its item.
type Span = (usize, usize, Item);

fn is_division(span: &Span) -> bool {
    span.2.is_a_division()
}

/// Folds runs of divisions that name something else (a route, a port)
/// into one `Item::Facility` each. For a division at `i`, `run` says
/// where its run ends (spans `i..j`) and whether it names something else;
/// other spans stay as they are.
fn fold_division_runs(chars: &[char], spans: &mut Vec<Span>, mut run: impl FnMut(&[Span], usize) -> (usize, bool)) {
    let mut marked = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        if !is_division(&spans[i]) {
            marked.push(spans[i].clone());
            i += 1;
            continue;
        }
        let (j, names_something_else) = run(spans, i);
        if names_something_else {
            let (start, end) = (spans[i].0, spans[j - 1].1);
            marked.push((start, end, Item::Facility(chars[start..end].iter().collect())));
        } else {
            marked.extend(spans[i..j].iter().cloned());
        }
        i = j;
    }
    *spans = marked;
}

/// Whether `item` is a word jieba takes for a name (北部湾 in 北部湾港,
/// 洋山 in 洋山港): with a facility word after it, it names the facility.
/// `name` with the divisions written right before it (the last items),
/// which are taken off `items`: they are part of a facility's name.
fn take_divisions_before(items: &mut Vec<Item>, mut name: String) -> String {
    while let Some(Item::Entity { class, surface, .. }) = items.last() {
        if !class.is_administrative() {
            break;
        }
        name.insert_str(0, surface);
        items.pop();
    }
    name
}

fn ends_a_proper_name(item: Option<&Item>) -> bool {
    // (全美机场 are all of a country's airports)
    matches!(item, Some(Item::Word { text, pos })
        if text.chars().count() >= 2 && !text.starts_with('全') && matches!(pos.as_str(), "nr" | "ns" | "nz"))
}

/// The character spans of the 《…》 titles of a sentence, marks included.
fn title_spans(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut open = None;
    for (at, c) in chars.iter().enumerate() {
        match c {
            '《' => open = open.or(Some(at)),
            '》' => {
                if let Some(start) = open.take() {
                    spans.push(start..at + 1);
                }
            }
            _ => {}
        }
    }
    spans
}

fn word_item(text: &str, pos: &str) -> Item {
    Item::Word { text: text.to_string(), pos: pos.to_string() }
}

fn is_within(registry: &Registry, inner: &Item, outer: &Item) -> bool {
    match (inner.entity(), outer.entity()) {
        (Some(inner), Some(outer)) => registry.is_within(inner, outer),
        _ => false,
    }
}

/// Which entity 该市 / 全市 / 该公司 refer to: the last one of that class
/// named before it in the same sentence (上海…商圈…，全市…); else, for a
/// company, the most recent one; else the one the article mentions most,
/// unless its paragraph names another of the class and not it (a digest's
/// paragraph on 陕西 in an article that is mostly on 四川: 全省 is 陕西).
#[derive(Default)]
struct Focus {
    /// The last entity of each class, with the paragraph it was seen in.
    recent: Vec<(EntityClass, usize, usize)>,
    /// The paragraph being read, and the entities seen in it so far.
    paragraph: usize,
    in_paragraph: HashSet<usize>,
    /// The names of the sentence being read: where each starts, its class
    /// and entity, in the order of the text.
    in_sentence: Vec<(usize, EntityClass, usize)>,
}

impl Focus {
    fn start_sentence(&mut self, paragraph: usize) {
        self.in_sentence.clear();
        if paragraph != self.paragraph {
            self.paragraph = paragraph;
            self.in_paragraph.clear();
        }
    }

    /// Notes a name of the sentence being read, met left to right.
    fn named_in_sentence(&mut self, at: usize, entity: usize, class: EntityClass) {
        self.in_sentence.push((at, class, entity));
    }

    fn seen(&mut self, entity: usize, registry: &Registry) {
        let class = registry.entities[entity].class;
        self.recent.retain(|(c, ..)| *c != class);
        self.recent.push((class, entity, self.paragraph));
        self.in_paragraph.insert(entity);
    }

    /// The autonomous region 全区 at `at` refers to: the last division of
    /// its sentence before it is one, or else the paragraph names one and no
    /// district, or else the article names no district and mostly one.
    fn autonomous_region(&self, at: usize, registry: &Registry) -> Option<usize> {
        let is_region = |e: usize| registry.entities[e].name.ends_with("自治区");
        let divisions = [EntityClass::Province, EntityClass::County];
        let before = self.in_sentence.iter().take_while(|(start, ..)| *start < at);
        if let Some((_, class, e)) = before.filter(|(_, c, _)| divisions.contains(c)).last() {
            return (*class == EntityClass::Province && is_region(*e)).then_some(*e);
        }
        let in_paragraph = |class: EntityClass| {
            self.recent.iter().find(|(c, _, paragraph)| *c == class && *paragraph == self.paragraph).map(|(_, e, _)| *e)
        };
        if in_paragraph(EntityClass::County).is_some() {
            return None;
        }
        if let Some(region) = in_paragraph(EntityClass::Province).filter(|&e| is_region(e)) {
            return Some(region);
        }
        let main = registry.most_mentioned(EntityClass::Province);
        main.filter(|&e| is_region(e) && registry.most_mentioned(EntityClass::County).is_none())
    }

    /// The entity of `class` that a word at character `at` of the
    /// sentence being read refers to.
    fn resolve(&self, class: EntityClass, at: usize, registry: &Registry) -> Option<usize> {
        // 在江苏海安，…全市: a county-level city (海安市) is a 市 too
        let of_class = |c: EntityClass, e: usize| {
            c == class
                || class == EntityClass::City && c == EntityClass::County && registry.entities[e].name.ends_with('市')
        };
        let before = self.in_sentence.iter().take_while(|(start, ..)| *start < at);
        if let Some((.., e)) = before.filter(|(_, c, e)| of_class(*c, *e)).last() {
            return Some(*e);
        }
        let recent = self.recent.iter().find(|(c, ..)| *c == class);
        if class == EntityClass::Company && recent.is_some() {
            return recent.map(|(_, e, _)| *e);
        }
        let main = registry.most_mentioned(class);
        let main_named_here = main.is_some_and(|m| self.in_paragraph.contains(&m));
        let named_here_instead = recent.filter(|(.., paragraph)| *paragraph == self.paragraph && !main_named_here);
        if named_here_instead.is_none() && !main_named_here {
            if let Some(province) = self.province_of_paragraph_cities(class, registry).filter(|&p| Some(p) != main) {
                return Some(province);
            }
        }
        named_here_instead.or(recent.filter(|_| main.is_none())).map(|(_, e, _)| *e).or(main)
    }

    /// For 全省: the province of the article that holds every city and
    /// county the paragraph names, where it names no province (a digest's
    /// paragraph on 十堰、襄阳…宜昌、荆州 in an article on 湖北 and 湖南:
    /// 全省 is 湖北).
    fn province_of_paragraph_cities(&self, class: EntityClass, registry: &Registry) -> Option<usize> {
        if class != EntityClass::Province {
            return None;
        }
        let provinces: Vec<usize> =
            (0..registry.entities.len()).filter(|&e| registry.entities[e].class == EntityClass::Province).collect();
        let mut holding = self
            .in_paragraph
            .iter()
            .filter(|&&e| matches!(registry.entities[e].class, EntityClass::City | EntityClass::County))
            .map(|&city| provinces.iter().copied().find(|&p| registry.is_within(city, p)));
        let first = holding.next()??;
        holding.all(|p| p == Some(first)).then_some(first)
    }
}

/// Keeps the entities the text mentions on their own or that a fact is
/// about (阿里巴巴 only inside 阿里巴巴张北云计算庙滩数据中心 is no entity of
/// the article), sorted by name; drops repeated facts.
fn finish(article: &Article, registry: Registry, mentioned: &[Option<Evidence>], mut facts: Vec<Fact>) -> Extraction {
    let mut seen = std::collections::HashSet::new();
    facts.retain(|f| seen.insert(fact_key(f)));
    drop_rounded_repeats(&mut facts);
    let mut used: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for f in &facts {
        match f {
            Fact::Relation { subject, object, .. } => used.extend([subject.as_str(), object.as_str()]),
            Fact::Target { subject, .. } | Fact::Observation { subject, .. } => {
                used.insert(subject);
            }
            Fact::Position { person, organization, .. } => used.extend([person.as_str(), organization.as_str()]),
        }
    }
    let mut entities: Vec<Entity> = registry
        .entities
        .iter()
        .enumerate()
        .filter(|(i, _)| !registry.is_merged(*i))
        .filter(|(i, e)| mentioned.get(*i).is_some_and(Option::is_some) || used.contains(e.name.as_str()))
        .map(|(_, e)| e.clone())
        .collect();
    entities.sort_by(|a, b| a.name.cmp(&b.name));
    entities.dedup_by(|a, b| a.name == b.name);
    Extraction { article: article.clone(), entities, facts }
}

/// 超5万亿元 in a headline and 5.04万亿元 in its story, 突破8000亿千瓦时，
/// 达到了8036亿千瓦时: a round figure (two significant digits at most) with
/// a comparator repeats a more precise one written as it is, of the same
/// subject and unit, close above it (or around it, for 约/近), which is
/// the fact; the round one goes.
fn drop_rounded_repeats(facts: &mut Vec<Fact>) {
    use crate::number::{Comparator, Quantity};
    fn measure(fact: &Fact) -> Option<(bool, &str, &Quantity)> {
        match fact {
            Fact::Target { subject, quantity, .. } => Some((true, subject, quantity)),
            Fact::Observation { subject, quantity, .. } => Some((false, subject, quantity)),
            _ => None,
        }
    }
    // the significant digits written: 8000亿 has one, 8036亿 four
    fn precision(quantity: &Quantity) -> usize {
        let digits: String =
            quantity.text.chars().take_while(|c| c.is_ascii_digit() || *c == '.').filter(|c| *c != '.').collect();
        digits.trim_start_matches('0').trim_end_matches('0').len()
    }
    let repeats = |round: &Fact, exact: &Fact| {
        let (Some((kind, subject, r)), Some((other_kind, other_subject, e))) = (measure(round), measure(exact)) else {
            return false;
        };
        let (r_value, e_value) = (r.value.to_f64(), e.value.to_f64());
        let close = match r.comparator {
            Some(Comparator::AtLeast) => r_value <= e_value && e_value <= r_value * 1.1,
            Some(Comparator::About) => (e_value - r_value).abs() <= r_value * 0.1,
            _ => false,
        };
        kind == other_kind
            && subject == other_subject
            && r.unit == e.unit
            && r.max.is_none()
            && e.max.is_none()
            && close
            && e.comparator.is_none()
            && precision(r) <= 2
            && precision(e) > precision(r)
    };
    let round: Vec<bool> = facts.iter().map(|f| facts.iter().any(|other| repeats(f, other))).collect();
    let mut round = round.into_iter();
    facts.retain(|_| !round.next().unwrap_or(false));
}

/// The high end of a range, empty for a single value: 3~5个 is not 3个.
fn range_end(quantity: &crate::number::Quantity) -> String {
    quantity.max.map(|max| max.to_string()).unwrap_or_default()
}

/// What makes two facts the same, evidence aside.
fn fact_key(fact: &Fact) -> String {
    match fact {
        Fact::Relation { subject, relation, object, .. } => format!("r|{subject}|{relation}|{object}"),
        Fact::Target { subject, year, quantity, .. } => {
            format!("t|{subject}|{year}|{}|{}|{}", quantity.value, range_end(quantity), quantity.unit)
        }
        Fact::Observation { subject, date, quantity, .. } => {
            format!(
                "o|{subject}|{}|{}|{}|{}",
                date.map(|d| d.to_string()).unwrap_or_default(),
                quantity.value,
                range_end(quantity),
                quantity.unit
            )
        }
        Fact::Position { person, title, organization, .. } => format!("p|{person}|{title}|{organization}"),
    }
}
