//! Scheduler ticks: one row per (job, scheduled instant). Whoever inserts the row runs the tick,
//! in the same transaction as the notifications it decides, so a tick runs once across
//! processes and restarts.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// The latest instant of `job` that has run (or is running in an uncommitted transaction of
/// this connection), if any.
pub async fn last_run(
    conn: &mut PgConnection,
    job: &str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(
        sqlx::query_scalar("select max(scheduled_at) from scheduler_ticks where job = $1")
            .bind(job)
            .fetch_one(conn)
            .await?,
    )
}

/// Claims the tick (job, scheduled_at) for this transaction. False when another process (or an
/// earlier run) already has it, or is running a tick of the same job right now.
pub async fn claim(
    conn: &mut PgConnection,
    job: &str,
    scheduled_at: DateTime<Utc>,
    run_by: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    // One tick of a job at a time across processes: a later instant waits until a long tick
    // of the same job has committed, instead of running beside it.
    let free: bool =
        sqlx::query_scalar("select pg_try_advisory_xact_lock(hashtext('zhuqi-tick:' || $1))")
            .bind(job)
            .fetch_one(&mut *conn)
            .await?;
    if !free {
        return Ok(false);
    }
    let done = sqlx::query(
        "insert into scheduler_ticks (job, scheduled_at, started_at, run_by) values ($1, $2, $3, $4) \
         on conflict (job, scheduled_at) do nothing",
    )
    .bind(job)
    .bind(scheduled_at)
    .bind(now)
    .bind(run_by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a claimed tick finished (in the same transaction that claimed it).
pub async fn finish(
    conn: &mut PgConnection,
    job: &str,
    scheduled_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("update scheduler_ticks set finished_at = $3 where job = $1 and scheduled_at = $2")
        .bind(job)
        .bind(scheduled_at)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// When the latest committed tick of `job` started (the `now` its decisions were made at), if
/// any: the reminder scan's watermark, so that what was already due then is not news again.
pub async fn last_started(
    conn: &mut PgConnection,
    job: &str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(sqlx::query_scalar(
        "select started_at from scheduler_ticks where job = $1 and finished_at is not null \
         order by scheduled_at desc limit 1",
    )
    .bind(job)
    .fetch_optional(conn)
    .await?)
}
