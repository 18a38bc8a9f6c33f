//! The ledger (台账) as rows: every case of a scope with the names people read, and the visits,
//! streamed in id order so that an export of a million cases holds one row at a time.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::{Stream, TryStreamExt};
use sqlx::{AssertSqlSafe, PgConnection};

use super::selection::Scope;
use super::{StoreError, map_err};

/// One case as the ledger shows it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LedgerRow {
    pub number: String,
    pub enterprise: String,
    pub township: String,
    pub category: String,
    pub difficulty: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub department: Option<String>,
    pub assignee: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub status: String,
    pub progress: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<String>,
    pub supervised_at: Option<DateTime<Utc>>,
    /// How many files (附件) the case holds.
    pub files: i64,
    /// 帮办 / 陪办 / 代办, when marked.
    pub service_mode: Option<String>,
}

/// The ledger rows, with the latest note of the process record as the latest progress (kept by
/// a trigger in `report_latest_notes`).
const LEDGER_SELECT: &str = "select c.number, e.name as enterprise, t.name as township, c.category, c.difficulty, \
     c.description, c.created_at, d.name as department, ap.name as assignee, c.deadline, c.status, lp.note as progress, \
     c.closed_at, c.satisfaction, c.supervised_at, \
     (select count(*) from attachments a where a.case_id = c.id) as files, c.service_mode \
     from cases c join enterprises e on e.id = c.enterprise_id join townships t on t.id = c.township_id \
     left join departments d on d.id = c.department_id left join people ap on ap.id = c.assignee_id \
     left join report_latest_notes lp on lp.case_id = c.id";

fn scope_condition(scope: Scope, cases: &str) -> String {
    match scope {
        Scope::County => String::new(),
        Scope::Department(d) => format!(" where {cases}.department_id = {d}"),
        Scope::Cadre(p) => format!(
            " where {cases}.enterprise_id in (select id from enterprises where cadre_id = {p})"
        ),
        Scope::Township(t) => format!(" where {cases}.township_id = {t}"),
    }
}

/// How many cases the ledger of a scope holds (for the progress bar).
pub async fn ledger_len(conn: &mut PgConnection, scope: Scope) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "select count(*) from cases c{}",
        scope_condition(scope, "c")
    )))
    .fetch_one(conn)
    .await
    .map_err(map_err)?;
    Ok(n.max(0) as u64)
}

/// The ledger rows of a scope, in case id order.
pub fn ledger_rows(
    conn: &mut PgConnection,
    scope: Scope,
) -> impl Stream<Item = Result<LedgerRow, StoreError>> + '_ {
    let sql = format!(
        "{LEDGER_SELECT}{} order by c.id",
        scope_condition(scope, "c")
    );
    sqlx::query_as::<_, LedgerRow>(AssertSqlSafe(sql))
        .fetch(conn)
        .map_err(map_err)
}

/// One visit as the ledger's third sheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VisitRow {
    pub visited_on: NaiveDate,
    pub enterprise: String,
    pub township: String,
    pub cadre: String,
    pub no_problems: bool,
    pub note: Option<String>,
}

/// The visits a scope sees, by date: the county every visit, a cadre their own, a department
/// none (visits are the cadres' work).
pub fn visit_rows(
    conn: &mut PgConnection,
    scope: Scope,
) -> impl Stream<Item = Result<VisitRow, StoreError>> + '_ {
    let condition = match scope {
        Scope::County => String::new(),
        Scope::Cadre(p) => format!(" where v.cadre_id = {p}"),
        Scope::Township(t) => format!(" where e.township_id = {t}"),
        Scope::Department(_) => " where false".to_string(),
    };
    let sql = format!(
        "select v.visited_on, e.name as enterprise, t.name as township, p.name as cadre, \
         v.no_problems, v.note from visits v \
         join enterprises e on e.id = v.enterprise_id join townships t on t.id = e.township_id \
         join people p on p.id = v.cadre_id{condition} order by v.visited_on, v.id"
    );
    sqlx::query_as::<_, VisitRow>(AssertSqlSafe(sql))
        .fetch(conn)
        .map_err(map_err)
}
