//! The case lists of the scheduler's summaries and digests: a cadre's open cases, a
//! department's cases due soon and waiting to be signed for, the overdue cases.

use chrono::NaiveDate;
use sqlx::{AssertSqlSafe, PgConnection};

use super::{StoreError, map_err};

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

/// How many enterprises are paired with a cadre.
pub async fn enterprises_of_cadre(
    conn: &mut PgConnection,
    cadre_id: i64,
) -> Result<i64, StoreError> {
    sqlx::query_scalar("select count(*) from enterprises where cadre_id = $1")
        .bind(cadre_id)
        .fetch_one(conn)
        .await
        .map_err(map_err)
}

/// Open cases of a cadre's enterprises, nearest deadline first, at most `limit`.
pub async fn open_cases_of_cadre(
    conn: &mut PgConnection,
    cadre_id: i64,
    limit: i64,
) -> Result<Vec<CaseLine>, StoreError> {
    sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where e.cadre_id = $1 and c.status <> 'closed' \
         order by c.deadline asc nulls last, c.id limit $2"
    )))
    .bind(cadre_id)
    .bind(limit)
    .fetch_all(conn)
    .await
    .map_err(map_err)
}

/// Cases a department holds with a deadline in `from..=to`, nearest first.
pub async fn held_due_between(
    conn: &mut PgConnection,
    department_id: i64,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<Vec<CaseLine>, StoreError> {
    sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where c.department_id = $1 and c.status in {HELD} \
         and c.deadline >= $2 and c.deadline <= $3 order by c.deadline, c.id"
    )))
    .bind(department_id)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
    .map_err(map_err)
}

/// Cases dispatched to a department and not yet signed for, longest waiting first.
pub async fn awaiting_sign_for(
    conn: &mut PgConnection,
    department_id: i64,
) -> Result<Vec<CaseLine>, StoreError> {
    sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where c.department_id = $1 and c.status = 'dispatched' \
         order by c.dispatched_at, c.id"
    )))
    .bind(department_id)
    .fetch_all(conn)
    .await
    .map_err(map_err)
}

/// Overdue cases (of one department, or the county), longest overdue first.
pub async fn overdue_cases(
    conn: &mut PgConnection,
    department_id: Option<i64>,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<CaseLine>, StoreError> {
    sqlx::query_as(AssertSqlSafe(format!(
        "{LINE_SELECT} where c.status in {HELD} and c.deadline < $1 \
         and ($2::bigint is null or c.department_id = $2) \
         order by c.deadline, c.id limit $3"
    )))
    .bind(today)
    .bind(department_id)
    .bind(limit)
    .fetch_all(conn)
    .await
    .map_err(map_err)
}
