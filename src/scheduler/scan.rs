//! The reminder scan: sign-for, deadlines, escalation, roadmap steps, confirmation and visits,
//! then the projects' reports and escalations (`projects`).
//! It pages through the open cases by id (never all of them at once), hands each case notice to
//! the `Folder`, and stops between pages when the process is shutting down (the tick's
//! transaction is then rolled back and the next process redoes it).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::SchedulerError;
use super::case_notices;
use super::directory::Directory;
use super::fold::{Folder, Frame};
use super::jobs::Tick;
use super::rules;
use crate::domain::NoticeKind as Kind;
use crate::i18n::{Args, tr};
use crate::message::Reply;
use crate::store::outbox::{NewNotification, Recipient};
use crate::store::reminders;
use crate::store::ticks;

/// The reminder scan. Decides nothing on days off.
pub async fn reminder_scan(tick: &mut Tick<'_>) -> Result<(), SchedulerError> {
    if !tick.calendar.is_working_day(tick.today) {
        return Ok(());
    }
    let watermark = ticks::last_started(tick.conn, super::Job::ReminderScan.code()).await?;
    let dir = Directory::load(tick.conn, tick.settings).await?;
    let frame = Frame {
        now: tick.now,
        today: tick.today,
        settings: tick.settings,
        calendar: tick.calendar,
    };
    let mut folder = Folder::new(tick.conn, &frame, watermark).await?;
    let mut after = 0;
    let size = i64::from(tick.settings.schedule.scan_page);
    loop {
        tick.check_stop()?;
        let page = reminders::open_cases_page(tick.conn, after, size).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        case_notices::page(tick, &dir, &mut folder, &page).await?;
        folder.end_page(tick.conn).await?;
        if (page.len() as i64) < size {
            break;
        }
    }
    tick.check_stop()?;
    let queued = folder.finish(tick.conn, &frame, &dir).await?;
    tick.count(queued);
    // Visits, key projects and rectification items are due by the day: the day's first scan
    // decides them.
    let start_of_today = rules::start_of_day(tick.today, tick.settings.timezone);
    if watermark.is_none_or(|w| w < start_of_today) {
        visit_reminders(tick, &dir).await?;
        super::projects::scan(tick, &dir).await?;
        super::rectifications::scan(tick, &dir).await?;
    }
    Ok(())
}

/// Enterprises read per page for the visit reminders.
const ENTERPRISE_PAGE: i64 = 5000;

/// An enterprise due a visit: its name, its last visit, the day it fell due.
type DueVisit = (String, Option<NaiveDate>, NaiveDate);

/// A cadre whose enterprises have gone unvisited gets one message per newly due period, with
/// all the enterprises due; its due instant is the latest day one of them fell due.
async fn visit_reminders(tick: &mut Tick<'_>, dir: &Directory) -> Result<(), SchedulerError> {
    let every = tick.settings.limits.visit_every_days;
    let mut after = (0, 0);
    let mut cadres: Vec<(i64, Vec<DueVisit>)> = vec![];
    loop {
        tick.check_stop()?;
        let page = reminders::paired_enterprises_page(tick.conn, after, ENTERPRISE_PAGE).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = (last.cadre_id, last.id);
        let full = page.len() as i64 == ENTERPRISE_PAGE;
        for e in page {
            if cadres.last().is_none_or(|(c, _)| *c != e.cadre_id) {
                cadres.push((e.cadre_id, vec![]));
            }
            let since = tick.local_date(e.created_at);
            if let Some(due) = rules::visit_due(e.last_visit, since, tick.today, every)
                && let Some((_, list)) = cadres.last_mut()
            {
                list.push((e.name, e.last_visit, due));
            }
        }
        // The last cadre of a page may go on in the next one.
        if full && cadres.len() > 1 {
            let open = cadres.pop();
            visit_messages(tick, dir, std::mem::take(&mut cadres)).await?;
            cadres.extend(open);
        }
        if !full {
            break;
        }
    }
    visit_messages(tick, dir, cadres).await
}

/// Queues the visit reminders of `cadres` not queued yet, in one statement per batch.
async fn visit_messages(
    tick: &mut Tick<'_>,
    dir: &Directory,
    cadres: Vec<(i64, Vec<DueVisit>)>,
) -> Result<(), SchedulerError> {
    let due: Vec<(i64, Vec<DueVisit>, chrono::DateTime<chrono::Utc>)> = cadres
        .into_iter()
        .filter_map(|(cadre, list)| {
            let latest = list.iter().map(|(_, _, due)| *due).max()?;
            dir.people
                .contains_key(&cadre)
                .then(|| (cadre, list, tick.start_of(latest)))
        })
        .collect();
    let people: Vec<i64> = due.iter().map(|(c, _, _)| *c).collect();
    let dues: Vec<_> = due.iter().map(|(_, _, d)| *d).collect();
    let known = reminders::queued_for(tick.conn, Kind::Visit.code(), &people, &dues).await?;
    let not_before = rules::release_at(
        tick.now,
        false,
        &tick.settings.quiet_hours,
        tick.settings.timezone,
    );
    let rows: Vec<NewNotification> = due
        .into_iter()
        .zip(known)
        .filter(|(_, known)| !known)
        .map(|((cadre, list, due_at), _)| NewNotification {
            recipient: Recipient::Person(cadre),
            case_id: None,
            kind: Kind::Visit.code().to_string(),
            due_at,
            not_before,
            body: Reply::text(visit_text(
                dir.locale(Recipient::Person(cadre)),
                &list,
                tick.settings.limits.visit_every_days,
            )),
        })
        .collect();
    let mut queued = 0;
    for chunk in rows.chunks(1000) {
        queued += reminders::queue_many(tick.conn, chunk, tick.now).await?;
    }
    if queued > 0 {
        tick.count(BTreeMap::from([(
            Kind::Visit.code().to_string(),
            usize::try_from(queued).unwrap_or(usize::MAX),
        )]));
    }
    Ok(())
}

fn visit_text(l: &str, list: &[DueVisit], every: u32) -> String {
    let lines: Vec<String> = list
        .iter()
        .map(|(name, last, _)| {
            let last = match last {
                Some(d) => tr(
                    l,
                    "sched-visit-last",
                    Args::new().str("date", super::render::date(*d)),
                ),
                None => crate::i18n::t(l, "sched-visit-never"),
            };
            tr(
                l,
                "sched-visit-line",
                Args::new().str("enterprise", name).html("last", last),
            )
        })
        .collect();
    tr(
        l,
        "sched-visit",
        Args::new()
            .num("days", f64::from(every))
            .html("list", lines.join("\n")),
    )
}
