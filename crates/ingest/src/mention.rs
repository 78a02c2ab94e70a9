//! Finding entity names in a sentence: lexicon words, names ending in a
//! class suffix (…有限公司, …产业园), 《plan titles》, people after titles.
//! The cues live in `ontology/rules/entities.toml`.

use crate::error::{IngestError, Result};
use crate::segment::{Segmenter, Token};
use crate::vocab::EntityClass;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The entity-finding cues of `entities.toml`.
#[derive(Debug, Clone)]
pub struct EntityRules {
    /// (suffix, class), longest suffix first.
    suffixes: Vec<(String, EntityClass)>,
    /// The suffixes as characters, by their last character, longest first:
    /// the lookup for every word end of every sentence.
    suffixes_by_last_char: HashMap<char, Vec<(Vec<char>, EntityClass)>>,
    min_stem: BTreeMap<EntityClass, usize>,
    /// Classes whose suffix names must hold the name of a place, person or
    /// organization (怀来大数据产业基地); common words alone name a kind.
    need_a_proper_word: HashSet<EntityClass>,
    generic: HashSet<String>,
    /// The generic words, longest first, for stripping them from a stem.
    generic_longest_first: Vec<String>,
    stop: HashSet<String>,
    /// Person titles, longest first.
    pub titles: Vec<String>,
    title_set: HashSet<String>,
    surnames: HashSet<char>,
    /// Words that refer back to an entity of a class (该市 → City).
    pub coreference: Vec<(String, EntityClass)>,
    /// Plain nouns that refer back only where they open a clause (目前，
    /// 园区已聚集…; 该园区), not inside a phrase (绿色园区里, 国家级新区).
    pub coreference_opening_a_clause: Vec<(String, EntityClass)>,
    /// Endings that make a suffix name an idea, not an entity (命运共同体).
    concepts: Vec<String>,
    /// Words that make a …项目 an event of a sport (亚沙会龙舟项目).
    sports: Vec<String>,
    /// Ranks of a place's projects (河南省重点项目): no name.
    project_ranks: Vec<String>,
    /// Words that make a …工程 a work built in one place (引水, 水利枢纽,
    /// 铁路): a Project, where 东数西算工程 is a Program.
    works: Vec<String>,
    /// Words that rank a work before 工程 (控制性, 重点): 哈伊高铁控制性工程
    /// is a part of 哈伊高铁, named by the work it ranks in.
    work_ranks: Vec<String>,
    /// Common words that start with a surname (卓越, 滑雪): never a name.
    not_names: HashSet<String>,
    /// Short forms of cities and provinces that are mostly common words
    /// (来宾, 大同): never the place.
    not_places: HashSet<String>,
    /// Words that hold a place's name but name no place (北京时间).
    no_place_in: Vec<String>,
    /// Last words of the names of ports, airports and border crossings
    /// (港, 机场, 口岸).
    facilities: Vec<String>,
    /// Parks whose name opens others' as a brand (中关村科技园 in 雄安).
    brands: HashSet<String>,
    /// Words that close the name of a road, railway or line between two
    /// places (纳雍至晴隆高速, 巴中至南充高铁).
    routes: HashSet<String>,
    /// Words that make the place before them part of a label (台湾问题).
    labels: HashSet<String>,
    /// Words that make the place after them part of a slogan (数字中国).
    label_openers: HashSet<String>,
    /// Words of jieba's dictionary that news hardly ever means (门将).
    rare_words: Vec<String>,
    /// Aliases that refer to an entity without naming it (我国 for 中国):
    /// the entity is the article's only when a fact is about it.
    only_refer: HashSet<String>,
    /// One-character function words jieba's guesser glues onto the next
    /// word (是凯/信达公司, 和普京): a name does not start with one.
    clitics: HashSet<char>,
    /// One-character verbs jieba's guesser glues onto a name (刘庆作/讲解).
    verb_chars: HashSet<char>,
    /// Names to find and phrases not to take, from the rules file.
    pub examples: Vec<NameExample>,
}

/// A sentence with the names it must yield and the ones it must not.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameExample {
    /// The sentence.
    pub text: String,
    /// `name Class` for every name it must yield.
    #[serde(default)]
    pub names: Vec<String>,
    /// Names it must not yield (of any class).
    #[serde(default)]
    pub not: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityRulesFile {
    suffixes: BTreeMap<String, Vec<String>>,
    min_stem: BTreeMap<String, usize>,
    generic: Vec<String>,
    stop: Vec<String>,
    titles: Vec<String>,
    surnames: String,
    coreference: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    coreference_opening_a_clause: BTreeMap<String, Vec<String>>,
    concepts: Vec<String>,
    #[serde(default)]
    sports: Vec<String>,
    #[serde(default)]
    project_ranks: Vec<String>,
    #[serde(default)]
    works: Vec<String>,
    #[serde(default)]
    work_ranks: Vec<String>,
    not_names: Vec<String>,
    #[serde(default)]
    not_places: Vec<String>,
    #[serde(default)]
    no_place_in: Vec<String>,
    #[serde(default)]
    facilities: Vec<String>,
    #[serde(default)]
    brands: Vec<String>,
    #[serde(default)]
    routes: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    label_openers: Vec<String>,
    #[serde(default)]
    rare_words: Vec<String>,
    #[serde(default)]
    only_refer: Vec<String>,
    clitics: String,
    verb_chars: String,
    #[serde(default)]
    need_a_proper_word: Vec<String>,
    #[serde(default)]
    examples: Vec<NameExample>,
}

/// Whether `found` is listed (with 、) in the same clause as one of
/// `names` of its class: 张北云计算基地、创坝、冰雪数据产业园等 makes
/// 冰雪数据产业园 one of the parks named.
fn listed_with<'a>(found: &Found, mut names: impl Iterator<Item = &'a Found>, sentence: &[char]) -> bool {
    names.any(|other| {
        let between = if other.end <= found.start {
            &sentence[other.end..found.start]
        } else if other.start >= found.end {
            &sentence[found.end..other.start]
        } else {
            return false; // the same name, or one inside the other
        };
        other.class == found.class
            && between.contains(&'、')
            && !between.iter().any(|c| "，。；：！？,;:!?".contains(*c))
    })
}

/// A name found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The name.
    pub name: String,
    /// Its class.
    pub class: EntityClass,
    /// Character offset in the sentence.
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
}

impl EntityRules {
    /// Reads `entities.toml`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| IngestError::Io { path: path.to_owned(), source })?;
        Self::parse(path, &text)
    }

    /// Parses the text of `entities.toml`; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let file: EntityRulesFile = toml::from_str(text).map_err(|e| crate::toml_error(path, text, &e))?;
        let class = |name: &str| {
            name.parse::<EntityClass>().map_err(|message| IngestError::Data {
                path: path.to_owned(),
                line: crate::line_of(text, name),
                message,
            })
        };
        let mut suffixes = Vec::new();
        for (name, words) in &file.suffixes {
            let c = class(name)?;
            suffixes.extend(words.iter().map(|w| (w.clone(), c)));
        }
        suffixes.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
        let mut min_stem = BTreeMap::new();
        for (name, n) in &file.min_stem {
            min_stem.insert(class(name)?, *n);
        }
        let need_a_proper_word = file.need_a_proper_word.iter().map(|name| class(name)).collect::<Result<_>>()?;
        // each word with its class, from a table of class → words
        let by_word = |table: &BTreeMap<String, Vec<String>>| -> Result<Vec<(String, EntityClass)>> {
            let mut pairs = Vec::new();
            for (name, words) in table {
                let c = class(name)?;
                pairs.extend(words.iter().map(|w| (w.clone(), c)));
            }
            Ok(pairs)
        };
        let mut coreference = by_word(&file.coreference)?;
        coreference.sort_by_key(|c| std::cmp::Reverse(c.0.chars().count()));
        let coreference_opening_a_clause = by_word(&file.coreference_opening_a_clause)?;
        let mut titles = file.titles;
        titles.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let title_set = titles.iter().cloned().collect();
        let mut suffixes_by_last_char: HashMap<char, Vec<(Vec<char>, EntityClass)>> = HashMap::new();
        for (suffix, class) in &suffixes {
            let chars: Vec<char> = suffix.chars().collect();
            if let Some(last) = chars.last() {
                suffixes_by_last_char.entry(*last).or_default().push((chars.clone(), *class));
            }
        }
        let mut generic_longest_first = file.generic.clone();
        generic_longest_first.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        Ok(Self {
            suffixes,
            suffixes_by_last_char,
            min_stem,
            need_a_proper_word,
            generic_longest_first,
            generic: file.generic.into_iter().collect(),
            stop: file.stop.into_iter().collect(),
            titles,
            title_set,
            surnames: file.surnames.chars().filter(|c| !c.is_whitespace()).collect(),
            coreference,
            coreference_opening_a_clause,
            concepts: file.concepts,
            sports: file.sports,
            project_ranks: file.project_ranks,
            works: file.works,
            work_ranks: file.work_ranks,
            not_names: file.not_names.into_iter().collect(),
            not_places: file.not_places.into_iter().collect(),
            no_place_in: file.no_place_in,
            facilities: file.facilities,
            brands: file.brands.into_iter().collect(),
            routes: file.routes.into_iter().collect(),
            labels: file.labels.into_iter().collect(),
            label_openers: file.label_openers.into_iter().collect(),
            rare_words: file.rare_words,
            only_refer: file.only_refer.into_iter().collect(),
            clitics: file.clitics.chars().filter(|c| !c.is_whitespace()).collect(),
            verb_chars: file.verb_chars.chars().filter(|c| !c.is_whitespace()).collect(),
            examples: file.examples,
        })
    }

    /// Names ending in a class suffix. The suffix must start and end at
    /// word boundaries (so 布局 is no 局), and the words before it are taken
    /// back to the first function word, verb cue or punctuation. `known`
    /// holds the lexicon's names in the sentence.
    pub fn suffix_names(
        &self,
        sentence: &[char],
        tokens: &[Token<'_>],
        known: &[Found],
        segmenter: &Segmenter,
    ) -> Vec<Found> {
        let starts: HashSet<usize> = tokens.iter().map(|t| t.start).collect();
        let mut found: Vec<Found> = Vec::new();
        for token in tokens {
            let end = token.end;
            let Some(candidates) = end.checked_sub(1).and_then(|i| self.suffixes_by_last_char.get(&sentence[i])) else {
                continue;
            };
            // a one-character suffix is a word of its own (张北/园), or
            // ends a word of three or more that names a kind of government
            // body (科技局, 办公厅) — not in a common word (变局, 布局)
            let own_word = |n: usize, class: EntityClass| {
                n >= 2
                    || starts.contains(&(end - n))
                    || class == EntityClass::GovernmentBody
                        && token.end - token.start >= 3
                        && !self.stop.contains(token.text)
                        && !segmenter.has_word(&sentence[end - 2..end].iter().collect::<String>())
            };
            // 山海关 (a district) ends in 海关 (customs): a place the
            // lexicon knows is not the end of a new name
            let ends_a_place =
                |n: usize| known.iter().any(|k| k.class.is_administrative() && k.end == end && k.start < end - n);
            for (suffix, class) in candidates {
                let n = suffix.len();
                if end < n || !own_word(n, *class) || sentence[end - n..end] != suffix[..] || ends_a_place(n) {
                    continue;
                }
                if let Some(f) = self.name_before(sentence, tokens, known, end - n..end, *class, segmenter) {
                    found.push(f);
                }
                break;
            }
        }
        let mut found: Vec<Found> = found.into_iter().map(|f| self.ranked_work(f)).collect();
        found.sort_by_key(|f| (f.start, f.end));
        // a name made of common words stands only beside names of its class
        let named: Vec<bool> = found.iter().map(|f| self.holds_a_proper_word(f, sentence, tokens, known)).collect();
        let names = || known.iter().chain(found.iter().zip(&named).filter(|(_, named)| **named).map(|(f, _)| f));
        let keep: Vec<bool> =
            found.iter().zip(&named).map(|(f, named)| *named || listed_with(f, names(), sentence)).collect();
        found.into_iter().zip(keep).filter_map(|(f, keep)| keep.then_some(f)).collect()
    }

    /// Whether a suffix name holds what makes it a name and not a kind
    /// (数据加工基地, 小型引调水项目), for the classes that need it: a word
    /// jieba takes for the name of a place, person or organization, a name
    /// the lexicon knows (一带一路国际港口联盟), or a 市/省/县 that stands
    /// for the article's own (市人力资源服务产业园).
    fn holds_a_proper_word(&self, found: &Found, sentence: &[char], tokens: &[Token<'_>], known: &[Found]) -> bool {
        if !self.need_a_proper_word.contains(&found.class) {
            return true;
        }
        // the stem, with the word its end lies in (北京大|学: 北京大学)
        let stem_end = found.start + self.stem(&sentence[found.start..found.end]).len();
        let end = tokens.iter().find(|t| t.start < stem_end && t.end > stem_end).map_or(stem_end, |t| t.end);
        if has_proper_part(tokens, found.start, end, known)
            && !self.only_a_programmes_part(found, sentence, stem_end, known)
        {
            return true;
        }
        tokens.iter().any(|t| t.start == found.start && matches!(t.text, "市" | "省" | "县"))
    }

    /// Whether the only name in a park's, programme's or project's stem is
    /// a programme's and the rest of it is generic: “东数西算”算力枢纽, 东数西算
    /// 示范区, 一带一路重点项目 are parts or kinds of the programme, no names
    /// (南水北调中线工程 and 西气东输四线…管道工程 are).
    fn only_a_programmes_part(&self, found: &Found, sentence: &[char], stem_end: usize, known: &[Found]) -> bool {
        if !matches!(found.class, EntityClass::Park | EntityClass::Program | EntityClass::Project) {
            return false;
        }
        let inside: Vec<&Found> = known.iter().filter(|k| k.start >= found.start && k.end <= found.end).collect();
        if inside.is_empty() || inside.iter().any(|k| k.class != EntityClass::Program) {
            return false;
        }
        !self.is_distinctive(&without_names(sentence, found.start..stem_end, &inside))
    }

    fn name_before(
        &self,
        sentence: &[char],
        tokens: &[Token<'_>],
        known: &[Found],
        suffix: std::ops::Range<usize>,
        class: EntityClass,
        segmenter: &Segmenter,
    ) -> Option<Found> {
        let (suffix_start, end) = (suffix.start, suffix.end);
        // a suffix that starts inside a word takes the whole word (理工大学)
        let mut start =
            tokens.iter().find(|t| t.start < suffix_start && t.end > suffix_start).map_or(suffix_start, |t| t.start);
        let mut depth = 0i32;
        let mut count = 0;
        let limit = start;
        for token in tokens.iter().rev().filter(|t| t.end <= limit) {
            if token.end != start {
                break;
            }
            let text = token.text;
            let closing = text == "）" || text == ")";
            let opening = text == "（" || text == "(";
            if closing {
                depth += 1;
            } else if opening {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if !self.is_name_word(token, class) {
                break;
            } else if token.end - token.start >= 2
                && self.clitics.contains(&sentence[token.start])
                && segmenter.known_tag(token.text).is_none()
            {
                // 是凯/信达公司: the guesser glued a function word onto the name
                start = token.start + 1;
                break;
            }
            count += 1;
            if count > 10 || end - token.start > 30 {
                break;
            }
            start = token.start;
        }
        // 完善…重大项目, 扶持…示范项目: what is done to a project opens no
        // name of it (verbs are name words only inside one)
        if matches!(class, EntityClass::Project | EntityClass::Plan) {
            while let Some(t) = tokens.iter().find(|t| t.start == start && t.end < suffix_start) {
                if !matches!(t.pos, "v" | "vd" | "vn") || self.generic.contains(t.text) {
                    break;
                }
                start = t.end;
            }
        }
        // 一体化算力网络宁夏枢纽, 国家级张家口经开区: kind words before a
        // place describe the thing the place names (宁夏枢纽)
        if matches!(class, EntityClass::Park | EntityClass::Program | EntityClass::DataCenter) {
            let stem: Vec<&Token<'_>> = tokens.iter().filter(|t| t.start >= start && t.end <= suffix_start).collect();
            if let Some(place) = stem.iter().position(|t| t.pos.starts_with("ns")) {
                if place > 0 && stem[..place].iter().all(|t| self.generic.contains(t.text)) {
                    start = stem[place].start;
                }
            }
        }
        // 2000万亩玉米高产示范区, 2024年度…: no name starts inside a number
        // or a date (万亩…, 年度…; after a year a name may: 2024长三角G60…)
        if start > 0 && sentence[start - 1].is_ascii_digit() && "万亿千百年月日个多余".contains(sentence[start])
        {
            return None;
        }
        // 10项雄安新区…, 17个智算中心, 6万亿元地方政府: a count before a
        // name counts it, it opens no name
        if let Some(end) = crate::number::count_end(sentence, start).filter(|&end| end <= suffix_start) {
            start = end;
        }
        // 京津冀18处国家级自然保护区, 服务业领域15项湾区认证项目: a count
        // of things inside counts what follows it, so the name starts after
        // it (a size stays: 若羌400万千瓦光伏项目)
        let mut counts_inside = (start + 1..suffix_start).filter_map(|at| {
            let starts_a_number = !sentence[at - 1].is_ascii_digit() && sentence[at].is_ascii_digit();
            starts_a_number.then(|| crate::number::count_of_things_end(sentence, at)).flatten()
        });
        let counted_inside = counts_inside.rfind(|&end| end <= suffix_start);
        if let Some(end) = counted_inside {
            start = end;
        }
        // 约300个海洋经济重点项目, 8个国家算力枢纽新开工数据中心, 我国首个深水
        // 高压气田项目: what is counted (or ranked first) is a kind unless a
        // name the lexicon knows is in it (jieba takes 海洋 for a place)
        let counted_before = start >= 2
            && "个家座项条批所处".contains(sentence[start - 1])
            && (sentence[start - 2].is_ascii_digit()
                || "一二三四五六七八九十百千万两几多余首".contains(sentence[start - 2]));
        let named_inside = known.iter().any(|k| k.start >= start && k.end <= suffix_start);
        if (counted_inside.is_some() || counted_before) && !named_inside {
            return None;
        }
        // 加拿大两大铁路公司, 鲁北…四大清洁能源基地, “东数西算”工程八大国家枢纽:
        // "the N major" companies, bases or hubs are a kind, no name (a
        // layout's 四大…功能区 is one)
        if class != EntityClass::Zone
            && tokens.iter().filter(|t| t.start >= start && t.end <= suffix_start).any(|t| is_the_n_major(t.text))
        {
            return None;
        }
        // 新疆自贸区, 云南大学: a division the lexicon knows is distinctive
        // even where a one-character generic word (新, 云) opens its name
        let names_a_place =
            known.iter().any(|k| k.class.is_administrative() && k.start >= start && k.end <= suffix_start);
        if depth != 0 || !(names_a_place || self.is_distinctive(&sentence[start..suffix_start])) {
            return None;
        }
        // 河南省重点项目, 山东重点文旅项目, 西藏民生项目: a place's projects of a
        // rank, no name (a name says more than the place and generic words)
        if class == EntityClass::Project && self.ranks_a_places_projects(sentence, start, suffix_start, known) {
            return None;
        }
        // 河南计划新开工交通重大项目28个, 城中村改造项目1000多个: projects
        // counted right after the word are a kind, no name (a named work, a
        // park or a programme may well be followed by a count)
        let counted_after = crate::number::count_of_things_end(sentence, end).is_some();
        if counted_after && sentence[suffix_start..end] == ['项', '目'] {
            return None;
        }
        // 美丽中国先行区, 数字中国示范区: a slogan (a label word and a
        // place) names no park, programme or body
        let slogan = tokens.iter().any(|t| {
            t.start == start
                && self.label_openers.contains(t.text)
                && known.iter().any(|k| k.class.is_administrative() && k.start == t.end && k.end == suffix_start)
        });
        if slogan {
            return None;
        }
        // 国家“东数西算”工程: generic words before a name the lexicon knows
        // describe it; the lexicon's name stands
        let generic_before_known = known.iter().any(|k| {
            k.end == end
                && k.start > start
                && tokens.iter().any(|t| t.end == k.start)
                && tokens.iter().filter(|t| t.start >= start && t.end <= k.start).all(|t| self.generic.contains(t.text))
        });
        if generic_before_known {
            return None;
        }
        let name: String = sentence[start..end].iter().collect();
        if self.concepts.iter().any(|c| name.ends_with(c.as_str())) {
            return None;
        }
        // 三亚亚沙会龙舟项目, 体操男子个人全能项目: an event of a sport;
        // a work for the games names what it is after them in generic
        // words (张家口冬奥会…接待中心智慧停车项目)
        if class == EntityClass::Project && self.is_a_sports_event(&name, start, suffix_start, tokens) {
            return None;
        }
        let stem_len = suffix_start - start;
        if stem_len < self.min_stem.get(&class).copied().unwrap_or(1) {
            return None;
        }
        // 张家口数据中心 is any data center in 张家口, 中国公司 any Chinese
        // company: not names
        // (美国公司 is one word for jieba: its stem is still a place; 中国
        // 银行 and 美国银行 are banks' names)
        let stem: String = sentence[start..suffix_start].iter().collect();
        let any_company_of =
            || sentence[suffix_start..end] == ['公', '司'] && segmenter.known_tag(&stem).is_some_and(|tag| tag == "ns");
        if matches!(class, EntityClass::DataCenter | EntityClass::Company)
            && (tokens.iter().any(|t| t.start == start && t.end == suffix_start && t.pos == "ns") || any_company_of())
        {
            return None;
        }
        // 这个临港产业园, 这家海洋电缆实验室: a demonstrative points back at
        // something the text described; what follows it is no name
        // (also before generic words: 这个国家级海洋牧场示范区)
        const DEMONSTRATIVES: &[&str] = &["这个", "这家", "这座", "这所", "这一", "那个", "那家", "该"];
        let mut opening = start;
        while let Some(t) = tokens.iter().find(|t| t.end == opening && self.generic.contains(t.text)) {
            opening = t.start;
        }
        if tokens.iter().any(|t| t.end == opening && DEMONSTRATIVES.contains(&t.text)) {
            return None;
        }
        // 药品和耗材国家医保局: only places come before the name of a
        // national body the lexicon knows; the run took words of the
        // phrase before it
        let national_body_after_words = known.iter().any(|k| {
            let surface: String = sentence[k.start..k.end].iter().collect();
            k.end == end
                && k.start > start
                && (surface.starts_with("国家") || surface.starts_with("中国"))
                && !known.iter().any(|p| p.class.is_administrative() && p.start >= start && p.end <= k.start)
        });
        if national_body_after_words {
            return None;
        }
        // 华西第二医院西藏医院 cut at the ordinal: a stem that opens on a
        // class suffix (医院西藏…) is the tail of a longer name, no name
        if tokens.iter().any(|t| t.start == start && t.end < suffix_start && self.is_suffix(t.text)) {
            return None;
        }
        // 这里的红树林营造工程: the thing of the place just spoken of
        let of_here = tokens.iter().position(|t| t.end == start).is_some_and(|k| {
            k >= 1 && tokens[k].text == "的" && matches!(tokens[k - 1].text, "这里" | "那里" | "这儿")
        });
        if of_here {
            return None;
        }
        // 河西走廊, 内察里姆走廊: a corridor named by places alone is a strip
        // of land or a road; a programme's says of what (京津冀大数据走廊,
        // 中巴经济走廊, 里海国际运输走廊)
        if class == EntityClass::Program
            && name.ends_with("走廊")
            && !self.holds_a_generic_word(tokens, start..suffix_start)
        {
            return None;
        }
        // (大藤峡水利枢纽 is a dam, where 宁夏枢纽 is a hub of a national
        // programme)
        let built = class == EntityClass::Program
            && (name.ends_with("工程") && self.is_a_work(&sentence[start..suffix_start]) || name.ends_with("水利枢纽"));
        // 文化和旅游部数据中心: a ministry's data centre is its statistics
        // unit, an institution
        let statistics_unit = class == EntityClass::DataCenter
            && known
                .iter()
                .any(|k| k.class == EntityClass::GovernmentBody && k.start == start && k.end == suffix_start);
        let class = if built {
            EntityClass::Project
        } else if statistics_unit {
            EntityClass::Institution
        } else {
            class
        };
        Some(Found { name, class, start, end })
    }

    /// Whether the project named `name` (from `start`, its suffix from
    /// `suffix_start`) is an event of a sport: a `sports` word in it with
    /// no `generic` word after it.
    fn is_a_sports_event(&self, name: &str, start: usize, suffix_start: usize, tokens: &[Token<'_>]) -> bool {
        let sport_end = self
            .sports
            .iter()
            .filter_map(|w| name.rfind(w.as_str()).map(|at| name[..at].chars().count() + w.chars().count()))
            .max();
        let Some(sport_end) = sport_end else { return false };
        !self.holds_a_generic_word(tokens, start + sport_end..suffix_start)
    }

    /// Whether one of the words within `span` is a `generic` word.
    fn holds_a_generic_word(&self, tokens: &[Token<'_>], span: std::ops::Range<usize>) -> bool {
        tokens.iter().any(|t| t.start >= span.start && t.end <= span.end && self.generic.contains(t.text))
    }

    /// Whether the stem `start..suffix_start` of a project's name is only
    /// places and generic words, one of them a `project_ranks` word (重点,
    /// 重大, 民生): the place's projects of that rank.
    fn ranks_a_places_projects(&self, sentence: &[char], start: usize, suffix_start: usize, known: &[Found]) -> bool {
        let places: Vec<&Found> =
            known.iter().filter(|k| k.class.is_administrative() && k.start >= start && k.end <= suffix_start).collect();
        let rest = without_names(sentence, start..suffix_start, &places);
        let text: String = rest.iter().collect();
        self.project_ranks.iter().any(|r| text.contains(r.as_str())) && !self.is_distinctive(&rest)
    }

    /// A name without its longest class suffix (贵安新区 → 贵安).
    pub fn stem<'a>(&self, name: &'a [char]) -> &'a [char] {
        for (suffix, _) in &self.suffixes {
            let n = suffix.chars().count();
            if name.len() >= n && name[name.len() - n..].iter().copied().eq(suffix.chars()) {
                return &name[..name.len() - n];
            }
        }
        name
    }

    /// Whether the short form `word` of a city or province is, in news,
    /// mostly a common word (中外来宾, 世界大同), so the place only right after
    /// its province (山西大同).
    pub fn is_not_a_place(&self, word: &str) -> bool {
        self.not_places.contains(word)
    }

    /// Whether `alias` refers to its entity without naming it (我国): such
    /// a mention makes the entity the article's only through a fact.
    pub fn only_refers(&self, alias: &str) -> bool {
        self.only_refer.contains(alias)
    }

    /// Words that hold a place's name but name no place (北京时间): the
    /// segmenter keeps each one word, and no name is read inside one.
    pub fn no_place_in(&self) -> &[String] {
        &self.no_place_in
    }

    /// Whether `word` ends the name of a port, an airport or a border
    /// crossing (宁波舟山港, 北京大兴机场, 珠海公路口岸): the places in such a
    /// name are no mention of the place.
    pub fn is_facility(&self, word: &str) -> bool {
        self.facilities.iter().any(|w| w == word)
    }

    /// Whether two words written together are one of the facility words
    /// (国际|机场).
    pub fn is_facility_in_two(&self, first: &str, second: &str) -> bool {
        self.facilities.iter().any(|w| w.strip_prefix(first) == Some(second))
    }

    /// Whether the park `name` opens the names of others as a brand, not
    /// as where they lie (中关村科技园 in 雄安, 京津中关村科技城 in 天津).
    pub fn is_a_brand(&self, name: &str) -> bool {
        self.brands.contains(name)
    }

    /// Whether `word` closes the name of a route between two places
    /// (高速, 高铁, 特高压): the places in such a name are no mention.
    pub fn is_route(&self, word: &str) -> bool {
        self.routes.contains(word)
    }

    /// Whether `word` after a place makes it part of a label (问题 in
    /// 台湾问题, 原则 in 一个中国原则).
    pub fn is_label(&self, word: &str) -> bool {
        self.labels.contains(word)
    }

    /// Whether `word` before a place makes it part of a slogan (数字 in
    /// 数字中国, 美丽 in 美丽中国).
    pub fn opens_a_label(&self, word: &str) -> bool {
        self.label_openers.contains(word)
    }

    /// Words of jieba's dictionary that news hardly ever means (门将).
    pub fn rare_words(&self) -> &[String] {
        &self.rare_words
    }

    /// The last words of facility names (港, 机场).
    pub fn facilities(&self) -> &[String] {
        &self.facilities
    }

    /// Whether `word` is one of the class suffixes (新城, 产业园).
    pub fn is_suffix(&self, word: &str) -> bool {
        self.suffixes.iter().any(|(s, _)| s == word)
    }

    /// Whether a name stem says more than generic words: what is left once
    /// generic words and numerals are taken out has two characters or more.
    pub fn is_distinctive(&self, stem: &[char]) -> bool {
        let mut rest: String = stem.iter().filter(|c| !"（）()".contains(**c)).collect();
        // Replacing only ever puts in spaces, so a generic word whose first
        // character the stem lacks is never found: skipping it spares most
        // of the substring searches.
        let present = |g: &str| g.chars().next().is_some_and(|first| stem.contains(&first));
        for g in self.generic_longest_first.iter().filter(|g| present(g)) {
            if rest.contains(g.as_str()) {
                rest = rest.replace(g.as_str(), " ");
            }
        }
        rest.chars().filter(|c| c.is_alphanumeric() && !"一二两三四五六七八九十百千万多几".contains(*c)).count() >= 2
    }

    /// Whether a word can be part of a name: not a stop word, not
    /// punctuation, not a function word nor an idiom (克服困难); verbs only
    /// when they are the generic industry words names are made of (制造,
    /// 创新).
    fn is_name_word(&self, token: &Token<'_>, class: EntityClass) -> bool {
        let text = token.text;
        if self.stop.contains(text) || text.starts_with('第') {
            return false;
        }
        // 多家, 一批, 这座: a count ends the name before it (国家 in 之江国家
        // 实验室 and 专家 are no counts)
        let (head, last) = text.split_at(text.len() - text.chars().last().map_or(0, char::len_utf8));
        let a_count = !head.is_empty()
            && "个家项批所座名".contains(last)
            && head
                .chars()
                .all(|c| c.is_ascii_digit() || "一二两三四五六七八九十百千万亿多几首每数这那该各某整".contains(c));
        if a_count {
            return false;
        }
        let first = text.chars().next().unwrap_or(' ');
        if !(first.is_alphanumeric()) {
            return false;
        }
        let numeral_only = text.chars().all(|c| c.is_ascii_digit() || "一二两三四五六七八九十百千万亿多几".contains(c));
        match token.pos {
            "p" | "c" | "u" | "uj" | "ul" | "uz" | "ud" | "ug" | "uv" | "r" | "d" | "ad" | "q" | "y" | "e" | "o"
            | "t" | "mq" | "i" => false,
            "v" | "vd" => self.generic.contains(text) || matches!(class, EntityClass::Project | EntityClass::Plan),
            "m" => !numeral_only || (text.chars().all(|c| c.is_ascii_digit()) && text.len() <= 3),
            _ => true,
        }
    }

    /// Members of an enumeration take the class of the others or of the noun
    /// it closes with: `小米集团、高榕资本、深创投等一线基金` makes 深创投 a
    /// company; `阿里张北小二台、腾讯怀来云等12个数据中心` makes both data
    /// centers. `known` holds what the sentence already found.
    ///
    /// A member with no class of its own takes one only if it is itself a
    /// name: no function word in it, not a common word of jieba's dictionary (书法,
    /// 冰球), not made only of common words (储能电池), and as long as the
    /// class's stems. A list ends at a verb after a known member
    /// (中国电信、中国联通颁发许可).
    pub fn enumerations(
        &self,
        sentence: &[char],
        tokens: &[Token<'_>],
        known: &[Found],
        segmenter: &Segmenter,
    ) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].text != "、" {
                i += 1;
                continue;
            }
            // the run of members around this 、
            let mut members: Vec<(usize, usize)> = Vec::new();
            let first_end = tokens[i].start;
            let first_start = self.member_start(tokens, i, known, segmenter);
            members.push((first_start, first_end));
            let mut j = i;
            let mut closing = None;
            while j < tokens.len() && tokens[j].text == "、" {
                let start = tokens.get(j + 1).map_or(sentence.len(), |t| t.start);
                let is_separator = |at: usize| {
                    at == sentence.len()
                        || tokens.iter().find(|t| t.start == at).is_some_and(|t| {
                            matches!(t.text, "、" | "等" | "，" | "。" | "；" | "和" | "及" | "与" | "）")
                                || matches!(t.pos, "v" | "vd" | "p")
                        })
                };
                if let Some(f) = known.iter().find(|f| f.start == start && is_separator(f.end)) {
                    members.push((f.start, f.end));
                    j = tokens.iter().position(|t| t.start >= f.end).unwrap_or(tokens.len());
                } else {
                    let mut k = j + 1;
                    while k < tokens.len()
                        && !matches!(tokens[k].text, "、" | "等" | "，" | "。" | "；" | "和" | "及" | "与" | "）")
                        && k - j <= 4
                    {
                        k += 1;
                    }
                    let at_separator = k < tokens.len()
                        && matches!(tokens[k].text, "、" | "等" | "，" | "。" | "；" | "和" | "及" | "与" | "）");
                    if !at_separator {
                        break;
                    }
                    let end = tokens.get(k).map_or(sentence.len(), |t| t.start);
                    members.push((start, end));
                    j = k;
                }
                if tokens.get(j).map(|t| t.text) == Some("等") {
                    closing = Some(j);
                }
            }
            let class_of = |s: usize, e: usize| known.iter().find(|f| f.start == s && f.end == e).map(|f| f.class);
            let noun_class = closing.and_then(|k| self.closing_noun_class(tokens, k));
            let known_classes: Vec<EntityClass> = members.iter().filter_map(|&(s, e)| class_of(s, e)).collect();
            let majority = known_classes.first().copied().filter(|c| {
                let same = known_classes.iter().filter(|k| *k == c).count();
                same >= 2 && same * 2 > members.len() && !c.is_administrative()
            });
            if let Some(class) = noun_class.or(majority) {
                // Only the closing noun says what the members are: lists of
                // kinds (短道速滑、花样滑冰等项目, 算力运维等上下游企业) close
                // the same way, so a member must show a name of its own —
                // for projects, be one already or a work built somewhere
                // (雅万高铁、匈塞铁路等项目): a place inside an activity
                // (越野滑雪、黄河漂流等项目) names none.
                let vouched = known_classes.contains(&class);
                // 向粤东、粤西、粤北有序转移: a member that opens on a known
                // region or division of the list's class is that place and
                // what it does (a company's brand opens longer names:
                // 中兴网信)
                let a_place_class = class == EntityClass::Region || class.is_administrative();
                let opens_on_one = |s: usize| a_place_class && known.iter().any(|f| f.start == s && f.class == class);
                for &(s, e) in &members {
                    let len = e.saturating_sub(s);
                    let min_len = self.min_stem.get(&class).copied().unwrap_or(2).max(2);
                    if class_of(s, e).is_none()
                        && !opens_on_one(s)
                        && (min_len..=12).contains(&len)
                        && self.is_distinctive(&sentence[s..e])
                        && self.is_name_like(tokens, s, e, segmenter)
                        && (vouched
                            || has_proper_part(tokens, s, e, known)
                                && (class != EntityClass::Project || self.is_a_work(&sentence[s..e])))
                    {
                        let name: String = sentence[s..e].iter().collect();
                        if name.chars().all(|c| c.is_alphanumeric()) {
                            found.push(Found { name, class, start: s, end: e });
                        }
                    }
                }
            }
            i = j.max(i + 1);
        }
        found
    }

    /// A project named by its rank in a work (渝昆高铁控制性工程, 龙龙铁
    /// 路重点控制性工程) is that work (渝昆高铁); other names stay whole.
    fn ranked_work(&self, mut found: Found) -> Found {
        let Some(mut work) = found.name.strip_suffix("工程") else { return found };
        while let Some(rank) = self.work_ranks.iter().find(|r| work.ends_with(r.as_str())) {
            work = &work[..work.len() - rank.len()];
        }
        let ranked = work.len() + "工程".len() < found.name.len();
        if ranked && self.works.iter().any(|w| work.ends_with(w.as_str())) {
            found.end = found.start + work.chars().count();
            found.name = work.to_string();
        }
        found
    }

    /// Whether `words` is made of `works` words only (高速公路, 铁路): a
    /// kind of work, no name.
    pub fn is_only_work_words(&self, words: &str) -> bool {
        let mut rest = words;
        while let Some(work) = self.works.iter().find(|w| rest.ends_with(w.as_str())) {
            rest = &rest[..rest.len() - work.len()];
        }
        rest.is_empty()
    }

    /// Whether a name or stem holds one of the `works` words (铁路, 大坝):
    /// a work built in one place.
    fn is_a_work(&self, name: &[char]) -> bool {
        let name: String = name.iter().collect();
        self.works.iter().any(|w| name.contains(w.as_str()))
    }

    /// Whether the words `start..end` of an enumeration can be a name.
    fn is_name_like(&self, tokens: &[Token<'_>], start: usize, end: usize, segmenter: &Segmenter) -> bool {
        let words: Vec<&Token<'_>> = tokens.iter().filter(|t| t.start >= start && t.end <= end).collect();
        // a dictionary word of four characters or more may be a brand (神州数码)
        let common = |word: &str| {
            self.not_names.contains(word)
                || word.chars().count() < 4
                    && segmenter.known_tag(word).is_some_and(|tag| {
                        !(tag.starts_with("nr")
                            || tag.starts_with("ns")
                            || matches!(tag.as_str(), "nt" | "nz" | "j" | "eng"))
                    })
        };
        let function_word = words.iter().any(|t| matches!(t.pos, "p" | "c" | "u" | "uj"));
        // 体验开湖捕鱼, 游客动手体验春福印章: an activity, not a name
        let verb_phrase = (0..tokens.len())
            .filter(|&k| tokens[k].start >= start && tokens[k].end < end)
            .any(|k| verb_opens_a_phrase(tokens, k, segmenter));
        !function_word && !verb_phrase && !words.iter().all(|t| common(t.text))
    }

    /// Where the first member of an enumeration starts: a found name ending
    /// at the 、, else the name-like words right before it. A number, or a
    /// verb not right after a name, before the member's last word ends the
    /// walk back: 推出 in 当地推出藏香制作 and 21座 in 21座泵站 are not part
    /// of the member, 启航 in 中关村启航基金 is.
    fn member_start(&self, tokens: &[Token<'_>], comma: usize, known: &[Found], segmenter: &Segmenter) -> usize {
        let end = tokens[comma].start;
        if let Some(f) = known.iter().find(|f| f.end == end) {
            return f.start;
        }
        let mut start = end;
        for k in (comma.saturating_sub(5)..comma).rev() {
            let t = &tokens[k];
            let word_like = t.text.chars().next().is_some_and(char::is_alphanumeric);
            let opens_a_phrase = k + 1 < comma && (t.pos == "m" || verb_opens_a_phrase(tokens, k, segmenter));
            if !word_like
                || self.stop.contains(t.text)
                || matches!(t.pos, "p" | "c" | "u" | "uj" | "d" | "r")
                || opens_a_phrase
            {
                break;
            }
            start = t.start;
        }
        start
    }

    /// `等12个数据中心` / `等国内外知名的大数据公司`: the class the noun after
    /// 等 names. It is the class of the phrase's head: a noun after the
    /// class word takes it over, so `等大会主席团常务委员会成员` names
    /// members, not a committee (a verbal noun does not: 数据中心投运).
    fn closing_noun_class(&self, tokens: &[Token<'_>], deng: usize) -> Option<EntityClass> {
        let mut text = String::new();
        let mut class = None;
        for t in tokens.iter().skip(deng + 1).take(10) {
            let verb = matches!(t.pos, "v" | "vd") && !self.generic.contains(t.text);
            // 10余个国家70多个枢纽站点: a number after a noun starts another phrase
            let another_phrase = t.pos == "m" && text.chars().last().is_some_and(|c| !c.is_numeric());
            if matches!(t.text, "，" | "。" | "；" | "、" | "：")
                || matches!(t.pos, "p" | "c")
                || verb
                || another_phrase
            {
                break;
            }
            text.push_str(t.text);
            if text.ends_with("企业") || text.ends_with("基金") {
                class = Some(EntityClass::Company);
            } else if let Some((_, c)) =
                self.suffixes.iter().find(|(suffix, _)| suffix.chars().count() >= 2 && text.ends_with(suffix.as_str()))
            {
                class = Some(*c);
            } else if t.pos.starts_with('n') {
                class = None;
            }
        }
        class
    }

    /// `《…》` titles of plans and policy documents (not reports), and the national
    /// five-year plan's outline and proposals named without them.
    pub fn plan_titles(&self, sentence: &[char]) -> Vec<Found> {
        const PLAN_WORDS: &[&str] = &[
            "规划",
            "计划",
            "方案",
            "意见",
            "措施",
            "纲要",
            "办法",
            "协议",
            "条例",
            "通知",
            "决定",
            "规定",
            "政策",
            "战略",
            "行动",
            "指南",
            "细则",
            // a government's work report sets goals; a research report or a
            // white paper (《世界开放报告》, 《…白皮书》) is no policy document
            "工作报告",
            "法",
            "建议",
            "框架",
        ];
        let mut found = Vec::new();
        let mut i = 0;
        while i < sentence.len() {
            if sentence[i] == '《' {
                if let Some(len) = sentence[i + 1..].iter().take(60).position(|c| *c == '》') {
                    let inner: String = sentence[i + 1..i + 1 + len].iter().collect();
                    let trimmed = inner.trim_end_matches(|c: char| {
                        c == ')' || c == '）' || c.is_ascii_digit() || matches!(c, '(' | '（' | '—' | '-' | '年' | '–')
                    });
                    if PLAN_WORDS.iter().any(|w| trimmed.ends_with(w) || inner.contains(&format!("{w}("))) && len >= 3 {
                        found.push(Found {
                            name: format!("《{inner}》"),
                            class: EntityClass::Plan,
                            start: i,
                            end: i + len + 2,
                        });
                    }
                    i += len + 2;
                    continue;
                }
            }
            i += 1;
        }
        found.extend(five_year_plans(sentence));
        found
    }

    /// People named right after a title (董事长谢崇杰, 市委书记赵文锋) or
    /// right before one (胡衡华市长). A name has two or three characters,
    /// starts with a surname, is not a common word (严重, 卓越) and does not
    /// start with a function word (和拉赫).
    pub fn people_after_titles(&self, sentence: &[char], tokens: &[Token<'_>]) -> Vec<Found> {
        let mut found = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if !self.is_title(token.text) {
                continue;
            }
            if let Some(f) = tokens.get(i + 1).and_then(|next| self.person_at(sentence, tokens, i + 1, next)) {
                found.push(f);
            } else if let Some(before) = i.checked_sub(1).map(|k| &tokens[k]) {
                // 胡衡华市长: only a word jieba itself tags as a name
                let len = before.end - before.start;
                if before.pos.starts_with("nr")
                    && (2..=3).contains(&len)
                    && self.is_plausible_name(sentence, before.start, before.end)
                {
                    found.push(Found {
                        name: before.text.to_string(),
                        class: EntityClass::Person,
                        start: before.start,
                        end: before.end,
                    });
                }
            }
        }
        found
    }

    fn is_title(&self, word: &str) -> bool {
        word.char_indices().any(|(at, _)| self.title_set.contains(&word[at..]))
    }

    /// Whether the characters `start..end` can be a person's name.
    fn is_plausible_name(&self, sentence: &[char], start: usize, end: usize) -> bool {
        let name: String = sentence[start..end].iter().collect();
        self.surnames.contains(&sentence[start])
            && !self.clitics.contains(&sentence[start])
            && !self.not_names.contains(&name)
            && !self.stop.contains(&name)
            && name.chars().all(crate::clean::is_cjk)
    }

    /// The person named by the words from `tokens[k]` on, after a title.
    fn person_at(&self, sentence: &[char], tokens: &[Token<'_>], k: usize, next: &Token<'_>) -> Option<Found> {
        let len = next.end - next.start;
        // jieba usually keeps a name whole (nr); else surname + given name
        let mut end = if next.pos.starts_with("nr") && (2..=3).contains(&len) {
            next.end
        } else if len == 1 {
            if matches!(next.pos, "c" | "p" | "u" | "uj" | "d" | "r") {
                return None;
            }
            let given = tokens.get(k + 1)?;
            let ok = (1..=2).contains(&(given.end - given.start))
                && given.text.chars().all(crate::clean::is_cjk)
                && !self.stop.contains(given.text)
                && !matches!(given.pos, "v" | "vn" | "u" | "uj" | "p" | "c" | "d");
            if !ok {
                return None;
            }
            given.end
        } else if (2..=3).contains(&len) && matches!(next.pos, "nz" | "ns" | "x" | "j") {
            next.end
        } else {
            return None;
        };
        // 刘庆作/讲解, 刘奇作/的/报告, 刘奇作/了: a verb glued to a two-character name
        let following = tokens.iter().find(|t| t.start == end);
        if end - next.start == 3
            && self.verb_chars.contains(&sentence[end - 1])
            && following.is_some_and(|t| matches!(t.pos, "v" | "vn" | "uj" | "ul"))
        {
            end -= 1;
        }
        // 冯德/莱恩, 梁言/顺和: the name goes on in the next word
        let following = tokens.iter().find(|t| t.start == end);
        if following.is_some_and(|t| t.pos.starts_with("nr") || t.pos == "nz") {
            return None;
        }
        if !self.is_plausible_name(sentence, next.start, end) {
            return None;
        }
        Some(Found {
            name: sentence[next.start..end].iter().collect(),
            class: EntityClass::Person,
            start: next.start,
            end,
        })
    }
}

/// Whether `word` is "the N major" (两大, 四大).
fn is_the_n_major(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(n), Some('大'), None) if "两三四五六七八九十".contains(n))
}

/// The characters of `span` outside the names `names` (东数西算示范区 without
/// 东数西算 is 示范区; 河南省重点项目 without 河南省 is 重点项目).
fn without_names(sentence: &[char], span: std::ops::Range<usize>, names: &[&Found]) -> Vec<char> {
    span.filter(|&at| !names.iter().any(|k| (k.start..k.end).contains(&at))).map(|at| sentence[at]).collect()
}

/// Whether the words `start..end` hold a proper name: a name found inside
/// them (崇礼, 怀来) or a word that jieba (or the lexicon, whose tags
/// replace jieba's) tags as a person, place or body's name (阿里, 云顶).
/// Words it tags as other proper nouns (多晶硅, 通讯) or abbreviations
/// (研发) are too often common terms to count.
fn has_proper_part(tokens: &[Token<'_>], start: usize, end: usize, known: &[Found]) -> bool {
    known.iter().any(|f| f.start >= start && f.end <= end)
        || tokens
            .iter()
            .filter(|t| t.start >= start && t.end <= end)
            .any(|t| matches!(t.pos, "nr" | "nrt" | "ns" | "nt"))
}

/// Whether `tokens[k]` is a verb that starts a verb phrase: a verb of
/// jieba's dictionary not right after a name word. Names hold words jieba
/// only guesses are verbs (蔚来资本) and verbs after a name (中关村启航基金).
fn verb_opens_a_phrase(tokens: &[Token<'_>], k: usize, segmenter: &Segmenter) -> bool {
    let after_a_name = k > 0 && matches!(tokens[k - 1].pos, "ns" | "nr" | "nrt" | "nt" | "nz");
    tokens[k].pos == "v" && !after_a_name && segmenter.known_tag(tokens[k].text).as_deref() == Some("v")
}

/// “十四五”规划纲要, “十五五”规划建议: the national five-year plan's outline
/// and the proposals for it, which news names in quotes, not in 《》 (a
/// title in 《》 is read by `plan_titles` itself). Quotes are dropped
/// before names are read, so the period is 十X五 followed by the document.
fn five_year_plans(sentence: &[char]) -> Vec<Found> {
    const DOCUMENTS: [&str; 2] = ["规划纲要", "规划建议"];
    const ORDINALS: &str = "一二三四五六七八九";
    let mut found = Vec::new();
    for start in 0..sentence.len().saturating_sub(3) {
        let is_period =
            sentence[start] == '十' && ORDINALS.contains(sentence[start + 1]) && sentence[start + 2] == '五';
        if !is_period || start > 0 && sentence[start - 1] == '《' {
            continue;
        }
        let rest: String = sentence[start + 3..].iter().take(4).collect();
        if let Some(document) = DOCUMENTS.iter().find(|d| rest.starts_with(*d)) {
            let end = start + 3 + document.chars().count();
            found.push(Found { name: sentence[start..end].iter().collect(), class: EntityClass::Plan, start, end });
        }
    }
    found
}
