//! People on the roster and their messenger accounts.

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;
use sqlx::PgConnection;

use super::StoreError;
use crate::domain::{Actor, Roles};

/// A person as the rest of the program sees them (role codes the program does not know are
/// dropped as the row is read).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub phone: Option<String>,
    #[sqlx(try_from = "Vec<String>")]
    pub roles: Roles,
    pub department_id: Option<i64>,
    pub section_id: Option<i64>,
    /// The township a township person (乡镇) follows.
    pub township_id: Option<i64>,
    pub locale: String,
    pub reachable: bool,
    /// False once deactivated: the bot treats their accounts as unbound.
    pub active: bool,
}

impl Person {
    pub fn actor(&self) -> Actor {
        Actor {
            person_id: self.id,
            roles: self.roles.clone(),
            department_id: self.department_id,
            township_id: self.township_id,
        }
    }
}

const COLUMNS: &str = "id, code, name, phone, roles, department_id, section_id, township_id, locale, reachable, active";

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<Person>, StoreError> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "select {COLUMNS} from people where id = $1"
    )))
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

pub async fn by_code(conn: &mut PgConnection, code: &str) -> Result<Option<Person>, StoreError> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "select {COLUMNS} from people where code = $1"
    )))
    .bind(code.trim())
    .fetch_optional(conn)
    .await?)
}

/// Finds a person by roster code, or by database id when the argument is a number that is
/// not also someone's code.
pub async fn by_code_or_id(
    conn: &mut PgConnection,
    key: &str,
) -> Result<Option<Person>, StoreError> {
    if let Some(p) = by_code(conn, key).await? {
        return Ok(Some(p));
    }
    match key.trim().parse::<i64>() {
        Ok(id) => by_id(conn, id).await,
        Err(_) => Ok(None),
    }
}

/// The active person bound to a messenger account, and whether they head a department. A
/// deactivated person's account speaks for no one: read on every update, so a deactivation
/// holds from the very next one.
pub async fn by_account(
    conn: &mut PgConnection,
    transport: &str,
    user_id: i64,
) -> Result<Option<Speaker>, StoreError> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "select p.{}, exists(select 1 from departments d where d.head_id = p.id) as heads \
         from people p join messenger_accounts a on a.person_id = p.id \
         where a.transport = $1 and a.user_id = $2 and p.active",
        COLUMNS.replace(", ", ", p.")
    )))
    .bind(transport)
    .bind(user_id)
    .fetch_optional(conn)
    .await?)
}

/// Who wrote, as read at the start of an update.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Speaker {
    #[sqlx(flatten)]
    pub person: Person,
    /// Whether they head a department.
    pub heads: bool,
}

/// Active people holding a role (leaders, dispatchers, admins), reachable or not.
pub async fn with_role(
    conn: &mut PgConnection,
    role: crate::domain::Role,
) -> Result<Vec<Person>, StoreError> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "select {COLUMNS} from people where $1 = any(roles) and active order by id"
    )))
    .bind(role.code())
    .fetch_all(conn)
    .await?)
}

/// Records the language a person chose, as of `now`.
pub async fn set_locale(
    conn: &mut PgConnection,
    person_id: i64,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let updated = sqlx::query("update people set locale = $2, updated_at = $3 where id = $1")
        .bind(person_id)
        .bind(locale)
        .bind(now)
        .execute(conn)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The chats where a person can be reached on a transport.
pub async fn chats(
    conn: &mut PgConnection,
    person_id: i64,
    transport: &str,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar("select chat_id from messenger_accounts where person_id = $1 and transport = $2 order by id")
        .bind(person_id)
        .bind(transport)
        .fetch_all(conn)
        .await?)
}
