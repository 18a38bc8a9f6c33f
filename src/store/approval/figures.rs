//! The approval steps as the ledger and the assessment read them: every step of every approval
//! case (the export's sheet), and how many steps of each item and each section were on time.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::{Stream, TryStreamExt};
use sqlx::{AssertSqlSafe, PgConnection};

use crate::store::selection::Scope;
use crate::store::{StoreError, map_err};

/// Only the cases of the scope; `c` is the cases table.
fn scope_condition(scope: Scope) -> String {
    match scope {
        Scope::County => String::new(),
        Scope::Department(d) => format!(" and c.department_id = {d}"),
        Scope::Cadre(p) => {
            format!(" and c.enterprise_id in (select id from enterprises where cadre_id = {p})")
        }
        Scope::Township(t) => format!(" and c.township_id = {t}"),
    }
}

/// One step of an approval case.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StepLedgerRow {
    pub number: String,
    pub enterprise: String,
    pub item: String,
    pub item_code: String,
    pub step: String,
    pub section: Option<String>,
    pub person: Option<String>,
    pub due_on: NaiveDate,
    pub done_at: Option<DateTime<Utc>>,
}

/// Every live step of the scope's approval cases, by case and date.
pub fn step_rows(
    conn: &mut PgConnection,
    scope: Scope,
) -> impl Stream<Item = Result<StepLedgerRow, StoreError>> + '_ {
    let sql = format!(
        "select c.number, e.name as enterprise, i.name as item, i.code as item_code, st.name as step, \
         s.name as section, p.name as person, m.due_on, m.done_at \
         from milestones m join approval_steps st on st.id = m.approval_step_id \
         join approval_items i on i.id = st.item_id join cases c on c.id = m.case_id \
         join enterprises e on e.id = c.enterprise_id left join sections s on s.id = m.section_id \
         left join people p on p.id = st.person_id \
         where m.removed_at is null{} order by c.id, m.due_on, m.id",
        scope_condition(scope)
    );
    sqlx::query_as::<_, StepLedgerRow>(AssertSqlSafe(sql))
        .fetch(conn)
        .map_err(map_err)
}

/// How many steps of an item (or a section) counted in a period, and how many were on time.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OnTimeRow {
    pub name: String,
    pub code: Option<String>,
    pub department: String,
    pub counted: i64,
    pub on_time: i64,
}

/// The steps that count in the period `from..=to` (local dates in `tz`): those done in it, and
/// those that fell due in it (before `today`) without being done. On time: done by its date.
const COUNTED: &str = "with steps as ( \
       select st.item_id, coalesce(m.section_id, c.section_id) as section_id, m.due_on, \
              (m.done_at at time zone $4)::date as done_on \
       from milestones m join approval_steps st on st.id = m.approval_step_id \
       join cases c on c.id = m.case_id where m.removed_at is null{scope}), \
     counted as (select * from steps where done_on between $1 and $2 \
       or (done_on is null and due_on between $1 and $2 and due_on < $3))";

/// How the on-time rate of approval steps is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnTimeBy {
    /// Per approval item, by department and code.
    Item,
    /// Per section (the step's, else the case's), by department and section.
    Section,
}

impl OnTimeBy {
    /// A select over `counted`, grouped.
    fn grouping(self) -> &'static str {
        match self {
            OnTimeBy::Item => {
                "select i.name, i.code, d.name as department, count(*) as counted, \
                 count(*) filter (where done_on <= due_on) as on_time \
                 from counted join approval_items i on i.id = counted.item_id \
                 join departments d on d.id = i.department_id \
                 group by i.id, i.name, i.code, d.name, d.code order by d.code, i.code"
            }
            OnTimeBy::Section => {
                "select s.name, s.code, d.name as department, count(*) as counted, \
                 count(*) filter (where done_on <= due_on) as on_time \
                 from counted join sections s on s.id = counted.section_id \
                 join departments d on d.id = s.department_id \
                 group by s.id, s.name, s.code, d.name, d.code order by d.code, s.code"
            }
        }
    }
}

/// The counted steps of `scope` in the period, grouped `by` item or section.
pub async fn on_time(
    conn: &mut PgConnection,
    by: OnTimeBy,
    scope: Scope,
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
    tz: &str,
) -> Result<Vec<OnTimeRow>, StoreError> {
    let sql = format!(
        "{} {}",
        COUNTED.replace("{scope}", &scope_condition(scope)),
        by.grouping()
    );
    Ok(sqlx::query_as(AssertSqlSafe(sql))
        .bind(from)
        .bind(to)
        .bind(today)
        .bind(tz)
        .fetch_all(conn)
        .await?)
}
