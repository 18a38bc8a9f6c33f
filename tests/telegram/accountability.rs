//! 问责, 不断线 and 总结推广 through Telegram and the fake Bot API: a silent cadre reminded, then
//! told to their unit head and the campaign office once; the silence rule proposing measures
//! that a leader confirms (the person and their head told) or dismisses (kept with its reason,
//! nobody told); a non-leader who cannot decide; typical cases marked on a closed case's card
//! and listed.

use super::*;
use support::world::{Cast, County, Ids, case_in};
use zhuqi::domain::commands::Command;
use zhuqi::domain::{CaseStatus, Category};
use zhuqi::scheduler::{Scheduler, TickReport};

const ZH: &str = "zh-CN";

/// Two units with their heads, a cadre in each paired with one enterprise since 2026-10-01
/// (silent ever since), the campaign office and two leaders; everyone bound.
async fn county(pool: &PgPool) -> Ids {
    County::new(pool)
        .at(at("2026-10-01 09:00"))
        .township("T1", "马召镇")
        .department("D1", "县发展和改革局", &[Category::KeyProject])
        .department("D2", "县商务局", &[Category::Commerce])
        .person("C1", "王明远", &[zhuqi::domain::Role::Cadre], Some("D1"))
        .person("C2", "李晓岚", &[zhuqi::domain::Role::Cadre], Some("D2"))
        .officer("H1", "张局长", "D1")
        .officer("H2", "赵局长", "D2")
        .head("D1", "H1")
        .head("D2", "H2")
        .dispatcher("S1", "刘活动")
        .leader("L1", "陈县长")
        .leader("L2", "周副县长")
        .enterprise("E1", "秦岭食品有限公司", "T1", "C1")
        .enterprise("E2", "楼观茶业有限公司", "T1", "C2")
        .account("C1", 5101)
        .account("C2", 5102)
        .account("H1", 5103)
        .account("H2", 5104)
        .account("S1", 5105)
        .account("L1", 5106)
        .account("L2", 5107)
        .build()
        .await
}

fn scheduler(pool: &PgPool) -> Scheduler {
    Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        "accountability",
    )
    .unwrap()
}

async fn run(scheduler: &Scheduler, when: &str) -> TickReport {
    scheduler.run_due(at(when)).await.unwrap()
}

/// The outbox rows of a kind to a person.
async fn notices(pool: &PgPool, person: i64, kind: &str) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where recipient_id = $1 and kind = $2")
        .bind(person)
        .bind(kind)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The measure proposed for a person, with its button's label for a leader.
async fn measure_of(pool: &PgPool, person: i64, name: &str, unit: &str) -> (i64, String) {
    let id: i64 = sqlx::query_scalar("select id from measures where person_id = $1")
        .bind(person)
        .fetch_one(pool)
        .await
        .unwrap();
    let subject = tr(
        ZH,
        "acc-subject-in",
        Args::new().str("person", name).str("department", unit),
    );
    let label = tr(
        ZH,
        "acc-open-button",
        Args::new().num("id", id as f64).str("subject", subject),
    );
    (id, label)
}

fn measure(key: &str) -> String {
    t(ZH, key)
}

#[tokio::test]
async fn a_silent_cadre_is_reminded_then_told_to_their_unit_head_and_the_office_once() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = county(pool).await;
    let bot = TestBot::start(pool).await;
    let scheduler = scheduler(pool);

    // N = 30 days (limits.visit_every_days): the cadre is reminded to visit.
    run(&scheduler, "2026-11-02 08:00").await;
    bot.api
        .wait_for_text_containing(5101, "秦岭食品有限公司")
        .await;
    assert_eq!(notices(pool, ids.id("H1"), "silence_escalated").await, 0);

    // 2N = 60 days: the unit head and the campaign office hear of it.
    run(&scheduler, "2026-11-30 08:00").await;
    let head = bot
        .api
        .wait_for_text_containing(5103, "名助企干部已连续 60 天以上无走访")
        .await;
    assert!(head.contains("王明远：自 2026-10-01 起 60 天"), "{head}");
    assert!(
        !head.contains("李晓岚"),
        "another unit's cadre is not this head's: {head}"
    );
    let office = bot
        .api
        .wait_for_text_containing(5105, "名助企干部已连续 60 天以上无走访")
        .await;
    assert!(
        office.contains("王明远") && office.contains("李晓岚"),
        "{office}"
    );

    // Still silent the next day: not told again.
    let next = run(&scheduler, "2026-12-01 08:00").await;
    assert!(!next.queued.contains_key("silence_escalated"), "{next:?}");
    assert_eq!(notices(pool, ids.id("H1"), "silence_escalated").await, 1);
    assert_eq!(notices(pool, ids.id("S1"), "silence_escalated").await, 1);
    // The silence fed the accountability rules: a measure proposed for each cadre, to the
    // leaders only; nothing to the cadres.
    let proposed: i64 = sqlx::query_scalar("select count(*) from measures where rule = 'silence'")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(proposed, 2);
    assert_eq!(notices(pool, ids.id("C1"), "measure_confirmed").await, 0);
    bot.stop().await;
}

#[tokio::test]
async fn a_leader_confirms_one_proposed_measure_and_dismisses_another_with_a_reason() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = county(pool).await;
    let bot = TestBot::start(pool).await;
    run(&scheduler(pool), "2026-11-30 08:00").await;
    let digest = bot
        .api
        .wait_for_text_containing(5106, "2 项问责措施建议待决定")
        .await;
    assert!(digest.contains("王明远（县发展和改革局）"), "{digest}");
    let leader = bot.user(5106);

    // Confirmed, changed from a reminder talk to an interview.
    let (first, open_first) = measure_of(pool, ids.id("C1"), "王明远", "县发展和改革局").await;
    bot.api.press(&leader, &open_first);
    let change = tr(
        ZH,
        "acc-change-button",
        Args::new().str("measure", measure("acc-measure-interview")),
    );
    wait_button(&bot.api, 5106, &change).await;
    bot.api.press(&leader, &change);
    let done = bot
        .api
        .wait_for_text_containing(5106, &format!("已确认 #{first} 约谈"))
        .await;
    assert!(done.contains("王明远、张局长"), "{done}");
    let told = bot.api.wait_for_text_containing(5101, "问责措施通知").await;
    assert!(
        told.contains("约谈") && told.contains("经 陈县长 确认"),
        "{told}"
    );
    bot.api.wait_for_text_containing(5103, "问责措施通知").await;
    let (status, kind): (String, String) =
        sqlx::query_as("select status, measure from measures where id = $1")
            .bind(first)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), kind.as_str()), ("confirmed", "interview"));

    // The same button again does nothing twice.
    bot.api.press(&leader, &change);
    bot.api
        .wait_for("the second press answered", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method == "answercallbackquery"
                    && c.body.to_string().contains(&t(ZH, "bot-button-used"))
            })
        })
        .await;
    let events: Vec<String> =
        sqlx::query_scalar("select kind from measure_events where measure_id = $1 order by id")
            .bind(first)
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(events, ["proposed", "changed", "confirmed"]);
    assert_eq!(notices(pool, ids.id("C1"), "measure_confirmed").await, 1);

    // Dismissed with a typed reason: kept, and nobody else hears of it.
    let (second, open_second) = measure_of(pool, ids.id("C2"), "李晓岚", "县商务局").await;
    bot.api.press(&leader, &open_second);
    // The second card (each card says when it was proposed).
    bot.api
        .wait_for("the second card", WAIT, |_| {
            bot.api
                .texts_to(5106)
                .iter()
                .filter(|t| t.contains("提出时间"))
                .count()
                == 2
        })
        .await;
    let dismiss = t(ZH, "acc-dismiss-button");
    bot.api.press(&leader, &dismiss);
    bot.api
        .wait_for_text_containing(5106, &format!("不予采纳 #{second} 的理由"))
        .await;
    bot.api
        .push_text(&leader, "本月已参加全市集中培训，已当面提醒");
    bot.api
        .wait_for_text_containing(5106, &format!("已不予采纳 #{second}"))
        .await;
    let (status, reason): (String, Option<String>) =
        sqlx::query_as("select status, reason from measures where id = $1")
            .bind(second)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(status, "dismissed");
    assert_eq!(
        reason.as_deref(),
        Some("本月已参加全市集中培训，已当面提醒")
    );
    assert_eq!(notices(pool, ids.id("C2"), "measure_confirmed").await, 0);
    assert_eq!(notices(pool, ids.id("H2"), "measure_confirmed").await, 0);

    // Never deleted.
    let deleted = sqlx::query("delete from measures").execute(pool).await;
    assert!(deleted.is_err(), "a measure was deleted");
    bot.stop().await;
}

#[tokio::test]
async fn someone_who_is_not_a_leader_cannot_decide_a_measure() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = county(pool).await;
    let bot = TestBot::start(pool).await;
    run(&scheduler(pool), "2026-11-30 08:00").await;

    // A cadre cannot list them.
    let cadre = bot.user(5101);
    bot.api.push_text(&cadre, "/measures");
    bot.api
        .wait_for_text(5101, &zhuqi::conversation::refusal(ZH, Command::Measures))
        .await;

    // A leader opens a measure, then is no longer a leader: the decision is refused.
    bot.api
        .wait_for_text_containing(5107, "项问责措施建议待决定")
        .await;
    let (id, open) = measure_of(pool, ids.id("C1"), "王明远", "县发展和改革局").await;
    let former = bot.user(5107);
    bot.api.press(&former, &open);
    let confirm = tr(
        ZH,
        "acc-confirm-button",
        Args::new().str("measure", measure("acc-measure-reminder-talk")),
    );
    wait_button(&bot.api, 5107, &confirm).await;
    sqlx::query("update people set roles = '{cadre}' where id = $1")
        .bind(ids.id("L2"))
        .execute(pool)
        .await
        .unwrap();
    bot.api.press(&former, &confirm);
    bot.api
        .wait_for_text(5107, &t(ZH, "acc-leaders-only"))
        .await;
    let status: String = sqlx::query_scalar("select status from measures where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(status, "proposed");
    assert_eq!(notices(pool, ids.id("C1"), "measure_confirmed").await, 0);
    bot.stop().await;
}

#[tokio::test]
async fn a_leader_marks_a_closed_case_as_a_typical_case_and_everyone_can_list_it() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = county(pool).await;
    let cast = Cast {
        cadre: ids.id("C1"),
        dispatcher: ids.id("S1"),
        officer: ids.id("H1"),
        department: ids.id("D1"),
    };
    let closed = case_in(pool, cast, ids.id("E1"), CaseStatus::Closed).await;
    let open = case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
    let bot = TestBot::start(pool).await;
    let leader = bot.user(5106);
    let cadre = bot.user(5101);

    // Nothing yet.
    bot.api.push_text(&cadre, "/cases-of-note");
    bot.api
        .wait_for_text(5101, &t(ZH, "acc-typical-none"))
        .await;

    // A cadre cannot mark one; a leader cannot mark an open case.
    bot.api
        .push_text(&cadre, &format!("/cases_of_note {} 好", closed.number));
    bot.api
        .wait_for_text(5101, &t(ZH, "acc-typical-leaders-only"))
        .await;
    bot.api
        .push_text(&leader, &format!("/cases_of_note {} 好", open.number));
    bot.api
        .wait_for_text_containing(5106, "尚未办结，办结后才能评为典型案例")
        .await;

    // The closed case's card carries the button; the note is typed.
    bot.api
        .push_text(&leader, &format!("/case {}", closed.number));
    let mark = t(ZH, "acc-typical-button");
    wait_button(&bot.api, 5106, &mark).await;
    bot.api.press(&leader, &mark);
    bot.api.wait_for_text_containing(5106, "写下").await;
    bot.api.push_text(&leader, "三部门联合现场办公，一周办结");
    bot.api
        .wait_for_text(
            5106,
            &tr(
                ZH,
                "acc-typical-marked",
                Args::new().str("what", &closed.number),
            ),
        )
        .await;

    bot.api.push_text(&cadre, "/cases_of_note");
    let list = bot.api.wait_for_text_containing(5101, &closed.number).await;
    assert!(
        list.contains(&closed.number)
            && list.contains("秦岭食品有限公司（马召镇）：三部门联合现场办公，一周办结"),
        "{list}"
    );
    assert!(!list.contains(&open.number), "{list}");
    bot.stop().await;
}
