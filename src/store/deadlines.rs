//! The deadlines a case has had, each from the moment it took effect (`case_deadlines`): the
//! latest is the one in force and equals `cases.deadline`. Written by `cases::act` with the
//! event that set the deadline, so the history and the process record never disagree.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// A deadline and when it took effect.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeadlineRow {
    pub deadline: NaiveDate,
    pub in_force_at: DateTime<Utc>,
    /// The event kind that set it: dispatched, reopened, reclassified, extension_approved,
    /// deadline_changed.
    pub kind: String,
}

/// Records a deadline in force from `now`, set by the event `event_id` of kind `kind`.
pub(super) async fn record(
    conn: &mut PgConnection,
    case_id: i64,
    deadline: NaiveDate,
    event_id: i64,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into case_deadlines (case_id, deadline, in_force_at, event_id, kind) values ($1, $2, $3, $4, $5)",
    )
    .bind(case_id)
    .bind(deadline)
    .bind(now)
    .bind(event_id)
    .bind(kind)
    .execute(conn)
    .await?;
    Ok(())
}

/// A case's deadlines, oldest first.
pub async fn of_case(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<DeadlineRow>, StoreError> {
    Ok(sqlx::query_as(
        "select deadline, in_force_at, kind from case_deadlines where case_id = $1 order by in_force_at, id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// The deadline that was in force at `at`, if the case had one then.
pub async fn in_force_at(
    conn: &mut PgConnection,
    case_id: i64,
    at: DateTime<Utc>,
) -> Result<Option<NaiveDate>, StoreError> {
    Ok(sqlx::query_scalar(
        "select deadline from case_deadlines where case_id = $1 and in_force_at <= $2 \
         order by in_force_at desc, id desc limit 1",
    )
    .bind(case_id)
    .bind(at)
    .fetch_optional(conn)
    .await?)
}
