//! The demo county's key projects: a project record for every project unit, at every stage
//! from not signed to producing, about a third of them behind their next stage date (some by
//! weeks, so red), with last month's progress reports and some of this month's (with the
//! problems cadres write), so `/projects`, the 催报 list and the export have something to show.

use chrono::{Datelike, Duration, NaiveDate};

use super::DemoError;
use super::county::County;
use super::data::{PROJECT_DEPARTMENTS, PROJECT_PROBLEMS};
use crate::domain::project::{Amount, STAGES, Stage};
use crate::store::PgConnection;
use crate::store::enterprises;
use crate::store::projects::{self, NewReport, ProjectRecord};

impl County<'_> {
    pub(super) async fn projects(&mut self, conn: &mut PgConnection) -> Result<(), DemoError> {
        let today = self.local_date(self.now);
        let units: Vec<(i64, usize)> = self
            .enterprises
            .iter()
            .filter(|e| e.is_project)
            .map(|e| (e.id, e.cadre))
            .collect();
        for (k, (unit, cadre)) in units.into_iter().enumerate() {
            // Every stage in turn, the first of each seven not signed yet.
            let stage = match k % 7 {
                0 => None,
                i => Stage::from_index(i as i16 - 1),
            };
            let next = stage.map_or(0, |s| s.index() + 1);
            // One in three behind schedule: its next stage was due 5 to 54 days ago.
            let behind = k % 3 == 0;
            let anchor = if behind {
                today - Duration::days(5 + (k as i64 * 7) % 50)
            } else {
                today + Duration::days(15 + (k as i64 * 11) % 90)
            };
            let mut planned = [None; STAGES];
            let mut reached = [None; STAGES];
            for (i, slot) in planned.iter_mut().enumerate() {
                *slot = Some(anchor + Duration::days((i as i64 - next as i64) * 90));
            }
            for (i, slot) in reached.iter_mut().enumerate().take(next) {
                let late = Duration::days((k as i64 % 5) * 4);
                *slot = planned[i].map(|d| (d + late).min(today - Duration::days(1)));
            }
            let investment = 3_000 + (k as i64 * 1_370) % 20_000;
            let done_share = [0, 5, 10, 25, 60, 95, 100][next.min(6)];
            let year_plan = investment * 3 / 10;
            let year_share = 20 + (k as i64 * 13) % 90;
            let department = PROJECT_DEPARTMENTS[k % PROJECT_DEPARTMENTS.len()];
            // The unit's name is the project's (“…项目（演示）”).
            let name = enterprises::by_id(conn, unit)
                .await?
                .map(|e| e.name)
                .ok_or_else(|| DemoError::Missing(format!("project unit {unit}")))?;
            let record = ProjectRecord {
                enterprise_id: unit,
                name,
                department_id: self.departments.get(department).map(|d| d.id),
                investment: Amount(investment * 100),
                invested: Amount(investment * done_share),
                year_plan: Amount(year_plan * 100),
                year_invested: Amount((year_plan * year_share).min(investment * done_share)),
                stage,
                planned,
                reached,
            };
            let id = projects::insert(conn, &record, true, self.now).await?;
            if stage == Some(Stage::Producing) {
                continue;
            }
            let reporter = self.person(&format!("cadre{cadre:02}"))?.id;
            let last_month = last_month(today);
            let months: &[NaiveDate] = if k % 2 == 0 {
                &[last_month, today]
            } else {
                &[last_month]
            };
            for (m, month) in months.iter().enumerate() {
                let problems = if (k + m) % 3 == 0 {
                    vec![PROJECT_PROBLEMS[(k + m) % PROJECT_PROBLEMS.len()].to_string()]
                } else {
                    vec![]
                };
                let report = NewReport {
                    project_id: id,
                    month: *month,
                    stage,
                    invested: Amount(((k as i64 * 37 + m as i64 * 11) % 300) * 100),
                    problems,
                    reporter_id: reporter,
                };
                projects::file_report(conn, &report, today, self.now).await?;
            }
        }
        Ok(())
    }
}

/// A day of the month before `today`'s.
fn last_month(today: NaiveDate) -> NaiveDate {
    today.with_day(1).unwrap_or(today) - Duration::days(1)
}
