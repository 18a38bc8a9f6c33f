//! Cron jobs, reminder rules and the outbox sender.
//!
//! `Scheduler::run_due(now)` runs every job whose latest cron instant up to `now` has not run
//! yet: it claims the tick row (job, instant) and writes the notifications the rules decide, in
//! one transaction, so a tick runs once across processes and restarts. `sender::deliver_due`
//! sends what is queued. Time is always passed in; only `spawn`'s loop reads the clock.
//!
//! Catch-up after downtime (see the README, "Scheduler"): only the latest missed instant of a job
//! runs. The reminder scan catches up at any age (its rules are state-based and keyed by due
//! instant, so one late scan sends each missed reminder once); the overdue digest only within
//! 12 hours; the weekly summary within 7 days. A job that has never run does not catch up.

mod accountability;
mod case_notices;
pub mod copies;
mod directory;
mod fold;
pub mod jobs;
mod monthly;
mod projects;
mod rectifications;
pub mod render;
pub mod retention;
pub mod rules;
pub mod scan;
pub mod sender;
pub mod summary;
mod townships;

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use crate::store::PgPool;
use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::{ConfigError, Settings};
use crate::domain::WorkCalendar;
use crate::messenger::Messenger;
use crate::shutdown::Shutdown;
use crate::store::{self, StoreError};

pub use crate::domain::escalation_colour;
pub use rules::Colour;
pub use sender::{DeliveryReport, deliver_due};

#[derive(Debug, thiserror::Error)]
pub enum SchedulerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the schedule of {job} is not a valid cron expression: {message}")]
    Cron { job: &'static str, message: String },
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Report(#[from] crate::reports::ReportError),
    /// The process is shutting down: the tick was abandoned and its transaction rolled back.
    #[error("the tick was abandoned: the process is shutting down")]
    Stopped,
}

impl From<crate::store::DbError> for SchedulerError {
    fn from(e: crate::store::DbError) -> Self {
        SchedulerError::Store(StoreError::Db(e))
    }
}

/// The scheduled jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// Sign-for, deadline, escalation, roadmap, confirmation and visit reminders.
    ReminderScan,
    /// Each morning: overdue cases to department heads, red cards to the leaders.
    OverdueDigest,
    /// Weekly summaries by role.
    WeeklySummary,
    /// Each working day: silent cadres (不断线) and the accountability rules (问责).
    Accountability,
    /// The monthly county summary, with the month's typical cases and measures.
    MonthlySummary,
    /// Weekly, to each department head: the work of their cadres (听取汇报).
    TeamReport,
}

impl Job {
    pub const ALL: [Job; 6] = [
        Job::ReminderScan,
        Job::OverdueDigest,
        Job::WeeklySummary,
        Job::Accountability,
        Job::MonthlySummary,
        Job::TeamReport,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Job::ReminderScan => "reminder_scan",
            Job::OverdueDigest => "overdue_digest",
            Job::WeeklySummary => "weekly_summary",
            Job::Accountability => "accountability",
            Job::MonthlySummary => "monthly_summary",
            Job::TeamReport => "team_report",
        }
    }

    /// How late a missed instant may still run; None: at any age.
    pub fn catch_up_window(self) -> Option<TimeDelta> {
        match self {
            Job::ReminderScan => None,
            Job::OverdueDigest => Some(TimeDelta::hours(12)),
            Job::WeeklySummary | Job::MonthlySummary | Job::TeamReport => Some(TimeDelta::days(7)),
            Job::Accountability => Some(TimeDelta::hours(12)),
        }
    }

    fn expression(self, settings: &Settings) -> &str {
        match self {
            Job::ReminderScan => &settings.schedule.reminder_scan,
            Job::OverdueDigest => &settings.schedule.overdue_digest,
            Job::WeeklySummary => &settings.schedule.weekly_summary,
            Job::Accountability => &settings.schedule.accountability,
            Job::MonthlySummary => &settings.schedule.monthly_summary,
            Job::TeamReport => &settings.schedule.team_report,
        }
    }
}

/// What one `run_due` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TickReport {
    /// The ticks this call ran, (job, scheduled instant).
    pub ran: Vec<(Job, DateTime<Utc>)>,
    /// Missed instants too old to run (past the job's catch-up window).
    pub stale: Vec<(Job, DateTime<Utc>)>,
    /// Notifications queued, by kind (rows already queued by an earlier decision not counted).
    pub queued: BTreeMap<String, usize>,
}

impl TickReport {
    pub fn queued_total(&self) -> usize {
        self.queued.values().sum()
    }
}

/// How late a job that has never run may take the instant that just passed.
const FIRST_RUN_GRACE: TimeDelta = TimeDelta::minutes(1);

/// The scheduler of one process; several may run against one database.
pub struct Scheduler {
    pool: PgPool,
    settings: Arc<Settings>,
    calendar: WorkCalendar,
    schedules: Vec<(Job, cron::Schedule)>,
    /// The daily retention job's schedule (`retention`: run beside the jobs, not as one).
    retention: cron::Schedule,
    worker: String,
}

impl Scheduler {
    /// A scheduler with its schedules parsed; `worker` names this process in tick rows.
    pub fn new(
        pool: PgPool,
        settings: Settings,
        calendar: WorkCalendar,
        worker: impl Into<String>,
    ) -> Result<Scheduler, SchedulerError> {
        let mut schedules = Vec::new();
        for job in Job::ALL {
            let schedule = cron::Schedule::from_str(job.expression(&settings)).map_err(|e| {
                SchedulerError::Cron {
                    job: job.code(),
                    message: e.to_string(),
                }
            })?;
            schedules.push((job, schedule));
        }
        let retention = cron::Schedule::from_str(&settings.schedule.retention).map_err(|e| {
            SchedulerError::Cron {
                job: retention::JOB,
                message: e.to_string(),
            }
        })?;
        Ok(Scheduler {
            pool,
            settings: Arc::new(settings),
            calendar,
            schedules,
            retention,
            worker: worker.into(),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn calendar(&self) -> &WorkCalendar {
        &self.calendar
    }

    pub fn worker(&self) -> &str {
        &self.worker
    }

    /// The latest instant of `job`'s schedule at or before `now`.
    pub fn latest_instant(&self, job: Job, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (_, schedule) = self.schedules.iter().find(|(j, _)| *j == job)?;
        latest_instant(schedule, self.settings.timezone, now)
    }

    /// The first instant of any job after `now`: when the loop should wake up next.
    pub fn next_instant(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let tz = self.settings.timezone;
        self.schedules
            .iter()
            .map(|(_, s)| s)
            .chain(std::iter::once(&self.retention))
            .filter_map(|s| s.after(&now.with_timezone(&tz)).next())
            .map(|t| t.with_timezone(&Utc))
            .min()
    }

    /// Runs every job whose latest instant at or before `now` has not run yet (missed earlier
    /// instants are not replayed; see the module documentation).
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<TickReport, SchedulerError> {
        self.run_due_until(now, None).await
    }

    /// `run_due` that gives up once `stop` turns true: no new tick is claimed, and a tick in
    /// progress is abandoned between pages (`SchedulerError::Stopped`), its transaction rolled
    /// back so that the next run redoes it.
    pub async fn run_due_until(
        &self,
        now: DateTime<Utc>,
        stop: Option<&watch::Receiver<bool>>,
    ) -> Result<TickReport, SchedulerError> {
        let stopped = || stop.is_some_and(|s| *s.borrow());
        let mut report = TickReport::default();
        for (job, schedule) in &self.schedules {
            if stopped() {
                return Err(SchedulerError::Stopped);
            }
            let Some(instant) = latest_instant(schedule, self.settings.timezone, now) else {
                continue;
            };
            let mut conn = self.pool.acquire().await?;
            let last = store::ticks::last_run(&mut conn, job.code()).await?;
            drop(conn);
            if last.is_some_and(|l| l >= instant) {
                continue;
            }
            // A job that has never run starts at the first instant it sees come, not with
            // the one before it.
            if last.is_none() && now - instant > FIRST_RUN_GRACE {
                continue;
            }
            if job.catch_up_window().is_some_and(|w| now - instant > w) {
                report.stale.push((*job, instant));
                continue;
            }
            let mut tx = self.pool.begin().await?;
            if !store::ticks::claim(&mut tx, job.code(), instant, &self.worker, now).await? {
                tx.rollback().await?;
                continue;
            }
            let mut tick = jobs::Tick::new(&mut tx, &self.settings, &self.calendar, now);
            if let Some(stop) = stop {
                tick = tick.with_stop(stop.clone());
            }
            match job {
                Job::ReminderScan => scan::reminder_scan(&mut tick).await?,
                Job::OverdueDigest => jobs::overdue_digest(&mut tick).await?,
                Job::WeeklySummary => {
                    jobs::weekly_summary(&mut tick, instant).await?;
                    townships::weekly_townships(&mut tick, instant).await?;
                }
                Job::Accountability => accountability::daily(&mut tick).await?,
                Job::MonthlySummary => monthly::monthly_summary(&mut tick, instant).await?,
                Job::TeamReport => townships::team_report(&mut tick, instant).await?,
            }
            let queued = tick.into_queued();
            store::ticks::finish(&mut tx, job.code(), instant, now).await?;
            tx.commit().await?;
            tracing::info!(job = job.code(), %instant, queued = queued.values().sum::<usize>(), "tick ran");
            for (kind, n) in queued {
                *report.queued.entry(kind).or_default() += n;
            }
            report.ran.push((*job, instant));
        }
        Ok(report)
    }
}

/// The latest instant of `schedule` (read in `tz`) at or before `now`.
pub fn latest_instant(
    schedule: &cron::Schedule,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    // Cron instants are whole seconds; searching back from just after `now` includes `now`.
    let after = now.with_timezone(&tz) + TimeDelta::seconds(1);
    schedule
        .after(&after)
        .next_back()
        .map(|t| t.with_timezone(&Utc))
        .filter(|t| *t <= now)
}

/// A name for this process in tick and outbox rows.
pub fn worker_name() -> String {
    format!("{}-{:08x}", std::process::id(), rand::random::<u32>())
}

/// How long a tick in progress may take to notice a shutdown before it is abandoned.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// Resolves `grace` after `shutdown` turns true (or its sender is gone); never before.
async fn stopped_then(mut shutdown: watch::Receiver<bool>, grace: Duration) {
    // An error means the sender is gone, which is a shutdown too.
    let _ = shutdown.wait_for(|stop| *stop).await;
    tokio::time::sleep(grace).await;
}

/// How often the loop looks for queued messages between cron instants (messages from
/// conversations are queued at any time).
const POLL: Duration = Duration::from_secs(2);

/// Starts the scheduler loop; it stops when `shutdown` turns true. The sender runs beside it
/// (`sender::spawn`).
pub fn spawn(
    pool: PgPool,
    settings: Settings,
    calendar: WorkCalendar,
    clock: Clock,
    shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        match Scheduler::new(pool, settings, calendar, worker_name()) {
            Ok(scheduler) => run_loop(scheduler, shutdown, clock).await,
            Err(e) => tracing::error!(error = %e, "the scheduler cannot start"),
        }
    })
}

/// Starts the scheduler (unless `schedule` is off; on the calendar loaded at start) and the
/// outbox sender with the messengers they deliver through, both on `clock`. The returned tasks
/// end after `shutdown`; the caller waits for them before exiting.
pub fn start_background(
    pool: PgPool,
    settings: Arc<Settings>,
    calendar: Arc<WorkCalendar>,
    messengers: Vec<Arc<dyn Messenger>>,
    clock: Clock,
    schedule: bool,
    shutdown: Shutdown,
) -> Vec<JoinHandle<()>> {
    let mut tasks = Vec::new();
    if schedule {
        let settings = (*settings).clone();
        tasks.push(spawn(
            pool.clone(),
            settings,
            (*calendar).clone(),
            clock.clone(),
            shutdown.watch(),
        ));
    }
    // With no messenger to send through, rows stay queued for a process that has one.
    if !messengers.is_empty() {
        let every = Duration::from_secs(u64::from(settings.files.fetch_every_seconds));
        let copier =
            copies::Copier::new(pool.clone(), messengers.clone(), &settings, clock.clone());
        tasks.push(copies::spawn(copier, every, shutdown.watch()));
        tasks.push(sender::spawn(pool, messengers, clock, shutdown.watch()));
    }
    tasks
}

/// Asks this process's sender to look at the outbox now: new rows were committed.
pub fn wake_sender() {
    sender::wake();
}

/// The loop behind `spawn`: run due ticks, wake the sender, sleep until the next instant (or
/// the next poll), until `shutdown` turns true. On shutdown it claims no new tick and abandons a
/// tick in progress at its next page (rolled back: the next process redoes it). Ticks of one
/// process never overlap: the next runs when this one has committed.
pub async fn run_loop(scheduler: Scheduler, mut shutdown: watch::Receiver<bool>, clock: Clock) {
    loop {
        if *shutdown.borrow() {
            break;
        }
        let now = clock.now();
        let run = async {
            let report = scheduler.run_due_until(now, Some(&shutdown)).await?;
            scheduler.run_retention_due(now, Some(&shutdown)).await?;
            Ok::<_, SchedulerError>(report)
        };
        // A tick stuck in one statement does not see the stop between pages: after the grace
        // it is dropped, which rolls its transaction back.
        let result = tokio::select! {
            r = run => r,
            () = stopped_then(shutdown.clone(), STOP_GRACE) => Err(SchedulerError::Stopped),
        };
        match result {
            Ok(report) if report.queued_total() > 0 => wake_sender(),
            Err(SchedulerError::Stopped) => {
                tracing::info!("scheduler stopped in the middle of a tick; the next run redoes it");
                break;
            }
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "scheduler tick failed; it runs again on the next pass")
            }
        }
        let now = clock.now();
        let wait = scheduler
            .next_instant(now)
            .and_then(|next| (next - now).to_std().ok())
            .map_or(POLL, |d| d.min(POLL));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            changed = shutdown.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_latest_instant_includes_now_and_excludes_the_future() {
        let tz = chrono_tz::Asia::Shanghai;
        let s = cron::Schedule::from_str("0 */15 8-18 * * Mon-Fri").unwrap();
        let at = |d, h, m, sec| {
            tz.with_ymd_and_hms(2026, 12, d, h, m, sec)
                .unwrap()
                .with_timezone(&Utc)
        };
        assert_eq!(
            latest_instant(&s, tz, at(1, 9, 15, 0)),
            Some(at(1, 9, 15, 0))
        );
        assert_eq!(
            latest_instant(&s, tz, at(1, 9, 29, 59)),
            Some(at(1, 9, 15, 0))
        );
        // Saturday morning: Friday's last scan.
        assert_eq!(
            latest_instant(&s, tz, at(5, 10, 0, 0)),
            Some(at(4, 18, 45, 0))
        );
    }
}
