//! Who is who for one tick: people with their language and roles, departments with their heads
//! and group chats, and who handles a case.

use std::collections::HashMap;

use crate::store::PgConnection;

use super::SchedulerError;
use crate::config::Settings;
use crate::store::outbox::Recipient;
use crate::store::reminders::{self, DepartmentFacts, PersonFacts};

/// A recipient and the language to write to them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub recipient: Recipient,
    pub locale: String,
}

/// Who is who, loaded once per tick.
pub(super) struct Directory {
    pub(super) people: HashMap<i64, PersonFacts>,
    pub(super) departments: HashMap<i64, DepartmentFacts>,
    pub(super) officers: HashMap<i64, Vec<i64>>,
    leaders: Vec<i64>,
    /// The people who follow each township (乡镇), by township.
    townships: HashMap<i64, Vec<i64>>,
    group_locale: String,
}

impl Directory {
    pub(super) async fn load(
        conn: &mut PgConnection,
        settings: &Settings,
    ) -> Result<Directory, SchedulerError> {
        let people = reminders::people(conn).await?;
        let departments = reminders::departments(conn).await?;
        let mut officers: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut leaders = Vec::new();
        let mut townships: HashMap<i64, Vec<i64>> = HashMap::new();
        for p in &people {
            if p.roles.iter().any(|r| r == "township")
                && let Some(t) = p.township_id
            {
                townships.entry(t).or_default().push(p.id);
            }
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
            townships,
            group_locale: settings.default_locale.clone(),
        })
    }

    pub(super) fn person(&self, id: i64) -> Option<Target> {
        self.people.get(&id).map(|p| Target {
            recipient: Recipient::Person(p.id),
            locale: p.locale.clone(),
        })
    }

    pub(super) fn people(&self, ids: &[i64]) -> Vec<Target> {
        ids.iter().filter_map(|id| self.person(*id)).collect()
    }

    /// The language to write to `recipient` in.
    pub(super) fn locale(&self, recipient: Recipient) -> &str {
        match recipient {
            Recipient::Person(id) => self
                .people
                .get(&id)
                .map_or(self.group_locale.as_str(), |p| p.locale.as_str()),
            Recipient::Group(_) => &self.group_locale,
        }
    }

    pub(super) fn groups(&self, department_id: i64) -> Vec<Target> {
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
    pub(super) fn handler(&self, assignee: Option<i64>, department: Option<i64>) -> Vec<Target> {
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

    /// The people who follow a township (乡镇负责人 / 联络员).
    pub(super) fn township(&self, township: i64) -> &[i64] {
        self.townships.get(&township).map_or(&[], Vec::as_slice)
    }

    /// A department's name.
    pub(super) fn department_name(&self, department: i64) -> Option<String> {
        self.departments.get(&department).map(|d| d.name.clone())
    }

    pub(super) fn head(&self, department: Option<i64>) -> Vec<Target> {
        self.head_id(department)
            .and_then(|h| self.person(h))
            .into_iter()
            .collect()
    }

    /// The head of a department, by id.
    pub(super) fn head_id(&self, department: Option<i64>) -> Option<i64> {
        department
            .and_then(|d| self.departments.get(&d))
            .and_then(|d| d.head_id)
    }

    /// Everyone who dispatches cases (the campaign office).
    pub(super) fn dispatchers(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .people
            .values()
            .filter(|p| p.roles.iter().any(|r| r == "dispatcher"))
            .map(|p| p.id)
            .collect();
        ids.sort();
        ids
    }

    pub(super) fn leaders(&self) -> Vec<Target> {
        self.people(&self.leaders)
    }
}
