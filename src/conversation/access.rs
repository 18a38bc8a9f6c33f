//! Permission probes: may this person see a case, or do what a card button stands for, now?
//! Asked of the case state machine with placeholder text, so the rule lives in one place.

use chrono::NaiveDate;

use super::state::CaseOp;
use super::turn::Turn;
use crate::domain::case::{apply, can_see};
use crate::domain::{
    Action, Actor, Category, Correction, Difficulty, ModeChange, Role, TransitionError,
};
use crate::store::cases::CaseRow;

/// The action a card button stands for, with placeholder text.
fn probe(op: CaseOp, today: NaiveDate) -> Option<Action> {
    let note = || "-".to_string();
    Some(match op {
        CaseOp::Show | CaseOp::History | CaseOp::Files => return None,
        CaseOp::Reclassify => Action::Correct(Correction::Reclassify {
            category: Category::Industry,
            difficulty: Difficulty::Simple,
            deadline: None,
            reason: note(),
        }),
        CaseOp::Extend => Action::Correct(Correction::RequestExtension {
            until: today,
            reason: note(),
        }),
        CaseOp::SetDeadline => Action::Correct(Correction::SetDeadline {
            deadline: today,
            reason: None,
        }),
        CaseOp::Roadmap => Action::Correct(Correction::StepDone { milestone_id: 0 }),
        CaseOp::Item => Action::Correct(Correction::LinkItem {
            item_id: 0,
            section_id: None,
            steps: vec![],
        }),
        CaseOp::ServiceMode => Action::Mode(ModeChange::Set { mode: None }),
        CaseOp::Accept => Action::Accept,
        CaseOp::Return => Action::Return { reason: note() },
        CaseOp::Progress => Action::Progress { note: note() },
        CaseOp::Milestone => Action::AddMilestone {
            title: note(),
            due_on: today,
        },
        CaseOp::Resolve => Action::Resolve { answer: note() },
        CaseOp::Note => Action::Note { note: note() },
        CaseOp::SupplyInfo => Action::SupplyInfo { note: note() },
        CaseOp::RequestInfo => Action::RequestInfo { note: note() },
        CaseOp::Confirm { satisfaction } => Action::Confirm {
            satisfaction,
            note: Some(note()),
            deadline: None,
        },
        CaseOp::Supervise | CaseOp::SuperviseNow => Action::Supervise { note: None },
        CaseOp::Dispatch => Action::Dispatch {
            department_id: 0,
            assignee_id: None,
            deadline: today,
        },
    })
}

/// May this viewer do `op` on the case now?
pub(crate) fn check(
    actor: &Actor,
    case: &CaseRow,
    op: CaseOp,
    today: NaiveDate,
) -> Result<(), TransitionError> {
    match probe(op, today) {
        None => {
            if can_see(actor, &case.view()) {
                Ok(())
            } else {
                Err(TransitionError::OutOfScope)
            }
        }
        Some(action) => apply(actor, &case.view(), &action).map(|_| ()),
    }
}

/// Whether this person may do `op` to the case now; if not, they are told why (on the button
/// they pressed, or as a message).
pub(crate) fn allowed(turn: &mut Turn<'_>, case: &CaseRow, op: CaseOp) -> bool {
    match check(&turn.person.actor(), case, op, turn.today()) {
        Ok(()) => true,
        Err(e) => {
            let text = turn.refusal(&e);
            turn.notice(text);
            false
        }
    }
}

/// May this viewer decide the case's extension requests now?
pub(crate) fn may_decide_extension(actor: &Actor, case: &CaseRow) -> Result<(), TransitionError> {
    let probe = Action::Correct(Correction::DecideExtension {
        request_id: 0,
        approve: true,
        note: None,
    });
    apply(actor, &case.view(), &probe).map(|_| ())
}

/// May this viewer see the case?
pub(crate) fn sees(actor: &Actor, case: &CaseRow) -> bool {
    can_see(actor, &case.view())
}

/// May the head (负责人) of `headed` departments see the case? Those their departments hold or
/// handled, once dispatched (as for the departments' officers).
pub(crate) fn heads_case(headed: &[i64], case: &CaseRow) -> bool {
    case.department_id.is_some_and(|d| headed.contains(&d)) && !case.status().is_awaiting_dispatch()
}

/// Whether a person holds a role that makes `/queue` and dispatch buttons theirs.
pub(crate) fn is_dispatcher(turn: &Turn<'_>) -> bool {
    turn.person.roles.has(Role::Dispatcher) || turn.person.roles.has(Role::Admin)
}
