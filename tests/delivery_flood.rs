//! Floods and abuse, from outside, against the real `zhuqi` binary and a fake Bot API: a
//! stranger is refused once, a flooding chat is capped with one notice and slows no one else,
//! group chatter is left alone, a recording button works once, and a crowd binding at once
//! stays under Telegram's limits.

mod support;

use std::time::Duration;

use sqlx::PgPool;

use support::db::TestDb;
use support::fake_bot_api::{FakeBotApi, Limits, TgUser};
use support::process::ZhuqiProcess;
use support::world::{self, County};
use zhuqi::domain::{Category, Role};
use zhuqi::i18n::{Args, t, tr};
use zhuqi::store::invites::InviteTarget;

const ZH: &str = "zh-CN";
/// The notice a chat gets once when it sends more updates than the bot queues per chat.
const CAP_NOTICE: &str = "bot-too-many-messages";
/// How long to wait for an answer that must come (a bound, not a measurement).
const PATIENCE: Duration = Duration::from_secs(90);

/// The part of a rendered message before its first argument.
fn prefix(key: &str, arg: &str) -> String {
    let rendered = tr(ZH, key, Args::new().str(arg, "\u{1}"));
    rendered
        .split('\u{1}')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// `n` people with `roles` (codes `{code}1..{code}n`), each with an unused invite; returns the
/// invite codes in order.
async fn invited(pool: &PgPool, code: &str, n: i64, roles: &[Role]) -> Vec<String> {
    let mut county = County::new(pool);
    for i in 1..=n {
        county = county.person(
            &format!("{code}{i}"),
            &format!("受邀{code}{i}"),
            roles,
            None,
        );
    }
    let ids = county.build().await;
    let mut codes = Vec::new();
    for i in 1..=n {
        let person = ids.id(&format!("{code}{i}"));
        codes.push(world::invite(pool, InviteTarget::Person(person)).await);
    }
    codes
}

/// A cadre bound to Telegram user `user`, with one enterprise.
async fn bound_cadre(pool: &PgPool, code: &str, user: i64) {
    County::new(pool)
        .cadre(code, &format!("干部{code}"))
        .account(code, user)
        .build()
        .await;
}

/// A township, a transport department with an officer, and the route to it.
async fn county(pool: &PgPool) {
    County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .build()
        .await;
}

/// Waits until a message containing `needle` reached `chat`; panics after `PATIENCE`.
async fn wait_for(api: &FakeBotApi, chat: i64, needle: &str) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !api.texts_to(chat).iter().any(|t| t.contains(needle)) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "chat {chat} never got {needle:?}; it got {:?}",
            api.texts_to(chat)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn count(api: &FakeBotApi, chat: i64, needle: &str) -> usize {
    api.texts_to(chat)
        .iter()
        .filter(|t| t.contains(needle))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_who_sends_fifteen_messages_is_refused_once() {
    let db = TestDb::new().await;
    let codes = invited(&db.pool, "P", 1, &[Role::Cadre]).await;
    let api = FakeBotApi::start().await;
    let _bot = ZhuqiProcess::start(&api, &db.url, "stranger");
    let stranger = TgUser::private(6001);
    for i in 0..15 {
        api.push_text(&stranger, &format!("你好，在吗？{i}"));
    }
    // Binding afterwards shows the fifteen were handled: one chat's updates stay in order.
    api.push_text(&stranger, &format!("/start {}", codes[0]));
    wait_for(&api, 6001, &prefix("bot-welcome", "name")).await;
    assert_eq!(count(&api, 6001, &t(ZH, "bot-stranger")), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_strangers_and_one_busy_chat_is_capped_and_another_cadre_is_still_answered() {
    let db = TestDb::new().await;
    county(&db.pool).await;
    let codes = invited(&db.pool, "S", 17, &[Role::Cadre]).await;
    bound_cadre(&db.pool, "BUSY", 6100).await;
    bound_cadre(&db.pool, "CALM", 6200).await;
    let api = FakeBotApi::start().await;
    let _bot = ZhuqiProcess::start(&api, &db.url, "flood");
    // Wait until the bot polls, so that the flood arrives in one burst.
    api.wait_for("the first poll", PATIENCE, |calls| {
        calls.iter().any(|c| c.method == "getupdates")
    })
    .await;

    let strangers: Vec<TgUser> = (0..17).map(|i| TgUser::private(6001 + i)).collect();
    for round in 0..15 {
        for s in &strangers {
            api.push_text(s, &format!("在吗 {round}"));
        }
    }
    let busy = TgUser::private(6100);
    for _ in 0..40 {
        api.push_text(&busy, "/my");
    }
    let calm = TgUser::private(6200);
    api.push_text(&calm, "/help");
    wait_for(&api, 6200, &prefix("bot-help-intro", "name")).await;

    // The busy chat was capped: told once that the rest was not processed.
    wait_for(&api, 6100, &prefix(CAP_NOTICE, "count")).await;
    // Each stranger was refused once; their binding afterwards shows all fifteen were handled.
    for (s, code) in strangers.iter().zip(&codes) {
        api.push_text(s, &format!("/start {code}"));
    }
    for s in &strangers {
        wait_for(&api, s.chat_id, &prefix("bot-welcome", "name")).await;
        assert_eq!(
            count(&api, s.chat_id, &t(ZH, "bot-stranger")),
            1,
            "stranger {} was refused once",
            s.chat_id
        );
    }
    assert_eq!(count(&api, 6100, &prefix(CAP_NOTICE, "count")), 1);
    let answered = count(&api, 6100, &t(ZH, "bot-my-empty"));
    assert!(
        answered < 40,
        "the busy chat's 40 commands were all processed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_messages_not_addressed_to_the_bot_get_no_answer() {
    let db = TestDb::new().await;
    county(&db.pool).await;
    County::new(&db.pool)
        .officer("O1", "李科长", "D1")
        .account("O1", 6301)
        .build()
        .await;
    let api = FakeBotApi::start().await;
    let _bot = ZhuqiProcess::start(&api, &db.url, "group");
    let group: i64 = -6300;
    let officer = TgUser::private(6301).in_group(group);
    let addressed = format!("/help@{}", support::fake_bot_api::BOT_USERNAME);

    api.push_text(&officer, &addressed);
    api.wait_for("an answer in the group", PATIENCE, |_| {
        !api.texts_to(group).is_empty()
    })
    .await;
    let first = api.texts_to(group);
    // Chatter, then the same command again: one chat's updates are handled in order, so when
    // the second answer is there the chatter was handled too.
    for text in [
        "大家好，今天下午开会",
        "/todo@other_bot",
        "收到",
        "@someone 请看一下",
    ] {
        api.push_text(&officer, text);
    }
    api.push_text(&officer, &addressed);
    api.wait_for("the second answer in the group", PATIENCE, |_| {
        api.texts_to(group).len() >= 2 * first.len()
    })
    .await;
    let all = api.texts_to(group);
    assert_eq!(
        all,
        [first.clone(), first].concat(),
        "only the commands addressed to the bot were answered"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submit_button_pressed_twice_and_an_old_button_pressed_later_record_one_case() {
    let db = TestDb::new().await;
    county(&db.pool).await;
    bound_cadre(&db.pool, "C1", 6401).await;
    County::new(&db.pool)
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .build()
        .await;
    let api = FakeBotApi::start().await;
    let _bot = ZhuqiProcess::start(&api, &db.url, "buttons");
    let cadre = TgUser::private(6401);

    api.push_text(&cadre, "/report");
    wait_for(&api, 6401, &prefix("bot-report-describe", "enterprise")).await;
    api.push_text(&cadre, "厂区门前道路破损，货车进出困难");
    let transport = t(ZH, "category-transport");
    let accept = tr(
        ZH,
        "bot-report-category-accept",
        Args::new().str("category", &transport),
    );
    wait_for(
        &api,
        6401,
        &prefix("bot-report-category-proposed", "category"),
    )
    .await;
    let proposal = api.last_shown(6401).expect("the proposal");
    let accept_data = proposal.button(&accept).expect("an accept button");
    api.press_data(&cadre, proposal.message_id, &accept_data);
    wait_for(&api, 6401, &t(ZH, "bot-report-difficulty")).await;
    let difficulty = api.last_shown(6401).expect("the difficulty card");
    let (_, easy) = difficulty
        .buttons()
        .into_iter()
        .next()
        .expect("a difficulty");
    api.press_data(&cadre, difficulty.message_id, &easy);
    let submit_label = t(ZH, "bot-report-submit");
    api.wait_for("the submit button", PATIENCE, |_| {
        api.last_shown(6401)
            .is_some_and(|s| s.button(&submit_label).is_some())
    })
    .await;
    let summary = api.last_shown(6401).expect("the summary");
    let submit = summary.button(&submit_label).expect("a submit button");
    // Two quick presses of the same button, as an impatient thumb does.
    api.press_data(&cadre, summary.message_id, &submit);
    api.press_data(&cadre, summary.message_id, &submit);
    let done = prefix("bot-report-done", "number");
    wait_for(&api, 6401, &done).await;
    // An old card's button pressed after the report was filed.
    api.press_data(&cadre, difficulty.message_id, &easy);
    api.press_data(&cadre, proposal.message_id, &accept_data);

    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !api.unanswered_callbacks().is_empty() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "presses never answered: {:?}",
            api.unanswered_callbacks()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A last command shows every press before it was handled.
    api.push_text(&cadre, "/my");
    let number: String = sqlx::query_scalar("select number from cases")
        .fetch_one(&db.pool)
        .await
        .expect("exactly one case");
    wait_for(&api, 6401, &prefix("bot-my-title", "count")).await;
    let cases: i64 = sqlx::query_scalar("select count(*) from cases")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        cases, 1,
        "one case for one report, however often its buttons were pressed"
    );
    assert_eq!(
        count(&api, 6401, &done),
        1,
        "case {number} was announced once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seventy_five_people_binding_at_once_get_no_answer_429_from_a_fake_that_enforces_limits() {
    let db = TestDb::new().await;
    let codes = invited(&db.pool, "N", 75, &[Role::Cadre]).await;
    let api = FakeBotApi::start_enforcing(Limits::default()).await;
    let _bot = ZhuqiProcess::start(&api, &db.url, "binding");
    api.wait_for("the first poll", PATIENCE, |calls| {
        calls.iter().any(|c| c.method == "getupdates")
    })
    .await;
    let people: Vec<TgUser> = (0..75).map(|i| TgUser::private(6501 + i)).collect();
    for (p, code) in people.iter().zip(&codes) {
        api.push_text(p, &format!("/start {code}"));
    }
    // Asking for their cases afterwards shows everything the binding sent has gone out.
    for p in &people {
        wait_for(&api, p.chat_id, &prefix("bot-welcome", "name")).await;
        api.push_text(p, "/my");
    }
    for p in &people {
        wait_for(&api, p.chat_id, &t(ZH, "bot-my-empty")).await;
    }
    assert_eq!(api.too_many_requests(), 0, "answers 429");
}
