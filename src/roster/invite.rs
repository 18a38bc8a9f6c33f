//! Invite codes: a single-use, expiring code for a person to bind their messenger account, or
//! for a department's group chat.

use crate::store::PgConnection;
use chrono::{DateTime, Duration, Utc};

use crate::config::Settings;
use crate::i18n::{Args, tr};
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
            (InviteTarget::Person(person.id), person.name, person.code)
        }
        InviteFor::Department(key) => {
            let key = key.trim().to_string();
            let found = roster::departments_by_code(conn, std::slice::from_ref(&key)).await?;
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
    let for_line = match made.target {
        InviteTarget::Person(_) => tr(
            locale,
            "cli-invite-for-person",
            Args::new()
                .str("name", &made.name)
                .str("person", &made.target_code)
                .str("expires", &expires)
                .str("code", &made.code),
        ),
        InviteTarget::Department(_) => tr(
            locale,
            "cli-invite-for-department",
            Args::new()
                .str("department", &made.name)
                .str("department_code", &made.target_code)
                .str("expires", &expires)
                .str("code", &made.code),
        ),
    };
    vec![code_line, for_line]
}
