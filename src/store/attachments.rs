//! Files kept with a case: the messenger's references to them, never the bytes.

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
         size_bytes, caption, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
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
