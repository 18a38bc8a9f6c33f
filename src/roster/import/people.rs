//! Importing people in three steps: read what the rows refer to (the people already there,
//! departments, sections), check every row (roles, phone, department and section, language,
//! the departments they head or take by default), then write them.

use crate::store::PgConnection;
use std::collections::HashMap;

use super::check::{Check, merge, parse_active, parse_language};
use super::{Writer, row_codes, unique};
use crate::domain::{Role, Roles};
use crate::i18n::DEFAULT_LOCALE;
use crate::roster::table::{Field, Row, Table, split_list};
use crate::roster::{ImportError, RowProblem};
use crate::store::access;
use crate::store::audit::{self, Source};
use crate::store::roster::{self as store, Existing, PersonRecord, SectionRow};

/// A person row, checked; references resolved.
struct PersonRow {
    record: PersonRecord,
    head_of: Vec<i64>,
    default_for: Vec<i64>,
    /// In post (在岗) or not; `None` when the file has no such column.
    active: Option<bool>,
}

/// What the rows refer to, read from the ledger before any row is checked.
struct Refs {
    existing: HashMap<String, Existing<PersonRecord>>,
    departments: HashMap<String, i64>,
    townships: HashMap<String, i64>,
    sections: Vec<SectionRow>,
    /// Whether each person already on the roster is active, by code.
    active: HashMap<String, bool>,
}

/// Which department each (head of / default for, department) was first given to, by line.
type Assigned = HashMap<(Field, i64), u64>;

pub(super) async fn people(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let refs = Refs::load(conn, table).await?;
    let planned = check_rows(table, &refs)?;
    write_rows(conn, &refs, planned, w).await?;
    super::wecom::write_userids(conn, table).await
}

impl Refs {
    async fn load(conn: &mut PgConnection, table: &Table) -> Result<Refs, ImportError> {
        let existing = store::by_code::<PersonRecord>(conn, &row_codes(table)).await?;
        let department_codes = unique(table.rows.iter().flat_map(|r| {
            let mut v: Vec<String> = table
                .cell(r, Field::Department)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .into_iter()
                .collect();
            for f in [Field::HeadOf, Field::DefaultFor] {
                v.extend(
                    split_list(table.cell(r, f).unwrap_or(""))
                        .into_iter()
                        .map(str::to_string),
                );
            }
            v
        }));
        let departments = store::department_ids(conn, &department_codes).await?;
        let mut department_ids: Vec<i64> = departments.values().copied().collect();
        department_ids.extend(existing.values().filter_map(|e| e.record.department_id));
        let sections = store::sections_of(conn, &department_ids).await?;
        let active = access::active_by_code(conn, &row_codes(table)).await?;
        let township_codes = unique(table.rows.iter().filter_map(|r| {
            table
                .cell(r, Field::Township)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
        }));
        let townships = store::township_ids(conn, &township_codes).await?;
        Ok(Refs {
            existing,
            departments,
            townships,
            sections,
            active,
        })
    }
}

/// Every row checked; the rows to write, or every problem found.
fn check_rows(table: &Table, refs: &Refs) -> Result<Vec<PersonRow>, ImportError> {
    let mut check = Check::new(table);
    let mut assigned = Assigned::new();
    let mut userids = super::wecom::Userids::new();
    let mut planned = Vec::new();
    for row in &table.rows {
        let userid_ok = userids.check(&mut check, row);
        if let Some(person) = check_row(&mut check, refs, &mut assigned, row)
            && userid_ok
        {
            planned.push(person);
        }
    }
    check.done()?;
    Ok(planned)
}

/// One row: its problems go to `check`; the row is returned only when it has none.
fn check_row(
    check: &mut Check<'_>,
    refs: &Refs,
    assigned: &mut Assigned,
    row: &Row,
) -> Option<PersonRow> {
    let code = check.code(row);
    let name = check.required(row, Field::Name);
    let (roles, mut ok) = roles(check, row);
    let current = code.as_ref().and_then(|c| refs.existing.get(c));
    let phone = merge(
        check.phone(row, Field::Phone),
        current.map(|e| &e.record.phone),
    );
    let department = reference(check, refs, row, current, Field::Department);
    let section = section(check, refs, row, current, department);
    if let Some(None) = department
        && roles.has(Role::Officer)
    {
        ok = false;
        check.fail(row, RowProblem::OfficerWithoutDepartment);
    }
    let township = reference(check, refs, row, current, Field::Township);
    if let Some(None) = township
        && roles.has(Role::Township)
    {
        ok = false;
        check.fail(row, RowProblem::TownshipRoleWithoutTownship);
    }
    let locale = locale(check, row, current);
    let (active, active_ok) = active(check, row);
    ok &= active_ok;
    let person = Person {
        code: code.as_deref(),
        roles: &roles,
        department,
    };
    let (head_of, heads_ok) = targets(check, refs, assigned, row, &person, Field::HeadOf);
    let (default_for, defaults_ok) =
        targets(check, refs, assigned, row, &person, Field::DefaultFor);
    let (
        Some(code),
        Some(name),
        Some(phone),
        Some(department),
        Some(section),
        Some(township),
        Some(locale),
        true,
        true,
        true,
    ) = (
        code,
        name,
        phone,
        department,
        section,
        township,
        locale,
        ok,
        heads_ok,
        defaults_ok,
    )
    else {
        return None;
    };
    Some(PersonRow {
        record: PersonRecord {
            code,
            name,
            phone,
            roles: roles.codes(),
            department_id: department,
            section_id: section,
            township_id: township,
            locale,
        },
        head_of,
        default_for,
        active,
    })
}

/// The in-post cell: `None` without the column, active when blank; and whether it parsed.
fn active(check: &mut Check<'_>, row: &Row) -> (Option<bool>, bool) {
    match check.cell(row, Field::Active) {
        None => (None, true),
        Some("") => (Some(true), true),
        Some(v) => match parse_active(v) {
            Some(a) => (Some(a), true),
            None => {
                check.fail(
                    row,
                    RowProblem::BadActive {
                        value: v.to_string(),
                    },
                );
                (None, false)
            }
        },
    }
}

/// The roles named in the row (those that parse), and whether all of them did and there is one.
fn roles(check: &mut Check<'_>, row: &Row) -> (Roles, bool) {
    let mut ok = true;
    let mut roles = Vec::new();
    for item in split_list(check.cell(row, Field::Roles).unwrap_or("")) {
        match Role::parse(item) {
            Some(r) => roles.push(r),
            None => {
                ok = false;
                check.fail(
                    row,
                    RowProblem::BadRole {
                        value: item.to_string(),
                    },
                );
            }
        }
    }
    let roles = Roles::new(roles);
    if ok && roles.is_empty() {
        ok = false;
        check.fail(row, RowProblem::NoRoles);
    }
    (roles, ok)
}

/// The person's department, or the township a township person (乡镇) follows, by code: the
/// stored one when the column is absent, none when the cell is empty; `None` (and the row
/// fails) when the code is unknown.
fn reference(
    check: &mut Check<'_>,
    refs: &Refs,
    row: &Row,
    current: Option<&Existing<PersonRecord>>,
    field: Field,
) -> Option<Option<i64>> {
    let record = current.map(|e| &e.record);
    let (known, stored) = if field == Field::Township {
        (&refs.townships, record.and_then(|r| r.township_id))
    } else {
        (&refs.departments, record.and_then(|r| r.department_id))
    };
    match check.cell(row, field) {
        None => Some(stored),
        Some("") => Some(None),
        Some(c) => match known.get(c) {
            Some(id) => Some(Some(*id)),
            None => {
                let code = c.to_string();
                let problem = if field == Field::Township {
                    RowProblem::UnknownTownship { code }
                } else {
                    RowProblem::UnknownDepartment { code }
                };
                check.fail(row, problem);
                None
            }
        },
    }
}

/// The person's section within `department`, by code or name; the stored one is kept when the
/// column is absent and the department is unchanged.
fn section(
    check: &mut Check<'_>,
    refs: &Refs,
    row: &Row,
    current: Option<&Existing<PersonRecord>>,
    department: Option<Option<i64>>,
) -> Option<Option<i64>> {
    let department_code = check.cell(row, Field::Department).unwrap_or("").to_string();
    match (check.cell(row, Field::Section), department) {
        (_, None) => None,
        (None, Some(d)) => Some(
            current
                .filter(|e| e.record.department_id == d)
                .and_then(|e| e.record.section_id),
        ),
        (Some(""), Some(_)) => Some(None),
        (Some(s), Some(None)) => {
            check.fail(
                row,
                RowProblem::SectionWithoutDepartment {
                    section: s.to_string(),
                },
            );
            None
        }
        (Some(s), Some(Some(d))) => {
            match refs
                .sections
                .iter()
                .find(|x| x.department_id == d && (x.code == s || x.name == s))
            {
                Some(x) => Some(Some(x.id)),
                None => {
                    check.fail(
                        row,
                        RowProblem::UnknownSection {
                            section: s.to_string(),
                            department: department_code,
                        },
                    );
                    None
                }
            }
        }
    }
}

/// The person's language: the stored one when the column is absent, the default when empty.
fn locale(
    check: &mut Check<'_>,
    row: &Row,
    current: Option<&Existing<PersonRecord>>,
) -> Option<String> {
    match check.cell(row, Field::Language) {
        None => Some(
            current
                .map(|e| e.record.locale.clone())
                .unwrap_or_else(|| DEFAULT_LOCALE.to_string()),
        ),
        Some("") => Some(DEFAULT_LOCALE.to_string()),
        Some(l) => match parse_language(l) {
            Some(l) => Some(l.to_string()),
            None => {
                check.fail(
                    row,
                    RowProblem::BadLanguage {
                        value: l.to_string(),
                    },
                );
                None
            }
        },
    }
}

/// What `targets` needs to know about the row's person.
struct Person<'r> {
    code: Option<&'r str>,
    roles: &'r Roles,
    department: Option<Option<i64>>,
}

/// The departments in a head-of or default-for cell, and whether every one could be given: a
/// default assignee must be an officer of the department, and each department is given once.
fn targets(
    check: &mut Check<'_>,
    refs: &Refs,
    assigned: &mut Assigned,
    row: &Row,
    person: &Person<'_>,
    field: Field,
) -> (Vec<i64>, bool) {
    let default_for = field == Field::DefaultFor;
    let mut ok = true;
    let mut ids = Vec::new();
    for item in split_list(check.cell(row, field).unwrap_or("")) {
        let Some(id) = refs.departments.get(item).copied() else {
            ok = false;
            check.fail(
                row,
                RowProblem::UnknownDepartment {
                    code: item.to_string(),
                },
            );
            continue;
        };
        if default_for
            && (!person.roles.has(Role::Officer)
                || person.department.is_some_and(|d| d != Some(id)))
        {
            ok = false;
            check.fail(
                row,
                RowProblem::NotOfficerOf {
                    person: person.code.unwrap_or_default().to_string(),
                    department: item.to_string(),
                },
            );
            continue;
        }
        if let Some(first_line) = assigned.get(&(field, id)).copied() {
            ok = false;
            check.fail(
                row,
                RowProblem::AssignedTwice {
                    department: item.to_string(),
                    first_line,
                },
            );
            continue;
        }
        assigned.insert((field, id), row.line);
        ids.push(id);
    }
    (ids, ok)
}

/// Inserts new people, updates changed ones, and gives them the departments they head or take.
async fn write_rows(
    conn: &mut PgConnection,
    refs: &Refs,
    planned: Vec<PersonRow>,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    for row in planned {
        let (id, outcome) = w
            .put(conn, refs.existing.get(&row.record.code), &row.record)
            .await?;
        let mut changed = false;
        for department_id in row.head_of {
            changed |= store::set_department_head(conn, department_id, id, w.now).await?;
        }
        for department_id in row.default_for {
            changed |=
                store::set_department_default_assignee(conn, department_id, id, w.now).await?;
        }
        let was_active = refs.active.get(&row.record.code).copied().unwrap_or(true);
        if let Some(active) = row.active
            && active != was_active
        {
            set_active(conn, id, &row.record.code, active, w).await?;
            changed = true;
        }
        w.count(outcome.or_updated(changed));
    }
    Ok(())
}

/// The in-post column changed a person: deactivated (queued notices cancelled, unused invites
/// revoked, accounts withdrawn) or activated again, and recorded in the audit log. The campaign
/// office is told of a deactivation by the command line after the import commits.
async fn set_active(
    conn: &mut PgConnection,
    id: i64,
    code: &str,
    active: bool,
    w: &Writer<'_>,
) -> Result<(), ImportError> {
    let detail = if active {
        access::activate(conn, id, w.now).await?;
        "activated by the people file".to_string()
    } else {
        let done = access::deactivate(conn, id, None, w.now)
            .await?
            .unwrap_or_default();
        format!(
            "deactivated by the people file; {} queued notices cancelled, {} unused invites revoked, {} accounts withdrawn",
            done.notices_cancelled, done.invites_revoked, done.accounts
        )
    };
    audit::record(
        conn,
        Source::CommandLine,
        "import people",
        code,
        &detail,
        w.now,
    )
    .await?;
    Ok(())
}
