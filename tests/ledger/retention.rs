//! The daily retention job, with the clock driven: what it reduces and deletes, what it keeps
//! (the event log whole, and every update still recognized), and that it runs once a day.

use super::*;
use support::world::County;
use zhuqi::scheduler::Scheduler;
use zhuqi::scheduler::retention::Purged;
use zhuqi::store::inbox::{self, NewUpdate};
use zhuqi::store::{callbacks, strangers};

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(pool)
        .await
        .unwrap()
}

/// 03:30 in Shanghai on `day`: the default retention instant.
fn retention_instant(day: &str) -> DateTime<Utc> {
    at(&format!("{day} 03:30")) - Duration::hours(8)
}

/// A handled update from `user`, received and handled at `when`.
async fn handled_update(pool: &PgPool, update_id: i64, user: i64, when: DateTime<Utc>) {
    let payload = serde_json::json!({"update_id": update_id, "message": {
        "message_id": 1, "date": 1_780_000_000, "text": "企业用电难，电话 13800000000",
        "chat": {"id": user, "type": "private", "first_name": "x"},
        "from": {"id": user, "is_bot": false, "first_name": "x"}}});
    let row = NewUpdate {
        update_id,
        chat_id: user,
        payload,
    };
    inbox::store(pool, "telegram", &[row], when).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    inbox::mark_handled(&mut conn, "telegram", update_id, when)
        .await
        .unwrap();
}

async fn sent_notice(pool: &PgPool, person: i64, kind: &str, when: DateTime<Utc>) {
    sqlx::query(
        "insert into outbox (recipient_id, kind, due_at, not_before, body, status, sent_at) \
         values ($1, $2, $3, $3, '{\"text\": \"x\"}', 'sent', $3)",
    )
    .bind(person)
    .bind(kind)
    .bind(when)
    .execute(pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_retention_job_purges_what_is_kept_no_longer_and_keeps_the_event_log_whole() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = County::new(pool)
        .township("T1", "马召镇")
        .cadre("C1", "王建国")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .build()
        .await;
    let cadre = ids.id("C1");
    // A case with a process record of its own.
    support::world::case(
        pool,
        cadre,
        ids.id("E1"),
        Category::Transport,
        "厂区门前道路破损，货车进出困难",
        &[],
    )
    .await;
    let events_before = count(pool, "select count(*) from case_events").await;
    assert!(events_before > 0);

    let now = retention_instant("2027-03-10");
    // Updates handled 31 and 29 days ago, and one still waiting.
    handled_update(pool, 1, 7001, now - Duration::days(31)).await;
    handled_update(pool, 2, 7001, now - Duration::days(29) - Duration::hours(1)).await;
    let waiting = NewUpdate {
        update_id: 3,
        chat_id: 7001,
        payload: serde_json::json!({"update_id": 3, "message": {"text": "还没处理"}}),
    };
    inbox::store(pool, "telegram", &[waiting], now - Duration::days(40))
        .await
        .unwrap();
    // Button tokens: one expired, one still valid.
    let mut conn = pool.acquire().await.unwrap();
    let action = serde_json::json!({"op": "x"});
    let expired = callbacks::create(
        &mut conn,
        cadre,
        Some(7001),
        &action,
        now - Duration::days(10),
        Duration::days(7),
    )
    .await
    .unwrap();
    let valid = callbacks::create(
        &mut conn,
        cadre,
        Some(7001),
        &action,
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    // Refusals to strangers: two days old and an hour old.
    strangers::claim_refusal(
        &mut conn,
        "telegram",
        8001,
        now - Duration::days(2),
        Duration::hours(1),
    )
    .await
    .unwrap();
    strangers::claim_refusal(
        &mut conn,
        "telegram",
        8002,
        now - Duration::hours(1),
        Duration::hours(1),
    )
    .await
    .unwrap();
    drop(conn);
    // Sent notices 91 and 89 days ago, and one queued long ago (never sent: kept).
    sent_notice(pool, cadre, "old_notice", now - Duration::days(91)).await;
    sent_notice(pool, cadre, "recent_notice", now - Duration::days(89)).await;
    sqlx::query(
        "insert into outbox (recipient_id, kind, due_at, not_before, body) \
         values ($1, 'queued_notice', $2, $2, '{\"text\": \"x\"}')",
    )
    .bind(cadre)
    .bind(now - Duration::days(120))
    .execute(pool)
    .await
    .unwrap();

    // Digest keys and day counts 91 and 89 days old.
    let case_id: i64 = sqlx::query_scalar("select id from cases limit 1")
        .fetch_one(pool)
        .await
        .unwrap();
    for (kind, age) in [("old_fold", 91), ("recent_fold", 89)] {
        let when = now - Duration::days(age);
        sqlx::query(
            "insert into notice_folded (recipient_id, case_id, kind, due_at, folded_at) \
             values ($1, $2, $3, $4, $4)",
        )
        .bind(cadre)
        .bind(case_id)
        .bind(kind)
        .bind(when)
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into notice_totals (recipient_id, day, kind, named, folded) \
             values ($1, $2, $3, 1, 1)",
        )
        .bind(cadre)
        .bind(when.date_naive())
        .bind(kind)
        .execute(pool)
        .await
        .unwrap();
    }
    // Ticks of a job: two finished long ago (the latest of them is kept, it says when the job
    // last ran) and, of another job, one finished recently.
    for (job, age) in [("scan", 120), ("scan", 100), ("weekly", 1)] {
        sqlx::query(
            "insert into scheduler_ticks (job, scheduled_at, started_at, finished_at) \
             values ($1, $2, $2, $2)",
        )
        .bind(job)
        .bind(now - Duration::days(age))
        .execute(pool)
        .await
        .unwrap();
    }

    // A small batch, so that every step takes more than one.
    let mut settings = Settings::default();
    settings.retention.batch = 1;
    let scheduler =
        Scheduler::new(pool.clone(), settings, WorkCalendar::weekends_only(), "r").unwrap();
    let (instant, purged) = scheduler
        .run_retention_due(now, None)
        .await
        .unwrap()
        .expect("the job runs at its instant");
    assert_eq!(instant, now);
    assert_eq!(
        purged,
        Purged {
            updates_reduced: 1,
            tokens_deleted: 1,
            notices_deleted: 1,
            refusals_deleted: 1,
            digest_keys_deleted: 2,
            ticks_deleted: 1,
        }
    );
    let folds: Vec<String> = sqlx::query_scalar(
        "select kind from notice_folded union all select kind from notice_totals order by 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(folds, ["recent_fold", "recent_fold"]);
    assert_eq!(
        count(
            pool,
            "select count(*) from scheduler_ticks where job = 'scan'"
        )
        .await,
        1,
        "the job's latest tick is kept"
    );
    assert_eq!(
        count(
            pool,
            "select count(*) from scheduler_ticks where job = 'weekly'"
        )
        .await,
        1
    );

    let payload = |id: i64| async move {
        sqlx::query_scalar::<_, serde_json::Value>("select payload from inbox where update_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    assert_eq!(payload(1).await, serde_json::json!({"update_id": 1}));
    assert!(payload(2).await.get("message").is_some(), "29 days: kept");
    assert!(
        payload(3).await.get("message").is_some(),
        "not handled: kept"
    );
    // The reduced update is still known: delivered again, it is not stored again.
    let again = NewUpdate {
        update_id: 1,
        chat_id: 7001,
        payload: serde_json::json!({"update_id": 1, "message": {"text": "重复"}}),
    };
    assert_eq!(
        inbox::store(pool, "telegram", &[again], now).await.unwrap(),
        0
    );

    let tokens: Vec<String> = sqlx::query_scalar("select token from callback_tokens")
        .fetch_all(pool)
        .await
        .unwrap();
    assert_eq!(tokens, [valid]);
    assert_ne!(tokens[0], expired);
    let kinds: Vec<String> = sqlx::query_scalar("select kind from outbox order by kind")
        .fetch_all(pool)
        .await
        .unwrap();
    assert_eq!(kinds, ["queued_notice", "recent_notice"]);
    let refused: Vec<i64> = sqlx::query_scalar("select chat_id from stranger_refusals")
        .fetch_all(pool)
        .await
        .unwrap();
    assert_eq!(refused, [8002]);
    // The process record is never purged.
    assert_eq!(
        count(pool, "select count(*) from case_events").await,
        events_before
    );

    // Once a day: the same instant does not run again, the next day's does.
    assert_eq!(scheduler.run_retention_due(now, None).await.unwrap(), None);
    assert_eq!(
        scheduler
            .run_retention_due(now + Duration::hours(12), None)
            .await
            .unwrap(),
        None
    );
    let tomorrow = now + Duration::days(1);
    let (_, purged) = scheduler
        .run_retention_due(tomorrow, None)
        .await
        .unwrap()
        .expect("the next day's run");
    // Update 2 is now 30 days and a day old; the other recent notice still within 90 days.
    assert_eq!(purged.updates_reduced, 1);
    assert_eq!(purged.notices_deleted, 0);
    assert_eq!(
        count(
            pool,
            "select count(*) from scheduler_ticks where job = 'retention'"
        )
        .await,
        2
    );
    assert_eq!(
        count(pool, "select count(*) from case_events").await,
        events_before
    );
}
