//! Service modes (帮办 / 陪办 / 代办) in the reports: the summary's count of cases by mode, and
//! the ledger's sheet of the documents received from and returned to enterprises (代办).

use chrono_tz::Tz;
use futures_util::TryStreamExt;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::{Deserialize, Serialize};

use super::ReportError;
use super::figures::Scope;
use super::ledger::ExportError;
use super::sheet;
use crate::domain::ServiceMode;
use crate::i18n::{Args, t, tr};
use crate::store::selection::{Filter, Window};
use crate::store::{PgConnection, StoreError, service_modes};

/// Cases by service mode as marked now, among the cases of the summary's scope and filter that
/// are open or were reported in the period (the cases its case lists hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ModeCounts {
    pub help: i64,
    pub accompany: i64,
    pub handle: i64,
    /// Of those, the cases with a document received from the enterprise still out.
    pub documents_out: i64,
}

impl ModeCounts {
    pub async fn of(
        conn: &mut PgConnection,
        scope: Scope,
        filter: &Filter,
        window: Window,
    ) -> Result<ModeCounts, StoreError> {
        let mut counts = ModeCounts::default();
        for (mode, c) in service_modes::counts(conn, scope, filter, window).await? {
            match mode {
                ServiceMode::Help => counts.help = c.cases,
                ServiceMode::Accompany => counts.accompany = c.cases,
                ServiceMode::Handle => counts.handle = c.cases,
            }
            counts.documents_out += c.documents_out;
        }
        Ok(counts)
    }

    pub fn is_empty(&self) -> bool {
        self.help + self.accompany + self.handle == 0
    }

    /// The summary's line, or none when no case has a mode.
    pub fn line(&self, locale: &str) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut line = tr(
            locale,
            "modes-summary-line",
            Args::new()
                .num("help", self.help as f64)
                .num("accompany", self.accompany as f64)
                .num("handle", self.handle as f64),
        );
        if self.documents_out > 0 {
            line.push_str(&tr(
                locale,
                "modes-summary-documents-out",
                Args::new().num("out", self.documents_out as f64),
            ));
        }
        Some(line)
    }
}

const DOCUMENT_COLUMNS: [&str; 7] = [
    "export-col-number",
    "export-col-enterprise",
    "modes-col-document",
    "modes-col-received-at",
    "modes-col-received-by",
    "modes-col-returned-at",
    "modes-col-returned-by",
];

/// The documents sheet: every document received from an enterprise in the scope's cases, when
/// and by whom it was received and returned.
pub(super) async fn documents_sheet(
    workbook: &mut Workbook,
    conn: &mut PgConnection,
    scope: Scope,
    tz: Tz,
    locale: &str,
) -> Result<(), ReportError> {
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = sheet::add(
        workbook,
        true,
        &t(locale, "modes-sheet-documents"),
        &sheet::titles(locale, &DOCUMENT_COLUMNS),
        &[15.0, 24.0, 28.0, 17.0, 10.0, 17.0, 10.0],
    )
    .map_err(ExportError::from)?;
    for col in [3, 5] {
        sheet
            .set_column_format(col, &datetime)
            .map_err(ExportError::from)?;
    }
    let mut stream = service_modes::document_rows(conn, scope);
    let mut row = 0u32;
    while let Some(d) = stream.try_next().await? {
        row += 1;
        (|| -> Result<(), XlsxError> {
            sheet.write_string(row, 0, d.number)?;
            sheet.write_string(row, 1, d.enterprise)?;
            sheet.write_string(row, 2, d.name)?;
            sheet.write_datetime(row, 3, d.received_at.with_timezone(&tz).naive_local())?;
            sheet.write_string(row, 4, d.received_by)?;
            if let Some(at) = d.returned_at {
                sheet.write_datetime(row, 5, at.with_timezone(&tz).naive_local())?;
            }
            if let Some(by) = d.returned_by {
                sheet.write_string(row, 6, by)?;
            }
            Ok(())
        })()
        .map_err(ExportError::from)?;
    }
    sheet::filter(sheet, row, DOCUMENT_COLUMNS.len()).map_err(ExportError::from)?;
    Ok(())
}
