//! The router's part for the buttons of a case's card: each checked against the case as it
//! is now (who may press it, and whether it was made for an earlier state of the case), then
//! handed to the flow that owns it.

use super::super::access::check;
use super::super::card::{self, History, status_label};
use super::super::engine::EngineError;
use super::super::state::{CaseOp, Fix, Press, Seen, TextPurpose};
use super::super::turn::Turn;
use super::super::{
    department, dispatch, extension, files, followup, item_link, leader, modes, prompt, reclassify,
    roadmap,
};
use super::fix;
use crate::domain::{Satisfaction, TransitionError};
use crate::i18n::Args;
use crate::store::cases::CaseRow;

/// The case a button is about, if this person may see it; otherwise the press is answered
/// "not found" and `None` comes back.
async fn visible_or_told(
    turn: &mut Turn<'_>,
    case_id: i64,
) -> Result<Option<CaseRow>, EngineError> {
    let case = card::visible(turn, case_id).await?;
    if case.is_none() {
        let text = turn.t("bot-case-not-found");
        turn.answer(text);
    }
    Ok(case)
}

/// The case a button is about, as it is now: `None` (the press answered) when this person no
/// longer sees it or the button was made for an earlier state of it.
pub(super) async fn pressed_case(
    turn: &mut Turn<'_>,
    case_id: i64,
    seen: Option<Seen>,
) -> Result<Option<CaseRow>, EngineError> {
    let Some(case) = visible_or_told(turn, case_id).await? else {
        return Ok(None);
    };
    if outdated(turn, &case, seen, false).await? {
        return Ok(None);
    }
    Ok(Some(case))
}

pub(super) async fn on_fix_press(
    turn: &mut Turn<'_>,
    case_id: i64,
    fix: Fix,
    seen: Option<Seen>,
) -> Result<(), EngineError> {
    match pressed_case(turn, case_id, seen).await? {
        Some(case) => fix::press(turn, &case, fix).await,
        None => Ok(()),
    }
}

/// The case a button is about, if any.
pub(super) fn case_of(press: &Press) -> Option<i64> {
    match press {
        Press::Case { case_id, .. } => Some(*case_id),
        Press::Dispatch { plan, .. } => Some(plan.case_id),
        Press::Fix { case_id, .. } | Press::Mode { case_id, .. } => Some(*case_id),
        _ => None,
    }
}

/// The case's card as it is now, if this person may see it.
pub(super) async fn show_current(turn: &mut Turn<'_>, case_id: i64) -> Result<(), EngineError> {
    if let Some(case) = card::visible(turn, case_id).await? {
        card::show(turn, &case, History::Latest(card::LATEST_EVENTS)).await?;
    }
    Ok(())
}

/// Whether a button was made for an earlier state of the case (before it was returned or
/// reopened; for a dispatch card, before any change of status). Such a press is answered
/// "out of date" with the current card, and never acted on.
pub(super) async fn outdated(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    seen: Option<Seen>,
    same_status: bool,
) -> Result<bool, EngineError> {
    let Some(seen) = seen else {
        return Ok(false);
    };
    if seen.still_applies(Seen::of(case), same_status) {
        return Ok(false);
    }
    let text = turn.tr("bot-card-outdated", Args::new().str("number", &case.number));
    turn.answer(text);
    card::show(turn, case, History::Latest(card::LATEST_EVENTS)).await?;
    Ok(true)
}

/// A card button: checked against the case as it is now (a button the case's status no longer
/// allows, then a card from an earlier round of the case), then acted on or asked about.
pub(super) async fn on_case_press(
    turn: &mut Turn<'_>,
    case_id: i64,
    op: CaseOp,
    seen: Option<Seen>,
) -> Result<(), EngineError> {
    let Some(case) = visible_or_told(turn, case_id).await? else {
        return Ok(());
    };
    let actor = turn.person.actor();
    // Showing needs no more than seeing (`card::visible`, which lets heads see their
    // departments' cases); every other button asks the state machine.
    let shows = matches!(op, CaseOp::Show | CaseOp::History);
    if !shows && let Err(e) = check(&actor, &case, op, turn.today()) {
        let text = match e {
            TransitionError::WrongStatus(s) => turn.tr(
                "bot-button-stale",
                Args::new()
                    .str("number", &case.number)
                    .str("status", status_label(turn.locale, s)),
            ),
            e => turn.refusal(&e),
        };
        turn.answer(text);
        return Ok(());
    }
    if outdated(turn, &case, seen, false).await? {
        return Ok(());
    }
    match op {
        CaseOp::Show => card::show(turn, &case, History::Latest(card::LATEST_EVENTS)).await,
        CaseOp::History => card::show(turn, &case, History::Full).await,
        CaseOp::Accept => department::accept(turn, &case).await,
        CaseOp::Confirm {
            satisfaction: Satisfaction::Unsatisfied,
        } => prompt::ask(turn, &case, TextPurpose::Unsatisfied).await,
        CaseOp::Confirm { satisfaction } => {
            followup::confirm(turn, case.id, satisfaction, None).await
        }
        CaseOp::SuperviseNow => leader::supervise(turn, case.id, None).await,
        CaseOp::Dispatch => dispatch::propose(turn, &case).await,
        CaseOp::Return => prompt::ask(turn, &case, TextPurpose::Return).await,
        CaseOp::Progress => prompt::ask(turn, &case, TextPurpose::Progress).await,
        CaseOp::Milestone => prompt::ask(turn, &case, TextPurpose::Milestone).await,
        CaseOp::Resolve => {
            if modes::resolution_blocked(turn, &case).await? {
                return Ok(());
            }
            prompt::ask(turn, &case, TextPurpose::Resolve).await
        }
        CaseOp::Note => prompt::ask(turn, &case, TextPurpose::Note).await,
        CaseOp::SupplyInfo => prompt::ask(turn, &case, TextPurpose::SupplyInfo).await,
        CaseOp::RequestInfo => prompt::ask(turn, &case, TextPurpose::RequestInfo).await,
        CaseOp::Supervise => prompt::ask(turn, &case, TextPurpose::Supervise).await,
        CaseOp::Reclassify => reclassify::press(turn, &case, None, None, None).await,
        CaseOp::Extend => extension::start(turn, &case).await,
        CaseOp::SetDeadline => reclassify::deadline_menu(turn, &case).await,
        CaseOp::Roadmap => roadmap::menu(turn, &case).await,
        CaseOp::Files => files::send(turn, &case).await,
        CaseOp::Item => item_link::menu(turn, &case).await,
        CaseOp::ServiceMode => modes::menu(turn, &case).await,
    }
}
