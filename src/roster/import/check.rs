//! The rules every roster kind shares: codes, required and optional cells, phone numbers,
//! languages, kinds and sections; every problem is collected with its line.

use std::collections::HashMap;

use super::super::table::{Field, Row, Table};
use super::super::{ImportError, RowError, RowProblem};

const MAX_CODE: usize = 64;
const MAX_TEXT: usize = 200;
const MAX_LONG_TEXT: usize = 2000;

/// Collects the problems of every row; the file is imported only when there are none.
pub(super) struct Check<'t> {
    table: &'t Table,
    errors: Vec<RowError>,
    seen_codes: HashMap<String, u64>,
}

impl<'t> Check<'t> {
    pub(super) fn new(table: &'t Table) -> Check<'t> {
        Check {
            table,
            errors: Vec::new(),
            seen_codes: HashMap::new(),
        }
    }

    pub(super) fn fail(&mut self, row: &Row, problem: RowProblem) {
        self.errors.push(RowError {
            line: row.line,
            problem,
        });
    }

    pub(super) fn cell<'r>(&self, row: &'r Row, field: Field) -> Option<&'r str> {
        self.table.cell(row, field)
    }

    /// The row's code: present, one word, not seen earlier in the file.
    pub(super) fn code(&mut self, row: &Row) -> Option<String> {
        let code = self.repeatable_code(row)?;
        if let Some(first_line) = self.seen_codes.get(&code).copied() {
            self.fail(row, RowProblem::DuplicateCode { code, first_line });
            return None;
        }
        self.seen_codes.insert(code.clone(), row.line);
        Some(code)
    }

    /// A required text cell.
    pub(super) fn required(&mut self, row: &Row, field: Field) -> Option<String> {
        match self.optional(row, field) {
            Ok(Some(Some(v))) => Some(v),
            Ok(_) => {
                let column = self.table.header(field);
                self.fail(row, RowProblem::Missing { column });
                None
            }
            Err(()) => None,
        }
    }

    /// An optional text cell: `Ok(None)` when the column is absent, `Ok(Some(None))` when the
    /// cell is empty, `Err(())` when the cell was reported as bad.
    pub(super) fn optional(&mut self, row: &Row, field: Field) -> Cell {
        let Some(cell) = self.cell(row, field) else {
            return Ok(None);
        };
        if cell.is_empty() {
            return Ok(Some(None));
        }
        if cell.chars().count() > MAX_TEXT {
            let column = self.table.header(field);
            self.fail(
                row,
                RowProblem::TooLong {
                    column,
                    max: MAX_TEXT,
                },
            );
            return Err(());
        }
        Ok(Some(Some(cell.to_string())))
    }

    /// An optional phone number cell.
    pub(super) fn phone(&mut self, row: &Row, field: Field) -> Cell {
        match self.optional(row, field)? {
            Some(Some(p)) if !is_phone(&p) => {
                self.fail(row, RowProblem::BadPhone { value: p });
                Err(())
            }
            v => Ok(v),
        }
    }

    /// A problem of the row starting on `line`.
    pub(super) fn fail_line(&mut self, line: u64, problem: RowProblem) {
        self.errors.push(RowError { line, problem });
    }

    /// The header of a column as the file writes it.
    pub(super) fn header(&self, field: Field) -> String {
        self.table.header(field)
    }

    /// A code that several rows may share (the rows of one item): present and one word.
    pub(super) fn repeatable_code(&mut self, row: &Row) -> Option<String> {
        let code = self.cell(row, Field::Code).unwrap_or("").to_string();
        if code.is_empty() {
            let column = self.table.header(Field::Code);
            self.fail(row, RowProblem::Missing { column });
            return None;
        }
        if !is_code(&code) {
            self.fail(row, RowProblem::BadCode { value: code });
            return None;
        }
        Some(code)
    }

    /// An optional cell of free text up to `MAX_LONG_TEXT` characters (a legal basis, a list
    /// of documents): `Ok(None)` when absent or empty, `Err(())` when reported as too long.
    pub(super) fn long_text(&mut self, row: &Row, field: Field) -> Result<Option<String>, ()> {
        match self.cell(row, field) {
            None | Some("") => Ok(None),
            Some(cell) if cell.chars().count() > MAX_LONG_TEXT => {
                let column = self.table.header(field);
                self.fail(
                    row,
                    RowProblem::TooLong {
                        column,
                        max: MAX_LONG_TEXT,
                    },
                );
                Err(())
            }
            Some(cell) => Ok(Some(cell.to_string())),
        }
    }

    /// Every problem, by line (a problem of a whole item is found after its last row).
    pub(super) fn done(mut self) -> Result<(), ImportError> {
        self.errors.sort_by_key(|e| e.line);
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ImportError::BadRows(self.errors))
        }
    }
}

/// A checked optional cell: absent column, empty cell or value; `Err` when reported as bad.
pub(super) type Cell = Result<Option<Option<String>>, ()>;

/// The value to store for an optional cell: the file's when the column is present, the stored
/// one otherwise; `None` when the cell was bad.
pub(super) fn merge(cell: Cell, stored: Option<&Option<String>>) -> Option<Option<String>> {
    match cell {
        Ok(Some(v)) => Some(v),
        Ok(None) => Some(stored.cloned().flatten()),
        Err(()) => None,
    }
}

/// A code is one word of printable characters, at most 64 of them.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_CODE
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control())
}

/// Phone numbers as officials write them: digits with optional `+`, spaces, dashes and
/// parentheses; 7 to 15 digits (landline with area code, mobile, international).
pub(super) fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let mut digits = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '(' | ')' => {}
            _ => return false,
        }
    }
    (7..=15).contains(&digits)
}

/// `zh-CN` or `en`, from what a roster file says.
pub(super) fn parse_language(s: &str) -> Option<&'static str> {
    let lower = s.trim().to_lowercase();
    match lower.as_str() {
        "zh-cn" | "zh" | "zh_cn" | "zh-hans" | "中文" | "简体中文" | "汉语" | "chinese" => {
            Some("zh-CN")
        }
        "en" | "en-us" | "en-gb" | "english" | "英文" | "英语" => Some("en"),
        _ => None,
    }
}

/// Whether a person is in post (在岗): 是/否, yes/no, true/false, 1/0.
pub(super) fn parse_active(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "是" | "在岗" | "yes" | "y" | "true" | "1" => Some(true),
        "否" | "不在岗" | "离岗" | "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

pub(super) fn parse_kind(s: &str) -> Option<&'static str> {
    match s.trim().to_lowercase().as_str() {
        "enterprise" | "企业" => Some("enterprise"),
        "project" | "项目单位" | "项目" => Some("project"),
        _ => None,
    }
}

/// A number of working days as written: `15`, `15个工作日`, `15 工作日`, `15天`.
pub(super) fn parse_days(s: &str) -> Option<i32> {
    s.trim()
        .trim_end_matches("个工作日")
        .trim_end_matches("工作日")
        .trim_end_matches('天')
        .trim()
        .parse()
        .ok()
}

/// `CODE=名称`, `CODE:名称` or just `名称` (the name is then also the code).
pub(super) fn parse_section(entry: &str) -> Option<(String, String)> {
    let (code, name) = match entry.split_once(['=', ':', '：']) {
        Some((c, n)) => (c.trim(), n.trim()),
        None => (entry.trim(), entry.trim()),
    };
    (is_code(code) && !name.is_empty() && name.chars().count() <= MAX_TEXT)
        .then(|| (code.to_string(), name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_as_officials_write_them_are_accepted() {
        for ok in [
            "13800000000",
            "029-8765 4321",
            "+86 138 0000 0000",
            "(029)87654321",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12345", "电话", "138-0000-000x", "1234567890123456", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn sections_are_code_and_name_or_just_a_name() {
        assert_eq!(
            parse_section("zh=综合科"),
            Some(("zh".to_string(), "综合科".to_string()))
        );
        assert_eq!(
            parse_section("综合科"),
            Some(("综合科".to_string(), "综合科".to_string()))
        );
        assert_eq!(parse_section("=综合科"), None);
        assert_eq!(parse_section("a b=综合科"), None);
    }

    #[test]
    fn languages_are_read_in_either_language() {
        assert_eq!(parse_language("中文"), Some("zh-CN"));
        assert_eq!(parse_language("English"), Some("en"));
        assert_eq!(parse_language("fr"), None);
    }
}
