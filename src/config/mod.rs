//! Settings: one TOML file (`config/zhuqi.toml`, or the path in `ZHUQI_CONFIG`) plus environment
//! overrides. Every key is documented in the README. Secrets never appear in `Debug` output.

use chrono_tz::Tz;
use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

mod tables;
mod wecom;
pub use tables::{
    Accountability, AssessmentWeights, Files, InviteGuard, ProjectSettings, QuietHours, Retention,
};
pub use wecom::{WecomGroup, WecomSettings};

/// A value that must never reach a log.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the settings file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("the setting {key} is not valid: {message}")]
    Invalid { key: &'static str, message: String },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// PostgreSQL connection URL (env `DATABASE_URL`). Unset: a private cluster under `data_dir`.
    pub database_url: Option<Secret>,
    /// Where the private PostgreSQL cluster and other local state live (env `ZHUQI_DATA_DIR`).
    pub data_dir: PathBuf,
    /// The working-day calendar file (env `ZHUQI_CALENDAR`).
    pub calendar_file: PathBuf,
    /// Time zone for deadlines, schedules and rendering (env `ZHUQI_TIMEZONE`).
    pub timezone: Tz,
    /// Prefix of case numbers, e.g. `ZZ` in `ZZ-2026-0042` (env `ZHUQI_CASE_PREFIX`).
    pub case_prefix: String,
    /// Language for people who have not chosen one: `zh-CN` or `en`.
    pub default_locale: String,
    /// How long an invite code stays valid, in days.
    pub invite_ttl_days: u32,
    pub telegram: TelegramSettings,
    pub wecom: WecomSettings,
    pub limits: Limits,
    pub schedule: Schedule,
    pub quiet_hours: QuietHours,
    pub assessment: AssessmentWeights,
    pub retention: Retention,
    pub invite_guard: InviteGuard,
    pub files: Files,
    pub projects: ProjectSettings,
    pub accountability: Accountability,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: None,
            data_dir: PathBuf::from("data"),
            calendar_file: PathBuf::from("config/calendar.txt"),
            timezone: chrono_tz::Asia::Shanghai,
            case_prefix: "ZZ".into(),
            default_locale: "zh-CN".into(),
            invite_ttl_days: 7,
            telegram: TelegramSettings::default(),
            wecom: WecomSettings::default(),
            limits: Limits::default(),
            schedule: Schedule::default(),
            quiet_hours: QuietHours::default(),
            assessment: AssessmentWeights::default(),
            retention: Retention::default(),
            invite_guard: InviteGuard::default(),
            files: Files::default(),
            projects: ProjectSettings::default(),
            accountability: Accountability::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TelegramSettings {
    /// The bot token (env `TELOXIDE_TOKEN`). Unset: `zhuqi run` starts the console.
    pub token: Option<Secret>,
    /// Bot API base URL (env `TELOXIDE_API_URL`), for a self-hosted Bot API server.
    pub api_url: Option<String>,
    /// Public HTTPS URL for webhook mode (env `ZHUQI_WEBHOOK_URL`). Unset: long polling.
    pub webhook_url: Option<String>,
    /// Address the webhook server listens on (env `ZHUQI_WEBHOOK_LISTEN`).
    pub webhook_listen: SocketAddr,
}

impl Default for TelegramSettings {
    fn default() -> Self {
        TelegramSettings {
            token: None,
            api_url: None,
            webhook_url: None,
            webhook_listen: SocketAddr::from(([127, 0, 0, 1], 8443)),
        }
    }
}

/// Time limits, in working days unless named otherwise.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    pub simple_days: u32,
    pub moderate_days: u32,
    pub hard_days: u32,
    pub major_days: u32,
    /// A dispatched case must be signed for (签收) within this many working days.
    pub ack_days: u32,
    /// Reminders this many working days before the deadline.
    pub remind_before_days: Vec<u32>,
    /// Overdue by more than this many working days turns a yellow card red.
    pub red_after_days: u32,
    /// Near the deadline (blue) within this many working days.
    pub blue_within_days: u32,
    /// A resolved case should be confirmed with the enterprise within this many working days.
    pub confirm_days: u32,
    /// An enterprise should be visited at least every this many calendar days.
    pub visit_every_days: u32,
    /// Case reminders and escalations named one by one to a person per day; the rest of the
    /// day's go into the reminder scan's digest.
    pub named_per_day: u32,
    /// Words typed into a step this many hours or more after the chat was last used are held
    /// until the person says they go on with it; 0: never held.
    pub hold_after_hours: u32,
}

impl Limits {
    /// The escalation ladder's limits (三色督办).
    pub fn ladder(&self) -> crate::domain::Ladder {
        crate::domain::Ladder {
            blue_within_days: self.blue_within_days,
            red_after_days: self.red_after_days,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            simple_days: 5,
            moderate_days: 10,
            hard_days: 20,
            major_days: 40,
            ack_days: 1,
            remind_before_days: vec![3, 1],
            red_after_days: 5,
            blue_within_days: 3,
            confirm_days: 3,
            visit_every_days: 30,
            named_per_day: 10,
            hold_after_hours: 6,
        }
    }
}

impl Limits {
    pub fn days_for(&self, difficulty: crate::domain::Difficulty) -> u32 {
        use crate::domain::Difficulty::*;
        match difficulty {
            Simple => self.simple_days,
            Moderate => self.moderate_days,
            Hard => self.hard_days,
            Major => self.major_days,
        }
    }
}

/// When the jobs run: cron expressions (seconds first, as the `cron` crate reads them), in
/// `timezone`; and how the reminder scan reads the open cases.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Schedule {
    pub reminder_scan: String,
    /// Open cases the reminder scan reads and decides at a time.
    pub scan_page: u32,
    pub overdue_digest: String,
    pub weekly_summary: String,
    /// When each department head hears their cadres' work (`/team`), weekly.
    pub team_report: String,
    /// When the daily retention job runs (what it removes: `Retention`).
    pub retention: String,
    /// When the accountability rules and the silent cadres are looked at (daily).
    pub accountability: String,
    /// When the monthly county summary is sent (for the month before).
    pub monthly_summary: String,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            reminder_scan: "0 */15 8-18 * * Mon-Fri".into(),
            scan_page: 2000,
            overdue_digest: "0 30 8 * * Mon-Fri".into(),
            weekly_summary: "0 0 9 * * Mon".into(),
            team_report: "0 30 9 * * Mon".into(),
            retention: "0 30 3 * * *".into(),
            accountability: "0 0 8 * * Mon-Fri".into(),
            monthly_summary: "0 0 9 1 * *".into(),
        }
    }
}

impl Settings {
    /// Reads the settings file (if any) and applies environment overrides.
    pub fn load() -> Result<Settings, ConfigError> {
        let path = std::env::var_os("ZHUQI_CONFIG").map(PathBuf::from);
        let mut settings = match &path {
            Some(p) => Settings::from_file(p)?,
            None => {
                let default = Path::new("config/zhuqi.toml");
                if default.exists() {
                    Settings::from_file(default)?
                } else {
                    Settings::default()
                }
            }
        };
        settings.apply_env(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))?;
        settings.validate()?;
        Ok(settings)
    }

    pub fn from_file(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.into(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.into(),
            message: e.to_string(),
        })
    }

    /// Applies the documented environment overrides, read through `get`.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = get("DATABASE_URL") {
            self.database_url = Some(Secret::new(v));
        }
        if let Some(v) = get("TELOXIDE_TOKEN") {
            self.telegram.token = Some(Secret::new(v));
        }
        if let Some(v) = get("TELOXIDE_API_URL") {
            self.telegram.api_url = Some(v);
        }
        if let Some(v) = get("ZHUQI_WEBHOOK_URL") {
            self.telegram.webhook_url = Some(v);
        }
        if let Some(v) = get("ZHUQI_WEBHOOK_LISTEN") {
            self.telegram.webhook_listen = v.parse().map_err(|e| ConfigError::Invalid {
                key: "ZHUQI_WEBHOOK_LISTEN",
                message: format!("{e}"),
            })?;
        }
        if let Some(v) = get("ZHUQI_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = get("ZHUQI_FILES_DIR") {
            self.files.dir = PathBuf::from(v);
        }
        if let Some(v) = get("ZHUQI_CALENDAR") {
            self.calendar_file = PathBuf::from(v);
        }
        if let Some(v) = get("ZHUQI_TIMEZONE") {
            self.timezone = v.parse().map_err(|e| ConfigError::Invalid {
                key: "ZHUQI_TIMEZONE",
                message: format!("{e}"),
            })?;
        }
        if let Some(v) = get("ZHUQI_CASE_PREFIX") {
            self.case_prefix = v;
        }
        self.wecom.apply_env(&get)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.wecom.validate()?;
        if self.case_prefix.is_empty()
            || self.case_prefix.len() > 8
            || !self.case_prefix.chars().all(|c| c.is_ascii_uppercase())
        {
            return Err(ConfigError::Invalid {
                key: "case_prefix",
                message: "use 1 to 8 capital letters, like ZZ".into(),
            });
        }
        if !(1..=31).contains(&self.projects.ask_day) {
            return Err(ConfigError::Invalid {
                key: "projects.ask_day",
                message: "use a day of the month, 1 to 31".into(),
            });
        }
        if !crate::i18n::LOCALES.contains(&self.default_locale.as_str()) {
            return Err(ConfigError::Invalid {
                key: "default_locale",
                message: "use zh-CN or en".into(),
            });
        }
        for (key, expr) in [
            ("schedule.reminder_scan", &self.schedule.reminder_scan),
            ("schedule.overdue_digest", &self.schedule.overdue_digest),
            ("schedule.weekly_summary", &self.schedule.weekly_summary),
            ("schedule.team_report", &self.schedule.team_report),
            ("schedule.retention", &self.schedule.retention),
            ("schedule.accountability", &self.schedule.accountability),
            ("schedule.monthly_summary", &self.schedule.monthly_summary),
        ] {
            expr.parse::<cron::Schedule>()
                .map_err(|e| ConfigError::Invalid {
                    key,
                    message: e.to_string(),
                })?;
        }
        for (key, value) in [
            ("retention.inbox_days", self.retention.inbox_days),
            ("retention.outbox_days", self.retention.outbox_days),
            ("retention.batch", self.retention.batch),
            ("schedule.scan_page", self.schedule.scan_page),
            ("files.max_mb", self.files.max_mb),
            ("files.fetch_every_seconds", self.files.fetch_every_seconds),
        ] {
            if value == 0 {
                return Err(ConfigError::Invalid {
                    key,
                    message: "must be at least 1".into(),
                });
            }
        }
        if self.invite_ttl_days == 0 {
            return Err(ConfigError::Invalid {
                key: "invite_ttl_days",
                message: "must be at least 1".into(),
            });
        }
        for (key, value) in [
            ("invite_guard.wrong_codes", self.invite_guard.wrong_codes),
            (
                "invite_guard.window_minutes",
                self.invite_guard.window_minutes,
            ),
            (
                "invite_guard.block_minutes",
                self.invite_guard.block_minutes,
            ),
        ] {
            if value == 0 {
                return Err(ConfigError::Invalid {
                    key,
                    message: "must be at least 1".into(),
                });
            }
        }
        Ok(())
    }

    /// The working-day calendar from `calendar_file`; weekends only when the file is absent.
    pub fn calendar(&self) -> Result<crate::domain::WorkCalendar, ConfigError> {
        match std::fs::read_to_string(&self.calendar_file) {
            Ok(text) => crate::domain::WorkCalendar::parse(&text).map_err(|e| ConfigError::Parse {
                path: self.calendar_file.clone(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Holidays and make-up days would silently not count: say so where it is seen.
                tracing::warn!(
                    path = %self.calendar_file.display(),
                    "no working-day calendar file: counting weekends only"
                );
                Ok(crate::domain::WorkCalendar::weekends_only())
            }
            Err(source) => Err(ConfigError::Read {
                path: self.calendar_file.clone(),
                source,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let mut s = Settings::default();
        s.apply_env(|k| (k == "TELOXIDE_TOKEN").then(|| "123:abc-secret".to_string()))
            .unwrap();
        assert!(!format!("{s:?}").contains("abc-secret"));
    }

    #[test]
    fn defaults_are_valid() {
        Settings::default().validate().unwrap();
    }
}
