//! The router's part for service modes (帮办 / 陪办 / 代办): each button and each awaited text
//! to the flow, on the case as it is now.

use super::super::card;
use super::super::engine::EngineError;
use super::super::mode_state::{ModeOp, ModeText};
use super::super::modes;
use super::super::state::{Seen, State};
use super::super::turn::Turn;
use super::case::pressed_case;

/// A service-mode button, unless the case is out of sight or the button out of date.
pub(super) async fn press(
    turn: &mut Turn<'_>,
    case_id: i64,
    op: ModeOp,
    seen: Option<Seen>,
) -> Result<(), EngineError> {
    match pressed_case(turn, case_id, seen).await? {
        Some(case) => modes::press(turn, &case, op).await,
        None => Ok(()),
    }
}

/// The text a service-mode step waited for.
pub(super) async fn text(
    turn: &mut Turn<'_>,
    case_id: i64,
    what: ModeText,
    raw: &str,
) -> Result<(), EngineError> {
    let Some(case) = card::visible(turn, case_id).await? else {
        turn.state = State::Idle;
        turn.say("bot-case-not-found");
        return Ok(());
    };
    modes::typed(turn, &case, what, raw).await
}
