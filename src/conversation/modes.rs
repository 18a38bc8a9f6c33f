//! Service modes (帮办 / 陪办 / 代办): the officer holding a case, or the campaign office, marks
//! how the enterprise is served and changes it; 陪办 records the days and places the officer
//! went with the enterprise; 代办 keeps a checklist of the documents received from the
//! enterprise, each marked when it is given back. A case with a document still out cannot be
//! resolved (the ledger refuses it; the card's 🏁 says so before asking for the answer).
//!
//! ```text
//! 李科长:  (presses 🤝 服务方式 on the card of ZZ-2026-0001)
//! bot:     ZZ-2026-0001 服务方式：未标记。 [帮办] [陪办] [代办]
//! 李科长:  (presses 代办)
//! bot:     ZZ-2026-0001 已标记为“代办”。 (the card, with [📥 收取材料])
//! 李科长:  (presses 📥 收取材料)
//! bot:     请输入从企业收取的材料名称（如“营业执照副本原件”）。
//! 李科长:  营业执照副本原件
//! bot:     已记录收取材料“营业执照副本原件”，办结前须退还企业。
//! 李科长:  (presses 🏁 办结答复)
//! bot:     ZZ-2026-0001 还有 1 份代办材料未退还企业：营业执照副本原件。请先退还，再办结答复。
//! 李科长:  (presses ↩️ 退还：营业执照副本原件) → 已记录退还“营业执照副本原件”。
//! ```

use chrono::NaiveDate;

use super::access::allowed;
use super::act::{Done, Shown, act_and_tell};
use super::day_pick;
use super::engine::EngineError;
use super::mode_state::{ModeOp, ModeText};
use super::mode_view::{mode_name, refusal};
use super::notify::{Audience, Notice};
use super::parse;
use super::state::{CaseOp, Pending, Press, Seen, State};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::service_mode::{ACCOMPANY_DAYS_BACK, ModeChange, ModeRefusal, may_resolve};
use crate::domain::{Action, CaseStatus, NoticeKind, ServiceMode};
use crate::i18n::{Args, html_to_text};
use crate::message::Reply;
use crate::store::cases::CaseRow;
use crate::store::service_modes;

/// A notice of a service-mode change, under the case's card: the cadre answers to the
/// enterprise for what the department does with it and holds of it.
fn told(to: &[Audience], head: &'static str) -> Notice {
    Notice::new(to, NoticeKind::CaseNote, head)
}

fn rows(specs: Vec<ButtonSpec>, per_row: usize) -> Vec<Vec<ButtonSpec>> {
    specs.chunks(per_row).map(<[ButtonSpec]>::to_vec).collect()
}

/// The card's 🤝: the mode now, the other modes to choose, and what the mode records.
pub(crate) async fn menu(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::ServiceMode) {
        return Ok(());
    }
    let seen = Some(Seen::of(case));
    let press = |op| Press::Mode {
        case_id: case.id,
        op,
        seen,
    };
    let current = case.service_mode();
    let mut specs: Vec<ButtonSpec> = ServiceMode::ALL
        .into_iter()
        .filter(|m| Some(*m) != current)
        .map(|m| {
            (
                mode_name(turn.locale, m),
                press(ModeOp::Set { mode: Some(m) }),
            )
        })
        .collect();
    let mut extra: Vec<ButtonSpec> = Vec::new();
    match current {
        Some(ServiceMode::Accompany) => {
            extra.push((turn.t("modes-op-accompany"), press(ModeOp::Accompany)));
        }
        Some(ServiceMode::Handle) if case.status() != CaseStatus::Resolved => {
            extra.push((turn.t("modes-op-receive"), press(ModeOp::Receive)));
        }
        _ => {}
    }
    for d in service_modes::documents(turn.conn, case.id).await? {
        if d.returned_at.is_none() {
            // A button's label is plain text: the name as typed, not escaped for a message.
            let label = html_to_text(&turn.tr(
                "modes-op-return",
                Args::new().str("name", text::excerpt(&d.name, 24)),
            ));
            extra.push((label, press(ModeOp::Return { document_id: d.id })));
        }
    }
    if current.is_some() {
        specs.push((turn.t("modes-op-clear"), press(ModeOp::Set { mode: None })));
    }
    let mut all = rows(specs, 4);
    all.extend(extra.into_iter().map(|s| vec![s]));
    let buttons = turn.buttons(all).await?;
    let mode = current
        .map(|m| mode_name(turn.locale, m))
        .unwrap_or_else(|| turn.t("modes-mode-none"));
    let text = turn.tr(
        "modes-menu",
        Args::new().str("number", &case.number).str("mode", mode),
    );
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// A button of the menu, on the case as it is now.
pub(crate) async fn press(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    op: ModeOp,
) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::ServiceMode) {
        return Ok(());
    }
    // A button of a menu from before the mode changed: say so now, not after the typing.
    let needs = match op {
        ModeOp::Accompany | ModeOp::AccompanyOn { .. } => Some(ServiceMode::Accompany),
        ModeOp::Receive => Some(ServiceMode::Handle),
        ModeOp::Set { .. } | ModeOp::Return { .. } => None,
    };
    if let Some(mode) = needs.filter(|m| case.service_mode() != Some(*m)) {
        let text = refusal(turn.locale, &ModeRefusal::NotInMode(mode));
        turn.notice(text);
        return Ok(());
    }
    match op {
        ModeOp::Set { mode } => {
            let done = match mode {
                Some(m) => Done::new("modes-set", Shown::AnswerAndCard)
                    .arg("mode", mode_name(turn.locale, m)),
                None => Done::new("modes-cleared", Shown::AnswerAndCard),
            };
            let action = Action::Mode(ModeChange::Set { mode });
            let head = match mode {
                Some(ServiceMode::Help) => "modes-notify-set-help",
                Some(ServiceMode::Accompany) => "modes-notify-set-accompany",
                Some(ServiceMode::Handle) => "modes-notify-set-handle",
                None => "modes-notify-cleared",
            };
            let notice = told(&[Audience::Cadre, Audience::Handlers], head);
            act_and_tell(turn, case.id, &action, &[notice], done).await?;
            Ok(())
        }
        ModeOp::Accompany => ask_day(turn, case).await,
        ModeOp::AccompanyOn { date } => dated(turn, case, date).await,
        ModeOp::Receive => {
            turn.state = State::Awaiting {
                pending: Pending::Mode {
                    case_id: case.id,
                    text: ModeText::DocumentName,
                },
            };
            turn.say_args(
                "modes-ask-document",
                Args::new().str("number", &case.number),
            );
            Ok(())
        }
        ModeOp::Return { document_id } => {
            let found = service_modes::documents(turn.conn, case.id)
                .await?
                .into_iter()
                .find(|d| d.id == document_id);
            let Some(name) = found.map(|d| d.name) else {
                let text = refusal(turn.locale, &ModeRefusal::NoDocument);
                turn.notice(text);
                return Ok(());
            };
            let action = Action::Mode(ModeChange::DocumentReturned {
                document_id,
                name: name.clone(),
            });
            let notice = told(&[Audience::Cadre], "modes-notify-returned").arg("name", &name);
            let done = Done::new("modes-returned", Shown::AnswerAndCard).arg("name", name);
            act_and_tell(turn, case.id, &action, &[notice], done).await?;
            Ok(())
        }
    }
}

/// Which day did the officer go with the enterprise? A button per day of the last week, or
/// typed.
async fn ask_day(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    let seen = Some(Seen::of(case));
    let days = day_pick::last_days(turn, ACCOMPANY_DAYS_BACK, true);
    let specs = day_pick::day_buttons(turn, days, true, |date| Press::Mode {
        case_id: case.id,
        op: ModeOp::AccompanyOn { date },
        seen,
    });
    let buttons = turn.buttons(rows(specs, 4)).await?;
    turn.state = State::Awaiting {
        pending: Pending::Mode {
            case_id: case.id,
            text: ModeText::AccompanyDay,
        },
    };
    let text = turn.tr("modes-ask-day", Args::new().str("number", &case.number));
    turn.push_menu(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// The day is known: checked against the window, then the place is asked for.
async fn dated(turn: &mut Turn<'_>, case: &CaseRow, date: NaiveDate) -> Result<(), EngineError> {
    let refused = ("modes-day-future", "modes-day-too-old");
    if !day_pick::within(turn, date, ACCOMPANY_DAYS_BACK, refused) {
        // Still waiting for a day.
        turn.state = State::Awaiting {
            pending: Pending::Mode {
                case_id: case.id,
                text: ModeText::AccompanyDay,
            },
        };
        return Ok(());
    }
    turn.state = State::Awaiting {
        pending: Pending::Mode {
            case_id: case.id,
            text: ModeText::AccompanyPlace { on: date },
        },
    };
    turn.say_args(
        "modes-ask-place",
        Args::new()
            .str("number", &case.number)
            .str("date", text::ymd(date)),
    );
    Ok(())
}

/// The text a service-mode step waited for.
pub(crate) async fn typed(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    what: ModeText,
    raw: &str,
) -> Result<(), EngineError> {
    if let ModeText::AccompanyDay = what {
        let Some(date) = parse::past_date(raw, turn.today()) else {
            turn.say_args(
                "modes-day-unreadable",
                Args::new().str("text", text::excerpt(raw.trim(), 40)),
            );
            return Ok(());
        };
        return dated(turn, case, date).await;
    }
    let Some(note) = turn.take_text(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    let (action, notice, done) = match what {
        ModeText::AccompanyPlace { on } => (
            ModeChange::Accompanied {
                on,
                place: note.clone(),
            },
            told(&[Audience::Cadre], "modes-notify-accompanied")
                .arg("date", text::ymd(on))
                .arg("place", &note),
            Done::new("modes-accompanied", Shown::Message)
                .arg("date", text::ymd(on))
                .arg("place", note),
        ),
        ModeText::DocumentName => (
            ModeChange::DocumentReceived { name: note.clone() },
            told(&[Audience::Cadre], "modes-notify-received").arg("name", &note),
            Done::new("modes-received", Shown::Message).arg("name", note),
        ),
        ModeText::AccompanyDay => return Ok(()),
    };
    act_and_tell(turn, case.id, &Action::Mode(action), &[notice], done).await?;
    Ok(())
}

/// Before the answer of a resolution is asked for: a case with documents still out cannot be
/// resolved, and the officer is told which (the ledger refuses it anyway).
pub(crate) async fn resolution_blocked(
    turn: &mut Turn<'_>,
    case: &CaseRow,
) -> Result<bool, EngineError> {
    let out = service_modes::outstanding(turn.conn, case.id).await?;
    match may_resolve(out) {
        Ok(()) => Ok(false),
        Err(r) => {
            // The list in the chat: a button's answer holds 200 characters at most.
            if turn.is_callback() {
                let short = turn.t("modes-resolve-blocked");
                turn.answer(short);
            }
            let text = refusal(turn.locale, &r);
            turn.push(Reply::text(text));
            Ok(true)
        }
    }
}
