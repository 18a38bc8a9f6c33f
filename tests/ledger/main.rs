//! The case ledger: the state machine per role (pure and through the store), working days,
//! roster import, invite codes, case numbers under concurrency, and the demo county.

mod access;
mod accountability;
mod assess;
mod calendar;
mod case_store;
mod cluster;
mod demo;
mod doors;
mod import;
mod import_errors;
mod inspections;
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
    pub mod cli;
    pub mod db;
    pub mod world;
    pub mod xlsx;
}

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use indicatif::ProgressBar;
use proptest::prelude::*;
use sqlx::PgPool;

use import::{english, import_roster, import_text};
use support::db::TestDb;
use support::xlsx::{sheet_texts, xlsx_part};
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

/// The demo county as of Friday 2026-11-27, 10:00 in the county; returns the settings it was
/// seeded with.
async fn seed_demo(pool: &PgPool) -> Settings {
    let settings = Settings::default();
    let calendar = settings.calendar().unwrap();
    zhuqi::demo::seed(pool, &settings, &calendar, at("2026-11-27 02:00"))
        .await
        .unwrap();
    settings
}

/// A county with one department (D1, transport) and its officer O1, a cadre C1 paired with
/// one enterprise E1 in township T1, and the campaign office S1: who walks a case through.
async fn transport_county(pool: &PgPool) -> (support::world::Ids, support::world::Cast) {
    let ids = support::world::County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .dispatcher("S1", "赵主任")
        .officer("O1", "李科长", "D1")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .build()
        .await;
    let cast = support::world::Cast {
        cadre: ids.id("C1"),
        dispatcher: ids.id("S1"),
        officer: ids.id("O1"),
        department: ids.id("D1"),
    };
    (ids, cast)
}

/// The sheet of an xlsx workbook named `name`: its place among the sheets (from 1), how many
/// sheets there are, and its XML.
fn sheet_named(xlsx: Vec<u8>, name: &str) -> (usize, usize, String) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    let attribute = format!("name=\"{name}\"");
    let sheets = workbook.matches("<sheet ").count();
    let place = workbook
        .split("<sheet ")
        .skip(1)
        .position(|s| s.starts_with(&attribute) || s.contains(&format!(" {attribute}")))
        .unwrap_or_else(|| panic!("no sheet {name}: {workbook}"))
        + 1;
    let mut sheet = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{place}.xml"))
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    (place, sheets, sheet)
}
