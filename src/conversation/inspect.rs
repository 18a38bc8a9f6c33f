//! Recording an inspection (督查): the campaign office or a leader picks the kind, the earlier
//! inspection a follow-up (跟踪督查) checks, the day, types the targets and the findings, and
//! saves. The inspected are told (for 暗访 without the inspector's name).
//!
//! ```text
//! 赵主任: /inspect
//! bot:    记录督查：请选择督查类型。 [集中检查] [明查暗访] [跟踪督查]
//! 赵主任: (presses 明查暗访)
//! bot:    督查日期？ [今天 11-27] [昨天 11-26] [11-25]（或输入日期）
//! 赵主任: (presses 今天)
//! bot:    督查对象：每行一个（部门、乡镇、干部姓名、企业名称或案件编号）。
//! 赵主任: 县交通运输局
//! bot:    发现的问题：每行一条。
//! 赵主任: 窗口无人值守
//!         台账不全
//! bot:    (the draft) [保存] [取消]
//! 赵主任: 办事指南未公示          (added to the findings)
//! bot:    (the draft, three findings) [保存] [取消]
//! 赵主任: (presses 保存)
//! bot:    已记录督查 DC-2026-0001。 (the card, a [转为整改] button per finding)
//! ```

use chrono::Days;

use super::engine::EngineError;
use super::inspect_state::{InspectDraft, InspectOp, InspectWait};
use super::inspect_view::{Told, inspection_text, kind_name, tell};
use super::parse;
use super::state::{Pending, Press, State};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::NoticeKind;
use crate::domain::inspection::{InspectionKind, may_record};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::inspections::{self, NewInspection, Target};

/// Earlier inspections offered to a follow-up.
const FOLLOWABLE: i64 = 8;
/// Days back offered as buttons for the day of the inspection.
const DAYS_BACK: u64 = 3;
/// Targets or findings in one inspection, at most.
const MAX_LINES: usize = 30;

fn waiting(draft: InspectDraft) -> State {
    State::Awaiting {
        pending: Pending::Inspect {
            wait: InspectWait::Draft { draft },
        },
    }
}

fn press(op: InspectOp) -> Press {
    Press::Inspect { op }
}

/// `/inspect`: a new draft, asking for the kind.
pub(crate) async fn start(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !may_record(&turn.person.roles) {
        turn.say("inspections-not-allowed");
        return Ok(());
    }
    let draft = InspectDraft {
        id: turn.now.timestamp_micros(),
        ..InspectDraft::default()
    };
    let row: Vec<ButtonSpec> = InspectionKind::ALL
        .into_iter()
        .map(|kind| {
            (
                kind_name(turn.locale, kind),
                press(InspectOp::Kind {
                    draft: draft.id,
                    kind,
                }),
            )
        })
        .collect();
    let buttons = turn.buttons(vec![row]).await?;
    turn.push(Reply::text(turn.t("inspections-ask-kind")).with_buttons(buttons));
    turn.state = waiting(draft);
    Ok(())
}

/// The draft the chat holds, if the button was made for it; otherwise says the button is old.
fn current(turn: &mut Turn<'_>, id: i64) -> Option<InspectDraft> {
    if let State::Awaiting {
        pending: Pending::Inspect {
            wait: InspectWait::Draft { draft },
        },
    } = &turn.state
        && draft.id == id
    {
        return Some(draft.clone());
    }
    let text = turn.t("inspections-draft-gone");
    turn.answer(text);
    None
}

/// A draft button (kind, earlier inspection, day, save, cancel).
pub(crate) async fn press_draft(turn: &mut Turn<'_>, op: InspectOp) -> Result<(), EngineError> {
    let id = match op {
        InspectOp::Kind { draft, .. }
        | InspectOp::Follows { draft, .. }
        | InspectOp::Day { draft, .. }
        | InspectOp::Save { draft }
        | InspectOp::Cancel { draft } => draft,
        _ => return Ok(()),
    };
    let Some(mut draft) = current(turn, id) else {
        return Ok(());
    };
    match op {
        InspectOp::Kind { kind, .. } => {
            draft.kind = Some(kind);
            draft.follows_id = None;
        }
        InspectOp::Follows { inspection_id, .. } => draft.follows_id = Some(inspection_id),
        InspectOp::Day { date, .. } => draft.inspected_on = Some(date),
        InspectOp::Cancel { .. } => {
            turn.state = State::Idle;
            turn.say("inspections-cancelled");
            return Ok(());
        }
        InspectOp::Save { .. } => return save(turn, draft).await,
        _ => {}
    }
    ask_next(turn, draft).await
}

/// Asks for the first field the draft lacks, or shows it to save.
async fn ask_next(turn: &mut Turn<'_>, draft: InspectDraft) -> Result<(), EngineError> {
    let id = draft.id;
    if draft.kind == Some(InspectionKind::FollowUp) && draft.follows_id.is_none() {
        let earlier = inspections::recent(turn.conn, FOLLOWABLE).await?;
        if earlier.is_empty() {
            turn.say("inspections-nothing-to-follow");
            return Ok(());
        }
        let rows: Vec<Vec<ButtonSpec>> = earlier
            .iter()
            .map(|i| {
                let label = format!(
                    "{} {} {}",
                    i.number,
                    kind_name(turn.locale, i.kind()),
                    i.inspected_on.format("%m-%d")
                );
                let op = InspectOp::Follows {
                    draft: id,
                    inspection_id: i.id,
                };
                vec![(label, press(op))]
            })
            .collect();
        let buttons = turn.buttons(rows).await?;
        turn.push(Reply::text(turn.t("inspections-ask-follows")).with_buttons(buttons));
    } else if draft.inspected_on.is_none() {
        let today = turn.today();
        let row: Vec<ButtonSpec> = (0..DAYS_BACK)
            .filter_map(|n| today.checked_sub_days(Days::new(n)))
            .map(|date| {
                let label = date.format("%m-%d").to_string();
                (label, press(InspectOp::Day { draft: id, date }))
            })
            .collect();
        let buttons = turn.buttons(vec![row]).await?;
        turn.push(Reply::text(turn.t("inspections-ask-date")).with_buttons(buttons));
    } else if draft.targets.is_empty() {
        turn.say("inspections-ask-targets");
    } else if draft.findings.is_empty() {
        turn.say("inspections-ask-findings");
    } else {
        let kind = draft.kind.unwrap_or(InspectionKind::Centralized);
        let mut lines = vec![
            turn.tr(
                "inspections-draft",
                Args::new()
                    .str("kind", kind_name(turn.locale, kind))
                    .str(
                        "date",
                        draft
                            .inspected_on
                            .map(|d| d.format("%Y-%m-%d").to_string())
                            .unwrap_or_default(),
                    )
                    .str(
                        "targets",
                        draft
                            .targets
                            .iter()
                            .map(|t| t.label.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    ),
            ),
        ];
        for (n, f) in draft.findings.iter().enumerate() {
            lines.push(turn.tr(
                "inspections-card-finding",
                Args::new().num("seq", (n + 1) as f64).str("finding", f),
            ));
        }
        lines.push(turn.t("inspections-draft-add"));
        let row = vec![
            (
                turn.t("inspections-save"),
                press(InspectOp::Save { draft: id }),
            ),
            (
                turn.t("inspections-cancel"),
                press(InspectOp::Cancel { draft: id }),
            ),
        ];
        let buttons = turn.buttons(vec![row]).await?;
        turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    }
    turn.state = waiting(draft);
    Ok(())
}

/// Non-blank lines of a typed text, or none (told why) when there are none or too many.
fn lines(turn: &mut Turn<'_>, raw: &str) -> Option<Vec<String>> {
    let cleaned = turn.take_text(raw)?;
    let lines: Vec<String> = cleaned
        .lines()
        .map(str::trim)
        .filter(|l| !text::is_blank(l))
        .map(str::to_string)
        .collect();
    if lines.len() > MAX_LINES {
        turn.say_args(
            "inspections-too-many-lines",
            Args::new().num("limit", MAX_LINES as f64),
        );
        return None;
    }
    Some(lines)
}

/// Typed text for the draft: the day, the targets or the findings, whichever it waits for.
pub(crate) async fn text(
    turn: &mut Turn<'_>,
    mut draft: InspectDraft,
    raw: &str,
) -> Result<(), EngineError> {
    if draft.kind.is_none()
        || (draft.kind == Some(InspectionKind::FollowUp) && draft.follows_id.is_none())
    {
        turn.say("inspections-press-a-button");
        return Ok(());
    }
    if draft.inspected_on.is_none() {
        match parse::past_date(raw, turn.today()) {
            Some(d) if d <= turn.today() => draft.inspected_on = Some(d),
            _ => {
                turn.say("inspections-bad-date");
                return Ok(());
            }
        }
    } else if draft.targets.is_empty() {
        let Some(names) = lines(turn, raw) else {
            return Ok(());
        };
        let mut found: Vec<Target> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        for name in names {
            match inspections::find_target(turn.conn, &name)
                .await?
                .into_iter()
                .next()
            {
                Some(t) if !found.contains(&t) => found.push(t),
                Some(_) => {}
                None => unknown.push(name),
            }
        }
        if !unknown.is_empty() {
            turn.say_args(
                "inspections-unknown-targets",
                Args::new().str("names", unknown.join("、")),
            );
            return Ok(());
        }
        draft.targets = found;
    } else {
        let Some(findings) = lines(turn, raw) else {
            return Ok(());
        };
        // Findings sent in several messages add up, as a report's later texts do.
        if draft.findings.len() + findings.len() > MAX_LINES {
            turn.say_args(
                "inspections-findings-full",
                Args::new().num("limit", MAX_LINES as f64),
            );
            return Ok(());
        }
        draft.findings.extend(findings);
    }
    ask_next(turn, draft).await
}

/// Saves the draft, tells the inspected, and shows the card with a button per finding.
async fn save(turn: &mut Turn<'_>, draft: InspectDraft) -> Result<(), EngineError> {
    let (Some(kind), Some(inspected_on)) = (draft.kind, draft.inspected_on) else {
        return ask_next(turn, draft).await;
    };
    if draft.targets.is_empty() || draft.findings.is_empty() {
        return ask_next(turn, draft).await;
    }
    let row = inspections::create(
        turn.conn,
        &NewInspection {
            kind,
            inspected_on,
            inspector_id: turn.person.id,
            follows_id: draft.follows_id,
            targets: draft.targets,
            findings: draft.findings,
        },
        turn.now,
    )
    .await?;
    turn.state = State::Idle;
    let inspected = inspections::inspected_people(turn.conn, row.id).await?;
    tell(
        turn,
        &inspected,
        NoticeKind::Inspection,
        Told::Inspection { row: &row },
    )
    .await?;
    turn.say_args("inspections-saved", Args::new().str("number", &row.number));
    show(turn, row.id).await
}

/// An inspection's card, with a button to make each finding a rectification item (for those
/// who may record inspections).
pub(crate) async fn show(turn: &mut Turn<'_>, inspection_id: i64) -> Result<(), EngineError> {
    let Some(row) = inspections::by_id(turn.conn, inspection_id).await? else {
        turn.say("inspections-not-found");
        return Ok(());
    };
    let actor = turn.person.actor();
    let locale = turn.locale;
    let text = inspection_text(turn, locale, &actor, &row).await?;
    let mut rows: Vec<Vec<ButtonSpec>> = Vec::new();
    if may_record(&turn.person.roles) {
        for f in inspections::findings(turn.conn, row.id).await? {
            if f.rect_id.is_none() {
                let label = turn.tr(
                    "inspections-op-rectify",
                    Args::new().num("seq", f.seq as f64),
                );
                rows.push(vec![(
                    label,
                    press(InspectOp::Rectify { finding_id: f.id }),
                )]);
            }
        }
    }
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}
