//! Returned cases, requests for detail, visits, roadmaps, languages, groups and bad input.

use super::*;

#[tokio::test]
async fn a_returned_case_goes_back_to_the_dispatcher_with_the_reason() {
    let w = World::new().await;
    let number = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    let out = w
        .press(w.officer, &button(&notes, &t(ZH, "bot-op-return")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-return",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    // An empty reason is not a reason.
    let out = w.text(w.officer, " \u{200B} ").await;
    assert_eq!(joined(&out), t(ZH, "bot-text-empty"));
    let out = w.text(w.officer, "属于镇政府职责").await;
    has(
        &out,
        &tr(ZH, "bot-returned", Args::new().str("number", &number)),
    );
    assert_eq!(w.case(&number).await.1, "returned");
    // The queue lists it without the deadline it had while the department held it.
    let deadline: String = sqlx::query_scalar("select deadline::text from cases where number = $1")
        .bind(&number)
        .fetch_one(w.pool())
        .await
        .unwrap();
    let queue = joined(&w.cmd(w.dispatcher, "queue", "").await);
    let line = queue.lines().find(|l| l.contains(&number)).unwrap();
    assert!(!line.contains(&deadline), "{line}");
    assert_eq!(
        line,
        line.trim_end(),
        "nothing is left where the deadline was"
    );
    let notes = w.outbox(w.dispatcher, "case_returned").await;
    assert!(notes[0].text.contains("属于镇政府职责"));
    // The dispatcher sends it elsewhere, choosing the department and the person by buttons.
    let out = w
        .press(
            w.dispatcher,
            &button(&notes, &t(ZH, "bot-dispatch-change-department")),
        )
        .await;
    let out = w
        .press(w.dispatcher, &button(&out.replies, "县金融办"))
        .await;
    has(&out, "县金融办");
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-change-person")),
        )
        .await;
    button(&out.replies, "孙科长");
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-whole-department")),
        )
        .await;
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-confirm")),
        )
        .await;
    has(&out, "县金融办");
    let assignee: Option<i64> =
        sqlx::query_scalar("select assignee_id from cases where number = $1")
            .bind(&number)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(assignee, None);
    let officers_told: i64 = w
        .count("select count(*) from outbox o join people p on p.id = o.recipient_id where o.kind = 'case_dispatched' and p.code = 'O3'")
        .await;
    assert_eq!(officers_told, 1);
}

#[tokio::test]
async fn the_dispatcher_can_ask_the_cadre_for_more_detail() {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    let out = w
        .press(w.dispatcher, &button(&notes, &t(ZH, "bot-op-request-info")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-request-info",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    w.text(w.dispatcher, "请补充破损路段的长度和照片").await;
    assert_eq!(w.case(&number).await.1, "info_requested");
    // Out of the queue while the cadre is asked, and the queue says where it is.
    let out = w.cmd(w.dispatcher, "queue", "").await;
    has(
        &out,
        &tr(ZH, "bot-queue-empty-waiting", Args::new().num("waiting", 1)),
    );
    let notes = w.outbox(w.cadre, "case_info_requested").await;
    let out = w
        .press(w.cadre, &button(&notes, &t(ZH, "bot-op-supply-info")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-supply-info",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    // A photo with a caption: kept with the case, the caption taken as the detail.
    let out = w
        .send(
            w.cadre,
            InputKind::Photo {
                file_id: "p2".into(),
                caption: Some("约200米".into()),
            },
        )
        .await;
    has(
        &out,
        &tr(ZH, "bot-info-supplied", Args::new().str("number", &number)),
    );
    assert_eq!(w.case(&number).await.1, "reported");
    assert_eq!(w.count("select count(*) from attachments").await, 1);
    // Answered, it is back in the queue.
    let out = w.cmd(w.dispatcher, "queue", "").await;
    has(
        &out,
        &tr(
            ZH,
            "bot-queue-title",
            Args::new().num("count", 1).num("waiting", 0),
        ),
    );
    has(&out, &number);
    assert_eq!(w.outbox(w.dispatcher, "case_info_supplied").await.len(), 1);
}

#[tokio::test]
async fn a_cadre_logs_visits_and_zero_reports() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "visit", "").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &t(ZH, "bot-visit-zero-report")),
        )
        .await;
    let out = w
        .press(w.cadre, &button(&out.replies, &t(ZH, "menus-visit-today")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-visit-recorded-zero",
            Args::new().str("enterprise", "秦岭猕猴桃合作社"),
        ),
    );
    let out = w.cmd(w.cadre, "visit", "").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &t(ZH, "bot-visit-with-note")),
        )
        .await;
    // Monday's visit logged on a later day: the week's days are offered, never the future.
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &t(ZH, "menus-visit-earlier")),
        )
        .await;
    let days: Vec<&str> = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(days.len(), 7, "{days:?}");
    let monday = tr(
        ZH,
        "menus-visit-day",
        Args::new()
            .str("date", "11-23")
            .str("weekday", t(ZH, "menus-weekday-1")),
    );
    w.press(w.cadre, &button(&out.replies, &monday)).await;
    let out = w.text(w.cadre, "企业反映用工紧张，已记录").await;
    has(
        &out,
        &tr(
            ZH,
            "menus-visit-recorded-on",
            Args::new()
                .str("enterprise", "秦岭猕猴桃合作社")
                .str("date", "2026-11-23"),
        ),
    );
    let visits: Vec<(bool, Option<String>, i64, NaiveDate)> = sqlx::query_as(
        "select no_problems, note, enterprise_id, visited_on from visits order by id",
    )
    .fetch_all(w.pool())
    .await
    .unwrap();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        visits,
        vec![
            (true, None, w.e1, day("2026-11-27")),
            (
                false,
                Some("企业反映用工紧张，已记录".into()),
                w.e1,
                day("2026-11-23")
            )
        ]
    );
}

#[tokio::test]
async fn an_officer_adds_a_dated_roadmap_step() {
    let w = World::new().await;
    let number = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    let out = w
        .press(w.officer, &button(&notes, &t(ZH, "bot-op-accept")))
        .await;
    w.press(w.officer, &button(&out.replies, &t(ZH, "bot-op-milestone")))
        .await;
    let out = w.text(w.officer, "完成现场勘查").await;
    assert_eq!(joined(&out), t(ZH, "bot-milestone-format"));
    let out = w.text(w.officer, "12月3日：完成现场勘查").await;
    has(
        &out,
        &tr(
            ZH,
            "bot-milestone-added",
            Args::new()
                .str("number", &number)
                .str("date", "2026-12-03")
                .str("title", "完成现场勘查"),
        ),
    );
    let out = w.cmd(w.officer, "case", &number).await;
    has(&out, "12-03 完成现场勘查");
}

#[tokio::test]
async fn language_can_be_switched_to_english_and_back() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "lang", "").await;
    let out = w.press(w.cadre, &button(&out.replies, "English")).await;
    assert_eq!(joined(&out), t("en", "bot-lang-set"));
    let locale: String = sqlx::query_scalar("select locale from people where id = $1")
        .bind(w.cadre.id)
        .fetch_one(w.pool())
        .await
        .unwrap();
    assert_eq!(locale, "en");
    let out = w.cmd(w.cadre, "help", "").await;
    has(&out, &t("en", "bot-help-everyone"));
    let out = w.cmd(w.cadre, "lang", "中文").await;
    assert_eq!(joined(&out), t(ZH, "bot-lang-set"));
}

#[tokio::test]
async fn notices_are_written_in_the_recipients_language() {
    let w = World::new().await;
    w.cmd(w.dispatcher, "lang", "en").await;
    let number = w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    assert!(notes[0].text.contains(&tr(
        "en",
        "bot-notify-reported",
        Args::new().str("number", &number).str("actor", "王建国")
    )));
    button(&notes, &t("en", "bot-dispatch-confirm"));
}

#[tokio::test]
async fn a_department_binds_its_group_and_its_cases_are_announced_there() {
    // Commands for other bots never reach the engine: the Telegram adapter drops them
    // (`telegram::convert`, and the end-to-end test in `tests/telegram.rs`).
    let w = World::new().await;
    let mut conn = w.pool().acquire().await.unwrap();
    let now = w.now();
    let code = invites::create(
        &mut conn,
        InviteTarget::Department(w.transport_dept),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    let person_code = invites::create(
        &mut conn,
        InviteTarget::Person(w.officer.id),
        now,
        Duration::days(7),
    )
    .await
    .unwrap();
    drop(conn);
    let group = -100_123;
    let in_group = |kind| w.send_from(w.officer.user, group, ChatKind::Group, kind);
    assert!(
        in_group(InputKind::Text {
            text: "大家好".into()
        })
        .await
        .replies
        .is_empty()
    );
    let out = in_group(command("bind", &person_code)).await;
    assert_eq!(joined(&out), t(ZH, "bot-invite-for-person"));
    let out = in_group(command("bind", &code)).await;
    assert_eq!(
        joined(&out),
        tr(
            ZH,
            "bot-group-bound",
            Args::new().str("department", "县交通运输局")
        )
    );
    let out = in_group(command("todo", "")).await;
    assert_eq!(joined(&out), t(ZH, "bot-group-only-bind"));
    // Cases dispatched to the department are announced in its group.
    w.report("厂区门前道路破损，货车进出困难", "simple").await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let in_group_outbox = w
        .count("select count(*) from outbox o join group_chats g on g.id = o.group_chat_id where g.chat_id = -100123 and o.kind = 'case_dispatched'")
        .await;
    assert_eq!(in_group_outbox, 1);
}

#[tokio::test]
async fn case_words_find_the_cases_of_an_enterprise_among_those_the_person_may_see() {
    let w = World::new().await;
    let number = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let enterprise: String = sqlx::query_scalar(
        "select e.name from cases c join enterprises e on e.id = c.enterprise_id where c.number = $1",
    )
    .bind(&number)
    .fetch_one(w.pool())
    .await
    .unwrap();
    let title = |words: &str| {
        tr(
            ZH,
            "bot-case-search-title",
            Args::new().str("words", words).num("count", 1),
        )
    };
    // By the enterprise's name and by words of the description, with a button to the card.
    for (who, words) in [(w.leader, enterprise.as_str()), (w.cadre, "道路破损")] {
        let out = w.cmd(who, "case", words).await;
        has(&out, &title(words));
        has(&out, &number);
        let card = w.press(who, &button(&out.replies, &number)).await;
        has(&card, "厂区门前道路破损");
    }
    // The department it was dispatched to sees it; a cadre of other enterprises does not.
    has(&w.cmd(w.officer, "case", "道路破损").await, &number);
    let none = tr(
        ZH,
        "bot-case-search-none",
        Args::new().str("words", "道路破损"),
    );
    assert_eq!(joined(&w.cmd(w.cadre2, "case", "道路破损").await), none);
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer_and_leaves_no_stray_rows() {
    let w = World::new().await;
    let out = w.cmd(w.cadre, "frobnicate", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-unknown-command"));
    // A typo is matched to the command meant, among those the person may use only.
    let meant = |typed: &str, command: &str| {
        tr(
            ZH,
            "bot-unknown-command-meant",
            Args::new().str("typed", typed).str("command", command),
        )
    };
    assert_eq!(
        joined(&w.cmd(w.leader, "sumary", "").await),
        meant("sumary", "summary")
    );
    assert_eq!(
        joined(&w.text(w.cadre, "/vist 昨天").await),
        meant("vist", "visit")
    );
    assert_eq!(
        joined(&w.cmd(w.cadre, "asess", "").await),
        t(ZH, "bot-unknown-command")
    );
    // A command called by a word of its own, as people write it in Chinese.
    assert_eq!(
        joined(&w.text(w.cadre, "/走访 昨天").await),
        meant("走访", "visit")
    );
    assert_eq!(
        joined(&w.text(w.leader, "／汇总").await),
        meant("汇总", "summary")
    );
    let out = w.text(w.cadre, "/不存在").await;
    assert_eq!(joined(&out), t(ZH, "bot-unknown-command"));
    let out = w.cmd(w.cadre, "case", " ").await;
    assert_eq!(joined(&out), t(ZH, "bot-case-usage"));
    // Words that are no case number are looked for among the cases: none here.
    for args in ["hello", "ZZ-20-1", "🙂", "-1", "<b>1</b>", "100%", "_"] {
        let out = w.cmd(w.cadre, "case", args).await;
        let told = tr(ZH, "bot-case-search-none", Args::new().str("words", args));
        assert_eq!(joined(&out), told, "{args:?}");
    }
    let out = w
        .send(
            w.cadre,
            InputKind::Unsupported {
                what: "sticker".into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-unsupported"));
    let out = w
        .send(
            w.cadre,
            InputKind::Unsupported {
                what: zhuqi::conversation::UNSUPPORTED_EDITED.into(),
            },
        )
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-edited-ignored"));
    let out = w.cmd(w.cadre, "cancel", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-cancel-nothing"));

    // A 10,000-character description is refused with the limit, and the draft waits.
    let out = w.cmd(w.cadre, "report", "").await;
    w.press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let long = "路".repeat(10_000);
    let out = w.text(w.cadre, &long).await;
    assert_eq!(
        joined(&out),
        tr(
            ZH,
            "bot-text-too-long",
            Args::new().num("limit", 2000).num("length", 10_000)
        )
    );
    // Invisible characters only: nothing to record.
    let out = w.text(w.cadre, "\u{200B}\u{200F}\u{FEFF}").await;
    assert_eq!(joined(&out), t(ZH, "bot-text-empty"));
    // Markup, right-to-left text, emoji and a NUL are kept as text, escaped on the card.
    let odd = "<b>路面</b> & \"坑\" مرحبا 👩‍👩‍👧 \u{0}end";
    let out = w.text(w.cadre, odd).await;
    assert!(!out.replies.is_empty());
    let out = w.cmd(w.cadre, "cancel", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-cancelled"));
    assert_eq!(w.count("select count(*) from cases").await, 0);
    assert_eq!(w.count("select count(*) from attachments").await, 0);

    let number = w.report(odd, "simple").await;
    let out = w.cmd(w.cadre, "case", &number).await;
    has(
        &out,
        "&lt;b&gt;路面&lt;/b&gt; &amp; &quot;坑&quot; مرحبا 👩‍👩‍👧 end",
    );
    let stored: String = sqlx::query_scalar("select description from cases")
        .fetch_one(w.pool())
        .await
        .unwrap();
    assert_eq!(stored, "<b>路面</b> & \"坑\" مرحبا 👩‍👩‍👧 end");
}

#[tokio::test]
async fn plain_text_from_an_idle_cadre_starts_a_report() {
    let w = World::new().await;
    let out = w.text(w.cadre, "企业流动资金紧张，需要银行贷款支持").await;
    assert_eq!(joined(&out), t(ZH, "bot-report-pick-enterprise-described"));
    // More words before the enterprise is chosen: added, and acknowledged once, by the question.
    let out = w.text(w.cadre, "希望尽快对接银行").await;
    assert_eq!(joined(&out), t(ZH, "bot-report-pick-enterprise-described"));
    let out = w
        .press(w.cadre, &button(&out.replies, "周至县宏达机械厂"))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-report-category-proposed",
            Args::new().str("category", t(ZH, "category-finance")),
        ),
    );
    // "Another category" lists all nine.
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &t(ZH, "bot-report-category-other")),
        )
        .await;
    let count = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .count();
    assert_eq!(count, 9);
    // Plain text from someone who is not a cadre is answered with a hint: here, the command
    // its words name.
    let out = w.text(w.leader, "请汇报一下本周情况").await;
    assert_eq!(
        joined(&out),
        tr(ZH, "bot-idle-meant", Args::new().str("command", "summary"))
    );
    // The command menu is complete in both languages.
    for locale in ["zh-CN", "en"] {
        let commands = Engine::commands(locale);
        assert!(commands.iter().any(|(c, _)| c == "report"));
        assert!(
            commands
                .iter()
                .all(|(c, d)| !d.is_empty() && !d.starts_with("bot-") && c.len() <= 32)
        );
    }
}

#[tokio::test]
async fn two_updates_from_one_chat_are_handled_one_after_the_other() {
    let w = World::new().await;
    let input = |text: &str| Input {
        transport: Transport::new("telegram"),
        chat_id: w.cadre.user,
        chat_kind: ChatKind::Private,
        user_id: w.cadre.user,
        user_name: None,
        language_code: None,
        kind: InputKind::Text { text: text.into() },
    };
    let now = w.now();
    let mut first = w.pool().begin().await.unwrap();
    w.engine
        .handle(&mut first, &input("/report"), now)
        .await
        .unwrap();
    // A second process handling the same chat waits for the first transaction.
    let second = async {
        let mut tx = w.pool().begin().await.unwrap();
        let out = w
            .engine
            .handle(&mut tx, &input("/cancel"), now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        out
    };
    tokio::pin!(second);
    assert!(
        tokio::time::timeout(std::time::Duration::from_millis(300), &mut second)
            .await
            .is_err(),
        "the second update ran while the first held the chat"
    );
    first.commit().await.unwrap();
    let out = second.await;
    // It saw the first one's state: there was a report in progress to cancel.
    assert_eq!(joined(&out), t(ZH, "bot-cancelled"));
}

#[tokio::test]
async fn a_day_typed_after_visit_is_taken_and_not_asked_again() {
    let w = World::new().await;
    // Friday 2026-11-27: 前天 is Wednesday.
    let out = w.cmd(w.cadre, "visit", "前天").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-visit-how-on",
            Args::new()
                .str("enterprise", "秦岭猕猴桃合作社")
                .str("date", "2026-11-25"),
        ),
    );
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &t(ZH, "bot-visit-zero-report")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "menus-visit-recorded-zero-on",
            Args::new()
                .str("enterprise", "秦岭猕猴桃合作社")
                .str("date", "2026-11-25"),
        ),
    );
    // With a note: the note is asked, the day is not.
    let out = w.cmd(w.cadre, "visit", "11月26日").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "周至县宏达机械厂"))
        .await;
    w.press(
        w.cadre,
        &button(&out.replies, &t(ZH, "bot-visit-with-note")),
    )
    .await;
    w.text(w.cadre, "企业反映用电紧张").await;
    // A weekday: the latest one up to today (Monday the 23rd).
    let out = w.cmd(w.cadre, "visit", "周一").await;
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    w.press(
        w.cadre,
        &button(&out.replies, &t(ZH, "bot-visit-zero-report")),
    )
    .await;
    // A day to come, one too long ago, and words that are no day: told, nothing recorded.
    let out = w.cmd(w.cadre, "visit", "明天").await;
    has(&out, "2026-11-28");
    assert!(out.replies.iter().all(|r| r.buttons.is_empty()));
    let out = w.cmd(w.cadre, "visit", "2026-11-01").await;
    has(&out, "2026-11-01");
    let out = w.cmd(w.cadre, "visit", "下下周").await;
    has(
        &out,
        &tr(
            ZH,
            "menus-visit-command-date-unknown",
            Args::new().str("text", "下下周"),
        ),
    );
    let visits: Vec<(bool, Option<String>, NaiveDate)> =
        sqlx::query_as("select no_problems, note, visited_on from visits order by id")
            .fetch_all(w.pool())
            .await
            .unwrap();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        visits,
        vec![
            (true, None, day("2026-11-25")),
            (false, Some("企业反映用电紧张".into()), day("2026-11-26")),
            (true, None, day("2026-11-23")),
        ]
    );
}

#[tokio::test]
async fn the_enterprise_question_is_answered_by_typing_the_enterprise_name() {
    let w = World::new().await;
    w.text(w.cadre, "厂区门前道路破损，货车进出困难").await;
    // A part of one name only: that enterprise, and the description stays as written.
    let out = w.text(w.cadre, "宏达").await;
    has(
        &out,
        &tr(
            ZH,
            "bot-report-enterprise-named",
            Args::new().str("enterprise", "周至县宏达机械厂"),
        ),
    );
    has(&w.finish_report(&out, "simple").await, "ZZ-");
    let (description, enterprise): (String, String) = sqlx::query_as(
        "select c.description, e.name from cases c join enterprises e on e.id = c.enterprise_id",
    )
    .fetch_one(w.pool())
    .await
    .unwrap();
    assert_eq!(description, "厂区门前道路破损，货车进出困难");
    assert_eq!(enterprise, "周至县宏达机械厂");
    // `/report` alone, then a full name: chosen, and the description is asked for.
    w.cmd(w.cadre, "report", "").await;
    let out = w.text(w.cadre, "秦岭猕猴桃合作社").await;
    has(&out, &describe_question("秦岭猕猴桃合作社"));
}

#[tokio::test]
async fn a_problem_written_after_report_is_kept_as_its_description() {
    let w = World::new().await;
    let out = w
        .cmd(w.cadre, "report", "厂区门前道路破损，货车进出困难")
        .await;
    assert_eq!(joined(&out), t(ZH, "bot-report-pick-enterprise-described"));
    // Two enterprises: which one is asked, then the category, never the description.
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    assert!(
        !joined(&out).contains(&describe_question("秦岭猕猴桃合作社")),
        "{}",
        joined(&out)
    );
    let category = first_button(&out);
    let out = w.press(w.cadre, &category).await;
    let out = w
        .press(w.cadre, &button(&out.replies, &difficulty_label("simple")))
        .await;
    has(&out, "厂区门前道路破损，货车进出困难");
    // Amid a report, `/report` goes on with the draft: blank, it asks again what the draft
    // lacks; with words, they add to the description (too many are refused, the draft kept).
    let out = w.cmd(w.cadre, "report", "").await;
    has(&out, "厂区门前道路破损，货车进出困难");
    w.cmd(w.cadre, "cancel", "").await;
    let out = w.cmd(w.cadre, "report", "").await;
    w.press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    w.text(w.cadre, "仓库屋顶漏雨").await;
    let out = w.cmd(w.cadre, "report", " \u{200B} ").await;
    assert!(!joined(&out).contains(&t(ZH, "bot-draft-discarded")));
    let category = first_button(&out);
    // A mistyped command amid the report keeps the draft and names the command meant.
    let out = w.cmd(w.cadre, "reprot", "").await;
    assert_eq!(
        joined(&out),
        format!(
            "{}\n{}",
            tr(
                ZH,
                "bot-unknown-command-meant",
                Args::new().str("typed", "reprot").str("command", "report")
            ),
            t(ZH, "bot-unknown-command-flow-kept")
        )
    );
    let out = w.cmd(w.cadre, "report", &"长".repeat(2001)).await;
    has(&out, "2001");
    let out = w.cmd(w.cadre, "report", "雨季前需要修好").await;
    has(&out, &t(ZH, "bot-report-text-added"));
    let out = w.press(w.cadre, &category).await;
    let out = w
        .press(w.cadre, &button(&out.replies, &difficulty_label("simple")))
        .await;
    has(&out, "仓库屋顶漏雨\n雨季前需要修好");
}
