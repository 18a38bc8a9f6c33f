//! Reporting periods: this or last week, month, quarter or year, a month named without its year
//! (`11月`), or a range of days, months or years, in local dates of the county's time zone.
//! Weeks start on Monday.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::store::selection::Window;
mod reading;

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
    use super::reading::PERIOD_WORDS;
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
    fn a_period_window_runs_from_local_midnight_to_local_midnight() {
        let p = PeriodSpec::parse("2026-11-01..2026-11-30")
            .unwrap()
            .resolve(d("2026-12-01"));
        let w = p.window(chrono_tz::Asia::Shanghai);
        assert_eq!(w.from.to_rfc3339(), "2026-10-31T16:00:00+00:00");
        assert_eq!(w.to.to_rfc3339(), "2026-11-30T16:00:00+00:00");
    }

    proptest! {
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
