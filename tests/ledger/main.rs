//! The case ledger: the state machine per role (pure and through the store), working days,
//! roster import, invite codes, case numbers under concurrency, and the demo county.

mod access;
mod assess;
mod calendar;
mod case_store;
mod cluster;
mod demo;
mod doors;
mod import;
mod import_errors;
mod invites;
mod items;
mod modes;
mod projects;
mod retention;
mod settings;
mod state_machine;
mod townships;
/// The part of the tests' support these tests need: a fresh database and the world builder.
#[allow(dead_code)]
#[path = "../support"]
mod support {
    pub mod db;
    pub mod world;
}

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use indicatif::ProgressBar;
use proptest::prelude::*;
use sqlx::PgPool;

use import::{english, import_roster, import_text};
use support::db::TestDb;
use zhuqi::cli::ImportKind;
use zhuqi::config::Settings;
use zhuqi::demo::DemoError;
use zhuqi::domain::case::apply;
use zhuqi::domain::{
    Action, Actor, CaseStatus, CaseView, Category, Correction, Difficulty, ModeChange, Role, Roles,
    Satisfaction, ServiceMode, TransitionError, WorkCalendar,
};
use zhuqi::i18n::{Args, tr};
use zhuqi::roster::table::Table;
use zhuqi::roster::{
    ImportError, ImportReport, InviteCliError, InviteFor, RowProblem, import, make_invite,
};
use zhuqi::store::cases::{self, CaseError, NewCase};
use zhuqi::store::invites::{InviteError, InviteTarget};
use zhuqi::store::roster::{
    self as roster_store, DepartmentRecord, EnterpriseRecord, PersonRecord, TownshipRecord,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
}
