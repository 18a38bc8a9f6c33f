//! The figures: one definition of each, computed in SQL, used by the summary, the chart, the
//! assessment, the export and the scheduler's weekly summaries. The README ("Figures and
//! assessment") states each definition in words.
//!
//! Three sources, three kinds of figure:
//! - *flow* figures count events of the process record in the period (`report_facts`, written
//!   by a trigger with each event), grouped by the case's dimensions at the moment of the event;
//! - *new* counts cases reported in the period (`cases.created_at`), by the case as it stands;
//! - *stock* figures describe the ledger as it stands today, whatever the period.

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use std::collections::HashMap;

use super::period::{Window, local_midnight};
use crate::domain::{Category, Role};
use crate::store::people::Person;

/// Whose cases a person may count: enforced in every query, whatever the filter says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Scope {
    /// Leaders, dispatchers and admins: every case.
    County,
    /// A department officer: the cases their department holds (or held, for events).
    Department(i64),
    /// A cadre: the cases of the enterprises paired with them.
    Cadre(i64),
}

impl Scope {
    /// The widest scope a person's roles give: the county for leaders, dispatchers and admins,
    /// then their department for officers, then their enterprises for cadres.
    pub fn for_person(person: &Person) -> Option<Scope> {
        if person.roles.sees_everything() {
            Some(Scope::County)
        } else if person.roles.has(Role::Officer)
            && let Some(d) = person.department_id
        {
            Some(Scope::Department(d))
        } else if person.roles.has(Role::Cadre) {
            Some(Scope::Cadre(person.id))
        } else {
            None
        }
    }
}

/// Optional narrowing of a summary; all set parts must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadre_id: Option<i64>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A dimension figures can be grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    Category,
    Department,
    Township,
    /// The cadre paired with the case's enterprise (as paired today).
    Cadre,
}

/// Which group a row of figures belongs to. `None` ids: no department yet, no cadre paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupKey {
    Total,
    Category(Category),
    Department(Option<i64>),
    Township(Option<i64>),
    Cadre(Option<i64>),
}

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

/// All figures of one group.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Figures {
    /// 新增: cases reported in the period.
    pub new: i64,
    pub flow: Flow,
    pub stock: Stock,
    /// Median of (sign-for − the dispatch it answers), over sign-fors in the period, in days.
    /// Totals only.
    pub median_days_to_sign_for: Option<f64>,
    /// Median of (resolution − report), over resolutions in the period, in days. Totals only.
    pub median_days_to_resolve: Option<f64>,
}

impl Figures {
    /// Whether anything at all happened in the group or is still open.
    pub fn is_quiet(&self) -> bool {
        self.new == 0 && self.flow == Flow::default() && self.stock.open == 0
    }
}

/// `part / whole`, or `None` when there is nothing to measure.
pub fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// What to count: a scope, a filter and a window of instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub scope: Scope,
    pub filter: Filter,
    pub window: Window,
}

/// The two tables a figure reads and how each names the dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// `report_facts f`
    Facts,
    /// `cases c`
    Cases,
}

impl Source {
    fn alias(self) -> &'static str {
        match self {
            Source::Facts => "f",
            Source::Cases => "c",
        }
    }
}

fn dim_expr(dim: Dim, source: Source) -> String {
    let a = source.alias();
    match dim {
        Dim::Category => format!("{a}.category"),
        Dim::Department => format!("{a}.department_id"),
        Dim::Township => format!("{a}.township_id"),
        Dim::Cadre => "e.cadre_id".to_string(),
    }
}

/// The select list that names the grouping set of each row, then the keys.
fn push_keys(qb: &mut QueryBuilder<Postgres>, dims: &[Dim], source: Source) {
    if dims.is_empty() {
        qb.push("select 0::int4 as set_bits");
    } else {
        let exprs: Vec<String> = dims.iter().map(|d| dim_expr(*d, source)).collect();
        qb.push(format!(
            "select grouping({})::int4 as set_bits",
            exprs.join(", ")
        ));
    }
    for (dim, name, null) in [
        (Dim::Category, "k_category", "null::text"),
        (Dim::Department, "k_department", "null::int8"),
        (Dim::Township, "k_township", "null::int8"),
        (Dim::Cadre, "k_cadre", "null::int8"),
    ] {
        if dims.contains(&dim) {
            qb.push(format!(", {} as {name}", dim_expr(dim, source)));
        } else {
            qb.push(format!(", {null} as {name}"));
        }
    }
}

fn push_from(qb: &mut QueryBuilder<Postgres>, table: &str, dims: &[Dim], source: Source) {
    qb.push(format!(" from {table} {}", source.alias()));
    if dims.contains(&Dim::Cadre) {
        qb.push(format!(
            " left join enterprises e on e.id = {}.enterprise_id",
            source.alias()
        ));
    }
}

fn push_group_by(qb: &mut QueryBuilder<Postgres>, dims: &[Dim], source: Source) {
    if dims.is_empty() {
        return;
    }
    let sets: Vec<String> = std::iter::once("()".to_string())
        .chain(dims.iter().map(|d| format!("({})", dim_expr(*d, source))))
        .collect();
    qb.push(format!(" group by grouping sets ({})", sets.join(", ")));
}

/// The scope and the filter, as conditions on a table with `category`, `department_id`,
/// `township_id` and `enterprise_id` columns.
fn push_conditions(qb: &mut QueryBuilder<Postgres>, source: Source, scope: Scope, filter: &Filter) {
    let a = source.alias();
    match scope {
        Scope::County => {}
        Scope::Department(d) => {
            qb.push(format!(" and {a}.department_id = ")).push_bind(d);
        }
        Scope::Cadre(p) => {
            qb.push(format!(
                " and {a}.enterprise_id in (select id from enterprises where cadre_id = "
            ))
            .push_bind(p)
            .push(")");
        }
    }
    if let Some(c) = filter.category {
        qb.push(format!(" and {a}.category = ")).push_bind(c.code());
    }
    if let Some(d) = filter.department_id {
        qb.push(format!(" and {a}.department_id = ")).push_bind(d);
    }
    if let Some(t) = filter.township_id {
        qb.push(format!(" and {a}.township_id = ")).push_bind(t);
    }
    if let Some(p) = filter.cadre_id {
        qb.push(format!(
            " and {a}.enterprise_id in (select id from enterprises where cadre_id = "
        ))
        .push_bind(p)
        .push(")");
    }
}

#[derive(Debug, sqlx::FromRow)]
struct Keys {
    set_bits: i32,
    k_category: Option<String>,
    k_department: Option<i64>,
    k_township: Option<i64>,
    k_cadre: Option<i64>,
}

impl Keys {
    /// The group a row belongs to; `None` for an unknown stored category.
    fn key(&self, dims: &[Dim]) -> Option<GroupKey> {
        let n = dims.len();
        // grouping(): bit set = not grouped by that argument; the first argument is the highest bit.
        let grouped = dims
            .iter()
            .enumerate()
            .find(|(i, _)| self.set_bits & (1 << (n - 1 - i)) == 0)
            .map(|(_, d)| *d);
        match grouped {
            None => Some(GroupKey::Total),
            Some(Dim::Category) => self
                .k_category
                .as_deref()
                .and_then(Category::parse)
                .map(GroupKey::Category),
            Some(Dim::Department) => Some(GroupKey::Department(self.k_department)),
            Some(Dim::Township) => Some(GroupKey::Township(self.k_township)),
            Some(Dim::Cadre) => Some(GroupKey::Cadre(self.k_cadre)),
        }
    }
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
) -> Result<HashMap<GroupKey, Flow>, sqlx::Error> {
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
) -> Result<HashMap<GroupKey, i64>, sqlx::Error> {
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
) -> Result<HashMap<GroupKey, Stock>, sqlx::Error> {
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
) -> Result<(Option<f64>, Option<f64>), sqlx::Error> {
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
    qb.build_query_as().fetch_one(&mut *conn).await
}

/// 按时签收: for each dispatch in the window, whether the case was signed for by the end of its
/// acknowledgement day. `ack_due` maps each local dispatch date to that day (the caller counts
/// working days with the calendar). The denominator is the flow figure `dispatched`.
pub async fn signed_in_time(
    conn: &mut PgConnection,
    sel: &Selection,
    tz: Tz,
    ack_due: &[(NaiveDate, NaiveDate)],
    dims: &[Dim],
) -> Result<HashMap<GroupKey, i64>, sqlx::Error> {
    // Each dispatch day as instants: its start and end, and the end of its acknowledgement
    // day. A fact finds its dispatch day by binary search (`width_bucket`) instead of a join
    // on local dates, and "signed for by the end of the due day" is `at` before that end.
    let mut ack_due = ack_due.to_vec();
    ack_due.sort();
    ack_due.dedup_by_key(|(d, _)| *d);
    let starts: Vec<DateTime<Utc>> = ack_due
        .iter()
        .map(|(d, _)| local_midnight(tz, *d))
        .collect();
    let ends: Vec<DateTime<Utc>> = ack_due
        .iter()
        .map(|(d, _)| local_midnight(tz, *d + Days::new(1)))
        .collect();
    let due_ends: Vec<DateTime<Utc>> = ack_due
        .iter()
        .map(|(_, due)| local_midnight(tz, *due + Days::new(1)))
        .collect();
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
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
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
) -> Result<Vec<(Category, String, i64)>, sqlx::Error> {
    let mut qb = QueryBuilder::<Postgres>::new(
        "select c.category, c.status, count(*) from cases c where c.created_at >= ",
    );
    qb.push_bind(sel.window.from)
        .push(" and c.created_at < ")
        .push_bind(sel.window.to);
    push_conditions(&mut qb, Source::Cases, sel.scope, &sel.filter);
    qb.push(" group by 1, 2 order by 1, 2");
    let rows: Vec<(String, String, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
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
) -> Result<(Vec<i64>, i64), sqlx::Error> {
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
) -> Result<Vec<i64>, sqlx::Error> {
    let mut qb = QueryBuilder::<Postgres>::new(
        "select c.id from cases c where c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline < ",
    );
    qb.push_bind(today);
    push_conditions(&mut qb, Source::Cases, scope, filter);
    qb.push(" order by c.deadline, c.id limit ")
        .push_bind(limit);
    qb.build_query_scalar().fetch_all(&mut *conn).await
}

/// Every figure, for the total and for each of `dims`, combined by group.
pub async fn figures(
    conn: &mut PgConnection,
    sel: &Selection,
    today: NaiveDate,
    tz: Tz,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, Figures>, sqlx::Error> {
    let (new, flow, stock, (sign, resolve)) = match super::rollup::days(conn, sel, tz).await? {
        Some(days) => {
            let (new, flow) = super::rollup::new_and_flow(conn, days, dims).await?;
            let stock = super::rollup::stock(conn, today, dims).await?;
            (
                new,
                flow,
                stock,
                super::rollup::medians(conn, days, tz).await?,
            )
        }
        None => raw_parts(conn, sel, today, tz, dims).await?,
    };
    Ok(combine(new, flow, stock, sign, resolve))
}

type Parts = (
    HashMap<GroupKey, i64>,
    HashMap<GroupKey, Flow>,
    HashMap<GroupKey, Stock>,
    (Option<f64>, Option<f64>),
);

async fn raw_parts(
    conn: &mut PgConnection,
    sel: &Selection,
    today: NaiveDate,
    tz: Tz,
    dims: &[Dim],
) -> Result<Parts, sqlx::Error> {
    let new = new_cases(conn, sel, dims).await?;
    let flow = flow(conn, sel, tz, dims).await?;
    let stock = stock(conn, sel.scope, &sel.filter, today, dims).await?;
    Ok((new, flow, stock, medians(conn, sel).await?))
}

/// Every figure from the raw facts and cases, never from the rollups: the definition the
/// rollups are checked against.
pub async fn figures_raw(
    conn: &mut PgConnection,
    sel: &Selection,
    today: NaiveDate,
    tz: Tz,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, Figures>, sqlx::Error> {
    let (new, flow, stock, (sign, resolve)) = raw_parts(conn, sel, today, tz, dims).await?;
    Ok(combine(new, flow, stock, sign, resolve))
}

fn combine(
    new: HashMap<GroupKey, i64>,
    flow: HashMap<GroupKey, Flow>,
    stock: HashMap<GroupKey, Stock>,
    sign: Option<f64>,
    resolve: Option<f64>,
) -> HashMap<GroupKey, Figures> {
    let mut out: HashMap<GroupKey, Figures> = HashMap::new();
    for (k, n) in new {
        out.entry(k).or_default().new = n;
    }
    for (k, f) in flow {
        out.entry(k).or_default().flow = f;
    }
    for (k, s) in stock {
        out.entry(k).or_default().stock = s;
    }
    let total = out.entry(GroupKey::Total).or_default();
    total.median_days_to_sign_for = sign;
    total.median_days_to_resolve = resolve;
    out
}
