//! Corrections through the engine: reclassifying, extensions (延期) and the figures they move,
//! a reopened case's new deadline, roadmap steps done / changed / removed, and a case's files.

use super::*;
use chrono::TimeZone;
use zhuqi::reports::Request;
use zhuqi::reports::{self, Filter, PeriodSpec, Scope};

/// Moves the engine's clock to a local (Asia/Shanghai) time like "2026-12-14 09:00".
fn set_clock(w: &World, local: &str) {
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
    let t = chrono_tz::Asia::Shanghai
        .from_local_datetime(&naive)
        .single()
        .unwrap()
        .with_timezone(&Utc);
    w.clock.store((t - w.start).num_seconds(), Ordering::SeqCst);
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Reports a road case (routed to the transport bureau, officer O1), dispatches it as proposed
/// and has the officer sign for it; returns the number and the id.
async fn signed_for(w: &World, difficulty: &str) -> (String, i64) {
    let number = w.report("厂区门前道路破损，货车进出困难", difficulty).await;
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes[..1], &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    w.press(w.officer, &button(&notes[..1], &t(ZH, "bot-op-accept")))
        .await;
    let (id, status) = w.case(&number).await;
    assert_eq!(status, "accepted");
    (number, id)
}

async fn deadline_of(w: &World, id: i64) -> NaiveDate {
    sqlx::query_scalar("select deadline from cases where id = $1")
        .bind(id)
        .fetch_one(w.pool())
        .await
        .unwrap()
}

async fn events_of(w: &World, id: i64, kind: &str) -> Vec<(Option<i64>, Option<String>)> {
    sqlx::query_as(
        "select actor_id, note from case_events where case_id = $1 and kind = $2 order by id",
    )
    .bind(id)
    .bind(kind)
    .fetch_all(w.pool())
    .await
    .unwrap()
}

async fn deadline_history(w: &World, id: i64) -> Vec<(NaiveDate, String)> {
    sqlx::query_as("select deadline, kind from case_deadlines where case_id = $1 order by id")
        .bind(id)
        .fetch_all(w.pool())
        .await
        .unwrap()
}

fn category_difficulty(category: &str, difficulty: &str) -> String {
    format!(
        "{} · {}",
        t(ZH, &format!("category-{category}")),
        t(ZH, &format!("difficulty-{difficulty}"))
    )
}

#[tokio::test]
async fn the_dispatcher_reclassifies_before_and_after_dispatch_and_the_deadline_follows_only_when_told()
 {
    let w = World::new().await;
    let number = w.report("厂区门前道路破损，货车进出困难", "moderate").await;
    let (id, _) = w.case(&number).await;

    // Before dispatch: category and difficulty, then the reason; no deadline to ask about.
    let card = w.cmd(w.dispatcher, "case", &number).await;
    let out = w
        .press(
            w.dispatcher,
            &button(&card.replies, &t(ZH, "casework-op-reclassify")),
        )
        .await;
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "category-finance")),
        )
        .await;
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &difficulty_label("hard")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "casework-ask-reclassify-reason",
            Args::new().str("number", &number),
        ),
    );
    let out = w.text(w.dispatcher, "实为融资担保问题").await;
    has(
        &out,
        &tr(
            ZH,
            "casework-reclassified",
            Args::new()
                .str("number", &number)
                .str("what", category_difficulty("finance", "hard")),
        ),
    );
    let (category, difficulty): (String, String) =
        sqlx::query_as("select category, difficulty from cases where id = $1")
            .bind(id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(
        (category.as_str(), difficulty.as_str()),
        ("finance", "hard")
    );
    assert_eq!(
        events_of(&w, id, "reclassified").await,
        vec![(Some(w.dispatcher.id), Some("实为融资担保问题".to_string()))]
    );
    // The cadre only sees the card; no reclassify button for them.
    let card = w.cmd(w.cadre, "case", &number).await;
    assert!(
        !card
            .replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten())
            .any(|b| b.label == t(ZH, "casework-op-reclassify"))
    );

    // Back to transport (moderate), dispatched on Friday 11-27 with 10 working days: 12-11.
    let reclassify = |category: &'static str, difficulty: &'static str| {
        let w = &w;
        let number = number.clone();
        async move {
            let card = w.cmd(w.dispatcher, "case", &number).await;
            let out = w
                .press(
                    w.dispatcher,
                    &button(&card.replies, &t(ZH, "casework-op-reclassify")),
                )
                .await;
            let out = w
                .press(
                    w.dispatcher,
                    &button(&out.replies, &t(ZH, &format!("category-{category}"))),
                )
                .await;
            w.press(
                w.dispatcher,
                &button(&out.replies, &difficulty_label(difficulty)),
            )
            .await
        }
    };
    let card = w.cmd(w.dispatcher, "case", &number).await;
    let out = w
        .press(
            w.dispatcher,
            &button(&card.replies, &t(ZH, "bot-op-dispatch")),
        )
        .await;
    w.press(
        w.dispatcher,
        &button(&out.replies, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    assert_eq!(w.case(&number).await.1, "dispatched");
    let dispatched_deadline = deadline_of(&w, id).await;

    // After dispatch, kept: the question names both dates; keeping changes nothing.
    let out = reclassify("transport", "simple").await;
    has(
        &out,
        &tr(
            ZH,
            "casework-reclassify-deadline",
            Args::new()
                .str("number", &number)
                .str("date", dispatched_deadline.to_string()),
        ),
    );
    let out = w
        .press(
            w.dispatcher,
            &button(
                &out.replies,
                &tr(
                    ZH,
                    "casework-deadline-keep",
                    Args::new().str("date", dispatched_deadline.to_string()),
                ),
            ),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "casework-ask-reclassify-reason",
            Args::new().str("number", &number),
        ),
    );
    w.text(w.dispatcher, "按实际情况调整").await;
    assert_eq!(deadline_of(&w, id).await, dispatched_deadline);

    // Followed: simple is 5 working days from the dispatch day (Friday 11-27): 12-04.
    let out = reclassify("transport", "simple").await;
    let out = w
        .press(
            w.dispatcher,
            &button(
                &out.replies,
                &tr(
                    ZH,
                    "casework-deadline-follow",
                    Args::new().str("date", "2026-12-04"),
                ),
            ),
        )
        .await;
    assert!(!out.replies.is_empty());
    let out = w.text(w.dispatcher, "难度判断有误").await;
    has(
        &out,
        &tr(
            ZH,
            "casework-reclassified-deadline",
            Args::new()
                .str("number", &number)
                .str("what", category_difficulty("transport", "simple"))
                .str("deadline", "2026-12-04"),
        ),
    );
    assert_eq!(deadline_of(&w, id).await, day("2026-12-04"));
    assert_eq!(
        deadline_history(&w, id).await,
        vec![
            (dispatched_deadline, "dispatched".to_string()),
            (day("2026-12-04"), "reclassified".to_string()),
        ]
    );
    assert_eq!(events_of(&w, id, "reclassified").await.len(), 3);
    // The cadre hears of it (and the finance department, which holds it now).
    let notes = w.outbox(w.cadre, "case_reclassified").await;
    assert!(!notes.is_empty());
    assert!(notes[0].text.contains("难度判断有误"));
}

#[tokio::test]
async fn an_extension_is_asked_approved_and_refused_and_the_on_time_rate_counts_against_the_extended_deadline()
 {
    let w = World::new().await;
    // Two moderate cases dispatched Friday 11-27: both due 12-11.
    let (a, a_id) = signed_for(&w, "moderate").await;
    let (_b, b_id) = signed_for(&w, "moderate").await;
    assert_eq!(deadline_of(&w, a_id).await, day("2026-12-11"));
    assert_eq!(deadline_of(&w, b_id).await, day("2026-12-11"));

    // Monday 12-14: both overdue.
    set_clock(&w, "2026-12-14 09:00");
    let today = day("2026-12-14");
    let settings = Settings::default();
    let summary = |w: &World| {
        let settings = settings.clone();
        let pool = w.pool().clone();
        async move {
            let mut conn = pool.acquire().await.unwrap();
            reports::summary_for(
                &mut conn,
                &Request::new(
                    Scope::County,
                    PeriodSpec::ThisMonth,
                    today,
                    &settings,
                    &settings.calendar().unwrap(),
                ),
                Filter::default(),
            )
            .await
            .unwrap()
            .totals
        }
    };
    assert_eq!(summary(&w).await.stock.overdue, 2);

    // The officer asks: a weekend day and a date not after the deadline are refused.
    let card = w.cmd(w.officer, "case", &a).await;
    let out = w
        .press(
            w.officer,
            &button(&card.replies, &t(ZH, "casework-op-extend")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "casework-ask-extension-date",
            Args::new().str("number", &a).str("date", "2026-12-11"),
        ),
    );
    let out = w.text(w.officer, "下周").await;
    assert_eq!(joined(&out), t(ZH, "casework-extension-unreadable"));
    let out = w.text(w.officer, "2026-12-10").await;
    assert_eq!(joined(&out), t(ZH, "casework-extension-not-later"));
    let out = w.text(w.officer, "2026-12-19").await;
    assert_eq!(
        joined(&out),
        tr(
            ZH,
            "casework-extension-not-working-day",
            Args::new().str("date", "2026-12-19")
        )
    );
    // No working days, or more than one extension may add, are answered as such.
    let out = w.text(w.officer, "延长0个工作日").await;
    assert_eq!(joined(&out), t(ZH, "casework-extension-not-later"));
    let out = w.text(w.officer, "延长300个工作日").await;
    assert_eq!(
        joined(&out),
        tr(
            ZH,
            "casework-extension-too-many-days",
            Args::new().num("most", 250)
        )
    );
    // Working days added, counted from today (Monday the 14th) since the deadline has passed.
    let reason_for = |date: &str| {
        tr(
            ZH,
            "casework-ask-extension-reason",
            Args::new().str("number", &a).str("date", date),
        )
    };
    has(
        &w.text(w.officer, "延长4个工作日").await,
        &reason_for("2026-12-18"),
    );
    // A date where the reason is asked changes the date; it is not taken as the reason.
    let out = w.text(w.officer, "2026-12-10").await;
    assert_eq!(joined(&out), t(ZH, "casework-extension-not-later"));
    has(
        &w.text(w.officer, "12月21日").await,
        &reason_for("2026-12-21"),
    );
    // A weekday: 下周五 is Friday the 25th.
    has(
        &w.text(w.officer, "下周五").await,
        &reason_for("2026-12-25"),
    );
    has(
        &w.text(w.officer, "延长4个工作日").await,
        &reason_for("2026-12-18"),
    );
    let out = w.text(w.officer, "需等待省厅批复").await;
    has(
        &out,
        &tr(
            ZH,
            "casework-extension-requested",
            Args::new().str("number", &a).str("date", "2026-12-18"),
        ),
    );
    // A second request while one waits is refused; the card offers no button for it.
    let card = w.cmd(w.officer, "case", &a).await;
    has(&card, "需等待省厅批复");
    assert!(
        !card
            .replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten())
            .any(|b| b.label == t(ZH, "casework-op-extend"))
    );

    // The dispatcher approves: the deadline in force changes; officer and cadre are told.
    let notes = w.outbox(w.dispatcher, "case_extension_requested").await;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.contains("需等待省厅批复"));
    let approve = button(&notes, &t(ZH, "casework-extension-approve"));
    let refuse = button(&notes, &t(ZH, "casework-extension-refuse"));
    let out = w.press(w.dispatcher, &approve).await;
    has(
        &out,
        &tr(
            ZH,
            "casework-extension-approved",
            Args::new().str("number", &a).str("date", "2026-12-18"),
        ),
    );
    assert_eq!(deadline_of(&w, a_id).await, day("2026-12-18"));
    assert_eq!(w.outbox(w.officer, "case_extension_decided").await.len(), 1);
    assert_eq!(w.outbox(w.cadre, "case_extension_decided").await.len(), 1);

    // The same button again, and the refuse button of the same notice: nothing happens twice.
    let out = w.press(w.dispatcher, &approve).await;
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-used")));
    let out = w.press(w.dispatcher, &refuse).await;
    assert_eq!(
        out.callback_answer,
        Some(t(ZH, "casework-extension-decided"))
    );
    assert_eq!(events_of(&w, a_id, "extension_approved").await.len(), 1);
    assert_eq!(events_of(&w, a_id, "extension_refused").await.len(), 0);
    assert_eq!(deadline_of(&w, a_id).await, day("2026-12-18"));
    assert_eq!(summary(&w).await.stock.overdue, 1, "A is no longer overdue");

    // A second request, refused with a reason: the officer is told why; the deadline stays.
    let card = w.cmd(w.officer, "case", &a).await;
    w.press(
        w.officer,
        &button(&card.replies, &t(ZH, "casework-op-extend")),
    )
    .await;
    w.text(w.officer, "2026-12-25").await;
    w.text(w.officer, "还需再等一周").await;
    let notes = w.outbox(w.dispatcher, "case_extension_requested").await;
    let out = w
        .press(
            w.dispatcher,
            &button(&notes[..1], &t(ZH, "casework-extension-refuse")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "casework-ask-refusal-note",
            Args::new().str("number", &a),
        ),
    );
    let out = w.text(w.dispatcher, "理由不充分，请按期办结").await;
    has(
        &out,
        &tr(
            ZH,
            "casework-extension-refused",
            Args::new().str("number", &a).str("date", "2026-12-25"),
        ),
    );
    let told = w.outbox(w.officer, "case_extension_decided").await;
    assert!(told[0].text.contains("理由不充分，请按期办结"));
    assert_eq!(deadline_of(&w, a_id).await, day("2026-12-18"));
    let card = w.cmd(w.officer, "case", &a).await;
    has(&card, "理由不充分，请按期办结");
    assert_eq!(
        deadline_history(&w, a_id).await,
        vec![
            (day("2026-12-11"), "dispatched".to_string()),
            (day("2026-12-18"), "extension_approved".to_string()),
        ]
    );
    // The deadline in force at a moment: the dispatched one until the approval, then the new.
    let approved_at: DateTime<Utc> = sqlx::query_scalar(
        "select created_at from case_events where case_id = $1 and kind = 'extension_approved'",
    )
    .bind(a_id)
    .fetch_one(w.pool())
    .await
    .unwrap();
    let mut conn = w.pool().acquire().await.unwrap();
    let just_before = approved_at - Duration::seconds(1);
    assert_eq!(
        zhuqi::store::deadlines::in_force_at(&mut conn, a_id, just_before)
            .await
            .unwrap(),
        Some(day("2026-12-11"))
    );
    assert_eq!(
        zhuqi::store::deadlines::in_force_at(&mut conn, a_id, approved_at)
            .await
            .unwrap(),
        Some(day("2026-12-18"))
    );

    // Both resolved on Monday 12-14: A before its extended deadline (on time), B late.
    let before = summary(&w).await.flow;
    assert_eq!((before.resolved, before.resolved_on_time), (0, 0));
    for id in [a_id, b_id] {
        let number: String = sqlx::query_scalar("select number from cases where id = $1")
            .bind(id)
            .fetch_one(w.pool())
            .await
            .unwrap();
        let card = w.cmd(w.officer, "case", &number).await;
        w.press(w.officer, &button(&card.replies, &t(ZH, "bot-op-resolve")))
            .await;
        w.text(w.officer, "已修复").await;
    }
    let after = summary(&w).await.flow;
    assert_eq!((after.resolved, after.resolved_on_time), (2, 1));
    assert_eq!(after.on_time_rate(), Some(0.5));
}

#[tokio::test]
async fn an_extension_still_waiting_when_the_case_is_resolved_is_withdrawn_and_cannot_be_approved_later()
 {
    let w = World::new().await;
    let (a, a_id) = signed_for(&w, "moderate").await;
    assert_eq!(deadline_of(&w, a_id).await, day("2026-12-11"));
    let card = w.cmd(w.officer, "case", &a).await;
    w.press(
        w.officer,
        &button(&card.replies, &t(ZH, "casework-op-extend")),
    )
    .await;
    w.text(w.officer, "2026-12-18").await;
    w.text(w.officer, "需等待省厅批复").await;
    let notes = w.outbox(w.dispatcher, "case_extension_requested").await;
    let approve = button(&notes, &t(ZH, "casework-extension-approve"));

    // The officer resolves before anyone decided: the request is withdrawn with the resolution.
    let card = w.cmd(w.officer, "case", &a).await;
    w.press(w.officer, &button(&card.replies, &t(ZH, "bot-op-resolve")))
        .await;
    w.text(w.officer, "已修复").await;
    let status: String =
        sqlx::query_scalar("select status from extension_requests where case_id = $1")
            .bind(a_id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(status, "withdrawn");

    // The dispatcher's old approve button changes nothing: the deadline stays, no event.
    let out = w.press(w.dispatcher, &approve).await;
    assert_eq!(
        out.callback_answer,
        Some(t(ZH, "casework-extension-withdrawn"))
    );
    assert_eq!(deadline_of(&w, a_id).await, day("2026-12-11"));
    assert!(events_of(&w, a_id, "extension_approved").await.is_empty());

    // The card says so, and the process record names the date that was asked.
    let card = w.cmd(w.dispatcher, "case", &a).await;
    has(
        &card,
        &tr(
            ZH,
            "casework-card-extension-withdrawn",
            Args::new()
                .str("to", "2026-12-18")
                .str("requester", "李科长"),
        ),
    );
    has(
        &card,
        &tr(
            ZH,
            "casework-card-event-deadline",
            Args::new().str("date", "2026-12-18"),
        ),
    );
}

#[tokio::test]
async fn a_supervised_case_s_extension_goes_to_the_leaders() {
    let w = World::new().await;
    let (a, _) = signed_for(&w, "simple").await;
    let card = w.cmd(w.leader, "case", &a).await;
    w.press(w.leader, &button(&card.replies, &t(ZH, "bot-op-supervise")))
        .await;
    w.text(w.leader, "请加快办理").await;
    let card = w.cmd(w.officer, "case", &a).await;
    w.press(
        w.officer,
        &button(&card.replies, &t(ZH, "casework-op-extend")),
    )
    .await;
    w.text(w.officer, "2026-12-18").await;
    w.text(w.officer, "需协调多个部门").await;
    assert!(
        w.outbox(w.dispatcher, "case_extension_requested")
            .await
            .is_empty()
    );
    let notes = w.outbox(w.leader, "case_extension_requested").await;
    assert_eq!(notes.len(), 1);
    w.press(
        w.leader,
        &button(&notes, &t(ZH, "casework-extension-approve")),
    )
    .await;
    let (id, _) = w.case(&a).await;
    assert_eq!(deadline_of(&w, id).await, day("2026-12-18"));
}

#[tokio::test]
async fn a_case_reopened_by_an_unsatisfied_enterprise_gets_a_new_deadline_the_dispatcher_can_adjust()
 {
    let w = World::new().await;
    let (number, id) = signed_for(&w, "simple").await;
    assert_eq!(deadline_of(&w, id).await, day("2026-12-04"));
    let card = w.cmd(w.officer, "case", &number).await;
    w.press(w.officer, &button(&card.replies, &t(ZH, "bot-op-resolve")))
        .await;
    w.text(w.officer, "已修复").await;

    // Tuesday 12-08 the enterprise is unsatisfied: simple is 5 working days from today, 12-15.
    set_clock(&w, "2026-12-08 10:00");
    let card = w.cmd(w.cadre, "case", &number).await;
    w.press(
        w.cadre,
        &button(&card.replies, &t(ZH, "bot-op-unsatisfied")),
    )
    .await;
    w.text(w.cadre, "只修了一半").await;
    assert_eq!(w.case(&number).await.1, "in_progress");
    assert_eq!(deadline_of(&w, id).await, day("2026-12-15"));

    // The dispatcher's reopen notice names the new deadline and has the button to adjust it.
    let notes = w.outbox(w.dispatcher, "case_reopened").await;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.contains("2026-12-15"));
    let out = w
        .press(
            w.dispatcher,
            &button(&notes, &t(ZH, "casework-op-set-deadline")),
        )
        .await;
    let out = w
        .press(
            w.dispatcher,
            &button(&out.replies, &t(ZH, "bot-dispatch-type-deadline")),
        )
        .await;
    has(
        &out,
        &tr(ZH, "bot-ask-deadline", Args::new().str("number", &number)),
    );
    let out = w.text(w.dispatcher, "2026-12-01").await;
    assert_eq!(joined(&out), t(ZH, "bot-deadline-past"));
    // A Saturday is refused, with the next working day.
    let out = w.text(w.dispatcher, "2026-12-19").await;
    assert_eq!(
        joined(&out),
        tr(
            ZH,
            "bot-deadline-day-off",
            Args::new()
                .str("date", "2026-12-19")
                .str("next", "2026-12-21")
        )
    );
    let out = w.text(w.dispatcher, "12月22日").await;
    has(
        &out,
        &tr(
            ZH,
            "casework-deadline-set",
            Args::new()
                .str("number", &number)
                .str("deadline", "2026-12-22"),
        ),
    );
    assert_eq!(deadline_of(&w, id).await, day("2026-12-22"));
    assert_eq!(
        deadline_history(&w, id).await,
        vec![
            (day("2026-12-04"), "dispatched".to_string()),
            (day("2026-12-15"), "reopened".to_string()),
            (day("2026-12-22"), "deadline_changed".to_string()),
        ]
    );
    assert_eq!(w.outbox(w.officer, "case_deadline_changed").await.len(), 1);
}

/// Roadmap reminders queued for the officer, by the day they were decided.
async fn step_reminders(w: &World) -> Vec<String> {
    let rows: Vec<DateTime<Utc>> = sqlx::query_scalar(
        "select created_at from outbox where kind = 'milestone_reminder' and recipient_id = $1 order by id",
    )
    .bind(w.officer.id)
    .fetch_all(w.pool())
    .await
    .unwrap();
    rows.into_iter()
        .map(|t| {
            t.with_timezone(&chrono_tz::Asia::Shanghai)
                .format("%m-%d")
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn a_roadmap_step_marked_done_stops_its_reminders_and_a_removed_one_too() {
    let w = World::new().await;
    let (number, id) = signed_for(&w, "hard").await;
    for step in ["12月10日 完成用地预审", "12月17日 完成规划许可"] {
        let card = w.cmd(w.officer, "case", &number).await;
        w.press(
            w.officer,
            &button(&card.replies, &t(ZH, "bot-op-milestone")),
        )
        .await;
        w.text(w.officer, step).await;
    }
    let scheduler = test_scheduler(w.pool(), "test");
    let run = |from: &str, to: &str| {
        let (from, to) = (from.to_string(), to.to_string());
        let scheduler = &scheduler;
        async move {
            let local = |s: &str| {
                chrono_tz::Asia::Shanghai
                    .from_local_datetime(
                        &chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap(),
                    )
                    .single()
                    .unwrap()
                    .with_timezone(&Utc)
            };
            let (mut now, end) = (local(&from), local(&to));
            while now <= end {
                scheduler.run_due(now).await.unwrap();
                now += Duration::hours(1);
            }
        }
    };
    // Reminders of the 12-10 step: 3 working days before (12-07), 1 before (12-09).
    run("2026-11-30 08:00", "2026-12-09 18:00").await;
    assert_eq!(step_reminders(&w).await, vec!["12-07", "12-09"]);

    // Wednesday 12-09, the step is done: no reminder on its day, nor overdue ones after.
    set_clock(&w, "2026-12-09 19:00");
    let card = w.cmd(w.officer, "case", &number).await;
    let out = w
        .press(
            w.officer,
            &button(&card.replies, &t(ZH, "casework-op-roadmap")),
        )
        .await;
    let done = tr(
        ZH,
        "casework-step-done-button",
        Args::new()
            .str("date", "12-10")
            .str("title", "完成用地预审"),
    );
    let out = w.press(w.officer, &button(&out.replies, &done)).await;
    has(
        &out,
        &tr(
            ZH,
            "casework-step-marked-done",
            Args::new()
                .str("number", &number)
                .str("title", "完成用地预审"),
        ),
    );
    // The other step is moved, then removed: it reminds no more either.
    let card = w.cmd(w.officer, "case", &number).await;
    let out = w
        .press(
            w.officer,
            &button(&card.replies, &t(ZH, "casework-op-roadmap")),
        )
        .await;
    let rows: Vec<&zhuqi::conversation::Button> = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .collect();
    assert_eq!(rows.len(), 3, "one open step left, with three buttons");
    w.press(
        w.officer,
        &button(&out.replies, &t(ZH, "casework-step-change-button")),
    )
    .await;
    let out = w.text(w.officer, "12月21日 完成规划许可（调整）").await;
    has(
        &out,
        &tr(
            ZH,
            "casework-step-changed",
            Args::new()
                .str("number", &number)
                .str("date", "2026-12-21")
                .str("title", "完成规划许可（调整）"),
        ),
    );
    let card = w.cmd(w.officer, "case", &number).await;
    has(&card, "☑ 12-10 完成用地预审");
    has(&card, "☐ 12-21 完成规划许可（调整）");
    let out = w
        .press(
            w.officer,
            &button(&card.replies, &t(ZH, "casework-op-roadmap")),
        )
        .await;
    w.press(
        w.officer,
        &button(&out.replies, &t(ZH, "casework-step-remove-button")),
    )
    .await;
    let card = w.cmd(w.officer, "case", &number).await;
    assert!(
        !joined(&card).contains("☐ 12-21"),
        "a removed step is off the roadmap"
    );

    run("2026-12-10 08:00", "2026-12-23 18:00").await;
    assert_eq!(step_reminders(&w).await, vec!["12-07", "12-09"]);
    for kind in ["milestone_done", "milestone_changed", "milestone_removed"] {
        assert_eq!(events_of(&w, id, kind).await.len(), 1, "{kind}");
    }
}

#[tokio::test]
async fn a_case_s_files_open_for_the_officer_and_a_leader_and_later_files_belong_to_their_event() {
    let w = World::new().await;
    // Reported with two photos and a voice note.
    let out = w.cmd(w.cadre, "report", "").await;
    w.press(w.cadre, &button(&out.replies, "秦岭猕猴桃合作社"))
        .await;
    let out = w.text(w.cadre, "厂区门前道路破损，货车进出困难").await;
    let category = first_button(&out);
    w.send(w.cadre, photo("photo-1")).await;
    w.send(w.cadre, photo("photo-2")).await;
    w.send(
        w.cadre,
        InputKind::Voice {
            file_id: "voice-1".into(),
            duration_secs: 5,
        },
    )
    .await;
    let out = w.press(w.cadre, &category).await;
    let out = w
        .press(w.cadre, &button(&out.replies, &difficulty_label("simple")))
        .await;
    w.press(w.cadre, &button(&out.replies, &t(ZH, "bot-report-submit")))
        .await;
    let number = "ZZ-2026-0001";
    let notes = w.outbox(w.dispatcher, "case_reported").await;
    w.press(
        w.dispatcher,
        &button(&notes, &t(ZH, "bot-dispatch-confirm")),
    )
    .await;
    let notes = w.outbox(w.officer, "case_dispatched").await;
    w.press(w.officer, &button(&notes, &t(ZH, "bot-op-accept")))
        .await;

    // The officer's progress comes with a document: it belongs to the progress event.
    let card = w.cmd(w.officer, "case", number).await;
    w.press(w.officer, &button(&card.replies, &t(ZH, "bot-op-progress")))
        .await;
    w.send(
        w.officer,
        InputKind::Document {
            file_id: "doc-1".into(),
            file_name: Some("现场报告.pdf".into()),
            mime_type: Some("application/pdf".into()),
            size: Some(1024),
            caption: Some("已到现场查看".into()),
        },
    )
    .await;
    let (id, _) = w.case(number).await;
    let linked: Vec<(String, String)> = sqlx::query_as(
        "select a.file_id, ev.kind from attachments a join case_events ev on ev.id = a.event_id \
         where a.case_id = $1 order by a.id",
    )
    .bind(id)
    .fetch_all(w.pool())
    .await
    .unwrap();
    assert_eq!(
        linked,
        vec![
            ("photo-1".to_string(), "reported".to_string()),
            ("photo-2".to_string(), "reported".to_string()),
            ("voice-1".to_string(), "reported".to_string()),
            ("doc-1".to_string(), "progress".to_string()),
        ]
    );

    for who in [w.officer, w.leader] {
        let card = w.cmd(who, "case", number).await;
        has(
            &card,
            &tr(ZH, "bot-card-files", Args::new().num("count", 4)),
        );
        let out = w
            .press(who, &button(&card.replies, &t(ZH, "casework-op-files")))
            .await;
        has(
            &out,
            &tr(
                ZH,
                "casework-files-title",
                Args::new().str("number", number).num("count", 4),
            ),
        );
        has(&out, "现场报告.pdf");
        let sent: Vec<(StoredKind, String)> = out
            .replies
            .iter()
            .flat_map(|r| r.stored.iter())
            .map(|f| (f.kind, f.file_id.clone()))
            .collect();
        assert_eq!(
            sent,
            vec![
                (StoredKind::Photo, "photo-1".to_string()),
                (StoredKind::Photo, "photo-2".to_string()),
                (StoredKind::Voice, "voice-1".to_string()),
                (StoredKind::Document, "doc-1".to_string()),
            ]
        );
    }
    // The ledger export counts them.
    let mut conn = w.pool().acquire().await.unwrap();
    let csv = reports::export_csv_bytes(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::ThisMonth,
            day("2026-11-27"),
            &Settings::default(),
            &WorkCalendar::default(),
        ),
        ZH,
    )
    .await
    .unwrap();
    let text = String::from_utf8(csv).unwrap();
    let mut lines = text.lines();
    // The files' column, then the service mode's (none here).
    let last = format!(
        "{},{}",
        t(ZH, "export-col-files"),
        t(ZH, "modes-col-service-mode")
    );
    assert!(lines.next().unwrap().ends_with(&last));
    assert!(lines.next().unwrap().ends_with(",4,"));
    // Another enterprise's cadre cannot open the case, let alone its files.
    let out = w.cmd(w.cadre2, "case", number).await;
    assert_eq!(joined(&out), t(ZH, "bot-case-not-found"));
}
