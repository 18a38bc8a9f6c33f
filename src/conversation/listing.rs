//! Lists of cases (`/my`, `/todo`, `/queue`, `/overdue`): one line per case, with its deadline
//! when a department holds it, and a button per case that opens its card.

use chrono::NaiveDate;

use super::card::{deadline_text, status_label};
use super::engine::{Engine, EngineError};
use super::state::{CaseOp, Press};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::i18n::{Args, tr};
use crate::message::Reply;
use crate::store::cases::CaseRow;
use crate::store::queues;

/// A one-line entry of a case in a list, with its deadline when a department holds it.
pub(crate) fn list_line(engine: &Engine, locale: &str, case: &CaseRow, today: NaiveDate) -> String {
    // A deadline counts only while a department holds the case: a returned, resolved or closed
    // case's old date, bare in a list, would read as a date still to meet.
    let deadline = case
        .deadline
        .filter(|_| case.status().is_with_department())
        .map(|d| deadline_text(engine, locale, case.status(), d, today))
        .unwrap_or_default();
    let key = if case.is_overdue(today) {
        "bot-list-line-overdue"
    } else {
        "bot-list-line"
    };
    let line = tr(
        locale,
        key,
        Args::new()
            .str("number", &case.number)
            .str("status", status_label(locale, case.status()))
            .str("enterprise", &case.enterprise_name)
            .str("description", text::excerpt(&case.description, 40))
            .str("deadline", deadline),
    );
    // With no deadline to show, the line ends at its description (no space left over).
    line.trim_end().to_string() + &super::mode_view::list_tag(locale, case)
}

/// A list of cases with a button per case that opens its card, under the title `title_key`
/// (with `args` and the whole list's `count`); `empty_key` when there is none.
pub(crate) async fn list(
    turn: &mut Turn<'_>,
    listing: queues::Listing,
    (title_key, args): (&str, Args<'_>),
    empty_key: &str,
) -> Result<(), EngineError> {
    if listing.cases.is_empty() {
        turn.say(empty_key);
        return Ok(());
    }
    let today = turn.today();
    let title = turn.tr(title_key, args.num("count", listing.total as f64));
    let mut lines = vec![title];
    for case in &listing.cases {
        lines.push(list_line(turn.engine, turn.locale, case, today));
    }
    if listing.total > listing.cases.len() as i64 {
        lines.push(
            turn.tr(
                "bot-list-more",
                Args::new()
                    .num("shown", listing.cases.len() as f64)
                    .num("total", listing.total as f64),
            ),
        );
    }
    let rows = open_case_rows(listing.cases.iter().map(|c| (c.number.as_str(), c.id)), 3);
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    Ok(())
}

/// Rows of buttons, `per_row` to a row, each opening a case's card: (case number, case id).
pub(crate) fn open_case_rows<'a>(
    cases: impl Iterator<Item = (&'a str, i64)>,
    per_row: usize,
) -> Vec<Vec<ButtonSpec>> {
    let specs: Vec<ButtonSpec> = cases
        .map(|(number, case_id)| {
            (
                number.to_string(),
                Press::Case {
                    case_id,
                    op: CaseOp::Show,
                    seen: None,
                },
            )
        })
        .collect();
    specs.chunks(per_row).map(<[ButtonSpec]>::to_vec).collect()
}
