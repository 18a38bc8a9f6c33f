//! Reads a roster file into rows of named cells: CSV in UTF-8 (with or without a byte-order
//! mark) or GBK, or an Excel workbook's first sheet; English or Chinese headers; line numbers
//! kept for the error report.

use super::ImportKind;
pub use super::fields::{Field, normalize_header};

use super::ImportError;
use super::workbook::WorkbookError;

/// One data row of the file.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line of the file the row starts on (the header is line 1).
    pub line: u64,
    cells: Vec<String>,
}

/// A roster file: which column holds which field, and the rows.
#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<(Field, String)>,
    pub rows: Vec<Row>,
    pub source: Source,
}

/// How a file was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// CSV in UTF-8, with or without a byte-order mark.
    Utf8,
    /// CSV in GBK (GB18030), as Excel saves "CSV" on Chinese Windows.
    Gbk,
    /// The first sheet of an Excel workbook (.xlsx), by its name.
    Workbook { sheet: String },
}

impl Table {
    /// Whether the file has this column at all (an absent column leaves stored values alone).
    pub fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|(f, _)| *f == field)
    }

    /// The header of this column as the file writes it, for messages.
    pub fn header(&self, field: Field) -> String {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| field.header().to_string())
    }

    /// The trimmed cell of `field` in `row`: `None` when the file has no such column.
    pub fn cell<'a>(&self, row: &'a Row, field: Field) -> Option<&'a str> {
        let index = self.columns.iter().position(|(f, _)| *f == field)?;
        Some(row.cells.get(index).map(|s| s.trim()).unwrap_or(""))
    }

    /// Reads a whole file: an Excel workbook's first sheet, or CSV in UTF-8 (with or without a
    /// byte-order mark) or else GBK (GB18030). File-level problems (encoding, CSV syntax,
    /// headers, a row with more cells than the header) come back as `ImportError`; row contents
    /// are checked later.
    pub fn read(kind: ImportKind, bytes: &[u8]) -> Result<Table, ImportError> {
        if bytes.starts_with(b"PK\x03\x04") {
            return Table::from_workbook(kind, bytes);
        }
        // An old .xls workbook, or an encrypted one (both OLE files).
        if bytes.starts_with(b"\xd0\xcf\x11\xe0") {
            return Err(ImportError::Workbook);
        }
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let decoded: String;
        let (bytes, source) = match std::str::from_utf8(bytes) {
            Ok(_) => (bytes, Source::Utf8),
            Err(e) => {
                let gbk =
                    encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
                let Some(text) = gbk else {
                    let line = 1 + bytes[..e.valid_up_to()]
                        .iter()
                        .filter(|b| **b == b'\n')
                        .count() as u64;
                    return Err(ImportError::NotUtf8 { line });
                };
                decoded = text.into_owned();
                (decoded.as_bytes(), Source::Gbk)
            }
        };
        // The reader's positions point before the blank lines it skips: step over them, then
        // count the newlines before the record.
        let newlines: Vec<u64> = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i as u64)
            .collect();
        let line_at = |byte: u64| {
            let start = bytes
                .iter()
                .skip(byte as usize)
                .position(|b| *b != b'\n' && *b != b'\r')
                .map_or(byte, |skip| byte + skip as u64);
            1 + newlines.partition_point(|&n| n < start) as u64
        };
        let csv_error = |e: &csv::Error| ImportError::Malformed {
            line: e.position().map_or(0, |p| line_at(p.byte())),
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(h)) => h.iter().map(str::to_string).collect(),
            Some(Err(e)) => return Err(csv_error(&e)),
            None => return Err(ImportError::Empty),
        };
        let mut rows = Vec::new();
        for record in records {
            let record = record.map_err(|e| csv_error(&e))?;
            rows.push(Row {
                line: record.position().map_or(0, |p| line_at(p.byte())),
                cells: record.iter().map(str::to_string).collect(),
            });
        }
        Table::build(kind, header, rows, source)
    }

    /// The first sheet of a workbook. Title rows above the header (one cell, often merged
    /// across the table) are passed over, and so are empty cells after a row's last value.
    fn from_workbook(kind: ImportKind, bytes: &[u8]) -> Result<Table, ImportError> {
        let sheet = super::workbook::first_sheet(bytes).map_err(|e| match e {
            WorkbookError::Uncomputed { cell } => ImportError::UncomputedFormula { cell },
            WorkbookError::Broken(_) => {
                tracing::warn!(error = %e, "an Excel workbook could not be read");
                ImportError::UnreadableWorkbook
            }
        })?;
        let mut rows = sheet.rows.into_iter().map(|mut r| {
            while r.cells.last().is_some_and(|c| c.trim().is_empty()) {
                r.cells.pop();
            }
            Row {
                line: r.line,
                cells: r.cells,
            }
        });
        let header = loop {
            match rows.next() {
                Some(r) if r.cells.iter().filter(|c| !c.trim().is_empty()).count() < 2 => {}
                Some(r) => break r.cells,
                None => return Err(ImportError::Empty),
            }
        };
        let source = Source::Workbook { sheet: sheet.name };
        Table::build(kind, header, rows.collect(), source)
    }

    /// The table from its header and its rows (blank rows are dropped), whatever the file was.
    fn build(
        kind: ImportKind,
        header: Vec<String>,
        records: Vec<Row>,
        source: Source,
    ) -> Result<Table, ImportError> {
        let allowed = Field::allowed(kind);
        let mut columns: Vec<(Field, String)> = Vec::new();
        for raw in &header {
            let text = raw.trim().trim_start_matches('\u{feff}').trim().to_string();
            let normalized = normalize_header(&text);
            let Some((field, _)) = allowed.iter().find(|(f, _)| f.matches(kind, &normalized))
            else {
                return Err(ImportError::UnknownColumn { column: text });
            };
            if columns.iter().any(|(f, _)| f == field) {
                return Err(ImportError::DuplicateColumn { column: text });
            }
            columns.push((*field, text));
        }
        for (field, required) in allowed {
            if *required && !columns.iter().any(|(f, _)| f == field) {
                return Err(ImportError::MissingColumn {
                    column: field.header().to_string(),
                });
            }
        }
        let mut rows = Vec::new();
        for record in records {
            if record.cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if record.cells.len() > columns.len() {
                return Err(ImportError::TooManyCells {
                    line: record.line,
                    found: record.cells.len(),
                    expected: columns.len(),
                });
            }
            rows.push(record);
        }
        Ok(Table {
            columns,
            rows,
            source,
        })
    }
}

/// Splits a list cell (`cadre;officer`, `助企干部、责任人`, `a|b`) into its trimmed items.
pub fn split_list(cell: &str) -> Vec<&str> {
    cell.split([';', '；', '、', '|', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_split_on_chinese_and_ascii_separators() {
        assert_eq!(
            split_list("助企干部、责任人; leader |admin"),
            ["助企干部", "责任人", "leader", "admin"]
        );
        assert!(split_list(" ; 、").is_empty());
    }

    #[test]
    fn headers_compare_loosely() {
        assert_eq!(normalize_header("\u{feff} Contact-Phone "), "contact_phone");
    }

    #[test]
    fn a_file_with_a_bom_and_chinese_headers_reads() {
        let table = Table::read(
            ImportKind::Townships,
            "\u{feff}编码,名称\r\nT1,\"青岚\n镇\"\r\n\r\n\r\nT2,\"柳溪镇\"\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(
            table.rows[1].line, 6,
            "a quoted line break and blank lines count"
        );
        assert_eq!(table.cell(&table.rows[1], Field::Name), Some("柳溪镇"));
    }
}
