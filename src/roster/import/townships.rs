//! Importing townships: a code and a name each.

use crate::store::PgConnection;

use super::check::Check;
use super::{Outcome, Writer};
use crate::roster::ImportError;
use crate::roster::table::{Field, Table};
use crate::store::roster::{self as store, TownshipRecord};

pub(super) async fn townships(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let mut check = Check::new(table);
    let mut planned = Vec::new();
    for row in &table.rows {
        let code = check.code(row);
        let name = check.required(row, Field::Name);
        if let (Some(code), Some(name)) = (code, name) {
            planned.push(TownshipRecord { code, name });
        }
    }
    check.done()?;
    let codes: Vec<String> = planned.iter().map(|r| r.code.clone()).collect();
    let existing = store::by_code::<TownshipRecord>(conn, &codes).await?;
    for record in planned {
        let outcome = match existing.get(&record.code) {
            None => {
                store::insert_record(conn, &record, false, w.now).await?;
                Outcome::Inserted
            }
            Some(e) if e.record == record => Outcome::Unchanged,
            Some(e) => {
                store::update_record(conn, e.id, &record, w.now).await?;
                Outcome::Updated
            }
        };
        w.count(outcome);
    }
    Ok(())
}
