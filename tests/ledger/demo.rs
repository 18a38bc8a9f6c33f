//! The demo county.

use super::import::with_townships;
use super::*;
use zhuqi::demo;

/// The working-day calendar the demo is seeded with: the one the default settings name.
fn calendar() -> WorkCalendar {
    Settings::default().calendar().unwrap()
}

async fn demo_cases(pool: &PgPool) -> Vec<(String, String, String, Option<NaiveDate>)> {
    sqlx::query_as("select number, status, description, deadline from cases order by number")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_demo_fills_an_empty_ledger_with_cases_in_every_status() {
    let db = TestDb::new().await;
    let settings = Settings::default();
    let now = at("2026-11-27 02:00");
    assert!(!demo::is_seeded(&db.pool).await.unwrap());
    let report = demo::seed(&db.pool, &settings, &calendar(), now)
        .await
        .unwrap();
    assert!(!report.already_seeded);
    assert!(demo::is_seeded(&db.pool).await.unwrap());
    let c = &report.counts;
    assert_eq!((c.townships, c.enterprises), (10, 155));
    assert!(c.cases >= 150 && c.visits > 100, "{c:?}");
    for status in CaseStatus::ALL {
        let n = c
            .by_status
            .iter()
            .find(|(s, _)| s == status.code())
            .map_or(0, |(_, n)| *n);
        assert!(n > 0, "no demo case is {status:?}");
    }

    let pool = &db.pool;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    assert_eq!(
        count("select count(*) from people where 'cadre' = any(roles)").await,
        40
    );
    assert_eq!(
        count("select count(*) from people where 'leader' = any(roles)").await,
        3
    );
    assert_eq!(
        count("select count(*) from people where 'dispatcher' = any(roles)").await,
        1
    );
    assert_eq!(count("select count(*) from category_routes").await, 9);
    assert_eq!(
        count(
            "select count(*) from departments where head_id is null or default_assignee_id is null"
        )
        .await,
        0
    );
    assert_eq!(
        count("select count(*) from enterprises where cadre_id is null").await,
        0
    );
    assert_eq!(
        count("select count(*) from enterprises where kind = 'project'").await,
        35
    );
    assert_eq!(
        count("select count(*) from enterprises where name not like '%（演示）'").await,
        0
    );
    for table in [
        "townships",
        "departments",
        "people",
        "enterprises",
        "cases",
        "visits",
    ] {
        let real: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "select count(*) from {table} where not is_demo"
        )))
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(real, 0, "{table}");
    }
    // The process record is real: every case starts with its report, and its status is where
    // its last status-changing event left it, never after `now`.
    assert_eq!(
        count("select count(*) from cases c where (select kind from case_events e where e.case_id = c.id order by id limit 1) <> 'reported'").await,
        0
    );
    assert_eq!(
        count("select count(*) from cases c where c.status <> (select to_status from case_events e where e.case_id = c.id and to_status is not null order by id desc limit 1)").await,
        0
    );
    assert_eq!(
        count("select count(*) from case_events e join lateral (select created_at from case_events p where p.case_id = e.case_id and p.id < e.id order by p.id desc limit 1) prev on true where prev.created_at > e.created_at").await,
        0,
        "events of a case are in time order"
    );
    let latest: DateTime<Utc> = sqlx::query_scalar("select max(created_at) from case_events")
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(latest <= now);
    assert!(count("select count(*) from supervision_orders").await > 0);
    assert!(count("select count(*) from milestones").await > 0);
    assert!(count("select count(*) from case_events where kind = 'reopened'").await > 0);
    assert!(count("select count(*) from cases where status in ('dispatched', 'accepted', 'in_progress') and deadline < date '2026-11-27'").await > 0, "some cases are overdue");

    // The hints name real people the console can speak as.
    let codes: Vec<&str> = report.hints.iter().map(|h| h.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            demo::CADRE,
            demo::DISPATCHER,
            demo::OFFICER,
            demo::LEADER,
            demo::ADMIN
        ]
    );
    let mut conn = pool.acquire().await.unwrap();
    for hint in &report.hints {
        let p = zhuqi::store::people::by_code(&mut conn, &hint.code)
            .await
            .unwrap()
            .unwrap();
        assert!(p.roles.has(hint.role), "{hint:?}");
    }
    let lines = demo::report_lines("en", &report);
    let hint = &report.hints[0];
    assert!(
        lines.contains(&tr(
            "en",
            "cli-demo-hint",
            Args::new()
                .str("role", tr("en", "role-cadre", Args::new()))
                .str("code", &hint.code)
                .str("name", &hint.name)
        ))
    );

    // A second run finds it there and adds nothing.
    let before = demo_cases(pool).await;
    let again = demo::seed(pool, &settings, &calendar(), now + Duration::days(1))
        .await
        .unwrap();
    assert!(again.already_seeded);
    assert_eq!(again.counts, report.counts);
    assert_eq!(demo_cases(pool).await, before);
    assert_eq!(
        demo::report_lines("zh-CN", &again)[0],
        tr("zh-CN", "cli-demo-already", Args::new())
    );
}

#[tokio::test]
async fn the_demo_is_the_same_for_the_same_instant() {
    let settings = Settings::default();
    let now = at("2026-11-27 02:00");
    let first = TestDb::new().await;
    demo::seed(&first.pool, &settings, &calendar(), now)
        .await
        .unwrap();
    let second = TestDb::new().await;
    demo::seed(&second.pool, &settings, &calendar(), now)
        .await
        .unwrap();
    assert_eq!(
        demo_cases(&first.pool).await,
        demo_cases(&second.pool).await
    );
}

#[tokio::test]
async fn the_demo_refuses_a_ledger_with_a_real_roster() {
    let db = with_townships().await;
    let err = demo::seed(
        &db.pool,
        &Settings::default(),
        &calendar(),
        at("2026-11-27 02:00"),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, DemoError::RosterNotEmpty));
    assert!(!demo::is_seeded(&db.pool).await.unwrap());
    let townships: i64 = sqlx::query_scalar("select count(*) from townships")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(townships, 2);
}
