//! 问责 and 总结推广 in the engine: a measure two leaders look at is decided once; a dismissal
//! needs a reason; `/measures` with nothing waiting; a key project marked as a typical case by
//! its unit's code, and the command's refusals (no note, an unknown code, an open case); the
//! typical-case button only on a closed case's card, only for leaders, checked when pressed.

use super::projects::{Spec, project, unit};
use super::*;
use support::world::{Cast, case_in};
use zhuqi::domain::CaseStatus;
use zhuqi::store::measures::{self, NewMeasure};

/// A silence measure proposed for the world's first cadre; returns its id.
async fn proposed(w: &World) -> i64 {
    let since = NaiveDate::from_ymd_opt(2026, 9, 20).unwrap();
    let m = NewMeasure::silence(w.cadre.id, "王建国", None, since, 68);
    let mut conn = w.pool().acquire().await.unwrap();
    measures::propose(&mut conn, &m, 30, false, w.start)
        .await
        .unwrap()
        .expect("proposed")
}

/// The decision buttons of measure `id`, as `who` opens it from `/measures`.
async fn open(w: &World, who: Who, id: i64) -> Outcome {
    let list = w.cmd(who, "measures", "").await;
    let label = tr(
        ZH,
        "acc-open-button",
        Args::new().num("id", id as f64).str("subject", "王建国"),
    );
    w.press(who, &button(&list.replies, &label)).await
}

fn label(key: &str, measure: &str) -> String {
    tr(ZH, key, Args::new().str("measure", t(ZH, measure)))
}

#[tokio::test]
async fn a_measure_two_leaders_look_at_is_decided_once() {
    let w = World::new().await;
    let ids = County::new(w.pool()).leader("L2", "周副县长").build().await;
    let second = bind_account(w.pool(), ids.id("L2"), 1007).await;
    let id = proposed(&w).await;
    let first_card = open(&w, w.leader, id).await;
    let second_card = open(&w, second, id).await;
    let confirm = label("acc-confirm-button", "acc-measure-reminder-talk");

    let out = w
        .press(w.leader, &button(&first_card.replies, &confirm))
        .await;
    has(&out, &format!("已确认 #{id} 提醒谈话，已告知：王建国。"));
    // The other leader's buttons from before: told who decided, nothing decided again.
    let dismiss = t(ZH, "acc-dismiss-button");
    let out = w
        .press(second, &button(&second_card.replies, &dismiss))
        .await;
    has(&out, &format!("#{id} 已经决定过了：已由 刘县长"));
    let out = w
        .press(second, &button(&second_card.replies, &confirm))
        .await;
    has(&out, &format!("#{id} 已经决定过了"));
    assert_eq!(
        w.count("select count(*) from measure_events").await,
        2,
        "proposed and confirmed, once"
    );
    assert_eq!(w.outbox(w.cadre, "measure_confirmed").await.len(), 1);
    // Nothing waits any more.
    has(
        &w.cmd(w.leader, "measures", "").await,
        &t(ZH, "acc-none-pending"),
    );
}

#[tokio::test]
async fn a_dismissal_needs_a_reason_and_until_then_the_measure_waits() {
    let w = World::new().await;
    let id = proposed(&w).await;
    let card = open(&w, w.leader, id).await;
    w.press(
        w.leader,
        &button(&card.replies, &t(ZH, "acc-dismiss-button")),
    )
    .await;
    has(&w.text(w.leader, "   ").await, &t(ZH, "bot-text-empty"));
    w.cmd(w.leader, "cancel", "").await;
    let status = w
        .count("select count(*) from measures where status = 'proposed'")
        .await;
    assert_eq!(status, 1);
    // Changed to another measure instead: confirmed as changed.
    let card = open(&w, w.leader, id).await;
    let change = label("acc-change-button", "acc-measure-circular");
    let out = w.press(w.leader, &button(&card.replies, &change)).await;
    has(&out, &format!("已确认 #{id} 通报"));
    let told = w.outbox(w.cadre, "measure_confirmed").await;
    assert!(told[0].text.contains("通报"), "{:?}", told[0].text);
}

#[tokio::test]
async fn a_leader_marks_a_key_project_by_its_units_code_and_bad_marks_are_explained() {
    let w = World::new().await;
    let t1 = w.count("select id from townships where code = 'T1'").await;
    let u = unit(w.pool(), "P1", "马召镇物流园单位", t1, w.cadre.id).await;
    project(
        w.pool(),
        Spec {
            unit: u,
            name: "马召镇物流园项目",
            department: None,
            year_plan: 100,
            year_invested: 20,
            stage: None,
            planned: &[],
        },
    )
    .await;
    has(
        &w.cmd(w.leader, "cases_of_note", "P1").await,
        &t(ZH, "acc-typical-usage"),
    );
    has(
        &w.cmd(w.leader, "cases_of_note", "nope 很好").await,
        &tr(ZH, "acc-typical-unknown", Args::new().str("what", "nope")),
    );
    let note = "项目代办员全程帮办，提前开工";
    has(
        &w.cmd(w.leader, "cases_of_note", &format!("P1 {note}"))
            .await,
        &tr(
            ZH,
            "acc-typical-marked",
            Args::new().str("what", "马召镇物流园项目"),
        ),
    );
    has(
        &w.cmd(w.leader, "cases_of_note", "P1 again").await,
        &tr(
            ZH,
            "acc-typical-already",
            Args::new().str("what", "马召镇物流园项目"),
        ),
    );
    let list = w.cmd(w.cadre, "cases_of_note", "").await;
    has(
        &list,
        &format!("重点项目：马召镇物流园项目 · 马召镇物流园单位（马召镇）：{note}"),
    );
}

#[tokio::test]
async fn only_a_leader_sees_the_typical_case_button_and_only_on_a_closed_case() {
    let w = World::new().await;
    let cast = Cast {
        cadre: w.cadre.id,
        dispatcher: w.dispatcher.id,
        officer: w.officer.id,
        department: w.transport_dept,
    };
    let closed = case_in(w.pool(), cast, w.e1, CaseStatus::Closed).await;
    let open = case_in(w.pool(), cast, w.e1, CaseStatus::InProgress).await;
    let mark = t(ZH, "acc-typical-button");
    let labels = |out: &Outcome| -> Vec<String> {
        out.replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten())
            .map(|b| b.label.clone())
            .collect()
    };
    let leader_closed = w.cmd(w.leader, "case", &closed.number).await;
    assert!(labels(&leader_closed).contains(&mark));
    let leader_open = w.cmd(w.leader, "case", &open.number).await;
    assert!(!labels(&leader_open).contains(&mark));
    let cadre_closed = w.cmd(w.cadre, "case", &closed.number).await;
    assert!(!labels(&cadre_closed).contains(&mark));

    // The leader lost the role after the button was shown: refused, no note asked.
    sqlx::query("update people set roles = '{cadre}' where id = $1")
        .bind(w.leader.id)
        .execute(w.pool())
        .await
        .unwrap();
    let out = w
        .press(w.leader, &button(&leader_closed.replies, &mark))
        .await;
    has(&out, &t(ZH, "acc-typical-leaders-only"));
    assert_eq!(w.count("select count(*) from typical_cases").await, 0);
}
