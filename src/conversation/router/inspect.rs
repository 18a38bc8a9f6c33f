//! The 督查 inputs, routed to their flows: recording an inspection (`inspect`), and its
//! rectification items, `/inspections` and the inspection report (`rectify`).

use super::super::engine::EngineError;
use super::super::inspect_state::{InspectOp, InspectWait};
use super::super::turn::Turn;
use super::super::{inspect, rectify};
use crate::domain::commands::Command;

/// `/inspect`, `/inspections`, `/inspections report [period]`.
pub(super) async fn command(
    turn: &mut Turn<'_>,
    command: Command,
    args: &str,
) -> Result<(), EngineError> {
    let args = args.trim();
    match command {
        Command::Inspect => inspect::start(turn).await,
        _ => match args.strip_prefix("report") {
            Some(period) => rectify::report(turn, period).await,
            None if args.is_empty() => rectify::list(turn).await,
            None => {
                turn.say("inspections-usage");
                Ok(())
            }
        },
    }
}

pub(super) async fn press(turn: &mut Turn<'_>, op: InspectOp) -> Result<(), EngineError> {
    match op {
        InspectOp::Kind { .. }
        | InspectOp::Follows { .. }
        | InspectOp::Day { .. }
        | InspectOp::Save { .. }
        | InspectOp::Cancel { .. } => inspect::press_draft(turn, op).await,
        InspectOp::Show { inspection_id } => inspect::show(turn, inspection_id).await,
        InspectOp::Rectify { finding_id } => rectify::pick_unit(turn, finding_id).await,
        InspectOp::Unit {
            finding_id,
            department_id,
        } => rectify::pick_due(turn, finding_id, department_id).await,
        InspectOp::Due {
            finding_id,
            department_id,
            days,
        } => rectify::create(turn, finding_id, department_id, days).await,
        InspectOp::Rect { rect_id, op } => rectify::press_rect(turn, rect_id, op).await,
    }
}

pub(super) async fn text(
    turn: &mut Turn<'_>,
    wait: InspectWait,
    raw: &str,
) -> Result<(), EngineError> {
    match wait {
        InspectWait::Draft { draft } => inspect::text(turn, draft, raw).await,
        InspectWait::Rect { rect_id, op } => rectify::text(turn, rect_id, op, raw).await,
    }
}
