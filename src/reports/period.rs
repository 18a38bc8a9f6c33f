//! Reporting periods: this week, last week, this month, last month or a date range, in local
//! dates of the county's time zone. Weeks start on Monday.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::i18n::{LOCALES, t};

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
    /// Both ends included.
    Range {
        from: NaiveDate,
        to: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error(
        "not a period: use this-week, last-week, this-month, last-month or YYYY-MM-DD..YYYY-MM-DD"
    )]
    Unknown,
    #[error("the range ends before it starts")]
    Backwards,
    #[error("the range is longer than {MAX_RANGE_DAYS} days")]
    TooLong,
}

/// The names people type for the named periods: `|`-separated lists in each locale.
const PERIOD_WORDS: [(&str, PeriodSpec); 4] = [
    ("bot-period-words-this-week", PeriodSpec::ThisWeek),
    ("bot-period-words-last-week", PeriodSpec::LastWeek),
    ("bot-period-words-this-month", PeriodSpec::ThisMonth),
    ("bot-period-words-last-month", PeriodSpec::LastMonth),
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
    /// The named periods, in the order they are offered.
    pub const NAMED: [PeriodSpec; 4] = [
        PeriodSpec::ThisWeek,
        PeriodSpec::LastWeek,
        PeriodSpec::ThisMonth,
        PeriodSpec::LastMonth,
    ];

    /// Reads `this-week`, `last-week`, `this-month`, `last-month` or `YYYY-MM-DD..YYYY-MM-DD`
    /// (a single date means that one day).
    pub fn parse(input: &str) -> Result<PeriodSpec, PeriodError> {
        let s = input.trim();
        let named = match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "this-week" | "week" => Some(PeriodSpec::ThisWeek),
            "last-week" => Some(PeriodSpec::LastWeek),
            "this-month" | "month" => Some(PeriodSpec::ThisMonth),
            "last-month" => Some(PeriodSpec::LastMonth),
            _ => None,
        };
        if let Some(p) = named {
            return Ok(p);
        }
        let date = |t: &str| {
            NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| PeriodError::Unknown)
        };
        let (from, to) = match s.split_once("..") {
            Some((a, b)) => (date(a)?, date(b)?),
            None => {
                let d = date(s)?;
                (d, d)
            }
        };
        PeriodSpec::range(from, to)
    }

    /// Reads a period as people type it, in the chat or on the command line: the codes `parse`
    /// reads, the names in the locale files in either language (本周, 上月, last month), and
    /// ranges written with the locale files' words for "to" (`2026-11-01 至 2026-11-30`) or `~`.
    pub fn read(input: &str) -> Result<PeriodSpec, PeriodError> {
        let lower = input.trim().to_lowercase();
        for (key, spec) in PERIOD_WORDS {
            if words(key).contains(&lower) {
                return Ok(spec);
            }
        }
        let mut normalized = lower.replace(['～', '~', '—'], "..");
        for word in words("bot-period-words-to") {
            normalized = normalized.replace(&word, "..");
        }
        PeriodSpec::parse(&normalized)
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
            PeriodSpec::Range { from, to } => format!("{from}..{to}"),
        }
    }

    /// The dates the period covers when today is `today`.
    pub fn resolve(self, today: NaiveDate) -> Period {
        let monday = week_start(today);
        let month = today.with_day(1).unwrap_or(today);
        let (from, to) = match self {
            PeriodSpec::ThisWeek => (monday, monday + Days::new(6)),
            PeriodSpec::LastWeek => (monday - Days::new(7), monday - Days::new(1)),
            PeriodSpec::ThisMonth => (month, next_month(month) - Days::new(1)),
            PeriodSpec::LastMonth => {
                let last = month.checked_sub_months(Months::new(1)).unwrap_or(month);
                (last, month - Days::new(1))
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

fn next_month(first: NaiveDate) -> NaiveDate {
    first.checked_add_months(Months::new(1)).unwrap_or(first)
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
        fn a_resolved_period_contains_its_ends_and_today_for_the_current_ones(days in 0i64..40000) {
            let today = d("1990-01-01") + chrono::Duration::days(days);
            for spec in PeriodSpec::NAMED {
                let p = spec.resolve(today);
                prop_assert!(p.from <= p.to);
                prop_assert!(p.contains(p.from) && p.contains(p.to));
                let current = matches!(spec, PeriodSpec::ThisWeek | PeriodSpec::ThisMonth);
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
