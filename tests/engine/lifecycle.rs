//! A case from report to closure across every role.

use super::*;

#[tokio::test]
async fn a_case_goes_from_report_to_closure_across_every_role() {
    let mut w = World::new().await;
    let number = "ZZ-2026-0001";

    // The cadre reports, with a photo, for one of their two enterprises.
    let out = w.cmd(w.cadre, "report", "").await;
    has(&out, &t(ZH, "bot-report-pick-enterprise"));
    let out = w
        .press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    has(&out, &describe_question("秦岭猕猴桃合作社"));
    let out = w.text(w.cadre, "厂区门前道路破损，货车进出困难").await;
    let transport = t(ZH, "category-transport");
    has(
        &out,
        &tr(
            ZH,
            "bot-report-category-proposed",
            Args::new().str("category", &transport),
        ),
    );
    let accept_category = button(
        &out.replies,
        &tr(
            ZH,
            "bot-report-category-accept",
            Args::new().str("category", &transport),
        ),
    );
    let out = w.send(w.cadre, photo("photo-1")).await;
    has(
        &out,
        &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
    );

    // A restart between two messages: a new engine continues from the stored state.
    w.engine = engine();
    let out = w.press(w.cadre, &accept_category).await;
    has(&out, &t(ZH, "bot-report-difficulty"));
    let out = w
        .press(
            w.cadre,
            &button(&out.replies, &difficulty_label("moderate")),
        )
        .await;
    has(&out, "厂区门前道路破损");
    let out = w
        .press(w.cadre, &button(&out.replies, &t(ZH, "bot-report-submit")))
        .await;
    has(
        &out,
        &tr(ZH, "bot-report-done", Args::new().str("number", number)),
    );
    let (case_id, status) = w.case(number).await;
    assert_eq!(status, "reported");
    let (kind, file_id): (String, String) =
        sqlx::query_as("select kind, file_id from attachments where case_id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!((kind.as_str(), file_id.as_str()), ("photo", "photo-1"));

    // The dispatcher gets the routing proposal, types a deadline, and confirms.
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.contains(&tr(
        ZH,
        "bot-notify-reported",
        Args::new().str("number", number).str("actor", "王建国")
    )));
    assert!(notes[0].text.contains("县交通运输局") && notes[0].text.contains("李科长"));
    let out = w
        .press(
            w.dispatcher,
            &button(&notes, &t(ZH, "bot-dispatch-change-deadline")),
        )
        .await;
    assert_eq!(out.replies[0].edit_message_id, Some(77));
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-type-deadline")),
        )
        .await;
    has(
        &out,
        &tr(ZH, "bot-ask-deadline", Args::new().str("number", number)),
    );
    let out = w.text(w.dispatcher, "12月18日").await;
    has(&out, "2026-12-18");
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-confirm")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-dispatched",
            Args::new()
                .str("number", number)
                .str("department", "县交通运输局")
                .str("person", "李科长")
                .str("deadline", "2026-12-18"),
        ),
    );
    let (department, assignee, deadline): (i64, i64, NaiveDate) =
        sqlx::query_as("select department_id, assignee_id, deadline from cases where id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!((department, assignee), (w.transport_dept, w.officer.id));
    assert_eq!(deadline, NaiveDate::from_ymd_opt(2026, 12, 18).unwrap());
    assert_eq!(w.outbox(w.cadre, "case_dispatched").await.len(), 1);

    // The officer signs for it, posts progress and resolves it.
    let notes = w.outbox(w.officer, "case_dispatched").await;
    assert!(notes[0].text.contains(&tr(
        ZH,
        "bot-notify-dispatched",
        Args::new().str("number", number)
    )));
    let out = w
        .press(w.officer, &button(&notes, &t(ZH, "bot-op-accept")))
        .await;
    assert_eq!(
        out.callback_answer,
        Some(tr(ZH, "bot-accepted", Args::new().str("number", number)))
    );
    has(&out, &t(ZH, "status-accepted"));
    let out = w
        .press(w.officer, &button(&out.replies, &t(ZH, "bot-op-progress")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-progress",
            Args::new().str("number", number).num("limit", 2000),
        ),
    );
    let out = w.text(w.officer, "已联系施工单位，下周开工").await;
    has(
        &out,
        &tr(ZH, "bot-progress-saved", Args::new().str("number", number)),
    );
    assert_eq!(w.case(number).await.1, "in_progress");
    assert!(
        w.outbox(w.cadre, "case_progress").await[0]
            .text
            .contains("已联系施工单位")
    );
    let out = w.cmd(w.officer, "case", "1").await;
    let out = w
        .press(w.officer, &button(&out.replies, &t(ZH, "bot-op-resolve")))
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-ask-resolve",
            Args::new().str("number", number).num("limit", 2000),
        ),
    );
    let out = w.text(w.officer, "道路已修复一半").await;
    has(
        &out,
        &tr(ZH, "bot-resolved", Args::new().str("number", number)),
    );
    assert_eq!(w.case(number).await.1, "resolved");

    // The enterprise is unsatisfied: the case reopens and the department hears why.
    let first_resolution = w.outbox(w.cadre, "case_resolved").await;
    assert_eq!(first_resolution.len(), 1);
    let unsatisfied = button(&first_resolution, &t(ZH, "bot-op-unsatisfied"));
    let out = w.press(w.cadre, &unsatisfied).await;
    has(
        &out,
        &tr(ZH, "bot-ask-unsatisfied", Args::new().str("number", number)),
    );
    let out = w.text(w.cadre, "只修了一半，雨天仍积水").await;
    has(
        &out,
        &tr(
            ZH,
            "bot-reopened",
            Args::new()
                .str("number", number)
                .str("satisfaction", t(ZH, "satisfaction-unsatisfied")),
        ),
    );
    assert_eq!(w.case(number).await.1, "in_progress");
    for who in [w.officer, w.head] {
        let notes = w.outbox(who, "case_reopened").await;
        assert!(notes[0].text.contains("雨天仍积水"), "{}", notes[0].text);
    }

    // Resolved again, and this time the enterprise is satisfied.
    let notes = w.outbox(w.officer, "case_reopened").await;
    w.press(w.officer, &button(&notes, &t(ZH, "bot-op-resolve")))
        .await;
    w.text(w.officer, "道路已全部修复，排水已疏通").await;
    let second_resolution = w.outbox(w.cadre, "case_resolved").await;
    assert_eq!(second_resolution.len(), 2);
    let out = w
        .press(
            w.cadre,
            &button(&second_resolution[..1], &t(ZH, "bot-op-satisfied")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-closed",
            Args::new()
                .str("number", number)
                .str("satisfaction", t(ZH, "satisfaction-satisfied")),
        ),
    );
    let (status, satisfaction, reopens): (String, String, i32) =
        sqlx::query_as("select status, satisfaction, reopen_count from cases where id = $1")
            .bind(case_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), satisfaction.as_str(), reopens),
        ("closed", "satisfied", 1)
    );
    assert_eq!(w.outbox(w.officer, "case_closed").await.len(), 1);

    // The process record, in order, each with its actor.
    let events: Vec<(String, Option<i64>)> =
        sqlx::query_as("select kind, actor_id from case_events where case_id = $1 order by id")
            .bind(case_id)
            .fetch_all(w.pool())
            .await
            .unwrap();
    let kinds: Vec<&str> = events.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "reported",
            "dispatched",
            "accepted",
            "progress",
            "resolved",
            "reopened",
            "resolved",
            "closed"
        ]
    );
    assert!(events.iter().all(|(_, actor)| actor.is_some()));

    // The leader sees the whole record.
    let out = w.cmd(w.leader, "case", number).await;
    has(
        &out,
        &tr(ZH, "bot-card-events", Args::new().num("count", 8)),
    );
    for kind in ["reported", "dispatched", "reopened", "closed"] {
        has(&out, &t(ZH, &format!("event-{kind}")));
    }

    // The old "unsatisfied" button on the closed case is stale and changes nothing.
    let out = w.press(w.cadre, &unsatisfied).await;
    assert_eq!(
        out.callback_answer,
        Some(tr(
            ZH,
            "bot-button-stale",
            Args::new()
                .str("number", number)
                .str("status", t(ZH, "status-closed"))
        ))
    );
    assert!(out.replies.is_empty());
    assert_eq!(w.count("select count(*) from case_events").await, 8);
}

/// Two dispatched cases, the older with the nearer deadline; the older is then resolved and
/// waits for the enterprise's word. Returns (the resolved one, the open one).
async fn one_resolved_and_one_open(w: &World) -> (String, String) {
    let resolved = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let open = w
        .report_dispatched("村道路面塌陷，运输车辆绕行", "hard")
        .await;
    let out = w.cmd(w.officer, "case", &resolved).await;
    let out = w
        .press(w.officer, &button(&out.replies, &t(ZH, "bot-op-accept")))
        .await;
    w.press(w.officer, &button(&out.replies, &t(ZH, "bot-op-resolve")))
        .await;
    w.text(w.officer, "道路已修复").await;
    assert_eq!(w.case(&resolved).await.1, "resolved");
    (resolved, open)
}

#[tokio::test]
async fn a_departments_todo_lists_what_it_must_act_on_before_what_waits_for_the_enterprise() {
    let w = World::new().await;
    let (waiting, to_act) = one_resolved_and_one_open(&w).await;
    let list = joined(&w.cmd(w.officer, "todo", "").await);
    assert!(
        list.find(&to_act).unwrap() < list.find(&waiting).unwrap(),
        "{list}"
    );
}

#[tokio::test]
async fn a_cadres_list_puts_a_resolution_to_confirm_before_newer_cases() {
    let w = World::new().await;
    let (to_confirm, newer) = one_resolved_and_one_open(&w).await;
    let list = joined(&w.cmd(w.cadre, "my", "").await);
    assert!(
        list.find(&to_confirm).unwrap() < list.find(&newer).unwrap(),
        "{list}"
    );
}
