//! 问责: a leader decides a measure the accountability rules proposed.
//!
//! ```text
//! bot:    ⚖️ 2 项问责措施建议待决定 … [#7 王明远] [#8 李晓岚]      (the daily digest)
//! leader: [#7 王明远]
//! bot:    #7 提醒谈话 · 王明远（县发改局）：连续 61 天无走访 …
//!         [确认：提醒谈话] [改为：约谈] [改为：通报] [改为：问责建议] [不予采纳]
//! leader: [改为：约谈]
//! bot:    已确认 #7 约谈，已告知 王明远、张局长。       (the person and their unit's head told)
//! leader: [不予采纳] on #8
//! bot:    请输入不予采纳的理由：
//! leader: 已当面提醒
//! bot:    已不予采纳 #8，理由已记录。                    (nobody else is told)
//! ```
//! `/measures` lists the measures still waiting. Only leaders decide, checked on every press
//! and on the typed reason; a measure decided by another leader is not decided twice.

use super::engine::EngineError;
use super::state::{AccountOp, AccountText, Pending, Press, State};
use super::turn::{ButtonSpec, Turn};
use crate::domain::accountability::Measure;
use crate::domain::{NoticeKind, Role};
use crate::i18n::{Args, normalize_locale};
use crate::message::Reply;
use crate::reports::measures as render;
use crate::store::measures::{self, Decision, MeasureRow};
use crate::store::outbox::{self, NewNotification, Recipient};
use crate::store::people;

/// Measures listed by `/measures`.
const LISTED: i64 = 10;

/// Whether the person may decide measures (said when not).
fn leader(turn: &mut Turn<'_>) -> bool {
    if turn.person.roles.has(Role::Leader) {
        return true;
    }
    let text = turn.t("acc-leaders-only");
    tell(turn, text);
    false
}

/// A message in the chat, and the same words as the button's answer when one was pressed.
fn tell(turn: &mut Turn<'_>, text: String) {
    if turn.is_callback() {
        turn.answer(text.clone());
    }
    turn.push(Reply::text(text));
}

/// `/measures`: the measures waiting for a decision, a button each.
pub(crate) async fn command(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let rows = measures::pending(turn.conn, LISTED).await?;
    if rows.is_empty() {
        turn.say("acc-none-pending");
        return Ok(());
    }
    let l = turn.locale;
    let mut lines = vec![turn.tr(
        "acc-pending-head",
        Args::new().num("count", rows.len() as f64),
    )];
    let mut specs: Vec<Vec<ButtonSpec>> = vec![];
    for row in &rows {
        lines.push(render::line(l, row));
        let label = turn.tr(
            "acc-open-button",
            Args::new()
                .num("id", row.id as f64)
                .str("subject", render::subject(l, row)),
        );
        specs.push(vec![(
            label,
            Press::Account {
                op: AccountOp::Open { measure_id: row.id },
            },
        )]);
    }
    let buttons = turn.buttons(specs).await?;
    turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    Ok(())
}

/// A measure's button.
pub(crate) async fn press(turn: &mut Turn<'_>, op: AccountOp) -> Result<(), EngineError> {
    match op {
        AccountOp::Open { measure_id } => open(turn, measure_id).await,
        AccountOp::Confirm {
            measure_id,
            measure,
        } => decide(turn, measure_id, Decision::Confirm(measure)).await,
        AccountOp::Dismiss { measure_id } => {
            if !leader(turn) || still_proposed(turn, measure_id).await?.is_none() {
                return Ok(());
            }
            turn.state = State::Awaiting {
                pending: Pending::Account {
                    text: AccountText::DismissReason { measure_id },
                },
            };
            turn.say_args("acc-dismiss-ask", Args::new().num("id", measure_id as f64));
            Ok(())
        }
        // Typical cases have their own flow (`typical`); the router sends those there.
        AccountOp::MarkCase { .. } => Ok(()),
    }
}

/// The dismissal's reason has been typed.
pub(crate) async fn reason(
    turn: &mut Turn<'_>,
    measure_id: i64,
    raw: &str,
) -> Result<(), EngineError> {
    let Some(reason) = turn.take_text(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    decide(turn, measure_id, Decision::Dismiss(reason)).await
}

/// The measure, if it is still waiting; else the person is told who decided it.
async fn still_proposed(
    turn: &mut Turn<'_>,
    measure_id: i64,
) -> Result<Option<MeasureRow>, EngineError> {
    let Some(row) = measures::by_id(turn.conn, measure_id).await? else {
        turn.say("acc-not-found");
        return Ok(None);
    };
    if row.status != "proposed" {
        decided_already(turn, &row);
        return Ok(None);
    }
    Ok(Some(row))
}

fn decided_already(turn: &mut Turn<'_>, row: &MeasureRow) {
    let tz = turn.engine.settings.timezone;
    let text = turn.tr(
        "acc-decided-already",
        Args::new()
            .num("id", row.id as f64)
            .html("status", render::status_text(turn.locale, row, tz)),
    );
    tell(turn, text);
}

/// The measure with its decision buttons (for a leader, while it waits).
async fn open(turn: &mut Turn<'_>, measure_id: i64) -> Result<(), EngineError> {
    let Some(row) = measures::by_id(turn.conn, measure_id).await? else {
        turn.say("acc-not-found");
        return Ok(());
    };
    let text = render::card(turn.locale, &row, turn.engine.settings.timezone);
    if row.status != "proposed" || !turn.person.roles.has(Role::Leader) {
        turn.push(Reply::text(text));
        return Ok(());
    }
    let proposed = row.measure();
    let mut specs: Vec<ButtonSpec> = Measure::ALL
        .into_iter()
        .map(|m| {
            let key = if Some(m) == proposed {
                "acc-confirm-button"
            } else {
                "acc-change-button"
            };
            let label = turn.tr(
                key,
                Args::new().str("measure", render::measure_label(turn.locale, m)),
            );
            let op = AccountOp::Confirm {
                measure_id,
                measure: m,
            };
            (label, Press::Account { op })
        })
        .collect();
    // The proposed measure first.
    specs.sort_by_key(|(_, p)| !matches!(p, Press::Account { op: AccountOp::Confirm { measure, .. } } if Some(*measure) == proposed));
    specs.push((
        turn.t("acc-dismiss-button"),
        Press::Account {
            op: AccountOp::Dismiss { measure_id },
        },
    ));
    let rows = specs.chunks(2).map(<[ButtonSpec]>::to_vec).collect();
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// Records a leader's decision; a confirmed measure is told to the person and their unit's
/// head, a dismissed one to nobody.
async fn decide(
    turn: &mut Turn<'_>,
    measure_id: i64,
    decision: Decision,
) -> Result<(), EngineError> {
    if !leader(turn) {
        return Ok(());
    }
    let dismissed = matches!(decision, Decision::Dismiss(_));
    let Some(row) =
        measures::decide(turn.conn, measure_id, turn.person.id, &decision, turn.now).await?
    else {
        match measures::by_id(turn.conn, measure_id).await? {
            Some(row) => decided_already(turn, &row),
            None => turn.say("acc-not-found"),
        }
        return Ok(());
    };
    if dismissed {
        let text = turn.tr("acc-dismissed", Args::new().num("id", row.id as f64));
        tell(turn, text);
        return Ok(());
    }
    let mut told = Vec::new();
    let mut to: Vec<i64> = row.person_id.into_iter().chain(row.head_id).collect();
    to.dedup();
    for id in to {
        let Some(person) = people::by_id(turn.conn, id).await? else {
            continue;
        };
        let l = normalize_locale(&person.locale);
        let body = turn_notice(l, &row, &turn.person.name);
        outbox::enqueue(
            turn.conn,
            &NewNotification {
                recipient: Recipient::Person(id),
                case_id: row.case_id,
                kind: NoticeKind::MeasureConfirmed.code().to_string(),
                due_at: turn.now,
                not_before: turn.now,
                body: Reply::text(body),
            },
            turn.now,
        )
        .await?;
        told.push(person.name);
    }
    let text = turn.tr(
        "acc-confirmed",
        Args::new()
            .num("id", row.id as f64)
            .str("measure", render::label_of(turn.locale, &row.measure))
            .str(
                "told",
                if told.is_empty() {
                    turn.t("acc-nobody")
                } else {
                    told.join("、")
                },
            ),
    );
    tell(turn, text);
    Ok(())
}

/// What the person and their unit's head read.
fn turn_notice(locale: &str, row: &MeasureRow, by: &str) -> String {
    crate::i18n::tr(
        locale,
        "acc-confirmed-notice",
        Args::new()
            .html("line", render::line(locale, row))
            .str("by", by),
    )
}
