//! The dispatcher (活动办) routes new cases: the bot proposes a department from the category, the
//! department's default responsible person, and a deadline in working days from the difficulty;
//! the dispatcher confirms or changes any of them, or asks the cadre for more detail.
//!
//! ```text
//! bot:     📥 新问题待交办：ZZ-2026-0001（王建国 反映）
//!          📋 ZZ-2026-0001 · 待交办 …
//!          建议交办：县交通运输局 · 责任人 李科长 · 时限 2026-12-11（10 个工作日）
//!          [✅ 确认交办] [更换部门] [更换责任人] [更改时限] [要求补充材料]
//! 赵主任:  (presses 更改时限)
//! bot:     选择办理时限：[5 个工作日 · 12-04] [10 个工作日 · 12-11] … [输入日期]
//! 赵主任:  (presses 输入日期)
//! bot:     请输入办理时限，如 2026-12-20 或 12月20日。
//! 赵主任:  12月20日
//! bot:     建议交办：县交通运输局 · 责任人 李科长 · 时限 2026-12-20 …  [✅ 确认交办] …
//! 赵主任:  (presses ✅ 确认交办)
//! bot:     已将 ZZ-2026-0001 交办给 县交通运输局（李科长），时限 2026-12-20。
//! 赵主任:  /queue
//! bot:     待交办事项（0）：暂无。
//! ```

use super::access::is_dispatcher;
use super::act::{Done, Shown, act_and_tell, finish_typed};
use super::card;
use super::engine::EngineError;
use super::listing;
use super::notify::{Audience, Buttons, Notice};
use super::proposal::{initial_plan, proposal};
use super::state::{DispatchOp, Pending, Plan, Press, Seen, State};
use super::turn::{ButtonSpec, Turn};
use crate::domain::case::apply;
use crate::domain::{Action, CaseStatus, NoticeKind, TransitionError};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases::CaseRow;
use crate::store::{departments, queues};

/// Shows this dispatcher the routing proposal for a case (a new message).
pub(crate) async fn propose(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    let today = turn.today();
    let plan = initial_plan(turn.conn, turn.engine, case, today).await?;
    show(turn, case, plan, false).await
}

async fn show(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    plan: Plan,
    replace: bool,
) -> Result<(), EngineError> {
    let today = turn.today();
    let (text, rows) = proposal(turn.conn, turn.engine, turn.locale, case, plan, today).await?;
    turn.show(text, rows, replace).await
}

/// The case behind a dispatch button, if this person may still dispatch it.
async fn dispatchable(turn: &mut Turn<'_>, plan: &Plan) -> Result<Option<CaseRow>, EngineError> {
    let Some(case) = card::visible(turn, plan.case_id).await? else {
        let text = turn.t("bot-case-not-found");
        turn.answer(text);
        return Ok(None);
    };
    let probe = Action::Dispatch {
        department_id: plan.department_id.unwrap_or_default(),
        assignee_id: plan.assignee_id,
        deadline: plan.deadline,
    };
    match apply(&turn.person.actor(), &case.view(), &probe) {
        Ok(_) => Ok(Some(case)),
        Err(TransitionError::WrongStatus(s)) => {
            let text = turn.tr(
                "bot-button-stale",
                Args::new()
                    .str("number", &case.number)
                    .str("status", turn.t(&format!("status-{}", s.code()))),
            );
            turn.answer(text);
            Ok(None)
        }
        Err(e) => {
            let text = turn.refusal(&e);
            turn.answer(text);
            Ok(None)
        }
    }
}

pub(crate) async fn press(
    turn: &mut Turn<'_>,
    mut plan: Plan,
    op: DispatchOp,
) -> Result<(), EngineError> {
    let Some(case) = dispatchable(turn, &plan).await? else {
        return Ok(());
    };
    let seen = Some(Seen::of(&case));
    match op {
        DispatchOp::Confirm => confirm(turn, &case, plan).await,
        DispatchOp::PickDepartment => {
            let all = departments::all(turn.conn).await?;
            let specs: Vec<ButtonSpec> = all
                .into_iter()
                .map(|d| {
                    (
                        d.name,
                        Press::Dispatch {
                            plan,
                            seen,
                            op: DispatchOp::SetDepartment {
                                department_id: d.id,
                            },
                        },
                    )
                })
                .collect();
            let rows = specs.chunks(2).map(<[ButtonSpec]>::to_vec).collect();
            let buttons = turn.buttons(rows).await?;
            let text = turn.tr(
                "bot-dispatch-pick-department",
                Args::new().str("number", &case.number),
            );
            turn.push_menu(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
        DispatchOp::SetDepartment { department_id } => {
            let Some(d) = departments::by_id(turn.conn, department_id).await? else {
                let text = turn.t("bot-button-unknown");
                turn.answer(text);
                return Ok(());
            };
            plan.department_id = Some(d.id);
            plan.assignee_id = d.default_assignee_id;
            show(turn, &case, plan, true).await
        }
        DispatchOp::PickPerson => {
            let Some(department_id) = plan.department_id else {
                let text = turn.t("bot-dispatch-department-first");
                turn.answer(text);
                return Ok(());
            };
            let officers = departments::officers(turn.conn, department_id).await?;
            let mut specs: Vec<ButtonSpec> = officers
                .into_iter()
                .map(|o| {
                    (
                        o.name,
                        Press::Dispatch {
                            plan,
                            seen,
                            op: DispatchOp::SetPerson {
                                person_id: Some(o.id),
                            },
                        },
                    )
                })
                .collect();
            specs.push((
                turn.t("bot-whole-department"),
                Press::Dispatch {
                    plan,
                    seen,
                    op: DispatchOp::SetPerson { person_id: None },
                },
            ));
            let rows = specs.chunks(2).map(<[ButtonSpec]>::to_vec).collect();
            let buttons = turn.buttons(rows).await?;
            let text = turn.tr(
                "bot-dispatch-pick-person",
                Args::new().str("number", &case.number),
            );
            turn.push_menu(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
        DispatchOp::SetPerson { person_id } => {
            if let (Some(p), Some(d)) = (person_id, plan.department_id)
                && !departments::is_officer_of(turn.conn, p, d).await?
            {
                let text = turn.t("bot-button-unknown");
                turn.answer(text);
                return Ok(());
            }
            plan.assignee_id = person_id;
            show(turn, &case, plan, true).await
        }
        DispatchOp::PickDeadline => {
            let days = turn.deadline_days();
            let mut specs =
                turn.working_day_choices("bot-dispatch-deadline-choice", days, |_, date| {
                    Press::Dispatch {
                        plan,
                        seen,
                        op: DispatchOp::SetDeadline { deadline: date },
                    }
                });
            specs.push((
                turn.t("bot-dispatch-type-deadline"),
                Press::Dispatch {
                    plan,
                    seen,
                    op: DispatchOp::TypeDeadline,
                },
            ));
            let rows = specs.chunks(2).map(<[ButtonSpec]>::to_vec).collect();
            let buttons = turn.buttons(rows).await?;
            let text = turn.tr(
                "bot-dispatch-pick-deadline",
                Args::new().str("number", &case.number),
            );
            turn.push_menu(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
        DispatchOp::SetDeadline { deadline } => {
            plan.deadline = deadline;
            show(turn, &case, plan, true).await
        }
        DispatchOp::TypeDeadline => {
            turn.state = State::Awaiting {
                pending: Pending::Deadline { plan },
            };
            turn.say_args("bot-ask-deadline", Args::new().str("number", &case.number));
            Ok(())
        }
    }
}

/// A deadline typed by the dispatcher.
pub(crate) async fn typed_deadline(
    turn: &mut Turn<'_>,
    mut plan: Plan,
    raw: &str,
) -> Result<(), EngineError> {
    let Some(date) = turn.typed_deadline(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    let Some(case) = card::visible(turn, plan.case_id).await? else {
        turn.say("bot-case-not-found");
        return Ok(());
    };
    plan.deadline = date;
    show(turn, &case, plan, false).await
}

async fn confirm(turn: &mut Turn<'_>, case: &CaseRow, plan: Plan) -> Result<(), EngineError> {
    let Some(department_id) = plan.department_id else {
        let text = turn.t("bot-dispatch-department-first");
        turn.answer(text);
        return Ok(());
    };
    if case.status() == CaseStatus::Dispatched
        && case.department_id == Some(department_id)
        && case.assignee_id == plan.assignee_id
        && case.deadline == Some(plan.deadline)
    {
        let text = turn.tr(
            "bot-dispatch-already",
            Args::new().str("number", &case.number),
        );
        turn.answer(text);
        return Ok(());
    }
    if let Some(p) = plan.assignee_id
        && !departments::is_officer_of(turn.conn, p, department_id).await?
    {
        let text = turn.t("bot-button-unknown");
        turn.answer(text);
        return Ok(());
    }
    let action = Action::Dispatch {
        department_id,
        assignee_id: plan.assignee_id,
        deadline: plan.deadline,
    };
    let notices = [
        Notice::new(
            &[Audience::Handlers, Audience::Groups],
            NoticeKind::CaseDispatched,
            "bot-notify-dispatched",
        )
        .buttons(Buttons::Card),
        Notice::new(
            &[Audience::Cadre],
            NoticeKind::CaseDispatched,
            "bot-notify-dispatched-cadre",
        ),
    ];
    let done = Done::new("bot-dispatched", Shown::Menu);
    act_and_tell(turn, case.id, &action, &notices, done).await?;
    Ok(())
}

/// The dispatcher asks the cadre for more detail.
pub(crate) async fn request_info(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Cadre],
        NoticeKind::CaseInfoRequested,
        "bot-notify-info-requested",
    )
    .arg("note", note.clone())
    .buttons(Buttons::Card);
    let action = Action::RequestInfo { note };
    finish_typed(turn, case_id, action, notice, "bot-info-requested").await
}

/// `/queue`: cases waiting for dispatch.
pub(crate) async fn queue(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !is_dispatcher(turn) {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    let listing = queues::awaiting_dispatch(turn.conn).await?;
    // The figures count these as awaiting dispatch too: say where they are.
    let waiting = queues::awaiting_information(turn.conn).await? as f64;
    if listing.cases.is_empty() && waiting > 0.0 {
        turn.say_args(
            "bot-queue-empty-waiting",
            Args::new().num("waiting", waiting),
        );
        return Ok(());
    }
    listing::list(
        turn,
        listing,
        ("bot-queue-title", Args::new().num("waiting", waiting)),
        "bot-queue-empty",
    )
    .await
}
