//! The people file's `wecom_userid` column: each person's WeCom (企业微信 / 政务微信) userid, by
//! which they are bound without an invite. Checked with the rest of the row (its form, and no
//! two people of the file with one userid); written after the people, where a userid moves to
//! the person the file gives it to; an empty cell clears it, a missing column leaves it.

use std::collections::HashMap;

use crate::roster::table::{Field, Row, Table};
use crate::roster::{ImportError, RowProblem};
use crate::store::PgConnection;

use super::check::Check;

/// The userids seen so far in the file, with the line each was first on.
pub(super) struct Userids(HashMap<String, u64>);

/// Whether `s` is a userid WeCom could have given.
fn well_formed(s: &str) -> bool {
    (1..=64).contains(&s.chars().count())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '@' | '.'))
}

impl Userids {
    pub(super) fn new() -> Userids {
        Userids(HashMap::new())
    }

    /// Checks a row's userid cell; false when it has a problem (told to `check`).
    pub(super) fn check(&mut self, check: &mut Check<'_>, row: &Row) -> bool {
        let Some(userid) = check
            .cell(row, Field::WecomUserid)
            .filter(|c| !c.is_empty())
        else {
            return true;
        };
        if !well_formed(userid) {
            check.fail(
                row,
                RowProblem::BadWecomUserid {
                    value: userid.to_string(),
                },
            );
            return false;
        }
        if let Some(first_line) = self.0.get(userid).copied() {
            check.fail(
                row,
                RowProblem::DuplicateWecomUserid {
                    userid: userid.to_string(),
                    first_line,
                },
            );
            return false;
        }
        self.0.insert(userid.to_string(), row.line);
        true
    }
}

/// Writes the userids of a checked file (nothing when it has no such column).
pub(super) async fn write_userids(
    conn: &mut PgConnection,
    table: &Table,
) -> Result<(), ImportError> {
    let check = Check::new(table);
    for row in &table.rows {
        let (Some(code), Some(userid)) = (
            check.cell(row, Field::Code).filter(|c| !c.is_empty()),
            check.cell(row, Field::WecomUserid),
        ) else {
            continue;
        };
        let userid = Some(userid).filter(|u| !u.is_empty());
        crate::store::wecom::set_userid(conn, code, userid).await?;
    }
    Ok(())
}
