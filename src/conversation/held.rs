//! Words typed long after a flow's last step are held, not taken as that step's answer: the
//! person says whether they go on with the flow or are something new.
//!
//! ```text
//! 胡浩然:  (presses 退回 on ZZ-2026-0031; the bot asks for the reason; nothing more that day)
//! 胡浩然:  企业反映厂区道路破损            (the next morning)
//! bot:     您在 12-01 17:40 对 ZZ-2026-0031 的操作（↩️ 退回）还在等您输入内容。刚才这条消息是接着
//!          那项操作的吗？
//!          [↩ 是，接着上次的操作] [🆕 不是，这是新的消息]
//! ```
//! Going on hands the words to the flow as if just typed; leaving drops the flow (a report
//! draft is said to be dropped) and takes the words as typed in an idle chat: a cadre's start a
//! new report, a command said in words runs. A command leaves the held words with the flow, as
//! for any flow.

use chrono::Duration;

use super::engine::EngineError;
use super::state::{Held, Pending, Press, State, TextPurpose};
use super::text;
use super::turn::Turn;
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases;

/// How much of a held report draft's description the question shows.
const EXCERPT_CHARS: usize = 40;

/// Whether words typed now into the chat's flow are held: the flow holds something and the
/// chat was quiet for `limits.hold_after_hours` or more (never when that is 0).
pub(crate) fn holds(turn: &Turn<'_>) -> bool {
    let hours = i64::from(turn.engine.settings.limits.hold_after_hours);
    let quiet = hours > 0
        && turn
            .last_used
            .is_some_and(|at| turn.now - at >= Duration::hours(hours));
    let flow = match &turn.state {
        State::Report(draft) => draft.description.is_some() || !draft.files.is_empty(),
        State::Awaiting { .. } => true,
        State::Idle | State::Held(_) => false,
    };
    quiet && flow
}

/// Holds the words (refused, and nothing held, when blank or too long) and asks; words typed
/// while held are added to them.
pub(crate) async fn hold(turn: &mut Turn<'_>, raw: &str) -> Result<(), EngineError> {
    let Some(words) = turn.take_text(raw) else {
        return Ok(());
    };
    let held = match turn.state.clone() {
        State::Held(mut held) => {
            let text = format!("{}\n{words}", held.text);
            if !turn.within_limit(&text) {
                return Ok(());
            }
            held.text = text;
            held
        }
        earlier => Held {
            id: turn.now.timestamp_micros(),
            earlier: Box::new(earlier),
            text: words,
        },
    };
    turn.state = State::Held(held);
    ask(turn).await
}

/// The button that asked for a case's words, by what they are for.
fn op_key(purpose: TextPurpose) -> &'static str {
    match purpose {
        TextPurpose::RequestInfo => "bot-op-request-info",
        TextPurpose::SupplyInfo => "bot-op-supply-info",
        TextPurpose::Return => "bot-op-return",
        TextPurpose::Progress => "bot-op-progress",
        TextPurpose::Resolve => "bot-op-resolve",
        TextPurpose::Note => "bot-op-note",
        TextPurpose::Milestone => "bot-op-milestone",
        TextPurpose::Unsatisfied => "bot-op-unsatisfied",
        TextPurpose::Supervise => "bot-op-supervise",
    }
}

/// The question about the held words, with its two buttons.
pub(crate) async fn ask(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let State::Held(held) = &turn.state else {
        return Ok(());
    };
    let tz = turn.engine.settings.timezone;
    let when = turn.last_used.unwrap_or(turn.now).with_timezone(&tz);
    let args = Args::new().str("when", when.format("%m-%d %H:%M").to_string());
    let text = match held.earlier.as_ref() {
        State::Report(draft) => match draft.description.as_deref() {
            Some(description) => {
                let args = args.str("excerpt", text::excerpt(description, EXCERPT_CHARS));
                turn.tr("bot-held-report", args)
            }
            None => {
                let args = args.num("count", draft.files.len() as f64);
                turn.tr("bot-held-report-files", args)
            }
        },
        State::Awaiting {
            pending: Pending::CaseText { case_id, purpose },
        } => match cases::by_id(turn.conn, *case_id).await? {
            Some(case) => {
                let op = turn.t(op_key(*purpose));
                let args = args.str("number", case.number).str("op", op);
                turn.tr("bot-held-awaiting-case", args)
            }
            None => turn.tr("bot-held-awaiting", args),
        },
        _ => turn.tr("bot-held-awaiting", args),
    };
    let id = held.id;
    let rows = vec![vec![
        (
            turn.t("bot-held-go-on"),
            Press::Held {
                go_on: true,
                held: id,
            },
        ),
        (
            turn.t("bot-held-leave"),
            Press::Held {
                go_on: false,
                held: id,
            },
        ),
    ]];
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// A press of the question's buttons: the chat's state is the earlier flow again (`go_on`)
/// or idle, and the held words come back for the router to hand on. A button of words no
/// longer held does nothing.
pub(crate) fn press(turn: &mut Turn<'_>, go_on: bool, id: i64) -> Option<String> {
    let held = match &turn.state {
        State::Held(held) if held.id == id => held.clone(),
        _ => {
            let text = turn.t("bot-menu-stale");
            turn.answer(text);
            return None;
        }
    };
    if go_on {
        turn.state = *held.earlier;
    } else {
        turn.state = State::Idle;
        match held.earlier.as_ref() {
            State::Report(_) => turn.say("bot-draft-discarded"),
            _ => turn.say("bot-held-left"),
        }
    }
    Some(held.text)
}
