//! The jobs: gather the facts, ask the rules, and queue each notification for each recipient
//! in their language, inside the tick's transaction.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::SchedulerError;
use super::render::{self, CaseText};
use super::rules::{self, Colour, Stage};
use super::summary::{self, CaseLine};
use crate::config::Settings;
use crate::conversation::{OutFile, Reply};
use crate::domain::{CaseStatus, NoticeKind as Kind, WorkCalendar};
use crate::i18n::{Args, tr};
use crate::reports::{self, ChartData, Filter, Scope};
use crate::store::outbox::{self, NewNotification, Recipient};
use crate::store::reminders::{self, CaseFacts, DepartmentFacts, PersonFacts};

/// A recipient and the language to write to them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub recipient: Recipient,
    pub locale: String,
}

/// Who is who, loaded once per tick.
struct Directory {
    people: HashMap<i64, PersonFacts>,
    departments: HashMap<i64, DepartmentFacts>,
    officers: HashMap<i64, Vec<i64>>,
    leaders: Vec<i64>,
    group_locale: String,
}

impl Directory {
    async fn load(
        conn: &mut PgConnection,
        settings: &Settings,
    ) -> Result<Directory, SchedulerError> {
        let people = reminders::people(conn).await?;
        let departments = reminders::departments(conn).await?;
        let mut officers: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut leaders = Vec::new();
        for p in &people {
            if p.roles.iter().any(|r| r == "officer")
                && let Some(d) = p.department_id
            {
                officers.entry(d).or_default().push(p.id);
            }
            if p.roles.iter().any(|r| r == "leader") {
                leaders.push(p.id);
            }
        }
        Ok(Directory {
            people: people.into_iter().map(|p| (p.id, p)).collect(),
            departments: departments.into_iter().map(|d| (d.id, d)).collect(),
            officers,
            leaders,
            group_locale: settings.default_locale.clone(),
        })
    }

    fn person(&self, id: i64) -> Option<Target> {
        self.people.get(&id).map(|p| Target {
            recipient: Recipient::Person(p.id),
            locale: p.locale.clone(),
        })
    }

    fn people(&self, ids: &[i64]) -> Vec<Target> {
        ids.iter().filter_map(|id| self.person(*id)).collect()
    }

    fn groups(&self, department_id: i64) -> Vec<Target> {
        self.departments
            .get(&department_id)
            .map(|d| {
                d.group_chat_ids
                    .iter()
                    .map(|g| Target {
                        recipient: Recipient::Group(*g),
                        locale: self.group_locale.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whoever handles a case: its assignee; with none, the department's group chat, or else
    /// its officers.
    fn handler(&self, assignee: Option<i64>, department: Option<i64>) -> Vec<Target> {
        if let Some(t) = assignee.and_then(|a| self.person(a)) {
            return vec![t];
        }
        let Some(department) = department else {
            return vec![];
        };
        let groups = self.groups(department);
        if !groups.is_empty() {
            return groups;
        }
        self.people(
            self.officers
                .get(&department)
                .map_or(&[][..], Vec::as_slice),
        )
    }

    fn head(&self, department: Option<i64>) -> Vec<Target> {
        department
            .and_then(|d| self.departments.get(&d))
            .and_then(|d| d.head_id)
            .and_then(|h| self.person(h))
            .into_iter()
            .collect()
    }

    fn leaders(&self) -> Vec<Target> {
        self.people(&self.leaders)
    }
}

/// One tick in progress: its transaction, its moment, and what it queued.
pub struct Tick<'a> {
    conn: &'a mut PgConnection,
    settings: &'a Settings,
    calendar: &'a WorkCalendar,
    now: DateTime<Utc>,
    today: NaiveDate,
    queued: BTreeMap<String, usize>,
}

impl<'a> Tick<'a> {
    pub fn new(
        conn: &'a mut PgConnection,
        settings: &'a Settings,
        calendar: &'a WorkCalendar,
        now: DateTime<Utc>,
    ) -> Tick<'a> {
        Tick {
            conn,
            settings,
            calendar,
            now,
            today: now.with_timezone(&settings.timezone).date_naive(),
            queued: BTreeMap::new(),
        }
    }

    pub fn into_queued(self) -> BTreeMap<String, usize> {
        self.queued
    }

    /// Queues one notification to each target, rendered in the target's language. Red
    /// escalations (`urgent`) go out in quiet hours; everything else waits for their end.
    async fn notify(
        &mut self,
        kind: Kind,
        targets: &[Target],
        case_id: Option<i64>,
        due_at: DateTime<Utc>,
        urgent: bool,
        render: impl Fn(&str) -> String,
    ) -> Result<(), SchedulerError> {
        self.notify_reply(kind, targets, case_id, due_at, urgent, |l| {
            Reply::text(render(l))
        })
        .await
    }

    /// `notify` with a whole reply (a photo as well as text).
    async fn notify_reply(
        &mut self,
        kind: Kind,
        targets: &[Target],
        case_id: Option<i64>,
        due_at: DateTime<Utc>,
        urgent: bool,
        render: impl Fn(&str) -> Reply,
    ) -> Result<(), SchedulerError> {
        let not_before = rules::release_at(
            self.now,
            urgent,
            &self.settings.quiet_hours,
            self.settings.timezone,
        );
        let mut rendered: HashMap<&str, Reply> = HashMap::new();
        for target in targets {
            let body = rendered
                .entry(target.locale.as_str())
                .or_insert_with(|| render(&target.locale))
                .clone();
            let n = NewNotification {
                recipient: target.recipient,
                case_id,
                kind: kind.code().to_string(),
                due_at,
                not_before,
                body,
            };
            if outbox::enqueue(self.conn, &n, self.now).await? {
                *self.queued.entry(kind.code().to_string()).or_default() += 1;
            }
        }
        Ok(())
    }

    fn start_of(&self, day: NaiveDate) -> DateTime<Utc> {
        rules::start_of_day(day, self.settings.timezone)
    }

    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.settings.timezone).date_naive()
    }
}

fn case_text(c: &CaseFacts) -> CaseText<'_> {
    CaseText {
        number: &c.number,
        enterprise: &c.enterprise,
        department: c.department.as_deref(),
        deadline: c.deadline,
    }
}

/// The reminder scan: sign-for, deadlines, escalation, roadmap steps, confirmation and visits.
/// Decides nothing on days off.
pub async fn reminder_scan(tick: &mut Tick<'_>) -> Result<(), SchedulerError> {
    if !tick.calendar.is_working_day(tick.today) {
        return Ok(());
    }
    let dir = Directory::load(tick.conn, tick.settings).await?;
    let cases = reminders::open_cases(tick.conn).await?;
    for c in &cases {
        case_reminders(tick, &dir, c).await?;
    }
    milestone_reminders(tick, &dir, &cases).await?;
    visit_reminders(tick, &dir).await?;
    Ok(())
}

async fn case_reminders(
    tick: &mut Tick<'_>,
    dir: &Directory,
    c: &CaseFacts,
) -> Result<(), SchedulerError> {
    let Some(status) = CaseStatus::parse(&c.status) else {
        return Ok(());
    };
    let (cal, limits, tz, today, now) = (
        tick.calendar,
        &tick.settings.limits,
        tick.settings.timezone,
        tick.today,
        tick.now,
    );
    let handler = dir.handler(c.assignee_id, c.department_id);
    let head = dir.head(c.department_id);

    if status == CaseStatus::Dispatched
        && let Some(dispatched_at) = c.dispatched_at
    {
        let (to_handler, to_head) = rules::sign_for_due(dispatched_at, now, tz, cal, limits);
        let days = i64::from(limits.ack_days);
        if let Some(due) = to_handler {
            tick.notify(Kind::SignFor, &handler, Some(c.id), due, false, |l| {
                render::case_message(
                    l,
                    "sched-sign-for",
                    case_text(c),
                    Some(days),
                    None,
                    today,
                    cal,
                )
            })
            .await?;
        }
        if let Some(due) = to_head {
            tick.notify(Kind::SignForHead, &head, Some(c.id), due, false, |l| {
                render::case_message(
                    l,
                    "sched-sign-for-head",
                    case_text(c),
                    Some(days + 1),
                    None,
                    today,
                    cal,
                )
            })
            .await?;
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
            let due = tick.start_of(day);
            tick.notify(kind, &handler, Some(c.id), due, false, |l| {
                render::case_message(l, key, case_text(c), None, None, today, cal)
            })
            .await?;
        }
        let colour =
            rules::escalation_colour(status, Some(deadline), c.supervised, today, cal, limits);
        if let Some(colour @ (Colour::Yellow | Colour::Red)) = colour {
            let due = tick.start_of(rules::colour_since(
                colour,
                deadline,
                c.supervised,
                cal,
                limits,
            ));
            let (kind, key, to, urgent) = match colour {
                Colour::Red => (
                    Kind::EscalationRed,
                    "sched-escalation-red",
                    dir.leaders(),
                    true,
                ),
                _ => (
                    Kind::EscalationYellow,
                    "sched-escalation-yellow",
                    head.clone(),
                    false,
                ),
            };
            let red_after = i64::from(limits.red_after_days);
            tick.notify(kind, &to, Some(c.id), due, urgent, |l| {
                render::case_message(
                    l,
                    key,
                    case_text(c),
                    Some(red_after),
                    Some(colour),
                    today,
                    cal,
                )
            })
            .await?;
        }
    }

    if status == CaseStatus::Resolved
        && let Some(resolved_at) = c.resolved_at
        && let Some(due) = rules::confirm_due(resolved_at, now, tz, cal, limits)
    {
        let cadre: Vec<Target> = c
            .cadre_id
            .and_then(|id| dir.person(id))
            .into_iter()
            .collect();
        let resolved = render::date(tick.local_date(resolved_at));
        let days = i64::from(limits.confirm_days);
        tick.notify(Kind::Confirm, &cadre, Some(c.id), due, false, |l| {
            let block = render::case_block(l, case_text(c), today, cal);
            tr(
                l,
                "sched-confirm",
                Args::new()
                    .html("case", block)
                    .str("resolved", &resolved)
                    .num("days", days as f64),
            )
        })
        .await?;
    }
    Ok(())
}

/// Roadmap steps remind like deadlines. The outbox keys on the case, so the steps of one case
/// whose reminders fall on the same day go out together, in one message.
async fn milestone_reminders(
    tick: &mut Tick<'_>,
    dir: &Directory,
    cases: &[CaseFacts],
) -> Result<(), SchedulerError> {
    let by_id: HashMap<i64, &CaseFacts> = cases.iter().map(|c| (c.id, c)).collect();
    let milestones = reminders::open_milestones(tick.conn).await?;
    let (cal, today) = (tick.calendar, tick.today);
    let mut groups: BTreeMap<(i64, NaiveDate), Vec<(String, NaiveDate)>> = BTreeMap::new();
    for m in milestones {
        let since = tick.local_date(m.created_at);
        if let Some((day, _)) = rules::deadline_stage(
            m.due_on,
            since,
            today,
            cal,
            &tick.settings.limits.remind_before_days,
        ) {
            groups
                .entry((m.case_id, day))
                .or_default()
                .push((m.title, m.due_on));
        }
    }
    for ((case_id, day), steps) in groups {
        let Some(c) = by_id.get(&case_id) else {
            continue;
        };
        let handler = dir.handler(c.assignee_id, c.department_id);
        let due = tick.start_of(day);
        tick.notify(Kind::Milestone, &handler, Some(case_id), due, false, |l| {
            let lines: Vec<String> = steps
                .iter()
                .map(|(title, due_on)| {
                    tr(
                        l,
                        "sched-milestone-step",
                        Args::new()
                            .str("title", title)
                            .str("due", render::date(*due_on))
                            .html("left", render::days_left(l, *due_on, today, cal)),
                    )
                })
                .collect();
            tr(
                l,
                "sched-milestone",
                Args::new()
                    .str("number", &c.number)
                    .str("enterprise", &c.enterprise)
                    .html("steps", lines.join("\n")),
            )
        })
        .await?;
    }
    Ok(())
}

/// A cadre whose enterprises have gone unvisited gets one message per newly due period; its due
/// instant is the latest day one of the listed enterprises fell due.
async fn visit_reminders(tick: &mut Tick<'_>, dir: &Directory) -> Result<(), SchedulerError> {
    let every = tick.settings.limits.visit_every_days;
    let enterprises = reminders::paired_enterprises(tick.conn).await?;
    let mut by_cadre: BTreeMap<i64, Vec<(String, Option<NaiveDate>, NaiveDate)>> = BTreeMap::new();
    for e in enterprises {
        let since = tick.local_date(e.created_at);
        if let Some(due) = rules::visit_due(e.last_visit, since, tick.today, every) {
            by_cadre
                .entry(e.cadre_id)
                .or_default()
                .push((e.name, e.last_visit, due));
        }
    }
    for (cadre, list) in by_cadre {
        let Some(latest) = list.iter().map(|(_, _, due)| *due).max() else {
            continue;
        };
        let to: Vec<Target> = dir.person(cadre).into_iter().collect();
        let due = tick.start_of(latest);
        tick.notify(Kind::Visit, &to, None, due, false, |l| {
            let lines: Vec<String> = list
                .iter()
                .map(|(name, last, _)| {
                    let last = match last {
                        Some(d) => tr(
                            l,
                            "sched-visit-last",
                            Args::new().str("date", render::date(*d)),
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
        })
        .await?;
    }
    Ok(())
}

/// A case's colour on a list.
fn line_colour(
    c: &CaseLine,
    today: NaiveDate,
    cal: &WorkCalendar,
    settings: &Settings,
) -> Option<Colour> {
    let status = CaseStatus::parse(&c.status)?;
    rules::escalation_colour(
        status,
        c.deadline,
        c.supervised,
        today,
        cal,
        &settings.limits,
    )
}

/// The overdue digest: each department head the overdue cases of the departments they lead,
/// the leaders the red cards. Nothing on days off, nothing when the list is empty.
pub async fn overdue_digest(tick: &mut Tick<'_>) -> Result<(), SchedulerError> {
    if !tick.calendar.is_working_day(tick.today) {
        return Ok(());
    }
    let dir = Directory::load(tick.conn, tick.settings).await?;
    let (cal, today, settings) = (tick.calendar, tick.today, tick.settings);
    let overdue = summary::overdue_cases(tick.conn, None, today, i64::MAX).await?;
    let due = tick.now;

    let mut by_head: BTreeMap<i64, Vec<(String, Vec<CaseLine>)>> = BTreeMap::new();
    let mut departments: Vec<&DepartmentFacts> = dir.departments.values().collect();
    departments.sort_by_key(|d| d.id);
    for d in departments {
        let cases: Vec<CaseLine> = overdue
            .iter()
            .filter(|c| c.department_id == Some(d.id))
            .cloned()
            .collect();
        if let Some(head) = d.head_id
            && !cases.is_empty()
        {
            by_head
                .entry(head)
                .or_default()
                .push((d.name.clone(), cases));
        }
    }
    for (head, sections) in by_head {
        let to: Vec<Target> = dir.person(head).into_iter().collect();
        tick.notify(Kind::DigestDepartment, &to, None, due, false, |l| {
            sections
                .iter()
                .map(|(name, cases)| {
                    tr(
                        l,
                        "sched-digest-department",
                        Args::new()
                            .str("department", name)
                            .num("count", cases.len() as f64)
                            .html(
                                "list",
                                render::case_lines(
                                    l,
                                    cases,
                                    cases.len(),
                                    |c| line_colour(c, today, cal, settings),
                                    today,
                                    cal,
                                ),
                            ),
                    )
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        })
        .await?;
    }

    let red: Vec<CaseLine> = overdue
        .into_iter()
        .filter(|c| line_colour(c, today, cal, settings) == Some(Colour::Red))
        .collect();
    if !red.is_empty() {
        let leaders = dir.leaders();
        tick.notify(Kind::DigestCounty, &leaders, None, due, false, |l| {
            tr(
                l,
                "sched-digest-county",
                Args::new().num("count", red.len() as f64).html(
                    "list",
                    render::case_lines(l, &red, red.len(), |_| Some(Colour::Red), today, cal),
                ),
            )
        })
        .await?;
    }
    Ok(())
}

/// The weekly summaries of the calendar week before `instant`'s: cadres, departments, leaders.
/// Every figure is `reports::summary_for` of the recipient's scope; the lists `reports` has no
/// equivalent for come from `summary`. The leaders' summary carries the chart when a font is
/// installed.
pub async fn weekly_summary(
    tick: &mut Tick<'_>,
    instant: DateTime<Utc>,
) -> Result<(), SchedulerError> {
    let dir = Directory::load(tick.conn, tick.settings).await?;
    let (cal, today, settings) = (tick.calendar, tick.today, tick.settings);
    let period = summary::weekly_period(tick.local_date(instant), today);
    let week_end = summary::week_end(today);
    let limit = render::MAX_LINES as i64;

    let cadres: Vec<i64> = reminders::paired_enterprises(tick.conn)
        .await?
        .into_iter()
        .map(|e| e.cadre_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for cadre in cadres {
        let s = reports::summary_for(
            tick.conn,
            Scope::Cadre(cadre),
            period,
            Filter::default(),
            today,
            settings,
        )
        .await?;
        let x = summary::cadre_extras(tick.conn, cadre, limit).await?;
        let to: Vec<Target> = dir.person(cadre).into_iter().collect();
        tick.notify(Kind::WeeklyCadre, &to, None, instant, false, |l| {
            render::weekly_cadre(l, &s, &x, today, cal)
        })
        .await?;
    }

    let mut departments: Vec<&DepartmentFacts> = dir.departments.values().collect();
    departments.sort_by_key(|d| d.id);
    for d in departments {
        let s = reports::summary_for(
            tick.conn,
            Scope::Department(d.id),
            period,
            Filter::default(),
            today,
            settings,
        )
        .await?;
        let x = summary::department_extras(tick.conn, d.id, today, week_end).await?;
        let mut people: Vec<i64> = d.head_id.into_iter().collect();
        people.extend(dir.officers.get(&d.id).into_iter().flatten().copied());
        people.sort();
        people.dedup();
        let mut to = dir.people(&people);
        to.extend(dir.groups(d.id));
        tick.notify(Kind::WeeklyDepartment, &to, None, instant, false, |l| {
            render::weekly_department(l, &d.name, &s, &x, today, cal)
        })
        .await?;
    }

    let leaders = dir.leaders();
    if !leaders.is_empty() {
        let s = reports::summary_for(
            tick.conn,
            Scope::County,
            period,
            Filter::default(),
            today,
            settings,
        )
        .await?;
        let chart = reports::chart_data(
            tick.conn,
            Scope::County,
            period,
            Filter::default(),
            today,
            settings,
        )
        .await?;
        tick.notify_reply(Kind::WeeklyCounty, &leaders, None, instant, false, |l| {
            Reply {
                photo: county_chart(l, &chart),
                ..Reply::text(render::weekly_county(l, &s))
            }
        })
        .await?;
    }
    Ok(())
}

/// The county chart as a photo, or none (logged) when it cannot be drawn: the text goes anyway.
fn county_chart(locale: &str, chart: &ChartData) -> Option<OutFile> {
    match reports::chart_png(locale, chart) {
        Ok(bytes) => Some(OutFile {
            name: format!("summary-{}.png", chart.period.from),
            bytes,
        }),
        Err(e) => {
            tracing::warn!(error = %e, "weekly county summary sent without its chart");
            None
        }
    }
}
