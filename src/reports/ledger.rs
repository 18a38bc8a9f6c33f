//! The ledger's (台账) columns and the texts of one case row in them, shared by the spreadsheet
//! and the CSV, and what writing either can fail with.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_xlsxwriter::XlsxError;
use std::collections::HashMap;

use crate::domain::case::is_overdue;
use crate::domain::{CaseStatus, Category, Difficulty, Satisfaction, ServiceMode};
use crate::i18n::t;
use crate::store::export::LedgerRow;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the spreadsheet failed: {0}")]
    Xlsx(XlsxError),
    #[error("writing the CSV failed: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing the file failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the zip failed: {0}")]
    Zip(zip::result::ZipError),
}

/// A file that cannot be written is an I/O error, whatever wrote it.
impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::IoError(io) => ExportError::Io(io),
            other => ExportError::Xlsx(other),
        }
    }
}

impl From<zip::result::ZipError> for ExportError {
    fn from(e: zip::result::ZipError) -> Self {
        match e {
            zip::result::ZipError::Io(io) => ExportError::Io(io),
            other => ExportError::Zip(other),
        }
    }
}

/// The ledger's columns, in order: the headers the county's own forms use.
pub const LEDGER_COLUMNS: [&str; 17] = [
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
    "export-col-files",
    "modes-col-service-mode",
];

/// The texts of one ledger row, in column order (dates separately, as they are typed cells).
pub(crate) struct Cells {
    pub(crate) text: [String; 17],
    pub(crate) created: chrono::NaiveDateTime,
    pub(crate) deadline: Option<NaiveDate>,
    pub(crate) closed: Option<chrono::NaiveDateTime>,
}

/// The locale's words for the coded columns, looked up once per export instead of per row.
pub(crate) struct Labels {
    status: HashMap<&'static str, String>,
    category: HashMap<&'static str, String>,
    difficulty: HashMap<&'static str, String>,
    satisfaction: HashMap<&'static str, String>,
    mode: HashMap<&'static str, String>,
    overdue_suffix: String,
    supervised: String,
}

impl Labels {
    pub(crate) fn new(locale: &str) -> Labels {
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
        let modes: Vec<&'static str> = ServiceMode::ALL.iter().map(|m| m.code()).collect();
        Labels {
            status: map(&statuses, "status"),
            category: map(&categories, "category"),
            difficulty: map(&difficulties, "difficulty"),
            satisfaction: map(&satisfactions, "satisfaction"),
            mode: map(&modes, "modes-mode"),
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
pub(crate) fn cells(
    labels: &Labels,
    tz: Tz,
    today: NaiveDate,
    r: LedgerRow,
    date_texts: bool,
) -> Cells {
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
            r.files.to_string(),
            r.service_mode
                .map(|m| label(&labels.mode, m))
                .unwrap_or_default(),
        ],
        created,
        deadline: r.deadline,
        closed,
    }
}
