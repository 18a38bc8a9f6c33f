//! 督查 in the ledger: the demo county's inspections and rectification items (one closed by
//! its inspector, one red, one open), their append-only process record, the ledger's last
//! sheet (督查整改台账) with an unannounced visit's inspector written 督查组, and
//! `zhuqi inspections report`.

use std::sync::Arc;

use super::*;
use zhuqi::cli::{self, Command, InspectionsAction, Setup};
use zhuqi::clock::Clock;
use zhuqi::config::Secret;
use zhuqi::demo;
use zhuqi::domain::escalation_colour;
use zhuqi::i18n::t;
use zhuqi::reports::Request;
use zhuqi::reports::{self, PeriodSpec, Scope};
use zhuqi::store::inspections;
use zhuqi::store::rectifications;

const ZH: &str = "zh-CN";

async fn seeded() -> (TestDb, WorkCalendar) {
    let db = TestDb::new().await;
    let settings = Settings::default();
    let calendar = settings.calendar().unwrap();
    demo::seed(&db.pool, &settings, &calendar, at("2026-11-27 02:00"))
        .await
        .unwrap();
    (db, calendar)
}

#[tokio::test]
async fn the_demo_county_holds_inspections_and_a_closed_a_red_and_an_open_rectification() {
    let (db, calendar) = seeded().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let kinds: Vec<String> = sqlx::query_scalar("select kind from inspections order by id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(kinds, ["centralized", "unannounced", "follow_up"]);
    let items = rectifications::all(&mut conn, None).await.unwrap();
    let today = d("2026-11-27");
    let ladder = Settings::default().limits.ladder();
    let colour = |r: &rectifications::RectRow| {
        escalation_colour(r.status, Some(r.deadline), false, today, &calendar, ladder)
    };
    assert!(items.iter().any(|r| r.status == CaseStatus::Closed));
    assert!(
        items
            .iter()
            .any(|r| colour(r) == Some(zhuqi::domain::Colour::Red))
    );
    assert!(
        items
            .iter()
            .any(|r| r.status.is_open() && r.deadline > today)
    );
    let closed = items
        .iter()
        .find(|r| r.status == CaseStatus::Closed)
        .unwrap();
    let closer: Option<i64> = sqlx::query_scalar(
        "select actor_id from rectification_events where rectification_id = $1 and kind = 'closed'",
    )
    .bind(closed.id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(closer, Some(closed.inspector_id), "closed by its inspector");
}

#[tokio::test]
async fn the_rectification_record_refuses_updates_and_deletes() {
    let (db, _) = seeded().await;
    let update = sqlx::query("update rectification_events set note = 'changed'")
        .execute(&db.pool)
        .await;
    let delete = sqlx::query("delete from rectification_events")
        .execute(&db.pool)
        .await;
    for result in [update, delete] {
        let err = result.expect_err("the record is append-only");
        assert!(err.to_string().contains("append-only"), "{err}");
    }
}

#[tokio::test]
async fn the_ledger_ends_with_the_rectification_sheet_naming_no_unannounced_inspector() {
    let (db, _) = seeded().await;
    let mut conn = db.pool.acquire().await.unwrap();
    // The unannounced visit's finding becomes an item too.
    let visit: i64 = sqlx::query_scalar("select id from inspections where kind = 'unannounced'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let found = inspections::findings(&mut conn, visit).await.unwrap();
    let inspector = inspections::by_id(&mut conn, visit).await.unwrap().unwrap();
    let department: i64 = sqlx::query_scalar("select min(id) from departments")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    rectifications::create(
        &mut conn,
        found[0].id,
        department,
        d("2026-12-04"),
        inspector.inspector_id,
        at("2026-11-27 03:00"),
    )
    .await
    .unwrap();
    let settings = Settings::default();
    let xlsx = reports::export_xlsx_bytes(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::ThisMonth,
            d("2026-11-27"),
            &settings,
            &settings.calendar().unwrap(),
        ),
        ZH,
    )
    .await
    .unwrap();
    let workbook = xlsx_part(&xlsx, "xl/workbook.xml");
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let place = names
        .iter()
        .position(|n| *n == t(ZH, "inspections-sheet"))
        .expect("the rectification sheet")
        + 1;
    let texts = sheet_texts(&xlsx, place);
    assert!(
        texts.iter().any(|c| c.contains("ZG-2026-0004")),
        "{texts:?}"
    );
    assert!(texts.contains(&t(ZH, "inspections-team")), "{texts:?}");
    assert!(
        texts.iter().all(|c| !c.contains(&inspector.inspector_name)),
        "the unannounced visit's inspector is not in the ledger: {texts:?}"
    );
}

#[tokio::test]
async fn zhuqi_inspections_report_prints_the_period_and_writes_its_ledger() {
    let (db, _) = seeded().await;
    let out = std::env::temp_dir().join(format!(
        "zhuqi-inspections-{}-{}.xlsx",
        std::process::id(),
        rand::random::<u32>()
    ));
    let setup = Setup {
        settings: Settings {
            database_url: Some(Secret::new(db.url.clone())),
            ..Settings::default()
        },
        calendar: Arc::new(WorkCalendar::weekends_only()),
        clock: Clock::system(),
    };
    let report = |from: &str, to: &str, output| InspectionsAction::Report {
        from: from.into(),
        to: to.into(),
        output,
        lang: ZH.into(),
    };
    cli::run(
        Command::Inspections {
            action: report("2026-11-01", "2026-11-30", Some(out.clone())),
        },
        setup,
    )
    .await
    .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"));
    std::fs::remove_file(&out).unwrap();
    let setup = Setup {
        settings: Settings::default(),
        calendar: Arc::new(WorkCalendar::weekends_only()),
        clock: Clock::system(),
    };
    let backwards = cli::run(
        Command::Inspections {
            action: report("2026-11-30", "2026-11-01", None),
        },
        setup,
    )
    .await
    .expect_err("a range that ends before it starts");
    assert!(backwards.to_string().contains("2026-11-30..2026-11-01"));
}
