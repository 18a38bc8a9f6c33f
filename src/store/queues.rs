//! The case lists people ask the bot for: a cadre's open cases, the dispatch queue, a
//! department's queue, the overdue list, and this week's county counts.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AssertSqlSafe, PgConnection};

use super::StoreError;
use super::cases::{CASE_SELECT, CaseRow};

/// How many cases a list shows at most; the rest are counted.
pub const LIST_LIMIT: i64 = 20;

/// A page of a list and how many matched in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub cases: Vec<CaseRow>,
    pub total: i64,
}

async fn listing(
    conn: &mut PgConnection,
    filter: &str,
    order: &str,
    bind: Option<i64>,
    date: Option<NaiveDate>,
) -> Result<Listing, StoreError> {
    let sql = format!("{CASE_SELECT} where {filter} order by {order} limit {LIST_LIMIT}");
    let count_sql = format!(
        "select count(*) from cases c join enterprises e on e.id = c.enterprise_id where {filter}"
    );
    let mut q = sqlx::query_as(AssertSqlSafe(sql));
    let mut cq = sqlx::query_scalar(AssertSqlSafe(count_sql));
    if let Some(b) = bind {
        q = q.bind(b);
        cq = cq.bind(b);
    }
    if let Some(d) = date {
        q = q.bind(d);
        cq = cq.bind(d);
    }
    let cases = q.fetch_all(&mut *conn).await?;
    let total = cq.fetch_one(&mut *conn).await?;
    Ok(Listing { cases, total })
}

/// The open cases of the enterprises paired with a cadre, newest first.
pub async fn of_cadre(conn: &mut PgConnection, cadre_id: i64) -> Result<Listing, StoreError> {
    listing(
        conn,
        "e.cadre_id = $1 and c.status <> 'closed'",
        "c.created_at desc, c.id desc",
        Some(cadre_id),
        None,
    )
    .await
}

/// Cases waiting for the dispatcher: new, answered with more detail, or returned; oldest first.
pub async fn awaiting_dispatch(conn: &mut PgConnection) -> Result<Listing, StoreError> {
    listing(
        conn,
        "c.status in ('reported', 'returned')",
        "c.created_at, c.id",
        None,
        None,
    )
    .await
}

/// A department's open cases, nearest deadline first.
pub async fn of_department(
    conn: &mut PgConnection,
    department_id: i64,
) -> Result<Listing, StoreError> {
    listing(
        conn,
        "c.department_id = $1 and c.status in ('dispatched', 'accepted', 'in_progress', 'resolved')",
        "c.deadline nulls last, c.id",
        Some(department_id),
        None,
    )
    .await
}

/// Cases a department holds past their deadline on `today`, most overdue first.
pub async fn overdue(conn: &mut PgConnection, today: NaiveDate) -> Result<Listing, StoreError> {
    listing(
        conn,
        "c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline < $1",
        "c.deadline, c.id",
        None,
        Some(today),
    )
    .await
}

/// County numbers for a period `[from, to)`, with open and overdue counted at `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct Counts {
    pub reported: i64,
    pub dispatched: i64,
    pub resolved: i64,
    pub closed: i64,
    pub open: i64,
    pub overdue: i64,
    pub supervised: i64,
}

pub async fn counts(
    conn: &mut PgConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Counts, StoreError> {
    Ok(sqlx::query_as(
        "select \
           (select count(*) from cases where created_at >= $1 and created_at < $2) as reported, \
           (select count(distinct case_id) from case_events where kind = 'dispatched' and created_at >= $1 and created_at < $2) as dispatched, \
           (select count(distinct case_id) from case_events where kind = 'resolved' and created_at >= $1 and created_at < $2) as resolved, \
           (select count(*) from cases where closed_at >= $1 and closed_at < $2) as closed, \
           (select count(*) from cases where status <> 'closed') as open, \
           (select count(*) from cases where status in ('dispatched', 'accepted', 'in_progress') and deadline < $3) as overdue, \
           (select count(*) from cases where status <> 'closed' and supervised_at is not null) as supervised",
    )
    .bind(from)
    .bind(to)
    .bind(today)
    .fetch_one(conn)
    .await?)
}

/// A supervision order as the case card shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Supervision {
    pub created_at: DateTime<Utc>,
    pub leader_name: String,
    pub note: Option<String>,
}

/// The latest supervision order on a case.
pub async fn latest_supervision(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Option<Supervision>, StoreError> {
    Ok(sqlx::query_as(
        "select s.created_at, p.name as leader_name, s.note from supervision_orders s \
         join people p on p.id = s.leader_id where s.case_id = $1 order by s.id desc limit 1",
    )
    .bind(case_id)
    .fetch_optional(conn)
    .await?)
}
