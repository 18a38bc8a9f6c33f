//! The ledger (台账) export: the spreadsheet (`workbook`), or the case rows alone as CSV (UTF-8
//! with a byte order mark, so that Excel reads the Chinese), as bytes for the chat or as a file.

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

use super::ReportError;
use super::figures::Scope;
use super::ledger::{Labels, cells};
use super::period::PeriodSpec;
use super::workbook::ledger_workbook;
use crate::config::Settings;
use crate::i18n::t;
use crate::store::PgConnection;
use crate::store::export;

pub use super::ledger::{ExportError, LEDGER_COLUMNS};
pub use crate::store::export::ledger_len;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerFormat {
    Xlsx,
    Csv,
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
    let labels = Labels::new(locale);
    let mut stream = export::ledger_rows(conn, scope);
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
