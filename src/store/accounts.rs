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
        super::access::forget_withdrawal(conn, transport, user_id).await?;
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

/// A bound messenger account as the operator lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub person_id: i64,
    pub person_code: String,
    pub person_name: String,
    pub person_active: bool,
    pub transport: String,
    pub user_id: i64,
    pub chat_id: i64,
    pub username: Option<String>,
    pub bound_at: DateTime<Utc>,
    /// When the person last spoke to the bot from this account's chat.
    pub last_used_at: Option<DateTime<Utc>>,
}

const ACCOUNT_SELECT: &str = "select a.id, a.person_id, p.code as person_code, p.name as person_name, \
     p.active as person_active, a.transport, a.user_id, a.chat_id, a.username, a.bound_at, \
     (select max(c.updated_at) from conversations c where c.transport = a.transport \
      and c.chat_id = a.chat_id and c.person_id = a.person_id) as last_used_at \
     from messenger_accounts a join people p on p.id = a.person_id";

/// Every bound account (of one person, when given), by person code, then oldest first.
pub async fn list(
    conn: &mut PgConnection,
    person_id: Option<i64>,
) -> Result<Vec<AccountRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ACCOUNT_SELECT} where $1::bigint is null or a.person_id = $1 order by p.code, a.id"
    )))
    .bind(person_id)
    .fetch_all(conn)
    .await?)
}

/// Unbinds a person's accounts (only `account_id`, when given): the rows are removed and each
/// account is remembered as withdrawn, to be told once. Returns the accounts unbound.
pub async fn unbind(
    conn: &mut PgConnection,
    person_id: i64,
    account_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<AccountRow>, StoreError> {
    let rows: Vec<AccountRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ACCOUNT_SELECT} where a.person_id = $1 and ($2::bigint is null or a.id = $2) \
         order by a.id"
    )))
    .bind(person_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut unbound = Vec::with_capacity(rows.len());
    for row in rows {
        let deleted = sqlx::query("delete from messenger_accounts where id = $1")
            .bind(row.id)
            .execute(&mut *conn)
            .await?;
        if deleted.rows_affected() == 0 {
            // Unbound meanwhile by someone else, who recorded it.
            continue;
        }
        super::access::withdraw_account(
            conn,
            &row.transport,
            row.user_id,
            person_id,
            super::access::Withdrawn::Unbound,
            now,
        )
        .await?;
        // Buttons shown in that chat no longer work, and the chat forgets its dialogue.
        sqlx::query(
            "update conversations set person_id = null, state = '{}', updated_at = $3 \
             where transport = $1 and chat_id = $2",
        )
        .bind(&row.transport)
        .bind(row.chat_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        unbound.push(row);
    }
    Ok(unbound)
}

/// Sets the messenger a person's notices go to (`None`: the one they used last).
pub async fn choose_channel(
    conn: &mut PgConnection,
    person_id: i64,
    transport: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("update people set channel = $2 where id = $1")
        .bind(person_id)
        .bind(transport)
        .execute(conn)
        .await?;
    Ok(())
}

/// The transports a person has accounts on, in the order they were bound.
pub async fn transports_of(
    conn: &mut PgConnection,
    person_id: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "select transport from messenger_accounts where person_id = $1 \
         group by transport order by min(id)",
    )
    .bind(person_id)
    .fetch_all(conn)
    .await?)
}

/// The messenger a person chose for their notices, if they chose one.
pub async fn channel_of(
    conn: &mut PgConnection,
    person_id: i64,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("select channel from people where id = $1")
            .bind(person_id)
            .fetch_optional(conn)
            .await?
            .flatten(),
    )
}
