//! Cases and their process record. Every change goes through `act`: the row is locked, the
//! domain state machine decides, the columns move and one event is appended — in the caller's
//! transaction.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::AssertSqlSafe;
use sqlx::PgConnection;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgTypeInfo, PgValueRef, Postgres};

use super::{StoreError, map_err};
use crate::domain::case::{self, apply, may_report};
use crate::domain::{
    Action, Actor, CaseStatus, CaseView, Category, Difficulty, Satisfaction, ServiceMode,
    TransitionError,
};

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error(transparent)]
    Refused(#[from] TransitionError),
    #[error("no such case")]
    NotFound,
    #[error("no such enterprise")]
    NoEnterprise,
    #[error(transparent)]
    Correction(#[from] super::corrections::CorrectionError),
    /// A service mode's rule: a record of another mode, or documents still out at resolution.
    #[error(transparent)]
    Mode(#[from] super::service_modes::ModeError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CaseError {
    fn from(e: sqlx::Error) -> Self {
        CaseError::Store(map_err(e))
    }
}

/// A case with the names people need to read it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub number: String,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub township_id: i64,
    pub township_name: String,
    pub cadre_id: Option<i64>,
    pub cadre_name: Option<String>,
    pub category: String,
    pub difficulty: String,
    pub description: String,
    /// A status this version does not know fails the read (`UnknownStatus`).
    pub status: CaseStatus,
    pub reported_by: i64,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub dispatched_at: Option<DateTime<Utc>>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub resolution: Option<String>,
    pub satisfaction: Option<String>,
    pub supervised_at: Option<DateTime<Utc>>,
    pub return_count: i32,
    pub reopen_count: i32,
    /// 帮办 / 陪办 / 代办 (`ServiceMode` codes), when marked.
    pub service_mode: Option<String>,
}

impl CaseRow {
    pub fn status(&self) -> CaseStatus {
        self.status
    }
    pub fn category(&self) -> Option<Category> {
        Category::parse(&self.category)
    }
    pub fn difficulty(&self) -> Option<Difficulty> {
        Difficulty::parse(&self.difficulty)
    }
    pub fn view(&self) -> CaseView {
        CaseView {
            status: self.status(),
            cadre_id: self.cadre_id,
            department_id: self.department_id,
            assignee_id: self.assignee_id,
            supervised: self.supervised_at.is_some(),
            township_id: self.township_id,
        }
    }
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        case::is_overdue(self.status(), self.deadline, today)
    }
    pub fn service_mode(&self) -> Option<ServiceMode> {
        self.service_mode.as_deref().and_then(ServiceMode::parse)
    }
}

/// A case status this version does not know, read from the ledger: the row cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("unknown case status {0:?} stored")]
pub struct UnknownStatus(pub String);

impl sqlx::Type<Postgres> for CaseStatus {
    fn type_info() -> PgTypeInfo {
        <&str as sqlx::Type<Postgres>>::type_info()
    }

    fn compatible(ty: &PgTypeInfo) -> bool {
        <&str as sqlx::Type<Postgres>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, Postgres> for CaseStatus {
    /// A status as stored in the ledger; one this version does not know fails the read.
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        let code = <&str as sqlx::Decode<Postgres>>::decode(value)?;
        Ok(CaseStatus::parse(code).ok_or_else(|| UnknownStatus(code.to_string()))?)
    }
}

/// The select list and joins behind `CaseRow`; `c` is the cases table.
pub const CASE_SELECT: &str = "select c.id, c.number, c.enterprise_id, e.name as enterprise_name, c.township_id, \
     t.name as township_name, e.cadre_id, cp.name as cadre_name, c.category, c.difficulty, c.description, c.status, \
     c.reported_by, c.department_id, d.name as department_name, c.assignee_id, ap.name as assignee_name, c.deadline, \
     c.created_at, c.dispatched_at, c.accepted_at, c.resolved_at, c.closed_at, c.resolution, c.satisfaction, \
     c.supervised_at, c.return_count, c.reopen_count, c.service_mode \
     from cases c join enterprises e on e.id = c.enterprise_id join townships t on t.id = c.township_id \
     left join people cp on cp.id = e.cadre_id left join departments d on d.id = c.department_id \
     left join people ap on ap.id = c.assignee_id";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub enterprise_id: i64,
    pub category: Category,
    pub difficulty: Difficulty,
    pub description: String,
}

/// Records a new problem for an enterprise; returns the case with its number.
pub async fn report(
    conn: &mut PgConnection,
    prefix: &str,
    actor: &Actor,
    new: &NewCase,
    now: DateTime<Utc>,
    year: i32,
) -> Result<CaseRow, CaseError> {
    let enterprise: Option<(i64, Option<i64>)> =
        sqlx::query_as("select township_id, cadre_id from enterprises where id = $1")
            .bind(new.enterprise_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (township_id, cadre_id) = enterprise.ok_or(CaseError::NoEnterprise)?;
    may_report(actor, cadre_id)?;
    let description = new.description.trim();
    if description.is_empty() {
        return Err(TransitionError::NoteRequired.into());
    }
    let id: i64 = sqlx::query_scalar(
        "insert into cases (number, enterprise_id, township_id, category, difficulty, description, reported_by, created_at, updated_at) \
         values (next_case_number($1, $2), $3, $4, $5, $6, $7, $8, $9, $9) returning id",
    )
    .bind(prefix)
    .bind(year)
    .bind(new.enterprise_id)
    .bind(township_id)
    .bind(new.category.code())
    .bind(new.difficulty.code())
    .bind(description)
    .bind(actor.person_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    insert_event(
        conn,
        id,
        Some(actor.person_id),
        "reported",
        None,
        Some(CaseStatus::Reported),
        Some(description),
        json!({"category": new.category.code(), "difficulty": new.difficulty.code()}),
        now,
    )
    .await?;
    by_id(conn, id).await?.ok_or(CaseError::NotFound)
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<CaseRow>, StoreError> {
    Ok(
        sqlx::query_as(AssertSqlSafe(format!("{CASE_SELECT} where c.id = $1")))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn by_number(
    conn: &mut PgConnection,
    number: &str,
) -> Result<Option<CaseRow>, StoreError> {
    Ok(
        sqlx::query_as(AssertSqlSafe(format!("{CASE_SELECT} where c.number = $1")))
            .bind(number)
            .fetch_optional(conn)
            .await?,
    )
}

/// The cases with these ids, in the order of `ids`; ids with no case are left out.
pub async fn by_ids(conn: &mut PgConnection, ids: &[i64]) -> Result<Vec<CaseRow>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut rows: Vec<CaseRow> =
        sqlx::query_as(AssertSqlSafe(format!("{CASE_SELECT} where c.id = any($1)")))
            .bind(ids)
            .fetch_all(&mut *conn)
            .await
            .map_err(map_err)?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(rows)
}

/// Locks the case row for the rest of the transaction and returns it.
pub async fn lock(conn: &mut PgConnection, id: i64) -> Result<Option<CaseRow>, StoreError> {
    let found: Option<i64> = sqlx::query_scalar("select id from cases where id = $1 for update")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match found {
        Some(id) => by_id(conn, id).await,
        None => Ok(None),
    }
}

/// What `act` did: the case after it and the event recorded.
#[derive(Debug, Clone)]
pub struct Acted {
    pub case: CaseRow,
    pub event_id: i64,
    pub from: CaseStatus,
    pub to: CaseStatus,
}

/// Applies an action to a case: locks it, asks the state machine, updates it, appends the event.
pub async fn act(
    conn: &mut PgConnection,
    case_id: i64,
    actor: &Actor,
    action: &Action,
    now: DateTime<Utc>,
) -> Result<Acted, CaseError> {
    let case = lock(conn, case_id).await?.ok_or(CaseError::NotFound)?;
    let t = apply(actor, &case.view(), action)?;
    let to = t.to.code();
    let mut data = json!({});
    match action {
        Action::Dispatch {
            department_id,
            assignee_id,
            deadline,
        } => {
            sqlx::query(
                "update cases set status = $2, department_id = $3, assignee_id = $4, deadline = $5, dispatched_at = $6, \
                 accepted_at = null, updated_at = $6 where id = $1",
            )
            .bind(case_id)
            .bind(to)
            .bind(department_id)
            .bind(assignee_id)
            .bind(deadline)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            data = json!({"department_id": department_id, "assignee_id": assignee_id, "deadline": deadline});
        }
        Action::Accept => {
            sqlx::query(
                "update cases set status = $2, accepted_at = $3, updated_at = $3 where id = $1",
            )
            .bind(case_id)
            .bind(to)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        Action::Return { .. } => {
            sqlx::query("update cases set status = $2, return_count = return_count + 1, updated_at = $3 where id = $1")
                .bind(case_id)
                .bind(to)
                .bind(now)
                .execute(&mut *conn)
                .await?;
            data = json!({"department_id": case.department_id});
        }
        Action::Resolve { answer } => {
            super::service_modes::check_resolution(conn, case_id).await?;
            sqlx::query("update cases set status = $2, resolved_at = $3, resolution = $4, updated_at = $3 where id = $1")
                .bind(case_id)
                .bind(to)
                .bind(now)
                .bind(answer.trim())
                .execute(&mut *conn)
                .await?;
        }
        Action::Confirm {
            satisfaction,
            deadline,
            ..
        } => {
            let reopened = *satisfaction == Satisfaction::Unsatisfied;
            let deadline = deadline.filter(|_| reopened);
            sqlx::query(
                "update cases set status = $2, satisfaction = $3, \
                 closed_at = case when $4 then null else $5 end, \
                 resolved_at = case when $4 then null else resolved_at end, \
                 deadline = coalesce($6, deadline), \
                 reopen_count = reopen_count + case when $4 then 1 else 0 end, updated_at = $5 where id = $1",
            )
            .bind(case_id)
            .bind(to)
            .bind(satisfaction.code())
            .bind(reopened)
            .bind(now)
            .bind(deadline)
            .execute(&mut *conn)
            .await?;
            data = match deadline {
                Some(d) => json!({"satisfaction": satisfaction.code(), "deadline": d}),
                None => json!({"satisfaction": satisfaction.code()}),
            };
        }
        Action::Correct(c) => {
            data = super::corrections::apply(conn, case_id, case.deadline, actor, c, now).await?;
        }
        Action::Mode(m) => {
            let mode = case.service_mode();
            data = super::service_modes::apply(conn, case_id, mode, actor, m, now).await?;
        }
        Action::Supervise { note } => {
            sqlx::query("update cases set supervised_at = coalesce(supervised_at, $2), updated_at = $2 where id = $1")
                .bind(case_id)
                .bind(now)
                .execute(&mut *conn)
                .await?;
            sqlx::query("insert into supervision_orders (case_id, leader_id, note, created_at) values ($1, $2, $3, $4)")
                .bind(case_id)
                .bind(actor.person_id)
                .bind(note.as_deref())
                .bind(now)
                .execute(&mut *conn)
                .await?;
        }
        Action::AddMilestone { title, due_on } => {
            let id: i64 = sqlx::query_scalar(
                "insert into milestones (case_id, title, due_on, created_by, created_at) values ($1, $2, $3, $4, $5) returning id",
            )
            .bind(case_id)
            .bind(title.trim())
            .bind(due_on)
            .bind(actor.person_id)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            data = json!({"milestone_id": id, "due_on": due_on});
        }
        Action::Reassign { assignee_id, .. } => {
            sqlx::query("update cases set assignee_id = $2, updated_at = $3 where id = $1")
                .bind(case_id)
                .bind(assignee_id)
                .bind(now)
                .execute(&mut *conn)
                .await?;
            data = json!({"from_assignee_id": case.assignee_id, "assignee_id": assignee_id});
        }
        Action::RequestInfo { .. }
        | Action::SupplyInfo { .. }
        | Action::Progress { .. }
        | Action::Note { .. } => {
            if t.from != t.to {
                sqlx::query("update cases set status = $2, updated_at = $3 where id = $1")
                    .bind(case_id)
                    .bind(to)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    if t.from.is_with_department() && !t.to.is_with_department() {
        // Resolved, returned, closed: a request still waiting can no longer be decided.
        super::extensions::withdraw_pending(conn, case_id, now).await?;
    }
    let from_status = (t.from != t.to).then_some(t.from);
    let to_status = (t.from != t.to).then_some(t.to);
    let event_id = insert_event(
        conn,
        case_id,
        Some(actor.person_id),
        t.event_kind,
        from_status,
        to_status,
        t.note.as_deref(),
        data,
        now,
    )
    .await?;
    super::attachments::link_to_event(conn, case_id, actor.person_id, event_id).await?;
    let after = by_id(conn, case_id).await?.ok_or(CaseError::NotFound)?;
    if let Some(deadline) = after.deadline
        && after.deadline != case.deadline
    {
        super::deadlines::record(conn, case_id, deadline, event_id, t.event_kind, now).await?;
    }
    Ok(Acted {
        case: after,
        event_id,
        from: t.from,
        to: t.to,
    })
}

/// Appends an event to a case's process record.
#[allow(clippy::too_many_arguments)]
pub async fn insert_event(
    conn: &mut PgConnection,
    case_id: i64,
    actor_id: Option<i64>,
    kind: &str,
    from: Option<CaseStatus>,
    to: Option<CaseStatus>,
    note: Option<&str>,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into case_events (case_id, actor_id, kind, from_status, to_status, note, data, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(case_id)
    .bind(actor_id)
    .bind(kind)
    .bind(from.map(|s| s.code()))
    .bind(to.map(|s| s.code()))
    .bind(note)
    .bind(data)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub case_id: i64,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub note: Option<String>,
    pub data: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// A case's process record, oldest first.
pub async fn events(conn: &mut PgConnection, case_id: i64) -> Result<Vec<EventRow>, StoreError> {
    Ok(sqlx::query_as(
        "select ev.id, ev.case_id, ev.actor_id, p.name as actor_name, ev.kind, ev.from_status, ev.to_status, ev.note, \
         ev.data, ev.created_at from case_events ev left join people p on p.id = ev.actor_id \
         where ev.case_id = $1 order by ev.id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}
