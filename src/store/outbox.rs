//! The notification outbox: every message the bot sends on its own initiative is a row, keyed by
//! (recipient, case, kind, due instant) so that deciding to send it twice inserts it once.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::conversation::Reply;

/// Where a notification goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Person(i64),
    /// A department's bound group chat (`group_chats.id`).
    Group(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    pub recipient: Recipient,
    pub case_id: Option<i64>,
    /// What it is, e.g. `case_dispatched`, `deadline_reminder`, `weekly_summary`.
    pub kind: String,
    /// The instant the decision is about (a deadline, a tick); part of the key.
    pub due_at: DateTime<Utc>,
    /// Not sent before this instant (quiet hours hold messages back).
    pub not_before: DateTime<Utc>,
    /// The message, already rendered in the recipient's language.
    pub body: Reply,
}

/// Queues a notification; returns false when the same (recipient, case, kind, due) is already
/// queued or sent.
pub async fn enqueue(
    conn: &mut PgConnection,
    n: &NewNotification,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let (person, group) = match n.recipient {
        Recipient::Person(id) => (Some(id), None),
        Recipient::Group(id) => (None, Some(id)),
    };
    let body = serde_json::to_value(&n.body)
        .map_err(|e| StoreError::Db(sqlx::Error::Protocol(e.to_string())))?;
    let result = sqlx::query(
        "insert into outbox (recipient_id, group_chat_id, case_id, kind, due_at, body, not_before, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict on constraint outbox_key do nothing",
    )
    .bind(person)
    .bind(group)
    .bind(n.case_id)
    .bind(&n.kind)
    .bind(n.due_at)
    .bind(body)
    .bind(n.not_before)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}
