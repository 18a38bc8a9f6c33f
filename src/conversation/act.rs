//! The one way a flow changes a case: act on it through the ledger (`store::cases::act`), tell
//! the people it concerns (the outbox), and confirm to the person acting — all in the update's
//! transaction. A refused action is told to the actor and changes nothing.

use super::card::{self, History};
use super::engine::EngineError;
use super::notify::{self, Notice};
use super::state::State;
use super::turn::Turn;
use crate::domain::Action;
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases::CaseRow;

/// How the person acting is told it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// A message in the chat.
    Message,
    /// A message, and the same words as the button's answer when a button was pressed.
    MessageAndAnswer,
    /// The pressed menu replaced by the message.
    Menu,
    /// The button's answer, then the case's card as it is now.
    AnswerAndCard,
}

/// The confirmation: a locale key and its arguments. `number`, `department`, `person` (the
/// assignee, or the whole department) and `deadline` are always given, from the case as acted.
pub(crate) struct Done {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub shown: Shown,
}

impl Done {
    pub fn new(key: &'static str, shown: Shown) -> Done {
        Done {
            key,
            args: vec![],
            shown,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Done {
        self.args.push((name, value.into()));
        self
    }
}

/// Acts on the case, queues the notices, and confirms. Returns the case as acted, or `None`
/// when the action was refused (the actor has been told why).
pub(crate) async fn act_and_tell(
    turn: &mut Turn<'_>,
    case_id: i64,
    action: &Action,
    notices: &[Notice],
    done: Done,
) -> Result<Option<CaseRow>, EngineError> {
    let Some(acted) = turn.act(case_id, action).await? else {
        return Ok(None);
    };
    let case = acted.case;
    for notice in notices {
        notify::send(turn, &case, notice).await?;
    }
    let mut args = Args::new()
        .str("number", &case.number)
        .str(
            "department",
            case.department_name.clone().unwrap_or_default(),
        )
        .str(
            "person",
            case.assignee_name
                .clone()
                .unwrap_or_else(|| turn.t("bot-whole-department")),
        )
        .str(
            "deadline",
            case.deadline
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
    for (name, value) in done.args {
        args = args.str(name, value);
    }
    let text = turn.tr(done.key, args);
    match done.shown {
        Shown::Message => turn.push(Reply::text(text)),
        Shown::MessageAndAnswer => {
            if turn.is_callback() {
                turn.answer(text.clone());
            }
            turn.push(Reply::text(text));
        }
        Shown::Menu => turn.push_menu(Reply::text(text)),
        Shown::AnswerAndCard => {
            turn.answer(text);
            card::show(turn, &case, History::Latest(card::LATEST_EVENTS)).await?;
        }
    }
    Ok(Some(case))
}

/// The end of a step the chat waited for text to finish (a reason, a note, an answer): the chat
/// goes idle, the action is taken, `notice` is queued, and the actor gets `done` as a message.
pub(crate) async fn finish_typed(
    turn: &mut Turn<'_>,
    case_id: i64,
    action: Action,
    notice: Notice,
    done: &'static str,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let done = Done::new(done, Shown::Message);
    act_and_tell(turn, case_id, &action, &[notice], done).await?;
    Ok(())
}
