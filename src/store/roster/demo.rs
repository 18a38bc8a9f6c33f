//! What is real and what is demo in the ledger: counting the roster and marking the demo's rows.

use sqlx::PgConnection;

use crate::store::StoreError;

/// How many roster rows (townships, departments, people, enterprises) are real and how many demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RosterCounts {
    pub real: i64,
    pub demo: i64,
}

pub async fn roster_counts(conn: &mut PgConnection) -> Result<RosterCounts, StoreError> {
    let (real, demo): (i64, i64) = sqlx::query_as(
        "select coalesce(sum(n) filter (where not is_demo), 0)::bigint, coalesce(sum(n) filter (where is_demo), 0)::bigint \
         from (select is_demo, count(*) as n from townships group by is_demo \
               union all select is_demo, count(*) from departments group by is_demo \
               union all select is_demo, count(*) from people group by is_demo \
               union all select is_demo, count(*) from enterprises group by is_demo) counts",
    )
    .fetch_one(conn)
    .await?;
    Ok(RosterCounts { real, demo })
}

/// Marks cases as demo data (the demo creates them through `cases::report`, like anyone).
pub async fn mark_cases_demo(conn: &mut PgConnection, case_ids: &[i64]) -> Result<(), StoreError> {
    sqlx::query("update cases set is_demo = true where id = any($1)")
        .bind(case_ids)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks visits as demo data.
pub async fn mark_visit_demo(conn: &mut PgConnection, visit_id: i64) -> Result<(), StoreError> {
    sqlx::query("update visits set is_demo = true where id = $1")
        .bind(visit_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// What the demo put into the ledger, counted from the rows marked as demo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoCounts {
    pub townships: i64,
    pub departments: i64,
    pub people: i64,
    pub enterprises: i64,
    pub cases: i64,
    pub visits: i64,
    /// Demo cases per status code.
    pub by_status: Vec<(String, i64)>,
}

pub async fn demo_counts(conn: &mut PgConnection) -> Result<DemoCounts, StoreError> {
    let (townships, departments, people, enterprises, cases, visits): (i64, i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "select (select count(*) from townships where is_demo), (select count(*) from departments where is_demo), \
             (select count(*) from people where is_demo), (select count(*) from enterprises where is_demo), \
             (select count(*) from cases where is_demo), (select count(*) from visits where is_demo)",
        )
        .fetch_one(&mut *conn)
        .await?;
    let by_status: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from cases where is_demo group by status order by status",
    )
    .fetch_all(conn)
    .await?;
    Ok(DemoCounts {
        townships,
        departments,
        people,
        enterprises,
        cases,
        visits,
        by_status,
    })
}
