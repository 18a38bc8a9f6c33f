//! The jobs: gather the facts, ask the rules, and queue each notification for each recipient
//! in their language, inside the tick's transaction. The reminder scan is in `scan`.

use std::collections::{BTreeMap, HashMap};

use crate::store::PgConnection;
use chrono::{DateTime, NaiveDate, Utc};
use tokio::sync::watch;

use super::SchedulerError;
use super::directory::{Directory, Target};
use super::render;
use super::rules::{self, Colour};
use super::summary::{self, CaseLine};
use crate::config::Settings;
use crate::domain::{CaseStatus, NoticeKind as Kind, WorkCalendar};
use crate::i18n::{Args, tr};
use crate::message::{OutFile, Reply};
use crate::reports::{self, ChartData, Filter, PeriodSpec, Request, Scope};
use crate::store::outbox::{self, NewNotification};
use crate::store::reminders::{self, DepartmentFacts};
use crate::store::summaries;

/// One tick in progress: its transaction, its moment, and what it queued.
pub struct Tick<'a> {
    pub(super) conn: &'a mut PgConnection,
    pub(super) settings: &'a Settings,
    pub(super) calendar: &'a WorkCalendar,
    pub(super) now: DateTime<Utc>,
    pub(super) today: NaiveDate,
    queued: BTreeMap<String, usize>,
    stop: Option<watch::Receiver<bool>>,
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
            stop: None,
        }
    }

    /// The tick gives up (`SchedulerError::Stopped`) between pages once `stop` turns true.
    pub fn with_stop(mut self, stop: watch::Receiver<bool>) -> Tick<'a> {
        self.stop = Some(stop);
        self
    }

    /// Err(Stopped) when the process is shutting down.
    pub(super) fn check_stop(&self) -> Result<(), SchedulerError> {
        if self.stop.as_ref().is_some_and(|s| *s.borrow()) {
            return Err(SchedulerError::Stopped);
        }
        Ok(())
    }

    /// Adds rows queued elsewhere to the tick's counts.
    pub(super) fn count(&mut self, queued: BTreeMap<String, usize>) {
        for (kind, n) in queued {
            *self.queued.entry(kind).or_default() += n;
        }
    }

    pub fn into_queued(self) -> BTreeMap<String, usize> {
        self.queued
    }

    /// Queues one notification to each target, rendered in the target's language (a text, or a
    /// whole reply with a photo). Red escalations (`urgent`) go out in quiet hours; everything
    /// else waits for their end.
    pub(super) async fn notify<R: Into<Reply>>(
        &mut self,
        kind: Kind,
        targets: &[Target],
        case_id: Option<i64>,
        due_at: DateTime<Utc>,
        urgent: bool,
        render: impl Fn(&str) -> R,
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
                .or_insert_with(|| render(&target.locale).into())
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

    /// A report for `scope` over `period`, as of the tick's day.
    pub(super) fn report(&self, scope: Scope, period: PeriodSpec) -> Request<'a> {
        Request::new(scope, period, self.today, self.settings, self.calendar)
    }

    pub(super) fn start_of(&self, day: NaiveDate) -> DateTime<Utc> {
        rules::start_of_day(day, self.settings.timezone)
    }

    pub(super) fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.settings.timezone).date_naive()
    }
}

/// A case's colour on a list.
fn line_colour(
    c: &CaseLine,
    today: NaiveDate,
    cal: &WorkCalendar,
    settings: &Settings,
) -> Option<Colour> {
    let status = CaseStatus::parse(&c.status)?;
    crate::domain::escalation_colour(
        status,
        c.deadline,
        c.supervised,
        today,
        cal,
        settings.limits.ladder(),
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
    let overdue = summaries::overdue_cases(tick.conn, None, today, i64::MAX).await?;
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
            &tick.report(Scope::Cadre(cadre), period),
            Filter::default(),
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
            &tick.report(Scope::Department(d.id), period),
            Filter::default(),
        )
        .await?;
        let x = summary::department_extras(tick.conn, d.id, today, week_end).await?;
        let mut people: Vec<i64> = d.head_id.into_iter().collect();
        people.extend(dir.officers.get(&d.id).into_iter().flatten().copied());
        people.sort();
        people.dedup();
        // Not to the department's group chats: everyone in a group reads them, and the
        // summary names enterprises and people. The head and the officers have it privately.
        let to = dir.people(&people);
        tick.notify(Kind::WeeklyDepartment, &to, None, instant, false, |l| {
            render::weekly_department(l, &d.name, &s, &x, today, cal)
        })
        .await?;
    }

    let leaders = dir.leaders();
    if !leaders.is_empty() {
        let s = reports::summary_for(
            tick.conn,
            &tick.report(Scope::County, period),
            Filter::default(),
        )
        .await?;
        let report = tick.report(Scope::County, period);
        let chart = reports::chart_data(tick.conn, &report, Filter::default()).await?;
        let projects = reports::projects::board(tick.conn, today, settings, cal).await?;
        tick.notify(Kind::WeeklyCounty, &leaders, None, instant, false, |l| {
            let mut text = render::weekly_county(l, &s);
            let section = reports::projects::weekly_section(l, &projects);
            if !section.is_empty() {
                text = format!("{text}\n\n{section}");
            }
            Reply {
                photo: county_chart(l, &chart),
                ..Reply::text(text)
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
