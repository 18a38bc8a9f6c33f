//! Writing the roster: townships, departments with their sections and category routes, people
//! and enterprises, one whole record at a time. A code already taken is `Duplicate`; an update
//! of a row that is gone is `NotFound`.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use sqlx::postgres::PgQueryResult;

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

pub async fn insert_township(
    conn: &mut PgConnection,
    r: &TownshipRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let values = Values::of(&r.code).with(&r.name).with(is_demo).with(now);
    insert(
        conn,
        "insert into townships (code, name, is_demo, created_at, updated_at) values ($1, $2, $3, $4, $4) returning id",
        values,
        ("township", &r.code),
    )
    .await
}

pub async fn update_township(
    conn: &mut PgConnection,
    id: i64,
    r: &TownshipRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let values = Values::of(id).with(&r.name).with(now);
    update(
        conn,
        "update townships set name = $2, updated_at = $3 where id = $1",
        values,
    )
    .await
}

/// A department's values after its code or id (`$1`): `$2` to `$4`.
fn department_values(first: Values, r: &DepartmentRecord) -> Values {
    first
        .with(&r.name)
        .with(r.head_id)
        .with(r.default_assignee_id)
}

pub async fn insert_department(
    conn: &mut PgConnection,
    r: &DepartmentRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let values = department_values(Values::of(&r.code), r)
        .with(is_demo)
        .with(now);
    insert(
        conn,
        "insert into departments (code, name, head_id, default_assignee_id, is_demo, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6) returning id",
        values,
        ("department", &r.code),
    )
    .await
}

pub async fn update_department(
    conn: &mut PgConnection,
    id: i64,
    r: &DepartmentRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let values = department_values(Values::of(id), r).with(now);
    update(
        conn,
        "update departments set name = $2, head_id = $3, default_assignee_id = $4, updated_at = $5 where id = $1",
        values,
    )
    .await
}

/// Inserts a roster row and returns its id; its code already taken is `Duplicate`.
async fn insert(
    conn: &mut PgConnection,
    sql: &'static str,
    values: Values,
    (what, code): (&'static str, &str),
) -> Result<i64, StoreError> {
    sqlx::query_scalar_with(sql, values.into_args()?)
        .fetch_one(conn)
        .await
        .map_err(|e| duplicate(e, what, code))
}

/// Updates one roster row by id: the row must exist.
async fn update(
    conn: &mut PgConnection,
    sql: &'static str,
    values: Values,
) -> Result<(), StoreError> {
    let done = sqlx::query_with(sql, values.into_args()?)
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

/// A person's values after their code or id (`$1`): `$2` to `$8`.
fn person_values(first: Values, r: &PersonRecord) -> Values {
    first
        .with(&r.name)
        .with(&r.phone)
        .with(&r.roles)
        .with(r.department_id)
        .with(r.section_id)
        .with(&r.locale)
        .with(r.township_id)
}

pub async fn insert_person(
    conn: &mut PgConnection,
    r: &PersonRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let values = person_values(Values::of(&r.code), r)
        .with(is_demo)
        .with(now);
    insert(
        conn,
        "insert into people (code, name, phone, roles, department_id, section_id, locale, township_id, \
         is_demo, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id",
        values,
        ("person", &r.code),
    )
    .await
}

pub async fn update_person(
    conn: &mut PgConnection,
    id: i64,
    r: &PersonRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let values = person_values(Values::of(id), r).with(now);
    update(
        conn,
        "update people set name = $2, phone = $3, roles = $4, department_id = $5, section_id = $6, locale = $7, \
         township_id = $8, updated_at = $9 where id = $1",
        values,
    )
    .await
}

/// An enterprise's values after its code or id (`$1`): `$2` to `$8`.
fn enterprise_values(first: Values, r: &EnterpriseRecord) -> Values {
    first
        .with(&r.name)
        .with(&r.kind)
        .with(r.township_id)
        .with(&r.industry)
        .with(r.cadre_id)
        .with(&r.contact_name)
        .with(&r.contact_phone)
}

pub async fn insert_enterprise(
    conn: &mut PgConnection,
    r: &EnterpriseRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let values = enterprise_values(Values::of(&r.code), r)
        .with(is_demo)
        .with(now);
    insert(
        conn,
        "insert into enterprises (code, name, kind, township_id, industry, cadre_id, contact_name, contact_phone, \
         is_demo, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id",
        values,
        ("enterprise", &r.code),
    )
    .await
}

pub async fn update_enterprise(
    conn: &mut PgConnection,
    id: i64,
    r: &EnterpriseRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let values = enterprise_values(Values::of(id), r).with(now);
    update(
        conn,
        "update enterprises set name = $2, kind = $3, township_id = $4, industry = $5, cadre_id = $6, \
         contact_name = $7, contact_phone = $8, updated_at = $9 where id = $1",
        values,
    )
    .await
}
