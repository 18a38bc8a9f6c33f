//! The assessment table (考核): per department and per cadre, the rates the campaign is judged
//! by, a weighted score and a rank. The figures are the summary's own (`figures::flow`,
//! `figures::stock`), grouped by department and by cadre; the formula is in the README.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::figures::{self, Dim, Filter, Flow, GroupKey, Scope, ratio};
use super::period::Period;
use super::{ReportError, Request, approval, assess_townships, rollup};
use crate::config::{AssessmentWeights, Settings};
use crate::store::groups::{self, Roster, names};
use crate::store::{self, PgConnection};

/// How many rows of each table the chat message shows (the spreadsheet has them all).
pub const ROWS_SHOWN: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Department,
    Cadre,
    /// 乡镇: the cases of the enterprises in a township.
    Township,
}

/// One department's or cadre's line of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRow {
    pub subject: Subject,
    pub id: i64,
    pub name: String,
    /// Dispatches in the period (the response rate's denominator).
    pub dispatched: i64,
    /// Of those, signed for within `limits.ack_days` working days.
    pub signed_in_time: i64,
    pub resolved: i64,
    pub resolved_on_time: i64,
    pub confirmed: i64,
    pub satisfied: i64,
    /// Overdue today.
    pub overdue: i64,
    /// Returns in the period.
    pub returned: i64,
    /// Cadres: visits logged in the period.
    pub visits: i64,
    /// Cadres: enterprises paired with them.
    pub enterprises: i64,
    /// Cadres: of those, visited at least once in the period.
    pub enterprises_visited: i64,
    pub score: Option<f64>,
    /// 1 is best; equal scores share a rank. `None` when there was nothing to score.
    pub rank: Option<u32>,
}

impl AssessmentRow {
    pub(crate) fn new(subject: Subject, id: i64, name: String) -> AssessmentRow {
        AssessmentRow {
            subject,
            id,
            name,
            dispatched: 0,
            signed_in_time: 0,
            resolved: 0,
            resolved_on_time: 0,
            confirmed: 0,
            satisfied: 0,
            overdue: 0,
            returned: 0,
            visits: 0,
            enterprises: 0,
            enterprises_visited: 0,
            score: None,
            rank: None,
        }
    }

    fn add_flow(&mut self, f: &Flow) {
        self.dispatched = f.dispatched;
        self.resolved = f.resolved;
        self.resolved_on_time = f.resolved_on_time;
        self.confirmed = f.confirmed;
        self.satisfied = f.satisfied;
        self.returned = f.returned;
    }

    /// 签收率: signed for in time / dispatched.
    pub fn response_rate(&self) -> Option<f64> {
        ratio(self.signed_in_time, self.dispatched)
    }
    /// 按期办理率: resolved on time / resolved.
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.resolved_on_time, self.resolved)
    }
    /// 满意率: satisfied or basically satisfied / confirmed.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        ratio(self.satisfied, self.confirmed)
    }
    /// 走访覆盖率 (cadres): paired enterprises visited / paired enterprises.
    pub fn visit_rate(&self) -> Option<f64> {
        match self.subject {
            Subject::Cadre => ratio(self.enterprises_visited, self.enterprises),
            Subject::Department | Subject::Township => None,
        }
    }
}

/// The score: the measured rates weighted and scaled to 100, minus the penalties, never below
/// 0 (a hundred-point scale: penalties stop at nothing left, 扣完为止). Rates with nothing to
/// measure (no dispatches, no resolutions…) and zero weights drop out of both the sum and the
/// weights; with no measured rate at all there is no score.
pub fn score(row: &AssessmentRow, w: &AssessmentWeights) -> Option<f64> {
    let parts = [
        (w.response, row.response_rate()),
        (w.on_time, row.on_time_rate()),
        (w.satisfaction, row.satisfaction_rate()),
        (w.visits, row.visit_rate()),
    ];
    let (sum, weights) = parts
        .iter()
        .filter_map(|(w, r)| r.filter(|_| *w > 0.0).map(|r| (w * r, *w)))
        .fold((0.0, 0.0), |(s, ws), (x, w)| (s + x, ws + w));
    if weights <= 0.0 {
        return None;
    }
    let penalty = w.overdue_penalty * row.overdue as f64 + w.return_penalty * row.returned as f64;
    Some(((100.0 * sum / weights - penalty).max(0.0) * 10.0).round() / 10.0)
}

/// Scores and ranks rows, best first; unscored rows last, by name.
pub fn rank(rows: &mut [AssessmentRow], w: &AssessmentWeights) {
    for r in rows.iter_mut() {
        r.score = score(r, w);
    }
    rows.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.name.cmp(&b.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });
    let mut previous: Option<(f64, u32)> = None;
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = r.score.map(|s| match previous {
            Some((p, rank)) if p == s => rank,
            _ => i as u32 + 1,
        });
        if let (Some(s), Some(rank)) = (r.score, r.rank) {
            previous = Some((s, rank));
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub period: Period,
    pub today: NaiveDate,
    /// The weights the table was scored with (a copy of `settings.assessment`).
    pub weights: AssessmentWeights,
    /// Ranked, best first.
    pub departments: Vec<AssessmentRow>,
    pub cadres: Vec<AssessmentRow>,
    /// Ranked, best first: the townships (块), by the cases of their enterprises.
    #[serde(default)]
    pub townships: Vec<AssessmentRow>,
    /// The on-time rates of approval steps, per item and per section.
    #[serde(default)]
    pub approval: approval::ApprovalRates,
    /// 问责: the measures confirmed in the period (the county's table only).
    #[serde(skip)]
    pub measures: Vec<crate::store::measures::MeasureRow>,
}

/// The last day by which a case dispatched on each day of the period must be signed for.
pub fn ack_due_days(
    period: &Period,
    settings: &Settings,
    calendar: &crate::domain::WorkCalendar,
) -> Vec<(NaiveDate, NaiveDate)> {
    period
        .from
        .iter_days()
        .take_while(|d| *d <= period.to)
        .map(|d| (d, calendar.add_working_days(d, settings.limits.ack_days)))
        .collect()
}

/// An id with the name people know it by.
type Named = (i64, String);

/// The table for the request's period. A department officer sees their department's line, a
/// cadre their own; the county sees every department and every cadre.
pub async fn assessment(
    conn: &mut PgConnection,
    req: &Request<'_>,
) -> Result<Assessment, ReportError> {
    let Request {
        scope,
        today,
        settings,
        calendar,
        ..
    } = *req;
    let tz = req.tz();
    let period = req.dates();
    let sel = req.selection(Filter::default());
    let dims = [Dim::Department, Dim::Cadre, Dim::Township];
    let (flow, stock) = match rollup::days(conn, &sel, tz).await? {
        Some(days) => (
            store::rollup::new_and_flow(conn, days, &dims).await?.1,
            store::rollup::stock(conn, today, &dims).await?,
        ),
        None => (
            figures::flow(conn, &sel, tz, &dims).await?,
            figures::stock(conn, scope, &Filter::default(), today, &dims).await?,
        ),
    };
    let ack_due = ack_due_days(&period, settings, calendar);
    let in_time = figures::signed_in_time(conn, &sel, tz, &ack_due, &dims).await?;

    // Who is assessed, with their names, in id order.
    let (departments_named, cadres_named): (Vec<Named>, Vec<Named>) = match scope {
        Scope::County => (
            groups::departments(conn).await?,
            groups::cadres(conn).await?,
        ),
        Scope::Department(d) => (
            names(conn, Roster::Departments, vec![d])
                .await?
                .into_iter()
                .collect(),
            vec![],
        ),
        Scope::Cadre(c) => (
            vec![],
            names(conn, Roster::People, vec![c])
                .await?
                .into_iter()
                .collect(),
        ),
        Scope::Township(_) => (vec![], vec![]),
    };
    let townships_named = assess_townships::townships_of(conn, scope).await?;
    let department_ids: Vec<i64> = departments_named.iter().map(|(id, _)| *id).collect();
    let cadre_ids: Vec<i64> = cadres_named.iter().map(|(id, _)| *id).collect();
    let department_names: HashMap<i64, String> = departments_named.into_iter().collect();
    let cadre_names: HashMap<i64, String> = cadres_named.into_iter().collect();

    let fill = |row: &mut AssessmentRow, key: GroupKey| {
        if let Some(f) = flow.get(&key) {
            row.add_flow(f);
        }
        row.overdue = stock.get(&key).map(|s| s.overdue).unwrap_or(0);
        row.signed_in_time = in_time.get(&key).copied().unwrap_or(0);
    };
    let mut departments: Vec<AssessmentRow> = department_ids
        .iter()
        .filter_map(|id| {
            let mut row =
                AssessmentRow::new(Subject::Department, *id, department_names.get(id)?.clone());
            fill(&mut row, GroupKey::Department(Some(*id)));
            Some(row)
        })
        .collect();

    let visits = store::assessment::visits_by_cadre(
        conn,
        (period.from, period.to),
        (scope != Scope::County).then_some(&cadre_ids[..]),
    )
    .await?;
    let mut cadres: Vec<AssessmentRow> = cadre_ids
        .iter()
        .filter_map(|id| {
            let mut row = AssessmentRow::new(Subject::Cadre, *id, cadre_names.get(id)?.clone());
            fill(&mut row, GroupKey::Cadre(Some(*id)));
            if let Some(v) = visits.get(id) {
                row.visits = v.visits;
                row.enterprises = v.enterprises;
                row.enterprises_visited = v.enterprises_visited;
            }
            Some(row)
        })
        .collect();

    rank(&mut departments, &settings.assessment);
    rank(&mut cadres, &settings.assessment);
    let mut townships: Vec<AssessmentRow> = townships_named
        .into_iter()
        .map(|(id, name)| {
            let mut row = AssessmentRow::new(Subject::Township, id, name);
            fill(&mut row, GroupKey::Township(Some(id)));
            row
        })
        .collect();
    rank(&mut townships, &settings.assessment);
    let approval = approval::approval_rates(conn, scope, &period, today, tz).await?;
    let measures = match scope {
        Scope::County => {
            store::measures::confirmed_between(conn, sel.window.from, sel.window.to).await?
        }
        _ => vec![],
    };
    Ok(Assessment {
        period,
        today,
        weights: settings.assessment,
        departments,
        cadres,
        townships,
        approval,
        measures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str) -> AssessmentRow {
        AssessmentRow::new(Subject::Department, 1, name.into())
    }

    #[test]
    fn the_score_weights_measured_rates_and_subtracts_penalties() {
        let w = AssessmentWeights::default();
        let mut r = row("甲");
        r.dispatched = 4;
        r.signed_in_time = 3; // 75%
        r.resolved = 2;
        r.resolved_on_time = 1; // 50%
        r.confirmed = 1;
        r.satisfied = 1; // 100%
        r.overdue = 1;
        r.returned = 2;
        // 100 × (30×0.75 + 40×0.5 + 30×1) / 100 − 2×1 − 1×2 = 72.5 − 4
        assert_eq!(score(&r, &w), Some(68.5));
        let mut idle = row("乙");
        idle.overdue = 1;
        assert_eq!(score(&idle, &w), None);
        let mut only_response = row("丙");
        only_response.dispatched = 2;
        only_response.signed_in_time = 1;
        assert_eq!(score(&only_response, &w), Some(50.0));
        // Nothing on time and three overdue: the penalties stop at 0.
        let mut late = row("丁");
        late.resolved = 1;
        late.overdue = 3;
        assert_eq!(score(&late, &w), Some(0.0));
    }

    #[test]
    fn equal_scores_share_a_rank_and_unscored_rows_come_last() {
        let w = AssessmentWeights::default();
        let mut rows: Vec<AssessmentRow> = ["甲", "乙", "丙", "丁"].into_iter().map(row).collect();
        for (r, signed) in rows.iter_mut().zip([1, 2, 2, 0]) {
            r.dispatched = if r.name == "丁" { 0 } else { 2 };
            r.signed_in_time = signed;
        }
        rank(&mut rows, &w);
        let ranks: Vec<(&str, Option<u32>)> =
            rows.iter().map(|r| (r.name.as_str(), r.rank)).collect();
        assert_eq!(
            ranks,
            vec![
                ("丙", Some(1)),
                ("乙", Some(1)),
                ("甲", Some(3)),
                ("丁", None)
            ]
        );
    }
}
