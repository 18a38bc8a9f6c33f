//! The figures of the weekly summaries and the overdue digest, each defined once here.
//!
//! Definitions (a period is `[from, to)`, `today` is the local date the figures are taken on):
//! - new: cases created in the period;
//! - closed: cases closed (confirmed with the enterprise) in the period;
//! - overdue: cases a department holds (dispatched, accepted, in progress) whose deadline is
//!   before `today` — derived, never stored;
//! - closed on time: closed in the period and resolved (local date of `resolved_at`) on or
//!   before the deadline; the on-time rate is closed on time / closed;
//! - queue: cases a department holds; awaiting sign-for: dispatched, not yet accepted;
//! - due this week: held cases with a deadline from `today` to `week_end` inclusive.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sqlx::{AssertSqlSafe, PgConnection};

use crate::store::StoreError;

/// The statuses in which a department holds a case and its deadline runs.
const HELD: &str = "('dispatched', 'accepted', 'in_progress')";

/// A time range `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

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

/// A cadre's enterprises: open cases now, new and closed in the period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CadreFigures {
    pub enterprises: i64,
    pub open: i64,
    pub overdue: i64,
    pub new: i64,
    pub closed: i64,
    /// Open cases, overdue and nearest deadline first, at most the limit asked for.
    pub open_cases: Vec<CaseLine>,
}

pub async fn cadre_figures(
    conn: &mut PgConnection,
    cadre_id: i64,
    period: Period,
    today: NaiveDate,
    limit: i64,
) -> Result<CadreFigures, StoreError> {
    let (enterprises, open, overdue, new, closed): (i64, i64, i64, i64, i64) =
        sqlx::query_as(AssertSqlSafe(format!(
            "select (select count(*) from enterprises where cadre_id = $1), \
             count(c.id) filter (where c.status <> 'closed'), \
             count(c.id) filter (where c.status in {HELD} and c.deadline < $4), \
             count(c.id) filter (where c.created_at >= $2 and c.created_at < $3), \
             count(c.id) filter (where c.closed_at >= $2 and c.closed_at < $3) \
             from enterprises e join cases c on c.enterprise_id = e.id where e.cadre_id = $1"
        )))
        .bind(cadre_id)
        .bind(period.from)
        .bind(period.to)
        .bind(today)
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
    Ok(CadreFigures {
        enterprises,
        open,
        overdue,
        new,
        closed,
        open_cases,
    })
}

/// A department's queue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DepartmentFigures {
    pub queue: i64,
    pub awaiting_sign_for: i64,
    pub overdue: i64,
    pub due_this_week: i64,
    pub closed: i64,
    /// Overdue cases, longest overdue first, at most the limit asked for.
    pub overdue_cases: Vec<CaseLine>,
}

pub async fn department_figures(
    conn: &mut PgConnection,
    department_id: i64,
    period: Period,
    today: NaiveDate,
    week_end: NaiveDate,
    limit: i64,
) -> Result<DepartmentFigures, StoreError> {
    let (queue, awaiting_sign_for, overdue, due_this_week, closed): (i64, i64, i64, i64, i64) =
        sqlx::query_as(AssertSqlSafe(format!(
            "select count(*) filter (where status in {HELD}), \
             count(*) filter (where status = 'dispatched'), \
             count(*) filter (where status in {HELD} and deadline < $2), \
             count(*) filter (where status in {HELD} and deadline >= $2 and deadline <= $3), \
             count(*) filter (where closed_at >= $4 and closed_at < $5) \
             from cases where department_id = $1"
        )))
        .bind(department_id)
        .bind(today)
        .bind(week_end)
        .bind(period.from)
        .bind(period.to)
        .fetch_one(&mut *conn)
        .await?;
    let overdue_cases = overdue_cases(conn, Some(department_id), today, limit).await?;
    Ok(DepartmentFigures {
        queue,
        awaiting_sign_for,
        overdue,
        due_this_week,
        closed,
        overdue_cases,
    })
}

/// Overdue cases (of one department, or the county), longest overdue first.
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

/// How the county's figures are broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Category,
    Department,
    Township,
}

/// The county's figures for one category, department or township.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Breakdown {
    /// The category code, or the department's or township's name (None: not yet dispatched).
    pub key: Option<String>,
    pub new: i64,
    pub closed: i64,
    pub closed_on_time: i64,
    pub overdue: i64,
}

impl Breakdown {
    /// Closed on time / closed, as a percentage; None when nothing closed.
    pub fn on_time_percent(&self) -> Option<i64> {
        on_time_percent(self.closed_on_time, self.closed)
    }
}

pub fn on_time_percent(on_time: i64, closed: i64) -> Option<i64> {
    (closed > 0).then(|| (on_time * 100 + closed / 2) / closed)
}

/// The county's figures for a period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CountyFigures {
    pub new: i64,
    pub closed: i64,
    pub closed_on_time: i64,
    pub overdue: i64,
    pub by_category: Vec<Breakdown>,
    pub by_department: Vec<Breakdown>,
    pub by_township: Vec<Breakdown>,
    /// The longest overdue cases.
    pub worst_overdue: Vec<CaseLine>,
}

impl CountyFigures {
    pub fn on_time_percent(&self) -> Option<i64> {
        on_time_percent(self.closed_on_time, self.closed)
    }
}

pub async fn county_figures(
    conn: &mut PgConnection,
    period: Period,
    today: NaiveDate,
    tz: Tz,
    worst: i64,
) -> Result<CountyFigures, StoreError> {
    let mut by = Vec::new();
    for dim in [
        Dimension::Category,
        Dimension::Department,
        Dimension::Township,
    ] {
        by.push(breakdown(conn, dim, period, today, tz).await?);
    }
    let sum = |rows: &[Breakdown], f: fn(&Breakdown) -> i64| rows.iter().map(f).sum::<i64>();
    let by_township = by.pop().unwrap_or_default();
    let by_department = by.pop().unwrap_or_default();
    let by_category = by.pop().unwrap_or_default();
    // Every case has a category, so its rows add up to the county.
    Ok(CountyFigures {
        new: sum(&by_category, |b| b.new),
        closed: sum(&by_category, |b| b.closed),
        closed_on_time: sum(&by_category, |b| b.closed_on_time),
        overdue: sum(&by_category, |b| b.overdue),
        worst_overdue: overdue_cases(conn, None, today, worst).await?,
        by_category,
        by_department,
        by_township,
    })
}

/// The county's figures broken down by one dimension; rows with nothing to report are left out.
pub async fn breakdown(
    conn: &mut PgConnection,
    dimension: Dimension,
    period: Period,
    today: NaiveDate,
    tz: Tz,
) -> Result<Vec<Breakdown>, StoreError> {
    let (key, join) = match dimension {
        Dimension::Category => ("c.category", ""),
        Dimension::Department => (
            "d.name",
            "left join departments d on d.id = c.department_id",
        ),
        Dimension::Township => ("t.name", "join townships t on t.id = c.township_id"),
    };
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "select key, new, closed, closed_on_time, overdue from ( \
           select {key} as key, \
           count(*) filter (where c.created_at >= $1 and c.created_at < $2) as new, \
           count(*) filter (where c.closed_at >= $1 and c.closed_at < $2) as closed, \
           count(*) filter (where c.closed_at >= $1 and c.closed_at < $2 and c.deadline is not null \
                            and (c.resolved_at at time zone $4)::date <= c.deadline) as closed_on_time, \
           count(*) filter (where c.status in {HELD} and c.deadline < $3) as overdue \
           from cases c {join} group by {key}) b \
         where new + closed + overdue > 0 order by overdue desc, new desc, key"
    )))
    .bind(period.from)
    .bind(period.to)
    .bind(today)
    .bind(tz.name())
    .fetch_all(conn)
    .await?)
}
