//! The scheduler's own lists: what the reports library has no equivalent for, computed here and
//! nowhere else. Every *figure* of the weekly summaries (new, closed, rates, open, awaiting
//! sign-for, overdue, the worst overdue) comes from `reports::summary_for`; this module only adds:
//! - a cadre's paired enterprises (how many) and their open cases (a list);
//! - a department's cases due this week (held, deadline from `today` to `week_end` inclusive) and
//!   its awaiting-sign-for queue (dispatched, not yet signed for), as lists;
//! - the overdue cases of the morning digest (held, deadline before `today`), as a list.

use chrono::{Datelike, Days, NaiveDate};
use sqlx::{AssertSqlSafe, PgConnection};

use crate::reports::PeriodSpec;
use crate::store::StoreError;

/// The statuses in which a department holds a case and its deadline runs.
const HELD: &str = "('dispatched', 'accepted', 'in_progress')";

/// One case in a list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseLine {
    pub id: i64,
    pub number: String,
    pub enterprise: String,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub status: String,
    pub deadline: Option<NaiveDate>,
    pub supervised: bool,
}

const LINE_SELECT: &str = "select c.id, c.number, e.name as enterprise, c.department_id, d.name as department, c.status, c.deadline, \
     c.supervised_at is not null as supervised \
     from cases c join enterprises e on e.id = c.enterprise_id left join departments d on d.id = c.department_id";

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
    let enterprises: i64 =
        sqlx::query_scalar("select count(*) from enterprises where cadre_id = $1")
            .bind(cadre_id)
            .fetch_one(&mut *conn)
            .await?;
    let open_cases = sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where e.cadre_id = $1 and c.status <> 'closed' \
         order by c.deadline asc nulls last, c.id limit $2"
    )))
    .bind(cadre_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
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
    let due_this_week = sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where c.department_id = $1 and c.status in {HELD} \
         and c.deadline >= $2 and c.deadline <= $3 order by c.deadline, c.id"
    )))
    .bind(department_id)
    .bind(today)
    .bind(week_end)
    .fetch_all(&mut *conn)
    .await?;
    let awaiting_sign_for = sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where c.department_id = $1 and c.status = 'dispatched' \
         order by c.dispatched_at, c.id"
    )))
    .bind(department_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(DepartmentExtras {
        due_this_week,
        awaiting_sign_for,
    })
}

/// Overdue cases (of one department, or the county), longest overdue first: the morning digest.
pub async fn overdue_cases(
    conn: &mut PgConnection,
    department_id: Option<i64>,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<CaseLine>, StoreError> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where c.status in {HELD} and c.deadline < $1 \
         and ($2::bigint is null or c.department_id = $2) \
         order by c.deadline, c.id limit $3"
    )))
    .bind(today)
    .bind(department_id)
    .bind(limit)
    .fetch_all(conn)
    .await?)
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
