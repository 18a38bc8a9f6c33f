//! Leaders' summaries on demand, the assessment table (考核), charts and the ledger (台账)
//! export. Messenger-neutral: functions return data, HTML text (Telegram's parse mode, from the
//! locale files), PNG and spreadsheet bytes; the engine turns drill-down options into buttons.

pub mod approval;
pub mod assess;
pub mod assess_file;
mod assess_render;
mod assess_townships;
mod bars;
mod canvas;
pub mod chart;
pub mod drill;
pub mod export;
pub mod figures;
pub mod files_zip;
pub mod inspections;
mod ledger;
pub mod measures;
pub mod modes;
pub mod period;
pub mod project_chart;
pub mod projects;
pub mod projects_sheet;
pub mod render;
mod request;
pub mod rollup;
mod sheet;
pub mod team;
mod workbook;

pub use assess::{Assessment, AssessmentRow, Subject, assessment};
pub use assess_render::{render_assessment, render_assessment_rows};
pub use canvas::ChartError;
pub use chart::{ChartData, chart_data, chart_png};
pub use drill::{summary_view, summary_view_in};
pub use export::{ExportError, LedgerFormat, export_csv_bytes, export_xlsx_bytes, write_export};
pub use figures::{Dim, Figures, Filter, Flow, GroupKey, Scope, Stock};
pub use modes::ModeCounts;
pub use period::{Period, PeriodError, PeriodSpec, Window};
pub use render::{DrillOption, DrillTarget, DrillView, SummaryView, render_cases, render_summary};
pub use request::Request;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::config::ConfigError;
use crate::domain::Category;
use crate::i18n::t;
use crate::store::cases::{self, CaseRow};
use crate::store::groups::{Roster, name_of, names};
use crate::store::{PgConnection, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("database error: {0}")]
    Db(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error(transparent)]
    Export(#[from] ExportError),
}

impl ReportError {
    /// What the person is told (HTML, localized); the cause goes to the log.
    pub fn user_message(&self, locale: &str) -> String {
        match self {
            ReportError::Db(e) if e.is_unavailable() => t(locale, "error-db-unavailable"),
            ReportError::Chart(ChartError::FontMissing { .. }) => t(locale, "chart-font-missing"),
            ReportError::Chart(_) => t(locale, "chart-failed"),
            _ => t(locale, "error-internal"),
        }
    }
}

/// A group's figures with the name people know it by (departments, townships, cadres).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub key: GroupKey,
    /// From the roster; `None` for categories (named by the locale) and for "none yet".
    pub name: Option<String>,
    pub figures: Figures,
}

/// An overdue case, as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueCase {
    pub case_id: i64,
    pub number: String,
    pub enterprise: String,
    pub department: Option<String>,
    pub deadline: NaiveDate,
    /// Working days from the deadline to today.
    pub working_days_overdue: i64,
    pub supervised: bool,
}

/// Names of what a summary is scoped and filtered to, for its heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub scope: Option<String>,
    pub department: Option<String>,
    pub township: Option<String>,
    pub cadre: Option<String>,
}

/// A summary: totals, breakdowns by category, department and township, the worst overdue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub scope: Scope,
    pub period: Period,
    pub filter: Filter,
    pub today: NaiveDate,
    pub names: Names,
    pub totals: Figures,
    /// In the order of the nine categories; quiet ones left out.
    pub by_category: Vec<GroupRow>,
    /// Most overdue, then most open, first; quiet ones left out.
    pub by_department: Vec<GroupRow>,
    pub by_township: Vec<GroupRow>,
    /// By the cadre paired with the case's enterprise: for the drill-down by cadre only, and
    /// empty unless filled by `by_cadre` (seven thousand cadres are not worth counting for
    /// every summary).
    pub by_cadre: Vec<GroupRow>,
    pub worst_overdue: Vec<OverdueCase>,
    /// Cases by service mode (帮办 / 陪办 / 代办).
    #[serde(default)]
    pub by_mode: ModeCounts,
    /// Rectification items (督查整改), under their own kind.
    #[serde(default)]
    pub rectifications: inspections::RectCounts,
}

/// How many overdue cases a summary lists.
pub const WORST_OVERDUE: i64 = 10;

/// The summary a person in the request's scope asked for, narrowed by `filter`.
pub async fn summary_for(
    conn: &mut PgConnection,
    req: &Request<'_>,
    filter: Filter,
) -> Result<Summary, ReportError> {
    let Request {
        scope,
        today,
        calendar,
        ..
    } = *req;
    let tz = req.tz();
    let period = req.dates();
    let sel = req.selection(filter);
    let dims = [Dim::Category, Dim::Department, Dim::Township];
    let mut all = figures::figures(conn, &sel, today, tz, &dims).await?;
    let totals = all.remove(&GroupKey::Total).unwrap_or_default();

    let mut by_category = Vec::new();
    let mut by_department = Vec::new();
    let mut by_township = Vec::new();
    for (key, figures) in all {
        if figures.is_quiet() {
            continue;
        }
        let row = GroupRow {
            key,
            name: None,
            figures,
        };
        match key {
            GroupKey::Category(_) => by_category.push(row),
            GroupKey::Department(_) => by_department.push(row),
            GroupKey::Township(_) => by_township.push(row),
            GroupKey::Total | GroupKey::Cadre(_) => {}
        }
    }
    by_category.sort_by_key(|r| match r.key {
        GroupKey::Category(c) => Category::ALL.iter().position(|x| *x == c),
        _ => None,
    });
    let department_names = names(conn, Roster::Departments, ids_of(&by_department)).await?;
    let township_names = names(conn, Roster::Townships, ids_of(&by_township)).await?;
    for row in &mut by_department {
        if let GroupKey::Department(Some(id)) = row.key {
            row.name = department_names.get(&id).cloned();
        }
    }
    for row in &mut by_township {
        if let GroupKey::Township(Some(id)) = row.key {
            row.name = township_names.get(&id).cloned();
        }
    }
    sort_by_pressure(&mut by_department);
    sort_by_pressure(&mut by_township);

    let ids = figures::worst_overdue_ids(conn, scope, &filter, today, WORST_OVERDUE).await?;
    let worst_overdue = cases::by_ids(conn, &ids)
        .await?
        .into_iter()
        .filter_map(|c| {
            let deadline = c.deadline?;
            Some(OverdueCase {
                case_id: c.id,
                number: c.number,
                enterprise: c.enterprise_name,
                department: c.department_name,
                deadline,
                working_days_overdue: calendar.working_days_between(deadline, today),
                supervised: c.supervised_at.is_some(),
            })
        })
        .collect();

    let names = Names {
        scope: match scope {
            Scope::County => None,
            Scope::Department(id) => name_of(conn, Roster::Departments, id).await?,
            Scope::Cadre(id) => name_of(conn, Roster::People, id).await?,
            Scope::Township(id) => name_of(conn, Roster::Townships, id).await?,
        },
        department: opt_name(conn, Roster::Departments, filter.department_id).await?,
        township: opt_name(conn, Roster::Townships, filter.township_id).await?,
        cadre: opt_name(conn, Roster::People, filter.cadre_id).await?,
    };
    Ok(Summary {
        scope,
        period,
        filter,
        today,
        names,
        totals,
        by_category,
        by_department,
        by_township,
        by_cadre: Vec::new(),
        worst_overdue,
        by_mode: ModeCounts::of(conn, scope, &filter, sel.window).await?,
        rectifications: inspections::RectCounts::of(conn, scope, &filter, sel.window, today)
            .await?,
    })
}

/// The summary's figures by the cadre paired with each case's enterprise, most pressing first,
/// with the cadres' names (quiet ones left out): the options of the drill-down by cadre.
pub async fn by_cadre(
    conn: &mut PgConnection,
    req: &Request<'_>,
    filter: Filter,
) -> Result<Vec<GroupRow>, ReportError> {
    let sel = req.selection(filter);
    let all = figures::figures(conn, &sel, req.today, req.tz(), &[Dim::Cadre]).await?;
    let mut rows: Vec<GroupRow> = all
        .into_iter()
        .filter(|(key, f)| matches!(key, GroupKey::Cadre(_)) && !f.is_quiet())
        .map(|(key, figures)| GroupRow {
            key,
            name: None,
            figures,
        })
        .collect();
    let cadre_names = names(conn, Roster::People, ids_of(&rows)).await?;
    for row in &mut rows {
        if let GroupKey::Cadre(Some(id)) = row.key {
            row.name = cadre_names.get(&id).cloned();
        }
    }
    sort_by_pressure(&mut rows);
    Ok(rows)
}

/// Most overdue first, then most open, then most new; ties by name.
fn sort_by_pressure(rows: &mut [GroupRow]) {
    rows.sort_by(|a, b| {
        (b.figures.stock.overdue, b.figures.stock.open, b.figures.new)
            .cmp(&(a.figures.stock.overdue, a.figures.stock.open, a.figures.new))
            .then_with(|| a.name.cmp(&b.name))
    });
}

fn ids_of(rows: &[GroupRow]) -> Vec<i64> {
    rows.iter()
        .filter_map(|r| match r.key {
            GroupKey::Department(id) | GroupKey::Township(id) | GroupKey::Cadre(id) => id,
            _ => None,
        })
        .collect()
}

async fn opt_name(
    conn: &mut PgConnection,
    table: Roster,
    id: Option<i64>,
) -> Result<Option<String>, StoreError> {
    match id {
        Some(id) => name_of(conn, table, id).await,
        None => Ok(None),
    }
}

/// The cases at the bottom of a drill-down: those matching the filter that are still open or
/// were reported in the period, overdue first.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseList {
    pub cases: Vec<CaseRow>,
    /// How many match in all (the list may be cut at `limit`).
    pub total: i64,
    pub today: NaiveDate,
}

pub async fn cases_for(
    conn: &mut PgConnection,
    req: &Request<'_>,
    filter: Filter,
    limit: i64,
) -> Result<CaseList, ReportError> {
    let sel = req.selection(filter);
    let (ids, total) = figures::case_ids(conn, &sel, req.today, limit).await?;
    Ok(CaseList {
        cases: cases::by_ids(conn, &ids).await?,
        total,
        today: req.today,
    })
}
