//! Importing project records (重点项目): one row per project unit (`code` is the unit's roster
//! code, an enterprise of kind `project`), with its name, responsible department, investment,
//! stage and the planned and actual date of each stage.

use super::check::Check;
use super::{Outcome, Writer, column_values};
use crate::domain::project::{Amount, STAGES, Stage, StageDates, parse_date};
use crate::roster::table::{Field, Row, Table};
use crate::roster::{ImportError, RowProblem};
use crate::store::PgConnection;
use crate::store::projects::{self, ProjectRecord};
use crate::store::roster as store;

pub(super) async fn projects(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let column = |field: Field| column_values(table, field);
    let units = store::by_code::<store::EnterpriseRecord>(conn, &column(Field::Code)).await?;
    let departments = store::department_ids(conn, &column(Field::Department)).await?;
    let unit_ids: Vec<i64> = units.values().map(|u| u.id).collect();
    let existing = projects::by_units(conn, &unit_ids).await?;

    let mut check = Check::new(table);
    let mut planned_rows = Vec::new();
    for row in &table.rows {
        let unit = match check.code(row) {
            Some(code) => match units.get(&code) {
                None => {
                    check.fail(row, RowProblem::UnknownUnit { code });
                    None
                }
                Some(u) if u.record.kind != "project" => {
                    check.fail(row, RowProblem::NotAProjectUnit { code });
                    None
                }
                Some(u) => Some(u.id),
            },
            None => None,
        };
        let name = check.required(row, Field::Name);
        let current = unit.and_then(|u| existing.get(&u)).map(|(_, r)| r);
        let department = match check.cell(row, Field::Department) {
            None => Some(current.and_then(|c| c.department_id)),
            Some("") => Some(None),
            Some(d) => match departments.get(d) {
                Some(id) => Some(Some(*id)),
                None => {
                    check.fail(
                        row,
                        RowProblem::UnknownDepartment {
                            code: d.to_string(),
                        },
                    );
                    None
                }
            },
        };
        let amount = |check: &mut Check, field: Field, stored: Option<Amount>| {
            amount_cell(check, table, row, field, stored)
        };
        let investment = amount(&mut check, Field::Investment, current.map(|c| c.investment));
        let invested = amount(&mut check, Field::Invested, current.map(|c| c.invested));
        let year_plan = amount(&mut check, Field::YearPlan, current.map(|c| c.year_plan));
        let year_invested = amount(
            &mut check,
            Field::YearInvested,
            current.map(|c| c.year_invested),
        );
        let stage = match check.cell(row, Field::Stage) {
            None => Some(current.and_then(|c| c.stage)),
            Some("") => Some(None),
            Some(s) => match Stage::parse(s) {
                Some(s) => Some(Some(s)),
                None => {
                    check.fail(
                        row,
                        RowProblem::BadStage {
                            value: s.to_string(),
                        },
                    );
                    None
                }
            },
        };
        let planned = stage_dates(
            &mut check,
            table,
            row,
            Field::Planned,
            current.map(|c| c.planned),
        );
        let reached = stage_dates(
            &mut check,
            table,
            row,
            Field::Reached,
            current.map(|c| c.reached),
        );
        // An actual date for a stage the project has not reached is a mistake in the file.
        if let (Some(stage), Some(reached)) = (stage, reached) {
            let first_ahead = stage.map_or(0, |s| s.index() + 1);
            if let Some(s) = Stage::ALL
                .into_iter()
                .skip(first_ahead)
                .find(|s| reached[s.index()].is_some())
            {
                let column = table.header(Field::Reached(s));
                check.fail(row, RowProblem::ReachedAhead { column });
            }
        }
        if let (
            Some(enterprise_id),
            Some(name),
            Some(department_id),
            Some(investment),
            Some(invested),
            Some(year_plan),
            Some(year_invested),
            Some(stage),
            Some(planned),
            Some(reached),
        ) = (
            unit,
            name,
            department,
            investment,
            invested,
            year_plan,
            year_invested,
            stage,
            planned,
            reached,
        ) {
            planned_rows.push(ProjectRecord {
                enterprise_id,
                name,
                department_id,
                investment,
                invested,
                year_plan,
                year_invested,
                stage,
                planned,
                reached,
            });
        }
    }
    check.done()?;

    for record in planned_rows {
        let outcome = match existing.get(&record.enterprise_id) {
            None => {
                projects::insert(conn, &record, false, w.now).await?;
                Outcome::Inserted
            }
            Some((_, old)) if *old == record => Outcome::Unchanged,
            Some((id, _)) => {
                projects::update(conn, *id, &record, w.now).await?;
                Outcome::Updated
            }
        };
        w.count(outcome);
    }
    Ok(())
}

/// An amount column: the stored value when the file lacks it, zero for an empty cell.
fn amount_cell(
    check: &mut Check,
    table: &Table,
    row: &Row,
    field: Field,
    stored: Option<Amount>,
) -> Option<Amount> {
    match check.cell(row, field) {
        None => Some(stored.unwrap_or_default()),
        Some("") => Some(Amount::default()),
        Some(v) => match Amount::parse(v) {
            Some(a) => Some(a),
            None => {
                check.fail(
                    row,
                    RowProblem::BadAmount {
                        column: table.header(field),
                        value: v.to_string(),
                    },
                );
                None
            }
        },
    }
}

/// The six planned (or actual) stage dates: each column the file lacks keeps its stored date.
fn stage_dates(
    check: &mut Check,
    table: &Table,
    row: &Row,
    field: fn(Stage) -> Field,
    stored: Option<StageDates>,
) -> Option<StageDates> {
    let mut out: StageDates = stored.unwrap_or([None; STAGES]);
    let mut ok = true;
    for s in Stage::ALL {
        match check.cell(row, field(s)) {
            None => {}
            Some("") => out[s.index()] = None,
            Some(v) => match parse_date(v) {
                Some(d) => out[s.index()] = Some(d),
                None => {
                    check.fail(
                        row,
                        RowProblem::BadDate {
                            column: table.header(field(s)),
                            value: v.to_string(),
                        },
                    );
                    ok = false;
                }
            },
        }
    }
    ok.then_some(out)
}
