//! Importing townships: a code and a name each.

use crate::store::PgConnection;

use super::Writer;
use super::check::Check;
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
        let (_, outcome) = w.put(conn, existing.get(&record.code), &record).await?;
        w.count(outcome);
    }
    Ok(())
}
