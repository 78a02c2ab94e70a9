//! Numbers as Chinese news writes them (2000亿元, 172.24万台, 十多亿元, 4%,
//! ranges such as 3~5个 and 10至20万人), read into exact decimal values with
//! the multiplier applied and the unit kept apart, as `ONTOLOGY.md` asks for
//! `tp:value` and `tp:unit` (and `tp:valueMax` for a range's high end).

use std::fmt;

/// An exact decimal: `mantissa × 10^-scale`. Floats would turn 172.24万 into
/// 1722399.9999…; analysts compare these values in SPARQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    /// A whole number.
    pub fn from_integer(value: i128) -> Self {
        Self { mantissa: value, scale: 0 }
    }

    /// Reads `123`, `1,234.5` or `0.25` (ASCII digits, optional commas).
    pub fn parse(text: &str) -> Option<Self> {
        let mut mantissa: i128 = 0;
        let mut scale = 0u32;
        let mut seen_point = false;
        let mut digits = 0;
        for c in text.chars() {
            match c {
                '0'..='9' => {
                    mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(c as u8 - b'0'))?;
                    digits += 1;
                    if seen_point {
                        scale += 1;
                    }
                }
                '.' if !seen_point => seen_point = true,
                ',' if !seen_point => {}
                _ => return None,
            }
        }
        (digits > 0).then(|| Self { mantissa, scale }.normalized())
    }

    /// Multiplies by a power of ten (万 = 4, 亿 = 8).
    pub fn times_pow10(self, exponent: u32) -> Self {
        let mut d = self;
        let mut e = exponent;
        while e > 0 && d.scale > 0 {
            d.scale -= 1;
            e -= 1;
        }
        d.mantissa = d.mantissa.saturating_mul(10i128.saturating_pow(e));
        d.normalized()
    }

    /// Multiplies by a whole number.
    pub fn times(self, factor: i128) -> Self {
        Self { mantissa: self.mantissa.saturating_mul(factor), scale: self.scale }.normalized()
    }

    /// The value as a float, for comparisons with a tolerance.
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    fn normalized(mut self) -> Self {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }
}

impl fmt::Display for Decimal {
    /// The canonical `xsd:decimal` lexical form: `1722400`, `0.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

/// How a stated value relates to the true one (`tp:comparator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    /// 突破, 超过, 以上, 不少于, 多, 余
    AtLeast,
    /// 低于, 以下, 不超过
    AtMost,
    /// 约, 左右, 近
    About,
}

impl Comparator {
    /// The literal stored in `tp:comparator`.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => ">=",
            Self::AtMost => "<=",
            Self::About => "~",
        }
    }

    /// The comparator a cue word before a number gives, if any.
    pub fn from_cue(cue: &str) -> Option<Self> {
        const AT_LEAST: &[&str] = &["突破", "超过", "超", "逾", "不少于", "不低于", "至少", "高于", "多于", "大于"];
        const AT_MOST: &[&str] = &["低于", "不超过", "不到", "不足", "少于", "小于", "不高于"];
        const ABOUT: &[&str] = &["约", "近", "将近", "接近", "大约", "约为", "大概"];
        if AT_LEAST.contains(&cue) {
            Some(Self::AtLeast)
        } else if AT_MOST.contains(&cue) {
            Some(Self::AtMost)
        } else if ABOUT.contains(&cue) {
            Some(Self::About)
        } else {
            None
        }
    }
}

/// A number with its unit, as found in text: one value (2000亿元) or a
/// range (3~5个, 10至20万人), whose ends share the unit and multiplier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quantity {
    /// The whole value with multipliers applied (2000亿 → 200000000000);
    /// the low end of a range.
    pub value: Decimal,
    /// The high end of a range (3~5个 → 5), multipliers applied; `None` for
    /// a single value.
    pub max: Option<Decimal>,
    /// What is left after the multiplier (元, 台, P, %); empty when the text
    /// gave none (800亿).
    pub unit: String,
    /// The text as written, without comparator words (`2000亿元`, `3~5个`).
    pub text: String,
    /// A comparator from 多/余/以上 around the number, or a cue before it.
    pub comparator: Option<Comparator>,
}

/// Units a quantity may carry, longest first so that 千瓦时 wins over 千瓦.
/// Units of time (年, 天) are left out on purpose: 3~5年 is a span, not a value.
const UNITS: &[&str] = &[
    // two measure words, the second in brackets, are one unit as written
    // (设备1.5万台（套）, 保障性住房5万套（间）)
    "台（套）",
    "件（套）",
    "套（间）",
    "件（组）",
    "部（件）",
    "头（只）",
    "台（辆）",
    "条（段）",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "千米",
    "公里",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "标准机架",
    "美元",
    "欧元",
    "港元",
    // foreign money: 23亿英镑 is not 23亿 of nothing
    "英镑",
    "日元",
    "韩元",
    "卢布",
    "加元",
    "澳元",
    "比索",
    "卢比",
    "瑞士法郎",
    "瑞郎",
    "法郎",
    "雷亚尔",
    "兰特",
    "里拉",
    "泰铢",
    "元",
    "台",
    "个百分点",
    "个基点",
    "个",
    "家",
    "架次",
    "辆次",
    // trains: 中欧班列开行1.9万列
    "列次",
    "列",
    "艘次",
    // ships' tonnage, ports' containers: 1568万载重吨, 1916.5万标准箱
    "载重吨",
    "标准箱",
    "标箱",
    "架",
    "人次",
    // 6.18亿人民币 is money, not 6.18亿 people
    "人民币",
    "人",
    "名",
    "位",
    "座",
    "项",
    "亩",
    "吨",
    "辆",
    "户",
    "所",
    "处",
    "条",
    "件",
    "套",
    "栋",
    "部",
    "艘",
    "颗",
    "只",
    "头",
    "桶",
    "株",
    // species and kinds: 已记录的野生植物9600多种
    "种",
    // tickets, beds, cards: 发放3万张消费券; applications: 2.7万份
    "张",
    "份",
    "公顷",
    "千克",
    "公斤",
    "斤",
    "度",
    "倍",
    "PB",
    "EB",
    "TB",
    "P",
    "%",
    "％",
    "℃",
    "G",
];

/// A quantity found in text: what it is and which characters it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantitySpan {
    /// The quantity.
    pub quantity: Quantity,
    /// Character offset of the first character (a comparator cue included).
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

/// Marks that join the ends of a range: 3~5, 3—5, 3-5, 3至5, 三到五.
const RANGE_MARKS: &[char] = &['~', '～', '〜', '—', '–', '-', '－', '至', '到'];

/// Reads a quantity starting exactly at `chars[at]` (a digit or Chinese
/// numeral); `None` unless a number followed by a multiplier or unit is there.
/// A bare number (`1.25`, `第一`) is not a quantity. A range (3~5个,
/// 10至20万人) is one quantity.
pub fn quantity_at(chars: &[char], at: usize) -> Option<QuantitySpan> {
    let low = reading_at(chars, at)?;
    let reading = range_from(chars, at, &low).unwrap_or(low);
    if reading.unit.is_none() && reading.multiplier.is_none() {
        return None;
    }
    let pos = reading.end;
    let mut comparator = reading.approx.then_some(Comparator::AtLeast);
    // 20家以上, 100亿元左右
    for (word, cmp) in [("以上", Comparator::AtLeast), ("以下", Comparator::AtMost), ("左右", Comparator::About)]
    {
        if starts_with(chars, pos, word) {
            comparator = Some(cmp);
        }
    }
    let unit = match reading.unit {
        Some("％") => "%",
        Some("度") => "千瓦时",
        Some("人民币") => "元",
        Some(u) => u,
        None => "",
    };
    Some(QuantitySpan {
        quantity: Quantity {
            value: reading.value,
            max: reading.max,
            unit: unit.to_string(),
            text: chars[at..pos].iter().collect(),
            comparator,
        },
        start: at,
        end: pos,
    })
}

/// One number as read with what follows it (多, 万, 元); the two ends of
/// a range are read one at a time, then joined.
#[derive(Debug, Clone)]
struct Reading {
    /// The value, multiplier applied.
    value: Decimal,
    /// The high end when the numerals are a range themselves (两三个).
    max: Option<Decimal>,
    /// The power of ten of a 万/亿/万亿 that followed.
    multiplier: Option<u32>,
    /// The unit that followed.
    unit: Option<&'static str>,
    /// Whether 多 or 余 followed (40多名: at least 40).
    approx: bool,
    /// Whether the number is in Chinese numerals.
    chinese: bool,
    /// The power of ten of the 十/百/千 a Chinese numeral ends with (四百 → 2).
    place: Option<u32>,
    /// One past the last character read.
    end: usize,
}

fn reading_at(chars: &[char], at: usize) -> Option<Reading> {
    let numeral = numeral_at(chars, at)?;
    let mut pos = numeral.end;
    let approx_at = |pos: &mut usize| {
        let found = chars.get(*pos).is_some_and(|c| matches!(c, '多' | '余'));
        if found {
            *pos += 1;
        }
        found
    };
    let mut approx = approx_at(&mut pos);
    let (mut value, mut max) = (numeral.value, numeral.max);
    let multiplier = [("万亿亿", 20), ("亿亿", 16), ("万亿", 12), ("亿", 8), ("万", 4)]
        .into_iter()
        .find(|(word, _)| starts_with(chars, pos, word));
    if let Some((word, exponent)) = multiplier {
        value = value.times_pow10(exponent);
        max = max.map(|m| m.times_pow10(exponent));
        pos += word.chars().count();
        approx |= approx_at(&mut pos);
    }
    let mut unit = UNITS.iter().find(|u| starts_with(chars, pos, u)).copied();
    if let Some(u) = unit {
        pos += u.chars().count();
    } else if multiplier.is_none() {
        if let Some((percent, end)) = tenths_at(chars, pos, value) {
            (value, max, unit, pos) = (percent, max.map(|m| m.times(10)), Some("%"), end);
        }
    }
    Some(Reading {
        value,
        max,
        multiplier: multiplier.map(|(_, exponent)| exponent),
        unit,
        approx,
        chinese: numeral.chinese,
        place: numeral.place,
        end: pos,
    })
}

/// 七成, 近4成, 九成半: tenths, read as a percentage (70%), when 成 follows
/// a number of tenths directly and ends the phrase (not 这一成绩, 一成不变,
/// 2023成渝). Returns the percentage and where its text ends.
fn tenths_at(chars: &[char], pos: usize, tenths: Decimal) -> Option<(Decimal, usize)> {
    const ENDS_THE_PHRASE: &str = "，。；、：）)以左多为是都处来的用在已和及与";
    if chars.get(pos) != Some(&'成') || !(1.0..=10.0).contains(&tenths.to_f64()) {
        return None;
    }
    let half = chars.get(pos + 1) == Some(&'半');
    let end = pos + 1 + usize::from(half);
    if chars.get(end).is_some_and(|c| !ENDS_THE_PHRASE.contains(*c)) {
        return None;
    }
    let tenths = if half { Decimal::parse(&format!("{tenths}.5"))? } else { tenths };
    Some((tenths.times(10), end))
}

/// Measure words of counted things (17个, 13次), as against units of size
/// (万千瓦, 万吨, 万亩).
const MEASURE_WORDS: &[char] =
    &['个', '项', '家', '位', '处', '次', '份', '支', '条', '架', '座', '名', '场', '批', '届', '栋'];

/// Where a count that starts at `chars[at]` ends: a number with its unit
/// or multiplier (17个, 10余位, 6万亿元) or with a measure word that is no
/// unit of a value (13次, 20余份). `None` when no count starts there
/// (一重集团, 77国集团).
pub fn count_end(chars: &[char], at: usize) -> Option<usize> {
    let reading = reading_at(chars, at)?;
    if reading.unit.is_some() || reading.multiplier.is_some() {
        return Some(reading.end);
    }
    chars.get(reading.end).filter(|c| MEASURE_WORDS.contains(c)).map(|_| reading.end + 1)
}

/// Where a count of things (18处, 15项, 3条) that starts at `chars[at]`
/// ends; `None` for a size (400万千瓦, 30万吨) or no count.
pub fn count_of_things_end(chars: &[char], at: usize) -> Option<usize> {
    count_end(chars, at).filter(|&end| MEASURE_WORDS.contains(&chars[end - 1]))
}

/// `low` joined with the high end of a range that follows it, if one does.
/// Chinese writes the unit, and often the multiplier, once for both ends:
/// 3%—5% and 100万元到200万元 (each end whole), 100亿至200亿美元 (the
/// unit once), 10至20万人 and 3-5亿元 and 三到四百人 (the multiplier or
/// place once). `None` when what follows is no high end of the same kind:
/// 增长5%至1.5万亿元 is a change and where it led, 5%至3% no range.
fn range_from(chars: &[char], at: usize, low: &Reading) -> Option<Reading> {
    let mark = *chars.get(low.end)?;
    if !RANGE_MARKS.contains(&mark) || low.approx || low.max.is_some() || negative_before(chars, at) {
        return None;
    }
    let high = reading_at(chars, low.end + 1)?;
    let complete = high.unit.is_some() || high.multiplier.is_some();
    if high.chinese != low.chinese || high.approx || high.max.is_some() || !complete {
        return None;
    }
    let mut value = low.value;
    if low.unit.is_some() {
        // 下降0.7%至46.5%: fell by 0.7% to 46.5%, where 增加5%—10% and
        // 增长2.5%至3.5%之间 are ranges
        let change = at > 0 && CHANGE_ENDS.contains(&chars[at - 1]) && matches!(mark, '至' | '到');
        if low.unit != high.unit || (change && !starts_with(chars, high.end, "之间")) {
            return None;
        }
    } else if low.multiplier.is_some() {
        // 100亿至200亿美元: each end its multiplier
        high.multiplier?;
    } else {
        // 10至20万人 is 10万..20万, but 5000至2万人 is 5000..20000
        let place = if low.place.is_none() { high.place.unwrap_or(0) } else { 0 };
        let exponent = high.multiplier.unwrap_or(0) + place;
        let scaled = low.value.times_pow10(exponent);
        if exponent > 0 && scaled.to_f64() < high.value.to_f64() {
            value = scaled;
        }
    }
    if value.to_f64() >= high.value.to_f64() {
        return None;
    }
    Some(Reading { value, max: Some(high.value), ..high })
}

/// Last characters of verbs of change (增长, 下降, 提高, 回落): after one,
/// 至 and 到 say where the change led, not where a range ends.
const CHANGE_ENDS: &[char] = &['长', '降', '升', '涨', '跌', '减', '少', '加', '高', '低', '落', '增', '比'];

/// Whether a minus sign or 零下 stands before `chars[at]`: -3—5℃ is no
/// range from 3.
fn negative_before(chars: &[char], at: usize) -> bool {
    let minus = at > 0 && matches!(chars[at - 1], '-' | '－' | '−');
    let digit_before_minus = at > 1 && is_digit(chars[at - 2]);
    (minus && !digit_before_minus) || (at >= 2 && chars[at - 2..at] == ['零', '下'])
}

/// Every quantity in `text`, left to right, with a comparator cue word right
/// before a number (突破2000亿元) taken into the quantity.
pub fn find_quantities(text: &str) -> Vec<QuantitySpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // 十四五, 十六五: a five-year plan's name, even where a mark before
        // it lets it start a number (“十五五”“十六五”三个五年)
        if is_five_year_plan(&chars[i..]) {
            i += 3;
            continue;
        }
        // 突破万家, 超亿元: a bare 万 or 亿 may start one (numeral_at
        // reads it only after a comparator)
        let starts_number = is_digit(chars[i]) || is_cn_numeral(chars[i]) || matches!(chars[i], '万' | '亿');
        if starts_number && !continues_number(&chars, i) {
            // (a bare 万 needs a unit: 万米深井 is no quantity)
            let bare_wan_alone = |span: &QuantitySpan| span.quantity.unit.is_empty() && span.quantity.text == "万";
            if let Some(mut span) = quantity_at(&chars, i).filter(|span| !bare_wan_alone(span)) {
                if span.quantity.comparator.is_none() {
                    span.quantity.comparator = cue_before(&chars, i);
                }
                i = span.end;
                found.push(span);
                continue;
            }
        }
        i += 1;
    }
    share_the_points_unit(&chars, &mut found);
    found
}

/// 分别提高5.4个和4.1个百分点: the unit written once, after the last of
/// two values, is the first's too (read alone it is 5.4个).
fn share_the_points_unit(chars: &[char], found: &mut [QuantitySpan]) {
    for k in (0..found.len().saturating_sub(1)).rev() {
        let (first, second) = (&found[k], &found[k + 1]);
        let joined = second.start == first.end + 1 && matches!(chars.get(first.end), Some('和' | '、' | '与'));
        if joined && first.quantity.unit == "个" && second.quantity.unit == "个百分点" {
            found[k].quantity.unit = "个百分点".to_owned();
        }
    }
}

/// Whether `chars` open with the name of a five-year plan (十一五 … 十六五).
fn is_five_year_plan(chars: &[char]) -> bool {
    matches!(chars, ['十', n, '五', ..] if "一二三四五六七八九".contains(*n))
}

/// Whether `chars[at]` is inside a number rather than at its start: 12.5 is
/// read from its first digit, 第一台 and 第十二个 are ordinals, and the 3
/// of 第1至3名 ends a range whose start was no quantity.
fn continues_number(chars: &[char], at: usize) -> bool {
    if at == 0 {
        return false;
    }
    // 5千亿 is no 千亿, but 统一3000家 is 3000家
    let numeral = |c: char| is_digit(c) || (is_cn_numeral(c) && is_cn_numeral(chars[at]));
    let previous = chars[at - 1];
    numeral(previous)
        || previous == '.'
        || previous == '第'
        || (RANGE_MARKS.contains(&previous) && at > 1 && numeral(chars[at - 2]))
}

fn cue_before(chars: &[char], at: usize) -> Option<Comparator> {
    // longest first: 不少于 is not 少于
    (1..=3).rev().filter(|n| *n <= at).find_map(|n| {
        let cue: String = chars[at - n..at].iter().collect();
        Comparator::from_cue(&cue)
    })
}

/// A number as written, before any multiplier or unit.
struct Numeral {
    value: Decimal,
    /// The high end of 两三, 五六百 (two neighbouring digits: a range).
    max: Option<Decimal>,
    chinese: bool,
    /// See [`Reading::place`].
    place: Option<u32>,
    end: usize,
}

/// Reads an Arabic (`172.24`, `1,234`) or Chinese (`十`, `两千三百`, `五六百`)
/// number.
fn numeral_at(chars: &[char], at: usize) -> Option<Numeral> {
    let first = *chars.get(at)?;
    // a bare 万 or 亿 after a comparator (超万家): one, written as its
    // multiplier alone (not the 万 of 万国邮政联盟)
    if matches!(first, '万' | '亿') && cue_before(chars, at).is_some() {
        return Some(Numeral { value: Decimal::from_integer(1), max: None, chinese: true, place: None, end: at });
    }
    if is_digit(first) {
        let mut end = at;
        while end < chars.len()
            && (is_digit(chars[end])
                || ((chars[end] == '.' || chars[end] == ',') && chars.get(end + 1).is_some_and(|c| is_digit(*c))))
        {
            end += 1;
        }
        let text: String = chars[at..end].iter().map(|c| to_ascii_digit(*c)).collect();
        return Some(Numeral { value: Decimal::parse(&text)?, max: None, chinese: false, place: None, end });
    }
    let mut end = at;
    while end < chars.len() && is_cn_numeral(chars[end]) {
        end += 1;
    }
    let run = &chars[at..end];
    let place = match run {
        [p] | [_, p] => place_exponent(*p),
        _ => None,
    };
    if let Some((low, high)) = neighbouring_digits(run) {
        return Some(Numeral { value: low, max: Some(high), chinese: true, place: None, end });
    }
    let text: String = run.iter().collect();
    Some(Numeral { value: Decimal::from_integer(chinese_integer(&text)?), max: None, chinese: true, place, end })
}

/// 两三 → 2..3, 五六百 → 500..600, 三四十 → 30..40: two neighbouring
/// digits, perhaps with a place after them, state a range.
fn neighbouring_digits(run: &[char]) -> Option<(Decimal, Decimal)> {
    let (a, b, exponent) = match run {
        [a, b] => (*a, *b, 0),
        [a, b, p] => (*a, *b, place_exponent(*p)?),
        _ => return None,
    };
    let (low, high) = (cn_digit(a)?, cn_digit(b)?);
    (low >= 1 && high == low + 1).then(|| {
        let end = |d: i128| Decimal::from_integer(d).times_pow10(exponent);
        (end(low), end(high))
    })
}

fn place_exponent(c: char) -> Option<u32> {
    match c {
        '十' => Some(1),
        '百' => Some(2),
        '千' => Some(3),
        _ => None,
    }
}

/// 十 → 10, 两千三百 → 2300, 二〇二五 → 2025 (digit by digit when no 十百千).
pub fn chinese_integer(text: &str) -> Option<i128> {
    if text.is_empty() {
        return None;
    }
    let has_place = text.chars().any(|c| matches!(c, '十' | '百' | '千'));
    let mut total: i128 = 0;
    let mut current: i128 = 0;
    for c in text.chars() {
        if let Some(d) = cn_digit(c) {
            current = if has_place { d } else { current * 10 + d };
        } else {
            let place = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => return None,
            };
            total += current.max(1) * place;
            current = 0;
        }
    }
    Some(total + current)
}

fn cn_digit(c: char) -> Option<i128> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn to_ascii_digit(c: char) -> char {
    if ('０'..='９').contains(&c) { char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c) } else { c }
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..).zip(word.chars()).all(|(i, w)| chars.get(i) == Some(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Quantity {
        let found = find_quantities(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap().quantity
    }

    fn check(text: &str, value: &str, unit: &str) {
        let q = read(text);
        assert_eq!((q.value.to_string().as_str(), q.unit.as_str()), (value, unit), "{text}");
    }

    #[test]
    fn points_written_once_after_two_values_are_both_values_units() {
        let found = find_quantities("分别提高5.4个和4.1个百分点");
        let units: Vec<&str> = found.iter().map(|q| q.quantity.unit.as_str()).collect();
        assert_eq!(units, ["个百分点", "个百分点"]);
        // two counts stay counts
        let found = find_quantities("新建5个和改造4个");
        assert!(found.iter().all(|q| q.quantity.unit == "个"));
    }

    #[test]
    fn multipliers_are_applied() {
        check("2000亿元", "200000000000", "元");
        check("172.24万台", "1722400", "台");
        check("1.5万台（套）", "15000", "台（套）");
        check("4.06万套（间）", "40600", "套（间）");
        check("3.01万P", "30100", "P");
        check("十亿元", "1000000000", "元");
        check("61.18亿千瓦时", "6118000000", "千瓦时");
        check("1万亿元", "1000000000000", "元");
        check("380万千瓦", "3800000", "千瓦");
        // counts of trips and containers keep their unit: 次 makes 架 a flight
        check("14.8万架次", "148000", "架次");
        check("265万辆次", "2650000", "辆次");
        check("2万标箱", "20000", "标箱");
        check("1916.5万标准箱", "19165000", "标准箱");
        check("1568万载重吨", "15680000", "载重吨");
        check("5.27亿立方米", "527000000", "立方米");
        // grain is weighed in 斤 (half a kilogram)
        check("13731亿斤", "1373100000000", "斤");
        // money written as 人民币 is in 元 (not 人, people)
        check("6.18亿人民币", "618000000", "元");
        // foreign money and oil keep their unit (23亿, not 23亿 of nothing)
        check("23亿英镑", "2300000000", "英镑");
        check("43万亿日元", "43000000000000", "日元");
        check("日均减产50万桶", "500000", "桶");
        // trains
        check("开行1.9万列", "19000", "列");
        // a bare 万 or 亿 after a comparator is one of it
        check("规模以上工业企业突破万家", "10000", "家");
        check("投资超亿元", "100000000", "元");
        assert!(find_quantities("批准《万国邮政联盟组织法》").is_empty());
        assert!(find_quantities("钻探深度突破万米").is_empty());
        assert_eq!(count_end(&"万国邮政联盟".chars().collect::<Vec<_>>(), 0), None);
        assert_eq!(read("近万家企业").text, "万家");
        // computing power: 每秒640亿亿次 (亿亿 = 10¹⁶), 1.97万亿亿次 (10²⁰)
        check("640亿亿次", "6400000000000000000", "");
        check("1.97万亿亿次", "197000000000000000000", "");
    }

    #[test]
    fn percentages_keep_the_number_as_written() {
        check("4%", "4", "%");
        check("同比增长51.3%", "51.3", "%");
        check("62％", "62", "%");
        check("提高2个百分点", "2", "个百分点");
    }

    #[test]
    fn tenths_are_a_percentage() {
        check("超过四成。", "40", "%");
        check("近4成，", "40", "%");
        check("过九成半", "95", "%");
        check("占比达一成", "10", "%");
        assert_eq!(read("超七成为内地旅客").text, "七成");
        // 成 that starts a word, or a year before a name
        assert!(find_quantities("这一成绩").is_empty());
        assert!(find_quantities("一成不变").is_empty());
        assert!(find_quantities("2023成渝双城消费节").is_empty());
    }

    #[test]
    fn a_number_without_unit_needs_a_multiplier() {
        check("800亿", "80000000000", "");
        assert!(find_quantities("PUE普遍低于1.25").is_empty());
        assert!(find_quantities("第一台").is_empty());
    }

    #[test]
    fn comparators_come_from_cues_and_suffixes() {
        let q = read("突破2000亿元");
        assert_eq!(q.comparator, Some(Comparator::AtLeast));
        assert_eq!(q.text, "2000亿元");
        assert_eq!(read("40多名").comparator, Some(Comparator::AtLeast));
        assert_eq!(read("1870余家").value.to_string(), "1870");
        assert_eq!(read("近70亿元").comparator, Some(Comparator::About));
        assert_eq!(read("低于9℃").comparator, Some(Comparator::AtMost));
        assert_eq!(read("不少于3000名").comparator, Some(Comparator::AtLeast));
        assert_eq!(read("20家以上").comparator, Some(Comparator::AtLeast));
        let q = read("十多亿元");
        assert_eq!((q.value.to_string(), q.comparator), ("1000000000".into(), Some(Comparator::AtLeast)));
        let q = read("1万余家");
        assert_eq!((q.value.to_string(), q.unit.as_str()), ("10000".into(), "家"));
    }

    /// `text` holds one range from `low` to `high` in `unit`, written `written`.
    fn range(text: &str, written: &str, low: &str, high: &str, unit: &str) {
        let q = read(text);
        let max = q.max.map(|m| m.to_string());
        assert_eq!(
            (q.text.as_str(), q.value.to_string().as_str(), max.as_deref(), q.unit.as_str()),
            (written, low, Some(high), unit),
            "{text}"
        );
    }

    #[test]
    fn ranges_are_one_quantity_with_both_ends() {
        range("降温4—6℃", "4—6℃", "4", "6", "℃");
        range("降温8～10℃", "8～10℃", "8", "10", "℃");
        range("3~5个", "3~5个", "3", "5", "个");
        range("3至5个", "3至5个", "3", "5", "个");
        range("15到20个百分点", "15到20个百分点", "15", "20", "个百分点");
        range("0.3到0.4个百分点", "0.3到0.4个百分点", "0.3", "0.4", "个百分点");
        range("下调5—20个基点", "5—20个基点", "5", "20", "个基点");
        range("4—6个月", "4—6个", "4", "6", "个");
        range("增长2.5%至3.5%之间", "2.5%至3.5%", "2.5", "3.5", "%");
        range("利率维持在5.25%至5.5%之间", "5.25%至5.5%", "5.25", "5.5", "%");
        range("5%—10%", "5%—10%", "5", "10", "%");
        range("5％－8％", "5％－8％", "5", "8", "%");
        range("10%-20%", "10%-20%", "10", "20", "%");
        range("2至3倍", "2至3倍", "2", "3", "倍");
    }

    #[test]
    fn a_range_states_unit_and_multiplier_once_for_both_ends() {
        range("10万至20万人", "10万至20万人", "100000", "200000", "人");
        range("10至20万人", "10至20万人", "100000", "200000", "人");
        range("3-5亿元", "3-5亿元", "300000000", "500000000", "元");
        range("100亿至200亿美元", "100亿至200亿美元", "10000000000", "20000000000", "美元");
        range("100万元到200万元", "100万元到200万元", "1000000", "2000000", "元");
        range("1.5万—2万名", "1.5万—2万名", "15000", "20000", "名");
        // the low end is whole when scaling would pass the high end
        range("5000至2万人", "5000至2万人", "5000", "20000", "人");
        range("1至10万人", "1至10万人", "10000", "100000", "人");
    }

    #[test]
    fn ranges_in_chinese_numerals() {
        range("两到三倍", "两到三倍", "2", "3", "倍");
        range("三到四百人", "三到四百人", "300", "400", "人");
        range("一至十个", "一至十个", "1", "10", "个");
        range("十至二十万人", "十至二十万人", "100000", "200000", "人");
        // neighbouring digits are a range, not 23 or 78万
        range("两三个", "两三个", "2", "3", "个");
        range("五六百人", "五六百人", "500", "600", "人");
        range("三四十家", "三四十家", "30", "40", "家");
        range("七八万吨", "七八万吨", "70000", "80000", "吨");
        range("一两百万", "一两百万", "1000000", "2000000", "");
    }

    #[test]
    fn spans_and_changes_are_no_ranges() {
        // years, months, days: dates and durations, no quantity
        assert!(find_quantities("2023-2025年").is_empty());
        assert!(find_quantities("“十四五”（2021—2025年）").is_empty());
        assert!(find_quantities("十四五 十五五 十六五三个五年").is_empty());
        assert!(find_quantities("1—2月份").is_empty());
        assert!(find_quantities("3至5年").is_empty());
        assert!(find_quantities("010-12345678").is_empty());
        assert!(find_quantities("比分3:5").is_empty());
        // a change and where it led: two quantities
        let found = find_quantities("同比增长5.2%至1.5万亿元");
        let texts: Vec<&str> = found.iter().map(|s| s.quantity.text.as_str()).collect();
        assert_eq!(texts, ["5.2%", "1.5万亿元"]);
        assert!(found.iter().all(|s| s.quantity.max.is_none()));
        let found = find_quantities("环比下降0.7%至46.5%");
        let texts: Vec<&str> = found.iter().map(|s| s.quantity.text.as_str()).collect();
        assert_eq!(texts, ["0.7%", "46.5%"]);
        range("预计产量将比去年增加5%—10%", "5%—10%", "5", "10", "%");
        range("效率提升3到4倍", "3到4倍", "3", "4", "倍");
        // falling from 5% to 3%: no range
        let found = find_quantities("从5%至3%");
        assert_eq!(found.len(), 2, "{found:?}");
        // a negative low end: not 3..5
        assert!(find_quantities("-3—5℃").iter().all(|s| s.quantity.max.is_none()));
        // 40多至50名 is no range this reader trusts
        assert!(find_quantities("40多至50名").iter().all(|s| s.quantity.max.is_none()));
        // an em dash between two clauses
        let texts: Vec<String> = find_quantities("3个——5个").into_iter().map(|s| s.quantity.text).collect();
        assert_eq!(texts, ["3个", "5个"]);
        // a plain value has no high end
        assert_eq!(read("2000亿元").max, None);
    }

    #[test]
    fn the_end_of_a_range_is_never_read_alone() {
        // 第1至3名: an ordinal range, not 3名
        assert!(find_quantities("第1至3名").is_empty());
        // 第十二个: an ordinal, not 二个
        assert!(find_quantities("第十二个").is_empty());
        // 5千亿 is not 千亿
        assert!(find_quantities("5千亿").is_empty());
        check("统一3000家", "3000", "家");
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_integer("十"), Some(10));
        assert_eq!(chinese_integer("十二"), Some(12));
        assert_eq!(chinese_integer("两千三百"), Some(2300));
        assert_eq!(chinese_integer("二〇二五"), Some(2025));
        check("三个", "3", "个");
    }

    #[test]
    fn decimals_print_canonically() {
        assert_eq!(Decimal::parse("0.250").unwrap().to_string(), "0.25");
        assert_eq!(Decimal::parse("1,234").unwrap().to_string(), "1234");
        assert_eq!(Decimal::parse("0.05").unwrap().times_pow10(1).to_string(), "0.5");
    }
}
