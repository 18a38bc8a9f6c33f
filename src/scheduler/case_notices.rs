//! The notices of a page of open cases: sign-for, deadlines, escalation, confirmation and the
//! roadmap steps. Each is first decided from the case's own row alone and dropped when the
//! previous scan already decided it; only for those left are the enterprise's name and cadre
//! read (one statement for the page), so a later scan of the day reads little beyond the cases.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::SchedulerError;
use super::directory::{Directory, Target};
use super::fold::{CaseSummary, Folder, Message, Notice};
use super::jobs::Tick;
use super::rules::{self, Colour, Stage};
use crate::domain::{CaseStatus, NoticeKind as Kind};
use crate::store::outbox::Recipient;
use crate::store::reminders::{self, CaseFacts};

/// Who a notice goes to.
enum To {
    People(Vec<Recipient>),
    /// The cadre paired with the case's enterprise (read with the enterprise's name).
    Cadre,
    /// These people and those who follow the township of the case's enterprise (a red card).
    WithTownship(Vec<Recipient>),
}

/// A notice of case `case` (its place in the page) before the names it carries are read.
struct Draft {
    case: usize,
    kind: Kind,
    due: DateTime<Utc>,
    message: Message,
    changed_at: DateTime<Utc>,
    to: To,
}

/// Hands the page's notices not yet decided to the folder.
pub(super) async fn page(
    tick: &mut Tick<'_>,
    dir: &Directory,
    folder: &mut Folder,
    page: &[CaseFacts],
) -> Result<(), SchedulerError> {
    let mut drafts = vec![];
    for (i, c) in page.iter().enumerate() {
        case_reminders(tick, dir, folder, &mut drafts, i, c);
    }
    milestone_reminders(tick, dir, folder, &mut drafts, page).await?;
    if drafts.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<i64> = drafts.iter().map(|d| page[d.case].enterprise_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, (String, Option<i64>, i64)> =
        reminders::enterprise_names(tick.conn, &ids)
            .await?
            .into_iter()
            .map(|(id, name, cadre, township)| (id, (name, cadre, township)))
            .collect();
    let mut summaries: HashMap<usize, Arc<CaseSummary>> = HashMap::new();
    for d in drafts {
        let c = &page[d.case];
        let (name, cadre, township) = names
            .get(&c.enterprise_id)
            .map_or(("", None, None), |(n, cadre, t)| {
                (n.as_str(), *cadre, Some(*t))
            });
        let case = summaries.entry(d.case).or_insert_with(|| {
            Arc::new(CaseSummary {
                id: c.id,
                number: c.number.clone(),
                enterprise: name.to_string(),
                department: c.department_id.and_then(|id| dir.department_name(id)),
                deadline: c.deadline,
                supervised: c.supervised,
            })
        });
        let to: Vec<Recipient> = match d.to {
            To::People(people) => people,
            To::Cadre => cadre
                .and_then(|id| dir.person(id))
                .map(|t| t.recipient)
                .into_iter()
                .collect(),
            To::WithTownship(mut people) => {
                let followers = township.map_or(&[][..], |t| dir.township(t));
                for t in dir.people(followers) {
                    if !people.contains(&t.recipient) {
                        people.push(t.recipient);
                    }
                }
                people
            }
        };
        let notice = Notice {
            kind: d.kind,
            case: Arc::clone(case),
            due: d.due,
            message: d.message,
            changed_at: d.changed_at,
        };
        folder.add(notice, to);
    }
    Ok(())
}

fn recipients(targets: Vec<Target>) -> To {
    To::People(targets.into_iter().map(|t| t.recipient).collect())
}

/// The notices of case `i` of the page that the previous scan did not already decide.
fn case_reminders(
    tick: &Tick<'_>,
    dir: &Directory,
    folder: &Folder,
    drafts: &mut Vec<Draft>,
    i: usize,
    c: &CaseFacts,
) {
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
    // Who a notice goes to is worked out only for a notice not already decided (most are, in a
    // later scan of the day: a red card's hundred leaders are not listed for nothing).
    let mut add = |kind, due, message, to: &dyn Fn() -> To| {
        if !folder.decided(due, c.changed_at) {
            drafts.push(Draft {
                case: i,
                kind,
                due,
                message,
                changed_at: c.changed_at,
                to: to(),
            });
        }
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
            add(Kind::SignFor, due, m, &|| {
                recipients(dir.handler(c.assignee_id, c.department_id))
            });
        }
        if let Some(due) = to_head {
            let m = Message::Case {
                key: "sched-sign-for-head",
                days: Some(days + 1),
                colour: None,
            };
            add(Kind::SignForHead, due, m, &|| {
                recipients(dir.head(c.department_id))
            });
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
            add(kind, tick.start_of(day), m, &|| {
                recipients(dir.handler(c.assignee_id, c.department_id))
            });
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
            let (kind, key) = match colour {
                Colour::Red => (Kind::EscalationRed, "sched-escalation-red"),
                _ => (Kind::EscalationYellow, "sched-escalation-yellow"),
            };
            let m = Message::Case {
                key,
                days: Some(i64::from(limits.red_after_days)),
                colour: Some(colour),
            };
            let to = || match colour {
                Colour::Red => {
                    To::WithTownship(dir.leaders().into_iter().map(|t| t.recipient).collect())
                }
                _ => recipients(dir.head(c.department_id)),
            };
            add(kind, due, m, &to);
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
        add(Kind::Confirm, due, m, &|| To::Cadre);
    }
}

/// Roadmap steps remind and escalate like deadlines. The outbox keys on the case, so the steps
/// of one case whose reminders (or cards) fall on the same day go out together, in one message.
async fn milestone_reminders(
    tick: &mut Tick<'_>,
    dir: &Directory,
    folder: &Folder,
    drafts: &mut Vec<Draft>,
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
        let (due, changed_at) = (tick.start_of(day), changed.max(c.changed_at));
        if !folder.decided(due, changed_at) {
            drafts.push(Draft {
                case: i,
                kind: Kind::Milestone,
                due,
                message: Message::Milestone {
                    key: "sched-milestone",
                    steps,
                },
                changed_at,
                to: recipients(dir.handler(c.assignee_id, c.department_id)),
            });
        }
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
        let (due, changed_at) = (tick.start_of(day), changed.max(c.changed_at));
        if !folder.decided(due, changed_at) {
            drafts.push(Draft {
                case: i,
                kind,
                due,
                message: Message::Milestone { key, steps },
                changed_at,
                to: recipients(to),
            });
        }
    }
    Ok(())
}
