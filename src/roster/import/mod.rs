//! Checks every row of a roster file against the ledger, then writes them all in one
//! transaction: insert new codes, update changed rows, leave unchanged rows untouched. One file
//! per kind of roster; `check` holds the rules every kind shares.
//!
//! A column the file does not have leaves the stored value alone; an empty cell in a column
//! the file has clears an optional value.

mod approval;
mod check;
mod departments;
mod enterprises;
mod people;
mod projects;
mod townships;
mod wecom;

use crate::store::PgPool;
use chrono::{DateTime, Utc};
use indicatif::ProgressBar;

use super::table::{Field, Table};
use super::{ImportError, ImportKind, ImportReport};
use crate::store::PgConnection;
use crate::store::roster::{self as store, Existing, Record};

/// Imports one roster file in one transaction: every row is written, or none when any row is
/// bad (then `ImportError::BadRows` lists them all). `progress` counts the rows written and is
/// shown only for files of at least `progress_from` rows.
pub async fn import(
    pool: &PgPool,
    kind: ImportKind,
    bytes: &[u8],
    now: DateTime<Utc>,
    progress: &ProgressBar,
    progress_from: u64,
) -> Result<ImportReport, ImportError> {
    let table = Table::read(kind, bytes)?;
    let rows = table.rows.len() as u64;
    if rows < progress_from {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.set_length(rows);
    let mut tx = pool.begin().await?;
    store::lock_roster(&mut tx).await?;
    let mut report = ImportReport {
        kind,
        rows: table.rows.len(),
        inserted: 0,
        updated: 0,
        unchanged: 0,
        source: table.source.clone(),
    };
    let mut w = Writer {
        report: &mut report,
        progress,
        now,
    };
    match kind {
        ImportKind::Townships => townships::townships(&mut tx, &table, &mut w).await?,
        ImportKind::Departments => departments::departments(&mut tx, &table, &mut w).await?,
        ImportKind::People => people::people(&mut tx, &table, &mut w).await?,
        ImportKind::Enterprises => enterprises::enterprises(&mut tx, &table, &mut w).await?,
        ImportKind::Projects => projects::projects(&mut tx, &table, &mut w).await?,
        ImportKind::ApprovalItems => approval::approval_items(&mut tx, &table, &mut w).await?,
    }
    tx.commit().await?;
    Ok(report)
}

/// Counts what was written and moves the progress bar.
struct Writer<'a> {
    report: &'a mut ImportReport,
    progress: &'a ProgressBar,
    now: DateTime<Utc>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

impl Outcome {
    /// Updated when something besides the record itself changed.
    fn or_updated(self, changed: bool) -> Outcome {
        if changed && self == Outcome::Unchanged {
            Outcome::Updated
        } else {
            self
        }
    }
}

impl Writer<'_> {
    /// Writes one record: inserted when no row has its code, updated when the row differs,
    /// left alone when it is the same. Returns the row's id and what was done.
    async fn put<R: Record + PartialEq>(
        &self,
        conn: &mut PgConnection,
        existing: Option<&Existing<R>>,
        record: &R,
    ) -> Result<(i64, Outcome), ImportError> {
        Ok(match existing {
            None => (
                store::insert_record(conn, record, false, self.now).await?,
                Outcome::Inserted,
            ),
            Some(e) if e.record == *record => (e.id, Outcome::Unchanged),
            Some(e) => {
                store::update_record(conn, e.id, record, self.now).await?;
                (e.id, Outcome::Updated)
            }
        })
    }

    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Inserted => self.report.inserted += 1,
            Outcome::Updated => self.report.updated += 1,
            Outcome::Unchanged => self.report.unchanged += 1,
        }
        self.progress.inc(1);
    }
}

/// The distinct codes, sorted.
fn unique(codes: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = codes.into_iter().collect();
    v.sort();
    v.dedup();
    v
}

/// The distinct codes the file's rows give.
fn row_codes(table: &Table) -> Vec<String> {
    column_values(table, Field::Code)
}

/// The distinct values, not empty, of a column of the file.
fn column_values(table: &Table, field: Field) -> Vec<String> {
    let cells = table.rows.iter().filter_map(|r| table.cell(r, field));
    unique(cells.filter(|c| !c.is_empty()).map(str::to_string))
}
