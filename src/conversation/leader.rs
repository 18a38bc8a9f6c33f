//! Leaders (领导): `/overdue` and supervision orders (督办) on a case. (`/case NUMBER` shows
//! leaders the full process record; `/summary` and `/assess` are their own flow.)
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
//! ```

use super::act::{Done, Shown, act_and_tell};
use super::engine::EngineError;
use super::listing;
use super::menus;
use super::notify::{Audience, Buttons, Notice};
use super::state::State;
use super::turn::Turn;
use crate::domain::{Action, NoticeKind};
use crate::i18n::Args;
use crate::store::queues;

/// `/overdue`: every case a department holds past its deadline; for a department head who
/// does not see the whole county, those of the departments they head.
pub(crate) async fn overdue(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let today = turn.today();
    let listing = if turn.person.roles.sees_everything() {
        queues::overdue(turn.conn, today).await?
    } else {
        let headed = menus::headed(turn).await?;
        queues::overdue_in(turn.conn, today, &headed).await?
    };
    listing::list(
        turn,
        listing,
        ("bot-overdue-title", Args::new()),
        "bot-overdue-empty",
    )
    .await
}

/// 督办: recorded on the case, and the department head and whoever handles it are told.
pub(crate) async fn supervise(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: Option<String>,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let head = if note.is_some() {
        "bot-notify-supervised-note"
    } else {
        "bot-notify-supervised"
    };
    let notice = Notice::new(
        &[Audience::Head, Audience::Handlers],
        NoticeKind::CaseSupervised,
        head,
    )
    .arg("note", note.clone().unwrap_or_default())
    .buttons(Buttons::Card);
    let action = Action::Supervise { note };
    let done = Done::new("bot-supervised", Shown::MessageAndAnswer);
    act_and_tell(turn, case_id, &action, &[notice], done).await?;
    Ok(())
}
