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

/// The texts between `<t…>` and `</t>` in a piece of spreadsheet XML, joined.
fn texts_of(xml: &str) -> String {
    xml.split("<t")
        .skip(1)
        .filter_map(|s| s.split_once('>'))
        .filter_map(|(_, rest)| rest.split_once("</t>"))
        .map(|(text, _)| text)
        .collect()
}

/// The text cells of sheet `place` (from 1), shared or inline, in the order they stand.
pub fn sheet_texts(xlsx: &[u8], place: usize) -> Vec<String> {
    let shared: Vec<String> = xlsx_part(xlsx, "xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .map(texts_of)
        .collect();
    let sheet = xlsx_part(xlsx, &format!("xl/worksheets/sheet{place}.xml"));
    sheet
        .split("<c ")
        .skip(1)
        .filter_map(|cell| {
            let cell = cell.split("</c>").next().unwrap_or(cell);
            if cell.contains("t=\"s\"") {
                let index = cell.split_once("<v>")?.1.split_once("</v>")?.0;
                shared.get(index.parse::<usize>().ok()?).cloned()
            } else if cell.contains("t=\"inlineStr\"") {
                Some(texts_of(cell))
            } else {
                None
            }
        })
        .collect()
}
