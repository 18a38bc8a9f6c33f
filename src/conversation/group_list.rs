//! `/groups`, for admins: every bound group chat, its department, title, chat id, when it was
//! bound and whether messages still reach it. (Unbinding is `zhuqi groups unbind`.)
//!
//! ```text
//! 管理员:  /groups
//! bot:     已绑定的工作群（2）：
//!          · 县交通运输局 — “交通局工作群”（-1001234567890），2026-12-01 绑定
//!          · 县住建局 — “住建局”（-4001），2026-12-02 绑定 · 无法送达
//! ```

use super::engine::EngineError;
use super::turn::Turn;
use crate::domain::Role;
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::group_chats;

/// `/groups`: the bound group chats, for admins only.
pub(crate) async fn command(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    if !turn.person.roles.has(Role::Admin) {
        turn.say("bot-groups-admins-only");
        return Ok(());
    }
    let groups = group_chats::list(turn.conn).await?;
    if groups.is_empty() {
        turn.say("bot-groups-none");
        return Ok(());
    }
    let tz = turn.engine.settings.timezone;
    let mut lines = vec![turn.tr(
        "bot-groups-title",
        Args::new().num("count", groups.len() as f64),
    )];
    for g in &groups {
        let title = g
            .title
            .clone()
            .unwrap_or_else(|| turn.t("bot-groups-no-title"));
        let key = if g.reachable {
            "bot-groups-line"
        } else {
            "bot-groups-line-unreachable"
        };
        lines.push(
            turn.tr(
                key,
                Args::new()
                    .str("department", &g.department_name)
                    .str("title", title)
                    .str("chat", g.chat_id.to_string())
                    .str(
                        "bound",
                        g.bound_at.with_timezone(&tz).format("%Y-%m-%d").to_string(),
                    ),
            ),
        );
    }
    lines.push(turn.t("bot-groups-unbind-hint"));
    turn.push(Reply::text(lines.join("\n")));
    Ok(())
}
