//! The doors around the bot, through real teloxide and the fake Bot API: who may bind a group
//! chat, a bound group kept to its department, the binding ended when the bot is removed (and
//! moved when the group becomes a supergroup), and what is kept of updates nobody needs.

use super::*;
use support::world::{County, Ids, invite};
use zhuqi::domain::Role;
use zhuqi::store::invites::InviteTarget;

const ZH: &str = "zh-CN";
const TRANSPORT_DEPT: &str = "县交通运输局";
const WATER_DEPT: &str = "县水利局";

/// Two departments with an officer each (Telegram users 3011 and 3012), the transport bureau's
/// head (3013), and a cadre (3014) who belongs to neither.
async fn county(pool: &PgPool) -> Ids {
    County::new(pool)
        .township("T1", "马召镇")
        .department("D1", TRANSPORT_DEPT, &[])
        .department("D2", WATER_DEPT, &[])
        .officer("O1", "李科长", "D1")
        .officer("O2", "赵科长", "D2")
        .person("H1", "张局长", &[Role::Leader], None)
        .head("D1", "H1")
        .cadre("C1", "王建国")
        .account("O1", 3011)
        .account("O2", 3012)
        .account("H1", 3013)
        .account("C1", 3014)
        .build()
        .await
}

async fn used(pool: &PgPool, code: &str) -> bool {
    sqlx::query_scalar("select used_at is not null from invites where code = $1")
        .bind(code)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The department a chat is bound to now (its code), if any.
async fn bound_to(pool: &PgPool, chat_id: i64) -> Option<String> {
    sqlx::query_scalar(
        "select d.code from group_chats g join departments d on d.id = g.department_id \
         where g.transport = 'telegram' and g.chat_id = $1 and g.unbound_at is null",
    )
    .bind(chat_id)
    .fetch_optional(pool)
    .await
    .unwrap()
}

/// The audit log, oldest first: (actor, source, action, subject).
async fn audit_rows(pool: &PgPool) -> Vec<(Option<i64>, String, String, String)> {
    sqlx::query_as("select actor_person_id, source, action, subject from audit_log order by id")
        .fetch_all(pool)
        .await
        .unwrap()
}

/// Waits until `text` was sent to `chat` `n` times.
async fn wait_sent(api: &FakeBotApi, chat: i64, text: &str, n: usize) {
    let what = format!("{text:?} {n} times in chat {chat}");
    api.wait_for(&what, WAIT, |_| {
        api.texts_to(chat).iter().filter(|t| *t == text).count() >= n
    })
    .await;
}

fn bind(code: &str) -> String {
    format!("/bind {code}")
}

#[tokio::test]
async fn a_strangers_bind_in_a_group_is_refused_and_the_code_still_binds_for_the_departments_officer()
 {
    let db = TestDb::new().await;
    let ids = county(&db.pool).await;
    let code = invite(&db.pool, InviteTarget::Department(ids.id("D1"))).await;
    let bot = TestBot::start(&db.pool).await;
    let group = -4101;

    // Someone with no bound account: refused, the code untouched.
    let stranger = TgUser::private(3099).in_group(group);
    bot.api.push_text(&stranger, &bind(&code));
    bot.api
        .wait_for_text(group, &t(ZH, "bot-group-bind-stranger"))
        .await;
    assert!(!used(&db.pool, &code).await);
    // A person of the roster who is neither an officer nor the head of the code's department.
    let cadre = TgUser::private(3014).in_group(group);
    bot.api.push_text(&cadre, &bind(&code));
    let not_officer = tr(
        ZH,
        "bot-group-bind-not-officer",
        Args::new().str("department", TRANSPORT_DEPT),
    );
    bot.api.wait_for_text(group, &not_officer).await;
    // An officer of another department.
    let other_officer = TgUser::private(3012).in_group(group);
    bot.api.push_text(&other_officer, &bind(&code));
    wait_sent(&bot.api, group, &not_officer, 2).await;
    assert!(!used(&db.pool, &code).await);
    assert_eq!(bound_to(&db.pool, group).await, None);

    // The department's officer binds the group with the very same code.
    let officer = TgUser::private(3011).in_group(group);
    bot.api.push_text(&officer, &bind(&code));
    bot.api
        .wait_for_text(
            group,
            &tr(
                ZH,
                "bot-group-bound",
                Args::new().str("department", TRANSPORT_DEPT),
            ),
        )
        .await;
    assert!(used(&db.pool, &code).await);
    assert_eq!(bound_to(&db.pool, group).await.as_deref(), Some("D1"));
    assert_eq!(
        audit_rows(&db.pool).await,
        [(
            Some(ids.id("O1")),
            "telegram".to_string(),
            "group bind".to_string(),
            group.to_string()
        )]
    );
    // The group's title, as Telegram tells it, is kept for the lists.
    let title: Option<String> =
        sqlx::query_scalar("select title from group_chats where chat_id = $1")
            .bind(group)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(title.as_deref(), Some("部门群"));
    bot.stop().await;
}

#[tokio::test]
async fn the_head_of_a_department_may_bind_its_group_too() {
    let db = TestDb::new().await;
    let ids = county(&db.pool).await;
    let code = invite(&db.pool, InviteTarget::Department(ids.id("D1"))).await;
    let bot = TestBot::start(&db.pool).await;
    let head = TgUser::private(3013).in_group(-4102);
    bot.api.push_text(&head, &bind(&code));
    bot.api
        .wait_for_text(
            -4102,
            &tr(
                ZH,
                "bot-group-bound",
                Args::new().str("department", TRANSPORT_DEPT),
            ),
        )
        .await;
    assert_eq!(bound_to(&db.pool, -4102).await.as_deref(), Some("D1"));
    bot.stop().await;
}

#[tokio::test]
async fn a_bound_group_is_not_moved_to_another_department_without_an_unbind() {
    let db = TestDb::new().await;
    let ids = county(&db.pool).await;
    let transport_code = invite(&db.pool, InviteTarget::Department(ids.id("D1"))).await;
    let water_code = invite(&db.pool, InviteTarget::Department(ids.id("D2"))).await;
    let again_code = invite(&db.pool, InviteTarget::Department(ids.id("D1"))).await;
    let bot = TestBot::start(&db.pool).await;
    let group = -4103;
    let officer = TgUser::private(3011).in_group(group);
    bot.api.push_text(&officer, &bind(&transport_code));
    bot.api
        .wait_for_text_containing(group, TRANSPORT_DEPT)
        .await;

    // The water bureau's officer, with a valid code of their own: refused, code kept.
    let water_officer = TgUser::private(3012).in_group(group);
    bot.api.push_text(&water_officer, &bind(&water_code));
    bot.api
        .wait_for_text(
            group,
            &tr(
                ZH,
                "bot-group-bound-elsewhere",
                Args::new()
                    .str("department", TRANSPORT_DEPT)
                    .str("chat", group.to_string()),
            ),
        )
        .await;
    assert!(!used(&db.pool, &water_code).await);
    assert_eq!(bound_to(&db.pool, group).await.as_deref(), Some("D1"));

    // Binding it to the department it already serves says so, and spends nothing.
    bot.api.push_text(&officer, &bind(&again_code));
    bot.api
        .wait_for_text(
            group,
            &tr(
                ZH,
                "bot-group-already-bound",
                Args::new()
                    .str("department", TRANSPORT_DEPT)
                    .str("chat", group.to_string()),
            ),
        )
        .await;
    assert!(!used(&db.pool, &again_code).await);
    bot.stop().await;
}

#[tokio::test]
async fn removing_the_bot_from_a_group_ends_its_binding() {
    let db = TestDb::new().await;
    let ids = county(&db.pool).await;
    let code = invite(&db.pool, InviteTarget::Department(ids.id("D1"))).await;
    let bot = TestBot::start(&db.pool).await;
    let group = -4104;
    let officer = TgUser::private(3011).in_group(group);
    bot.api.push_text(&officer, &bind(&code));
    bot.api
        .wait_for_text_containing(group, TRANSPORT_DEPT)
        .await;

    // Another member of the group (no account with the bot) kicks the bot out.
    let member = TgUser::private(3098).in_group(group);
    let id = bot.api.push_bot_membership(&member, "kicked");
    wait_handled(&db.pool, id).await;
    assert_eq!(bound_to(&db.pool, group).await, None);
    let mut conn = db.pool.acquire().await.unwrap();
    assert!(
        store::departments::group_chats(&mut conn, ids.id("D1"))
            .await
            .unwrap()
            .is_empty(),
        "nothing more is sent to the group"
    );
    drop(conn);
    let audit = audit_rows(&db.pool).await;
    assert_eq!(
        audit.last(),
        Some(&(
            None,
            "telegram".to_string(),
            "group removed".to_string(),
            group.to_string()
        ))
    );
    // Nothing was said in a group the bot has left.
    assert_eq!(bot.api.texts_to(group).len(), 1);

    // Added again, the group is bound again with a new code.
    let code = invite(&db.pool, InviteTarget::Department(ids.id("D1"))).await;
    bot.api.push_bot_membership(&member, "member");
    bot.api.push_text(&officer, &bind(&code));
    let bound = tr(
        ZH,
        "bot-group-bound",
        Args::new().str("department", TRANSPORT_DEPT),
    );
    wait_sent(&bot.api, group, &bound, 2).await;
    assert_eq!(bound_to(&db.pool, group).await.as_deref(), Some("D1"));
    bot.stop().await;
}

#[tokio::test]
async fn a_group_upgraded_to_a_supergroup_takes_its_binding_along() {
    let db = TestDb::new().await;
    let ids = county(&db.pool).await;
    let code = invite(&db.pool, InviteTarget::Department(ids.id("D1"))).await;
    let bot = TestBot::start(&db.pool).await;
    let (old, new) = (-4105_i64, -1_000_000_004_105_i64);
    let officer = TgUser::private(3011).in_group(old);
    bot.api.push_text(&officer, &bind(&code));
    bot.api.wait_for_text_containing(old, TRANSPORT_DEPT).await;
    let update = bot
        .api
        .message(&officer, json!({"migrate_to_chat_id": new}));
    let id = bot.api.push_update(update);
    wait_handled(&db.pool, id).await;
    assert_eq!(bound_to(&db.pool, old).await, None);
    assert_eq!(bound_to(&db.pool, new).await.as_deref(), Some("D1"));
    bot.stop().await;
}

#[tokio::test]
async fn of_strangers_and_groups_only_the_update_id_is_kept() {
    let db = TestDb::new().await;
    county(&db.pool).await;
    let bot = TestBot::start(&db.pool).await;
    let stranger = bot
        .api
        .push_text(&TgUser::private(3097), "我的手机号是 13800000000");
    let in_group = bot
        .api
        .push_text(&TgUser::private(3011).in_group(-4106), "群里的闲聊");
    let known = bot.api.push_text(&TgUser::private(3011), "/help");
    for id in [stranger, in_group, known] {
        wait_handled(&db.pool, id).await;
    }
    let payload = |id: i64| {
        let pool = db.pool.clone();
        async move {
            sqlx::query_scalar::<_, serde_json::Value>(
                "select payload from inbox where transport = 'telegram' and update_id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(payload(stranger).await, json!({"update_id": stranger}));
    assert_eq!(payload(in_group).await, json!({"update_id": in_group}));
    assert!(payload(known).await.get("message").is_some());
    // The stranger's update, delivered again, is still recognized and not handled twice.
    let redelivered = json!({"update_id": stranger, "message": {
        "message_id": 1, "date": 1_780_000_000,
        "chat": {"id": 3097, "type": "private", "first_name": "x"},
        "from": {"id": 3097, "is_bot": false, "first_name": "x"},
        "text": "我的手机号是 13800000000"}});
    bot.api.redeliver(redelivered);
    // Updates are fetched in order: once a later one is handled, the replay was seen.
    let later = bot.api.push_text(&TgUser::private(3096), "你好");
    wait_handled(&db.pool, later).await;
    assert_eq!(payload(stranger).await, json!({"update_id": stranger}));
    // Both refusals are sent (the later one queued after anything the replay could queue).
    bot.api.wait_for_texts(3096, 1).await;
    bot.api.wait_for_texts(3097, 1).await;
    assert_eq!(bot.api.texts_to(3097).len(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn what_was_queued_for_a_group_before_it_was_unbound_is_not_sent() {
    use zhuqi::message::Reply;
    use zhuqi::store::outbox::{NewNotification, Recipient};
    let db = TestDb::new().await;
    let ids = county(&db.pool).await;
    let now = Utc::now();
    let mut conn = db.pool.acquire().await.unwrap();
    store::departments::bind_group(&mut conn, "telegram", -4107, ids.id("D1"), None, now)
        .await
        .unwrap();
    let group: i64 = sqlx::query_scalar("select id from group_chats where chat_id = -4107")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let notice = |kind: &str| NewNotification {
        recipient: Recipient::Group(group),
        case_id: None,
        kind: kind.into(),
        due_at: now,
        not_before: now,
        body: Reply::text(kind),
    };
    store::outbox::enqueue(&mut conn, &notice("before_unbinding"), now)
        .await
        .unwrap();
    store::group_chats::end_chat(&mut conn, None, -4107, "zhuqi groups unbind D1", now)
        .await
        .unwrap();
    drop(conn);

    let api = FakeBotApi::start().await;
    let messengers: Vec<Arc<dyn Messenger>> = vec![Arc::new(messenger_for(&api))];
    let report = zhuqi::scheduler::deliver_due(&db.pool, &messengers, now, "w")
        .await
        .unwrap();
    assert_eq!(report.failed, 1);
    assert!(api.calls_of("sendmessage").is_empty());
    let (status, error): (String, Option<String>) =
        sqlx::query_as("select status, last_error from outbox where kind = 'before_unbinding'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(status, "failed");
    assert_eq!(error.as_deref(), Some("the group chat is no longer bound"));
}
