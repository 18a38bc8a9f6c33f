//! Writing the roster: townships, departments with their sections and category routes, people
//! and enterprises, one whole record at a time. A code already taken is `Duplicate`; an update
//! of a row that is gone is `NotFound`.

use chrono::{DateTime, Utc};
use sqlx::postgres::PgQueryResult;
use sqlx::{AssertSqlSafe, PgConnection};

use super::{DepartmentRecord, EnterpriseRecord, PersonRecord, TownshipRecord};
use crate::store::{StoreError, Values, map_err};

/// Names the code a unique constraint refused, so the import can say which row clashed.
fn duplicate(e: sqlx::Error, what: &'static str, code: &str) -> StoreError {
    match map_err(e) {
        StoreError::Constraint(name) if name.ends_with("_code_key") => StoreError::Duplicate {
            what,
            key: code.to_string(),
        },
        other => other,
    }
}

/// An update of one row by id: the row must exist.
fn one_row(done: PgQueryResult) -> Result<(), StoreError> {
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A roster record as the ledger stores it: its table, what an import calls one, and its
/// columns after `code`, whose values `values` adds in that order.
pub trait Record {
    const WHAT: &'static str;
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    fn code(&self) -> &str;
    fn values(&self, first: Values) -> Values;
}

/// `Record` for a record type whose columns are its fields of the same names.
macro_rules! record {
    ($record:ty, $what:literal, $table:literal, [$($column:ident),+]) => {
        impl Record for $record {
            const WHAT: &'static str = $what;
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($column)),+];
            fn code(&self) -> &str {
                &self.code
            }
            fn values(&self, first: Values) -> Values {
                first$(.with(&self.$column))+
            }
        }
    };
}

record!(TownshipRecord, "township", "townships", [name]);
record!(
    DepartmentRecord,
    "department",
    "departments",
    [name, head_id, default_assignee_id]
);
record!(
    PersonRecord,
    "person",
    "people",
    [
        name,
        phone,
        roles,
        department_id,
        section_id,
        locale,
        township_id
    ]
);
record!(
    EnterpriseRecord,
    "enterprise",
    "enterprises",
    [
        name,
        kind,
        township_id,
        industry,
        cadre_id,
        contact_name,
        contact_phone
    ]
);

/// Inserts a roster row and returns its id; its code already taken is `Duplicate`.
pub async fn insert_record<R: Record>(
    conn: &mut PgConnection,
    r: &R,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    // $1 the code, then the columns, then is_demo, then the time for both stamps.
    let n = R::COLUMNS.len();
    let params: Vec<String> = (1..=n + 3).map(|i| format!("${i}")).collect();
    let sql = format!(
        "insert into {} (code, {}, is_demo, created_at, updated_at) values ({}, ${}) returning id",
        R::TABLE,
        R::COLUMNS.join(", "),
        params.join(", "),
        n + 3,
    );
    let values = r.values(Values::of(r.code())).with(is_demo).with(now);
    sqlx::query_scalar_with(AssertSqlSafe(sql), values.into_args()?)
        .fetch_one(conn)
        .await
        .map_err(|e| duplicate(e, R::WHAT, r.code()))
}

/// Updates a roster row by id with the whole record but its code: the row must exist.
pub async fn update_record<R: Record>(
    conn: &mut PgConnection,
    id: i64,
    r: &R,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = R::COLUMNS.len();
    let set: Vec<String> = R::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ${}", i + 2))
        .collect();
    let sql = format!(
        "update {} set {}, updated_at = ${} where id = $1",
        R::TABLE,
        set.join(", "),
        n + 2,
    );
    let values = r.values(Values::of(id)).with(now);
    let done = sqlx::query_with(AssertSqlSafe(sql), values.into_args()?)
        .execute(conn)
        .await?;
    one_row(done)
}

/// Names a department's head; returns whether anything changed.
pub async fn set_department_head(
    conn: &mut PgConnection,
    department_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update departments set head_id = $2, updated_at = $3 where id = $1 and head_id is distinct from $2",
    )
    .bind(department_id)
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Names the person who receives a department's cases by default; returns whether anything changed.
pub async fn set_department_default_assignee(
    conn: &mut PgConnection,
    department_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update departments set default_assignee_id = $2, updated_at = $3 \
         where id = $1 and default_assignee_id is distinct from $2",
    )
    .bind(department_id)
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Adds a section or renames it; returns its id and whether anything changed.
pub async fn upsert_section(
    conn: &mut PgConnection,
    department_id: i64,
    code: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(i64, bool), StoreError> {
    let existing: Option<(i64, String)> =
        sqlx::query_as("select id, name from sections where department_id = $1 and code = $2")
            .bind(department_id)
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?;
    match existing {
        Some((id, old)) if old == name => Ok((id, false)),
        Some((id, _)) => {
            sqlx::query("update sections set name = $2 where id = $1")
                .bind(id)
                .bind(name)
                .execute(conn)
                .await?;
            Ok((id, true))
        }
        None => {
            let id = sqlx::query_scalar(
                "insert into sections (department_id, code, name, created_at) values ($1, $2, $3, $4) returning id",
            )
            .bind(department_id)
            .bind(code)
            .bind(name)
            .bind(now)
            .fetch_one(conn)
            .await?;
            Ok((id, true))
        }
    }
}

/// Routes a category to a department; returns whether anything changed.
pub async fn route_category(
    conn: &mut PgConnection,
    category: &str,
    department_id: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "insert into category_routes (category, department_id) values ($1, $2) \
         on conflict (category) do update set department_id = excluded.department_id \
         where category_routes.department_id <> excluded.department_id",
    )
    .bind(category)
    .bind(department_id)
    .execute(conn)
    .await
    .map_err(map_err)?;
    Ok(done.rows_affected() > 0)
}
