//! 问责 and 总结推广 in the ledger: the red-card and returns rules propose measures once per
//! subject and period, to the leaders only; the monthly county summary lists the month's
//! typical cases and confirmed measures; the demo county holds measures in every state and
//! typical cases, which the assessment and the export's last sheet (问责记录) show. Instants
//! are UTC: 00:00 is 08:00 in the county.

use super::*;
use support::world::{County, case_in};
use zhuqi::domain::accountability::Measure;
use zhuqi::reports::Request;
use zhuqi::reports::{self, PeriodSpec, Scope};
use zhuqi::scheduler::Scheduler;
use zhuqi::store::measures::{self, Decision};
use zhuqi::store::typical::{self, Target};

const ZH: &str = "zh-CN";

/// A proposed measure's rule, person, case, measure and evidence.
type Proposed = (String, Option<i64>, Option<i64>, String, serde_json::Value);

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn a_late_red_card_and_repeated_returns_propose_measures_once_to_the_leaders_only() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let (ids, cast) = transport_county(pool).await;
    let ids2 = County::new(pool)
        .leader("L1", "陈县长")
        .officer("H1", "孙局长", "D1")
        .head("D1", "H1")
        .build()
        .await;
    let late = case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
    let on_time = case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
    // Due on Thursday 2026-10-15: on Monday 2026-11-30, 32 working days overdue, far more
    // than red (5) and 10 more.
    sqlx::query("update cases set deadline = '2026-10-15' where id = $1")
        .bind(late.id)
        .execute(pool)
        .await
        .unwrap();
    for _ in 0..3 {
        case_in(pool, cast, ids.id("E1"), CaseStatus::Returned).await;
    }
    let scheduler = Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        "rules",
    )
    .unwrap();
    scheduler.run_due(at("2026-11-30 00:00")).await.unwrap();

    let rows: Vec<Proposed> = sqlx::query_as(
        "select rule, person_id, case_id, measure, evidence from measures order by rule",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (rule, person, case, measure, evidence) = &rows[0];
    assert_eq!(
        (rule.as_str(), *person, *case, measure.as_str()),
        ("red_card", Some(ids.id("O1")), Some(late.id), "interview")
    );
    assert_eq!(evidence["days"], 32);
    assert_ne!(*case, Some(on_time.id));
    let (rule, person, _, _, evidence) = &rows[1];
    assert_eq!((rule.as_str(), *person), ("returns", Some(ids2.id("H1"))));
    assert_eq!(evidence["count"], 3);

    // The leaders are asked; the officer and the head hear nothing yet.
    let asked = count(
        pool,
        "select count(*) from outbox where kind = 'measure_proposed'",
    )
    .await;
    assert_eq!(asked, 1);
    let told = count(
        pool,
        "select count(*) from outbox where kind = 'measure_confirmed'",
    )
    .await;
    assert_eq!(told, 0);

    // Not again while pending, nor within the period once dismissed.
    scheduler.run_due(at("2026-12-01 00:00")).await.unwrap();
    assert_eq!(count(pool, "select count(*) from measures").await, 2);
    let mut conn = pool.acquire().await.unwrap();
    let first: i64 = sqlx::query_scalar("select id from measures where rule = 'red_card'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let dismiss = Decision::Dismiss("已约谈过".into());
    measures::decide(
        &mut conn,
        first,
        ids2.id("L1"),
        &dismiss,
        at("2026-12-01 02:00"),
    )
    .await
    .unwrap()
    .expect("dismissed");
    let again = measures::decide(
        &mut conn,
        first,
        ids2.id("L1"),
        &Decision::Confirm(Measure::Circular),
        at("2026-12-01 02:01"),
    )
    .await
    .unwrap();
    assert!(again.is_none(), "a decided measure is not decided twice");
    scheduler.run_due(at("2026-12-02 00:00")).await.unwrap();
    assert_eq!(count(pool, "select count(*) from measures").await, 2);
}

#[tokio::test]
async fn the_monthly_county_summary_lists_the_months_typical_cases_and_confirmed_measures() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let (ids, cast) = transport_county(pool).await;
    let leader = County::new(pool)
        .leader("L1", "陈县长")
        .build()
        .await
        .id("L1");
    let closed = case_in(pool, cast, ids.id("E1"), CaseStatus::Closed).await;
    let mut conn = pool.acquire().await.unwrap();
    let note = "三部门联合现场办公，一周办结";
    let marked = typical::mark(
        &mut conn,
        Target::Case(closed.id),
        note,
        Some(leader),
        false,
        at("2026-11-20 02:00"),
    )
    .await
    .unwrap();
    assert!(marked);
    let twice = typical::mark(
        &mut conn,
        Target::Case(closed.id),
        "again",
        None,
        false,
        at("2026-11-21 02:00"),
    )
    .await
    .unwrap();
    assert!(!twice, "a case is a typical case once");
    let proposal = measures::NewMeasure::silence(ids.id("C1"), "王建国", None, d("2026-09-01"), 70);
    let id = measures::propose(&mut conn, &proposal, 30, false, at("2026-11-10 00:00"))
        .await
        .unwrap()
        .unwrap();
    let confirm = Decision::Confirm(Measure::ReminderTalk);
    measures::decide(&mut conn, id, leader, &confirm, at("2026-11-10 01:00"))
        .await
        .unwrap()
        .unwrap();
    drop(conn);

    let scheduler = Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        "monthly",
    )
    .unwrap();
    scheduler.run_due(at("2026-12-01 01:00")).await.unwrap();
    let body: serde_json::Value = sqlx::query_scalar(
        "select body from outbox where kind = 'monthly_county' and recipient_id = $1",
    )
    .bind(leader)
    .fetch_one(pool)
    .await
    .unwrap();
    let text = body["text"].as_str().unwrap();
    assert!(text.contains("全县助企工作月报（2026 年 11 月）"), "{text}");
    assert!(
        text.contains(&format!(
            "{} · 秦岭猕猴桃合作社（马召镇）：{note}",
            closed.number
        )),
        "{text}"
    );
    assert!(
        text.contains("提醒谈话</b> · 王建国：王建国 自 2026-09-01 起已 70 天"),
        "{text}"
    );
}

#[tokio::test]
async fn the_demo_holds_measures_in_every_state_shown_in_the_assessment_and_the_export() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let settings = seed_demo(pool).await;
    let states: Vec<(String, i64)> =
        sqlx::query_as("select status, count(*) from measures group by status order by status")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        states,
        [
            ("confirmed".to_string(), 1),
            ("dismissed".to_string(), 1),
            ("proposed".to_string(), 2)
        ]
    );
    assert_eq!(count(pool, "select count(*) from typical_cases").await, 2);
    let reason: String =
        sqlx::query_scalar("select reason from measures where status = 'dismissed'")
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(!reason.is_empty());

    let calendar = settings.calendar().unwrap();
    let report = Request::new(
        Scope::County,
        PeriodSpec::ThisMonth,
        d("2026-11-27"),
        &settings,
        &calendar,
    );
    let mut conn = pool.acquire().await.unwrap();
    let a = reports::assessment(&mut conn, &report).await.unwrap();
    assert_eq!(a.measures.len(), 1);
    let text = reports::render_assessment(ZH, &a);
    assert!(
        text.contains("问责记录</b>（本期确认 1 项）") && text.contains("约谈"),
        "{text}"
    );

    // The export's last sheet: a header and one row per measure.
    let xlsx = reports::export_xlsx_bytes(&mut conn, &report, ZH)
        .await
        .unwrap();
    let (_, _, sheet) = sheet_named(xlsx, &zhuqi::i18n::t(ZH, "acc-sheet"));
    assert_eq!(sheet.matches("<row ").count(), 1 + 4, "{sheet}");

    // Kept for ever.
    assert!(
        sqlx::query("delete from typical_cases")
            .execute(pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("update measure_events set note = 'x'")
            .execute(pool)
            .await
            .is_err()
    );
}

/// A case reported by `cast.cadre` on `month`-05 and walked through `steps` (day of the month,
/// who, what), each at 10:00 UTC of its day.
async fn case_in_month(
    pool: &PgPool,
    cast: support::world::Cast,
    enterprise: i64,
    month: u32,
    steps: &[(u32, i64, Action)],
) {
    let when = |day: u32| at(&format!("2026-{month:02}-{day:02} 02:00"));
    let mut tx = pool.begin().await.unwrap();
    let new = NewCase {
        enterprise_id: enterprise,
        category: Category::Transport,
        difficulty: Difficulty::Simple,
        description: "道路施工影响运输".into(),
    };
    let cadre = support::world::actor(pool, cast.cadre).await;
    let mut id = cases::report(&mut tx, "ZQ", &cadre, &new, when(5), 2026)
        .await
        .unwrap()
        .id;
    for (day, who, action) in steps {
        let actor = support::world::actor(pool, *who).await;
        id = cases::act(&mut tx, id, &actor, action, when(*day))
            .await
            .unwrap()
            .case
            .id;
    }
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_unit_below_the_bar_and_last_two_months_running_is_proposed_a_circular() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let (ids, cast) = transport_county(pool).await;
    let more = County::new(pool)
        .department("D2", "县金融办", &[Category::Finance])
        .officer("O2", "孙科长", "D2")
        .officer("H2", "钱主任", "D2")
        .head("D2", "H2")
        .leader("L1", "陈县长")
        .build()
        .await;
    for month in [10, 11] {
        let deadline = NaiveDate::from_ymd_opt(2026, month, 25).unwrap();
        let dispatch = |department_id, assignee| Action::Dispatch {
            department_id,
            assignee_id: Some(assignee),
            deadline,
        };
        // D1 signs for it, resolves it on time, the enterprise is satisfied.
        let d1 = [
            (5, cast.dispatcher, dispatch(cast.department, cast.officer)),
            (6, cast.officer, Action::Accept),
            (
                8,
                cast.officer,
                Action::Resolve {
                    answer: "已解决".into(),
                },
            ),
            (
                9,
                cast.cadre,
                Action::Confirm {
                    satisfaction: Satisfaction::Satisfied,
                    note: None,
                    deadline: None,
                },
            ),
        ];
        case_in_month(pool, cast, ids.id("E1"), month, &d1).await;
        // D2 never signs for its case.
        let d2 = [(5, cast.dispatcher, dispatch(more.id("D2"), more.id("O2")))];
        case_in_month(pool, cast, ids.id("E1"), month, &d2).await;
    }
    let scheduler = Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        "score",
    )
    .unwrap();
    // Tuesday 2026-12-01, 08:00 in the county: October and November are the months looked at.
    scheduler.run_due(at("2026-12-01 00:00")).await.unwrap();
    let score: Vec<(Option<i64>, Option<i64>, String, serde_json::Value)> = sqlx::query_as(
        "select person_id, department_id, measure, evidence from measures where rule = 'score'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(score.len(), 1, "{score:?}");
    let (person, department, measure, evidence) = &score[0];
    assert_eq!(
        (*person, *department, measure.as_str()),
        (Some(more.id("H2")), Some(more.id("D2")), "circular")
    );
    assert_eq!(evidence["months"], 2);
    assert_eq!(evidence["department"], "县金融办");
}
