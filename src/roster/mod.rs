//! Roster import (townships, departments, people, enterprises, projects and the catalogue of
//! approval items, from CSV or an Excel workbook) and invite codes. A file is checked whole and
//! written in one transaction, or not at all.

mod fields;
mod import;
mod invite;
mod problems;
pub mod table;
pub mod workbook;

pub use import::import;
pub use invite::{
    InviteCliError, InviteFor, MadeInvite, Revoked, code_prefix, invite_lines, make_invite,
    record_made, revoke_invite, supersede_older,
};
pub use problems::{ImportError, RowError, RowProblem};

use crate::i18n::{Args, tr};

/// Which kind of roster a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Townships,
    Departments,
    People,
    Enterprises,
    /// 重点项目: a project record per project unit.
    Projects,
    /// The catalogue of approval items (审批事项), one row per step.
    ApprovalItems,
}

/// What an import did, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub kind: ImportKind,
    /// Data rows in the file (blank lines not counted).
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// How the file was read.
    pub source: table::Source,
}

/// The localized name of a kind of roster file.
pub fn kind_name(locale: &str, kind: ImportKind) -> String {
    let key = match kind {
        ImportKind::Townships => "import-kind-townships",
        ImportKind::Departments => "import-kind-departments",
        ImportKind::People => "import-kind-people",
        ImportKind::Enterprises => "import-kind-enterprises",
        ImportKind::Projects => "import-kind-projects",
        ImportKind::ApprovalItems => "import-kind-approval-items",
    };
    tr(locale, key, Args::new())
}
