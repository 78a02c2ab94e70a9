//! Targets and observations: every quantity of a sentence is read in the
//! time frame the text sets (到2025年 → target for 2025; 截至2025年3月 →
//! observation as of that month) and given the place or organization it is
//! about. The cue words live in `ontology/rules/measures.toml`.

use crate::date::{DateSpan, PartialDate};
use crate::error::{IngestError, Result};
use crate::fact::{Evidence, Fact};
use crate::item::Item;
use crate::registry::Registry;
use crate::vocab::EntityClass;
use serde::Deserialize;
use std::path::Path;

/// The cue words of `measures.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRules {
    /// Words right before a year that make it a deadline (到, 力争到).
    pub target_before_year: Vec<String>,
    /// Words that make a clause a plan or forecast (将, 力争, 预计).
    pub future: Vec<String>,
    /// Words that start with a one-character `future` word and speak of no
    /// future (数据要素, 将军山).
    #[serde(default)]
    pub not_future: Vec<String>,
    /// Head nouns of works a value may size without naming them (项目,
    /// 电站): such a value is the work's, no measure of its place.
    #[serde(default)]
    pub unnamed_works: Vec<String>,
    /// Measures of a counted group (客流量, 销售额): a count whose noun
    /// phrase ends in one, before a later value, only says whose figure
    /// that is (60个重点商圈客流量接近2100万人次).
    #[serde(default)]
    pub group_measures: Vec<String>,
    /// Verbs of disposal (作为, 纳入) that make a 将 before their object
    /// mean 把, not "will" (将数字化转型作为突破口).
    #[serde(default)]
    pub disposal_verbs: Vec<String>,
    /// Words that make a clause with a date a plan, only as a word of their
    /// own before a verb (今年计划实施), not inside a name (行动计划,
    /// 计划单列市).
    #[serde(default)]
    pub future_before_verb: Vec<String>,
    /// Words right before a date that make it an "as of" date (截至).
    pub as_of: Vec<String>,
    /// Words that state what already is (已, 累计): they end a forecast.
    pub done: Vec<String>,
    /// Words of a goal met (提前完成, 超额完成): done, even in the
    /// sentence that names the goal.
    #[serde(default)]
    pub completed: Vec<String>,
    /// Words that state a goal (达到, 突破): a target frame set in an
    /// earlier sentence reaches only clauses with one of them.
    pub goal: Vec<String>,
    /// Words right after a quantity that make it a threshold or price, not
    /// a value (超十亿元的, 3万元一台).
    pub not_a_value_after: Vec<String>,
    /// Words right before a quantity that make it no value of the subject
    /// (来自40个国家: where an event's guests came from).
    #[serde(default)]
    pub not_a_value_before: Vec<String>,
    /// Kinds an enumeration lists (产业, 集群): a count right after its
    /// closing 等 (牛羊、马铃薯、中药材等8个产业集群) counts the kinds
    /// named, no measure of the place (等12个数据中心 still counts things).
    #[serde(default)]
    pub listed_kinds: Vec<String>,
    /// Words that close the noun of a count and take a part of it (41个
    /// 行业中35个, 10个地区中有6个): the first count is the whole the part
    /// is taken from, no measure.
    #[serde(default)]
    pub whole_of_a_part: Vec<String>,
    /// Words for the whole length of one line (全长): a road's, a
    /// railway's or a route's, no measure of a place it runs through.
    #[serde(default)]
    pub line_lengths: Vec<String>,
    /// Words that close a phrase opened by 在 around a value that the
    /// clause builds on (在424项…工作基础上): the base, no value.
    #[serde(default)]
    pub bases: Vec<String>,
    /// Heads of the noun after a count that make it a count of a plan's
    /// items or of kinds (80多项具体任务, 10个优质高效水稻品种): no measure.
    #[serde(default)]
    pub item_heads: Vec<String>,
    /// Words right before a value that make it a sum over what follows
    /// (总投资528亿元的560个项目): a value even before 的.
    #[serde(default)]
    pub totals: Vec<String>,
    /// Words that, in a clause, say its numbers are not about the subject.
    pub skip_clause: Vec<String>,
    /// Verbs of coming to an event (参加, 出席, 与会): a count before one in
    /// its clause (约1300人出席, 2000名代表参加) counts the people at the
    /// event, no measure of a place; one after it is (经常参加体育锻炼的人数
    /// 达到5.4亿人).
    #[serde(default)]
    pub attendance: Vec<String>,
    /// Words after a count that make it the size of a group its subject
    /// belongs to (13个粮食主产省之一), no measure of the subject.
    #[serde(default)]
    pub one_of: Vec<String>,
    /// Words that make a sentence the report of someone's forecast or
    /// estimate (报告显示, 预测): its future numbers are no goals of their
    /// subject, unless the sentence names one (`goal_nouns`).
    pub reported: Vec<String>,
    /// Words of data shown (数据显示): with a word of `estimated` they
    /// report the source's forecast (数据显示…预计今年将超7300亿元), no
    /// goal of the subject.
    #[serde(default)]
    pub shown: Vec<String>,
    /// Words of an estimate (预计, 有望), a forecast where data is `shown`.
    #[serde(default)]
    pub estimated: Vec<String>,
    /// Nouns naming a goal (目标): a sentence with one states goals even
    /// when it reports them.
    pub goal_nouns: Vec<String>,
    /// Verbs of an event being held (举行, 举办): a clause announcing one
    /// (博览会将于9月举行) makes the rest of the sentence the event's
    /// numbers (3200家企业参展), no goals or observations of a place.
    #[serde(default)]
    pub events: Vec<String>,
    /// Words that end an event's name (博览会, 论坛, 车展): a place that
    /// starts one (中国国际进口博览会) names the event, no subject.
    #[serde(default)]
    pub event_nouns: Vec<String>,
    /// Words that end an event's name only after a session (第八届…大会):
    /// elsewhere 大会 ends a body's name too (人民代表大会).
    #[serde(default)]
    pub session_event_nouns: Vec<String>,
    /// Words that name a session of an event (本届): a sentence with one,
    /// or with an ordinal of 届 (第五届), counts the event, not a place.
    #[serde(default)]
    pub event_sessions: Vec<String>,
    /// Words of a project once finished (建成后, 投产后): a clause with one
    /// and the rest of its sentence say what the project will do (每年可
    /// 输送…千瓦时), a design figure, no goal or observation of the place
    /// named, until a clause states what is done already (已, 累计).
    #[serde(default)]
    pub projected: Vec<String>,
    /// Phases of a project (一期, 首期): a clause opening on one gives the
    /// project's figures, not its place's.
    #[serde(default)]
    pub project_phases: Vec<String>,
    /// Words that say a figure is reached by now (至此): it is recorded,
    /// whatever goal came before.
    #[serde(default)]
    pub reached: Vec<String>,
    /// Words that point at a thing the text does not name (这家, 一家):
    /// before one of `unnamed_kinds` at a clause's head (在浙江杭州，这家化工
    /// 企业…), the clause measures that thing, no place.
    #[serde(default)]
    pub unnamed_openers: Vec<String>,
    /// Kinds of things a clause may measure unnamed (企业, 工厂, 基地).
    #[serde(default)]
    pub unnamed_kinds: Vec<String>,
    /// Words pointing at a time named before (届时): after a clause that
    /// completes something (`completion`, in that sentence or the one
    /// before), they start a projected stretch like `projected`.
    #[serde(default)]
    pub then: Vec<String>,
    /// Verbs of completing a project (建成, 投产, 通车).
    #[serde(default)]
    pub completion: Vec<String>,
    /// Verbs of settling in a place (落地, 落户): in a sentence that has
    /// named no subject yet, 17个项目落地雄安新区 counts for the place after
    /// the verb.
    #[serde(default)]
    pub settles_in: Vec<String>,
    /// Units accepted for facts.
    pub units: Vec<String>,
    /// Sentences with the targets and observations they must yield
    /// (`S target YEAR VALUE`, `S observation VALUE`, values as written);
    /// `cargo test` runs them.
    #[serde(default)]
    pub examples: Vec<crate::rules::Example>,
    /// Sentences that must yield no target or observation.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

impl MeasureRules {
    /// Reads `measures.toml`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| IngestError::Io { path: path.to_owned(), source })?;
        toml::from_str(&text).map_err(|e| crate::toml_error(path, &text, &e))
    }
}

/// One sentence, as the measure reader needs it.
pub struct MeasureInput<'a> {
    /// The sentence's items.
    pub items: &'a [Item],
    /// The paragraph it belongs to (frames end with the paragraph).
    pub paragraph: usize,
    /// The article's date, for "as of" and relative years.
    pub article_date: Option<PartialDate>,
    /// The article's entities.
    pub registry: &'a Registry,
}

/// What carries over from sentence to sentence within a paragraph.
#[derive(Debug, Default)]
pub struct MeasureState {
    paragraph: Option<usize>,
    frame: Frame,
    /// Whether the frame was set in the sentence being read.
    fresh: bool,
    /// Whether the sentence being read speaks of the future without a year.
    forecast: bool,
    /// Whether the sentence being read announces an event.
    event: bool,
    /// Whether the sentence being read has said what a project will do
    /// once finished.
    projected: bool,
    /// Whether the sentence being read, or the one before, completes
    /// something (预计2025年建成): a 届时 after it points at that.
    completing: bool,
    /// Whether the sentence being read completes something.
    completes: bool,
    /// Whether a clause of the sentence being read opened on a thing whose
    /// figures tupu gives no subject (a project, a programme, a firm the
    /// text does not name): the clauses after it that name no subject of
    /// their own measure it too.
    measuring_a_thing: bool,
    subject: Option<usize>,
}

/// The time frame a clause's numbers are read in.
#[derive(Debug, Clone, Copy)]
enum Frame {
    /// A goal for the year.
    Target(i32),
    /// As of a date, or of the article's date when `None`.
    Observation(Option<PartialDate>),
}

impl Default for Frame {
    fn default() -> Self {
        Frame::Observation(None)
    }
}

impl MeasureRules {
    /// Reads the targets and observations of one sentence into `facts`.
    pub fn read(
        &self,
        input: &MeasureInput<'_>,
        state: &mut MeasureState,
        evidence: &dyn Fn(&str) -> Evidence,
        facts: &mut Vec<Fact>,
    ) {
        let items = input.items;
        if state.paragraph != Some(input.paragraph) {
            *state = MeasureState { paragraph: Some(input.paragraph), ..MeasureState::default() };
        }
        state.fresh = false;
        state.forecast = false;
        // 本届北京图博会…1600家中外展商, 第五届西洽会…签约项目88个: a
        // sentence that names a session of an event counts the event
        state.event = self.names_a_session(items) || self.holds_an_event(items);
        state.projected = false;
        state.measuring_a_thing = false;
        state.completing = std::mem::take(&mut state.completes);
        let people = positions(facts);
        let subject_at =
            |i: usize| if self.names_an_event(items, i) { None } else { subject_at(items, i, input.registry, &people) };
        // The subject is named in the clause or earlier in the same sentence.
        // Only a plan's list of goals (a target frame) carries it on to the
        // next sentences; otherwise news moves on as often as not.
        let before_numbers = items.iter().take_while(|item| !matches!(item, Item::Quantity(_))).count();
        let sentence_subject = (0..before_numbers).filter(|&i| !sets_the_scene(items, i)).find_map(subject_at);
        // 在福建，…42亿元 and 目前，全国已有20个省市…: a sentence set in a
        // place of its own, or in the whole country, is not about the
        // subject of the goals before it
        let names_a_locale = (0..before_numbers).any(|i| {
            let after_zai = i > 0 && items[i - 1].word() == Some("在");
            items[i].word() == Some("全国")
                || after_zai && matches!(&items[i], Item::Entity { class, .. } if class.is_place())
        });
        // 其中，数码相机…分别增长…: a sentence opening on 其中 takes a part
        // of what the sentence before counted, so it keeps that subject
        let part_of_previous = items.first().and_then(Item::word) == Some("其中");
        // …力争到2029年…。在江苏，…专项基金总规模达到408亿元: nor is it
        // read in their time frame
        if names_a_locale && matches!(state.frame, Frame::Target(_)) {
            state.frame = Frame::Observation(None);
        }
        match (sentence_subject, state.frame) {
            (Some(s), _) => state.subject = Some(s),
            (None, Frame::Target(_)) => {}
            (None, _) if part_of_previous => {}
            (None, _) => state.subject = None,
        }
        let mut clause_start = 0;
        while clause_start < items.len() {
            let clause_end =
                (clause_start..items.len()).find(|&i| items[i].is_clause_break()).map_or(items.len(), |i| i + 1);
            self.read_clause(input, clause_start..clause_end, state, &subject_at, evidence, facts);
            clause_start = clause_end;
        }
    }

    fn read_clause(
        &self,
        input: &MeasureInput<'_>,
        clause: std::ops::Range<usize>,
        state: &mut MeasureState,
        subject_at: &dyn Fn(usize) -> Option<usize>,
        evidence: &dyn Fn(&str) -> Evidence,
        facts: &mut Vec<Fact>,
    ) {
        let items = input.items;
        let clause_items = &items[clause.clone()];
        // 在和林格尔数据中心集群，…占比高达86%: a clause that only says
        // where makes the place or park it names what the clauses after it
        // are about
        if let Some(locale) = locale(clause_items) {
            state.subject = Some(locale);
            return;
        }
        let words: String = clause_items.iter().filter_map(Item::word).collect();
        let has = |list: &[String]| list.iter().any(|w| words.contains(w.as_str()));
        // 今年，全省计划改造…: this year, named in an earlier clause
        let this_year_named = state.fresh
            && matches!(state.frame, Frame::Observation(Some(d))
                if d.month.is_none() && input.article_date.is_some_and(|a| a.year == d.year));
        let jiang_is_ba = self.disposes(clause_items);
        let future =
            self.speaks_of_the_future(clause_items, &words, jiang_is_ba) || self.plans(clause_items, this_year_named);
        let dated = self.update_frame(items, clause.clone(), future, input.article_date, state);
        state.event |= future && has(&self.events);
        let then_after_completion = state.completing && has(&self.then);
        if has(&self.completion) {
            state.completes = true;
            state.completing = true;
        }
        state.projected = has(&self.projected) || then_after_completion || state.projected && !has(&self.done);
        let first_word = clause_items.first().and_then(Item::word).unwrap_or("");
        let about_a_phase = self.project_phases.iter().any(|p| first_word.starts_with(p.as_str()));
        if self.about_an_unnamed_thing(clause_items) {
            state.measuring_a_thing = true;
            return;
        }
        // 重庆…正在进行，山东将…相结合，全年预计改造844个小区: a clause
        // read for no numbers of its own may still name what the clauses
        // after it are about
        let take_the_opening_subject = |state: &mut MeasureState| {
            if let Some(opening) = clause.clone().take(2).find_map(&subject_at) {
                state.subject = Some(opening);
            }
        };
        if jiang_is_ba {
            take_the_opening_subject(state);
            return;
        }
        if state.event || state.projected || about_a_phase || has(&self.skip_clause) {
            return;
        }
        if matches!(state.frame, Frame::Target(_)) && !state.fresh && !has(&self.goal) {
            return;
        }
        // …提前完成“十四五”营造目标。我国红树林面积已达3.03万公顷: a clause
        // that says what is done already reports, whatever goal came before
        // …预计突破1.2万亿元；…形成了超300项关键技术储备: a verb with 了
        // has happened, even in the sentence that set the goal
        // (提前完成全年…目标任务: done ahead of time is done too)
        let perfective = clause_items.iter().any(|item| item.word() == Some("了")) || has(&self.completed);
        let projected_then = clause_items.iter().any(|item| item.word() == Some("将"));
        let reports_done = matches!(state.frame, Frame::Target(_)) && (!state.fresh && has(&self.done) || perfective);
        // 将…，突破…100项以上 with no year: a forecast, neither target nor
        // observation, up to the end of the sentence
        // …将…转化为新优势，前三季度，全省…增长3.4%: a clause dated in the
        // past reports, whatever the clauses before it foresaw
        let dated_in_the_past = dated && !future && matches!(state.frame, Frame::Observation(_));
        if has(&self.done) || dated_in_the_past {
            state.forecast = false;
        } else if matches!(state.frame, Frame::Observation(_)) && (future || state.forecast) {
            state.forecast = true;
            take_the_opening_subject(state);
            return;
        }
        // A clause names its own subject at its start (承德市电力总装机…,
        // 目前该市签约…); an entity deeper in the clause is an object.
        let mut subject = state.subject;
        let mut after_subject = clause.start;
        // 其中甘肃省企业40家: a part of what the clause before counted
        let part_of_previous = items.get(clause.start).and_then(Item::word) == Some("其中");
        for i in clause.clone().take(if part_of_previous { 0 } else { 4 }) {
            // 珠三角水资源配置工程…，该工程全长113.2公里; 东数西算工程带动投资…:
            // a project's or a programme's figures, no subject the gold sets
            // annotate
            let is_a_work =
                |item: &Item| matches!(item, Item::Entity { class: EntityClass::Project | EntityClass::Program, .. });
            let opens_the_clause = || {
                items[clause.start..i].iter().all(|item| match item {
                    Item::Date(_) => true,
                    Item::Word { pos, .. } => pos == "t" || pos == "d",
                    _ => false,
                })
            };
            // 我国“东数西算”八大枢纽节点拉动投资…, 我国“山水工程”已累计…: so
            // are those of a work named right after its place (quote marks
            // are gone from the items)
            let names_its_work = matches!(&items[i], Item::Entity { class, .. } if class.is_place())
                && i + 1 < clause.end
                && is_a_work(&items[i + 1]);
            if (is_a_work(&items[i]) || names_its_work) && opens_the_clause() {
                state.measuring_a_thing = true;
                return;
            }
            // 宁波舟山港货物吞吐量达13亿吨: the port's figures, and no
            // subject tupu knows (a port has no class)
            if matches!(items[i], Item::Facility(_)) {
                state.subject = None;
                return;
            }
            // 东营现有盐碱地341万亩，占山东省盐碱地面积的38%: the whole a
            // share is of, once the sentence has named whose share it is
            // (民营企业进出口…，占我国外贸总值的57.1% is 中国's)
            let whole_of_a_share = i > 0 && items[i - 1].word() == Some("占") && state.subject.is_some();
            if whole_of_a_share {
                continue;
            }
            if let Some(s) = subject_at(i) {
                subject = Some(s);
                // 随着新疆深度融入…，现在每天通行的中欧班列有27列: the place
                // of a clause saying what a change goes with is the subject
                // of that clause only; the clauses after it speak of the
                // scene as before
                if !sets_the_scene(items, i) {
                    state.subject = subject;
                }
                state.measuring_a_thing = false;
                after_subject = i + 1;
                break;
            }
            if items[i].entity().is_some() || matches!(items[i], Item::Quantity(_)) {
                break;
            }
        }
        if state.measuring_a_thing {
            return;
        }
        let Some(subject) = subject.or_else(|| self.settled_in(items, clause.clone())) else { return };
        let quantities: Vec<usize> = clause.clone().filter(|&i| matches!(items[i], Item::Quantity(_))).collect();
        let respective = respective_subjects(items, clause.clone());
        let mut listed_indicator = String::new();
        for (n, &i) in quantities.iter().enumerate() {
            let Item::Quantity(q) = &items[i] else { continue };
            let quantity = &q.quantity;
            let later_value = n + 1 < quantities.len();
            if !self.units.contains(&quantity.unit)
                || self.is_not_a_value(items, i, later_value)
                || self.counts_attendance(&items[i + 1..listed_on_to(items, clause.end)])
                || self.counts_a_group(&items[i + 1..clause.end])
            {
                continue;
            }
            // 三大品牌, 四项第一, 推出十项行动: small counts in words are
            // narrative (news writes its statistics in digits)
            if quantity.text.chars().next().is_some_and(|c| !c.is_ascii_digit())
                && quantity.value.to_f64() <= 10.0
                && quantity.unit != "%"
            {
                continue;
            }
            let mut indicator = self.indicator(&items[after_subject.min(i)..i], &items[i + 1..clause.end]);
            let previous_listed = i > 0 && matches!(items[i - 1].word(), Some("、" | "和" | "及" | "以及"));
            // 分别增长118.5%、55%: the values of a list measure what the first does
            if indicator.is_empty() && previous_listed {
                indicator = listed_indicator.clone();
            }
            if let Some(noun) = counted_in_a_list(&items[i + 1..clause.end], previous_listed) {
                indicator = noun;
            }
            listed_indicator = indicator.clone();
            // 让汕尾69家企业…: a place right before a count is whose it is;
            // 总投资212亿元的金凤软件园: a sum before 的 is what it names
            let before_a_name = i + 2 < clause.end && items[i + 1].word() == Some("的");
            let summed_for = if before_a_name && self.is_a_sum(items, i) { subject_at(i + 2) } else { None };
            let owner = (i > clause.start)
                .then(|| subject_at(i - 1))
                .flatten()
                .filter(|&e| input.registry.entities[e].class.is_place())
                .or(summed_for)
                .or_else(|| respective.iter().find(|(q, _)| *q == i).map(|(_, e)| *e))
                .unwrap_or(subject);
            let name = input.registry.entities[owner].name.clone();
            // 从现在的2.65%提高到3.25%: a goal's starting point is today's value
            // 2024年，上海预计全市生产总值增长5%左右 (in January 2025): what
            // a year already over came to, estimated or not, is no goal;
            // what the text says it was to come to (全年将超过100亿元, as
            // projected then) still is
            let frame = match state.frame {
                Frame::Target(_) if reports_done || starts_a_change(items, i) => Frame::Observation(None),
                Frame::Target(year) if input.article_date.is_some_and(|a| year < a.year) && !projected_then => {
                    Frame::Observation(Some(PartialDate::year(year)))
                }
                frame => frame,
            };
            let fact = match frame {
                Frame::Target(_) if self.reports_a_forecast(items) => continue,
                Frame::Target(year) => Fact::Target {
                    subject: name,
                    year,
                    indicator,
                    quantity: quantity.clone(),
                    evidence: evidence("measure/target-year"),
                },
                Frame::Observation(date) => {
                    let date = date.or(input.article_date.map(PartialDate::to_month));
                    Fact::Observation {
                        subject: name,
                        date,
                        indicator,
                        quantity: quantity.clone(),
                        evidence: evidence("measure/observation"),
                    }
                }
            };
            facts.push(fact);
        }
    }

    /// Whether a clause's head speaks of a thing the text does not name
    /// (这家化工企业, 丹麦一家生物制药企业, 这个机器人实训基地): one of
    /// `unnamed_openers`, then within a few words one of `unnamed_kinds`,
    /// before any number.
    fn about_an_unnamed_thing(&self, clause: &[Item]) -> bool {
        // 一家 is read as a count
        let opens = |item: &Item| {
            let text = match item {
                Item::Word { text, .. } => text,
                Item::Quantity(q) => &q.quantity.text,
                _ => return false,
            };
            self.unnamed_openers.contains(text)
        };
        let head = || clause.iter().take(8).take_while(|item| !matches!(item, Item::Quantity(_)) || opens(item));
        let Some(opener) = head().position(opens) else {
            return false;
        };
        // 河东区有包括这家企业在内的共11家: after a verb it is an object
        let a_verb_before =
            head().take(opener).any(|item| matches!(item, Item::Word { pos, .. } if pos.starts_with('v')));
        !a_verb_before
            && head()
                .skip(opener + 1)
                .take(5)
                .filter_map(Item::word)
                .any(|w| self.unnamed_kinds.iter().any(|k| w.ends_with(k.as_str())))
    }

    /// The place or park right after a `settles_in` verb that follows a
    /// quantity of the clause (17个项目落地雄安新区).
    fn settled_in(&self, items: &[Item], clause: std::ops::Range<usize>) -> Option<usize> {
        let first_quantity = clause.clone().find(|&i| matches!(items[i], Item::Quantity(_)))?;
        (first_quantity + 1..clause.end.saturating_sub(1)).find_map(|i| {
            let verb = items[i].word()?;
            let place = items[i + 1].entity().filter(|_| is_a_where(&items[i + 1]))?;
            self.settles_in.iter().any(|v| v == verb).then_some(place)
        })
    }

    /// Whether a sentence names a session of an event: one of
    /// `event_sessions` (本届) or an ordinal of 届 (第五届, 第113届; not
    /// 应届 or 换届). Not where the event is only where someone spoke
    /// (记者从第14届…交易会上了解到，全国…; 普京在第十五届…论坛致辞中表示):
    /// the figures are what was said.
    fn names_a_session(&self, items: &[Item]) -> bool {
        const SAID: &[&str] = &["了解到", "获悉", "表示", "介绍", "指出", "透露", "致辞"];
        let text: String = items.iter().filter_map(Item::word).collect();
        if SAID.iter().any(|w| text.contains(w)) {
            return false;
        }
        let ordinal = text.match_indices('第').any(|(at, _)| {
            let rest = text[at + '第'.len_utf8()..]
                .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十百〇零两".contains(c));
            rest.len() < text.len() - at - '第'.len_utf8() && rest.starts_with('届')
        });
        ordinal || self.event_sessions.iter().any(|w| text.contains(w.as_str()))
    }

    /// Whether the entity at `i` starts an event's name (中国国际进口博览会,
    /// 2023上海国际车展, 中关村论坛年会, 中国进出口商品交易会, 中国—南亚博览会):
    /// the nouns after it (verbal nouns too, and places joined by a dash),
    /// up to a verb or a mark, end in one of `event_nouns`. After a session
    /// (第八届数字中国建设峰会, 2023中国数字经济创新发展大会) the name may hold
    /// verbs and end in one of `session_event_nouns`.
    pub fn names_an_event(&self, items: &[Item], i: usize) -> bool {
        let joins_a_place = |item: &Item| item.entity().is_some() || matches!(item.word(), Some("—" | "－" | "-"));
        let after = items[i + 1..].iter().filter(|item| !joins_a_place(item));
        let named = after
            .clone()
            .take(5)
            .map_while(|item| match item {
                Item::Word { text, pos } if pos == "vn" || !pos.starts_with(['v', 'w', 'x', 'u', 'p', 'c']) => {
                    Some(text.as_str())
                }
                _ => None,
            })
            .any(|word| self.event_nouns.iter().any(|noun| word.ends_with(noun.as_str())));
        named
            || opens_a_session(&items[i.saturating_sub(2)..i])
                && after
                    .take(7)
                    .map_while(|item| match item {
                        Item::Word { text, pos } if !pos.starts_with(['w', 'x', 'u', 'p', 'c']) => Some(text.as_str()),
                        _ => None,
                    })
                    .any(|word| {
                        let ends = |nouns: &[String]| nouns.iter().any(|noun| word.ends_with(noun.as_str()));
                        ends(&self.event_nouns) || ends(&self.session_event_nouns)
                    })
    }

    /// Whether a sentence opens on an event named after a place and says
    /// it is held (2024中国高校科技成果交易会今天在江苏南京开幕，425所高校…
    /// 参会): the rest counts the event, wherever it is held. An event
    /// named later is what the sentence's subject helps with (该公司…已落地
    /// 35座城市，…助力北京冬奥会举办).
    fn holds_an_event(&self, items: &[Item]) -> bool {
        let first_name = items.iter().position(|item| item.entity().is_some());
        let named = first_name.is_some_and(|i| self.names_an_event(items, i));
        named && items.iter().filter_map(Item::word).any(|w| self.events.iter().any(|e| w.starts_with(e.as_str())))
    }

    /// Whether a clause holds a `future` word. A word of one character
    /// must start a word of the clause (将, 将于, 拟建), not end or fill one:
    /// 虚拟, 主要 and 重要 speak of no future; nor do the words of
    /// `not_future` (要素, 预计面积), nor words that open with one (将军庙),
    /// nor a 将 that `disposes` reads as 把.
    fn speaks_of_the_future(&self, clause: &[Item], words: &str, jiang_is_ba: bool) -> bool {
        // most clauses hold none of them: copy the words only for one that does
        let mut words = std::borrow::Cow::Borrowed(words);
        for w in &self.not_future {
            if words.contains(w.as_str()) {
                words = std::borrow::Cow::Owned(words.replace(w.as_str(), ""));
            }
        }
        self.future.iter().any(|cue| {
            if cue.chars().count() == 1 {
                clause.iter().filter_map(Item::word).any(|word| {
                    word.starts_with(cue.as_str())
                        && !self.not_future.iter().any(|w| word.starts_with(w.as_str()))
                        && !(word == "将" && jiang_is_ba)
                })
            } else {
                words.contains(cue.as_str())
            }
        })
    }

    /// Whether a clause uses 将 as 把, with its object before a verb of
    /// disposal (宁夏将数字化转型作为突破口, 将1041家企业纳入名录; not 将作为):
    /// no future, and what it counts is what is put in a list or a role.
    fn disposes(&self, clause: &[Item]) -> bool {
        clause.iter().enumerate().any(|(at, item)| {
            item.word() == Some("将")
                && clause.get(at + 2..).is_some_and(|rest| {
                    rest.iter().filter_map(Item::word).any(|w| self.disposal_verbs.iter().any(|d| d == w))
                })
        })
    }

    /// Whether a clause plans ahead for a date it names, or for this year
    /// named by the clause before (今年，全省计划改造…), with one of
    /// `future_before_verb` before a verb, 在 or the place planned for
    /// (今年计划实施…, 计划在…建设, 今年计划全省…;
    /// jieba tags 新建 as a place, the district of 南昌: 今年计划新建…).
    /// Without a date the plan is most often what is planned already
    /// (目前…签约项目39个，计划投资…亿元): an observation; so is the planned
    /// investment of projects counted in a year (2024年，…签约项目39个，
    /// 计划投资…).
    fn plans(&self, clause: &[Item], this_year_named: bool) -> bool {
        let dated = clause.iter().any(|item| matches!(item, Item::Date(_)) || names_the_whole_year(item));
        // 计划年内完成: the year may come between the plan and its verb
        let clause: Vec<&Item> = clause.iter().filter(|item| !names_the_whole_year(item)).collect();
        (this_year_named || dated)
            && clause.windows(2).any(|pair| {
                let plan_word = pair[0].word().is_some_and(|w| self.future_before_verb.iter().any(|f| f == w));
                plan_word
                    && match &pair[1] {
                        Item::Word { text: next, pos, .. } => {
                            (pos.starts_with('v') || pos == "ns" || next == "在") && (dated || next != "投资")
                        }
                        // 贵州今年计划全省…: the plan's scope, the place itself
                        Item::Entity { class, .. } => class.is_place(),
                        _ => false,
                    }
            })
    }

    /// Whether the sentence of `items` reports others' forecast (asked
    /// only of the rare sentences with a target, not of every one).
    fn reports_a_forecast(&self, items: &[Item]) -> bool {
        // names count with their words (中国旅游研究院预计); a title's marks
        // and a note in brackets part none (《…发展报告（2023）》指出 says
        // 报告指出)
        let mut sentence = String::new();
        let mut in_brackets = false;
        let words = items.iter().filter_map(|item| match item {
            Item::Entity { surface, .. } => Some(surface.as_str()),
            _ => item.word(),
        });
        for word in words {
            match word {
                "（" | "(" => in_brackets = true,
                "）" | ")" => in_brackets = false,
                "》" | "《" => {}
                _ if !in_brackets => sentence.push_str(word),
                _ => {}
            }
        }
        let says = |list: &[String]| list.iter().any(|w| sentence.contains(w.as_str()));
        (says(&self.reported) || says(&self.shown) && says(&self.estimated)) && !says(&self.goal_nouns)
    }

    /// The frame a clause sets with a date: 截至… or a date already past
    /// → observation as of it; …以来 → observation as of the article;
    /// 到2025年 or a future word → target; a past year alone → observation;
    /// data shown or a figure reached by now (至此) → observation.
    /// Returns whether the clause named such a date or cue.
    fn update_frame(
        &self,
        items: &[Item],
        clause: std::ops::Range<usize>,
        future: bool,
        article_date: Option<PartialDate>,
        state: &mut MeasureState,
    ) -> bool {
        let mut dated = false;
        let words: String = items[clause.clone()].iter().filter_map(Item::word).collect();
        let whole_year = items[clause.clone()].iter().any(names_the_whole_year);
        if self.as_of.iter().any(|w| words.contains(w.as_str())) {
            // 截至昨天, 截至目前: as of the article's date unless a date follows
            state.frame = Frame::Observation(None);
            state.fresh = true;
            dated = true;
        }
        let clause_end = clause.end;
        for i in clause {
            let Some(first) = date_of(&items[i]) else { continue };
            let before = if i > 0 { items[i - 1].word().unwrap_or("") } else { "" };
            // 单产预计比去年提高10%, 将在2020年的基础上翻一番: the year a
            // foreseen change is measured from dates nothing (a change
            // reported, 比去年同期增长22.1%, is as of that year's period)
            const COMPARED_WITH: &[&str] = &["比", "较", "相比", "相较", "比上", "较上"];
            let next_word = items.get(i + 1).and_then(Item::word).unwrap_or("");
            let base = COMPARED_WITH.contains(&before) || next_word.starts_with("同期") || next_word == "的基础上";
            if future && base {
                continue;
            }
            // 从今年起的未来五年: the start of a span whose end is named next
            let span_start =
                next_word.starts_with('起') && items[i + 1..clause_end].iter().any(|item| date_of(item).is_some());
            if span_start {
                continue;
            }
            // 今年3月底 is read as 今年 and 3月底: the month says more
            let (d, after) = match items.get(i + 1) {
                Some(Item::Date(month)) if first.date.month.is_none() && month.date.year == first.date.year => {
                    (*month, items.get(i + 2))
                }
                next => (first, next),
            };
            let year = d.date.year;
            // 到今年10月底，已经有… in December: a goal's date that has passed
            // is a date of record; so is the start of 2021年以来; and so is
            // the day of the news (今天（7月11日），…每年将滚动实施…): no
            // deadline of what it announces
            let today = d.date.day.is_some() && article_date == Some(d.date);
            let passed = article_date.is_some_and(|a| d.date.is_before(a)) || today;
            let since = after.and_then(Item::word).is_some_and(|w| w.starts_with("以来"));
            state.frame = if since {
                // what has been done since then is as of the article's date
                Frame::Observation(None)
            } else if self.as_of.iter().any(|w| before.ends_with(w.as_str())) || passed {
                Frame::Observation(Some(d.date))
            } else if self.target_before_year.iter().any(|w| w == before)
                || (future && article_date.is_none_or(|a| year >= a.year))
                || article_date.is_some_and(|a| year > a.year)
            {
                Frame::Target(year)
            } else {
                Frame::Observation(Some(d.date))
            };
            state.fresh = true;
            dated = true;
            break;
        }
        // 计划用三年时间打造…, 力争用5年左右时间…: a span from now ends in
        // a deadline (this year counted as its first)
        let planned = future || self.future_before_verb.iter().any(|w| words.contains(w.as_str()));
        if let (false, true, Some(years), Some(a)) = (dated, planned, span_from_now(&words), article_date) {
            state.frame = Frame::Target(a.year + years - 1);
            state.fresh = true;
            dated = true;
        }
        // 辽宁全年计划新增就业岗位约120万个, 目前…，全年计划完成投资…: a plan
        // for the whole of this year, unless the sentence named another
        let year_named = state.fresh && !matches!(state.frame, Frame::Observation(None));
        if let (false, true, true, false, Some(a)) = (dated, future, whole_year, year_named, article_date) {
            state.frame = Frame::Target(a.year);
            state.fresh = true;
            dated = true;
        }
        // 去年…近70亿元，而全年将超过100亿元: a forecast for an observed year,
        // named in the same sentence (a year of an earlier one is no
        // deadline of this one's 将)
        if let (true, true, Frame::Observation(Some(date))) = (future, state.fresh, state.frame) {
            state.frame = Frame::Target(date.year);
        }
        // 今年上海要为1000家…。最新统计显示，上海…达到每万人260台: data
        // shown reports, whatever goal a sentence before set; so does what
        // is reached by now (至此，…达559公里)
        let has = |list: &[String]| list.iter().any(|w| words.contains(w.as_str()));
        let reports = !state.fresh && has(&self.shown) || has(&self.reached);
        if matches!(state.frame, Frame::Target(_)) && !future && reports {
            state.frame = Frame::Observation(None);
        }
        dated
    }

    /// Whether the count at `i` is the whole a part is taken from: its noun
    /// ends on a `whole_of_a_part` word and another count follows (41个
    /// 工业大类行业中35个, 1191个站点中有1080个); a share after it (74万亩
    /// 农作物中的85%) leaves the whole a measure.
    fn counts_the_whole(&self, items: &[Item], i: usize) -> bool {
        let noun: Vec<&str> = items[i + 1..].iter().take(8).map_while(Item::word).collect();
        let Some(close) = noun.iter().position(|w| self.whole_of_a_part.iter().any(|p| p == w)) else {
            return false;
        };
        let inside = &noun[..close];
        let mut part = i + 1 + close + 1;
        // (41个工业大类行业中，有39个…: a comma may come between)
        if matches!(items.get(part).and_then(Item::word), Some("，")) {
            part += 1;
        }
        if matches!(items.get(part).and_then(Item::word), Some("的" | "有")) {
            part += 1;
        }
        let part = items.get(part);
        !inside.is_empty()
            && inside.iter().all(|w| w.chars().all(crate::clean::is_cjk))
            && matches!(part, Some(Item::Quantity(q)) if q.quantity.unit != "%")
    }

    /// Numbers that are no values of the subject: 3万元一台 (a price),
    /// 8个月 (a span), 80万辆以上的城市 and 超十亿元的…12个 (thresholds
    /// inside an indicator whose value comes later).
    fn is_not_a_value(&self, items: &[Item], i: usize, later_value: bool) -> bool {
        // a number after the value counts as its text (10个千亿级产业: 千亿
        // is read as a number); four items reach 3个新的万亿级
        let next: String = items[i + 1..].iter().take(4).map_while(Item::text).collect();
        let previous = if i > 0 { items[i - 1].word().unwrap_or("") } else { "" };
        // 总投资528亿元的560个项目: a sum over what follows is a value
        // even before 的
        let a_sum = next.starts_with('的') && self.is_a_sum(items, i);
        if self.not_a_value_after.iter().any(|w| next.starts_with(w.as_str())) && !a_sum {
            return true;
        }
        // 总投资54亿元的储能电池项目, 10万千瓦光热电站正在施工: the sum or
        // the size of one work the text does not name (a count of works is
        // the place's: 总投资528亿元的560个项目, 新建电站10个)
        let counts = matches!(&items[i], Item::Quantity(q)
            if matches!(q.quantity.unit.as_str(), "个" | "家" | "项" | "处" | "座" | "所" | "条" | "批" | "台" | "套" | "部" | "名" | "人" | "%"));
        if !counts && self.sizes_an_unnamed_work(items, i) {
            return true;
        }
        if counts && later_value && self.scopes_a_group_measure(items, i) {
            return true;
        }
        // 十万卡级智算集群: a class of size, read without the unit the
        // units do not know (a count of a level stays: 297个地级以上城市)
        let bare = matches!(&items[i], Item::Quantity(q) if q.quantity.unit.is_empty());
        let a_class =
            bare && items.get(i + 1).and_then(Item::word).is_some_and(|w| w.ends_with('级') && w.chars().count() <= 2);
        if a_class {
            return true;
        }
        // (the word before a list of values is the first value's: 卖到2欧元、2美元)
        let mut first = i;
        while first >= 2 && items[first - 1].word() == Some("、") && matches!(items[first - 2], Item::Quantity(_)) {
            first -= 2;
        }
        let before_the_list = if first > 0 { items[first - 1].word().unwrap_or("") } else { "" };
        if self.not_a_value_before.iter().any(|w| before_the_list.ends_with(w.as_str())) {
            return true;
        }
        if self.counts_the_whole(items, i) {
            return true;
        }
        // 每桶80美元, 每盎司4000美元, 每消费3度电就有1度: a price or a rate
        // per unit (每天, 每年: the figures of a day or a year stay, and so
        // do densities, 每万人260台)
        let a_unit =
            |unit: &str| !unit.is_empty() && !unit.starts_with(['天', '年', '日', '月', '周', '十', '百', '千', '万']);
        let before_previous = if i > 1 { items[i - 2].word().unwrap_or("") } else { "" };
        if previous.strip_prefix('每').is_some_and(a_unit) || before_previous == "每" && a_unit(previous) {
            return true;
        }
        // 对15个园区各给予500万元, 11个区各建设1个中心: what each of a
        // counted few gets or does, and their count, measure no subject
        // (百度、阿里巴巴各开放3000多个岗位: each named one's figure stays)
        // (not 各类型车辆: 各 before a verb or an amount)
        let each = |at: usize| {
            let before_a_verb = matches!(items.get(at + 1), Some(Item::Word { pos, .. }) if pos.starts_with('v'));
            items[at].word() == Some("各") && (before_a_verb || matches!(items.get(at + 1), Some(Item::Quantity(_))))
        };
        let counted_before =
            |at: usize| items[at.saturating_sub(6)..at].iter().any(|item| matches!(item, Item::Quantity(_)));
        let for_each = (i.saturating_sub(2)..i).any(|at| each(at) && counted_before(at));
        let shared_among = (i + 1..items.len()).take(5).take_while(|&at| !items[at].is_clause_break()).any(each);
        if for_each || shared_among {
            return true;
        }
        // 线路正线全长240.29公里, 全长约148公里: the word before the value
        // or the one before a comparator
        let line_length = items[i.saturating_sub(2)..i]
            .iter()
            .filter_map(Item::word)
            .any(|w| self.line_lengths.iter().any(|l| w.ends_with(l.as_str())));
        if line_length {
            return true;
        }
        // 在424项交通强国试点工作基础上提质扩面
        let builds_on = || {
            let phrase: String = items[i + 1..].iter().take(8).map_while(Item::word).collect();
            self.bases.iter().any(|b| phrase.contains(b.as_str()))
        };
        if previous.ends_with('在') && builds_on() {
            return true;
        }
        let a_count = matches!(&items[i], Item::Quantity(q) if matches!(q.quantity.unit.as_str(), "个" | "项" | "种" | "条" | "批"));
        let of_items =
            head_noun(items, i).is_some_and(|head| self.item_heads.iter().any(|h| head.ends_with(h.as_str())));
        if a_count && of_items {
            return true;
        }
        // 甲苯、混合芳烃、甲醇3种液体化工品, 北京、天津、河北3地, 与尼加拉瓜、
        // 厄瓜多尔、塞尔维亚的3个自贸协定: a count right after the members of
        // a list counts them
        let last_member = if previous == "的" { i - 1 } else { i };
        let after_a_list = last_member >= 2
            && items[last_member - 2].word() == Some("、")
            && (items[last_member - 1].entity().is_some() || is_a_short_word(&items[last_member - 1]));
        if after_a_list
            && matches!(&items[i], Item::Quantity(q) if q.quantity.value.to_f64() <= 10.0 && q.quantity.unit != "%")
        {
            return true;
        }
        if closes_a_list(previous) {
            // the kind is the head of the noun after the count, or its first
            // word when a noun of what it measures follows (5个集群规模突破…)
            let noun = noun_after(items, i);
            let kind = |word: &&str| self.listed_kinds.iter().any(|w| word.ends_with(w.as_str()));
            if noun.last().is_some_and(kind) || noun.first().is_some_and(kind) {
                return true;
            }
        }
        let modifies_noun = next.chars().next().is_some_and(crate::clean::is_cjk)
            && !["以上", "和", "或", "及", "左右"].iter().any(|w| next.starts_with(w));
        // 上百台, 数千架次: an order of magnitude; 千亩茶园, 百亿企业,
        // 千家万户, “千万工程”: a round magnitude before a noun describes it
        // (超万家企业, 突破万亿元: a bare 万 or 亿 after a comparator is a
        // value)
        let magnitude = matches!(&items[i], Item::Quantity(q)
            if q.quantity.text.starts_with(['百', '千', '万'])
                && !(q.quantity.text.starts_with(['万', '亿']) && q.quantity.comparator.is_some()));
        if magnitude && (previous.ends_with(['上', '数', '几']) || modifies_noun) {
            return true;
        }
        // 数十亿元, 几十万名: tens of an order, no number
        let tens = matches!(&items[i], Item::Quantity(q) if q.quantity.text.starts_with('十'));
        if tens && previous.ends_with(['数', '几']) {
            return true;
        }
        // 实施500万元以上技改项目1.2万个, 新签约亿元以上产业项目32个: a
        // threshold before a noun says which things the count after it
        // counts
        let threshold = ["以上", "以下"]
            .iter()
            .find_map(|w| next.strip_prefix(w))
            .is_some_and(|rest| rest.chars().next().is_some_and(crate::clean::is_cjk) && !rest.starts_with('，'));
        // (a count or a share before a noun is itself the value: 980个以上…,
        // 90%以上行政村)
        let a_count = matches!(&items[i], Item::Quantity(q)
            if matches!(q.quantity.unit.as_str(), "个" | "家" | "项" | "处" | "座" | "所" | "名" | "人" | "%"));
        if threshold && later_value && !a_count {
            return true;
        }
        modifies_noun && later_value && (previous.ends_with('超') || previous.ends_with("超过"))
    }

    /// Whether the noun phrase after the value at `i` (past a 的) ends in
    /// one of `unnamed_works` before any name, other number or (without a
    /// 的) verb: the value is that work's (10万千瓦光热电站, 总投资150亿元的
    /// 光伏超级工厂). After 的 the phrase is a noun's even where jieba
    /// tags a word of it a verb (总投资20亿元的航空发动机维修基地项目).
    fn sizes_an_unnamed_work(&self, items: &[Item], i: usize) -> bool {
        let after_de = items.get(i + 1).and_then(Item::word) == Some("的");
        let start = if after_de { i + 2 } else { i + 1 };
        noun_phrase(items, start, 6, after_de).any(|word| self.unnamed_works.iter().any(|w| word.ends_with(w.as_str())))
    }

    /// Whether the count at `i` opens the noun phrase of a group's measure,
    /// with no verb, name or mark before the measure (60个重点商圈客流量…:
    /// the districts whose footfall the next value gives; 300家企业实现营收…
    /// counts the firms).
    fn scopes_a_group_measure(&self, items: &[Item], i: usize) -> bool {
        noun_phrase(items, i + 1, 5, false).any(|word| self.group_measures.iter().any(|m| word.ends_with(m.as_str())))
    }

    /// Whether the rest of a clause after a count says it came to an event.
    fn counts_attendance(&self, rest: &[Item]) -> bool {
        let words: String = rest.iter().filter_map(Item::word).collect();
        self.attendance.iter().any(|w| words.contains(w.as_str()))
    }

    /// Whether the rest of a clause after a count names it a group the
    /// subject is one of (湖南是全国13个粮食主产省之一).
    fn counts_a_group(&self, rest: &[Item]) -> bool {
        rest.iter().filter_map(Item::word).any(|w| self.one_of.iter().any(|o| o == w))
    }

    /// Whether the value at `i` follows one of `totals` (总投资, 合计).
    fn is_a_sum(&self, items: &[Item], i: usize) -> bool {
        let before: String = items[i.saturating_sub(2)..i].iter().filter_map(Item::word).collect();
        self.totals.iter().any(|w| before.ends_with(w.as_str()))
    }

    /// What the value measures: the words before it in its clause (after
    /// the subject), cue and connective words left out; when nothing but a
    /// verb is left (打造2个…企业), the noun phrase after the value.
    fn indicator(&self, before: &[Item], after: &[Item]) -> String {
        const CUES: &[&str] = &[
            "，", "、", "已", "已经", "达到", "达", "突破", "超过", "约", "近", "共", "为", "有", "而", "并", "同时",
            "其中", "到", "全年", "又", "还", "再", "的", "超", "将近", "接近",
        ];
        let kept: Vec<&Item> = before
            .iter()
            .rev()
            .take_while(|item| matches!(item, Item::Word { .. }))
            .filter(|item| {
                item.word().is_some_and(|w| {
                    !self.future.iter().any(|f| f == w) && !self.goal.iter().any(|g| g == w) && !CUES.contains(&w)
                })
            })
            .collect();
        let mut text: String = kept.iter().rev().filter_map(|item| item.word()).collect();
        // 集中打造366个…场景, 布局50个特色集群: a verb says nothing of what
        // is counted, the noun after the value does (not a verb after it:
        // 共同投资十多亿元建成…)
        let too_short = text.chars().count() < 2;
        let verbs_only = kept.iter().all(|item| matches!(item, Item::Word { pos, .. } if pos.starts_with(['v', 'd'])));
        let noun_after = matches!(after.first(), Some(Item::Word { pos, .. }) if pos.starts_with('n'));
        if too_short || (verbs_only && noun_after) {
            text =
                after.iter().map_while(Item::word).take_while(|w| !w.starts_with(['，', '。', '；', '、'])).collect();
        }
        // 25%左右、制造业比重…: the comparator of the value before
        let text = text.trim_start_matches(['的', '和']);
        let text = ["左右", "以上"].iter().find_map(|c| text.strip_prefix(c)).unwrap_or(text);
        text.to_string()
    }
}

/// 北京城市副中心和雄安新区固定资产投资分别增长13.5%、12.8%: where a list of
/// names opens the sentence and 分别 comes before as many values in the
/// clause, each value is its name's, in order. Pairs of (value's item,
/// entity).
fn respective_subjects(items: &[Item], clause: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let Some(respectively) = clause.clone().find(|&i| items[i].word() == Some("分别")) else {
        return Vec::new();
    };
    let values: Vec<usize> = (respectively..clause.end).filter(|&i| matches!(items[i], Item::Quantity(_))).collect();
    let before_numbers = items.iter().take_while(|item| !matches!(item, Item::Quantity(_))).count();
    let joiner = |item: &Item| matches!(item.word(), Some("、" | "和" | "与" | "及"));
    let Some(first) = (0..before_numbers).find(|&i| items[i].entity().is_some()) else { return Vec::new() };
    let mut members = vec![first];
    let mut at = first + 1;
    while at + 1 < before_numbers && joiner(&items[at]) && items[at + 1].entity().is_some() {
        members.push(at + 1);
        at += 2;
    }
    // the list is what the sentence is about, not governed (对东盟、欧盟…)
    let governed = first > 0 && items[first - 1].word().is_some_and(|w| GOVERNING.contains(&w));
    if members.len() < 2 || values.len() != members.len() || governed {
        return Vec::new();
    }
    values.into_iter().zip(members.iter().filter_map(|&m| items[m].entity())).collect()
}

/// Where the list a clause ending at `clause_end` opens ends: the clause
/// after it when that goes on with 以及 (80多家企业和400多家企业，以及来自
/// …近80家企业参会参展: the verb at the end says what all of them did).
fn listed_on_to(items: &[Item], clause_end: usize) -> usize {
    if items.get(clause_end).and_then(Item::word) != Some("以及") {
        return clause_end;
    }
    (clause_end..items.len()).find(|&i| items[i].is_clause_break()).map_or(items.len(), |i| i + 1)
}

/// The years of a span from now that `words` (a clause's words run
/// together) plan in: 用三年时间, 用5年左右时间, 用两年左右的时间 → 3, 5, 2.
fn span_from_now(words: &str) -> Option<i32> {
    let rest = &words[words.find('用')? + '用'.len_utf8()..];
    let (number, after) = rest.split_once('年')?;
    let after = after.strip_prefix("左右").unwrap_or(after);
    let after = after.strip_prefix('的').unwrap_or(after);
    if !after.starts_with("时间") || number.is_empty() || number.chars().count() > 3 {
        return None;
    }
    let years = match number.parse::<i32>() {
        Ok(n) => n,
        Err(_) => i32::try_from(crate::number::chinese_integer(number)?).ok()?,
    };
    (1..=15).contains(&years).then_some(years)
}

/// Whether the name at `i` sets the scene of a sentence: 随着新疆深度融入
/// …，现在每天通行的中欧班列有27列 counts what the clauses after it are
/// about (here a port), not 新疆's figures; its own clause it may still be
/// the subject of (随着我国免签“朋友圈”扩容至47个国家).
fn sets_the_scene(items: &[Item], i: usize) -> bool {
    i > 0 && items[i - 1].word() == Some("随着")
}

/// Whether an item is a word that may be a member of a list the lexicon
/// does not know (日本, 混合芳烃): two to four Chinese characters.
fn is_a_short_word(item: &Item) -> bool {
    item.word().is_some_and(|w| (2..=4).contains(&w.chars().count()) && w.chars().all(crate::clean::is_cjk))
}

/// Whether a word closes an enumeration with 等: 等 itself, or 等 that
/// jieba glued onto the last member (零部|件等), not a word of its own that
/// ends in 等 (平等, 高等).
fn closes_a_list(word: &str) -> bool {
    const WORDS_ENDING_IN_DENG: &[&str] = &[
        "平等", "同等", "对等", "高等", "中等", "初等", "均等", "相等", "优等", "上等", "次等", "劣等", "特等", "头等",
        "何等", "一等", "二等", "三等",
    ];
    word.ends_with('等') && !WORDS_ENDING_IN_DENG.contains(&word)
}

/// 包括1个市级中心、41个区县中心和1031个镇街中心: in a list of counted
/// things each value counts the noun phrase after it (up to a verb,
/// adverb, preposition, time or mark). `after` is what follows the value
/// in its clause; `None` when the value is no item of such a list.
fn counted_in_a_list(after: &[Item], previous_listed: bool) -> Option<String> {
    let noun_after = matches!(after.first(), Some(Item::Word { pos, .. }) if pos.starts_with(['n', 'b']));
    let phrase: Vec<&str> = after
        .iter()
        .map_while(|item| match item {
            Item::Word { text, pos } if !pos.starts_with(['v', 'd', 'p', 't', 'x', 'w']) => Some(text.as_str()),
            _ => None,
        })
        .take_while(|w| !w.starts_with(['，', '。', '；', '、']))
        .collect();
    let next_listed = after.get(phrase.len()).and_then(Item::word) == Some("、")
        && matches!(after.get(phrase.len() + 1), Some(Item::Quantity(_)));
    if !noun_after || !(previous_listed || next_listed) {
        return None;
    }
    let joined = phrase.concat();
    let noun = ["以及", "和", "及", "与", "等"].iter().find_map(|w| joined.strip_suffix(w)).unwrap_or(&joined);
    Some(noun.to_string())
}

/// Whether the quantity at `i` is where a change starts: 从(现在的)2.65%
/// 提高到3.25%, 由702个增加到1000个.
fn starts_a_change(items: &[Item], i: usize) -> bool {
    const NOW: &[&str] = &["现在", "目前", "当前", "的"];
    const CHANGES: &[&str] = &["提高", "提升", "增加", "增长", "扩大", "上升", "下降", "减少", "降低", "压减"];
    let mut at = i;
    while at > 0 && items[at - 1].word().is_some_and(|w| NOW.contains(&w)) {
        at -= 1;
    }
    let from = at > 0 && matches!(items[at - 1].word(), Some("从" | "由"));
    let change = items.get(i + 1).and_then(Item::word).is_some_and(|w| CHANGES.iter().any(|c| w.starts_with(c)));
    from && change
}

/// Who holds a position where, from the facts read so far: a person who
/// speaks for an organization makes it the subject (卫强表示，…69家).
fn positions(facts: &[Fact]) -> Vec<(String, String)> {
    facts
        .iter()
        .filter_map(|f| match f {
            Fact::Position { person, organization, .. } => Some((person.clone(), organization.clone())),
            _ => None,
        })
        .collect()
}

/// The place or park a clause of the form 在 X， names (河北廊坊: the last
/// of divisions written together), if it is one.
fn locale(clause: &[Item]) -> Option<usize> {
    let [first, names @ .., last] = clause else { return None };
    if first.word() != Some("在") || !last.is_clause_break() || names.is_empty() {
        return None;
    }
    // 在安徽皖北阜阳，: a region inside the chain narrows it, the last
    // division is where
    let region = |item: &Item| matches!(item, Item::Entity { class: EntityClass::Region, .. });
    let (inner, place) = names.split_at(names.len() - 1);
    if inner.iter().all(|n| is_a_where(n) || region(n)) && is_a_where(&place[0]) { place[0].entity() } else { None }
}

/// Whether an item names where things are: a division, a park or a data
/// centre.
fn is_a_where(item: &Item) -> bool {
    matches!(item, Item::Entity { class, .. }
        if class.is_administrative() || matches!(class, EntityClass::Park | EntityClass::DataCenter))
}

/// Whether `item` is 全年 or 年内, the whole of the year the article is in
/// unless a date says another (全年计划完成投资…亿元, 计划年内完成…).
fn names_the_whole_year(item: &Item) -> bool {
    matches!(item.word(), Some("全年" | "年内"))
}

/// Whether `before`, the words just before a name, hold a session of an
/// event: an ordinal of 届 (第八届, or 第/7/届 as jieba cuts it; not 应届 or
/// 换届), 首届, 本届 or a bare year (2023中国…大会).
fn opens_a_session(before: &[Item]) -> bool {
    before.iter().filter_map(Item::word).any(|w| {
        let session = w.ends_with('届') && (w == "届" || w.starts_with('第') || w == "首届" || w == "本届");
        let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        session || year
    })
}

/// Whether an ordinal of things starts at `at` (第二艘, 第3个, 第19届):
/// like 首个, it counts a thing of the place before it (我国第二艘国产邮轮
/// …进度, 杭州第19届亚运会…). Quarters, sectors, ranks and batches are no
/// such things (德国第三季度, 第一产业, 第一大, 第二批…重大项目: the place's).
fn is_ordinal(items: &[Item], at: usize) -> bool {
    const THINGS: &str = "个家座条台艘架口届次代期轮所辆颗部项款趟列";
    let is_numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百千两".contains(c);
    if !items.get(at).and_then(Item::word).is_some_and(|w| w.starts_with('第')) {
        return false;
    }
    // jieba writes 第二艘 as one word or several: read the next few words
    let text: String = items[at..].iter().take(3).map_while(Item::word).collect();
    let Some(rest) = text.strip_prefix('第') else { return false };
    let after_numerals = rest.trim_start_matches(is_numeral);
    after_numerals.len() < rest.len() && after_numerals.starts_with(|c: char| THINGS.contains(c))
}

/// Words that govern the name right after them (向宝德数坝持股, 在江苏, 据…介绍):
/// the name is an object, a place or a source, not what the numbers are about.
const GOVERNING: &[&str] = &[
    "向", "对", "给", "据", "根据", "经", "与", "同", "跟", "和", "为", "在", "到", "至", "从", "设立", "协同", "位于",
    "地处",
    // 以西宁为核心, 立足黄河流域…, 依托雄安新区…: what a plan builds on
    // is not its subject
    "以", "立足", "依托", "围绕", "聚焦", "面向", "借助", "瞄准",
    // 中欧班列…开往波兰马拉舍维奇，…累计开行突破9万列: where a train,
    // a ship or goods go is not what is counted
    "开往", "驶往", "发往", "运往", "飞往", "前往", "销往", "抵达", "到达", "运抵",
    // 居大湾区内地城市首位, 位居全国前列: the field of a rank
    "居", "位居", "位列", "居于", "跻身",
];

/// The subject an item stands for: a place or organization (or what a place
/// right before it locates) that is neither
/// one of a counted list (阿里、腾讯等12个), nor the object of a preposition
/// (向宝德数坝持股), nor a source (据…介绍), nor a thing of the place (宁夏首个…,
/// 我国第二艘…);
/// or a person's organization.
fn subject_at(items: &[Item], i: usize, registry: &Registry, people: &[(String, String)]) -> Option<usize> {
    let Item::Entity { entity, class, .. } = &items[i] else { return None };
    // 环湖大堤（浙江段）, 长江江苏段: a section of a dike, a road or a river
    // in a place is no subject; its figures are the work's
    if items.get(i + 1).and_then(Item::word) == Some("段") {
        return None;
    }
    // 北京援建下的和田…: the place after 的 is the subject, unless it opens
    // a list (江苏沿湖的苏州、无锡、常州三地 stays 江苏's)
    if let Some(head) = qualified_division(items, i).and_then(|head| subject_at(items, head, registry, people)) {
        return Some(head);
    }
    // 西起山西…，东至山东日照港的瓦日铁路: the ends of a route are no
    // subject of its figures, every division of them written together
    // (西起山西吕梁市兴县)
    const ROUTE_ENDS: &[&str] =
        &["起", "至", "西起", "东起", "南起", "北起", "东至", "西至", "南至", "北至", "途经", "通往", "直达"];
    let mut chain_start = i;
    while chain_start > 0 && items[chain_start].is_a_division() && items[chain_start - 1].is_a_division() {
        chain_start -= 1;
    }
    let route_end = chain_start > 0 && items[chain_start - 1].word().is_some_and(|w| ROUTE_ENDS.contains(&w));
    // 在京津冀、长三角、成渝，以及贵州、宁夏布局…: a list is governed by the
    // word before its first name, all of it (对东盟、欧盟、日本出口: members
    // set off by 、 may be words the lexicon does not know; 内地与香港 is
    // no list)
    let joiner = |at: usize| matches!(items[at].word(), Some("、" | "和" | "与" | "及" | "以及"));
    let name = |at: usize| items[at].entity().is_some();
    let listed_word = |at: usize| items[at + 1].word() == Some("、") && is_a_short_word(&items[at]);
    // 电站位于青海省贵南县: a chain of divisions is governed by the word
    // before its first
    let mut first = chain_start;
    loop {
        if first >= 2 && joiner(first - 1) && (name(first - 2) || listed_word(first - 2)) {
            first -= 2;
        } else if first >= 3
            && items[first - 1].word() == Some("以及")
            && items[first - 2].word() == Some("，")
            && name(first - 3)
        {
            first -= 3;
        } else {
            break;
        }
    }
    // the words before the first name of the chain or list
    let word_before = |k: usize| if first >= k { items[first - k].word().unwrap_or("") } else { "" };
    // 以海南为例: the example is what the numbers are about
    let example = items.get(i + 1).and_then(Item::word).is_some_and(|w| w.starts_with("为例"));
    // 长江经济带…是我国增长最快的区域，…贡献率; 华龙一号是我国…技术，…年发
    // 电量: a thing said to be the country's first, largest or own is
    // within it, and its numbers are the thing's (a province after 是 is
    // often the topic itself: 数字经济是杭州…的主引擎，…占比近三成; and a
    // year said to be the country's is about the country: 今年是中华人民共
    // 和国成立75周年)
    const DESCRIBING: &[&str] = &["是", "作为", "成为"];
    let alone = items.get(i + 1).is_none_or(Item::is_clause_break);
    let of_a_year = first >= 2 && matches!(items[first - 2], Item::Date(_));
    let described = *class == EntityClass::Country && DESCRIBING.contains(&word_before(1)) && !alone && !of_a_year;
    // 在湖北已经有27家: where things are already, counted for the place
    const HOLDS: &[&str] = &["已", "已经", "已有", "共有", "现有"];
    let holds = word_before(1) == "在" && items.get(i + 1).and_then(Item::word).is_some_and(|w| HOLDS.contains(&w));
    // 除了北京之外，…; 不只是京津冀，全国…: a place set aside is not what
    // the figures after it are about
    let set_aside = matches!(word_before(1), "除了" | "除")
        || word_before(1) == "只是" && word_before(2) == "不"
        || word_before(1) == "是" && matches!(word_before(2), "不仅" | "不只");
    let governed = (GOVERNING.contains(&word_before(1)) || described || route_end || set_aside) && !example && !holds;
    // 内蒙古和林格尔数据中心集群, 青海海南州…基地: divisions right before
    // the name of a park or data center only say where it lies; the park
    // is the subject (unless governed together: 设立河北雄安…基金)
    if class.is_administrative() {
        let places = items[i + 1..].iter().take_while(|item| item.is_a_division());
        let next = i + 1 + places.count();
        let located = |class: &EntityClass| matches!(class, EntityClass::Park | EntityClass::DataCenter);
        if matches!(items.get(next), Some(Item::Entity { class, .. }) if located(class)) {
            return if governed { None } else { subject_at(items, next, registry, people) };
        }
        // 内蒙古呼伦贝尔市9329.53万亩草原: the division named second,
        // within the first, is the one the numbers are about (内蒙古全区
        // is still 内蒙古: 全区 names nothing)
        if let Some(Item::Entity { entity: inner, class: inner_class, surface }) = items.get(i + 1) {
            let named = &registry.entities[*inner];
            let written = named.name == *surface || named.aliases.contains(surface);
            if inner_class.is_administrative() && written && registry.is_within(*inner, *entity) {
                return if governed { None } else { subject_at(items, i + 1, registry, people) };
            }
        }
    }
    // 阿里、腾讯等12个; 乌兰察布至大同段 (one end of a route); 宁夏首个储能
    // 项目…年产值 (a thing of the place, first or largest of its kind);
    // 疏解北京非首都功能…4所高校 (what leaves the place, counted where it
    // goes)
    // (汕尾所在的粤东西北: the place that holds it)
    const NOT_ITSELF: &[&str] = &[
        "、", "等", "和", "与", "及", "的", "内外", "至", "首个", "首家", "首座", "首条", "首台", "最大", "唯一",
        "所在",
    ];
    // phrases jieba cuts into several words (非|首都|功能)
    const NOT_ITSELF_PHRASES: &[&str] = &["非首都功能"];
    let next_words: String = items[i + 1..].iter().take(3).map_while(Item::word).collect();
    let not_itself = items.get(i + 1).and_then(Item::word).is_some_and(|w| NOT_ITSELF.contains(&w))
        && !signs_with_a_partner(items, i)
        || is_ordinal(items, i + 1)
        || NOT_ITSELF_PHRASES.iter().any(|p| next_words.starts_with(p));
    // 商务部数据显示 / 国铁集团获悉 / 商务部最新数据显示 / 国家统计局发布的
    // 数据显示: the source of the numbers, not their subject
    // (and 工业和信息化部、应急管理部联合印发《…》: the bodies that issue a
    // plan, whose goals are the plan's field's, not the bodies')
    const SOURCE: &[&str] = &[
        "数据显示",
        "统计",
        "监测",
        "发布",
        "显示",
        "获悉",
        "消息",
        "公布",
        "介绍",
        "表示",
        "了解到",
        "印发",
        "联合印发",
    ];
    // anywhere in what follows: 农业农村部最新农情调度显示, 经…测算,
    // 商务部…负责人介绍
    const SOURCE_DATA: &[&str] =
        &["显示", "表明", "测算", "统计数据", "获悉", "了解到", "通报", "负责人介绍", "负责人表示"];
    // the day it spoke may come between: 商务部今天（2月18日）发布的数据显示
    const WHEN: &[&str] = &["今天", "今日", "昨天", "近日", "日前", "（", "）", "(", ")"];
    let following: String = items[i + 1..]
        .iter()
        .take_while(|item| !item.is_clause_break())
        .map_while(|item| match item {
            Item::Date(_) => Some(""),
            _ => item.word(),
        })
        .skip_while(|w| w.is_empty() || WHEN.contains(w))
        .take(6)
        .collect();
    // 商务部商务大数据监测…, 商务部重点监测餐饮企业…: what a body watches
    // or counts is the field's, not the body's (a place's own 重点监测的
    // 企业 are its own)
    // (and what it newly publishes: 中国信通院最新发布，…)
    const WATCHED: &[&str] = &["监测", "统计", "最新"];
    // 交通运输部预计…2.2亿人次: a body's forecast of a field it oversees
    // is neither its goal nor its measure (a place's 预计到2025年 is its goal)
    let forecasts = class.is_organization() && following.starts_with("预计");
    // 国务院新闻办公室今天举行新闻发布会，…3.7万亿元: the body that hosts a
    // press conference or a meeting presents others' figures
    const HOSTS: &[&str] = &["举行", "召开", "举办"];
    let hosts = class.is_organization() && HOSTS.iter().any(|w| following.starts_with(w));
    let source = SOURCE.iter().any(|w| following.starts_with(w))
        || SOURCE_DATA.iter().any(|w| following.contains(w))
        || (class.is_organization() && WATCHED.iter().any(|w| following.contains(w)))
        || forecasts
        || hosts;
    let is_person = *class == crate::vocab::EntityClass::Person;
    if not_itself || governed || (source && !is_person) {
        return None;
    }
    // 人社部…提供岗位86万个, 国家林草局…全国完成造林5745万亩: a ministry or
    // a bureau reports the field it oversees or its own campaigns; the
    // figures are the country's or the event's, not the body's (a place's
    // government, 张家口市政府, acts for the place)
    let a_body = |e: usize| {
        let named = &registry.entities[e];
        named.class == EntityClass::GovernmentBody && !named.name.ends_with("政府")
    };
    if a_body(*entity) {
        return None;
    }
    if class.is_place() || class.is_organization() {
        return Some(*entity);
    }
    let name = &registry.entities[*entity].name;
    let (_, organization) = people.iter().find(|(p, _)| p == name)?;
    registry.find(organization).filter(|&e| !a_body(e))
}

/// Whether the organization or place at `i` signs with a partner named
/// right after it (中国船舶集团有限公司与法国达飞海运集团…签订合作协议, 德国博世
/// 集团和苏州工业园区签约, 新疆与哈萨克斯坦…三国企业签署): the deal's figures
/// are the first party's, and no list of subjects starts there.
fn signs_with_a_partner(items: &[Item], i: usize) -> bool {
    const PARTNER: &[&str] = &["与", "和", "同", "跟"];
    // 北京和上海 is most often a list of places; 新疆与哈萨克斯坦…签署 a deal
    const A_PLACES_PARTNER: &[&str] = &["与"];
    const DEALS: &[&str] = &["签约", "签订", "签署", "合作", "携手", "共建"];
    let Item::Entity { class, .. } = &items[i] else { return false };
    let partner_words = if class.is_organization() { PARTNER } else { A_PLACES_PARTNER };
    let partner_named = items.get(i + 1).and_then(Item::word).is_some_and(|w| partner_words.contains(&w))
        && items.get(i + 2).is_some_and(|item| item.entity().is_some());
    let rest = || items[i + 2..].iter().take_while(|item| !item.is_clause_break()).filter_map(Item::word);
    (class.is_organization() || class.is_place())
        && partner_named
        && rest().any(|w| DEALS.iter().any(|d| w.starts_with(d)))
}

/// The date an item names: a date, or the period of a five-year plan's
/// outline named without 《》 (十五五规划纲要提出，到2030年…: the period
/// frames the goals as it did before the outline became a name).
fn date_of(item: &Item) -> Option<DateSpan> {
    match item {
        Item::Date(d) => Some(*d),
        Item::Entity { class: EntityClass::Plan, surface, .. } if surface.starts_with('十') => {
            crate::date::find_dates(surface, None).into_iter().next()
        }
        _ => None,
    }
}

/// The division that the division at `i` only qualifies: 北京援建下的和田
/// 建起…产业集群, 上海对口支援的喀什…, 广东省的深圳市…: the clause is about
/// the place after 的, a few words on, not the one that helps or holds it.
fn qualified_division(items: &[Item], i: usize) -> Option<usize> {
    if !items[i].is_a_division() {
        return None;
    }
    // up to three words before 的, none of them a clause break
    let de = i
        + 1
        + items[i + 1..]
            .iter()
            .take(4)
            .take_while(|item| item.word().is_some() && !item.is_clause_break())
            .position(|item| item.word() == Some("的"))?;
    items.get(de + 1).is_some_and(Item::is_a_division).then_some(de + 1)
}

/// The words of the noun phrase that starts at `start`, up to `len` of
/// them: no mark, particle, preposition or conjunction, and no verb unless
/// `with_verbs` (after 的, jieba tags words of a name verbs: 维修基地项目).
fn noun_phrase(items: &[Item], start: usize, len: usize, with_verbs: bool) -> impl Iterator<Item = &str> {
    items.iter().skip(start).take(len).map_while(move |item| match item {
        Item::Word { text, pos }
            if !pos.starts_with(['w', 'x', 'u', 'p', 'c']) && (with_verbs || !pos.starts_with('v')) =>
        {
            Some(text.as_str())
        }
        _ => None,
    })
}

/// The last word of the noun phrase right after the count at `i` (80多项
/// 具体任务 → 任务): nouns and their modifiers, up to five words.
fn head_noun(items: &[Item], i: usize) -> Option<&str> {
    let modifier_or_noun = |pos: &str| pos.starts_with(['n', 'a', 'b']) || pos == "vn";
    items[i + 1..]
        .iter()
        .take(5)
        .map_while(|item| match item {
            Item::Word { text, pos } if modifier_or_noun(pos) => Some(text.as_str()),
            _ => None,
        })
        .last()
}

/// The words right after the value at `i`, up to three, before a clause
/// break or 的: the noun it counts, its head last (个新兴特色产业,
/// 个冰雪产业聚集区).
fn noun_after(items: &[Item], i: usize) -> Vec<&str> {
    items[i + 1..]
        .iter()
        .take_while(|item| !item.is_clause_break() && item.word().is_some_and(|w| w != "的"))
        .take(3)
        .filter_map(Item::word)
        .collect()
}
