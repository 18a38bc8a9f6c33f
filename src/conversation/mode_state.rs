//! What the service-mode buttons (帮办 / 陪办 / 代办) do and what typed text they wait for:
//! part of the chat's state (`state::Press::Mode`, `state::Pending::Mode`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::ServiceMode;

/// A button of the service-mode menu of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ModeOp {
    /// Marks the case with this mode, or (`None`) takes the mode off.
    Set { mode: Option<ServiceMode> },
    /// 陪办: which day? (then the place is asked for)
    Accompany,
    /// 陪办: the day chosen.
    AccompanyOn { date: NaiveDate },
    /// 代办: a document received; its name is asked for.
    Receive,
    /// 代办: the document given back to the enterprise.
    Return { document_id: i64 },
}

impl ModeOp {
    /// Whether pressing records something (and so works once).
    pub fn records(self) -> bool {
        matches!(self, ModeOp::Set { .. } | ModeOp::Return { .. })
    }
}

/// The text a service-mode step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode_text", rename_all = "snake_case")]
pub enum ModeText {
    /// The day the officer accompanied the enterprise, typed.
    AccompanyDay,
    /// The place they went to on `on`.
    AccompanyPlace { on: NaiveDate },
    /// The name of a document received from the enterprise.
    DocumentName,
}
