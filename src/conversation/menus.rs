//! Command menus by role: each bound person's chat gets the commands the permission table
//! gives their kinds, in their language. A menu is a reply (`Reply::commands`) the messenger
//! turns into its own menu call; it is sent with the welcome when an account is bound, when
//! the person changes language, and queued through the outbox whenever roles, department
//! heads or language make it differ from the menu last queued (after a roster import, and
//! when the bot starts).

use chrono::{DateTime, Utc};

use super::engine::EngineError;
use super::guide;
use super::turn::Turn;
use crate::domain::NoticeKind;
use crate::domain::commands::Who;
use crate::i18n::normalize_locale;
use crate::message::Reply;
use crate::store::outbox::{self, NewNotification, Recipient};
use crate::store::{PgConnection, departments, menus};

/// What the speaking person is, for the table: their roles and whether they head a department.
pub(crate) fn who(turn: &Turn<'_>) -> Who {
    Who::new(turn.person.roles.clone(), turn.heads)
}

/// The ids of the departments the speaking person heads.
pub(crate) async fn headed(turn: &mut Turn<'_>) -> Result<Vec<i64>, EngineError> {
    Ok(departments::headed_by(turn.conn, turn.person.id)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect())
}

/// The speaking person's menu as a reply to this chat, recorded as queued.
pub(crate) async fn push(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let who = who(turn);
    let reply = reply_for(turn.conn, turn.person.id, turn.locale, &who, turn.now).await?;
    turn.push(reply);
    Ok(())
}

/// A person's menu as a reply, recorded as the menu last queued for them.
pub(crate) async fn reply_for(
    conn: &mut PgConnection,
    person_id: i64,
    locale: &str,
    who: &Who,
    now: DateTime<Utc>,
) -> Result<Reply, EngineError> {
    let menu = guide::menu(locale, who);
    menus::record(conn, person_id, &guide::fingerprint(locale, &menu), now).await?;
    Ok(Reply::commands(menu))
}

/// Queues a new menu for every bound person whose menu would differ from the one last
/// queued (roles or department heads changed, a new language); returns how many were queued.
pub async fn refresh(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<usize, EngineError> {
    let mut queued = 0;
    for holder in menus::bound_people(conn).await? {
        let locale = normalize_locale(&holder.locale);
        let who = Who::new(holder.roles.clone(), holder.head);
        let menu = guide::menu(locale, &who);
        let fingerprint = guide::fingerprint(locale, &menu);
        if holder.queued.as_deref() == Some(fingerprint.as_str()) {
            continue;
        }
        let notice = NewNotification {
            recipient: Recipient::Person(holder.person_id),
            case_id: None,
            kind: NoticeKind::CommandMenu.code().to_string(),
            due_at: now,
            not_before: now,
            body: Reply::commands(menu),
        };
        outbox::enqueue(conn, &notice, now).await?;
        menus::record(conn, holder.person_id, &fingerprint, now).await?;
        queued += 1;
    }
    Ok(queued)
}
