//! 总结推广: closed cases and projects a leader marked as typical cases (典型案例), with a note.
//! Kept for ever; a case or a project is marked once.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// What is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Case(i64),
    Project(i64),
}

/// A typical case as listed: what it is about and the leader's note.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TypicalRow {
    pub id: i64,
    pub case_number: Option<String>,
    pub project: Option<String>,
    pub enterprise: String,
    pub township: String,
    pub category: Option<String>,
    pub note: String,
    pub marked_by: Option<String>,
    pub marked_at: DateTime<Utc>,
}

/// Marks a case or a project; false when it was marked before.
pub async fn mark(
    conn: &mut PgConnection,
    target: Target,
    note: &str,
    by: Option<i64>,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let (case_id, project_id) = match target {
        Target::Case(id) => (Some(id), None),
        Target::Project(id) => (None, Some(id)),
    };
    let done = sqlx::query(
        "insert into typical_cases (case_id, project_id, note, marked_by, marked_at, is_demo) \
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
    )
    .bind(case_id)
    .bind(project_id)
    .bind(note)
    .bind(by)
    .bind(now)
    .bind(is_demo)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Typical cases marked within `[from, to)` (all with none), newest first, at most `limit`.
pub async fn list(
    conn: &mut PgConnection,
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    limit: i64,
) -> Result<Vec<TypicalRow>, StoreError> {
    let (from, to) = window.unzip();
    Ok(sqlx::query_as(
        "select t.id, c.number as case_number, pr.name as project, e.name as enterprise, \
                tw.name as township, c.category, t.note, p.name as marked_by, t.marked_at \
         from typical_cases t \
         left join cases c on c.id = t.case_id \
         left join projects pr on pr.id = t.project_id \
         join enterprises e on e.id = coalesce(c.enterprise_id, pr.enterprise_id) \
         join townships tw on tw.id = e.township_id \
         left join people p on p.id = t.marked_by \
         where ($1::timestamptz is null or t.marked_at >= $1) \
           and ($2::timestamptz is null or t.marked_at < $2) \
         order by t.marked_at desc, t.id desc limit $3",
    )
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// The project of a project unit, by the unit's roster code.
pub async fn project_of_unit(
    conn: &mut PgConnection,
    code: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "select p.id, p.name from projects p join enterprises e on e.id = p.enterprise_id \
         where e.code = $1",
    )
    .bind(code)
    .fetch_optional(conn)
    .await?)
}

/// A closed demo case to show as a typical case (the demo county's first).
pub async fn demo_closed_case(conn: &mut PgConnection) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from cases where is_demo and status = 'closed' \
         and satisfaction = 'satisfied' order by id limit 1",
    )
    .fetch_optional(conn)
    .await?)
}

/// A demo key project to show as a typical case (the demo county's first).
pub async fn demo_project(conn: &mut PgConnection) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("select id from projects where is_demo order by id limit 1")
            .fetch_optional(conn)
            .await?,
    )
}
