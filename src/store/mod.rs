//! PostgreSQL, the county's work ledger. All SQL lives in this module, one file per aggregate.

pub mod cluster;

use sqlx::AssertSqlSafe;
use sqlx::Connection as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

use crate::config::Settings;

/// The connection every store function takes, named here so that callers need not know sqlx.
pub use sqlx::{PgConnection, PgPool};

/// The database driver's error, as callers outside the store name it (for `?` on a commit).
pub use sqlx::Error as DbError;

/// A transaction on the ledger; begun inside another one it is a savepoint.
pub type Tx<'c> = sqlx::Transaction<'c, sqlx::Postgres>;

/// Begins a savepoint inside the caller's transaction: rolled back alone, or kept with it.
pub async fn savepoint(conn: &mut PgConnection) -> Result<Tx<'_>, StoreError> {
    use sqlx::Connection;
    Ok(conn.begin().await?)
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Everything the store can fail with. A database error is turned into this by `map_err`
/// (also behind `?`), so a constraint's name always survives as `Constraint`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Cluster(#[from] cluster::ClusterError),
    #[error("database error: {0}")]
    Db(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A row the operation needs does not exist.
    #[error("not found")]
    NotFound,
    /// A code (of a township, department, person, enterprise) that another row already holds.
    #[error("the {what} code {key:?} is already taken")]
    Duplicate { what: &'static str, key: String },
    /// A named constraint refused the change: a domain fact, not a crash.
    #[error("refused by {0}")]
    Constraint(String),
    /// A JSON value could not be written, or a stored one could not be read back.
    #[error("stored JSON could not be read or written: {0}")]
    Json(#[from] serde_json::Error),
    /// A file of the ledger's own (a copy of a file people sent) could not be written or read.
    #[error("file storage: {0}")]
    Io(#[from] std::io::Error),
    /// A blocking task the store ran on another thread did not finish.
    #[error("a background task of the store failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl From<sqlx::Error> for StoreError {
    /// `?` on a database error goes through `map_err`, never around it.
    fn from(e: sqlx::Error) -> Self {
        map_err(e)
    }
}

impl StoreError {
    /// Whether the database could not be reached (as opposed to refusing a statement).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Db(e) => is_unavailable(e),
            _ => false,
        }
    }

    /// The name of the constraint that refused the change, if one did.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            StoreError::Constraint(name) => Some(name),
            _ => None,
        }
    }
}

/// A `like`/`ilike` pattern that finds `words` anywhere, with `%`, `_` and `\` taken literally.
pub fn contains_pattern(words: &str) -> String {
    let escaped = words
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Maps a database error to `StoreError`, naming the constraint when one refused the change.
pub fn map_err(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e
        && let Some(c) = db.constraint()
    {
        return StoreError::Constraint(c.to_string());
    }
    StoreError::Db(e)
}

/// PostgreSQL's own words for an error among the causes of a failure, for the operator:
/// sqlx's text of it adds the line of the server's source code it was raised at.
/// (sqlx gives the server's error as the source of its own, boxed.)
pub fn server_message(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    cause
        .downcast_ref::<Box<dyn sqlx::error::DatabaseError>>()
        .map(|db| db.message().to_string())
}

/// Whether an error means the server is unreachable (restart, network cut, pool exhausted).
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    matches!(
        e,
        sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Tls(_)
    ) || matches!(e, sqlx::Error::Database(db) if db.code().is_some_and(|c| c.starts_with("57P") || c.starts_with("08")))
}

/// The server URL to use: `DATABASE_URL`, or the private cluster's (which is started if needed).
pub fn server_url(settings: &Settings) -> Result<String, StoreError> {
    match &settings.database_url {
        Some(url) => Ok(url.expose().to_string()),
        None => Ok(format!(
            "{}/zhuqi",
            cluster::ensure_running(&settings.data_dir)?
        )),
    }
}

/// Connects to the ledger, creating the database when the private cluster is in use.
pub async fn connect(settings: &Settings) -> Result<PgPool, StoreError> {
    let url = {
        let settings = settings.clone();
        tokio::task::spawn_blocking(move || server_url(&settings)).await??
    };
    if settings.database_url.is_none() {
        create_database_if_missing(&url).await?;
    }
    connect_url(&url, 10).await
}

pub async fn connect_url(url: &str, max_connections: u32) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url)?.application_name("zhuqi");
    let pool_options = || {
        PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(5))
    };
    match pool_options().connect_with(options.clone()).await {
        Ok(pool) => Ok(pool),
        // The pool says only that it timed out; one connection of our own says why (refused,
        // no such host, password, no such database). If that one gets through, the pool is
        // tried once more.
        Err(sqlx::Error::PoolTimedOut) => {
            let direct =
                tokio::time::timeout(Duration::from_secs(5), PgConnection::connect_with(&options))
                    .await;
            match direct {
                Ok(Ok(conn)) => {
                    let _ = conn.close().await;
                    Ok(pool_options().connect_with(options).await?)
                }
                Ok(Err(cause)) => Err(cause.into()),
                Err(_) => Err(sqlx::Error::PoolTimedOut.into()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// Creates the database named in `url` when it does not exist yet.
pub async fn create_database_if_missing(url: &str) -> Result<(), StoreError> {
    let options = PgConnectOptions::from_str(url)?;
    let name = options.get_database().unwrap_or("zhuqi").to_string();
    let admin = options.database("postgres");
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(admin)
        .await?;
    let exists: bool =
        sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
            .bind(&name)
            .fetch_one(&pool)
            .await?;
    if !exists {
        let sql = format!("create database \"{}\"", name.replace('"', "\"\""));
        if let Err(e) = sqlx::query(AssertSqlSafe(sql)).execute(&pool).await {
            // Another process may have created it meanwhile.
            if !matches!(&e, sqlx::Error::Database(db) if db.code().as_deref() == Some("42P04")) {
                return Err(e.into());
            }
        }
    }
    pool.close().await;
    Ok(())
}

pub async fn migrate(pool: &PgPool) -> Result<(), StoreError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}

pub mod access;
pub mod accounts;
pub mod approval;
pub mod assessment;
pub mod attachments;
pub mod audit;
pub mod callbacks;
pub mod cases;
pub mod console;
pub mod contacts;
pub mod conversations;
pub mod corrections;
pub mod deadlines;
pub mod delivery;
pub mod departments;
pub mod enterprises;
pub mod export;
pub mod extensions;
pub mod figures;
pub mod file_copies;
pub mod group_chats;
pub mod groups;
pub mod handover;
pub mod inbox;
pub mod inspections;
pub mod invite_attempts;
pub mod invites;
pub mod measures;
pub mod menus;
pub mod milestones;
pub mod outbox;
pub mod people;
pub mod project_board;
pub mod projects;
pub mod queues;
pub mod rectifications;
pub mod reminders;
pub mod retention;
pub mod rollup;
pub mod roster;
pub mod selection;
pub mod service_modes;
pub mod strangers;
pub mod summaries;
pub mod team;
pub mod ticks;
pub mod typical;
mod values;
pub use values::Values;
pub mod visits;
pub mod wecom;

/// How many migrations the ledger has applied.
pub async fn applied_migrations(pool: &PgPool) -> Result<i64, StoreError> {
    let applied: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(pool)
        .await?;
    Ok(applied)
}
