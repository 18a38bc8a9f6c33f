//! Raw messenger updates, stored (and committed) before the messenger is told they arrived, then
//! handled once each: an update's effect and its `handled_at` commit in one transaction. A chat
//! that floods the bot has its waiting updates capped: the extras are marked dropped.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::StoreError;

/// An update as it arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUpdate {
    pub update_id: i64,
    /// The chat it belongs to (0 when none), for per-chat ordering.
    pub chat_id: i64,
    pub payload: serde_json::Value,
}

/// A stored update, claimed for handling.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Stored {
    pub update_id: i64,
    pub chat_id: i64,
    pub payload: serde_json::Value,
    pub attempts: i32,
}

/// Stores a batch of updates in one statement; an update already stored is left as it is.
/// Returns how many were new.
pub async fn store(
    pool: &PgPool,
    transport: &str,
    updates: &[NewUpdate],
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    if updates.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = updates.iter().map(|u| u.update_id).collect();
    let chats: Vec<i64> = updates.iter().map(|u| u.chat_id).collect();
    let payloads: Vec<&serde_json::Value> = updates.iter().map(|u| &u.payload).collect();
    let done = sqlx::query(
        "insert into inbox (transport, update_id, chat_id, payload, received_at) \
         select $1, u.id, u.chat, u.payload, $5 \
         from unnest($2::bigint[], $3::bigint[], $4::jsonb[]) as u (id, chat, payload) \
         order by u.id \
         on conflict (transport, update_id) do nothing",
    )
    .bind(transport)
    .bind(&ids)
    .bind(&chats)
    .bind(&payloads)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Chats with unhandled updates, the chat with the oldest waiting update first.
pub async fn pending_chats(
    pool: &PgPool,
    transport: &str,
    limit: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select chat_id from inbox where transport = $1 and handled_at is null \
         group by chat_id order by min(update_id) limit $2",
    )
    .bind(transport)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// The oldest unhandled update of a chat.
pub async fn next_of_chat(
    pool: &PgPool,
    transport: &str,
    chat_id: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select update_id from inbox where transport = $1 and chat_id = $2 and handled_at is null \
         order by update_id limit 1",
    )
    .bind(transport)
    .bind(chat_id)
    .fetch_optional(pool)
    .await?)
}

/// Takes the chat's turn for this transaction: false when another process is handling an
/// update of the same chat right now.
pub async fn lock_chat(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar(
        "select pg_try_advisory_xact_lock(hashtext('inbox:' || $1), hashtext($2::text))",
    )
    .bind(transport)
    .bind(chat_id)
    .fetch_one(conn)
    .await?)
}

/// Locks one unhandled update for handling in the caller's transaction; `None` when it is
/// handled already or another process holds it.
pub async fn claim(
    conn: &mut PgConnection,
    transport: &str,
    update_id: i64,
) -> Result<Option<Stored>, StoreError> {
    Ok(sqlx::query_as(
        "select update_id, chat_id, payload, attempts from inbox \
         where transport = $1 and update_id = $2 and handled_at is null for update skip locked",
    )
    .bind(transport)
    .bind(update_id)
    .fetch_optional(conn)
    .await?)
}

/// What [`take_next`] found in a chat.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// The chat's oldest unhandled update, locked for handling in the caller's transaction.
    Update(Stored),
    /// Nothing left to handle in the chat.
    Empty,
    /// Another process is handling the chat right now.
    Busy,
}

/// Takes the chat's turn for this transaction and locks its oldest unhandled update, in one
/// round trip: the chat's advisory lock first, then the update (`for update skip locked`).
pub async fn take_next(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
) -> Result<Next, StoreError> {
    let row: (bool, Option<i64>, Option<serde_json::Value>, Option<i32>) = sqlx::query_as(
        "with l as (select pg_try_advisory_xact_lock(hashtext('inbox:' || $1), hashtext($2::text)) as ok) \
         select l.ok, i.update_id, i.payload, i.attempts from l left join lateral ( \
             select update_id, payload, attempts from inbox \
             where l.ok and transport = $1 and chat_id = $2 and handled_at is null \
             order by update_id limit 1 for update skip locked) i on true",
    )
    .bind(transport)
    .bind(chat_id)
    .fetch_one(conn)
    .await?;
    Ok(match row {
        (false, ..) => Next::Busy,
        (true, Some(update_id), Some(payload), Some(attempts)) => Next::Update(Stored {
            update_id,
            chat_id,
            payload,
            attempts,
        }),
        (true, ..) => Next::Empty,
    })
}

/// Marks a claimed update handled, in the transaction that holds its effect, and reduces its
/// payload to its id unless it came from `keep_if_bound`'s private chat and that account is
/// bound (the person's files are read from it again; of anyone else only the id is kept).
pub async fn mark_handled_reducing(
    conn: &mut PgConnection,
    transport: &str,
    update_id: i64,
    keep_if_bound: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update inbox set handled_at = $3, attempts = attempts + 1, \
             payload = case when k.keep then payload else jsonb_build_object('update_id', update_id) end, \
             reduced_at = case when k.keep then reduced_at else $3 end \
         from (select $4::bigint is not null and exists (select 1 from messenger_accounts a \
                   where a.transport = $1 and a.user_id = $4) as keep) k \
         where transport = $1 and update_id = $2",
    )
    .bind(transport)
    .bind(update_id)
    .bind(now)
    .bind(keep_if_bound)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a claimed update handled, in the transaction that holds its effect.
pub async fn mark_handled(
    conn: &mut PgConnection,
    transport: &str,
    update_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update inbox set handled_at = $3, attempts = attempts + 1 \
         where transport = $1 and update_id = $2",
    )
    .bind(transport)
    .bind(update_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt; after `max_attempts` the update is marked handled (given up) so
/// that it cannot block its chat. Returns whether it was given up.
pub async fn record_failure(
    conn: &mut PgConnection,
    transport: &str,
    update_id: i64,
    error: &str,
    max_attempts: i32,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let given_up: Option<bool> = sqlx::query_scalar(
        "update inbox set attempts = attempts + 1, last_error = $3, \
         handled_at = case when attempts + 1 >= $4 then $5 end \
         where transport = $1 and update_id = $2 and handled_at is null \
         returning handled_at is not null",
    )
    .bind(transport)
    .bind(update_id)
    .bind(error)
    .bind(max_attempts)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(given_up.unwrap_or(false))
}

/// The stored payload of an update, handled or not.
pub async fn payload(
    conn: &mut PgConnection,
    transport: &str,
    update_id: i64,
) -> Result<Option<serde_json::Value>, StoreError> {
    Ok(
        sqlx::query_scalar("select payload from inbox where transport = $1 and update_id = $2")
            .bind(transport)
            .bind(update_id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Marks a claimed update handled without an effect, with the reason (it cannot be read).
pub async fn mark_unreadable(
    conn: &mut PgConnection,
    transport: &str,
    update_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update inbox set handled_at = $3, attempts = attempts + 1, last_error = $4 \
         where transport = $1 and update_id = $2",
    )
    .bind(transport)
    .bind(update_id)
    .bind(now)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

/// The `last_error` of an update dropped because its chat had too many waiting.
pub const DROPPED: &str = "dropped: too many updates waiting in this chat";

/// An update dropped by [`drop_over_cap`].
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Dropped {
    pub update_id: i64,
    pub payload: serde_json::Value,
}

/// Keeps the oldest `cap` unhandled updates of a chat and marks the rest handled as dropped
/// (`last_error` = [`DROPPED`]), in the caller's transaction. Returns the dropped ones, oldest
/// first.
pub async fn drop_over_cap(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
    cap: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Dropped>, StoreError> {
    let mut dropped: Vec<Dropped> = sqlx::query_as(
        "update inbox set handled_at = $4, last_error = $5 \
         where transport = $1 and update_id in ( \
             select update_id from inbox \
             where transport = $1 and chat_id = $2 and handled_at is null \
             order by update_id offset $3 for update skip locked) \
         returning update_id, payload",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(cap)
    .bind(now)
    .bind(DROPPED)
    .fetch_all(conn)
    .await?;
    dropped.sort_by_key(|d| d.update_id);
    Ok(dropped)
}

/// When more than `cap` updates of the chat wait: marks the newest beyond `cap` dropped in a new
/// transaction that holds the chat's turn, logs how many, and returns the transaction
/// uncommitted (for the caller's notice) with the dropped updates, oldest first. `None` when the
/// chat is within its cap or another process is handling it.
pub async fn take_over_cap(
    pool: &PgPool,
    transport: &str,
    chat_id: i64,
    cap: i64,
    now: DateTime<Utc>,
) -> Result<Option<(super::Tx<'static>, Vec<Dropped>)>, StoreError> {
    if waiting_in_chat(pool, transport, chat_id, cap + 1).await? <= cap {
        return Ok(None);
    }
    let mut tx = pool.begin().await?;
    if !lock_chat(&mut tx, transport, chat_id).await? {
        return Ok(None);
    }
    let dropped = drop_over_cap(&mut tx, transport, chat_id, cap, now).await?;
    if dropped.is_empty() {
        return Ok(None);
    }
    tracing::warn!(
        transport,
        chat_id,
        dropped = dropped.len(),
        cap,
        "too many updates waiting in a chat; the newest were dropped"
    );
    Ok(Some((tx, dropped)))
}

/// How many waiting updates of a chat there are, counting at most `upto`.
pub async fn waiting_in_chat(
    pool: &PgPool,
    transport: &str,
    chat_id: i64,
    upto: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "select count(*) from (select 1 from inbox where transport = $1 and chat_id = $2 \
         and handled_at is null limit $3) waiting",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(upto)
    .fetch_one(pool)
    .await?)
}
