//! A fresh, migrated database per test (or benchmark) on the real PostgreSQL server
//! (`DATABASE_URL`, or the private cluster), dropped when done.

use sqlx::AssertSqlSafe;
use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use zhuqi::config::Settings;
use zhuqi::store;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database of its own for one test.
pub struct TestDb {
    pub pool: PgPool,
    pub url: String,
    name: String,
    admin_url: String,
}

/// The server the tests use: `DATABASE_URL`'s, or the private cluster under the data folder
/// (started once per process).
pub fn server_url() -> String {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(find_server).clone()
}

fn find_server() -> String {
    let mut settings = Settings {
        data_dir: std::env::var("ZHUQI_DATA_DIR")
            .map(Into::into)
            .unwrap_or_else(|_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data")),
        ..Settings::default()
    };
    if let Ok(url) = std::env::var("DATABASE_URL")
        && !url.is_empty()
    {
        settings.database_url = Some(zhuqi::config::Secret::new(url));
    }
    match store::server_url(&settings) {
        Ok(url) => url,
        Err(e) => panic!("the tests need PostgreSQL and cannot reach it: {e}"),
    }
}

impl TestDb {
    /// Creates a fresh database as a copy of the migrated template (see `template`). Panics
    /// (failing the test loudly) when the server cannot be reached.
    pub async fn new() -> TestDb {
        let server = tokio::task::spawn_blocking(server_url)
            .await
            .expect("server_url panicked");
        let name = format!(
            "zhuqi_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            rand::random::<u32>()
        );
        let admin_pool = admin(&server).await;
        let template = template(&server, &admin_pool).await;
        sqlx::query(AssertSqlSafe(format!(
            "create database {name} template {template}"
        )))
        .execute(&admin_pool)
        .await
        .expect("create test database");
        admin_pool.close().await;
        let url = with_database(&server, &name);
        let pool = store::connect_url(&url, 20)
            .await
            .expect("connect to test database");
        // Nothing to do on a copy of the template; it is what the bot does on start.
        store::migrate(&pool).await.expect("migrate test database");
        TestDb {
            pool,
            url,
            name,
            admin_url: with_database(&server, "postgres"),
        }
    }
}

/// One connection to the server's `postgres` database.
async fn admin(server: &str) -> PgPool {
    let base =
        PgConnectOptions::from_str(server).expect("DATABASE_URL is not a valid PostgreSQL URL");
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect_with(base.database("postgres"))
        .await
        .unwrap_or_else(|e| panic!("the tests need PostgreSQL and cannot reach it: {e}"))
}

/// The migrated database every test database is copied from, named after the migrations (a
/// changed migration gets a new template and the old ones are dropped). Migrating once and
/// copying is about twice as fast as migrating every test's database. Built under an advisory
/// lock by the first test program that needs it, under another name and renamed when complete,
/// so a copy is never taken of half a template.
async fn template(server: &str, admin_pool: &PgPool) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for m in store::MIGRATOR.iter() {
        m.version.hash(&mut hasher);
        m.checksum.hash(&mut hasher);
    }
    let key = hasher.finish();
    let name = format!("zhuqi_template_{key:016x}");
    let mut conn = admin_pool.acquire().await.expect("admin connection");
    // Half the key: the advisory lock takes a bigint.
    let lock = i64::from(key as u32);
    sqlx::query("select pg_advisory_lock($1)")
        .bind(lock)
        .execute(&mut *conn)
        .await
        .expect("lock the template");
    let exists: bool =
        sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
            .bind(&name)
            .fetch_one(&mut *conn)
            .await
            .expect("look for the template");
    if !exists {
        let stale: Vec<String> = sqlx::query_scalar(
            "select datname from pg_database where datname like 'zhuqi\\_template\\_%'",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("list old templates");
        for old in stale {
            sqlx::query(AssertSqlSafe(format!(
                "drop database if exists {old} with (force)"
            )))
            .execute(&mut *conn)
            .await
            .expect("drop an old template");
        }
        let building = format!("{name}_building");
        sqlx::query(AssertSqlSafe(format!("create database {building}")))
            .execute(&mut *conn)
            .await
            .expect("create the template");
        let pool = store::connect_url(&with_database(server, &building), 2)
            .await
            .expect("connect to the template");
        store::migrate(&pool).await.expect("migrate the template");
        pool.close().await;
        sqlx::query(AssertSqlSafe(format!(
            "alter database {building} rename to {name}"
        )))
        .execute(&mut *conn)
        .await
        .expect("name the template");
    }
    sqlx::query("select pg_advisory_unlock($1)")
        .bind(lock)
        .execute(&mut *conn)
        .await
        .expect("unlock the template");
    name
}

/// Replaces the database of a PostgreSQL URL.
pub fn with_database(server: &str, db: &str) -> String {
    let (before_query, query) = match server.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (server, None),
    };
    let scheme_end = before_query.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match before_query[scheme_end..].find('/') {
        Some(i) => &before_query[..scheme_end + i],
        None => before_query,
    };
    match query {
        Some(q) => format!("{host_part}/{db}?{q}"),
        None => format!("{host_part}/{db}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Dropping runs outside the test's runtime, which may be shutting down.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(admin) = store::connect_url(&admin_url, 1).await {
                    let _ = sqlx::query(AssertSqlSafe(format!(
                        "drop database if exists {name} with (force)"
                    )))
                    .execute(&admin)
                    .await;
                    admin.close().await;
                }
            });
        })
        .join();
    }
}
