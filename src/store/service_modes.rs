//! Service modes (帮办 / 陪办 / 代办) in the ledger: what a `domain::ModeChange` writes, once the
//! state machine has allowed it (called by `cases::act` on the locked case, in the caller's
//! transaction), the check that holds a resolution back while documents are out, and what the
//! card, the summary and the export read.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::{Stream, TryStreamExt};
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, PgConnection, Postgres, QueryBuilder};

use super::selection::{self, Filter, Scope, Source, Window};
use super::{StoreError, map_err};
use crate::domain::Actor;
use crate::domain::service_mode::{self, ModeChange, ModeRefusal, ServiceMode};

/// Why a mode change or a resolution cannot be made to the case as it is.
#[derive(Debug, thiserror::Error)]
pub enum ModeError {
    #[error(transparent)]
    Refused(#[from] ModeRefusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ModeError {
    fn from(e: sqlx::Error) -> Self {
        ModeError::Store(map_err(e))
    }
}

/// Writes the change to the locked case `case_id`, whose mode is `mode`; gives the event data.
pub(super) async fn apply(
    conn: &mut PgConnection,
    case_id: i64,
    mode: Option<ServiceMode>,
    actor: &Actor,
    change: &ModeChange,
    now: DateTime<Utc>,
) -> Result<Value, ModeError> {
    service_mode::fits(change, mode)?;
    Ok(match change {
        ModeChange::Set { mode: to } => {
            sqlx::query("update cases set service_mode = $2, updated_at = $3 where id = $1")
                .bind(case_id)
                .bind(to.map(ServiceMode::code))
                .bind(now)
                .execute(&mut *conn)
                .await?;
            json!({"from": mode.map(ServiceMode::code), "to": to.map(ServiceMode::code)})
        }
        ModeChange::Accompanied { on, place } => {
            let id: i64 = sqlx::query_scalar(
                "insert into case_accompaniments (case_id, accompanied_on, place, recorded_by, created_at) \
                 values ($1, $2, $3, $4, $5) returning id",
            )
            .bind(case_id)
            .bind(on)
            .bind(place.trim())
            .bind(actor.person_id)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            json!({"accompaniment_id": id, "on": on})
        }
        ModeChange::DocumentReceived { name } => {
            let id: i64 = sqlx::query_scalar(
                "insert into case_documents (case_id, name, received_by, received_at) \
                 values ($1, $2, $3, $4) returning id",
            )
            .bind(case_id)
            .bind(name.trim())
            .bind(actor.person_id)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            json!({"document_id": id})
        }
        ModeChange::DocumentReturned { document_id, name } => {
            let found: Option<(String, Option<DateTime<Utc>>)> = sqlx::query_as(
                "select name, returned_at from case_documents where id = $1 and case_id = $2",
            )
            .bind(document_id)
            .bind(case_id)
            .fetch_optional(&mut *conn)
            .await?;
            let (stored, returned) = found
                .filter(|(stored, _)| stored == name.trim())
                .ok_or(ModeRefusal::NoDocument)?;
            if returned.is_some() {
                return Err(ModeRefusal::AlreadyReturned.into());
            }
            sqlx::query(
                "update case_documents set returned_by = $2, returned_at = $3 where id = $1",
            )
            .bind(document_id)
            .bind(actor.person_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            json!({"document_id": document_id, "name": stored})
        }
    })
}

/// Refuses the resolution of a case while documents received from the enterprise are out.
pub(super) async fn check_resolution(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<(), ModeError> {
    let out = outstanding(conn, case_id).await?;
    Ok(service_mode::may_resolve(out)?)
}

/// The names of the case's documents not returned yet, in the order received.
pub async fn outstanding(conn: &mut PgConnection, case_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "select name from case_documents where case_id = $1 and returned_at is null order by id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// A document of a 代办 case, as the card's checklist shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub name: String,
    pub received_by_name: String,
    pub received_at: DateTime<Utc>,
    pub returned_by_name: Option<String>,
    pub returned_at: Option<DateTime<Utc>>,
}

/// The case's documents, in the order received.
pub async fn documents(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<DocumentRow>, StoreError> {
    Ok(sqlx::query_as(
        "select d.id, d.name, r.name as received_by_name, d.received_at, b.name as returned_by_name, \
         d.returned_at from case_documents d join people r on r.id = d.received_by \
         left join people b on b.id = d.returned_by where d.case_id = $1 order by d.id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// A day the officer accompanied the enterprise (陪办).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccompanimentRow {
    pub accompanied_on: NaiveDate,
    pub place: String,
    pub officer_name: String,
}

/// The case's accompaniments, by day.
pub async fn accompaniments(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<AccompanimentRow>, StoreError> {
    Ok(sqlx::query_as(
        "select a.accompanied_on, a.place, p.name as officer_name from case_accompaniments a \
         join people p on p.id = a.recorded_by where a.case_id = $1 order by a.accompanied_on, a.id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// The cases of one service mode a summary counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModeCount {
    pub cases: i64,
    /// Cases with a document received from the enterprise still out.
    pub documents_out: i64,
}

/// Cases by service mode (as marked now), among the cases of the scope and filter that are
/// open or were reported in the window: the same cases a drill-down's case list holds.
pub async fn counts(
    conn: &mut PgConnection,
    scope: Scope,
    filter: &Filter,
    window: Window,
) -> Result<Vec<(ServiceMode, ModeCount)>, StoreError> {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
        "select c.service_mode, count(*), count(*) filter (where exists \
         (select 1 from case_documents d where d.case_id = c.id and d.returned_at is null)) \
         from cases c where c.service_mode is not null and (c.status <> 'closed' or (c.created_at >= ",
    );
    qb.push_bind(window.from)
        .push(" and c.created_at < ")
        .push_bind(window.to)
        .push("))");
    selection::push_conditions(&mut qb, Source::Cases, scope, filter);
    qb.push(" group by c.service_mode");
    let rows: Vec<(String, i64, i64)> =
        qb.build_query_as().fetch_all(conn).await.map_err(map_err)?;
    Ok(ServiceMode::ALL
        .into_iter()
        .map(|m| {
            let count = rows
                .iter()
                .find(|(code, _, _)| code == m.code())
                .map(|(_, cases, out)| ModeCount {
                    cases: *cases,
                    documents_out: *out,
                })
                .unwrap_or_default();
            (m, count)
        })
        .collect())
}

/// One document of a 代办 case, as the ledger's documents sheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DocumentExportRow {
    pub number: String,
    pub enterprise: String,
    pub name: String,
    pub received_at: DateTime<Utc>,
    pub received_by: String,
    pub returned_at: Option<DateTime<Utc>>,
    pub returned_by: Option<String>,
}

/// The documents of a scope's cases, by case and then as received.
pub fn document_rows(
    conn: &mut PgConnection,
    scope: Scope,
) -> impl Stream<Item = Result<DocumentExportRow, StoreError>> + '_ {
    let condition = match scope {
        Scope::County => String::new(),
        Scope::Department(d) => format!(" where c.department_id = {d}"),
        Scope::Cadre(p) => format!(" where e.cadre_id = {p}"),
        Scope::Township(t) => format!(" where c.township_id = {t}"),
    };
    let sql = format!(
        "select c.number, e.name as enterprise, d.name, d.received_at, r.name as received_by, \
         d.returned_at, b.name as returned_by from case_documents d join cases c on c.id = d.case_id \
         join enterprises e on e.id = c.enterprise_id join people r on r.id = d.received_by \
         left join people b on b.id = d.returned_by{condition} order by c.id, d.id"
    );
    sqlx::query_as::<_, DocumentExportRow>(AssertSqlSafe(sql))
        .fetch(conn)
        .map_err(map_err)
}

/// The ids of the cases a department has signed for or works on, oldest first (the demo
/// county marks some of them).
pub async fn held_case_ids(conn: &mut PgConnection, limit: i64) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from cases where status in ('accepted', 'in_progress') order by id limit $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
