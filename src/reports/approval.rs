//! Approval items in the figures: the on-time rate of approval steps per item and per section
//! (in the assessment, `zhuqi assess` and `/assess`), and the export's sheet of every approval
//! case's steps with their due and done dates.

use chrono::NaiveDate;
use chrono_tz::Tz;
use futures_util::TryStreamExt;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::{Deserialize, Serialize};

use super::ledger::ExportError;
use super::period::Period;
use super::render::percent;
use super::sheet;
use super::{ReportError, Request};
use crate::i18n::{Args, t, tr};
use crate::store::PgConnection;
use crate::store::approval::figures::{self, OnTimeBy, OnTimeRow};
use crate::store::selection::Scope;

/// How many approval steps of one item (or section) counted, and how many were on time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRate {
    pub name: String,
    pub code: Option<String>,
    pub department: String,
    pub counted: i64,
    pub on_time: i64,
}

impl StepRate {
    /// On time ÷ counted; none when nothing counted.
    pub fn rate(&self) -> Option<f64> {
        (self.counted > 0).then(|| self.on_time as f64 / self.counted as f64)
    }
}

impl From<OnTimeRow> for StepRate {
    fn from(r: OnTimeRow) -> StepRate {
        StepRate {
            name: r.name,
            code: r.code,
            department: r.department,
            counted: r.counted,
            on_time: r.on_time,
        }
    }
}

/// The on-time rates of approval steps in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRates {
    pub items: Vec<StepRate>,
    pub sections: Vec<StepRate>,
}

/// The rates of the scope's approval steps in `period`, as of `today`.
pub async fn approval_rates(
    conn: &mut PgConnection,
    scope: Scope,
    period: &Period,
    today: NaiveDate,
    tz: Tz,
) -> Result<ApprovalRates, ReportError> {
    let range = (period.from, period.to);
    let items = figures::on_time(conn, OnTimeBy::Item, scope, range, today, tz.name()).await?;
    let sections =
        figures::on_time(conn, OnTimeBy::Section, scope, range, today, tz.name()).await?;
    Ok(ApprovalRates {
        items: items.into_iter().map(StepRate::from).collect(),
        sections: sections.into_iter().map(StepRate::from).collect(),
    })
}

/// The rates as lines of the assessment's text (the first `shown` items and sections);
/// nothing when no approval step counted.
pub fn render_rates(locale: &str, rates: &ApprovalRates, shown: usize) -> Vec<String> {
    if rates.items.is_empty() {
        return vec![];
    }
    let line = |r: &StepRate| {
        tr(
            locale,
            "items-assess-line",
            Args::new()
                .str("name", &r.name)
                .str("department", &r.department)
                .num("on_time", r.on_time as f64)
                .num("counted", r.counted as f64)
                .str("rate", percent(locale, r.rate())),
        )
    };
    let mut out = vec![String::new(), t(locale, "items-assess-items")];
    out.extend(rates.items.iter().take(shown).map(line));
    if !rates.sections.is_empty() {
        out.push(String::new());
        out.push(t(locale, "items-assess-sections"));
        out.extend(rates.sections.iter().take(shown).map(line));
    }
    out
}

const RATE_COLUMNS: [&str; 7] = [
    "export-col-kind",
    "export-col-name",
    "export-col-item-code",
    "export-col-department",
    "export-col-steps-counted",
    "export-col-steps-on-time",
    "export-col-on-time-rate",
];

const STEP_COLUMNS: [&str; 10] = [
    "export-col-number",
    "export-col-enterprise",
    "export-col-item",
    "export-col-item-code",
    "export-col-step",
    "export-col-section",
    "export-col-step-person",
    "export-col-step-due",
    "export-col-step-done",
    "export-col-step-state",
];

/// The on-time rates as a sheet: every item, then every section; no sheet when no approval
/// step counted.
pub fn rates_sheet(
    workbook: &mut Workbook,
    rates: &ApprovalRates,
    locale: &str,
) -> Result<(), XlsxError> {
    if rates.items.is_empty() {
        return Ok(());
    }
    let name = t(locale, "export-sheet-approval-rates");
    let headers = sheet::titles(locale, &RATE_COLUMNS);
    let widths = [14.0, 28.0, 14.0, 14.0, 14.0, 14.0, 14.0];
    let sheet = sheet::add(workbook, true, &name, &headers, &widths)?;
    let percent = Format::new().set_num_format("0.0%");
    let rows = rates
        .items
        .iter()
        .map(|r| ("items-rate-item", r))
        .chain(rates.sections.iter().map(|r| ("items-rate-section", r)));
    let mut row = 0u32;
    for (kind, r) in rows {
        row += 1;
        sheet.write_string(row, 0, t(locale, kind))?;
        sheet.write_string(row, 1, &r.name)?;
        sheet.write_string(row, 2, r.code.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 3, &r.department)?;
        sheet.write_number(row, 4, r.counted as f64)?;
        sheet.write_number(row, 5, r.on_time as f64)?;
        if let Some(rate) = r.rate() {
            sheet.write_number_with_format(row, 6, rate, &percent)?;
        }
    }
    Ok(())
}

/// The state of a step on `today`: done on time or late, overdue, or still running.
fn state_key(due_on: NaiveDate, done_on: Option<NaiveDate>, today: NaiveDate) -> &'static str {
    match done_on {
        Some(d) if d <= due_on => "items-step-state-on-time",
        Some(_) => "items-step-state-late",
        None if due_on < today => "items-step-state-overdue",
        None => "items-step-state-pending",
    }
}

/// The sheet of every approval case's steps, due and done dates (streamed, like the ledger).
pub async fn steps_sheet(
    workbook: &mut Workbook,
    conn: &mut PgConnection,
    req: &Request<'_>,
    locale: &str,
) -> Result<(), ReportError> {
    let (today, tz) = (req.today, req.tz());
    let name = t(locale, "export-sheet-approval-steps");
    let headers = sheet::titles(locale, &STEP_COLUMNS);
    let widths = [14.0, 14.0, 28.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0];
    let sheet = sheet::add(workbook, true, &name, &headers, &widths).map_err(ExportError::from)?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut stream = figures::step_rows(conn, req.scope);
    let mut row = 0u32;
    while let Some(s) = stream.try_next().await? {
        row += 1;
        let done_on = s.done_at.map(|d| d.with_timezone(&tz).date_naive());
        (|| -> Result<(), XlsxError> {
            sheet.write_string(row, 0, &s.number)?;
            sheet.write_string(row, 1, &s.enterprise)?;
            sheet.write_string(row, 2, &s.item)?;
            sheet.write_string(row, 3, &s.item_code)?;
            sheet.write_string(row, 4, &s.step)?;
            sheet.write_string(row, 5, s.section.as_deref().unwrap_or(""))?;
            sheet.write_string(row, 6, s.person.as_deref().unwrap_or(""))?;
            sheet.write_date_with_format(row, 7, s.due_on, &date)?;
            if let Some(d) = done_on {
                sheet.write_date_with_format(row, 8, d, &date)?;
            }
            sheet.write_string(row, 9, t(locale, state_key(s.due_on, done_on, today)))?;
            Ok(())
        })()
        .map_err(ExportError::from)?;
    }
    sheet::filter(sheet, row, STEP_COLUMNS.len()).map_err(ExportError::from)?;
    Ok(())
}
