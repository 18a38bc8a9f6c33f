//! Reading back the spreadsheets the bot writes.

use std::io::Read;

/// One part of a spreadsheet (the workbook, a sheet, the shared strings), as text.
pub fn xlsx_part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}
