//! Words typed into a flow long after its last step are held until the person says whether
//! they go on with it.

use super::*;

/// The question's buttons: go on, leave.
fn held_question(out: &Outcome) -> (String, String) {
    (
        button(&out.replies, &t(ZH, "bot-held-go-on")),
        button(&out.replies, &t(ZH, "bot-held-leave")),
    )
}

#[tokio::test]
async fn a_reason_typed_the_next_morning_returns_the_case_only_when_the_officer_says_so() {
    let w = World::new().await;
    let number = w.return_asked().await;
    // Within the hours the words are the reason, as always; the next morning they are held.
    w.pass_hours(16);
    let out = w.text(w.officer, "属于镇政府职责").await;
    has(&out, &number);
    has(&out, &t(ZH, "bot-op-return"));
    has(&out, "刚才这条消息是接着那项操作的吗");
    assert_eq!(w.case(&number).await.1, "dispatched");
    // More words while held are kept with them.
    let out = w.text(w.officer, "请转交镇政府").await;
    let (go_on, _) = held_question(&out);
    let out = w.press(w.officer, &go_on).await;
    has(
        &out,
        &tr(ZH, "bot-returned", Args::new().str("number", &number)),
    );
    assert_eq!(w.case(&number).await.1, "returned");
    let reason: String = sqlx::query_scalar(
        "select note from case_events where kind = 'returned' order by id desc limit 1",
    )
    .fetch_one(w.pool())
    .await
    .unwrap();
    assert_eq!(reason, "属于镇政府职责\n请转交镇政府");
    // The question's buttons are spent: pressed again, nothing more happens.
    let out = w.press(w.officer, &go_on).await;
    assert_eq!(
        out.callback_answer.as_deref(),
        Some(&*t(ZH, "bot-menu-stale"))
    );
}

#[tokio::test]
async fn words_that_are_something_new_leave_the_old_step_and_start_afresh() {
    let w = World::new().await;
    let number = w.return_asked().await;
    w.pass_hours(7);
    let out = w.text(w.officer, "今天下午开会").await;
    let (_, leave) = held_question(&out);
    let out = w.press(w.officer, &leave).await;
    has(&out, &t(ZH, "bot-held-left"));
    assert_eq!(w.case(&number).await.1, "dispatched");
    // Something new that is a command said in words runs it.
    w.press(
        w.officer,
        &button(
            &w.outbox(w.officer, "case_dispatched").await,
            &t(ZH, "bot-op-return"),
        ),
    )
    .await;
    w.pass_hours(7);
    let out = w.text(w.officer, "待办").await;
    let out = w.press(w.officer, &held_question(&out).1).await;
    assert_eq!(
        joined(&out),
        [
            t(ZH, "bot-held-left"),
            joined(&w.cmd(w.officer, "todo", "").await)
        ]
        .join("\n")
    );
    // The chat is idle: the next words are no reason either.
    let out = w.text(w.officer, "属于镇政府职责").await;
    has(&out, &t(ZH, "bot-idle-hint"));
    assert_eq!(w.case(&number).await.1, "dispatched");
}

#[tokio::test]
async fn a_cadres_new_problem_days_after_an_unsubmitted_draft_is_not_mixed_into_it() {
    let w = World::new().await;
    w.text(w.cadre, "企业反映用电增容审批慢").await;
    w.pass_hours(72);
    let out = w.text(w.cadre, "企业流动资金紧张，需要贷款").await;
    has(&out, "企业反映用电增容审批慢");
    let (_, leave) = held_question(&out);
    // Something new: the old draft is dropped, said so, and the new words start a report.
    let out = w.press(w.cadre, &leave).await;
    has(&out, &t(ZH, "bot-draft-discarded"));
    has(&out, &t(ZH, "bot-report-pick-enterprise-described"));
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    w.finish_report(&out, "simple").await;
    let description: String = sqlx::query_scalar("select description from cases")
        .fetch_one(w.pool())
        .await
        .unwrap();
    assert_eq!(description, "企业流动资金紧张，需要贷款");
}

#[tokio::test]
async fn words_held_from_a_draft_may_go_on_with_it_and_a_command_leaves_them() {
    let w = World::new().await;
    w.text(w.cadre, "企业反映用电增容审批慢").await;
    w.pass_hours(20);
    let out = w.text(w.cadre, "希望供电公司尽快上门").await;
    let (go_on, _) = held_question(&out);
    // A file while the question waits is not taken: the question is asked again.
    let photo = InputKind::Photo {
        file_id: "p1".into(),
        caption: None,
    };
    let out = w.send(w.cadre, photo).await;
    has(&out, &t(ZH, "bot-held-file"));
    button(&out.replies, &t(ZH, "bot-held-go-on"));
    let out = w.press(w.cadre, &go_on).await;
    has(&out, &t(ZH, "bot-report-pick-enterprise-described"));
    assert_eq!(
        draft(&w).await,
        "企业反映用电增容审批慢\n希望供电公司尽快上门"
    );
    // Held again, then a command: `/report` goes on with the draft, the held words left.
    w.pass_hours(8);
    w.text(w.cadre, "另外还有用地问题").await;
    let out = w.cmd(w.cadre, "report", "").await;
    has(&out, &t(ZH, "bot-report-pick-enterprise-described"));
    assert_eq!(
        draft(&w).await,
        "企业反映用电增容审批慢\n希望供电公司尽快上门"
    );
}

/// The description of the cadre's report draft.
async fn draft(w: &World) -> String {
    sqlx::query_scalar("select state->>'description' from conversations where person_id = $1")
        .bind(w.cadre.id)
        .fetch_one(w.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_photo_left_without_words_is_named_by_its_files_and_the_words_describe_it() {
    let w = World::new().await;
    let photo = InputKind::Photo {
        file_id: "p1".into(),
        caption: None,
    };
    w.send(w.cadre, photo).await;
    w.pass_hours(9);
    let out = w.text(w.cadre, "厂区门前道路破损，货车进出困难").await;
    let when = "2026-11-27T02:00:00Z"
        .parse::<DateTime<Utc>>()
        .unwrap()
        .with_timezone(&chrono_tz::Asia::Shanghai);
    has(
        &out,
        &tr(
            ZH,
            "bot-held-report-files",
            Args::new()
                .str("when", when.format("%m-%d %H:%M").to_string())
                .num("count", 1),
        ),
    );
    let (go_on, _) = held_question(&out);
    w.press(w.cadre, &go_on).await;
    assert_eq!(draft(&w).await, "厂区门前道路破损，货车进出困难");
}

#[tokio::test]
async fn a_deadline_typed_after_a_weekend_is_held_then_taken_when_the_dispatcher_says_so() {
    let w = World::new().await;
    w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    let out = w
        .press(
            w.dispatcher,
            &button(&notes, &t(ZH, "bot-dispatch-change-deadline")),
        )
        .await;
    w.press(
        w.dispatcher,
        &button(&out.replies, &t(ZH, "bot-dispatch-type-deadline")),
    )
    .await;
    w.pass_hours(64);
    let out = w.text(w.dispatcher, "12月18日").await;
    // A step that is no case's note is named by when it began.
    has(&out, "还在等您输入内容");
    assert!(!joined(&out).contains("ZZ-"), "{}", joined(&out));
    let (go_on, _) = held_question(&out);
    let out = w.press(w.dispatcher, &go_on).await;
    has(&out, "2026-12-18");
    button(&out.replies, &t(ZH, "bot-dispatch-confirm"));
}

#[tokio::test]
async fn a_county_that_sets_no_hold_takes_late_words_as_the_steps_answer() {
    let mut w = World::new().await;
    let mut settings = Settings::default();
    settings.limits.hold_after_hours = 0;
    w.engine = Engine::new(Arc::new(settings), Arc::new(WorkCalendar::weekends_only()));
    let number = w.return_asked().await;
    w.pass_hours(48);
    let out = w.text(w.officer, "属于镇政府职责").await;
    has(
        &out,
        &tr(ZH, "bot-returned", Args::new().str("number", &number)),
    );
}
