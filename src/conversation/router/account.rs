//! The router's part for 问责 (measures) and 总结推广 (typical cases): commands, buttons and
//! awaited texts to their flows.

use super::super::engine::EngineError;
use super::super::state::{AccountOp, AccountText};
use super::super::turn::Turn;
use super::super::{measures, typical};

pub(super) async fn measures(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    measures::command(turn).await
}

pub(super) async fn cases_of_note(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    typical::command(turn, args).await
}

pub(super) async fn press(turn: &mut Turn<'_>, op: AccountOp) -> Result<(), EngineError> {
    match op {
        AccountOp::MarkCase { case_id } => typical::press(turn, case_id).await,
        op => measures::press(turn, op).await,
    }
}

pub(super) async fn text(
    turn: &mut Turn<'_>,
    text: AccountText,
    raw: &str,
) -> Result<(), EngineError> {
    match text {
        AccountText::DismissReason { measure_id } => measures::reason(turn, measure_id, raw).await,
        AccountText::TypicalNote { case_id } => typical::note(turn, case_id, raw).await,
    }
}
