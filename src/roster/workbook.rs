//! The first sheet of an Excel workbook (.xlsx) as rows of text, so that a roster kept in Excel
//! imports as it is: shared and inline strings as written, whole numbers as Excel shows them
//! (a phone number typed as a number is `13800000001`, not `1.38e10`), and cells formatted as
//! dates as `YYYY-MM-DD`. Formulas give their last computed value; a formula saved without one
//! (a file written by a program, never opened in Excel) is refused by its cell, not read as
//! empty. Read with the `zip` and
//! `quick-xml` the ledger's export already uses.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use chrono::NaiveDate;
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

/// A sheet's row: its number in Excel (what the operator sees) and its cells, column A first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// The first sheet: its name and its rows, empty rows left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<SheetRow>,
}

/// Why a workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// Not a workbook this reads (for the log; the operator is told it is unreadable).
    #[error("unreadable workbook: {0}")]
    Broken(String),
    /// A formula saved without its computed value, at this cell (`E3`).
    #[error("cell {cell} holds a formula saved without its value")]
    Uncomputed { cell: String },
}

fn broken(what: impl std::fmt::Display) -> WorkbookError {
    WorkbookError::Broken(what.to_string())
}

/// Reads the first sheet of the workbook in `bytes`.
pub fn first_sheet(bytes: &[u8]) -> Result<Sheet, WorkbookError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let mut part = |name: &str| -> Result<Option<String>, WorkbookError> {
        let Ok(mut file) = zip.by_name(name) else {
            return Ok(None);
        };
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(broken)?;
        Ok(Some(text))
    };
    let workbook = part("xl/workbook.xml")?.ok_or_else(|| broken("no xl/workbook.xml"))?;
    let (name, rel) = first_sheet_ref(&workbook)?;
    let rels = part("xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let path = sheet_path(&rels, &rel).unwrap_or_else(|| "xl/worksheets/sheet1.xml".into());
    let shared = match part("xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let dates = match part("xl/styles.xml")? {
        Some(xml) => date_styles(&xml)?,
        None => Vec::new(),
    };
    let sheet = part(&path)?.ok_or_else(|| broken(format!("no {path}")))?;
    let rows = rows(&sheet, &shared, &dates)?;
    Ok(Sheet { name, rows })
}

/// An attribute's value by its local name (`r:id` is `id`).
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Calls `f` with every element that opens (or stands alone) in `xml`.
fn each_element(
    xml: &str,
    mut f: impl FnMut(&BytesStart<'_>) -> Option<()>,
) -> Result<(), WorkbookError> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) | Event::Empty(e) if f(&e).is_none() => return Ok(()),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The first `<sheet>` of the workbook: its name and relationship id.
fn first_sheet_ref(workbook: &str) -> Result<(String, String), WorkbookError> {
    let mut found = None;
    each_element(workbook, |e| {
        if e.local_name().as_ref() == b"sheet" {
            found = Some((
                attr(e, b"name").unwrap_or_default(),
                attr(e, b"id").unwrap_or_default(),
            ));
            return None;
        }
        Some(())
    })?;
    found.ok_or_else(|| broken("the workbook has no sheet"))
}

/// The sheet's part, from the workbook's relationships (`worksheets/sheet1.xml` is relative to
/// `xl/`; a target starting with `/` is from the package's root).
fn sheet_path(rels: &str, id: &str) -> Option<String> {
    let mut target = None;
    each_element(rels, |e| {
        if e.local_name().as_ref() == b"Relationship" && attr(e, b"Id").as_deref() == Some(id) {
            target = attr(e, b"Target");
            return None;
        }
        Some(())
    })
    .ok()?;
    let target = target?;
    Some(match target.strip_prefix('/') {
        Some(root) => root.to_string(),
        None => format!("xl/{target}"),
    })
}

/// Adds what an entity reference (`&amp;`, `&#x4E2D;`) stands for.
fn push_ref(text: &mut String, r: &BytesRef<'_>) -> Result<(), WorkbookError> {
    if let Some(c) = r.resolve_char_ref().map_err(broken)? {
        text.push(c);
        return Ok(());
    }
    let name = r.decode().map_err(broken)?;
    let resolved = quick_xml::escape::resolve_predefined_entity(&name)
        .ok_or_else(|| broken(format!("unknown entity &{name};")))?;
    text.push_str(resolved);
    Ok(())
}

/// Text and entity references up to the end of the element `end`, joined; only the text inside
/// `<t>` elements counts (not phonetic runs).
fn text_until(reader: &mut Reader<&[u8]>, end: &[u8]) -> Result<String, WorkbookError> {
    let mut text = String::new();
    let mut in_t = false;
    let mut skip = 0u32;
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) if e.local_name().as_ref() == b"rPh" => skip += 1,
            Event::End(e) if e.local_name().as_ref() == b"rPh" => skip = skip.saturating_sub(1),
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_t = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::Text(t) if in_t && skip == 0 => text.push_str(&t.decode().map_err(broken)?),
            Event::CData(t) if in_t && skip == 0 => text.push_str(&t.decode().map_err(broken)?),
            Event::GeneralRef(r) if in_t && skip == 0 => push_ref(&mut text, &r)?,
            Event::End(e) if e.local_name().as_ref() == end => return Ok(text),
            Event::Eof => return Err(broken("the XML ends early")),
            _ => {}
        }
    }
}

/// The shared strings, in order (`<si>` each, rich text runs joined).
fn shared_strings(xml: &str) -> Result<Vec<String>, WorkbookError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) if e.local_name().as_ref() == b"si" => {
                out.push(text_until(&mut reader, b"si")?);
            }
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// For each cell style (`cellXfs`, by index), whether its number format shows a date.
fn date_styles(xml: &str) -> Result<Vec<bool>, WorkbookError> {
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut styles: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, b"numFmtId"), attr(&e, b"formatCode"))
                        && let Ok(id) = id.parse()
                    {
                        custom.insert(id, code);
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    styles.push(
                        attr(&e, b"numFmtId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0),
                    );
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles
        .into_iter()
        .map(|id| match custom.get(&id) {
            Some(code) => is_date_format(code),
            None => matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58),
        })
        .collect())
}

/// Whether a number format code shows a date: it has a year or a day once quoted text,
/// bracketed parts (`[Red]`, `[$-804]`) and escaped characters are set aside.
fn is_date_format(code: &str) -> bool {
    let mut plain = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            c => plain.push(c.to_ascii_lowercase()),
        }
    }
    plain.contains('y') || plain.contains('d')
}

/// A column's index from a cell reference (`B7` → 1).
fn column(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let n = letters
        .iter()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
    Some(n - 1)
}

/// A date serial (days since 1899-12-30, as Excel counts on Windows) as a day.
fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

/// A number as the operator typed it: whole numbers without a decimal point.
fn number_text(raw: &str) -> String {
    match raw.trim().parse::<f64>() {
        Ok(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
        Ok(n) => n.to_string(),
        Err(_) => raw.trim().to_string(),
    }
}

/// One cell's text, by its type (`t`), its style (`s`) and its value.
fn cell_text(
    kind: &str,
    style: Option<usize>,
    value: &str,
    shared: &[String],
    dates: &[bool],
) -> String {
    match kind {
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| shared.get(i).cloned())
            .unwrap_or_default(),
        "inlineStr" | "str" | "e" => value.to_string(),
        "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
        _ => {
            let is_date = style.and_then(|s| dates.get(s)).copied().unwrap_or(false);
            match value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|_| is_date)
                .and_then(serial_date)
            {
                Some(day) => day.format("%Y-%m-%d").to_string(),
                None => number_text(value),
            }
        }
    }
}

/// The sheet's rows that hold anything, each with its row number.
fn rows(xml: &str, shared: &[String], dates: &[bool]) -> Result<Vec<SheetRow>, WorkbookError> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<SheetRow> = Vec::new();
    let mut row: Option<SheetRow> = None;
    let mut next_line = 1u64;
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) if e.local_name().as_ref() == b"row" => {
                let line = attr(&e, b"r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(next_line);
                next_line = line + 1;
                row = Some(SheetRow {
                    line,
                    cells: Vec::new(),
                });
            }
            Event::End(e) if e.local_name().as_ref() == b"row" => {
                if let Some(r) = row.take()
                    && r.cells.iter().any(|c| !c.trim().is_empty())
                {
                    out.push(r);
                }
            }
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                let kind = attr(&e, b"t").unwrap_or_default();
                let style = attr(&e, b"s").and_then(|s| s.parse().ok());
                let reference = attr(&e, b"r");
                let at = reference.as_deref().and_then(column);
                let Some(value) = cell_value(&mut reader, &kind)? else {
                    let line = row.as_ref().map_or(next_line, |r| r.line);
                    let cell = reference.unwrap_or_else(|| format!("#{line}"));
                    return Err(WorkbookError::Uncomputed { cell });
                };
                if let Some(r) = row.as_mut() {
                    let at = at.unwrap_or(r.cells.len());
                    if at >= 16_384 {
                        return Err(broken("a cell beyond column XFD"));
                    }
                    if r.cells.len() <= at {
                        r.cells.resize(at + 1, String::new());
                    }
                    r.cells[at] = cell_text(&kind, style, &value, shared, dates);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The raw value of the cell being read: `<v>`'s text, or an inline string's; `None` for a
/// formula (`<f>`) saved without a value.
fn cell_value(reader: &mut Reader<&[u8]>, kind: &str) -> Result<Option<String>, WorkbookError> {
    if kind == "inlineStr" {
        return text_until(reader, b"c").map(Some);
    }
    let mut value = String::new();
    let mut in_v = false;
    let (mut formula, mut valued) = (false, false);
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"f" => formula = true,
            Event::Start(e) if e.local_name().as_ref() == b"v" => (in_v, valued) = (true, true),
            Event::Empty(e) if e.local_name().as_ref() == b"v" => valued = true,
            Event::End(e) if e.local_name().as_ref() == b"v" => in_v = false,
            Event::Text(t) if in_v => value.push_str(&t.decode().map_err(broken)?),
            Event::GeneralRef(r) if in_v => push_ref(&mut value, &r)?,
            Event::End(e) if e.local_name().as_ref() == b"c" => {
                return Ok((valued || !formula).then_some(value));
            }
            Event::Eof => return Err(broken("the XML ends early")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_numbers_dates_and_formats_read_as_excel_shows_them() {
        assert_eq!(column("A1"), Some(0));
        assert_eq!(column("Z9"), Some(25));
        assert_eq!(column("AA10"), Some(26));
        assert_eq!(column("XFD1"), Some(16_383));
        assert_eq!(column("12"), None);
        assert_eq!(number_text("13800000001"), "13800000001");
        assert_eq!(number_text("1.3800000001E10"), "13800000001");
        assert_eq!(number_text("2.5"), "2.5");
        assert_eq!(number_text("abc"), "abc");
        assert_eq!(serial_date(46357.0), NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(serial_date(46357.75), NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(serial_date(-1.0), None);
        for date in [
            "yyyy-mm-dd",
            "m/d/yy",
            "yyyy\"年\"m\"月\"d\"日\"",
            "[$-804]yyyy/m/d;@",
        ] {
            assert!(is_date_format(date), "{date}");
        }
        for other in [
            "0.00",
            "#,##0",
            "0%",
            "@",
            "\"day\" 0",
            "[Red]0.0",
            "h:mm:ss",
        ] {
            assert!(!is_date_format(other), "{other}");
        }
    }

    #[test]
    fn cells_of_every_kind_read_into_their_columns() {
        let shared = shared_strings(
            "<sst><si><t>编码</t></si><si><r><t>马召</t></r><r><t>镇</t></r>\
             <rPh><t>マ</t></rPh></si><si/></sst>",
        )
        .unwrap();
        assert_eq!(shared, ["编码", "马召镇", ""]);
        let dates = date_styles(
            "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>\
             </numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/>\
             </cellXfs></styleSheet>",
        )
        .unwrap();
        assert_eq!(dates, [false, true, true]);
        let sheet = "<worksheet><sheetData>\
            <row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>A&amp;B</t></is></c></row>\
            <row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" s=\"1\"><v>46357</v></c>\
            <c r=\"C3\"><v>1.3800000001E10</v></c><c r=\"D3\" t=\"b\"><v>1</v></c>\
            <c r=\"E3\" t=\"str\"><f>A3</f><v>马召镇</v></c></row>\
            <row r=\"4\"><c r=\"A4\" s=\"2\"/></row>\
            </sheetData></worksheet>";
        let rows = rows(sheet, &shared, &dates).unwrap();
        assert_eq!(
            rows,
            [
                SheetRow {
                    line: 2,
                    cells: vec!["编码".into(), String::new(), "A&B".into()],
                },
                SheetRow {
                    line: 3,
                    cells: vec![
                        "马召镇".into(),
                        "2026-12-01".into(),
                        "13800000001".into(),
                        "TRUE".into(),
                        "马召镇".into(),
                    ],
                },
            ]
        );
    }

    #[test]
    fn a_formula_saved_without_its_value_is_refused_by_its_cell() {
        let sheet = |cells: &str| {
            format!("<worksheet><sheetData><row r=\"7\">{cells}</row></sheetData></worksheet>")
        };
        let uncomputed =
            sheet("<c r=\"A7\"><v>1</v></c><c r=\"D7\" t=\"str\"><f>A7&amp;\"镇\"</f></c>");
        match rows(&uncomputed, &[], &[]) {
            Err(WorkbookError::Uncomputed { cell }) => assert_eq!(cell, "D7"),
            other => panic!("{other:?}"),
        }
        // A formula whose value is empty, and a shared formula's follower with its value, read.
        let computed = sheet(
            "<c r=\"A7\"><v>1</v></c><c r=\"B7\" t=\"str\"><f>\"\"</f><v></v></c><c r=\"C7\"><f t=\"shared\" si=\"0\"/><v>2</v></c>",
        );
        let read = rows(&computed, &[], &[]).unwrap();
        assert_eq!(read[0].cells, ["1", "", "2"]);
    }
}
