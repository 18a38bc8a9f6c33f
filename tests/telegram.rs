//! The Telegram adapter end to end: real teloxide, real PostgreSQL, a fake Bot API on 127.0.0.1.

mod support;

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool};

use support::fake_bot_api::{BOT_USERNAME, Failure, FakeBotApi, TOKEN, TgUser};
use support::tcp_proxy::TcpProxy;
use support::{TestBot, settings_for, test_options};
use zhuqi::config::Settings;
use zhuqi::conversation::{Button, Engine, EngineError, Input, InputKind, OutFile, Outcome, Reply};
use zhuqi::domain::WorkCalendar;
use zhuqi::i18n::{Args, t, tr};
use zhuqi::messenger::{DeliveryError, Messenger};
use zhuqi::store::inbox::NewUpdate;
use zhuqi::store::{self, StoreError};
use zhuqi::telegram::limiter::{Limiter, Limits};
use zhuqi::telegram::{HandleFuture, Handler, Options, TelegramMessenger};
use zhuqi::testkit::TestDb;

const WAIT: Duration = Duration::from_secs(20);

fn stranger_reply() -> String {
    t("zh-CN", "bot-stranger")
}

async fn inbox_row(pool: &PgPool, update_id: i64) -> (Option<DateTime<Utc>>, i32, Option<String>) {
    sqlx::query_as(
        "select handled_at, attempts, last_error from inbox where transport = 'telegram' and update_id = $1",
    )
    .bind(update_id)
    .fetch_one(pool)
    .await
    .expect("the update is in the inbox")
}

async fn wait_handled(pool: &PgPool, update_id: i64) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let handled: Option<bool> = sqlx::query_scalar(
            "select handled_at is not null from inbox where transport = 'telegram' and update_id = $1",
        )
        .bind(update_id)
        .fetch_optional(pool)
        .await
        .unwrap();
        if handled == Some(true) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "update {update_id} was never handled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn messenger_for(api: &FakeBotApi) -> TelegramMessenger {
    let settings = settings_for(api);
    TelegramMessenger::new(
        zhuqi::telegram::bot(&settings).unwrap(),
        Limiter::new(Limits::default()),
    )
}

/// The engine, with test-only behaviour for a few magic texts.
struct Scripted {
    engine: Engine,
    slow_started: tokio::sync::Notify,
    cut_on_first_call: Option<TcpProxy>,
    cut_done: AtomicBool,
}

impl Scripted {
    fn new() -> Scripted {
        Scripted {
            engine: Engine::new(
                Arc::new(Settings::default()),
                Arc::new(WorkCalendar::weekends_only()),
            ),
            slow_started: tokio::sync::Notify::new(),
            cut_on_first_call: None,
            cut_done: AtomicBool::new(false),
        }
    }
}

impl Handler for Scripted {
    fn handle<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        input: &'a Input,
        now: DateTime<Utc>,
    ) -> HandleFuture<'a> {
        Box::pin(async move {
            if let Some(proxy) = &self.cut_on_first_call
                && !self.cut_done.swap(true, Ordering::SeqCst)
            {
                proxy.cut();
            }
            if let InputKind::Text { text } = &input.kind {
                match text.as_str() {
                    "boom" => panic!("a handler bug"),
                    "broken" => {
                        return Err(EngineError::Store(StoreError::Constraint(
                            "test_check".into(),
                        )));
                    }
                    "slow" => {
                        self.slow_started.notify_one();
                        tokio::time::sleep(Duration::from_millis(1500)).await;
                    }
                    _ => {}
                }
            }
            // Echo: one reply with the text after "echo ", apart from the engine.
            if let InputKind::Text { text } = &input.kind
                && let Some(said) = text.strip_prefix("echo ")
            {
                return Ok(Outcome {
                    replies: vec![Reply::text(said)],
                    callback_answer: None,
                });
            }
            if let InputKind::Callback { data, .. } = &input.kind
                && data == "echo"
            {
                return Ok(Outcome {
                    replies: vec![Reply::text("pressed")],
                    callback_answer: Some("noted".into()),
                });
            }
            if let InputKind::Callback { data, .. } = &input.kind
                && data == "broken"
            {
                return Err(EngineError::Store(StoreError::Constraint(
                    "test_check".into(),
                )));
            }
            self.engine.handle(conn, input, now).await
        })
    }
}

fn with_handler(handler: Arc<Scripted>) -> Options {
    Options {
        handler: Some(handler),
        ..test_options()
    }
}

#[tokio::test]
async fn a_polled_update_is_stored_then_handled_and_a_stranger_is_refused() {
    let db = TestDb::new().await;
    let bot = TestBot::start(&db.pool).await;
    let stranger = bot.user(7001);
    let id = bot.api.push_text(&stranger, "你好");
    bot.api.wait_for_text(7001, &stranger_reply()).await;
    wait_handled(&db.pool, id).await;
    let payload: serde_json::Value =
        sqlx::query_scalar("select payload from inbox where update_id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(payload["message"]["text"], "你好");
    let chat: i64 = sqlx::query_scalar("select chat_id from inbox where update_id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(chat, 7001);
    bot.stop().await;
}

#[tokio::test]
async fn the_command_menu_is_registered_in_both_languages_at_start() {
    let db = TestDb::new().await;
    let bot = TestBot::start(&db.pool).await;
    let calls = bot
        .api
        .wait_for("two setMyCommands", WAIT, |calls| {
            calls.iter().filter(|c| c.method == "setmycommands").count() == 2
        })
        .await;
    let menus: Vec<_> = calls
        .iter()
        .filter(|c| c.method == "setmycommands")
        .collect();
    assert!(menus[0].body.get("language_code").is_none());
    assert_eq!(menus[1].body["language_code"], "en");
    let described = |locale: &str| {
        Engine::commands(locale)
            .into_iter()
            .find(|(name, _)| name == "report")
            .map(|(_, d)| d)
    };
    let (zh_report, en_report) = (described("zh-CN"), described("en"));
    let zh = menus[0].body["commands"].as_array().unwrap();
    let en = menus[1].body["commands"].as_array().unwrap();
    assert_eq!(zh.len(), en.len());
    assert!(zh.iter().any(|c| c["command"] == "report"
        && Some(c["description"].as_str().unwrap().to_string()) == zh_report));
    assert!(en.iter().any(|c| c["command"] == "report"
        && Some(c["description"].as_str().unwrap().to_string()) == en_report));
    bot.stop().await;
}

#[tokio::test]
async fn a_replayed_update_has_one_effect() {
    let db = TestDb::new().await;
    let bot = TestBot::start(&db.pool).await;
    let user = bot.user(7002);
    let update = bot.api.message(&user, json!({"text": "第一次"}));
    let id = bot.api.push_update(update.clone());
    bot.api.wait_for_text(7002, &stranger_reply()).await;
    bot.api.wait_confirmed(id).await;

    let mut replay = update;
    replay["update_id"] = json!(id);
    bot.api.redeliver(replay);
    bot.api
        .wait_for("the replay to be fetched", WAIT, |calls| {
            calls.iter().filter(|c| c.method == "getupdates").any(|c| {
                c.body["returned"].as_array().unwrap().contains(&json!(id))
                    && c.body["offset"].as_i64().is_some_and(|o| o > id)
            })
        })
        .await;
    // A later update from the same chat is handled after the replay would have been (an
    // invite attempt: a stranger's plain messages are refused once an hour, a code always).
    let later = bot.api.push_text(&user, "/start NOSUCHCODE");
    wait_handled(&db.pool, later).await;
    let texts = bot.api.wait_for_texts(7002, 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        bot.api.texts_to(7002),
        texts,
        "one reply for the update, one for the later one"
    );
    assert_eq!(texts, [stranger_reply(), t("zh-CN", "bot-invite-invalid")]);
    let rows: i64 = sqlx::query_scalar("select count(*) from inbox where update_id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
    bot.stop().await;
}

#[tokio::test]
async fn updates_stored_but_not_handled_before_a_restart_are_handled_after_it() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let user = TgUser::private(7003);
    let mut update = api.message(&user, json!({"text": "崩溃前收到的"}));
    update["update_id"] = json!(555);
    sqlx::query(
        "insert into inbox (transport, update_id, chat_id, payload) values ('telegram', 555, 7003, $1)",
    )
    .bind(&update)
    .execute(&db.pool)
    .await
    .unwrap();
    let bot = TestBot::start_with(api, db.pool.clone(), test_options(), |_| {}).await;
    bot.api.wait_for_text(7003, &stranger_reply()).await;
    wait_handled(&db.pool, 555).await;
    bot.stop().await;
}

async fn proxied_pool(db: &TestDb) -> (PgPool, TcpProxy) {
    let options = PgConnectOptions::from_str(&db.url).unwrap();
    let upstream = format!("{}:{}", options.get_host(), options.get_port());
    let upstream = tokio::net::lookup_host(upstream)
        .await
        .unwrap()
        .next()
        .unwrap();
    let proxy = TcpProxy::start(upstream).await;
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(2))
        .connect_with(options.host("127.0.0.1").port(proxy.addr.port()))
        .await
        .unwrap();
    (pool, proxy)
}

#[tokio::test]
async fn the_offset_moves_only_after_the_updates_are_committed_so_a_restart_loses_nothing() {
    let db = TestDb::new().await;
    let (pool, proxy) = proxied_pool(&db).await;
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        pool.clone(),
        test_options(),
        |_| {},
    )
    .await;
    let user = TgUser::private(7004);
    proxy.cut();
    let id = bot.api.push_text(&user, "数据库断开时发的");
    bot.api
        .wait_for_text(7004, &t("zh-CN", "error-db-unavailable-queued"))
        .await;
    assert!(
        bot.api.confirmed_offset() <= id,
        "an update that was not stored is not confirmed"
    );
    let api = bot.stop().await;
    assert!(api.confirmed_offset() <= id);

    proxy.restore();
    let bot = TestBot::start_with(api, pool.clone(), test_options(), |_| {}).await;
    bot.api.wait_for_text(7004, &stranger_reply()).await;
    wait_handled(&db.pool, id).await;
    bot.api.wait_confirmed(id).await;
    let told = bot
        .api
        .texts_to(7004)
        .into_iter()
        .filter(|t| *t == t_unavailable())
        .count();
    assert_eq!(told, 1, "the person is told once, not on every retry");
    bot.stop().await;
}

fn t_unavailable() -> String {
    t("zh-CN", "error-db-unavailable-queued")
}

#[tokio::test]
async fn when_the_database_goes_away_while_handling_the_person_is_told_and_the_bot_recovers() {
    let db = TestDb::new().await;
    let (pool, proxy) = proxied_pool(&db).await;
    let mut handler = Scripted::new();
    handler.cut_on_first_call = Some(proxy.clone());
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        pool.clone(),
        with_handler(Arc::new(handler)),
        |_| {},
    )
    .await;
    let user = TgUser::private(7005).speaking("en");
    let id = bot.api.push_text(&user, "report: the road is blocked");
    bot.api
        .wait_for_text(7005, &t("en", "error-db-unavailable-queued"))
        .await;
    proxy.restore();
    bot.api.wait_for_text(7005, &t("en", "bot-stranger")).await;
    wait_handled(&db.pool, id).await;
    bot.stop().await;
}

#[tokio::test]
async fn every_button_press_is_answered_even_when_handling_fails() {
    let db = TestDb::new().await;
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        db.pool.clone(),
        with_handler(Arc::new(Scripted::new())),
        |_| {},
    )
    .await;
    let user = TgUser::private(7006);
    let ok = bot.api.callback(&user, 42, "some-token");
    let ok_query = ok["callback_query"]["id"].as_str().unwrap().to_string();
    bot.api.push_update(ok);
    let bad = bot.api.callback(&user, 43, "broken");
    let bad_query = bad["callback_query"]["id"].as_str().unwrap().to_string();
    let bad_id = bot.api.push_update(bad);
    bot.api
        .wait_for("both presses answered", WAIT, |calls| {
            let answered: Vec<_> = calls
                .iter()
                .filter(|c| c.method == "answercallbackquery")
                .map(|c| c.body["callback_query_id"].as_str().unwrap_or_default())
                .collect();
            answered.contains(&ok_query.as_str()) && answered.contains(&bad_query.as_str())
        })
        .await;
    bot.api
        .wait_for_text(7006, &t("zh-CN", "error-internal"))
        .await;
    let (handled, attempts, last_error) = inbox_row(&db.pool, bad_id).await;
    assert!(handled.is_some(), "a poison update is given up");
    assert_eq!(attempts, 3);
    assert!(last_error.unwrap().contains("test_check"));
    let answers_to_bad = bot
        .api
        .calls_of("answercallbackquery")
        .iter()
        .filter(|c| c.body["callback_query_id"] == bad_query.as_str())
        .count();
    assert_eq!(answers_to_bad, 1);
    bot.stop().await;
}

#[tokio::test]
async fn a_panic_in_a_handler_does_not_stop_the_bot_for_that_chat_or_others() {
    let db = TestDb::new().await;
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        db.pool.clone(),
        with_handler(Arc::new(Scripted::new())),
        |_| {},
    )
    .await;
    let a = TgUser::private(7007);
    let b = TgUser::private(7008);
    let boom = bot.api.push_text(&a, "boom");
    let after = bot.api.push_text(&a, "还在吗");
    let other = bot.api.push_text(&b, "你好");
    wait_handled(&db.pool, other).await;
    wait_handled(&db.pool, after).await;
    let (handled, attempts, last_error) = inbox_row(&db.pool, boom).await;
    assert!(handled.is_some());
    assert_eq!(attempts, 3);
    assert!(last_error.unwrap().contains("a handler bug"));
    let texts = bot.api.wait_for_texts(7007, 2).await;
    assert_eq!(texts, [t("zh-CN", "error-internal"), stranger_reply()]);
    bot.stop().await;
}

#[tokio::test]
async fn one_chats_updates_are_handled_in_the_order_they_came() {
    let db = TestDb::new().await;
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        db.pool.clone(),
        with_handler(Arc::new(Scripted::new())),
        |_| {},
    )
    .await;
    let user = TgUser::private(7009);
    let first = bot.api.push_text(&user, "slow");
    let second = bot.api.push_text(&user, "快");
    wait_handled(&db.pool, second).await;
    let handled: Vec<DateTime<Utc>> = sqlx::query_scalar(
        "select handled_at from inbox where update_id = any($1) order by update_id",
    )
    .bind(vec![first, second])
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(handled[0] <= handled[1]);
    bot.stop().await;
}

#[tokio::test]
async fn shutdown_lets_the_update_in_hand_finish() {
    let db = TestDb::new().await;
    let handler = Arc::new(Scripted::new());
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        db.pool.clone(),
        with_handler(handler.clone()),
        |_| {},
    )
    .await;
    let user = TgUser::private(7010);
    let id = bot.api.push_text(&user, "slow");
    tokio::time::timeout(WAIT, handler.slow_started.notified())
        .await
        .expect("the slow update started");
    bot.stop().await;
    let (handled, _, _) = inbox_row(&db.pool, id).await;
    assert!(handled.is_some(), "the update in hand was finished");
    // Its reply was committed with it: sent already, or queued for the next sender.
    let replies: Vec<Reply> =
        sqlx::query_scalar::<_, serde_json::Value>("select body from outbox where update_id = $1")
            .bind(id)
            .fetch_all(&db.pool)
            .await
            .unwrap()
            .into_iter()
            .map(|b| serde_json::from_value(b).unwrap())
            .collect();
    assert_eq!(replies, [Reply::text(stranger_reply())]);
}

#[tokio::test]
async fn after_a_429_nothing_goes_to_that_chat_before_retry_after() {
    let db = TestDb::new().await;
    let bot = TestBot::start(&db.pool).await;
    let user = TgUser::private(7011);
    bot.api.fail_next(7011, 1, Failure::RetryAfter(1));
    bot.api.push_text(&user, "你好");
    bot.api.wait_for_text(7011, &stranger_reply()).await;
    let sends: Vec<_> = bot
        .api
        .calls_of("sendmessage")
        .into_iter()
        .filter(|c| c.chat_id == Some(7011))
        .collect();
    assert_eq!(sends[0].status, 429);
    assert_eq!(sends[1].status, 200);
    let waited = sends[1].at.duration_since(sends[0].at);
    assert!(
        waited >= Duration::from_millis(950),
        "waited only {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "waited {waited:?}");
    bot.stop().await;
}

#[tokio::test]
async fn commands_for_another_bot_are_ignored_and_ours_are_handled() {
    let db = TestDb::new().await;
    let bot = TestBot::start(&db.pool).await;
    let user = TgUser::private(7012).in_group(-4001);
    let other = bot.api.push_text(&user, "/help@other_bot");
    let ours = bot.api.push_text(&user, &format!("/help@{BOT_USERNAME}"));
    wait_handled(&db.pool, other).await;
    wait_handled(&db.pool, ours).await;
    let texts = bot.api.wait_for_texts(-4001, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(bot.api.texts_to(-4001), texts);
    assert_eq!(texts, [t("zh-CN", "bot-group-help")]);
    bot.stop().await;
}

#[tokio::test]
async fn the_webhook_answers_after_storing_checks_its_secret_and_stores_a_replay_once() {
    let db = TestDb::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let options = Options {
        webhook_listener: Some(listener),
        ..test_options()
    };
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let hook_url = url.clone();
    let bot = TestBot::start_with(FakeBotApi::start().await, db.pool.clone(), options, |s| {
        s.telegram.webhook_url = Some(hook_url);
    })
    .await;
    let calls = bot
        .api
        .wait_for("setWebhook", WAIT, |calls| {
            calls.iter().any(|c| c.method == "setwebhook")
        })
        .await;
    let set = calls.iter().find(|c| c.method == "setwebhook").unwrap();
    assert_eq!(set.body["url"], url);
    let secret = set.body["secret_token"].as_str().unwrap().to_string();
    assert!(secret.len() >= 32);
    assert!(
        bot.api.calls_of("getupdates").is_empty(),
        "no polling in webhook mode"
    );

    let user = TgUser::private(7013);
    let mut update = bot.api.message(&user, json!({"text": "经 webhook 发来"}));
    update["update_id"] = json!(9001);
    let client = reqwest::Client::new();
    let post = |secret: String| {
        client
            .post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .json(&update)
            .send()
    };
    let forged = post("not-the-secret".into()).await.unwrap();
    assert_eq!(forged.status(), 401);
    let rows: i64 = sqlx::query_scalar("select count(*) from inbox")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0, "a forged post stores nothing");

    let answered = post(secret.clone()).await.unwrap();
    assert_eq!(answered.status(), 200);
    let stored: i64 = sqlx::query_scalar("select count(*) from inbox where update_id = 9001")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1, "200 means it is already stored");
    bot.api.wait_for_text(7013, &stranger_reply()).await;
    wait_handled(&db.pool, 9001).await;

    let secret_again = secret.clone();
    assert_eq!(post(secret).await.unwrap().status(), 200);
    // A code is answered every time (plain messages get one refusal an hour).
    let mut later = bot.api.message(&user, json!({"text": "/start NOSUCHCODE"}));
    later["update_id"] = json!(9002);
    client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", &secret_again)
        .json(&later)
        .send()
        .await
        .unwrap();
    wait_handled(&db.pool, 9002).await;
    let texts = bot.api.wait_for_texts(7013, 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(bot.api.texts_to(7013), texts, "the replay had no effect");
    bot.stop().await;
}

#[tokio::test]
async fn blocked_deactivated_and_unknown_chats_are_permanent_failures() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    let reply = Reply::text("hi");
    for (chat, failure) in [
        (1, Failure::Blocked),
        (2, Failure::Deactivated),
        (3, Failure::ChatNotFound),
    ] {
        api.fail_next(chat, 1, failure);
        let result = messenger.send(chat, &reply).await;
        assert!(
            matches!(result, Err(DeliveryError::Permanent(_))),
            "{failure:?}: {result:?}"
        );
    }
}

#[tokio::test]
async fn a_group_upgraded_to_a_supergroup_reports_its_new_chat_id() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    api.fail_next(-4002, 1, Failure::MigrateTo(-1_000_000_004_002));
    assert_eq!(
        messenger.send(-4002, &Reply::text("hi")).await,
        Err(DeliveryError::Migrated(-1_000_000_004_002))
    );
}

#[tokio::test]
async fn too_many_requests_is_reported_with_its_wait() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    api.fail_next(5, 1, Failure::RetryAfter(1));
    assert_eq!(
        messenger.send(5, &Reply::text("hi")).await,
        Err(DeliveryError::RetryAfter(Duration::from_secs(1)))
    );
    let started = std::time::Instant::now();
    messenger.send(5, &Reply::text("again")).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn server_errors_and_cut_connections_are_transient() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    api.fail_next(6, 1, Failure::Drop);
    let cut = messenger.send(6, &Reply::text("hi")).await;
    assert!(matches!(cut, Err(DeliveryError::Transient(_))), "{cut:?}");
    api.fail_next(7, 1, Failure::ServerError);
    let bad_gateway = messenger.send(7, &Reply::text("hi")).await;
    assert!(
        matches!(bad_gateway, Err(DeliveryError::Transient(_))),
        "{bad_gateway:?}"
    );
}

#[tokio::test]
async fn user_text_with_markup_characters_is_sent_without_parse_errors() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    let nasty = "a < b && c > d <b>not bold</b> &amp; \u{202e}RTL\u{200b} 😀";
    let html = tr("en", "test-echo", Args::new().str("text", nasty));
    messenger.send(8, &Reply::text(html.clone())).await.unwrap();
    let sent = api.texts_to(8);
    assert_eq!(sent, [html]);
    assert_eq!(
        zhuqi::i18n::html_to_text(&sent[0]),
        format!("echo: {nasty}")
    );
}

#[tokio::test]
async fn a_long_reply_is_split_into_messages_telegram_accepts_with_buttons_on_the_last() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    let line = tr(
        "zh-CN",
        "test-echo",
        Args::new().str("text", "企业<用电>难&😀"),
    );
    let long = vec![line; 600].join("\n");
    let button = Button {
        label: "签收".into(),
        data: "tok-1".into(),
    };
    let reply = Reply::text(long).with_buttons(vec![vec![button]]);
    let last = messenger.send(9, &reply).await.unwrap();
    let sends: Vec<_> = api
        .calls_of("sendmessage")
        .into_iter()
        .filter(|c| c.chat_id == Some(9))
        .collect();
    assert!(sends.len() >= 3, "{} parts", sends.len());
    assert!(sends.iter().all(|c| c.status == 200));
    assert!(
        sends[..sends.len() - 1]
            .iter()
            .all(|c| c.reply_markup.is_none())
    );
    let final_part = sends.last().unwrap();
    assert_eq!(final_part.message_id, Some(last));
    assert_eq!(
        final_part.reply_markup.as_ref().unwrap()["inline_keyboard"][0][0]["callback_data"],
        "tok-1"
    );
}

#[tokio::test]
async fn a_reply_with_an_edit_id_edits_that_message() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    let reply = Reply {
        edit_message_id: Some(77),
        ..Reply::text("<b>已签收</b>")
    };
    assert_eq!(messenger.send(10, &reply).await, Ok(77));
    let edits = api.calls_of("editmessagetext");
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].body["message_id"], 77);
    assert_eq!(edits[0].text.as_deref(), Some("<b>已签收</b>"));
}

#[tokio::test]
async fn photos_and_documents_are_uploaded_with_the_text_as_caption() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    let reply = Reply {
        photo: Some(OutFile {
            name: "chart.png".into(),
            bytes: vec![0x89, b'P', b'N', b'G'],
        }),
        ..Reply::text("<b>本周</b>")
    };
    messenger.send(11, &reply).await.unwrap();
    let doc = Reply {
        document: Some(OutFile {
            name: "ledger.xlsx".into(),
            bytes: b"PK".to_vec(),
        }),
        ..Reply::text("台账")
    };
    messenger.send(11, &doc).await.unwrap();
    let photo = &api.calls_of("sendphoto")[0];
    assert_eq!(photo.file.as_deref(), Some("chart.png"));
    assert_eq!(photo.text.as_deref(), Some("<b>本周</b>"));
    assert_eq!(photo.chat_id, Some(11));
    let document = &api.calls_of("senddocument")[0];
    assert_eq!(document.file.as_deref(), Some("ledger.xlsx"));
    assert_eq!(document.text.as_deref(), Some("台账"));
}

#[tokio::test]
async fn a_wrong_token_is_refused_by_the_fake_server_like_telegram_does() {
    let api = FakeBotApi::start().await;
    let response = reqwest::Client::new()
        .post(format!("{}botWRONG/getMe", api.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let ok = reqwest::Client::new()
        .post(format!("{}bot{TOKEN}/getMe", api.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn a_photo_from_a_person_reaches_the_engine_as_its_largest_size() {
    let db = TestDb::new().await;
    let bot = TestBot::start(&db.pool).await;
    let user = TgUser::private(7014);
    let id = bot.api.push_photo(&user, Some("现场照片"));
    wait_handled(&db.pool, id).await;
    let payload: serde_json::Value =
        sqlx::query_scalar("select payload from inbox where update_id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let update = zhuqi::telegram::convert::parse_update(&payload).unwrap();
    let input = zhuqi::telegram::convert::to_input(&update, None).unwrap();
    assert!(matches!(
        input.kind,
        InputKind::Photo { file_id, .. } if file_id == "photo-large"
    ));
    bot.stop().await;
}

#[tokio::test]
async fn the_binary_drains_and_exits_cleanly_on_sigterm() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let dir = std::env::temp_dir().join(format!("zhuqi-sigterm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_zhuqi"))
        .arg("run")
        .current_dir(&dir)
        .env("DATABASE_URL", &db.url)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api.url())
        .env_remove("ZHUQI_CONFIG")
        .env_remove("ZHUQI_WEBHOOK_URL")
        .kill_on_drop(true)
        .spawn()
        .expect("start the zhuqi binary");
    let user = TgUser::private(7015);
    api.push_text(&user, "你好");
    api.wait_for_text(7015, &stranger_reply()).await;
    let pid = child.id().expect("the bot is running").to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("the bot exits after SIGTERM")
        .unwrap();
    assert!(exit.success(), "{exit:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A township, a department routed for transport problems, and a cadre with one enterprise,
/// bound to Telegram user `cadre_user`.
async fn seed_cadre(pool: &PgPool, cadre_user: i64) {
    sqlx::query("insert into townships (code, name) values ('T1', '马召镇')")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("insert into departments (code, name) values ('D1', '县交通运输局')")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("insert into category_routes (category, department_id) select 'transport', id from departments")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("insert into people (code, name, roles) values ('C1', '王建国', '{cadre}')")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into enterprises (code, name, township_id, cadre_id) \
         select 'E1', '秦岭猕猴桃合作社', t.id, p.id from townships t, people p",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into messenger_accounts (person_id, transport, user_id, chat_id) \
         select id, 'telegram', $1, $1 from people",
    )
    .bind(cadre_user)
    .execute(pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_cadre_reports_a_problem_with_a_photo_through_telegram_buttons() {
    const ZH: &str = "zh-CN";
    let db = TestDb::new().await;
    seed_cadre(&db.pool, 1001).await;
    let bot = TestBot::start(&db.pool).await;
    let cadre = bot.user(1001);

    bot.api.push_text(&cadre, "/report");
    bot.api
        .wait_for_text_containing(1001, "秦岭猕猴桃合作社")
        .await;
    bot.api.push_text(&cadre, "厂区门前道路破损，货车进出困难");
    let transport = t(ZH, "category-transport");
    let proposed = tr(
        ZH,
        "bot-report-category-proposed",
        Args::new().str("category", &transport),
    );
    bot.api.wait_for_text_containing(1001, &proposed).await;
    bot.api.push_photo(&cadre, None);
    bot.api
        .wait_for_text_containing(
            1001,
            &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
        )
        .await;
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-report-category-accept",
            Args::new().str("category", &transport),
        ),
    );
    bot.api
        .wait_for_text_containing(1001, &t(ZH, "bot-report-difficulty"))
        .await;
    let days = Settings::default()
        .limits
        .days_for(zhuqi::domain::Difficulty::Moderate);
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-difficulty-choice",
            Args::new()
                .str("difficulty", t(ZH, "difficulty-moderate"))
                .num("days", days as f64),
        ),
    );
    bot.api
        .wait_for("the submit button", WAIT, |calls| {
            calls.iter().any(|c| {
                c.reply_markup
                    .as_ref()
                    .is_some_and(|m| m.to_string().contains(&t(ZH, "bot-report-submit")))
            })
        })
        .await;
    bot.api.press(&cadre, &t(ZH, "bot-report-submit"));

    let number: String = loop {
        let found: Option<String> = sqlx::query_scalar("select number from cases")
            .fetch_optional(&db.pool)
            .await
            .unwrap();
        if let Some(n) = found {
            break n;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    bot.api
        .wait_for_text_containing(
            1001,
            &tr(ZH, "bot-report-done", Args::new().str("number", &number)),
        )
        .await;
    let (status, file_id): (String, String) = sqlx::query_as(
        "select c.status, a.file_id from cases c join attachments a on a.case_id = c.id",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), file_id.as_str()),
        ("reported", "photo-large")
    );
    let presses = bot.api.calls_of("answercallbackquery").len();
    assert_eq!(presses, 3, "every button press was answered");
    bot.stop().await;
}

/// The county of the end-to-end walk: a cadre with one enterprise, the campaign office, a
/// transport department with an officer (its default person) and a head, and a leader, each
/// bound to Telegram as user `base + 1 ..= base + 5`.
async fn seed_county(pool: &PgPool, base: i64) {
    for sql in [
        "insert into townships (code, name) values ('T1', '马召镇')",
        "insert into departments (code, name) values ('D1', '县交通运输局')",
        "insert into category_routes (category, department_id) select 'transport', id from departments",
        "insert into people (code, name, roles) values ('C1', '王建国', '{cadre}'), ('S1', '赵活动', '{dispatcher}')",
        "insert into people (code, name, roles, department_id) select 'O1', '李科长', '{officer}', id from departments",
        "insert into people (code, name, roles, department_id) select 'H1', '周局长', '{officer}', id from departments",
        "insert into people (code, name, roles) values ('L1', '陈县长', '{leader}')",
        "update departments set default_assignee_id = (select id from people where code = 'O1'), \
         head_id = (select id from people where code = 'H1')",
        "insert into enterprises (code, name, township_id, cadre_id) \
         select 'E1', '秦岭猕猴桃合作社', t.id, p.id from townships t, people p where p.code = 'C1'",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap();
    }
    for (offset, code) in [(1, "C1"), (2, "S1"), (3, "O1"), (4, "H1"), (5, "L1")] {
        sqlx::query(
            "insert into messenger_accounts (person_id, transport, user_id, chat_id) \
             select id, 'telegram', $1, $1 from people where code = $2",
        )
        .bind(base + offset)
        .bind(code)
        .execute(pool)
        .await
        .unwrap();
    }
}

/// The officer presses "resolve" on the latest card and answers; the cadre is told the answer.
async fn resolve(
    bot: &TestBot,
    pool: &PgPool,
    officer: &TgUser,
    cadre: &TgUser,
    number: &str,
    answer: &str,
) {
    const ZH: &str = "zh-CN";
    bot.api.press(officer, &t(ZH, "bot-op-resolve"));
    bot.api
        .wait_for_text_containing(
            officer.chat_id,
            &tr(
                ZH,
                "bot-ask-resolve",
                Args::new().str("number", number).num("limit", 2000),
            ),
        )
        .await;
    bot.api.push_text(officer, answer);
    wait_status(pool, number, "resolved").await;
    bot.api
        .wait_for_text_containing(
            cadre.chat_id,
            &tr(
                ZH,
                "bot-notify-resolved",
                Args::new().str("number", number).str("answer", answer),
            ),
        )
        .await;
}

async fn wait_status(pool: &PgPool, number: &str, status: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let now: Option<String> = sqlx::query_scalar("select status from cases where number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await
            .unwrap();
        if now.as_deref() == Some(status) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "case {number} is {now:?}, expected {status}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_case_walks_from_report_to_closure_through_telegram_across_every_role() {
    const ZH: &str = "zh-CN";
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed_county(pool, 3000).await;
    let bot = TestBot::start(pool).await;
    let (cadre, dispatcher, officer, leader) = (
        bot.user(3001),
        bot.user(3002),
        bot.user(3003),
        bot.user(3005),
    );
    let mut presses = 0;

    // The cadre reports a problem with a photo; with one enterprise, no enterprise is asked.
    bot.api.push_text(&cadre, "/report");
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(
                ZH,
                "bot-report-describe",
                Args::new()
                    .str("enterprise", "秦岭猕猴桃合作社")
                    .num("limit", 2000),
            ),
        )
        .await;
    bot.api.push_text(&cadre, "厂区门前道路破损，货车进出困难");
    let transport = t(ZH, "category-transport");
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(
                ZH,
                "bot-report-category-proposed",
                Args::new().str("category", &transport),
            ),
        )
        .await;
    bot.api.push_photo(&cadre, Some("路面照片"));
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
        )
        .await;
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-report-category-accept",
            Args::new().str("category", &transport),
        ),
    );
    presses += 1;
    bot.api
        .wait_for_text_containing(3001, &t(ZH, "bot-report-difficulty"))
        .await;
    let days = Settings::default()
        .limits
        .days_for(zhuqi::domain::Difficulty::Moderate);
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-difficulty-choice",
            Args::new()
                .str("difficulty", t(ZH, "difficulty-moderate"))
                .num("days", days as f64),
        ),
    );
    presses += 1;
    bot.api
        .wait_for("the submit button", WAIT, |calls| {
            calls.iter().any(|c| {
                c.reply_markup
                    .as_ref()
                    .is_some_and(|m| m.to_string().contains(&t(ZH, "bot-report-submit")))
            })
        })
        .await;
    bot.api.press(&cadre, &t(ZH, "bot-report-submit"));
    presses += 1;
    let number = "ZZ-2026-0001";
    wait_status(pool, number, "reported").await;
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(ZH, "bot-report-done", Args::new().str("number", number)),
        )
        .await;

    // The campaign office gets the case with the routing proposal and confirms it.
    bot.api
        .wait_for_text_containing(
            3002,
            &tr(
                ZH,
                "bot-notify-reported",
                Args::new().str("number", number).str("actor", "王建国"),
            ),
        )
        .await;
    bot.api.press(&dispatcher, &t(ZH, "bot-dispatch-confirm"));
    presses += 1;
    wait_status(pool, number, "dispatched").await;

    // The officer signs for it, posts progress and resolves it.
    bot.api
        .wait_for_text_containing(
            3003,
            &tr(
                ZH,
                "bot-notify-dispatched",
                Args::new().str("number", number),
            ),
        )
        .await;
    bot.api.press(&officer, &t(ZH, "bot-op-accept"));
    presses += 1;
    wait_status(pool, number, "accepted").await;
    bot.api.push_text(&officer, &format!("/case {number}"));
    bot.api
        .wait_for_text_containing(3003, &t(ZH, "status-accepted"))
        .await;
    bot.api.press(&officer, &t(ZH, "bot-op-progress"));
    presses += 1;
    bot.api
        .wait_for_text_containing(
            3003,
            &tr(
                ZH,
                "bot-ask-progress",
                Args::new().str("number", number).num("limit", 2000),
            ),
        )
        .await;
    bot.api.push_text(&officer, "已联系施工单位，下周开工");
    wait_status(pool, number, "in_progress").await;
    bot.api.push_text(&officer, &format!("/case {number}"));
    bot.api
        .wait_for_text_containing(3003, &t(ZH, "status-in_progress"))
        .await;
    resolve(&bot, pool, &officer, &cadre, number, "道路已修复一半").await;
    presses += 1;

    // The enterprise is unsatisfied: the case reopens and the department is told why.
    bot.api.press(&cadre, &t(ZH, "bot-op-unsatisfied"));
    presses += 1;
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(ZH, "bot-ask-unsatisfied", Args::new().str("number", number)),
        )
        .await;
    bot.api.push_text(&cadre, "只修了一半，雨天仍积水");
    wait_status(pool, number, "in_progress").await;
    bot.api
        .wait_for_text_containing(
            3003,
            &tr(
                ZH,
                "bot-notify-reopened",
                Args::new()
                    .str("number", number)
                    .str("reason", "只修了一半，雨天仍积水"),
            ),
        )
        .await;

    // Resolved again, and this time the enterprise is satisfied.
    resolve(
        &bot,
        pool,
        &officer,
        &cadre,
        number,
        "道路已全部修复，排水已疏通",
    )
    .await;
    presses += 1;
    bot.api.press(&cadre, &t(ZH, "bot-op-satisfied"));
    presses += 1;
    wait_status(pool, number, "closed").await;
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(
                ZH,
                "bot-closed",
                Args::new()
                    .str("number", number)
                    .str("satisfaction", t(ZH, "satisfaction-satisfied")),
            ),
        )
        .await;

    // The leader reads the whole process record.
    bot.api.push_text(&leader, &format!("/case {number}"));
    bot.api
        .wait_for_text_containing(
            3005,
            &tr(ZH, "bot-card-events", Args::new().num("count", 8)),
        )
        .await;

    // What the ledger holds: the process record in order, each event with its actor, the photo,
    // and every notice delivered through the outbox exactly once.
    let kinds: Vec<(String, bool)> = sqlx::query_as(
        "select ev.kind, ev.actor_id is not null from case_events ev join cases c on c.id = ev.case_id \
         where c.number = $1 order by ev.id",
    )
    .bind(number)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        kinds.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [
            "reported",
            "dispatched",
            "accepted",
            "progress",
            "resolved",
            "reopened",
            "resolved",
            "closed"
        ]
    );
    assert!(kinds.iter().all(|(_, has_actor)| *has_actor));
    let (satisfaction, reopens, photo): (String, i32, String) = sqlx::query_as(
        "select c.satisfaction, c.reopen_count, a.file_id from cases c join attachments a on a.case_id = c.id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(
        (satisfaction.as_str(), reopens, photo.as_str()),
        ("satisfied", 1, "photo-large")
    );
    let mut unsent = 1;
    for _ in 0..100 {
        unsent = sqlx::query_scalar::<_, i64>("select count(*) from outbox where status <> 'sent'")
            .fetch_one(pool)
            .await
            .unwrap();
        if unsent == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(unsent, 0, "every notice was delivered");
    let notices: i64 = sqlx::query_scalar("select count(*) from outbox where update_id is null")
        .fetch_one(pool)
        .await
        .unwrap();
    let delivered = bot
        .api
        .calls()
        .iter()
        .filter(|c| c.status == 200 && c.method == "sendmessage")
        .count() as i64;
    assert!(
        delivered >= notices,
        "{delivered} messages for {notices} notices"
    );
    assert_eq!(
        bot.api.calls_of("answercallbackquery").len(),
        presses,
        "every press was answered once"
    );
    bot.stop().await;
}

/// The outbox rows an update wrote: (kind, seq, status), in seq order.
async fn answer_rows(pool: &PgPool, update_id: i64) -> Vec<(String, i32, String)> {
    sqlx::query_as(
        "select kind, seq, status from outbox where transport = 'telegram' and update_id = $1 \
         order by seq",
    )
    .bind(update_id)
    .fetch_all(pool)
    .await
    .unwrap()
}

fn queued(kind: &str, seq: i32) -> (String, i32, String) {
    (kind.to_string(), seq, "queued".to_string())
}

#[tokio::test]
async fn replies_are_written_with_the_update_and_sent_once_by_whichever_sender_runs() {
    let db = TestDb::new().await;
    let options = Options {
        send: false,
        ..with_handler(Arc::new(Scripted::new()))
    };
    let bot =
        TestBot::start_with(FakeBotApi::start().await, db.pool.clone(), options, |_| {}).await;
    let user = TgUser::private(7101);
    let said = bot.api.push_text(&user, "echo one");
    let press = bot.api.callback(&user, 42, "echo");
    let query = press["callback_query"]["id"].as_str().unwrap().to_string();
    let pressed = bot.api.push_update(press);
    wait_handled(&db.pool, said).await;
    wait_handled(&db.pool, pressed).await;
    let api = bot.stop().await;

    // Handled and committed, nothing sent: the replies wait as rows.
    assert_eq!(answer_rows(&db.pool, said).await, [queued("reply", 1)]);
    assert_eq!(
        answer_rows(&db.pool, pressed).await,
        [queued("callback_answer", 0), queued("reply", 1)]
    );
    assert!(api.texts_to(7101).is_empty());
    assert!(api.calls_of("answercallbackquery").is_empty());

    // A sender that starts later sends them, in order, once.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let sender = tokio::spawn(zhuqi::scheduler::sender::run(
        db.pool.clone(),
        vec![Arc::new(messenger_for(&api)) as Arc<dyn Messenger>],
        zhuqi::clock::Clock::system(),
        "later".into(),
        zhuqi::scheduler::sender::Lanes::default(),
        stopped,
    ));
    assert_eq!(api.wait_for_texts(7101, 2).await, ["one", "pressed"]);
    api.wait_for("the press answered", WAIT, |calls| {
        calls.iter().any(|c| c.method == "answercallbackquery")
    })
    .await;
    stop.send(true).unwrap();
    sender.await.unwrap();
    let again = zhuqi::scheduler::deliver_due(
        &db.pool,
        &[Arc::new(messenger_for(&api)) as Arc<dyn Messenger>],
        Utc::now(),
        "again",
    )
    .await
    .unwrap();
    assert_eq!(again.claimed, 0);
    assert_eq!(api.texts_to(7101), ["one", "pressed"]);
    let answers = api.calls_of("answercallbackquery");
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].body["callback_query_id"], query.as_str());
    assert_eq!(answers[0].body["text"], "noted");
}

#[tokio::test]
async fn a_button_press_and_its_reply_go_before_notices_queued_for_other_chats() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    for chat in 0..90i64 {
        let replies = [Reply::text(format!("queued {chat}"))];
        let answer = store::outbox::Answer {
            transport: "telegram",
            chat_id: 8000 + chat,
            update_id: 900_000 + chat,
            callback: None,
            replies: &replies,
        };
        store::outbox::enqueue_answer(&mut conn, &answer, Utc::now())
            .await
            .unwrap();
    }
    // They stand for scheduled notices: the lowest priority.
    sqlx::query("update outbox set priority = 4")
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        db.pool.clone(),
        with_handler(Arc::new(Scripted::new())),
        |_| {},
    )
    .await;
    bot.api
        .wait_for("the queue started", WAIT, |calls| {
            calls.iter().any(|c| c.method == "sendmessage")
        })
        .await;
    let user = TgUser::private(7102);
    bot.api.push_update(bot.api.callback(&user, 42, "echo"));
    let calls = bot
        .api
        .wait_for("the press answered", WAIT, |calls| {
            calls.iter().any(|c| c.method == "answercallbackquery")
        })
        .await;
    let queued_sent = calls
        .iter()
        .filter(|c| c.method == "sendmessage" && c.chat_id != Some(7102))
        .count();
    assert!(
        queued_sent < 90,
        "the press was answered only after the whole queue ({queued_sent} messages)"
    );
    bot.api.wait_for_text(7102, "pressed").await;
    let later = bot
        .api
        .calls_of("sendmessage")
        .iter()
        .filter(|c| c.chat_id != Some(7102))
        .count();
    assert!(
        later < 90,
        "the reply to the person pressing waited for the notices queued before it"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_chat_over_its_cap_is_told_once_and_the_rest_are_dropped_and_counted() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let user = TgUser::private(7103);
    let rows: Vec<NewUpdate> = (0..8i64)
        .map(|i| {
            let mut payload = api.message(&user, json!({"text": format!("echo {i}")}));
            payload["update_id"] = json!(500 + i);
            NewUpdate {
                update_id: 500 + i,
                chat_id: 7103,
                payload,
            }
        })
        .collect();
    store::inbox::store(&db.pool, "telegram", &rows, Utc::now())
        .await
        .unwrap();
    let options = Options {
        chat_cap: 3,
        ..with_handler(Arc::new(Scripted::new()))
    };
    let bot = TestBot::start_with(api, db.pool.clone(), options, |_| {}).await;
    wait_handled(&db.pool, 507).await;
    let texts = bot.api.wait_for_texts(7103, 4).await;
    let notice = tr(
        "zh-CN",
        "telegram-too-many-messages",
        Args::new().num("count", 5),
    );
    let mut expected = vec![notice];
    expected.extend((0..3).map(|i| i.to_string()));
    assert_eq!(texts, expected);
    let dropped: Vec<i64> = sqlx::query_scalar(
        "select update_id from inbox where chat_id = 7103 and last_error = $1 order by update_id",
    )
    .bind(store::inbox::DROPPED)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(dropped, (503..508).collect::<Vec<i64>>());
    bot.stop().await;
}

#[tokio::test]
async fn one_chats_replies_arrive_in_the_order_its_messages_came() {
    let db = TestDb::new().await;
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        db.pool.clone(),
        with_handler(Arc::new(Scripted::new())),
        |_| {},
    )
    .await;
    let user = TgUser::private(7104);
    for i in 0..6 {
        bot.api.push_text(&user, &format!("echo {i}"));
    }
    let texts = bot.api.wait_for_texts(7104, 6).await;
    assert_eq!(texts, ["0", "1", "2", "3", "4", "5"]);
    bot.stop().await;
}
