//! 重点项目 from a projects file: Chinese or English headers, amounts and dates as spreadsheets
//! write them, re-imports that change nothing, and every bad line named with its reason.

use super::*;
use zhuqi::domain::project::{Amount, Stage};
use zhuqi::reports::{PeriodSpec, Request, Scope};
use zhuqi::store::projects;

/// E2 is the roster's project unit (E1 an enterprise).
pub(super) const PROJECTS_CSV: &str = "code,name,department,investment,invested,year_plan,year_invested,stage,signed_plan,signed_actual,started_plan,started_actual,producing_plan\n\
E2,青岚镇物流园项目,FGJ,\"12,000\",3500,4000,1500.5,signed,2026-01-10,2026/1/12,2026-06-30,,2027-12-31\n";

pub(super) const PROJECTS_CSV_ZH: &str = "\u{feff}项目单位编码,项目名称,责任部门,计划总投资,累计完成投资,年度计划投资,本年完成投资,阶段,计划签约,实际签约,计划开工,实际开工,计划投产\r\n\
E2,青岚镇物流园项目,FGJ,\"12,000\",3500,4000,1500.5,签约,2026-01-10,2026年1月12日,2026-06-30,,2027-12-31\r\n";

async fn stored(pool: &PgPool) -> Vec<projects::ProjectRecord> {
    let mut conn = pool.acquire().await.unwrap();
    let ids: Vec<i64> = sqlx::query_scalar("select enterprise_id from projects order by id")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let found = projects::by_units(&mut conn, &ids).await.unwrap();
    ids.iter().map(|id| found[id].1.clone()).collect()
}

#[tokio::test]
async fn a_projects_file_with_chinese_headers_is_imported_and_reimporting_it_changes_nothing() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let report = import_text(&db.pool, ImportKind::Projects, PROJECTS_CSV_ZH)
        .await
        .unwrap();
    assert_eq!((report.rows, report.inserted), (1, 1));
    let p = &stored(&db.pool).await[0];
    assert_eq!(p.name, "青岚镇物流园项目");
    assert_eq!(p.investment, Amount(1_200_000));
    assert_eq!(p.invested, Amount(350_000));
    assert_eq!(p.year_plan, Amount(400_000));
    assert_eq!(p.year_invested, Amount(150_050));
    assert_eq!(p.stage, Some(Stage::Signed));
    assert_eq!(p.planned[0], Some(d("2026-01-10")));
    assert_eq!(p.reached[0], Some(d("2026-01-12")));
    assert_eq!(p.planned[2], Some(d("2026-06-30")));
    assert_eq!(p.planned[5], Some(d("2027-12-31")));
    let due: Option<NaiveDate> = sqlx::query_scalar("select due_on from projects")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(due, Some(d("2026-06-30")), "the next stage with a plan");

    // The same file in English headers is the same record: nothing changes.
    let again = import_text(&db.pool, ImportKind::Projects, PROJECTS_CSV)
        .await
        .unwrap();
    assert_eq!((again.unchanged, again.updated), (1, 0));

    // A file with fewer columns moves the stage on and leaves the rest alone.
    let moved = import_text(
        &db.pool,
        ImportKind::Projects,
        "编码,项目名称,阶段,实际开工\nE2,青岚镇物流园项目,开工,2026-07-02\n",
    )
    .await
    .unwrap();
    assert_eq!(moved.updated, 1);
    let p = &stored(&db.pool).await[0];
    assert_eq!(p.stage, Some(Stage::Started));
    assert_eq!(p.reached[2], Some(d("2026-07-02")));
    assert_eq!(p.investment, Amount(1_200_000));
    let due: Option<NaiveDate> = sqlx::query_scalar("select due_on from projects")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(due, Some(d("2027-12-31")));
}

#[tokio::test]
async fn bad_lines_of_a_projects_file_are_each_named_and_nothing_is_imported() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let file = "code,name,department,investment,stage,started_plan,finished_actual\n\
E1,绿源食品扩建,FGJ,100,签约,,\n\
E9,不存在的项目,FGJ,100,,,\n\
E2,物流园,NOPE,abc,动工,2026-13-01,\n\
E2,物流园,FGJ,100,开工,2026-03-01,2026-05-01\n\
,没有编码,,,,,\n";
    let Err(ImportError::BadRows(rows)) = import_text(&db.pool, ImportKind::Projects, file).await
    else {
        panic!("the file should be refused");
    };
    let got: Vec<(u64, RowProblem)> = rows.into_iter().map(|r| (r.line, r.problem)).collect();
    let want = vec![
        (2, RowProblem::NotAProjectUnit { code: "E1".into() }),
        (3, RowProblem::UnknownUnit { code: "E9".into() }),
        (
            4,
            RowProblem::UnknownDepartment {
                code: "NOPE".into(),
            },
        ),
        (
            4,
            RowProblem::BadAmount {
                column: "investment".into(),
                value: "abc".into(),
            },
        ),
        (
            4,
            RowProblem::BadStage {
                value: "动工".into(),
            },
        ),
        (
            4,
            RowProblem::BadDate {
                column: "started_plan".into(),
                value: "2026-13-01".into(),
            },
        ),
        (
            5,
            RowProblem::DuplicateCode {
                code: "E2".into(),
                first_line: 4,
            },
        ),
        (
            5,
            RowProblem::ReachedAhead {
                column: "finished_actual".into(),
            },
        ),
        (
            6,
            RowProblem::Missing {
                column: "code".into(),
            },
        ),
    ];
    assert_eq!(got, want);
    let count: i64 = sqlx::query_scalar("select count(*) from projects")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing is imported from a file with bad lines");

    // An actual date for a stage not reached is refused with its column.
    let Err(ImportError::BadRows(rows)) = import_text(
        &db.pool,
        ImportKind::Projects,
        "编码,项目名称,阶段,实际竣工\nE2,物流园,开工,2026-05-01\n",
    )
    .await
    else {
        panic!("the file should be refused");
    };
    assert_eq!(
        rows[0].problem,
        RowProblem::ReachedAhead {
            column: "实际竣工".into()
        }
    );
    let text = rows[0].message("zh-CN");
    assert!(text.contains("实际竣工"), "{text}");
}

#[tokio::test]
async fn the_demo_has_projects_at_every_stage_some_behind_and_reported() {
    let db = TestDb::new().await;
    seed_demo(&db.pool).await;
    let stages: Vec<Option<i16>> =
        sqlx::query_scalar("select distinct stage from projects order by stage nulls first")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(
        stages,
        [None, Some(0), Some(1), Some(2), Some(3), Some(4), Some(5)]
    );
    let (all, behind, red, reported): (i64, i64, i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where due_on < '2026-11-27'), \
           count(*) filter (where due_on < '2026-11-15'), \
           (select count(distinct project_id) from project_reports where month = '2026-11-01') \
         from projects",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(all, 35, "one project per project unit");
    assert!(
        behind >= 5 && red >= 2 && behind < all,
        "{behind} behind, {red} red"
    );
    assert!(
        reported > 0 && reported < all,
        "{reported} reported this month"
    );
}

#[tokio::test]
async fn the_county_export_has_the_key_projects_sheet() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    import_text(&db.pool, ImportKind::Projects, PROJECTS_CSV)
        .await
        .unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let xlsx = zhuqi::reports::export_xlsx_bytes(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::ThisMonth,
            d("2026-11-27"),
            &Settings::default(),
            &Settings::default().calendar().unwrap(),
        ),
        "zh-CN",
    )
    .await
    .unwrap();
    let read = |name: &str| xlsx_part(&xlsx, name);
    assert!(read("xl/workbook.xml").contains("name=\"重点项目台账\""));
    let strings = read("xl/sharedStrings.xml");
    for text in [
        "青岚镇物流园项目",
        "县发展和改革局",
        "签约",
        "计划开工",
        "滞后（开工 计划 2026-06-30）",
    ] {
        assert!(strings.contains(text), "{text} in {strings}");
    }
    let sheet = read("xl/worksheets/sheet4.xml");
    assert!(
        sheet.contains("<v>12000</v>"),
        "the planned investment in 万元: {sheet}"
    );
}
