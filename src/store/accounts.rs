//! Messenger accounts: which person speaks from which user id, and where to reach them.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// What binding an account did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The account now speaks for the person.
    New,
    /// The account already spoke for this person.
    Already,
    /// The account already speaks for someone else; nothing changed.
    OtherPerson,
}

/// Binds a messenger account (`transport`, `user_id`) reached in `chat_id` to a person.
pub async fn bind(
    conn: &mut PgConnection,
    person_id: i64,
    transport: &str,
    user_id: i64,
    chat_id: i64,
    username: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Bound, StoreError> {
    // Two binds of one account at once: the second waits on the key and then finds the row.
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into messenger_accounts (person_id, transport, user_id, chat_id, username, bound_at) \
         values ($1, $2, $3, $4, $5, $6) on conflict on constraint messenger_accounts_user_key do nothing \
         returning id",
    )
    .bind(person_id)
    .bind(transport)
    .bind(user_id)
    .bind(chat_id)
    .bind(username)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    if inserted.is_some() {
        return Ok(Bound::New);
    }
    let existing: Option<i64> = sqlx::query_scalar(
        "select person_id from messenger_accounts where transport = $1 and user_id = $2",
    )
    .bind(transport)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match existing {
        Some(p) if p == person_id => Bound::Already,
        _ => Bound::OtherPerson,
    })
}

/// The console account of a person: user id and chat id are the person's id. Created on first
/// use, since whoever runs the console already has the database.
pub async fn ensure_console(
    conn: &mut PgConnection,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into messenger_accounts (person_id, transport, user_id, chat_id, bound_at) \
         values ($1, 'console', $1, $1, $2) on conflict on constraint messenger_accounts_user_key do nothing",
    )
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A chat where the person can be reached (their first bound account), if any.
pub async fn first_chat(
    conn: &mut PgConnection,
    person_id: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select chat_id from messenger_accounts where person_id = $1 order by id limit 1",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await?)
}
