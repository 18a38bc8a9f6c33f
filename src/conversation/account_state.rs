//! What the buttons of 问责 (measures) and 总结推广 (typical cases) do, and the text they wait
//! for (stored behind the button's token and in the chat's state, like the rest of `state`).

use serde::{Deserialize, Serialize};

use crate::domain::accountability::Measure;

/// A measure's or a typical case's button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum AccountOp {
    /// Show a proposed measure with its decision buttons.
    Open { measure_id: i64 },
    /// Confirm the measure as this one (a change when it is not the one proposed).
    Confirm { measure_id: i64, measure: Measure },
    /// Dismiss it: the reason is asked next.
    Dismiss { measure_id: i64 },
    /// Mark a closed case as a typical case (典型案例): the note is asked next.
    MarkCase { case_id: i64 },
}

impl AccountOp {
    /// Whether pressing records something (a decision): such a button works once.
    pub fn records(&self) -> bool {
        matches!(self, AccountOp::Confirm { .. })
    }
}

/// The text a measure or a typical case waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ask", rename_all = "snake_case")]
pub enum AccountText {
    /// Why the measure is dismissed.
    DismissReason { measure_id: i64 },
    /// The short note of a typical case.
    TypicalNote { case_id: i64 },
}
