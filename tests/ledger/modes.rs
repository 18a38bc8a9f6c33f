//! Service modes (帮办 / 陪办 / 代办) in the ledger: the demo county has cases in every mode
//! and a 代办 case with a document still out, which the ledger will not let its officer
//! resolve; the export carries the mode column and the documents sheet.

use super::*;
use zhuqi::reports::Request;
use zhuqi::reports::{self, PeriodSpec, Scope};
use zhuqi::store::people;

#[tokio::test]
async fn the_demo_has_cases_in_every_service_mode_and_the_export_shows_them() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let settings = seed_demo(pool).await;
    let now = at("2026-11-27 02:00");

    let by_mode: Vec<(String, i64)> = sqlx::query_as(
        "select service_mode, count(*) from cases where service_mode is not null \
         group by service_mode order by service_mode",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        by_mode,
        vec![
            ("accompany".to_string(), 1),
            ("handle".to_string(), 2),
            ("help".to_string(), 2)
        ]
    );
    let accompanied: i64 = sqlx::query_scalar("select count(*) from case_accompaniments")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(accompanied, 2);

    // The 代办 case with a document out: its officer cannot resolve it.
    let (case_id, assignee): (i64, i64) = sqlx::query_as(
        "select c.id, c.assignee_id from cases c where exists \
         (select 1 from case_documents d where d.case_id = c.id and d.returned_at is null)",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let officer = people::by_id(&mut conn, assignee)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let refused = cases::act(
        &mut conn,
        case_id,
        &officer,
        &Action::Resolve {
            answer: "已办结".into(),
        },
        now,
    )
    .await;
    assert!(matches!(refused, Err(CaseError::Mode(_))), "{refused:?}");

    // The ledger's last column is the mode; the fourth sheet lists the five documents.
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let calendar = settings.calendar().unwrap();
    let report = Request::new(
        Scope::County,
        PeriodSpec::ThisMonth,
        today,
        &settings,
        &calendar,
    );
    let csv = reports::export_csv_bytes(&mut conn, &report, "zh-CN")
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().next_back(),
        Some(zhuqi::i18n::t("zh-CN", "modes-col-service-mode").as_str())
    );
    let handled = zhuqi::i18n::t("zh-CN", "modes-mode-handle");
    let marked = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r.iter().next_back() == Some(handled.as_str()))
        .count();
    assert_eq!(marked, 2);
    let xlsx = reports::export_xlsx_bytes(&mut conn, &report, "zh-CN")
        .await
        .unwrap();
    // The documents' sheet, found by its name.
    let (_, _, sheet) = sheet_named(xlsx, &zhuqi::i18n::t("zh-CN", "modes-sheet-documents"));
    assert_eq!(sheet.matches("<row ").count(), 1 + 3, "{sheet}");
}
