//! 审批事项: the catalogue of approval items (权力运行图) — search, one item with its steps,
//! the items a report's words point to, and the writes of the catalogue file.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;

use super::StoreError;
use crate::domain::Actor;
use crate::domain::approval::{CatalogueStep, PlannedStep, step_title};

pub mod figures;
mod write;

pub use write::{ItemRecord, StepRecord, Upserted, items_by_code, upsert};

/// An item as people read it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub department_id: i64,
    pub department_name: String,
    pub section_id: Option<i64>,
    pub section_name: Option<String>,
    /// `administrative` (行政审批) or `social` (社会审批).
    pub kind: String,
    pub legal_basis: Option<String>,
    pub materials: Option<String>,
    pub statutory_days: i32,
    pub promised_days: i32,
}

/// A step of an item, with who is responsible for it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StepRow {
    pub id: i64,
    pub seq: i32,
    pub name: String,
    pub days: i32,
    pub section_id: Option<i64>,
    pub section_name: Option<String>,
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub person_phone: Option<String>,
}

impl StepRow {
    /// The step as a case's roadmap is planned from it.
    pub fn catalogue_step(&self) -> CatalogueStep {
        CatalogueStep {
            step_id: self.id,
            title: step_title(
                &self.name,
                self.section_name.as_deref(),
                self.person_name.as_deref(),
            ),
            days: u32::try_from(self.days).unwrap_or(1),
            section_id: self.section_id,
        }
    }
}

const ITEM_SELECT: &str = "select i.id, i.code, i.name, i.department_id, d.name as department_name, \
     i.section_id, s.name as section_name, i.kind, i.legal_basis, i.materials, i.statutory_days, \
     i.promised_days from approval_items i join departments d on d.id = i.department_id \
     left join sections s on s.id = i.section_id";

/// The items every pattern of `$1` matches, in the code, name, keywords, materials, department
/// or section (any case).
const SEARCH_FROM: &str = "from approval_items i join departments d on d.id = i.department_id \
     left join sections s on s.id = i.section_id \
     where (select bool_and(concat_ws(' ', i.code, i.name, array_to_string(i.keywords, ' '), \
            i.materials, d.name, s.name) ilike p) from unnest($1::text[]) p) is not false";

/// `%`, `_` and `\` taken literally in a `like` pattern.
fn literal(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The items every word matches (in the code, name, keywords, materials, department or
/// section; any case), by department and code: `limit` of them from `offset`, and how many
/// match in all. No words: the whole catalogue.
pub async fn search(
    conn: &mut PgConnection,
    words: &[String],
    offset: i64,
    limit: i64,
) -> Result<(Vec<ItemRow>, i64), StoreError> {
    let patterns: Vec<String> = words.iter().map(|w| format!("%{}%", literal(w))).collect();
    let rows: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select i.id, count(*) over () {SEARCH_FROM} order by d.code, i.code offset $2 limit $3"
    )))
    .bind(&patterns)
    .bind(offset)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let total = match rows.first() {
        Some((_, n)) => *n,
        // Past the last page: still say how many match.
        None if offset > 0 => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "select count(*) {SEARCH_FROM}"
            )))
            .bind(&patterns)
            .fetch_one(&mut *conn)
            .await?
        }
        None => 0,
    };
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    Ok((by_ids(conn, &ids).await?, total))
}

async fn by_ids(conn: &mut PgConnection, ids: &[i64]) -> Result<Vec<ItemRow>, StoreError> {
    let mut rows: Vec<ItemRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ITEM_SELECT} where i.id = any($1)"
    )))
    .bind(ids)
    .fetch_all(conn)
    .await?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(rows)
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<ItemRow>, StoreError> {
    Ok(by_ids(conn, &[id]).await?.pop())
}

/// The item a case is linked to.
pub async fn of_case(conn: &mut PgConnection, case_id: i64) -> Result<Option<ItemRow>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar("select approval_item_id from cases where id = $1")
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await?
        .flatten();
    match id {
        Some(id) => by_id(conn, id).await,
        None => Ok(None),
    }
}

/// An item's steps, in order.
pub async fn steps(conn: &mut PgConnection, item_id: i64) -> Result<Vec<StepRow>, StoreError> {
    Ok(sqlx::query_as(
        "select st.id, st.seq, st.name, st.days, st.section_id, s.name as section_name, st.person_id, \
         p.name as person_name, nullif(trim(p.phone), '') as person_phone \
         from approval_steps st left join sections s on s.id = st.section_id \
         left join people p on p.id = st.person_id \
         where st.item_id = $1 and st.removed_at is null order by st.seq",
    )
    .bind(item_id)
    .fetch_all(conn)
    .await?)
}

/// Whether the catalogue holds any item.
pub async fn any(conn: &mut PgConnection) -> Result<bool, StoreError> {
    Ok(
        sqlx::query_scalar("select exists (select 1 from approval_items)")
            .fetch_one(conn)
            .await?,
    )
}

/// The items whose name or keywords appear in `text`, best first (the longest words found),
/// those of `department_id` before others: what the bot proposes for a report.
pub async fn proposed(
    conn: &mut PgConnection,
    text: &str,
    department_id: Option<i64>,
    limit: i64,
) -> Result<Vec<ItemRow>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "select id from (select i.id, i.code, i.department_id, \
           (select coalesce(sum(length(k)), 0) from unnest(array_append(i.keywords, i.name)) k \
            where length(k) > 1 and strpos(lower($1), lower(k)) > 0) as score \
           from approval_items i) m \
         where score > 0 order by (department_id = $2) desc nulls last, score desc, code limit $3",
    )
    .bind(text)
    .bind(department_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    by_ids(conn, &ids).await
}

/// A department's items, by code.
pub async fn of_department(
    conn: &mut PgConnection,
    department_id: i64,
    limit: i64,
) -> Result<Vec<ItemRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ITEM_SELECT} where i.department_id = $1 order by i.code limit $2"
    )))
    .bind(department_id)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Links the locked case `case_id` to an item (for `corrections::apply`): the case takes the
/// item and its section, the open steps of an item linked before are removed, and the planned
/// steps are added to the roadmap. Gives the event's data; `None` (and changes nothing) when
/// the case is linked to this item already.
pub(super) async fn link(
    conn: &mut PgConnection,
    case_id: i64,
    actor: &Actor,
    item_id: i64,
    section_id: Option<i64>,
    steps: &[PlannedStep],
    now: DateTime<Utc>,
) -> Result<Option<Value>, StoreError> {
    let (from_item, from_section): (Option<i64>, Option<i64>) =
        sqlx::query_as("select approval_item_id, section_id from cases where id = $1")
            .bind(case_id)
            .fetch_one(&mut *conn)
            .await?;
    if from_item == Some(item_id) {
        return Ok(None);
    }
    sqlx::query(
        "update cases set approval_item_id = $2, section_id = coalesce($3, section_id), updated_at = $4 \
         where id = $1",
    )
    .bind(case_id)
    .bind(item_id)
    .bind(section_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let removed = sqlx::query(
        "update milestones set removed_at = $2, updated_at = $2 where case_id = $1 \
         and approval_step_id is not null and done_at is null and removed_at is null",
    )
    .bind(case_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let mut ids = Vec::with_capacity(steps.len());
    for step in steps {
        let id: i64 = sqlx::query_scalar(
            "insert into milestones (case_id, title, due_on, created_by, created_at, approval_step_id, section_id) \
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
        )
        .bind(case_id)
        .bind(&step.title)
        .bind(step.due_on)
        .bind(actor.person_id)
        .bind(now)
        .bind(step.step_id)
        .bind(step.section_id)
        .fetch_one(&mut *conn)
        .await?;
        ids.push(id);
    }
    Ok(Some(json!({
        "item_id": item_id, "from_item_id": from_item,
        "section_id": section_id.or(from_section), "from_section_id": from_section,
        "milestone_ids": ids, "removed_steps": removed,
        "last_due_on": steps.last().map(|s| s.due_on),
    })))
}

/// The cases a department holds, longest held first, with when they were dispatched: the
/// demo county links some of them to its catalogue.
pub async fn held_cases(
    conn: &mut PgConnection,
    department_id: i64,
    limit: i64,
) -> Result<Vec<(i64, DateTime<Utc>)>, StoreError> {
    Ok(sqlx::query_as(
        "select id, dispatched_at from cases where department_id = $1 \
         and status in ('dispatched', 'accepted', 'in_progress') and dispatched_at is not null \
         order by dispatched_at, id limit $2",
    )
    .bind(department_id)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
