//! The ledger (台账) as a spreadsheet: one row per case (sheet 1), the assessment table
//! (sheet 2) and the visits (sheet 3); or the case rows alone as CSV (UTF-8 with a byte order
//! mark, so that Excel reads the Chinese). Rows stream from PostgreSQL into a constant-memory
//! workbook, so a million cases take no more memory than ten.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use futures_util::TryStreamExt;
use indicatif::ProgressBar;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use sqlx::{AssertSqlSafe, PgConnection};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::ReportError;
use super::assess::{self, AssessmentRow, Subject};
use super::figures::Scope;
use super::period::PeriodSpec;
use crate::config::Settings;
use crate::domain::case::is_overdue;
use crate::domain::{CaseStatus, Category, Difficulty, Satisfaction};
use crate::i18n::t;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the spreadsheet failed: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("writing the CSV failed: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing the file failed: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerFormat {
    Xlsx,
    Csv,
}

/// The ledger's columns, in order: the headers the county's own forms use.
pub const LEDGER_COLUMNS: [&str; 15] = [
    "export-col-number",
    "export-col-enterprise",
    "export-col-township",
    "export-col-category",
    "export-col-difficulty",
    "export-col-description",
    "export-col-reported",
    "export-col-department",
    "export-col-assignee",
    "export-col-deadline",
    "export-col-status",
    "export-col-progress",
    "export-col-closed",
    "export-col-satisfaction",
    "export-col-supervised",
];

const LEDGER_WIDTHS: [f64; 15] = [
    15.0, 24.0, 12.0, 10.0, 8.0, 48.0, 17.0, 18.0, 10.0, 12.0, 18.0, 36.0, 17.0, 10.0, 10.0,
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

/// One case as the ledger shows it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LedgerRow {
    pub number: String,
    pub enterprise: String,
    pub township: String,
    pub category: String,
    pub difficulty: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub department: Option<String>,
    pub assignee: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub status: String,
    pub progress: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<String>,
    pub supervised_at: Option<DateTime<Utc>>,
}

/// The ledger rows, with the latest note of the process record as the latest progress (kept by
/// a trigger in `report_latest_notes`).
const LEDGER_SELECT: &str = "select c.number, e.name as enterprise, t.name as township, c.category, c.difficulty, \
     c.description, c.created_at, d.name as department, ap.name as assignee, c.deadline, c.status, lp.note as progress, \
     c.closed_at, c.satisfaction, c.supervised_at \
     from cases c join enterprises e on e.id = c.enterprise_id join townships t on t.id = c.township_id \
     left join departments d on d.id = c.department_id left join people ap on ap.id = c.assignee_id \
     left join report_latest_notes lp on lp.case_id = c.id";

fn scope_condition(scope: Scope, cases: &str) -> String {
    match scope {
        Scope::County => String::new(),
        Scope::Department(d) => format!(" where {cases}.department_id = {d}"),
        Scope::Cadre(p) => format!(
            " where {cases}.enterprise_id in (select id from enterprises where cadre_id = {p})"
        ),
    }
}

/// The texts of one ledger row, in column order (dates separately, as they are typed cells).
struct Cells {
    text: [String; 15],
    created: chrono::NaiveDateTime,
    deadline: Option<NaiveDate>,
    closed: Option<chrono::NaiveDateTime>,
}

/// The locale's words for the coded columns, looked up once per export instead of per row.
struct Labels {
    status: HashMap<&'static str, String>,
    category: HashMap<&'static str, String>,
    difficulty: HashMap<&'static str, String>,
    satisfaction: HashMap<&'static str, String>,
    overdue_suffix: String,
    supervised: String,
}

impl Labels {
    fn new(locale: &str) -> Labels {
        let map = |codes: &[&'static str], prefix: &str| {
            codes
                .iter()
                .map(|c| (*c, t(locale, &format!("{prefix}-{c}"))))
                .collect()
        };
        let statuses: Vec<&'static str> = CaseStatus::ALL.iter().map(|s| s.code()).collect();
        let categories: Vec<&'static str> = Category::ALL.iter().map(|c| c.code()).collect();
        let difficulties: Vec<&'static str> = Difficulty::ALL.iter().map(|d| d.code()).collect();
        let satisfactions: Vec<&'static str> = Satisfaction::ALL.iter().map(|s| s.code()).collect();
        Labels {
            status: map(&statuses, "status"),
            category: map(&categories, "category"),
            difficulty: map(&difficulties, "difficulty"),
            satisfaction: map(&satisfactions, "satisfaction"),
            overdue_suffix: t(locale, "export-overdue-suffix"),
            supervised: t(locale, "export-supervised-yes"),
        }
    }
}

/// The label of a code, or the code itself when the locale has none for it.
fn label(map: &HashMap<&'static str, String>, code: String) -> String {
    match map.get(code.as_str()) {
        Some(l) => l.clone(),
        None => code,
    }
}

/// A ledger row's cells. `date_texts`: also write the dates as text (the CSV); the
/// spreadsheet writes them as typed cells only.
fn cells(labels: &Labels, tz: Tz, today: NaiveDate, r: LedgerRow, date_texts: bool) -> Cells {
    let status = CaseStatus::parse(&r.status);
    let overdue = status.is_some_and(|s| is_overdue(s, r.deadline, today));
    let mut status_text = label(&labels.status, r.status);
    if overdue {
        status_text.push_str(&labels.overdue_suffix);
    }
    let local = |at: DateTime<Utc>| at.with_timezone(&tz).naive_local();
    let satisfaction = r
        .satisfaction
        .map(|s| label(&labels.satisfaction, s))
        .unwrap_or_default();
    let supervised = r
        .supervised_at
        .map(|_| labels.supervised.clone())
        .unwrap_or_default();
    let created = local(r.created_at);
    let closed = r.closed_at.map(local);
    let minute = |d: &chrono::NaiveDateTime| d.format("%Y-%m-%d %H:%M").to_string();
    let (created_text, deadline_text, closed_text) = if date_texts {
        (
            minute(&created),
            r.deadline.map(|d| d.to_string()).unwrap_or_default(),
            closed.as_ref().map(minute).unwrap_or_default(),
        )
    } else {
        Default::default()
    };
    Cells {
        text: [
            r.number,
            r.enterprise,
            r.township,
            label(&labels.category, r.category),
            label(&labels.difficulty, r.difficulty),
            r.description,
            created_text,
            r.department.unwrap_or_default(),
            r.assignee.unwrap_or_default(),
            deadline_text,
            status_text,
            r.progress.unwrap_or_default(),
            closed_text,
            satisfaction,
            supervised,
        ],
        created,
        deadline: r.deadline,
        closed,
    }
}

/// How many cases the ledger of a scope holds (for the progress bar).
pub async fn ledger_len(conn: &mut PgConnection, scope: Scope) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "select count(*) from cases c{}",
        scope_condition(scope, "c")
    )))
    .fetch_one(conn)
    .await?;
    Ok(n.max(0) as u64)
}

struct Formats {
    header: Format,
    datetime: Format,
    date: Format,
    percent: Format,
    score: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_align(FormatAlign::Center),
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            percent: Format::new().set_num_format("0.0%"),
            score: Format::new().set_num_format("0.0"),
        }
    }
}

fn header(
    sheet: &mut Worksheet,
    locale: &str,
    keys: &[&str],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, key) in keys.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, t(locale, key), &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Builds the workbook: the ledger, the assessment for `assessment_period`, the visits.
/// Returns it with the number of cases written.
pub async fn ledger_workbook(
    conn: &mut PgConnection,
    scope: Scope,
    assessment_period: PeriodSpec,
    today: NaiveDate,
    settings: &Settings,
    locale: &str,
    progress: Option<&ProgressBar>,
) -> Result<(Workbook, u64), ReportError> {
    let tz = settings.timezone;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    // Level 3, as Excel itself uses: about a third faster to save than the default 6, for a
    // file a few per cent larger.
    workbook.set_zip_compression_level(3);

    let mut rows: u32 = 0;
    {
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(ExportError::from)?;
        sheet
            .set_name(t(locale, "export-sheet-ledger"))
            .map_err(ExportError::from)?;
        for (col, w) in LEDGER_WIDTHS.iter().enumerate() {
            sheet
                .set_column_width(col as u16, *w)
                .map_err(ExportError::from)?;
        }
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
        header(sheet, locale, &LEDGER_COLUMNS, &formats).map_err(ExportError::from)?;
        let labels = Labels::new(locale);
        let sql = format!(
            "{LEDGER_SELECT}{} order by c.id",
            scope_condition(scope, "c")
        );
        let mut stream = sqlx::query_as::<_, LedgerRow>(AssertSqlSafe(sql)).fetch(&mut *conn);
        while let Some(r) = stream.try_next().await? {
            rows += 1;
            write_ledger_row(sheet, rows, cells(&labels, tz, today, r, false))
                .map_err(ExportError::from)?;
            if let Some(p) = progress {
                p.inc(1);
            }
        }
        sheet
            .autofilter(0, 0, rows.max(1), LEDGER_COLUMNS.len() as u16 - 1)
            .map_err(ExportError::from)?;
    }

    let assessment = assess::assessment(conn, scope, assessment_period, today, settings).await?;
    {
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(ExportError::from)?;
        sheet
            .set_name(t(locale, "export-sheet-assessment"))
            .map_err(ExportError::from)?;
        sheet.set_column_width(2, 24).map_err(ExportError::from)?;
        header(sheet, locale, &ASSESSMENT_COLUMNS, &formats).map_err(ExportError::from)?;
        let all = assessment
            .departments
            .iter()
            .chain(assessment.cadres.iter());
        let mut row = 0u32;
        for r in all {
            row += 1;
            write_assessment_row(sheet, row, r, locale, &formats).map_err(ExportError::from)?;
        }
        sheet
            .autofilter(0, 0, row.max(1), ASSESSMENT_COLUMNS.len() as u16 - 1)
            .map_err(ExportError::from)?;
    }

    {
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(ExportError::from)?;
        sheet
            .set_name(t(locale, "export-sheet-visits"))
            .map_err(ExportError::from)?;
        for (col, w) in [12.0, 24.0, 12.0, 12.0, 8.0, 40.0].iter().enumerate() {
            sheet
                .set_column_width(col as u16, *w)
                .map_err(ExportError::from)?;
        }
        header(sheet, locale, &VISIT_COLUMNS, &formats).map_err(ExportError::from)?;
        let condition = match scope {
            Scope::County => String::new(),
            Scope::Cadre(p) => format!(" where v.cadre_id = {p}"),
            Scope::Department(_) => " where false".to_string(),
        };
        let sql = format!(
            "select v.visited_on, e.name, t.name, p.name, v.no_problems, v.note from visits v \
             join enterprises e on e.id = v.enterprise_id join townships t on t.id = e.township_id \
             join people p on p.id = v.cadre_id{condition} order by v.visited_on, v.id"
        );
        let mut stream = sqlx::query_as::<
            _,
            (NaiveDate, String, String, String, bool, Option<String>),
        >(AssertSqlSafe(sql))
        .fetch(&mut *conn);
        let (yes, no) = (t(locale, "export-yes"), t(locale, "export-no"));
        let mut row = 0u32;
        while let Some((day, enterprise, township, cadre, zero, note)) = stream.try_next().await? {
            row += 1;
            (|| -> Result<(), XlsxError> {
                sheet.write_date_with_format(row, 0, day, &formats.date)?;
                sheet.write_string(row, 1, enterprise)?;
                sheet.write_string(row, 2, township)?;
                sheet.write_string(row, 3, cadre)?;
                sheet.write_string(row, 4, if zero { &yes } else { &no })?;
                if let Some(n) = note {
                    sheet.write_string(row, 5, n)?;
                }
                Ok(())
            })()
            .map_err(ExportError::from)?;
        }
        sheet
            .autofilter(0, 0, row.max(1), VISIT_COLUMNS.len() as u16 - 1)
            .map_err(ExportError::from)?;
    }
    if let Some(first) = workbook.worksheets_mut().first_mut() {
        first.set_active(true);
    }
    Ok((workbook, u64::from(rows)))
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
    let kind = match r.subject {
        Subject::Department => t(locale, "export-subject-department"),
        Subject::Cadre => t(locale, "export-subject-cadre"),
    };
    sheet.write_string(row, 0, kind)?;
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

/// The ledger as CSV into `out`: a byte order mark, the headers, one line per case.
pub async fn write_ledger_csv<W: Write>(
    conn: &mut PgConnection,
    scope: Scope,
    today: NaiveDate,
    settings: &Settings,
    locale: &str,
    out: W,
    progress: Option<&ProgressBar>,
) -> Result<(W, u64), ReportError> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())
        .map_err(ExportError::from)?;
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(LEDGER_COLUMNS.iter().map(|k| t(locale, k)))
        .map_err(ExportError::from)?;
    let sql = format!(
        "{LEDGER_SELECT}{} order by c.id",
        scope_condition(scope, "c")
    );
    let labels = Labels::new(locale);
    let mut stream = sqlx::query_as::<_, LedgerRow>(AssertSqlSafe(sql)).fetch(&mut *conn);
    let mut rows = 0u64;
    while let Some(r) = stream.try_next().await? {
        rows += 1;
        let c = cells(&labels, settings.timezone, today, r, true);
        writer.write_record(&c.text).map_err(ExportError::from)?;
        if let Some(p) = progress {
            p.inc(1);
        }
    }
    let out = writer
        .into_inner()
        .map_err(|e| ExportError::Io(e.into_error()))?;
    Ok((out, rows))
}

/// The spreadsheet as bytes, to send in chat.
pub async fn export_xlsx_bytes(
    conn: &mut PgConnection,
    scope: Scope,
    assessment_period: PeriodSpec,
    today: NaiveDate,
    settings: &Settings,
    locale: &str,
) -> Result<Vec<u8>, ReportError> {
    let (mut workbook, _) = ledger_workbook(
        conn,
        scope,
        assessment_period,
        today,
        settings,
        locale,
        None,
    )
    .await?;
    Ok(workbook.save_to_buffer().map_err(ExportError::from)?)
}

/// The CSV as bytes, to send in chat.
pub async fn export_csv_bytes(
    conn: &mut PgConnection,
    scope: Scope,
    today: NaiveDate,
    settings: &Settings,
    locale: &str,
) -> Result<Vec<u8>, ReportError> {
    let (bytes, _) =
        write_ledger_csv(conn, scope, today, settings, locale, Vec::new(), None).await?;
    Ok(bytes)
}

/// Writes the ledger to a file; returns the number of cases written.
#[allow(clippy::too_many_arguments)]
pub async fn write_export(
    conn: &mut PgConnection,
    scope: Scope,
    format: LedgerFormat,
    path: &Path,
    assessment_period: PeriodSpec,
    today: NaiveDate,
    settings: &Settings,
    locale: &str,
    progress: Option<&ProgressBar>,
) -> Result<u64, ReportError> {
    match format {
        LedgerFormat::Xlsx => {
            let (mut workbook, rows) = ledger_workbook(
                conn,
                scope,
                assessment_period,
                today,
                settings,
                locale,
                progress,
            )
            .await?;
            workbook.save(path).map_err(ExportError::from)?;
            Ok(rows)
        }
        LedgerFormat::Csv => {
            let file = std::fs::File::create(path).map_err(ExportError::from)?;
            let (file, rows) = write_ledger_csv(
                conn,
                scope,
                today,
                settings,
                locale,
                std::io::BufWriter::new(file),
                progress,
            )
            .await?;
            file.into_inner()
                .map_err(|e| ExportError::Io(e.into_error()))?
                .sync_all()
                .map_err(ExportError::from)?;
            Ok(rows)
        }
    }
}
