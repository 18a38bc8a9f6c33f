//! The smaller tables of the settings file: files, key projects, invite guessing, quiet hours,
//! retention and the assessment's weights.

use std::path::PathBuf;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::Settings;

/// The ledger's own copies of the files people send (the README's "Files"): each file is fetched
/// once from the messenger into `dir`, so the ledger keeps it whatever the messenger does.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Files {
    /// Where the copies are kept; relative paths are under `data_dir` (env `ZHUQI_FILES_DIR`).
    pub dir: PathBuf,
    /// Files larger than this (in MB) are not copied; the messenger's reference stays.
    pub max_mb: u32,
    /// Seconds between looks for files not copied yet.
    pub fetch_every_seconds: u32,
}

impl Default for Files {
    fn default() -> Self {
        Files {
            dir: PathBuf::from("files"),
            max_mb: 20,
            fetch_every_seconds: 10,
        }
    }
}

impl Settings {
    /// The directory the ledger's file copies live in.
    pub fn files_dir(&self) -> PathBuf {
        if self.files.dir.is_absolute() {
            self.files.dir.clone()
        } else {
            self.data_dir.join(&self.files.dir)
        }
    }

    /// The largest file copied, in bytes.
    pub fn files_max_bytes(&self) -> u64 {
        u64::from(self.files.max_mb) * 1024 * 1024
    }
}

/// 重点项目: when the cadres' monthly progress report (月报) is asked for and chased (催报).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectSettings {
    /// The report is asked for on the first working day on or after this day of the month
    /// (1 to 31; the month's last day for a shorter month).
    pub ask_day: u32,
    /// Working days after the ask before the cadre is reminded every working day (催报).
    pub report_within_days: u32,
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            ask_day: 20,
            report_within_days: 5,
        }
    }
}

/// Invite guessing: after `wrong_codes` wrong invite codes within `window_minutes`, an account
/// is told once to try again later and ignored for `block_minutes`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InviteGuard {
    pub wrong_codes: u32,
    pub window_minutes: u32,
    pub block_minutes: u32,
}

impl Default for InviteGuard {
    fn default() -> Self {
        InviteGuard {
            wrong_codes: 5,
            window_minutes: 60,
            block_minutes: 60,
        }
    }
}

/// Between `start` and `end` (local time) only red escalations are sent; the rest waits.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for QuietHours {
    fn default() -> Self {
        QuietHours {
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
        }
    }
}

/// How long things are kept (the README's "Retention"). The event log (过程记录) and the audit
/// log are kept for ever; expired button tokens and refusals to strangers older than a day are
/// removed by the same daily job.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retention {
    /// Days a handled update keeps what was sent; then only its id is kept.
    pub inbox_days: u32,
    /// Days a sent notice is kept in the outbox; then it is deleted.
    pub outbox_days: u32,
    /// Rows changed per transaction by the retention job.
    pub batch: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            inbox_days: 30,
            outbox_days: 90,
            batch: 5000,
        }
    }
}

/// Weights of the assessment (考核) score; see the README for the formula.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssessmentWeights {
    pub response: f64,
    pub on_time: f64,
    pub satisfaction: f64,
    pub visits: f64,
    pub overdue_penalty: f64,
    pub return_penalty: f64,
}

impl Default for AssessmentWeights {
    fn default() -> Self {
        AssessmentWeights {
            response: 30.0,
            on_time: 40.0,
            satisfaction: 30.0,
            visits: 0.0,
            overdue_penalty: 2.0,
            return_penalty: 1.0,
        }
    }
}

/// 问责: the accountability rules' thresholds (0 turns a rule off), evaluated daily
/// (`schedule.accountability`). A rule that fires proposes a measure to the leaders.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Accountability {
    /// A red card older than this many working days (red for longer than this).
    pub red_card_days: u32,
    /// A unit's monthly assessment score below this…
    pub score_below: f64,
    /// …or its last place (when true)…
    pub score_last_place: bool,
    /// …this many complete months running.
    pub score_months: u32,
    /// A cadre with no visit, zero report or case for this many days.
    pub silent_days: u32,
    /// This many cases returned (退回) by one unit…
    pub returns: u32,
    /// …within this many days.
    pub returns_days: u32,
    /// The same rule on the same subject is not proposed again within this many days of the
    /// last proposal (nor while one is pending).
    pub repeat_days: u32,
}

impl Default for Accountability {
    fn default() -> Self {
        Accountability {
            red_card_days: 10,
            score_below: 60.0,
            score_last_place: true,
            score_months: 2,
            silent_days: 60,
            returns: 3,
            returns_days: 30,
            repeat_days: 30,
        }
    }
}
