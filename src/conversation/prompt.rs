//! Asking for the text a card action needs (a reason, a note, an answer, a roadmap step): the
//! chat waits for it, and the router hands it to the flow that acts.

use super::engine::EngineError;
use super::state::{CaseOp, Pending, Press, Seen, State, TextPurpose};
use super::text;
use super::turn::Turn;
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases::CaseRow;

fn purpose_key(purpose: TextPurpose) -> &'static str {
    match purpose {
        TextPurpose::RequestInfo => "bot-ask-request-info",
        TextPurpose::SupplyInfo => "bot-ask-supply-info",
        TextPurpose::Return => "bot-ask-return",
        TextPurpose::Progress => "bot-ask-progress",
        TextPurpose::Resolve => "bot-ask-resolve",
        TextPurpose::Note => "bot-ask-note",
        TextPurpose::Milestone => "bot-ask-milestone",
        TextPurpose::Unsatisfied => "bot-ask-unsatisfied",
        TextPurpose::Supervise => "bot-ask-supervise",
    }
}

/// Asks for the text an action needs and waits for it.
pub(crate) async fn ask(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    purpose: TextPurpose,
) -> Result<(), EngineError> {
    turn.state = State::Awaiting {
        pending: Pending::CaseText {
            case_id: case.id,
            purpose,
        },
    };
    let text = turn.tr(
        purpose_key(purpose),
        Args::new()
            .str("number", &case.number)
            .num("limit", text::MAX_TEXT_CHARS as f64),
    );
    let rows = if purpose == TextPurpose::Supervise {
        vec![vec![(
            turn.t("bot-op-supervise-now"),
            Press::Case {
                case_id: case.id,
                op: CaseOp::SuperviseNow,
                seen: Some(Seen::of(case)),
            },
        )]]
    } else {
        vec![]
    };
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}
