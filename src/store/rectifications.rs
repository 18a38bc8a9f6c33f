//! Rectification items (整改事项): a finding handed to a department with a deadline. Every
//! change goes through `act`: the row is locked, the domain decides, the columns move and one
//! event is appended, in the caller's transaction.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::domain::inspection::{
    InspectionKind, RECTIFICATION_PREFIX, RectAction, RectView, rect_apply,
};
use crate::domain::{Actor, CaseStatus, TransitionError};

#[derive(Debug, thiserror::Error)]
pub enum RectError {
    #[error(transparent)]
    Refused(#[from] TransitionError),
    #[error("no such rectification item")]
    NotFound,
    /// The finding is already a rectification item.
    #[error("the finding is already a rectification item")]
    AlreadyRectified,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for RectError {
    fn from(e: sqlx::Error) -> Self {
        RectError::Store(super::map_err(e))
    }
}

/// A rectification item with what people need to read it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RectRow {
    pub id: i64,
    pub number: String,
    pub finding_id: i64,
    pub finding: String,
    pub inspection_id: i64,
    pub inspection_number: String,
    pub inspection_kind: String,
    pub inspected_on: NaiveDate,
    pub inspector_id: i64,
    pub inspector_name: String,
    pub department_id: i64,
    pub department_name: String,
    pub status: CaseStatus,
    pub deadline: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub resolution: Option<String>,
    pub reopen_count: i32,
}

impl RectRow {
    pub fn view(&self) -> RectView {
        RectView {
            status: self.status,
            department_id: self.department_id,
            inspector_id: self.inspector_id,
        }
    }

    pub fn kind(&self) -> InspectionKind {
        InspectionKind::parse(&self.inspection_kind).unwrap_or(InspectionKind::Centralized)
    }
}

const SELECT: &str = "select r.id, r.number, r.finding_id, f.body as finding, i.id as inspection_id, \
     i.number as inspection_number, i.kind as inspection_kind, i.inspected_on, i.inspector_id, \
     p.name as inspector_name, r.department_id, d.name as department_name, r.status, r.deadline, \
     r.created_at, r.accepted_at, r.resolved_at, r.closed_at, r.resolution, r.reopen_count \
     from rectifications r join inspection_findings f on f.id = r.finding_id \
     join inspections i on i.id = f.inspection_id join people p on p.id = i.inspector_id \
     join departments d on d.id = r.department_id";

/// Turns a finding into a rectification item of `department_id`, due by the end of `deadline`.
pub async fn create(
    conn: &mut PgConnection,
    finding_id: i64,
    department_id: i64,
    deadline: NaiveDate,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<RectRow, RectError> {
    let id: Option<i64> = sqlx::query_scalar(
        "insert into rectifications (number, finding_id, department_id, deadline, created_by, created_at, updated_at) \
         values (next_case_number($7, $1), $2, $3, $4, $5, $6, $6) \
         on conflict on constraint rectifications_finding_key do nothing returning id",
    )
    .bind(deadline.year())
    .bind(finding_id)
    .bind(department_id)
    .bind(deadline)
    .bind(actor_id)
    .bind(now)
    .bind(RECTIFICATION_PREFIX)
    .fetch_optional(&mut *conn)
    .await?;
    let id = id.ok_or(RectError::AlreadyRectified)?;
    event(conn, id, "dispatched", Some(actor_id), None, now).await?;
    by_id(conn, id).await?.ok_or(RectError::NotFound)
}

async fn event(
    conn: &mut PgConnection,
    id: i64,
    kind: &str,
    actor_id: Option<i64>,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into rectification_events (rectification_id, kind, actor_id, note, created_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(kind)
    .bind(actor_id)
    .bind(note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Items by id: one (`id`), a department's, only the open ones, those of inspections held in
/// a period.
async fn select(
    conn: &mut PgConnection,
    id: Option<i64>,
    department_id: Option<i64>,
    open_only: bool,
    period: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<RectRow>, StoreError> {
    let (from, to) = period.unzip();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where ($1::bigint is null or r.id = $1) \
         and ($2::bigint is null or r.department_id = $2) and (not $3 or r.status <> 'closed') \
         and ($4::date is null or i.inspected_on between $4 and $5) order by r.id"
    )))
    .bind(id)
    .bind(department_id)
    .bind(open_only)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<RectRow>, StoreError> {
    Ok(select(conn, Some(id), None, false, None).await?.pop())
}

/// The item numbered `number` (`ZG-2026-0001`), as people type it in `/case`.
pub async fn by_number(
    conn: &mut PgConnection,
    number: &str,
) -> Result<Option<RectRow>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar("select id from rectifications where number = $1")
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?;
    match id {
        Some(id) => by_id(conn, id).await,
        None => Ok(None),
    }
}

/// Applies an action: checked by the domain on the locked row, then recorded with its event.
pub async fn act(
    conn: &mut PgConnection,
    id: i64,
    actor: &Actor,
    action: &RectAction,
    now: DateTime<Utc>,
) -> Result<RectRow, RectError> {
    let locked: Option<i64> =
        sqlx::query_scalar("select id from rectifications where id = $1 for update")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    locked.ok_or(RectError::NotFound)?;
    let row = by_id(conn, id).await?.ok_or(RectError::NotFound)?;
    let (to, note) = rect_apply(actor, &row.view(), action)?;
    sqlx::query(
        "update rectifications set status = $2, updated_at = $3, \
           accepted_at = case when $4 = 'accepted' then $3 else accepted_at end, \
           resolved_at = case when $4 = 'resolved' then $3 else resolved_at end, \
           resolution = case when $4 = 'resolved' then $5 else resolution end, \
           closed_at = case when $4 = 'closed' then $3 else closed_at end, \
           reopen_count = reopen_count + case when $4 = 'reopened' then 1 else 0 end \
         where id = $1",
    )
    .bind(id)
    .bind(to.code())
    .bind(now)
    .bind(action.event_kind())
    .bind(note.as_deref())
    .execute(&mut *conn)
    .await?;
    event(
        conn,
        id,
        action.event_kind(),
        Some(actor.person_id),
        note.as_deref(),
        now,
    )
    .await?;
    by_id(conn, id).await?.ok_or(RectError::NotFound)
}

/// The open items, of one department or all, by department then deadline.
pub async fn open(
    conn: &mut PgConnection,
    department_id: Option<i64>,
) -> Result<Vec<RectRow>, StoreError> {
    let mut items = select(conn, None, department_id, true, None).await?;
    items.sort_by(|a, b| {
        (&a.department_name, a.deadline, a.id).cmp(&(&b.department_name, b.deadline, b.id))
    });
    Ok(items)
}

/// Every item, or those of inspections held in a period, by number.
pub async fn all(
    conn: &mut PgConnection,
    period: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<RectRow>, StoreError> {
    select(conn, None, None, false, period).await
}

/// One event of an item's process record.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RectEvent {
    pub kind: String,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn events(conn: &mut PgConnection, id: i64) -> Result<Vec<RectEvent>, StoreError> {
    Ok(sqlx::query_as(
        "select e.kind, e.actor_id, p.name as actor_name, e.note, e.created_at from rectification_events e \
         left join people p on p.id = e.actor_id where e.rectification_id = $1 order by e.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?)
}

/// A summary's rectification figures: open now and of those overdue on `today`, made and
/// closed in the window `[from, to)`; of one department, or all.
pub async fn counts(
    conn: &mut PgConnection,
    department_id: Option<i64>,
    today: NaiveDate,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(i64, i64, i64, i64), StoreError> {
    Ok(sqlx::query_as(
        "select count(*) filter (where status <> 'closed'), \
           count(*) filter (where status in ('dispatched', 'accepted', 'in_progress') and deadline < $2), \
           count(*) filter (where created_at >= $3 and created_at < $4), \
           count(*) filter (where closed_at >= $3 and closed_at < $4) \
         from rectifications where $1::bigint is null or department_id = $1",
    )
    .bind(department_id)
    .bind(today)
    .bind(from)
    .bind(to)
    .fetch_one(conn)
    .await?)
}
