//! The generator's county: its roster (townships, departments with sections and routes,
//! people, enterprises and project units) and the cadres' visits, made through the store.

use crate::store::PgConnection;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

use super::data::*;
use super::{ADMIN, DISPATCHER, DemoError};
use crate::config::Settings;
use crate::domain::{Actor, Role, Roles, WorkCalendar};
use crate::store::roster::{
    self, DepartmentRecord, EnterpriseRecord, PersonRecord, TownshipRecord,
};
use crate::store::visits::{self, NewVisit};

/// How far back the demo's cases go.
pub(super) const HISTORY_DAYS: i64 = 120;
const CADRES: usize = 40;
const ENTERPRISES: usize = 120;
const PROJECTS: usize = 35;
const RNG_SEED: u64 = 0x5a48_5551;

/// A demo person and how they act on cases.
pub(super) struct DemoPerson {
    pub(super) id: i64,
    pub(super) actor: Actor,
}

/// A demo department and its officers (the first is its default assignee).
pub(super) struct DemoDepartment {
    pub(super) id: i64,
    pub(super) officers: Vec<i64>,
}

/// A demo enterprise or project unit and the number of its cadre.
pub(super) struct DemoEnterprise {
    pub(super) id: i64,
    pub(super) cadre: usize,
    pub(super) is_project: bool,
}

/// The county being built: what was made so far, and the seeded randomness that decides the
/// rest.
pub(super) struct County<'a> {
    pub(super) settings: &'a Settings,
    pub(super) calendar: &'a WorkCalendar,
    pub(super) tz: Tz,
    pub(super) now: DateTime<Utc>,
    pub(super) rng: StdRng,
    pub(super) people: HashMap<String, DemoPerson>,
    pub(super) departments: HashMap<&'static str, DemoDepartment>,
    pub(super) enterprises: Vec<DemoEnterprise>,
    /// Surname and given-name pairs in a fixed shuffled order.
    pub(super) names: Vec<(usize, usize)>,
}

pub(super) fn pick<'x, T>(rng: &mut StdRng, items: &'x [T]) -> &'x T {
    // The data lists are never empty.
    items.choose(rng).unwrap_or(&items[0])
}

pub(super) fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if roll < *w {
            return *item;
        }
        roll -= w;
    }
    items[0].0
}

impl<'a> County<'a> {
    pub(super) fn new(
        settings: &'a Settings,
        calendar: &'a WorkCalendar,
        now: DateTime<Utc>,
    ) -> County<'a> {
        let mut rng = StdRng::seed_from_u64(RNG_SEED);
        let mut names: Vec<(usize, usize)> = (0..SURNAMES.len())
            .flat_map(|s| (0..GIVEN_NAMES.len()).map(move |g| (s, g)))
            .collect();
        names.shuffle(&mut rng);
        County {
            settings,
            calendar,
            tz: settings.timezone,
            now,
            rng,
            people: HashMap::new(),
            departments: HashMap::new(),
            enterprises: Vec::new(),
            names,
        }
    }

    pub(super) fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    /// Moves an instant forward into office hours (08:00–18:00 local).
    pub(super) fn office_hours(&mut self, t: DateTime<Utc>) -> DateTime<Utc> {
        let local = t.with_timezone(&self.tz);
        let day = local.date_naive();
        let at = |d: NaiveDate, h: u32, m: u32| {
            let time = NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
            self.tz
                .from_local_datetime(&d.and_time(time))
                .single()
                .map(|x| x.with_timezone(&Utc))
        };
        let minutes = self.rng.random_range(0..90);
        let moved = if local.hour() < 8 {
            at(day, 8, 0).map(|x| x + Duration::minutes(minutes))
        } else if local.hour() >= 18 {
            day.succ_opt()
                .and_then(|d| at(d, 8, 30))
                .map(|x| x + Duration::minutes(minutes))
        } else {
            None
        };
        moved.unwrap_or(t)
    }

    /// The `index`th invented name; distinct for the first 960.
    fn name(&self, index: usize) -> String {
        let (s, g) = self.names[index % self.names.len()];
        format!("{}{}", SURNAMES[s], GIVEN_NAMES[g])
    }

    pub(super) async fn build(&mut self, conn: &mut PgConnection) -> Result<(), DemoError> {
        let roster_at = self.now - Duration::days(HISTORY_DAYS + 60);
        self.roster(conn, roster_at).await?;
        self.visits(conn).await?;
        self.cases(conn).await?;
        self.projects(conn).await?;
        self.catalogue(conn).await?;
        Ok(())
    }

    async fn add_person(
        &mut self,
        conn: &mut PgConnection,
        code: String,
        roles: &[Role],
        department: Option<(i64, Option<i64>)>,
        at: DateTime<Utc>,
    ) -> Result<i64, DemoError> {
        self.add_person_in(conn, code, roles, (department, None), at)
            .await
    }

    /// A person of a department (and section) or of a township (乡镇).
    async fn add_person_in(
        &mut self,
        conn: &mut PgConnection,
        code: String,
        roles: &[Role],
        (department, township): (Option<(i64, Option<i64>)>, Option<i64>),
        at: DateTime<Utc>,
    ) -> Result<i64, DemoError> {
        let index = self.people.len();
        let roles = Roles::new(roles.iter().copied());
        let record = PersonRecord {
            code: code.clone(),
            name: self.name(index),
            phone: Some(format!("1390000{:04}", index + 1)),
            roles: roles.codes(),
            department_id: department.map(|d| d.0),
            section_id: department.and_then(|d| d.1),
            township_id: township,
            locale: "zh-CN".to_string(),
        };
        let id = roster::insert_record(conn, &record, true, at).await?;
        self.people.insert(
            code,
            DemoPerson {
                id,
                actor: Actor {
                    person_id: id,
                    roles,
                    department_id: department.map(|d| d.0),
                    township_id: township,
                },
            },
        );
        Ok(id)
    }

    pub(super) fn person(&self, code: &str) -> Result<&DemoPerson, DemoError> {
        self.people
            .get(code)
            .ok_or_else(|| DemoError::Missing(format!("person {code}")))
    }

    async fn roster(
        &mut self,
        conn: &mut PgConnection,
        at: DateTime<Utc>,
    ) -> Result<(), DemoError> {
        let mut townships = Vec::new();
        for (code, name) in TOWNSHIPS {
            let record = TownshipRecord {
                code: code.to_string(),
                name: name.to_string(),
            };
            townships.push(roster::insert_record(conn, &record, true, at).await?);
        }
        for spec in &DEPARTMENTS {
            let record = DepartmentRecord {
                code: spec.code.to_string(),
                name: spec.name.to_string(),
                head_id: None,
                default_assignee_id: None,
            };
            let id = roster::insert_record(conn, &record, true, at).await?;
            let mut sections = Vec::new();
            for (code, name) in spec.sections {
                sections.push(roster::upsert_section(conn, id, code, name, at).await?.0);
            }
            for category in spec.categories {
                roster::route_category(conn, category.code(), id).await?;
            }
            let head = self
                .add_person(
                    conn,
                    format!("head-{}", spec.code),
                    &[Role::Officer],
                    Some((id, None)),
                    at,
                )
                .await?;
            let first = self
                .add_person(
                    conn,
                    format!("off-{}", spec.code),
                    &[Role::Officer],
                    Some((id, Some(sections[0]))),
                    at,
                )
                .await?;
            let second = self
                .add_person(
                    conn,
                    format!("off-{}-2", spec.code),
                    &[Role::Officer],
                    Some((id, Some(sections[1]))),
                    at,
                )
                .await?;
            roster::set_department_head(conn, id, head, at).await?;
            roster::set_department_default_assignee(conn, id, first, at).await?;
            self.departments.insert(
                spec.code,
                DemoDepartment {
                    id,
                    officers: vec![first, second],
                },
            );
        }
        // Each cadre belongs to a department (their unit), whose head hears their work.
        for i in 1..=CADRES {
            let unit = DEPARTMENTS[(i - 1) % DEPARTMENTS.len()].code;
            let unit = self.departments.get(unit).map(|d| (d.id, None));
            self.add_person(conn, format!("cadre{i:02}"), &[Role::Cadre], unit, at)
                .await?;
        }
        for i in 1..=3 {
            self.add_person(conn, format!("leader{i}"), &[Role::Leader], None, at)
                .await?;
        }
        self.add_person(conn, DISPATCHER.to_string(), &[Role::Dispatcher], None, at)
            .await?;
        self.add_person(conn, ADMIN.to_string(), &[Role::Admin], None, at)
            .await?;
        // Each township's liaison (乡镇联络员) follows its enterprises' cases.
        for ((code, _), id) in TOWNSHIPS.iter().zip(&townships) {
            let place = (None, Some(*id));
            self.add_person_in(conn, format!("town-{code}"), &[Role::Township], place, at)
                .await?;
        }

        let mut names: Vec<(String, &str, bool)> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = (0..BRANDS.len())
            .flat_map(|b| (0..LINES.len()).map(move |l| (b, l)))
            .collect();
        pairs.shuffle(&mut self.rng);
        for (b, l) in pairs.into_iter().take(ENTERPRISES) {
            names.push((enterprise_name(BRANDS[b], LINES[l].0), LINES[l].1, false));
        }
        let mut projects: Vec<(usize, usize)> = (0..TOWNSHIPS.len())
            .flat_map(|t| (0..PROJECT_KINDS.len()).map(move |k| (t, k)))
            .collect();
        projects.shuffle(&mut self.rng);
        let mut project_townships = Vec::new();
        for (t, k) in projects.into_iter().take(PROJECTS) {
            names.push((
                project_name(TOWNSHIPS[t].1, PROJECT_KINDS[k].0),
                PROJECT_KINDS[k].1,
                true,
            ));
            project_townships.push(t);
        }
        let mut project_index = 0;
        for (i, (name, industry, is_project)) in names.into_iter().enumerate() {
            let township = if is_project {
                project_index += 1;
                project_townships[project_index - 1]
            } else {
                self.rng.random_range(0..TOWNSHIPS.len())
            };
            let cadre = i % CADRES + 1;
            let cadre_id = self.person(&format!("cadre{cadre:02}"))?.id;
            let contact = self.name(i + 200);
            let record = EnterpriseRecord {
                code: format!("e{:03}", i + 1),
                name,
                kind: if is_project { "project" } else { "enterprise" }.to_string(),
                township_id: townships[township],
                industry: Some(industry.to_string()),
                cadre_id: Some(cadre_id),
                contact_name: Some(contact),
                contact_phone: Some(format!("1370000{:04}", i + 1)),
            };
            let id = roster::insert_record(conn, &record, true, at).await?;
            self.enterprises.push(DemoEnterprise {
                id,
                cadre,
                is_project,
            });
        }
        Ok(())
    }

    async fn visits(&mut self, conn: &mut PgConnection) -> Result<(), DemoError> {
        let today = self.local_date(self.now);
        for i in 0..self.enterprises.len() {
            let (id, cadre) = (self.enterprises[i].id, self.enterprises[i].cadre);
            let cadre_id = self.person(&format!("cadre{cadre:02}"))?.id;
            let visits = self.rng.random_range(0..=4);
            for _ in 0..visits {
                let back = self.rng.random_range(0..HISTORY_DAYS) as u64;
                let Some(day) = today.checked_sub_days(chrono::Days::new(back)) else {
                    continue;
                };
                let no_problems = self.rng.random_bool(0.4);
                let note = *pick(&mut self.rng, &VISIT_NOTES);
                let at = self
                    .tz
                    .from_local_datetime(
                        &day.and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default()),
                    )
                    .single()
                    .map_or(self.now, |x| x.with_timezone(&Utc))
                    .min(self.now);
                let visit = NewVisit {
                    enterprise_id: id,
                    cadre_id,
                    visited_on: day,
                    note: Some(note.to_string()),
                    no_problems,
                };
                let visit_id = visits::record(conn, &visit, at).await?;
                roster::mark_visit_demo(conn, visit_id).await?;
            }
        }
        Ok(())
    }
}
