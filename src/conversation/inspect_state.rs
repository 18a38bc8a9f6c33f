//! What the 督查 buttons do and what typed text they wait for: part of the chat's state
//! (`state::Press::Inspect`, `state::Pending::Inspect`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::inspection::InspectionKind;
use crate::store::inspections::Target;

/// An inspection being recorded: each step fills one field, in order (kind, the inspection
/// followed up, the day, the targets, the findings), then it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InspectDraft {
    /// Which draft (the instant it was started, in microseconds): its buttons name it, so a
    /// button of an abandoned draft never acts on a later one.
    pub id: i64,
    pub kind: Option<InspectionKind>,
    pub follows_id: Option<i64>,
    pub inspected_on: Option<NaiveDate>,
    pub targets: Vec<Target>,
    pub findings: Vec<String>,
}

/// What typed text the 督查 flows wait for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "wait", rename_all = "snake_case")]
pub enum InspectWait {
    /// The next field of a draft (the day, the targets or the findings).
    Draft { draft: InspectDraft },
    /// A note on a rectification item (progress, the department's answer, why it is not fixed).
    Rect { rect_id: i64, op: RectOp },
}

/// What can be done to a rectification item from its card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RectOp {
    Show,
    Accept,
    Progress,
    Resolve,
    Confirm,
    Reopen,
}

/// A 督查 button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "inspect", rename_all = "snake_case")]
pub enum InspectOp {
    Kind {
        draft: i64,
        kind: InspectionKind,
    },
    Follows {
        draft: i64,
        inspection_id: i64,
    },
    Day {
        draft: i64,
        date: NaiveDate,
    },
    Save {
        draft: i64,
    },
    Cancel {
        draft: i64,
    },
    /// An inspection's card.
    Show {
        inspection_id: i64,
    },
    /// A finding to become a rectification item: which department?
    Rectify {
        finding_id: i64,
    },
    /// … this one: which deadline?
    Unit {
        finding_id: i64,
        department_id: i64,
    },
    /// … due in this many working days: made.
    Due {
        finding_id: i64,
        department_id: i64,
        days: u32,
    },
    Rect {
        rect_id: i64,
        op: RectOp,
    },
}

impl InspectOp {
    /// Whether pressing records something (and so works once).
    pub fn records(self) -> bool {
        matches!(
            self,
            InspectOp::Save { .. }
                | InspectOp::Due { .. }
                | InspectOp::Rect {
                    op: RectOp::Accept | RectOp::Confirm,
                    ..
                }
        )
    }
}
