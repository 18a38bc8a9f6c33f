//! Inspections (督查): the record of one inspection with its targets and findings, written in
//! one go; the names an inspection's targets can be typed as; and the reads its card, the
//! follow-up (跟踪督查) and the report need.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::domain::inspection::{InspectionKind, TargetKind};

/// One thing an inspection looked at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Target {
    pub kind: TargetKind,
    pub id: i64,
    pub label: String,
}

/// An inspection to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInspection {
    pub kind: InspectionKind,
    pub inspected_on: NaiveDate,
    pub inspector_id: i64,
    pub follows_id: Option<i64>,
    pub targets: Vec<Target>,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InspectionRow {
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub inspected_on: NaiveDate,
    pub inspector_id: i64,
    pub inspector_name: String,
    pub follows_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl InspectionRow {
    pub fn kind(&self) -> InspectionKind {
        InspectionKind::parse(&self.kind).unwrap_or(InspectionKind::Centralized)
    }
}

const SELECT: &str = "select i.id, i.number, i.kind, i.inspected_on, i.inspector_id, p.name as inspector_name, \
     i.follows_id, i.created_at from inspections i join people p on p.id = i.inspector_id";

/// A finding, with the rectification item it became, if any.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FindingRow {
    pub id: i64,
    pub inspection_id: i64,
    pub seq: i32,
    pub body: String,
    pub rect_id: Option<i64>,
    pub rect_number: Option<String>,
    pub rect_status: Option<String>,
}

const FINDING_SELECT: &str = "select f.id, f.inspection_id, f.seq, f.body, r.id as rect_id, r.number as rect_number, \
     r.status as rect_status from inspection_findings f left join rectifications r on r.finding_id = f.id";

/// Records the inspection, its targets and its findings (numbered from 1).
pub async fn create(
    conn: &mut PgConnection,
    new: &NewInspection,
    now: DateTime<Utc>,
) -> Result<InspectionRow, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "insert into inspections (number, kind, inspected_on, inspector_id, follows_id, created_at) \
         values (next_case_number('DC', $1), $2, $3, $4, $5, $6) returning id",
    )
    .bind(new.inspected_on.year())
    .bind(new.kind.code())
    .bind(new.inspected_on)
    .bind(new.inspector_id)
    .bind(new.follows_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for t in &new.targets {
        sqlx::query(
            "insert into inspection_targets (inspection_id, target_kind, target_id, label) \
             values ($1, $2, $3, $4) on conflict on constraint inspection_targets_key do nothing",
        )
        .bind(id)
        .bind(t.kind.code())
        .bind(t.id)
        .bind(&t.label)
        .execute(&mut *conn)
        .await?;
    }
    for (seq, body) in new.findings.iter().enumerate() {
        sqlx::query(
            "insert into inspection_findings (inspection_id, seq, body) values ($1, $2, $3)",
        )
        .bind(id)
        .bind(seq as i32 + 1)
        .bind(body)
        .execute(&mut *conn)
        .await?;
    }
    by_id(conn, id).await?.ok_or(StoreError::NotFound)
}

/// Inspections, newest first: one (`id`), those held in a period, at most `limit`.
async fn select(
    conn: &mut PgConnection,
    id: Option<i64>,
    period: Option<(NaiveDate, NaiveDate)>,
    limit: i64,
) -> Result<Vec<InspectionRow>, StoreError> {
    let (from, to) = period.unzip();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where ($1::bigint is null or i.id = $1) \
         and ($2::date is null or i.inspected_on between $2 and $3) \
         order by i.inspected_on desc, i.id desc limit $4"
    )))
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<InspectionRow>, StoreError> {
    Ok(select(conn, Some(id), None, 1).await?.pop())
}

/// The latest inspections, newest first (those a follow-up can follow).
pub async fn recent(conn: &mut PgConnection, limit: i64) -> Result<Vec<InspectionRow>, StoreError> {
    select(conn, None, None, limit).await
}

/// The inspections held in a period (by the day inspected), oldest first.
pub async fn in_period(
    conn: &mut PgConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<InspectionRow>, StoreError> {
    let mut held = select(conn, None, Some((from, to)), i64::MAX).await?;
    held.reverse();
    Ok(held)
}

/// Rows of (kind, id, label) as targets; a kind this version does not know is left out.
fn to_targets(rows: Vec<(String, i64, String)>) -> Vec<Target> {
    rows.into_iter()
        .filter_map(|(k, id, label)| TargetKind::parse(&k).map(|kind| Target { kind, id, label }))
        .collect()
}

pub async fn targets(
    conn: &mut PgConnection,
    inspection_id: i64,
) -> Result<Vec<Target>, StoreError> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "select target_kind, target_id, label from inspection_targets where inspection_id = $1 order by id",
    )
    .bind(inspection_id)
    .fetch_all(conn)
    .await?;
    Ok(to_targets(rows))
}

/// Findings in order: of an inspection, or one by its id.
async fn select_findings(
    conn: &mut PgConnection,
    inspection_id: Option<i64>,
    id: Option<i64>,
) -> Result<Vec<FindingRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{FINDING_SELECT} where ($1::bigint is null or f.inspection_id = $1) \
         and ($2::bigint is null or f.id = $2) order by f.inspection_id, f.seq"
    )))
    .bind(inspection_id)
    .bind(id)
    .fetch_all(conn)
    .await?)
}

pub async fn findings(
    conn: &mut PgConnection,
    inspection_id: i64,
) -> Result<Vec<FindingRow>, StoreError> {
    select_findings(conn, Some(inspection_id), None).await
}

pub async fn finding(conn: &mut PgConnection, id: i64) -> Result<Option<FindingRow>, StoreError> {
    Ok(select_findings(conn, None, Some(id)).await?.pop())
}

/// What a typed name can be, among the things an inspection looks at: a department, a
/// township, a cadre, an enterprise (by exact name) or a case (by number).
pub async fn find_target(conn: &mut PgConnection, name: &str) -> Result<Vec<Target>, StoreError> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "select 'department', id, name from departments where name = $1 \
         union all select 'township', id, name from townships where name = $1 \
         union all select 'cadre', id, name from people where name = $1 and 'cadre' = any(roles) and active \
         union all select 'enterprise', id, name from enterprises where name = $1 \
         union all select 'case', id, number from cases where number = upper($1)",
    )
    .bind(name)
    .fetch_all(conn)
    .await?;
    Ok(to_targets(rows))
}

/// The people an inspection's targets name as the inspected: the officers and heads of its
/// departments, and its cadres.
pub async fn inspected_people(
    conn: &mut PgConnection,
    inspection_id: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select distinct p.id from inspection_targets t join people p on \
           (t.target_kind = 'cadre' and p.id = t.target_id) \
           or (t.target_kind = 'department' and p.department_id = t.target_id and 'officer' = any(p.roles)) \
           or (t.target_kind = 'department' and p.id = (select head_id from departments where id = t.target_id)) \
         where t.inspection_id = $1 and p.active order by p.id",
    )
    .bind(inspection_id)
    .fetch_all(conn)
    .await?)
}
