//! The reminder scan: sign-for, deadlines, escalation, roadmap steps, confirmation and visits,
//! then the projects' reports and escalations (`projects`).
//! It pages through the open cases by id (never all of them at once), hands each case notice to
//! the `Folder`, and stops between pages when the process is shutting down (the tick's
//! transaction is then rolled back and the next process redoes it).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::SchedulerError;
use super::directory::{Directory, Target};
use super::fold::{CaseSummary, Folder, Frame, Message, Notice};
use super::jobs::Tick;
use super::rules::{self, Colour, Stage};
use crate::domain::{CaseStatus, NoticeKind as Kind};
use crate::i18n::{Args, tr};
use crate::message::Reply;
use crate::store::outbox::{NewNotification, Recipient};
use crate::store::reminders::{self, CaseFacts};
use crate::store::ticks;

/// Open cases read per page.
pub const PAGE: i64 = 2000;

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
    loop {
        tick.check_stop()?;
        let page = reminders::open_cases_page(tick.conn, after, PAGE).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        for c in &page {
            case_reminders(tick, &dir, &mut folder, c);
        }
        milestone_reminders(tick, &dir, &mut folder, &page).await?;
        folder.end_page(tick.conn).await?;
        if (page.len() as i64) < PAGE {
            break;
        }
    }
    tick.check_stop()?;
    let queued = folder.finish(tick.conn, &frame, &dir).await?;
    tick.count(queued);
    // Visits and key projects are due by the day: the day's first scan decides them.
    let start_of_today = rules::start_of_day(tick.today, tick.settings.timezone);
    if watermark.is_none_or(|w| w < start_of_today) {
        visit_reminders(tick, &dir).await?;
        super::projects::scan(tick, &dir).await?;
    }
    Ok(())
}

fn summary(c: &CaseFacts) -> Arc<CaseSummary> {
    Arc::new(CaseSummary {
        id: c.id,
        number: c.number.clone(),
        enterprise: c.enterprise.clone(),
        department: c.department.clone(),
        deadline: c.deadline,
        supervised: c.supervised,
    })
}

fn recipients(targets: Vec<Target>) -> impl Iterator<Item = crate::store::outbox::Recipient> {
    targets.into_iter().map(|t| t.recipient)
}

fn case_reminders(tick: &Tick<'_>, dir: &Directory, folder: &mut Folder, c: &CaseFacts) {
    let Some(status) = CaseStatus::parse(&c.status) else {
        return;
    };
    let (cal, limits, tz, today, now) = (
        tick.calendar,
        &tick.settings.limits,
        tick.settings.timezone,
        tick.today,
        tick.now,
    );
    let case = summary(c);
    let notice = |kind, due, message| Notice {
        kind,
        case: Arc::clone(&case),
        due,
        message,
        changed_at: c.changed_at,
    };

    if status == CaseStatus::Dispatched
        && let Some(dispatched_at) = c.dispatched_at
    {
        let (to_handler, to_head) = rules::sign_for_due(dispatched_at, now, tz, cal, limits);
        let days = i64::from(limits.ack_days);
        if let Some(due) = to_handler {
            let m = Message::Case {
                key: "sched-sign-for",
                days: Some(days),
                colour: None,
            };
            folder.add(
                notice(Kind::SignFor, due, m),
                recipients(dir.handler(c.assignee_id, c.department_id)),
            );
        }
        if let Some(due) = to_head {
            let m = Message::Case {
                key: "sched-sign-for-head",
                days: Some(days + 1),
                colour: None,
            };
            folder.add(
                notice(Kind::SignForHead, due, m),
                recipients(dir.head(c.department_id)),
            );
        }
    }

    if status.is_with_department()
        && let Some(deadline) = c.deadline
    {
        let since = c.dispatched_at.map_or(today, |t| tick.local_date(t));
        if let Some((day, stage)) =
            rules::deadline_stage(deadline, since, today, cal, &limits.remind_before_days)
        {
            let (kind, key) = match stage {
                Stage::Before(_) => (Kind::DeadlineBefore, "sched-deadline-before"),
                Stage::DueToday => (Kind::DeadlineToday, "sched-deadline-today"),
                Stage::Overdue => (Kind::DeadlineOverdue, "sched-deadline-overdue"),
            };
            let m = Message::Case {
                key,
                days: None,
                colour: None,
            };
            folder.add(
                notice(kind, tick.start_of(day), m),
                recipients(dir.handler(c.assignee_id, c.department_id)),
            );
        }
        let colour = crate::domain::escalation_colour(
            status,
            Some(deadline),
            c.supervised,
            today,
            cal,
            limits.ladder(),
        );
        if let Some(colour @ (Colour::Yellow | Colour::Red)) = colour {
            let due = tick.start_of(rules::colour_since(
                colour,
                deadline,
                c.supervised,
                cal,
                limits,
            ));
            let (kind, key, to) = match colour {
                Colour::Red => (Kind::EscalationRed, "sched-escalation-red", dir.leaders()),
                _ => (
                    Kind::EscalationYellow,
                    "sched-escalation-yellow",
                    dir.head(c.department_id),
                ),
            };
            let m = Message::Case {
                key,
                days: Some(i64::from(limits.red_after_days)),
                colour: Some(colour),
            };
            folder.add(notice(kind, due, m), recipients(to));
        }
    }

    if status == CaseStatus::Resolved
        && let Some(resolved_at) = c.resolved_at
        && let Some(due) = rules::confirm_due(resolved_at, now, tz, cal, limits)
    {
        let m = Message::Confirm {
            resolved: tick.local_date(resolved_at),
            days: i64::from(limits.confirm_days),
        };
        let cadre = c.cadre_id.and_then(|id| dir.person(id));
        folder.add(
            notice(Kind::Confirm, due, m),
            recipients(cadre.into_iter().collect()),
        );
    }
}

/// Roadmap steps remind and escalate like deadlines. The outbox keys on the case, so the steps
/// of one case whose reminders (or cards) fall on the same day go out together, in one message.
async fn milestone_reminders(
    tick: &mut Tick<'_>,
    dir: &Directory,
    folder: &mut Folder,
    page: &[CaseFacts],
) -> Result<(), SchedulerError> {
    let ids: Vec<i64> = page.iter().map(|c| c.id).collect();
    let milestones = reminders::open_milestones_of(tick.conn, &ids).await?;
    let (cal, today) = (tick.calendar, tick.today);
    type Steps = (Vec<(String, NaiveDate)>, chrono::DateTime<chrono::Utc>);
    let mut groups: BTreeMap<(i64, NaiveDate), Steps> = BTreeMap::new();
    let mut escalated: BTreeMap<(i64, Colour, NaiveDate), Steps> = BTreeMap::new();
    for m in milestones {
        // An overdue step escalates like a deadline: yellow to the head, red to the leaders.
        let supervised = page
            .binary_search_by_key(&m.case_id, |c| c.id)
            .is_ok_and(|i| page[i].supervised);
        let limits = &tick.settings.limits;
        let colour = crate::domain::escalation_colour(
            CaseStatus::InProgress,
            Some(m.due_on),
            supervised,
            today,
            cal,
            limits.ladder(),
        );
        if let Some(colour @ (Colour::Yellow | Colour::Red)) = colour {
            let since = rules::colour_since(colour, m.due_on, supervised, cal, limits);
            let (steps, changed) = escalated
                .entry((m.case_id, colour, since))
                .or_insert_with(|| (vec![], m.changed_at));
            steps.push((m.title.clone(), m.due_on));
            *changed = (*changed).max(m.changed_at);
        }
        let since = tick.local_date(m.created_at);
        if let Some((day, _)) = rules::deadline_stage(
            m.due_on,
            since,
            today,
            cal,
            &tick.settings.limits.remind_before_days,
        ) {
            let (steps, changed) = groups
                .entry((m.case_id, day))
                .or_insert_with(|| (vec![], m.changed_at));
            steps.push((m.title, m.due_on));
            *changed = (*changed).max(m.changed_at);
        }
    }
    for ((case_id, day), (steps, changed)) in groups {
        let Ok(i) = page.binary_search_by_key(&case_id, |c| c.id) else {
            continue;
        };
        let c = &page[i];
        let n = Notice {
            kind: Kind::Milestone,
            case: summary(c),
            due: tick.start_of(day),
            message: Message::Milestone {
                key: "sched-milestone",
                steps,
            },
            changed_at: changed.max(c.changed_at),
        };
        folder.add(n, recipients(dir.handler(c.assignee_id, c.department_id)));
    }
    for ((case_id, colour, day), (steps, changed)) in escalated {
        let Ok(i) = page.binary_search_by_key(&case_id, |c| c.id) else {
            continue;
        };
        let c = &page[i];
        let (kind, key, to) = match colour {
            Colour::Red => (Kind::EscalationRed, "items-sched-step-red", dir.leaders()),
            _ => (
                Kind::EscalationYellow,
                "items-sched-step-yellow",
                dir.head(c.department_id),
            ),
        };
        let n = Notice {
            kind,
            case: summary(c),
            due: tick.start_of(day),
            message: Message::Milestone { key, steps },
            changed_at: changed.max(c.changed_at),
        };
        folder.add(n, recipients(to));
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
