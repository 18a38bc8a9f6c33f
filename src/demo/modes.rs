//! Service modes in the demo county: a few of the cases departments hold are marked 帮办, 陪办
//! (with the days and places accompanied) and 代办 (one with a document still out, one with
//! every document back), by their officers, through the same store functions the bot uses.

use chrono::{DateTime, Days, Duration, Utc};
use chrono_tz::Tz;

use super::data::{ACCOMPANY_PLACES, HANDLED_DOCUMENTS};
use super::{DISPATCHER, DemoError};
use crate::domain::{Action, ModeChange, ServiceMode};
use crate::store::{PgConnection, cases, people, service_modes};

/// Marks five held cases: 帮办, 陪办 with two days, 代办 with a document out, 帮办, 代办 with
/// every document back.
pub(super) async fn seed(
    conn: &mut PgConnection,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let ids = service_modes::held_case_ids(conn, 5).await?;
    let dispatcher = people::by_code(conn, DISPATCHER)
        .await?
        .ok_or_else(|| DemoError::Missing(DISPATCHER.into()))?
        .actor();
    let today = now.with_timezone(&tz).date_naive();
    for (i, id) in ids.into_iter().enumerate() {
        let Some(case) = cases::by_id(conn, id).await? else {
            continue;
        };
        let actor = match case.assignee_id {
            Some(a) => people::by_id(conn, a).await?.map(|p| p.actor()),
            None => None,
        }
        .unwrap_or_else(|| dispatcher.clone());
        let at = |hours: i64| now - Duration::hours(hours);
        let mut steps: Vec<(ModeChange, DateTime<Utc>)> = Vec::new();
        let set = |mode| ModeChange::Set { mode: Some(mode) };
        match i {
            1 => {
                steps.push((set(ServiceMode::Accompany), at(80)));
                for (n, days) in [3u64, 1].into_iter().enumerate() {
                    let on = today.checked_sub_days(Days::new(days)).unwrap_or(today);
                    let place = ACCOMPANY_PLACES[n].to_string();
                    steps.push((ModeChange::Accompanied { on, place }, at(30 - n as i64)));
                }
            }
            2 | 4 => {
                steps.push((set(ServiceMode::Handle), at(70)));
                let taken = if i == 2 { 2 } else { 1 };
                for name in HANDLED_DOCUMENTS
                    .iter()
                    .skip(if i == 2 { 0 } else { 2 })
                    .take(taken)
                {
                    let name = name.to_string();
                    steps.push((ModeChange::DocumentReceived { name }, at(60)));
                }
            }
            _ => steps.push((set(ServiceMode::Help), at(50))),
        }
        for (change, at) in steps {
            act(conn, id, &actor, change, at, &case.number).await?;
        }
        // Give back the first document of each 代办 case: one case keeps one out.
        if i == 2 || i == 4 {
            let docs = service_modes::documents(conn, id).await?;
            if let Some(first) = docs.first() {
                let change = ModeChange::DocumentReturned {
                    document_id: first.id,
                    name: first.name.clone(),
                };
                act(conn, id, &actor, change, at(20), &case.number).await?;
            }
        }
    }
    Ok(())
}

async fn act(
    conn: &mut PgConnection,
    case_id: i64,
    actor: &crate::domain::Actor,
    change: ModeChange,
    at: DateTime<Utc>,
    number: &str,
) -> Result<(), DemoError> {
    let step = change.event_kind().to_string();
    cases::act(conn, case_id, actor, &Action::Mode(change), at)
        .await
        .map_err(|source| DemoError::Case {
            case: number.to_string(),
            step,
            source,
        })?;
    Ok(())
}
