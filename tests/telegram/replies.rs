//! Durable replies: written with the update, sent once, in order, within each chat's cap.

use super::*;

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
        "bot-too-many-messages",
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

#[tokio::test]
async fn a_reply_held_back_by_a_429_is_not_overtaken_by_the_chats_later_replies() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    api.fail_next(7105, 1, Failure::RetryAfter(2));
    let bot = TestBot::start_with(
        api,
        db.pool.clone(),
        with_handler(Arc::new(Scripted::new())),
        |_| {},
    )
    .await;
    let user = TgUser::private(7105);
    for i in 0..4 {
        bot.api.push_text(&user, &format!("echo {i}"));
    }
    let texts = bot.api.wait_for_texts(7105, 4).await;
    assert_eq!(texts, ["0", "1", "2", "3"]);
    let statuses: Vec<u16> = bot
        .api
        .calls_of("sendmessage")
        .iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(statuses, [429, 200, 200, 200, 200]);
    bot.stop().await;
}
