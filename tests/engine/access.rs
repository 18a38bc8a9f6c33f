//! Who may see and do what: strangers, invites, forged buttons, roles, supervision.

use super::*;
use zhuqi::conversation::refusal;
use zhuqi::domain::commands::Command;

#[tokio::test]
async fn a_cadre_cannot_see_another_enterprises_case() {
    let w = World::new().await;
    let number = w
        .report("企业流动资金紧张，需要银行贷款支持", "simple")
        .await;
    let not_found = t(ZH, "bot-case-not-found");
    let out = w.cmd(w.cadre2, "case", &number).await;
    assert_eq!(joined(&out), not_found);
    // The same answer as for a case that does not exist: nothing leaks.
    let out = w.cmd(w.cadre2, "case", "ZZ-2026-0999").await;
    assert_eq!(joined(&out), not_found);
    let out = w.cmd(w.cadre2, "my", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-my-empty"));
    // The reporting cadre does see it.
    let out = w.cmd(w.cadre, "case", &number).await;
    has(&out, "企业流动资金紧张");
}

#[tokio::test]
async fn strangers_get_one_polite_refusal_and_nothing_is_stored() {
    let w = World::new().await;
    let stranger = 9999;
    let rows = "select (select count(*) from messenger_accounts) + (select count(*) from conversations) \
                + (select count(*) from callback_tokens) + (select count(*) from cases)";
    let before = w.count(rows).await;
    let out = w
        .send_from(
            stranger,
            stranger,
            ChatKind::Private,
            InputKind::Text {
                text: "你好".into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
    let out = w
        .send_from(
            stranger,
            stranger,
            ChatKind::Private,
            command("case", "ZZ-2026-0001"),
        )
        .await;
    // One refusal per chat per hour: the second message is not answered again.
    assert!(out.replies.is_empty());
    let out = w
        .send_from(
            stranger,
            stranger,
            ChatKind::Private,
            command("start", "NOSUCHCODE"),
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-invalid"));
    let out = w
        .send_from(stranger, stranger, ChatKind::Private, press("0123"))
        .await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-stranger-button")));
    assert_eq!(w.count(rows).await, before);
}

#[tokio::test]
async fn an_invite_binds_once_and_then_is_spent() {
    let w = World::new().await;
    let newcomer = County::new(w.pool())
        .cadre("C9", "周新")
        .build()
        .await
        .id("C9");
    let mut conn = w.pool().acquire().await.unwrap();
    let now = w.now();
    let code = invites::create(
        &mut conn,
        InviteTarget::Person(newcomer),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    let dept_code = invites::create(
        &mut conn,
        InviteTarget::Department(w.transport_dept),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    drop(conn);
    // A department's code does not bind a person, and stays unused for the group.
    let out = w
        .send_from(5000, 5000, ChatKind::Private, command("start", &dept_code))
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-for-group"));
    let out = w
        .send_from(
            5000,
            5000,
            ChatKind::Private,
            command("start", &code.to_lowercase()),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-welcome",
            Args::new()
                .str("name", "周新")
                .str("roles", t(ZH, "role-cadre")),
        ),
    );
    let bound: i64 = sqlx::query_scalar(
        "select person_id from messenger_accounts where transport = 'telegram' and user_id = 5000",
    )
    .fetch_one(w.pool())
    .await
    .unwrap();
    assert_eq!(bound, newcomer);
    // Someone else trying the spent code gets the same refusal as for a wrong one.
    let out = w
        .send_from(5001, 5001, ChatKind::Private, command("start", &code))
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-invalid"));
    let out = w
        .send_from(5000, 5000, ChatKind::Private, command("start", &code))
        .await;
    assert_eq!(
        joined(&out),
        tr(ZH, "bot-already-bound", Args::new().str("name", "周新"))
    );
    let group_unused: bool =
        sqlx::query_scalar("select used_at is null from invites where code = $1")
            .bind(&dept_code)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert!(group_unused);
}

#[tokio::test]
async fn forged_foreign_and_expired_buttons_are_refused() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    let confirm = button(&notes, &t(ZH, "bot-dispatch-confirm"));

    for forged in [
        "0123456789abcdef0123456789abcdef",
        "'; drop table cases; --",
        "",
        &"f".repeat(300),
    ] {
        let out = w.press(w.dispatcher, forged).await;
        assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-unknown")));
        assert!(out.replies.is_empty());
    }
    // The dispatcher's button pressed by the cadre (a forwarded message, a guessed token).
    let out = w.press(w.cadre, &confirm).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-not-yours")));
    // After the buttons' lifetime.
    let input = Input {
        transport: Transport::new("telegram"),
        chat_id: w.dispatcher.user,
        chat_kind: ChatKind::Private,
        user_id: w.dispatcher.user,
        user_name: None,
        language_code: None,
        kind: press(&confirm),
    };
    let out = w.handle(input, w.start + Duration::days(31)).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-expired")));
    assert_eq!(w.case(&number).await.1, "reported");
    // The dispatcher's own press still works, once; a second press changes nothing.
    let out = w.press(w.dispatcher, &confirm).await;
    assert!(out.callback_answer.is_some());
    assert_eq!(w.case(&number).await.1, "dispatched");
    let out = w.press(w.dispatcher, &confirm).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-used")));
    assert_eq!(
        w.count("select count(*) from case_events where kind = 'dispatched'")
            .await,
        1
    );
}

#[tokio::test]
async fn roles_are_checked_on_the_server_whatever_the_button_said() {
    let w = World::new().await;
    let number = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    // The officer of another department cannot sign for it; a leader's /todo is not theirs.
    let out = w.cmd(w.cadre, "todo", "").await;
    assert_eq!(joined(&out), refusal(ZH, Command::Todo));
    let out = w.cmd(w.cadre, "queue", "").await;
    assert_eq!(joined(&out), refusal(ZH, Command::Queue));
    let out = w.cmd(w.officer, "overdue", "").await;
    assert_eq!(joined(&out), refusal(ZH, Command::Overdue));
    let out = w.cmd(w.officer, "todo", "").await;
    has(&out, &number);
    // The cadre's card has no sign-for button.
    let out = w.cmd(w.cadre, "case", &number).await;
    let labels = labels(&out);
    assert!(!labels.contains(&t(ZH, "bot-op-accept")), "{labels:?}");
}

#[tokio::test]
async fn a_leader_supervises_a_case_and_it_shows_on_the_card() {
    let w = World::new().await;
    let number = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let out = w.cmd(w.leader, "case", &number).await;
    let out = w
        .press(w.leader, &button(&out.replies, &t(ZH, "bot-op-supervise")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-supervise",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    let out = w.text(w.leader, "请本周内拿出解决方案").await;
    has(
        &out,
        &tr(ZH, "bot-supervised", Args::new().str("number", &number)),
    );
    assert_eq!(w.count("select count(*) from supervision_orders").await, 1);
    for who in [w.head, w.officer] {
        let notes = w.outbox(who, "case_supervised").await;
        assert!(notes[0].text.contains("请本周内拿出解决方案"));
    }
    let out = w.cmd(w.cadre, "case", &number).await;
    has(&out, "🔴");
    has(&out, "请本周内拿出解决方案");
    // Overdue: past the deadline the leader's list has it.
    let input = Input {
        transport: Transport::new("telegram"),
        chat_id: w.leader.user,
        chat_kind: ChatKind::Private,
        user_id: w.leader.user,
        user_name: None,
        language_code: None,
        kind: command("overdue", ""),
    };
    let out = w.handle(input, w.start + Duration::days(30)).await;
    has(
        &out,
        &tr(ZH, "bot-overdue-title", Args::new().num("count", 1)),
    );
    has(&out, &number);
    // On the day of dispatch the card shows no colour; a month later, overdue and supervised,
    // it shows the red card the scheduler escalates by.
    let out = w.cmd(w.leader, "case", &number).await;
    assert!(!joined(&out).contains(&t(ZH, "bot-card-colour-red")));
    let card = input_for(w.leader, command("case", &number));
    let out = w.handle(card, w.start + Duration::days(30)).await;
    has(&out, &t(ZH, "bot-card-colour-red"));
    let out = w.cmd(w.leader, "summary", "").await;
    has(&out, &t(ZH, "report-title"));
}
