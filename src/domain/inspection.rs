//! 督查: the kinds of inspection, what an inspection looks at, and the state machine of a
//! rectification item (整改事项). A rectification runs like a case — the department signs for
//! it, works it and reports it fixed — but only its inspector closes it or sends it back.
//!
//! ```text
//! dispatched ──accept(签收)──▶ accepted ──progress──▶ in_progress ──resolve──▶ resolved
//! resolved ──confirm (inspector)──▶ closed
//! resolved ──reopen (inspector, with the reason)──▶ in_progress
//! ```

use serde::{Deserialize, Serialize};

use super::case::non_empty;
use super::role::{Role, Roles};
use super::status::{Actor, CaseStatus, TransitionError};

/// The prefix of a rectification item's number (整改, `ZG-2026-0001`).
pub const RECTIFICATION_PREFIX: &str = "ZG";

/// The rectification item `typed` names (`ZG-2026-1`, `zg-2026-0001`), if it names one rather
/// than a case. Never when the county's cases are numbered with the same prefix
/// (`case_prefix`): cases come first.
pub fn rectification_number(typed: &str, case_prefix: &str) -> Option<super::case::CaseNumber> {
    if case_prefix == RECTIFICATION_PREFIX {
        return None;
    }
    super::case::CaseNumber::parse(typed)
        .filter(|n| n.as_str().starts_with(&format!("{RECTIFICATION_PREFIX}-")))
}

/// 集中检查 / 明查暗访 / 跟踪督查.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    Centralized,
    Unannounced,
    FollowUp,
}

impl InspectionKind {
    pub const ALL: [InspectionKind; 3] = [
        InspectionKind::Centralized,
        InspectionKind::Unannounced,
        InspectionKind::FollowUp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            InspectionKind::Centralized => "centralized",
            InspectionKind::Unannounced => "unannounced",
            InspectionKind::FollowUp => "follow_up",
        }
    }

    pub fn parse(s: &str) -> Option<InspectionKind> {
        InspectionKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// What an inspection can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Department,
    Township,
    Cadre,
    Enterprise,
    Case,
}

impl TargetKind {
    pub const ALL: [TargetKind; 5] = [
        TargetKind::Department,
        TargetKind::Township,
        TargetKind::Cadre,
        TargetKind::Enterprise,
        TargetKind::Case,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TargetKind::Department => "department",
            TargetKind::Township => "township",
            TargetKind::Cadre => "cadre",
            TargetKind::Enterprise => "enterprise",
            TargetKind::Case => "case",
        }
    }

    pub fn parse(s: &str) -> Option<TargetKind> {
        TargetKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Who may record an inspection: the campaign office and the leaders (and the admin).
pub fn may_record(roles: &Roles) -> bool {
    roles.sees_everything()
}

/// Whether a reader sees who inspected: always, except for an unannounced visit (暗访), whose
/// inspector is shown only to the inspector and to those who see everything; everyone else
/// reads 督查组.
pub fn shows_inspector(kind: InspectionKind, viewer: &Actor, inspector_id: i64) -> bool {
    kind != InspectionKind::Unannounced
        || viewer.person_id == inspector_id
        || viewer.roles.sees_everything()
}

/// Something a person does to a rectification item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RectAction {
    /// 签收 by the responsible department.
    Accept,
    Progress {
        note: String,
    },
    /// The department reports it fixed.
    Resolve {
        answer: String,
    },
    /// The inspector confirms it is fixed.
    Confirm,
    /// The inspector finds it not fixed.
    Reopen {
        reason: String,
    },
}

impl RectAction {
    /// The event kind of the process record.
    pub fn event_kind(&self) -> &'static str {
        match self {
            RectAction::Accept => "accepted",
            RectAction::Progress { .. } => "progress",
            RectAction::Resolve { .. } => "resolved",
            RectAction::Confirm => "closed",
            RectAction::Reopen { .. } => "reopened",
        }
    }
}

/// What the state machine needs to know of a rectification item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RectView {
    pub status: CaseStatus,
    pub department_id: i64,
    pub inspector_id: i64,
}

/// May this person see the rectification item? Those who see everything, its inspector, and
/// the responsible department's officers and head (`heads`: the departments they head).
pub fn may_see_rect(actor: &Actor, heads: &[i64], r: &RectView) -> bool {
    actor.roles.sees_everything()
        || actor.person_id == r.inspector_id
        || is_department_of(actor, r)
        || heads.contains(&r.department_id)
}

fn is_department_of(actor: &Actor, r: &RectView) -> bool {
    actor.roles.has(Role::Officer) && actor.department_id == Some(r.department_id)
}

/// Checks an action against the actor and the item: the status after it and its note.
pub fn rect_apply(
    actor: &Actor,
    r: &RectView,
    action: &RectAction,
) -> Result<(CaseStatus, Option<String>), TransitionError> {
    use CaseStatus::*;
    let by_department = || {
        if !actor.roles.has(Role::Officer) {
            Err(TransitionError::RoleNotAllowed)
        } else if !is_department_of(actor, r) {
            Err(TransitionError::OutOfScope)
        } else {
            Ok(())
        }
    };
    let by_inspector = || {
        if actor.person_id == r.inspector_id {
            Ok(())
        } else {
            Err(TransitionError::RoleNotAllowed)
        }
    };
    let status = |allowed: &[CaseStatus]| {
        if allowed.contains(&r.status) {
            Ok(())
        } else {
            Err(TransitionError::WrongStatus(r.status))
        }
    };
    match action {
        RectAction::Accept => {
            by_department()?;
            status(&[Dispatched])?;
            Ok((Accepted, None))
        }
        RectAction::Progress { note } => {
            by_department()?;
            status(&[Accepted, InProgress])?;
            Ok((InProgress, Some(non_empty(note)?)))
        }
        RectAction::Resolve { answer } => {
            by_department()?;
            status(&[Accepted, InProgress])?;
            Ok((Resolved, Some(non_empty(answer)?)))
        }
        RectAction::Confirm => {
            by_inspector()?;
            status(&[Resolved])?;
            Ok((Closed, None))
        }
        RectAction::Reopen { reason } => {
            by_inspector()?;
            status(&[Resolved])?;
            Ok((InProgress, Some(non_empty(reason)?)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::status::test_actor as actor;

    #[test]
    fn a_zg_number_names_a_rectification_unless_the_county_numbers_its_cases_so() {
        for typed in ["ZG-2026-0001", "zg-2026-1", " ZG－2026－０００１ "] {
            let number = rectification_number(typed, "ZZ").expect(typed);
            assert_eq!(number.as_str(), "ZG-2026-0001");
        }
        for typed in ["ZZ-2026-0001", "42", "DC-2026-0001", "ZG", "hello"] {
            assert_eq!(rectification_number(typed, "ZZ"), None, "{typed}");
        }
        assert_eq!(rectification_number("ZG-2026-0001", "ZG"), None);
    }

    #[test]
    fn only_the_inspector_closes_a_rectification_the_department_resolved() {
        let r = RectView {
            status: CaseStatus::Resolved,
            department_id: 5,
            inspector_id: 9,
        };
        let officer = actor(1, &[Role::Officer], Some(5));
        let leader = actor(2, &[Role::Leader], None);
        let inspector = actor(9, &[Role::Dispatcher], None);
        assert_eq!(
            rect_apply(&officer, &r, &RectAction::Confirm),
            Err(TransitionError::RoleNotAllowed)
        );
        assert_eq!(
            rect_apply(&leader, &r, &RectAction::Confirm),
            Err(TransitionError::RoleNotAllowed)
        );
        assert_eq!(
            rect_apply(&inspector, &r, &RectAction::Confirm),
            Ok((CaseStatus::Closed, None))
        );
        assert_eq!(
            rect_apply(
                &inspector,
                &r,
                &RectAction::Reopen {
                    reason: "  ".into()
                }
            ),
            Err(TransitionError::NoteRequired)
        );
    }

    #[test]
    fn another_department_cannot_sign_for_a_rectification() {
        let r = RectView {
            status: CaseStatus::Dispatched,
            department_id: 5,
            inspector_id: 9,
        };
        assert_eq!(
            rect_apply(
                &actor(1, &[Role::Officer], Some(6)),
                &r,
                &RectAction::Accept
            ),
            Err(TransitionError::OutOfScope)
        );
        assert_eq!(
            rect_apply(
                &actor(1, &[Role::Officer], Some(5)),
                &r,
                &RectAction::Accept
            ),
            Ok((CaseStatus::Accepted, None))
        );
    }

    #[test]
    fn an_unannounced_visit_hides_its_inspector_from_the_inspected() {
        let officer = actor(1, &[Role::Officer], Some(5));
        assert!(!shows_inspector(InspectionKind::Unannounced, &officer, 9));
        assert!(shows_inspector(InspectionKind::Centralized, &officer, 9));
        assert!(shows_inspector(
            InspectionKind::Unannounced,
            &actor(9, &[Role::Dispatcher], None),
            9
        ));
    }
}
