//! Wrong invite codes, counted per messenger account: after `limit` wrong codes within
//! `window` the account is ignored for `block` (told once), so codes cannot be guessed.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// The throttle's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Wrong codes allowed within `window`; the last of them starts the block.
    pub limit: u32,
    pub window: Duration,
    /// How long the account is ignored once the limit is reached.
    pub block: Duration,
}

/// Where an account stands when it sends something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not blocked: its code is tried.
    Free,
    /// Blocked, and this is the first message of the block: told to try again later.
    BlockedTell,
    /// Blocked and told already: nothing is answered.
    BlockedSilent,
}

/// Where the account stands at `now`; the first message of a block claims the one answer.
pub async fn standing(
    conn: &mut PgConnection,
    transport: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Standing, StoreError> {
    type Block = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let row: Option<Block> = sqlx::query_as(
        "select blocked_until, block_told_at from invite_attempts \
         where transport = $1 and user_id = $2 for update",
    )
    .bind(transport)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((Some(until), told)) = row else {
        return Ok(Standing::Free);
    };
    if until <= now {
        return Ok(Standing::Free);
    }
    if told.is_some() {
        return Ok(Standing::BlockedSilent);
    }
    sqlx::query(
        "update invite_attempts set block_told_at = $3 where transport = $1 and user_id = $2",
    )
    .bind(transport)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(Standing::BlockedTell)
}

/// Counts a wrong code; returns how many wrong codes the account sent within the window, and
/// whether this one started a block.
pub async fn record_failure(
    conn: &mut PgConnection,
    transport: &str,
    user_id: i64,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<(u32, bool), StoreError> {
    let previous: Option<Vec<DateTime<Utc>>> = sqlx::query_scalar(
        "select failures from invite_attempts where transport = $1 and user_id = $2 for update",
    )
    .bind(transport)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    let mut failures: Vec<DateTime<Utc>> = previous
        .unwrap_or_default()
        .into_iter()
        .filter(|at| *at > now - throttle.window)
        .collect();
    failures.push(now);
    let keep = throttle.limit.max(1) as usize;
    if failures.len() > keep {
        failures.drain(..failures.len() - keep);
    }
    let count = failures.len() as u32;
    let blocks = count >= throttle.limit.max(1);
    let (stored, until) = if blocks {
        (Vec::new(), Some(now + throttle.block))
    } else {
        (failures, None)
    };
    sqlx::query(
        "insert into invite_attempts (transport, user_id, failures, blocked_until, block_told_at) \
         values ($1, $2, $3, $4, null) \
         on conflict on constraint invite_attempts_pkey do update \
         set failures = excluded.failures, \
             blocked_until = coalesce(excluded.blocked_until, invite_attempts.blocked_until), \
             block_told_at = case when excluded.blocked_until is null \
                             then invite_attempts.block_told_at else null end",
    )
    .bind(transport)
    .bind(user_id)
    .bind(stored)
    .bind(until)
    .execute(conn)
    .await?;
    Ok((count, blocks))
}
