//! Sending through WeCom when things go wrong: an access token that expires mid-run is fetched
//! again and nothing is lost; a member who left is marked unreachable and their department head
//! told once; WeCom's frequency limit puts a message off instead of failing it; a department's
//! group robot takes its group pings, twenty a minute; charts and ledgers go up as temporary
//! media, and a long reply with many buttons arrives whole, on as many cards as it needs.

use super::*;
use end_to_end::{CADRE, DISPATCHER, HEAD, OFFICER, report_with_photo, seed_county};
use support::fake_wecom::FakeWecom;
use zhuqi::config::WecomGroup;
use zhuqi::message::{Button, OutFile, Reply};
use zhuqi::messenger::{DeliveryError, Messenger};
use zhuqi::store::outbox::{self, NewNotification, Recipient};
use zhuqi::wecom::WecomMessenger;

#[tokio::test]
async fn a_token_expiring_mid_run_is_fetched_again_without_losing_a_message() {
    let (db, bot) = county_bot().await;
    bot.api.push_text(CADRE, "/report").await;
    bot.api
        .wait_for_text_containing(CADRE, "秦岭猕猴桃合作社")
        .await;
    assert_eq!(bot.api.tokens_issued(), 1);

    bot.api.expire_tokens();
    end_to_end::describe(&bot.api).await;
    assert_eq!(
        bot.api.tokens_issued(),
        2,
        "one new token, fetched when the old one was refused"
    );
    wait_until(
        &db.pool,
        "everything is sent",
        "select count(*) = 0 from outbox where status <> 'sent'",
    )
    .await;
    let failed: i64 = sqlx::query_scalar("select count(*) from outbox where attempts > 0")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        failed, 0,
        "the refresh happened inside the send, not as a retry"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_member_who_left_is_marked_unreachable_and_the_head_is_told_once() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed_county(pool).await;
    let bot = WecomBot::start(pool, |_, _| {}).await;
    bot.api.remove_member(OFFICER);
    let number = report_with_photo(&bot.api, pool).await;
    let confirm = t(ZH, "bot-dispatch-confirm");
    bot.api.wait_for_button(DISPATCHER, &confirm).await;
    bot.api.press(DISPATCHER, &confirm).await;
    wait_status(pool, &number, "dispatched").await;
    wait_until(
        pool,
        "the officer is unreachable",
        "select not reachable and unreachable_reason like '%81013%' from people where code = 'O1'",
    )
    .await;
    let told = bot.api.wait_for_text_containing(HEAD, "李科长").await;
    assert!(told.contains("81013"), "the head is told why: {told}");
    // Everything settles; the head was told once.
    wait_until(
        pool,
        "nothing is waiting",
        "select count(*) = 0 from outbox where status in ('queued', 'sending')",
    )
    .await;
    assert_eq!(bot.api.count_to(HEAD, "李科长"), 1);
    bot.stop().await;
}

#[tokio::test]
async fn wecoms_frequency_limit_puts_a_reply_off_instead_of_failing_it() {
    let (db, bot) = county_bot().await;
    bot.api.rate_limit(true);
    bot.api.push_text(CADRE, "/report").await;
    wait_until(
        &db.pool,
        "the reply is put off",
        "select exists (select 1 from outbox where status = 'queued' and last_error = 'rate limited' \
         and not_before > now() + interval '30 seconds')",
    )
    .await;
    let (reachable, failed): (bool, i64) = sqlx::query_as(
        "select (select reachable from people where code = 'C1'), \
         (select count(*) from outbox where status = 'failed')",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((reachable, failed), (true, 0));
    assert!(bot.api.sent_to(CADRE).is_empty());
    bot.stop().await;
}

fn robot_for_d1(api: &FakeWecom) -> Vec<WecomGroup> {
    vec![WecomGroup {
        department: "D1".into(),
        webhook: Some(api.robot_url("d1-key")),
        appchat: None,
    }]
}

#[tokio::test]
async fn a_departments_group_ping_goes_to_its_group_robot() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed_county(pool).await;
    let bot = WecomBot::start(pool, |s, api| s.wecom.groups = robot_for_d1(api)).await;
    wait_until(
        pool,
        "the robot is bound to the department",
        "select exists (select 1 from group_chats g join departments d on d.id = g.department_id \
         where g.transport = 'wecom' and d.code = 'D1')",
    )
    .await;
    let group: i64 = sqlx::query_scalar("select id from group_chats where transport = 'wecom'")
        .fetch_one(pool)
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let ping = NewNotification {
        recipient: Recipient::Group(group),
        case_id: None,
        kind: "weekly_summary".into(),
        due_at: now,
        not_before: now,
        body: Reply::text("<b>群提醒</b> 本周待签收 1 件"),
    };
    let mut tx = pool.begin().await.unwrap();
    outbox::enqueue(&mut tx, &ping, now).await.unwrap();
    tx.commit().await.unwrap();
    zhuqi::scheduler::wake_sender();
    bot.api
        .wait_for_text_containing("robot:d1-key", "群提醒 本周待签收 1 件")
        .await;
    let pings = bot.api.sent_to("robot:d1-key");
    assert_eq!(pings.len(), 1);
    assert_eq!(pings[0].msgtype, "markdown");
    bot.stop().await;
}

/// A messenger on a fresh fake server, outside the running app (`adjust` may add groups), and
/// the chat number of the WeCom group `wecom_id` bound to department D1.
async fn group_messenger(
    pool: &PgPool,
    wecom_id: &str,
    adjust: impl FnOnce(&mut Settings, &FakeWecom),
) -> (FakeWecom, WecomMessenger, i64) {
    let api = FakeWecom::start().await;
    let mut settings = Settings::default();
    wecom_settings(&api, &mut settings);
    adjust(&mut settings, &api);
    let now = chrono::Utc::now();
    assert!(
        zhuqi::store::wecom::bind_group(pool, wecom_id, "D1", "工作群", now)
            .await
            .unwrap()
    );
    let chat: i64 = sqlx::query_scalar("select chat_id from group_chats where transport = 'wecom'")
        .fetch_one(pool)
        .await
        .unwrap();
    let messenger =
        WecomMessenger::new(&settings.wecom, pool.clone(), Clock::system(), ZH).unwrap();
    (api, messenger, chat)
}

#[tokio::test]
async fn a_group_robot_takes_twenty_messages_a_minute_and_puts_off_the_next() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed_county(pool).await;
    let (api, messenger, chat) = group_messenger(pool, "robot:D1", |s, api| {
        s.wecom.groups = robot_for_d1(api)
    })
    .await;
    let now = chrono::Utc::now();
    assert!(
        !zhuqi::store::wecom::bind_group(pool, "robot:D9", "D9", "robot", now)
            .await
            .unwrap(),
        "no department D9"
    );
    for i in 0..20 {
        messenger
            .send(chat, &Reply::text(format!("第 {i} 条")))
            .await
            .unwrap();
    }
    let over = messenger.send(chat, &Reply::text("第 21 条")).await;
    assert!(
        matches!(over, Err(DeliveryError::RetryAfter(wait)) if wait > Duration::from_secs(30)),
        "{over:?}"
    );
    assert_eq!(api.sent_to("robot:d1-key").len(), 20);
    // A robot whose webhook was removed is gone for good.
    let (api, fresh, chat) = group_messenger(pool, "robot:D1", |s, api| {
        s.wecom.groups = robot_for_d1(api)
    })
    .await;
    api.remove_member("robot:d1-key");
    assert!(matches!(
        fresh.send(chat, &Reply::text("还在吗")).await,
        Err(DeliveryError::Permanent(_))
    ));
}

#[tokio::test]
async fn a_chart_and_a_ledger_go_up_as_media_and_a_long_reply_with_many_buttons_is_split() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let api = FakeWecom::start().await;
    let mut settings = Settings::default();
    wecom_settings(&api, &mut settings);
    let mut conn = pool.acquire().await.unwrap();
    let chat = zhuqi::store::wecom::id_of(&mut conn, CADRE).await.unwrap();
    let messenger =
        WecomMessenger::new(&settings.wecom, pool.clone(), Clock::system(), ZH).unwrap();

    let files = Reply {
        text: "<b>本周汇总</b>".into(),
        photo: Some(OutFile {
            name: "summary.png".into(),
            bytes: vec![0x89, b'P', b'N', b'G'],
        }),
        document: Some(OutFile {
            name: "台账.xlsx".into(),
            bytes: b"PK\x03\x04 ledger".to_vec(),
        }),
        ..Reply::default()
    };
    messenger.send(chat, &files).await.unwrap();
    let kinds: Vec<String> = api.uploads().into_iter().map(|(_, kind, _)| kind).collect();
    assert_eq!(kinds, ["image", "file"]);
    let sent: Vec<(String, Option<String>)> = api
        .sent_to(CADRE)
        .into_iter()
        .map(|s| (s.msgtype, s.media_id))
        .collect();
    assert_eq!(
        sent,
        [
            ("markdown".to_string(), None),
            ("image".to_string(), Some("up-1".to_string())),
            ("file".to_string(), Some("up-2".to_string())),
        ]
    );

    // Eight buttons and a text longer than a card: the text first, then two cards.
    let buttons: Vec<Vec<Button>> = (1..=8)
        .map(|i| {
            vec![Button {
                label: format!("选项{i}"),
                data: format!("k{i}"),
            }]
        })
        .collect();
    let long = "很长的说明。".repeat(400);
    let reply = Reply::text(long.clone()).with_buttons(buttons);
    messenger.send(chat, &reply).await.unwrap();
    let after: Vec<_> = api.sent_to(CADRE).into_iter().skip(3).collect();
    let parts: Vec<&str> = after
        .iter()
        .filter(|s| s.msgtype == "text")
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(parts.concat(), long, "the whole text arrives, in parts");
    assert!(parts.iter().all(|p| p.len() <= 2048));
    let cards: Vec<usize> = after
        .iter()
        .filter(|s| s.msgtype == "template_card")
        .map(|s| s.buttons.len())
        .collect();
    assert_eq!(cards, [6, 2]);
}

#[tokio::test]
async fn an_app_chat_takes_a_group_ping_through_appchat_send() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed_county(pool).await;
    let (api, messenger, chat) = group_messenger(pool, "appchat:wrchat01", |_, _| {}).await;
    messenger
        .send(chat, &Reply::text("<b>ZZ-2026-0001</b> 待签收"))
        .await
        .unwrap();
    let sent = api.sent_to("appchat:wrchat01");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].msgtype.as_str(), sent[0].text.as_str()),
        ("markdown", "ZZ-2026-0001 待签收")
    );
}
