//! What a chat remembers between messages (stored as JSON in its `conversations` row, so a
//! restart resumes where the person was), and what each button does (stored behind the
//! button's token in `callback_tokens`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::account_state::{AccountOp, AccountText};
use super::inspect_state::{InspectOp, InspectWait};
use super::mode_state::{ModeOp, ModeText};
pub use super::people_state::{PeopleOp, ReassignOp, Revocation};
pub use super::project_state::{ProjectOp, ProjectText};
use crate::domain::{Category, Difficulty, Satisfaction};
use crate::reports::{DrillTarget, PeriodSpec};
use crate::store::attachments::FileRef;

pub use super::seen::Seen;

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
    /// Words typed long after the flow's last step, held while the person says whether they
    /// go on with that flow (see `held`).
    Held(Held),
}

/// Words held back from a flow (`earlier`) the chat left a while ago.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Held {
    /// The instant the words were held, in microseconds: the question's buttons name it.
    pub id: i64,
    pub earlier: Box<State>,
    pub text: String,
}

impl State {
    /// Reads a stored state. A new chat's empty row is idle; anything else that cannot be read
    /// (an older version, a hand edit) is an error, for the caller to log and tell the person.
    pub fn from_json(value: &serde_json::Value) -> Result<State, serde_json::Error> {
        match value {
            serde_json::Value::Null => Ok(State::Idle),
            serde_json::Value::Object(o) if o.is_empty() => Ok(State::Idle),
            _ => serde_json::from_value(value.clone()),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        // Every variant is plain data with string keys: serialising cannot fail.
        serde_json::to_value(self).unwrap_or_else(|_| serde_json::json!({}))
    }
}

/// A report being put together.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReportDraft {
    /// Which draft this is (the instant it was started, in microseconds): the report flow's
    /// buttons name it, so a button from an abandoned draft never acts on a later one.
    #[serde(default)]
    pub id: i64,
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
    /// The optional note of a visit to this enterprise, on this day (today when none).
    VisitNote {
        enterprise_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        visited_on: Option<NaiveDate>,
    },
    /// The day of a visit to this enterprise, typed (the buttons offer the last week).
    VisitDate {
        enterprise_id: i64,
        #[serde(rename = "visit")]
        kind: VisitKind,
    },
    /// Text a correction of a case needs (a reason, a date, a roadmap step).
    Fix { case_id: i64, text: FixText },
    /// A project's monthly progress report waits for the investment or the problems.
    Project { project_id: i64, text: ProjectText },
    /// Text a service mode step needs (a day, a place, a document's name).
    Mode { case_id: i64, text: ModeText },
    /// A measure's dismissal reason or a typical case's note.
    Account { text: AccountText },
    /// 督查: the next field of an inspection being recorded, or a rectification item's note.
    Inspect { wait: InspectWait },
}

/// What typed text a correction waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fix", rename_all = "snake_case")]
pub enum FixText {
    /// The reason for reclassifying, once category, difficulty and deadline are chosen.
    ReclassifyReason {
        category: Category,
        difficulty: Difficulty,
        deadline: Option<NaiveDate>,
    },
    /// The date an extension is asked for.
    ExtensionDate,
    /// The reason of an extension asked for until `until`.
    ExtensionReason { until: NaiveDate },
    /// The (optional) reason an extension request is refused.
    RefusalNote { request_id: i64 },
    /// A roadmap step's new date and text.
    Step { milestone_id: i64 },
    /// A deadline typed by the dispatcher.
    Deadline,
    /// Words to find the approval item the case concerns.
    ItemWords,
}

/// A correction's button: one choice of a reclassification, a new deadline (none: type one),
/// a decision on an extension request, a roadmap step's operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fix", rename_all = "snake_case")]
pub enum Fix {
    Reclassify {
        category: Option<Category>,
        difficulty: Option<Difficulty>,
        /// Whether the deadline follows the new difficulty (asked only of a case with one).
        follow: Option<bool>,
    },
    Deadline {
        deadline: Option<NaiveDate>,
    },
    Extension {
        request_id: i64,
        op: ExtensionOp,
    },
    Step {
        milestone_id: i64,
        op: StepOp,
    },
    /// The case concerns this approval item (审批事项): its steps become the roadmap; or find
    /// the item by typed words.
    Item {
        item_id: i64,
    },
    ItemSearch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionOp {
    Approve,
    /// Refuse, asking for a reason.
    Refuse,
    /// Refuse without a reason.
    RefuseNow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOp {
    Done,
    Change,
    Remove,
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

/// How long a button keeps working after it was sent.
pub const BUTTON_TTL_DAYS: i64 = 30;

/// What a button does. Stored server-side behind an opaque token; checked again on press.
/// `Summary` (a drill-down step or another period), `Chart` (that view's chart as a new photo)
/// and `Assess` (the table for a period) never carry a scope: it is worked out again from the
/// person pressing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "press", rename_all = "snake_case")]
pub enum Press {
    Lang {
        locale: String,
    },
    Report {
        op: ReportOp,
        /// The draft the button was made for (`ReportDraft::id`).
        #[serde(default)]
        draft: i64,
    },
    Case {
        case_id: i64,
        op: CaseOp,
        /// The case as the card showed it; none for a button that only opens the card.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<Seen>,
    },
    Dispatch {
        plan: Plan,
        op: DispatchOp,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<Seen>,
    },
    Visit {
        enterprise_id: i64,
        op: VisitOp,
    },
    Summary {
        target: DrillTarget,
    },
    Chart {
        target: DrillTarget,
    },
    Assess {
        period: PeriodSpec,
    },
    /// A page of the escalated (yellow and red) cases in the presser's scope: the scan
    /// digest's button, and the list's own previous/next buttons (`edit`: replace the message
    /// pressed on). The scope is worked out again from the person pressing.
    Escalated {
        page: u32,
        #[serde(default)]
        edit: bool,
    },
    /// `/people` for admins: a page of the roster, or taking someone's access away (asked,
    /// then confirmed by a second press).
    People {
        op: PeopleOp,
    },
    /// The campaign office hands over the work of someone who lost access.
    Reassign {
        op: ReassignOp,
    },
    /// A correction of a case (see `Fix`).
    Fix {
        case_id: i64,
        fix: Fix,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<Seen>,
    },
    /// 重点项目: a progress report's step, or the board's lists (see `ProjectOp`).
    Project {
        op: ProjectOp,
    },
    /// A page of `/items`: the approval items matching the words (replacing the list).
    Items {
        words: Vec<String>,
        page: u32,
    },
    /// One approval item in full.
    Item {
        item_id: i64,
    },
    /// A service mode's button (帮办 / 陪办 / 代办, see `ModeOp`).
    Mode {
        case_id: i64,
        op: ModeOp,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<Seen>,
    },
    /// 问责 and 总结推广: a measure's decision, marking a typical case (see `AccountOp`).
    Account {
        op: AccountOp,
    },
    /// 督查: recording an inspection, its findings' rectification items (see `InspectOp`).
    Inspect {
        op: InspectOp,
    },
    /// Whether held words go on with the earlier flow (`Held::id`).
    Held {
        go_on: bool,
        held: i64,
    },
}

impl Press {
    /// Whether pressing records something (a report, a dispatch, a sign-for, a verdict, a
    /// supervision order, a visit): such a button works once.
    pub fn records(&self) -> bool {
        match self {
            Press::Report { op, .. } => *op == ReportOp::Submit,
            Press::Dispatch { op, .. } => *op == DispatchOp::Confirm,
            Press::Visit { op, .. } => matches!(
                op,
                VisitOp::On {
                    kind: VisitKind::ZeroReport | VisitKind::WithoutNote,
                    ..
                }
            ),
            Press::Case { op, .. } => match op {
                CaseOp::Accept | CaseOp::SuperviseNow => true,
                CaseOp::Confirm { satisfaction } => *satisfaction != Satisfaction::Unsatisfied,
                _ => false,
            },
            Press::Fix { fix, .. } => match fix {
                Fix::Deadline { deadline } => deadline.is_some(),
                Fix::Extension { op, .. } => *op != ExtensionOp::Refuse,
                Fix::Step { op, .. } => *op != StepOp::Change,
                Fix::Reclassify { .. } | Fix::ItemSearch => false,
                Fix::Item { .. } => true,
            },
            Press::Mode { op, .. } => op.records(),
            Press::Account { op } => op.records(),
            Press::Inspect { op } => op.records(),
            Press::Lang { .. }
            | Press::Summary { .. }
            | Press::Chart { .. }
            | Press::Assess { .. }
            | Press::Escalated { .. }
            | Press::Items { .. }
            | Press::Item { .. }
            | Press::Held { .. } => false,
            Press::People { op } => matches!(op, PeopleOp::Confirm { .. }),
            Press::Project { op } => op.records(),
            Press::Reassign { op } => {
                matches!(
                    op,
                    ReassignOp::ToOfficer { .. } | ReassignOp::ToCadre { .. }
                )
            }
        }
    }
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
    Confirm {
        satisfaction: Satisfaction,
    },
    Supervise,
    SuperviseNow,
    Dispatch,
    /// The dispatcher changes category and difficulty.
    Reclassify,
    /// The department asks for a later deadline (延期).
    Extend,
    /// The dispatcher sets a new deadline.
    SetDeadline,
    /// The roadmap's steps: done, change, remove.
    Roadmap,
    /// The case's files, sent to the person asking.
    Files,
    /// The approval item (审批事项) the case concerns.
    Item,
    /// The service mode menu (帮办 / 陪办 / 代办).
    ServiceMode,
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
    /// The enterprise, for a visit whose day was typed after `/visit`.
    PickOn {
        date: NaiveDate,
    },
    /// What kind of visit: next comes the day it was.
    ZeroReport,
    WithNote,
    WithoutNote,
    /// The days of the last week to choose from.
    PickDate {
        kind: VisitKind,
    },
    /// The visit was on this day: recorded (or its note asked for).
    On {
        kind: VisitKind,
        date: NaiveDate,
    },
}

/// A visit as the cadre logs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// 零报告: visited, no problems.
    ZeroReport,
    WithNote,
    WithoutNote,
}

#[cfg(test)]
mod tests;
