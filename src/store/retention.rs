//! What is kept, and for how long: handled updates reduced to their ids, expired button tokens,
//! old sent notices and old refusals to strangers removed, a batch at a time (the daily
//! `retention` job calls these until a batch comes back short). The event log (`case_events`)
//! and the audit log are never touched here.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// The payload a reduced update keeps: its id, nothing the person wrote.
const REDUCED: &str = "jsonb_build_object('update_id', update_id)";

/// Reduces up to `batch` updates handled before `cutoff` to their ids, oldest first; returns
/// how many.
pub async fn reduce_handled_before(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    batch: i64,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "update inbox set payload = {REDUCED}, reduced_at = $3 \
         where (transport, update_id) in (select transport, update_id from inbox \
               where handled_at is not null and reduced_at is null and handled_at < $1 \
               order by handled_at limit $2 for update skip locked)"
    )))
    .bind(cutoff)
    .bind(batch)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// What the daily job deletes once it is old enough: rows that only served to send or decide
/// something at the time, never a part of the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expired {
    /// Button tokens that expired before the cutoff.
    Tokens,
    /// Notices sent (and due) before the cutoff: the reminder scan never decides anything due
    /// that long ago again, so their keys are not needed.
    SentNotices,
    /// Refusals to strangers made before the cutoff.
    Refusals,
    /// Notices folded into a digest before the cutoff (keys like the sent notices').
    FoldedNotices,
    /// The per-day counts of named and folded notices, for days before the cutoff.
    NoticeTotals,
    /// Finished scheduler ticks before the cutoff, except each job's latest (which says when
    /// the job last ran).
    Ticks,
}

impl Expired {
    /// Deletes up to `$2` rows older than `$1`, oldest first, skipping rows another process
    /// holds.
    fn sql(self) -> &'static str {
        match self {
            Expired::Tokens => {
                "delete from callback_tokens where token in ( \
                     select token from callback_tokens where expires_at < $1 \
                     order by expires_at limit $2 for update skip locked)"
            }
            Expired::SentNotices => {
                "delete from outbox where id in ( \
                     select id from outbox where status = 'sent' and sent_at < $1 and due_at < $1 \
                     order by sent_at limit $2 for update skip locked)"
            }
            Expired::Refusals => {
                "delete from stranger_refusals where (transport, chat_id) in ( \
                     select transport, chat_id from stranger_refusals where refused_at < $1 \
                     order by refused_at limit $2 for update skip locked)"
            }
            Expired::FoldedNotices => {
                "delete from notice_folded where ctid in ( \
                     select ctid from notice_folded where folded_at < $1 and due_at < $1 \
                     order by folded_at limit $2 for update skip locked)"
            }
            Expired::NoticeTotals => {
                "delete from notice_totals where ctid in ( \
                     select ctid from notice_totals where day < $1::date \
                     order by day limit $2 for update skip locked)"
            }
            Expired::Ticks => {
                "delete from scheduler_ticks where (job, scheduled_at) in ( \
                     select t.job, t.scheduled_at from scheduler_ticks t \
                     where t.finished_at is not null and t.scheduled_at < $1 \
                     and t.scheduled_at < (select max(m.scheduled_at) from scheduler_ticks m \
                                           where m.job = t.job) \
                     order by t.scheduled_at limit $2 for update skip locked)"
            }
        }
    }
}

/// Deletes up to `batch` rows of `what` older than `cutoff`; returns how many.
pub async fn delete_before(
    conn: &mut PgConnection,
    what: Expired,
    cutoff: DateTime<Utc>,
    batch: i64,
) -> Result<u64, StoreError> {
    let done = sqlx::query(what.sql())
        .bind(cutoff)
        .bind(batch)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
