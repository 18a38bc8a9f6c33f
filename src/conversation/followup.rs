//! A cadre follows their enterprises' cases: `/my` lists the open ones; notes and detail the
//! dispatcher asked for; and, once a department has resolved a case, the enterprise's verdict.
//! (Visits and zero reports are `visit`'s.)
//!
//! ```text
//! 王建国:  /my
//! bot:     您联系企业的未办结事项（1）：
//!          · ZZ-2026-0001 · 已办理待确认 · 秦岭猕猴桃合作社 · 厂区门前道路破损…
//!          [ZZ-2026-0001]
//! 王建国:  (presses ZZ-2026-0001)
//! bot:     📋 ZZ-2026-0001 … 答复：道路已修复   [满意] [基本满意] [不满意] [补充说明]
//! 王建国:  (presses 不满意)
//! bot:     请写明企业不满意的原因，事项将退回部门重新办理。
//! 王建国:  只修了一半，雨天仍积水
//! bot:     已记录“不满意”，ZZ-2026-0001 已重新交部门办理，部门会收到原因。
//! ```

use super::act::{Done, Shown, act_and_tell, finish_typed};
use super::engine::EngineError;
use super::listing;
use super::notify::{Audience, Buttons, Notice};
use super::state::State;
use super::turn::Turn;
use crate::domain::{Action, NoticeKind, Role, Satisfaction};
use crate::i18n::Args;
use crate::store::cases;
use crate::store::queues;

/// `/my`: the open cases of the cadre's enterprises.
pub(crate) async fn my(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !turn.person.roles.has(Role::Cadre) {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    let listing = queues::of_cadre(turn.conn, turn.person.id).await?;
    listing::list(turn, listing, ("bot-my-title", Args::new()), "bot-my-empty").await
}

/// The enterprise's verdict on a resolution; "unsatisfied" comes with its reason and sends the
/// case back to the department, whose head hears of it too.
pub(crate) async fn confirm(
    turn: &mut Turn<'_>,
    case_id: i64,
    satisfaction: Satisfaction,
    reason: Option<String>,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let verdict = turn.t(&format!("satisfaction-{}", satisfaction.code()));
    let mut deadline = None;
    let verdict_notices = if satisfaction == Satisfaction::Unsatisfied {
        // A reopened case gets a new deadline by its difficulty, from today; the dispatchers
        // hear of it with the card, whose deadline button adjusts it.
        deadline = cases::by_id(turn.conn, case_id)
            .await?
            .and_then(|c| c.difficulty())
            .map(|d| {
                let days = turn.engine.settings.limits.days_for(d);
                turn.engine.calendar.add_working_days(turn.today(), days)
            });
        let new_deadline = deadline
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        vec![
            Notice::new(
                &[Audience::Handlers, Audience::Head],
                NoticeKind::CaseReopened,
                "bot-notify-reopened",
            )
            .arg("reason", reason.clone().unwrap_or_default())
            .buttons(Buttons::Card),
            Notice::new(
                &[Audience::Dispatchers],
                NoticeKind::CaseReopened,
                "casework-notify-reopened-dispatcher",
            )
            .arg("reason", reason.clone().unwrap_or_default())
            .arg("deadline", new_deadline)
            .buttons(Buttons::Card),
        ]
    } else {
        vec![
            Notice::new(
                &[Audience::Handlers, Audience::Township],
                NoticeKind::CaseClosed,
                "bot-notify-closed",
            )
            .arg("satisfaction", verdict.clone()),
        ]
    };
    let key = if satisfaction == Satisfaction::Unsatisfied {
        "bot-reopened"
    } else {
        "bot-closed"
    };
    let action = Action::Confirm {
        satisfaction,
        note: reason,
        deadline,
    };
    let done = Done::new(key, Shown::MessageAndAnswer).arg("satisfaction", verdict);
    act_and_tell(turn, case_id, &action, &verdict_notices, done).await?;
    Ok(())
}

/// The cadre answers the dispatcher's request for detail; the case goes back to dispatch.
pub(crate) async fn supply_info(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Dispatchers],
        NoticeKind::CaseInfoSupplied,
        "bot-notify-info-supplied",
    )
    .arg("note", note.clone())
    .buttons(Buttons::Dispatch);
    let action = Action::SupplyInfo { note };
    finish_typed(turn, case_id, action, notice, "bot-info-supplied").await
}

/// A note for the record; whoever handles the case hears of a note from anyone outside the
/// department while the department holds it.
pub(crate) async fn note(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let before = cases::by_id(turn.conn, case_id).await?;
    let tell = before.is_some_and(|case| {
        let from_department =
            turn.person.department_id.is_some() && turn.person.department_id == case.department_id;
        case.status().is_with_department() && !from_department
    });
    let notices = if tell {
        vec![
            Notice::new(
                &[Audience::Handlers],
                NoticeKind::CaseNote,
                "bot-notify-note",
            )
            .arg("note", note.clone()),
        ]
    } else {
        vec![]
    };
    let action = Action::Note { note };
    let done = Done::new("bot-note-saved", Shown::Message);
    act_and_tell(turn, case_id, &action, &notices, done).await?;
    Ok(())
}
