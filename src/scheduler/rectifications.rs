//! Rectification items (整改事项) in the day's first reminder scan: each person gets one digest
//! of the items that concern them, worst first. The responsible department's officers hear of
//! an item not signed for in time and of its deadline (before, on the day, every day overdue);
//! the department head of yellow and red items; the leaders and the item's inspector of red
//! ones. The digest never names an inspector.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::SchedulerError;
use super::directory::{Directory, Target};
use super::jobs::Tick;
use super::rules::{self, Stage};
use crate::domain::{Colour, NoticeKind, escalation_colour};
use crate::i18n::{Args, t, tr};
use crate::store::outbox::Recipient;
use crate::store::rectifications::{self, RectRow};

/// Where an item stands for a digest line; the worst sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    Red,
    Yellow,
    Overdue,
    DueToday,
    Before(u32),
    NotSignedFor,
}

struct Line {
    standing: Standing,
    number: String,
    department: String,
    deadline: NaiveDate,
    finding: String,
}

fn line(r: &RectRow, standing: Standing) -> Line {
    Line {
        standing,
        number: r.number.clone(),
        department: r.department_name.clone(),
        deadline: r.deadline,
        finding: r.finding.clone(),
    }
}

fn person_id(t: &Target) -> Option<i64> {
    match t.recipient {
        Recipient::Person(id) => Some(id),
        Recipient::Group(_) => None,
    }
}

/// Queues the day's rectification digests.
pub(super) async fn scan(tick: &mut Tick<'_>, dir: &Directory) -> Result<(), SchedulerError> {
    let today = tick.today;
    let limits = &tick.settings.limits;
    let mut per: BTreeMap<i64, Vec<Line>> = BTreeMap::new();
    for r in rectifications::open(tick.conn, None).await? {
        let colour = escalation_colour(
            r.status,
            Some(r.deadline),
            false,
            today,
            tick.calendar,
            limits.ladder(),
        );
        let since = r
            .created_at
            .with_timezone(&tick.settings.timezone)
            .date_naive();
        let stage = if r.status.is_with_department() {
            rules::deadline_stage(
                r.deadline,
                since,
                today,
                tick.calendar,
                &limits.remind_before_days,
            )
        } else {
            None
        };
        let late_sign_for = r.status == crate::domain::CaseStatus::Dispatched
            && tick.calendar.working_days_between(since, today) > i64::from(limits.ack_days);
        let for_officers = match stage.map(|(_, s)| s) {
            Some(Stage::Overdue) => Some(Standing::Overdue),
            Some(Stage::DueToday) => Some(Standing::DueToday),
            Some(Stage::Before(n)) => Some(Standing::Before(n)),
            None if late_sign_for => Some(Standing::NotSignedFor),
            None => None,
        };
        if let Some(s) = for_officers {
            for id in dir.officers.get(&r.department_id).into_iter().flatten() {
                per.entry(*id).or_default().push(line(&r, s));
            }
        }
        let escalated = match colour {
            Some(Colour::Red) => Some(Standing::Red),
            Some(Colour::Yellow) => Some(Standing::Yellow),
            _ => None,
        };
        if let Some(s) = escalated {
            let mut up: Vec<Target> = dir.head(Some(r.department_id));
            if s == Standing::Red {
                up.extend(dir.leaders());
                up.extend(dir.person(r.inspector_id));
            }
            for id in up.iter().filter_map(person_id) {
                per.entry(id).or_default().push(line(&r, s));
            }
        }
    }
    let due_at = rules::start_of_day(today, tick.settings.timezone);
    for (id, mut lines) in per {
        let Some(target) = dir.person(id) else {
            continue;
        };
        lines.sort_by(|a, b| {
            a.standing
                .cmp(&b.standing)
                .then(a.deadline.cmp(&b.deadline))
        });
        lines.dedup_by(|a, b| a.number == b.number);
        let urgent = lines.iter().any(|l| l.standing == Standing::Red);
        tick.notify(
            NoticeKind::RectificationDigest,
            &[target],
            None,
            due_at,
            urgent,
            |locale| render(locale, &lines),
        )
        .await?;
    }
    Ok(())
}

fn render(locale: &str, lines: &[Line]) -> String {
    let mut out = vec![tr(
        locale,
        "inspections-digest-title",
        Args::new().num("count", lines.len() as f64),
    )];
    for l in lines {
        let (key, n) = match l.standing {
            Standing::Red => ("inspections-digest-red", 0),
            Standing::Yellow => ("inspections-digest-yellow", 0),
            Standing::Overdue => ("inspections-digest-overdue", 0),
            Standing::DueToday => ("inspections-digest-today", 0),
            Standing::Before(n) => ("inspections-digest-before", n),
            Standing::NotSignedFor => ("inspections-digest-sign-for", 0),
        };
        out.push(tr(
            locale,
            "inspections-digest-line",
            Args::new()
                .str("number", &l.number)
                .str("department", &l.department)
                .str("deadline", l.deadline.to_string())
                .str(
                    "standing",
                    tr(locale, key, Args::new().num("days", n as f64)),
                )
                .str("finding", &l.finding),
        ));
    }
    out.push(t(locale, "inspections-digest-hint"));
    out.join("\n")
}
