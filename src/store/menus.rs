//! The command menu last queued for each bound person, so that a menu is queued again only
//! when it would change (roles, department heads, language).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::domain::Roles;

/// A bound person as their menu needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuHolder {
    pub person_id: i64,
    pub roles: Roles,
    /// Heads at least one department.
    pub head: bool,
    pub locale: String,
    /// The menu last queued for them, if any.
    pub queued: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    roles: Vec<String>,
    head: bool,
    locale: String,
    menu: Option<String>,
}

/// Everyone with at least one messenger account, with the menu last queued for them.
pub async fn bound_people(conn: &mut PgConnection) -> Result<Vec<MenuHolder>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(
        "select p.id, p.roles, p.locale, \
                exists(select 1 from departments d where d.head_id = p.id) as head, m.menu \
         from people p left join command_menus m on m.person_id = p.id \
         where exists(select 1 from messenger_accounts a where a.person_id = p.id) \
         order by p.id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MenuHolder {
            person_id: r.id,
            roles: Roles::from_codes(&r.roles),
            head: r.head,
            locale: r.locale,
            queued: r.menu,
        })
        .collect())
}

/// Whether a person heads any department.
pub async fn is_head(conn: &mut PgConnection, person_id: i64) -> Result<bool, StoreError> {
    Ok(
        sqlx::query_scalar("select exists(select 1 from departments where head_id = $1)")
            .bind(person_id)
            .fetch_one(conn)
            .await?,
    )
}

/// Records the menu queued for a person.
pub async fn record(
    conn: &mut PgConnection,
    person_id: i64,
    menu: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into command_menus (person_id, menu, queued_at) values ($1, $2, $3) \
         on conflict (person_id) do update set menu = excluded.menu, queued_at = excluded.queued_at",
    )
    .bind(person_id)
    .bind(menu)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
