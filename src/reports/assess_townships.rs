//! The townships' table of the assessment (考核, 条块结合、以块为主): which townships a scope's
//! table ranks, and how their lines follow the departments' and cadres' in the message. Each
//! township is scored on the cases of its enterprises with the departments' rates and formula
//! (`assess`).

use super::figures::Scope;
use crate::i18n::t;
use crate::store::groups::{self, Roster, names};
use crate::store::{PgConnection, StoreError};

/// The townships a scope's table lists, with their names, in id order: every township for the
/// county, a township person's own, none for a department or a cadre.
pub(super) async fn townships_of(
    conn: &mut PgConnection,
    scope: Scope,
) -> Result<Vec<(i64, String)>, StoreError> {
    match scope {
        Scope::County => groups::townships(conn).await,
        Scope::Township(t) => Ok(names(conn, Roster::Townships, vec![t])
            .await?
            .into_iter()
            .collect()),
        Scope::Department(_) | Scope::Cadre(_) => Ok(vec![]),
    }
}

/// The townships' part of the message: a blank line, the heading, and the first `shown` rows,
/// each written by `line`; nothing without townships.
pub(super) fn render<R>(
    locale: &str,
    townships: &[R],
    shown: usize,
    line: impl Fn(&R) -> String,
) -> Vec<String> {
    if townships.is_empty() {
        return vec![];
    }
    let mut out = vec![String::new(), t(locale, "townships-assess-title")];
    out.extend(townships.iter().take(shown).map(line));
    out
}
