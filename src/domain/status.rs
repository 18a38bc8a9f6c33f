//! Where a case stands and who acts on it: the status, the actor, the view of a case a
//! transition needs, and why an action is refused. Shared by the state machine (`case`) and
//! the corrections (`correction`), which both build on it.

use serde::{Deserialize, Serialize};

use super::role::Roles;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Reported,
    InfoRequested,
    Dispatched,
    Accepted,
    InProgress,
    Resolved,
    Closed,
    Returned,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 8] = [
        CaseStatus::Reported,
        CaseStatus::InfoRequested,
        CaseStatus::Dispatched,
        CaseStatus::Accepted,
        CaseStatus::InProgress,
        CaseStatus::Resolved,
        CaseStatus::Closed,
        CaseStatus::Returned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Reported => "reported",
            CaseStatus::InfoRequested => "info_requested",
            CaseStatus::Dispatched => "dispatched",
            CaseStatus::Accepted => "accepted",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Closed => "closed",
            CaseStatus::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|c| c.code() == s)
    }

    /// A department holds the case and its deadline runs.
    pub fn is_with_department(self) -> bool {
        matches!(
            self,
            CaseStatus::Dispatched | CaseStatus::Accepted | CaseStatus::InProgress
        )
    }

    /// The case waits for the dispatcher: new, with the cadre for detail, or returned.
    pub fn is_awaiting_dispatch(self) -> bool {
        matches!(
            self,
            CaseStatus::Reported | CaseStatus::InfoRequested | CaseStatus::Returned
        )
    }

    pub fn is_open(self) -> bool {
        self != CaseStatus::Closed
    }
}

/// Who is acting: enough to decide what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub person_id: i64,
    pub roles: Roles,
    pub department_id: Option<i64>,
    /// The township a township person (乡镇) follows.
    pub township_id: Option<i64>,
}

/// An actor for the domain's own tests.
#[cfg(test)]
pub(crate) fn test_actor(id: i64, roles: &[super::role::Role], department: Option<i64>) -> Actor {
    Actor {
        person_id: id,
        roles: Roles::new(roles.iter().copied()),
        department_id: department,
        township_id: None,
    }
}

/// What a transition needs to know of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    pub status: CaseStatus,
    /// The cadre paired with the case's enterprise.
    pub cadre_id: Option<i64>,
    pub department_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// Under a leader's supervision order (督办).
    pub supervised: bool,
    /// The township of the case's enterprise (its territorial owner, 以块为主).
    pub township_id: i64,
}

/// Why an action was refused. Each maps to a message the person sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the person's roles do not allow this action")]
    RoleNotAllowed,
    #[error("the case is outside the person's scope")]
    OutOfScope,
    #[error("the action is not possible while the case is {0:?}")]
    WrongStatus(CaseStatus),
    #[error("the action needs a note or reason")]
    NoteRequired,
}
