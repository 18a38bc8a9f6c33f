//! The roster: townships, departments with their sections and category routes, people and
//! enterprises. Whole records in, whole records out; the import decides what changed.

use sqlx::{AssertSqlSafe, PgConnection};
use std::collections::HashMap;

use super::StoreError;
use crate::domain::Roles;

mod demo;
mod write;

pub use demo::{
    DemoCounts, RosterCounts, demo_counts, mark_cases_demo, mark_visit_demo, roster_counts,
};
pub use write::{
    Record, insert_record, route_category, set_department_default_assignee, set_department_head,
    update_record, upsert_section,
};

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
    /// The township a township person (乡镇) follows.
    pub township_id: Option<i64>,
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

/// A roster record the import finds by its code.
pub trait Coded: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> + Send + Unpin {
    /// `select id, <the record's columns> from <its table>`.
    const SELECT: &'static str;
    fn code(&self) -> &str;
    /// The record as the import compares it (the stored form may be written differently).
    fn normalized(self) -> Self {
        self
    }
}

impl Coded for TownshipRecord {
    const SELECT: &'static str = "select id, code, name from townships";
    fn code(&self) -> &str {
        &self.code
    }
}

impl Coded for DepartmentRecord {
    const SELECT: &'static str =
        "select id, code, name, head_id, default_assignee_id from departments";
    fn code(&self) -> &str {
        &self.code
    }
}

impl Coded for PersonRecord {
    const SELECT: &'static str = "select id, code, name, phone, roles, department_id, section_id, township_id, locale \
         from people";
    fn code(&self) -> &str {
        &self.code
    }
    fn normalized(mut self) -> Self {
        self.roles = Roles::from_codes(&self.roles).codes();
        self
    }
}

impl Coded for EnterpriseRecord {
    const SELECT: &'static str = "select id, code, name, kind, township_id, industry, cadre_id, contact_name, \
         contact_phone from enterprises";
    fn code(&self) -> &str {
        &self.code
    }
}

#[derive(sqlx::FromRow)]
struct WithId<T> {
    id: i64,
    #[sqlx(flatten)]
    record: T,
}

/// The records (townships, departments, people, enterprises) with these codes, by code.
pub async fn by_code<R: Coded>(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, Existing<R>>, StoreError> {
    let sql = format!("{} where code = any($1)", R::SELECT);
    let rows: Vec<WithId<R>> = sqlx::query_as(AssertSqlSafe(sql))
        .bind(codes)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let record = r.record.normalized();
            (record.code().to_string(), Existing { id: r.id, record })
        })
        .collect())
}

/// Ids of the townships with these codes.
pub async fn township_ids(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    ids_by_code(
        conn,
        "select code, id from townships where code = any($1)",
        codes,
    )
    .await
}

/// Ids of the departments with these codes.
pub async fn department_ids(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    ids_by_code(
        conn,
        "select code, id from departments where code = any($1)",
        codes,
    )
    .await
}

async fn ids_by_code(
    conn: &mut PgConnection,
    sql: &'static str,
    codes: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(sql).bind(codes).fetch_all(conn).await?;
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
