//! The county-wide fast path: the same figures as `figures`, read from rollups that triggers
//! keep in the same transaction as each change (migration `20261127000051_report_rollups.sql`):
//! - `report_counts`: per local day, week and month and per dimension, new cases and each flow
//!   figure; a period reads whole months, then whole weeks, then single days (`segments`);
//! - `report_durations`: per day, week and month, a histogram of the durations the medians are
//!   taken of;
//!   the medians stay exact, because only the bucket holding the middle rank is read in full;
//! - `report_stock`: the stock figures as of a day, built from the cases the first time that
//!   day is asked for and then kept by the trigger.
//!
//! Dimensions: the total, category, department, township and cadre (the enterprise's cadre as
//! paired today; re-pairing moves the counts). Which selections may read them is the reports'
//! decision; `zone` says which timezone's local days they hold.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use sqlx::PgConnection;
use std::collections::HashMap;

use super::figures::{Flow, Stock};
use super::selection::{Dim, GroupKey, Window};
use super::{StoreError, map_err};
use crate::domain::Category;

/// The timezone whose local days the rollups are kept in, once they have been set up.
pub async fn zone(conn: &mut PgConnection) -> Result<Option<String>, StoreError> {
    sqlx::query_scalar("select timezone from report_rollup_zone")
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)
}

/// The fewest grains (`'m'` month, `'w'` week from Monday, `'d'` day) that tile `[from, to)`:
/// the grain names and their first days, as two arrays for the queries.
pub fn segments(from: NaiveDate, to: NaiveDate) -> (Vec<i8>, Vec<NaiveDate>) {
    let (mut grains, mut starts) = (vec![], vec![]);
    let mut d = from;
    while d < to {
        let month_end = (d.day() == 1)
            .then(|| d.checked_add_months(Months::new(1)))
            .flatten();
        // A week that runs into a month which fits whole would hide that month: days instead.
        let next_first = d
            .with_day(1)
            .and_then(|f| f.checked_add_months(Months::new(1)));
        let month_fits_next = next_first
            .and_then(|f| f.checked_add_months(Months::new(1)))
            .is_some_and(|end| end <= to);
        let week_end = (d.weekday() == chrono::Weekday::Mon)
            .then(|| d.checked_add_days(Days::new(7)))
            .flatten()
            .filter(|end| !(month_fits_next && next_first.is_some_and(|f| *end > f)));
        let (grain, next) = match (month_end, week_end) {
            (Some(end), _) if end <= to => (b'm', end),
            (_, Some(end)) if end <= to => (b'w', end),
            _ => (b'd', d + Days::new(1)),
        };
        grains.push(grain as i8);
        starts.push(d);
        d = next;
    }
    (grains, starts)
}

fn dim_codes(dims: &[Dim]) -> Vec<i16> {
    std::iter::once(0)
        .chain(dims.iter().map(|d| match d {
            Dim::Category => 1,
            Dim::Department => 2,
            Dim::Township => 3,
            Dim::Cadre => 4,
        }))
        .collect()
}

fn key(dim: i16, category: &str, ref_id: i64) -> Option<GroupKey> {
    match dim {
        0 => Some(GroupKey::Total),
        1 => Category::parse(category).map(GroupKey::Category),
        2 => Some(GroupKey::Department((ref_id != 0).then_some(ref_id))),
        3 => Some(GroupKey::Township(Some(ref_id))),
        4 => Some(GroupKey::Cadre((ref_id != 0).then_some(ref_id))),
        _ => None,
    }
}

#[derive(sqlx::FromRow)]
struct DailyRow {
    dim: i16,
    category: String,
    ref_id: i64,
    new: i64,
    #[sqlx(flatten)]
    flow: Flow,
}

/// New cases and flow figures over the days `[from, to)`, for the total and each of `dims`.
/// Groups with nothing to count are left out, as the raw queries leave them out.
pub async fn new_and_flow(
    conn: &mut PgConnection,
    (from, to): (NaiveDate, NaiveDate),
    dims: &[Dim],
) -> Result<(HashMap<GroupKey, i64>, HashMap<GroupKey, Flow>), StoreError> {
    let (grains, starts) = segments(from, to);
    let rows: Vec<DailyRow> = sqlx::query_as(
        "select dim, category, ref_id, sum(new)::int8 as new, sum(dispatched)::int8 as dispatched, \
             sum(signed_for)::int8 as signed_for, sum(returned)::int8 as returned, \
             sum(resolved)::int8 as resolved, sum(resolved_on_time)::int8 as resolved_on_time, \
             sum(closed)::int8 as closed, sum(reopened)::int8 as reopened, \
             sum(closed + reopened)::int8 as confirmed, sum(satisfied)::int8 as satisfied \
         from report_counts \
         where (grain, start) in (select * from unnest($1::\"char\"[], $2::date[])) \
           and dim = any($3) \
         group by dim, category, ref_id",
    )
    .bind(grains)
    .bind(starts)
    .bind(dim_codes(dims))
    .fetch_all(&mut *conn)
    .await?;
    let mut new = HashMap::new();
    let mut flow = HashMap::new();
    for r in rows {
        let Some(k) = key(r.dim, &r.category, r.ref_id) else {
            continue;
        };
        if r.new != 0 {
            new.insert(k, r.new);
        }
        if r.flow != Flow::default() {
            flow.insert(k, r.flow);
        }
    }
    Ok((new, flow))
}

#[derive(sqlx::FromRow)]
struct StockRow {
    dim: i16,
    category: String,
    ref_id: i64,
    #[sqlx(flatten)]
    stock: Stock,
}

/// Stock figures as the ledger stands on `today`, for the total and each of `dims`.
pub async fn stock(
    conn: &mut PgConnection,
    today: NaiveDate,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, Stock>, StoreError> {
    sqlx::query("select report_stock_snapshot($1)")
        .bind(today)
        .execute(&mut *conn)
        .await?;
    let rows: Vec<StockRow> = sqlx::query_as(
        "select dim, category, ref_id, awaiting_dispatch::int8 as awaiting_dispatch, \
             awaiting_sign_for::int8 as awaiting_sign_for, in_progress::int8 as in_progress, \
             awaiting_confirmation::int8 as awaiting_confirmation, open::int8 as open, \
             overdue::int8 as overdue \
         from report_stock where day = $1 and dim = any($2) and open <> 0",
    )
    .bind(today)
    .bind(dim_codes(dims))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| key(r.dim, &r.category, r.ref_id).map(|k| (k, r.stock)))
        .collect())
}

/// Median days to sign for and to resolve over the days `[from, to)` (`window`: the same days
/// as instants), exactly as `percentile_cont(0.5)` over the facts computes them.
pub async fn medians(
    conn: &mut PgConnection,
    (from, to): (NaiveDate, NaiveDate),
    window: Window,
) -> Result<(Option<f64>, Option<f64>), StoreError> {
    let (grains, starts) = segments(from, to);
    let histogram: Vec<(String, i32, i64)> = sqlx::query_as(
        "select kind, bucket, sum(n)::int8 from report_durations \
         where (grain, start) in (select * from unnest($1::\"char\"[], $2::date[])) \
         group by kind, bucket order by kind, bucket",
    )
    .bind(grains)
    .bind(starts)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = [None, None];
    for (slot, kind) in out.iter_mut().zip(["accepted", "resolved"]) {
        let buckets: Vec<(i32, i64)> = histogram
            .iter()
            .filter(|(k, _, _)| k == kind)
            .map(|(_, b, n)| (*b, *n))
            .collect();
        *slot = median_seconds(conn, kind, &buckets, (window.from, window.to))
            .await?
            .map(|s| s / 86400.0);
    }
    Ok((out[0], out[1]))
}

/// The bucket holding rank `rank` (0-based) and the rank within it.
fn locate(buckets: &[(i32, i64)], rank: i64) -> Option<(i32, i64)> {
    let mut before = 0;
    for (bucket, n) in buckets {
        if rank < before + n {
            return Some((*bucket, rank - before));
        }
        before += n;
    }
    None
}

async fn median_seconds(
    conn: &mut PgConnection,
    kind: &str,
    buckets: &[(i32, i64)],
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Option<f64>, StoreError> {
    let n: i64 = buckets.iter().map(|(_, n)| n).sum();
    if n <= 0 {
        return Ok(None);
    }
    // percentile_cont(0.5): the value at (n − 1) / 2, interpolated between its neighbours.
    let (lo, hi) = ((n - 1) / 2, n / 2);
    let (Some((lo_bucket, lo_offset)), Some((hi_bucket, _))) =
        (locate(buckets, lo), locate(buckets, hi))
    else {
        return Ok(None);
    };
    let values = |bucket: i32, offset: i64, limit: i64| {
        sqlx::query_scalar::<_, f64>(
            "select extract(epoch from at - since)::float8 as s from report_facts \
             where kind = $1 and since is not null \
               and report_duration_bucket(extract(epoch from at - since)::float8) = $2 \
               and at >= $3 and at < $4 \
             order by s offset $5 limit $6",
        )
        .bind(kind.to_string())
        .bind(bucket)
        .bind(from)
        .bind(to)
        .bind(offset)
        .bind(limit)
    };
    let first = values(lo_bucket, lo_offset, if lo == hi { 1 } else { 2 })
        .fetch_all(&mut *conn)
        .await?;
    let Some(&lo_value) = first.first() else {
        return Ok(None);
    };
    if lo == hi {
        return Ok(Some(lo_value));
    }
    let hi_value = match first.get(1) {
        Some(v) if hi_bucket == lo_bucket => *v,
        _ => match values(hi_bucket, 0, 1).fetch_optional(&mut *conn).await? {
            Some(v) => v,
            None => return Ok(None),
        },
    };
    // The same arithmetic as PostgreSQL's float8 interpolation.
    Ok(Some(lo_value + 0.5 * (hi_value - lo_value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_is_tiled_by_months_then_weeks_then_days() {
        // November 2026: one month.
        assert_eq!(
            segments(d("2026-11-01"), d("2026-12-01")),
            (vec![b'm' as i8], vec![d("2026-11-01")])
        );
        // Monday 11-23 to Sunday 11-29: one week.
        assert_eq!(
            segments(d("2026-11-23"), d("2026-11-30")),
            (vec![b'w' as i8], vec![d("2026-11-23")])
        );
        // Sunday 10-18 .. Tuesday 12-01: a day, a week, six days (the next week would run into
        // November), the month of November, a day.
        let (grains, starts) = segments(d("2026-10-18"), d("2026-12-02"));
        assert_eq!(
            String::from_utf8(grains.iter().map(|g| *g as u8).collect()).unwrap(),
            "dwddddddmd"
        );
        assert_eq!(
            (starts[0], starts[1], starts[2], starts[8], starts[9]),
            (
                d("2026-10-18"),
                d("2026-10-19"),
                d("2026-10-26"),
                d("2026-11-01"),
                d("2026-12-01")
            )
        );
        // A week across a month that does not fit whole is kept.
        assert_eq!(
            segments(d("2026-11-30"), d("2026-12-07")),
            (vec![b'w' as i8], vec![d("2026-11-30")])
        );
        assert_eq!(segments(d("2026-11-05"), d("2026-11-05")), (vec![], vec![]));
    }

    #[test]
    fn a_rank_is_found_in_its_bucket() {
        let buckets = [(0, 2), (5, 3), (30, 1)];
        assert_eq!(locate(&buckets, 0), Some((0, 0)));
        assert_eq!(locate(&buckets, 2), Some((5, 0)));
        assert_eq!(locate(&buckets, 4), Some((5, 2)));
        assert_eq!(locate(&buckets, 5), Some((30, 0)));
        assert_eq!(locate(&buckets, 6), None);
    }
}
