//! What a department head (负责人) hears of the cadres of their department (听取汇报): per
//! cadre, visits and cases raised in a period, results waiting for the enterprise's
//! confirmation, and when they were last heard from. Also who follows a township (乡镇).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// One cadre of a department, with their work.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CadreWork {
    pub id: i64,
    pub name: String,
    pub department_id: i64,
    /// Visits (走访, zero reports included) dated in the period.
    pub visits: i64,
    /// Cases they reported in the period.
    pub cases_raised: i64,
    /// Cases of their enterprises resolved and waiting for them to confirm with the enterprise.
    pub confirmations_pending: i64,
    /// The day of their latest visit, ever.
    pub last_visit: Option<NaiveDate>,
    /// When they last reported a case, ever.
    pub last_case: Option<DateTime<Utc>>,
}

/// The active cadres who belong to `departments`, by department then name, with their work:
/// visits dated `from..=to`, cases reported within `[since, until)`.
pub async fn cadres_of(
    conn: &mut PgConnection,
    departments: &[i64],
    (from, to): (NaiveDate, NaiveDate),
    (since, until): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<CadreWork>, StoreError> {
    Ok(sqlx::query_as(
        "select p.id, p.name, p.department_id, \
         (select count(*) from visits v where v.cadre_id = p.id and v.visited_on between $2 and $3) as visits, \
         (select count(*) from cases c where c.reported_by = p.id and c.created_at >= $4 and c.created_at < $5) \
           as cases_raised, \
         (select count(*) from cases c join enterprises e on e.id = c.enterprise_id \
           where e.cadre_id = p.id and c.status = 'resolved') as confirmations_pending, \
         (select max(v.visited_on) from visits v where v.cadre_id = p.id) as last_visit, \
         (select max(c.created_at) from cases c where c.reported_by = p.id) as last_case \
         from people p where p.department_id = any($1) and 'cadre' = any(p.roles) and p.active \
         order by p.department_id, p.name, p.id",
    )
    .bind(departments)
    .bind(from)
    .bind(to)
    .bind(since)
    .bind(until)
    .fetch_all(conn)
    .await?)
}

/// Every active department head with each department they head: (head id, department id).
pub async fn heads(conn: &mut PgConnection) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "select d.head_id, d.id from departments d join people p on p.id = d.head_id \
         where p.active order by d.head_id, d.id",
    )
    .fetch_all(conn)
    .await?)
}

/// The active people who follow a township (乡镇负责人 / 联络员), in id order.
pub async fn township_people(
    conn: &mut PgConnection,
    township_id: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from people where township_id = $1 and 'township' = any(roles) and active \
         order by id",
    )
    .bind(township_id)
    .fetch_all(conn)
    .await?)
}

/// Every active township person with their township: (township id, person id).
pub async fn all_township_people(conn: &mut PgConnection) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "select township_id, id from people \
         where township_id is not null and 'township' = any(roles) and active \
         order by township_id, id",
    )
    .fetch_all(conn)
    .await?)
}
