//! What a department head (负责人) hears of their cadres (定期听取助企干部工作情况汇报), by `/team`
//! and weekly: per cadre who belongs to the department, the visits and cases raised in the
//! period, results waiting for the enterprise's confirmation, the days since they were last
//! heard from, and their rank in the county's assessment of the same period. Not the
//! department's own queue (`/todo`): this is the cadres' work, not the cases the unit handles.

use chrono::TimeZone;
use chrono_tz::Tz;
use std::collections::HashMap;

use super::assess::{Assessment, assessment};
use super::figures::Scope;
use super::period::Period;
use super::{ReportError, Request};
use crate::i18n::{Args, t, tr};
use crate::store::team::{self, CadreWork};
use crate::store::{PgConnection, groups};

/// One cadre's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRow {
    pub work: CadreWork,
    /// Calendar days since their latest visit or case; `None` when they have neither.
    pub days_silent: Option<i64>,
    /// Their rank among the county's cadres in the assessment (1 is best).
    pub rank: Option<u32>,
}

/// The report for one head: their departments' cadres over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub period: Period,
    pub departments: Vec<String>,
    pub rows: Vec<TeamRow>,
    /// How many cadres the county's assessment ranked (what a rank is out of).
    pub ranked: usize,
}

/// The report for the heads of `departments`, with the county's assessment for the request's
/// period.
pub async fn team(
    conn: &mut PgConnection,
    req: &Request<'_>,
    departments: &[i64],
) -> Result<Team, ReportError> {
    let assessment = assessment(conn, &req.of(Scope::County)).await?;
    team_with(conn, departments, &assessment, req.tz()).await
}

/// The report with the county's assessment already made (the weekly push makes it once).
pub async fn team_with(
    conn: &mut PgConnection,
    departments: &[i64],
    assessment: &Assessment,
    tz: Tz,
) -> Result<Team, ReportError> {
    let period = assessment.period;
    let window = period.window(tz);
    let work = team::cadres_of(
        conn,
        departments,
        (period.from, period.to),
        (window.from, window.to),
    )
    .await?;
    let names = groups::names(conn, groups::Roster::Departments, departments.to_vec()).await?;
    let ranks: HashMap<i64, Option<u32>> =
        assessment.cadres.iter().map(|r| (r.id, r.rank)).collect();
    let today = assessment.today;
    let rows = work
        .into_iter()
        .map(|w| {
            let last_case = w
                .last_case
                .map(|at| tz.from_utc_datetime(&at.naive_utc()).date_naive());
            let last = w.last_visit.max(last_case);
            TeamRow {
                days_silent: last.map(|d| (today - d).num_days().max(0)),
                rank: ranks.get(&w.id).copied().flatten(),
                work: w,
            }
        })
        .collect();
    Ok(Team {
        period,
        departments: departments
            .iter()
            .filter_map(|d| names.get(d).cloned())
            .collect(),
        rows,
        ranked: assessment
            .cadres
            .iter()
            .filter(|r| r.rank.is_some())
            .count(),
    })
}

/// The report as one message (the messenger-neutral markup).
pub fn render_team(locale: &str, team: &Team) -> String {
    let mut out = vec![tr(
        locale,
        "townships-team-title",
        Args::new()
            .str(
                "departments",
                team.departments.join(&t(locale, "bot-list-separator")),
            )
            .str("from", team.period.from.to_string())
            .str("to", team.period.to.to_string()),
    )];
    if team.rows.is_empty() {
        out.push(t(locale, "townships-team-empty"));
    }
    for r in &team.rows {
        let silent = match r.days_silent {
            Some(days) => tr(
                locale,
                "townships-team-silent",
                Args::new().num("days", days as f64),
            ),
            None => t(locale, "townships-team-never"),
        };
        let rank = match r.rank {
            Some(rank) => tr(
                locale,
                "townships-team-rank",
                Args::new()
                    .num("rank", f64::from(rank))
                    .num("of", team.ranked as f64),
            ),
            None => t(locale, "assess-no-rank"),
        };
        out.push(tr(
            locale,
            "townships-team-line",
            Args::new()
                .str("name", &r.work.name)
                .num("visits", r.work.visits as f64)
                .num("cases", r.work.cases_raised as f64)
                .num("pending", r.work.confirmations_pending as f64)
                .str("silent", silent)
                .str("rank", rank),
        ));
    }
    out.join("\n")
}
