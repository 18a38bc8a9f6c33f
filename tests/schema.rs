//! The schema holds what the brief describes and refuses what the ledger must never allow.

/// The part of the tests' support these tests need: a fresh database and the world builder.
#[allow(dead_code)]
mod support {
    pub mod db;
    pub mod world;
}

use support::db::TestDb;
use support::world::County;

#[tokio::test]
async fn the_event_log_refuses_updates_and_deletes() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    County::new(pool)
        .township("T1", "马召镇")
        .cadre("P1", "张三")
        .enterprise("E1", "某公司", "T1", "P1")
        .build()
        .await;
    // The case and its event are written by hand: what is tested is the schema itself.
    let number: String = sqlx::query_scalar(
        "insert into cases (number, enterprise_id, township_id, category, difficulty, description, reported_by) \
         select next_case_number('ZZ', 2026), e.id, e.township_id, 'finance', 'simple', '贷款', e.cadre_id from enterprises e \
         returning number",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(number, "ZZ-2026-0001");
    sqlx::query("insert into case_events (case_id, kind) select id, 'reported' from cases")
        .execute(pool)
        .await
        .unwrap();

    let update = sqlx::query("update case_events set note = 'changed'")
        .execute(pool)
        .await;
    let delete = sqlx::query("delete from case_events").execute(pool).await;
    let truncate = sqlx::query("truncate case_events cascade")
        .execute(pool)
        .await;
    for result in [update, delete, truncate] {
        let err = result.expect_err("the event log must be append-only");
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    let count: i64 = sqlx::query_scalar("select count(*) from case_events")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn the_database_of_a_test_url_is_replaced_and_its_parameters_kept() {
    assert_eq!(
        support::db::with_database("postgres://u@h:1/a?x=1", "b"),
        "postgres://u@h:1/b?x=1"
    );
    assert_eq!(
        support::db::with_database("postgres://u@h:1", "b"),
        "postgres://u@h:1/b"
    );
}
