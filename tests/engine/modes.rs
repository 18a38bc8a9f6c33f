//! Service modes (帮办 / 陪办 / 代办) through the engine: marking and changing a mode as the
//! officer and as the dispatcher (never as a cadre), the days of 陪办 (never in the future),
//! a 代办 case held back from resolution until its documents are returned, the summary's
//! count by mode, and old buttons pressed twice.

use super::*;
use zhuqi::domain::{Action, ModeChange, ServiceMode};
use zhuqi::reports::Request;
use zhuqi::reports::{self, Filter, PeriodSpec, Scope};
use zhuqi::store::cases::{self, CaseError};

/// Reports a road case, dispatches it as proposed and has officer O1 sign for it.
async fn held(w: &World) -> (String, i64) {
    let number = w.report("厂区门前道路破损，货车进出困难", "moderate").await;
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

/// The service-mode menu of the case, opened from its card by `who`.
async fn menu(w: &World, who: Who, number: &str) -> Outcome {
    let card = w.cmd(who, "case", number).await;
    w.press(who, &button(&card.replies, &t(ZH, "modes-op-menu")))
        .await
}

fn mode(code: &str) -> String {
    t(ZH, &format!("modes-mode-{code}"))
}

async fn mode_of(w: &World, id: i64) -> Option<String> {
    sqlx::query_scalar("select service_mode from cases where id = $1")
        .bind(id)
        .fetch_one(w.pool())
        .await
        .unwrap()
}

async fn events(w: &World, id: i64, kind: &str) -> Vec<(Option<i64>, serde_json::Value)> {
    sqlx::query_as(
        "select actor_id, data from case_events where case_id = $1 and kind = $2 order by id",
    )
    .bind(id)
    .bind(kind)
    .fetch_all(w.pool())
    .await
    .unwrap()
}

fn answer(out: &Outcome) -> String {
    out.callback_answer.clone().unwrap_or_default()
}

#[tokio::test]
async fn the_officer_marks_a_case_help_then_changes_it_to_handle_and_each_change_is_an_event() {
    let w = World::new().await;
    let (number, id) = held(&w).await;

    let out = menu(&w, w.officer, &number).await;
    has(
        &out,
        &tr(
            ZH,
            "modes-menu",
            Args::new()
                .str("number", &number)
                .str("mode", t(ZH, "modes-mode-none")),
        ),
    );
    let out = w
        .press(w.officer, &button(&out.replies, &mode("help")))
        .await;
    let set = |m: &str| {
        tr(
            ZH,
            "modes-set",
            Args::new().str("number", &number).str("mode", mode(m)),
        )
    };
    assert_eq!(answer(&out), set("help"));
    has(
        &out,
        &tr(ZH, "modes-card-mode", Args::new().str("mode", mode("help"))),
    );
    assert_eq!(mode_of(&w, id).await.as_deref(), Some("help"));

    let out = menu(&w, w.officer, &number).await;
    assert!(
        !out.replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten())
            .any(|b| b.label == mode("help")),
        "the mode the case is in is not offered again"
    );
    let out = w
        .press(w.officer, &button(&out.replies, &mode("handle")))
        .await;
    assert_eq!(answer(&out), set("handle"));
    assert_eq!(mode_of(&w, id).await.as_deref(), Some("handle"));
    let recorded = events(&w, id, "service_mode_set").await;
    assert_eq!(
        recorded,
        vec![
            (
                Some(w.officer.id),
                serde_json::json!({"from": null, "to": "help"})
            ),
            (
                Some(w.officer.id),
                serde_json::json!({"from": "help", "to": "handle"})
            ),
        ]
    );

    // The cadre hears of it, under the card.
    let told = tr(
        ZH,
        "modes-notify-set-handle",
        Args::new().str("actor", "李科长").str("number", &number),
    );
    let notes = w.outbox(w.cadre, "case_note").await;
    assert!(notes.iter().any(|r| r.text.contains(&told)), "{notes:?}");

    // The department's list shows the mode.
    let out = w.cmd(w.officer, "todo", "").await;
    has(
        &out,
        &tr(
            ZH,
            "modes-list-tag",
            Args::new().str("mode", mode("handle")),
        ),
    );
}

#[tokio::test]
async fn the_dispatcher_marks_and_changes_a_mode_and_a_cadre_is_refused() {
    let w = World::new().await;
    let (number, id) = held(&w).await;

    let out = menu(&w, w.dispatcher, &number).await;
    w.press(w.dispatcher, &button(&out.replies, &mode("accompany")))
        .await;
    let out = menu(&w, w.dispatcher, &number).await;
    w.press(
        w.dispatcher,
        &button(&out.replies, &t(ZH, "modes-op-clear")),
    )
    .await;
    assert_eq!(mode_of(&w, id).await, None);
    assert_eq!(
        events(&w, id, "service_mode_set").await,
        vec![
            (
                Some(w.dispatcher.id),
                serde_json::json!({"from": null, "to": "accompany"})
            ),
            (
                Some(w.dispatcher.id),
                serde_json::json!({"from": "accompany", "to": null})
            ),
        ]
    );

    // The cadre sees the card without the button, and the ledger refuses them.
    let card = w.cmd(w.cadre, "case", &number).await;
    assert!(
        !card
            .replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten())
            .any(|b| b.label == t(ZH, "modes-op-menu"))
    );
    let mut conn = w.pool().acquire().await.unwrap();
    let cadre = zhuqi::store::people::by_id(&mut conn, w.cadre.id)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let refused = cases::act(
        &mut conn,
        id,
        &cadre,
        &Action::Mode(ModeChange::Set {
            mode: Some(ServiceMode::Help),
        }),
        Utc::now(),
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(CaseError::Refused(
                zhuqi::domain::TransitionError::RoleNotAllowed
            ))
        ),
        "{refused:?}"
    );
    assert_eq!(mode_of(&w, id).await, None);
}

#[tokio::test]
async fn an_accompaniment_in_the_future_or_too_long_ago_is_refused_and_one_in_the_week_is_recorded()
{
    let w = World::new().await;
    let (number, id) = held(&w).await;
    let out = menu(&w, w.officer, &number).await;
    w.press(w.officer, &button(&out.replies, &mode("accompany")))
        .await;
    let out = menu(&w, w.officer, &number).await;
    let out = w
        .press(
            w.officer,
            &button(&out.replies, &t(ZH, "modes-op-accompany")),
        )
        .await;
    has(
        &out,
        &tr(ZH, "modes-ask-day", Args::new().str("number", &number)),
    );
    let days = out.clone();

    // Today is Friday 2026-11-27: tomorrow is refused, and so is a day three weeks back.
    let window = |date: &str, key: &str| {
        tr(
            ZH,
            key,
            Args::new()
                .str("date", date)
                .str("from", "2026-11-20")
                .str("to", "2026-11-27")
                .num("days", 7),
        )
    };
    let out = w.text(w.officer, "2026-11-28").await;
    has(&out, &window("2026-11-28", "modes-day-future"));
    let out = w.text(w.officer, "2026-11-06").await;
    has(&out, &window("2026-11-06", "modes-day-too-old"));
    let count = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from case_accompaniments")
            .fetch_one(w.pool())
            .await
            .unwrap()
    };
    assert_eq!(count().await, 0);

    // Yesterday, by its button, then the place.
    let out = w
        .press(
            w.officer,
            &button(&days.replies, &t(ZH, "menus-visit-yesterday")),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "modes-ask-place",
            Args::new().str("number", &number).str("date", "2026-11-26"),
        ),
    );
    let out = w.text(w.officer, "县政务服务中心").await;
    has(
        &out,
        &tr(
            ZH,
            "modes-accompanied",
            Args::new()
                .str("number", &number)
                .str("date", "2026-11-26")
                .str("place", "县政务服务中心"),
        ),
    );
    let stored: (NaiveDate, String, i64) = sqlx::query_as(
        "select accompanied_on, place, recorded_by from case_accompaniments where case_id = $1",
    )
    .bind(id)
    .fetch_one(w.pool())
    .await
    .unwrap();
    assert_eq!(
        stored,
        (
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            "县政务服务中心".to_string(),
            w.officer.id
        )
    );
    let card = w.cmd(w.cadre, "case", &number).await;
    has(
        &card,
        &tr(
            ZH,
            "modes-card-accompanied",
            Args::new()
                .str("date", "2026-11-26")
                .str("place", "县政务服务中心")
                .str("officer", "李科长"),
        ),
    );
    assert_eq!(events(&w, id, "accompanied").await.len(), 1);
}

#[tokio::test]
async fn a_handled_case_is_refused_resolution_until_its_documents_are_returned_then_resolved() {
    let w = World::new().await;
    let (number, id) = held(&w).await;
    let out = menu(&w, w.officer, &number).await;
    w.press(w.officer, &button(&out.replies, &mode("handle")))
        .await;
    for name in ["营业执照副本原件", "土地使用权证原件"] {
        let out = menu(&w, w.officer, &number).await;
        let out = w
            .press(w.officer, &button(&out.replies, &t(ZH, "modes-op-receive")))
            .await;
        has(
            &out,
            &tr(ZH, "modes-ask-document", Args::new().str("number", &number)),
        );
        let out = w.text(w.officer, name).await;
        has(
            &out,
            &tr(
                ZH,
                "modes-received",
                Args::new().str("number", &number).str("name", name),
            ),
        );
    }
    let refusal = |names: &[&str]| {
        tr(
            ZH,
            "modes-resolve-documents-out",
            Args::new()
                .num("count", names.len() as f64)
                .str("documents", names.join(&t(ZH, "modes-document-separator"))),
        )
    };

    // The card's 🏁 says which documents are out, and asks for no answer.
    let card = w.cmd(w.officer, "case", &number).await;
    has(
        &card,
        &tr(
            ZH,
            "modes-card-document-out",
            Args::new()
                .str("name", "营业执照副本原件")
                .str("received", "11-27")
                .str("receiver", "李科长"),
        ),
    );
    let out = w
        .press(w.officer, &button(&card.replies, &t(ZH, "bot-op-resolve")))
        .await;
    assert_eq!(answer(&out), t(ZH, "modes-resolve-blocked"));
    has(&out, &refusal(&["营业执照副本原件", "土地使用权证原件"]));
    // The chat is not waiting for an answer: the text resolves nothing.
    w.text(w.officer, "已办结").await;
    assert_eq!(w.case(&number).await.1, "accepted");

    // The ledger itself refuses, whatever the chat does.
    let mut conn = w.pool().acquire().await.unwrap();
    let officer = zhuqi::store::people::by_id(&mut conn, w.officer.id)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let refused = cases::act(
        &mut conn,
        id,
        &officer,
        &Action::Resolve {
            answer: "已办结".into(),
        },
        Utc::now(),
    )
    .await;
    assert!(matches!(refused, Err(CaseError::Mode(_))), "{refused:?}");
    drop(conn);

    // One back: still refused, naming the other.
    let out = menu(&w, w.officer, &number).await;
    let label = tr(
        ZH,
        "modes-op-return",
        Args::new().str("name", "营业执照副本原件"),
    );
    w.press(w.officer, &button(&out.replies, &label)).await;
    let card = w.cmd(w.officer, "case", &number).await;
    let out = w
        .press(w.officer, &button(&card.replies, &t(ZH, "bot-op-resolve")))
        .await;
    has(&out, &refusal(&["土地使用权证原件"]));

    // Both back: resolved.
    let out = menu(&w, w.officer, &number).await;
    let label = tr(
        ZH,
        "modes-op-return",
        Args::new().str("name", "土地使用权证原件"),
    );
    let out = w.press(w.officer, &button(&out.replies, &label)).await;
    assert_eq!(
        answer(&out),
        tr(
            ZH,
            "modes-returned",
            Args::new()
                .str("number", &number)
                .str("name", "土地使用权证原件")
        )
    );
    let card = w.cmd(w.officer, "case", &number).await;
    w.press(w.officer, &button(&card.replies, &t(ZH, "bot-op-resolve")))
        .await;
    w.text(w.officer, "已代办完成并退还全部材料").await;
    assert_eq!(w.case(&number).await.1, "resolved");
    assert_eq!(events(&w, id, "document_received").await.len(), 2);
    assert_eq!(events(&w, id, "document_returned").await.len(), 2);
}

#[tokio::test]
async fn old_mode_buttons_pressed_twice_do_nothing_more() {
    let w = World::new().await;
    let (number, id) = held(&w).await;
    let out = menu(&w, w.officer, &number).await;
    let help = button(&out.replies, &mode("help"));
    w.press(w.officer, &help).await;
    let again = w.press(w.officer, &help).await;
    assert_eq!(answer(&again), t(ZH, "bot-button-used"));
    assert_eq!(events(&w, id, "service_mode_set").await.len(), 1);

    let out = menu(&w, w.officer, &number).await;
    w.press(w.officer, &button(&out.replies, &mode("handle")))
        .await;
    let out = menu(&w, w.officer, &number).await;
    w.press(w.officer, &button(&out.replies, &t(ZH, "modes-op-receive")))
        .await;
    w.text(w.officer, "营业执照副本原件").await;
    let out = menu(&w, w.officer, &number).await;
    let give_back = button(
        &out.replies,
        &tr(
            ZH,
            "modes-op-return",
            Args::new().str("name", "营业执照副本原件"),
        ),
    );
    // The same document offered on two menus: the second press finds it returned.
    let out2 = menu(&w, w.officer, &number).await;
    let give_back2 = button(
        &out2.replies,
        &tr(
            ZH,
            "modes-op-return",
            Args::new().str("name", "营业执照副本原件"),
        ),
    );
    w.press(w.officer, &give_back).await;
    let again = w.press(w.officer, &give_back).await;
    assert_eq!(answer(&again), t(ZH, "bot-button-used"));
    let other = w.press(w.officer, &give_back2).await;
    assert_eq!(answer(&other), t(ZH, "modes-already-returned"));
    assert_eq!(events(&w, id, "document_returned").await.len(), 1);

    // A 📥 from the 代办 menu, pressed after the case became 帮办, asks for nothing.
    let receive = button(&out2.replies, &t(ZH, "modes-op-receive"));
    let out = menu(&w, w.officer, &number).await;
    w.press(w.officer, &button(&out.replies, &mode("help")))
        .await;
    let late = w.press(w.officer, &receive).await;
    assert_eq!(
        answer(&late),
        tr(
            ZH,
            "modes-not-in-mode",
            Args::new().str("mode", mode("handle"))
        )
    );
    w.text(w.officer, "土地使用权证原件").await;
    let received: i64 =
        sqlx::query_scalar("select count(*) from case_documents where case_id = $1")
            .bind(id)
            .fetch_one(w.pool())
            .await
            .unwrap();
    assert_eq!(received, 1);
}

#[tokio::test]
async fn the_summary_counts_cases_by_service_mode() {
    let w = World::new().await;
    let mut made = Vec::new();
    for _ in 0..4 {
        made.push(held(&w).await);
    }
    let mut conn = w.pool().acquire().await.unwrap();
    let officer = zhuqi::store::people::by_id(&mut conn, w.officer.id)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let at = w.start + Duration::minutes(600);
    let plan = [
        (
            made[0].1,
            ModeChange::Set {
                mode: Some(ServiceMode::Help),
            },
        ),
        (
            made[1].1,
            ModeChange::Set {
                mode: Some(ServiceMode::Help),
            },
        ),
        (
            made[2].1,
            ModeChange::Set {
                mode: Some(ServiceMode::Handle),
            },
        ),
        (
            made[2].1,
            ModeChange::DocumentReceived {
                name: "营业执照副本原件".into(),
            },
        ),
        (
            made[3].1,
            ModeChange::Set {
                mode: Some(ServiceMode::Accompany),
            },
        ),
    ];
    for (id, change) in plan {
        cases::act(&mut conn, id, &officer, &Action::Mode(change), at)
            .await
            .unwrap();
    }
    let summary = reports::summary_for(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::ThisWeek,
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            &Settings::default(),
            &Settings::default().calendar().unwrap(),
        ),
        Filter::default(),
    )
    .await
    .unwrap();
    assert_eq!(
        summary.by_mode,
        reports::ModeCounts {
            help: 2,
            accompany: 1,
            handle: 1,
            documents_out: 1,
        }
    );
    let text = reports::render_summary(ZH, &summary);
    assert!(
        text.contains(&tr(
            ZH,
            "modes-summary-line",
            Args::new()
                .num("help", 2)
                .num("accompany", 1)
                .num("handle", 1)
        )),
        "{text}"
    );
    // The weekly summaries state it too.
    let weekly = zhuqi::scheduler::render::weekly_figures(ZH, &summary);
    assert!(
        weekly.ends_with(&summary.by_mode.line(ZH).unwrap()),
        "{weekly}"
    );
    drop(conn);
    let out = w.cmd(w.leader, "summary", "").await;
    has(
        &out,
        &tr(ZH, "modes-summary-documents-out", Args::new().num("out", 1)),
    );
}

#[tokio::test]
async fn a_document_s_name_is_shown_as_typed_on_its_return_button() {
    let w = World::new().await;
    let (number, _) = held(&w).await;
    let out = menu(&w, w.officer, &number).await;
    w.press(w.officer, &button(&out.replies, &mode("handle")))
        .await;
    let out = menu(&w, w.officer, &number).await;
    w.press(w.officer, &button(&out.replies, &t(ZH, "modes-op-receive")))
        .await;
    w.text(w.officer, "合同&附件<1>").await;
    let out = menu(&w, w.officer, &number).await;
    let escaped = tr(
        ZH,
        "modes-op-return",
        Args::new().str("name", "合同&附件<1>"),
    );
    let raw = zhuqi::i18n::html_to_text(&escaped);
    assert_ne!(raw, escaped);
    let labels: Vec<&str> = out
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().flatten())
        .map(|b| b.label.as_str())
        .collect();
    assert!(labels.contains(&raw.as_str()), "{labels:?}");
}
