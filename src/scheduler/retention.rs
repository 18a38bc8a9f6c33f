//! The daily retention job (`schedule.retention`, the `[retention]` settings): handled updates
//! older than `inbox_days` reduced to their ids, expired button tokens deleted, sent notices
//! older than `outbox_days` deleted (with the keys of notices folded into digests, their day
//! counts, and old scheduler ticks), refusals to strangers older than a day deleted. The event
//! log (过程记录) and the audit log are never touched.
//!
//! It is keyed like the other jobs (one `scheduler_ticks` row per instant, so one process runs
//! it), but its work is done after the tick row commits, a batch per transaction, so that a
//! province's millions of rows never sit in one long transaction. Stopped half-way (shutdown),
//! the rest waits for the next day: every step works from a cutoff, not from what ran before.

use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::watch;

use super::{FIRST_RUN_GRACE, Scheduler, SchedulerError, latest_instant};
use crate::config::Retention;
use crate::store::retention::Expired;
use crate::store::{self, PgPool};

/// The job's name in `scheduler_ticks`.
pub const JOB: &str = "retention";

/// How long a refusal to a stranger is kept: the window it exists for is an hour.
const REFUSALS_KEPT: TimeDelta = TimeDelta::days(1);

/// What one run removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Handled updates whose payload was reduced to their id.
    pub updates_reduced: u64,
    /// Expired button tokens deleted.
    pub tokens_deleted: u64,
    /// Sent notices deleted from the outbox.
    pub notices_deleted: u64,
    /// Refusals to strangers deleted.
    pub refusals_deleted: u64,
    /// Old keys and day counts of notices folded into digests deleted.
    pub digest_keys_deleted: u64,
    /// Old scheduler ticks deleted (each job's latest is kept).
    pub ticks_deleted: u64,
}

impl Scheduler {
    /// Runs the retention job when its latest instant at or before `now` has not run yet (a
    /// missed instant runs late, at any age; a job that has never run starts with the next
    /// instant, like the others). Returns the instant run and what it removed.
    pub async fn run_retention_due(
        &self,
        now: DateTime<Utc>,
        stop: Option<&watch::Receiver<bool>>,
    ) -> Result<Option<(DateTime<Utc>, Purged)>, SchedulerError> {
        let Some(instant) = latest_instant(&self.retention, self.settings.timezone, now) else {
            return Ok(None);
        };
        let mut tx = self.pool.begin().await?;
        let last = store::ticks::last_run(&mut tx, JOB).await?;
        if last.is_some_and(|l| l >= instant) || (last.is_none() && now - instant > FIRST_RUN_GRACE)
        {
            return Ok(None);
        }
        if !store::ticks::claim(&mut tx, JOB, instant, &self.worker, now).await? {
            return Ok(None);
        }
        store::ticks::finish(&mut tx, JOB, instant, now).await?;
        tx.commit().await?;
        let purged = purge(&self.pool, &self.settings.retention, now, stop).await?;
        tracing::info!(
            %instant,
            updates_reduced = purged.updates_reduced,
            tokens_deleted = purged.tokens_deleted,
            notices_deleted = purged.notices_deleted,
            refusals_deleted = purged.refusals_deleted,
            digest_keys_deleted = purged.digest_keys_deleted,
            ticks_deleted = purged.ticks_deleted,
            "retention ran"
        );
        Ok(Some((instant, purged)))
    }
}

/// Removes what is kept no longer, as of `now`, a batch per transaction.
pub async fn purge(
    pool: &PgPool,
    settings: &Retention,
    now: DateTime<Utc>,
    stop: Option<&watch::Receiver<bool>>,
) -> Result<Purged, SchedulerError> {
    let batch = i64::from(settings.batch.max(1));
    let inbox_cutoff = now - TimeDelta::days(i64::from(settings.inbox_days));
    let outbox_cutoff = now - TimeDelta::days(i64::from(settings.outbox_days));
    let mut purged = Purged::default();
    macro_rules! in_batches {
        ($total:expr, |$conn:ident| $step:expr) => {
            loop {
                if stop.is_some_and(|s| *s.borrow()) {
                    return Err(SchedulerError::Stopped);
                }
                let mut tx = pool.begin().await?;
                let n = {
                    let $conn = &mut *tx;
                    $step.await?
                };
                tx.commit().await?;
                $total += n;
                if n < batch as u64 {
                    break;
                }
            }
        };
    }
    in_batches!(purged.updates_reduced, |c| {
        store::retention::reduce_handled_before(c, inbox_cutoff, batch, now)
    });
    for (what, cutoff) in [
        (Expired::Tokens, now),
        (Expired::SentNotices, outbox_cutoff),
        (Expired::Refusals, now - REFUSALS_KEPT),
        (Expired::FoldedNotices, outbox_cutoff),
        (Expired::NoticeTotals, outbox_cutoff),
        (Expired::Ticks, outbox_cutoff),
    ] {
        let total = match what {
            Expired::Tokens => &mut purged.tokens_deleted,
            Expired::SentNotices => &mut purged.notices_deleted,
            Expired::Refusals => &mut purged.refusals_deleted,
            Expired::FoldedNotices | Expired::NoticeTotals => &mut purged.digest_keys_deleted,
            Expired::Ticks => &mut purged.ticks_deleted,
        };
        in_batches!(*total, |c| store::retention::delete_before(
            c, what, cutoff, batch
        ));
    }
    Ok(purged)
}
