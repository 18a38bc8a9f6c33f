//! 延期: the responsible officer asks for a later deadline, with a proposed date (a later
//! working day) and a reason; the dispatcher — or a leader, for a supervised (督办) case — gets
//! a notice with approve / refuse buttons. On approval the deadline in force changes and the
//! officer and the cadre are told; on refusal the officer is told why (the reason is optional).
//! A decision button works once, and a request decided by someone else is not decided again.
//!
//! ```text
//! 李科长:  (presses ⏳ 申请延期 on the card of ZZ-2026-0001)
//! bot:     ZZ-2026-0001 现办理时限 2026-12-11。请输入希望延至的日期（须为工作日）。
//! 李科长:  12月25日
//! bot:     请写明申请延期至 2026-12-25 的原因。
//! 李科长:  12月30日                    (a date again: the date changes, the reason is asked again)
//! bot:     请写明申请延期至 2026-12-30 的原因。
//! 李科长:  需等待省厅批复
//! bot:     已提交 ZZ-2026-0001 的延期申请（至 2026-12-30），等待审批。
//! 赵主任:  ⏳ 李科长 申请将 ZZ-2026-0001 延期至 2026-12-30：需等待省厅批复 … [✅ 同意延期] [❌ 不同意]
//! 赵主任:  (presses ✅ 同意延期)
//! bot:     已同意 ZZ-2026-0001 延期至 2026-12-30。
//! ```

use chrono::NaiveDate;

use super::access::may_decide_extension;
use super::act::{Done, Shown, act_and_tell};
use super::engine::EngineError;
use super::notify::{self, Audience, Buttons, Notice};
use super::parse;
use super::state::{ExtensionOp, Fix, FixText, Pending, Press, State};
use super::text;
use super::turn::Turn;
use crate::domain::{Action, Correction, NoticeKind};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases::{self, CaseRow};
use crate::store::extensions;

/// The card's "ask for an extension": waits for the date.
pub(crate) async fn start(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    if extensions::pending_of(turn.conn, case.id).await?.is_some() {
        let text = turn.t("casework-extension-pending");
        turn.notice(text);
        return Ok(());
    }
    turn.state = State::Awaiting {
        pending: Pending::Fix {
            case_id: case.id,
            text: FixText::ExtensionDate,
        },
    };
    let current = case.deadline.map(text::ymd).unwrap_or_else(|| "-".into());
    turn.say_args(
        "casework-ask-extension-date",
        Args::new().str("number", &case.number).str("date", current),
    );
    Ok(())
}

/// The most working days one extension may add: about a year.
const MAX_EXTENSION_DAYS: u32 = 250;

/// The date asked for: a later working day than the deadline in force.
pub(crate) async fn typed_date(
    turn: &mut Turn<'_>,
    case_id: i64,
    raw: &str,
) -> Result<(), EngineError> {
    let today = turn.today();
    let Some(case) = cases::by_id(turn.conn, case_id).await? else {
        turn.state = State::Idle;
        turn.say("bot-case-not-found");
        return Ok(());
    };
    // A date, or working days added to the deadline in force (`延长10个工作日`).
    let days = parse::working_days(raw);
    if days.is_some_and(|n| n > MAX_EXTENSION_DAYS) {
        turn.say_args(
            "casework-extension-too-many-days",
            Args::new().num("most", MAX_EXTENSION_DAYS),
        );
        return Ok(());
    }
    let added = days.map(|n| {
        let from = case.deadline.unwrap_or(today).max(today);
        turn.engine.calendar.add_working_days(from, n)
    });
    let Some(until) = added.or_else(|| parse::date(raw, today)) else {
        turn.say("casework-extension-unreadable");
        return Ok(());
    };
    if until <= today || case.deadline.is_some_and(|d| until <= d) {
        turn.say("casework-extension-not-later");
        return Ok(());
    }
    if !turn.engine.calendar.is_working_day(until) {
        turn.say_args(
            "casework-extension-not-working-day",
            Args::new().str("date", text::ymd(until)),
        );
        return Ok(());
    }
    turn.state = State::Awaiting {
        pending: Pending::Fix {
            case_id,
            text: FixText::ExtensionReason { until },
        },
    };
    turn.say_args(
        "casework-ask-extension-reason",
        Args::new()
            .str("number", &case.number)
            .str("date", text::ymd(until)),
    );
    Ok(())
}

/// Whether a text is only a date or a number of working days, as the date question reads them.
pub(crate) fn reads_as_date(turn: &Turn<'_>, raw: &str) -> bool {
    parse::working_days(raw).is_some() || parse::date(raw, turn.today()).is_some()
}

/// The reason came: the request is recorded and whoever decides it gets the buttons.
pub(crate) async fn request(
    turn: &mut Turn<'_>,
    case_id: i64,
    until: NaiveDate,
    reason: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let action = Action::Correct(Correction::RequestExtension {
        until,
        reason: reason.clone(),
    });
    let done =
        Done::new("casework-extension-requested", Shown::Message).arg("date", text::ymd(until));
    let Some(case) = act_and_tell(turn, case_id, &action, &[], done).await? else {
        return Ok(());
    };
    let Some(request) = extensions::pending_of(turn.conn, case.id).await? else {
        return Ok(());
    };
    let deciders = if case.supervised_at.is_some() {
        Audience::Leaders
    } else {
        Audience::Dispatchers
    };
    let notice = Notice::new(
        &[deciders],
        NoticeKind::CaseExtensionRequested,
        "casework-notify-extension-requested",
    )
    .arg("date", text::ymd(until))
    .arg("reason", reason)
    .buttons(Buttons::Extension {
        request_id: request.id,
    });
    notify::send(turn, &case, &notice).await
}

/// A decision button.
pub(crate) async fn press(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    request_id: i64,
    op: ExtensionOp,
) -> Result<(), EngineError> {
    let request = extensions::by_id(turn.conn, request_id).await?;
    if request
        .as_ref()
        .is_some_and(|r| r.case_id == case.id && r.is_withdrawn())
    {
        // The case left the department before the decision: say so, not "wrong status".
        let text = turn.t("casework-extension-withdrawn");
        turn.notice(text);
        return Ok(());
    }
    if let Err(e) = may_decide_extension(&turn.person.actor(), case) {
        let text = turn.refusal(&e);
        turn.notice(text);
        return Ok(());
    }
    let Some(request) = request.filter(|r| r.case_id == case.id && r.is_pending()) else {
        let text = turn.t("casework-extension-decided");
        turn.notice(text);
        return Ok(());
    };
    match op {
        ExtensionOp::Approve => decide(turn, case.id, &request, true, None).await,
        ExtensionOp::RefuseNow => decide(turn, case.id, &request, false, None).await,
        ExtensionOp::Refuse => {
            turn.state = State::Awaiting {
                pending: Pending::Fix {
                    case_id: case.id,
                    text: FixText::RefusalNote { request_id },
                },
            };
            let text = turn.tr(
                "casework-ask-refusal-note",
                Args::new().str("number", &case.number),
            );
            let press = Press::Fix {
                case_id: case.id,
                fix: Fix::Extension {
                    request_id,
                    op: ExtensionOp::RefuseNow,
                },
                seen: None,
            };
            let buttons = turn
                .buttons(vec![vec![(turn.t("casework-refuse-without-note"), press)]])
                .await?;
            turn.push(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
    }
}

/// The reason for a refusal came.
pub(crate) async fn refusal_note(
    turn: &mut Turn<'_>,
    case_id: i64,
    request_id: i64,
    note: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    match extensions::by_id(turn.conn, request_id).await? {
        Some(request) if request.case_id == case_id => {
            decide(turn, case_id, &request, false, Some(note)).await
        }
        _ => {
            turn.say("casework-extension-decided");
            Ok(())
        }
    }
}

async fn decide(
    turn: &mut Turn<'_>,
    case_id: i64,
    request: &extensions::ExtensionRow,
    approve: bool,
    note: Option<String>,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let until = text::ymd(request.proposed);
    let notices = if approve {
        vec![
            Notice::new(
                &[
                    Audience::Person(request.requested_by),
                    Audience::Handlers,
                    Audience::Cadre,
                ],
                NoticeKind::CaseExtensionDecided,
                "casework-notify-extension-approved",
            )
            .arg("date", until.clone()),
        ]
    } else {
        vec![
            Notice::new(
                &[Audience::Person(request.requested_by)],
                NoticeKind::CaseExtensionDecided,
                "casework-notify-extension-refused",
            )
            .arg("date", until.clone())
            .arg("note", note.clone().unwrap_or_else(|| "-".into())),
        ]
    };
    let (key, shown) = match (approve, turn.is_callback()) {
        (true, _) => ("casework-extension-approved", Shown::Menu),
        (false, true) => ("casework-extension-refused", Shown::Menu),
        (false, false) => ("casework-extension-refused", Shown::Message),
    };
    let action = Action::Correct(Correction::DecideExtension {
        request_id: request.id,
        approve,
        note,
    });
    let done = Done::new(key, shown).arg("date", until);
    act_and_tell(turn, case_id, &action, &notices, done).await?;
    Ok(())
}
