//! `/team [period]`: a department head (负责人) hears the work of the cadres who belong to the
//! departments they head (定期听取汇报): visits, cases raised, results waiting for the
//! enterprise's confirmation, days silent, and their rank in the county's assessment. The
//! department's own queue is `/todo`. The same report comes every week (`schedule.team_report`).
//!
//! ```text
//! 张局长:  /team
//! bot:     【县发展和改革局】助企干部工作情况（2026-11-01 至 2026-11-30）
//!          王建国：走访 3 次 · 反映问题 2 件 · 待确认 1 件 · 2 天前有动态 · 考核第 4/40 名
//!          李晓岚：走访 0 次 · 反映问题 0 件 · 待确认 0 件 · 从未走访或反映问题 · 暂无排名
//! ```

use super::engine::EngineError;
use super::menus;
use super::periods::{failed, period_or_help};
use super::turn::Turn;
use crate::message::Reply;
use crate::reports::team::{render_team, team};
use crate::reports::{PeriodSpec, Scope};

/// `/team [period]`, this month unless a period is given. (Only heads reach it: the router's
/// check, from the permission table.)
pub(crate) async fn command(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    let Some(period) = period_or_help(turn, args, PeriodSpec::ThisMonth, "team") else {
        return Ok(());
    };
    let headed = menus::headed(turn).await?;
    let report = turn.engine.report(Scope::County, period, turn.today());
    match team(turn.conn, &report, &headed).await {
        Ok(report) => {
            let text = render_team(turn.locale, &report);
            turn.push_menu(Reply::text(text));
            Ok(())
        }
        Err(e) => failed(turn, e),
    }
}
