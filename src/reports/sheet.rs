//! What the sheets of the xlsx files share: a name, widths, a header row (bold, centred, frozen
//! under it) and, once the rows are written, a filter on the header over them.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::i18n::t;

/// The header titles of `keys` in `locale`.
pub(super) fn titles(locale: &str, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(locale, k)).collect()
}

/// Adds a sheet called `name` with `headers` as its first row and `widths` as the widths of its
/// first columns (the rest keep the default). A `streamed` sheet keeps only the row being
/// written in memory: its rows must come top to bottom (the ledger's hundreds of thousands).
pub(super) fn add<'w>(
    workbook: &'w mut Workbook,
    streamed: bool,
    name: &str,
    headers: &[String],
    widths: &[f64],
) -> Result<&'w mut Worksheet, XlsxError> {
    let sheet = if streamed {
        workbook.add_worksheet_with_constant_memory()?
    } else {
        workbook.add_worksheet()
    };
    sheet.set_name(name)?;
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    for (col, title) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// A filter on the header row over the `rows` rows written under it, across `columns`.
pub(super) fn filter(sheet: &mut Worksheet, rows: u32, columns: usize) -> Result<(), XlsxError> {
    sheet.autofilter(0, 0, rows.max(1), columns.saturating_sub(1) as u16)?;
    Ok(())
}
