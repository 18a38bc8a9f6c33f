//! Writing the catalogue: an item and its steps, matched by the item's code. An identical item
//! is left alone; a changed one is updated, its steps rewritten in order and the steps beyond
//! the new list retired (kept, for the roadmaps made from them).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::collections::HashMap;

use crate::store::{StoreError, Values};

/// An item as the catalogue file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRecord {
    pub code: String,
    pub name: String,
    pub department_id: i64,
    pub section_id: Option<i64>,
    pub kind: String,
    pub legal_basis: Option<String>,
    pub materials: Option<String>,
    pub keywords: Vec<String>,
    pub statutory_days: i32,
    pub promised_days: i32,
}

/// A step as the catalogue file gives it (its place is its position in the list).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StepRecord {
    pub name: String,
    pub days: i32,
    pub section_id: Option<i64>,
    pub person_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct StoredItem {
    id: i64,
    code: String,
    name: String,
    department_id: i64,
    section_id: Option<i64>,
    kind: String,
    legal_basis: Option<String>,
    materials: Option<String>,
    keywords: Vec<String>,
    statutory_days: i32,
    promised_days: i32,
}

#[derive(sqlx::FromRow)]
struct StoredStep {
    item_id: i64,
    name: String,
    days: i32,
    section_id: Option<i64>,
    person_id: Option<i64>,
}

/// The stored items with these codes, with their live steps.
pub async fn items_by_code(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<HashMap<String, (i64, ItemRecord, Vec<StepRecord>)>, StoreError> {
    let items: Vec<StoredItem> = sqlx::query_as(
        "select id, code, name, department_id, section_id, kind, legal_basis, materials, keywords, \
         statutory_days, promised_days from approval_items where code = any($1)",
    )
    .bind(codes)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let steps: Vec<StoredStep> = sqlx::query_as(
        "select item_id, name, days, section_id, person_id from approval_steps \
         where item_id = any($1) and removed_at is null order by item_id, seq",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_item: HashMap<i64, Vec<StepRecord>> = HashMap::new();
    for s in steps {
        by_item.entry(s.item_id).or_default().push(StepRecord {
            name: s.name,
            days: s.days,
            section_id: s.section_id,
            person_id: s.person_id,
        });
    }
    Ok(items
        .into_iter()
        .map(|i| {
            let steps = by_item.remove(&i.id).unwrap_or_default();
            let record = ItemRecord {
                code: i.code.clone(),
                name: i.name,
                department_id: i.department_id,
                section_id: i.section_id,
                kind: i.kind,
                legal_basis: i.legal_basis,
                materials: i.materials,
                keywords: i.keywords,
                statutory_days: i.statutory_days,
                promised_days: i.promised_days,
            };
            (i.code, (i.id, record, steps))
        })
        .collect())
}

/// What `upsert` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Inserted,
    Updated,
    Unchanged,
}

/// Writes an item and its steps; `stored` is what `items_by_code` found for its code.
pub async fn upsert(
    conn: &mut PgConnection,
    item: &ItemRecord,
    steps: &[StepRecord],
    stored: Option<&(i64, ItemRecord, Vec<StepRecord>)>,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<Upserted, StoreError> {
    let (id, outcome) = match stored {
        Some((_, record, old_steps)) if record == item && old_steps == steps => {
            return Ok(Upserted::Unchanged);
        }
        Some((id, _, _)) => {
            let values = item_values(Values::of(*id), item).with(now);
            sqlx::query_with(
                "update approval_items set name = $2, department_id = $3, section_id = $4, kind = $5, \
                 legal_basis = $6, materials = $7, keywords = $8, statutory_days = $9, promised_days = $10, \
                 updated_at = $11 where id = $1",
                values.into_args()?,
            )
            .execute(&mut *conn)
            .await?;
            (*id, Upserted::Updated)
        }
        None => {
            let values = item_values(Values::of(&item.code), item)
                .with(is_demo)
                .with(now);
            let id: i64 = sqlx::query_scalar_with(
                "insert into approval_items (code, name, department_id, section_id, kind, legal_basis, materials, \
                 keywords, statutory_days, promised_days, is_demo, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning id",
                values.into_args()?,
            )
            .fetch_one(&mut *conn)
            .await?;
            (id, Upserted::Inserted)
        }
    };
    for (i, step) in steps.iter().enumerate() {
        sqlx::query(
            "insert into approval_steps (item_id, seq, name, days, section_id, person_id, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $7) \
             on conflict on constraint approval_steps_item_seq_key do update set name = excluded.name, \
             days = excluded.days, section_id = excluded.section_id, person_id = excluded.person_id, \
             removed_at = null, updated_at = excluded.updated_at",
        )
        .bind(id)
        .bind(i as i32 + 1)
        .bind(&step.name)
        .bind(step.days)
        .bind(step.section_id)
        .bind(step.person_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "update approval_steps set removed_at = $3, updated_at = $3 \
         where item_id = $1 and seq > $2 and removed_at is null",
    )
    .bind(id)
    .bind(steps.len() as i32)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(outcome)
}

/// An item's values after its code or id (`$1`): `$2` to `$10`.
fn item_values(first: Values, item: &ItemRecord) -> Values {
    first
        .with(&item.name)
        .with(item.department_id)
        .with(item.section_id)
        .with(&item.kind)
        .with(&item.legal_basis)
        .with(&item.materials)
        .with(&item.keywords)
        .with(item.statutory_days)
        .with(item.promised_days)
}
