//! Reading a period as people type it: the codes, the names in either language, months, years,
//! Chinese dates and ranges.

use chrono::{Datelike, Days, NaiveDate};

use super::{PeriodError, PeriodSpec, months_after};
use crate::i18n::{LOCALES, narrow, t};

/// The names people type for the named periods: `|`-separated lists in each locale.
pub(super) const PERIOD_WORDS: [(&str, PeriodSpec); 8] = [
    ("bot-period-words-this-week", PeriodSpec::ThisWeek),
    ("bot-period-words-last-week", PeriodSpec::LastWeek),
    ("bot-period-words-this-month", PeriodSpec::ThisMonth),
    ("bot-period-words-last-month", PeriodSpec::LastMonth),
    ("bot-period-words-this-quarter", PeriodSpec::ThisQuarter),
    ("bot-period-words-last-quarter", PeriodSpec::LastQuarter),
    ("bot-period-words-this-year", PeriodSpec::ThisYear),
    ("bot-period-words-last-year", PeriodSpec::LastYear),
];

/// The words in `key`'s list, in every language (a person may type either).
fn words(key: &str) -> Vec<String> {
    LOCALES
        .iter()
        .flat_map(|l| {
            t(l, key)
                .split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

impl PeriodSpec {
    /// Reads the codes (`this-week`, `last-week`, `this-month`, `last-month`, `this-quarter`,
    /// `last-quarter`, `this-year`, `last-year`, `month-11`), or a range `FROM..TO` whose ends
    /// are days (`2026-11-05`), months (`2026-09`) or years (`2026`): from the first day of the
    /// one to the last day of the other. One end alone is that day, month or year. The second
    /// end may leave out what it shares with the first: `2026-11-01..15` ends on the 15th of
    /// November, `2026-09..11` with November.
    pub fn parse(input: &str) -> Result<PeriodSpec, PeriodError> {
        let s = input.trim();
        let lower = s.to_ascii_lowercase().replace('_', "-");
        let named = match lower.as_str() {
            "this-week" | "week" => Some(PeriodSpec::ThisWeek),
            "last-week" => Some(PeriodSpec::LastWeek),
            "this-month" | "month" => Some(PeriodSpec::ThisMonth),
            "last-month" => Some(PeriodSpec::LastMonth),
            "this-quarter" | "quarter" => Some(PeriodSpec::ThisQuarter),
            "last-quarter" => Some(PeriodSpec::LastQuarter),
            "this-year" | "year" => Some(PeriodSpec::ThisYear),
            "last-year" => Some(PeriodSpec::LastYear),
            _ => None,
        };
        if let Some(p) = named {
            return Ok(p);
        }
        if let Some(month) = lower.strip_prefix("month-") {
            return month_of_year(month).ok_or(PeriodError::Unknown);
        }
        let (from, to) = match s.split_once("..") {
            Some((a, b)) => (span(a)?.0, span(&inherited(a, b))?.1),
            None => span(s)?,
        };
        PeriodSpec::range(from, to)
    }

    /// Reads a period as people type it, in the chat or on the command line: the codes `parse`
    /// reads, the names in the locale files in either language (本周, 上月, 今年, last month),
    /// dates, months and years written in Chinese (`2026年11月`, `2026年11月5日`, `2026年`),
    /// a month alone (`11月`, `11月份`), full-width digits, and ranges written with the locale
    /// files' words for "to" (`2026-11-01 至 2026-11-30`) or `~`.
    fn read(input: &str) -> Result<PeriodSpec, PeriodError> {
        let lower: String = input
            .trim()
            .to_lowercase()
            .replace(['～', '~', '—'], "..")
            .chars()
            .map(narrow)
            .collect();
        for (key, spec) in PERIOD_WORDS {
            if words(key).contains(&lower) {
                return Ok(spec);
            }
        }
        let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(month) = compact
            .strip_suffix('份')
            .unwrap_or(&compact)
            .strip_suffix('月')
            .filter(|m| !m.contains(['年', '-']))
        {
            return month_of_year(month).ok_or(PeriodError::Unknown);
        }
        let mut normalized = lower;
        for word in words("bot-period-words-to") {
            normalized = normalized.replace(&word, "..");
        }
        // 2026年11月5日 → 2026-11-5, 2026年11月 → 2026-11, 2026年 → 2026.
        let normalized = normalized
            .replace(['年', '月'], "-")
            .replace(['日', '号'], "")
            .replace("-..", "..");
        PeriodSpec::parse(normalized.trim().trim_end_matches('-'))
    }

    /// `read`, and dates and months typed without their year (`11月1日至11月15日`,
    /// `9月至11月`, `11月5日`): in this year, or last year when this year's would start after
    /// `today`; a range that runs over the new year (`12月20日至1月5日`) starts in the year
    /// before it ends.
    pub fn read_on(input: &str, today: NaiveDate) -> Result<PeriodSpec, PeriodError> {
        let read = PeriodSpec::read(input);
        let yearless = input.contains('月') && !input.contains('年');
        if read != Err(PeriodError::Unknown) || !yearless {
            return read;
        }
        let year = today.year();
        match PeriodSpec::read(&with_years(input, year, year)) {
            Ok(p) if p.resolve(today).from > today => {
                PeriodSpec::read(&with_years(input, year - 1, year - 1))
            }
            Err(PeriodError::Backwards) => PeriodSpec::read(&with_years(input, year - 1, year)),
            other => other,
        }
    }
}

/// The text with a year before each month number (`11月` → `2026年11月`): `first` before the
/// first, `rest` before the others.
fn with_years(input: &str, first: i32, rest: i32) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut months = 0;
    for c in input.chars() {
        if c == '月' {
            let digits = out
                .iter()
                .rev()
                .take_while(|d| narrow(**d).is_ascii_digit())
                .count();
            let year = if months == 0 { first } else { rest };
            let at = out.len() - digits;
            out.splice(at..at, year.to_string().chars().chain(['年']));
            months += 1;
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// A month of the year typed without its year: `11`.
fn month_of_year(text: &str) -> Option<PeriodSpec> {
    let month = number(text, 2)?;
    (1..=12)
        .contains(&month)
        .then_some(PeriodSpec::Month { month })
}

/// A number of at most `digits` ASCII digits.
fn number(text: &str, digits: usize) -> Option<u32> {
    let ok = !text.is_empty() && text.len() <= digits && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

/// The second end of a range with the leading parts it leaves out taken from the first: `15`
/// after `2026-11-01` is `2026-11-15`, `12-15` after it `2026-12-15`, `11` after `2026-09` is
/// `2026-11`. An end that names its year is as typed.
fn inherited(first: &str, second: &str) -> String {
    let first: Vec<&str> = first.trim().split('-').collect();
    let second = second.trim();
    let given = second.split('-').count();
    if given >= first.len() || second.split('-').next().is_some_and(|p| p.len() == 4) {
        return second.to_string();
    }
    let mut parts = first[..first.len() - given].to_vec();
    parts.push(second);
    parts.join("-")
}

/// The first and last day of what one end of a range names: a day (`2026-11-05`, `2026-11-5`),
/// a month (`2026-11`) or a year (`2026`).
fn span(text: &str) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let year = |y: &str| {
        (y.len() == 4)
            .then(|| number(y, 4))
            .flatten()
            .and_then(|y| i32::try_from(y).ok())
    };
    let day = |y: &str, m: &str, d: u32| NaiveDate::from_ymd_opt(year(y)?, number(m, 2)?, d);
    let found = match parts.as_slice() {
        [y, m, d] => number(d, 2)
            .and_then(|d| day(y, m, d))
            .map(|date| (date, date)),
        [y, m] => day(y, m, 1).map(|first| (first, months_after(first, 1) - Days::new(1))),
        [y] => day(y, "1", 1).map(|first| (first, months_after(first, 12) - Days::new(1))),
        _ => None,
    };
    found.ok_or(PeriodError::Unknown)
}

#[cfg(test)]
mod tests {
    use super::super::MAX_RANGE_DAYS;
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn months_years_and_chinese_dates_are_read_as_ranges() {
        let range = |from: &str, to: &str| {
            Ok(PeriodSpec::Range {
                from: d(from),
                to: d(to),
            })
        };
        let cases = [
            ("2026-11", range("2026-11-01", "2026-11-30")),
            ("2026年11月", range("2026-11-01", "2026-11-30")),
            ("２０２６年２月", range("2026-02-01", "2026-02-28")),
            ("2026", range("2026-01-01", "2026-12-31")),
            ("2026年", range("2026-01-01", "2026-12-31")),
            ("2026年11月5日", range("2026-11-05", "2026-11-05")),
            ("2026-9..2026-11", range("2026-09-01", "2026-11-30")),
            ("2026年9月至2026年11月", range("2026-09-01", "2026-11-30")),
            (
                "2026年11月1日至2026年11月15日",
                range("2026-11-01", "2026-11-15"),
            ),
            ("2026-11-01—2026-11-15", range("2026-11-01", "2026-11-15")),
            ("2026年11月1日至15日", range("2026-11-01", "2026-11-15")),
            ("2026年11月20日至12月5日", range("2026-11-20", "2026-12-05")),
            ("2026年9月至11月", range("2026-09-01", "2026-11-30")),
            ("2026-11-01..15", range("2026-11-01", "2026-11-15")),
            ("2026-11-20..10", Err(PeriodError::Backwards)),
            ("2026-11-01..2027-1", range("2026-11-01", "2027-01-31")),
            ("11月", Ok(PeriodSpec::Month { month: 11 })),
            ("１１月份", Ok(PeriodSpec::Month { month: 11 })),
            ("今年", Ok(PeriodSpec::ThisYear)),
            ("上年度", Ok(PeriodSpec::LastYear)),
            ("本季度", Ok(PeriodSpec::ThisQuarter)),
            ("last quarter", Ok(PeriodSpec::LastQuarter)),
            ("13月", Err(PeriodError::Unknown)),
            ("0月", Err(PeriodError::Unknown)),
            ("2026-13", Err(PeriodError::Unknown)),
            ("26-11", Err(PeriodError::Unknown)),
            ("2026年2月30日", Err(PeriodError::Unknown)),
            ("2026-11..2026-10", Err(PeriodError::Backwards)),
            ("1990..2026", Err(PeriodError::TooLong)),
        ];
        for (typed, expected) in cases {
            assert_eq!(PeriodSpec::read(typed), expected, "{typed}");
        }
    }

    #[test]
    fn bad_periods_are_refused_with_a_reason() {
        assert_eq!(PeriodSpec::parse("yesterday"), Err(PeriodError::Unknown));
        assert_eq!(
            PeriodSpec::parse("2026-11-30..2026-11-01"),
            Err(PeriodError::Backwards)
        );
        assert_eq!(
            PeriodSpec::parse("2000-01-01..2026-01-01"),
            Err(PeriodError::TooLong)
        );
        assert_eq!(
            PeriodSpec::parse(" 2026-11-05 "),
            Ok(PeriodSpec::Range {
                from: d("2026-11-05"),
                to: d("2026-11-05")
            })
        );
    }

    #[test]
    fn dates_and_months_without_their_year_are_placed_before_today() {
        let today = d("2026-12-02");
        let range = |from: &str, to: &str| {
            Ok(PeriodSpec::Range {
                from: d(from),
                to: d(to),
            })
        };
        for (typed, expected) in [
            ("11月1日至11月15日", range("2026-11-01", "2026-11-15")),
            ("11月1日至15日", range("2026-11-01", "2026-11-15")),
            ("11月1日到15号", range("2026-11-01", "2026-11-15")),
            ("12月1日至15日", range("2026-12-01", "2026-12-15")),
            ("12月5日至15日", range("2025-12-05", "2025-12-15")),
            ("９月至１１月", range("2026-09-01", "2026-11-30")),
            ("11月5日", range("2026-11-05", "2026-11-05")),
            ("12月25日", range("2025-12-25", "2025-12-25")),
            ("12月20日至1月5日", range("2025-12-20", "2026-01-05")),
            ("11月", Ok(PeriodSpec::Month { month: 11 })),
            ("上月", Ok(PeriodSpec::LastMonth)),
            ("11月32日", Err(PeriodError::Unknown)),
            ("昨天", Err(PeriodError::Unknown)),
        ] {
            assert_eq!(PeriodSpec::read_on(typed, today), expected, "{typed}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_read_on_a_day_or_refused_without_panicking(s in "\\PC{0,40}") {
            let _ = PeriodSpec::read_on(&s, d("2026-12-02"));
        }


        #[test]
        fn any_text_parses_or_is_refused_without_panicking(s in "\\PC{0,40}") {
            let _ = PeriodSpec::parse(&s);
        }

        #[test]
        fn ranges_round_trip_through_their_code(a in 0i64..20000, len in 0i64..MAX_RANGE_DAYS) {
            let from = d("2000-01-01") + chrono::Duration::days(a);
            let to = from + chrono::Duration::days(len);
            let spec = PeriodSpec::range(from, to).unwrap();
            prop_assert_eq!(PeriodSpec::parse(&spec.code()), Ok(spec));
        }

        #[test]
        fn any_text_is_read_or_refused_without_panicking(s in "\\PC{0,40}") {
            let _ = PeriodSpec::read(&s);
        }
    }
}
