//! What a chat remembers between messages (stored as JSON in its `conversations` row, so a
//! restart resumes where the person was), and what each button does (stored behind the
//! button's token in `callback_tokens`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Category, Difficulty, Satisfaction};
use crate::store::attachments::FileRef;

/// Where a chat is in its dialogue.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum State {
    /// Waiting for a command; a cadre's plain text starts a report.
    #[default]
    Idle,
    /// A cadre is reporting a problem.
    Report(ReportDraft),
    /// The bot asked for a piece of text (a reason, a note, a date).
    Awaiting { pending: Pending },
}

impl State {
    /// Reads a stored state; anything unreadable (an older version, a hand edit) is idle.
    pub fn from_json(value: &serde_json::Value) -> State {
        serde_json::from_value(value.clone()).unwrap_or_default()
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_else(|_| serde_json::json!({}))
    }
}

/// A report being put together.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReportDraft {
    pub stage: ReportStage,
    pub enterprise_id: Option<i64>,
    pub description: Option<String>,
    #[serde(default)]
    pub files: Vec<FileRef>,
    pub category: Option<Category>,
    pub difficulty: Option<Difficulty>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStage {
    #[default]
    Enterprise,
    Describe,
    Category,
    Difficulty,
    Confirm,
}

/// The text the bot is waiting for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// A note about a case, for the purpose given.
    CaseText { case_id: i64, purpose: TextPurpose },
    /// A deadline typed by the dispatcher for this dispatch plan.
    Deadline { plan: Plan },
    /// The optional note of a visit to this enterprise.
    VisitNote { enterprise_id: i64 },
}

/// What a typed note about a case is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextPurpose {
    RequestInfo,
    SupplyInfo,
    Return,
    Progress,
    Resolve,
    Note,
    Milestone,
    Unsatisfied,
    Supervise,
}

/// A dispatch proposal: where a case would go, to whom, by when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub case_id: i64,
    pub department_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub deadline: NaiveDate,
}

/// What a button does. Stored server-side behind an opaque token; checked again on press.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "press", rename_all = "snake_case")]
pub enum Press {
    Lang { locale: String },
    Report { op: ReportOp },
    Case { case_id: i64, op: CaseOp },
    Dispatch { plan: Plan, op: DispatchOp },
    Visit { enterprise_id: i64, op: VisitOp },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ReportOp {
    Enterprise { enterprise_id: i64 },
    Category { category: Category },
    AllCategories,
    Difficulty { difficulty: Difficulty },
    Submit,
    Cancel,
}

/// Something to do with a case from its card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum CaseOp {
    Show,
    History,
    Accept,
    Return,
    Progress,
    Milestone,
    Resolve,
    Note,
    SupplyInfo,
    RequestInfo,
    Confirm { satisfaction: Satisfaction },
    Supervise,
    SuperviseNow,
    Dispatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum DispatchOp {
    Confirm,
    PickDepartment,
    SetDepartment { department_id: i64 },
    PickPerson,
    SetPerson { person_id: Option<i64> },
    PickDeadline,
    SetDeadline { deadline: NaiveDate },
    TypeDeadline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum VisitOp {
    Pick,
    ZeroReport,
    WithNote,
    WithoutNote,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_survive_a_round_trip_through_json() {
        let states = [
            State::Idle,
            State::Report(ReportDraft {
                stage: ReportStage::Category,
                enterprise_id: Some(3),
                description: Some("路面破损".into()),
                files: vec![],
                category: Some(Category::Transport),
                difficulty: None,
            }),
            State::Awaiting {
                pending: Pending::CaseText {
                    case_id: 7,
                    purpose: TextPurpose::Return,
                },
            },
        ];
        for s in states {
            assert_eq!(State::from_json(&s.to_json()), s);
        }
        assert_eq!(State::from_json(&serde_json::json!({})), State::Idle);
        assert_eq!(
            State::from_json(&serde_json::json!({"step": "gone"})),
            State::Idle
        );
    }
}
