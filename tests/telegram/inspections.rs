//! 督查 through Telegram and the fake Bot API: the campaign office records an unannounced
//! visit (暗访) with two findings, both become rectification items of the department; the
//! department signs for one and reports it fixed, the inspector closes it; the other, left
//! unfixed, escalates in the daily digest. Nothing the inspected receive names the inspector.

use super::*;
use chrono::TimeZone;
use support::world::County;
use zhuqi::domain::Category;
use zhuqi::scheduler::Scheduler;

const ZH: &str = "zh-CN";
const OFFICE: i64 = 4301;
const OFFICER: i64 = 4303;
const HEAD: i64 = 4304;
const CADRE: i64 = 4306;

fn op(code: &str) -> String {
    t(ZH, &format!("inspections-op-{code}"))
}

/// Waits for a button labelled `label` in the chat, then presses it.
async fn press(bot: &TestBot, chat: i64, label: &str) {
    wait_button(&bot.api, chat, label).await;
    bot.api.press(&bot.user(chat), label);
}

/// Waits for a message to the chat after call `after` with a button whose label starts with
/// `prefix`, and presses it; returns the call's index.
async fn press_starting(bot: &TestBot, chat: i64, prefix: &str, mut after: Option<usize>) -> usize {
    loop {
        let shown = bot
            .api
            .next_shown(chat, after, WAIT)
            .await
            .unwrap_or_else(|| panic!("no button starting {prefix:?}"));
        let found = shown
            .buttons()
            .into_iter()
            .find(|(label, _)| label.starts_with(prefix));
        if let Some((_, data)) = found {
            bot.api.press_data(&bot.user(chat), shown.message_id, &data);
            return shown.seq;
        }
        after = Some(shown.seq);
    }
}

/// Waits for the message `key` about item `number` in the chat.
async fn told(bot: &TestBot, chat: i64, key: &str, number: &str) {
    let text = tr(ZH, key, Args::new().str("number", number));
    bot.api.wait_for_text_containing(chat, &text).await;
}

async fn status(pool: &PgPool, number: &str) -> String {
    sqlx::query_scalar("select status from rectifications where number = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_unannounced_visit_with_two_findings_runs_to_one_closed_and_one_red_rectification() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .dispatcher("S1", "赵主任")
        .officer("O1", "李科长", "D1")
        .officer("O2", "张局长", "D1")
        .head("D1", "O2")
        .leader("L1", "刘县长")
        .cadre("C1", "王建国")
        .account("S1", OFFICE)
        .account("O1", OFFICER)
        .account("O2", HEAD)
        .account("C1", CADRE)
        .build()
        .await;
    let bot = TestBot::start(pool).await;
    let office = bot.user(OFFICE);

    bot.api.push_text(&office, "/inspect");
    press(&bot, OFFICE, &t(ZH, "inspections-kind-unannounced")).await;
    bot.api
        .wait_for_text_containing(OFFICE, &t(ZH, "inspections-ask-date"))
        .await;
    bot.api.push_text(&office, "昨天");
    bot.api
        .wait_for_text_containing(OFFICE, &t(ZH, "inspections-ask-targets"))
        .await;
    bot.api.push_text(&office, "县交通运输局\n王建国");
    bot.api
        .wait_for_text_containing(OFFICE, &t(ZH, "inspections-ask-findings"))
        .await;
    bot.api
        .push_text(&office, "窗口工作人员脱岗\n咨询电话无人接听");
    press(&bot, OFFICE, &t(ZH, "inspections-save")).await;
    let mut seen = bot.api.last_shown(OFFICE).map(|s| s.seq);
    for seq in [1, 2] {
        let label = tr(ZH, "inspections-op-rectify", Args::new().num("seq", seq));
        press(&bot, OFFICE, &label).await;
        let at = press_starting(&bot, OFFICE, "县交通运输局", seen).await;
        let at = press_starting(&bot, OFFICE, "5 ", Some(at)).await;
        bot.api
            .wait_for_text_containing(OFFICE, &format!("ZG-2026-000{seq}"))
            .await;
        seen = Some(at);
    }

    // The department signs for the first and reports it fixed; the inspector closes it.
    let officer = bot.user(OFFICER);
    bot.api
        .wait_for_text_containing(OFFICER, "ZG-2026-0002")
        .await;
    let before = bot.api.last_shown(OFFICER).map(|s| s.seq);
    bot.api.push_text(&officer, "/inspections");
    let at = press_starting(&bot, OFFICER, "ZG-2026-0001", before).await;
    let at = press_starting(&bot, OFFICER, &op("accept"), Some(at)).await;
    press_starting(&bot, OFFICER, &op("resolve"), Some(at)).await;
    told(&bot, OFFICER, "inspections-ask-resolve", "ZG-2026-0001").await;
    bot.api.push_text(&officer, "已完善考勤制度并每日抽查");
    press(&bot, OFFICE, &op("confirm")).await;
    told(&bot, OFFICER, "inspections-notice-closed", "ZG-2026-0001").await;
    assert_eq!(status(pool, "ZG-2026-0001").await, "closed");
    assert_eq!(status(pool, "ZG-2026-0002").await, "dispatched");

    // Nothing the inspected were sent names the inspector; they read 督查组.
    let team = t(ZH, "inspections-team");
    for chat in [OFFICER, HEAD, CADRE] {
        let texts = bot.api.texts_to(chat);
        assert!(!texts.is_empty(), "chat {chat} was told");
        assert!(texts.iter().any(|t| t.contains(&team)), "{texts:?}");
        for text in texts {
            assert!(
                !text.contains("赵主任"),
                "the inspector is named to {chat}: {text}"
            );
        }
    }
    bot.stop().await;

    // The second, never signed for, goes red three weeks past its deadline: the leader and the
    // inspector hear of it in the day's digest.
    let deadline: chrono::NaiveDate =
        sqlx::query_scalar("select deadline from rectifications where number = 'ZG-2026-0002'")
            .fetch_one(pool)
            .await
            .unwrap();
    let monday = deadline + chrono::Days::new(21);
    let at = chrono::Utc.from_utc_datetime(&monday.and_hms_opt(2, 0, 0).unwrap());
    let scheduler = Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        "test",
    )
    .unwrap();
    scheduler.run_due(at).await.unwrap();
    let digests: Vec<(String, String)> = sqlx::query_as(
        "select p.name, o.body::text from outbox o join people p on p.id = o.recipient_id \
         where o.kind = 'rectification_digest' order by p.name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let red = t(ZH, "inspections-digest-red");
    for name in ["刘县长", "赵主任", "张局长"] {
        let (_, body) = digests
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no digest for {name}: {digests:?}"));
        assert!(
            body.contains("ZG-2026-0002") && body.contains(&red),
            "{body}"
        );
        assert!(
            !body.contains("ZG-2026-0001"),
            "closed items are not chased"
        );
    }
}
