//! Numbers as Chinese news writes them (2000亿元, 172.24万台, 十多亿元, 4%),
//! read into exact decimal values with the multiplier applied and the unit
//! kept apart, as `ONTOLOGY.md` asks for `tp:value` and `tp:unit`.

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

/// A number with its unit, as found in text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quantity {
    /// The whole value with multipliers applied (2000亿 → 200000000000).
    pub value: Decimal,
    /// What is left after the multiplier (元, 台, P, %); empty when the text
    /// gave none (800亿).
    pub unit: String,
    /// The text as written, without comparator words (`2000亿元`).
    pub text: String,
    /// A comparator from 多/余/以上 around the number, or a cue before it.
    pub comparator: Option<Comparator>,
}

/// Units a quantity may carry, longest first so that 千瓦时 wins over 千瓦.
/// Units of time (年, 天) are left out on purpose: 3~5年 is a span, not a value.
const UNITS: &[&str] = &[
    "平方公里",
    "平方米",
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
    "元",
    "台",
    "个",
    "家",
    "架",
    "人次",
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
    "条",
    "件",
    "套",
    "栋",
    "部",
    "艘",
    "颗",
    "只",
    "头",
    "株",
    "公顷",
    "千克",
    "公斤",
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

/// Reads a quantity starting exactly at `chars[at]` (a digit or Chinese
/// numeral); `None` unless a number followed by a multiplier or unit is there.
/// A bare number (`1.25`, `第一`) is not a quantity.
pub fn quantity_at(chars: &[char], at: usize) -> Option<QuantitySpan> {
    let (number, mut pos) = number_at(chars, at)?;
    let mut comparator = None;
    let approx = |chars: &[char], pos: &mut usize| {
        if *pos < chars.len() && matches!(chars[*pos], '多' | '余') {
            *pos += 1;
            true
        } else {
            false
        }
    };
    if approx(chars, &mut pos) {
        comparator = Some(Comparator::AtLeast);
    }
    let mut value = number;
    let mut has_multiplier = false;
    for (word, exponent) in [("万亿", 12), ("亿", 8), ("万", 4)] {
        if starts_with(chars, pos, word) {
            value = value.times_pow10(exponent);
            pos += word.chars().count();
            has_multiplier = true;
            break;
        }
    }
    if has_multiplier && approx(chars, &mut pos) {
        comparator = Some(Comparator::AtLeast);
    }
    let unit = UNITS.iter().find(|u| starts_with(chars, pos, u)).copied();
    if let Some(u) = unit {
        pos += u.chars().count();
    } else if !has_multiplier {
        return None;
    }
    // 20家以上, 100亿元左右
    for (word, cmp) in [("以上", Comparator::AtLeast), ("以下", Comparator::AtMost), ("左右", Comparator::About)]
    {
        if starts_with(chars, pos, word) {
            comparator = Some(cmp);
        }
    }
    let unit = match unit {
        Some("％") => "%",
        Some("度") => "千瓦时",
        Some(u) => u,
        None => "",
    };
    Some(QuantitySpan {
        quantity: Quantity { value, unit: unit.to_string(), text: chars[at..pos].iter().collect(), comparator },
        start: at,
        end: pos,
    })
}

/// Every quantity in `text`, left to right, with a comparator cue word right
/// before a number (突破2000亿元) taken into the quantity.
pub fn find_quantities(text: &str) -> Vec<QuantitySpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = is_digit(chars[i]) || is_cn_numeral(chars[i]);
        // 第一台 is an ordinal; 12.5 is read from its first digit
        let continues_word = i > 0 && (is_digit(chars[i - 1]) || chars[i - 1] == '.' || chars[i - 1] == '第');
        if starts_number && !continues_word {
            if let Some(mut span) = quantity_at(&chars, i) {
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
    found
}

fn cue_before(chars: &[char], at: usize) -> Option<Comparator> {
    // longest first: 不少于 is not 少于
    (1..=3).rev().filter(|n| *n <= at).find_map(|n| {
        let cue: String = chars[at - n..at].iter().collect();
        Comparator::from_cue(&cue)
    })
}

/// Reads an Arabic (`172.24`, `1,234`) or Chinese (`十`, `两千三百`) number.
fn number_at(chars: &[char], at: usize) -> Option<(Decimal, usize)> {
    let first = *chars.get(at)?;
    if is_digit(first) {
        let mut end = at;
        while end < chars.len()
            && (is_digit(chars[end])
                || ((chars[end] == '.' || chars[end] == ',') && chars.get(end + 1).is_some_and(|c| is_digit(*c))))
        {
            end += 1;
        }
        let text: String = chars[at..end].iter().map(|c| to_ascii_digit(*c)).collect();
        return Some((Decimal::parse(&text)?, end));
    }
    let mut end = at;
    while end < chars.len() && is_cn_numeral(chars[end]) {
        end += 1;
    }
    let text: String = chars[at..end].iter().collect();
    Some((Decimal::from_integer(chinese_integer(&text)?), end))
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
    let mut i = at;
    for w in word.chars() {
        if chars.get(i) != Some(&w) {
            return false;
        }
        i += 1;
    }
    true
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
    fn multipliers_are_applied() {
        check("2000亿元", "200000000000", "元");
        check("172.24万台", "1722400", "台");
        check("3.01万P", "30100", "P");
        check("十亿元", "1000000000", "元");
        check("61.18亿千瓦时", "6118000000", "千瓦时");
        check("1万亿元", "1000000000000", "元");
        check("380万千瓦", "3800000", "千瓦");
    }

    #[test]
    fn percentages_keep_the_number_as_written() {
        check("4%", "4", "%");
        check("同比增长51.3%", "51.3", "%");
        check("62％", "62", "%");
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
