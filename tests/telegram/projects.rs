//! 重点项目 through Telegram and the fake Bot API: a cadre's monthly progress report whose
//! problem becomes a case with one button (then the report flow), and a project falling behind
//! its stage date escalating yellow to the department head and red to the leaders.

use super::*;
use chrono::NaiveDate;
use support::world::County;
use zhuqi::domain::Category;
use zhuqi::domain::project::{Amount, STAGES, Stage};
use zhuqi::scheduler::Scheduler;
use zhuqi::store::projects::{self, ProjectRecord};
use zhuqi::store::roster::{self, EnterpriseRecord};

const ZH: &str = "zh-CN";

/// A project unit paired with `cadre` and its project, signed and planned to start on
/// Friday 2026-11-20; returns the unit's id.
async fn project(
    pool: &PgPool,
    code: &str,
    name: &str,
    township: i64,
    cadre: i64,
    dept: i64,
) -> i64 {
    let mut conn = pool.acquire().await.unwrap();
    let unit = roster::insert_record(
        &mut conn,
        &EnterpriseRecord {
            code: code.into(),
            name: format!("{name}单位"),
            kind: "project".into(),
            township_id: township,
            industry: None,
            cadre_id: Some(cadre),
            contact_name: None,
            contact_phone: None,
        },
        false,
        Utc::now(),
    )
    .await
    .unwrap();
    let mut planned = [None; STAGES];
    planned[Stage::Started.index()] = NaiveDate::from_ymd_opt(2026, 11, 20);
    let record = ProjectRecord {
        enterprise_id: unit,
        name: name.into(),
        department_id: Some(dept),
        investment: Amount(500_000),
        invested: Amount(0),
        year_plan: Amount(100_000),
        year_invested: Amount(0),
        stage: Some(Stage::Signed),
        planned,
        reached: [None; STAGES],
    };
    projects::insert(&mut conn, &record, false, Utc::now())
        .await
        .unwrap();
    unit
}

#[tokio::test]
async fn a_project_report_raises_a_case_and_a_project_behind_schedule_escalates_through_telegram() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县发展和改革局", &[Category::KeyProject])
        .cadre("C1", "王建国")
        .dispatcher("S1", "赵活动")
        .leader("L1", "陈县长")
        .officer("H1", "李局长", "D1")
        .head("D1", "H1")
        .account("C1", 4101)
        .account("S1", 4102)
        .account("L1", 4103)
        .account("H1", 4104)
        .build()
        .await;
    let (t1, c1, d1) = (ids.id("T1"), ids.id("C1"), ids.id("D1"));
    let reported_unit = project(pool, "P1", "物流园项目", t1, c1, d1).await;
    project(pool, "P2", "冷链仓储项目", t1, c1, d1).await;
    let bot = TestBot::start(pool).await;
    let cadre = bot.user(4101);

    // The monthly report, through the buttons, then a problem raised as a case.
    bot.api.push_text(&cadre, "/projects");
    let start = tr(
        ZH,
        "project-report-button",
        Args::new().str("project", "物流园项目"),
    );
    wait_button(&bot.api, 4101, &start).await;
    bot.api.press(&cadre, &start);
    wait_button(&bot.api, 4101, "开工").await;
    bot.api.press(&cadre, "开工");
    bot.api
        .wait_for_text_containing(4101, "本月完成投资多少万元")
        .await;
    bot.api.push_text(&cadre, "350");
    bot.api
        .wait_for_text_containing(4101, "有哪些问题制约项目推进")
        .await;
    bot.api.push_text(&cadre, "施工用电增容手续未批复");
    let raise = tr(ZH, "project-report-raise", Args::new().num("n", 1.0));
    wait_button(&bot.api, 4101, &raise).await;
    let filed = bot
        .api
        .wait_for_text_containing(4101, "已记录 物流园项目")
        .await;
    assert!(filed.contains("本月完成投资 350 万元"), "{filed}");
    bot.api.press(&cadre, &raise);
    let moderate = tr(
        ZH,
        "bot-difficulty-choice",
        Args::new()
            .str("difficulty", t(ZH, "difficulty-moderate"))
            .num("days", 10),
    );
    wait_button(&bot.api, 4101, &moderate).await;
    bot.api.press(&cadre, &moderate);
    wait_button(&bot.api, 4101, &t(ZH, "bot-report-submit")).await;
    bot.api.press(&cadre, &t(ZH, "bot-report-submit"));
    bot.api.wait_for_text_containing(4101, "已登记，编号").await;
    bot.api
        .wait_for_text_containing(4102, "【重点项目：物流园项目】施工用电增容手续未批复")
        .await;
    let (enterprise, category): (i64, String) =
        sqlx::query_as("select enterprise_id, category from cases")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(
        (enterprise, category.as_str()),
        (reported_unit, "key_project")
    );

    // The other project missed its start date (Friday 2026-11-20): on Monday the head hears of
    // it (yellow); a week later, more than five working days behind, the leaders (red).
    let scheduler = Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        "projects",
    )
    .unwrap();
    scheduler.run_due(at("2026-11-23 10:00")).await.unwrap();
    let yellow = bot
        .api
        .wait_for_text_containing(4104, "1 个重点项目滞后于计划")
        .await;
    assert!(yellow.contains("冷链仓储项目"), "{yellow}");
    assert!(
        !yellow.contains("物流园项目"),
        "the reported project started: {yellow}"
    );
    scheduler.run_due(at("2026-11-30 10:00")).await.unwrap();
    let red = bot
        .api
        .wait_for_text_containing(4103, "1 个重点项目严重滞后")
        .await;
    assert!(
        red.contains("冷链仓储项目（马召镇 · 县发展和改革局）"),
        "{red}"
    );
    bot.stop().await;
}
