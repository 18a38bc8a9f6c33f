//! Opaque references behind buttons. The messenger only ever carries the random token; what the
//! button does, and for whom, stays here, and is checked again when it is pressed.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// Tokens are 32 lowercase hex digits: well under the 64 bytes a messenger allows.
pub const TOKEN_LEN: usize = 32;

/// A stored button.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Token {
    pub token: String,
    pub person_id: i64,
    /// The chat the button was shown in; none for a notice to someone with no bound chat.
    pub chat_id: Option<i64>,
    pub action: serde_json::Value,
    pub expires_at: DateTime<Utc>,
}

fn new_token() -> String {
    let bytes: [u8; TOKEN_LEN / 2] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `data` could be one of our tokens at all (checked before touching the database).
pub fn looks_like_token(data: &str) -> bool {
    data.len() == TOKEN_LEN
        && data
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Stores a button for `person_id` and returns its token.
pub async fn create(
    conn: &mut PgConnection,
    person_id: i64,
    chat_id: Option<i64>,
    action: &serde_json::Value,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<String, StoreError> {
    loop {
        let token = new_token();
        let inserted = sqlx::query(
            "insert into callback_tokens (token, person_id, chat_id, action, created_at, expires_at) \
             values ($1, $2, $3, $4, $5, $6) on conflict (token) do nothing",
        )
        .bind(&token)
        .bind(person_id)
        .bind(chat_id)
        .bind(action)
        .bind(now)
        .bind(now + ttl)
        .execute(&mut *conn)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(token);
        }
    }
}

/// Looks a pressed token up; `None` for anything we never issued.
pub async fn find(conn: &mut PgConnection, token: &str) -> Result<Option<Token>, StoreError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    Ok(sqlx::query_as(
        "select token, person_id, chat_id, action, expires_at from callback_tokens where token = $1",
    )
    .bind(token)
    .fetch_optional(conn)
    .await?)
}

/// Records that the button was pressed (the latest press).
pub async fn mark_used(
    conn: &mut PgConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("update callback_tokens set used_at = $2 where token = $1")
        .bind(token)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records the first press of a single-use button; `false` when it was pressed before.
pub async fn claim_once(
    conn: &mut PgConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let claimed: Option<i32> = sqlx::query_scalar(
        "update callback_tokens set used_at = $2 where token = $1 and used_at is null returning 1",
    )
    .bind(token)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(claimed.is_some())
}
