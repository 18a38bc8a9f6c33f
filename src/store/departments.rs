//! Departments as routing needs them: the category routes, heads, default assignees, officers
//! and bound group chats.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::domain::Category;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DepartmentRow {
    pub id: i64,
    pub name: String,
    pub head_id: Option<i64>,
    pub default_assignee_id: Option<i64>,
}

const SELECT: &str = "select id, name, head_id, default_assignee_id from departments";

pub async fn all(conn: &mut PgConnection) -> Result<Vec<DepartmentRow>, StoreError> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} order by code, id")))
            .fetch_all(conn)
            .await?,
    )
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<DepartmentRow>, StoreError> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where id = $1")))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// The department that handles a category by default.
pub async fn route(
    conn: &mut PgConnection,
    category: Category,
) -> Result<Option<DepartmentRow>, StoreError> {
    Ok(sqlx::query_as(
        "select d.id, d.name, d.head_id, d.default_assignee_id from category_routes r \
         join departments d on d.id = r.department_id where r.category = $1",
    )
    .bind(category.code())
    .fetch_optional(conn)
    .await?)
}

/// A person a case can be given to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Officer {
    pub id: i64,
    pub name: String,
}

/// The department's active officers, by name.
pub async fn officers(
    conn: &mut PgConnection,
    department_id: i64,
) -> Result<Vec<Officer>, StoreError> {
    Ok(sqlx::query_as(
        "select id, name from people where department_id = $1 and 'officer' = any(roles) and active \
         order by name, id",
    )
    .bind(department_id)
    .fetch_all(conn)
    .await?)
}

/// Whether a person is an active officer of the department.
pub async fn is_officer_of(
    conn: &mut PgConnection,
    person_id: i64,
    department_id: i64,
) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar(
        "select exists(select 1 from people where id = $1 and department_id = $2 and 'officer' = any(roles) \
         and active)",
    )
    .bind(person_id)
    .bind(department_id)
    .fetch_one(conn)
    .await?)
}

/// The department's bound group chats (`group_chats.id`) that can still be reached.
pub async fn group_chats(
    conn: &mut PgConnection,
    department_id: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from group_chats where department_id = $1 and reachable and unbound_at is null \
         order by id",
    )
    .bind(department_id)
    .fetch_all(conn)
    .await?)
}

/// Binds a group chat to a department. A chat bound before (and unbound since) is bound again
/// in its old row; whether a bound group may move is the caller's decision.
pub async fn bind_group(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
    department_id: i64,
    title: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into group_chats (transport, chat_id, department_id, title, bound_at) values ($1, $2, $3, $4, $5) \
         on conflict on constraint group_chats_chat_key do update \
         set department_id = excluded.department_id, title = coalesce(excluded.title, group_chats.title), \
             reachable = true, bound_at = excluded.bound_at, \
             unreachable_reason = null, unreachable_at = null, unbound_at = null, unbound_reason = null",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(department_id)
    .bind(title)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The department a group chat is bound to, if it is bound.
pub async fn of_group(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
) -> Result<Option<DepartmentRow>, StoreError> {
    Ok(sqlx::query_as(
        "select d.id, d.name, d.head_id, d.default_assignee_id from group_chats g \
         join departments d on d.id = g.department_id \
         where g.transport = $1 and g.chat_id = $2 and g.unbound_at is null",
    )
    .bind(transport)
    .bind(chat_id)
    .fetch_optional(conn)
    .await?)
}

/// The departments a person heads (负责人), by code.
pub async fn headed_by(
    conn: &mut PgConnection,
    person_id: i64,
) -> Result<Vec<DepartmentRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where head_id = $1 order by code, id"
    )))
    .bind(person_id)
    .fetch_all(conn)
    .await?)
}
