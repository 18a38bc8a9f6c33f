//! 延期: extension requests and their decisions, as the card and the decision buttons read them.
//! Requests are written by `corrections` (through `cases::act`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// An extension request with the names people need to read it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExtensionRow {
    pub id: i64,
    pub case_id: i64,
    pub requested_by: i64,
    pub requester_name: String,
    pub reason: String,
    pub old_deadline: Option<NaiveDate>,
    pub proposed: NaiveDate,
    /// pending, approved, refused or withdrawn
    pub status: String,
    pub decided_by: Option<i64>,
    pub decider_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl ExtensionRow {
    pub fn is_pending(&self) -> bool {
        self.status == "pending"
    }

    /// Withdrawn: the case left the department before the request was decided.
    pub fn is_withdrawn(&self) -> bool {
        self.status == "withdrawn"
    }
}

const SELECT: &str = "select x.id, x.case_id, x.requested_by, rp.name as requester_name, x.reason, x.old_deadline, \
     x.proposed, x.status, x.decided_by, dp.name as decider_name, x.decided_at, x.decision_note, x.created_at \
     from extension_requests x join people rp on rp.id = x.requested_by left join people dp on dp.id = x.decided_by";

/// Withdraws the case's waiting request, if any: the case left the department before anyone
/// decided it (resolved, returned). It stays on the card and in the ledger as withdrawn.
pub(super) async fn withdraw_pending(
    conn: &mut PgConnection,
    case_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "update extension_requests set status = 'withdrawn', decided_at = $2 where case_id = $1 and status = 'pending'",
    )
    .bind(case_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// One request.
pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<ExtensionRow>, StoreError> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where x.id = $1")))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// A case's requests, oldest first.
pub async fn of_case(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Vec<ExtensionRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where x.case_id = $1 order by x.id"
    )))
    .bind(case_id)
    .fetch_all(conn)
    .await?)
}

/// The request of a case waiting for a decision, if any.
pub async fn pending_of(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Option<ExtensionRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where x.case_id = $1 and x.status = 'pending'"
    )))
    .bind(case_id)
    .fetch_optional(conn)
    .await?)
}
