//! The escalated cases in the presser's scope, behind the scan digest's button: red before
//! yellow, longest overdue first, one page at a time (counted and paged by the database), each
//! line opening the case card.

use super::engine::EngineError;
use super::listing::list_line;
use super::state::{CaseOp, Press};
use super::turn::{ButtonSpec, Turn};
use crate::domain::{Colour, Cutoffs, escalation_colour};
use crate::i18n::Args;
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

/// The digest button and the list's previous/next buttons: page `page` (from 0) of the
/// escalated cases this person may see, replacing the pressed message when `edit`. The
/// database counts and pages them, so a province's thousands of red cards are not all read.
pub(crate) async fn press(turn: &mut Turn<'_>, page: u32, edit: bool) -> Result<(), EngineError> {
    let departments = scope(turn).await?;
    if departments.as_ref().is_some_and(Vec::is_empty) {
        let text = turn.t("bot-not-for-role");
        turn.answer(text);
        return Ok(());
    }
    let today = turn.today();
    let engine = turn.engine;
    let ladder = engine.settings.limits.ladder();
    let cutoffs = Cutoffs::on(today, &engine.calendar, ladder);
    let (red, yellow) =
        queues::escalated_counts(turn.conn, departments.as_deref(), &cutoffs).await?;
    let total = usize::try_from(red + yellow).unwrap_or(usize::MAX);
    if total == 0 {
        turn.say("bot-escalated-empty");
        return Ok(());
    }
    let pages = total.div_ceil(PAGE);
    let page = (page as usize).min(pages - 1);
    let window = ((page * PAGE) as i64, PAGE as i64);
    let shown: Vec<(Colour, CaseRow)> =
        queues::escalated_page(turn.conn, departments.as_deref(), &cutoffs, window)
            .await?
            .into_iter()
            .map(|case| {
                let colour = escalation_colour(
                    case.status(),
                    case.deadline,
                    case.supervised_at.is_some(),
                    today,
                    &engine.calendar,
                    ladder,
                );
                (colour.unwrap_or(Colour::Yellow), case)
            })
            .collect();
    let mut lines = vec![
        turn.tr(
            "bot-escalated-title",
            Args::new()
                .num("red", red as f64)
                .num("yellow", yellow as f64)
                .num("page", (page + 1) as f64)
                .num("pages", pages as f64),
        ),
    ];
    for (colour, case) in &shown {
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
    rows.push(turn.pager(
        page as u32,
        pages as u32,
        ("bot-escalated-previous", "bot-escalated-next"),
        |page| Press::Escalated { page, edit: true },
    ));
    turn.show(lines.join("\n"), rows, edit).await
}
