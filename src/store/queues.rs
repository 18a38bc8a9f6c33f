//! The case lists people ask the bot for: a cadre's open cases, the dispatch queue, a
//! department's queue, the overdue list, and this week's county counts.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AssertSqlSafe, PgConnection};

use super::cases::{CASE_SELECT, CaseRow};
use super::{StoreError, Values};
use crate::domain::Cutoffs;

/// How many cases a list shows at most; the rest are counted.
pub const LIST_LIMIT: i64 = 20;

/// A page of a list and how many matched in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub cases: Vec<CaseRow>,
    pub total: i64,
}

/// A listed case with how many the whole list holds (`count(*) over ()`, taken before the
/// limit), so a page and its total come from one query.
#[derive(sqlx::FromRow)]
struct Counted {
    #[sqlx(flatten)]
    case: CaseRow,
    total: i64,
}

/// The query of one page of cases matching `filter`, each row with the list's total.
fn page_sql(filter: &str, order: &str) -> String {
    let columns = CASE_SELECT.trim_start_matches("select ");
    format!(
        "select count(*) over () as total, {columns} where {filter} order by {order} limit {LIST_LIMIT}"
    )
}

fn counted(rows: Vec<Counted>) -> Listing {
    let total = rows.first().map_or(0, |r| r.total);
    Listing {
        cases: rows.into_iter().map(|r| r.case).collect(),
        total,
    }
}

async fn listing(
    conn: &mut PgConnection,
    filter: &str,
    order: &str,
    bind: Option<i64>,
    date: Option<NaiveDate>,
) -> Result<Listing, StoreError> {
    let mut q = sqlx::query_as(AssertSqlSafe(page_sql(filter, order)));
    if let Some(b) = bind {
        q = q.bind(b);
    }
    if let Some(d) = date {
        q = q.bind(d);
    }
    Ok(counted(q.fetch_all(&mut *conn).await?))
}

/// Cases whose enterprise's name or description contains `words`, open ones first, then the
/// newest: at most `cap` of them, and how many match in all.
pub async fn matching(
    conn: &mut PgConnection,
    words: &str,
    cap: i64,
) -> Result<(Vec<CaseRow>, i64), StoreError> {
    let columns = CASE_SELECT.trim_start_matches("select ");
    let sql = format!(
        "select count(*) over () as total, {columns} \
         where e.name ilike $1 or c.description ilike $1 \
         order by c.status = 'closed', c.created_at desc, c.id desc limit $2"
    );
    let rows: Vec<Counted> = sqlx::query_as(AssertSqlSafe(sql))
        .bind(super::contains_pattern(words))
        .bind(cap)
        .fetch_all(&mut *conn)
        .await?;
    let total = rows.first().map_or(0, |r| r.total);
    Ok((rows.into_iter().map(|r| r.case).collect(), total))
}

/// The open cases of the enterprises paired with a cadre: those waiting for the cadre (a
/// resolution to confirm with the enterprise, more detail asked for) first, then the newest.
pub async fn of_cadre(conn: &mut PgConnection, cadre_id: i64) -> Result<Listing, StoreError> {
    listing(
        conn,
        "e.cadre_id = $1 and c.status <> 'closed'",
        "c.status not in ('resolved', 'info_requested'), c.created_at desc, c.id desc",
        Some(cadre_id),
        None,
    )
    .await
}

/// The open cases of the enterprises in a township (乡镇), overdue and nearest deadline first.
pub async fn of_township(conn: &mut PgConnection, township_id: i64) -> Result<Listing, StoreError> {
    listing(
        conn,
        "c.township_id = $1 and c.status <> 'closed'",
        "c.deadline nulls last, c.created_at desc, c.id desc",
        Some(township_id),
        None,
    )
    .await
}

/// Cases waiting for the dispatcher: new, answered with more detail, or returned; oldest first.
pub async fn awaiting_dispatch(conn: &mut PgConnection) -> Result<Listing, StoreError> {
    listing(
        conn,
        "c.status in ('reported', 'returned')",
        "c.created_at, c.id",
        None,
        None,
    )
    .await
}

/// Cases the dispatcher asked the cadre more about (补充材料): not in the dispatcher's queue,
/// though the figures count them as awaiting dispatch; they come back once answered.
pub async fn awaiting_information(conn: &mut PgConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("select count(*) from cases where status = 'info_requested'")
            .fetch_one(conn)
            .await?,
    )
}

/// A department's list: the cases it must still act on, nearest deadline first, then those
/// resolved and waiting for the enterprise's word.
const TODO_ORDER: &str = "c.status = 'resolved', c.deadline nulls last, c.id";

/// A department's open cases, in the order of `TODO_ORDER`.
pub async fn of_department(
    conn: &mut PgConnection,
    department_id: i64,
) -> Result<Listing, StoreError> {
    listing(
        conn,
        "c.department_id = $1 and c.status in ('dispatched', 'accepted', 'in_progress', 'resolved')",
        TODO_ORDER,
        Some(department_id),
        None,
    )
    .await
}

/// Cases a department holds past their deadline on `today`, most overdue first.
pub async fn overdue(conn: &mut PgConnection, today: NaiveDate) -> Result<Listing, StoreError> {
    listing(
        conn,
        "c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline < $1",
        "c.deadline, c.id",
        None,
        Some(today),
    )
    .await
}

/// The open cases of several departments (those a head heads), in the order of `TODO_ORDER`.
pub async fn of_departments(
    conn: &mut PgConnection,
    department_ids: &[i64],
) -> Result<Listing, StoreError> {
    listing_in(
        conn,
        "c.department_id = any($1) and c.status in ('dispatched', 'accepted', 'in_progress', 'resolved')",
        TODO_ORDER,
        department_ids,
        None,
    )
    .await
}

/// Cases some of `department_ids` hold past their deadline on `today`, most overdue first.
pub async fn overdue_in(
    conn: &mut PgConnection,
    today: NaiveDate,
    department_ids: &[i64],
) -> Result<Listing, StoreError> {
    listing_in(
        conn,
        "c.department_id = any($1) and c.status in ('dispatched', 'accepted', 'in_progress') \
         and c.deadline < $2",
        "c.deadline, c.id",
        department_ids,
        Some(today),
    )
    .await
}

/// `listing` over a set of departments (bound as `$1`).
async fn listing_in(
    conn: &mut PgConnection,
    filter: &str,
    order: &str,
    department_ids: &[i64],
    date: Option<NaiveDate>,
) -> Result<Listing, StoreError> {
    let mut q =
        sqlx::query_as(AssertSqlSafe(page_sql(filter, order))).bind(department_ids.to_vec());
    if let Some(d) = date {
        q = q.bind(d);
    }
    Ok(counted(q.fetch_all(&mut *conn).await?))
}

/// A supervision order as the case card shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Supervision {
    pub created_at: DateTime<Utc>,
    pub leader_name: String,
    pub note: Option<String>,
}

/// The latest supervision order on a case.
pub async fn latest_supervision(
    conn: &mut PgConnection,
    case_id: i64,
) -> Result<Option<Supervision>, StoreError> {
    Ok(sqlx::query_as(
        "select s.created_at, p.name as leader_name, s.note from supervision_orders s \
         join people p on p.id = s.leader_id where s.case_id = $1 order by s.id desc limit 1",
    )
    .bind(case_id)
    .fetch_optional(conn)
    .await?)
}

/// Whether a case (alias `c`) is red on the day of `$1` (today), `$3` (`Cutoffs::red_through`).
const RED: &str = "((c.supervised_at is null and c.deadline <= $3) \
     or (c.supervised_at is not null and c.deadline < $1))";

/// Whether a case is yellow, `$4` being `Cutoffs::blue_through`.
const YELLOW: &str = "((c.supervised_at is null and c.deadline > $3 and c.deadline < $1) \
     or (c.supervised_at is not null and c.deadline >= $1 and c.deadline <= $4))";

/// Cases a department holds, in `$2` (all departments when null), yellow or red.
fn escalated_where() -> String {
    format!(
        "c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline is not null \
         and ($2::bigint[] is null or c.department_id = any($2)) and ({RED} or {YELLOW})"
    )
}

/// `$1` to `$4` of the escalated cases' condition.
fn escalated_values(departments: Option<&[i64]>, cutoffs: &Cutoffs) -> Values {
    Values::of(cutoffs.today)
        .with(departments.map(<[i64]>::to_vec))
        .with(cutoffs.red_through)
        .with(cutoffs.blue_through)
}

/// How many of the escalated cases of `departments` (all when `None`) are red and yellow.
pub async fn escalated_counts(
    conn: &mut PgConnection,
    departments: Option<&[i64]>,
    cutoffs: &Cutoffs,
) -> Result<(i64, i64), StoreError> {
    let sql = format!(
        "select count(*) filter (where {RED}), count(*) filter (where not {RED}) \
         from cases c where {}",
        escalated_where()
    );
    let values = escalated_values(departments, cutoffs);
    Ok(sqlx::query_as_with(AssertSqlSafe(sql), values.into_args()?)
        .fetch_one(conn)
        .await?)
}

/// One page of the escalated cases of `departments`: red before yellow, then longest overdue.
pub async fn escalated_page(
    conn: &mut PgConnection,
    departments: Option<&[i64]>,
    cutoffs: &Cutoffs,
    (offset, limit): (i64, i64),
) -> Result<Vec<CaseRow>, StoreError> {
    let sql = format!(
        "{CASE_SELECT} where {} order by {RED} desc, c.deadline, c.id limit $6 offset $5",
        escalated_where()
    );
    let values = escalated_values(departments, cutoffs)
        .with(offset)
        .with(limit);
    Ok(sqlx::query_as_with(AssertSqlSafe(sql), values.into_args()?)
        .fetch_all(conn)
        .await?)
}
