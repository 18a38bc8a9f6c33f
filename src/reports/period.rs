//! Reporting periods: this or last week, month, quarter or year, a month named without its year
//! (`11月`), or a range of days, months or years, in local dates of the county's time zone.
//! Weeks start on Monday.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::i18n::{LOCALES, narrow, t};

pub use crate::store::selection::Window;

/// The longest date range a summary may cover (about ten years).
pub const MAX_RANGE_DAYS: i64 = 3660;

/// A period as a person names it; resolved to dates against "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PeriodSpec {
    ThisWeek,
    LastWeek,
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    ThisYear,
    LastYear,
    /// A month named without its year (`11月`): the latest such month that has begun.
    Month {
        month: u32,
    },
    /// Both ends included.
    Range {
        from: NaiveDate,
        to: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error(
        "not a period: use this-week, last-week, this-month, last-month, this-quarter, \
         last-quarter, this-year, last-year, YYYY-MM, YYYY or YYYY-MM-DD..YYYY-MM-DD"
    )]
    Unknown,
    #[error("the range ends before it starts")]
    Backwards,
    #[error("the range is longer than {MAX_RANGE_DAYS} days")]
    TooLong,
}

/// The names people type for the named periods: `|`-separated lists in each locale.
const PERIOD_WORDS: [(&str, PeriodSpec); 8] = [
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
    /// The periods offered as buttons beside a summary or a table, in order.
    pub const NAMED: [PeriodSpec; 6] = [
        PeriodSpec::ThisWeek,
        PeriodSpec::LastWeek,
        PeriodSpec::ThisMonth,
        PeriodSpec::LastMonth,
        PeriodSpec::ThisQuarter,
        PeriodSpec::ThisYear,
    ];

    /// How many period buttons stand in a row.
    pub const PER_ROW: usize = 3;

    /// Reads the codes (`this-week`, `last-week`, `this-month`, `last-month`, `this-quarter`,
    /// `last-quarter`, `this-year`, `last-year`, `month-11`), or a range `FROM..TO` whose ends
    /// are days (`2026-11-05`), months (`2026-09`) or years (`2026`): from the first day of the
    /// one to the last day of the other. One end alone is that day, month or year.
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
            Some((a, b)) => (span(a)?.0, span(b)?.1),
            None => span(s)?,
        };
        PeriodSpec::range(from, to)
    }

    /// Reads a period as people type it, in the chat or on the command line: the codes `parse`
    /// reads, the names in the locale files in either language (本周, 上月, 今年, last month),
    /// dates, months and years written in Chinese (`2026年11月`, `2026年11月5日`, `2026年`),
    /// a month alone (`11月`, `11月份`), full-width digits, and ranges written with the locale
    /// files' words for "to" (`2026-11-01 至 2026-11-30`) or `~`.
    pub fn read(input: &str) -> Result<PeriodSpec, PeriodError> {
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
    /// A checked date range.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<PeriodSpec, PeriodError> {
        if to < from {
            return Err(PeriodError::Backwards);
        }
        if (to - from).num_days() >= MAX_RANGE_DAYS {
            return Err(PeriodError::TooLong);
        }
        Ok(PeriodSpec::Range { from, to })
    }

    /// The text `parse` reads back.
    pub fn code(&self) -> String {
        match self {
            PeriodSpec::ThisWeek => "this-week".into(),
            PeriodSpec::LastWeek => "last-week".into(),
            PeriodSpec::ThisMonth => "this-month".into(),
            PeriodSpec::LastMonth => "last-month".into(),
            PeriodSpec::ThisQuarter => "this-quarter".into(),
            PeriodSpec::LastQuarter => "last-quarter".into(),
            PeriodSpec::ThisYear => "this-year".into(),
            PeriodSpec::LastYear => "last-year".into(),
            PeriodSpec::Month { month } => format!("month-{month}"),
            PeriodSpec::Range { from, to } => format!("{from}..{to}"),
        }
    }

    /// The dates the period covers when today is `today`.
    pub fn resolve(self, today: NaiveDate) -> Period {
        let monday = week_start(today);
        let month = today.with_day(1).unwrap_or(today);
        let quarter = month.with_month0(month.month0() / 3 * 3).unwrap_or(month);
        let year = month.with_month(1).unwrap_or(month);
        let months_back = |from: NaiveDate, n: u32| from.checked_sub_months(Months::new(n));
        let (from, to) = match self {
            PeriodSpec::ThisWeek => (monday, monday + Days::new(6)),
            PeriodSpec::LastWeek => (monday - Days::new(7), monday - Days::new(1)),
            PeriodSpec::ThisMonth => (month, months_after(month, 1) - Days::new(1)),
            PeriodSpec::LastMonth => {
                let last = month.checked_sub_months(Months::new(1)).unwrap_or(month);
                (last, month - Days::new(1))
            }
            PeriodSpec::ThisQuarter => (quarter, months_after(quarter, 3) - Days::new(1)),
            PeriodSpec::LastQuarter => (
                months_back(quarter, 3).unwrap_or(quarter),
                quarter - Days::new(1),
            ),
            PeriodSpec::ThisYear => (year, months_after(year, 12) - Days::new(1)),
            PeriodSpec::LastYear => (months_back(year, 12).unwrap_or(year), year - Days::new(1)),
            PeriodSpec::Month { month: m } => {
                let back = (12 + month.month() - m.clamp(1, 12)) % 12;
                let first = months_back(month, back).unwrap_or(month);
                (first, months_after(first, 1) - Days::new(1))
            }
            PeriodSpec::Range { from, to } => (from, to),
        };
        Period {
            spec: self,
            from,
            to,
        }
    }
}

impl fmt::Display for PeriodSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// The Monday of the week `day` falls in.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

fn months_after(first: NaiveDate, n: u32) -> NaiveDate {
    first.checked_add_months(Months::new(n)).unwrap_or(first)
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

/// A resolved period: local dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub spec: PeriodSpec,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The instants the period covers: from local midnight of `from` to local midnight after
    /// `to` (half-open).
    pub fn window(&self, tz: Tz) -> Window {
        Window {
            from: local_midnight(tz, self.from),
            to: local_midnight(tz, self.to + Days::new(1)),
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// The first instant of a local date (the earliest, where a clock change makes midnight
/// ambiguous; the first valid minute, where it skips midnight).
pub fn local_midnight(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut t = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    for _ in 0..(24 * 4) {
        if let Some(local) = tz.from_local_datetime(&t).earliest() {
            return local.with_timezone(&Utc);
        }
        t += chrono::Duration::minutes(15);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// The local date of an instant.
pub fn local_date(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn named_periods_resolve_to_calendar_weeks_and_months() {
        let today = d("2026-11-27"); // a Friday
        let p = PeriodSpec::ThisWeek.resolve(today);
        assert_eq!((p.from, p.to), (d("2026-11-23"), d("2026-11-29")));
        let p = PeriodSpec::LastWeek.resolve(today);
        assert_eq!((p.from, p.to), (d("2026-11-16"), d("2026-11-22")));
        let p = PeriodSpec::ThisMonth.resolve(today);
        assert_eq!((p.from, p.to), (d("2026-11-01"), d("2026-11-30")));
        let p = PeriodSpec::LastMonth.resolve(d("2026-03-31"));
        assert_eq!((p.from, p.to), (d("2026-02-01"), d("2026-02-28")));
        let p = PeriodSpec::LastMonth.resolve(d("2026-01-05"));
        assert_eq!((p.from, p.to), (d("2025-12-01"), d("2025-12-31")));
    }

    #[test]
    fn quarters_years_and_a_month_without_its_year_resolve_against_today() {
        let today = d("2026-12-02");
        let span = |spec: PeriodSpec, today: NaiveDate| {
            let p = spec.resolve(today);
            (p.from, p.to)
        };
        assert_eq!(
            span(PeriodSpec::ThisQuarter, today),
            (d("2026-10-01"), d("2026-12-31"))
        );
        assert_eq!(
            span(PeriodSpec::LastQuarter, today),
            (d("2026-07-01"), d("2026-09-30"))
        );
        assert_eq!(
            span(PeriodSpec::LastQuarter, d("2026-02-10")),
            (d("2025-10-01"), d("2025-12-31"))
        );
        assert_eq!(
            span(PeriodSpec::ThisYear, today),
            (d("2026-01-01"), d("2026-12-31"))
        );
        assert_eq!(
            span(PeriodSpec::LastYear, today),
            (d("2025-01-01"), d("2025-12-31"))
        );
        // A month that has begun this year is this year's; one still to come, last year's.
        let month = |m| PeriodSpec::Month { month: m };
        assert_eq!(span(month(11), today), (d("2026-11-01"), d("2026-11-30")));
        assert_eq!(span(month(12), today), (d("2026-12-01"), d("2026-12-31")));
        assert_eq!(
            span(month(12), d("2026-01-15")),
            (d("2025-12-01"), d("2025-12-31"))
        );
        assert_eq!(span(month(2), today), (d("2026-02-01"), d("2026-02-28")));
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
    fn a_period_window_runs_from_local_midnight_to_local_midnight() {
        let p = PeriodSpec::parse("2026-11-01..2026-11-30")
            .unwrap()
            .resolve(d("2026-12-01"));
        let w = p.window(chrono_tz::Asia::Shanghai);
        assert_eq!(w.from.to_rfc3339(), "2026-10-31T16:00:00+00:00");
        assert_eq!(w.to.to_rfc3339(), "2026-11-30T16:00:00+00:00");
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

    proptest! {
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

        #[test]
        fn a_resolved_period_contains_its_ends_and_today_for_the_current_ones(days in 0i64..40000) {
            let today = d("1990-01-01") + chrono::Duration::days(days);
            let named = PERIOD_WORDS.map(|(_, spec)| spec);
            let months = (1..=12).map(|month| PeriodSpec::Month { month });
            for spec in named.into_iter().chain(months) {
                let p = spec.resolve(today);
                prop_assert!(p.from <= p.to);
                prop_assert!(p.contains(p.from) && p.contains(p.to));
                let current = match spec {
                    PeriodSpec::ThisWeek
                    | PeriodSpec::ThisMonth
                    | PeriodSpec::ThisQuarter
                    | PeriodSpec::ThisYear => true,
                    PeriodSpec::Month { month } => month == today.month(),
                    _ => false,
                };
                prop_assert_eq!(p.contains(today), current);
                prop_assert_eq!(PeriodSpec::parse(&spec.code()), Ok(spec));
            }
        }

        #[test]
        fn weeks_have_seven_days_starting_on_monday(days in 0i64..40000) {
            let today = d("1990-01-01") + chrono::Duration::days(days);
            for spec in [PeriodSpec::ThisWeek, PeriodSpec::LastWeek] {
                let p = spec.resolve(today);
                prop_assert_eq!((p.to - p.from).num_days(), 6);
                prop_assert_eq!(p.from.weekday(), chrono::Weekday::Mon);
            }
        }
    }
}
