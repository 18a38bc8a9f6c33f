//! The escalated cases in the presser's scope, behind the scan digest's button: red before
//! yellow, longest overdue first, one page at a time, each line opening the case card.

use std::cmp::Reverse;

use super::access;
use super::engine::EngineError;
use super::listing::list_line;
use super::state::{CaseOp, Press};
use super::turn::{ButtonSpec, Turn};
use crate::domain::{Colour, escalation_colour};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases::CaseRow;
use crate::store::{departments, queues};

/// Cases on one page.
pub(crate) const PAGE: usize = 10;

/// The departments whose escalations this person sees: `None` for the whole county (leaders,
/// dispatchers, admins), else the departments they head; no departments means not for them.
async fn scope(turn: &mut Turn<'_>) -> Result<Option<Vec<i64>>, EngineError> {
    if turn.person.roles.sees_everything() {
        return Ok(None);
    }
    let headed = departments::all(turn.conn)
        .await?
        .into_iter()
        .filter(|d| d.head_id == Some(turn.person.id))
        .map(|d| d.id)
        .collect();
    Ok(Some(headed))
}

/// The yellow and red cases in scope, worst first: red before yellow, then longest overdue.
async fn escalated(
    turn: &mut Turn<'_>,
    departments: Option<&[i64]>,
) -> Result<Vec<(Colour, CaseRow)>, EngineError> {
    let today = turn.today();
    let engine = turn.engine;
    let mut cases: Vec<(Colour, CaseRow)> =
        queues::escalation_candidates(turn.conn, departments, today)
            .await?
            .into_iter()
            .filter_map(|case| {
                let colour = escalation_colour(
                    case.status(),
                    case.deadline,
                    case.supervised_at.is_some(),
                    today,
                    &engine.calendar,
                    engine.settings.limits.ladder(),
                )?;
                (colour >= Colour::Yellow).then_some((colour, case))
            })
            .collect();
    cases.sort_by_key(|(colour, case)| (Reverse(*colour), case.deadline, case.id));
    Ok(cases)
}

/// The digest button and the list's previous/next buttons: page `page` (from 0) of the
/// escalated cases this person may see, replacing the pressed message when `edit`.
pub(crate) async fn press(turn: &mut Turn<'_>, page: u32, edit: bool) -> Result<(), EngineError> {
    let departments = scope(turn).await?;
    if departments.as_ref().is_some_and(Vec::is_empty) {
        let text = turn.t("bot-not-for-role");
        turn.answer(text);
        return Ok(());
    }
    let actor = turn.person.actor();
    let cases: Vec<(Colour, CaseRow)> = escalated(turn, departments.as_deref())
        .await?
        .into_iter()
        .filter(|(_, case)| departments.is_some() || access::sees(&actor, case))
        .collect();
    if cases.is_empty() {
        turn.say("bot-escalated-empty");
        return Ok(());
    }
    let pages = cases.len().div_ceil(PAGE);
    let page = (page as usize).min(pages - 1);
    let shown = &cases[page * PAGE..cases.len().min((page + 1) * PAGE)];
    let red = cases.iter().filter(|(c, _)| *c == Colour::Red).count();
    let today = turn.today();
    let mut lines = vec![
        turn.tr(
            "bot-escalated-title",
            Args::new()
                .num("red", red as f64)
                .num("yellow", (cases.len() - red) as f64)
                .num("page", (page + 1) as f64)
                .num("pages", pages as f64),
        ),
    ];
    for (colour, case) in shown {
        let line = list_line(turn.engine, turn.locale, case, today);
        lines.push(turn.tr(
            "bot-escalated-line",
            Args::new().str("colour", colour.code()).html("line", line),
        ));
    }
    let mut rows: Vec<Vec<ButtonSpec>> = shown
        .chunks(3)
        .map(|chunk| {
            chunk
                .iter()
                .map(|(_, c)| {
                    (
                        c.number.clone(),
                        Press::Case {
                            case_id: c.id,
                            op: CaseOp::Show,
                            seen: None,
                        },
                    )
                })
                .collect()
        })
        .collect();
    let mut nav: Vec<ButtonSpec> = vec![];
    if page > 0 {
        nav.push((
            turn.t("bot-escalated-previous"),
            Press::Escalated {
                page: (page - 1) as u32,
                edit: true,
            },
        ));
    }
    if page + 1 < pages {
        nav.push((
            turn.t("bot-escalated-next"),
            Press::Escalated {
                page: (page + 1) as u32,
                edit: true,
            },
        ));
    }
    rows.push(nav);
    let buttons = turn.buttons(rows).await?;
    turn.push_page(Reply::text(lines.join("\n")).with_buttons(buttons), edit);
    Ok(())
}
