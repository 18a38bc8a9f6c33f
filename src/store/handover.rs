//! Handing over the work of someone who lost access: their open cases (as the cadre of the
//! case's enterprise, or as its assignee), their paired enterprises, and who may take them.

use chrono::{DateTime, Utc};
use sqlx::{AssertSqlSafe, PgConnection};

use super::StoreError;
use super::cases::{CASE_SELECT, CaseRow};

/// The open cases a person is the cadre or the assignee of, oldest first.
pub async fn open_cases_of(
    conn: &mut PgConnection,
    person_id: i64,
) -> Result<Vec<CaseRow>, StoreError> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "{CASE_SELECT} where c.status <> 'closed' and (e.cadre_id = $1 or c.assignee_id = $1) \
         order by c.id"
    )))
    .bind(person_id)
    .fetch_all(conn)
    .await?)
}

/// A person who may take over: id and name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
}

/// The active cadres other than `except`, by name.
pub async fn cadres(conn: &mut PgConnection, except: i64) -> Result<Vec<Candidate>, StoreError> {
    Ok(sqlx::query_as(
        "select id, name from people where 'cadre' = any(roles) and active and id <> $1 order by name, id",
    )
    .bind(except)
    .fetch_all(conn)
    .await?)
}

/// Pairs an enterprise paired with `from` with another cadre instead; false (nothing changed)
/// when it is not paired with `from` (any more).
pub async fn set_cadre(
    conn: &mut PgConnection,
    enterprise_id: i64,
    from: i64,
    cadre_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update enterprises set cadre_id = $3, updated_at = $4 where id = $1 and cadre_id = $2",
    )
    .bind(enterprise_id)
    .bind(from)
    .bind(cadre_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The open cases of an enterprise, by id.
pub async fn open_case_ids_of_enterprise(
    conn: &mut PgConnection,
    enterprise_id: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from cases where enterprise_id = $1 and status <> 'closed' order by id",
    )
    .bind(enterprise_id)
    .fetch_all(conn)
    .await?)
}
