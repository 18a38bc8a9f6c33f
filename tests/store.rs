//! The store's boundary: a refused or impossible change comes back as an error that names what
//! went wrong, and nothing it cannot read is passed on as something else.

#[allow(dead_code)]
mod support {
    pub mod db;
    pub mod world;
}

use chrono::{DateTime, TimeZone, Utc};
use sqlx::PgConnection;

use support::db::TestDb;
use zhuqi::conversation::Reply;
use zhuqi::domain::{Category, Difficulty, Role, Roles};
use zhuqi::store::cases::{self, NewCase};
use zhuqi::store::roster::{self, EnterpriseRecord, PersonRecord, TownshipRecord};
use zhuqi::store::{StoreError, console, people};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 1, 0, 0).unwrap()
}

fn township() -> TownshipRecord {
    TownshipRecord {
        code: "T1".into(),
        name: "青岚镇".into(),
    }
}

/// A township, a cadre and the enterprise paired with them; returns the cadre's and the
/// enterprise's ids.
async fn small_county(conn: &mut PgConnection) -> (i64, i64) {
    let township = roster::insert_record(conn, &township(), false, now())
        .await
        .unwrap();
    let cadre = roster::insert_record(
        conn,
        &PersonRecord {
            code: "P1".into(),
            name: "王干部".into(),
            phone: None,
            roles: Roles::from_codes(&[Role::Cadre.code().to_string()]).codes(),
            department_id: None,
            section_id: None,
            township_id: None,
            locale: "zh-CN".into(),
        },
        false,
        now(),
    )
    .await
    .unwrap();
    let enterprise = roster::insert_record(
        conn,
        &EnterpriseRecord {
            code: "E1".into(),
            name: "青岚机械厂".into(),
            kind: "enterprise".into(),
            township_id: township,
            industry: None,
            cadre_id: Some(cadre),
            contact_name: None,
            contact_phone: None,
        },
        false,
        now(),
    )
    .await
    .unwrap();
    (cadre, enterprise)
}

#[tokio::test]
async fn a_roster_code_already_taken_is_named_as_a_duplicate() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    roster::insert_record(&mut conn, &township(), false, now())
        .await
        .unwrap();
    let again = roster::insert_record(&mut conn, &township(), false, now()).await;
    assert!(
        matches!(&again, Err(StoreError::Duplicate { what: "township", key }) if key == "T1"),
        "{again:?}"
    );
}

#[tokio::test]
async fn updating_a_roster_row_that_is_gone_is_not_found() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let id = roster::insert_record(&mut conn, &township(), false, now())
        .await
        .unwrap();
    roster::update_record(&mut conn, id, &township(), now())
        .await
        .unwrap();
    let gone = roster::update_record(&mut conn, id + 1, &township(), now()).await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
}

#[tokio::test]
async fn a_language_is_recorded_at_the_instant_given_and_only_for_someone_on_the_roster() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let (cadre, _) = small_county(&mut conn).await;
    let later = now() + chrono::Duration::days(3);
    people::set_locale(&mut conn, cadre, "en", later)
        .await
        .unwrap();
    let (locale, updated_at): (String, DateTime<Utc>) =
        sqlx::query_as("select locale, updated_at from people where id = $1")
            .bind(cadre)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!((locale.as_str(), updated_at), ("en", later));
    let nobody = people::set_locale(&mut conn, cadre + 1, "en", later).await;
    assert!(matches!(nobody, Err(StoreError::NotFound)), "{nobody:?}");
}

#[tokio::test]
async fn a_case_whose_stored_status_this_version_does_not_know_cannot_be_read() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let (cadre, enterprise) = small_county(&mut conn).await;
    let actor = people::by_id(&mut conn, cadre)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let case = cases::report(
        &mut conn,
        "ZZ",
        &actor,
        &NewCase {
            enterprise_id: enterprise,
            category: Category::Finance,
            difficulty: Difficulty::Moderate,
            description: "流动资金紧张".into(),
        },
        now(),
        2026,
    )
    .await
    .unwrap();
    assert!(cases::by_id(&mut conn, case.id).await.unwrap().is_some());

    // A status written by a later version of the program.
    sqlx::query("alter table cases drop constraint cases_status_check")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("update cases set status = 'paused' where id = $1")
        .bind(case.id)
        .execute(&mut *conn)
        .await
        .unwrap();
    let read = cases::by_id(&mut conn, case.id).await;
    let error = read.expect_err("an unknown status is an error, not another status");
    assert!(format!("{error:?}").contains("paused"), "{error:?}");
}

#[tokio::test]
async fn an_unreadable_message_for_the_console_is_marked_failed_not_shown_empty() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let (cadre, _) = small_county(&mut conn).await;
    let readable = serde_json::to_value(Reply::text("你好")).unwrap();
    for (due, body) in [
        (now(), readable),
        (
            now() + chrono::Duration::seconds(1),
            serde_json::json!("not a reply"),
        ),
    ] {
        sqlx::query(
            "insert into outbox (recipient_id, kind, due_at, body, not_before) \
             values ($1, 'test', $2, $3, $2)",
        )
        .bind(cadre)
        .bind(due)
        .bind(body)
        .execute(&mut *conn)
        .await
        .unwrap();
    }

    let taken = console::take(&mut conn, cadre, now() + chrono::Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(
        taken
            .iter()
            .map(|d| d.body.text.as_str())
            .collect::<Vec<_>>(),
        ["你好"]
    );
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("select status, last_error from outbox order by id")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    assert_eq!(rows[0], ("sent".to_string(), None));
    assert_eq!(rows[1].0, "failed");
    assert!(
        rows[1]
            .1
            .as_deref()
            .is_some_and(|e| e.starts_with("unreadable body")),
        "{rows:?}"
    );
}
