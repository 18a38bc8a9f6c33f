//! 督查 in the reports: the inspection report for a period (text and workbook), and the
//! 督查整改台账 sheet of the ledger. The inspector of an unannounced visit (暗访) is written
//! 督查组 in both: a report or an export can reach the inspected.

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::ledger::ExportError;
use super::sheet;
use super::{ReportError, Request};
use crate::domain::CaseStatus;
use crate::domain::inspection::InspectionKind;
use crate::i18n::{Args, t, tr};
use crate::store::PgConnection;
use crate::store::inspections::{self, InspectionRow};
use crate::store::rectifications::{self, RectRow};
use crate::store::selection::Scope;

/// A unit's rectification items in the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitLine {
    pub department: String,
    pub total: usize,
    pub closed: usize,
    pub open: usize,
    pub overdue: usize,
}

/// The inspection report for a period: the inspections held, their findings, and how their
/// rectification items stand today, by unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub inspections: Vec<InspectionRow>,
    pub findings: usize,
    pub items: Vec<RectRow>,
    pub total: UnitLine,
    pub units: Vec<UnitLine>,
}

fn is_overdue(r: &RectRow, today: NaiveDate) -> bool {
    r.status.is_with_department() && today > r.deadline
}

fn count(line: &mut UnitLine, r: &RectRow, today: NaiveDate) {
    line.total += 1;
    if r.status == CaseStatus::Closed {
        line.closed += 1;
    } else {
        line.open += 1;
    }
    if is_overdue(r, today) {
        line.overdue += 1;
    }
}

/// Gathers the report for the inspections held from `from` to `to`.
pub async fn report(
    conn: &mut PgConnection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<InspectionReport, ReportError> {
    let held = inspections::in_period(conn, from, to).await?;
    let mut findings = 0;
    for i in &held {
        findings += inspections::findings(conn, i.id).await?.len();
    }
    let items = rectifications::all(conn, Some((from, to))).await?;
    let mut total = UnitLine::default();
    let mut units: Vec<UnitLine> = Vec::new();
    for r in &items {
        count(&mut total, r, today);
        let at = match units.iter().position(|u| u.department == r.department_name) {
            Some(at) => at,
            None => {
                units.push(UnitLine {
                    department: r.department_name.clone(),
                    ..UnitLine::default()
                });
                units.len() - 1
            }
        };
        count(&mut units[at], r, today);
    }
    units.sort_by(|a, b| b.open.cmp(&a.open).then(a.department.cmp(&b.department)));
    Ok(InspectionReport {
        from,
        to,
        inspections: held,
        findings,
        items,
        total,
        units,
    })
}

fn kind_name(locale: &str, kind: InspectionKind) -> String {
    t(locale, &format!("inspections-kind-{}", kind.code()))
}

/// Who inspected, as a report writes it.
fn inspector(locale: &str, kind: InspectionKind, name: &str) -> String {
    if kind == InspectionKind::Unannounced {
        t(locale, "inspections-team")
    } else {
        name.to_string()
    }
}

fn unit_args<'a>(u: &UnitLine) -> Args<'a> {
    Args::new()
        .num("total", u.total as f64)
        .num("closed", u.closed as f64)
        .num("open", u.open as f64)
        .num("overdue", u.overdue as f64)
}

/// The report as a message.
pub fn render_text(locale: &str, r: &InspectionReport) -> String {
    let by_kind = |k: InspectionKind| r.inspections.iter().filter(|i| i.kind() == k).count();
    let mut lines = vec![tr(
        locale,
        "inspections-report-title",
        Args::new()
            .str("from", r.from.to_string())
            .str("to", r.to.to_string())
            .num("inspections", r.inspections.len() as f64)
            .num("centralized", by_kind(InspectionKind::Centralized) as f64)
            .num("unannounced", by_kind(InspectionKind::Unannounced) as f64)
            .num("follow", by_kind(InspectionKind::FollowUp) as f64)
            .num("findings", r.findings as f64),
    )];
    lines.push(tr(locale, "inspections-report-items", unit_args(&r.total)));
    for u in &r.units {
        lines.push(tr(
            locale,
            "inspections-report-unit",
            unit_args(u).str("department", &u.department),
        ));
    }
    for i in &r.inspections {
        lines.push(tr(
            locale,
            "inspections-report-inspection",
            Args::new()
                .str("number", &i.number)
                .str("date", i.inspected_on.to_string())
                .str("kind", kind_name(locale, i.kind()))
                .str("inspector", inspector(locale, i.kind(), &i.inspector_name)),
        ));
    }
    lines.join("\n")
}

/// The columns of the 督查整改台账.
const RECT_COLUMNS: [&str; 12] = [
    "inspections-col-number",
    "inspections-col-inspection",
    "inspections-col-kind",
    "inspections-col-date",
    "inspections-col-inspector",
    "inspections-col-finding",
    "inspections-col-department",
    "inspections-col-deadline",
    "inspections-col-status",
    "inspections-col-overdue",
    "inspections-col-answer",
    "inspections-col-closed",
];

/// Adds the 督查整改台账 sheet: one row per rectification item.
pub fn rect_sheet(
    workbook: &mut Workbook,
    items: &[RectRow],
    today: NaiveDate,
    tz: Tz,
    locale: &str,
) -> Result<(), ReportError> {
    write_sheet(workbook, items, today, tz, locale)
        .map_err(|e| ReportError::Export(ExportError::from(e)))
}

fn write_sheet(
    workbook: &mut Workbook,
    items: &[RectRow],
    today: NaiveDate,
    tz: Tz,
    locale: &str,
) -> Result<(), XlsxError> {
    let sheet = sheet::add(
        workbook,
        false,
        &t(locale, "inspections-sheet"),
        &sheet::titles(locale, &RECT_COLUMNS),
        &[
            15.0, 15.0, 10.0, 11.0, 10.0, 36.0, 18.0, 11.0, 10.0, 8.0, 36.0, 17.0,
        ],
    )?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (n, r) in items.iter().enumerate() {
        let row = n as u32 + 1;
        let local = |at: chrono::DateTime<chrono::Utc>| -> NaiveDateTime {
            at.with_timezone(&tz).naive_local()
        };
        sheet.write_string(row, 0, &r.number)?;
        sheet.write_string(row, 1, &r.inspection_number)?;
        sheet.write_string(row, 2, kind_name(locale, r.kind()))?;
        sheet.write_date_with_format(row, 3, r.inspected_on, &date)?;
        sheet.write_string(row, 4, inspector(locale, r.kind(), &r.inspector_name))?;
        sheet.write_string(row, 5, &r.finding)?;
        sheet.write_string(row, 6, &r.department_name)?;
        sheet.write_date_with_format(row, 7, r.deadline, &date)?;
        sheet.write_string(
            row,
            8,
            t(locale, &format!("inspections-status-{}", r.status.code())),
        )?;
        if is_overdue(r, today) {
            sheet.write_string(row, 9, t(locale, "export-yes"))?;
        }
        if let Some(a) = &r.resolution {
            sheet.write_string(row, 10, a)?;
        }
        if let Some(at) = r.closed_at {
            sheet.write_datetime_with_format(row, 11, local(at), &datetime)?;
        }
    }
    sheet::filter(sheet, items.len() as u32, RECT_COLUMNS.len())?;
    Ok(())
}

/// The report as a workbook: its 督查整改台账 for the period.
pub fn report_workbook(
    r: &InspectionReport,
    today: NaiveDate,
    tz: Tz,
    locale: &str,
) -> Result<Vec<u8>, ReportError> {
    let mut workbook = Workbook::new();
    rect_sheet(&mut workbook, &r.items, today, tz, locale)?;
    workbook
        .save_to_buffer()
        .map_err(|e| ReportError::Export(ExportError::from(e)))
}

/// The ledger's 督查整改台账: every item for the county, a department's own for a department,
/// none for a cadre.
pub(super) async fn ledger_sheet(
    workbook: &mut Workbook,
    conn: &mut PgConnection,
    req: &Request<'_>,
    locale: &str,
) -> Result<(), ReportError> {
    let items: Vec<RectRow> = match req.scope {
        Scope::County => rectifications::all(conn, None).await?,
        Scope::Department(d) => rectifications::all(conn, None)
            .await?
            .into_iter()
            .filter(|r| r.department_id == d)
            .collect(),
        // Rectification items belong to departments, not to a cadre or a township.
        Scope::Cadre(_) | Scope::Township(_) => vec![],
    };
    rect_sheet(workbook, &items, req.today, req.tz(), locale)
}

/// Rectification items in a summary, under their own kind: open now (and overdue), made and
/// closed in the period. Counted for the county and for a department (a filter by department
/// narrows the county's); a filter by category, township or cadre, or a cadre's summary, has
/// none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct RectCounts {
    pub open: i64,
    pub overdue: i64,
    pub new: i64,
    pub closed: i64,
}

impl RectCounts {
    pub async fn of(
        conn: &mut PgConnection,
        scope: Scope,
        filter: &crate::store::selection::Filter,
        window: crate::store::selection::Window,
        today: NaiveDate,
    ) -> Result<RectCounts, crate::store::StoreError> {
        if filter.category.is_some() || filter.township_id.is_some() || filter.cadre_id.is_some() {
            return Ok(RectCounts::default());
        }
        let department = match scope {
            Scope::County => filter.department_id,
            Scope::Department(d) => Some(d),
            Scope::Cadre(_) | Scope::Township(_) => return Ok(RectCounts::default()),
        };
        let (open, overdue, new, closed) =
            rectifications::counts(conn, department, today, window.from, window.to).await?;
        Ok(RectCounts {
            open,
            overdue,
            new,
            closed,
        })
    }

    /// The summary's line, or none when there is nothing to count.
    pub fn line(&self, locale: &str) -> Option<String> {
        if self.open + self.new + self.closed == 0 {
            return None;
        }
        Some(tr(
            locale,
            "inspections-summary-line",
            Args::new()
                .num("open", self.open as f64)
                .num("overdue", self.overdue as f64)
                .num("new", self.new as f64)
                .num("closed", self.closed as f64),
        ))
    }
}
