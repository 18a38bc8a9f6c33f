//! Leaders (领导): `/overdue`, supervision orders (督办) on a case, and `/summary` for this
//! week's county numbers. (`/case NUMBER` shows leaders the full process record; see `card`.)
//!
//! ```text
//! 刘县长:  /overdue
//! bot:     超期事项（1）：
//!          · ZZ-2026-0003 · 办理中 · 宏达机械厂 · … · 2026-11-20（已超期 5 个工作日）
//!          [ZZ-2026-0003]
//! 刘县长:  (presses ZZ-2026-0003, then 督办)
//! bot:     请写督办要求（可直接点“直接督办”）。  [直接督办]
//! 刘县长:  请本周内拿出解决方案
//! bot:     已对 ZZ-2026-0003 下达督办，部门负责人和责任人已收到通知。
//! 刘县长:  /summary
//! bot:     本周全县情况（11-23 至 11-27）：新增 12 件，交办 10 件，办结答复 6 件，确认办结 5 件；
//!          未办结 40 件，其中超期 3 件、督办 2 件。
//! ```

use chrono::{Datelike, Days, TimeZone};

use super::Reply;
use super::card;
use super::engine::{EngineError, Turn};
use super::notify::{self, Buttons, Notice};
use super::state::State;
use crate::domain::Action;
use crate::i18n::Args;
use crate::store::queues;

/// `/overdue`: every case a department holds past its deadline.
pub(crate) async fn overdue(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !turn.person.roles.sees_everything() {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    let today = turn.today();
    let listing = queues::overdue(turn.conn, today).await?;
    let title = turn.tr(
        "bot-overdue-title",
        Args::new().num("count", listing.total as f64),
    );
    card::list(turn, title, listing, "bot-overdue-empty").await
}

/// `/summary`: this week's county numbers, from Monday 00:00 local time until now. A basic
/// count kept apart from the reports module, which gives the full drill-down.
pub(crate) async fn summary(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !turn.person.roles.sees_everything() {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    let today = turn.today();
    let monday = today
        .checked_sub_days(Days::new(u64::from(today.weekday().num_days_from_monday())))
        .unwrap_or(today);
    let tz = turn.engine.settings.timezone;
    let from = tz
        .from_local_datetime(&monday.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or(turn.now);
    let counts = queues::counts(turn.conn, from, turn.now, today).await?;
    turn.say_args(
        "bot-summary",
        Args::new()
            .str("from", monday.format("%m-%d").to_string())
            .str("to", today.format("%m-%d").to_string())
            .num("reported", counts.reported as f64)
            .num("dispatched", counts.dispatched as f64)
            .num("resolved", counts.resolved as f64)
            .num("closed", counts.closed as f64)
            .num("open", counts.open as f64)
            .num("overdue", counts.overdue as f64)
            .num("supervised", counts.supervised as f64),
    );
    Ok(())
}

/// 督办: recorded on the case, and the department head and the responsible person are told.
pub(crate) async fn supervise(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: Option<String>,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let action = Action::Supervise { note: note.clone() };
    let Some(acted) = turn.act(case_id, &action).await? else {
        return Ok(());
    };
    let case = acted.case;
    let mut recipients = notify::handlers(turn, &case).await?;
    if let Some(head) = notify::head(turn, &case).await? {
        recipients.insert(0, head);
    }
    let notice = Notice {
        kind: "case_supervised",
        head: if note.is_some() {
            "bot-notify-supervised-note"
        } else {
            "bot-notify-supervised"
        },
        args: vec![("note", note.unwrap_or_default())],
        buttons: Buttons::Card,
    };
    notify::people_list(turn, &recipients, &case, &notice).await?;
    let text = turn.tr("bot-supervised", Args::new().str("number", &case.number));
    if turn.is_callback() {
        turn.answer(text.clone());
    }
    turn.push(Reply::text(text));
    Ok(())
}
