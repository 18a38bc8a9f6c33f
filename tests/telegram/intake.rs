//! Receiving updates: storing, replays, restarts, failures while handling, shutdown.

use super::*;

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
    // Handled, a stranger's update is kept only as its id (README, "Retention").
    assert_eq!(payload, json!({"update_id": id}));
    let chat: i64 = sqlx::query_scalar("select chat_id from inbox where update_id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(chat, 7001);
    bot.stop().await;
}

#[tokio::test]
async fn the_default_command_menu_is_registered_in_both_languages_at_start() {
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
    // Before anyone is bound the menu is the minimal one: each person's own comes with their
    // binding (`menus.rs`).
    for (menu, locale) in [(menus[0], "zh-CN"), (menus[1], "en")] {
        assert_eq!(menu.body["scope"]["type"], "default");
        let expected: Vec<serde_json::Value> = zhuqi::conversation::default_menu(locale)
            .into_iter()
            .map(|c| json!({"command": c.name, "description": c.description}))
            .collect();
        assert_eq!(menu.body["commands"].as_array().unwrap(), &expected);
    }
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
    let stored = NewUpdate {
        update_id: 555,
        chat_id: 7003,
        payload: update,
    };
    store::inbox::store(&db.pool, "telegram", &[stored], Utc::now())
        .await
        .unwrap();
    let bot = TestBot::start_with(api, db.pool.clone(), test_options(), |_| {}).await;
    bot.api.wait_for_text(7003, &stranger_reply()).await;
    wait_handled(&db.pool, 555).await;
    bot.stop().await;
}

async fn proxied_pool(db: &TestDb) -> (PgPool, TcpProxy) {
    let (proxy, url) = TcpProxy::in_front_of_database(&db.url).await;
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(2))
        .connect_with(PgConnectOptions::from_str(&url).unwrap())
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
async fn an_update_that_cannot_be_read_back_is_set_aside_and_its_chat_goes_on() {
    let db = TestDb::new().await;
    let bot = TestBot::start(&db.pool).await;
    let user = bot.user(7012);
    // A reaction to a message. The bot does not ask for reactions, but a server may send them
    // all the same. teloxide reads one, but stores it in a shape it then panics reading back.
    let reaction = bot.api.push_update(json!({
        "message_reaction": {
            "chat": {"id": 7012, "type": "private", "first_name": "u"},
            "message_id": 1,
            "user": {"id": 7012, "is_bot": false, "first_name": "u"},
            "date": 1_700_000_000,
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}]
        }
    }));
    let after = bot.api.push_text(&user, "你好");
    wait_handled(&db.pool, after).await;
    bot.api.wait_for_text(7012, &stranger_reply()).await;
    let (handled, attempts, last_error) = inbox_row(&db.pool, reaction).await;
    assert!(handled.is_some(), "set aside, not left to block the chat");
    assert_eq!(attempts, 1, "an unreadable update is not retried");
    let last_error = last_error.unwrap();
    assert!(last_error.contains("cannot be read"), "{last_error}");
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
async fn a_chat_that_writes_during_a_burst_is_handled_within_a_turn_not_after_the_burst() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let busy = TgUser::private(7010);
    let calm = TgUser::private(7011);
    let burst: Vec<i64> = (0..20)
        .map(|i| api.push_text(&busy, &format!("echo {i}")))
        .collect();
    let single = api.push_text(&calm, "echo 你好");
    // One chat at a time, so the order of handling is the order of turns.
    let bot = TestBot::start_with(
        api,
        db.pool.clone(),
        Options {
            concurrency: 1,
            ..with_handler(Arc::new(Scripted::new()))
        },
        |_| {},
    )
    .await;
    wait_handled(&db.pool, *burst.last().unwrap()).await;
    wait_handled(&db.pool, single).await;
    let order: Vec<i64> = sqlx::query_scalar(
        "select update_id from inbox where handled_at is not null order by handled_at, update_id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let position = order.iter().position(|u| *u == single).unwrap();
    assert!(
        position <= 8,
        "the calm chat's update was handled at position {} of {}, after the busy chat's turns",
        position + 1,
        order.len()
    );
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
