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

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::card::{self, History};
use super::engine::{ButtonSpec, Engine, EngineError, Turn};
use super::notify::{self, Buttons, Notice};
use super::state::{CaseOp, DispatchOp, Pending, Plan, Press, State};
use super::{Reply, parse};
use crate::domain::case::apply;
use crate::domain::{Action, CaseStatus, Difficulty, TransitionError};
use crate::i18n::{Args, t, tr};
use crate::store::cases::CaseRow;
use crate::store::{departments, queues};

/// The routing the bot proposes: the category's department and its default person, and the
/// difficulty's limit in working days from today. A case already dispatched keeps its routing.
pub(crate) async fn initial_plan(
    conn: &mut PgConnection,
    engine: &Engine,
    case: &CaseRow,
    today: NaiveDate,
) -> Result<Plan, EngineError> {
    let limit = case
        .difficulty()
        .map(|d| engine.settings.limits.days_for(d))
        .unwrap_or(engine.settings.limits.moderate_days);
    let deadline = engine.calendar.add_working_days(today, limit);
    if case.status() == CaseStatus::Dispatched
        && let Some(department_id) = case.department_id
    {
        return Ok(Plan {
            case_id: case.id,
            department_id: Some(department_id),
            assignee_id: case.assignee_id,
            deadline: case.deadline.unwrap_or(deadline),
        });
    }
    let route = match case.category() {
        Some(c) => departments::route(conn, c).await?,
        None => None,
    };
    Ok(Plan {
        case_id: case.id,
        department_id: route.as_ref().map(|d| d.id),
        assignee_id: route.and_then(|d| d.default_assignee_id),
        deadline,
    })
}

/// The proposal as a dispatcher reads it: the card, then where it would go, with the buttons.
pub(crate) async fn proposal(
    conn: &mut PgConnection,
    engine: &Engine,
    locale: &str,
    case: &CaseRow,
    plan: Plan,
    today: NaiveDate,
) -> Result<(String, Vec<Vec<ButtonSpec>>), EngineError> {
    let card = card::render(
        conn,
        engine,
        case,
        locale,
        today,
        History::Latest(card::LATEST_EVENTS),
    )
    .await?;
    let department = match plan.department_id {
        Some(d) => departments::by_id(conn, d).await?.map(|d| d.name),
        None => None,
    };
    let person = match plan.assignee_id {
        Some(p) => crate::store::people::by_id(conn, p).await?.map(|p| p.name),
        None => None,
    };
    let days = engine.calendar.working_days_between(today, plan.deadline);
    let line = tr(
        locale,
        "bot-dispatch-proposal",
        Args::new()
            .str(
                "department",
                department
                    .clone()
                    .unwrap_or_else(|| t(locale, "bot-dispatch-no-department")),
            )
            .str(
                "person",
                person.unwrap_or_else(|| t(locale, "bot-whole-department")),
            )
            .str("deadline", plan.deadline.format("%Y-%m-%d").to_string())
            .num("days", days as f64),
    );
    let press = |op| Press::Dispatch { plan, op };
    let mut rows = Vec::new();
    if department.is_some() {
        rows.push(vec![(
            t(locale, "bot-dispatch-confirm"),
            press(DispatchOp::Confirm),
        )]);
    }
    rows.push(vec![
        (
            t(locale, "bot-dispatch-change-department"),
            press(DispatchOp::PickDepartment),
        ),
        (
            t(locale, "bot-dispatch-change-person"),
            press(DispatchOp::PickPerson),
        ),
    ]);
    let mut last = vec![(
        t(locale, "bot-dispatch-change-deadline"),
        press(DispatchOp::PickDeadline),
    )];
    if matches!(case.status(), CaseStatus::Reported | CaseStatus::Returned) {
        last.push((
            t(locale, "bot-op-request-info"),
            Press::Case {
                case_id: case.id,
                op: CaseOp::RequestInfo,
            },
        ));
    }
    rows.push(last);
    Ok((format!("{card}\n\n{line}"), rows))
}

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
    let buttons = turn.buttons(rows).await?;
    let reply = Reply::text(text).with_buttons(buttons);
    if replace {
        turn.push_menu(reply);
    } else {
        turn.push(reply);
    }
    Ok(())
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
            let today = turn.today();
            let limits = turn.engine.settings.limits.clone();
            let mut days: Vec<u32> = Difficulty::ALL
                .iter()
                .map(|d| limits.days_for(*d))
                .collect();
            days.sort_unstable();
            days.dedup();
            let mut specs: Vec<ButtonSpec> = days
                .into_iter()
                .map(|n| {
                    let date = turn.engine.calendar.add_working_days(today, n);
                    (
                        turn.tr(
                            "bot-dispatch-deadline-choice",
                            Args::new()
                                .num("days", n as f64)
                                .str("date", date.format("%m-%d").to_string()),
                        ),
                        Press::Dispatch {
                            plan,
                            op: DispatchOp::SetDeadline { deadline: date },
                        },
                    )
                })
                .collect();
            specs.push((
                turn.t("bot-dispatch-type-deadline"),
                Press::Dispatch {
                    plan,
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
    let today = turn.today();
    let Some(date) = parse::date(raw, today) else {
        turn.say("bot-deadline-unreadable");
        return Ok(());
    };
    if date < today {
        turn.say("bot-deadline-past");
        return Ok(());
    }
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
    let Some(acted) = turn.act(case.id, &action).await? else {
        return Ok(());
    };
    let case = acted.case;
    let notice = Notice {
        kind: "case_dispatched",
        head: "bot-notify-dispatched",
        args: vec![],
        buttons: Buttons::Card,
    };
    let handlers = notify::handlers(turn, &case).await?;
    notify::people_list(turn, &handlers, &case, &notice).await?;
    notify::groups(turn, department_id, &case, &notice).await?;
    notify::cadre(
        turn,
        &case,
        &Notice {
            kind: "case_dispatched",
            head: "bot-notify-dispatched-cadre",
            args: vec![],
            buttons: Buttons::None,
        },
    )
    .await?;
    let text = turn.tr(
        "bot-dispatched",
        Args::new()
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
            .str("deadline", plan.deadline.format("%Y-%m-%d").to_string()),
    );
    turn.push_menu(Reply::text(text));
    Ok(())
}

/// The dispatcher asks the cadre for more detail.
pub(crate) async fn request_info(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let Some(acted) = turn
        .act(case_id, &Action::RequestInfo { note: note.clone() })
        .await?
    else {
        return Ok(());
    };
    let case = acted.case;
    notify::cadre(
        turn,
        &case,
        &Notice {
            kind: "case_info_requested",
            head: "bot-notify-info-requested",
            args: vec![("note", note)],
            buttons: Buttons::Card,
        },
    )
    .await?;
    turn.say_args(
        "bot-info-requested",
        Args::new().str("number", &case.number),
    );
    Ok(())
}

/// `/queue`: cases waiting for dispatch.
pub(crate) async fn queue(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !card::is_dispatcher(turn) {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    let listing = queues::awaiting_dispatch(turn.conn).await?;
    let title = turn.tr(
        "bot-queue-title",
        Args::new().num("count", listing.total as f64),
    );
    card::list(turn, title, listing, "bot-queue-empty").await
}
