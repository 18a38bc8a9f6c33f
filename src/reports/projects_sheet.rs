//! The export's 重点项目台账 sheet: one row per project with its unit, township, department and
//! cadre, stage, investment (万元) and the year's completion rate, the planned and actual date of
//! every stage, whether it is behind schedule, and its latest monthly report.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::ReportError;
use super::ledger::ExportError;
use super::sheet;
use crate::domain::project::{Stage, completion_rate, stage_label};
use crate::i18n::{Args, t, tr};
use crate::store::PgConnection;
use crate::store::project_board;

/// The columns before the stage dates.
const HEAD: [&str; 11] = [
    "export-project-name",
    "export-project-unit",
    "export-project-township",
    "export-project-department",
    "export-project-cadre",
    "export-project-stage",
    "export-project-investment",
    "export-project-invested",
    "export-project-year-plan",
    "export-project-year-invested",
    "export-project-rate",
];
/// The columns after the stage dates.
const TAIL: [&str; 3] = [
    "export-project-schedule",
    "export-project-last-report",
    "export-project-problems",
];

/// Adds the sheet (every project in the ledger) to the workbook.
pub async fn add_sheet(
    workbook: &mut Workbook,
    conn: &mut PgConnection,
    locale: &str,
    today: NaiveDate,
) -> Result<u32, ReportError> {
    let projects = project_board::all(conn).await?;
    let latest = project_board::latest_reports(conn).await?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let amount = Format::new().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.0%");
    let month = Format::new().set_num_format("yyyy-mm");
    let mut headers: Vec<String> = HEAD.iter().map(|k| t(locale, k)).collect();
    for s in Stage::ALL {
        let stage = s.label(locale);
        headers.push(tr(
            locale,
            "export-project-planned",
            Args::new().str("stage", &stage),
        ));
        headers.push(tr(
            locale,
            "export-project-reached",
            Args::new().str("stage", &stage),
        ));
    }
    headers.extend(TAIL.iter().map(|k| t(locale, k)));
    let write = |workbook: &mut Workbook| -> Result<u32, XlsxError> {
        let widths: Vec<f64> = (0..headers.len())
            .map(|col| match col {
                0 | 1 => 28.0,
                c if c == headers.len() - 1 => 48.0,
                _ => 13.0,
            })
            .collect();
        let name = t(locale, "export-sheet-projects");
        let sheet = sheet::add(workbook, false, &name, &headers, &widths)?;
        // The project's name stays in view too.
        sheet.set_freeze_panes(1, 1)?;
        let mut row = 0u32;
        for p in &projects {
            row += 1;
            let none = t(locale, "report-none");
            sheet.write_string(row, 0, &p.name)?;
            sheet.write_string(row, 1, &p.unit)?;
            sheet.write_string(row, 2, &p.township)?;
            sheet.write_string(row, 3, p.department.as_deref().unwrap_or(&none))?;
            sheet.write_string(row, 4, p.cadre.as_deref().unwrap_or(&none))?;
            sheet.write_string(row, 5, stage_label(locale, p.stage))?;
            for (col, a) in [p.investment, p.invested, p.year_plan, p.year_invested]
                .into_iter()
                .enumerate()
            {
                sheet.write_number_with_format(row, 6 + col as u16, a.wan(), &amount)?;
            }
            if let Some(rate) = completion_rate(p.year_invested, p.year_plan) {
                sheet.write_number_with_format(row, 10, rate, &percent)?;
            }
            for s in Stage::ALL {
                let col = 11 + 2 * s.index() as u16;
                if let Some(d) = p.planned[s.index()] {
                    sheet.write_date_with_format(row, col, d, &date)?;
                }
                if let Some(d) = p.reached[s.index()] {
                    sheet.write_date_with_format(row, col + 1, d, &date)?;
                }
            }
            let col = 11 + 2 * Stage::ALL.len() as u16;
            let schedule = match p.due_on {
                Some(d) if d < today => tr(
                    locale,
                    "export-project-behind",
                    Args::new()
                        .str("stage", stage_label(locale, p.due_stage))
                        .str("date", d.to_string()),
                ),
                _ => t(locale, "export-project-on-schedule"),
            };
            sheet.write_string(row, col, crate::i18n::html_to_text(&schedule))?;
            if let Some((m, problems)) = latest.get(&p.id) {
                sheet.write_date_with_format(row, col + 1, *m, &month)?;
                sheet.write_string(row, col + 2, problems.join("；"))?;
            }
        }
        sheet::filter(sheet, row, headers.len())?;
        Ok(row)
    };
    write(workbook).map_err(|e| ReportError::Export(ExportError::from(e)))
}
