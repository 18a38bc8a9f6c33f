//! The facts the scheduler's rules read: open cases with their people, open roadmap steps,
//! enterprises and their last visits, and who is who (locales, officers, heads, group chats).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// An open case as the rules see it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CaseFacts {
    pub id: i64,
    pub number: String,
    pub enterprise: String,
    pub status: String,
    pub deadline: Option<NaiveDate>,
    pub dispatched_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub supervised: bool,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub head_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub cadre_id: Option<i64>,
}

/// Cases a department holds or that wait for the cadre's confirmation.
pub async fn open_cases(conn: &mut PgConnection) -> Result<Vec<CaseFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select c.id, c.number, e.name as enterprise, c.status, c.deadline, c.dispatched_at, c.resolved_at, \
         c.supervised_at is not null as supervised, c.department_id, d.name as department, d.head_id, \
         c.assignee_id, e.cadre_id \
         from cases c join enterprises e on e.id = c.enterprise_id \
         left join departments d on d.id = c.department_id \
         where c.status in ('dispatched', 'accepted', 'in_progress', 'resolved') order by c.id",
    )
    .fetch_all(conn)
    .await?)
}

/// An open roadmap step (路线图节点) of a case a department holds.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MilestoneFacts {
    pub id: i64,
    pub case_id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

pub async fn open_milestones(conn: &mut PgConnection) -> Result<Vec<MilestoneFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select m.id, m.case_id, m.title, m.due_on, m.created_at from milestones m \
         join cases c on c.id = m.case_id \
         where m.done_at is null and c.status in ('dispatched', 'accepted', 'in_progress') \
         order by m.case_id, m.due_on, m.id",
    )
    .fetch_all(conn)
    .await?)
}

/// An enterprise with a cadre, and its last visit.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct EnterpriseFacts {
    pub id: i64,
    pub name: String,
    pub cadre_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_visit: Option<NaiveDate>,
}

pub async fn paired_enterprises(
    conn: &mut PgConnection,
) -> Result<Vec<EnterpriseFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select e.id, e.name, e.cadre_id, e.created_at, \
         (select max(v.visited_on) from visits v where v.enterprise_id = e.id) as last_visit \
         from enterprises e where e.cadre_id is not null order by e.cadre_id, e.id",
    )
    .fetch_all(conn)
    .await?)
}

/// A person as a recipient: their language and roles.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonFacts {
    pub id: i64,
    pub name: String,
    pub locale: String,
    pub roles: Vec<String>,
    pub department_id: Option<i64>,
}

pub async fn people(conn: &mut PgConnection) -> Result<Vec<PersonFacts>, StoreError> {
    Ok(
        sqlx::query_as("select id, name, locale, roles, department_id from people order by id")
            .fetch_all(conn)
            .await?,
    )
}

/// A department, its head, and its reachable group chats.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DepartmentFacts {
    pub id: i64,
    pub name: String,
    pub head_id: Option<i64>,
    pub group_chat_ids: Vec<i64>,
}

pub async fn departments(conn: &mut PgConnection) -> Result<Vec<DepartmentFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select d.id, d.name, d.head_id, \
         coalesce(array_agg(g.id order by g.id) filter (where g.id is not null), '{}') as group_chat_ids \
         from departments d left join group_chats g on g.department_id = d.id and g.reachable \
         group by d.id order by d.id",
    )
    .fetch_all(conn)
    .await?)
}
