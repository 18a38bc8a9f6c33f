//! The command line: `zhuqi run | migrate | demo | import | invite | people | accounts | groups |
//! chat | summary | assess | export | inspections`.
//! One file per subcommand; each opens the ledger and calls the library. Nothing below imports
//! this layer.

mod accounts;
mod assess;
mod chat;
mod demo;
mod export;
mod groups;
mod help;
mod import;
mod inspections;
mod invite;
mod migrate;
mod people;
mod run;
mod summary;
mod usage;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::WorkCalendar;
use crate::i18n::{Args, html_to_text, plain};
use crate::reports::period::{MAX_RANGE_DAYS, PeriodError, PeriodSpec, local_date};
use crate::reports::{Request, Scope};

pub use crate::roster::ImportKind;
pub use groups::GroupsAction;
pub use help::{command, read};
pub use inspections::InspectionsAction;
pub use usage::usage_error;

/// The command line as the code reads it; what people read (`--help`) is in `locales/`
/// (`cli-help-…`, see `help.rs`).
#[derive(Debug, Parser)]
#[command(
    name = "zhuqi",
    version,
    about = "助企 — the help-enterprises campaign bot and its work ledger"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot and its scheduler. With no TELOXIDE_TOKEN: the console on demo data.
    Run,
    /// Apply the database migrations.
    Migrate,
    /// Fill an empty database with a fictional county (clearly marked as demo data).
    Demo,
    /// Import a roster or catalogue file (CSV, UTF-8): townships, departments, people,
    /// enterprises, projects or approval items.
    Import { kind: ImportKind, file: PathBuf },
    /// Print a single-use invite code for a person (roster code or database id), or for a
    /// department's group chat with --department. A person's older unused invites are revoked
    /// unless --keep-old. `zhuqi invite revoke CODE` revokes an unused invite.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Invite {
        #[command(subcommand)]
        action: Option<InviteAction>,
        /// The person's roster code or database id.
        #[arg(required_unless_present = "department")]
        person: Option<String>,
        /// Make an invite for a department's group chat (`/bind CODE` in the group).
        #[arg(long, conflicts_with = "person")]
        department: Option<String>,
        /// Days until the code expires (default: the `invite_ttl_days` setting).
        #[arg(long)]
        days: Option<u32>,
        /// Keep the person's older unused invites valid.
        #[arg(long, conflicts_with = "department")]
        keep_old: bool,
    },
    /// Take a person's access away, or give it back.
    People {
        #[command(subcommand)]
        action: PeopleAction,
    },
    /// List or unbind people's messenger accounts.
    Accounts {
        #[command(subcommand)]
        action: AccountsAction,
    },
    /// The departments' bound group chats: list them, or unbind one (or all of a department's).
    Groups {
        #[command(subcommand)]
        action: GroupsAction,
    },
    /// Talk to the bot in this terminal as a person (roster code or database id).
    Chat {
        #[arg(long = "as", value_name = "PERSON")]
        person: String,
    },
    /// Print a summary of the cases (the county unless filtered).
    Summary(SummaryArgs),
    /// Print or write the assessment table (考核) of departments and cadres.
    Assess(AssessArgs),
    /// Export the ledger (台账).
    Export(ExportArgs),
    /// Inspections (督查): the report for a period.
    Inspections {
        #[command(subcommand)]
        action: InspectionsAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum InviteAction {
    /// Revoke an unused invite code.
    Revoke { code: String },
}

#[derive(Debug, Subcommand)]
pub enum PeopleAction {
    /// Deactivate a person (roster code or database id): the bot treats their accounts as
    /// unbound, notices to them are cancelled, the campaign office is told their open work.
    Deactivate {
        person: String,
        /// Why, for the audit log and the campaign office.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Activate a deactivated person again.
    Activate { person: String },
}

#[derive(Debug, Subcommand)]
pub enum AccountsAction {
    /// List bound messenger accounts (of one person, when given).
    List { person: Option<String> },
    /// Unbind a person's messenger accounts (only the one with --account ID, when given).
    Unbind {
        person: String,
        /// The account's id, as `zhuqi accounts list` shows it.
        #[arg(long)]
        account: Option<i64>,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct SummaryArgs {
    /// this-week, last-week, this-month, last-month, or a range FROM..TO (YYYY-MM-DD).
    #[arg(long, default_value = "this-week")]
    pub period: String,
    /// Filter by category code or Chinese name.
    #[arg(long)]
    pub category: Option<String>,
    /// Filter by department code.
    #[arg(long)]
    pub department: Option<String>,
    /// Filter by township code.
    #[arg(long)]
    pub township: Option<String>,
    /// Filter by cadre (roster code).
    #[arg(long)]
    pub cadre: Option<String>,
    /// Language of the output: zh-CN or en.
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
    /// Also write the chart to this PNG file.
    #[arg(long)]
    pub chart: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssessFileFormat {
    Text,
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, clap::Args)]
pub struct AssessArgs {
    /// this-week, last-week, this-month, last-month, or a range FROM..TO (YYYY-MM-DD).
    #[arg(long, default_value = "this-month")]
    pub period: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: AssessFileFormat,
    /// Output file (text: the terminal unless given; csv and xlsx:
    /// assessment-FROM-TO.csv or .xlsx unless given).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Language of the output: zh-CN or en.
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: ExportFormat,
    /// Output file (default: ledger-YYYY-MM-DD.xlsx or .csv).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Also pack the files kept with the cases into a zip beside it (NAME-files.zip), with a
    /// list of every file (files.csv).
    #[arg(long)]
    pub with_files: bool,
}

/// What every subcommand starts from: the settings, the working-day calendar (read once) and
/// the clock.
pub struct Setup {
    pub settings: Settings,
    pub calendar: Arc<WorkCalendar>,
    pub clock: Clock,
}

impl Setup {
    /// The local date now.
    pub fn today(&self) -> NaiveDate {
        local_date(self.settings.timezone, self.clock.now())
    }

    /// A report for the county over `period`, as of today.
    pub fn county_report(&self, period: PeriodSpec) -> Request<'_> {
        Request::new(
            Scope::County,
            period,
            self.today(),
            &self.settings,
            &self.calendar,
        )
    }
}

/// Runs one subcommand.
pub async fn run(command: Command, setup: Setup) -> anyhow::Result<()> {
    match command {
        Command::Run => run::run(setup).await,
        Command::Migrate => migrate::migrate(setup).await,
        Command::Demo => demo::demo(setup).await,
        Command::Import { kind, file } => import::import(setup, kind, &file).await,
        Command::Invite {
            action: Some(InviteAction::Revoke { code }),
            ..
        } => invite::revoke(setup, &code).await,
        Command::Invite {
            action: None,
            person,
            department,
            days,
            keep_old,
        } => invite::invite(setup, person, department, days, keep_old).await,
        Command::Groups { action } => groups::groups(setup, action).await,
        Command::People { action } => people::people(setup, action).await,
        Command::Accounts { action } => accounts::accounts(setup, action).await,
        Command::Chat { person } => chat::chat(setup, &person).await,
        Command::Summary(args) => summary::summary(setup, args).await,
        Command::Assess(args) => assess::assess(setup, args).await,
        Command::Export(args) => export::export(setup, args).await,
        Command::Inspections { action } => inspections::inspections(setup, action).await,
    }
}

/// Prints rendered messages as plain text lines on stdout. A closed pipe (`| head`) is not an
/// error worth a panic.
fn print_lines(lines: impl IntoIterator<Item = String>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for line in lines {
        if writeln!(out, "{}", html_to_text(&line)).is_err() {
            return;
        }
    }
}

/// The context of a failed write: which file (the cause says why).
fn writing(locale: &str, path: &std::path::Path) -> String {
    plain(
        locale,
        "cli-file-unwritable",
        Args::new().str("file", path.display().to_string()),
    )
}

/// A localized refusal of what the operator asked for, as the command's error.
fn refuse(locale: &str, key: &str, args: Args) -> anyhow::Error {
    anyhow::anyhow!(plain(locale, key, args))
}

/// A `--period` as people type it (`last-month`, 上月, `2026-11-01 至 2026-11-30`), as the chat
/// reads it; what cannot be read is refused with the reason.
fn read_period(locale: &str, input: &str, today: NaiveDate) -> anyhow::Result<PeriodSpec> {
    PeriodSpec::read_on(input, today).map_err(|e| match e {
        PeriodError::Unknown => refuse(
            locale,
            "cli-period-invalid",
            Args::new().str("input", input),
        ),
        PeriodError::Backwards => refuse(locale, "bot-period-backwards", Args::new()),
        PeriodError::TooLong => refuse(
            locale,
            "bot-period-too-long",
            Args::new().num("days", MAX_RANGE_DAYS as f64),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Command {
        Cli::try_parse_from(std::iter::once("zhuqi").chain(args.iter().copied()))
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
            .command
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_and_flag_parses() {
        assert!(matches!(parse(&["run"]), Command::Run));
        assert!(matches!(parse(&["migrate"]), Command::Migrate));
        assert!(matches!(parse(&["demo"]), Command::Demo));
        assert!(matches!(
            parse(&["import", "people", "roster.csv"]),
            Command::Import { kind: ImportKind::People, file } if file.as_path() == std::path::Path::new("roster.csv")
        ));
        assert!(matches!(
            parse(&["invite", "C1", "--days", "3"]),
            Command::Invite { action: None, person: Some(p), department: None, days: Some(3), keep_old: false } if p == "C1"
        ));
        assert!(matches!(
            parse(&["invite", "--department", "D1"]),
            Command::Invite { action: None, person: None, department: Some(d), days: None, .. } if d == "D1"
        ));
        assert!(matches!(
            parse(&["invite", "C1", "--keep-old"]),
            Command::Invite { action: None, person: Some(p), keep_old: true, .. } if p == "C1"
        ));
        assert!(matches!(
            parse(&["invite", "revoke", "K7PQ2M9X"]),
            Command::Invite { action: Some(InviteAction::Revoke { code }), person: None, .. } if code == "K7PQ2M9X"
        ));
        assert!(matches!(
            parse(&["people", "deactivate", "C1", "--reason", "moved"]),
            Command::People { action: PeopleAction::Deactivate { person, reason: Some(r) } } if person == "C1" && r == "moved"
        ));
        assert!(matches!(
            parse(&["people", "activate", "C1"]),
            Command::People { action: PeopleAction::Activate { person } } if person == "C1"
        ));
        assert!(matches!(
            parse(&["accounts", "list"]),
            Command::Accounts {
                action: AccountsAction::List { person: None }
            }
        ));
        assert!(matches!(
            parse(&["accounts", "unbind", "C1", "--account", "7"]),
            Command::Accounts { action: AccountsAction::Unbind { person, account: Some(7) } } if person == "C1"
        ));
        assert!(matches!(
            parse(&["groups", "list"]),
            Command::Groups {
                action: GroupsAction::List
            }
        ));
        assert!(matches!(
            parse(&["groups", "unbind", "-1001234567890"]),
            Command::Groups { action: GroupsAction::Unbind { target } } if target == "-1001234567890"
        ));
        assert!(matches!(
            parse(&["chat", "--as", "S001"]),
            Command::Chat { person } if person == "S001"
        ));
        let Command::Summary(s) = parse(&[
            "summary",
            "--period",
            "last-month",
            "--category",
            "transport",
            "--department",
            "D1",
            "--township",
            "T1",
            "--cadre",
            "C1",
            "--lang",
            "en",
            "--chart",
            "c.png",
        ]) else {
            panic!("not a summary");
        };
        assert_eq!(
            (s.period.as_str(), s.lang.as_str(), s.chart),
            ("last-month", "en", Some(PathBuf::from("c.png")))
        );
        let Command::Assess(a) = parse(&[
            "assess",
            "--period",
            "2026-11-01..2026-11-15",
            "--format",
            "xlsx",
            "-o",
            "a.xlsx",
        ]) else {
            panic!("not an assessment");
        };
        assert_eq!(
            (a.period.as_str(), a.format, a.output),
            (
                "2026-11-01..2026-11-15",
                AssessFileFormat::Xlsx,
                Some(PathBuf::from("a.xlsx"))
            )
        );
        let Command::Assess(a) = parse(&["assess"]) else {
            panic!("not an assessment");
        };
        assert_eq!(
            (a.period.as_str(), a.format, a.output),
            ("this-month", AssessFileFormat::Text, None)
        );
        assert!(Cli::try_parse_from(["zhuqi", "assess", "--format", "pdf"]).is_err());
        let Command::Export(e) = parse(&["export", "--format", "csv", "-o", "l.csv"]) else {
            panic!("not an export");
        };
        assert_eq!(
            (e.format, e.output),
            (ExportFormat::Csv, Some(PathBuf::from("l.csv")))
        );
    }

    #[test]
    fn an_invite_needs_a_person_or_a_department_but_not_both() {
        assert!(Cli::try_parse_from(["zhuqi", "invite"]).is_err());
        assert!(Cli::try_parse_from(["zhuqi", "invite", "C1", "--department", "D1"]).is_err());
        assert!(Cli::try_parse_from(["zhuqi", "invite", "revoke"]).is_err());
        assert!(
            Cli::try_parse_from(["zhuqi", "invite", "--department", "D1", "--keep-old"]).is_err()
        );
        assert!(Cli::try_parse_from(["zhuqi", "import", "villages", "x.csv"]).is_err());
    }
}
