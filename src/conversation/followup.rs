//! A cadre follows their enterprises' cases: `/my` lists the open ones; notes and detail the
//! dispatcher asked for; visits (走访) with an optional note, or the zero report (零报告); and,
//! once a department has resolved a case, the enterprise's verdict.
//!
//! ```text
//! 王建国:  /my
//! bot:     您联系企业的未办结事项（1）：
//!          · ZZ-2026-0001 · 已办理待确认 · 秦岭猕猴桃合作社 · 厂区门前道路破损…
//!          [ZZ-2026-0001]
//! 王建国:  (presses ZZ-2026-0001)
//! bot:     📋 ZZ-2026-0001 … 答复：道路已修复   [满意] [基本满意] [不满意] [补充说明]
//! 王建国:  (presses 不满意)
//! bot:     请写明企业不满意的原因，事项将退回部门重新办理。
//! 王建国:  只修了一半，雨天仍积水
//! bot:     已记录“不满意”，ZZ-2026-0001 已重新交部门办理，部门会收到原因。
//! 王建国:  /visit
//! bot:     走访哪家企业？  [秦岭猕猴桃合作社] [周至县宏达机械厂]
//! 王建国:  (presses 秦岭猕猴桃合作社)
//! bot:     走访情况？  [零报告（无问题）] [写走访记录] [只记录走访]
//! 王建国:  (presses 零报告（无问题）)
//! bot:     已记录对秦岭猕猴桃合作社的走访（零报告）。
//! ```

use super::act::{Done, Shown, act_and_tell, finish_typed};
use super::engine::EngineError;
use super::listing;
use super::notify::{Audience, Buttons, Notice};
use super::state::{Pending, Press, State, VisitOp};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::{Action, NoticeKind, Role, Satisfaction};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases;
use crate::store::enterprises::{self, EnterpriseRow};
use crate::store::queues;
use crate::store::visits::{self, NewVisit};

/// `/my`: the open cases of the cadre's enterprises.
pub(crate) async fn my(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !turn.person.roles.has(Role::Cadre) {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    let listing = queues::of_cadre(turn.conn, turn.person.id).await?;
    let title = turn.tr(
        "bot-my-title",
        Args::new().num("count", listing.total as f64),
    );
    listing::list(turn, title, listing, "bot-my-empty").await
}

/// The enterprise's verdict on a resolution; "unsatisfied" comes with its reason and sends the
/// case back to the department, whose head hears of it too.
pub(crate) async fn confirm(
    turn: &mut Turn<'_>,
    case_id: i64,
    satisfaction: Satisfaction,
    reason: Option<String>,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let verdict = turn.t(&format!("satisfaction-{}", satisfaction.code()));
    let mut deadline = None;
    let verdict_notices = if satisfaction == Satisfaction::Unsatisfied {
        // A reopened case gets a new deadline by its difficulty, from today; the dispatchers
        // hear of it with the card, whose deadline button adjusts it.
        deadline = cases::by_id(turn.conn, case_id)
            .await?
            .and_then(|c| c.difficulty())
            .map(|d| {
                let days = turn.engine.settings.limits.days_for(d);
                turn.engine.calendar.add_working_days(turn.today(), days)
            });
        let new_deadline = deadline
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        vec![
            Notice::new(
                &[Audience::Handlers, Audience::Head],
                NoticeKind::CaseReopened,
                "bot-notify-reopened",
            )
            .arg("reason", reason.clone().unwrap_or_default())
            .buttons(Buttons::Card),
            Notice::new(
                &[Audience::Dispatchers],
                NoticeKind::CaseReopened,
                "casework-notify-reopened-dispatcher",
            )
            .arg("reason", reason.clone().unwrap_or_default())
            .arg("deadline", new_deadline)
            .buttons(Buttons::Card),
        ]
    } else {
        vec![
            Notice::new(
                &[Audience::Handlers],
                NoticeKind::CaseClosed,
                "bot-notify-closed",
            )
            .arg("satisfaction", verdict.clone()),
        ]
    };
    let key = if satisfaction == Satisfaction::Unsatisfied {
        "bot-reopened"
    } else {
        "bot-closed"
    };
    let action = Action::Confirm {
        satisfaction,
        note: reason,
        deadline,
    };
    let done = Done::new(key, Shown::MessageAndAnswer).arg("satisfaction", verdict);
    act_and_tell(turn, case_id, &action, &verdict_notices, done).await?;
    Ok(())
}

/// The cadre answers the dispatcher's request for detail; the case goes back to dispatch.
pub(crate) async fn supply_info(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Dispatchers],
        NoticeKind::CaseInfoSupplied,
        "bot-notify-info-supplied",
    )
    .arg("note", note.clone())
    .buttons(Buttons::Dispatch);
    let action = Action::SupplyInfo { note };
    finish_typed(turn, case_id, action, notice, "bot-info-supplied").await
}

/// A note for the record; whoever handles the case hears of a note from anyone outside the
/// department while the department holds it.
pub(crate) async fn note(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let before = cases::by_id(turn.conn, case_id).await?;
    let tell = before.is_some_and(|case| {
        let from_department =
            turn.person.department_id.is_some() && turn.person.department_id == case.department_id;
        case.status().is_with_department() && !from_department
    });
    let notices = if tell {
        vec![
            Notice::new(
                &[Audience::Handlers],
                NoticeKind::CaseNote,
                "bot-notify-note",
            )
            .arg("note", note.clone()),
        ]
    } else {
        vec![]
    };
    let action = Action::Note { note };
    let done = Done::new("bot-note-saved", Shown::Message);
    act_and_tell(turn, case_id, &action, &notices, done).await?;
    Ok(())
}

/// `/visit`: pick the enterprise (skipped with one), then how it went.
pub(crate) async fn visit(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !turn.person.roles.has(Role::Cadre) {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    let mine = enterprises::of_cadre(turn.conn, turn.person.id).await?;
    match mine.as_slice() {
        [] => {
            turn.say("bot-no-enterprises");
            Ok(())
        }
        [only] => visit_menu(turn, only, false).await,
        many => {
            let rows: Vec<Vec<ButtonSpec>> = many
                .iter()
                .map(|e| {
                    vec![(
                        e.name.clone(),
                        Press::Visit {
                            enterprise_id: e.id,
                            op: VisitOp::Pick,
                        },
                    )]
                })
                .collect();
            let buttons = turn.buttons(rows).await?;
            let text = turn.t("bot-visit-pick");
            turn.push(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
    }
}

async fn visit_menu(
    turn: &mut Turn<'_>,
    enterprise: &EnterpriseRow,
    replace: bool,
) -> Result<(), EngineError> {
    let press = |op| Press::Visit {
        enterprise_id: enterprise.id,
        op,
    };
    let rows = vec![
        vec![(turn.t("bot-visit-zero-report"), press(VisitOp::ZeroReport))],
        vec![
            (turn.t("bot-visit-with-note"), press(VisitOp::WithNote)),
            (
                turn.t("bot-visit-without-note"),
                press(VisitOp::WithoutNote),
            ),
        ],
    ];
    let buttons = turn.buttons(rows).await?;
    let text = turn.tr(
        "bot-visit-how",
        Args::new().str("enterprise", &enterprise.name),
    );
    let reply = Reply::text(text).with_buttons(buttons);
    if replace {
        turn.push_menu(reply);
    } else {
        turn.push(reply);
    }
    Ok(())
}

/// The cadre's own enterprise, or `None` (told) for anything else.
async fn own_enterprise(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
) -> Result<Option<EnterpriseRow>, EngineError> {
    let found = enterprises::by_id(turn.conn, enterprise_id)
        .await?
        .filter(|e| e.cadre_id == Some(turn.person.id) && turn.person.roles.has(Role::Cadre));
    if found.is_none() {
        let text = turn.t("bot-not-for-role");
        turn.notice(text);
    }
    Ok(found)
}

pub(crate) async fn visit_press(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
    op: VisitOp,
) -> Result<(), EngineError> {
    let Some(enterprise) = own_enterprise(turn, enterprise_id).await? else {
        return Ok(());
    };
    match op {
        VisitOp::Pick => visit_menu(turn, &enterprise, true).await,
        VisitOp::ZeroReport => record(turn, &enterprise, None, true).await,
        VisitOp::WithoutNote => record(turn, &enterprise, None, false).await,
        VisitOp::WithNote => {
            turn.state = State::Awaiting {
                pending: Pending::VisitNote { enterprise_id },
            };
            turn.say_args(
                "bot-ask-visit-note",
                Args::new()
                    .str("enterprise", &enterprise.name)
                    .num("limit", text::MAX_TEXT_CHARS as f64),
            );
            Ok(())
        }
    }
}

pub(crate) async fn visit_note(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
    raw: &str,
) -> Result<(), EngineError> {
    let Some(note) = turn.take_text(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    let Some(enterprise) = own_enterprise(turn, enterprise_id).await? else {
        return Ok(());
    };
    record(turn, &enterprise, Some(note), false).await
}

async fn record(
    turn: &mut Turn<'_>,
    enterprise: &EnterpriseRow,
    note: Option<String>,
    no_problems: bool,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let visit = NewVisit {
        enterprise_id: enterprise.id,
        cadre_id: turn.person.id,
        visited_on: turn.today(),
        note,
        no_problems,
    };
    visits::record(turn.conn, &visit, turn.now).await?;
    let key = if no_problems {
        "bot-visit-recorded-zero"
    } else {
        "bot-visit-recorded"
    };
    let text = turn.tr(key, Args::new().str("enterprise", &enterprise.name));
    turn.push_menu(Reply::text(text));
    Ok(())
}
