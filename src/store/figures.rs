//! The figures as the ledger's raw facts and cases give them: one definition of each, computed
//! in SQL (the README's "Figures and assessment" states each in words). The rollups' fast path
//! is `rollup`; combining the parts into a group's figures is the reports' job.
//!
//! Three sources, three kinds of figure:
//! - *flow* figures count events of the process record in the period (`report_facts`, written
//!   by a trigger with each event), grouped by the case's dimensions at the moment of the event;
//! - *new* counts cases reported in the period (`cases.created_at`), by the case as it stands;
//! - *stock* figures describe the ledger as it stands today, whatever the period.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use std::collections::HashMap;

use super::selection::{Dim, Filter, GroupKey, Keys, Scope, Selection, Source};
use super::selection::{push_conditions, push_from, push_group_by, push_keys};
use super::{StoreError, map_err};
use crate::domain::{CaseStatus, Category};

/// Events of the process record in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, sqlx::FromRow)]
pub struct Flow {
    /// 交办: dispatch events (a re-dispatch after a return counts again).
    pub dispatched: i64,
    /// 签收: sign-for events.
    pub signed_for: i64,
    /// 退回: return events, counted for the department that returned the case.
    pub returned: i64,
    /// 办理完毕: resolution events.
    pub resolved: i64,
    /// Resolutions whose local date is not after the deadline in force.
    pub resolved_on_time: i64,
    /// 办结: confirmations with a satisfied or basically satisfied enterprise.
    pub closed: i64,
    /// 重新办理: confirmations with an unsatisfied enterprise.
    pub reopened: i64,
    /// Confirmations of any answer (closed + reopened).
    pub confirmed: i64,
    /// Confirmations answered satisfied or basically satisfied.
    pub satisfied: i64,
}

impl Flow {
    /// 按期办理率: resolutions on time / resolutions, in the period.
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.resolved_on_time, self.resolved)
    }

    /// 满意率: satisfied or basically satisfied / confirmations, in the period.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        ratio(self.satisfied, self.confirmed)
    }
}

/// The ledger as it stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, sqlx::FromRow)]
pub struct Stock {
    /// 待交办: reported, waiting for more detail, or returned.
    pub awaiting_dispatch: i64,
    /// 待签收: dispatched and not signed for.
    pub awaiting_sign_for: i64,
    /// 办理中: signed for or in progress.
    pub in_progress: i64,
    /// 待确认: resolved, waiting for the enterprise's confirmation.
    pub awaiting_confirmation: i64,
    /// Every case not closed.
    pub open: i64,
    /// 超期: held by a department (dispatched, signed for or in progress) with a deadline before today.
    pub overdue: i64,
}

/// `part / whole`, or `None` when there is nothing to measure.
pub fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
#[derive(Debug, sqlx::FromRow)]
struct FlowRow {
    #[sqlx(flatten)]
    keys: Keys,
    #[sqlx(flatten)]
    flow: Flow,
}

#[derive(Debug, sqlx::FromRow)]
struct StockRow {
    #[sqlx(flatten)]
    keys: Keys,
    #[sqlx(flatten)]
    stock: Stock,
}

#[derive(Debug, sqlx::FromRow)]
struct CountRow {
    #[sqlx(flatten)]
    keys: Keys,
    n: i64,
}

/// Flow figures for the total and for each of `dims`.
pub async fn flow(
    conn: &mut PgConnection,
    sel: &Selection,
    tz: Tz,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, Flow>, StoreError> {
    let mut qb = QueryBuilder::<Postgres>::new("");
    push_keys(&mut qb, dims, Source::Facts);
    qb.push(
        ", count(*) filter (where f.kind = 'dispatched') as dispatched, \
         count(*) filter (where f.kind = 'accepted') as signed_for, \
         count(*) filter (where f.kind = 'returned') as returned, \
         count(*) filter (where f.kind = 'resolved') as resolved, \
         count(*) filter (where f.kind = 'resolved' and (f.at at time zone ",
    )
    .push_bind(tz.name())
    .push(
        ")::date <= f.deadline) as resolved_on_time, \
         count(*) filter (where f.kind = 'closed') as closed, \
         count(*) filter (where f.kind = 'reopened') as reopened, \
         count(*) filter (where f.kind in ('closed', 'reopened')) as confirmed, \
         count(*) filter (where f.kind in ('closed', 'reopened') \
             and f.satisfaction in ('satisfied', 'basically_satisfied')) as satisfied",
    );
    push_from(&mut qb, "report_facts", dims, Source::Facts);
    qb.push(" where f.at >= ")
        .push_bind(sel.window.from)
        .push(" and f.at < ")
        .push_bind(sel.window.to);
    push_conditions(&mut qb, Source::Facts, sel.scope, &sel.filter);
    push_group_by(&mut qb, dims, Source::Facts);
    let rows: Vec<FlowRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.keys.key(dims).map(|k| (k, r.flow)))
        .collect())
}

/// Cases reported in the window, for the total and for each of `dims` (as the cases stand).
pub async fn new_cases(
    conn: &mut PgConnection,
    sel: &Selection,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, i64>, StoreError> {
    let mut qb = QueryBuilder::<Postgres>::new("");
    push_keys(&mut qb, dims, Source::Cases);
    qb.push(", count(*) as n");
    push_from(&mut qb, "cases", dims, Source::Cases);
    qb.push(" where c.created_at >= ")
        .push_bind(sel.window.from)
        .push(" and c.created_at < ")
        .push_bind(sel.window.to);
    push_conditions(&mut qb, Source::Cases, sel.scope, &sel.filter);
    push_group_by(&mut qb, dims, Source::Cases);
    let rows: Vec<CountRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.keys.key(dims).map(|k| (k, r.n)))
        .collect())
}

/// Stock figures as the ledger stands on `today`, for the total and for each of `dims`.
pub async fn stock(
    conn: &mut PgConnection,
    scope: Scope,
    filter: &Filter,
    today: NaiveDate,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, Stock>, StoreError> {
    let mut qb = QueryBuilder::<Postgres>::new("");
    push_keys(&mut qb, dims, Source::Cases);
    qb.push(
        ", count(*) filter (where c.status in ('reported', 'info_requested', 'returned')) as awaiting_dispatch, \
         count(*) filter (where c.status = 'dispatched') as awaiting_sign_for, \
         count(*) filter (where c.status in ('accepted', 'in_progress')) as in_progress, \
         count(*) filter (where c.status = 'resolved') as awaiting_confirmation, \
         count(*) as open, \
         count(*) filter (where c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline < ",
    )
    .push_bind(today)
    .push(") as overdue");
    push_from(&mut qb, "cases", dims, Source::Cases);
    qb.push(" where c.status <> 'closed'");
    push_conditions(&mut qb, Source::Cases, scope, filter);
    push_group_by(&mut qb, dims, Source::Cases);
    let rows: Vec<StockRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.keys.key(dims).map(|k| (k, r.stock)))
        .collect())
}

/// Median days to sign for and to resolve, over the sign-fors and resolutions in the window.
pub async fn medians(
    conn: &mut PgConnection,
    sel: &Selection,
) -> Result<(Option<f64>, Option<f64>), StoreError> {
    let mut qb = QueryBuilder::<Postgres>::new(
        "select percentile_cont(0.5) within group (order by extract(epoch from f.at - f.since)::float8) \
             filter (where f.kind = 'accepted') / 86400.0, \
         percentile_cont(0.5) within group (order by extract(epoch from f.at - f.since)::float8) \
             filter (where f.kind = 'resolved') / 86400.0 \
         from report_facts f where f.kind in ('accepted', 'resolved') and f.since is not null and f.at >= ",
    );
    qb.push_bind(sel.window.from)
        .push(" and f.at < ")
        .push_bind(sel.window.to);
    push_conditions(&mut qb, Source::Facts, sel.scope, &sel.filter);
    qb.build_query_as()
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)
}

/// Each local dispatch day as instants: its start and end, and the end of its acknowledgement
/// day (the last day by which a dispatch on it must be signed for). One entry per day, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AckDays {
    pub starts: Vec<DateTime<Utc>>,
    pub ends: Vec<DateTime<Utc>>,
    pub due_ends: Vec<DateTime<Utc>>,
}

/// 按时签收: for each dispatch in the window, whether the case was signed for by the end of its
/// acknowledgement day. The denominator is the flow figure `dispatched`.
pub async fn signed_in_time(
    conn: &mut PgConnection,
    sel: &Selection,
    days: &AckDays,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, i64>, StoreError> {
    // A fact finds its dispatch day by binary search (`width_bucket`) instead of a join on
    // local dates, and "signed for by the end of the due day" is `at` before that end.
    let AckDays {
        starts,
        ends,
        due_ends,
    } = days.clone();
    let mut qb = QueryBuilder::<Postgres>::new("");
    push_keys(&mut qb, dims, Source::Facts);
    qb.push(", count(*) as n");
    push_from(&mut qb, "report_facts", dims, Source::Facts);
    qb.push(" cross join (select ")
        .push_bind(starts)
        .push("::timestamptz[] as starts, ")
        .push_bind(ends)
        .push("::timestamptz[] as ends, ")
        .push_bind(due_ends)
        .push(
            "::timestamptz[] as due_ends) a \
             cross join lateral (select width_bucket(f.since, a.starts) as i) b \
             where f.kind = 'accepted' and f.since >= ",
        )
        .push_bind(sel.window.from)
        .push(" and f.since < ")
        .push_bind(sel.window.to)
        .push(" and f.since < a.ends[b.i] and f.at < a.due_ends[b.i]");
    push_conditions(&mut qb, Source::Facts, sel.scope, &sel.filter);
    push_group_by(&mut qb, dims, Source::Facts);
    let rows: Vec<CountRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.keys.key(dims).map(|k| (k, r.n)))
        .collect())
}

/// Weekly counts of new and closed cases: `bounds` are the week starts plus the end of the
/// last week (n + 1 instants for n weeks). Same definitions as `new` and `closed`.
pub async fn weekly_new_and_closed(
    conn: &mut PgConnection,
    scope: Scope,
    filter: &Filter,
    bounds: &[DateTime<Utc>],
) -> Result<Vec<(i64, i64)>, StoreError> {
    let weeks = bounds.len().saturating_sub(1);
    let mut out = vec![(0i64, 0i64); weeks];
    let (Some(first), Some(last)) = (bounds.first(), bounds.last()) else {
        return Ok(out);
    };
    for (source, column, extra) in [
        (Source::Cases, "c.created_at", ""),
        (Source::Facts, "f.at", " and f.kind = 'closed'"),
    ] {
        let table = match source {
            Source::Cases => "cases",
            Source::Facts => "report_facts",
        };
        let mut qb = QueryBuilder::<Postgres>::new(format!("select width_bucket({column}, "));
        qb.push_bind(bounds.to_vec())
            .push(format!(
                "::timestamptz[])::int4 as bucket, count(*) as n from {table} {} where {column} >= ",
                source.alias()
            ))
            .push_bind(*first)
            .push(format!(" and {column} < "))
            .push_bind(*last)
            .push(extra);
        push_conditions(&mut qb, source, scope, filter);
        qb.push(" group by 1");
        let rows: Vec<(i32, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
        for (bucket, n) in rows {
            if let Some(slot) = usize::try_from(bucket - 1)
                .ok()
                .and_then(|i| out.get_mut(i))
            {
                match source {
                    Source::Cases => slot.0 = n,
                    Source::Facts => slot.1 = n,
                }
            }
        }
    }
    Ok(out)
}

/// New cases in the window by category and by the status they stand at today (the chart's bars;
/// each category's bar adds up to its `new`).
pub async fn new_by_category_and_status(
    conn: &mut PgConnection,
    sel: &Selection,
) -> Result<Vec<(Category, CaseStatus, i64)>, StoreError> {
    let mut qb = QueryBuilder::<Postgres>::new(
        "select c.category, c.status, count(*) from cases c where c.created_at >= ",
    );
    qb.push_bind(sel.window.from)
        .push(" and c.created_at < ")
        .push_bind(sel.window.to);
    push_conditions(&mut qb, Source::Cases, sel.scope, &sel.filter);
    qb.push(" group by 1, 2 order by 1, 2");
    let rows: Vec<(String, CaseStatus, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, s, n)| Category::parse(&c).map(|c| (c, s, n)))
        .collect())
}

/// Ids of the cases matching a scope and a filter that were reported in the window or are still
/// open, overdue first, then by deadline: the case list at the bottom of a drill-down.
pub async fn case_ids(
    conn: &mut PgConnection,
    sel: &Selection,
    today: NaiveDate,
    limit: i64,
) -> Result<(Vec<i64>, i64), StoreError> {
    let mut qb = QueryBuilder::<Postgres>::new(
        "select c.id, count(*) over () from cases c where (c.status <> 'closed' or (c.created_at >= ",
    );
    qb.push_bind(sel.window.from)
        .push(" and c.created_at < ")
        .push_bind(sel.window.to)
        .push("))");
    push_conditions(&mut qb, Source::Cases, sel.scope, &sel.filter);
    qb.push(" order by (c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline < ")
        .push_bind(today)
        .push(") desc, c.status = 'closed', c.deadline nulls last, c.id limit ")
        .push_bind(limit);
    let rows: Vec<(i64, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
    let total = rows.first().map(|r| r.1).unwrap_or(0);
    Ok((rows.into_iter().map(|r| r.0).collect(), total))
}

/// The overdue cases that have waited longest past their deadline.
pub async fn worst_overdue_ids(
    conn: &mut PgConnection,
    scope: Scope,
    filter: &Filter,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<i64>, StoreError> {
    let mut qb = QueryBuilder::<Postgres>::new(
        "select c.id from cases c where c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline < ",
    );
    qb.push_bind(today);
    push_conditions(&mut qb, Source::Cases, scope, filter);
    qb.push(" order by c.deadline, c.id limit ")
        .push_bind(limit);
    qb.build_query_scalar()
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)
}
