//! The facts the scheduler's rules read: open cases with their people, open roadmap steps,
//! enterprises and their last visits, and who is who (locales, officers, heads, group chats).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::StoreError;
use super::outbox::{NewNotification, Recipient, to_json};

/// An open case as the rules see it: its own row only (the scan reads its enterprise's name
/// and cadre, `enterprise_names`, for the few cases it has something to say about).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CaseFacts {
    pub id: i64,
    pub number: String,
    pub enterprise_id: i64,
    pub status: String,
    pub deadline: Option<NaiveDate>,
    pub dispatched_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub supervised: bool,
    pub department_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// The last change of the case (every change through `cases::act` sets it).
    pub changed_at: DateTime<Utc>,
}

/// The next `limit` cases after `after_id` (by id) that a department holds or that wait for the
/// cadre's confirmation: one page of the reminder scan, read through `cases_scan_idx`.
pub async fn open_cases_page(
    conn: &mut PgConnection,
    after_id: i64,
    limit: i64,
) -> Result<Vec<CaseFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select c.id, c.number, c.enterprise_id, c.status, c.deadline, c.dispatched_at, c.resolved_at, \
         c.supervised_at is not null as supervised, c.department_id, c.assignee_id, c.updated_at as changed_at \
         from cases c \
         where c.status in ('dispatched', 'accepted', 'in_progress', 'resolved') and c.id > $1 \
         order by c.id limit $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// The names, paired cadres and townships of these enterprises: (id, name, cadre, township).
pub async fn enterprise_names(
    conn: &mut PgConnection,
    ids: &[i64],
) -> Result<Vec<(i64, String, Option<i64>, i64)>, StoreError> {
    Ok(
        sqlx::query_as(
            "select id, name, cadre_id, township_id from enterprises where id = any($1)",
        )
        .bind(ids)
        .fetch_all(conn)
        .await?,
    )
}

/// An open roadmap step (路线图节点) of a case a department holds.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MilestoneFacts {
    pub id: i64,
    pub case_id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    /// When the step was added, or last changed.
    pub changed_at: DateTime<Utc>,
}

/// The open roadmap steps of those of `case_ids` a department holds.
pub async fn open_milestones_of(
    conn: &mut PgConnection,
    case_ids: &[i64],
) -> Result<Vec<MilestoneFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select m.id, m.case_id, m.title, m.due_on, m.created_at, coalesce(m.updated_at, m.created_at) as changed_at \
         from milestones m \
         join cases c on c.id = m.case_id \
         where m.case_id = any($1) and m.done_at is null and m.removed_at is null \
         and c.status in ('dispatched', 'accepted', 'in_progress') \
         order by m.case_id, m.due_on, m.id",
    )
    .bind(case_ids)
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

/// The next `limit` enterprises with a cadre after (`after_cadre`, `after_id`), by cadre: one
/// page of the visit reminders, so that one cadre's enterprises may span two pages but are
/// read in order.
pub async fn paired_enterprises_page(
    conn: &mut PgConnection,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<EnterpriseFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select e.id, e.name, e.cadre_id, e.created_at, \
         (select max(v.visited_on) from visits v where v.enterprise_id = e.id) as last_visit \
         from enterprises e where e.cadre_id is not null and (e.cadre_id, e.id) > ($1, $2) \
         order by e.cadre_id, e.id limit $3",
    )
    .bind(after.0)
    .bind(after.1)
    .bind(limit)
    .fetch_all(conn)
    .await?)
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
    /// The township a township person (乡镇) follows.
    pub township_id: Option<i64>,
}

/// The people the scheduler may write to: deactivated people are skipped.
pub async fn people(conn: &mut PgConnection) -> Result<Vec<PersonFacts>, StoreError> {
    Ok(sqlx::query_as(
        "select id, name, locale, roles, department_id, township_id from people where active \
         order by id",
    )
    .fetch_all(conn)
    .await?)
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
         and g.unbound_at is null \
         group by d.id order by d.id",
    )
    .fetch_all(conn)
    .await?)
}

/// The key of a case notice to one recipient, as the outbox and `notice_folded` hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeKey {
    pub recipient: Recipient,
    pub case_id: i64,
    pub kind: &'static str,
    pub due_at: DateTime<Utc>,
}

fn split(r: Recipient) -> (Option<i64>, Option<i64>) {
    match r {
        Recipient::Person(id) => (Some(id), None),
        Recipient::Group(id) => (None, Some(id)),
    }
}

struct KeyColumns {
    people: Vec<Option<i64>>,
    groups: Vec<Option<i64>>,
    cases: Vec<i64>,
    kinds: Vec<&'static str>,
    dues: Vec<DateTime<Utc>>,
}

fn columns(keys: &[NoticeKey]) -> KeyColumns {
    let mut c = KeyColumns {
        people: Vec::with_capacity(keys.len()),
        groups: Vec::with_capacity(keys.len()),
        cases: Vec::with_capacity(keys.len()),
        kinds: Vec::with_capacity(keys.len()),
        dues: Vec::with_capacity(keys.len()),
    };
    for k in keys {
        let (p, g) = split(k.recipient);
        c.people.push(p);
        c.groups.push(g);
        c.cases.push(k.case_id);
        c.kinds.push(k.kind);
        c.dues.push(k.due_at);
    }
    c
}

/// Which of `keys` were already decided, queued or folded into a digest: one flag per key, in
/// order. One statement for the whole batch.
pub async fn known(conn: &mut PgConnection, keys: &[NoticeKey]) -> Result<Vec<bool>, StoreError> {
    if keys.is_empty() {
        return Ok(vec![]);
    }
    let c = columns(keys);
    let flags: Vec<(i64, bool)> = sqlx::query_as(
        // Equalities only (one side per recipient kind), so that both lookups use the keys'
        // indexes.
        "select k.n, \
         (k.p is not null and (exists (select 1 from outbox o where o.recipient_id = k.p \
           and o.group_chat_id is null and o.case_id = k.c and o.kind = k.kind and o.due_at = k.due) \
          or exists (select 1 from notice_folded f where f.recipient_id = k.p \
           and f.group_chat_id is null and f.case_id = k.c and f.kind = k.kind and f.due_at = k.due))) \
         or (k.g is not null and (exists (select 1 from outbox o where o.group_chat_id = k.g \
           and o.recipient_id is null and o.case_id = k.c and o.kind = k.kind and o.due_at = k.due) \
          or exists (select 1 from notice_folded f where f.group_chat_id = k.g \
           and f.recipient_id is null and f.case_id = k.c and f.kind = k.kind and f.due_at = k.due))) \
         from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[]) \
           with ordinality as k(p, g, c, kind, due, n) order by k.n",
    )
    .bind(&c.people)
    .bind(&c.groups)
    .bind(&c.cases)
    .bind(&c.kinds)
    .bind(&c.dues)
    .fetch_all(conn)
    .await?;
    Ok(flags.into_iter().map(|(_, f)| f).collect())
}

/// Records that `keys` went into a digest at `now`.
pub async fn fold(
    conn: &mut PgConnection,
    keys: &[NoticeKey],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if keys.is_empty() {
        return Ok(());
    }
    let c = columns(keys);
    sqlx::query(
        "insert into notice_folded (recipient_id, group_chat_id, case_id, kind, due_at, folded_at) \
         select p, g, c, kind, due, $6 \
         from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[]) \
           as k(p, g, c, kind, due) \
         on conflict on constraint notice_folded_key do nothing",
    )
    .bind(&c.people)
    .bind(&c.groups)
    .bind(&c.cases)
    .bind(&c.kinds)
    .bind(&c.dues)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Queues many notifications in one statement; returns how many were new (rows with the same
/// outbox key already queued or sent are left alone).
pub async fn queue_many(
    conn: &mut PgConnection,
    rows: &[NewNotification],
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut people = Vec::with_capacity(rows.len());
    let mut groups = Vec::with_capacity(rows.len());
    let mut cases = Vec::with_capacity(rows.len());
    let mut kinds = Vec::with_capacity(rows.len());
    let mut dues = Vec::with_capacity(rows.len());
    let mut bodies = Vec::with_capacity(rows.len());
    let mut not_before = Vec::with_capacity(rows.len());
    for n in rows {
        let (p, g) = split(n.recipient);
        people.push(p);
        groups.push(g);
        cases.push(n.case_id);
        kinds.push(n.kind.as_str());
        dues.push(n.due_at);
        bodies.push(to_json(&n.body)?);
        not_before.push(n.not_before);
    }
    let done = sqlx::query(
        "insert into outbox (recipient_id, group_chat_id, case_id, kind, due_at, body, not_before, created_at) \
         select p, g, c, kind, due, body, nb, $8 \
         from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[], \
           $6::jsonb[], $7::timestamptz[]) as k(p, g, c, kind, due, body, nb) \
         on conflict (recipient_id, group_chat_id, case_id, kind, due_at) where update_id is null do nothing",
    )
    .bind(&people)
    .bind(&groups)
    .bind(&cases)
    .bind(&kinds)
    .bind(&dues)
    .bind(&bodies)
    .bind(&not_before)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// How many case notices each recipient was sent individually on `day`, all kinds together.
pub async fn named_on(
    conn: &mut PgConnection,
    day: NaiveDate,
) -> Result<Vec<(Recipient, i64)>, StoreError> {
    let rows: Vec<(Option<i64>, Option<i64>, i64)> = sqlx::query_as(
        "select recipient_id, group_chat_id, sum(named)::bigint from notice_totals \
         where day = $1 group by recipient_id, group_chat_id",
    )
    .bind(day)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, g, n)| match (p, g) {
            (Some(p), _) => Some((Recipient::Person(p), n)),
            (None, Some(g)) => Some((Recipient::Group(g), n)),
            (None, None) => None,
        })
        .collect())
}

/// What one scan did for one recipient and kind on a day: named individually, folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub recipient: Recipient,
    pub kind: &'static str,
    pub named: i32,
    pub folded: i32,
}

/// Adds a scan's totals to the day's.
pub async fn add_totals(
    conn: &mut PgConnection,
    day: NaiveDate,
    totals: &[Totals],
) -> Result<(), StoreError> {
    if totals.is_empty() {
        return Ok(());
    }
    let (mut people, mut groups, mut kinds, mut named, mut folded) =
        (vec![], vec![], vec![], vec![], vec![]);
    for t in totals {
        let (p, g) = split(t.recipient);
        people.push(p);
        groups.push(g);
        kinds.push(t.kind);
        named.push(t.named);
        folded.push(t.folded);
    }
    sqlx::query(
        "insert into notice_totals (recipient_id, group_chat_id, day, kind, named, folded) \
         select p, g, $6, kind, n, f \
         from unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::int[]) as k(p, g, kind, n, f) \
         on conflict on constraint notice_totals_key do update \
         set named = notice_totals.named + excluded.named, folded = notice_totals.folded + excluded.folded",
    )
    .bind(&people)
    .bind(&groups)
    .bind(&kinds)
    .bind(&named)
    .bind(&folded)
    .bind(day)
    .execute(conn)
    .await?;
    Ok(())
}

/// Which of the notices of `kind` about no case, to `people[i]` due `dues[i]`, are already in
/// the outbox: one flag each, in order.
pub async fn queued_for(
    conn: &mut PgConnection,
    kind: &str,
    people: &[i64],
    dues: &[DateTime<Utc>],
) -> Result<Vec<bool>, StoreError> {
    if people.is_empty() {
        return Ok(vec![]);
    }
    let flags: Vec<(i64, bool)> = sqlx::query_as(
        "select k.n, exists (select 1 from outbox o where o.recipient_id = k.p \
           and o.group_chat_id is null and o.case_id is null and o.kind = $3 and o.due_at = k.due) \
         from unnest($1::bigint[], $2::timestamptz[]) with ordinality as k(p, due, n) order by k.n",
    )
    .bind(people)
    .bind(dues)
    .bind(kind)
    .fetch_all(conn)
    .await?;
    Ok(flags.into_iter().map(|(_, f)| f).collect())
}
