//! Reports in chat: `/summary` with its chart and drill-down buttons, `/assess` (the
//! assessment table) and `/export` (the ledger as a spreadsheet). Whose cases are counted is
//! worked out from the person asking, every time; a button only says where to look.
//!
//! ```text
//! 刘县长:  /summary
//! bot:     (图片 summary.png：本期新增事项按类别和现状，近 8 周新增与办结)
//! bot:     📊 助企工作汇总
//!          范围：全县
//!          本周：2026-11-23 至 2026-11-29
//!          …
//!          [交通] [金融]  [📋 事项清单]  [上周] [本月] [上月]
//! 刘县长:  (presses 交通, then 县交通运输局, then 📋 事项清单)
//! bot:     (the same message shows the category, then the department, then its cases)
//! 刘县长:  (presses 按乡镇, then 马召镇, then 📋 事项清单; or 按干部, then 王建国, …)
//! bot:     (the township's figures, then its enterprises' cases; the cadre's, then theirs)
//! 刘县长:  /summary 2026-11-01..2026-11-15
//! 刘县长:  /assess last-month
//! bot:     考核表 2026-10-01 至 2026-10-31 …  [本周] [上周] [本月]
//! 刘县长:  /export
//! bot:     (文件 台账-2026-11-27.xlsx) 台账已生成……
//! 李科长:  /export
//! bot:     这个命令仅供活动办、领导、管理员使用……
//! ```

use super::engine::EngineError;
use super::listing;
use super::periods::{failed, period_or_help};
use super::state::Press;
use super::turn::{ButtonSpec, Turn};
use super::{guide, menus};
use crate::domain::commands::Command;
use crate::i18n::Args;
use crate::message::{OutFile, Reply};
use crate::reports::render::period_name;
use crate::reports::{self, DrillTarget, DrillView, Filter, PeriodSpec, ReportError, Scope};

/// How many cases the bottom of a drill-down lists (each with a button to its card).
const CASES_SHOWN: i64 = 15;
/// Case buttons per row.
const CASES_PER_ROW: usize = 3;

/// `/summary [period]`: the person's own scope, this week unless a period is given, with the
/// chart.
pub(crate) async fn summary(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    let Some(scope) = Scope::for_person(&turn.person) else {
        turn.say("bot-not-for-role");
        return Ok(());
    };
    let Some(period) = period_or_help(turn, args, PeriodSpec::ThisWeek, "summary") else {
        return Ok(());
    };
    let target = DrillTarget {
        period,
        filter: Filter::default(),
        view: DrillView::Summary,
    };
    show_summary(turn, scope, target, true).await
}

/// A drill-down or period button: the view it names, in place of the pressed message.
pub(crate) async fn summary_press(
    turn: &mut Turn<'_>,
    target: DrillTarget,
) -> Result<(), EngineError> {
    let Some(scope) = pressed_scope(turn) else {
        return Ok(());
    };
    match target.view {
        DrillView::Summary | DrillView::Townships | DrillView::Cadres => {
            show_summary(turn, scope, target, false).await
        }
        DrillView::Cases => show_cases(turn, scope, target).await,
    }
}

/// The chart button: the chart of the view it was pressed on, as a new photo.
pub(crate) async fn chart_press(
    turn: &mut Turn<'_>,
    target: DrillTarget,
) -> Result<(), EngineError> {
    let Some(scope) = pressed_scope(turn) else {
        return Ok(());
    };
    match chart(turn, scope, target).await {
        Ok(png) => {
            turn.push(chart_reply(png));
            Ok(())
        }
        Err(e) => failed(turn, e),
    }
}

/// What the person who pressed a summary button may read; someone whose role no longer reads
/// summaries is told so on the button.
fn pressed_scope(turn: &mut Turn<'_>) -> Option<Scope> {
    let scope = Scope::for_person(&turn.person);
    if scope.is_none() {
        let text = turn.t("bot-not-for-role");
        turn.answer(text);
    }
    scope
}

fn chart_reply(png: Vec<u8>) -> Reply {
    Reply {
        photo: Some(OutFile {
            name: "summary.png".into(),
            bytes: png,
        }),
        ..Reply::default()
    }
}

async fn chart(
    turn: &mut Turn<'_>,
    scope: Scope,
    target: DrillTarget,
) -> Result<Vec<u8>, ReportError> {
    let report = turn.engine.report(scope, target.period, turn.today());
    let data = reports::chart_data(turn.conn, &report, target.filter).await?;
    Ok(reports::chart_png(turn.locale, &data)?)
}

async fn show_summary(
    turn: &mut Turn<'_>,
    scope: Scope,
    target: DrillTarget,
    with_chart: bool,
) -> Result<(), EngineError> {
    let report = turn.engine.report(scope, target.period, turn.today());
    let mut summary = match reports::summary_for(turn.conn, &report, target.filter).await {
        Ok(s) => s,
        Err(e) => return failed(turn, e),
    };
    if target.view == DrillView::Cadres {
        match reports::by_cadre(turn.conn, &report, target.filter).await {
            Ok(rows) => summary.by_cadre = rows,
            Err(e) => return failed(turn, e),
        }
    }
    let view = reports::summary_view_in(turn.locale, &summary, target.view);
    let mut rows: Vec<Vec<ButtonSpec>> = view
        .drill
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|o| (o.label, Press::Summary { target: o.target }))
                .collect()
        })
        .collect();
    let mut chart_note = None;
    let mut photo = None;
    if with_chart {
        match chart(turn, scope, target).await {
            Ok(png) => photo = Some(chart_reply(png)),
            Err(ReportError::Db(e)) => return Err(e.into()),
            Err(e) => {
                tracing::warn!(error = %e, "the summary chart could not be drawn");
                chart_note = Some(e.user_message(turn.locale));
            }
        }
    } else {
        rows.push(vec![(turn.t("bot-summary-chart"), Press::Chart { target })]);
    }
    let buttons = turn.buttons(rows).await?;
    if let Some(photo) = photo {
        turn.push(photo);
    }
    turn.push_menu(Reply::text(view.text).with_buttons(buttons));
    if let Some(note) = chart_note {
        turn.push(Reply::text(note));
    }
    Ok(())
}

/// The bottom of the drill-down: the cases, each with a button to its card.
async fn show_cases(
    turn: &mut Turn<'_>,
    scope: Scope,
    target: DrillTarget,
) -> Result<(), EngineError> {
    let report = turn.engine.report(scope, target.period, turn.today());
    let list = match reports::cases_for(turn.conn, &report, target.filter, CASES_SHOWN).await {
        Ok(l) => l,
        Err(e) => return failed(turn, e),
    };
    let text = reports::render_cases(turn.locale, &list);
    let mut rows = listing::open_case_rows(
        list.cases.iter().map(|c| (c.number.as_str(), c.id)),
        CASES_PER_ROW,
    );
    let back = DrillTarget {
        view: DrillView::Summary,
        ..target
    };
    rows.push(vec![(
        turn.t("bot-summary-back"),
        Press::Summary { target: back },
    )]);
    let buttons = turn.buttons(rows).await?;
    turn.push_menu(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// `/assess [period]`: the county's assessment table, for leaders, dispatchers and admins.
/// (Who may is the router's check, from the permission table.)
pub(crate) async fn assess(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    match period_or_help(turn, args, PeriodSpec::ThisMonth, "assess") {
        Some(period) => show_assessment(turn, period).await,
        None => Ok(()),
    }
}

/// A period button under the assessment table.
pub(crate) async fn assess_press(
    turn: &mut Turn<'_>,
    period: PeriodSpec,
) -> Result<(), EngineError> {
    if !Command::Assess.allows(&menus::who(turn)) {
        let text = guide::refusal(turn.locale, Command::Assess);
        turn.answer(text);
        return Ok(());
    }
    show_assessment(turn, period).await
}

async fn show_assessment(turn: &mut Turn<'_>, period: PeriodSpec) -> Result<(), EngineError> {
    let report = turn.engine.report(Scope::County, period, turn.today());
    let table = match reports::assessment(turn.conn, &report).await {
        Ok(a) => a,
        Err(e) => return failed(turn, e),
    };
    let text = reports::render_assessment(turn.locale, &table);
    let periods: Vec<ButtonSpec> = PeriodSpec::NAMED
        .into_iter()
        .filter(|p| *p != period)
        .map(|p| (period_name(turn.locale, p), Press::Assess { period: p }))
        .collect();
    let rows = periods
        .chunks(PeriodSpec::PER_ROW)
        .map(<[ButtonSpec]>::to_vec)
        .collect();
    let buttons = turn.buttons(rows).await?;
    turn.push_menu(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// `/export [period]`: the ledger as a spreadsheet, for leaders, the campaign office and
/// admins (the router's check, from the permission table); the period is the assessment
/// sheet's (this month unless given).
pub(crate) async fn export(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    let Some(period) = period_or_help(turn, args, PeriodSpec::ThisMonth, "export") else {
        return Ok(());
    };
    let today = turn.today();
    let report = turn.engine.report(Scope::County, period, today);
    let bytes = match reports::export_xlsx_bytes(turn.conn, &report, turn.locale).await {
        Ok(b) => b,
        Err(e) => return failed(turn, e),
    };
    let resolved = period.resolve(today);
    let date = today.format("%Y-%m-%d").to_string();
    let name = turn.tr("bot-export-file-name", Args::new().str("date", &date));
    let text = turn.tr(
        "bot-export-ready",
        Args::new()
            .str("date", &date)
            .str("from", resolved.from.format("%Y-%m-%d").to_string())
            .str("to", resolved.to.format("%Y-%m-%d").to_string()),
    );
    turn.push(Reply {
        text,
        document: Some(OutFile { name, bytes }),
        ..Reply::default()
    });
    Ok(())
}
