//! Rectification items (整改事项): a finding handed to a department with a deadline in working
//! days; the department signs for it, reports progress and reports it fixed; the inspector
//! confirms it (closed) or sends it back. `/inspections` lists the open items by unit.
//!
//! ```text
//! 赵主任: (presses 📌 第1条转为整改 on the card of DC-2026-0001)
//! bot:    责任单位？ [县交通运输局] [县金融办] …
//! 赵主任: (presses 县交通运输局) → 整改期限？ [5 个工作日] [10 个工作日] …
//! 赵主任: (presses 10 个工作日) → 已转为整改事项 ZG-2026-0001，县交通运输局，2026-12-11 前。
//! 李科长: (presses ✍️ 签收, later 🏁 整改完成 and types what was done)
//! 赵主任: (presses ✅ 确认整改到位) → ZG-2026-0001 已销号。
//! ```

use super::engine::EngineError;
use super::inspect_state::{InspectOp, InspectWait, RectOp};
use super::inspect_view::{Told, department_people, may_see, rect_card, rect_text, tell};
use super::periods::period_or_help;
use super::state::{Pending, Press, State};
use super::turn::{ButtonSpec, Turn};
use crate::domain::inspection::{RectAction, may_record};
use crate::domain::{CaseNumber, NoticeKind, Role, TransitionError};
use crate::i18n::Args;
use crate::message::{OutFile, Reply};
use crate::reports::{self, PeriodSpec};
use crate::store::rectifications::{self, RectError, RectRow};
use crate::store::{departments, inspections};

/// Deadlines offered, in working days.
const DUE_DAYS: [u32; 4] = [5, 10, 15, 20];
/// Items listed by `/inspections` with a button each.
const LISTED_BUTTONS: usize = 10;

fn press(op: InspectOp) -> Press {
    Press::Inspect { op }
}

/// 📌: which department answers for the finding (those the inspection looked at first).
pub(crate) async fn pick_unit(turn: &mut Turn<'_>, finding_id: i64) -> Result<(), EngineError> {
    if !may_record(&turn.person.roles) {
        turn.say("inspections-not-allowed");
        return Ok(());
    }
    let Some(finding) = inspections::finding(turn.conn, finding_id).await? else {
        turn.say("inspections-not-found");
        return Ok(());
    };
    if let Some(number) = finding.rect_number {
        turn.say_args(
            "inspections-already-rect",
            Args::new().str("number", number),
        );
        return Ok(());
    }
    let targeted: Vec<i64> = inspections::targets(turn.conn, finding.inspection_id)
        .await?
        .into_iter()
        .filter(|t| t.kind == crate::domain::inspection::TargetKind::Department)
        .map(|t| t.id)
        .collect();
    let mut all = departments::all(turn.conn).await?;
    all.sort_by_key(|d| !targeted.contains(&d.id));
    let rows: Vec<Vec<ButtonSpec>> = all
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .map(|d| {
                    let op = InspectOp::Unit {
                        finding_id,
                        department_id: d.id,
                    };
                    (d.name.clone(), press(op))
                })
                .collect()
        })
        .collect();
    let buttons = turn.buttons(rows).await?;
    let text = turn.tr(
        "inspections-ask-unit",
        Args::new()
            .num("seq", finding.seq as f64)
            .str("finding", &finding.body),
    );
    // A new message: the inspection's card stays, with its other findings' buttons.
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// The department chosen: which deadline?
pub(crate) async fn pick_due(
    turn: &mut Turn<'_>,
    finding_id: i64,
    department_id: i64,
) -> Result<(), EngineError> {
    let row = turn.working_day_choices("inspections-due-choice", DUE_DAYS, |days, _| {
        press(InspectOp::Due {
            finding_id,
            department_id,
            days,
        })
    });
    let buttons = turn.buttons(vec![row]).await?;
    turn.push_menu(Reply::text(turn.t("inspections-ask-due")).with_buttons(buttons));
    Ok(())
}

/// Makes the rectification item and tells the department.
pub(crate) async fn create(
    turn: &mut Turn<'_>,
    finding_id: i64,
    department_id: i64,
    days: u32,
) -> Result<(), EngineError> {
    if !may_record(&turn.person.roles) {
        turn.say("inspections-not-allowed");
        return Ok(());
    }
    let deadline = turn.engine.calendar.add_working_days(turn.today(), days);
    let made = rectifications::create(
        turn.conn,
        finding_id,
        department_id,
        deadline,
        turn.person.id,
        turn.now,
    )
    .await;
    let rect = match made {
        Ok(r) => r,
        Err(RectError::AlreadyRectified) => {
            turn.say("inspections-already-rect-any");
            return Ok(());
        }
        Err(e) => return Err(store_error(e)),
    };
    let to = department_people(turn, department_id).await?;
    let head = "inspections-notice-new";
    tell(
        turn,
        &to,
        NoticeKind::Rectification,
        Told::Rect { head, rect: &rect },
    )
    .await?;
    turn.say_args(
        "inspections-rect-made",
        Args::new()
            .str("number", &rect.number)
            .str("department", &rect.department_name)
            .str("deadline", rect.deadline.format("%Y-%m-%d").to_string()),
    );
    Ok(())
}

fn store_error(e: RectError) -> EngineError {
    match e {
        RectError::Store(s) => s.into(),
        other => crate::store::StoreError::Constraint(other.to_string()).into(),
    }
}

/// A card button of a rectification item.
pub(crate) async fn press_rect(
    turn: &mut Turn<'_>,
    rect_id: i64,
    op: RectOp,
) -> Result<(), EngineError> {
    let Some(rect) = rectifications::by_id(turn.conn, rect_id).await? else {
        turn.say("inspections-not-found");
        return Ok(());
    };
    if !may_see(turn, &rect).await? {
        turn.say("inspections-not-found");
        return Ok(());
    }
    match op {
        RectOp::Show => {
            let card = rect_card(turn, &rect).await?;
            turn.push(card);
            Ok(())
        }
        RectOp::Accept => act(turn, &rect, RectAction::Accept).await,
        RectOp::Confirm => act(turn, &rect, RectAction::Confirm).await,
        RectOp::Progress | RectOp::Resolve | RectOp::Reopen => {
            // Asked only when the step is allowed now (a probe with placeholder text).
            let probe = action(op, "-");
            if let Err(e) =
                crate::domain::inspection::rect_apply(&turn.person.actor(), &rect.view(), &probe)
            {
                refuse(turn, &e);
                return Ok(());
            }
            turn.state = State::Awaiting {
                pending: Pending::Inspect {
                    wait: InspectWait::Rect { rect_id, op },
                },
            };
            let key = match op {
                RectOp::Progress => "inspections-ask-progress",
                RectOp::Resolve => "inspections-ask-resolve",
                _ => "inspections-ask-reopen",
            };
            turn.say_args(key, Args::new().str("number", &rect.number));
            Ok(())
        }
    }
}

fn action(op: RectOp, note: &str) -> RectAction {
    let note = note.to_string();
    match op {
        RectOp::Progress => RectAction::Progress { note },
        RectOp::Resolve => RectAction::Resolve { answer: note },
        RectOp::Reopen => RectAction::Reopen { reason: note },
        RectOp::Accept => RectAction::Accept,
        RectOp::Show | RectOp::Confirm => RectAction::Confirm,
    }
}

fn refuse(turn: &mut Turn<'_>, e: &TransitionError) {
    let text = match e {
        TransitionError::RoleNotAllowed | TransitionError::OutOfScope => {
            turn.t("inspections-not-yours")
        }
        e => turn.refusal(e),
    };
    turn.notice(text);
}

/// The note a rectification step waited for has come.
pub(crate) async fn text(
    turn: &mut Turn<'_>,
    rect_id: i64,
    op: RectOp,
    raw: &str,
) -> Result<(), EngineError> {
    let Some(note) = turn.take_text(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    let Some(rect) = rectifications::by_id(turn.conn, rect_id).await? else {
        turn.say("inspections-not-found");
        return Ok(());
    };
    act(turn, &rect, action(op, &note)).await
}

/// Acts on the item, tells the other side (the department, or the inspector), and shows the
/// card as it is now.
async fn act(turn: &mut Turn<'_>, rect: &RectRow, action: RectAction) -> Result<(), EngineError> {
    let actor = turn.person.actor();
    let acted = match rectifications::act(turn.conn, rect.id, &actor, &action, turn.now).await {
        Ok(r) => r,
        Err(RectError::Refused(e)) => {
            refuse(turn, &e);
            return Ok(());
        }
        Err(RectError::NotFound) => {
            turn.say("inspections-not-found");
            return Ok(());
        }
        Err(e) => return Err(store_error(e)),
    };
    let (to, head): (Vec<i64>, &'static str) = match action {
        RectAction::Accept => (vec![acted.inspector_id], "inspections-notice-accepted"),
        RectAction::Progress { .. } => (vec![acted.inspector_id], "inspections-notice-progress"),
        RectAction::Resolve { .. } => (vec![acted.inspector_id], "inspections-notice-resolved"),
        RectAction::Confirm => (
            department_people(turn, acted.department_id).await?,
            "inspections-notice-closed",
        ),
        RectAction::Reopen { .. } => (
            department_people(turn, acted.department_id).await?,
            "inspections-notice-reopened",
        ),
    };
    let told = Told::Rect { head, rect: &acted };
    tell(turn, &to, NoticeKind::Rectification, told).await?;
    let done = turn.tr(
        &format!("inspections-done-{}", action.event_kind()),
        Args::new().str("number", &acted.number),
    );
    turn.notice(done.clone());
    let card = rect_card(turn, &acted).await?;
    turn.push(card);
    Ok(())
}

/// `/inspections`: the open items by unit — all of them for those who see everything, the
/// department's own for its officers and head. `/inspections DC-…` shows an inspection.
pub(crate) async fn list(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let actor = turn.person.actor();
    let mut items = if actor.roles.sees_everything() {
        rectifications::open(turn.conn, None).await?
    } else {
        let mut mine: Vec<i64> = departments::headed_by(turn.conn, turn.person.id)
            .await?
            .into_iter()
            .map(|d| d.id)
            .collect();
        if actor.roles.has(Role::Officer)
            && let Some(d) = actor.department_id
        {
            mine.push(d);
        }
        let mut items = Vec::new();
        for d in mine {
            items.extend(rectifications::open(turn.conn, Some(d)).await?);
        }
        items
    };
    items.dedup_by_key(|r| r.id);
    if items.is_empty() {
        turn.say("inspections-none-open");
        return Ok(());
    }
    let mut lines = vec![turn.tr(
        "inspections-open-title",
        Args::new().num("count", items.len() as f64),
    )];
    let mut unit = String::new();
    for r in &items {
        if r.department_name != unit {
            unit = r.department_name.clone();
            let n = items
                .iter()
                .filter(|i| i.department_id == r.department_id)
                .count();
            lines.push(turn.tr(
                "inspections-open-unit",
                Args::new().str("department", &unit).num("count", n as f64),
            ));
        }
        let card = rect_text(turn, turn.locale, &actor, r);
        lines.push(card.lines().next().unwrap_or_default().to_string());
    }
    let rows: Vec<Vec<ButtonSpec>> = items
        .iter()
        .take(LISTED_BUTTONS)
        .map(|r| {
            let op = InspectOp::Rect {
                rect_id: r.id,
                op: RectOp::Show,
            };
            vec![(r.number.clone(), press(op))]
        })
        .collect();
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    Ok(())
}

/// `/case ZG-2026-0001`: a rectification item's card, for those who may see it; anyone else
/// is told there is no such item, as for a case.
pub(crate) async fn open_numbered(
    turn: &mut Turn<'_>,
    number: &CaseNumber,
) -> Result<(), EngineError> {
    match rectifications::by_number(turn.conn, number.as_str()).await? {
        Some(rect) if may_see(turn, &rect).await? => {
            let card = rect_card(turn, &rect).await?;
            turn.push(card);
        }
        _ => turn.say("inspections-not-found"),
    }
    Ok(())
}

/// `/inspections report [period]`: the inspection report for a period (this month when none
/// is given), as text with its 督查整改台账 as a spreadsheet. For those who see everything.
pub(crate) async fn report(turn: &mut Turn<'_>, period: &str) -> Result<(), EngineError> {
    if !turn.person.roles.sees_everything() {
        turn.say("inspections-report-not-allowed");
        return Ok(());
    }
    // Read as every report command reads its period (上月, 2026-11-01 至 2026-11-30, …).
    let Some(spec) = period_or_help(turn, period, PeriodSpec::ThisMonth, "inspections report")
    else {
        return Ok(());
    };
    let today = turn.today();
    let p = spec.resolve(today);
    let tz = turn.engine.settings.timezone;
    let made = match reports::inspections::report(turn.conn, p.from, p.to, today).await {
        Ok(r) => reports::inspections::report_workbook(&r, today, tz, turn.locale)
            .map(|bytes| (reports::inspections::render_text(turn.locale, &r), bytes)),
        Err(e) => Err(e),
    };
    match made {
        Ok((text, bytes)) => {
            turn.push(Reply::text(text));
            let name = format!("inspections-{}-{}.xlsx", p.from, p.to);
            turn.push(Reply {
                document: Some(OutFile { name, bytes }),
                ..Reply::default()
            });
        }
        Err(e) => {
            tracing::error!(error = %e, "the inspection report could not be made");
            let text = e.user_message(turn.locale);
            turn.push(Reply::text(text));
        }
    }
    Ok(())
}
