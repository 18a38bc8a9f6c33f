//! Corrections of a case after it was reported, each a step of the state machine recorded in the
//! process record with who and why: reclassifying (category, difficulty), the deadline
//! (extension 延期 asked and decided, a dispatcher's adjustment), and roadmap steps (路线图).
//! None of them moves the case's status.
//!
//! ```text
//! dispatcher ──reclassify (reason; the deadline follows only when told)──▶ any open case
//! officer    ──request_extension (date, reason)──▶ held case ──▶ dispatcher (a leader when 督办)
//!                                                  ──decide_extension approve / refuse──▶ deadline
//! dispatcher ──set_deadline──▶ held case (for instance after a reopen)
//! officer, dispatcher ──step done / changed / removed──▶ held case
//! dispatcher ──link to an approval item──▶ a case not yet resolved; officer ──▶ held case
//! ```

use chrono::NaiveDate;

use super::approval::PlannedStep;
use super::category::{Category, Difficulty};
use super::role::Role;
use super::status::{Actor, CaseStatus, CaseView, TransitionError};

/// A correction of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// The dispatcher changes the category and difficulty; `deadline` is the new deadline when
    /// the dispatcher chose to let it follow the new difficulty, `None` to keep it.
    Reclassify {
        category: Category,
        difficulty: Difficulty,
        deadline: Option<NaiveDate>,
        reason: String,
    },
    /// The responsible officer asks for a later deadline.
    RequestExtension { until: NaiveDate, reason: String },
    /// The dispatcher (a leader for a supervised case) decides a waiting request.
    DecideExtension {
        request_id: i64,
        approve: bool,
        note: Option<String>,
    },
    /// The dispatcher sets the deadline of a case a department holds.
    SetDeadline {
        deadline: NaiveDate,
        reason: Option<String>,
    },
    /// A roadmap step is done.
    StepDone { milestone_id: i64 },
    /// A roadmap step gets a new date and text.
    StepChange {
        milestone_id: i64,
        title: String,
        due_on: NaiveDate,
    },
    /// A roadmap step is removed (it stays in the record, and reminds no more).
    StepRemove { milestone_id: i64 },
    /// The case concerns an approval item (审批事项): its steps, planned from the catalogue,
    /// become the roadmap (replacing the open steps of an item linked before) and its section
    /// the case's section.
    LinkItem {
        item_id: i64,
        section_id: Option<i64>,
        steps: Vec<PlannedStep>,
    },
}

impl Correction {
    /// The event kind recorded in the process record.
    pub fn event_kind(&self) -> &'static str {
        match self {
            Correction::Reclassify { .. } => "reclassified",
            Correction::RequestExtension { .. } => "extension_requested",
            Correction::DecideExtension { approve: true, .. } => "extension_approved",
            Correction::DecideExtension { approve: false, .. } => "extension_refused",
            Correction::SetDeadline { .. } => "deadline_changed",
            Correction::StepDone { .. } => "milestone_done",
            Correction::StepChange { .. } => "milestone_changed",
            Correction::StepRemove { .. } => "milestone_removed",
            Correction::LinkItem { .. } => "item_linked",
        }
    }
}

fn trimmed(note: Option<&str>) -> Option<String> {
    note.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

fn required(note: &str) -> Result<String, TransitionError> {
    trimmed(Some(note)).ok_or(TransitionError::NoteRequired)
}

/// Checks a correction against the actor and the case; gives the note to record.
pub fn check(
    actor: &Actor,
    case: &CaseView,
    correction: &Correction,
) -> Result<Option<String>, TransitionError> {
    use CaseStatus::*;
    let from = case.status;
    let dispatcher = actor.roles.has(Role::Dispatcher) || actor.roles.has(Role::Admin);
    let department = actor.roles.has(Role::Officer)
        && actor.department_id.is_some()
        && actor.department_id == case.department_id
        && !from.is_awaiting_dispatch();
    let role = |ok: bool, scope: bool| match (ok, scope) {
        (false, _) => Err(TransitionError::RoleNotAllowed),
        (true, false) => Err(TransitionError::OutOfScope),
        (true, true) => Ok(()),
    };
    let held = || {
        if from.is_with_department() {
            Ok(())
        } else {
            Err(TransitionError::WrongStatus(from))
        }
    };
    match correction {
        Correction::Reclassify { reason, .. } => {
            role(dispatcher, true)?;
            if from == Closed {
                return Err(TransitionError::WrongStatus(from));
            }
            Ok(Some(required(reason)?))
        }
        Correction::RequestExtension { reason, .. } => {
            role(actor.roles.has(Role::Officer), department)?;
            held()?;
            Ok(Some(required(reason)?))
        }
        Correction::DecideExtension { note, .. } => {
            if case.supervised {
                role(actor.roles.has(Role::Leader), true)?;
            } else {
                role(dispatcher, true)?;
            }
            held()?;
            Ok(trimmed(note.as_deref()))
        }
        Correction::SetDeadline { reason, .. } => {
            role(dispatcher, true)?;
            held()?;
            Ok(trimmed(reason.as_deref()))
        }
        Correction::StepDone { .. } | Correction::StepRemove { .. } => {
            role(
                actor.roles.has(Role::Officer) || dispatcher,
                dispatcher || department,
            )?;
            held()?;
            Ok(None)
        }
        Correction::LinkItem { .. } => {
            role(
                actor.roles.has(Role::Officer) || dispatcher,
                dispatcher || department,
            )?;
            if from.is_with_department() || (dispatcher && from.is_awaiting_dispatch()) {
                Ok(None)
            } else {
                Err(TransitionError::WrongStatus(from))
            }
        }
        Correction::StepChange { title, .. } => {
            role(
                actor.roles.has(Role::Officer) || dispatcher,
                dispatcher || department,
            )?;
            held()?;
            Ok(Some(required(title)?))
        }
    }
}

/// Who decides a case's extension requests: a leader when the case is supervised (督办),
/// else the dispatchers.
pub fn extension_decider(supervised: bool) -> Role {
    if supervised {
        Role::Leader
    } else {
        Role::Dispatcher
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::status::test_actor as actor;

    fn case(status: CaseStatus, supervised: bool) -> CaseView {
        CaseView {
            status,
            cadre_id: Some(1),
            department_id: Some(10),
            assignee_id: Some(2),
            supervised,
            township_id: 1,
        }
    }

    #[test]
    fn a_supervised_case_s_extension_is_a_leader_s_to_decide() {
        let decide = Correction::DecideExtension {
            request_id: 1,
            approve: true,
            note: None,
        };
        let dispatcher = actor(3, &[Role::Dispatcher], None);
        let leader = actor(4, &[Role::Leader], None);
        let held = CaseStatus::InProgress;
        assert!(check(&dispatcher, &case(held, false), &decide).is_ok());
        assert_eq!(
            check(&dispatcher, &case(held, true), &decide),
            Err(TransitionError::RoleNotAllowed)
        );
        assert!(check(&leader, &case(held, true), &decide).is_ok());
    }

    #[test]
    fn only_the_department_asks_for_an_extension_and_with_a_reason() {
        let ask = |reason: &str| Correction::RequestExtension {
            until: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            reason: reason.into(),
        };
        let officer = actor(2, &[Role::Officer], Some(10));
        let other = actor(5, &[Role::Officer], Some(11));
        let c = case(CaseStatus::Accepted, false);
        assert!(check(&officer, &c, &ask("材料未齐")).is_ok());
        assert_eq!(
            check(&officer, &c, &ask("  ")),
            Err(TransitionError::NoteRequired)
        );
        assert_eq!(
            check(&other, &c, &ask("x")),
            Err(TransitionError::OutOfScope)
        );
        assert_eq!(
            check(&officer, &case(CaseStatus::Resolved, false), &ask("x")),
            Err(TransitionError::WrongStatus(CaseStatus::Resolved))
        );
    }
}
