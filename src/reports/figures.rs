//! The figures: one definition of each, used by the summary, the chart, the assessment, the
//! export and the scheduler's weekly summaries. The store computes the parts (from the rollups
//! when a selection allows, from the raw facts and cases otherwise); here they are combined into
//! each group's figures. The README ("Figures and assessment") states each definition in words.

use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::period::local_midnight;
use super::rollup;
use crate::store::figures::AckDays;
use crate::store::{self, PgConnection, StoreError};

pub use crate::store::figures::{
    Flow, Stock, case_ids, flow, medians, new_by_category_and_status, new_cases, ratio, stock,
    weekly_new_and_closed, worst_overdue_ids,
};
pub use crate::store::selection::{Dim, Filter, GroupKey, Scope, Selection};

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

/// 按时签收 per group: `ack_due` maps each local dispatch date to the last day by which a
/// dispatch on it must be signed for (the caller counts working days with the calendar).
pub async fn signed_in_time(
    conn: &mut PgConnection,
    sel: &Selection,
    tz: Tz,
    ack_due: &[(NaiveDate, NaiveDate)],
    dims: &[Dim],
) -> Result<HashMap<GroupKey, i64>, StoreError> {
    let mut ack_due = ack_due.to_vec();
    ack_due.sort();
    ack_due.dedup_by_key(|(d, _)| *d);
    let at = |day: NaiveDate| local_midnight(tz, day);
    let days = AckDays {
        starts: ack_due.iter().map(|(d, _)| at(*d)).collect(),
        ends: ack_due.iter().map(|(d, _)| at(*d + Days::new(1))).collect(),
        due_ends: ack_due
            .iter()
            .map(|(_, due)| at(*due + Days::new(1)))
            .collect(),
    };
    store::figures::signed_in_time(conn, sel, &days, dims).await
}

/// Every figure, for the total and for each of `dims`, combined by group.
pub async fn figures(
    conn: &mut PgConnection,
    sel: &Selection,
    today: NaiveDate,
    tz: Tz,
    dims: &[Dim],
) -> Result<HashMap<GroupKey, Figures>, StoreError> {
    let (new, flow, stock, (sign, resolve)) = match rollup::days(conn, sel, tz).await? {
        Some(days) => {
            let (new, flow) = store::rollup::new_and_flow(conn, days, dims).await?;
            let stock = store::rollup::stock(conn, today, dims).await?;
            let medians = store::rollup::medians(conn, days, sel.window).await?;
            (new, flow, stock, medians)
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
) -> Result<Parts, StoreError> {
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
) -> Result<HashMap<GroupKey, Figures>, StoreError> {
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
