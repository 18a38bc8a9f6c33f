//! Group chats bound to departments: which are bound, their titles, and the end of a binding
//! (the bot removed from the group, or an operator unbinding it). Binding itself is
//! `departments::bind_group`; a bound group is a row with no `unbound_at`.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// A bound group chat, with its department.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GroupBinding {
    /// `group_chats.id`.
    pub id: i64,
    pub transport: String,
    pub chat_id: i64,
    pub department_id: i64,
    pub department_code: String,
    pub department_name: String,
    pub title: Option<String>,
    pub bound_at: DateTime<Utc>,
    pub reachable: bool,
}

const SELECT: &str = "select g.id, g.transport, g.chat_id, g.department_id, \
     d.code as department_code, d.name as department_name, g.title, g.bound_at, g.reachable \
     from group_chats g join departments d on d.id = g.department_id";

/// The binding of one chat, when it is bound.
pub async fn bound(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
) -> Result<Option<GroupBinding>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where g.transport = $1 and g.chat_id = $2 and g.unbound_at is null"
    )))
    .bind(transport)
    .bind(chat_id)
    .fetch_optional(conn)
    .await?)
}

/// Every bound group, by department code, then chat id.
pub async fn list(conn: &mut PgConnection) -> Result<Vec<GroupBinding>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where g.unbound_at is null order by d.code, g.chat_id, g.id"
    )))
    .fetch_all(conn)
    .await?)
}

/// Ends the bindings of a chat id (on any transport, unless one is named); returns what was
/// bound.
pub async fn end_chat(
    conn: &mut PgConnection,
    transport: Option<&str>,
    chat_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Vec<GroupBinding>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "select id from group_chats where chat_id = $1 and ($2::text is null or transport = $2) \
         and unbound_at is null order by id for update",
    )
    .bind(chat_id)
    .bind(transport)
    .fetch_all(&mut *conn)
    .await?;
    end_ids(conn, &ids, reason, now).await
}

/// Ends every binding of a department; returns what was bound.
pub async fn end_department(
    conn: &mut PgConnection,
    department_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Vec<GroupBinding>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "select id from group_chats where department_id = $1 and unbound_at is null \
         order by chat_id, id for update",
    )
    .bind(department_id)
    .fetch_all(&mut *conn)
    .await?;
    end_ids(conn, &ids, reason, now).await
}

async fn end_ids(
    conn: &mut PgConnection,
    ids: &[i64],
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Vec<GroupBinding>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let ended: Vec<GroupBinding> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where g.id = any($1) order by d.code, g.chat_id, g.id"
    )))
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query(
        "update group_chats set unbound_at = $2, unbound_reason = $3 \
         where id = any($1) and unbound_at is null",
    )
    .bind(ids)
    .bind(now)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(ended)
}

/// A group became another chat (a group upgraded to a supergroup): its binding follows it,
/// unless the new chat is already known. Returns the binding as it now is.
pub async fn move_chat(
    conn: &mut PgConnection,
    transport: &str,
    from_chat_id: i64,
    to_chat_id: i64,
) -> Result<Option<GroupBinding>, StoreError> {
    let moved = sqlx::query(
        "update group_chats set chat_id = $3 where transport = $1 and chat_id = $2 \
         and unbound_at is null \
         and not exists (select 1 from group_chats n where n.transport = $1 and n.chat_id = $3)",
    )
    .bind(transport)
    .bind(from_chat_id)
    .bind(to_chat_id)
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(None);
    }
    bound(conn, transport, to_chat_id).await
}

/// Keeps a known group's title up to date (the messenger tells it with every update).
pub async fn note_title(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
    title: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "update group_chats set title = $3 where transport = $1 and chat_id = $2 \
         and title is distinct from $3",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(title)
    .execute(conn)
    .await?;
    Ok(())
}
