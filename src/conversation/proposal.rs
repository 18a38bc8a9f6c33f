//! The dispatch proposal as a dispatcher reads it: where a case would go (the category's
//! department and its default person), by when (the difficulty's limit in working days), with
//! the buttons to confirm or change it, and the approval item (审批事项) the report's words
//! point to. Shown by the dispatch flow and in notices to dispatchers.

use crate::store::PgConnection;
use chrono::NaiveDate;

use super::card::{self, History};
use super::engine::{Engine, EngineError};
use super::item_text;
use super::state::{CaseOp, DispatchOp, Fix, Plan, Press, Seen};
use super::text;
use super::turn::ButtonSpec;
use crate::domain::CaseStatus;
use crate::i18n::{Args, t, tr};
use crate::store::cases::CaseRow;
use crate::store::{approval, departments, people};

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
    // A case about an approval item goes where the item is handled: to the officer of its
    // first step (受理), else the department's default person, by the promised time limit.
    if let Some(item) = approval::of_case(conn, case.id).await? {
        let first = approval::steps(conn, item.id).await?.into_iter().next();
        let default = departments::by_id(conn, item.department_id).await?;
        let mut assignee_id = None;
        for p in [
            first.and_then(|s| s.person_id),
            default.and_then(|d| d.default_assignee_id),
        ]
        .into_iter()
        .flatten()
        {
            if departments::is_officer_of(conn, p, item.department_id).await? {
                assignee_id = Some(p);
                break;
            }
        }
        let days = u32::try_from(item.promised_days).unwrap_or(limit);
        return Ok(Plan {
            case_id: case.id,
            department_id: Some(item.department_id),
            assignee_id,
            deadline: engine.calendar.add_working_days(today, days),
        });
    }
    let route = match case.category() {
        Some(c) => departments::route(conn, c).await?,
        None => None,
    };
    // A default assignee who was deactivated since is not proposed: the whole department is.
    let assignee_id = match route
        .as_ref()
        .and_then(|d| Some((d.id, d.default_assignee_id?)))
    {
        Some((d, p)) if departments::is_officer_of(conn, p, d).await? => Some(p),
        _ => None,
    };
    Ok(Plan {
        case_id: case.id,
        department_id: route.as_ref().map(|d| d.id),
        assignee_id,
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
        Some(p) => people::by_id(conn, p).await?.map(|p| p.name),
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
    let seen = Some(Seen::of(case));
    let press = |op| Press::Dispatch { plan, op, seen };
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
                seen,
            },
        ));
    }
    rows.push(last);
    // The approval item the report's words point to, when the case has none yet.
    if approval::of_case(conn, case.id).await?.is_none()
        && let Some(item) = approval::proposed(conn, &case.description, plan.department_id, 1)
            .await?
            .pop()
    {
        let label = tr(
            locale,
            "items-proposal",
            Args::new().str("name", text::excerpt(&item.name, item_text::LABEL)),
        );
        let fix = Fix::Item { item_id: item.id };
        rows.push(vec![(
            label,
            Press::Fix {
                case_id: case.id,
                fix,
                seen,
            },
        )]);
    }
    Ok((format!("{card}\n\n{line}"), rows))
}
