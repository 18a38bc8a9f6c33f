//! The campaign office hands over the work of someone who lost access, from the buttons of the
//! notice it got when they were deactivated: a case goes to another officer of its department
//! (an event in the case's process record), an enterprise is paired with another cadre (a note
//! in each of its open cases' records, and a line in the audit log).
//!
//! ```text
//! bot:     王建国（C1）已被停用……未结事项（1）：· ZZ-2026-0001 …  [转交 ZZ-2026-0001]
//! 活动办:  (presses 转交 ZZ-2026-0001)
//! bot:     ZZ-2026-0001 转交给县交通运输局的哪位责任人？  [李科长] [赵干事]
//! 活动办:  (presses 赵干事)
//! bot:     已将 ZZ-2026-0001 转交给 赵干事。
//! ```

use super::access::is_dispatcher;
use super::act::{Done, Shown, act_and_tell};
use super::engine::EngineError;
use super::notify::{Audience, Buttons, Notice};
use super::state::{Press, ReassignOp};
use super::turn::{ButtonSpec, Turn};
use crate::domain::{Action, NoticeKind};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::audit::{self, Source};
use crate::store::{cases, departments, enterprises, handover, people};

/// A button of the office's notice, or of the pick that follows it.
pub(crate) async fn press(turn: &mut Turn<'_>, op: ReassignOp) -> Result<(), EngineError> {
    if !is_dispatcher(turn) {
        let text = turn.t("bot-not-for-role");
        turn.answer(text);
        return Ok(());
    }
    match op {
        ReassignOp::PickOfficer { case_id, from } => pick_officer(turn, case_id, from).await,
        ReassignOp::ToOfficer { case_id, from, to } => to_officer(turn, case_id, from, to).await,
        ReassignOp::PickCadre {
            enterprise_id,
            from,
        } => pick_cadre(turn, enterprise_id, from).await,
        ReassignOp::ToCadre {
            enterprise_id,
            from,
            to,
        } => to_cadre(turn, enterprise_id, from, to).await,
    }
}

/// Says the case is no longer with the person who lost access (someone handled it already).
fn moved_on(turn: &mut Turn<'_>, number: &str) {
    let text = turn.tr(
        "access-reassign-moved-on",
        Args::new().str("number", number),
    );
    turn.notice(text);
}

async fn pick_officer(turn: &mut Turn<'_>, case_id: i64, from: i64) -> Result<(), EngineError> {
    let Some(case) = cases::by_id(turn.conn, case_id).await? else {
        let text = turn.t("bot-case-not-found");
        turn.answer(text);
        return Ok(());
    };
    let (Some(department_id), true) = (case.department_id, case.assignee_id == Some(from)) else {
        moved_on(turn, &case.number);
        return Ok(());
    };
    let officers: Vec<_> = departments::officers(turn.conn, department_id)
        .await?
        .into_iter()
        .filter(|o| o.id != from)
        .collect();
    let department = case.department_name.clone().unwrap_or_default();
    if officers.is_empty() {
        turn.say_args(
            "access-reassign-no-officer",
            Args::new()
                .str("number", &case.number)
                .str("department", &department),
        );
        return Ok(());
    }
    let rows: Vec<Vec<ButtonSpec>> = officers
        .chunks(2)
        .map(|chunk| {
            chunk
                .iter()
                .map(|o| {
                    (
                        o.name.clone(),
                        Press::Reassign {
                            op: ReassignOp::ToOfficer {
                                case_id,
                                from,
                                to: o.id,
                            },
                        },
                    )
                })
                .collect()
        })
        .collect();
    let text = turn.tr(
        "access-reassign-pick-officer",
        Args::new()
            .str("number", &case.number)
            .str("department", &department),
    );
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

async fn to_officer(
    turn: &mut Turn<'_>,
    case_id: i64,
    from: i64,
    to: i64,
) -> Result<(), EngineError> {
    let Some(case) = cases::by_id(turn.conn, case_id).await? else {
        let text = turn.t("bot-case-not-found");
        turn.answer(text);
        return Ok(());
    };
    if case.assignee_id != Some(from) {
        moved_on(turn, &case.number);
        return Ok(());
    }
    let officer = people::by_id(turn.conn, to).await?;
    let Some(officer) = officer.filter(|o| {
        o.active
            && o.department_id == case.department_id
            && o.roles.has(crate::domain::Role::Officer)
    }) else {
        let text = turn.t("access-reassign-not-officer");
        turn.notice(text);
        return Ok(());
    };
    let before = people::by_id(turn.conn, from)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let note = turn.tr(
        "access-reassign-case-note",
        Args::new().str("from", &before).str("to", &officer.name),
    );
    let action = Action::Reassign {
        assignee_id: officer.id,
        note,
    };
    let notice = Notice::new(
        &[Audience::Handlers],
        NoticeKind::CaseDispatched,
        "access-notify-reassigned",
    )
    .buttons(Buttons::Card);
    let done = Done::new("access-reassign-case-done", Shown::MessageAndAnswer)
        .arg("officer", officer.name.clone());
    act_and_tell(turn, case.id, &action, &[notice], done).await?;
    Ok(())
}

async fn pick_cadre(turn: &mut Turn<'_>, enterprise_id: i64, from: i64) -> Result<(), EngineError> {
    let Some(enterprise) = enterprises::by_id(turn.conn, enterprise_id).await? else {
        let text = turn.t("access-reassign-no-enterprise");
        turn.answer(text);
        return Ok(());
    };
    if enterprise.cadre_id != Some(from) {
        let text = turn.tr(
            "access-reassign-enterprise-moved-on",
            Args::new().str("enterprise", &enterprise.name),
        );
        turn.notice(text);
        return Ok(());
    }
    let cadres = handover::cadres(turn.conn, from).await?;
    if cadres.is_empty() {
        turn.say("access-reassign-no-cadre");
        return Ok(());
    }
    let rows: Vec<Vec<ButtonSpec>> = cadres
        .chunks(2)
        .map(|chunk| {
            chunk
                .iter()
                .map(|c| {
                    (
                        c.name.clone(),
                        Press::Reassign {
                            op: ReassignOp::ToCadre {
                                enterprise_id,
                                from,
                                to: c.id,
                            },
                        },
                    )
                })
                .collect()
        })
        .collect();
    let text = turn.tr(
        "access-reassign-pick-cadre",
        Args::new().str("enterprise", &enterprise.name),
    );
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

async fn to_cadre(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
    from: i64,
    to: i64,
) -> Result<(), EngineError> {
    let Some(enterprise) = enterprises::by_id(turn.conn, enterprise_id).await? else {
        let text = turn.t("access-reassign-no-enterprise");
        turn.answer(text);
        return Ok(());
    };
    let cadre = people::by_id(turn.conn, to).await?;
    let Some(cadre) = cadre.filter(|c| c.active && c.roles.has(crate::domain::Role::Cadre)) else {
        let text = turn.t("access-reassign-not-cadre");
        turn.notice(text);
        return Ok(());
    };
    // Changed only while still paired with `from`: a second office member may have paired it
    // meanwhile, or an old button be pressed again.
    if !handover::set_cadre(turn.conn, enterprise_id, from, cadre.id, turn.now).await? {
        let text = turn.tr(
            "access-reassign-enterprise-moved-on",
            Args::new().str("enterprise", &enterprise.name),
        );
        turn.notice(text);
        return Ok(());
    }
    let before = people::by_id(turn.conn, from).await?;
    let before_name = before.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let before_code = before.map(|p| p.code).unwrap_or_default();
    let detail = format!(
        "enterprise {} paired with person {} instead of {}",
        enterprise.id, cadre.code, before_code
    );
    let input = turn.input;
    let source = Source::Chat {
        person_id: turn.person.id,
        transport: input.transport.code(),
    };
    audit::record(
        turn.conn,
        source,
        "enterprise reassign",
        &enterprise.name,
        &detail,
        turn.now,
    )
    .await?;
    let note = turn.tr(
        "access-reassign-cadre-note",
        Args::new()
            .str("enterprise", &enterprise.name)
            .str("from", &before_name)
            .str("to", &cadre.name),
    );
    for case_id in handover::open_case_ids_of_enterprise(turn.conn, enterprise_id).await? {
        turn.act(case_id, &Action::Note { note: note.clone() })
            .await?;
    }
    let text = turn.tr(
        "access-reassign-enterprise-done",
        Args::new()
            .str("enterprise", &enterprise.name)
            .str("cadre", &cadre.name),
    );
    if turn.is_callback() {
        turn.answer(text.clone());
    }
    turn.push(Reply::text(text));
    Ok(())
}
