//! Taking access away, shared by the command line (`zhuqi people deactivate`, `zhuqi accounts
//! unbind`) and by admins in chat (`/people`): each change is made in the store, recorded in the
//! audit log, and — for a deactivation — the person's open cases and paired enterprises are
//! listed to the campaign office (every dispatcher) in one notice with buttons to reassign them.
//! No cache is involved: the engine reads the person and their accounts on every update.

use chrono::{DateTime, Utc};

use super::engine::EngineError;
use super::state::{Press, ReassignOp};
use super::turn::{ButtonSpec, make_buttons};
use crate::domain::{NoticeKind, Role};
use crate::i18n::{Args, normalize_locale, t, tr};
use crate::message::Reply;
use crate::store::access::{self, Deactivated};
use crate::store::accounts::{self, AccountRow};
use crate::store::audit::{self, Source};
use crate::store::cases::CaseRow;
use crate::store::enterprises::{self, EnterpriseRow};
use crate::store::outbox::{self, NewNotification, Recipient};
use crate::store::people::{self, Person};
use crate::store::{PgConnection, handover};

/// Items listed (and buttons made) in the office's notice; the rest are counted.
const MAX_ITEMS: usize = 30;

/// Deactivates a person: marks them inactive, cancels their queued notices, revokes their
/// unused invites, records it, and tells the campaign office what they leave open. `None` when
/// they were inactive already.
pub async fn deactivate(
    conn: &mut PgConnection,
    person: &Person,
    reason: Option<&str>,
    source: Source<'_>,
    now: DateTime<Utc>,
) -> Result<Option<Deactivated>, EngineError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let Some(done) = access::deactivate(conn, person.id, reason, now).await? else {
        return Ok(None);
    };
    let detail = format!(
        "deactivated{}; {} queued notices cancelled, {} unused invites revoked, {} accounts withdrawn",
        reason.map(|r| format!(" ({r})")).unwrap_or_default(),
        done.notices_cancelled,
        done.invites_revoked,
        done.accounts
    );
    audit::record(
        conn,
        source,
        "people deactivate",
        &person.code,
        &detail,
        now,
    )
    .await?;
    tell_office(conn, person, reason, now).await?;
    Ok(Some(done))
}

/// Activates a deactivated person again; false when they were active already.
pub async fn activate(
    conn: &mut PgConnection,
    person: &Person,
    source: Source<'_>,
    now: DateTime<Utc>,
) -> Result<bool, EngineError> {
    if !access::activate(conn, person.id, now).await? {
        return Ok(false);
    }
    audit::record(
        conn,
        source,
        "people activate",
        &person.code,
        "activated",
        now,
    )
    .await?;
    Ok(true)
}

/// Unbinds a person's messenger accounts (only `account_id`, when given) and records each.
/// Returns the accounts unbound (none: nothing matched).
pub async fn unbind(
    conn: &mut PgConnection,
    person: &Person,
    account_id: Option<i64>,
    source: Source<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<AccountRow>, EngineError> {
    let unbound = accounts::unbind(conn, person.id, account_id, now).await?;
    for a in &unbound {
        let detail = format!(
            "unbound account {} ({} user {})",
            a.id, a.transport, a.user_id
        );
        audit::record(conn, source, "accounts unbind", &person.code, &detail, now).await?;
    }
    Ok(unbound)
}

/// Tells the campaign office about the people a roster import deactivated at `at` (the import
/// has made the change and recorded it already).
pub async fn tell_office_of_import(
    conn: &mut PgConnection,
    at: DateTime<Utc>,
) -> Result<usize, EngineError> {
    let ids = access::deactivated_at(conn, at).await?;
    for id in &ids {
        if let Some(person) = people::by_id(conn, *id).await? {
            tell_office(conn, &person, None, at).await?;
        }
    }
    Ok(ids.len())
}

/// The office's notice: who was deactivated, their open cases and paired enterprises, and a
/// button for each case to hand to another officer and each enterprise to pair with another
/// cadre. Written to every dispatcher (and never to the person themselves).
async fn tell_office(
    conn: &mut PgConnection,
    person: &Person,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), EngineError> {
    let cases = handover::open_cases_of(conn, person.id).await?;
    let paired = enterprises::of_cadre(conn, person.id).await?;
    for office in people::with_role(conn, Role::Dispatcher).await? {
        if office.id == person.id {
            continue;
        }
        let locale = normalize_locale(&office.locale);
        let (text, specs) = notice(locale, person, reason, &cases, &paired);
        let chat = accounts::first_chat(conn, office.id).await?;
        let buttons = make_buttons(conn, office.id, chat, specs, now).await?;
        outbox::enqueue(
            conn,
            &NewNotification {
                recipient: Recipient::Person(office.id),
                case_id: None,
                kind: NoticeKind::AccessWithdrawn.code().to_string(),
                due_at: now,
                not_before: now,
                body: Reply::text(text).with_buttons(buttons),
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Whether a case held by a department can be given to another of its officers.
fn reassignable(case: &CaseRow, person_id: i64) -> bool {
    case.assignee_id == Some(person_id)
        && case.department_id.is_some()
        && (case.status().is_with_department()
            || case.status() == crate::domain::CaseStatus::Resolved)
}

/// The notice's text and buttons, in `locale`.
fn notice(
    locale: &str,
    person: &Person,
    reason: Option<&str>,
    cases: &[CaseRow],
    paired: &[EnterpriseRow],
) -> (String, Vec<Vec<ButtonSpec>>) {
    let mut lines = vec![tr(
        locale,
        "access-office-deactivated",
        Args::new()
            .str("name", &person.name)
            .str("code", &person.code)
            .str("reason", reason.unwrap_or("-")),
    )];
    let mut rows: Vec<Vec<ButtonSpec>> = Vec::new();
    if cases.is_empty() && paired.is_empty() {
        lines.push(t(locale, "access-office-nothing-open"));
        return (lines.join("\n"), rows);
    }
    if !cases.is_empty() {
        lines.push(tr(
            locale,
            "access-office-cases",
            Args::new().num("count", cases.len() as f64),
        ));
        for case in cases.iter().take(MAX_ITEMS) {
            let role = if case.assignee_id == Some(person.id) {
                "access-as-assignee"
            } else {
                "access-as-cadre"
            };
            lines.push(tr(
                locale,
                "access-office-case-line",
                Args::new()
                    .str("number", &case.number)
                    .str("enterprise", &case.enterprise_name)
                    .str(
                        "status",
                        t(locale, &format!("status-{}", case.status().code())),
                    )
                    .str("role", t(locale, role)),
            ));
            if reassignable(case, person.id) {
                rows.push(vec![(
                    tr(
                        locale,
                        "access-button-reassign-case",
                        Args::new().str("number", &case.number),
                    ),
                    Press::Reassign {
                        op: ReassignOp::PickOfficer {
                            case_id: case.id,
                            from: person.id,
                        },
                    },
                )]);
            }
        }
        more(locale, &mut lines, cases.len());
    }
    if !paired.is_empty() {
        lines.push(tr(
            locale,
            "access-office-enterprises",
            Args::new().num("count", paired.len() as f64),
        ));
        for e in paired.iter().take(MAX_ITEMS) {
            lines.push(tr(
                locale,
                "access-office-enterprise-line",
                Args::new()
                    .str("enterprise", &e.name)
                    .str("township", &e.township_name),
            ));
            rows.push(vec![(
                tr(
                    locale,
                    "access-button-reassign-enterprise",
                    Args::new().str("enterprise", &e.name),
                ),
                Press::Reassign {
                    op: ReassignOp::PickCadre {
                        enterprise_id: e.id,
                        from: person.id,
                    },
                },
            )]);
        }
        more(locale, &mut lines, paired.len());
    }
    (lines.join("\n"), rows)
}

fn more(locale: &str, lines: &mut Vec<String>, total: usize) {
    if total > MAX_ITEMS {
        lines.push(tr(
            locale,
            "access-office-more",
            Args::new().num("count", (total - MAX_ITEMS) as f64),
        ));
    }
}
