//! 路线图: a case's dated steps, as the case card lists them. New steps are added through
//! `cases::act` (the state machine records them as events).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MilestoneRow {
    pub id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub done_at: Option<DateTime<Utc>>,
}

/// A case's roadmap, by date.
pub async fn of_case(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<MilestoneRow>, StoreError> {
    Ok(sqlx::query_as(
        "select id, title, due_on, done_at from milestones where case_id = $1 order by due_on, id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}
