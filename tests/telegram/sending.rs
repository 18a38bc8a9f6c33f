//! Sending: limits, failures, markup, long replies, edits, files, webhook and addressing.

use super::*;

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
async fn a_button_notice_longer_than_telegram_shows_is_cut_not_refused() {
    let api = FakeBotApi::start().await;
    let messenger = messenger_for(&api);
    let long = "很".repeat(300);
    messenger.answer(5, "q-long", Some(&long)).await.unwrap();
    messenger.answer(5, "q-short", Some("好")).await.unwrap();
    let answers = api.calls_of("answercallbackquery");
    assert_eq!(answers.len(), 2);
    assert!(answers.iter().all(|c| c.status == 200), "{answers:?}");
    let sent = answers[0].body["text"].as_str().unwrap();
    assert_eq!(sent.chars().count(), 200);
    assert!(sent.ends_with('…'));
    assert_eq!(answers[1].body["text"].as_str(), Some("好"));
}

#[tokio::test]
async fn a_person_who_blocked_the_bot_is_marked_unreachable_when_a_reply_to_them_fails() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    // The cadre has no enterprise yet, so no scheduled reminder reaches them (a notice that
    // reaches them would rightly make them reachable again).
    let ids = support::world::County::new(pool)
        .cadre("C1", "王建国")
        .person("A1", "李管理", &[zhuqi::domain::Role::Admin], None)
        .account("C1", 7201)
        .account("A1", 7202)
        .build()
        .await;
    let bot = TestBot::start(pool).await;
    bot.api.fail_next(7201, 1, Failure::Blocked);
    let said = bot.api.push_text(&TgUser::private(7201), "/my");
    wait_handled(pool, said).await;
    // The admin hears who cannot be reached, once.
    let told = bot.api.wait_for_texts(7202, 1).await;
    assert!(told[0].contains("王建国"), "{told:?}");
    let (reachable, reason): (bool, Option<String>) =
        sqlx::query_as("select reachable, unreachable_reason from people where id = $1")
            .bind(ids.id("C1"))
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(
        !reachable,
        "told {told:?}; to the cadre {:?}",
        bot.api.texts_to(7201)
    );
    assert!(reason.is_some_and(|r| r.contains("blocked")));
    // Writing again shows they are back: the reply goes out and they are reachable again.
    let again = bot.api.push_text(&TgUser::private(7201), "/my");
    wait_handled(pool, again).await;
    bot.api.wait_for_texts(7201, 1).await;
    let reachable: bool = sqlx::query_scalar("select reachable from people where id = $1")
        .bind(ids.id("C1"))
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(reachable);
    bot.stop().await;
}

#[tokio::test]
async fn a_menu_set_for_someone_who_blocked_the_bot_leaves_them_unreachable() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = support::world::County::new(pool)
        .cadre("C1", "王建国")
        .person("A1", "李管理", &[zhuqi::domain::Role::Admin], None)
        .account("C1", 7301)
        .account("A1", 7302)
        .build()
        .await;
    let bot = TestBot::start(pool).await;
    bot.api
        .wait_for("the cadre's menu at start", WAIT, |_| {
            bot.api.chat_menu(7301).is_some()
        })
        .await;
    bot.api.fail_next(7301, 1, Failure::Blocked);
    let said = bot.api.push_text(&TgUser::private(7301), "/my");
    wait_handled(pool, said).await;
    bot.api.wait_for_texts(7302, 1).await;
    let reachable = || async {
        sqlx::query_scalar::<_, bool>("select reachable from people where id = $1")
            .bind(ids.id("C1"))
            .fetch_one(pool)
            .await
            .unwrap()
    };
    assert!(!reachable().await);

    // Their roles change and a new menu is set for their chat: it reaches no one's eyes.
    let now = Utc::now();
    let mut conn = pool.acquire().await.unwrap();
    let menu = store::outbox::NewNotification {
        recipient: store::outbox::Recipient::Person(ids.id("C1")),
        case_id: None,
        kind: "command_menu".into(),
        due_at: now,
        not_before: now,
        body: Reply::commands(vec![zhuqi::message::MenuCommand {
            name: "help".into(),
            description: "帮助".into(),
        }]),
    };
    assert!(store::outbox::enqueue(&mut conn, &menu, now).await.unwrap());
    let queued: i64 = sqlx::query_scalar("select max(id) from outbox where kind = 'command_menu'")
        .fetch_one(pool)
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let status: String = sqlx::query_scalar("select status from outbox where id = $1")
            .bind(queued)
            .fetch_one(pool)
            .await
            .unwrap();
        if status == "sent" {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the menu is {status}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        bot.api.chat_menu(7301).map(|m| m.len()),
        Some(1),
        "the new menu was set"
    );
    assert!(
        !reachable().await,
        "a menu is no sign they unblocked the bot"
    );
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
    // A person of the roster: a stranger's update would be kept only as its id.
    support::world::County::new(&db.pool)
        .cadre("C1", "王建国")
        .account("C1", 7014)
        .build()
        .await;
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
