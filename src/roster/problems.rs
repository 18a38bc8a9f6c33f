//! What can be wrong with a roster file or one of its rows, and how each is told to the
//! operator (every message through the locale files).

use crate::i18n::{Args, tr};
use crate::store::StoreError;

/// A data row that cannot be imported, with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub problem: RowProblem,
}

/// Why a row cannot be imported. Each renders as an `import-error-*` message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// A required cell is empty.
    Missing {
        column: String,
    },
    /// A code is not one word of at most 64 characters.
    BadCode {
        value: String,
    },
    /// A WeCom userid is not 1 to 64 letters, digits, `_`, `-`, `@` or `.`.
    BadWecomUserid {
        value: String,
    },
    /// Two people of the file share a WeCom userid.
    DuplicateWecomUserid {
        userid: String,
        first_line: u64,
    },
    TooLong {
        column: String,
        max: usize,
    },
    DuplicateCode {
        code: String,
        first_line: u64,
    },
    UnknownTownship {
        code: String,
    },
    UnknownDepartment {
        code: String,
    },
    UnknownPerson {
        code: String,
    },
    UnknownSection {
        section: String,
        department: String,
    },
    SectionWithoutDepartment {
        section: String,
    },
    /// An entry of a department's sections cell is not `CODE=名称` or `名称`.
    BadSection {
        value: String,
    },
    BadRole {
        value: String,
    },
    NoRoles,
    BadPhone {
        value: String,
    },
    BadLanguage {
        value: String,
    },
    /// The in-post (在岗) cell is not yes or no.
    BadActive {
        value: String,
    },
    BadKind {
        value: String,
    },
    BadCategory {
        value: String,
    },
    /// Two rows route the same category.
    CategoryTwice {
        category: String,
        first_line: u64,
    },
    /// An enterprise's cadre does not hold the cadre role.
    NotACadre {
        code: String,
    },
    OfficerWithoutDepartment,
    /// A township person (乡镇) must name their township.
    TownshipRoleWithoutTownship,
    /// A default assignee must be an officer of the department.
    NotOfficerOf {
        person: String,
        department: String,
    },
    /// Two rows name the head (or the default assignee) of the same department.
    AssignedTwice {
        department: String,
        first_line: u64,
    },
    /// A projects file names a unit the roster does not have.
    UnknownUnit {
        code: String,
    },
    /// A projects file names an enterprise that is not a project unit.
    NotAProjectUnit {
        code: String,
    },
    /// An investment cell is not an amount in 万元.
    BadAmount {
        column: String,
        value: String,
    },
    BadDate {
        column: String,
        value: String,
    },
    BadStage {
        value: String,
    },
    /// An actual date for a stage beyond the project's stage.
    ReachedAhead {
        column: String,
    },
    /// A time limit is not a whole number of working days in range.
    BadDays {
        column: String,
        value: String,
    },
    /// An approval item promises more working days than the law allows.
    PromisedOverStatutory {
        promised: i64,
        statutory: i64,
    },
    /// An approval item's steps take longer than it promises.
    StepsOverPromised {
        total: i64,
        promised: i64,
    },
    /// A row of an approval item contradicts the item's first row.
    ItemDiffers {
        column: String,
        first_line: u64,
    },
}

impl RowProblem {
    /// The reason, in `locale`, as Telegram HTML (use `html_to_text` for a terminal).
    pub fn message(&self, locale: &str) -> String {
        use RowProblem::*;
        let (key, args) = match self {
            Missing { column } => ("import-error-missing", Args::new().str("column", column)),
            BadCode { value } => ("import-error-bad-code", Args::new().str("value", value)),
            BadWecomUserid { value } => (
                "import-error-bad-wecom-userid",
                Args::new().str("value", value),
            ),
            DuplicateWecomUserid { userid, first_line } => (
                "import-error-duplicate-wecom-userid",
                Args::new()
                    .str("userid", userid)
                    .num("first", *first_line as f64),
            ),
            TooLong { column, max } => (
                "import-error-too-long",
                Args::new().str("column", column).num("max", *max as f64),
            ),
            DuplicateCode { code, first_line } => (
                "import-error-duplicate-code",
                Args::new()
                    .str("code", code)
                    .num("first", *first_line as f64),
            ),
            UnknownTownship { code } => (
                "import-error-unknown-township",
                Args::new().str("code", code),
            ),
            UnknownDepartment { code } => (
                "import-error-unknown-department",
                Args::new().str("code", code),
            ),
            UnknownPerson { code } => {
                ("import-error-unknown-person", Args::new().str("code", code))
            }
            UnknownSection {
                section,
                department,
            } => (
                "import-error-unknown-section",
                Args::new()
                    .str("section", section)
                    .str("department", department),
            ),
            SectionWithoutDepartment { section } => (
                "import-error-section-without-department",
                Args::new().str("section", section),
            ),
            BadSection { value } => ("import-error-bad-section", Args::new().str("value", value)),
            BadRole { value } => ("import-error-bad-role", Args::new().str("value", value)),
            NoRoles => ("import-error-no-roles", Args::new()),
            BadPhone { value } => ("import-error-bad-phone", Args::new().str("value", value)),
            BadLanguage { value } => ("import-error-bad-language", Args::new().str("value", value)),
            BadActive { value } => ("import-error-bad-active", Args::new().str("value", value)),
            BadKind { value } => ("import-error-bad-kind", Args::new().str("value", value)),
            BadCategory { value } => ("import-error-bad-category", Args::new().str("value", value)),
            CategoryTwice {
                category,
                first_line,
            } => (
                "import-error-category-twice",
                Args::new()
                    .str("category", category)
                    .num("first", *first_line as f64),
            ),
            NotACadre { code } => ("import-error-not-a-cadre", Args::new().str("code", code)),
            OfficerWithoutDepartment => ("import-error-officer-without-department", Args::new()),
            TownshipRoleWithoutTownship => ("townships-import-no-township", Args::new()),
            NotOfficerOf { person, department } => (
                "import-error-not-officer-of",
                Args::new()
                    .str("person", person)
                    .str("department", department),
            ),
            AssignedTwice {
                department,
                first_line,
            } => (
                "import-error-assigned-twice",
                Args::new()
                    .str("department", department)
                    .num("first", *first_line as f64),
            ),
            UnknownUnit { code } => ("import-error-unknown-unit", Args::new().str("code", code)),
            NotAProjectUnit { code } => (
                "import-error-not-a-project-unit",
                Args::new().str("code", code),
            ),
            BadAmount { column, value } => (
                "import-error-bad-amount",
                Args::new().str("column", column).str("value", value),
            ),
            BadDate { column, value } => (
                "import-error-bad-date",
                Args::new().str("column", column).str("value", value),
            ),
            BadStage { value } => ("import-error-bad-stage", Args::new().str("value", value)),
            ReachedAhead { column } => (
                "import-error-reached-ahead",
                Args::new().str("column", column),
            ),
            BadDays { column, value } => (
                "items-error-bad-days",
                Args::new().str("column", column).str("value", value),
            ),
            PromisedOverStatutory {
                promised,
                statutory,
            } => (
                "items-error-promised-over-statutory",
                Args::new()
                    .num("promised", *promised as f64)
                    .num("statutory", *statutory as f64),
            ),
            StepsOverPromised { total, promised } => (
                "items-error-steps-over-promised",
                Args::new()
                    .num("total", *total as f64)
                    .num("promised", *promised as f64),
            ),
            ItemDiffers { column, first_line } => (
                "items-error-item-differs",
                Args::new()
                    .str("column", column)
                    .num("first", *first_line as f64),
            ),
        };
        tr(locale, key, args)
    }
}

impl RowError {
    /// `line N: reason`, in `locale`.
    pub fn message(&self, locale: &str) -> String {
        tr(
            locale,
            "import-row-error",
            Args::new()
                .num("line", self.line as f64)
                .html("reason", self.problem.message(locale)),
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not UTF-8 (line {line})")]
    NotUtf8 { line: u64 },
    #[error("the file is an old (.xls) or encrypted Excel workbook")]
    Workbook,
    #[error("the Excel workbook cannot be read")]
    UnreadableWorkbook,
    #[error("cell {cell} holds a formula saved without its value")]
    UncomputedFormula { cell: String },
    #[error("the file is empty")]
    Empty,
    #[error("the file is not valid CSV (line {line})")]
    Malformed { line: u64 },
    #[error("unknown column {column}")]
    UnknownColumn { column: String },
    #[error("column {column} appears twice")]
    DuplicateColumn { column: String },
    #[error("required column {column} is missing")]
    MissingColumn { column: String },
    #[error("line {line} has {found} cells, the header {expected}")]
    TooManyCells {
        line: u64,
        found: usize,
        expected: usize,
    },
    #[error("{} rows cannot be imported", .0.len())]
    BadRows(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::store::DbError> for ImportError {
    fn from(e: crate::store::DbError) -> Self {
        ImportError::Store(crate::store::map_err(e))
    }
}

impl ImportError {
    /// What to tell the operator, one line each, in `locale` (Telegram HTML). For bad rows:
    /// every row's reason, then the summary line.
    pub fn messages(&self, locale: &str) -> Vec<String> {
        let one = |key: &str, args: Args| vec![tr(locale, key, args)];
        match self {
            ImportError::NotUtf8 { line } => one(
                "import-file-not-utf8",
                Args::new().num("line", *line as f64),
            ),
            ImportError::Workbook => one("import-file-workbook", Args::new()),
            ImportError::UnreadableWorkbook => one("import-file-workbook-unreadable", Args::new()),
            ImportError::UncomputedFormula { cell } => one(
                "import-file-workbook-uncomputed",
                Args::new().str("cell", cell),
            ),
            ImportError::Empty => one("import-file-empty", Args::new()),
            ImportError::Malformed { line } => one(
                "import-file-malformed",
                Args::new().num("line", *line as f64),
            ),
            ImportError::UnknownColumn { column } => one(
                "import-file-unknown-column",
                Args::new().str("column", column),
            ),
            ImportError::DuplicateColumn { column } => one(
                "import-file-duplicate-column",
                Args::new().str("column", column),
            ),
            ImportError::MissingColumn { column } => one(
                "import-file-missing-column",
                Args::new().str("column", column),
            ),
            ImportError::TooManyCells {
                line,
                found,
                expected,
            } => one(
                "import-file-too-many-cells",
                Args::new()
                    .num("line", *line as f64)
                    .num("found", *found as f64)
                    .num("expected", *expected as f64),
            ),
            ImportError::BadRows(rows) => {
                let mut lines: Vec<String> = rows.iter().map(|r| r.message(locale)).collect();
                lines.push(tr(
                    locale,
                    "import-failed",
                    Args::new().num("count", rows.len() as f64),
                ));
                lines
            }
            ImportError::Store(_) => one("import-failed-store", Args::new()),
        }
    }
}
