//! The case card (status, enterprise, department, person, deadline with working days left,
//! supervision, roadmap, latest events) with the buttons this viewer may press, and
//! `/case NUMBER`. Shared by every flow; the router sends card buttons to the flows.
//!
//! ```text
//! 李科长:  /case 1
//! bot:     📋 ZZ-2026-0001 · 已交办待签收
//!          企业：秦岭猕猴桃合作社（马召镇）
//!          企业联系人：张经理 · 13800000001
//!          助企干部：王建国 · 13900000002
//!          类别：交通 · 难度：一般
//!          问题：厂区门前道路破损，货车进出困难
//!          责任部门：县交通运输局 · 责任人：李科长
//!          办理时限：2026-12-11（剩余 10 个工作日）
//!          办理记录：
//!          · 11-27 10:00 王建国 提出问题：厂区门前道路破损……
//!          [签收] [退回] [办理记录]
//! 李科长:  (presses 退回)
//! bot:     请写明退回 ZZ-2026-0001 的原因（发送 /cancel 放弃）。
//! 李科长:  不属于本部门职责，应由镇政府处理
//! bot:     已退回 ZZ-2026-0001，活动办将重新交办。
//! 王建国:  /case ZZ-2026-0099     (another enterprise's case, or none at all)
//! bot:     没有找到该事项，或它不在您的职责范围内。
//! ```

use crate::store::PgConnection;
use chrono::NaiveDate;

use super::access::{heads_case, sees};
use super::card_buttons::{Extras, action_specs};
use super::engine::{Engine, EngineError};
use super::menus;
use super::turn::Turn;
use super::{contacts, text};
use crate::domain::{CaseNumber, CaseStatus};
use crate::i18n::{Args, t, tr};
use crate::message::Reply;
use crate::store::cases::{self, CaseRow};
use crate::store::{self, attachments, extensions, milestones, queues};

/// How much of the process record a card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum History {
    Latest(usize),
    Full,
}

/// Events shown on an ordinary card.
pub(crate) const LATEST_EVENTS: usize = 3;
/// Characters of the description shown on a card, and of each event's note.
const DESCRIPTION_EXCERPT: usize = 300;
const NOTE_EXCERPT: usize = 120;

fn label(locale: &str, prefix: &str, code: &str) -> String {
    t(locale, &format!("{prefix}-{code}"))
}

/// A status as people read it.
pub(crate) fn status_label(locale: &str, status: CaseStatus) -> String {
    label(locale, "status", status.code())
}

/// The deadline with working days left or overdue, as a card shows it.
pub(crate) fn deadline_text(
    engine: &Engine,
    locale: &str,
    status: CaseStatus,
    deadline: NaiveDate,
    today: NaiveDate,
) -> String {
    let date = deadline.format("%Y-%m-%d").to_string();
    if !status.is_with_department() {
        return date;
    }
    let left = if today > deadline {
        let days = engine.calendar.working_days_between(deadline, today);
        tr(
            locale,
            "calendar-days-overdue",
            Args::new().num("days", days as f64),
        )
    } else {
        let days = engine.calendar.working_days_between(today, deadline);
        tr(
            locale,
            "calendar-days-left",
            Args::new().num("days", days as f64),
        )
    };
    tr(
        locale,
        "bot-deadline-with-days",
        Args::new().str("date", date).str("left", left),
    )
}

/// The card's first line: number and status, marked when overdue.
fn head_line(case: &CaseRow, locale: &str, today: NaiveDate) -> String {
    let key = if case.is_overdue(today) {
        "bot-card-head-overdue"
    } else {
        "bot-card-head"
    };
    let status = label(locale, "status", case.status().code());
    tr(
        locale,
        key,
        Args::new()
            .str("number", &case.number)
            .str("status", status),
    )
}

fn category_line(case: &CaseRow, locale: &str) -> String {
    let args = Args::new()
        .str("category", label(locale, "category", &case.category))
        .str("difficulty", label(locale, "difficulty", &case.difficulty));
    tr(locale, "bot-card-category", args)
}

/// The department and person holding the case, once it is dispatched.
fn department_line(case: &CaseRow, locale: &str) -> Option<String> {
    let department = case.department_name.as_ref()?;
    let assignee = case
        .assignee_name
        .clone()
        .unwrap_or_else(|| t(locale, "bot-whole-department"));
    let args = Args::new()
        .str("department", department)
        .str("assignee", assignee);
    Some(tr(locale, "bot-card-department", args))
}

fn deadline_line(
    engine: &Engine,
    case: &CaseRow,
    locale: &str,
    today: NaiveDate,
) -> Option<String> {
    let deadline = case.deadline?;
    let text = deadline_text(engine, locale, case.status(), deadline, today);
    Some(tr(
        locale,
        "bot-card-deadline",
        Args::new().str("deadline", text),
    ))
}

/// 三色督办: the same ladder the scheduler escalates by.
fn colour_line(engine: &Engine, case: &CaseRow, locale: &str, today: NaiveDate) -> Option<String> {
    let colour = crate::domain::escalation_colour(
        case.status(),
        case.deadline,
        case.supervised_at.is_some(),
        today,
        &engine.calendar,
        engine.settings.limits.ladder(),
    )?;
    Some(t(locale, &format!("bot-card-colour-{}", colour.code())))
}

/// The card a department's group chat sees. Everyone in the group reads it, not only the
/// department's people, so it says what the department needs to pick the case up (number,
/// status, category, township, department and person, deadline and colour) and leaves out the
/// enterprise, the description and the process record: those are shown in a private chat,
/// where who asks is known (`/case NUMBER`).
pub(crate) fn render_for_group(
    engine: &Engine,
    case: &CaseRow,
    locale: &str,
    today: NaiveDate,
) -> String {
    let mut lines = vec![
        head_line(case, locale, today),
        category_line(case, locale),
        tr(
            locale,
            "bot-group-card-township",
            Args::new().str("township", &case.township_name),
        ),
    ];
    lines.extend(department_line(case, locale));
    lines.extend(deadline_line(engine, case, locale, today));
    lines.extend(colour_line(engine, case, locale, today));
    lines.push(tr(
        locale,
        "bot-group-card-private",
        Args::new().str("number", &case.number),
    ));
    lines.join("\n")
}

/// Renders a case card in `locale`.
pub(crate) async fn render(
    conn: &mut PgConnection,
    engine: &Engine,
    case: &CaseRow,
    locale: &str,
    today: NaiveDate,
    history: History,
) -> Result<String, EngineError> {
    let tz = engine.settings.timezone;
    let mut lines = vec![head_line(case, locale, today)];
    lines.push(tr(
        locale,
        "bot-card-enterprise",
        Args::new()
            .str("enterprise", &case.enterprise_name)
            .str("township", &case.township_name),
    ));
    let who = store::contacts::of_case(conn, case.id).await?;
    lines.extend(contacts::people_lines(locale, &who));
    lines.push(category_line(case, locale));
    lines.push(tr(
        locale,
        "bot-card-description",
        Args::new().str(
            "description",
            text::excerpt(&case.description, DESCRIPTION_EXCERPT),
        ),
    ));
    if let Some(line) = department_line(case, locale) {
        lines.push(line);
        lines.extend(contacts::department_lines(locale, &who));
    }
    lines.extend(deadline_line(engine, case, locale, today));
    for x in extensions::of_case(conn, case.id).await? {
        lines.push(extension_line(locale, &x));
    }
    lines.extend(super::mode_view::card_lines(conn, locale, tz, case).await?);
    lines.extend(colour_line(engine, case, locale, today));
    if let Some(resolution) = &case.resolution {
        lines.push(tr(
            locale,
            "bot-card-resolution",
            Args::new().str("answer", text::excerpt(resolution, DESCRIPTION_EXCERPT)),
        ));
    }
    if let Some(s) = &case.satisfaction {
        lines.push(tr(
            locale,
            "bot-card-satisfaction",
            Args::new().str("satisfaction", label(locale, "satisfaction", s)),
        ));
    }
    if let Some(s) = queues::latest_supervision(conn, case.id).await? {
        let key = if s.note.is_some() {
            "bot-card-supervised-note"
        } else {
            "bot-card-supervised"
        };
        lines.push(tr(
            locale,
            key,
            Args::new()
                .str(
                    "date",
                    s.created_at
                        .with_timezone(&tz)
                        .format("%Y-%m-%d")
                        .to_string(),
                )
                .str("leader", s.leader_name)
                .str(
                    "note",
                    text::excerpt(s.note.as_deref().unwrap_or(""), NOTE_EXCERPT),
                ),
        ));
    }
    let files = attachments::count(conn, case.id).await?;
    if files > 0 {
        lines.push(tr(
            locale,
            "bot-card-files",
            Args::new().num("count", files as f64),
        ));
    }
    if let Some(item) = store::approval::of_case(conn, case.id).await? {
        let args = Args::new().str("name", item.name).str("code", item.code);
        let args = args.num("promised", f64::from(item.promised_days));
        lines.push(tr(locale, "items-card-line", args));
    }
    let roadmap = milestones::of_case(conn, case.id).await?;
    if !roadmap.is_empty() {
        lines.push(t(locale, "bot-card-roadmap"));
        for m in roadmap {
            let key = if m.done_at.is_some() {
                "bot-card-milestone-done"
            } else {
                "bot-card-milestone"
            };
            lines.push(tr(
                locale,
                key,
                Args::new()
                    .str("date", m.due_on.format("%m-%d").to_string())
                    .str("title", text::excerpt(&m.title, NOTE_EXCERPT)),
            ));
        }
    }
    let events = cases::events(conn, case.id).await?;
    let shown: &[cases::EventRow] = match history {
        History::Full => &events,
        History::Latest(n) => &events[events.len().saturating_sub(n)..],
    };
    if !shown.is_empty() {
        let key = if shown.len() < events.len() {
            "bot-card-events-latest"
        } else {
            "bot-card-events"
        };
        lines.push(tr(
            locale,
            key,
            Args::new().num("count", events.len() as f64),
        ));
        let per_event = attachments::per_event(conn, case.id).await?;
        for e in shown {
            let actor = e
                .actor_name
                .clone()
                .unwrap_or_else(|| t(locale, "bot-system"));
            let args = Args::new()
                .str(
                    "time",
                    e.created_at
                        .with_timezone(&tz)
                        .format("%m-%d %H:%M")
                        .to_string(),
                )
                .str("actor", actor)
                .str("what", label(locale, "event", &e.kind));
            let mut line = match &e.note {
                Some(note) => tr(
                    locale,
                    "bot-card-event-note",
                    args.str("note", text::excerpt(note, NOTE_EXCERPT)),
                ),
                None => tr(locale, "bot-card-event", args),
            };
            if let Some(to) = e.data.get("to_deadline").and_then(|d| d.as_str()) {
                // Extensions asked, approved or refused, deadlines set: the date concerned.
                line.push_str(&tr(
                    locale,
                    "casework-card-event-deadline",
                    Args::new().str("date", to),
                ));
            }
            if let Some((_, n)) = per_event.iter().find(|(id, _)| *id == e.id) {
                line.push_str(&tr(
                    locale,
                    "casework-card-event-files",
                    Args::new().num("count", *n as f64),
                ));
            }
            lines.push(line);
        }
    }
    Ok(lines.join("\n"))
}

/// One extension request (延期) as the card lists it: asked, approved or refused.
fn extension_line(locale: &str, x: &extensions::ExtensionRow) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let args = Args::new()
        .str("from", date(x.old_deadline).unwrap_or_else(|| "-".into()))
        .str("to", date(Some(x.proposed)).unwrap_or_default())
        .str("requester", &x.requester_name)
        .str("decider", x.decider_name.clone().unwrap_or_default())
        .str("reason", text::excerpt(&x.reason, NOTE_EXCERPT))
        .str(
            "note",
            text::excerpt(x.decision_note.as_deref().unwrap_or("-"), NOTE_EXCERPT),
        );
    let key = match x.status.as_str() {
        "approved" => "casework-card-extension-approved",
        "refused" => "casework-card-extension-refused",
        "withdrawn" => "casework-card-extension-withdrawn",
        _ => "casework-card-extension-pending",
    };
    tr(locale, key, args)
}

/// Shows a case card with this person's buttons.
pub(crate) async fn show(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    history: History,
) -> Result<(), EngineError> {
    let today = turn.today();
    let text = render(turn.conn, turn.engine, case, turn.locale, today, history).await?;
    let actor = turn.person.actor();
    let extras = Extras::of(turn.conn, case.id).await?;
    let specs = action_specs(
        turn.locale,
        &actor,
        case,
        today,
        history != History::Full,
        extras,
    );
    let buttons = turn.buttons(specs).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// Loads a case this person may see; anything else reads as "not found", to leak nothing.
pub(crate) async fn visible(
    turn: &mut Turn<'_>,
    case_id: i64,
) -> Result<Option<CaseRow>, EngineError> {
    let case = cases::by_id(turn.conn, case_id).await?;
    seen_by(turn, case).await
}

/// The case, if the speaking person may see it: by their roles, or as the head (负责人) of
/// the department that holds it.
async fn seen_by(
    turn: &mut Turn<'_>,
    case: Option<CaseRow>,
) -> Result<Option<CaseRow>, EngineError> {
    let Some(case) = case else {
        return Ok(None);
    };
    if sees(&turn.person.actor(), &case) || heads_case(&menus::headed(turn).await?, &case) {
        Ok(Some(case))
    } else {
        Ok(None)
    }
}

/// `/case NUMBER`.
pub(crate) async fn command(turn: &mut Turn<'_>, number: CaseNumber) -> Result<(), EngineError> {
    let case = cases::by_number(turn.conn, number.as_str()).await?;
    let Some(case) = seen_by(turn, case).await? else {
        turn.say("bot-case-not-found");
        return Ok(());
    };
    let history = if turn.person.roles.sees_everything() {
        History::Full
    } else {
        History::Latest(LATEST_EVENTS)
    };
    show(turn, &case, history).await
}
