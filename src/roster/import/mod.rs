//! Checks every row of a roster file against the ledger, then writes them all in one
//! transaction: insert new codes, update changed rows, leave unchanged rows untouched.
//!
//! A column the file does not have leaves the stored value alone; an empty cell in a column
//! the file has clears an optional value.

use chrono::{DateTime, Utc};
use indicatif::ProgressBar;
use sqlx::{PgConnection, PgPool};
use std::collections::HashMap;

use super::table::{Field, Row, Table, split_list};
use super::{ImportError, ImportReport, RowError, RowProblem};
use crate::cli::ImportKind;
use crate::domain::{Category, Role, Roles};
use crate::i18n::DEFAULT_LOCALE;
use crate::store::roster::{
    self as store, DepartmentRecord, EnterpriseRecord, Existing, PersonRecord, SectionRow,
    TownshipRecord,
};

const MAX_CODE: usize = 64;
const MAX_TEXT: usize = 200;

/// Imports one roster file in one transaction: every row is written, or none when any row is
/// bad (then `ImportError::BadRows` lists them all). `progress` counts the rows written and is
/// shown only for files of at least `progress_from` rows.
pub async fn import(
    pool: &PgPool,
    kind: ImportKind,
    bytes: &[u8],
    now: DateTime<Utc>,
    progress: &ProgressBar,
    progress_from: u64,
) -> Result<ImportReport, ImportError> {
    let table = Table::read(kind, bytes)?;
    let rows = table.rows.len() as u64;
    if rows < progress_from {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.set_length(rows);
    let mut tx = pool.begin().await?;
    store::lock_roster(&mut tx).await?;
    let mut report = ImportReport {
        kind,
        rows: table.rows.len(),
        inserted: 0,
        updated: 0,
        unchanged: 0,
    };
    let mut w = Writer {
        report: &mut report,
        progress,
        now,
    };
    match kind {
        ImportKind::Townships => townships(&mut tx, &table, &mut w).await?,
        ImportKind::Departments => departments(&mut tx, &table, &mut w).await?,
        ImportKind::People => people(&mut tx, &table, &mut w).await?,
        ImportKind::Enterprises => enterprises(&mut tx, &table, &mut w).await?,
    }
    tx.commit().await?;
    Ok(report)
}

/// Counts what was written and moves the progress bar.
struct Writer<'a> {
    report: &'a mut ImportReport,
    progress: &'a ProgressBar,
    now: DateTime<Utc>,
}

enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

impl Writer<'_> {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Inserted => self.report.inserted += 1,
            Outcome::Updated => self.report.updated += 1,
            Outcome::Unchanged => self.report.unchanged += 1,
        }
        self.progress.inc(1);
    }
}

/// Collects the problems of every row; the file is imported only when there are none.
struct Check<'t> {
    table: &'t Table,
    errors: Vec<RowError>,
    seen_codes: HashMap<String, u64>,
}

impl<'t> Check<'t> {
    fn new(table: &'t Table) -> Check<'t> {
        Check {
            table,
            errors: Vec::new(),
            seen_codes: HashMap::new(),
        }
    }

    fn fail(&mut self, row: &Row, problem: RowProblem) {
        self.errors.push(RowError {
            line: row.line,
            problem,
        });
    }

    fn cell<'r>(&self, row: &'r Row, field: Field) -> Option<&'r str> {
        self.table.cell(row, field)
    }

    /// The row's code: present, one word, not seen earlier in the file.
    fn code(&mut self, row: &Row) -> Option<String> {
        let code = self.cell(row, Field::Code).unwrap_or("").to_string();
        if code.is_empty() {
            let column = self.table.header(Field::Code);
            self.fail(row, RowProblem::Missing { column });
            return None;
        }
        if !is_code(&code) {
            self.fail(row, RowProblem::BadCode { value: code });
            return None;
        }
        if let Some(first_line) = self.seen_codes.get(&code).copied() {
            self.fail(row, RowProblem::DuplicateCode { code, first_line });
            return None;
        }
        self.seen_codes.insert(code.clone(), row.line);
        Some(code)
    }

    /// A required text cell.
    fn required(&mut self, row: &Row, field: Field) -> Option<String> {
        match self.optional(row, field) {
            Ok(Some(Some(v))) => Some(v),
            Ok(_) => {
                let column = self.table.header(field);
                self.fail(row, RowProblem::Missing { column });
                None
            }
            Err(()) => None,
        }
    }

    /// An optional text cell: `Ok(None)` when the column is absent, `Ok(Some(None))` when the
    /// cell is empty, `Err(())` when the cell was reported as bad.
    fn optional(&mut self, row: &Row, field: Field) -> Cell {
        let Some(cell) = self.cell(row, field) else {
            return Ok(None);
        };
        if cell.is_empty() {
            return Ok(Some(None));
        }
        if cell.chars().count() > MAX_TEXT {
            let column = self.table.header(field);
            self.fail(
                row,
                RowProblem::TooLong {
                    column,
                    max: MAX_TEXT,
                },
            );
            return Err(());
        }
        Ok(Some(Some(cell.to_string())))
    }

    /// An optional phone number cell.
    fn phone(&mut self, row: &Row, field: Field) -> Cell {
        match self.optional(row, field)? {
            Some(Some(p)) if !is_phone(&p) => {
                self.fail(row, RowProblem::BadPhone { value: p });
                Err(())
            }
            v => Ok(v),
        }
    }

    fn done(self) -> Result<(), ImportError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ImportError::BadRows(self.errors))
        }
    }
}

/// A checked optional cell: absent column, empty cell or value; `Err` when reported as bad.
type Cell = Result<Option<Option<String>>, ()>;

/// The value to store for an optional cell: the file's when the column is present, the stored
/// one otherwise; `None` when the cell was bad.
fn merge(cell: Cell, stored: Option<&Option<String>>) -> Option<Option<String>> {
    match cell {
        Ok(Some(v)) => Some(v),
        Ok(None) => Some(stored.cloned().flatten()),
        Err(()) => None,
    }
}

/// A code is one word of printable characters, at most 64 of them.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_CODE
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control())
}

/// Phone numbers as officials write them: digits with optional `+`, spaces, dashes and
/// parentheses; 7 to 15 digits (landline with area code, mobile, international).
pub fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let mut digits = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '(' | ')' => {}
            _ => return false,
        }
    }
    (7..=15).contains(&digits)
}

/// `zh-CN` or `en`, from what a roster file says.
fn parse_language(s: &str) -> Option<&'static str> {
    let lower = s.trim().to_lowercase();
    match lower.as_str() {
        "zh-cn" | "zh" | "zh_cn" | "zh-hans" | "中文" | "简体中文" | "汉语" | "chinese" => {
            Some("zh-CN")
        }
        "en" | "en-us" | "en-gb" | "english" | "英文" | "英语" => Some("en"),
        _ => None,
    }
}

fn parse_kind(s: &str) -> Option<&'static str> {
    match s.trim().to_lowercase().as_str() {
        "enterprise" | "企业" => Some("enterprise"),
        "project" | "项目单位" | "项目" => Some("project"),
        _ => None,
    }
}

fn unique(codes: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = codes.into_iter().collect();
    v.sort();
    v.dedup();
    v
}

async fn townships(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let mut check = Check::new(table);
    let mut planned = Vec::new();
    for row in &table.rows {
        let code = check.code(row);
        let name = check.required(row, Field::Name);
        if let (Some(code), Some(name)) = (code, name) {
            planned.push(TownshipRecord { code, name });
        }
    }
    check.done()?;
    let codes: Vec<String> = planned.iter().map(|r| r.code.clone()).collect();
    let existing = store::townships_by_code(conn, &codes).await?;
    for record in planned {
        let outcome = match existing.get(&record.code) {
            None => {
                store::insert_township(conn, &record, false, w.now).await?;
                Outcome::Inserted
            }
            Some(e) if e.record == record => Outcome::Unchanged,
            Some(e) => {
                store::update_township(conn, e.id, &record, w.now).await?;
                Outcome::Updated
            }
        };
        w.count(outcome);
    }
    Ok(())
}

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

/// `CODE=名称`, `CODE:名称` or just `名称` (the name is then also the code).
fn parse_section(entry: &str) -> Option<(String, String)> {
    let (code, name) = match entry.split_once(['=', ':', '：']) {
        Some((c, n)) => (c.trim(), n.trim()),
        None => (entry.trim(), entry.trim()),
    };
    (is_code(code) && !name.is_empty() && name.chars().count() <= MAX_TEXT)
        .then(|| (code.to_string(), name.to_string()))
}

async fn departments(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let codes = unique(
        table
            .rows
            .iter()
            .filter_map(|r| table.cell(r, Field::Code).map(str::to_string)),
    );
    let existing = store::departments_by_code(conn, &codes).await?;
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
        let (id, mut outcome) = match current {
            None => (
                store::insert_department(conn, &record, false, w.now).await?,
                Outcome::Inserted,
            ),
            Some(e) if e.record == record => (e.id, Outcome::Unchanged),
            Some(e) => {
                store::update_department(conn, e.id, &record, w.now).await?;
                (e.id, Outcome::Updated)
            }
        };
        let mut changed = false;
        for (code, name) in &row.sections {
            changed |= store::upsert_section(conn, id, code, name, w.now).await?.1;
        }
        for category in &row.categories {
            changed |= store::route_category(conn, category.code(), id).await?;
        }
        if changed && matches!(outcome, Outcome::Unchanged) {
            outcome = Outcome::Updated;
        }
        w.count(outcome);
    }
    Ok(())
}

/// A person row, checked; references resolved.
struct PersonRow {
    record: PersonRecord,
    head_of: Vec<i64>,
    default_for: Vec<i64>,
}

async fn people(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let codes = unique(
        table
            .rows
            .iter()
            .filter_map(|r| table.cell(r, Field::Code).map(str::to_string)),
    );
    let existing = store::people_by_code(conn, &codes).await?;
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

    let mut check = Check::new(table);
    let mut assigned: HashMap<(Field, i64), u64> = HashMap::new();
    let mut planned = Vec::new();
    for row in &table.rows {
        let code = check.code(row);
        let name = check.required(row, Field::Name);
        let mut ok = true;
        let mut roles = Vec::new();
        let roles_cell = check.cell(row, Field::Roles).unwrap_or("");
        for item in split_list(roles_cell) {
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
        let current = code.as_ref().and_then(|c| existing.get(c));
        let phone = merge(
            check.phone(row, Field::Phone),
            current.map(|e| &e.record.phone),
        );
        let department: Option<Option<i64>> = match check.cell(row, Field::Department) {
            None => Some(current.and_then(|e| e.record.department_id)),
            Some("") => Some(None),
            Some(c) => match departments.get(c) {
                Some(id) => Some(Some(*id)),
                None => {
                    check.fail(
                        row,
                        RowProblem::UnknownDepartment {
                            code: c.to_string(),
                        },
                    );
                    None
                }
            },
        };
        let department_code = check.cell(row, Field::Department).unwrap_or("").to_string();
        let section: Option<Option<i64>> = match (check.cell(row, Field::Section), department) {
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
                match sections
                    .iter()
                    .find(|x: &&SectionRow| x.department_id == d && (x.code == s || x.name == s))
                {
                    Some(x) => Some(Some(x.id)),
                    None => {
                        check.fail(
                            row,
                            RowProblem::UnknownSection {
                                section: s.to_string(),
                                department: department_code.clone(),
                            },
                        );
                        None
                    }
                }
            }
        };
        if let Some(None) = department
            && roles.has(Role::Officer)
        {
            ok = false;
            check.fail(row, RowProblem::OfficerWithoutDepartment);
        }
        let locale = match check.cell(row, Field::Language) {
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
        };
        let mut targets = |field: Field, default_for: bool| -> Vec<i64> {
            let mut ids = Vec::new();
            for item in split_list(check.cell(row, field).unwrap_or("")) {
                let Some(id) = departments.get(item).copied() else {
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
                    && (!roles.has(Role::Officer) || department.is_some_and(|d| d != Some(id)))
                {
                    ok = false;
                    check.fail(
                        row,
                        RowProblem::NotOfficerOf {
                            person: code.clone().unwrap_or_default(),
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
            ids
        };
        let head_of = targets(Field::HeadOf, false);
        let default_for = targets(Field::DefaultFor, true);
        if let (
            Some(code),
            Some(name),
            Some(phone),
            Some(department),
            Some(section),
            Some(locale),
            true,
        ) = (code, name, phone, department, section, locale, ok)
        {
            planned.push(PersonRow {
                record: PersonRecord {
                    code,
                    name,
                    phone,
                    roles: roles.codes(),
                    department_id: department,
                    section_id: section,
                    locale,
                },
                head_of,
                default_for,
            });
        }
    }
    check.done()?;

    for row in planned {
        let (id, mut outcome) = match existing.get(&row.record.code) {
            None => (
                store::insert_person(conn, &row.record, false, w.now).await?,
                Outcome::Inserted,
            ),
            Some(e) if e.record == row.record => (e.id, Outcome::Unchanged),
            Some(e) => {
                store::update_person(conn, e.id, &row.record, w.now).await?;
                (e.id, Outcome::Updated)
            }
        };
        let mut changed = false;
        for department_id in row.head_of {
            changed |= store::set_department_head(conn, department_id, id, w.now).await?;
        }
        for department_id in row.default_for {
            changed |=
                store::set_department_default_assignee(conn, department_id, id, w.now).await?;
        }
        if changed && matches!(outcome, Outcome::Unchanged) {
            outcome = Outcome::Updated;
        }
        w.count(outcome);
    }
    Ok(())
}

async fn enterprises(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let column = |f: Field| {
        unique(
            table
                .rows
                .iter()
                .filter_map(|r| table.cell(r, f))
                .filter(|c| !c.is_empty())
                .map(str::to_string),
        )
    };
    let existing = store::enterprises_by_code(conn, &column(Field::Code)).await?;
    let townships = store::township_ids(conn, &column(Field::Township)).await?;
    let cadres = store::person_refs(conn, &column(Field::Cadre)).await?;

    let mut check = Check::new(table);
    let mut planned = Vec::new();
    for row in &table.rows {
        let code = check.code(row);
        let name = check.required(row, Field::Name);
        let township = match check.required(row, Field::Township) {
            Some(t) => match townships.get(&t) {
                Some(id) => Some(*id),
                None => {
                    check.fail(row, RowProblem::UnknownTownship { code: t });
                    None
                }
            },
            None => None,
        };
        let current = code.as_ref().and_then(|c| existing.get(c));
        let kind = match check.cell(row, Field::Kind) {
            None => Some(
                current
                    .map(|e| e.record.kind.clone())
                    .unwrap_or_else(|| "enterprise".to_string()),
            ),
            Some("") => Some("enterprise".to_string()),
            Some(k) => match parse_kind(k) {
                Some(k) => Some(k.to_string()),
                None => {
                    check.fail(
                        row,
                        RowProblem::BadKind {
                            value: k.to_string(),
                        },
                    );
                    None
                }
            },
        };
        let cadre: Option<Option<i64>> = match check.cell(row, Field::Cadre) {
            None => Some(current.and_then(|e| e.record.cadre_id)),
            Some("") => Some(None),
            Some(c) => match cadres.get(c) {
                None => {
                    check.fail(
                        row,
                        RowProblem::UnknownPerson {
                            code: c.to_string(),
                        },
                    );
                    None
                }
                Some(p) if !Roles::from_codes(&p.roles).has(Role::Cadre) => {
                    check.fail(
                        row,
                        RowProblem::NotACadre {
                            code: c.to_string(),
                        },
                    );
                    None
                }
                Some(p) => Some(Some(p.id)),
            },
        };
        let old = current.map(|e| &e.record);
        let industry = merge(
            check.optional(row, Field::Industry),
            old.map(|o| &o.industry),
        );
        let contact = merge(
            check.optional(row, Field::Contact),
            old.map(|o| &o.contact_name),
        );
        let contact_phone = merge(
            check.phone(row, Field::ContactPhone),
            old.map(|o| &o.contact_phone),
        );
        if let (
            Some(code),
            Some(name),
            Some(township_id),
            Some(kind),
            Some(cadre_id),
            Some(industry),
            Some(contact_name),
            Some(contact_phone),
        ) = (
            code,
            name,
            township,
            kind,
            cadre,
            industry,
            contact,
            contact_phone,
        ) {
            planned.push(EnterpriseRecord {
                code,
                name,
                kind,
                township_id,
                industry,
                cadre_id,
                contact_name,
                contact_phone,
            });
        }
    }
    check.done()?;

    for record in planned {
        let outcome = match existing.get(&record.code) {
            None => {
                store::insert_enterprise(conn, &record, false, w.now).await?;
                Outcome::Inserted
            }
            Some(e) if e.record == record => Outcome::Unchanged,
            Some(e) => {
                store::update_enterprise(conn, e.id, &record, w.now).await?;
                Outcome::Updated
            }
        };
        w.count(outcome);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_as_officials_write_them_are_accepted() {
        for ok in [
            "13800000000",
            "029-8765 4321",
            "+86 138 0000 0000",
            "(029)87654321",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12345", "电话", "138-0000-000x", "1234567890123456", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn sections_are_code_and_name_or_just_a_name() {
        assert_eq!(
            parse_section("zh=综合科"),
            Some(("zh".to_string(), "综合科".to_string()))
        );
        assert_eq!(
            parse_section("综合科"),
            Some(("综合科".to_string(), "综合科".to_string()))
        );
        assert_eq!(parse_section("=综合科"), None);
        assert_eq!(parse_section("a b=综合科"), None);
    }

    #[test]
    fn languages_are_read_in_either_language() {
        assert_eq!(parse_language("中文"), Some("zh-CN"));
        assert_eq!(parse_language("English"), Some("en"));
        assert_eq!(parse_language("fr"), None);
    }
}
