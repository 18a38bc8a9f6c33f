//! The ledger as a spreadsheet: one row per case (sheet 1), the assessment table (sheet 2), the
//! visits (sheet 3), for the county the key projects (sheet 4, `projects_sheet`), then every
//! approval case's steps and, when any step counted, the approval steps' on-time rates. Rows
//! stream from the store into a constant-memory workbook, so a million cases take no more memory
//! than ten.

use futures_util::TryStreamExt;
use indicatif::ProgressBar;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::assess::{self, AssessmentRow, Subject};
use super::figures::Scope;
use super::ledger::{Cells, ExportError, LEDGER_COLUMNS, Labels, cells};
use super::sheet;
use super::{ReportError, Request};
use crate::i18n::t;
use crate::store::PgConnection;
use crate::store::export;

const LEDGER_WIDTHS: [f64; 17] = [
    15.0, 24.0, 12.0, 10.0, 8.0, 48.0, 17.0, 18.0, 10.0, 12.0, 18.0, 36.0, 17.0, 10.0, 10.0, 8.0,
    10.0,
];

const ASSESSMENT_COLUMNS: [&str; 17] = [
    "export-col-subject-kind",
    "export-col-rank",
    "export-col-name",
    "export-col-score",
    "export-col-dispatched",
    "export-col-signed-in-time",
    "export-col-response-rate",
    "export-col-resolved",
    "export-col-on-time",
    "export-col-on-time-rate",
    "export-col-confirmed",
    "export-col-satisfied",
    "export-col-satisfaction-rate",
    "export-col-overdue",
    "export-col-returned",
    "export-col-visits",
    "export-col-visit-rate",
];

const VISIT_COLUMNS: [&str; 6] = [
    "export-col-visit-date",
    "export-col-enterprise",
    "export-col-township",
    "export-col-cadre",
    "export-col-no-problems",
    "export-col-note",
];

struct Formats {
    datetime: Format,
    date: Format,
    percent: Format,
    score: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            percent: Format::new().set_num_format("0.0%"),
            score: Format::new().set_num_format("0.0"),
        }
    }
}

/// Builds the workbook: the ledger of the request's scope, the assessment for its period, the
/// visits and the rest. Returns it with the number of cases written.
pub async fn ledger_workbook(
    conn: &mut PgConnection,
    req: &Request<'_>,
    locale: &str,
    progress: Option<&ProgressBar>,
) -> Result<(Workbook, u64), ReportError> {
    let (scope, today, tz) = (req.scope, req.today, req.tz());
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    // Level 3, as Excel itself uses: about a third faster to save than the default 6, for a
    // file a few per cent larger.
    workbook.set_zip_compression_level(3);

    let mut rows: u32 = 0;
    {
        let sheet = sheet::add(
            &mut workbook,
            true,
            &t(locale, "export-sheet-ledger"),
            &sheet::titles(locale, &LEDGER_COLUMNS),
            &LEDGER_WIDTHS,
        )
        .map_err(ExportError::from)?;
        // Dates are numbers with one shared format per column, not a format looked up per cell.
        for (col, format) in [
            (6, &formats.datetime),
            (9, &formats.date),
            (12, &formats.datetime),
        ] {
            sheet
                .set_column_format(col, format)
                .map_err(ExportError::from)?;
        }
        let labels = Labels::new(locale);
        let mut stream = export::ledger_rows(conn, scope);
        while let Some(r) = stream.try_next().await? {
            rows += 1;
            write_ledger_row(sheet, rows, cells(&labels, tz, today, r, false))
                .map_err(ExportError::from)?;
            if let Some(p) = progress {
                p.inc(1);
            }
        }
        sheet::filter(sheet, rows, LEDGER_COLUMNS.len()).map_err(ExportError::from)?;
    }

    let assessment = assess::assessment(conn, req).await?;
    assessment_sheet(&mut workbook, &assessment, locale, &formats)?;

    {
        let sheet = sheet::add(
            &mut workbook,
            true,
            &t(locale, "export-sheet-visits"),
            &sheet::titles(locale, &VISIT_COLUMNS),
            &[12.0, 24.0, 12.0, 12.0, 8.0, 40.0],
        )
        .map_err(ExportError::from)?;
        let mut stream = export::visit_rows(conn, scope);
        let (yes, no) = (t(locale, "export-yes"), t(locale, "export-no"));
        let mut row = 0u32;
        while let Some(v) = stream.try_next().await? {
            row += 1;
            (|| -> Result<(), XlsxError> {
                sheet.write_date_with_format(row, 0, v.visited_on, &formats.date)?;
                sheet.write_string(row, 1, v.enterprise)?;
                sheet.write_string(row, 2, v.township)?;
                sheet.write_string(row, 3, v.cadre)?;
                sheet.write_string(row, 4, if v.no_problems { &yes } else { &no })?;
                if let Some(n) = v.note {
                    sheet.write_string(row, 5, n)?;
                }
                Ok(())
            })()
            .map_err(ExportError::from)?;
        }
        sheet::filter(sheet, row, VISIT_COLUMNS.len()).map_err(ExportError::from)?;
    }
    if matches!(scope, Scope::County) {
        super::projects_sheet::add_sheet(&mut workbook, conn, locale, today).await?;
    }
    super::approval::steps_sheet(&mut workbook, conn, req, locale).await?;
    super::approval::rates_sheet(&mut workbook, &assessment.approval, locale)
        .map_err(ExportError::from)?;
    super::modes::documents_sheet(&mut workbook, conn, scope, tz, locale).await?;
    if matches!(scope, Scope::County) {
        super::measures::add_sheet(&mut workbook, conn, locale, tz).await?;
    }
    super::inspections::ledger_sheet(&mut workbook, conn, req, locale).await?;
    if let Some(first) = workbook.worksheets_mut().first_mut() {
        first.set_active(true);
    }
    Ok((workbook, u64::from(rows)))
}

/// The assessment table as a sheet of its own (every department, then every cadre).
fn assessment_sheet(
    workbook: &mut Workbook,
    assessment: &assess::Assessment,
    locale: &str,
    formats: &Formats,
) -> Result<(), ExportError> {
    let headers = sheet::titles(locale, &ASSESSMENT_COLUMNS);
    let name = t(locale, "export-sheet-assessment");
    let sheet = sheet::add(workbook, true, &name, &headers, &[])?;
    sheet.set_column_width(2, 24)?;
    let mut row = 0u32;
    for r in all_rows(assessment) {
        row += 1;
        write_assessment_row(sheet, row, r, locale, formats)?;
    }
    sheet::filter(sheet, row, ASSESSMENT_COLUMNS.len())?;
    Ok(())
}

/// Every row of the table: the departments, then the cadres, then the townships.
pub(super) fn all_rows(a: &assess::Assessment) -> impl Iterator<Item = &AssessmentRow> {
    a.departments
        .iter()
        .chain(a.cadres.iter())
        .chain(a.townships.iter())
}

/// What the sheet's first column calls a row's kind.
pub(super) fn subject_label(locale: &str, subject: Subject) -> String {
    match subject {
        Subject::Department => t(locale, "export-subject-department"),
        Subject::Cadre => t(locale, "export-subject-cadre"),
        Subject::Township => t(locale, "townships-subject"),
    }
}

/// The assessment table alone as a workbook (`zhuqi assess --format xlsx`).
pub fn assessment_workbook(
    assessment: &assess::Assessment,
    locale: &str,
) -> Result<Workbook, ExportError> {
    let mut workbook = Workbook::new();
    assessment_sheet(&mut workbook, assessment, locale, &Formats::new())?;
    super::approval::rates_sheet(&mut workbook, &assessment.approval, locale)?;
    Ok(workbook)
}

/// The assessment table's column headers, in `locale`.
pub fn assessment_headers(locale: &str) -> Vec<String> {
    ASSESSMENT_COLUMNS.iter().map(|k| t(locale, k)).collect()
}

/// One ledger row; the date columns take their column's format.
fn write_ledger_row(sheet: &mut Worksheet, row: u32, c: Cells) -> Result<(), XlsxError> {
    for (col, text) in c.text.into_iter().enumerate() {
        let col = col as u16;
        match col {
            6 => {
                sheet.write_datetime(row, col, c.created)?;
            }
            9 => {
                if let Some(d) = &c.deadline {
                    sheet.write_datetime(row, col, d)?;
                }
            }
            12 => {
                if let Some(d) = &c.closed {
                    sheet.write_datetime(row, col, d)?;
                }
            }
            15 => {
                if let Ok(n) = text.parse::<f64>() {
                    sheet.write_number(row, col, n)?;
                }
            }
            _ if !text.is_empty() => {
                sheet.write_string(row, col, text)?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn write_assessment_row(
    sheet: &mut Worksheet,
    row: u32,
    r: &AssessmentRow,
    locale: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_string(row, 0, subject_label(locale, r.subject))?;
    if let Some(rank) = r.rank {
        sheet.write_number(row, 1, rank)?;
    }
    sheet.write_string(row, 2, &r.name)?;
    if let Some(s) = r.score {
        sheet.write_number_with_format(row, 3, s, &formats.score)?;
    }
    let rate = |sheet: &mut Worksheet, col: u16, v: Option<f64>| -> Result<(), XlsxError> {
        if let Some(v) = v {
            sheet.write_number_with_format(row, col, v, &formats.percent)?;
        }
        Ok(())
    };
    sheet.write_number(row, 4, r.dispatched as f64)?;
    sheet.write_number(row, 5, r.signed_in_time as f64)?;
    rate(sheet, 6, r.response_rate())?;
    sheet.write_number(row, 7, r.resolved as f64)?;
    sheet.write_number(row, 8, r.resolved_on_time as f64)?;
    rate(sheet, 9, r.on_time_rate())?;
    sheet.write_number(row, 10, r.confirmed as f64)?;
    sheet.write_number(row, 11, r.satisfied as f64)?;
    rate(sheet, 12, r.satisfaction_rate())?;
    sheet.write_number(row, 13, r.overdue as f64)?;
    sheet.write_number(row, 14, r.returned as f64)?;
    if r.subject == Subject::Cadre {
        sheet.write_number(row, 15, r.visits as f64)?;
        rate(sheet, 16, r.visit_rate())?;
    }
    Ok(())
}
