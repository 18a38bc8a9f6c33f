//! Taking access away, through the real teloxide stack and the fake Bot API: a deactivated
//! person and an unbound account are refused from the next update (told once), the campaign
//! office hands over their work from the notice's buttons, revoked and superseded invites are
//! refused, invite guessing is throttled, notices to a deactivated person are not sent, and
//! `/people` takes access away with two presses and gives an unbound person an invite code.

use super::*;
use chrono::TimeDelta;
use support::world::{self, Cast, County, Ids};
use zhuqi::clock::Clock;
use zhuqi::conversation::withdraw;
use zhuqi::domain::{CaseStatus, Category, NoticeKind};
use zhuqi::roster::{InviteFor, Revoked, make_invite, revoke_invite, supersede_older};
use zhuqi::store::audit::{self, Source};
use zhuqi::store::outbox::{self, NewNotification, Recipient};
use zhuqi::store::people;

const ZH: &str = "zh-CN";

/// A transport department with two officers, the campaign office, an admin, two cadres (the
/// first paired with one enterprise), each bound as user `base + n`.
async fn seed(pool: &PgPool, base: i64) -> Ids {
    let mut county = County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .cadre("C2", "孙丽")
        .officer("O1", "李科长", "D1")
        .officer("O2", "赵干事", "D1")
        .dispatcher("S1", "钱活动")
        .person("A1", "周管理", &[zhuqi::domain::Role::Admin], None)
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1");
    for (n, code) in ["C1", "C2", "O1", "O2", "S1", "A1"].iter().enumerate() {
        county = county.account(code, base + 1 + n as i64);
    }
    county.build().await
}

async fn person(pool: &PgPool, code: &str) -> people::Person {
    let mut conn = pool.acquire().await.unwrap();
    people::by_code(&mut conn, code).await.unwrap().unwrap()
}

/// What the command line does: deactivate, in one transaction.
async fn deactivate(pool: &PgPool, code: &str, reason: &str) {
    let p = person(pool, code).await;
    let mut tx = pool.begin().await.unwrap();
    withdraw::deactivate(&mut tx, &p, Some(reason), Source::CommandLine, Utc::now())
        .await
        .unwrap()
        .expect("the person was active");
    tx.commit().await.unwrap();
}

async fn audit_rows(pool: &PgPool) -> Vec<(Option<i64>, String, String, String)> {
    let mut conn = pool.acquire().await.unwrap();
    audit::latest(&mut conn, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.actor_person_id, e.source, e.action, e.subject))
        .collect()
}

/// Nothing was written to the outbox for this update (the bot stayed silent).
async fn silent(pool: &PgPool, update_id: i64) -> bool {
    let rows: i64 = sqlx::query_scalar(
        "select count(*) from outbox where transport = 'telegram' and update_id = $1",
    )
    .bind(update_id)
    .fetch_one(pool)
    .await
    .unwrap();
    rows == 0
}

#[tokio::test]
async fn a_deactivated_officer_is_refused_at_the_next_my_and_the_office_hands_their_case_over() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = seed(pool, 6000).await;
    let cast = Cast {
        cadre: ids.id("C1"),
        dispatcher: ids.id("S1"),
        officer: ids.id("O1"),
        department: ids.id("D1"),
    };
    let case = world::case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
    let bot = TestBot::start(pool).await;
    let (officer, other, office) = (bot.user(6003), bot.user(6004), bot.user(6005));

    deactivate(pool, "O1", "调岗").await;
    let first = bot.api.push_text(&officer, "/my");
    bot.api
        .wait_for_text(officer.chat_id, &t(ZH, "access-withdrawn"))
        .await;
    let second = bot.api.push_text(&officer, "/todo");
    wait_handled(pool, second).await;
    assert!(!silent(pool, first).await);
    assert!(silent(pool, second).await, "told once, not per message");
    assert_eq!(bot.api.texts_to(officer.chat_id).len(), 1);

    // Until the case is handed over, what the cadre adds reaches the department's other
    // officer, never the deactivated one.
    let cadre = bot.user(6001);
    bot.api.push_text(&cadre, &format!("/case {}", case.number));
    bot.api
        .wait_for_text_containing(cadre.chat_id, &case.number)
        .await;
    bot.api.press(&cadre, &t(ZH, "bot-op-note"));
    bot.api
        .wait_for_text_containing(
            cadre.chat_id,
            &tr(
                ZH,
                "bot-ask-note",
                Args::new().str("number", &case.number).num("limit", 2000),
            ),
        )
        .await;
    bot.api.push_text(&cadre, "企业急需，请尽快");
    let heard = tr(
        ZH,
        "bot-notify-note",
        Args::new()
            .str("actor", "王建国")
            .str("number", &case.number)
            .str("note", "企业急需，请尽快"),
    );
    bot.api
        .wait_for_text_containing(other.chat_id, &heard)
        .await;
    let to_officer: i64 = sqlx::query_scalar(
        "select count(*) from outbox where recipient_id = $1 and kind = 'case_note'",
    )
    .bind(ids.id("O1"))
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(to_officer, 0);

    // The office hears of the open case, and hands it to the other officer.
    let notice = bot
        .api
        .wait_for_text_containing(office.chat_id, &case.number)
        .await;
    assert!(notice.contains("李科长"), "{notice}");
    assert!(notice.contains("调岗"), "{notice}");
    bot.api.press(
        &office,
        &tr(
            ZH,
            "access-button-reassign-case",
            Args::new().str("number", &case.number),
        ),
    );
    bot.api
        .wait_for_text_containing(
            office.chat_id,
            &tr(
                ZH,
                "access-reassign-pick-officer",
                Args::new()
                    .str("number", &case.number)
                    .str("department", "县交通运输局"),
            ),
        )
        .await;
    bot.api.press(&office, "赵干事");
    bot.api
        .wait_for_text_containing(
            office.chat_id,
            &tr(
                ZH,
                "access-reassign-case-done",
                Args::new()
                    .str("number", &case.number)
                    .str("officer", "赵干事"),
            ),
        )
        .await;
    bot.api
        .wait_for_text_containing(
            other.chat_id,
            &tr(
                ZH,
                "access-notify-reassigned",
                Args::new()
                    .str("actor", "钱活动")
                    .str("number", &case.number),
            ),
        )
        .await;
    let (assignee, status): (i64, String) =
        sqlx::query_as("select assignee_id, status from cases where id = $1")
            .bind(case.id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!((assignee, status.as_str()), (ids.id("O2"), "accepted"));
    let events: Vec<(String, Option<i64>)> = sqlx::query_as(
        "select kind, actor_id from case_events where case_id = $1 and kind = 'reassigned'",
    )
    .bind(case.id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(events, vec![("reassigned".to_string(), Some(ids.id("S1")))]);
    let audit = audit_rows(pool).await;
    assert!(
        audit.contains(&(None, "cli".into(), "people deactivate".into(), "O1".into())),
        "{audit:?}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_deactivated_cadres_enterprise_is_paired_with_another_cadre_from_the_office_notice() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = seed(pool, 6100).await;
    let cast = Cast {
        cadre: ids.id("C1"),
        dispatcher: ids.id("S1"),
        officer: ids.id("O1"),
        department: ids.id("D1"),
    };
    let case = world::case_in(pool, cast, ids.id("E1"), CaseStatus::Dispatched).await;
    let bot = TestBot::start(pool).await;
    let office = bot.user(6105);

    deactivate(pool, "C1", "离职").await;
    let notice = bot
        .api
        .wait_for_text_containing(office.chat_id, "秦岭猕猴桃合作社")
        .await;
    assert!(notice.contains(&case.number), "{notice}");
    bot.api.press(
        &office,
        &tr(
            ZH,
            "access-button-reassign-enterprise",
            Args::new().str("enterprise", "秦岭猕猴桃合作社"),
        ),
    );
    bot.api
        .wait_for_text_containing(
            office.chat_id,
            &tr(
                ZH,
                "access-reassign-pick-cadre",
                Args::new().str("enterprise", "秦岭猕猴桃合作社"),
            ),
        )
        .await;
    bot.api.press(&office, "孙丽");
    bot.api
        .wait_for_text_containing(
            office.chat_id,
            &tr(
                ZH,
                "access-reassign-enterprise-done",
                Args::new()
                    .str("enterprise", "秦岭猕猴桃合作社")
                    .str("cadre", "孙丽"),
            ),
        )
        .await;
    let cadre: Option<i64> = sqlx::query_scalar("select cadre_id from enterprises where id = $1")
        .bind(ids.id("E1"))
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(cadre, Some(ids.id("C2")));
    let notes: i64 = sqlx::query_scalar(
        "select count(*) from case_events where case_id = $1 and kind = 'note' and actor_id = $2",
    )
    .bind(case.id)
    .bind(ids.id("S1"))
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(notes, 1, "the change is in the case's process record");
    let audit = audit_rows(pool).await;
    assert!(
        audit
            .iter()
            .any(|(actor, source, action, _)| *actor == Some(ids.id("S1"))
                && source == "telegram"
                && action == "enterprise reassign"),
        "{audit:?}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn an_unbound_account_is_refused_from_the_next_message() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed(pool, 6200).await;
    let bot = TestBot::start(pool).await;
    let cadre = bot.user(6201);
    bot.api.push_text(&cadre, "/help");
    bot.api
        .wait_for_text_containing(
            cadre.chat_id,
            &tr(ZH, "bot-help-intro", Args::new().str("name", "王建国")),
        )
        .await;

    let p = person(pool, "C1").await;
    let mut tx = pool.begin().await.unwrap();
    let unbound = withdraw::unbind(&mut tx, &p, None, Source::CommandLine, Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(unbound.len(), 1);

    let first = bot.api.push_text(&cadre, "/my");
    bot.api
        .wait_for_text(cadre.chat_id, &t(ZH, "access-withdrawn"))
        .await;
    let second = bot.api.push_text(&cadre, "厂区道路破损");
    wait_handled(pool, second).await;
    assert!(!silent(pool, first).await);
    assert!(silent(pool, second).await, "told once, not per message");
    let cases: i64 = sqlx::query_scalar("select count(*) from cases")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(cases, 0, "an unbound account reports nothing");
    let audit = audit_rows(pool).await;
    assert!(
        audit.contains(&(None, "cli".into(), "accounts unbind".into(), "C1".into())),
        "{audit:?}"
    );
    bot.stop().await;
}

async fn invite_for(pool: &PgPool, code: &str, keep_old: bool) -> String {
    let mut tx = pool.begin().await.unwrap();
    let now = Utc::now();
    let made = make_invite(&mut tx, &InviteFor::Person(code.into()), 7, now)
        .await
        .unwrap();
    if !keep_old {
        supersede_older(&mut tx, &made, now).await.unwrap();
    }
    tx.commit().await.unwrap();
    made.code
}

#[tokio::test]
async fn revoked_and_superseded_invites_are_refused_while_the_newest_works() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    County::new(pool)
        .cadre("C1", "王建国")
        .cadre("C2", "孙丽")
        .cadre("C3", "吴敏")
        .build()
        .await;
    let superseded = invite_for(pool, "C1", false).await;
    let newest = invite_for(pool, "C1", false).await;
    let revoked = invite_for(pool, "C2", false).await;
    {
        let mut conn = pool.acquire().await.unwrap();
        let done = revoke_invite(&mut conn, &revoked, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            done,
            Revoked::Now {
                target_code: "C2".into()
            }
        );
    }
    let kept = invite_for(pool, "C3", false).await;
    let also = invite_for(pool, "C3", true).await;

    let bot = TestBot::start(pool).await;
    let (one, two, three) = (bot.user(6301), bot.user(6302), bot.user(6303));
    let invalid = t(ZH, "bot-invite-invalid");
    bot.api.push_text(&one, &format!("/start {superseded}"));
    bot.api.wait_for_text(one.chat_id, &invalid).await;
    bot.api.push_text(&two, &format!("/start {revoked}"));
    bot.api.wait_for_text(two.chat_id, &invalid).await;
    bot.api.push_text(&one, &format!("/start {newest}"));
    bot.api
        .wait_for_text(one.chat_id, &welcome("王建国", "cadre"))
        .await;
    // --keep-old: the older code still works.
    bot.api.push_text(&three, &format!("/start {kept}"));
    bot.api
        .wait_for_text(three.chat_id, &welcome("吴敏", "cadre"))
        .await;
    let unused: Option<chrono::DateTime<Utc>> =
        sqlx::query_scalar("select used_at from invites where code = $1")
            .bind(&also)
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(unused.is_none());
    let audit = audit_rows(pool).await;
    assert!(
        audit.contains(&(None, "cli".into(), "invite revoke".into(), "C2".into())),
        "{audit:?}"
    );
    assert!(
        audit
            .iter()
            .filter(|(_, _, action, subject)| action == "invite" && subject == "C1")
            .count()
            >= 1,
        "the superseded invite is recorded: {audit:?}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn five_wrong_codes_get_one_try_again_later_then_silence_until_the_hour_passes() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    County::new(pool).cadre("C1", "王建国").build().await;
    let start = Utc::now();
    let clock = Clock::manual(start);
    let right = invite_for(pool, "C1", false).await;
    let bot = TestBot::start_with(
        FakeBotApi::start().await,
        pool.clone(),
        Options {
            clock: clock.clone(),
            ..test_options()
        },
        |_| {},
    )
    .await;
    let guesser = bot.user(6401);
    let invalid = t(ZH, "bot-invite-invalid");
    for n in 1..=5 {
        bot.api.push_text(&guesser, &format!("/start WRONG{n:03}"));
        bot.api.wait_for_texts(guesser.chat_id, n).await;
    }
    assert!(
        bot.api
            .texts_to(guesser.chat_id)
            .iter()
            .all(|t| *t == invalid)
    );
    bot.api.push_text(&guesser, "/start WRONG006");
    bot.api
        .wait_for_text(guesser.chat_id, &t(ZH, "access-invite-try-later"))
        .await;
    let quiet = bot.api.push_text(&guesser, &format!("/start {right}"));
    wait_handled(pool, quiet).await;
    let hello = bot.api.push_text(&guesser, "你好");
    wait_handled(pool, hello).await;
    assert!(silent(pool, quiet).await && silent(pool, hello).await);
    assert_eq!(bot.api.texts_to(guesser.chat_id).len(), 6);
    let used: Option<chrono::DateTime<Utc>> =
        sqlx::query_scalar("select used_at from invites where code = $1")
            .bind(&right)
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(used.is_none(), "the right code is refused during the block");

    clock.advance(TimeDelta::minutes(61));
    bot.api.push_text(&guesser, &format!("/start {right}"));
    bot.api
        .wait_for_text_containing(guesser.chat_id, &welcome("王建国", "cadre"))
        .await;
    bot.stop().await;
}

#[tokio::test]
async fn notices_to_a_deactivated_person_are_cancelled_not_sent() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = seed(pool, 6500).await;
    let officer = ids.id("O1");
    let now = Utc::now();
    let notice = |due: chrono::DateTime<Utc>| NewNotification {
        recipient: Recipient::Person(officer),
        case_id: None,
        kind: NoticeKind::WeeklyDepartment.code().into(),
        due_at: due,
        not_before: due,
        body: Reply::text("本周汇总"),
    };
    {
        let mut conn = pool.acquire().await.unwrap();
        assert!(
            outbox::enqueue(&mut conn, &notice(now + TimeDelta::hours(1)), now)
                .await
                .unwrap()
        );
    }
    deactivate(pool, "O1", "调岗").await;
    {
        let mut conn = pool.acquire().await.unwrap();
        outbox::enqueue(&mut conn, &notice(now + TimeDelta::hours(2)), now)
            .await
            .unwrap();
    }
    let statuses: Vec<String> =
        sqlx::query_scalar("select status from outbox where recipient_id = $1 order by due_at")
            .bind(officer)
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(statuses, vec!["cancelled", "cancelled"]);

    // The sender, hours later, sends them nothing.
    let api = FakeBotApi::start().await;
    let messenger: Arc<dyn Messenger> = Arc::new(messenger_for(&api));
    let report = zhuqi::scheduler::sender::deliver_due(
        pool,
        &[messenger],
        now + TimeDelta::hours(3),
        "test",
    )
    .await
    .unwrap();
    assert!(api.texts_to(6503).is_empty(), "{report:?}");
    let sent: i64 = sqlx::query_scalar(
        "select count(*) from outbox where recipient_id = $1 and status = 'sent'",
    )
    .bind(officer)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(sent, 0);
}

#[tokio::test]
async fn people_for_admins_deactivates_on_the_second_press_and_an_old_button_answers_sensibly() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = seed(pool, 6600).await;
    let bot = TestBot::start(pool).await;
    let (admin, cadre) = (bot.user(6606), bot.user(6601));

    // The permission table answers who /people is for.
    bot.api.push_text(&cadre, "/people");
    let refusal = tr(
        ZH,
        "menus-not-for-you",
        Args::new()
            .str("command", "people")
            .str("kinds", t(ZH, "role-admin")),
    );
    bot.api.wait_for_text(cadre.chat_id, &refusal).await;

    bot.api.push_text(&admin, "/people");
    let list = bot
        .api
        .wait_for_text_containing(admin.chat_id, "王建国（C1）")
        .await;
    assert!(list.contains("李科长（O1）"), "{list}");
    let ask = tr(
        ZH,
        "access-button-deactivate",
        Args::new().str("name", "王建国"),
    );
    let asked = bot.api.press(&admin, &ask);
    let question = tr(
        ZH,
        "access-confirm-deactivate",
        Args::new().str("name", "王建国").str("code", "C1"),
    );
    bot.api.wait_for_text(admin.chat_id, &question).await;
    wait_handled(pool, asked).await;
    let active: bool = sqlx::query_scalar("select active from people where id = $1")
        .bind(ids.id("C1"))
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(active, "the first press changes nothing");

    let confirm = tr(
        ZH,
        "access-button-confirm-deactivate",
        Args::new().str("name", "王建国"),
    );
    let shown = bot.api.last_shown(admin.chat_id).unwrap();
    let data = shown.button(&confirm).expect("a confirm button");
    bot.api.press_data(&admin, shown.message_id, &data);
    let done = tr(
        ZH,
        "access-deactivated",
        Args::new()
            .str("name", "王建国")
            .str("code", "C1")
            .num("notices", 0)
            .num("invites", 0),
    );
    bot.api.wait_for_text(admin.chat_id, &done).await;
    let active: bool = sqlx::query_scalar("select active from people where id = $1")
        .bind(ids.id("C1"))
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(!active);

    // The confirm button again: used; the first button again: already deactivated.
    let again = bot.api.press_data(&admin, shown.message_id, &data);
    wait_handled(pool, again).await;
    let old_ask = bot.api.press(&admin, &ask);
    wait_handled(pool, old_ask).await;
    let already = tr(
        ZH,
        "access-people-already-inactive",
        Args::new().str("name", "王建国").str("code", "C1"),
    );
    bot.api
        .wait_for("both old presses answered", WAIT, |calls| {
            let answers: Vec<String> = calls
                .iter()
                .filter(|c| c.method == "answercallbackquery")
                .filter_map(|c| c.body["text"].as_str().map(str::to_string))
                .collect();
            answers.contains(&t(ZH, "bot-button-used")) && answers.contains(&already)
        })
        .await;
    let audit = audit_rows(pool).await;
    assert!(
        audit.contains(&(
            Some(ids.id("A1")),
            "telegram".into(),
            "people deactivate".into(),
            "C1".into()
        )),
        "{audit:?}"
    );

    // Unbind, the same way, for the officer.
    bot.api.press(
        &admin,
        &tr(
            ZH,
            "access-button-unbind",
            Args::new().str("name", "李科长"),
        ),
    );
    let confirm = tr(
        ZH,
        "access-button-confirm-unbind",
        Args::new().str("name", "李科长"),
    );
    bot.api
        .wait_for("the unbind confirmation", WAIT, |calls| {
            calls.iter().any(|c| {
                c.reply_markup
                    .as_ref()
                    .is_some_and(|m| m.to_string().contains(&confirm))
            })
        })
        .await;
    bot.api.press(&admin, &confirm);
    bot.api
        .wait_for_text(
            admin.chat_id,
            &tr(
                ZH,
                "access-unbound",
                Args::new()
                    .str("name", "李科长")
                    .str("code", "O1")
                    .num("count", 1),
            ),
        )
        .await;
    let accounts: i64 =
        sqlx::query_scalar("select count(*) from messenger_accounts where person_id = $1")
            .bind(ids.id("O1"))
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(accounts, 0);
    bot.stop().await;
}

#[tokio::test]
async fn the_weekly_summaries_skip_a_deactivated_cadre_and_officer() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = seed(pool, 6700).await;
    County::new(pool)
        .enterprise("E2", "青岚物流园", "T1", "C2")
        .build()
        .await;
    deactivate(pool, "C1", "离职").await;
    deactivate(pool, "O1", "调岗").await;
    let scheduler = zhuqi::scheduler::Scheduler::new(
        pool.clone(),
        Settings::default(),
        WorkCalendar::weekends_only(),
        "test",
    )
    .unwrap();
    // Monday 2026-12-07, 09:00 in Shanghai: the weekly summaries' instant.
    let monday = chrono::DateTime::parse_from_rfc3339("2026-12-07T01:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    scheduler.run_due(monday).await.unwrap();
    let recipients = |kind: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "select recipient_id from outbox where kind = $1 and recipient_id is not null \
             order by recipient_id",
        )
        .bind(kind)
        .fetch_all(pool)
        .await
        .unwrap()
    };
    assert_eq!(recipients("weekly_cadre").await, vec![ids.id("C2")]);
    assert_eq!(recipients("weekly_department").await, vec![ids.id("O2")]);
}

#[tokio::test]
async fn people_pages_through_a_long_roster() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let mut county = County::new(pool)
        .person("A1", "周管理", &[zhuqi::domain::Role::Admin], None)
        .account("A1", 6801);
    for n in 1..=10 {
        county = county.cadre(&format!("C{n:02}"), &format!("干部{n:02}"));
    }
    county.build().await;
    let bot = TestBot::start(pool).await;
    let admin = bot.user(6801);
    bot.api.push_text(&admin, "/people");
    let title = |page: u32| {
        tr(
            ZH,
            "access-people-title",
            Args::new()
                .num("page", page)
                .num("pages", 2)
                .num("total", 11),
        )
    };
    let first = bot
        .api
        .wait_for_text_containing(admin.chat_id, &title(1))
        .await;
    assert!(
        first.contains("周管理（A1）")
            && first.contains("干部07（C07）")
            && !first.contains("干部08"),
        "{first}"
    );
    bot.api.press(&admin, &t(ZH, "access-people-next"));
    bot.api
        .wait_for("the second page", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method == "editmessagetext"
                    && c.text.as_deref().is_some_and(|t| {
                        t.contains(&title(2))
                            && t.contains("干部08（C08）")
                            && t.contains("干部10（C10）")
                            && !t.contains("周管理")
                    })
            })
        })
        .await;

    // Words find people by name or code: all of them, or the first page and a word of advice.
    bot.api.push_text(&admin, "/people C1");
    let found = tr(
        ZH,
        "access-people-found",
        Args::new().str("words", "C1").num("total", 1),
    );
    let one = bot
        .api
        .wait_for_text_containing(admin.chat_id, &found)
        .await;
    assert!(
        one.contains("干部10（C10）") && !one.contains("干部01"),
        "{one}"
    );
    bot.api.push_text(&admin, "/people 干部");
    let first = tr(
        ZH,
        "access-people-found-first",
        Args::new()
            .str("words", "干部")
            .num("total", 10)
            .num("shown", 8),
    );
    let many = bot
        .api
        .wait_for_text_containing(admin.chat_id, &first)
        .await;
    assert!(
        many.contains("干部08（C08）") && !many.contains("干部09"),
        "{many}"
    );
    bot.api.push_text(&admin, "/people 100%");
    let none = tr(
        ZH,
        "access-people-none-found",
        Args::new().str("words", "100%"),
    );
    bot.api.wait_for_text(admin.chat_id, &none).await;
    // A button of a found person works as on the pages.
    bot.api.push_text(&admin, "/people C10");
    bot.api
        .wait_for_text_containing(admin.chat_id, "干部10（C10）")
        .await;
    bot.api.press(
        &admin,
        &tr(
            ZH,
            "access-button-deactivate",
            Args::new().str("name", "干部10"),
        ),
    );
    let confirm = tr(
        ZH,
        "access-confirm-deactivate",
        Args::new().str("name", "干部10").str("code", "C10"),
    );
    bot.api
        .wait_for_text_containing(admin.chat_id, &confirm)
        .await;
    bot.stop().await;
}

#[tokio::test]
async fn an_admin_gives_an_unbound_person_an_invite_code_and_pressing_again_shows_the_same_one() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = County::new(pool)
        .township("T1", "马召镇")
        .cadre("C1", "王建国")
        .cadre("C3", "周新")
        .person("A1", "周管理", &[zhuqi::domain::Role::Admin], None)
        .account("C1", 6701)
        .account("A1", 6702)
        .build()
        .await;
    let bot = TestBot::start(pool).await;
    let (admin, newcomer) = (bot.user(6702), bot.user(6703));

    bot.api.push_text(&admin, "/people 周新");
    bot.api
        .wait_for_text_containing(admin.chat_id, "周新（C3）")
        .await;
    let label = tr(ZH, "access-button-invite", Args::new().str("name", "周新"));
    let shown = bot.api.last_shown(admin.chat_id).unwrap();
    let data = shown.button(&label).expect("an invite button");
    bot.api.press_data(&admin, shown.message_id, &data);
    let invites_of = || async {
        sqlx::query_as::<_, (String, chrono::DateTime<Utc>)>(
            "select code, expires_at from invites where person_id = $1",
        )
        .bind(ids.id("C3"))
        .fetch_all(pool)
        .await
        .unwrap()
    };
    let made = bot
        .api
        .wait_for_text_containing(admin.chat_id, "周新（C3）的邀请码")
        .await;
    let rows = invites_of().await;
    assert_eq!(rows.len(), 1);
    let (code, expires_at) = rows[0].clone();
    let expires = expires_at
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let args = || {
        Args::new()
            .str("name", "周新")
            .str("code", "C3")
            .str("invite", &code)
            .str("expires", &expires)
    };
    assert_eq!(made, tr(ZH, "access-invite-made", args()));
    assert!(expires_at - Utc::now() > TimeDelta::days(6));

    // The same button again shows the same code: none is voided, none is added.
    bot.api.press_data(&admin, shown.message_id, &data);
    let again = tr(ZH, "access-invite-existing", args());
    bot.api.wait_for_text(admin.chat_id, &again).await;
    assert_eq!(invites_of().await.len(), 1);
    assert!(
        audit_rows(pool).await.contains(&(
            Some(ids.id("A1")),
            "telegram".into(),
            "invite".into(),
            "C3".into()
        )),
        "the code made in chat is in the audit log"
    );

    // The code binds the newcomer; the old button then says they are bound.
    bot.api.push_text(&newcomer, &format!("/start {code}"));
    bot.api
        .wait_for_text_containing(newcomer.chat_id, "周新")
        .await;
    let pressed = bot.api.press_data(&admin, shown.message_id, &data);
    wait_handled(pool, pressed).await;
    let bound = tr(
        ZH,
        "access-invite-already-bound",
        Args::new().str("name", "周新").str("code", "C3"),
    );
    bot.api
        .wait_for("the bound person's answer", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method == "answercallbackquery" && c.body["text"].as_str() == Some(&bound)
            })
        })
        .await;
    // Bound now, the person is listed with an unbind button and no invite button.
    bot.api.push_text(&admin, "/people C3");
    let unbind = tr(ZH, "access-button-unbind", Args::new().str("name", "周新"));
    bot.api
        .wait_for("the list with the unbind button", WAIT, |calls| {
            calls.iter().any(|c| {
                c.reply_markup
                    .as_ref()
                    .is_some_and(|m| m.to_string().contains(&unbind))
            })
        })
        .await;
    let listed = bot.api.last_shown(admin.chat_id).unwrap();
    assert!(listed.button(&label).is_none());
}
