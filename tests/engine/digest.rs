//! The scan digest's button: a leader's digest of many red cards pages through every escalated
//! case in their scope, worst first; a department head sees their departments only; the token
//! works for the person it was made for and nobody else.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::*;
use zhuqi::domain::{Action, Difficulty};
use zhuqi::store::{self, cases::NewCase};

/// Reports a case for E1 on `when` and dispatches it to department `department` with `deadline`;
/// returns its number.
async fn dispatched(
    w: &World,
    department: i64,
    when: DateTime<Utc>,
    deadline: NaiveDate,
) -> String {
    let mut conn = w.pool().acquire().await.unwrap();
    let cadre = world::actor(w.pool(), w.cadre.id).await;
    let dispatcher = world::actor(w.pool(), w.dispatcher.id).await;
    let case = store::cases::report(
        &mut conn,
        "ZZ",
        &cadre,
        &NewCase {
            enterprise_id: w.e1,
            category: Category::Transport,
            difficulty: Difficulty::Moderate,
            description: "道路施工影响货车进出".into(),
        },
        when,
        2026,
    )
    .await
    .unwrap();
    store::cases::act(
        &mut conn,
        case.id,
        &dispatcher,
        &Action::Dispatch {
            department_id: department,
            assignee_id: None,
            deadline,
        },
        when,
    )
    .await
    .unwrap();
    case.number
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The labels of the buttons on the first reply, row by row flattened.
fn labels(out: &Outcome) -> Vec<String> {
    out.replies[0]
        .buttons
        .iter()
        .flatten()
        .map(|b| b.label.clone())
        .collect()
}

#[tokio::test]
async fn a_leaders_digest_of_many_red_cards_pages_through_them_worst_first() {
    let w = World::new().await;
    let finance: i64 = sqlx::query_scalar("select id from departments where code = 'D2'")
        .fetch_one(w.pool())
        .await
        .unwrap();
    let reported = w.start - Duration::days(60);
    // Thirteen red cards for the transport bureau, made latest deadline first so that the
    // worst-first order is the list's doing; one red card for the finance office; two yellow
    // cards (overdue by a few working days) for the transport bureau.
    let mut red = vec![];
    for i in (0..13).rev() {
        let deadline = day("2026-10-01") + Duration::days(i);
        red.push(dispatched(&w, w.transport_dept, reported, deadline).await);
    }
    red.reverse();
    let finance_red = dispatched(&w, finance, reported, day("2026-10-20")).await;
    let yellow_late = dispatched(&w, w.transport_dept, reported, day("2026-11-25")).await;
    let yellow_early = dispatched(&w, w.transport_dept, reported, day("2026-11-24")).await;
    let mut leader_order: Vec<String> = red.clone();
    leader_order.insert(13, finance_red.clone());
    leader_order.extend([yellow_early.clone(), yellow_late.clone()]);

    let scheduler = test_scheduler(w.pool(), "digest");
    scheduler.run_due(w.start).await.unwrap();

    let digests = w.outbox(w.leader, "scan_digest").await;
    assert_eq!(digests.len(), 1, "one digest for the leader");
    let browse = button(&digests, &t(ZH, "sched-digest-browse"));

    // A cadre who somehow holds the leader's token is refused: the token is the leader's.
    let out = w.press(w.cadre, &browse).await;
    assert!(out.replies.is_empty());
    assert_eq!(out.callback_answer, Some(t(ZH, "bot-button-not-yours")));

    let first = w.press(w.leader, &browse).await;
    assert_eq!(first.replies.len(), 1);
    assert_eq!(first.replies[0].edit_message_id, None, "a new message");
    let title = tr(
        ZH,
        "bot-escalated-title",
        Args::new()
            .num("red", 14.0)
            .num("yellow", 2.0)
            .num("page", 1.0)
            .num("pages", 2.0),
    );
    has(&first, &title);
    let mut expected: Vec<String> = leader_order[..10].to_vec();
    expected.push(t(ZH, "bot-escalated-next"));
    assert_eq!(labels(&first), expected);
    let text = &first.replies[0].text;
    let positions: Vec<usize> = leader_order[..10]
        .iter()
        .map(|n| text.find(n.as_str()).expect("the case is listed"))
        .collect();
    assert!(positions.is_sorted(), "lines are worst first: {text}");

    let next = w
        .press(
            w.leader,
            &button(&first.replies, &t(ZH, "bot-escalated-next")),
        )
        .await;
    assert_eq!(next.replies.len(), 1);
    assert!(
        next.replies[0].edit_message_id.is_some(),
        "the page is edited"
    );
    let mut expected: Vec<String> = leader_order[10..].to_vec();
    expected.push(t(ZH, "bot-escalated-previous"));
    assert_eq!(labels(&next), expected);

    // Each line opens the case card.
    let card = w
        .press(w.leader, &button(&next.replies, &yellow_late))
        .await;
    has(&card, &yellow_late);

    // The transport bureau's head sees their department's escalations only.
    let heads = w.outbox(w.head, "scan_digest").await;
    let out = w
        .press(w.head, &button(&heads, &t(ZH, "sched-digest-browse")))
        .await;
    let head_title = tr(
        ZH,
        "bot-escalated-title",
        Args::new()
            .num("red", 13.0)
            .num("yellow", 2.0)
            .num("page", 1.0)
            .num("pages", 2.0),
    );
    has(&out, &head_title);
    assert!(!labels(&out).contains(&finance_red));
}
