//! Importing departments: name, the categories routed to them, their sections, and their head
//! and default assignee (who must be one of their officers).

use crate::store::PgConnection;
use std::collections::HashMap;

use super::check::{Check, parse_section};
use super::{Writer, row_codes, unique};
use crate::domain::{Category, Role, Roles};
use crate::roster::table::{Field, Table, split_list};
use crate::roster::{ImportError, RowProblem};
use crate::store::roster::{self as store, DepartmentRecord, Existing};

/// A department row, checked.
struct DepartmentRow {
    code: String,
    name: String,
    categories: Vec<Category>,
    sections: Vec<(String, String)>,
    /// `None`: column absent; `Some(None)`: cleared.
    head: Option<Option<i64>>,
    default_assignee: Option<Option<i64>>,
}

pub(super) async fn departments(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let existing = store::by_code::<DepartmentRecord>(conn, &row_codes(table)).await?;
    let person_codes = unique(table.rows.iter().flat_map(|r| {
        [Field::Head, Field::DefaultAssignee]
            .into_iter()
            .filter_map(|f| table.cell(r, f))
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    }));
    let people = store::person_refs(conn, &person_codes).await?;

    let mut check = Check::new(table);
    let mut routed: HashMap<Category, u64> = HashMap::new();
    let mut planned = Vec::new();
    for row in &table.rows {
        let code = check.code(row);
        let name = check.required(row, Field::Name);
        let mut ok = true;
        let mut categories = Vec::new();
        for item in split_list(check.cell(row, Field::Categories).unwrap_or("")) {
            match Category::parse(item) {
                Some(c) => match routed.get(&c).copied() {
                    Some(first_line) => {
                        ok = false;
                        check.fail(
                            row,
                            RowProblem::CategoryTwice {
                                category: item.to_string(),
                                first_line,
                            },
                        );
                    }
                    None => {
                        routed.insert(c, row.line);
                        categories.push(c);
                    }
                },
                None => {
                    ok = false;
                    check.fail(
                        row,
                        RowProblem::BadCategory {
                            value: item.to_string(),
                        },
                    );
                }
            }
        }
        let mut sections = Vec::new();
        for item in split_list(check.cell(row, Field::Sections).unwrap_or("")) {
            match parse_section(item) {
                Some(s) => sections.push(s),
                None => {
                    ok = false;
                    check.fail(
                        row,
                        RowProblem::BadSection {
                            value: item.to_string(),
                        },
                    );
                }
            }
        }
        let department_id = code
            .as_ref()
            .and_then(|c| existing.get(c))
            .map(|e: &Existing<DepartmentRecord>| e.id);
        let mut person = |field: Field, must_be_officer: bool| -> Option<Option<i64>> {
            let cell = check.cell(row, field)?;
            if cell.is_empty() {
                return Some(None);
            }
            let Some(p) = people.get(cell) else {
                ok = false;
                check.fail(
                    row,
                    RowProblem::UnknownPerson {
                        code: cell.to_string(),
                    },
                );
                return None;
            };
            let officer = Roles::from_codes(&p.roles).has(Role::Officer);
            if must_be_officer
                && (!officer || department_id.is_none() || p.department_id != department_id)
            {
                ok = false;
                check.fail(
                    row,
                    RowProblem::NotOfficerOf {
                        person: cell.to_string(),
                        department: code.clone().unwrap_or_default(),
                    },
                );
                return None;
            }
            Some(Some(p.id))
        };
        let head = person(Field::Head, false);
        let default_assignee = person(Field::DefaultAssignee, true);
        if let (Some(code), Some(name), true) = (code, name, ok) {
            planned.push(DepartmentRow {
                code,
                name,
                categories,
                sections,
                head,
                default_assignee,
            });
        }
    }
    check.done()?;

    for row in planned {
        let current = existing.get(&row.code);
        let record = DepartmentRecord {
            code: row.code.clone(),
            name: row.name,
            head_id: row
                .head
                .unwrap_or_else(|| current.and_then(|e| e.record.head_id)),
            default_assignee_id: row
                .default_assignee
                .unwrap_or_else(|| current.and_then(|e| e.record.default_assignee_id)),
        };
        let (id, outcome) = w.put(conn, current, &record).await?;
        let mut changed = false;
        for (code, name) in &row.sections {
            changed |= store::upsert_section(conn, id, code, name, w.now).await?.1;
        }
        for category in &row.categories {
            changed |= store::route_category(conn, category.code(), id).await?;
        }
        w.count(outcome.or_updated(changed));
    }
    Ok(())
}
