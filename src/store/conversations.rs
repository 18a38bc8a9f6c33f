//! Where each chat is in its dialogue. The row is locked for the whole update, so one chat is
//! handled by one process at a time, and its state survives restarts.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// A chat's conversation row, locked for the rest of the transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Locked {
    pub person_id: Option<i64>,
    pub state: serde_json::Value,
    /// When the chat was last used before now; none for a new chat.
    pub last_used: Option<DateTime<Utc>>,
}

/// Creates the chat's row when missing, locks it and notes its use (`updated_at`, the "last
/// used" of the access lists), in one statement, and returns it with the use before this one.
pub async fn lock(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
    now: DateTime<Utc>,
) -> Result<Locked, StoreError> {
    let (person_id, state, last_used) = sqlx::query_as(
        "with before as (select updated_at from conversations where transport = $1 and chat_id = $2) \
         insert into conversations (transport, chat_id, state, updated_at) values ($1, $2, '{}', $3) \
         on conflict (transport, chat_id) do update set updated_at = excluded.updated_at \
         returning person_id, state, (select updated_at from before)",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Locked {
        person_id,
        state,
        last_used,
    })
}

/// The chat's stored state, read without locking the row or noting a use; none for a chat
/// never used.
pub async fn peek(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
) -> Result<Option<serde_json::Value>, StoreError> {
    Ok(
        sqlx::query_scalar("select state from conversations where transport = $1 and chat_id = $2")
            .bind(transport)
            .bind(chat_id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Stores the chat's new state (and who it belongs to).
pub async fn save(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
    person_id: Option<i64>,
    state: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update conversations set person_id = $3, state = $4, updated_at = $5 \
         where transport = $1 and chat_id = $2",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(person_id)
    .bind(state)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
