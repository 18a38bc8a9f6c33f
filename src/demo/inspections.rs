//! Inspections (督查) in the demo county: a centralized check whose three findings became
//! rectification items (one closed by its inspector, one red, one open), an unannounced visit
//! (暗访) by a leader, and the follow-up (跟踪督查) of the first, all through the store
//! functions the bot uses, at instants before `now`.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::data::{INSPECTION_FINDINGS, RECTIFICATION_ANSWERS};
use super::{DISPATCHER, DemoError, LEADER};
use crate::domain::inspection::{InspectionKind, RectAction, TargetKind};
use crate::domain::{Actor, WorkCalendar};
use crate::store::inspections::{self, NewInspection, Target};
use crate::store::rectifications::{self, RectError};
use crate::store::{PgConnection, departments, people};

impl From<RectError> for DemoError {
    fn from(e: RectError) -> Self {
        match e {
            RectError::Store(s) => DemoError::Store(s),
            other => DemoError::Missing(other.to_string()),
        }
    }
}

async fn actor(conn: &mut PgConnection, code: &str) -> Result<Actor, DemoError> {
    Ok(people::by_code(conn, code)
        .await?
        .ok_or_else(|| DemoError::Missing(code.into()))?
        .actor())
}

/// An officer of the department, to act for it.
async fn officer(conn: &mut PgConnection, department_id: i64) -> Result<Actor, DemoError> {
    let first = departments::officers(conn, department_id)
        .await?
        .into_iter()
        .next();
    let id = first
        .ok_or_else(|| DemoError::Missing(format!("officer of {department_id}")))?
        .id;
    Ok(people::by_id(conn, id)
        .await?
        .ok_or_else(|| DemoError::Missing(format!("person {id}")))?
        .actor())
}

pub(super) async fn seed(
    conn: &mut PgConnection,
    calendar: &WorkCalendar,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let office = actor(conn, DISPATCHER).await?;
    let leader = actor(conn, LEADER).await?;
    let units: Vec<(i64, String)> = departments::all(conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .take(2)
        .collect();
    let [(a, a_name), (b, b_name)] = <[(i64, String); 2]>::try_from(units)
        .map_err(|_| DemoError::Missing("two departments".into()))?;
    let days_ago = |n: i64| now - Duration::days(n);
    let day = |at: DateTime<Utc>| at.with_timezone(&tz).date_naive();
    let target = |id, label: &str| Target {
        kind: TargetKind::Department,
        id,
        label: label.to_string(),
    };

    let checked = days_ago(20);
    let first = inspections::create(
        conn,
        &NewInspection {
            kind: InspectionKind::Centralized,
            inspected_on: day(checked),
            inspector_id: office.person_id,
            follows_id: None,
            targets: vec![target(a, &a_name), target(b, &b_name)],
            findings: INSPECTION_FINDINGS[..3]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        },
        checked,
    )
    .await?;
    let found = inspections::findings(conn, first.id).await?;
    let (officer_a, officer_b) = (officer(conn, a).await?, officer(conn, b).await?);
    // Closed: signed for, fixed, confirmed by the inspector.
    let due = calendar.add_working_days(day(checked), 10);
    let closed =
        rectifications::create(conn, found[0].id, a, due, office.person_id, checked).await?;
    let answer = RECTIFICATION_ANSWERS[0].to_string();
    for (who, action, at) in [
        (&officer_a, RectAction::Accept, days_ago(19)),
        (&officer_a, RectAction::Resolve { answer }, days_ago(12)),
        (&office, RectAction::Confirm, days_ago(10)),
    ] {
        rectifications::act(conn, closed.id, who, &action, at).await?;
    }
    // Red: due five working days after the check, signed for, still open.
    let due = calendar.add_working_days(day(checked), 5);
    let red = rectifications::create(conn, found[2].id, b, due, office.person_id, checked).await?;
    rectifications::act(conn, red.id, &officer_b, &RectAction::Accept, days_ago(19)).await?;
    let note = RECTIFICATION_ANSWERS[1].to_string();
    rectifications::act(
        conn,
        red.id,
        &officer_b,
        &RectAction::Progress { note },
        days_ago(8),
    )
    .await?;
    // Open and in time.
    let due = calendar.add_working_days(day(now), 10);
    rectifications::create(conn, found[1].id, a, due, office.person_id, days_ago(2)).await?;

    let visited = days_ago(5);
    inspections::create(
        conn,
        &NewInspection {
            kind: InspectionKind::Unannounced,
            inspected_on: day(visited),
            inspector_id: leader.person_id,
            follows_id: None,
            targets: vec![target(b, &b_name)],
            findings: vec![INSPECTION_FINDINGS[3].to_string()],
        },
        visited,
    )
    .await?;
    let followed = days_ago(1);
    inspections::create(
        conn,
        &NewInspection {
            kind: InspectionKind::FollowUp,
            inspected_on: day(followed),
            inspector_id: office.person_id,
            follows_id: Some(first.id),
            targets: vec![target(a, &a_name)],
            findings: vec![INSPECTION_FINDINGS[4].to_string()],
        },
        followed,
    )
    .await?;
    Ok(())
}
