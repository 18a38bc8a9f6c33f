//! What the projects' buttons do and what text the progress report waits for (stored behind
//! the button's token and in the chat's state, like the rest of `state`).

use serde::{Deserialize, Serialize};

use crate::domain::project::{Amount, Stage};

/// A projects button: the cadre's monthly progress report (月报), or the board's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ProjectOp {
    /// Start this project's progress report: the stage reached is asked first.
    Report { project_id: i64 },
    /// The stage reached (none: not signed yet, unchanged); next the investment is asked.
    Stage {
        project_id: i64,
        stage: Option<Stage>,
    },
    /// No problems to report: the report is filed.
    NoProblems {
        project_id: i64,
        stage: Option<Stage>,
        invested: Amount,
    },
    /// One problem of a filed report becomes a case (the report flow, with the project unit
    /// and the problem filled in).
    Raise { report_id: i64, index: u16 },
    /// The board: projects not reported this month, by cadre (催报).
    Unreported,
}

impl ProjectOp {
    /// Whether pressing records something (a report filed): such a button works once.
    pub fn records(&self) -> bool {
        matches!(self, ProjectOp::NoProblems { .. })
    }

    /// Whether the button belongs to the board (leaders and the campaign office) rather than
    /// to a cadre's progress report.
    pub fn on_board(&self) -> bool {
        matches!(self, ProjectOp::Unreported)
    }
}

/// The text a progress report waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ask", rename_all = "snake_case")]
pub enum ProjectText {
    /// The investment completed this month, in 万元.
    Invested { stage: Option<Stage> },
    /// The problems holding the project back, one a line.
    Problems {
        stage: Option<Stage>,
        invested: Amount,
    },
}
