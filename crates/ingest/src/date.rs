//! Dates at the precision the text gives them (2025, 2025年3月, 3月17日),
//! read against the article's own date where the text is relative (今年).

use std::fmt;

/// A year, a month of a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year.
    pub year: i32,
    /// The month, 1–12, when known.
    pub month: Option<u8>,
    /// The day of the month, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// A whole year.
    pub fn year(year: i32) -> Self {
        Self { year, month: None, day: None }
    }

    /// A month of a year.
    pub fn month(year: i32, month: u8) -> Self {
        Self { year, month: Some(month), day: None }
    }

    /// A full date.
    pub fn day(year: i32, month: u8, day: u8) -> Self {
        Self { year, month: Some(month), day: Some(day) }
    }

    /// Whether all of this period (a year, a month or a day) lies before
    /// `other`: 2024 and 2025年3月 lie before 2025年5月, 2025 does not.
    pub fn is_before(&self, other: PartialDate) -> bool {
        if self.year != other.year {
            return self.year < other.year;
        }
        match (self.month, other.month) {
            (Some(m), Some(o)) if m != o => m < o,
            (Some(_), Some(_)) => matches!((self.day, other.day), (Some(d), Some(o)) if d < o),
            _ => false,
        }
    }

    /// The same date cut to month precision.
    pub fn to_month(self) -> Self {
        Self { day: None, ..self }
    }

    /// The XML Schema datatype that fits the precision
    /// (`gYear`, `gYearMonth` or `date`).
    pub fn xsd_type(&self) -> &'static str {
        match (self.month, self.day) {
            (None, _) => "gYear",
            (Some(_), None) => "gYearMonth",
            (Some(_), Some(_)) => "date",
        }
    }

    /// Reads `2022-02-21`, `2022-02-21 15:54:48 +0800`, `2022-02-21T15:54:48Z`
    /// or RFC 2822 (`Sat, 19 Feb 2022 12:07:14 GMT`), as front matter writes them.
    pub fn parse_metadata(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(text) {
            use chrono::Datelike;
            return Some(Self::day(dt.year(), dt.month() as u8, dt.day() as u8));
        }
        let head: String = text.chars().take(10).collect();
        let mut parts = head.split(['-', '/', '.']);
        let year = parts.next()?.parse::<i32>().ok()?;
        let month = parts.next()?.parse::<u8>().ok()?;
        let day = parts.next().and_then(|d| d.parse::<u8>().ok());
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        match day {
            Some(d) if (1..=31).contains(&d) => Some(Self::day(year, month, d)),
            _ => Some(Self::month(year, month)),
        }
    }
}

impl fmt::Display for PartialDate {
    /// The XML Schema lexical form: `2025`, `2025-03`, `2025-03-17`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A date or year expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    /// The date it names (a range such as 十四五 gives its last year).
    pub date: PartialDate,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

/// Every date expression in `text`: `2025年`, `2025年3月`, `2024年6月底`,
/// `3月17日` and `今年/去年/明年` (read against `article_date`), and the
/// five-year plans `十四五` (2021–2025, given as 2025) and `十五五`.
pub fn find_dates(text: &str, article_date: Option<PartialDate>) -> Vec<DateSpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(span) = date_at(&chars, i, article_date) {
            i = span.end;
            found.push(span);
        } else {
            i += 1;
        }
    }
    found
}

fn date_at(chars: &[char], at: usize, article_date: Option<PartialDate>) -> Option<DateSpan> {
    let span = |date, end| Some(DateSpan { date, start: at, end });
    let c = chars[at];
    if let Some((date, end)) = within_years(chars, at, article_date) {
        return span(date, end);
    }
    if c.is_ascii_digit() && (at == 0 || !chars[at - 1].is_ascii_digit()) {
        let (year, after_year) = digits(chars, at);
        if after_year - at == 4 && chars.get(after_year) == Some(&'年') {
            let year = year as i32;
            let pos = after_year + 1;
            if let Some((month, after_month)) = month_at(chars, pos) {
                if let Some((day, after_day)) = day_at(chars, after_month) {
                    return span(PartialDate::day(year, month, day), after_day);
                }
                return span(PartialDate::month(year, month), skip_month_end(chars, after_month));
            }
            if let Some((month, end)) = period_at(chars, pos) {
                return span(PartialDate::month(year, month), end);
            }
            return span(PartialDate::year(year), pos);
        }
        // 3月17日 and 3月, read in the article's year
        if let (Some(base), Some((month, after_month))) = (article_date, month_at(chars, at)) {
            if let Some((day, after_day)) = day_at(chars, after_month) {
                return span(PartialDate::day(base.year, month, day), after_day);
            }
            return span(PartialDate::month(base.year, month), after_month);
        }
        return None;
    }
    if !matches!(c, '今' | '去' | '明' | '前' | '十' | '未' | '上' | '下' | '第' | '一' | '二' | '三' | '四')
    {
        return None;
    }
    let word: String = chars[at..chars.len().min(at + 3)].iter().collect();
    if let Some(base) = article_date {
        for (w, delta) in [("今年", 0), ("去年", -1), ("明年", 1), ("前年", -2)] {
            if word.starts_with(w) {
                let year = base.year + delta;
                if let Some((month, end)) = period_at(chars, at + 2) {
                    return span(PartialDate::month(year, month), end);
                }
                return span(PartialDate::year(year), at + 2);
            }
        }
        // 前三季度, 上半年, 前11个月: a period of the article's year, dated
        // by the month it ends with
        if let Some((month, end)) = period_at(chars, at) {
            return span(PartialDate::month(base.year, month), end);
        }
        // 未来五年, 今后3年: the years ahead, this one included (in 2026,
        // 未来五年 ends in 2030; the seeds read 未来4年 of 2022 as 2025)
        if word.starts_with("未来") || word.starts_with("今后") {
            if let Some((years, end)) = years_ahead(chars, at + 2) {
                return span(PartialDate::year(base.year + years - 1), end);
            }
        }
    }
    for (w, last_year) in [("十三五", 2020), ("十四五", 2025), ("十五五", 2030)] {
        if word == w {
            return span(PartialDate::year(last_year), at + 3);
        }
    }
    None
}

/// A period of a year counted from its start (一季度, 第三季度, 前三季度,
/// 上半年, 下半年, 前11个月, 前两个月) at `at`: the month it ends with and
/// the offset after it.
fn period_at(chars: &[char], at: usize) -> Option<(u8, usize)> {
    let text =
        |from: usize, n: usize| -> String { chars[from.min(chars.len())..chars.len().min(from + n)].iter().collect() };
    for (half, month) in [("上半年", 6), ("下半年", 12)] {
        if text(at, 3) == half {
            return Some((month, at + 3));
        }
    }
    let so_far = chars.get(at) == Some(&'前');
    let start = if so_far || chars.get(at) == Some(&'第') { at + 1 } else { at };
    let (n, numeral_end) = small_number_at(chars, start)?;
    let quarters = if so_far { 2..=3 } else { 1..=4 };
    if text(numeral_end, 2) == "季度" && quarters.contains(&n) {
        return Some(((n * 3) as u8, numeral_end + 2));
    }
    (so_far && text(numeral_end, 2) == "个月" && (2..=12).contains(&n)).then_some((n as u8, numeral_end + 2))
}

/// 力争三年内, 5年内: the years ahead, as 今后N年 (this year included);
/// not 近三年内 or 过去5年内, which look back.
fn within_years(chars: &[char], at: usize, article_date: Option<PartialDate>) -> Option<(PartialDate, usize)> {
    let base = article_date?;
    let (years, end) = years_ahead(chars, at)?;
    let looks_back = at > 0 && matches!(chars[at - 1], '近' | '去' | '前' | '来');
    // 26年内地…: the 6 of 26, and 内 starting 内地
    let inside_a_number = at > 0 && chars[at - 1].is_ascii_digit();
    let within = chars.get(end) == Some(&'内') && !matches!(chars.get(end + 1), Some('地' | '蒙' | '部' | '外' | '陆'));
    (within && !looks_back && !inside_a_number).then(|| (PartialDate::year(base.year + years - 1), end + 1))
}

/// The N年 of 未来N年 (two to ten years, in digits or one Chinese numeral)
/// and the offset after it.
fn years_ahead(chars: &[char], at: usize) -> Option<(i32, usize)> {
    let (n, end) = small_number_at(chars, at)?;
    ((2..=10).contains(&n) && chars.get(end) == Some(&'年')).then_some((n as i32, end + 1))
}

/// A count of years, quarters or months at `at`, in digits (11) or Chinese
/// numerals (十一), and the offset after it.
fn small_number_at(chars: &[char], at: usize) -> Option<(i128, usize)> {
    if chars.get(at)?.is_ascii_digit() {
        let (n, end) = digits(chars, at);
        return Some((i128::from(n), end));
    }
    let end = (at..chars.len()).find(|&i| !"一二两三四五六七八九十".contains(chars[i])).unwrap_or(chars.len());
    let numeral: String = chars[at..end].iter().collect();
    Some((crate::number::chinese_integer(&numeral)?, end))
}

fn digits(chars: &[char], at: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut end = at;
    while end < chars.len() && chars[end].is_ascii_digit() && end - at < 5 {
        value = value * 10 + chars[end].to_digit(10).unwrap_or(0);
        end += 1;
    }
    (value, end)
}

fn month_at(chars: &[char], at: usize) -> Option<(u8, usize)> {
    let (m, end) = digits(chars, at);
    (end > at && end - at <= 2 && chars.get(end) == Some(&'月') && (1..=12).contains(&m)).then_some((m as u8, end + 1))
}

fn day_at(chars: &[char], at: usize) -> Option<(u8, usize)> {
    let (d, end) = digits(chars, at);
    (end > at && end - at <= 2 && matches!(chars.get(end), Some('日' | '号')) && (1..=31).contains(&d))
        .then_some((d as u8, end + 1))
}

/// 6月底 / 6月末 / 6月份 belong to the month expression.
fn skip_month_end(chars: &[char], at: usize) -> usize {
    match chars.get(at) {
        Some('底' | '末' | '初') => at + 1,
        Some('份') => at + 1,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_lies_before_a_date_when_all_of_it_does() {
        let today = PartialDate::day(2025, 5, 20);
        assert!(PartialDate::year(2024).is_before(today));
        assert!(PartialDate::month(2025, 3).is_before(today));
        assert!(PartialDate::day(2025, 5, 19).is_before(today));
        assert!(!PartialDate::year(2025).is_before(today));
        assert!(!PartialDate::month(2025, 5).is_before(today));
        assert!(!PartialDate::month(2025, 10).is_before(PartialDate::year(2025)));
    }

    fn dates(text: &str) -> Vec<String> {
        let base = PartialDate::day(2025, 4, 20);
        find_dates(text, Some(base)).iter().map(|d| d.date.to_string()).collect()
    }

    #[test]
    fn absolute_dates_keep_their_precision() {
        assert_eq!(dates("截至2025年3月，已建成"), ["2025-03"]);
        assert_eq!(dates("到2025年，张家口"), ["2025"]);
        assert_eq!(dates("截至2015年6月底"), ["2015-06"]);
        assert_eq!(dates("2012年9月1日签署"), ["2012-09-01"]);
    }

    #[test]
    fn relative_dates_use_the_article_date() {
        assert_eq!(dates("今年3月17日上线"), ["2025", "2025-03-17"]);
        assert_eq!(dates("去年前8个月"), ["2024-08"]);
        assert_eq!(dates("到2022年“十四五”中期"), ["2022", "2025"]);
        assert_eq!(dates("未来五年，全省"), ["2029"]);
        assert_eq!(dates("今后3年将"), ["2027"]);
        assert_eq!(dates("未来两年"), ["2026"]);
        assert!(dates("未来一年").is_empty());
        assert_eq!(dates("力争三年内重点支持"), ["2027"]);
        assert_eq!(dates("5年内建成"), ["2029"]);
        assert!(dates("近三年内").is_empty());
        assert!(dates("过去5年内").is_empty());
        assert!(dates("香港回归26年内地与香港").is_empty());
        assert!(dates("未来几年").is_empty());
    }

    #[test]
    fn periods_of_a_year_end_in_a_month() {
        assert_eq!(dates("前三季度，全省"), ["2025-09"]);
        assert_eq!(dates("一季度，"), ["2025-03"]);
        assert_eq!(dates("今年上半年"), ["2025-06"]);
        assert_eq!(dates("2024年第四季度"), ["2024-12"]);
        assert_eq!(dates("前11个月"), ["2025-11"]);
        assert_eq!(dates("前两个月"), ["2025-02"]);
        // no period: a span of months, or a quarter that is no number
        assert!(dates("3个月").is_empty());
        assert!(dates("前五季度").is_empty());
        assert!(dates("一个月").is_empty());
    }

    #[test]
    fn metadata_dates() {
        assert_eq!(PartialDate::parse_metadata("Sat, 19 Feb 2022 12:07:14 GMT"), Some(PartialDate::day(2022, 2, 19)));
        assert_eq!(PartialDate::parse_metadata("2022-02-21 15:54:48 +0800"), Some(PartialDate::day(2022, 2, 21)));
        assert_eq!(PartialDate::parse_metadata("2024-05-03T19:00:00+08:00"), Some(PartialDate::day(2024, 5, 3)));
        assert_eq!(PartialDate::parse_metadata("not a date"), None);
        assert_eq!(PartialDate::day(2025, 3, 7).xsd_type(), "date");
    }
}
