//! 重点项目 in the reminder scan: the monthly progress report asked of each cadre (one message
//! with all their projects, a button each), the daily reminder once the time to report has
//! passed (催报, again one message per cadre), and the escalation of projects behind a stage
//! date — yellow to the responsible department's head (or the campaign office), red to the
//! leaders — once per project, stage date and colour, one digest per person per scan.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::SchedulerError;
use super::directory::{Directory, Target};
use super::jobs::Tick;
use super::rules;
use crate::conversation::state::{BUTTON_TTL_DAYS, Press, ProjectOp};
use crate::domain::NoticeKind as Kind;
use crate::domain::project::{self, Stage, stage_label};
use crate::i18n::{Args, tr};
use crate::message::{Button, Reply};
use crate::reports::projects::project_args;
use crate::store::outbox::{NewNotification, Recipient};
use crate::store::project_board::{self, ToEscalate, Unreported};
use crate::store::{StoreError, callbacks, reminders};

/// Projects named in one escalation digest (the rest are counted).
const NAMED: usize = 20;

/// The projects' part of the reminder scan (a working day).
pub(super) async fn scan(tick: &mut Tick<'_>, dir: &Directory) -> Result<(), SchedulerError> {
    report_reminders(tick, dir).await?;
    escalations(tick, dir).await
}

/// From the month's ask day, each cadre with projects not reported this month gets the ask
/// (once); after the time to report, a reminder every working day.
async fn report_reminders(tick: &mut Tick<'_>, dir: &Directory) -> Result<(), SchedulerError> {
    let cfg = &tick.settings.projects;
    let month = project::month_of(tick.today);
    let ask = project::ask_on(month, cfg.ask_day, tick.calendar);
    if tick.today < ask {
        return Ok(());
    }
    let due = project::report_due(month, cfg.ask_day, cfg.report_within_days, tick.calendar);
    let (kind, due_at) = if tick.today > due {
        (Kind::ProjectChase, tick.start_of(tick.today))
    } else {
        (Kind::ProjectAsk, tick.start_of(ask))
    };
    let missing = project_board::unreported(tick.conn, month, i64::MAX).await?;
    let mut by_cadre: BTreeMap<i64, Vec<Unreported>> = BTreeMap::new();
    for u in missing {
        if let Some(c) = u.cadre_id
            && dir.people.contains_key(&c)
        {
            by_cadre.entry(c).or_default().push(u);
        }
    }
    let cadres: Vec<i64> = by_cadre.keys().copied().collect();
    let dues = vec![due_at; cadres.len()];
    let known = reminders::queued_for(tick.conn, kind.code(), &cadres, &dues).await?;
    let not_before = rules::release_at(
        tick.now,
        false,
        &tick.settings.quiet_hours,
        tick.settings.timezone,
    );
    let mut rows = Vec::new();
    for ((cadre, list), known) in by_cadre.into_iter().zip(known) {
        if known {
            continue;
        }
        let locale = dir.locale(Recipient::Person(cadre)).to_string();
        let mut buttons = Vec::with_capacity(list.len());
        for u in &list {
            let press = Press::Project {
                op: ProjectOp::Report {
                    project_id: u.project_id,
                },
            };
            buttons.push(vec![button(tick, cadre, &u.project, &press).await?]);
        }
        let key = match kind {
            Kind::ProjectChase => "sched-project-chase",
            _ => "sched-project-ask",
        };
        let mut lines = vec![tr(
            &locale,
            key,
            Args::new()
                .num("month", f64::from(month.month()))
                .num("count", list.len() as f64)
                .str("due", due.to_string()),
        )];
        lines.extend(list.iter().map(|u| {
            tr(
                &locale,
                "sched-project-line",
                Args::new().str("project", &u.project).str(
                    "stage",
                    stage_label(&locale, u.stage.and_then(Stage::from_index)),
                ),
            )
        }));
        let text = lines.join("\n");
        rows.push(NewNotification {
            recipient: Recipient::Person(cadre),
            case_id: None,
            kind: kind.code().to_string(),
            due_at,
            not_before,
            body: Reply::text(text).with_buttons(buttons),
        });
    }
    let mut queued = 0;
    for chunk in rows.chunks(1000) {
        queued += reminders::queue_many(tick.conn, chunk, tick.now).await?;
    }
    if queued > 0 {
        tick.count(BTreeMap::from([(
            kind.code().to_string(),
            usize::try_from(queued).unwrap_or(usize::MAX),
        )]));
    }
    Ok(())
}

/// A button for `person` (in no particular chat: a notice) that does `press`.
pub(super) async fn button(
    tick: &mut Tick<'_>,
    person: i64,
    label: &str,
    press: &Press,
) -> Result<Button, SchedulerError> {
    let action = serde_json::to_value(press).map_err(StoreError::Json)?;
    let ttl = Duration::days(BUTTON_TTL_DAYS);
    let data = callbacks::create(tick.conn, person, None, &action, tick.now, ttl).await?;
    Ok(Button {
        label: label.to_string(),
        data,
    })
}

/// Projects newly yellow or red: marked once, then one digest per person and colour.
async fn escalations(tick: &mut Tick<'_>, dir: &Directory) -> Result<(), SchedulerError> {
    let ladder = tick.settings.limits.ladder();
    let red_before = project::red_before(tick.today, tick.calendar, ladder);
    let candidates = project_board::to_escalate(tick.conn, tick.today, red_before).await?;
    if candidates.is_empty() {
        return Ok(());
    }
    let mut marks: Vec<(i64, NaiveDate, &str)> = Vec::new();
    for p in &candidates {
        if p.new_yellow {
            marks.push((p.id, p.due_on, "yellow"));
        }
        if p.new_red {
            marks.push((p.id, p.due_on, "red"));
        }
    }
    // Only what this transaction marked is told: a concurrent scan's marks are its own.
    let marked = crate::store::projects::mark_escalated(tick.conn, &marks, tick.now).await?;
    let is = |p: &ToEscalate, colour: &str| {
        marked
            .iter()
            .any(|(id, due, c)| *id == p.id && *due == p.due_on && c == colour)
    };
    let dispatchers = dir.dispatchers();
    let mut yellow: BTreeMap<i64, Vec<&ToEscalate>> = BTreeMap::new();
    let mut red: Vec<&ToEscalate> = Vec::new();
    for p in &candidates {
        if is(p, "yellow") {
            let to = match p.head_id.filter(|h| dir.people.contains_key(h)) {
                Some(head) => vec![head],
                None => dispatchers.clone(),
            };
            for person in to {
                yellow.entry(person).or_default().push(p);
            }
        }
        if is(p, "red") {
            red.push(p);
        }
    }
    let (today, days) = (tick.today, tick.settings.limits.red_after_days);
    for (person, list) in yellow {
        let to: Vec<Target> = dir.person(person).into_iter().collect();
        tick.notify(Kind::ProjectYellow, &to, None, tick.now, false, |l| {
            digest(l, "sched-project-yellow", &list, today, days)
        })
        .await?;
    }
    if !red.is_empty() {
        let to = dir.leaders();
        tick.notify(Kind::ProjectRed, &to, None, tick.now, true, |l| {
            digest(l, "sched-project-red", &red, today, days)
        })
        .await?;
    }
    Ok(())
}

fn digest(l: &str, key: &str, list: &[&ToEscalate], today: NaiveDate, days: u32) -> String {
    let mut lines = vec![tr(
        l,
        key,
        Args::new()
            .num("count", list.len() as f64)
            .num("days", f64::from(days)),
    )];
    for p in list.iter().take(NAMED) {
        let stage = p.due_stage.and_then(Stage::from_index);
        lines.push(tr(
            l,
            "sched-project-escalated-line",
            project_args(l, &p.name, &p.township, p.department.as_deref())
                .str("date", p.due_on.to_string())
                .str("stage", stage_label(l, stage))
                .num("days", (today - p.due_on).num_days() as f64),
        ));
    }
    if list.len() > NAMED {
        lines.push(tr(
            l,
            "project-board-more",
            Args::new().num("count", (list.len() - NAMED) as f64),
        ));
    }
    lines.join("\n")
}
