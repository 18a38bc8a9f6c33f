//! When the county-wide fast path may answer: only county-wide, unfiltered selections of whole
//! local days in the rollups' timezone read the rollups (`store::rollup`); scoped and filtered
//! ones read the raw facts and cases.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::period::local_midnight;
use crate::store::selection::{Scope, Selection};
use crate::store::{self, PgConnection, StoreError};

/// Whole local days `[from, to)` that a selection covers, when the rollups can answer it.
pub async fn days(
    conn: &mut PgConnection,
    sel: &Selection,
    tz: Tz,
) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
    if sel.scope != Scope::County || !sel.filter.is_empty() {
        return Ok(None);
    }
    let from = sel.window.from.with_timezone(&tz).date_naive();
    let to = sel.window.to.with_timezone(&tz).date_naive();
    if local_midnight(tz, from) != sel.window.from
        || local_midnight(tz, to) != sel.window.to
        || from > to
    {
        return Ok(None);
    }
    let zone = store::rollup::zone(conn).await?;
    Ok((zone.as_deref() == Some(tz.name())).then_some((from, to)))
}
