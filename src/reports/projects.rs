//! The projects board (重点项目): projects by stage, behind-schedule projects first, the year's
//! investment completion rate (完成投资 ÷ 年度计划) county-wide, by township and by department,
//! and how many projects have not reported this month. Used by `/projects`, the weekly county
//! summary and the export; the chart is in `project_chart`.

use chrono::{Datelike, NaiveDate};

use super::ReportError;
use super::render::percent;
use crate::config::Settings;
use crate::domain::project::{self, Stage, completion_rate, stage_label};
use crate::domain::{Colour, WorkCalendar};
use crate::i18n::{Args, t, tr};
use crate::store::PgConnection;
use crate::store::project_board::{self, GroupTotals, StageCount};
use crate::store::projects::ProjectRow;

/// Behind-schedule projects named on the board (the rest are counted).
pub const BEHIND_NAMED: i64 = 15;
/// On-schedule projects named per stage.
pub const NAMED_PER_STAGE: i64 = 6;

/// The board as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub today: NaiveDate,
    /// Stage dates before this day are red (the escalation ladder's rule).
    pub red_before: NaiveDate,
    pub county: GroupTotals,
    pub by_stage: Vec<StageCount>,
    pub by_township: Vec<GroupTotals>,
    pub by_department: Vec<GroupTotals>,
    /// The longest behind first, at most `BEHIND_NAMED`.
    pub behind: Vec<ProjectRow>,
    pub on_schedule: Vec<(Option<Stage>, Vec<String>)>,
    /// Projects (not producing yet) with no report this month.
    pub unreported: i64,
}

impl Board {
    pub fn red(&self) -> i64 {
        self.by_stage.iter().map(|s| s.red).sum()
    }

    /// A behind project's colour on the board's day.
    pub fn colour(&self, p: &ProjectRow) -> Option<Colour> {
        match p.due_on {
            Some(d) if d < self.red_before => Some(Colour::Red),
            Some(d) if d < self.today => Some(Colour::Yellow),
            _ => None,
        }
    }
}

/// The board on `today`.
pub async fn board(
    conn: &mut PgConnection,
    today: NaiveDate,
    settings: &Settings,
    calendar: &WorkCalendar,
) -> Result<Board, ReportError> {
    let red_before = project::red_before(today, calendar, settings.limits.ladder());
    let by_stage = project_board::by_stage(conn, today, red_before).await?;
    Ok(Board {
        today,
        red_before,
        county: project_board::county(&by_stage),
        by_stage,
        by_township: project_board::by_township(conn, today).await?,
        by_department: project_board::by_department(conn, today).await?,
        behind: project_board::behind(conn, today, BEHIND_NAMED).await?,
        on_schedule: project_board::on_schedule_names(conn, today, NAMED_PER_STAGE).await?,
        unreported: project_board::unreported_count(conn, project::month_of(today)).await?,
    })
}

/// `1,200 / 2,000 万元 = 60.0%`.
pub fn completion(locale: &str, g: &GroupTotals) -> String {
    tr(
        locale,
        "project-completion",
        Args::new()
            .str("done", g.year_invested.display())
            .str("plan", g.year_plan.display())
            .str(
                "rate",
                percent(locale, completion_rate(g.year_invested, g.year_plan)),
            ),
    )
}

fn group_line(locale: &str, g: &GroupTotals) -> String {
    let name = g
        .name
        .clone()
        .unwrap_or_else(|| t(locale, "project-no-department"));
    tr(
        locale,
        "project-board-group",
        Args::new()
            .str("name", name)
            .html("completion", completion(locale, g))
            .num("projects", g.projects as f64)
            .num("behind", g.behind as f64),
    )
}

/// The arguments that name a project: its name, its township and its department (or that it
/// has none).
pub fn project_args<'a>(
    locale: &str,
    name: &str,
    township: &str,
    department: Option<&str>,
) -> Args<'a> {
    let department = department.map_or_else(|| t(locale, "project-no-department"), str::to_string);
    Args::new()
        .str("project", name)
        .str("township", township)
        .str("department", department)
}

/// A behind project's line: colour, name, where, the stage date missed and by how long.
pub fn behind_line(locale: &str, board: &Board, p: &ProjectRow) -> String {
    let colour = match board.colour(p) {
        Some(Colour::Red) => "🔴",
        _ => "🟡",
    };
    let days = p.due_on.map_or(0, |d| (board.today - d).num_days());
    tr(
        locale,
        "project-board-behind-line",
        project_args(locale, &p.name, &p.township, p.department.as_deref())
            .str("colour", colour)
            .str(
                "cadre",
                p.cadre.clone().unwrap_or_else(|| t(locale, "report-none")),
            )
            .str("stage", stage_label(locale, p.due_stage))
            .str("date", p.due_on.map(|d| d.to_string()).unwrap_or_default())
            .num("days", days as f64),
    )
}

/// The board as a message (the engine's markup).
pub fn render_board(locale: &str, board: &Board) -> String {
    let behind: i64 = board.county.behind;
    let mut out = vec![tr(
        locale,
        "project-board-title",
        Args::new()
            .str("date", board.today.to_string())
            .num("total", board.county.projects as f64)
            .num("behind", behind as f64)
            .num("red", board.red() as f64)
            .num("yellow", (behind - board.red()) as f64),
    )];
    if board.county.projects == 0 {
        out.push(t(locale, "project-board-empty"));
        return out.join("\n");
    }
    let stages: Vec<String> = board
        .by_stage
        .iter()
        .map(|s| {
            tr(
                locale,
                "project-board-stage",
                Args::new()
                    .str("stage", stage_label(locale, s.stage))
                    .num("total", s.total as f64)
                    .num("behind", s.behind as f64),
            )
        })
        .collect();
    out.push(tr(
        locale,
        "project-board-stages",
        Args::new().html("list", stages.join(" · ")),
    ));
    out.push(tr(
        locale,
        "project-board-county",
        Args::new()
            .html("completion", completion(locale, &board.county))
            .str("invested", board.county.invested.display())
            .str("investment", board.county.investment.display()),
    ));
    out.push(t(locale, "project-board-by-township"));
    out.extend(board.by_township.iter().map(|g| group_line(locale, g)));
    out.push(t(locale, "project-board-by-department"));
    out.extend(board.by_department.iter().map(|g| group_line(locale, g)));
    if !board.behind.is_empty() {
        out.push(t(locale, "project-board-behind"));
        out.extend(board.behind.iter().map(|p| behind_line(locale, board, p)));
        let more = behind - board.behind.len() as i64;
        if more > 0 {
            out.push(tr(
                locale,
                "project-board-more",
                Args::new().num("count", more as f64),
            ));
        }
    }
    if !board.on_schedule.is_empty() {
        out.push(t(locale, "project-board-on-schedule"));
        for (stage, names) in &board.on_schedule {
            let total = board
                .by_stage
                .iter()
                .find(|s| s.stage == *stage)
                .map_or(0, |s| s.total - s.behind);
            let more = total - names.len() as i64;
            out.push(tr(
                locale,
                "project-board-stage-names",
                Args::new()
                    .str("stage", stage_label(locale, *stage))
                    .str("names", names.join("、"))
                    .num("more", more.max(0) as f64),
            ));
        }
    }
    out.push(tr(
        locale,
        "project-board-unreported",
        Args::new()
            .num("month", f64::from(board.today.month()))
            .num("count", board.unreported as f64),
    ));
    out.join("\n")
}

/// The projects section of the weekly county summary: counts, the completion rate and the
/// behind projects (as on the board).
pub fn weekly_section(locale: &str, board: &Board) -> String {
    if board.county.projects == 0 {
        return String::new();
    }
    let behind = board.county.behind;
    let mut out = vec![tr(
        locale,
        "project-weekly",
        Args::new()
            .num("total", board.county.projects as f64)
            .num("behind", behind as f64)
            .num("red", board.red() as f64)
            .html("completion", completion(locale, &board.county))
            .num("month", f64::from(board.today.month()))
            .num("unreported", board.unreported as f64),
    )];
    out.extend(
        board
            .behind
            .iter()
            .take(5)
            .map(|p| behind_line(locale, board, p)),
    );
    out.join("\n")
}
