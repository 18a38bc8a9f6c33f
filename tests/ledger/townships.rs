//! Townships (乡镇, 块) in the ledger: township people imported from the people file with
//! their township's code and the Chinese role names; the assessment's township table.

use super::import::{import_text, with_townships};
use super::*;
use support::world;
use zhuqi::reports::Request;
use zhuqi::reports::assess::{Subject, assessment};
use zhuqi::reports::{PeriodSpec, Scope};
use zhuqi::store::people;

#[tokio::test]
async fn township_people_are_imported_with_their_townships_code_and_chinese_role_names() {
    let db = with_townships().await;
    let csv = "编码,姓名,角色,乡镇\nTP1,马镇长,乡镇负责人,T1\nTP2,柳联络,联络员、助企干部,T2\n";
    let report = import_text(&db.pool, ImportKind::People, csv)
        .await
        .unwrap();
    assert_eq!(report.inserted, 2);
    let mut conn = db.pool.acquire().await.unwrap();
    let t1: i64 = sqlx::query_scalar("select id from townships where code = 'T1'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let ma = people::by_code(&mut conn, "TP1").await.unwrap().unwrap();
    assert!(ma.roles.has(Role::Township));
    assert_eq!(ma.township_id, Some(t1));
    let liu = people::by_code(&mut conn, "TP2").await.unwrap().unwrap();
    assert!(liu.roles.has(Role::Township) && liu.roles.has(Role::Cadre));

    // The same file again changes nothing; a file without the column keeps the township.
    let again = import_text(&db.pool, ImportKind::People, csv)
        .await
        .unwrap();
    assert_eq!(again.unchanged, 2);
    import_text(
        &db.pool,
        ImportKind::People,
        "编码,姓名,角色\nTP1,马镇长,乡镇\n",
    )
    .await
    .unwrap();
    let ma = people::by_code(&mut conn, "TP1").await.unwrap().unwrap();
    assert_eq!(ma.township_id, Some(t1));
}

#[tokio::test]
async fn a_township_person_without_a_township_or_with_an_unknown_one_is_refused_with_its_line() {
    let db = with_townships().await;
    let csv = "code,name,roles,township\nTP1,马镇长,township,\nTP2,柳联络,乡镇联络员,T9\nC1,王建国,cadre,\n";
    let err = import_text(&db.pool, ImportKind::People, csv)
        .await
        .unwrap_err();
    let ImportError::BadRows(rows) = &err else {
        panic!("{err:?}")
    };
    let found: Vec<(u64, RowProblem)> = rows.iter().map(|r| (r.line, r.problem.clone())).collect();
    assert_eq!(
        found,
        vec![
            (2, RowProblem::TownshipRoleWithoutTownship),
            (3, RowProblem::UnknownTownship { code: "T9".into() }),
        ]
    );
    assert!(
        err.messages("zh-CN")[0].contains("乡镇负责人或联络员必须填写所属乡镇"),
        "{:?}",
        err.messages("zh-CN")
    );
    let imported: i64 = sqlx::query_scalar("select count(*) from people")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(imported, 0, "nothing of a bad file is imported");
}

#[tokio::test]
async fn the_assessment_ranks_townships_by_the_cases_of_their_enterprises() {
    let db = TestDb::new().await;
    let ids = world::two_townships(&db.pool)
        .township("T3", "石门镇")
        .build()
        .await;
    let cast = |cadre: &str| world::two_townships_cast(&ids, cadre);
    // 马召镇: one case signed for; 青岚镇: one dispatched and not signed for (the limit is
    // one working day: dispatched today, it is not yet late, but not signed for either).
    world::case_in(&db.pool, cast("C1"), ids.id("E1"), CaseStatus::Accepted).await;
    world::case_in(&db.pool, cast("C2"), ids.id("E2"), CaseStatus::Dispatched).await;

    let mut conn = db.pool.acquire().await.unwrap();
    let settings = Settings::default();
    // The cases were made just now: "this month" is the local one (Asia/Shanghai).
    let today = Utc::now().with_timezone(&settings.timezone).date_naive();
    let calendar = settings.calendar().unwrap();
    let report = Request::new(
        Scope::County,
        PeriodSpec::ThisMonth,
        today,
        &settings,
        &calendar,
    );
    let county = assessment(&mut conn, &report).await.unwrap();
    let rows: Vec<(&str, i64, i64, Option<u32>)> = county
        .townships
        .iter()
        .map(|r| (r.name.as_str(), r.dispatched, r.signed_in_time, r.rank))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("马召镇", 1, 1, Some(1)),
            ("青岚镇", 1, 0, Some(2)),
            ("石门镇", 0, 0, None),
        ]
    );
    assert!(
        county
            .townships
            .iter()
            .all(|r| r.subject == Subject::Township)
    );
    let text = zhuqi::reports::render_assessment("zh-CN", &county);
    assert!(
        text.contains("<b>乡镇</b>") && text.contains("马召镇"),
        "{text}"
    );

    // A township's own table: its line only, no departments, no cadres.
    let own = assessment(&mut conn, &report.of(Scope::Township(ids.id("T2"))))
        .await
        .unwrap();
    assert!(own.departments.is_empty() && own.cadres.is_empty());
    let names: Vec<&str> = own.townships.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["青岚镇"]);
}

#[tokio::test]
async fn the_demo_county_has_township_liaisons_and_heads_whose_departments_have_cadres() {
    let db = TestDb::new().await;
    let settings = Settings::default();
    let calendar = settings.calendar().unwrap();
    let now = at("2026-11-27 02:00");
    zhuqi::demo::seed(&db.pool, &settings, &calendar, now)
        .await
        .unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    // Each township's liaison follows it, and it has cases to show them.
    let liaison = people::by_code(&mut conn, "town-t01")
        .await
        .unwrap()
        .unwrap();
    assert!(liaison.roles.has(Role::Township));
    let township = liaison.township_id.expect("the liaison's township");
    let listing = zhuqi::store::queues::of_township(&mut conn, township)
        .await
        .unwrap();
    assert!(listing.total > 0);
    assert!(listing.cases.iter().all(|c| c.township_id == township));
    // The head of the development and reform bureau hears four cadres (40 over 10 departments).
    let head = people::by_code(&mut conn, "head-fgj")
        .await
        .unwrap()
        .unwrap();
    let fgj = head.department_id.unwrap();
    let team = zhuqi::reports::team::team(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::ThisMonth,
            now.date_naive(),
            &settings,
            &calendar,
        ),
        &[fgj],
    )
    .await
    .unwrap();
    let names: Vec<&str> = team.rows.iter().map(|r| r.work.name.as_str()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(
        team.rows.iter().any(|r| r.work.visits > 0),
        "{:?}",
        team.rows
    );
}
