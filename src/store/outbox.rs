//! The outbox: every message the bot sends is a row written with the decision that caused it.
//! Notices are keyed by (recipient, case, kind, due instant), replies to an update by
//! (transport, update_id, seq), so that deciding to send either twice inserts it once.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::StoreError;
use crate::message::{FLOOD_NOTICE_QUIET, Reply};

/// Where a notification goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Person(i64),
    /// A department's bound group chat (`group_chats.id`).
    Group(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    pub recipient: Recipient,
    pub case_id: Option<i64>,
    /// What it is, e.g. `case_dispatched`, `deadline_reminder`, `weekly_summary`.
    pub kind: String,
    /// The instant the decision is about (a deadline, a tick); part of the key.
    pub due_at: DateTime<Utc>,
    /// Not sent before this instant (quiet hours hold messages back).
    pub not_before: DateTime<Utc>,
    /// The message, already rendered in the recipient's language.
    pub body: Reply,
}

/// The outbox `kind` of a reply to an update.
pub const REPLY_KIND: &str = "reply";
/// The outbox `kind` of the answer to a button press.
pub const CALLBACK_KIND: &str = "callback_answer";
/// The outbox `kind` of the notice that a chat's extra messages were not processed.
pub const FLOOD_KIND: &str = "flood_notice";

/// Where a row stands in the queue across chats; lower goes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// The answer to a button press (its own lane; the client's spinner is waiting).
    CallbackAnswer = 0,
    /// A reply to the person in front of the phone.
    Reply = 1,
    /// Red escalations, and the news that someone cannot be reached.
    Urgent = 2,
    /// The notices a change sends to the people it concerns.
    Notice = 3,
    /// Scheduled reminders, digests and summaries.
    Scheduled = 4,
}

impl Priority {
    /// The priority of a notice of this kind (a `NoticeKind` code).
    pub fn of_kind(kind: &str) -> Priority {
        use crate::domain::NoticeKind as K;
        match K::parse(kind) {
            Some(K::EscalationRed | K::ProjectRed | K::Unreachable) => Priority::Urgent,
            Some(
                K::CaseReported
                | K::CaseDispatched
                | K::CaseAccepted
                | K::CaseReturned
                | K::CaseProgress
                | K::CaseResolved
                | K::CaseSupervised
                | K::CaseInfoRequested
                | K::CaseInfoSupplied
                | K::CaseNote
                | K::CaseReopened
                | K::CaseClosed
                | K::AccessWithdrawn
                | K::CaseReclassified
                | K::CaseExtensionRequested
                | K::CaseExtensionDecided
                | K::CaseDeadlineChanged
                | K::MeasureConfirmed
                | K::Inspection
                | K::Rectification,
            ) => Priority::Notice,
            _ if kind == REPLY_KIND || kind == FLOOD_KIND => Priority::Reply,
            _ if kind == CALLBACK_KIND => Priority::CallbackAnswer,
            _ => Priority::Scheduled,
        }
    }
}

/// A reply as the outbox stores it.
pub(super) fn to_json(reply: &Reply) -> Result<serde_json::Value, StoreError> {
    Ok(serde_json::to_value(reply)?)
}

/// Queues a notification; returns false when the same (recipient, case, kind, due) is already
/// queued or sent. One to a deactivated person is written cancelled.
pub async fn enqueue(
    conn: &mut PgConnection,
    n: &NewNotification,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let (person, group) = match n.recipient {
        Recipient::Person(id) => (Some(id), None),
        Recipient::Group(id) => (None, Some(id)),
    };
    let body = to_json(&n.body)?;
    // A notice to someone deactivated is kept, marked cancelled: it is never sent.
    let result = sqlx::query(
        "insert into outbox (recipient_id, group_chat_id, case_id, kind, due_at, body, not_before, created_at, priority, \
                             status, last_error) \
         select $1, $2, $3, $4, $5, $6, $7, $8, $9, \
                case when inactive then 'cancelled' else 'queued' end, \
                case when inactive then 'the recipient is deactivated' end \
         from (select exists(select 1 from people where id = $1 and not active) as inactive) r \
         on conflict (recipient_id, group_chat_id, case_id, kind, due_at) where update_id is null do nothing",
    )
    .bind(person)
    .bind(group)
    .bind(n.case_id)
    .bind(&n.kind)
    .bind(n.due_at)
    .bind(body)
    .bind(n.not_before)
    .bind(now)
    .bind(Priority::of_kind(&n.kind) as i16)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// What one update makes the bot say in the chat it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<'a> {
    pub transport: &'a str,
    pub chat_id: i64,
    /// The update it answers; with `seq`, the key that makes writing it twice insert it once.
    pub update_id: i64,
    /// The button press to answer (its query id, and the short notice, if any).
    pub callback: Option<(&'a str, Option<&'a str>)>,
    /// The messages, in the order they are to arrive.
    pub replies: &'a [Reply],
}

/// Queues an update's answer in the caller's transaction (the one that holds the update's
/// effect): the button answer as seq 0, the replies from seq 1 on, in one statement. Returns the
/// rows written (none when this update's answer was written already).
pub async fn enqueue_answer(
    conn: &mut PgConnection,
    answer: &Answer<'_>,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let mut rows: Vec<(Option<&str>, &str, serde_json::Value)> = Vec::new();
    if let Some((query_id, text)) = answer.callback {
        let body = to_json(&Reply::text(text.unwrap_or_default()))?;
        rows.push((Some(query_id), CALLBACK_KIND, body));
    }
    for reply in answer.replies {
        rows.push((None, REPLY_KIND, to_json(reply)?));
    }
    // The button answer is seq 0; without one, the replies still start at 1.
    let first = i32::from(answer.callback.is_none());
    let mut seqs = Vec::new();
    let mut query_ids = Vec::new();
    let mut kinds = Vec::new();
    let mut bodies = Vec::new();
    let mut priorities = Vec::new();
    for (seq, (query_id, kind, body)) in (first..).zip(rows) {
        seqs.push(seq);
        query_ids.push(query_id);
        kinds.push(kind);
        bodies.push(body);
        priorities.push(Priority::of_kind(kind) as i16);
    }
    if seqs.is_empty() {
        return Ok(0);
    }
    let done = sqlx::query(
        "insert into outbox (transport, chat_id, update_id, seq, callback_query_id, kind, due_at, \
                             body, not_before, created_at, priority) \
         select $1, $2, $3, seq, query_id, kind, $4, body, $4, $4, priority \
         from unnest($5::int[], $6::text[], $7::text[], $8::jsonb[], $9::smallint[]) \
              as r (seq, query_id, kind, body, priority) \
         on conflict (transport, update_id, seq) where update_id is not null do nothing",
    )
    .bind(answer.transport)
    .bind(answer.chat_id)
    .bind(answer.update_id)
    .bind(now)
    .bind(seqs)
    .bind(query_ids)
    .bind(kinds)
    .bind(bodies)
    .bind(priorities)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Queues the notice that a chat's extra messages were dropped, keyed by the first dropped
/// update, unless the chat was told so within `FLOOD_NOTICE_QUIET`. Returns whether it was
/// queued.
pub async fn enqueue_flood_notice(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
    update_id: i64,
    notice: &Reply,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "insert into outbox (transport, chat_id, update_id, seq, kind, due_at, body, not_before, \
                             created_at, priority) \
         select $1, $2, $3, 1, $4, $5, $6, $5, $5, $7 \
         where not exists (select 1 from outbox where transport = $1 and chat_id = $2 \
                           and kind = $4 and created_at > $8) \
         on conflict (transport, update_id, seq) where update_id is not null do nothing",
    )
    .bind(transport)
    .bind(chat_id)
    .bind(update_id)
    .bind(FLOOD_KIND)
    .bind(now)
    .bind(to_json(notice)?)
    .bind(Priority::Reply as i16)
    .bind(now - FLOOD_NOTICE_QUIET)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NoticeKind;

    #[test]
    fn button_answers_then_replies_then_red_escalations_then_the_rest() {
        let of = |k: NoticeKind| Priority::of_kind(k.code());
        assert!(Priority::of_kind(CALLBACK_KIND) < Priority::of_kind(REPLY_KIND));
        assert_eq!(Priority::of_kind(FLOOD_KIND), Priority::Reply);
        assert!(Priority::of_kind(REPLY_KIND) < of(NoticeKind::EscalationRed));
        assert!(of(NoticeKind::EscalationRed) < of(NoticeKind::CaseDispatched));
        assert!(of(NoticeKind::CaseDispatched) < of(NoticeKind::EscalationYellow));
        assert_eq!(of(NoticeKind::WeeklyCounty), Priority::Scheduled);
        assert_eq!(of(NoticeKind::Unreachable), Priority::Urgent);
    }
}
