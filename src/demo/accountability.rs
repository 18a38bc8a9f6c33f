//! 问责 and 总结推广 in the demo county: measures the silence rule proposed for three cadres —
//! one confirmed (changed to an interview), one dismissed with a reason, one still waiting —
//! a red card's proposed measure, and two typical cases (a closed case and a key project).

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::data::{DISMISS_REASON, TYPICAL_NOTES};
use super::{DemoError, LEADER};
use crate::domain::WorkCalendar;
use crate::domain::accountability::Measure;
use crate::store::measures::{self, Decision, NewMeasure};
use crate::store::typical::{self, Target};
use crate::store::{PgConnection, people};

/// The cadres the silence rule fired on.
const SILENT: [&str; 3] = ["cadre38", "cadre39", "cadre40"];
/// Days they have been silent.
const SILENT_DAYS: i64 = 64;

pub(super) async fn seed(
    conn: &mut PgConnection,
    tz: Tz,
    calendar: &WorkCalendar,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let leader = people::by_code(conn, LEADER)
        .await?
        .ok_or_else(|| DemoError::Missing(LEADER.into()))?;
    let today = now.with_timezone(&tz).date_naive();
    let since = today - Duration::days(SILENT_DAYS);
    let mut ids = Vec::new();
    for (i, code) in SILENT.iter().enumerate() {
        let cadre = people::by_code(conn, code)
            .await?
            .ok_or_else(|| DemoError::Missing((*code).into()))?;
        let m = NewMeasure::silence(
            cadre.id,
            &cadre.name,
            cadre.department_id,
            since,
            SILENT_DAYS,
        );
        let at = now - Duration::hours(50 - 10 * i as i64);
        ids.extend(measures::propose(conn, &m, 30, true, at).await?);
    }
    let late = measures::late_cases(conn, today - Duration::days(15)).await?;
    if let Some(c) = late.first() {
        let days = calendar.working_days_between(c.deadline, today);
        let m = NewMeasure::red_card(c, c.assignee_id, days);
        measures::propose(conn, &m, 30, true, now - Duration::hours(2)).await?;
    }
    if let [confirmed, dismissed, ..] = ids[..] {
        let at = now - Duration::hours(20);
        let confirm = Decision::Confirm(Measure::Interview);
        measures::decide(conn, confirmed, leader.id, &confirm, at).await?;
        let dismiss = Decision::Dismiss(DISMISS_REASON.into());
        measures::decide(conn, dismissed, leader.id, &dismiss, at).await?;
    }
    let marks = [
        typical::demo_closed_case(conn).await?.map(Target::Case),
        typical::demo_project(conn).await?.map(Target::Project),
    ];
    for (target, note) in marks.into_iter().zip(TYPICAL_NOTES) {
        if let Some(target) = target {
            let at = now - Duration::days(3);
            typical::mark(conn, target, note, Some(leader.id), true, at).await?;
        }
    }
    Ok(())
}
