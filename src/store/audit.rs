//! The audit log: every change to who may use the bot, appended and never rewritten.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<'a> {
    /// A subcommand of `zhuqi` run by an operator.
    CommandLine,
    /// A person of the roster, in chat through a transport (its code, e.g. "telegram").
    Chat { person_id: i64, transport: &'a str },
    /// The messenger itself, with no person of the roster behind it (e.g. "telegram" telling
    /// that the bot was removed from a group).
    Transport(&'a str),
}

/// One change, as it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub actor_person_id: Option<i64>,
    pub source: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// Appends one change, in the caller's transaction (so it is kept iff the change is).
pub async fn record(
    conn: &mut PgConnection,
    source: Source<'_>,
    action: &str,
    subject: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (actor, source) = match source {
        Source::CommandLine => (None, "cli"),
        Source::Chat {
            person_id,
            transport,
        } => (Some(person_id), transport),
        Source::Transport(transport) => (None, transport),
    };
    sqlx::query(
        "insert into audit_log (at, actor_person_id, source, action, subject, detail) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now)
    .bind(actor)
    .bind(source)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .execute(conn)
    .await?;
    Ok(())
}

/// The latest `limit` changes, newest first.
pub async fn latest(conn: &mut PgConnection, limit: i64) -> Result<Vec<Entry>, StoreError> {
    Ok(sqlx::query_as(
        "select at, actor_person_id, source, action, subject, detail from audit_log \
         order by id desc limit $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
