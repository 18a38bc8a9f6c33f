//! The weekly pushes of issue 13's unit heads and townships: each township person (乡镇) gets
//! their township's summary with the other weekly summaries, and each department head
//! (负责人) hears their cadres' work (`schedule.team_report`, the report `/team` shows).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::SchedulerError;
use super::directory::Directory;
use super::jobs::Tick;
use super::summary;
use crate::domain::NoticeKind as Kind;
use crate::i18n::{Args, tr};
use crate::reports::{self, Filter, Scope};
use crate::store::team;

/// Each township with people who follow it gets its summary of `period`, as `/summary` in
/// the township person's chat renders it.
pub(super) async fn weekly_townships(
    tick: &mut Tick<'_>,
    instant: DateTime<Utc>,
) -> Result<(), SchedulerError> {
    let period = summary::weekly_period(tick.local_date(instant), tick.today);
    let followers = grouped(team::all_township_people(tick.conn).await?);
    if followers.is_empty() {
        return Ok(());
    }
    let dir = Directory::load(tick.conn, tick.settings).await?;
    for (township, people) in followers {
        let report = tick.report(Scope::Township(township), period);
        let s = reports::summary_for(tick.conn, &report, Filter::default()).await?;
        let to = dir.people(&people);
        tick.notify(Kind::WeeklyTownship, &to, None, instant, false, |l| {
            tr(
                l,
                "townships-weekly",
                Args::new().html("summary", reports::render_summary(l, &s)),
            )
        })
        .await?;
    }
    Ok(())
}

/// Each department head hears the cadres of the departments they head, for the calendar week
/// before `instant`'s, ranked in the county's assessment of that week (made once).
pub(super) async fn team_report(
    tick: &mut Tick<'_>,
    instant: DateTime<Utc>,
) -> Result<(), SchedulerError> {
    let dir = Directory::load(tick.conn, tick.settings).await?;
    let period = summary::weekly_period(tick.local_date(instant), tick.today);
    let headed = grouped(team::heads(tick.conn).await?);
    if headed.is_empty() {
        return Ok(());
    }
    let assessment = reports::assessment(tick.conn, &tick.report(Scope::County, period)).await?;
    let tz = tick.settings.timezone;
    for (head, departments) in headed {
        let report = reports::team::team_with(tick.conn, &departments, &assessment, tz).await?;
        if report.rows.is_empty() {
            continue;
        }
        let to: Vec<_> = dir.person(head).into_iter().collect();
        tick.notify(Kind::WeeklyTeam, &to, None, instant, false, |l| {
            reports::team::render_team(l, &report)
        })
        .await?;
    }
    Ok(())
}

/// (key, value) pairs as each key's values, keys in order.
fn grouped(pairs: Vec<(i64, i64)>) -> BTreeMap<i64, Vec<i64>> {
    let mut out: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (key, value) in pairs {
        out.entry(key).or_default().push(value);
    }
    out
}
