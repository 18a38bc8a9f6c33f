//! The projects board's figures (`/projects`, the weekly county summary, the export), the
//! projects not reported this month (催报) and the projects the scheduler escalates. Behind
//! schedule is `due_on < today`, decided here from the date passed in; red is `due_on <
//! red_before` (`domain::project::red_before`, the escalation ladder's rule).

use chrono::NaiveDate;
use sqlx::PgConnection;
use std::collections::HashMap;

use super::StoreError;
use super::projects::{Bind, ProjectRow, shown, shown_select};
use crate::domain::project::{Amount, Stage};

/// Projects at one stage (none: not signed yet), how many of them are behind, and their
/// investment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCount {
    pub stage: Option<Stage>,
    pub total: i64,
    pub behind: i64,
    pub red: i64,
    pub totals: GroupTotals,
}

/// Investment and schedule of a group of projects (the county, a township, a department).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTotals {
    /// The township's or department's name; none for the county, or projects without one.
    pub name: Option<String>,
    pub projects: i64,
    pub behind: i64,
    pub investment: Amount,
    pub invested: Amount,
    pub year_plan: Amount,
    pub year_invested: Amount,
}

const TOTALS: &str = "count(*) as projects, count(*) filter (where p.due_on < $1) as behind, \
    coalesce(sum(p.investment) * 100, 0)::bigint as investment, \
    coalesce(sum(p.invested) * 100, 0)::bigint as invested, \
    coalesce(sum(p.year_plan) * 100, 0)::bigint as year_plan, \
    coalesce(sum(p.year_invested) * 100, 0)::bigint as year_invested";

/// The columns of `TOTALS` read from a subquery `x`.
const TOTALS_OF_X: &str =
    "x.projects, x.behind, x.investment, x.invested, x.year_plan, x.year_invested";

type TotalsRow = (Option<String>, i64, i64, i64, i64, i64, i64);

fn totals(r: TotalsRow) -> GroupTotals {
    GroupTotals {
        name: r.0,
        projects: r.1,
        behind: r.2,
        investment: Amount(r.3),
        invested: Amount(r.4),
        year_plan: Amount(r.5),
        year_invested: Amount(r.6),
    }
}

/// Projects by stage (not signed yet first), with how many are behind and red on `today`.
pub async fn by_stage(
    conn: &mut PgConnection,
    today: NaiveDate,
    red_before: NaiveDate,
) -> Result<Vec<StageCount>, StoreError> {
    type Row = (Option<i16>, i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select p.stage, count(*) filter (where p.due_on < $2), {TOTALS} \
         from projects p group by p.stage order by p.stage nulls first"
    )))
    .bind(today)
    .bind(red_before)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(stage, red, projects, behind, a, b, c, d)| StageCount {
            stage: stage.and_then(Stage::from_index),
            total: projects,
            behind,
            red,
            totals: totals((None, projects, behind, a, b, c, d)),
        })
        .collect())
}

/// The county's totals: the sum of the stages'.
pub fn county(stages: &[StageCount]) -> GroupTotals {
    let sum = |f: fn(&GroupTotals) -> i64| stages.iter().map(|s| f(&s.totals)).sum::<i64>();
    GroupTotals {
        name: None,
        projects: sum(|g| g.projects),
        behind: sum(|g| g.behind),
        investment: Amount(sum(|g| g.investment.0)),
        invested: Amount(sum(|g| g.invested.0)),
        year_plan: Amount(sum(|g| g.year_plan.0)),
        year_invested: Amount(sum(|g| g.year_invested.0)),
    }
}

/// Totals by township (of the project unit), by name.
pub async fn by_township(
    conn: &mut PgConnection,
    today: NaiveDate,
) -> Result<Vec<GroupTotals>, StoreError> {
    let rows: Vec<TotalsRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select t.name, {TOTALS_OF_X} from (select e.township_id, {TOTALS} from projects p \
           join enterprises e on e.id = p.enterprise_id group by e.township_id) x \
         join townships t on t.id = x.township_id order by t.name, t.id"
    )))
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(totals).collect())
}

/// Totals by responsible department, by name; projects without one last.
pub async fn by_department(
    conn: &mut PgConnection,
    today: NaiveDate,
) -> Result<Vec<GroupTotals>, StoreError> {
    let rows: Vec<TotalsRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select d.name, {TOTALS_OF_X} from (select p.department_id, {TOTALS} from projects p \
           group by p.department_id) x left join departments d on d.id = x.department_id \
         order by d.name nulls last, d.id"
    )))
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(totals).collect())
}

/// The projects behind schedule on `today`, longest behind first (then by name).
pub async fn behind(
    conn: &mut PgConnection,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<ProjectRow>, StoreError> {
    let sql = format!(
        "{} where p.due_on < $2 order by p.due_on, p.name, p.id limit $1",
        shown_select()
    );
    shown(conn, sql, Bind::IdDate(limit, today)).await
}

/// Every project, by township and name (the export's sheet).
pub async fn all(conn: &mut PgConnection) -> Result<Vec<ProjectRow>, StoreError> {
    let sql = format!("{} order by t.name, p.name, p.id", shown_select());
    shown(conn, sql, Bind::None).await
}

/// The names of up to `per_stage` projects of each stage that are on schedule, by name.
pub async fn on_schedule_names(
    conn: &mut PgConnection,
    today: NaiveDate,
    per_stage: i64,
) -> Result<Vec<(Option<Stage>, Vec<String>)>, StoreError> {
    let rows: Vec<(i16, Vec<String>)> = sqlx::query_as(
        "select s.stage, array(select p.name from projects p where coalesce(p.stage, -1) = s.stage \
           and (p.due_on is null or p.due_on >= $1) order by p.name, p.id limit $2) \
         from unnest('{-1,0,1,2,3,4,5}'::smallint[]) s(stage)",
    )
    .bind(today)
    .bind(per_stage)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(s, names)| (Stage::from_index(s), names))
        .collect())
}

/// A project still to report this month (not yet producing), with its cadre.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Unreported {
    pub cadre_id: Option<i64>,
    pub cadre: Option<String>,
    pub cadre_phone: Option<String>,
    pub project_id: i64,
    pub project: String,
    pub stage: Option<i16>,
}

const UNREPORTED: &str = "from projects p join enterprises e on e.id = p.enterprise_id \
     left join people c on c.id = e.cadre_id \
     where coalesce(p.stage, -1) < 5 \
       and not exists (select 1 from project_reports r where r.project_id = p.id and r.month = $1)";

/// How many projects have no report for `month` (the first day of the month).
pub async fn unreported_count(
    conn: &mut PgConnection,
    month: NaiveDate,
) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select count(*) {UNREPORTED}")))
            .bind(month)
            .fetch_one(conn)
            .await?,
    )
}

/// The projects with no report for `month`, by cadre (unpaired last) and name.
pub async fn unreported(
    conn: &mut PgConnection,
    month: NaiveDate,
    limit: i64,
) -> Result<Vec<Unreported>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select e.cadre_id, c.name as cadre, c.phone as cadre_phone, p.id as project_id, \
           p.name as project, p.stage \
         {UNREPORTED} order by c.name nulls last, e.cadre_id, p.name, p.id limit $2"
    )))
    .bind(month)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// The month's latest report of each project: month and problems.
pub async fn latest_reports(
    conn: &mut PgConnection,
) -> Result<HashMap<i64, (NaiveDate, Vec<String>)>, StoreError> {
    let rows: Vec<(i64, NaiveDate, Vec<String>)> = sqlx::query_as(
        "select distinct on (project_id) project_id, month, problems from project_reports \
         order by project_id, month desc",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(p, m, x)| (p, (m, x))).collect())
}

/// A project behind schedule whose escalation has not been decided yet.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ToEscalate {
    pub id: i64,
    pub name: String,
    pub township: String,
    pub department: Option<String>,
    pub head_id: Option<i64>,
    pub due_on: NaiveDate,
    pub due_stage: Option<i16>,
    /// Not told yellow for this stage date yet.
    pub new_yellow: bool,
    /// Red and not told red for this stage date yet.
    pub new_red: bool,
}

/// The projects behind on `today` with an escalation not yet decided, longest behind first.
pub async fn to_escalate(
    conn: &mut PgConnection,
    today: NaiveDate,
    red_before: NaiveDate,
) -> Result<Vec<ToEscalate>, StoreError> {
    Ok(sqlx::query_as(
        "select * from (select p.id, p.name, t.name as township, d.name as department, d.head_id, \
           p.due_on, p.due_stage, \
           not exists (select 1 from project_escalations x where x.project_id = p.id \
             and x.due_on = p.due_on and x.colour = 'yellow') as new_yellow, \
           (p.due_on < $2 and not exists (select 1 from project_escalations x where x.project_id = p.id \
             and x.due_on = p.due_on and x.colour = 'red')) as new_red \
         from projects p join enterprises e on e.id = p.enterprise_id \
           join townships t on t.id = e.township_id \
           left join departments d on d.id = p.department_id \
         where p.due_on < $1) q where new_yellow or new_red order by due_on, id",
    )
    .bind(today)
    .bind(red_before)
    .fetch_all(conn)
    .await?)
}
