//! Invite codes: a single-use, expiring code for a person to bind their messenger account, or
//! for a department's group chat.

use crate::store::PgConnection;
use chrono::{DateTime, Duration, Utc};

use crate::config::Settings;
use crate::i18n::{Args, tr};
use crate::store::audit::{self, Source};
pub use crate::store::invites::code_prefix;
use crate::store::invites::{self, InviteTarget};
use crate::store::{StoreError, people, roster};

/// Who the operator asked an invite for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteFor {
    /// A roster code or database id.
    Person(String),
    /// A department code.
    Department(String),
}

/// An invite made, with what the operator needs to hand it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeInvite {
    pub code: String,
    pub target: InviteTarget,
    /// The person's or the department's name and code.
    pub name: String,
    pub target_code: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum InviteCliError {
    #[error("no person with code or id {0}")]
    UnknownPerson(String),
    #[error("no department with code {0}")]
    UnknownDepartment(String),
    #[error("{0} is deactivated")]
    Inactive(String),
    #[error("an invite must be valid for 1 to {MAX_DAYS} days")]
    BadDays,
    #[error(transparent)]
    Store(#[from] StoreError),
}

const MAX_DAYS: u32 = 365;

impl InviteCliError {
    /// What to tell the operator, in `locale` (Telegram HTML).
    pub fn message(&self, locale: &str) -> String {
        match self {
            InviteCliError::UnknownPerson(key) => tr(
                locale,
                "cli-invite-unknown-person",
                Args::new().str("person", key),
            ),
            InviteCliError::UnknownDepartment(key) => tr(
                locale,
                "cli-invite-unknown-department",
                Args::new().str("department", key),
            ),
            InviteCliError::Inactive(key) => tr(
                locale,
                "cli-invite-person-inactive",
                Args::new().str("person", key),
            ),
            InviteCliError::BadDays => tr(
                locale,
                "cli-invite-bad-days",
                Args::new().num("max", MAX_DAYS),
            ),
            InviteCliError::Store(_) => tr(locale, "error-internal", Args::new()),
        }
    }
}

/// Creates an invite valid for `days` days from `now`.
pub async fn make_invite(
    conn: &mut PgConnection,
    target: &InviteFor,
    days: u32,
    now: DateTime<Utc>,
) -> Result<MadeInvite, InviteCliError> {
    if days == 0 || days > MAX_DAYS {
        return Err(InviteCliError::BadDays);
    }
    let (target, name, target_code) = match target {
        InviteFor::Person(key) => {
            let person = people::by_code_or_id(conn, key)
                .await?
                .ok_or_else(|| InviteCliError::UnknownPerson(key.trim().to_string()))?;
            if !person.active {
                return Err(InviteCliError::Inactive(person.code));
            }
            (InviteTarget::Person(person.id), person.name, person.code)
        }
        InviteFor::Department(key) => {
            let key = key.trim().to_string();
            let found =
                roster::by_code::<roster::DepartmentRecord>(conn, std::slice::from_ref(&key))
                    .await?;
            let department = found
                .get(&key)
                .ok_or_else(|| InviteCliError::UnknownDepartment(key.clone()))?;
            (
                InviteTarget::Department(department.id),
                department.record.name.clone(),
                key,
            )
        }
    };
    let ttl = Duration::days(i64::from(days));
    let code = invites::create(conn, target, now, ttl).await?;
    Ok(MadeInvite {
        code,
        target,
        name,
        target_code,
        expires_at: now + ttl,
    })
}

/// A new invite for a person supersedes their older unused ones: they are revoked, and the
/// new one and the revocations are recorded in the audit log. Returns the revoked codes.
pub async fn supersede_older(
    conn: &mut PgConnection,
    made: &MadeInvite,
    now: DateTime<Utc>,
) -> Result<Vec<String>, StoreError> {
    let InviteTarget::Person(person_id) = made.target else {
        return Ok(vec![]);
    };
    let revoked = invites::revoke_others(conn, person_id, &made.code, now).await?;
    for code in &revoked {
        let detail = format!(
            "invite {} revoked: superseded by {}",
            code_prefix(code),
            code_prefix(&made.code)
        );
        audit_invite(conn, made, &detail, now).await?;
    }
    Ok(revoked)
}

/// Records a new invite in the audit log (its first characters only).
pub async fn record_made(
    conn: &mut PgConnection,
    made: &MadeInvite,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let detail = format!(
        "invite {} made, valid until {}",
        code_prefix(&made.code),
        made.expires_at.to_rfc3339()
    );
    audit_invite(conn, made, &detail, now).await
}

/// An entry of the audit log about an invite for `made`'s target, made from the command line.
async fn audit_invite(
    conn: &mut PgConnection,
    made: &MadeInvite,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    audit::record(
        conn,
        Source::CommandLine,
        "invite",
        &made.target_code,
        detail,
        now,
    )
    .await
}

/// What `zhuqi invite revoke CODE` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    /// Revoked now; for whom (a person's or a department's code).
    Now { target_code: String },
    /// It had been used already: nothing to revoke.
    Used,
    /// It had been revoked already.
    Already,
    /// No invite has this code.
    Unknown,
}

/// Revokes an unused invite by its code, and records it.
pub async fn revoke_invite(
    conn: &mut PgConnection,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Revoked, StoreError> {
    let Some(invite) = invites::by_code(conn, code).await? else {
        return Ok(Revoked::Unknown);
    };
    if invite.used_at.is_some() {
        return Ok(Revoked::Used);
    }
    if !invites::revoke(conn, invite.id, now).await? {
        return Ok(Revoked::Already);
    }
    let target_code = invite.target_code;
    let detail = format!("invite {} revoked", code_prefix(&invite.code));
    audit::record(
        conn,
        Source::CommandLine,
        "invite revoke",
        &target_code,
        &detail,
        now,
    )
    .await?;
    Ok(Revoked::Now { target_code })
}

/// The lines `zhuqi invite` prints for an invite, in `locale` (Telegram HTML).
pub fn invite_lines(settings: &Settings, locale: &str, made: &MadeInvite) -> Vec<String> {
    let expires = made
        .expires_at
        .with_timezone(&settings.timezone)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let code_line = tr(
        locale,
        "cli-invite-code",
        Args::new().str("code", &made.code),
    );
    let key = match made.target {
        InviteTarget::Person(_) => "cli-invite-for-person",
        InviteTarget::Department(_) => "cli-invite-for-department",
    };
    let for_line = tr(
        locale,
        key,
        Args::new()
            .str("name", &made.name)
            .str("target", &made.target_code)
            .str("expires", &expires)
            .str("code", &made.code),
    );
    vec![code_line, for_line]
}
