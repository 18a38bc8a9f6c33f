//! Taking access away and giving it back: a person's `active` flag, the accounts whose access
//! was withdrawn (told once), and the notices that will not be sent to someone who lost access.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;

/// Why an account lost access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawn {
    /// The account was unbound from its person.
    Unbound,
    /// The account's person was deactivated.
    Deactivated,
}

impl Withdrawn {
    pub fn code(self) -> &'static str {
        match self {
            Withdrawn::Unbound => "unbound",
            Withdrawn::Deactivated => "deactivated",
        }
    }
}

/// What a deactivation changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deactivated {
    /// Queued notices to the person, now cancelled.
    pub notices_cancelled: u64,
    /// Their unused invites, now revoked.
    pub invites_revoked: u64,
    /// Their bound accounts (kept, but speaking for no one while the person is inactive).
    pub accounts: u64,
}

/// Deactivates a person: marks them, cancels the notices queued for them, revokes their unused
/// invites and remembers their accounts to tell them once. `None` when they were inactive
/// already (nothing changed).
pub async fn deactivate(
    conn: &mut PgConnection,
    person_id: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<Deactivated>, StoreError> {
    let done = sqlx::query(
        "update people set active = false, deactivated_at = $2, deactivation_reason = $3, updated_at = $2 \
         where id = $1 and active",
    )
    .bind(person_id)
    .bind(now)
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    let notices_cancelled =
        cancel_notices(conn, person_id, "the recipient was deactivated").await?;
    let invites_revoked = sqlx::query(
        "update invites set revoked_at = $2 where person_id = $1 and used_at is null and revoked_at is null",
    )
    .bind(person_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let accounts = sqlx::query(
        "insert into access_withdrawals (transport, user_id, person_id, reason, withdrawn_at) \
         select transport, user_id, person_id, 'deactivated', $2 from messenger_accounts where person_id = $1 \
         on conflict on constraint access_withdrawals_pkey do update \
         set person_id = excluded.person_id, reason = excluded.reason, withdrawn_at = excluded.withdrawn_at, told_at = null",
    )
    .bind(person_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(Some(Deactivated {
        notices_cancelled,
        invites_revoked,
        accounts,
    }))
}

/// Activates a deactivated person again; false when they were active already.
pub async fn activate(
    conn: &mut PgConnection,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update people set active = true, deactivated_at = null, deactivation_reason = null, updated_at = $2 \
         where id = $1 and not active",
    )
    .bind(person_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("delete from access_withdrawals where person_id = $1 and reason = 'deactivated'")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// Cancels the notices queued for a person (kept, marked `cancelled`); returns how many.
pub async fn cancel_notices(
    conn: &mut PgConnection,
    person_id: i64,
    reason: &str,
) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "update outbox set status = 'cancelled', last_error = $2 where recipient_id = $1 and status = 'queued'",
    )
    .bind(person_id)
    .bind(reason)
    .execute(conn)
    .await?
    .rows_affected())
}

/// Remembers that an account lost access, to tell it once.
pub async fn withdraw_account(
    conn: &mut PgConnection,
    transport: &str,
    user_id: i64,
    person_id: i64,
    why: Withdrawn,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into access_withdrawals (transport, user_id, person_id, reason, withdrawn_at) values ($1, $2, $3, $4, $5) \
         on conflict on constraint access_withdrawals_pkey do update \
         set person_id = excluded.person_id, reason = excluded.reason, withdrawn_at = excluded.withdrawn_at, told_at = null",
    )
    .bind(transport)
    .bind(user_id)
    .bind(person_id)
    .bind(why.code())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether an account lost access and has not been told yet; if so it is marked told, so the
/// next caller gets `false` (the account is told once).
pub async fn claim_withdrawal_notice(
    conn: &mut PgConnection,
    transport: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let claimed: Option<i32> = sqlx::query_scalar(
        "update access_withdrawals set told_at = $3 where transport = $1 and user_id = $2 and told_at is null \
         returning 1",
    )
    .bind(transport)
    .bind(user_id)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(claimed.is_some())
}

/// An account binds again (a new invite): it has its access back.
pub async fn forget_withdrawal(
    conn: &mut PgConnection,
    transport: &str,
    user_id: i64,
) -> Result<(), StoreError> {
    sqlx::query("delete from access_withdrawals where transport = $1 and user_id = $2")
        .bind(transport)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether the person is active (false for no such person).
pub async fn is_active(conn: &mut PgConnection, person_id: i64) -> Result<bool, StoreError> {
    let active: Option<bool> = sqlx::query_scalar("select active from people where id = $1")
        .bind(person_id)
        .fetch_optional(conn)
        .await?;
    Ok(active.unwrap_or(false))
}

/// A person as `/people` lists them: bound or not, when last seen, active, reachable.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonAccess {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub reachable: bool,
    pub accounts: i64,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The access facts of the people `PEOPLE` (a subquery aliased `p`) selects: worked out only for
/// them, after any paging.
const ACCESS_SELECT: &str = "select p.id, p.code, p.name, p.active, p.reachable, \
     (select count(*) from messenger_accounts a where a.person_id = p.id) as accounts, \
     (select max(c.updated_at) from conversations c where c.person_id = p.id) as last_used_at \
     from (PEOPLE) p";

/// One page of the roster with access facts, by code; and how many people there are.
pub async fn page(
    conn: &mut PgConnection,
    offset: i64,
    limit: i64,
) -> Result<(Vec<PersonAccess>, i64), StoreError> {
    search(conn, None, offset, limit).await
}

/// The people whose roster code or name contains `words` (all of them with none), by code,
/// `limit` from `offset`, and how many there are.
pub async fn search(
    conn: &mut PgConnection,
    words: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<PersonAccess>, i64), StoreError> {
    let pattern = words.map(super::contains_pattern);
    let matching =
        "cardinality(roles) > 0 and ($3::text is null or code ilike $3 or name ilike $3)";
    let people = format!(
        "select id, code, name, active, reachable from people \
         where {matching} order by code, id offset $1 limit $2"
    );
    let rows: Vec<PersonAccess> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{} order by p.code, p.id",
        ACCESS_SELECT.replace("PEOPLE", &people)
    )))
    .bind(offset)
    .bind(limit)
    .bind(&pattern)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "select count(*) from people where {}",
        matching.replace("$3", "$1")
    )))
    .bind(&pattern)
    .fetch_one(conn)
    .await?;
    Ok((rows, total))
}

/// One person with access facts.
pub async fn person(
    conn: &mut PgConnection,
    person_id: i64,
) -> Result<Option<PersonAccess>, StoreError> {
    let people = "select id, code, name, active, reachable from people where id = $1";
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(ACCESS_SELECT.replace("PEOPLE", people)))
            .bind(person_id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Whether each person with one of these codes is active, by code.
pub async fn active_by_code(
    conn: &mut PgConnection,
    codes: &[String],
) -> Result<std::collections::HashMap<String, bool>, StoreError> {
    let rows: Vec<(String, bool)> =
        sqlx::query_as("select code, active from people where code = any($1)")
            .bind(codes)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().collect())
}

/// The people deactivated at exactly `at` (by one import run at that instant).
pub async fn deactivated_at(
    conn: &mut PgConnection,
    at: DateTime<Utc>,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from people where not active and deactivated_at = $1 order by id",
    )
    .bind(at)
    .fetch_all(conn)
    .await?)
}
