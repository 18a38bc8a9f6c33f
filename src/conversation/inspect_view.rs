//! How inspections and rectification items read, for one reader: the inspector's name, or
//! 督查组 for an unannounced visit (暗访) read by anyone but its inspector and those who see
//! everything; the cards, their buttons, and the notices to the people concerned. Shared by the
//! 督查 flows (`inspect`, `rectify`).

use chrono::NaiveDate;

use super::engine::EngineError;
use super::inspect_state::{InspectOp, RectOp};
use super::state::Press;
use super::turn::{ButtonSpec, Turn, make_buttons};
use crate::domain::inspection::{InspectionKind, may_see_rect, shows_inspector};
use crate::domain::{Actor, CaseStatus, NoticeKind, Role, escalation_colour};
use crate::i18n::{Args, normalize_locale, t, tr};
use crate::message::Reply;
use crate::store::inspections::{self, InspectionRow};
use crate::store::outbox::{self, NewNotification, Recipient};
use crate::store::rectifications::RectRow;
use crate::store::{accounts, departments, people};

pub(crate) fn kind_name(locale: &str, kind: InspectionKind) -> String {
    t(locale, &format!("inspections-kind-{}", kind.code()))
}

/// Who inspected, as this reader may know it.
pub(crate) fn inspector(
    locale: &str,
    kind: InspectionKind,
    viewer: &Actor,
    inspector_id: i64,
    name: &str,
) -> String {
    if shows_inspector(kind, viewer, inspector_id) {
        name.to_string()
    } else {
        t(locale, "inspections-team")
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn status_name(locale: &str, status: CaseStatus) -> String {
    t(locale, &format!("inspections-status-{}", status.code()))
}

/// The inspection as this reader reads it: kind, day, who, targets, findings with what became
/// of each, and for a follow-up (跟踪督查) the earlier inspection's findings, fixed or not.
pub(crate) async fn inspection_text(
    turn: &mut Turn<'_>,
    locale: &str,
    viewer: &Actor,
    row: &InspectionRow,
) -> Result<String, EngineError> {
    let mut lines = vec![tr(
        locale,
        "inspections-card-title",
        Args::new()
            .str("number", &row.number)
            .str("kind", kind_name(locale, row.kind()))
            .str("date", ymd(row.inspected_on))
            .str(
                "inspector",
                inspector(
                    locale,
                    row.kind(),
                    viewer,
                    row.inspector_id,
                    &row.inspector_name,
                ),
            ),
    )];
    let targets = inspections::targets(turn.conn, row.id).await?;
    if !targets.is_empty() {
        let names: Vec<String> = targets.iter().map(|t| t.label.clone()).collect();
        lines.push(tr(
            locale,
            "inspections-card-targets",
            Args::new().str("targets", names.join("、")),
        ));
    }
    for f in inspections::findings(turn.conn, row.id).await? {
        lines.push(finding_line(
            locale,
            f.seq,
            &f.body,
            f.rect_number.as_deref(),
            f.rect_status.as_deref(),
        ));
    }
    let earlier = match row.follows_id {
        Some(id) => inspections::by_id(turn.conn, id).await?,
        None => None,
    };
    if let Some(earlier) = earlier {
        let findings = inspections::findings(turn.conn, earlier.id).await?;
        let fixed = findings
            .iter()
            .filter(|f| f.rect_status.as_deref() == Some("closed"))
            .count();
        lines.push(tr(
            locale,
            "inspections-follow-title",
            Args::new()
                .str("number", &earlier.number)
                .num("fixed", fixed as f64)
                .num("total", findings.len() as f64),
        ));
        for f in findings {
            let key = match f.rect_status.as_deref() {
                Some("closed") => "inspections-follow-fixed",
                Some(_) => "inspections-follow-open",
                None => "inspections-follow-none",
            };
            lines.push(tr(
                locale,
                key,
                Args::new().num("seq", f.seq as f64).str("finding", &f.body),
            ));
        }
    }
    Ok(lines.join("\n"))
}

fn finding_line(
    locale: &str,
    seq: i32,
    body: &str,
    rect: Option<&str>,
    status: Option<&str>,
) -> String {
    let args = Args::new().num("seq", seq as f64).str("finding", body);
    match (rect, status.and_then(CaseStatus::parse)) {
        (Some(number), Some(s)) => tr(
            locale,
            "inspections-card-finding-rect",
            args.str("number", number)
                .str("status", status_name(locale, s)),
        ),
        _ => tr(locale, "inspections-card-finding", args),
    }
}

/// The item's card for this reader: what, whose, by when, where it stands (with its colour).
pub(crate) fn rect_text(turn: &Turn<'_>, locale: &str, viewer: &Actor, r: &RectRow) -> String {
    let today = turn.today();
    let colour = escalation_colour(
        r.status,
        Some(r.deadline),
        false,
        today,
        &turn.engine.calendar,
        turn.engine.settings.limits.ladder(),
    )
    .map(|c| format!(" {}", c.label(locale)))
    .unwrap_or_default();
    let mut text = tr(
        locale,
        "inspections-rect-card",
        Args::new()
            .str("number", &r.number)
            .str("inspection", &r.inspection_number)
            .str("kind", kind_name(locale, r.kind()))
            .str(
                "inspector",
                inspector(locale, r.kind(), viewer, r.inspector_id, &r.inspector_name),
            )
            .str("finding", &r.finding)
            .str("department", &r.department_name)
            .str("deadline", ymd(r.deadline))
            .str(
                "status",
                format!("{}{colour}", status_name(locale, r.status)),
            ),
    );
    if let Some(answer) = &r.resolution {
        text.push('\n');
        text.push_str(&tr(
            locale,
            "inspections-rect-answer",
            Args::new().str("answer", answer),
        ));
    }
    text
}

/// The buttons of the item's card that this reader may press now.
pub(crate) fn rect_buttons(locale: &str, viewer: &Actor, r: &RectRow) -> Vec<Vec<ButtonSpec>> {
    let press = |op| Press::Inspect {
        op: InspectOp::Rect { rect_id: r.id, op },
    };
    let of_department =
        viewer.roles.has(Role::Officer) && viewer.department_id == Some(r.department_id);
    let ops: &[RectOp] = match r.status {
        CaseStatus::Dispatched if of_department => &[RectOp::Accept],
        CaseStatus::Accepted | CaseStatus::InProgress if of_department => {
            &[RectOp::Progress, RectOp::Resolve]
        }
        CaseStatus::Resolved if viewer.person_id == r.inspector_id => {
            &[RectOp::Confirm, RectOp::Reopen]
        }
        _ => &[],
    };
    let row: Vec<ButtonSpec> = ops
        .iter()
        .map(|op| (op_label(locale, *op), press(*op)))
        .collect();
    vec![row]
}

fn op_label(locale: &str, op: RectOp) -> String {
    let code = match op {
        RectOp::Show => "show",
        RectOp::Accept => "accept",
        RectOp::Progress => "progress",
        RectOp::Resolve => "resolve",
        RectOp::Confirm => "confirm",
        RectOp::Reopen => "reopen",
    };
    t(locale, &format!("inspections-op-{code}"))
}

/// May the person speaking see the item (its inspector, its department, those who see all)?
pub(crate) async fn may_see(turn: &mut Turn<'_>, r: &RectRow) -> Result<bool, EngineError> {
    let heads: Vec<i64> = departments::headed_by(turn.conn, turn.person.id)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    Ok(may_see_rect(&turn.person.actor(), &heads, &r.view()))
}

/// The item's card with the buttons this person may press, as a reply.
pub(crate) async fn rect_card(turn: &mut Turn<'_>, r: &RectRow) -> Result<Reply, EngineError> {
    let actor = turn.person.actor();
    let text = rect_text(turn, turn.locale, &actor, r);
    let specs = rect_buttons(turn.locale, &actor, r);
    let buttons = turn.buttons(specs).await?;
    Ok(Reply::text(text).with_buttons(buttons))
}

/// The people a rectification item concerns on the department's side: its officers and head.
pub(crate) async fn department_people(
    turn: &mut Turn<'_>,
    department_id: i64,
) -> Result<Vec<i64>, EngineError> {
    let mut ids: Vec<i64> = departments::officers(turn.conn, department_id)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    if let Some(head) = departments::by_id(turn.conn, department_id)
        .await?
        .and_then(|d| d.head_id)
    {
        ids.push(head);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// What a notice says to one reader: the headline in their language and the card under it,
/// both written for them (the inspector hidden where they may not know it).
pub(crate) enum Told<'a> {
    Rect {
        head: &'static str,
        rect: &'a RectRow,
    },
    Inspection {
        row: &'a InspectionRow,
    },
}

/// Queues a notice to each person (never the one speaking), in their language, with the
/// buttons they may press.
pub(crate) async fn tell(
    turn: &mut Turn<'_>,
    to: &[i64],
    kind: NoticeKind,
    told: Told<'_>,
) -> Result<(), EngineError> {
    for id in to {
        if *id == turn.person.id {
            continue;
        }
        let Some(reader) = people::by_id(turn.conn, *id).await? else {
            continue;
        };
        let locale = normalize_locale(&reader.locale);
        let actor = reader.actor();
        let (text, specs) = match &told {
            Told::Rect { head, rect } => {
                let head = tr(locale, head, Args::new().str("number", &rect.number));
                let card = rect_text(turn, locale, &actor, rect);
                (
                    format!("{head}\n\n{card}"),
                    rect_buttons(locale, &actor, rect),
                )
            }
            Told::Inspection { row } => {
                let card = inspection_text(turn, locale, &actor, row).await?;
                let head = t(locale, "inspections-notice-inspected");
                (format!("{head}\n\n{card}"), vec![])
            }
        };
        let chat = accounts::first_chat(turn.conn, reader.id).await?;
        let buttons = make_buttons(turn.conn, reader.id, chat, specs, turn.now).await?;
        outbox::enqueue(
            turn.conn,
            &NewNotification {
                recipient: Recipient::Person(reader.id),
                case_id: None,
                kind: kind.code().to_string(),
                due_at: turn.now,
                not_before: turn.now,
                body: Reply::text(text).with_buttons(buttons),
            },
            turn.now,
        )
        .await?;
    }
    Ok(())
}
