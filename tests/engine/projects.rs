//! 重点项目 through the engine and the scheduler: a cadre's monthly progress report whose
//! problem becomes a case through the report flow; the monthly ask and a project falling
//! behind its stage date, turning yellow then red and escalating once each; `/projects`
//! figures against hand-computed answers and its 催报 list.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use zhuqi::domain::project::{Amount, STAGES, Stage};
use zhuqi::store::projects::{self, ProjectRecord};
use zhuqi::store::roster::{self, EnterpriseRecord, TownshipRecord};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A local (Asia/Shanghai) time like "2026-11-23 10:00".
fn at(s: &str) -> DateTime<Utc> {
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    chrono_tz::Asia::Shanghai
        .from_local_datetime(&naive)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// A project unit in `township`, paired with `cadre`; returns its id.
pub(super) async fn unit(pool: &PgPool, code: &str, name: &str, township: i64, cadre: i64) -> i64 {
    let mut conn = pool.acquire().await.unwrap();
    let r = EnterpriseRecord {
        code: code.into(),
        name: name.into(),
        kind: "project".into(),
        township_id: township,
        industry: None,
        cadre_id: Some(cadre),
        contact_name: None,
        contact_phone: None,
    };
    roster::insert_record(&mut conn, &r, false, Utc::now())
        .await
        .unwrap()
}

/// What a test project needs; everything else is empty.
pub(super) struct Spec {
    pub(super) unit: i64,
    pub(super) name: &'static str,
    pub(super) department: Option<i64>,
    pub(super) year_plan: i64,
    pub(super) year_invested: i64,
    pub(super) stage: Option<Stage>,
    pub(super) planned: &'static [(Stage, &'static str)],
}

pub(super) async fn project(pool: &PgPool, s: Spec) -> i64 {
    let mut planned = [None; STAGES];
    for (stage, date) in s.planned {
        planned[stage.index()] = Some(day(date));
    }
    let record = ProjectRecord {
        enterprise_id: s.unit,
        name: s.name.into(),
        department_id: s.department,
        investment: Amount(s.year_plan * 300),
        invested: Amount(s.year_invested * 100),
        year_plan: Amount(s.year_plan * 100),
        year_invested: Amount(s.year_invested * 100),
        stage: s.stage,
        planned,
        reached: [None; STAGES],
    };
    let mut conn = pool.acquire().await.unwrap();
    projects::insert(&mut conn, &record, false, Utc::now())
        .await
        .unwrap()
}

async fn township(pool: &PgPool, code: &str, name: &str) -> i64 {
    let mut conn = pool.acquire().await.unwrap();
    let r = TownshipRecord {
        code: code.into(),
        name: name.into(),
    };
    roster::insert_record(&mut conn, &r, false, Utc::now())
        .await
        .unwrap()
}

async fn id_of(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn a_monthly_project_report_files_the_progress_and_its_problem_becomes_a_case() {
    let w = World::new().await;
    let t1 = id_of(w.pool(), "select id from townships where code = 'T1'").await;
    let u = unit(w.pool(), "P1", "马召镇物流园项目", t1, w.cadre.id).await;
    let p = project(
        w.pool(),
        Spec {
            unit: u,
            name: "马召镇物流园项目",
            department: Some(w.transport_dept),
            year_plan: 1000,
            year_invested: 200,
            stage: Some(Stage::Started),
            planned: &[(Stage::Building, "2026-12-15")],
        },
    )
    .await;

    let out = w.cmd(w.cadre, "projects", "").await;
    has(
        &out,
        "马召镇物流园项目：开工，下一阶段“在建”计划 2026-12-15",
    );
    let start = button(
        &out.replies,
        &tr(
            ZH,
            "project-report-button",
            Args::new().str("project", "马召镇物流园项目"),
        ),
    );
    // Someone else's press of the cadre's button does nothing.
    let out = w.press(w.cadre2, &start).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-not-yours")));

    let out = w.press(w.cadre, &start).await;
    has(&out, "现处于“开工”阶段");
    let labels: Vec<String> = out.replies[0]
        .buttons
        .iter()
        .flatten()
        .map(|b| b.label.clone())
        .collect();
    assert_eq!(labels, ["开工（不变）", "在建", "竣工", "投产"]);
    w.press(w.cadre, &button(&out.replies, "在建")).await;
    let out = w.text(w.cadre, "三百五十").await;
    has(&out, "“三百五十”不是金额");
    let out = w.text(w.cadre, "350").await;
    has(&out, "有哪些问题制约项目推进");
    let out = w
        .text(w.cadre, "1. 施工用电增容手续未批复\n2、临时用地尚未交付")
        .await;
    has(
        &out,
        "已记录 马召镇物流园项目 11 月进展：阶段“在建”，本月完成投资 350 万元（累计 550 万元；本年 550 / 1,000 万元，完成率 55%）",
    );
    has(&out, "1. 施工用电增容手续未批复");
    has(&out, "2. 临时用地尚未交付");
    let (stage, invested, reached): (Option<i16>, f64, Vec<Option<NaiveDate>>) =
        sqlx::query_as("select stage, invested::float8, reached from projects where id = $1")
            .bind(p)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(stage, Some(3));
    assert_eq!(invested, 550.0);
    assert_eq!(
        reached[3],
        Some(day("2026-11-27")),
        "the stage reached is dated today"
    );

    // The first problem becomes a case: the report flow asks only the difficulty.
    let raise = button(
        &out.replies,
        &tr(ZH, "project-report-raise", Args::new().num("n", 1.0)),
    );
    let out = w.press(w.cadre, &raise).await;
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &difficulty_label("moderate")),
        )
        .await;
    has(&out, "马召镇物流园项目");
    let out = w
        .press(w.cadre, &button(&out.replies, &t(ZH, "bot-report-submit")))
        .await;
    let text = joined(&out);
    let number = &text[text.find("ZZ-").expect("a case number")..][..12];
    let (enterprise, category, description): (i64, String, String) =
        sqlx::query_as("select enterprise_id, category, description from cases where number = $1")
            .bind(number)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(enterprise, u, "the case's enterprise is the project unit");
    assert_eq!(category, "key_project");
    assert_eq!(
        description,
        "【重点项目：马召镇物流园项目】施工用电增容手续未批复"
    );
    // The campaign office is told of the new case as of any report.
    assert_eq!(w.outbox(w.dispatcher, "case_reported").await.len(), 1);

    // A second report in the month replaces the first: its investment counts once.
    let out = w.cmd(w.cadre, "projects", "").await;
    let again = button(
        &out.replies,
        &tr(
            ZH,
            "project-report-button",
            Args::new().str("project", "马召镇物流园项目"),
        ),
    );
    let out = w.press(w.cadre, &again).await;
    w.press(w.cadre, &button(&out.replies, "在建（不变）"))
        .await;
    let out = w.text(w.cadre, "400").await;
    let none = button(&out.replies, &t(ZH, "project-report-no-problems"));
    let out = w.press(w.cadre, &none).await;
    has(&out, "累计 600 万元");
    has(&out, &t(ZH, "project-report-replaced"));
    // The "no problems" button works once.
    let out = w.press(w.cadre, &none).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-used")));
    let reports: i64 = w.count("select count(*) from project_reports").await;
    assert_eq!(reports, 1);
}

#[tokio::test]
async fn a_project_behind_its_stage_date_turns_yellow_then_red_and_escalates_once_each() {
    let w = World::new().await;
    let t1 = id_of(w.pool(), "select id from townships where code = 'T1'").await;
    let u = unit(w.pool(), "P1", "马召镇物流园项目", t1, w.cadre.id).await;
    project(
        w.pool(),
        Spec {
            unit: u,
            name: "马召镇物流园项目",
            department: Some(w.transport_dept),
            year_plan: 1000,
            year_invested: 0,
            stage: Some(Stage::Signed),
            // Friday 2026-11-20: planned to start.
            planned: &[(Stage::Started, "2026-11-20")],
        },
    )
    .await;
    let scheduler = test_scheduler(w.pool(), "projects");

    // On the day itself: on schedule; the month's report is asked (the 20th), with a button.
    scheduler.run_due(at("2026-11-20 10:00")).await.unwrap();
    assert!(w.outbox(w.head, "project_yellow").await.is_empty());
    let asks = w.outbox(w.cadre, "project_report_ask").await;
    assert_eq!(asks.len(), 1, "one ask for all the cadre's projects");
    assert!(
        asks[0].text.contains("11 月重点项目进展"),
        "{}",
        asks[0].text
    );
    assert!(
        asks[0].text.contains("• 马召镇物流园项目（签约）"),
        "{}",
        asks[0].text
    );
    let start = button(&asks, "马召镇物流园项目");
    let out = w.press(w.cadre, &start).await;
    has(&out, "本月达到哪个阶段");

    // The next working day it is yellow: the department head is told, once.
    scheduler.run_due(at("2026-11-23 10:00")).await.unwrap();
    scheduler.run_due(at("2026-11-23 10:15")).await.unwrap();
    let yellow = w.outbox(w.head, "project_yellow").await;
    assert_eq!(yellow.len(), 1, "yellow is told once");
    assert!(
        yellow[0]
            .text
            .contains("马召镇物流园项目（马召镇 · 县交通运输局）：计划 2026-11-20 开工，已过 3 天"),
        "{}",
        yellow[0].text
    );
    assert!(w.outbox(w.leader, "project_red").await.is_empty());
    // The leaders' board shows it yellow.
    let out = w
        .handle(
            input_for(w.leader, command("projects", "")),
            at("2026-11-23 11:00"),
        )
        .await;
    has(&out, "🟡 马召镇物流园项目");

    // More than five working days behind (the ladder's red limit): red, to the leaders, once;
    // the leaders' weekly summary (Monday 09:00) has the projects section.
    scheduler.run_due(at("2026-11-27 10:00")).await.unwrap();
    assert!(w.outbox(w.leader, "project_red").await.is_empty());
    scheduler.run_due(at("2026-11-30 09:00")).await.unwrap();
    let weekly = w.outbox(w.leader, "weekly_county").await;
    assert_eq!(weekly.len(), 1);
    assert!(
        weekly[0]
            .text
            .contains("重点项目</b>：1 个，滞后 1 个（🔴 1）；本年投资完成率 0 / 1,000 万元 = 0%"),
        "{}",
        weekly[0].text
    );
    assert!(
        weekly[0].text.contains("🔴 马召镇物流园项目"),
        "{}",
        weekly[0].text
    );
    scheduler.run_due(at("2026-11-30 10:00")).await.unwrap();
    scheduler.run_due(at("2026-11-30 10:15")).await.unwrap();
    let red = w.outbox(w.leader, "project_red").await;
    assert_eq!(red.len(), 1, "red is told once");
    assert!(red[0].text.contains("已过 10 天"), "{}", red[0].text);
    assert_eq!(w.outbox(w.head, "project_yellow").await.len(), 1);
    let out = w
        .handle(
            input_for(w.leader, command("projects", "")),
            at("2026-11-30 11:00"),
        )
        .await;
    has(&out, "🔴 马召镇物流园项目");

    // The report still missing after five working days (the 27th): reminded each working day.
    let chases = w.outbox(w.cadre, "project_report_chase").await;
    assert_eq!(chases.len(), 1, "{chases:?}");
    assert!(chases[0].text.contains("催报"), "{}", chases[0].text);
}

#[tokio::test]
async fn the_projects_board_figures_match_the_hand_computed_answers() {
    let w = World::new().await;
    let t1 = id_of(w.pool(), "select id from townships where code = 'T1'").await;
    let t2 = township(w.pool(), "T2", "楼观镇").await;
    let finance = id_of(w.pool(), "select id from departments where code = 'D2'").await;
    let u1 = unit(w.pool(), "P1", "物流园单位", t1, w.cadre.id).await;
    let u2 = unit(w.pool(), "P2", "冷链单位", t1, w.cadre.id).await;
    let u3 = unit(w.pool(), "P3", "康养单位", t2, w.cadre2.id).await;
    // Today is Friday 2026-11-27.
    // P1: 400 of 1,000 this year; planned to be building by 11-10: 13 working days late (red).
    project(
        w.pool(),
        Spec {
            unit: u1,
            name: "物流园项目",
            department: Some(w.transport_dept),
            year_plan: 1000,
            year_invested: 400,
            stage: Some(Stage::Started),
            planned: &[(Stage::Building, "2026-11-10")],
        },
    )
    .await;
    // P2: 1,500 of 3,000; planned to be approved by 11-25: 2 working days late (yellow).
    project(
        w.pool(),
        Spec {
            unit: u2,
            name: "冷链项目",
            department: Some(finance),
            year_plan: 3000,
            year_invested: 1500,
            stage: Some(Stage::Signed),
            planned: &[(Stage::Approved, "2026-11-25")],
        },
    )
    .await;
    // P3: no plan this year, 50 invested, not signed, to be signed next year.
    project(
        w.pool(),
        Spec {
            unit: u3,
            name: "康养项目",
            department: None,
            year_plan: 0,
            year_invested: 50,
            stage: None,
            planned: &[(Stage::Signed, "2027-01-15")],
        },
    )
    .await;

    let out = w.cmd(w.leader, "projects", "").await;
    let text = joined(&out);
    for expected in [
        "共 3 个，滞后 2 个（🔴 1 · 🟡 1）",
        "按阶段：未签约 1（滞后 0） · 签约 1（滞后 1） · 开工 1（滞后 1）",
        // (400 + 1,500 + 50) ÷ (1,000 + 3,000) = 48.75%
        "全县 1,950 / 4,000 万元 = 48.8%",
        "• 马召镇：1,900 / 4,000 万元 = 47.5%（2 个项目，滞后 2）",
        "• 楼观镇：50 / 0 万元 = —（1 个项目，滞后 0）",
        "• 县交通运输局：400 / 1,000 万元 = 40%（1 个项目，滞后 1）",
        "• 县金融办：1,500 / 3,000 万元 = 50%（1 个项目，滞后 1）",
        "• 未定责任部门：50 / 0 万元 = —（1 个项目，滞后 0）",
        "🔴 物流园项目（马召镇 · 县交通运输局 · 王建国）：计划 2026-11-10 在建，已过 17 天",
        "🟡 冷链项目（马召镇 · 县金融办 · 王建国）：计划 2026-11-25 立项，已过 2 天",
        "• 未签约：康养项目",
        "11 月尚有 3 个项目未报送进展。",
    ] {
        assert!(text.contains(expected), "expected {expected:?} in {text}");
    }
    let red = text.find("🔴 物流园项目").unwrap();
    let yellow = text.find("🟡 冷链项目").unwrap();
    assert!(red < yellow, "the longest behind first");

    // 催报: the list by cadre.
    let list = button(
        &out.replies,
        &tr(
            ZH,
            "project-board-unreported-button",
            Args::new().num("count", 3.0),
        ),
    );
    // The button is the leader's alone.
    let out = w.press(w.cadre, &list).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-not-yours")));
    let out = w.press(w.leader, &list).await;
    has(&out, "11 月未报送进展的项目（3 个，按助企干部）");
    has(&out, "• 王建国 ：冷链项目、物流园项目");
    has(&out, "• 陈明 ：康养项目");

    // A department officer may not see the board.
    let out = w.cmd(w.officer, "projects", "").await;
    has(
        &out,
        &zhuqi::conversation::refusal(ZH, zhuqi::domain::commands::Command::Projects),
    );
}
