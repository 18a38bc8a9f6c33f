//! 督查 through the engine: the campaign office records an inspection whose findings become
//! rectification items (整改事项) that the department signs for and fixes and only the
//! inspector closes; an unannounced visit (暗访) whose inspector the inspected never read; a
//! follow-up (跟踪督查) showing which earlier findings were fixed; who may do what; and bad
//! input answered.

use super::*;
use zhuqi::domain::inspection::RectAction;
use zhuqi::store::rectifications::{self, RectError};

/// The token of the first button whose label starts with `prefix`.
fn button_starting(replies: &[Reply], prefix: &str) -> String {
    button_where(replies, prefix, |l| l.starts_with(prefix))
}

fn kind(code: &str) -> String {
    t(ZH, &format!("inspections-kind-{code}"))
}

/// Records an inspection through the whole dialogue as `who`; returns the card's outcome.
async fn record(w: &World, who: Who, kind_code: &str, targets: &str, findings: &str) -> Outcome {
    let out = w.cmd(who, "inspect", "").await;
    let out = w.press(who, &button(&out.replies, &kind(kind_code))).await;
    let out = if kind_code == "follow_up" {
        w.press(who, &button_starting(&out.replies, "DC-")).await
    } else {
        out
    };
    has(&out, &t(ZH, "inspections-ask-date"));
    let out = w.press(who, &button(&out.replies, "11-27")).await;
    has(&out, &t(ZH, "inspections-ask-targets"));
    let out = w.text(who, targets).await;
    has(&out, &t(ZH, "inspections-ask-findings"));
    let out = w.text(who, findings).await;
    w.press(who, &button(&out.replies, &t(ZH, "inspections-save")))
        .await
}

/// Hands finding `seq` of the card to 县交通运输局 with the deadline offered first (5 days).
async fn rectify(w: &World, who: Who, card: &Outcome, seq: u32) -> Outcome {
    let label = tr(
        ZH,
        "inspections-op-rectify",
        Args::new().num("seq", seq as f64),
    );
    let out = w.press(who, &button(&card.replies, &label)).await;
    let out = w.press(who, &button(&out.replies, "县交通运输局")).await;
    let due = tr(
        ZH,
        "inspections-due-choice",
        Args::new().num("days", 5).str("date", "12-04"),
    );
    w.press(who, &button(&out.replies, &due)).await
}

/// A centralized check of 县交通运输局 with `findings`, the first handed out to it as
/// ZG-2026-0001.
async fn first_item_handed_out(w: &World, findings: &str) {
    let card = record(w, w.dispatcher, "centralized", "县交通运输局", findings).await;
    rectify(w, w.dispatcher, &card, 1).await;
}

async fn rect(w: &World, number: &str) -> (i64, String) {
    sqlx::query_as("select id, status from rectifications where number = $1")
        .bind(number)
        .fetch_one(w.pool())
        .await
        .unwrap()
}

fn op(code: &str) -> String {
    t(ZH, &format!("inspections-op-{code}"))
}

/// The department's officer signs for the newest item told to them (unless signed for
/// already) and reports it fixed.
async fn fix(w: &World, number: &str, answer: &str) -> Vec<Outcome> {
    let notes = w.outbox(w.officer, "rectification").await;
    let notice = notes
        .iter()
        .find(|n| n.text.contains(number))
        .expect("the officer was told of the item");
    let accept = notice
        .buttons
        .iter()
        .flatten()
        .find(|b| b.label == op("accept"));
    let mut seen = vec![];
    let card = match accept {
        Some(b) => {
            let signed = w.press(w.officer, &b.data).await;
            let card = signed.replies.clone();
            seen.push(signed);
            card
        }
        None => vec![notice.clone()],
    };
    seen.push(w.press(w.officer, &button(&card, &op("resolve"))).await);
    seen.push(w.text(w.officer, answer).await);
    seen
}

#[tokio::test]
async fn an_inspection_with_two_findings_becomes_two_rectifications_and_only_the_inspector_closes_one()
 {
    let w = World::new().await;
    let card = record(
        &w,
        w.dispatcher,
        "centralized",
        "县交通运输局\n秦岭猕猴桃合作社",
        "政务窗口无人值守\n助企台账登记不全",
    )
    .await;
    has(&card, "DC-2026-0001");
    has(&card, "政务窗口无人值守");
    assert_eq!(
        w.count("select count(*) from inspection_targets").await,
        2,
        "a department and an enterprise were inspected"
    );

    let made = rectify(&w, w.dispatcher, &card, 1).await;
    has(&made, "ZG-2026-0001");
    let second = rectify(&w, w.dispatcher, &card, 2).await;
    has(&second, "ZG-2026-0002");
    assert_eq!(
        w.count("select count(*) from rectifications where status = 'dispatched'")
            .await,
        2
    );
    // A finding handed out already is not handed out twice.
    let label = tr(ZH, "inspections-op-rectify", Args::new().num("seq", 1));
    let again = w.press(w.dispatcher, &button(&card.replies, &label)).await;
    has(
        &again,
        &tr(
            ZH,
            "inspections-already-rect",
            Args::new().str("number", "ZG-2026-0001"),
        ),
    );

    // The department signs for the first and reports it fixed; the inspector is asked.
    fix(&w, "ZG-2026-0001", "已安排专人值守窗口").await;
    let (id, status) = rect(&w, "ZG-2026-0001").await;
    assert_eq!(status, "resolved");
    let asked = w.outbox(w.dispatcher, "rectification").await;
    let ask = asked
        .iter()
        .find(|n| n.text.contains("已安排专人值守窗口"))
        .expect("the inspector is told it is reported fixed");

    // Nobody but the inspector closes it: not the department, not a leader.
    let mut conn = w.pool().acquire().await.unwrap();
    for who in [w.officer, w.leader, w.cadre] {
        let actor = world::actor(w.pool(), who.id).await;
        let refused =
            rectifications::act(&mut conn, id, &actor, &RectAction::Confirm, w.now()).await;
        assert!(matches!(refused, Err(RectError::Refused(_))), "{refused:?}");
    }
    drop(conn);
    let out = w
        .press(
            w.dispatcher,
            &button(std::slice::from_ref(ask), &op("confirm")),
        )
        .await;
    assert_eq!(
        out.callback_answer.as_deref(),
        Some(
            tr(
                ZH,
                "inspections-done-closed",
                Args::new().str("number", "ZG-2026-0001")
            )
            .as_str()
        )
    );
    assert_eq!(rect(&w, "ZG-2026-0001").await.1, "closed");
    let closed = w.outbox(w.officer, "rectification").await;
    assert!(closed[0].text.contains(&tr(
        ZH,
        "inspections-notice-closed",
        Args::new().str("number", "ZG-2026-0001")
    )));
    // Pressed again: once only.
    let again = w
        .press(
            w.dispatcher,
            &button(std::slice::from_ref(ask), &op("confirm")),
        )
        .await;
    assert_eq!(again.callback_answer, Some(t(ZH, "bot-button-used")));
    let events: Vec<String> = sqlx::query_scalar(
        "select kind from rectification_events where rectification_id = $1 order by id",
    )
    .bind(id)
    .fetch_all(w.pool())
    .await
    .unwrap();
    assert_eq!(events, ["dispatched", "accepted", "resolved", "closed"]);

    // The other stays open, listed under its unit for the office and for the department.
    for who in [w.dispatcher, w.officer, w.head] {
        let list = w.cmd(who, "inspections", "").await;
        has(&list, "ZG-2026-0002");
        assert!(
            !joined(&list).contains("ZG-2026-0001"),
            "closed items are not listed"
        );
    }

    // The county's summary counts them under their own kind; a cadre's has none.
    let line = tr(
        ZH,
        "inspections-summary-line",
        Args::new()
            .num("open", 1)
            .num("overdue", 0)
            .num("new", 2)
            .num("closed", 1),
    );
    has(&w.cmd(w.leader, "summary", "").await, &line);
    has(&w.cmd(w.officer, "summary", "").await, &line);
    assert!(!joined(&w.cmd(w.cadre, "summary", "").await).contains(&line));

    // Left unfixed past its deadline (2026-12-04), the other escalates: yellow to the head,
    // then red to the leaders and the inspector, in the day's digest.
    let scheduler = w.scheduler();
    scheduler
        .run_due("2026-12-07T02:00:00Z".parse().unwrap())
        .await
        .unwrap();
    let yellow = w.outbox(w.head, "rectification_digest").await;
    assert!(
        yellow[0].text.contains("ZG-2026-0002")
            && yellow[0].text.contains(&t(ZH, "inspections-digest-yellow"))
    );
    assert!(!yellow[0].text.contains("ZG-2026-0001"));
    assert!(
        w.outbox(w.leader, "rectification_digest").await.is_empty(),
        "yellow is the head's"
    );
    scheduler
        .run_due("2026-12-14T02:00:00Z".parse().unwrap())
        .await
        .unwrap();
    for who in [w.leader, w.dispatcher] {
        let red = w.outbox(who, "rectification_digest").await;
        assert!(red[0].text.contains("ZG-2026-0002"), "{red:?}");
        assert!(red[0].text.contains(&t(ZH, "inspections-digest-red")));
    }
}

#[tokio::test]
async fn an_unannounced_visit_never_names_its_inspector_to_the_inspected() {
    let w = World::new().await;
    let card = record(
        &w,
        w.dispatcher,
        "unannounced",
        "县交通运输局\n王建国",
        "窗口工作人员脱岗",
    )
    .await;
    // The inspector reads their own name.
    has(&card, "赵主任");
    rectify(&w, w.dispatcher, &card, 1).await;
    let mut seen: Vec<Outcome> = fix(&w, "ZG-2026-0001", "已完善考勤制度").await;
    let ask = w.outbox(w.dispatcher, "rectification").await;
    w.press(w.dispatcher, &button(&ask[..1], &op("reopen")))
        .await;
    w.text(w.dispatcher, "仍有脱岗现象").await;
    seen.extend(fix(&w, "ZG-2026-0001", "已调整排班并每日抽查").await);
    seen.push(w.cmd(w.officer, "inspections", "").await);
    seen.push(w.cmd(w.head, "inspections", "").await);

    // Every row the inspected (the department's officers and head, the cadre) were sent.
    let rows: Vec<String> =
        sqlx::query_scalar("select body::text from outbox where recipient_id = any($1)")
            .bind(vec![w.officer.id, w.head.id, w.cadre.id])
            .fetch_all(w.pool())
            .await
            .unwrap();
    assert!(rows.len() >= 5, "the inspected were told: {rows:?}");
    let team = t(ZH, "inspections-team");
    assert!(rows.iter().any(|r| r.contains(&team)));
    for row in &rows {
        assert!(!row.contains("赵主任"), "the inspector is named in {row}");
    }
    for out in &seen {
        let text = joined(out) + out.callback_answer.as_deref().unwrap_or_default();
        assert!(!text.contains("赵主任"), "the inspector is named in {text}");
    }
    // The cadre inspected was told, without the name.
    let told = w.outbox(w.cadre, "inspection").await;
    assert_eq!(told.len(), 1);
    assert!(told[0].text.contains("窗口工作人员脱岗") && told[0].text.contains(&team));
}

#[tokio::test]
async fn a_follow_up_shows_which_findings_of_the_earlier_inspection_were_fixed() {
    let w = World::new().await;
    first_item_handed_out(&w, "窗口无人值守\n台账不全\n公示栏过期").await;
    fix(&w, "ZG-2026-0001", "已安排值守").await;
    let ask = w.outbox(w.dispatcher, "rectification").await;
    w.press(w.dispatcher, &button(&ask[..1], &op("confirm")))
        .await;

    let out = w.cmd(w.leader, "inspect", "").await;
    let out = w
        .press(w.leader, &button(&out.replies, &kind("follow_up")))
        .await;
    let out = w
        .press(w.leader, &button_starting(&out.replies, "DC-2026-0001"))
        .await;
    w.press(w.leader, &button(&out.replies, "11-27")).await;
    w.text(w.leader, "县交通运输局").await;
    let out = w.text(w.leader, "台账仍不全").await;
    let card = w
        .press(w.leader, &button(&out.replies, &t(ZH, "inspections-save")))
        .await;
    has(
        &card,
        &tr(
            ZH,
            "inspections-follow-title",
            Args::new()
                .str("number", "DC-2026-0001")
                .num("fixed", 1)
                .num("total", 3),
        ),
    );
    let line = |key: &str, seq: u32, finding: &str| {
        tr(
            ZH,
            key,
            Args::new().num("seq", seq as f64).str("finding", finding),
        )
    };
    has(&card, &line("inspections-follow-fixed", 1, "窗口无人值守"));
    has(&card, &line("inspections-follow-none", 2, "台账不全"));
    has(&card, &line("inspections-follow-none", 3, "公示栏过期"));
    let follows: Option<i64> =
        sqlx::query_scalar("select follows_id from inspections where kind = 'follow_up'")
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert!(follows.is_some());
}

#[tokio::test]
async fn a_cadre_cannot_record_an_inspection_nor_an_officer_hand_out_rectifications() {
    let w = World::new().await;
    for who in [w.cadre, w.officer] {
        let out = w.cmd(who, "inspect", "").await;
        let kinds = ["dispatcher", "leader", "admin"].map(|r| t(ZH, &format!("role-{r}")));
        has(
            &out,
            &tr(
                ZH,
                "menus-not-for-you",
                Args::new()
                    .str("command", "inspect")
                    .str("kinds", kinds.join("、")),
            ),
        );
        assert!(out.replies.iter().all(|r| r.buttons.is_empty()));
    }
    let out = w.cmd(w.cadre, "inspections", "").await;
    has(&out, "/inspections");
    assert!(out.replies.iter().all(|r| r.buttons.is_empty()));
    assert_eq!(w.count("select count(*) from inspections").await, 0);

    // An item of another department is not the officer's to see or sign for.
    let card = record(
        &w,
        w.dispatcher,
        "centralized",
        "县金融办",
        "贷款对接台账缺失",
    )
    .await;
    let label = tr(ZH, "inspections-op-rectify", Args::new().num("seq", 1));
    let out = w.press(w.dispatcher, &button(&card.replies, &label)).await;
    let out = w
        .press(w.dispatcher, &button(&out.replies, "县金融办"))
        .await;
    w.press(w.dispatcher, &button_starting(&out.replies, "5 "))
        .await;
    let list = w.cmd(w.officer, "inspections", "").await;
    has(&list, &t(ZH, "inspections-none-open"));
    let list = w.cmd(w.leader, "inspections", "").await;
    has(&list, "ZG-2026-0001");
    let (id, _) = rect(&w, "ZG-2026-0001").await;
    let actor = world::actor(w.pool(), w.officer.id).await;
    let mut conn = w.pool().acquire().await.unwrap();
    let refused = rectifications::act(&mut conn, id, &actor, &RectAction::Accept, w.now()).await;
    assert!(matches!(refused, Err(RectError::Refused(_))));
    // The report is for the office and the leaders.
    let out = w.cmd(w.officer, "inspections", "report").await;
    has(&out, &t(ZH, "inspections-report-not-allowed"));
}

#[tokio::test]
async fn bad_input_while_recording_an_inspection_gets_a_clear_answer() {
    let w = World::new().await;
    let first = w.cmd(w.dispatcher, "inspect", "").await;
    // Text before the kind is chosen.
    let out = w.text(w.dispatcher, "县交通运输局").await;
    has(&out, &t(ZH, "inspections-press-a-button"));
    w.press(w.dispatcher, &button(&first.replies, &kind("centralized")))
        .await;
    // A day to come, and words that are no date.
    for bad in ["2027-01-05", "下周", "🙂\u{200b}"] {
        let out = w.text(w.dispatcher, bad).await;
        has(&out, &t(ZH, "inspections-bad-date"));
    }
    w.text(w.dispatcher, "昨天").await;
    // Targets nobody knows.
    let out = w.text(w.dispatcher, "县交通运输局\n不存在的单位").await;
    has(
        &out,
        &tr(
            ZH,
            "inspections-unknown-targets",
            Args::new().str("names", "不存在的单位"),
        ),
    );
    w.text(w.dispatcher, "县交通运输局").await;
    // Blank and oversized findings.
    let out = w.text(w.dispatcher, "   ").await;
    has(&out, &t(ZH, "bot-text-empty"));
    let many = (1..=40)
        .map(|n| format!("问题{n}"))
        .collect::<Vec<_>>()
        .join("\n");
    let out = w.text(w.dispatcher, &many).await;
    has(
        &out,
        &tr(
            ZH,
            "inspections-too-many-lines",
            Args::new().num("limit", 30),
        ),
    );
    let out = w.text(w.dispatcher, "窗口无人值守").await;
    has(&out, &t(ZH, "inspections-draft-add"));
    // A second message adds to the findings; past thirty in all, it is refused and the draft
    // keeps what it had.
    let out = w.text(w.dispatcher, "台账不全").await;
    has(&out, "1. 窗口无人值守");
    has(&out, "2. 台账不全");
    let too_many = (3..=31)
        .map(|n| format!("问题{n}"))
        .collect::<Vec<_>>()
        .join("\n");
    let out = w.text(w.dispatcher, &too_many).await;
    has(
        &out,
        &tr(
            ZH,
            "inspections-findings-full",
            Args::new().num("limit", 30),
        ),
    );
    let out = w.text(w.dispatcher, "办事指南未公示").await;
    has(&out, "3. 办事指南未公示");
    assert!(!joined(&out).contains("问题3"), "{}", joined(&out));
    let save = button(&out.replies, &t(ZH, "inspections-save"));
    let cancel = button(&out.replies, &t(ZH, "inspections-cancel"));
    let out = w.press(w.dispatcher, &cancel).await;
    has(&out, &t(ZH, "inspections-cancelled"));
    // The draft's save button after the draft was cancelled.
    let out = w.press(w.dispatcher, &save).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "inspections-draft-gone")));
    assert_eq!(w.count("select count(*) from inspections").await, 0);
    // A first kind button from an abandoned draft, once a new draft runs.
    w.cmd(w.dispatcher, "inspect", "").await;
    let out = w
        .press(w.dispatcher, &button(&first.replies, &kind("unannounced")))
        .await;
    assert_eq!(out.callback_answer, Some(t(ZH, "inspections-draft-gone")));
    // Arguments the command does not take, and a period that is none.
    let out = w.cmd(w.dispatcher, "inspections", "everything").await;
    has(&out, &t(ZH, "inspections-usage"));
    let out = w
        .cmd(w.dispatcher, "inspections", "report 2026-13-01")
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-period-unknown",
            Args::new().str("text", "2026-13-01"),
        ),
    );
    has(
        &out,
        &tr(
            ZH,
            "bot-period-examples",
            Args::new().str("command", "inspections report"),
        ),
    );
    // The examples name the command once, as it is typed.
    has(&out, "/inspections report 本周");
    assert!(!joined(&out).contains("//"), "{}", joined(&out));
}

#[tokio::test]
async fn a_rectification_item_opens_by_its_number_for_those_who_may_see_it() {
    let w = World::new().await;
    first_item_handed_out(&w, "政务窗口无人值守").await;
    // As people type it: any case, a short sequence, full-width dashes and digits.
    for typed in ["ZG-2026-0001", "zg-2026-1", "ZG－2026－０００１"] {
        for who in [w.officer, w.dispatcher, w.leader] {
            let out = w.cmd(who, "case", typed).await;
            has(&out, "ZG-2026-0001");
            has(&out, "政务窗口无人值守");
        }
    }
    // Not the cadre's to see, and a number no item has: the same answer.
    let not_found = t(ZH, "inspections-not-found");
    let out = w.cmd(w.cadre, "case", "ZG-2026-0001").await;
    assert_eq!(joined(&out), not_found);
    let out = w.cmd(w.officer, "case", "ZG-2026-0099").await;
    assert_eq!(joined(&out), not_found);
}

#[tokio::test]
async fn the_inspection_report_counts_the_period_and_comes_with_its_ledger() {
    let w = World::new().await;
    let card = record(
        &w,
        w.dispatcher,
        "unannounced",
        "县交通运输局",
        "窗口脱岗\n台账不全",
    )
    .await;
    rectify(&w, w.dispatcher, &card, 1).await;
    // The period as every report command reads it: a code, a Chinese name, a range with 至.
    let out = w.cmd(w.leader, "inspections", "report this-month").await;
    // This month is November 2026 in the world, all of it.
    for typed in ["本月", "2026-11-01 至 2026-11-30"] {
        let same = w
            .cmd(w.leader, "inspections", &format!("report {typed}"))
            .await;
        assert_eq!(joined(&same), joined(&out), "{typed}");
    }
    has(
        &out,
        &tr(
            ZH,
            "inspections-report-items",
            Args::new()
                .num("total", 1)
                .num("closed", 0)
                .num("open", 1)
                .num("overdue", 0),
        ),
    );
    let text = joined(&out);
    assert!(text.contains("DC-2026-0001") && !text.contains("赵主任"));
    let sheet = out
        .replies
        .iter()
        .find_map(|r| r.document.as_ref())
        .expect("the report's spreadsheet");
    assert!(sheet.name.ends_with(".xlsx") && sheet.bytes.starts_with(b"PK"));
}
