//! 重点项目: project records (one per project unit), the cadres' monthly progress reports and
//! the escalations of projects behind their stage dates. The board's figures are in
//! `project_board`.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use std::collections::HashMap;

use super::{StoreError, Values};
use crate::domain::project::{self, Amount, STAGES, Stage, StageDates};

/// What a project record holds, as the roster file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRecord {
    /// The project unit (an enterprise of kind `project`).
    pub enterprise_id: i64,
    pub name: String,
    pub department_id: Option<i64>,
    /// 计划总投资
    pub investment: Amount,
    /// 累计完成投资
    pub invested: Amount,
    /// 年度计划投资
    pub year_plan: Amount,
    /// 本年完成投资
    pub year_invested: Amount,
    pub stage: Option<Stage>,
    pub planned: StageDates,
    pub reached: StageDates,
}

/// Amounts as stored (numeric 万元) read as hundredths.
const AMOUNTS: &str = "(p.investment * 100)::bigint as investment, (p.invested * 100)::bigint as invested, \
     (p.year_plan * 100)::bigint as year_plan, (p.year_invested * 100)::bigint as year_invested";

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    enterprise_id: i64,
    name: String,
    department_id: Option<i64>,
    investment: i64,
    invested: i64,
    year_plan: i64,
    year_invested: i64,
    stage: Option<i16>,
    planned: Vec<Option<NaiveDate>>,
    reached: Vec<Option<NaiveDate>>,
}

fn dates(v: &[Option<NaiveDate>]) -> StageDates {
    let mut out = [None; STAGES];
    for (slot, d) in out.iter_mut().zip(v) {
        *slot = *d;
    }
    out
}

fn stage_of(i: Option<i16>) -> Option<Stage> {
    i.and_then(Stage::from_index)
}

fn stage_code(s: Option<Stage>) -> Option<i16> {
    s.map(|s| s.index() as i16)
}

impl RecordRow {
    fn record(self) -> (i64, ProjectRecord) {
        (
            self.id,
            ProjectRecord {
                enterprise_id: self.enterprise_id,
                name: self.name,
                department_id: self.department_id,
                investment: Amount(self.investment),
                invested: Amount(self.invested),
                year_plan: Amount(self.year_plan),
                year_invested: Amount(self.year_invested),
                stage: stage_of(self.stage),
                planned: dates(&self.planned),
                reached: dates(&self.reached),
            },
        )
    }
}

/// The project records of these project units, by unit id, with the project's id.
pub async fn by_units(
    conn: &mut PgConnection,
    enterprise_ids: &[i64],
) -> Result<HashMap<i64, (i64, ProjectRecord)>, StoreError> {
    let rows: Vec<RecordRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select p.id, p.enterprise_id, p.name, p.department_id, {AMOUNTS}, p.stage, p.planned, p.reached \
         from projects p where p.enterprise_id = any($1)"
    )))
    .bind(enterprise_ids)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (id, rec) = r.record();
            (rec.enterprise_id, (id, rec))
        })
        .collect())
}

/// Writes a new project record; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    r: &ProjectRecord,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let values = project_values(Values::of(r.enterprise_id), r)
        .with(is_demo)
        .with(now);
    Ok(sqlx::query_scalar_with(
        "insert into projects (enterprise_id, name, department_id, investment, invested, year_plan, \
           year_invested, stage, planned, reached, due_on, due_stage, is_demo, created_at, updated_at) \
         values ($1, $2, $3, $4::bigint / 100.0, $5::bigint / 100.0, $6::bigint / 100.0, $7::bigint / 100.0, \
           $8, $9, $10, $11, $12, $13, $14, $14) returning id",
        values.into_args()?,
    )
    .fetch_one(conn)
    .await?)
}

/// Replaces a project record's values.
pub async fn update(
    conn: &mut PgConnection,
    id: i64,
    r: &ProjectRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let values = project_values(Values::of(id), r).with(now);
    sqlx::query_with(
        "update projects set name = $2, department_id = $3, investment = $4::bigint / 100.0, \
           invested = $5::bigint / 100.0, year_plan = $6::bigint / 100.0, year_invested = $7::bigint / 100.0, \
           stage = $8, planned = $9, reached = $10, due_on = $11, due_stage = $12, updated_at = $13 \
         where id = $1",
        values.into_args()?,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A project record's values after its unit or id (`$1`): `$2` to `$12`, with the stage it is
/// due to reach next and when.
fn project_values(first: Values, r: &ProjectRecord) -> Values {
    let due = project::next_due(r.stage, &r.planned);
    first
        .with(&r.name)
        .with(r.department_id)
        .with(r.investment.0)
        .with(r.invested.0)
        .with(r.year_plan.0)
        .with(r.year_invested.0)
        .with(stage_code(r.stage))
        .with(r.planned.to_vec())
        .with(r.reached.to_vec())
        .with(due.map(|(_, d)| d))
        .with(due.map(|(s, _)| s.index() as i16))
}

/// A project as the bot shows it: the record with its unit, township, department and cadre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub unit: String,
    pub township: String,
    pub department: Option<String>,
    pub cadre_id: Option<i64>,
    pub cadre: Option<String>,
    pub name: String,
    pub investment: Amount,
    pub invested: Amount,
    pub year_plan: Amount,
    pub year_invested: Amount,
    pub stage: Option<Stage>,
    pub planned: StageDates,
    pub reached: StageDates,
    pub due_on: Option<NaiveDate>,
    pub due_stage: Option<Stage>,
}

#[derive(sqlx::FromRow)]
struct ShownRow {
    id: i64,
    enterprise_id: i64,
    unit: String,
    township: String,
    department: Option<String>,
    cadre_id: Option<i64>,
    cadre: Option<String>,
    name: String,
    investment: i64,
    invested: i64,
    year_plan: i64,
    year_invested: i64,
    stage: Option<i16>,
    planned: Vec<Option<NaiveDate>>,
    reached: Vec<Option<NaiveDate>>,
    due_on: Option<NaiveDate>,
    due_stage: Option<i16>,
}

impl From<ShownRow> for ProjectRow {
    fn from(r: ShownRow) -> ProjectRow {
        ProjectRow {
            id: r.id,
            enterprise_id: r.enterprise_id,
            unit: r.unit,
            township: r.township,
            department: r.department,
            cadre_id: r.cadre_id,
            cadre: r.cadre,
            name: r.name,
            investment: Amount(r.investment),
            invested: Amount(r.invested),
            year_plan: Amount(r.year_plan),
            year_invested: Amount(r.year_invested),
            stage: stage_of(r.stage),
            planned: dates(&r.planned),
            reached: dates(&r.reached),
            due_on: r.due_on,
            due_stage: stage_of(r.due_stage),
        }
    }
}

/// The select every shown project comes from (`p` projects, `e` units, `t` townships,
/// `d` departments, `c` cadres).
pub(super) fn shown_select() -> String {
    format!(
        "select p.id, p.enterprise_id, e.name as unit, t.name as township, d.name as department, \
           e.cadre_id, c.name as cadre, p.name, {AMOUNTS}, p.stage, p.planned, p.reached, p.due_on, p.due_stage \
         from projects p join enterprises e on e.id = p.enterprise_id \
           join townships t on t.id = e.township_id \
           left join departments d on d.id = p.department_id \
           left join people c on c.id = e.cadre_id"
    )
}

/// What a query of shown projects binds: `$1` and, with a date, `$2`.
pub(super) enum Bind {
    None,
    Id(i64),
    IdDate(i64, NaiveDate),
}

pub(super) async fn shown(
    conn: &mut PgConnection,
    sql: String,
    bind: Bind,
) -> Result<Vec<ProjectRow>, StoreError> {
    let q = sqlx::query_as::<_, ShownRow>(sqlx::AssertSqlSafe(sql));
    let q = match bind {
        Bind::None => q,
        Bind::Id(v) => q.bind(v),
        Bind::IdDate(v, d) => q.bind(v).bind(d),
    };
    Ok(q.fetch_all(conn)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<ProjectRow>, StoreError> {
    let sql = format!("{} where p.id = $1", shown_select());
    Ok(shown(conn, sql, Bind::Id(id)).await?.into_iter().next())
}

/// The projects of the units paired with a cadre, by name.
pub async fn of_cadre(
    conn: &mut PgConnection,
    cadre_id: i64,
) -> Result<Vec<ProjectRow>, StoreError> {
    let sql = format!(
        "{} where e.cadre_id = $1 order by p.name, p.id",
        shown_select()
    );
    shown(conn, sql, Bind::Id(cadre_id)).await
}

/// A monthly progress report as it is filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub project_id: i64,
    /// Any day of the month reported on.
    pub month: NaiveDate,
    /// The stage reached (never earlier than the project's).
    pub stage: Option<Stage>,
    /// Investment completed this month.
    pub invested: Amount,
    pub problems: Vec<String>,
    pub reporter_id: i64,
}

/// What filing a report did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed {
    pub report_id: i64,
    /// The report replaced an earlier one of the same month.
    pub replaced: bool,
    pub project: ProjectRow,
}

/// Files a monthly report in the caller's transaction: the project row is locked, the report
/// written (replacing the month's earlier one), the investment it adds (less what the replaced
/// one had added) counted into the totals, and the stage moved on (`project::reach`, dated
/// `today`).
pub async fn file_report(
    conn: &mut PgConnection,
    report: &NewReport,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<Filed>, StoreError> {
    let row: Option<RecordRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select p.id, p.enterprise_id, p.name, p.department_id, {AMOUNTS}, p.stage, p.planned, p.reached \
         from projects p where p.id = $1 for update"
    )))
    .bind(report.project_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let (id, mut rec) = row.record();
    let month = project::month_of(report.month);
    let before: Option<i64> = sqlx::query_scalar(
        "select (invested * 100)::bigint from project_reports where project_id = $1 and month = $2",
    )
    .bind(id)
    .bind(month)
    .fetch_optional(&mut *conn)
    .await?;
    let report_id: i64 = sqlx::query_scalar(
        "insert into project_reports (project_id, month, stage, invested, problems, reporter_id, reported_at) \
         values ($1, $2, $3, $4::bigint / 100.0, $5, $6, $7) \
         on conflict on constraint project_reports_month_key do update set stage = excluded.stage, \
           invested = excluded.invested, problems = excluded.problems, reporter_id = excluded.reporter_id, \
           reported_at = excluded.reported_at \
         returning id",
    )
    .bind(id)
    .bind(month)
    .bind(stage_code(report.stage))
    .bind(report.invested.0)
    .bind(&report.problems)
    .bind(report.reporter_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let delta = report.invested.0 - before.unwrap_or(0);
    rec.invested = Amount((rec.invested.0 + delta).max(0));
    rec.year_invested = Amount((rec.year_invested.0 + delta).max(0));
    if let Some(to) = report.stage {
        let (stage, reached) = project::reach(rec.stage, &rec.reached, to, today);
        rec.stage = stage;
        rec.reached = reached;
    }
    update(conn, id, &rec, now).await?;
    let Some(project) = by_id(conn, id).await? else {
        return Ok(None);
    };
    Ok(Some(Filed {
        report_id,
        replaced: before.is_some(),
        project,
    }))
}

/// A filed report's problems, with its project.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReportProblems {
    pub project_id: i64,
    pub month: NaiveDate,
    pub problems: Vec<String>,
}

pub async fn report_problems(
    conn: &mut PgConnection,
    report_id: i64,
) -> Result<Option<ReportProblems>, StoreError> {
    Ok(
        sqlx::query_as("select project_id, month, problems from project_reports where id = $1")
            .bind(report_id)
            .fetch_optional(conn)
            .await?,
    )
}

/// The months a project was reported for, latest first, with what was reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub month: NaiveDate,
    pub stage: Option<Stage>,
    pub invested: Amount,
    pub problems: Vec<String>,
}

pub async fn reports_of(
    conn: &mut PgConnection,
    project_id: i64,
    limit: i64,
) -> Result<Vec<ReportLine>, StoreError> {
    let rows: Vec<(NaiveDate, Option<i16>, i64, Vec<String>)> = sqlx::query_as(
        "select month, stage, (invested * 100)::bigint, problems from project_reports \
         where project_id = $1 order by month desc limit $2",
    )
    .bind(project_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(month, stage, invested, problems)| ReportLine {
            month,
            stage: stage_of(stage),
            invested: Amount(invested),
            problems,
        })
        .collect())
}

/// Marks escalations as decided; returns which of them were new (in the order given).
pub async fn mark_escalated(
    conn: &mut PgConnection,
    marks: &[(i64, NaiveDate, &str)],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, NaiveDate, String)>, StoreError> {
    if marks.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<i64> = marks.iter().map(|m| m.0).collect();
    let dues: Vec<NaiveDate> = marks.iter().map(|m| m.1).collect();
    let colours: Vec<&str> = marks.iter().map(|m| m.2).collect();
    Ok(sqlx::query_as(
        "insert into project_escalations (project_id, due_on, colour, decided_at) \
         select u.project_id, u.due_on, u.colour, $4 \
         from unnest($1::bigint[], $2::date[], $3::text[]) as u(project_id, due_on, colour) \
         on conflict do nothing returning project_id, due_on, colour",
    )
    .bind(ids)
    .bind(dues)
    .bind(colours)
    .bind(now)
    .fetch_all(conn)
    .await?)
}
