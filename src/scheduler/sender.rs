//! The outbox sender: claims due rows (in a short transaction of its own, skipping rows another
//! sender holds), sends each through the recipient's messengers, and records what happened.
//! [`run`] is the long-running sender (fair across chats, many chats at once, button answers on
//! their own lane); [`deliver_due`] is one pass of the same work, for tests and tools.
//!
//! - delivered: `sent`, with the messenger's message id;
//! - `RetryAfter`: queued again, not before the wait is over (not counted as an attempt);
//! - `Transient`: queued again with exponential backoff; `failed` after `MAX_ATTEMPTS`;
//! - `Permanent`: `failed` with the reason; the person (or group) is marked unreachable and
//!   their department head — or, with none, the admins — is told, once;
//! - `Migrated`: the group's chat id is updated and the message sent again at once;
//! - a button answer is sent once: anything but a `RetryAfter` fails it (the press is stale);
//! - no account on any running messenger: `failed` with that reason;
//! - the recipient was deactivated since it was queued: `cancelled`, never sent.
//!
//! A row left in `sending` longer than `LEASE` (`REPLY_LEASE` for a reply to an update: the
//! process died between claiming and recording)
//! is queued again and counted in `resent_after_lease`: if the messenger had accepted the first
//! send, the recipient gets it twice. That is the only way a message is duplicated.

mod failure;
mod lanes;

use std::sync::Arc;

use crate::store::PgPool;
use chrono::{DateTime, TimeDelta, Utc};

use crate::message::Reply;
use crate::messenger::{DeliveryError, Messenger, SentId};
use crate::store::StoreError;
use crate::store::delivery::{self, Claimed};
use failure::Failed;
pub use lanes::{Lanes, run, spawn, wake};

/// How long a claimed row may stay `sending` before another sender takes it back.
pub const LEASE: TimeDelta = TimeDelta::minutes(5);
/// The same for a reply to an update: sent within seconds, so one left `sending` after a
/// crash goes out again soon after the restart.
pub const REPLY_LEASE: TimeDelta = TimeDelta::seconds(30);
/// Transient failures before a row is given up.
pub const MAX_ATTEMPTS: i32 = 8;
/// Rows claimed at a time.
const BATCH: i64 = 50;
/// How many times in a row a chat may move before the send is retried later.
const MAX_MIGRATIONS: usize = 2;

/// What one `deliver_due` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: usize,
    pub sent: usize,
    /// Queued again for later (rate limits, transient errors).
    pub retried: usize,
    pub failed: usize,
    /// Rows whose sender's lease ran out, queued again: each may reach its recipient twice.
    pub requeued_after_lease: u64,
    /// Sends this worker made but could not record because its lease had been taken over.
    pub lost_leases: usize,
    /// People or group chats newly marked unreachable.
    pub newly_unreachable: usize,
    /// Notices not sent because their recipient was deactivated.
    pub cancelled: usize,
}

impl DeliveryReport {
    /// Adds what another pass (or one row) did.
    pub fn add(&mut self, other: &DeliveryReport) {
        self.claimed += other.claimed;
        self.sent += other.sent;
        self.retried += other.retried;
        self.failed += other.failed;
        self.requeued_after_lease += other.requeued_after_lease;
        self.lost_leases += other.lost_leases;
        self.newly_unreachable += other.newly_unreachable;
        self.cancelled += other.cancelled;
    }
}

/// The delay before attempt `attempts + 1` after a transient failure: 30 s, doubling, at most an
/// hour.
pub fn backoff(attempts: i32) -> TimeDelta {
    let exp = attempts.clamp(0, 7) as u32;
    (TimeDelta::seconds(30) * 2i32.pow(exp)).min(TimeDelta::hours(1))
}

/// Sends every queued row due by `now`, as worker `worker_id`.
pub async fn deliver_due(
    pool: &PgPool,
    messengers: &[Arc<dyn Messenger>],
    now: DateTime<Utc>,
    worker_id: &str,
) -> Result<DeliveryReport, StoreError> {
    let mut report = DeliveryReport {
        requeued_after_lease: delivery::requeue_expired(pool, now - LEASE, now - REPLY_LEASE)
            .await?,
        ..DeliveryReport::default()
    };
    loop {
        // Every outcome leaves a row sent, failed, or queued for after `now`, so this ends.
        let mut batch = delivery::claim_callbacks(pool, now, worker_id, BATCH).await?;
        batch.extend(delivery::claim(pool, now, worker_id, BATCH, &[]).await?);
        if batch.is_empty() {
            break;
        }
        report.claimed += batch.len();
        for row in batch {
            deliver_one(pool, messengers, &row, now, worker_id, &mut report).await?;
        }
    }
    Ok(report)
}

/// The chats a claimed row goes to, each with the messenger that reaches it.
enum Route {
    /// A reply: straight to the chat the update came from.
    Chat(Arc<dyn Messenger>, i64),
    Person(i64, Vec<(Arc<dyn Messenger>, i64)>),
    Group(delivery::GroupChat, Arc<dyn Messenger>),
    /// Nowhere: the reason.
    Nowhere(String),
    /// Not to be sent: the recipient lost access since it was queued.
    Cancelled,
}

fn messenger_for(messengers: &[Arc<dyn Messenger>], transport: &str) -> Option<Arc<dyn Messenger>> {
    messengers
        .iter()
        .find(|m| m.transport() == transport)
        .cloned()
}

async fn route(
    pool: &PgPool,
    messengers: &[Arc<dyn Messenger>],
    row: &Claimed,
) -> Result<Route, StoreError> {
    if let Some((transport, chat_id)) = &row.chat {
        return Ok(match messenger_for(messengers, transport) {
            Some(m) => Route::Chat(m, *chat_id),
            None => Route::Nowhere(format!("no running messenger for {transport}")),
        });
    }
    if let Some(person) = row.recipient_id {
        if !delivery::is_active(pool, person).await? {
            return Ok(Route::Cancelled);
        }
        let accounts = delivery::accounts(pool, person).await?;
        if accounts.is_empty() {
            return Ok(Route::Nowhere("the person has no messenger account".into()));
        }
        let chats: Vec<_> = accounts
            .iter()
            .filter_map(|a| messenger_for(messengers, &a.transport).map(|m| (m, a.chat_id)))
            .collect();
        if chats.is_empty() {
            let transports: Vec<&str> = accounts.iter().map(|a| a.transport.as_str()).collect();
            return Ok(Route::Nowhere(format!(
                "no running messenger for the person's accounts ({})",
                transports.join(", ")
            )));
        }
        return Ok(Route::Person(person, chats));
    }
    let Some(group_id) = row.group_chat_id else {
        return Ok(Route::Nowhere("the row has no recipient".into()));
    };
    let Some(group) = delivery::group_chat(pool, group_id).await? else {
        return Ok(Route::Nowhere("the group chat is no longer bound".into()));
    };
    match messenger_for(messengers, &group.transport) {
        Some(m) => Ok(Route::Group(group, m)),
        None => Ok(Route::Nowhere(format!(
            "no running messenger for the group's transport ({})",
            group.transport
        ))),
    }
}

/// Whose chat id to update when a chat moves.
#[derive(Clone, Copy)]
enum Owner {
    Person(i64),
    Group(i64),
    /// A reply to an update: the chat is followed for this send only.
    Chat,
}

/// Sends to one chat, following the chat when the messenger says it moved (a group upgraded to
/// a supergroup).
async fn send_following(
    pool: &PgPool,
    messenger: &dyn Messenger,
    mut chat_id: i64,
    reply: &Reply,
    owner: Owner,
) -> Result<Result<SentId, DeliveryError>, StoreError> {
    let mut moves = 0;
    loop {
        match messenger.send(chat_id, reply).await {
            Err(DeliveryError::Migrated(new_chat)) if moves < MAX_MIGRATIONS => {
                match owner {
                    Owner::Group(id) => delivery::migrate_group_chat(pool, id, new_chat).await?,
                    Owner::Chat => {}
                    Owner::Person(id) => {
                        delivery::migrate_account_chat(
                            pool,
                            id,
                            messenger.transport(),
                            chat_id,
                            new_chat,
                        )
                        .await?
                    }
                }
                chat_id = new_chat;
                moves += 1;
            }
            other => return Ok(other),
        }
    }
}

/// The most hopeful of several failures: a wait beats a retry beats giving up.
fn most_hopeful(errors: Vec<DeliveryError>) -> Option<DeliveryError> {
    let rank = |e: &DeliveryError| match e {
        DeliveryError::RetryAfter(_) => 0,
        DeliveryError::Transient(_) | DeliveryError::Migrated(_) => 1,
        DeliveryError::Permanent(_) => 2,
    };
    errors.into_iter().min_by_key(rank)
}

/// Sends one claimed row and records what happened.
pub(crate) async fn deliver_one(
    pool: &PgPool,
    messengers: &[Arc<dyn Messenger>],
    row: &Claimed,
    now: DateTime<Utc>,
    worker: &str,
    report: &mut DeliveryReport,
) -> Result<(), StoreError> {
    if let Some(query_id) = &row.callback_query_id {
        return answer_one(pool, messengers, row, query_id, now, worker, report).await;
    }
    let outcome = match route(pool, messengers, row).await? {
        Route::Nowhere(reason) => {
            tracing::warn!(outbox = row.id, %reason, "notification cannot be delivered");
            if delivery::fail(pool, row.id, worker, &reason).await? {
                report.failed += 1;
            }
            return Ok(());
        }
        Route::Cancelled => {
            tracing::info!(
                outbox = row.id,
                "notice cancelled: the recipient was deactivated"
            );
            if delivery::cancel(pool, row.id, worker, "the recipient was deactivated").await? {
                report.cancelled += 1;
            }
            return Ok(());
        }
        Route::Chat(messenger, chat) => {
            send_following(pool, messenger.as_ref(), chat, &row.body, Owner::Chat).await?
        }
        Route::Person(person, chats) => {
            let mut first_ok = None;
            let mut errors = Vec::new();
            for (messenger, chat) in chats {
                match send_following(
                    pool,
                    messenger.as_ref(),
                    chat,
                    &row.body,
                    Owner::Person(person),
                )
                .await?
                {
                    Ok(id) => {
                        // Each notice once: on the first messenger that takes it.
                        first_ok = Some(id);
                        break;
                    }
                    Err(e) => errors.push(e),
                }
            }
            match first_ok {
                Some(id) => {
                    // A message that arrived shows they can be reached again. Setting their
                    // chat's menu puts nothing in front of them, so it shows nothing.
                    if row.body.commands.is_none() {
                        delivery::mark_person_reachable(pool, person).await?;
                    }
                    Ok(id)
                }
                None => Err(most_hopeful(errors)
                    .unwrap_or_else(|| DeliveryError::Transient("nothing was sent".into()))),
            }
        }
        Route::Group(group, messenger) => {
            send_following(
                pool,
                messenger.as_ref(),
                group.chat_id,
                &row.body,
                Owner::Group(group.id),
            )
            .await?
        }
    };
    match outcome {
        Ok(message_id) => {
            if delivery::mark_sent(pool, row.id, worker, message_id, now).await? {
                report.sent += 1;
            } else {
                report.lost_leases += 1;
                tracing::warn!(
                    outbox = row.id,
                    "sent after the lease was taken over; it may arrive twice"
                );
            }
        }
        Err(error) => {
            let failed = Failed {
                pool,
                row,
                now,
                worker,
            };
            failed.handle(error, report).await?;
        }
    }
    Ok(())
}

/// Answers a button press: once, at once. A wait Telegram asks for is honoured; any other
/// failure ends it (a press that could not be answered in time is stale).
async fn answer_one(
    pool: &PgPool,
    messengers: &[Arc<dyn Messenger>],
    row: &Claimed,
    query_id: &str,
    now: DateTime<Utc>,
    worker: &str,
    report: &mut DeliveryReport,
) -> Result<(), StoreError> {
    let Some((transport, chat_id)) = &row.chat else {
        if delivery::fail(pool, row.id, worker, "a button answer without a chat").await? {
            report.failed += 1;
        }
        return Ok(());
    };
    let Some(messenger) = messenger_for(messengers, transport) else {
        let reason = format!("no running messenger for {transport}");
        if delivery::fail(pool, row.id, worker, &reason).await? {
            report.failed += 1;
        }
        return Ok(());
    };
    let text = Some(row.body.text.as_str()).filter(|t| !t.is_empty());
    match messenger.answer(*chat_id, query_id, text).await {
        Ok(()) => {
            if delivery::mark_sent(pool, row.id, worker, 0, now).await? {
                report.sent += 1;
            } else {
                report.lost_leases += 1;
            }
        }
        Err(DeliveryError::RetryAfter(wait)) => {
            let wait = TimeDelta::from_std(wait).unwrap_or(TimeDelta::seconds(1));
            if delivery::retry(pool, row.id, worker, now + wait, false, "rate limited").await? {
                report.retried += 1;
            }
        }
        Err(e) => {
            tracing::warn!(outbox = row.id, chat_id, error = %e, "could not answer a button press");
            if delivery::fail(pool, row.id, worker, &e.to_string()).await? {
                report.failed += 1;
            }
        }
    }
    Ok(())
}
