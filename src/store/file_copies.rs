//! The ledger's own copies of the files people send: which still wait to be fetched from the
//! messenger, where each copy is kept (under the settings' files directory), and the list the
//! export zips.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// Attempts at a file that keeps failing (network, server) before it is given up as gone.
pub const MAX_ATTEMPTS: i32 = 12;

/// A file waiting for its copy.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ToCopy {
    pub id: i64,
    pub case_id: Option<i64>,
    pub kind: String,
    pub transport: String,
    pub file_id: String,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub copy_attempts: i32,
}

/// Takes up to `batch` files of these transports that wait for a copy and are due, for `hold`
/// (another process skips them meanwhile; a process that dies leaves them due again after it).
pub async fn claim(
    conn: &mut PgConnection,
    transports: &[&str],
    batch: i64,
    now: DateTime<Utc>,
    hold: Duration,
) -> Result<Vec<ToCopy>, StoreError> {
    let transports: Vec<String> = transports.iter().map(|t| t.to_string()).collect();
    Ok(sqlx::query_as(
        "update attachments a set copy_after = $3 from ( \
           select id from attachments where copy_state = 'pending' and transport = any($1) \
           and (copy_after is null or copy_after <= $2) order by id limit $4 for update skip locked \
         ) due where a.id = due.id \
         returning a.id, a.case_id, a.kind, a.transport, a.file_id, a.file_name, a.mime_type, a.copy_attempts",
    )
    .bind(&transports)
    .bind(now)
    .bind(now + hold)
    .bind(batch)
    .fetch_all(conn)
    .await?)
}

/// The copy of file `id` is kept at `path` (relative to the files directory).
pub async fn stored(
    conn: &mut PgConnection,
    id: i64,
    path: &str,
    bytes: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update attachments set copy_state = 'stored', stored_path = $2, stored_bytes = $3, stored_at = $4, \
         copy_error = null, copy_after = null where id = $1",
    )
    .bind(id)
    .bind(path)
    .bind(bytes)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Why a copy was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCopied {
    /// Over the size cap: never tried again.
    TooLarge,
    /// The messenger no longer has it: never tried again.
    Gone,
    /// Try again at the given instant (given up as gone after `MAX_ATTEMPTS`).
    Later(DateTime<Utc>),
}

/// Records a copy that was not made, with the error for the operator.
pub async fn not_copied(
    conn: &mut PgConnection,
    id: i64,
    why: NotCopied,
    error: &str,
) -> Result<(), StoreError> {
    let (state, after) = match why {
        NotCopied::TooLarge => ("too_large", None),
        NotCopied::Gone => ("gone", None),
        NotCopied::Later(at) => ("pending", Some(at)),
    };
    sqlx::query(
        "update attachments set copy_attempts = copy_attempts + 1, copy_error = $3, copy_after = $4, \
         copy_state = case when $2 = 'pending' and copy_attempts + 1 >= $5 then 'gone' else $2 end \
         where id = $1",
    )
    .bind(id)
    .bind(state)
    .bind(error)
    .bind(after)
    .bind(MAX_ATTEMPTS)
    .execute(conn)
    .await?;
    Ok(())
}

/// A file as the export lists and zips it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportedFile {
    pub id: i64,
    pub case_number: String,
    pub event_id: Option<i64>,
    pub kind: String,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub sender: String,
    pub created_at: DateTime<Utc>,
    /// pending, stored, too_large, gone or none
    pub copy_state: String,
    pub stored_path: Option<String>,
}

/// Every file of the county's cases, case by case.
pub async fn for_export(conn: &mut PgConnection) -> Result<Vec<ExportedFile>, StoreError> {
    Ok(sqlx::query_as(
        "select a.id, c.number as case_number, a.event_id, a.kind, a.file_name, a.mime_type, \
         p.name as sender, a.created_at, a.copy_state, a.stored_path \
         from attachments a join cases c on c.id = a.case_id join people p on p.id = a.created_by \
         order by c.number, a.created_at, a.id",
    )
    .fetch_all(conn)
    .await?)
}

/// Where a copy of this file goes, relative to the files directory: the case's folder (or
/// `unfiled` for a file not yet part of a case) and the attachment's id, with the extension of
/// its name or its kind.
pub fn relative_path(file: &ToCopy) -> String {
    let folder = file
        .case_id
        .map_or_else(|| "unfiled".to_string(), |id| id.to_string());
    format!("{folder}/{}.{}", file.id, extension(file))
}

fn extension(file: &ToCopy) -> String {
    let from_name = file
        .file_name
        .as_deref()
        .and_then(|n| Path::new(n).extension())
        .and_then(|e| e.to_str())
        .filter(|e| !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(str::to_ascii_lowercase);
    from_name.unwrap_or_else(|| {
        match (file.kind.as_str(), file.mime_type.as_deref()) {
            ("photo", _) | (_, Some("image/jpeg")) => "jpg",
            ("voice", _) | (_, Some("audio/ogg")) => "ogg",
            (_, Some("application/pdf")) => "pdf",
            (_, Some("image/png")) => "png",
            _ => "bin",
        }
        .to_string()
    })
}

/// Writes a copy under `dir` at `relative` (a temporary file renamed into place, so a copy is
/// whole or absent), on a blocking thread.
pub async fn write(dir: &Path, relative: &str, bytes: Vec<u8>) -> Result<(), StoreError> {
    let target: PathBuf = dir.join(relative);
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let partial = target.with_extension("part");
        std::fs::write(&partial, &bytes)?;
        std::fs::rename(&partial, &target)
    })
    .await??;
    Ok(())
}
