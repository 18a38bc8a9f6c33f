//! Callbacks in: stored before WeCom is answered, once however often WeCom sends them; members
//! the roster names by WeCom userid are bound on their first message; strangers are not.

use super::*;
use chrono::{DateTime, Utc};
use end_to_end::CADRE;
use zhuqi::conversation::{Engine, HandleFuture, Input, InputKind};
use zhuqi::roster::RowProblem;
use zhuqi::store::PgConnection;

async fn inbox_rows(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from inbox where transport = 'wecom'")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_message_sent_again_by_wecom_is_stored_and_answered_once() {
    let (db, bot) = county_bot().await;

    assert_eq!(bot.api.push_text(CADRE, "/report").await, 200);
    for _ in 0..3 {
        assert_eq!(
            bot.api.retry_last().await,
            200,
            "a retry is answered as stored"
        );
    }
    bot.api
        .wait_for_text_containing(CADRE, "秦岭猕猴桃合作社")
        .await;
    wait_until(
        &db.pool,
        "the message is handled",
        "select bool_and(handled_at is not null) from inbox where transport = 'wecom'",
    )
    .await;
    assert_eq!(inbox_rows(&db.pool).await, 1);
    // One more message after the retries: the conversation went on from one /report, not four.
    end_to_end::describe(&bot.api).await;
    let describe = tr(
        ZH,
        "bot-report-describe",
        Args::new()
            .str("enterprise", "秦岭猕猴桃合作社")
            .num("limit", 2000),
    );
    assert_eq!(
        bot.api.count_to(CADRE, &describe),
        1,
        "the retried /report was answered once"
    );
    assert_eq!(inbox_rows(&db.pool).await, 2);
    bot.stop().await;
}

#[tokio::test]
async fn a_card_press_sent_twice_acts_once() {
    let (db, bot) = county_bot().await;
    bot.api.push_text(CADRE, "/report").await;
    bot.api
        .wait_for_text_containing(CADRE, "秦岭猕猴桃合作社")
        .await;
    bot.api
        .push_text(CADRE, "厂区门前道路破损，货车进出困难")
        .await;
    let accept = tr(
        ZH,
        "bot-report-category-accept",
        Args::new().str("category", t(ZH, "category-transport")),
    );
    bot.api.wait_for_button(CADRE, &accept).await;
    assert_eq!(bot.api.press(CADRE, &accept).await, 200);
    assert_eq!(bot.api.retry_last().await, 200);
    bot.api
        .wait_for_text_containing(CADRE, &t(ZH, "bot-report-difficulty"))
        .await;
    wait_until(
        &db.pool,
        "every callback is handled",
        "select bool_and(handled_at is not null) from inbox where transport = 'wecom'",
    )
    .await;
    assert_eq!(inbox_rows(&db.pool).await, 3, "the press is stored once");
    assert_eq!(bot.api.count_to(CADRE, &t(ZH, "bot-report-difficulty")), 1);
    bot.stop().await;
}

#[tokio::test]
async fn the_roster_s_wecom_members_are_bound_without_an_invite_and_a_stranger_is_not() {
    let (db, bot) = county_bot().await;
    bot.api.push_text("stranger01", "/report").await;
    bot.api
        .wait_for_text_containing("stranger01", &t(ZH, "bot-stranger"))
        .await;
    let bound: Vec<(String, Option<String>)> = sqlx::query_as(
        "select p.code, a.username from messenger_accounts a join people p on p.id = a.person_id \
         where a.transport = 'wecom' order by p.code",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let expected: Vec<(String, Option<String>)> = [
        ("C1", CADRE),
        ("H1", end_to_end::HEAD),
        ("L1", end_to_end::LEADER),
        ("O1", end_to_end::OFFICER),
        ("S1", end_to_end::DISPATCHER),
    ]
    .iter()
    .map(|(c, u)| (c.to_string(), Some(u.to_string())))
    .collect();
    assert_eq!(
        bound, expected,
        "everyone on the roster with a userid, nobody else"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_location_and_a_voice_note_are_taken_and_junk_is_refused() {
    let (db, bot) = county_bot().await;
    assert_eq!(bot.api.push_location(CADRE, 34.16, 108.22).await, 200);
    assert_eq!(bot.api.push_voice(CADRE, "voice-1").await, 200);
    assert_eq!(
        bot.api
            .post_raw("msg_signature=x&timestamp=1&nonce=2", "not xml".into())
            .await,
        400
    );
    wait_until(
        &db.pool,
        "both are handled",
        "select count(*) = 2 and bool_and(handled_at is not null and last_error is null) \
         from inbox where transport = 'wecom'",
    )
    .await;
    assert_eq!(bot.api.rejected(), 1);
    bot.stop().await;
}

async fn import_people(pool: &PgPool, csv: &str) -> Result<(), zhuqi::roster::ImportError> {
    zhuqi::roster::import(
        pool,
        zhuqi::cli::ImportKind::People,
        csv.as_bytes(),
        chrono::Utc::now(),
        &indicatif::ProgressBar::hidden(),
        0,
    )
    .await
    .map(|_| ())
}

#[tokio::test]
async fn the_people_file_gives_wecom_userids_and_refuses_bad_or_repeated_ones() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    import_people(
        pool,
        "code,name,roles,wecom_userid\nC1,王建国,助企干部,wangjianguo\nC2,李四,助企干部,\n",
    )
    .await
    .unwrap();
    let bot = WecomBot::start(pool, |_, _| {}).await;
    wait_until(
        pool,
        "the roster's member is bound",
        "select exists (select 1 from messenger_accounts where transport = 'wecom')",
    )
    .await;
    let bound: Vec<String> = sqlx::query_scalar(
        "select p.code from messenger_accounts a join people p on p.id = a.person_id \
         where a.transport = 'wecom'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(bound, ["C1"]);
    bot.stop().await;

    let refused = import_people(
        pool,
        "code,name,roles,企业微信账号\nC1,王建国,助企干部,wang jianguo\nC2,李四,助企干部,lisi\nC3,王五,助企干部,lisi\n",
    )
    .await;
    let Err(zhuqi::roster::ImportError::BadRows(rows)) = refused else {
        panic!("expected bad rows, got {refused:?}");
    };
    let problems: Vec<(u64, RowProblem)> = rows.into_iter().map(|r| (r.line, r.problem)).collect();
    assert_eq!(
        problems,
        [
            (
                2,
                RowProblem::BadWecomUserid {
                    value: "wang jianguo".into()
                }
            ),
            (
                4,
                RowProblem::DuplicateWecomUserid {
                    userid: "lisi".into(),
                    first_line: 3
                }
            ),
        ]
    );
    let kept: Option<String> =
        sqlx::query_scalar("select wecom_userid from people where code = 'C1'")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(
        kept.as_deref(),
        Some(CADRE),
        "a refused file changes nothing"
    );
}

/// The WeCom chat of a person on the roster, once they are bound.
async fn chat_of(pool: &PgPool, code: &str) -> i64 {
    sqlx::query_scalar(
        "select a.chat_id from messenger_accounts a join people p on p.id = a.person_id \
         where a.transport = 'wecom' and p.code = $1",
    )
    .bind(code)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_member_who_floods_the_bot_has_the_newest_dropped_and_does_not_hold_up_another() {
    let (db, bot) = county_bot().await;
    for member in [CADRE, end_to_end::OFFICER] {
        bot.api.push_text(member, "/help").await;
    }
    let all_handled =
        "select bool_and(handled_at is not null) from inbox where transport = 'wecom'";
    wait_until(&db.pool, "both first messages are handled", all_handled).await;
    let cadre = chat_of(&db.pool, "C1").await;
    let officer = chat_of(&db.pool, "O1").await;

    // While both chats are held (as another process handling them would hold them), the cadre
    // sends 45 messages and the officer one; then both are let go at once.
    let mut hold = db.pool.begin().await.unwrap();
    for chat in [cadre, officer] {
        assert!(
            zhuqi::store::inbox::lock_chat(&mut hold, "wecom", chat)
                .await
                .unwrap()
        );
    }
    for _ in 0..45 {
        assert_eq!(bot.api.push_text(CADRE, "/help").await, 200);
    }
    assert_eq!(bot.api.push_text(end_to_end::OFFICER, "/help").await, 200);
    hold.rollback().await.unwrap();
    wait_until(&db.pool, "every message is handled or dropped", all_handled).await;

    let (dropped, handled): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where last_error = $2), count(*) filter (where last_error is null) \
         from inbox where transport = 'wecom' and chat_id = $1 \
         and update_id > (select min(update_id) from inbox where transport = 'wecom' and chat_id = $1)",
    )
    .bind(cadre)
    .bind(zhuqi::store::inbox::DROPPED)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(dropped + handled, 45, "every message is handled or dropped");
    // The cap is applied when the chat's turn comes: 15 dropped, or fewer when the chat's first
    // turn of eight began the moment it was let go.
    assert!(
        (15 - 8..=15).contains(&dropped),
        "{dropped} dropped, {handled} handled: at most 30 waiting are kept"
    );
    // Handled in turns: the officer's one message came before most of the cadre's 30.
    let cadre_before_officer: i64 = sqlx::query_scalar(
        "select count(*) from inbox c, inbox o \
         where c.transport = 'wecom' and c.chat_id = $1 and c.last_error is null \
           and o.transport = 'wecom' and o.chat_id = $2 and o.update_id = \
               (select max(update_id) from inbox where transport = 'wecom' and chat_id = $2) \
           and c.update_id > (select min(update_id) from inbox where transport = 'wecom' and chat_id = $1) \
           and c.handled_at < o.handled_at",
    )
    .bind(cadre)
    .bind(officer)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(
        cadre_before_officer < 30,
        "the officer waited for {cadre_before_officer} of the cadre's 30 messages"
    );
    let notice = tr(
        ZH,
        "bot-too-many-messages",
        Args::new().num("count", dropped as f64),
    );
    bot.api.wait_for_text_containing(CADRE, &notice).await;
    assert_eq!(bot.api.count_to(CADRE, &notice), 1, "told once");
    bot.stop().await;
}

/// The engine, except that a message saying "boom" panics inside it (a bug in handling one
/// message).
struct Boom(Engine);

impl InputHandler for Boom {
    fn handle<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        input: &'a Input,
        now: DateTime<Utc>,
    ) -> HandleFuture<'a> {
        if matches!(&input.kind, InputKind::Text { text } if text == "boom") {
            panic!("a handler bug");
        }
        Box::pin(self.0.handle(conn, input, now))
    }
}

#[tokio::test]
async fn a_panic_while_handling_a_message_is_given_up_with_an_apology_and_the_member_goes_on() {
    let db = TestDb::new().await;
    end_to_end::seed_county(&db.pool).await;
    let engine = Engine::new(
        Arc::new(Settings::default()),
        Arc::new(WorkCalendar::weekends_only()),
    );
    let bot = WecomBot::start_handled_by(&db.pool, Arc::new(Boom(engine))).await;

    assert_eq!(bot.api.push_text(CADRE, "boom").await, 200);
    bot.api
        .wait_for_text_containing(CADRE, &t(ZH, "error-internal"))
        .await;
    let (attempts, last_error): (i32, String) = sqlx::query_as(
        "select attempts, last_error from inbox where transport = 'wecom' \
         and handled_at is not null order by update_id limit 1",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(attempts, 3, "tried three times, then given up");
    assert!(last_error.contains("a handler bug"), "{last_error}");

    // The worker lives on, and the member's next message is answered by the engine.
    bot.api.push_text(CADRE, "/report").await;
    bot.api
        .wait_for_text_containing(CADRE, "秦岭猕猴桃合作社")
        .await;
    bot.stop().await;
}
