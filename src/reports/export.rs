//! The ledger (台账) export: the spreadsheet (`workbook`), or the case rows alone as CSV (UTF-8
//! with a byte order mark, so that Excel reads the Chinese), as bytes for the chat or as a file.

use futures_util::TryStreamExt;
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

use super::ledger::{Labels, cells};
use super::workbook::ledger_workbook;
use super::{ReportError, Request};
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
    req: &Request<'_>,
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
    let mut stream = export::ledger_rows(conn, req.scope);
    let mut rows = 0u64;
    while let Some(r) = stream.try_next().await? {
        rows += 1;
        let c = cells(&labels, req.tz(), req.today, r, true);
        writer
            .write_record(c.text.iter().map(|cell| csv_cell(cell).into_owned()))
            .map_err(ExportError::from)?;
        if let Some(p) = progress {
            p.inc(1);
        }
    }
    let out = writer
        .into_inner()
        .map_err(|e| ExportError::Io(e.into_error()))?;
    Ok((out, rows))
}

/// A cell as the CSV holds it: one that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) is written as text, with a `'` in front, as
/// OWASP's CSV-injection guidance says. A plain number (`-3`, `+1.5`) is left alone: it is no
/// formula.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A sign, digits, and at most one decimal point among them.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let mut points = 0;
    !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| {
            if c == '.' {
                points += 1;
                points == 1
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The spreadsheet as bytes, to send in chat; its assessment sheet covers the request's period.
pub async fn export_xlsx_bytes(
    conn: &mut PgConnection,
    req: &Request<'_>,
    locale: &str,
) -> Result<Vec<u8>, ReportError> {
    let (mut workbook, _) = ledger_workbook(conn, req, locale, None).await?;
    Ok(workbook.save_to_buffer().map_err(ExportError::from)?)
}

/// The CSV as bytes, to send in chat.
pub async fn export_csv_bytes(
    conn: &mut PgConnection,
    req: &Request<'_>,
    locale: &str,
) -> Result<Vec<u8>, ReportError> {
    let (bytes, _) = write_ledger_csv(conn, req, locale, Vec::new(), None).await?;
    Ok(bytes)
}

/// Writes the ledger to a file; returns the number of cases written.
pub async fn write_export(
    conn: &mut PgConnection,
    req: &Request<'_>,
    format: LedgerFormat,
    path: &Path,
    locale: &str,
    progress: Option<&ProgressBar>,
) -> Result<u64, ReportError> {
    match format {
        LedgerFormat::Xlsx => {
            let (mut workbook, rows) = ledger_workbook(conn, req, locale, progress).await?;
            workbook.save(path).map_err(ExportError::from)?;
            Ok(rows)
        }
        LedgerFormat::Csv => {
            let file = std::fs::File::create(path).map_err(ExportError::from)?;
            let (file, rows) =
                write_ledger_csv(conn, req, locale, std::io::BufWriter::new(file), progress)
                    .await?;
            file.into_inner()
                .map_err(|e| ExportError::Io(e.into_error()))?
                .sync_all()
                .map_err(ExportError::from)?;
            Ok(rows)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn cells_that_would_run_as_formulas_are_written_as_text() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"点我\")",
            "+1+1",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
            "-",
            "=",
        ] {
            assert_eq!(csv_cell(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [
            "企业用电难",
            "",
            "3",
            "-3",
            "+1.5",
            "a=b",
            " =1",
            "2026-12-01",
        ] {
            assert_eq!(csv_cell(cell), cell, "{cell:?}");
        }
    }
}
