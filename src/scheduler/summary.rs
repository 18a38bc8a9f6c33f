//! The scheduler's own lists: what the reports library has no equivalent for, read through
//! `store::summaries` and nowhere else. Every *figure* of the weekly summaries (new, closed, rates, open, awaiting
//! sign-for, overdue, the worst overdue) comes from `reports::summary_for`; this module only adds:
//! - a cadre's paired enterprises (how many) and their open cases (a list);
//! - a department's cases due this week (held, deadline from `today` to `week_end` inclusive) and
//!   its awaiting-sign-for queue (dispatched, not yet signed for), as lists;
//! - the overdue cases of the morning digest (held, deadline before `today`), as a list.

use chrono::{Datelike, Days, NaiveDate};

use crate::reports::PeriodSpec;
use crate::store::summaries;
use crate::store::{PgConnection, StoreError};

pub use crate::store::summaries::CaseLine;

/// The period a weekly summary covers: the calendar week (Monday to Sunday) before the week of
/// its scheduled instant. Named "last week" when that is also last week as of `today` (the
/// usual case); a summary caught up after the week turned names the same dates as a range.
pub fn weekly_period(instant_day: NaiveDate, today: NaiveDate) -> PeriodSpec {
    let week = PeriodSpec::LastWeek.resolve(instant_day);
    if PeriodSpec::LastWeek.resolve(today).from == week.from {
        PeriodSpec::LastWeek
    } else {
        PeriodSpec::Range {
            from: week.from,
            to: week.to,
        }
    }
}

/// The Sunday ending the week `today` falls in.
pub fn week_end(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(u64::from(
            6 - today.weekday().num_days_from_monday(),
        )))
        .unwrap_or(today)
}

/// What a cadre's weekly summary adds to the report figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CadreExtras {
    /// Enterprises paired with the cadre.
    pub enterprises: i64,
    /// Open cases of those enterprises, nearest deadline first, at most the limit asked for.
    pub open_cases: Vec<CaseLine>,
}

pub async fn cadre_extras(
    conn: &mut PgConnection,
    cadre_id: i64,
    limit: i64,
) -> Result<CadreExtras, StoreError> {
    let enterprises = summaries::enterprises_of_cadre(conn, cadre_id).await?;
    let open_cases = summaries::open_cases_of_cadre(conn, cadre_id, limit).await?;
    Ok(CadreExtras {
        enterprises,
        open_cases,
    })
}

/// What a department's weekly summary adds to the report figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DepartmentExtras {
    /// Held cases with a deadline from today to the end of the week, nearest first.
    pub due_this_week: Vec<CaseLine>,
    /// Dispatched to the department and not yet signed for, longest waiting first.
    pub awaiting_sign_for: Vec<CaseLine>,
}

pub async fn department_extras(
    conn: &mut PgConnection,
    department_id: i64,
    today: NaiveDate,
    week_end: NaiveDate,
) -> Result<DepartmentExtras, StoreError> {
    let due_this_week = summaries::held_due_between(conn, department_id, (today, week_end)).await?;
    let awaiting_sign_for = summaries::awaiting_sign_for(conn, department_id).await?;
    Ok(DepartmentExtras {
        due_this_week,
        awaiting_sign_for,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_monday_summary_covers_last_week_and_a_late_one_the_same_dates() {
        // Monday 2026-12-07: last week is 11-30 .. 12-06.
        assert_eq!(
            weekly_period(d("2026-12-07"), d("2026-12-07")),
            PeriodSpec::LastWeek
        );
        assert_eq!(
            weekly_period(d("2026-12-07"), d("2026-12-08")),
            PeriodSpec::LastWeek
        );
        // Caught up the next Monday before 9:00: still the week of its instant.
        assert_eq!(
            weekly_period(d("2026-12-07"), d("2026-12-14")),
            PeriodSpec::Range {
                from: d("2026-11-30"),
                to: d("2026-12-06")
            }
        );
    }

    #[test]
    fn the_week_ends_on_sunday() {
        assert_eq!(week_end(d("2026-12-07")), d("2026-12-13"));
        assert_eq!(week_end(d("2026-12-13")), d("2026-12-13"));
    }
}
