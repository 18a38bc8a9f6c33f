//! Files kept with a case: the messenger's references to them (the ledger's own copies of the
//! bytes are `file_copies`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;

use super::StoreError;

/// A file someone sent, as the messenger describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// photo, document, voice or location
    pub kind: String,
    pub file_id: String,
    pub file_unique_id: Option<String>,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub caption: Option<String>,
}

/// Keeps a file with a case (and the event it came with, if any).
pub async fn add(
    conn: &mut PgConnection,
    case_id: i64,
    event_id: Option<i64>,
    transport: &str,
    file: &FileRef,
    created_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into attachments (case_id, event_id, kind, transport, file_id, file_unique_id, file_name, mime_type, \
         size_bytes, caption, created_by, created_at, copy_state) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         case when $3 = 'location' then 'none' else 'pending' end) returning id",
    )
    .bind(case_id)
    .bind(event_id)
    .bind(&file.kind)
    .bind(transport)
    .bind(&file.file_id)
    .bind(file.file_unique_id.as_deref())
    .bind(file.file_name.as_deref())
    .bind(file.mime_type.as_deref())
    .bind(file.size_bytes)
    .bind(file.caption.as_deref())
    .bind(created_by)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// How many files a case holds.
pub async fn count(conn: &mut PgConnection, case_id: i64) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("select count(*) from attachments where case_id = $1")
            .bind(case_id)
            .fetch_one(conn)
            .await?,
    )
}

/// A file kept with a case, as the case's file list shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub event_id: Option<i64>,
    /// photo, document, voice or location
    pub kind: String,
    pub transport: String,
    pub file_id: String,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub caption: Option<String>,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// A case's files, oldest first.
pub async fn of_case(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<AttachmentRow>, StoreError> {
    Ok(sqlx::query_as(
        "select a.id, a.event_id, a.kind, a.transport, a.file_id, a.file_name, a.mime_type, a.size_bytes, a.caption, \
         p.name as created_by_name, a.created_at from attachments a join people p on p.id = a.created_by \
         where a.case_id = $1 order by a.created_at, a.id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// How many files came with each event of a case: (event id, count).
pub async fn per_event(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "select event_id, count(*) from attachments where case_id = $1 and event_id is not null group by event_id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// Files this person sent for the case since its previous event, waiting for the note they
/// came with: they become attachments of `event_id`, the event that note made.
pub(super) async fn link_to_event(
    conn: &mut PgConnection,
    case_id: i64,
    actor_id: i64,
    event_id: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "update attachments set event_id = $3 where case_id = $1 and created_by = $2 and event_id is null \
         and created_at > coalesce((select max(created_at) from case_events where case_id = $1 and id <> $3), \
         '-infinity'::timestamptz)",
    )
    .bind(case_id)
    .bind(actor_id)
    .bind(event_id)
    .execute(conn)
    .await?;
    Ok(())
}
