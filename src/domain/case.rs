//! The case state machine. Each action is checked against who is acting and where the case
//! stands, and yields the event to record — or a typed refusal.
//!
//! ```text
//! reported ──dispatch──▶ dispatched ──accept(签收)──▶ accepted ──progress──▶ in_progress
//!    │  ▲                   │  │                         │                      │
//!    │  └─supply_info─ info_requested                    └──────resolve─────────┤
//!    └─request_info──▶      │  └──return(退回)──▶ returned ──dispatch──▶ …       ▼
//!                           └────────────return────────────────────────────── resolved
//! resolved ──confirm satisfied / basically satisfied──▶ closed
//! resolved ──confirm unsatisfied (reopen)──▶ in_progress
//! ```
//! Overdue is never stored: it is derived from the deadline and the date (see `is_overdue`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::correction::Correction;
use super::role::Role;
use super::service_mode::ModeChange;
pub use super::status::{Actor, CaseStatus, CaseView, TransitionError};

/// 满意度: the enterprise's answer when the cadre confirms a resolution with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] = [
        Satisfaction::Satisfied,
        Satisfaction::BasicallySatisfied,
        Satisfaction::Unsatisfied,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::BasicallySatisfied => "basically_satisfied",
            Satisfaction::Unsatisfied => "unsatisfied",
        }
    }

    pub fn parse(s: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|c| c.code() == s)
    }
}

/// A case number people can say on the phone: `PREFIX-YEAR-NNNN`, e.g. `ZZ-2026-0042`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CaseNumber(String);

impl CaseNumber {
    /// Accepts what people type: any case, surrounding spaces, full-width digits and dashes.
    pub fn parse(input: &str) -> Option<CaseNumber> {
        let normalized: String = input
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '－' | '—' | '–' | '_' => '-',
                c => c.to_ascii_uppercase(),
            })
            .collect();
        let mut parts = normalized.split('-');
        let (prefix, year, seq) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || prefix.is_empty()
            || prefix.len() > 8
            || !prefix.chars().all(|c| c.is_ascii_uppercase())
            || year.len() != 4
            || !year.chars().all(|c| c.is_ascii_digit())
            || seq.is_empty()
            || seq.len() > 8
            || !seq.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let seq: u32 = seq.parse().ok()?;
        Some(CaseNumber(format!("{prefix}-{year}-{seq:04}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Something a person does to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The dispatcher asks the cadre for more detail.
    RequestInfo { note: String },
    /// The cadre answers a request for detail.
    SupplyInfo { note: String },
    /// The dispatcher sends the case to a department and person, with a deadline.
    Dispatch {
        department_id: i64,
        assignee_id: Option<i64>,
        deadline: NaiveDate,
    },
    /// 签收: the department signs for the case.
    Accept,
    /// 退回: the department returns the case for re-dispatch.
    Return { reason: String },
    /// The department reports progress.
    Progress { note: String },
    /// The department resolves the case with its answer to the enterprise.
    Resolve { answer: String },
    /// The cadre confirms the resolution with the enterprise. An unsatisfied enterprise reopens
    /// the case; `deadline` is then its new deadline (none keeps the old one).
    Confirm {
        satisfaction: Satisfaction,
        note: Option<String>,
        deadline: Option<NaiveDate>,
    },
    /// 督办: a leader's supervision order.
    Supervise { note: Option<String> },
    /// A note for the record that moves nothing (cadre, department, leaders).
    Note { note: String },
    /// 路线图: a dated milestone.
    AddMilestone { title: String, due_on: NaiveDate },
    /// The campaign office gives a case its department holds to another of its officers (the
    /// one it was with lost access). The status and deadline stay.
    Reassign { assignee_id: i64, note: String },
    /// A correction: reclassify, the deadline (extension, adjustment), roadmap steps.
    Correct(Correction),
    /// A service mode (帮办 / 陪办 / 代办) set, or what it records.
    Mode(ModeChange),
}

impl Action {
    /// The event kind recorded in the process record.
    pub fn event_kind(&self) -> &'static str {
        match self {
            Action::RequestInfo { .. } => "info_requested",
            Action::SupplyInfo { .. } => "info_supplied",
            Action::Dispatch { .. } => "dispatched",
            Action::Accept => "accepted",
            Action::Return { .. } => "returned",
            Action::Progress { .. } => "progress",
            Action::Resolve { .. } => "resolved",
            Action::Confirm {
                satisfaction: Satisfaction::Unsatisfied,
                ..
            } => "reopened",
            Action::Confirm { .. } => "closed",
            Action::Supervise { .. } => "supervised",
            Action::Note { .. } => "note",
            Action::AddMilestone { .. } => "milestone_added",
            Action::Reassign { .. } => "reassigned",
            Action::Correct(c) => c.event_kind(),
            Action::Mode(m) => m.event_kind(),
        }
    }
}

/// The outcome of an allowed action: the status after it and the event to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: CaseStatus,
    pub to: CaseStatus,
    pub event_kind: &'static str,
    pub note: Option<String>,
}

/// Roles and scope: may this person see this case at all?
pub fn can_see(actor: &Actor, case: &CaseView) -> bool {
    actor.roles.sees_everything()
        || is_cadre_of(actor, case)
        || is_department_of(actor, case)
        || is_township_of(actor, case)
}

/// A township person (乡镇), for a case of an enterprise in their township: they read it and
/// may add notes, nothing more.
fn is_township_of(actor: &Actor, case: &CaseView) -> bool {
    actor.roles.has(Role::Township) && actor.township_id == Some(case.township_id)
}

/// May this person report a problem for an enterprise paired with `cadre_id`?
pub fn may_report(actor: &Actor, enterprise_cadre_id: Option<i64>) -> Result<(), TransitionError> {
    if actor.roles.has(Role::Dispatcher) || actor.roles.has(Role::Admin) {
        return Ok(());
    }
    if !actor.roles.has(Role::Cadre) {
        return Err(TransitionError::RoleNotAllowed);
    }
    if enterprise_cadre_id != Some(actor.person_id) {
        return Err(TransitionError::OutOfScope);
    }
    Ok(())
}

fn is_cadre_of(actor: &Actor, case: &CaseView) -> bool {
    actor.roles.has(Role::Cadre) && case.cadre_id == Some(actor.person_id)
}

/// A department's officer, for a case the department holds or has handled. A case waiting
/// for dispatch (new, with the cadre for detail, or returned) belongs to no department: the
/// one that returned it keeps it in its reports but cannot open it or act on it until it is
/// dispatched there again.
fn is_department_of(actor: &Actor, case: &CaseView) -> bool {
    actor.roles.has(Role::Officer)
        && actor.department_id.is_some()
        && actor.department_id == case.department_id
        && !case.status.is_awaiting_dispatch()
}

fn require(role_ok: bool, scope_ok: bool) -> Result<(), TransitionError> {
    match (role_ok, scope_ok) {
        (false, _) => Err(TransitionError::RoleNotAllowed),
        (true, false) => Err(TransitionError::OutOfScope),
        (true, true) => Ok(()),
    }
}

pub(crate) fn non_empty(note: &str) -> Result<String, TransitionError> {
    let t = note.trim();
    if t.is_empty() {
        Err(TransitionError::NoteRequired)
    } else {
        Ok(t.to_string())
    }
}

/// Checks an action against the actor and the case and returns the transition to record.
pub fn apply(
    actor: &Actor,
    case: &CaseView,
    action: &Action,
) -> Result<Transition, TransitionError> {
    use CaseStatus::*;
    let from = case.status;
    let dispatcher = actor.roles.has(Role::Dispatcher) || actor.roles.has(Role::Admin);
    let officer_role = actor.roles.has(Role::Officer);
    let cadre_role = actor.roles.has(Role::Cadre);
    let status_ok = |allowed: &[CaseStatus]| {
        if allowed.contains(&from) {
            Ok(())
        } else {
            Err(TransitionError::WrongStatus(from))
        }
    };
    let (to, note) = match action {
        Action::RequestInfo { note } => {
            require(dispatcher, true)?;
            status_ok(&[Reported, Returned])?;
            (InfoRequested, Some(non_empty(note)?))
        }
        Action::SupplyInfo { note } => {
            require(
                cadre_role || dispatcher,
                dispatcher || is_cadre_of(actor, case),
            )?;
            status_ok(&[InfoRequested])?;
            (Reported, Some(non_empty(note)?))
        }
        Action::Dispatch { .. } => {
            require(dispatcher, true)?;
            status_ok(&[Reported, Returned, Dispatched])?;
            (Dispatched, None)
        }
        Action::Accept => {
            require(officer_role, is_department_of(actor, case))?;
            status_ok(&[Dispatched])?;
            (Accepted, None)
        }
        Action::Return { reason } => {
            require(officer_role, is_department_of(actor, case))?;
            status_ok(&[Dispatched, Accepted])?;
            (Returned, Some(non_empty(reason)?))
        }
        Action::Progress { note } => {
            require(officer_role, is_department_of(actor, case))?;
            status_ok(&[Accepted, InProgress])?;
            (InProgress, Some(non_empty(note)?))
        }
        Action::Resolve { answer } => {
            require(officer_role, is_department_of(actor, case))?;
            status_ok(&[Accepted, InProgress])?;
            (Resolved, Some(non_empty(answer)?))
        }
        Action::Confirm {
            satisfaction, note, ..
        } => {
            require(cadre_role, is_cadre_of(actor, case))?;
            status_ok(&[Resolved])?;
            match satisfaction {
                Satisfaction::Unsatisfied => {
                    let reason = non_empty(note.as_deref().unwrap_or(""))?;
                    (InProgress, Some(reason))
                }
                _ => (
                    Closed,
                    note.as_deref()
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_string),
                ),
            }
        }
        Action::Supervise { note } => {
            require(actor.roles.has(Role::Leader), true)?;
            if !from.is_open() {
                return Err(TransitionError::WrongStatus(from));
            }
            (
                from,
                note.as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
            )
        }
        Action::Note { note } => {
            let role_ok = cadre_role
                || officer_role
                || actor.roles.has(Role::Township)
                || actor.roles.sees_everything();
            let scope_ok = can_see(actor, case);
            require(role_ok, scope_ok)?;
            if !from.is_open() {
                return Err(TransitionError::WrongStatus(from));
            }
            (from, Some(non_empty(note)?))
        }
        Action::Reassign { note, .. } => {
            require(dispatcher, true)?;
            status_ok(&[Dispatched, Accepted, InProgress, Resolved])?;
            (from, Some(non_empty(note)?))
        }
        Action::AddMilestone { title, .. } => {
            require(
                officer_role || dispatcher,
                dispatcher || is_department_of(actor, case),
            )?;
            status_ok(&[Dispatched, Accepted, InProgress])?;
            (from, Some(non_empty(title)?))
        }
        Action::Correct(c) => (from, super::correction::check(actor, case, c)?),
        Action::Mode(m) => (from, super::service_mode::check(actor, case, m)?),
    };
    Ok(Transition {
        from,
        to,
        event_kind: action.event_kind(),
        note,
    })
}

/// A case is overdue when a department holds it and today is past its deadline.
pub fn is_overdue(status: CaseStatus, deadline: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_with_department() && deadline.is_some_and(|d| today > d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Roles;

    #[test]
    fn case_numbers_are_normalized() {
        assert_eq!(
            CaseNumber::parse(" zz-2026-42 ").unwrap().as_str(),
            "ZZ-2026-0042"
        );
        assert_eq!(
            CaseNumber::parse("ZZ－２０２６－０００７")
                .unwrap()
                .as_str(),
            "ZZ-2026-0007"
        );
        assert!(CaseNumber::parse("ZZ-26-1").is_none());
        assert!(CaseNumber::parse("hello").is_none());
        assert!(CaseNumber::parse("ZZ-2026-").is_none());
    }

    #[test]
    fn a_department_cannot_open_or_act_on_a_case_it_returned_until_it_is_dispatched_again() {
        let officer = Actor {
            person_id: 1,
            roles: Roles::new([Role::Officer]),
            department_id: Some(5),
            township_id: None,
        };
        let mut case = CaseView {
            status: CaseStatus::Returned,
            cadre_id: Some(2),
            department_id: Some(5),
            assignee_id: Some(1),
            supervised: false,
            township_id: 1,
        };
        assert!(!can_see(&officer, &case));
        assert_eq!(
            apply(&officer, &case, &Action::Accept),
            Err(TransitionError::OutOfScope)
        );
        case.status = CaseStatus::Dispatched;
        assert!(can_see(&officer, &case));
        assert!(apply(&officer, &case, &Action::Accept).is_ok());
    }
}
