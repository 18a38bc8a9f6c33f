//! 问责: the measures the rules propose and the leaders decide, with their process record, and
//! the facts the rules read (silent cadres, red cards, returns). Measures are never deleted.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::domain::accountability::{Measure, MeasureStatus, Rule};

/// A measure a rule proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeasure {
    pub rule: Rule,
    /// What the rule looked at: `case:12`, `department:3`, `person:7`.
    pub subject: String,
    pub person_id: Option<i64>,
    pub department_id: Option<i64>,
    pub case_id: Option<i64>,
    pub measure: Measure,
    /// The rule's figures, as locale arguments (strings and numbers).
    pub evidence: serde_json::Value,
}

impl NewMeasure {
    /// The silence rule's measure: a cadre silent since `since`, for `days` days.
    pub fn silence(
        cadre: i64,
        name: &str,
        department: Option<i64>,
        since: NaiveDate,
        days: i64,
    ) -> NewMeasure {
        NewMeasure {
            rule: Rule::Silence,
            subject: format!("person:{cadre}"),
            person_id: Some(cadre),
            department_id: department,
            case_id: None,
            measure: Rule::Silence.default_measure(),
            evidence: serde_json::json!({"cadre": name, "since": since.to_string(), "days": days}),
        }
    }

    /// The red-card rule's measure: a case `days` working days overdue, addressed to `person`.
    pub fn red_card(case: &LateCase, person: Option<i64>, days: i64) -> NewMeasure {
        NewMeasure {
            rule: Rule::RedCard,
            subject: format!("case:{}", case.id),
            person_id: person,
            department_id: case.department_id,
            case_id: Some(case.id),
            measure: Rule::RedCard.default_measure(),
            evidence: serde_json::json!({
                "number": case.number,
                "enterprise": case.enterprise,
                "deadline": case.deadline.to_string(),
                "days": days,
            }),
        }
    }
}

/// A measure as stored, with the names people know its subject by.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MeasureRow {
    pub id: i64,
    pub rule: String,
    pub subject: String,
    pub person_id: Option<i64>,
    pub person: Option<String>,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub head_id: Option<i64>,
    pub case_id: Option<i64>,
    pub case_number: Option<String>,
    pub measure: String,
    pub evidence: serde_json::Value,
    pub status: String,
    pub proposed_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
}

impl MeasureRow {
    pub fn rule(&self) -> Option<Rule> {
        Rule::parse(&self.rule)
    }
    pub fn measure(&self) -> Option<Measure> {
        Measure::parse(&self.measure)
    }
    pub fn status(&self) -> Option<MeasureStatus> {
        MeasureStatus::parse(&self.status)
    }
}

const SELECT: &str = "select m.id, m.rule, m.subject, m.person_id, p.name as person, \
     m.department_id, d.name as department, d.head_id, m.case_id, c.number as case_number, \
     m.measure, m.evidence, m.status, m.proposed_at, m.decided_at, b.name as decided_by, m.reason \
     from measures m left join people p on p.id = m.person_id \
     left join departments d on d.id = m.department_id left join cases c on c.id = m.case_id \
     left join people b on b.id = m.decided_by ";

/// Proposes a measure unless the same rule on the same subject is pending or was proposed
/// within `repeat_days`; returns its id when proposed.
pub async fn propose(
    conn: &mut PgConnection,
    m: &NewMeasure,
    repeat_days: u32,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "insert into measures (rule, subject, person_id, department_id, case_id, measure, evidence, \
                               proposed_at, is_demo) \
         select $1, $2, $3, $4, $5, $6, $7, $8, $10 \
         where not exists (select 1 from measures where rule = $1 and subject = $2 \
                           and (status = 'proposed' or proposed_at > $8 - make_interval(days => $9))) \
         on conflict do nothing returning id",
    )
    .bind(m.rule.code())
    .bind(&m.subject)
    .bind(m.person_id)
    .bind(m.department_id)
    .bind(m.case_id)
    .bind(m.measure.code())
    .bind(&m.evidence)
    .bind(now)
    .bind(i32::try_from(repeat_days).unwrap_or(i32::MAX))
    .bind(is_demo)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = id {
        event(conn, id, None, "proposed", None, Some(m.measure), None, now).await?;
    }
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn event(
    conn: &mut PgConnection,
    measure_id: i64,
    actor: Option<i64>,
    kind: &str,
    from: Option<Measure>,
    to: Option<Measure>,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into measure_events (measure_id, actor_id, kind, from_measure, to_measure, note, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(measure_id)
    .bind(actor)
    .bind(kind)
    .bind(from.map(Measure::code))
    .bind(to.map(Measure::code))
    .bind(note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<MeasureRow>, StoreError> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where m.id = $1")))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// A leader's decision on a proposed measure.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Confirmed with this measure (a change when it is not the one proposed).
    Confirm(Measure),
    /// Dismissed for this reason.
    Dismiss(String),
}

/// Decides a measure still proposed (locking it); `None` when it is no longer proposed (decided
/// by someone else, or never there). Each change leaves an event.
pub async fn decide(
    conn: &mut PgConnection,
    id: i64,
    actor: i64,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<Option<MeasureRow>, StoreError> {
    let current: Option<String> = sqlx::query_scalar(
        "select measure from measures where id = $1 and status = 'proposed' for update",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(from) = current.as_deref().and_then(Measure::parse) else {
        return Ok(None);
    };
    match decision {
        Decision::Confirm(to) => {
            sqlx::query(
                "update measures set status = 'confirmed', measure = $2, decided_at = $3, decided_by = $4 \
                 where id = $1",
            )
            .bind(id)
            .bind(to.code())
            .bind(now)
            .bind(actor)
            .execute(&mut *conn)
            .await?;
            if *to != from {
                event(
                    conn,
                    id,
                    Some(actor),
                    "changed",
                    Some(from),
                    Some(*to),
                    None,
                    now,
                )
                .await?;
            }
            event(
                conn,
                id,
                Some(actor),
                "confirmed",
                None,
                Some(*to),
                None,
                now,
            )
            .await?;
        }
        Decision::Dismiss(reason) => {
            sqlx::query(
                "update measures set status = 'dismissed', reason = $2, decided_at = $3, decided_by = $4 \
                 where id = $1",
            )
            .bind(id)
            .bind(reason)
            .bind(now)
            .bind(actor)
            .execute(&mut *conn)
            .await?;
            event(
                conn,
                id,
                Some(actor),
                "dismissed",
                Some(from),
                None,
                Some(reason),
                now,
            )
            .await?;
        }
    }
    by_id(conn, id).await
}

/// Measures still waiting for a leader, oldest first.
pub async fn pending(conn: &mut PgConnection, limit: i64) -> Result<Vec<MeasureRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where m.status = 'proposed' order by m.proposed_at, m.id limit $1"
    )))
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Every measure, in the order proposed (the export's 问责记录).
pub async fn all(conn: &mut PgConnection) -> Result<Vec<MeasureRow>, StoreError> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} order by m.id")))
            .fetch_all(conn)
            .await?,
    )
}

/// Measures confirmed within `[from, to)`, in the order decided.
pub async fn confirmed_between(
    conn: &mut PgConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<MeasureRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where m.status = 'confirmed' and m.decided_at >= $1 and m.decided_at < $2 \
         order by m.decided_at, m.id"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// A cadre with paired enterprises: when they were last active (a visit or zero report, a case
/// reported) and since when they are tracked.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CadreActivity {
    pub cadre_id: i64,
    pub name: String,
    pub department_id: Option<i64>,
    pub tracked_since: DateTime<Utc>,
    pub last_visit: Option<NaiveDate>,
    pub last_case: Option<DateTime<Utc>>,
}

/// Every active cadre paired with at least one enterprise, with their last activity.
pub async fn cadre_activity(conn: &mut PgConnection) -> Result<Vec<CadreActivity>, StoreError> {
    Ok(sqlx::query_as(
        "select p.id as cadre_id, p.name, p.department_id, \
                greatest(p.created_at, (select min(e.created_at) from enterprises e where e.cadre_id = p.id)) \
                    as tracked_since, \
                (select max(v.visited_on) from visits v where v.cadre_id = p.id) as last_visit, \
                (select max(c.created_at) from cases c where c.reported_by = p.id) as last_case \
         from people p \
         where p.active and 'cadre' = any(p.roles) \
           and exists (select 1 from enterprises e where e.cadre_id = p.id) \
         order by p.id",
    )
    .fetch_all(conn)
    .await?)
}

/// Marks silences as told; returns those this call marked (a silence is told once).
pub async fn mark_silences(
    conn: &mut PgConnection,
    silences: &[(i64, NaiveDate)],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
    let (cadres, since): (Vec<i64>, Vec<NaiveDate>) = silences.iter().copied().unzip();
    Ok(sqlx::query_as(
        "insert into silences (cadre_id, since, told_at) \
         select cadre_id, since, $3 from unnest($1::bigint[], $2::date[]) as s(cadre_id, since) \
         on conflict do nothing returning cadre_id, since",
    )
    .bind(&cadres)
    .bind(&since)
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// An open case a department holds whose deadline passed before a day.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LateCase {
    pub id: i64,
    pub number: String,
    pub enterprise: String,
    pub deadline: NaiveDate,
    pub department_id: Option<i64>,
    pub assignee_id: Option<i64>,
}

/// Cases with a department (dispatched, accepted, in progress) due before `before`.
pub async fn late_cases(
    conn: &mut PgConnection,
    before: NaiveDate,
) -> Result<Vec<LateCase>, StoreError> {
    Ok(sqlx::query_as(
        "select c.id, c.number, e.name as enterprise, c.deadline, c.department_id, c.assignee_id \
         from cases c join enterprises e on e.id = c.enterprise_id \
         where c.status in ('dispatched', 'accepted', 'in_progress') and c.deadline < $1 \
         order by c.deadline, c.id",
    )
    .bind(before)
    .fetch_all(conn)
    .await?)
}

/// Cases each department returned (退回) since `since`.
pub async fn returns_since(
    conn: &mut PgConnection,
    since: DateTime<Utc>,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "select department_id, count(*) from report_facts \
         where kind = 'returned' and at >= $1 and department_id is not null \
         group by department_id order by department_id",
    )
    .bind(since)
    .fetch_all(conn)
    .await?)
}
