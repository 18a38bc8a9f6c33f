//! Importing the catalogue of approval items (审批事项, 权力运行图): one row per step. The
//! rows of one item share its code and come together; the item's own cells (name, department,
//! section, kind, legal basis, time limits, materials, keywords) are given on its first row and
//! may be repeated, never contradicted, on the others.

use crate::store::PgConnection;
use std::collections::HashMap;

use super::check::{Check, parse_days};
use super::{Outcome, Writer, column_values};
use crate::domain::Role;
use crate::domain::approval::ItemKind;
use crate::roster::table::{Field, Row, Table, split_list};
use crate::roster::{ImportError, RowProblem};
use crate::store::approval::{self as store, ItemRecord, StepRecord, Upserted};
use crate::store::roster::{self as roster, SectionRow};

/// The longest time limit a file may give, in working days (about two years).
const MAX_DAYS: i32 = 500;

/// The item cells of a file, in the order they are checked.
const ITEM_FIELDS: [Field; 9] = [
    Field::Name,
    Field::Department,
    Field::Section,
    Field::Kind,
    Field::LegalBasis,
    Field::StatutoryDays,
    Field::PromisedDays,
    Field::Materials,
    Field::Keywords,
];

/// An item being put together from its rows.
struct Planned {
    line: u64,
    record: ItemRecord,
    steps: Vec<StepRecord>,
    /// The item cells of its first row, to compare the others with.
    cells: Vec<String>,
}

pub(super) async fn approval_items(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let column = |field: Field| column_values(table, field);
    let departments = roster::department_ids(conn, &column(Field::Department)).await?;
    let department_ids: Vec<i64> = departments.values().copied().collect();
    let sections = roster::sections_of(conn, &department_ids).await?;
    let people = roster::person_refs(conn, &column(Field::StepPerson)).await?;

    let mut check = Check::new(table);
    let mut items: Vec<Planned> = Vec::new();
    // Each code's item, or `None` when its first row was bad (its other rows are not checked
    // against an item that is not there).
    let mut index: HashMap<String, Option<usize>> = HashMap::new();
    for row in &table.rows {
        let Some(code) = check.repeatable_code(row) else {
            continue;
        };
        let at = match index.get(&code) {
            Some(Some(i)) => *i,
            Some(None) => continue,
            None => {
                let Some(record) = item(&mut check, row, &code, &departments, &sections) else {
                    index.insert(code, None);
                    continue;
                };
                index.insert(code, Some(items.len()));
                items.push(Planned {
                    line: row.line,
                    record,
                    steps: vec![],
                    cells: item_cells(table, row),
                });
                items.len() - 1
            }
        };
        let planned = &mut items[at];
        if planned.line != row.line {
            let cells = item_cells(table, row);
            for ((field, first), this) in ITEM_FIELDS.iter().zip(&planned.cells).zip(&cells) {
                if !this.is_empty() && this != first {
                    check.fail(
                        row,
                        RowProblem::ItemDiffers {
                            column: table.header(*field),
                            first_line: planned.line,
                        },
                    );
                }
            }
        }
        if let Some(step) = step(&mut check, row, &planned.record, &sections, &people) {
            planned.steps.push(step);
        }
    }
    for planned in &items {
        let total: i32 = planned.steps.iter().map(|s| s.days).sum();
        if total > planned.record.promised_days {
            check.fail_line(
                planned.line,
                RowProblem::StepsOverPromised {
                    total: total as i64,
                    promised: planned.record.promised_days as i64,
                },
            );
        }
    }
    check.done()?;
    let codes: Vec<String> = items.iter().map(|p| p.record.code.clone()).collect();
    let existing = store::items_by_code(conn, &codes).await?;
    for mut planned in items {
        let stored = existing.get(&planned.record.code);
        if let Some((_, record, steps)) = stored {
            keep_absent(table, &mut planned, record, steps);
        }
        let outcome =
            match store::upsert(conn, &planned.record, &planned.steps, stored, false, w.now).await?
            {
                Upserted::Inserted => Outcome::Inserted,
                Upserted::Updated => Outcome::Updated,
                Upserted::Unchanged => Outcome::Unchanged,
            };
        w.count(outcome);
    }
    Ok(())
}

/// A column the file does not have leaves the stored value alone (a step's, by its place).
fn keep_absent(table: &Table, planned: &mut Planned, stored: &ItemRecord, steps: &[StepRecord]) {
    let item = &mut planned.record;
    if !table.has(Field::Section) {
        item.section_id = stored.section_id;
    }
    if !table.has(Field::Kind) {
        item.kind = stored.kind.clone();
    }
    if !table.has(Field::LegalBasis) {
        item.legal_basis = stored.legal_basis.clone();
    }
    if !table.has(Field::Materials) {
        item.materials = stored.materials.clone();
    }
    if !table.has(Field::Keywords) {
        item.keywords = stored.keywords.clone();
    }
    if !table.has(Field::PromisedDays) {
        item.promised_days = stored.promised_days.min(item.statutory_days);
    }
    for (step, old) in planned.steps.iter_mut().zip(steps) {
        if !table.has(Field::StepSection) {
            step.section_id = old.section_id;
        }
        if !table.has(Field::StepPerson) {
            step.person_id = old.person_id;
        }
    }
}

/// The item cells of a row as written (empty when the file has no such column).
fn item_cells(table: &Table, row: &Row) -> Vec<String> {
    ITEM_FIELDS
        .iter()
        .map(|f| table.cell(row, *f).unwrap_or("").to_string())
        .collect()
}

/// A section of `department_id` by code or name.
fn section_of(sections: &[SectionRow], department_id: i64, value: &str) -> Option<i64> {
    sections
        .iter()
        .filter(|s| s.department_id == department_id)
        .find(|s| s.code == value || s.name == value)
        .map(|s| s.id)
}

/// The item an item's first row gives.
fn item(
    check: &mut Check<'_>,
    row: &Row,
    code: &str,
    departments: &HashMap<String, i64>,
    sections: &[SectionRow],
) -> Option<ItemRecord> {
    let name = check.required(row, Field::Name);
    let department = check.required(row, Field::Department);
    let department_id = match &department {
        Some(d) => match departments.get(d) {
            Some(id) => Some(*id),
            None => {
                check.fail(row, RowProblem::UnknownDepartment { code: d.clone() });
                None
            }
        },
        None => None,
    };
    let mut ok = true;
    let section_id = match (check.optional(row, Field::Section), department_id) {
        (Ok(Some(Some(s))), Some(d)) => match section_of(sections, d, &s) {
            Some(id) => Some(id),
            None => {
                ok = false;
                check.fail(
                    row,
                    RowProblem::UnknownSection {
                        section: s,
                        department: department.clone().unwrap_or_default(),
                    },
                );
                None
            }
        },
        (Err(()), _) => {
            ok = false;
            None
        }
        _ => None,
    };
    let kind = match check.optional(row, Field::Kind) {
        Ok(Some(Some(k))) => match ItemKind::parse(&k) {
            Some(k) => k,
            None => {
                ok = false;
                check.fail(row, RowProblem::BadKind { value: k });
                ItemKind::Administrative
            }
        },
        Ok(_) => ItemKind::Administrative,
        Err(()) => {
            ok = false;
            ItemKind::Administrative
        }
    };
    let legal_basis = check.long_text(row, Field::LegalBasis);
    let materials = check.long_text(row, Field::Materials);
    let keywords: Vec<String> = split_list(check.cell(row, Field::Keywords).unwrap_or(""))
        .into_iter()
        .map(str::to_string)
        .collect();
    let statutory = days(check, row, Field::StatutoryDays, true);
    let promised = match check.cell(row, Field::PromisedDays) {
        Some(c) if !c.is_empty() => days(check, row, Field::PromisedDays, true),
        // No promised limit: the statutory one is promised.
        _ => statutory,
    };
    if let (Some(s), Some(p)) = (statutory, promised)
        && p > s
    {
        ok = false;
        check.fail(
            row,
            RowProblem::PromisedOverStatutory {
                promised: p as i64,
                statutory: s as i64,
            },
        );
    }
    let (Ok(legal_basis), Ok(materials)) = (legal_basis, materials) else {
        return None;
    };
    Some(ItemRecord {
        code: code.to_string(),
        name: name?,
        department_id: department_id?,
        section_id,
        kind: kind.code().to_string(),
        legal_basis,
        materials,
        keywords,
        statutory_days: statutory?,
        promised_days: promised?,
    })
    .filter(|_| ok)
}

/// A number of working days: a whole number from 1 to `MAX_DAYS`.
fn days(check: &mut Check<'_>, row: &Row, field: Field, required: bool) -> Option<i32> {
    let cell = check.cell(row, field).unwrap_or("").to_string();
    if cell.is_empty() {
        if required {
            let column = check.header(field);
            check.fail(row, RowProblem::Missing { column });
        }
        return None;
    }
    match parse_days(&cell) {
        Some(n) if (1..=MAX_DAYS).contains(&n) => Some(n),
        _ => {
            let column = check.header(field);
            check.fail(
                row,
                RowProblem::BadDays {
                    column,
                    value: cell,
                },
            );
            None
        }
    }
}

/// The step a row gives, for `item`.
fn step(
    check: &mut Check<'_>,
    row: &Row,
    item: &ItemRecord,
    sections: &[SectionRow],
    people: &HashMap<String, roster::PersonRef>,
) -> Option<StepRecord> {
    let name = check.required(row, Field::Step);
    let days = days(check, row, Field::StepDays, true);
    let mut ok = true;
    let section_id = match check.optional(row, Field::StepSection) {
        Ok(Some(Some(s))) => match section_of(sections, item.department_id, &s) {
            Some(id) => Some(id),
            None => {
                ok = false;
                let department = check.cell(row, Field::Department).unwrap_or("").to_string();
                check.fail(
                    row,
                    RowProblem::UnknownSection {
                        section: s,
                        department,
                    },
                );
                None
            }
        },
        Ok(_) => item.section_id,
        Err(()) => {
            ok = false;
            None
        }
    };
    let person_id = match check.optional(row, Field::StepPerson) {
        Ok(Some(Some(code))) => match people.get(&code) {
            Some(p)
                if p.department_id == Some(item.department_id)
                    && p.roles.iter().any(|r| r == Role::Officer.code()) =>
            {
                Some(p.id)
            }
            Some(_) => {
                ok = false;
                let department = check.cell(row, Field::Department).unwrap_or("").to_string();
                check.fail(
                    row,
                    RowProblem::NotOfficerOf {
                        person: code,
                        department,
                    },
                );
                None
            }
            None => {
                ok = false;
                check.fail(row, RowProblem::UnknownPerson { code });
                None
            }
        },
        Ok(_) => None,
        Err(()) => {
            ok = false;
            None
        }
    };
    Some(StepRecord {
        name: name?,
        days: days?,
        section_id,
        person_id,
    })
    .filter(|_| ok)
}
