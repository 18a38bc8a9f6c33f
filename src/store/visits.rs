//! 走访: a cadre's visits to their enterprises, and the zero report (零报告) when all is well.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVisit {
    pub enterprise_id: i64,
    pub cadre_id: i64,
    pub visited_on: NaiveDate,
    pub note: Option<String>,
    pub no_problems: bool,
}

/// Records a visit; returns its id.
pub async fn record(
    conn: &mut PgConnection,
    visit: &NewVisit,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into visits (enterprise_id, cadre_id, visited_on, note, no_problems, created_at) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(visit.enterprise_id)
    .bind(visit.cadre_id)
    .bind(visit.visited_on)
    .bind(visit.note.as_deref())
    .bind(visit.no_problems)
    .bind(now)
    .fetch_one(conn)
    .await?)
}
