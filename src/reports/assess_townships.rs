//! The townships' table of the assessment (考核, 条块结合、以块为主): each township ranked by the
//! cases of the enterprises in it, with the departments' rates and formula. What the
//! departments', cadres' and townships' tables share (every row, each row's kind) is here too.

use super::assess::{Assessment, AssessmentRow, Subject, row_args};
use super::figures::{GroupKey, Scope};
use crate::i18n::{t, tr};
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

/// The townships' rows, filled by `fill` (the figures grouped by township), not yet ranked.
pub(super) fn township_rows(
    named: Vec<(i64, String)>,
    fill: &dyn Fn(&mut AssessmentRow, GroupKey),
) -> Vec<AssessmentRow> {
    named
        .into_iter()
        .map(|(id, name)| {
            let mut row = AssessmentRow::new(Subject::Township, id, name);
            fill(&mut row, GroupKey::Township(Some(id)));
            row
        })
        .collect()
}

/// The townships' lines of the message (at most `shown`), after the departments' and cadres'.
pub(super) fn render(locale: &str, townships: &[AssessmentRow], shown: usize) -> Vec<String> {
    if townships.is_empty() {
        return vec![];
    }
    let mut out = vec![String::new(), t(locale, "townships-assess-title")];
    for r in townships.iter().take(shown) {
        let args = row_args(locale, r).num("returned", r.returned as f64);
        out.push(tr(locale, "assess-line", args));
    }
    out
}

impl Assessment {
    /// Every row: the departments, then the cadres, then the townships (the sheet's order).
    pub fn all_rows(&self) -> impl Iterator<Item = &AssessmentRow> {
        self.departments
            .iter()
            .chain(self.cadres.iter())
            .chain(self.townships.iter())
    }
}

impl Subject {
    /// What the sheet's first column calls a row's kind.
    pub fn label(self, locale: &str) -> String {
        match self {
            Subject::Department => t(locale, "export-subject-department"),
            Subject::Cadre => t(locale, "export-subject-cadre"),
            Subject::Township => t(locale, "townships-subject"),
        }
    }
}
