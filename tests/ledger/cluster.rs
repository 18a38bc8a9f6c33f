//! The private PostgreSQL cluster (used when `DATABASE_URL` is unset) lets no one in without
//! its password, and a cluster made by an older version, which trusted local connections, is
//! secured on start.

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use zhuqi::store::cluster;

/// A data folder of its own under the target directory, removed when done (its cluster
/// stopped first).
struct DataDir(PathBuf);

impl DataDir {
    fn new(name: &str) -> DataDir {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("cluster-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        DataDir(dir)
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        if let Err(e) = cluster::stop(&self.0) {
            eprintln!("could not stop the test cluster: {e}");
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn connect(url: &str) -> Result<PgConnection, sqlx::Error> {
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .database("postgres");
    PgConnection::connect_with(&options).await
}

/// The URL without its password.
fn without_password(url: &str) -> String {
    let mut parsed = url::Url::parse(url).unwrap();
    parsed.set_password(None).unwrap();
    parsed.to_string()
}

/// Connecting without the password fails with PostgreSQL's authentication error (28P01), or
/// (no password to offer at all) with the client's refusal to go on without one.
async fn assert_refused(url: &str) {
    for attempt in [without_password(url), {
        let mut wrong = url::Url::parse(url).unwrap();
        wrong.set_password(Some("not-the-password")).unwrap();
        wrong.to_string()
    }] {
        match connect(&attempt).await {
            Ok(_) => panic!("{attempt} was let in"),
            Err(sqlx::Error::Database(e)) => {
                assert_eq!(e.code().as_deref(), Some("28P01"), "{e}");
            }
            Err(e) => {
                let text = e.to_string();
                assert!(text.contains("password"), "{attempt}: {text}");
            }
        }
    }
}

fn started(dir: &Path) -> String {
    cluster::ensure_running(dir).expect("the private cluster starts")
}

#[tokio::test]
async fn the_private_cluster_refuses_a_connection_without_its_password() {
    let dir = DataDir::new("secured");
    let url = tokio::task::spawn_blocking({
        let dir = dir.0.clone();
        move || started(&dir)
    })
    .await
    .unwrap();
    assert_refused(&url).await;
    // With the password, the owner of the data folder gets in.
    let mut conn = connect(&url).await.expect("the password lets one in");
    let one: i32 = sqlx::query_scalar("select 1")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(one, 1);
    drop(conn);
    // The password is kept in the data folder, readable by its owner only, and nothing in
    // pg_hba.conf trusts anyone.
    let file = dir.0.join("pg.password");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let password = std::fs::read_to_string(&file).unwrap();
    assert!(url.contains(password.trim()));
    let hba = std::fs::read_to_string(dir.0.join("pg/pg_hba.conf")).unwrap();
    assert!(
        !hba.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .any(|l| l.split_whitespace().any(|w| w == "trust")),
        "{hba}"
    );
    // Started again (a second process), it hands out the same URL.
    let again = tokio::task::spawn_blocking({
        let dir = dir.0.clone();
        move || started(&dir)
    })
    .await
    .unwrap();
    assert_eq!(again, url);
}

#[tokio::test]
async fn a_cluster_that_trusted_local_connections_is_secured_in_place_on_start() {
    let dir = DataDir::new("upgraded");
    let first = tokio::task::spawn_blocking({
        let dir = dir.0.clone();
        move || started(&dir)
    })
    .await
    .unwrap();
    // Make it what an older version left: trust for every local connection, no password file.
    let mut conn = connect(&first).await.unwrap();
    sqlx::query("create table kept (note text)")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("insert into kept values ('数据还在')")
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);
    cluster::stop(&dir.0).unwrap();
    let hba = dir.0.join("pg/pg_hba.conf");
    std::fs::write(
        &hba,
        "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n",
    )
    .unwrap();
    std::fs::remove_file(dir.0.join("pg.password")).unwrap();
    let old_password = url::Url::parse(&first)
        .unwrap()
        .password()
        .unwrap()
        .to_string();

    let url = tokio::task::spawn_blocking({
        let dir = dir.0.clone();
        move || started(&dir)
    })
    .await
    .unwrap();
    assert!(!url.contains(&old_password), "a new password was made");
    assert_refused(&url).await;
    let mut conn = connect(&url).await.expect("the new password lets one in");
    let note: String = sqlx::query_scalar("select note from kept")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(note, "数据还在", "upgraded in place: the data is kept");
}
