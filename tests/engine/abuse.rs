//! Abuse, stale and repeated buttons, and returned cases.

use super::*;

// Abuse, stale and repeated buttons, and returned cases.

#[tokio::test]
async fn a_stranger_is_refused_once_an_hour_not_once_per_message() {
    let w = World::new().await;
    let stranger = 9998;
    let say = |text: &str, at: DateTime<Utc>| {
        let input = Input {
            transport: Transport::new("telegram"),
            chat_id: stranger,
            chat_kind: ChatKind::Private,
            user_id: stranger,
            user_name: None,
            language_code: Some("zh-hans".into()),
            kind: InputKind::Text { text: text.into() },
        };
        w.handle(input, at)
    };
    let out = say("你好", w.start).await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
    for minutes in [1, 10, 59] {
        let out = say("在吗？", w.start + Duration::minutes(minutes)).await;
        assert!(out.replies.is_empty(), "answered again after {minutes} min");
    }
    let out = say("有人吗", w.start + Duration::minutes(61)).await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
    // Another stranger's chat has its own hour.
    let out = w
        .send_from(
            9997,
            9997,
            ChatKind::Private,
            InputKind::Text {
                text: "你好".into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-stranger"));
}

#[tokio::test]
async fn group_messages_not_addressed_to_the_bot_are_never_answered() {
    let w = World::new().await;
    let group = -100_777;
    let in_group = |kind| w.send_from(w.officer.user, group, ChatKind::Group, kind);
    for kind in [
        InputKind::Text {
            text: "大家好，明天开会".into(),
        },
        InputKind::Text {
            text: "/todo@other_bot".into(),
        },
        photo("group-photo"),
        InputKind::Unsupported {
            what: "sticker".into(),
        },
    ] {
        let out = in_group(kind.clone()).await;
        assert!(out.replies.is_empty(), "{kind:?} was answered");
        assert_eq!(out.callback_answer, None);
    }
    // A command to the bot is still answered (positive control).
    let out = in_group(command("help", "")).await;
    assert_eq!(joined(&out), t(ZH, "bot-group-help"));
}

#[tokio::test]
async fn a_button_that_records_a_visit_works_once() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "visit", "").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let zero = button(&out.replies, &t(ZH, "bot-visit-zero-report"));
    let out = w.press(w.cadre, &zero).await;
    let today = button(&out.replies, &t(ZH, "menus-visit-today"));
    w.press(w.cadre, &today).await;
    let out = w.press(w.cadre, &today).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-used")));
    assert_eq!(w.count("select count(*) from visits").await, 1);
}

#[tokio::test]
async fn a_dispatch_card_from_before_the_case_was_returned_is_out_of_date() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let first_card = w.outbox(w.dispatcher, "case_reported").await;
    let change_department = button(&first_card, &t(ZH, "bot-dispatch-change-department"));
    w.press(
        w.dispatcher,
        &button(&first_card, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    w.press(w.officer, &button(&notes, &t(ZH, "bot-op-return")))
        .await;
    w.text(w.officer, "属于镇政府职责").await;
    assert_eq!(w.case(&number).await.1, "returned");
    let events = w.count("select count(*) from case_events").await;

    let out = w.press(w.dispatcher, &change_department).await;
    assert_eq!(
        out.callback_answer,
        Some(tr(
            ZH,
            "bot-card-outdated",
            Args::new().str("number", &number)
        ))
    );
    // The current card comes with it, showing the case as returned.
    has(&out, &t(ZH, "status-returned"));
    assert_eq!(w.count("select count(*) from case_events").await, events);
    // The card sent with the return is current and works.
    let fresh = w.outbox(w.dispatcher, "case_returned").await;
    let out = w
        .press(
            w.dispatcher,
            &button(&fresh, &t(ZH, "bot-dispatch-change-department")),
        )
        .await;
    button(&out.replies, "县金融办");
}

#[tokio::test]
async fn a_report_button_from_an_abandoned_draft_does_nothing() {
    let w = World::new().await;
    let start_draft = || async {
        let out = w.cmd(w.cadre, "report", "").await;
        w.press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
            .await;
        w.text(w.cadre, "厂区门前道路破损，货车进出困难").await
    };
    let old = start_draft().await;
    let old_category = old.replies[0].buttons[0][0].data.clone();
    w.cmd(w.cadre, "cancel", "").await;
    let new = start_draft().await;
    let out = w.press(w.cadre, &old_category).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-menu-stale")));
    assert!(out.replies.is_empty());
    // The new draft's own button still works.
    let out = w
        .press(w.cadre, &new.replies[0].buttons[0][0].data.clone())
        .await;
    has(&out, &t(ZH, "bot-report-difficulty"));
}

#[tokio::test]
async fn after_returning_a_case_the_department_cannot_open_or_act_on_it_until_it_is_sent_back() {
    let w = World::new().await;
    let number = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let dispatched = w.outbox(w.officer, "case_dispatched").await;
    let accept = button(&dispatched, &t(ZH, "bot-op-accept"));
    w.press(w.officer, &button(&dispatched, &t(ZH, "bot-op-return")))
        .await;
    w.text(w.officer, "属于镇政府职责").await;

    let not_found = t(ZH, "bot-case-not-found");
    let out = w.cmd(w.officer, "case", &number).await;
    assert_eq!(joined(&out), not_found);
    let out = w.press(w.officer, &accept).await;
    assert_eq!(out.callback_answer, Some(not_found.clone()));
    assert_eq!(w.case(&number).await.1, "returned");
    let out = w.cmd(w.officer, "todo", "").await;
    assert!(!joined(&out).contains(&number));

    // Dispatched to the department again, it is theirs once more.
    let returned = w.outbox(w.dispatcher, "case_returned").await;
    w.press(
        w.dispatcher,
        &button(&returned, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    assert_eq!(w.case(&number).await.1, "dispatched");
    let out = w.cmd(w.officer, "case", &number).await;
    has(&out, &number);
}

#[tokio::test]
async fn words_after_a_command_that_takes_none_are_said_to_be_left_aside() {
    let w = World::new().await;
    w.report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let said = |key: &str, command: &str, words: &str| {
        tr(
            ZH,
            key,
            Args::new()
                .str("command", command)
                .str("words", words)
                .str("period", words),
        )
    };
    // A period after /todo: the list as always, then where that period's figures are.
    let plain = w.cmd(w.officer, "todo", "").await;
    let out = w.cmd(w.officer, "todo", "上周").await;
    assert_eq!(out.replies.len(), plain.replies.len() + 1);
    assert!(joined(&out).starts_with(&joined(&plain)));
    has_text(
        &joined(&out),
        &said("bot-words-ignored-period", "todo", "上周"),
    );
    // Other words: left aside, said once.
    let out = joined(&w.cmd(w.leader, "overdue", "请尽快处理").await);
    has_text(&out, &said("bot-words-ignored", "overdue", "请尽快处理"));
    // A command that reads its words says nothing of the kind.
    let plain = w.cmd(w.leader, "summary", "").await;
    let out = w.cmd(w.leader, "summary", "上月").await;
    assert_eq!(out.replies.len(), plain.replies.len());
}

fn has_text(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} not in {text}");
}
