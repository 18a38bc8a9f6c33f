//! The roster: townships, departments with their sections and category routes, people and
//! enterprises. Whole records in, whole records out; the import decides what changed.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::collections::HashMap;

use super::StoreError;
use crate::domain::Roles;

/// A row already in the ledger: its id and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing<R> {
    pub id: i64,
    pub record: R,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TownshipRecord {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DepartmentRecord {
    pub code: String,
    pub name: String,
    pub head_id: Option<i64>,
    pub default_assignee_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonRecord {
    pub code: String,
    pub name: String,
    pub phone: Option<String>,
    /// Role codes in the order `domain::Roles::codes` gives them.
    pub roles: Vec<String>,
    pub department_id: Option<i64>,
    pub section_id: Option<i64>,
    pub locale: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EnterpriseRecord {
    pub code: String,
    pub name: String,
    /// `enterprise` (企业) or `project` (项目单位).
    pub kind: String,
    pub township_id: i64,
    pub industry: Option<String>,
    pub cadre_id: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

/// A department's section (科室).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SectionRow {
    pub id: i64,
    pub department_id: i64,
    pub code: String,
    pub name: String,
}

/// What a roster file may refer to about a person.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonRef {
    pub id: i64,
    pub code: String,
    pub roles: Vec<String>,
    pub department_id: Option<i64>,
}

/// Serializes roster imports and the demo across processes, for the rest of the transaction.
pub async fn lock_roster(conn: &mut PgConnection) -> Result<(), StoreError> {
    sqlx::query("select pg_advisory_xact_lock(hashtext('zhuqi.roster'))")
        .execute(conn)
        .await?;
    Ok(())
}

fn keyed<R>(rows: Vec<(i64, R)>, code: impl Fn(&R) -> String) -> HashMap<String, Existing<R>> {
    rows.into_iter()
        .map(|(id, record)| (code(&record), Existing { id, record }))
        .collect()
}

#[derive(sqlx::FromRow)]
struct WithId<T> {
    id: i64,
    #[sqlx(flatten)]
    record: T,
}

pub async fn townships_by_code(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, Existing<TownshipRecord>>, StoreError> {
    let rows: Vec<WithId<TownshipRecord>> =
        sqlx::query_as("select id, code, name from townships where code = any($1)")
            .bind(codes)
            .fetch_all(conn)
            .await?;
    Ok(keyed(
        rows.into_iter().map(|r| (r.id, r.record)).collect(),
        |r| r.code.clone(),
    ))
}

pub async fn departments_by_code(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, Existing<DepartmentRecord>>, StoreError> {
    let rows: Vec<WithId<DepartmentRecord>> = sqlx::query_as(
        "select id, code, name, head_id, default_assignee_id from departments where code = any($1)",
    )
    .bind(codes)
    .fetch_all(conn)
    .await?;
    Ok(keyed(
        rows.into_iter().map(|r| (r.id, r.record)).collect(),
        |r| r.code.clone(),
    ))
}

pub async fn people_by_code(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, Existing<PersonRecord>>, StoreError> {
    let rows: Vec<WithId<PersonRecord>> = sqlx::query_as(
        "select id, code, name, phone, roles, department_id, section_id, locale from people where code = any($1)",
    )
    .bind(codes)
    .fetch_all(conn)
    .await?;
    Ok(keyed(
        rows.into_iter()
            .map(|mut r| {
                r.record.roles = Roles::from_codes(&r.record.roles).codes();
                (r.id, r.record)
            })
            .collect(),
        |r| r.code.clone(),
    ))
}

pub async fn enterprises_by_code(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, Existing<EnterpriseRecord>>, StoreError> {
    let rows: Vec<WithId<EnterpriseRecord>> = sqlx::query_as(
        "select id, code, name, kind, township_id, industry, cadre_id, contact_name, contact_phone \
         from enterprises where code = any($1)",
    )
    .bind(codes)
    .fetch_all(conn)
    .await?;
    Ok(keyed(
        rows.into_iter().map(|r| (r.id, r.record)).collect(),
        |r| r.code.clone(),
    ))
}

/// Ids of the townships with these codes.
pub async fn township_ids(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("select code, id from townships where code = any($1)")
            .bind(codes)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Ids of the departments with these codes.
pub async fn department_ids(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("select code, id from departments where code = any($1)")
            .bind(codes)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().collect())
}

/// The people with these codes, with what a roster file may check about them.
pub async fn person_refs(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, PersonRef>, StoreError> {
    let rows: Vec<PersonRef> =
        sqlx::query_as("select id, code, roles, department_id from people where code = any($1)")
            .bind(codes)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|p| (p.code.clone(), p)).collect())
}

/// The sections of these departments.
pub async fn sections_of(
    conn: &mut PgConnection,
    department_ids: &[i64],
) -> Result<Vec<SectionRow>, StoreError> {
    Ok(sqlx::query_as(
        "select id, department_id, code, name from sections where department_id = any($1) order by id",
    )
    .bind(department_ids)
    .fetch_all(conn)
    .await?)
}

/// Which department each category is routed to, by category code.
pub async fn category_routes(conn: &mut PgConnection) -> Result<HashMap<String, i64>, StoreError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("select category, department_id from category_routes")
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().collect())
}

pub async fn insert_township(
    conn: &mut PgConnection,
    r: &TownshipRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into townships (code, name, is_demo, created_at, updated_at) values ($1, $2, $3, $4, $4) returning id",
    )
    .bind(&r.code)
    .bind(&r.name)
    .bind(is_demo)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn update_township(
    conn: &mut PgConnection,
    id: i64,
    r: &TownshipRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("update townships set name = $2, updated_at = $3 where id = $1")
        .bind(id)
        .bind(&r.name)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_department(
    conn: &mut PgConnection,
    r: &DepartmentRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into departments (code, name, head_id, default_assignee_id, is_demo, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6) returning id",
    )
    .bind(&r.code)
    .bind(&r.name)
    .bind(r.head_id)
    .bind(r.default_assignee_id)
    .bind(is_demo)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn update_department(
    conn: &mut PgConnection,
    id: i64,
    r: &DepartmentRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update departments set name = $2, head_id = $3, default_assignee_id = $4, updated_at = $5 where id = $1",
    )
    .bind(id)
    .bind(&r.name)
    .bind(r.head_id)
    .bind(r.default_assignee_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
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
    .map_err(super::map_err)?;
    Ok(done.rows_affected() > 0)
}

pub async fn insert_person(
    conn: &mut PgConnection,
    r: &PersonRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    sqlx::query_scalar(
        "insert into people (code, name, phone, roles, department_id, section_id, locale, is_demo, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
    )
    .bind(&r.code)
    .bind(&r.name)
    .bind(&r.phone)
    .bind(&r.roles)
    .bind(r.department_id)
    .bind(r.section_id)
    .bind(&r.locale)
    .bind(is_demo)
    .bind(now)
    .fetch_one(conn)
    .await
    .map_err(super::map_err)
}

pub async fn update_person(
    conn: &mut PgConnection,
    id: i64,
    r: &PersonRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update people set name = $2, phone = $3, roles = $4, department_id = $5, section_id = $6, locale = $7, \
         updated_at = $8 where id = $1",
    )
    .bind(id)
    .bind(&r.name)
    .bind(&r.phone)
    .bind(&r.roles)
    .bind(r.department_id)
    .bind(r.section_id)
    .bind(&r.locale)
    .bind(now)
    .execute(conn)
    .await
    .map_err(super::map_err)?;
    Ok(())
}

pub async fn insert_enterprise(
    conn: &mut PgConnection,
    r: &EnterpriseRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    sqlx::query_scalar(
        "insert into enterprises (code, name, kind, township_id, industry, cadre_id, contact_name, contact_phone, \
         is_demo, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id",
    )
    .bind(&r.code)
    .bind(&r.name)
    .bind(&r.kind)
    .bind(r.township_id)
    .bind(&r.industry)
    .bind(r.cadre_id)
    .bind(&r.contact_name)
    .bind(&r.contact_phone)
    .bind(is_demo)
    .bind(now)
    .fetch_one(conn)
    .await
    .map_err(super::map_err)
}

pub async fn update_enterprise(
    conn: &mut PgConnection,
    id: i64,
    r: &EnterpriseRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update enterprises set name = $2, kind = $3, township_id = $4, industry = $5, cadre_id = $6, \
         contact_name = $7, contact_phone = $8, updated_at = $9 where id = $1",
    )
    .bind(id)
    .bind(&r.name)
    .bind(&r.kind)
    .bind(r.township_id)
    .bind(&r.industry)
    .bind(r.cadre_id)
    .bind(&r.contact_name)
    .bind(&r.contact_phone)
    .bind(now)
    .execute(conn)
    .await
    .map_err(super::map_err)?;
    Ok(())
}

/// How many roster rows (townships, departments, people, enterprises) are real and how many demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RosterCounts {
    pub real: i64,
    pub demo: i64,
}

pub async fn roster_counts(conn: &mut PgConnection) -> Result<RosterCounts, StoreError> {
    let (real, demo): (i64, i64) = sqlx::query_as(
        "select coalesce(sum(n) filter (where not is_demo), 0)::bigint, coalesce(sum(n) filter (where is_demo), 0)::bigint \
         from (select is_demo, count(*) as n from townships group by is_demo \
               union all select is_demo, count(*) from departments group by is_demo \
               union all select is_demo, count(*) from people group by is_demo \
               union all select is_demo, count(*) from enterprises group by is_demo) counts",
    )
    .fetch_one(conn)
    .await?;
    Ok(RosterCounts { real, demo })
}

/// Marks cases as demo data (the demo creates them through `cases::report`, like anyone).
pub async fn mark_cases_demo(conn: &mut PgConnection, case_ids: &[i64]) -> Result<(), StoreError> {
    sqlx::query("update cases set is_demo = true where id = any($1)")
        .bind(case_ids)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks visits as demo data.
pub async fn mark_visit_demo(conn: &mut PgConnection, visit_id: i64) -> Result<(), StoreError> {
    sqlx::query("update visits set is_demo = true where id = $1")
        .bind(visit_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// What the demo put into the ledger, counted from the rows marked as demo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoCounts {
    pub townships: i64,
    pub departments: i64,
    pub people: i64,
    pub enterprises: i64,
    pub cases: i64,
    pub visits: i64,
    /// Demo cases per status code.
    pub by_status: Vec<(String, i64)>,
}

pub async fn demo_counts(conn: &mut PgConnection) -> Result<DemoCounts, StoreError> {
    let (townships, departments, people, enterprises, cases, visits): (i64, i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "select (select count(*) from townships where is_demo), (select count(*) from departments where is_demo), \
             (select count(*) from people where is_demo), (select count(*) from enterprises where is_demo), \
             (select count(*) from cases where is_demo), (select count(*) from visits where is_demo)",
        )
        .fetch_one(&mut *conn)
        .await?;
    let by_status: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from cases where is_demo group by status order by status",
    )
    .fetch_all(conn)
    .await?;
    Ok(DemoCounts {
        townships,
        departments,
        people,
        enterprises,
        cases,
        visits,
        by_status,
    })
}

/// The id of the township with this roster code.
pub async fn township_id(conn: &mut PgConnection, code: &str) -> Result<Option<i64>, StoreError> {
    id_of(conn, "select id from townships where code = $1", code).await
}

/// The id of the department with this roster code.
pub async fn department_id(conn: &mut PgConnection, code: &str) -> Result<Option<i64>, StoreError> {
    id_of(conn, "select id from departments where code = $1", code).await
}

/// The id of the cadre with this roster code (someone without the cadre role is not found).
pub async fn cadre_id(conn: &mut PgConnection, code: &str) -> Result<Option<i64>, StoreError> {
    let sql = "select id from people where code = $1 and 'cadre' = any(roles)";
    id_of(conn, sql, code).await
}

async fn id_of(
    conn: &mut PgConnection,
    sql: &'static str,
    code: &str,
) -> Result<Option<i64>, StoreError> {
    let id = sqlx::query_scalar(sql)
        .bind(code.trim())
        .fetch_optional(conn)
        .await?;
    Ok(id)
}
