//! The router's part for corrections of a case (reclassify, deadline, extension, roadmap
//! steps): each button and each awaited text to the flow that owns it.

use super::super::engine::EngineError;
use super::super::state::{Fix, FixText};
use super::super::turn::Turn;
use super::super::{extension, item_link, reclassify, roadmap};
use crate::store::cases::CaseRow;

/// A correction's button, on the case as it is now.
pub(super) async fn press(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    fix: Fix,
) -> Result<(), EngineError> {
    match fix {
        Fix::Reclassify {
            category,
            difficulty,
            follow,
        } => reclassify::press(turn, case, category, difficulty, follow).await,
        Fix::Deadline { deadline } => reclassify::deadline_press(turn, case, deadline).await,
        Fix::Extension { request_id, op } => extension::press(turn, case, request_id, op).await,
        Fix::Step { milestone_id, op } => roadmap::press(turn, case, milestone_id, op).await,
        Fix::Item { item_id } => item_link::link(turn, case, item_id).await,
        Fix::ItemSearch => {
            item_link::ask_words(turn, case);
            Ok(())
        }
    }
}

/// The text a correction waited for.
pub(super) async fn text(
    turn: &mut Turn<'_>,
    case_id: i64,
    fix: FixText,
    raw: &str,
) -> Result<(), EngineError> {
    match fix {
        FixText::ExtensionDate => return extension::typed_date(turn, case_id, raw).await,
        // A date where the reason was asked is the date changed, not a reason.
        FixText::ExtensionReason { .. } if extension::reads_as_date(turn, raw) => {
            return extension::typed_date(turn, case_id, raw).await;
        }
        FixText::Deadline => return reclassify::typed_deadline(turn, case_id, raw).await,
        FixText::ItemWords => {
            let Some(case) = super::super::card::visible(turn, case_id).await? else {
                turn.state = super::super::state::State::Idle;
                turn.say("bot-case-not-found");
                return Ok(());
            };
            return item_link::typed_words(turn, &case, raw).await;
        }
        _ => {}
    }
    let Some(note) = turn.take_text(raw) else {
        return Ok(());
    };
    match fix {
        FixText::ReclassifyReason {
            category,
            difficulty,
            deadline,
        } => reclassify::reclassify(turn, case_id, category, difficulty, deadline, note).await,
        FixText::ExtensionReason { until } => extension::request(turn, case_id, until, note).await,
        FixText::RefusalNote { request_id } => {
            extension::refusal_note(turn, case_id, request_id, note).await
        }
        FixText::Step { milestone_id } => {
            roadmap::typed_change(turn, case_id, milestone_id, &note).await
        }
        FixText::ExtensionDate | FixText::Deadline | FixText::ItemWords => Ok(()),
    }
}
