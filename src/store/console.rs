//! The console's share of the outbox: messages for the person at the terminal are shown there
//! and marked sent; the others' are counted so the user knows whom to switch to.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::message::Reply;

/// A queued message taken for the terminal.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: i64,
    pub kind: String,
    pub body: Reply,
}

/// Claims the due, queued messages for a person and records them as sent by the console; one
/// whose body cannot be read is logged and marked failed instead.
pub async fn take(
    conn: &mut PgConnection,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Delivery>, StoreError> {
    let rows: Vec<(i64, String, serde_json::Value)> = sqlx::query_as(
        "select id, kind, body from outbox where recipient_id = $1 and status = 'queued' and not_before <= $2 \
         order by id for update skip locked",
    )
    .bind(person_id)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let mut sent = Vec::new();
    let mut deliveries = Vec::new();
    for (id, kind, body) in rows {
        match serde_json::from_value::<Reply>(body) {
            Ok(body) => {
                sent.push(id);
                deliveries.push(Delivery { id, kind, body });
            }
            Err(e) => {
                // Showing it empty would lose it in silence: it fails where the sender's
                // failures are kept, with the reason.
                tracing::error!(outbox_id = id, %kind, error = %e, "an outbox message could not be read; marked failed");
                sqlx::query(
                    "update outbox set status = 'failed', claimed_by = 'console', claimed_at = $2, \
                     attempts = attempts + 1, last_error = $3 where id = $1",
                )
                .bind(id)
                .bind(now)
                .bind(format!("unreadable body: {e}"))
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    sqlx::query(
        "update outbox set status = 'sent', sent_at = $2, claimed_by = 'console', claimed_at = $2, \
         attempts = attempts + 1 where id = any($1)",
    )
    .bind(&sent)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(deliveries)
}

/// Someone else with messages waiting.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Waiting {
    pub code: String,
    pub name: String,
    pub count: i64,
}

/// People other than `person_id` with queued messages, most waiting first (command menus,
/// which are not messages, left out).
pub async fn waiting(conn: &mut PgConnection, person_id: i64) -> Result<Vec<Waiting>, StoreError> {
    Ok(sqlx::query_as(
        "select p.code, p.name, count(*) as count from outbox o join people p on p.id = o.recipient_id \
         where o.status = 'queued' and o.recipient_id <> $1 and o.kind <> 'command_menu' \
         group by p.id, p.code, p.name \
         order by count(*) desc, p.code limit 10",
    )
    .bind(person_id)
    .fetch_all(conn)
    .await?)
}

/// A person the console can switch to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Persona {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub roles: Vec<String>,
}

/// People to try as: a few of each role, in the order a case meets them.
pub async fn personas(conn: &mut PgConnection, limit: i64) -> Result<Vec<Persona>, StoreError> {
    Ok(sqlx::query_as(
        "select id, code, name, roles from ( \
           select id, code, name, roles, row_number() over (partition by roles[1] order by id) as n \
           from people where cardinality(roles) > 0) p \
         where n <= 3 \
         order by case when 'cadre' = any(roles) then 0 when 'dispatcher' = any(roles) then 1 \
                       when 'officer' = any(roles) then 2 when 'leader' = any(roles) then 3 else 4 end, id \
         limit $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
