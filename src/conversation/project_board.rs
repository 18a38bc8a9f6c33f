//! `/projects` for leaders and the campaign office: the projects board (by stage, behind
//! schedule first, investment completion county-wide, by township and by department) with its
//! chart, and the list of projects not reported this month, by cadre (催报).
//!
//! ```text
//! 刘县长:  /projects
//! bot:     (the chart)
//! bot:     🏗 重点项目（2026-11-30）：共 35 个，滞后 9 个（🔴 4 · 🟡 5）
//!          按阶段：未签约 3（滞后 1） · 签约 6 · …
//!          本年投资完成率：12,345 / 20,000 万元 = 61.7% …
//!          滞后项目： 🔴 云台镇物流园项目（云台镇 · 县发展和改革局 · 王建国）：计划 2026-09-30 开工，已过 61 天
//!          11 月尚有 12 个项目未报送进展。  [📮 催报名单]
//! 刘县长:  (presses 📮 催报名单)
//! bot:     11 月未报送进展的项目（按助企干部）：王建国（13800000001）：云台镇物流园项目、…
//! ```

use super::engine::EngineError;
use super::project_state::ProjectOp;
use super::state::Press;
use super::turn::Turn;
use crate::domain::Role;
use crate::domain::project;
use crate::i18n::Args;
use crate::message::{OutFile, Reply};
use crate::reports::{ReportError, project_chart, projects};
use crate::store::project_board;

/// Cadres listed at most on the 催报 list (the rest are counted).
const UNREPORTED_LISTED: i64 = 500;

/// Whether `/projects` shows this person the county's board (leaders, the campaign office,
/// admins) rather than their own projects (cadres).
pub(crate) fn shows_board(turn: &Turn<'_>) -> bool {
    let r = &turn.person.roles;
    r.has(Role::Leader) || r.has(Role::Dispatcher) || r.has(Role::Admin)
}

/// `/projects`: the chart, then the board with the 催报 button.
pub(crate) async fn show(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let today = turn.today();
    let settings = turn.engine.settings.clone();
    let calendar = turn.engine.calendar.clone();
    let board = match projects::board(turn.conn, today, &settings, &calendar).await {
        Ok(b) => b,
        Err(ReportError::Db(e)) => return Err(e.into()),
        Err(e) => {
            let text = e.user_message(turn.locale);
            turn.push(Reply::text(text));
            return Ok(());
        }
    };
    let text = projects::render_board(turn.locale, &board);
    if board.county.projects > 0 {
        match project_chart::board_png(turn.locale, &board) {
            Ok(png) => turn.push(Reply {
                photo: Some(OutFile {
                    name: "projects.png".into(),
                    bytes: png,
                }),
                ..Reply::default()
            }),
            Err(e) => {
                tracing::warn!(error = %e, "the projects chart could not be drawn");
                let note = ReportError::Chart(e).user_message(turn.locale);
                turn.push(Reply::text(note));
            }
        }
    }
    let mut rows = Vec::new();
    if board.unreported > 0 {
        rows.push(vec![(
            turn.tr(
                "project-board-unreported-button",
                Args::new().num("count", board.unreported as f64),
            ),
            Press::Project {
                op: ProjectOp::Unreported,
            },
        )]);
    }
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// A board button, checked again against the person pressing.
pub(crate) async fn press(turn: &mut Turn<'_>, op: ProjectOp) -> Result<(), EngineError> {
    if !shows_board(turn) {
        let text = turn.t("bot-not-for-role");
        turn.notice(text);
        return Ok(());
    }
    if op == ProjectOp::Unreported {
        unreported(turn).await?;
    }
    Ok(())
}

/// A cadre on the 催报 list: id, name, phone, projects.
type CadreLine = (Option<i64>, String, Option<String>, Vec<String>);

/// The projects not reported this month, one line per cadre (催报).
async fn unreported(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let today = turn.today();
    let month = project::month_of(today);
    let list = project_board::unreported(turn.conn, month, UNREPORTED_LISTED * 20).await?;
    let month_no = f64::from(chrono::Datelike::month(&today));
    if list.is_empty() {
        turn.say_args(
            "project-unreported-none",
            Args::new().num("month", month_no),
        );
        return Ok(());
    }
    let mut lines = vec![
        turn.tr(
            "project-unreported-title",
            Args::new()
                .num("month", month_no)
                .num("count", list.len() as f64),
        ),
    ];
    let mut groups: Vec<CadreLine> = Vec::new();
    for u in list {
        match groups.last_mut() {
            Some(g) if g.0 == u.cadre_id => g.3.push(u.project),
            _ => groups.push((
                u.cadre_id,
                u.cadre.unwrap_or_else(|| turn.t("project-no-cadre")),
                u.cadre_phone,
                vec![u.project],
            )),
        }
    }
    let shown = groups.len().min(UNREPORTED_LISTED as usize);
    for (_, cadre, phone, projects) in &groups[..shown] {
        lines.push(
            turn.tr(
                "project-unreported-line",
                Args::new()
                    .str("cadre", cadre)
                    .str("phone", phone.clone().unwrap_or_default())
                    .str("projects", projects.join("、")),
            ),
        );
    }
    if groups.len() > shown {
        lines.push(turn.tr(
            "project-board-more",
            Args::new().num("count", (groups.len() - shown) as f64),
        ));
    }
    lines.push(turn.t("project-unreported-note"));
    turn.push(Reply::text(lines.join("\n")));
    Ok(())
}
