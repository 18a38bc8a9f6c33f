//! A fictional county for trying the bot: townships, departments, cadres, 155 enterprises and
//! project units, and a few months of cases in every state, all created through the same store
//! functions the bot uses (so the process record is real) and all marked `is_demo`.
//!
//! Deterministic: the same `now` gives the same county. Demo people have stable roster codes
//! (`cadre01`…`cadre40`, `dispatcher`, `leader1`…`leader3`, `admin`, `head-<dept>`,
//! `off-<dept>`, `off-<dept>-2`, the township liaisons `town-t01`…`town-t10`) so `zhuqi chat
//! --as CODE` works without an invite. Each cadre belongs to a department, whose head hears
//! their work (`/team`).

mod accountability;
mod cases;
mod catalogue;
mod county;
mod data;
mod inspections;
mod modes;
mod projects;

use crate::store::{PgConnection, PgPool};
use chrono::{DateTime, Utc};

use crate::config::Settings;
use crate::domain::{CaseStatus, Role, WorkCalendar};
use crate::i18n::{Args, t, tr};
use crate::store::StoreError;
use crate::store::cases::CaseError;
use crate::store::roster::{self, DemoCounts};
use county::County;

/// The roster code of a demo cadre (with four enterprises).
pub const CADRE: &str = "cadre01";
/// The roster code of the demo dispatcher (活动办).
pub const DISPATCHER: &str = "dispatcher";
/// The roster code of the default assignee of the demo development and reform bureau.
pub const OFFICER: &str = "off-fgj";
/// The roster code of a demo county leader.
pub const LEADER: &str = "leader1";
/// The roster code of the demo administrator.
pub const ADMIN: &str = "admin";

/// Why the demo was not seeded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The ledger already holds a real roster; demo data would mix with it.
    #[error("the roster already holds real data")]
    RosterNotEmpty,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A step of a demo case was refused: the generator and the state machine disagree.
    #[error("demo case {case}: {step}")]
    Case {
        case: String,
        step: String,
        #[source]
        source: CaseError,
    },
    /// The generator asked for something it had not made.
    #[error("the demo county has no {0}")]
    Missing(String),
}

impl From<crate::store::DbError> for DemoError {
    fn from(e: crate::store::DbError) -> Self {
        DemoError::Store(crate::store::map_err(e))
    }
}

/// A person to try the console as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoHint {
    pub role: Role,
    pub code: String,
    pub name: String,
}

/// What `seed` found or made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    /// The demo was there already; nothing was added.
    pub already_seeded: bool,
    pub counts: DemoCounts,
    /// A cadre, the dispatcher, an officer, a leader and the admin.
    pub hints: Vec<DemoHint>,
}

/// Whether the ledger holds the demo county.
pub async fn is_seeded(pool: &PgPool) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    Ok(roster::roster_counts(&mut conn).await?.demo > 0)
}

/// Fills an empty ledger with the demo county as of `now`. Refuses (`DemoError::RosterNotEmpty`)
/// when real roster rows exist; reports `already_seeded` when the demo is there.
pub async fn seed(
    pool: &PgPool,
    settings: &Settings,
    calendar: &WorkCalendar,
    now: DateTime<Utc>,
) -> Result<DemoReport, DemoError> {
    let mut tx = pool.begin().await?;
    roster::lock_roster(&mut tx).await?;
    let counts = roster::roster_counts(&mut tx).await?;
    if counts.real > 0 {
        return Err(DemoError::RosterNotEmpty);
    }
    let already_seeded = counts.demo > 0;
    if !already_seeded {
        let mut county = County::new(settings, calendar, now);
        county.build(&mut tx).await?;
        modes::seed(&mut tx, settings.timezone, now).await?;
        accountability::seed(&mut tx, settings.timezone, calendar, now).await?;
        inspections::seed(&mut tx, calendar, settings.timezone, now).await?;
    }
    let report = DemoReport {
        already_seeded,
        counts: roster::demo_counts(&mut tx).await?,
        hints: hints(&mut tx).await?,
    };
    tx.commit().await?;
    Ok(report)
}

async fn hints(conn: &mut PgConnection) -> Result<Vec<DemoHint>, StoreError> {
    let mut out = Vec::new();
    for (role, code) in [
        (Role::Cadre, CADRE),
        (Role::Dispatcher, DISPATCHER),
        (Role::Officer, OFFICER),
        (Role::Leader, LEADER),
        (Role::Admin, ADMIN),
    ] {
        if let Some(p) = crate::store::people::by_code(conn, code).await? {
            out.push(DemoHint {
                role,
                code: p.code,
                name: p.name,
            });
        }
    }
    Ok(out)
}

/// What `zhuqi demo` prints, in `locale` (Telegram HTML).
pub fn report_lines(locale: &str, report: &DemoReport) -> Vec<String> {
    let c = &report.counts;
    let mut lines = Vec::new();
    if report.already_seeded {
        lines.push(t(locale, "cli-demo-already"));
    } else {
        lines.push(tr(
            locale,
            "cli-demo-seeded",
            Args::new()
                .num("townships", c.townships as f64)
                .num("departments", c.departments as f64)
                .num("people", c.people as f64)
                .num("enterprises", c.enterprises as f64)
                .num("cases", c.cases as f64)
                .num("visits", c.visits as f64),
        ));
        for status in CaseStatus::ALL {
            let count = c
                .by_status
                .iter()
                .find(|(s, _)| s == status.code())
                .map_or(0, |(_, n)| *n);
            lines.push(tr(
                locale,
                "cli-demo-status",
                Args::new()
                    .str("status", t(locale, &format!("status-{}", status.code())))
                    .num("count", count as f64),
            ));
        }
    }
    lines.push(t(locale, "cli-demo-note"));
    lines.push(t(locale, "cli-demo-hints"));
    for h in &report.hints {
        lines.push(tr(
            locale,
            "cli-demo-hint",
            Args::new()
                .str("role", t(locale, &format!("role-{}", h.role.code())))
                .str("code", &h.code)
                .str("name", &h.name),
        ));
    }
    lines
}
