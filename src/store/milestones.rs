//! 路线图: a case's dated steps, as the case card lists them. New steps are added, and steps
//! done, changed or removed, through `cases::act` (the state machine records them as events).
//! A removed step stays in the ledger but is no longer listed nor reminded of.

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

/// A case's roadmap (its steps not removed), by date.
pub async fn of_case(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<MilestoneRow>, StoreError> {
    Ok(sqlx::query_as(
        "select id, title, due_on, done_at from milestones where case_id = $1 and removed_at is null \
         order by due_on, id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// A step of this case that has not been removed.
pub async fn live(
    conn: &mut PgConnection,
    case_id: i64,
    milestone_id: i64,
) -> Result<Option<MilestoneRow>, StoreError> {
    Ok(sqlx::query_as(
        "select id, title, due_on, done_at from milestones where id = $1 and case_id = $2 and removed_at is null",
    )
    .bind(milestone_id)
    .bind(case_id)
    .fetch_optional(conn)
    .await?)
}

pub(super) async fn mark_done(
    conn: &mut PgConnection,
    milestone_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("update milestones set done_at = $2, updated_at = $2 where id = $1")
        .bind(milestone_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn change(
    conn: &mut PgConnection,
    milestone_id: i64,
    title: &str,
    due_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("update milestones set title = $2, due_on = $3, updated_at = $4 where id = $1")
        .bind(milestone_id)
        .bind(title)
        .bind(due_on)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn remove(
    conn: &mut PgConnection,
    milestone_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("update milestones set removed_at = $2, updated_at = $2 where id = $1")
        .bind(milestone_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
