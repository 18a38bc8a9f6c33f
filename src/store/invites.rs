//! Single-use, expiring invite codes: a person binds their messenger account with one, and a
//! department binds a group chat with one.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sqlx::PgConnection;

use super::StoreError;

/// Letters and digits that cannot be confused when read aloud or typed on a phone.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;

/// Who an invite is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteTarget {
    Person(i64),
    Department(i64),
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("no such invite code")]
    Unknown,
    #[error("the invite code was already used")]
    Used,
    #[error("the invite code has expired")]
    Expired,
    #[error("the invite code was revoked")]
    Revoked,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for InviteError {
    fn from(e: sqlx::Error) -> Self {
        InviteError::Store(super::map_err(e))
    }
}

fn new_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Normalizes what a person typed: case, spaces and dashes do not matter.
pub fn normalize_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Creates an invite valid for `ttl` from `now`; returns its code.
pub async fn create(
    conn: &mut PgConnection,
    target: InviteTarget,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<String, StoreError> {
    let (person_id, department_id) = match target {
        InviteTarget::Person(id) => (Some(id), None),
        InviteTarget::Department(id) => (None, Some(id)),
    };
    loop {
        let code = new_code();
        let inserted = sqlx::query(
            "insert into invites (code, person_id, department_id, created_at, expires_at) values ($1, $2, $3, $4, $5) \
             on conflict on constraint invites_code_key do nothing",
        )
        .bind(&code)
        .bind(person_id)
        .bind(department_id)
        .bind(now)
        .bind(now + ttl)
        .execute(&mut *conn)
        .await?;
        // A collision with an existing code is a fact to retry, not an error.
        if inserted.rows_affected() == 1 {
            return Ok(code);
        }
    }
}

/// Uses an invite: checks it exists, is unused and unexpired, and marks it used by `used_by`
/// (the messenger account's user or chat id). Runs in the caller's transaction.
pub async fn redeem(
    conn: &mut PgConnection,
    code: &str,
    used_by: i64,
    now: DateTime<Utc>,
) -> Result<InviteTarget, InviteError> {
    let code = normalize_code(code);
    type InviteRow = (
        i64,
        Option<i64>,
        Option<i64>,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
    );
    let row: Option<InviteRow> = sqlx::query_as(
        "select id, person_id, department_id, expires_at, used_at, revoked_at from invites \
         where code = $1 for update",
    )
    .bind(&code)
    .fetch_optional(&mut *conn)
    .await?;
    let (id, person_id, department_id, expires_at, used_at, revoked_at) =
        row.ok_or(InviteError::Unknown)?;
    if used_at.is_some() {
        return Err(InviteError::Used);
    }
    if revoked_at.is_some() {
        return Err(InviteError::Revoked);
    }
    if expires_at <= now {
        return Err(InviteError::Expired);
    }
    sqlx::query("update invites set used_at = $2, used_by = $3 where id = $1")
        .bind(id)
        .bind(now)
        .bind(used_by)
        .execute(&mut *conn)
        .await?;
    match (person_id, department_id) {
        (Some(p), _) => Ok(InviteTarget::Person(p)),
        (None, Some(d)) => Ok(InviteTarget::Department(d)),
        (None, None) => Err(InviteError::Unknown),
    }
}

/// An invite as `zhuqi invite revoke` finds it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InviteRow {
    pub id: i64,
    pub code: String,
    pub person_id: Option<i64>,
    pub department_id: Option<i64>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// The person's or the department's code.
    pub target_code: String,
}

/// The invite with this code (as typed: case, spaces and dashes do not matter).
pub async fn by_code(conn: &mut PgConnection, code: &str) -> Result<Option<InviteRow>, StoreError> {
    Ok(sqlx::query_as(
        "select i.id, i.code, i.person_id, i.department_id, i.expires_at, i.used_at, i.revoked_at, \
         coalesce(p.code, d.code, '') as target_code from invites i \
         left join people p on p.id = i.person_id left join departments d on d.id = i.department_id \
         where i.code = $1 for update of i",
    )
    .bind(normalize_code(code))
    .fetch_optional(conn)
    .await?)
}

/// Revokes one unused invite; false when it was used or revoked already.
pub async fn revoke(
    conn: &mut PgConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update invites set revoked_at = $2 where id = $1 and used_at is null and revoked_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A person's newest invite that can still be used on `now`: its code and when it expires.
/// The person's row is locked first, for the caller's transaction, so that two admins asking
/// at the same moment see one code rather than making two.
pub async fn unused_for(
    conn: &mut PgConnection,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<(String, DateTime<Utc>)>, StoreError> {
    sqlx::query("select id from people where id = $1 for update")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    Ok(sqlx::query_as(
        "select code, expires_at from invites where person_id = $1 and used_at is null \
         and revoked_at is null and expires_at > $2 order by created_at desc, id desc limit 1",
    )
    .bind(person_id)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// An invite code as the audit log and the operator's listing name it: its first characters.
pub fn code_prefix(code: &str) -> String {
    format!("{}…", code.chars().take(3).collect::<String>())
}

/// Revokes a person's unused, unexpired invites other than `keep`; returns their codes.
pub async fn revoke_others(
    conn: &mut PgConnection,
    person_id: i64,
    keep: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "update invites set revoked_at = $3 where person_id = $1 and code <> $2 \
         and used_at is null and revoked_at is null and expires_at > $3 returning code",
    )
    .bind(person_id)
    .bind(keep)
    .bind(now)
    .fetch_all(conn)
    .await?)
}
