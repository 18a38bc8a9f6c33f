//! 月报: a cadre reports a project's monthly progress — the stage reached, the investment
//! completed this month, the problems holding it back — and each problem can become a case
//! with one button (the report flow, with the project unit and the problem filled in).
//!
//! ```text
//! bot:     📋 请报送 11 月重点项目进展（1 个项目）。  [云台镇农贸市场改造项目]
//! 王建国:  (presses 云台镇农贸市场改造项目)
//! bot:     云台镇农贸市场改造项目（云台镇）现处于“开工”阶段，下一阶段“在建”计划 2026-10-15。
//!          本月达到哪个阶段？  [开工（不变）] [在建] [竣工] [投产]
//! 王建国:  (presses 在建)
//! bot:     本月完成投资多少万元？请输入数字，如 350；没有请输入 0。
//! 王建国:  350
//! bot:     有哪些问题制约项目推进？每行写一个；没有问题请点“无问题”。  [无问题]
//! 王建国:  施工用电增容手续未批复
//! bot:     已记录云台镇农贸市场改造项目 11 月进展：阶段“在建”，本月完成投资 350 万元 …
//!          1. 施工用电增容手续未批复  [⚠ 上报问题 1]
//! 王建国:  (presses ⚠ 上报问题 1)
//! bot:     这个问题的难易程度？ …   (the report flow goes on: difficulty, confirm, submit)
//! ```
//! A second report in the same month replaces the first (its investment is counted once).

use chrono::Datelike;

use super::engine::EngineError;
use super::project_state::{ProjectOp, ProjectText};
use super::state::{Pending, Press, ReportDraft, State};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::project::{self, Amount, Stage, stage_label};
use crate::domain::{Category, Role};
use crate::i18n::Args;
use crate::message::Reply;
use crate::reports::render::percent;
use crate::store::projects::{self, NewReport, ProjectRow};

/// Problems one report may list.
pub const MAX_PROBLEMS: usize = 10;

/// A cadre's `/projects`: their projects, each with its stage, schedule and a report button.
pub(crate) async fn mine(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let list = projects::of_cadre(turn.conn, turn.person.id).await?;
    if list.is_empty() {
        turn.say("project-none-mine");
        return Ok(());
    }
    let today = turn.today();
    let mut lines = vec![turn.t("project-mine-title")];
    let mut rows: Vec<Vec<ButtonSpec>> = Vec::new();
    for p in &list {
        lines.push(line(turn, p, today));
        rows.push(vec![(
            turn.tr("project-report-button", Args::new().str("project", &p.name)),
            Press::Project {
                op: ProjectOp::Report { project_id: p.id },
            },
        )]);
    }
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    Ok(())
}

/// One project as its cadre sees it in the list.
fn line(turn: &Turn<'_>, p: &ProjectRow, today: chrono::NaiveDate) -> String {
    let next = next_due(turn, p);
    let behind = p.due_on.is_some_and(|d| d < today);
    turn.tr(
        if behind {
            "project-mine-line-behind"
        } else {
            "project-mine-line"
        },
        Args::new()
            .str("project", &p.name)
            .str("stage", stage_label(turn.locale, p.stage))
            .html("next", next),
    )
}

/// "，下一阶段“在建”计划 2026-10-15", or nothing.
fn next_due(turn: &Turn<'_>, p: &ProjectRow) -> String {
    match (p.due_stage, p.due_on) {
        (Some(s), Some(d)) => turn.tr(
            "project-next-due",
            Args::new()
                .str("stage", s.label(turn.locale))
                .str("date", d.to_string()),
        ),
        _ => String::new(),
    }
}

/// The project, when the person pressing is its unit's cadre; told otherwise.
async fn own(turn: &mut Turn<'_>, project_id: i64) -> Result<Option<ProjectRow>, EngineError> {
    let found = projects::by_id(turn.conn, project_id)
        .await?
        .filter(|p| p.cadre_id == Some(turn.person.id))
        .filter(|_| turn.person.roles.has(Role::Cadre));
    if found.is_none() {
        turn.state = State::Idle;
        let text = turn.t("project-not-yours");
        turn.notice(text);
    }
    Ok(found)
}

/// A report button. `Some(draft)` when a problem is to become a case: the router hands the
/// draft to the report flow.
pub(crate) async fn press(
    turn: &mut Turn<'_>,
    op: ProjectOp,
) -> Result<Option<ReportDraft>, EngineError> {
    match op {
        ProjectOp::Report { project_id } => {
            if let Some(p) = own(turn, project_id).await? {
                stage_menu(turn, &p).await?;
            }
            Ok(None)
        }
        ProjectOp::Stage { project_id, stage } => {
            let Some(p) = own(turn, project_id).await? else {
                return Ok(None);
            };
            if stage < p.stage {
                // A button from before the project moved on: the stages as they are now.
                stage_menu(turn, &p).await?;
                return Ok(None);
            }
            turn.state = State::Awaiting {
                pending: Pending::Project {
                    project_id,
                    text: ProjectText::Invested { stage },
                },
            };
            turn.say("project-report-invested");
            Ok(None)
        }
        ProjectOp::NoProblems {
            project_id,
            stage,
            invested,
        } => {
            file(turn, project_id, stage, invested, vec![]).await?;
            Ok(None)
        }
        ProjectOp::Raise { report_id, index } => raise(turn, report_id, index).await,
        ProjectOp::Unreported => Ok(None),
    }
}

async fn stage_menu(turn: &mut Turn<'_>, p: &ProjectRow) -> Result<(), EngineError> {
    let press = |stage| Press::Project {
        op: ProjectOp::Stage {
            project_id: p.id,
            stage,
        },
    };
    let mut row: Vec<ButtonSpec> = vec![(
        turn.tr(
            "project-stage-keep",
            Args::new().str("stage", stage_label(turn.locale, p.stage)),
        ),
        press(p.stage),
    )];
    for s in Stage::ALL.into_iter().filter(|s| Some(*s) > p.stage) {
        row.push((s.label(turn.locale), press(Some(s))));
    }
    let rows: Vec<Vec<ButtonSpec>> = row.chunks(3).map(<[_]>::to_vec).collect();
    let buttons = turn.buttons(rows).await?;
    let text = turn.tr(
        "project-report-stage",
        Args::new()
            .str("project", &p.name)
            .str("township", &p.township)
            .str("stage", stage_label(turn.locale, p.stage))
            .html("next", next_due(turn, p)),
    );
    turn.push_menu(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// Typed text the report waits for: the investment, then the problems.
pub(crate) async fn text(
    turn: &mut Turn<'_>,
    project_id: i64,
    ask: ProjectText,
    raw: &str,
) -> Result<(), EngineError> {
    match ask {
        ProjectText::Invested { stage } => {
            let Some(invested) = Amount::parse(&text::clean(raw)) else {
                turn.say_args(
                    "project-report-invested-bad",
                    Args::new().str("value", text::clean(raw)),
                );
                return Ok(());
            };
            if own(turn, project_id).await?.is_none() {
                return Ok(());
            }
            turn.state = State::Awaiting {
                pending: Pending::Project {
                    project_id,
                    text: ProjectText::Problems { stage, invested },
                },
            };
            let rows = vec![vec![(
                turn.t("project-report-no-problems"),
                Press::Project {
                    op: ProjectOp::NoProblems {
                        project_id,
                        stage,
                        invested,
                    },
                },
            )]];
            let buttons = turn.buttons(rows).await?;
            let text = turn.tr(
                "project-report-problems",
                Args::new().num("max", MAX_PROBLEMS as f64),
            );
            turn.push(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
        ProjectText::Problems { stage, invested } => {
            let Some(note) = turn.take_text(raw) else {
                return Ok(());
            };
            let problems = project::problems(&note);
            if problems.len() > MAX_PROBLEMS {
                turn.say_args(
                    "project-report-too-many",
                    Args::new().num("max", MAX_PROBLEMS as f64),
                );
                return Ok(());
            }
            file(turn, project_id, stage, invested, problems).await
        }
    }
}

/// Files the report and says what it did, with a button per problem.
async fn file(
    turn: &mut Turn<'_>,
    project_id: i64,
    stage: Option<Stage>,
    invested: Amount,
    problems: Vec<String>,
) -> Result<(), EngineError> {
    if own(turn, project_id).await?.is_none() {
        return Ok(());
    }
    let today = turn.today();
    let report = NewReport {
        project_id,
        month: today,
        stage,
        invested,
        problems: problems.clone(),
        reporter_id: turn.person.id,
    };
    turn.state = State::Idle;
    let Some(filed) = projects::file_report(turn.conn, &report, today, turn.now).await? else {
        turn.say("project-not-yours");
        return Ok(());
    };
    let p = &filed.project;
    let mut lines = vec![
        turn.tr(
            "project-report-filed",
            Args::new()
                .str("project", &p.name)
                .num("month", f64::from(today.month()))
                .str("stage", stage_label(turn.locale, p.stage))
                .str("invested", invested.display())
                .str("total", p.invested.display())
                .str("year", p.year_invested.display())
                .str("plan", p.year_plan.display())
                .str(
                    "rate",
                    percent(
                        turn.locale,
                        project::completion_rate(p.year_invested, p.year_plan),
                    ),
                ),
        ),
    ];
    if filed.replaced {
        lines.push(turn.t("project-report-replaced"));
    }
    let mut rows: Vec<Vec<ButtonSpec>> = Vec::new();
    if problems.is_empty() {
        lines.push(turn.t("project-report-no-problems-noted"));
    } else {
        lines.push(turn.t("project-report-raise-hint"));
        for (i, problem) in problems.iter().enumerate() {
            lines.push(turn.tr(
                "project-report-problem-line",
                Args::new().num("n", (i + 1) as f64).str("problem", problem),
            ));
            rows.push(vec![(
                turn.tr("project-report-raise", Args::new().num("n", (i + 1) as f64)),
                Press::Project {
                    op: ProjectOp::Raise {
                        report_id: filed.report_id,
                        index: i as u16,
                    },
                },
            )]);
        }
    }
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    Ok(())
}

/// A problem of a filed report becomes a report draft for the project unit, in the key
/// projects category; the report flow asks the rest (difficulty, confirmation).
async fn raise(
    turn: &mut Turn<'_>,
    report_id: i64,
    index: u16,
) -> Result<Option<ReportDraft>, EngineError> {
    let Some(filed) = projects::report_problems(turn.conn, report_id).await? else {
        let text = turn.t("project-not-yours");
        turn.notice(text);
        return Ok(None);
    };
    let Some(p) = own(turn, filed.project_id).await? else {
        return Ok(None);
    };
    let Some(problem) = filed.problems.get(usize::from(index)) else {
        let text = turn.t("project-problem-gone");
        turn.notice(text);
        return Ok(None);
    };
    let description = turn.tr(
        "project-problem-description",
        Args::new().str("project", &p.name).str("problem", problem),
    );
    Ok(Some(ReportDraft {
        id: turn.now.timestamp_micros(),
        enterprise_id: Some(p.enterprise_id),
        description: Some(crate::i18n::html_to_text(&description)),
        category: Some(Category::KeyProject),
        ..ReportDraft::default()
    }))
}
