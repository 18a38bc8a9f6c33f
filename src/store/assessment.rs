//! What the assessment table needs beyond the figures: each cadre's visits and pairings.

use chrono::NaiveDate;
use sqlx::PgConnection;
use std::collections::HashMap;

use super::{StoreError, map_err};

/// One cadre's visiting record over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Visiting {
    /// Visits logged in the period.
    pub visits: i64,
    /// Enterprises paired with the cadre today.
    pub enterprises: i64,
    /// Paired enterprises the cadre visited in the period.
    pub enterprises_visited: i64,
}

/// Per cadre, the visiting record over the days `from..=to`; for the cadres in `cadre_ids`,
/// or for every cadre when `None`.
pub async fn visits_by_cadre(
    conn: &mut PgConnection,
    (from, to): (NaiveDate, NaiveDate),
    cadre_ids: Option<&[i64]>,
) -> Result<HashMap<i64, Visiting>, StoreError> {
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "with paired as ( \
             select cadre_id, count(*) as n from enterprises \
             where cadre_id is not null and ($1::int8[] is null or cadre_id = any($1)) group by cadre_id \
         ), logged as ( \
             select v.cadre_id, count(*) as n, \
                    count(distinct v.enterprise_id) filter (where ( \
                        select e.cadre_id from enterprises e where e.id = v.enterprise_id \
                    ) = v.cadre_id) as visited \
             from visits v \
             where ($1::int8[] is null or v.cadre_id = any($1)) and v.visited_on between $2 and $3 \
             group by v.cadre_id \
         ) \
         select coalesce(p.cadre_id, l.cadre_id), coalesce(l.n, 0), coalesce(p.n, 0), coalesce(l.visited, 0) \
         from paired p full join logged l on l.cadre_id = p.cadre_id",
    )
    .bind(cadre_ids)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
    .map_err(map_err)?;
    Ok(rows
        .into_iter()
        .map(|(id, visits, enterprises, enterprises_visited)| {
            (
                id,
                Visiting {
                    visits,
                    enterprises,
                    enterprises_visited,
                },
            )
        })
        .collect())
}
