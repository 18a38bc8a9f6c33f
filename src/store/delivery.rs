//! The outbox sender's queries: claim queued rows with `FOR UPDATE SKIP LOCKED`, record what the
//! messenger answered, and mark people and group chats that cannot be reached.
//! Row life: queued → sending (claimed_by, claimed_at) → sent (message id) or failed (reason);
//! a retry goes back to queued with a later `not_before`. Messages are claimed one per lane (a
//! chat) at a time, so a chat's rows go out in order; button answers are claimed on their own.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::StoreError;
use crate::message::Reply;

/// A claimed outbox row, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub id: i64,
    pub recipient_id: Option<i64>,
    pub group_chat_id: Option<i64>,
    pub case_id: Option<i64>,
    pub kind: String,
    pub body: Reply,
    /// Earlier attempts that ended in a transient error or a lost lease.
    pub attempts: i32,
    /// A reply's chat: (transport, chat id).
    pub chat: Option<(String, i64)>,
    /// For the answer to a button press: the query it answers.
    pub callback_query_id: Option<String>,
    /// The line the row waits in (one chat's rows go one at a time); none for button answers.
    pub lane: Option<String>,
    pub priority: i16,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    recipient_id: Option<i64>,
    group_chat_id: Option<i64>,
    case_id: Option<i64>,
    kind: String,
    body: serde_json::Value,
    attempts: i32,
    transport: Option<String>,
    chat_id: Option<i64>,
    callback_query_id: Option<String>,
    lane: Option<String>,
    priority: i16,
}

/// What a claim returns, as a literal for `concat!`.
macro_rules! returning {
    () => {
        " returning o.id, o.recipient_id, o.group_chat_id, o.case_id, o.kind, o.body, \
         o.attempts, o.transport, o.chat_id, o.callback_query_id, o.lane, o.priority"
    };
}

/// Puts rows whose lease ran out back in the queue, counting each in `resent_after_lease`:
/// notices `sending` since before `expired_before`, replies to updates (sent within seconds)
/// since before `reply_expired_before` (the process died between claiming and recording).
/// Returns how many.
pub async fn requeue_expired(
    pool: &PgPool,
    expired_before: DateTime<Utc>,
    reply_expired_before: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "update outbox set status = 'queued', claimed_by = null, claimed_at = null, \
         attempts = attempts + 1, resent_after_lease = resent_after_lease + 1, \
         last_error = 'lease expired while sending' \
         where id in (select id from outbox where status = 'sending' \
                      and (claimed_at < $1 or (update_id is not null and claimed_at < $2)) \
                      for update skip locked)",
    )
    .bind(expired_before)
    .bind(reply_expired_before)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Claims, for `worker`, the next row of up to `limit` lanes (chats) with a queued row due by
/// `now` and none being sent: the most urgent lanes first, and among lanes of one priority the
/// one sent to longest ago (or never) first, so chats take turns and a newcomer is not queued
/// behind another chat's backlog. A chat's replies (`c:` lanes) keep their order even when one
/// waits to be retried (after a 429): the later ones wait behind it. A person's or a group's
/// notices may pass one held back until later (quiet hours). Lanes in `skip` are left alone
/// (this process sent to them a moment ago). Button answers are not claimed here. The lanes are
/// found by a skip scan and each lane's head by one probe: a claim costs the number of waiting
/// chats, not the number of waiting rows.
pub async fn claim(
    pool: &PgPool,
    now: DateTime<Utc>,
    worker: &str,
    limit: i64,
    skip: &[String],
) -> Result<Vec<Claimed>, StoreError> {
    const SQL: &str = concat!(
        "with recursive lanes(lane) as ( \
             (select lane from outbox where status in ('queued', 'sending') and lane is not null \
              order by lane limit 1) union all select (select o.lane from outbox o where o.status in ('queued', 'sending') \
                     and o.lane > l.lane order by o.lane limit 1) \
             from lanes l where l.lane is not null), \
         heads as ( \
             select h.id, h.lane, h.status, h.priority, h.not_before from lanes l cross join lateral ( \
                 select id, lane, status, priority, not_before from outbox o \
                 where o.lane = l.lane and o.status in ('queued', 'sending') \
                   and (o.status = 'sending' or o.not_before <= $1 or o.lane like 'c:%') \
                 order by o.id limit 1) h \
             where l.lane is not null) \
         update outbox o set status = 'sending', claimed_by = $2, claimed_at = $1 \
         from (select heads.id from heads \
               where heads.status = 'queued' and heads.not_before <= $1 \
                 and heads.lane <> all($4) \
               order by heads.priority, \
                 (select max(s.sent_at) from outbox s \
                  where s.lane = heads.lane and s.status = 'sent') nulls first, \
                 heads.id limit $3) picked \
         where o.id = picked.id and o.status = 'queued'",
        returning!()
    );
    let rows: Vec<ClaimedRow> = sqlx::query_as(SQL)
        .bind(now)
        .bind(worker)
        .bind(limit)
        .bind(skip)
        .fetch_all(pool)
        .await?;
    read_claimed(pool, worker, rows).await
}

/// Claims up to `limit` queued answers to button presses, oldest first.
pub async fn claim_callbacks(
    pool: &PgPool,
    now: DateTime<Utc>,
    worker: &str,
    limit: i64,
) -> Result<Vec<Claimed>, StoreError> {
    const SQL: &str = concat!(
        "update outbox o set status = 'sending', claimed_by = $2, claimed_at = $1 \
         from (select id from outbox where status = 'queued' and callback_query_id is not null \
               and not_before <= $1 order by id limit $3 for update skip locked) picked \
         where o.id = picked.id",
        returning!()
    );
    let rows: Vec<ClaimedRow> = sqlx::query_as(SQL)
        .bind(now)
        .bind(worker)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    read_claimed(pool, worker, rows).await
}

async fn read_claimed(
    pool: &PgPool,
    worker: &str,
    rows: Vec<ClaimedRow>,
) -> Result<Vec<Claimed>, StoreError> {
    let mut claimed = Vec::with_capacity(rows.len());
    for r in rows {
        match serde_json::from_value::<Reply>(r.body) {
            Ok(body) => claimed.push(Claimed {
                id: r.id,
                recipient_id: r.recipient_id,
                group_chat_id: r.group_chat_id,
                case_id: r.case_id,
                kind: r.kind,
                body,
                attempts: r.attempts,
                chat: r.transport.zip(r.chat_id),
                callback_query_id: r.callback_query_id,
                lane: r.lane,
                priority: r.priority,
            }),
            Err(e) => {
                tracing::error!(outbox = r.id, error = %e, "an outbox row cannot be read");
                fail(pool, r.id, worker, &format!("unreadable body: {e}")).await?;
            }
        }
    }
    claimed.sort_by_key(|c| (c.priority, c.id));
    Ok(claimed)
}

/// Records a delivered row. False when this worker no longer holds it (its lease ran out and
/// another sender took it: the message may then be sent twice).
pub async fn mark_sent(
    pool: &PgPool,
    id: i64,
    worker: &str,
    message_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update outbox set status = 'sent', sent_at = $3, message_id = $4, last_error = null \
         where id = $1 and status = 'sending' and claimed_by = $2",
    )
    .bind(id)
    .bind(worker)
    .bind(now)
    .bind(message_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a row back in the queue, not before `not_before`; `count_attempt` adds to its attempts.
pub async fn retry(
    pool: &PgPool,
    id: i64,
    worker: &str,
    not_before: DateTime<Utc>,
    count_attempt: bool,
    reason: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update outbox set status = 'queued', claimed_by = null, claimed_at = null, not_before = $3, \
         attempts = attempts + case when $4 then 1 else 0 end, last_error = $5 \
         where id = $1 and status = 'sending' and claimed_by = $2",
    )
    .bind(id)
    .bind(worker)
    .bind(not_before)
    .bind(count_attempt)
    .bind(reason)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives up on a row for good, with the reason.
pub async fn fail<'e>(
    ex: impl sqlx::PgExecutor<'e>,
    id: i64,
    worker: &str,
    reason: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update outbox set status = 'failed', claimed_by = null, last_error = $3 \
         where id = $1 and status = 'sending' and claimed_by = $2",
    )
    .bind(id)
    .bind(worker)
    .bind(reason)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives up a claimed row because its recipient lost access: `cancelled`, with the reason.
pub async fn cancel(
    pool: &PgPool,
    id: i64,
    worker: &str,
    reason: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update outbox set status = 'cancelled', claimed_by = null, last_error = $3 \
         where id = $1 and status = 'sending' and claimed_by = $2",
    )
    .bind(id)
    .bind(worker)
    .bind(reason)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether a person may still be sent to (not deactivated; false for no such person).
pub async fn is_active(pool: &PgPool, person_id: i64) -> Result<bool, StoreError> {
    let active: Option<bool> = sqlx::query_scalar("select active from people where id = $1")
        .bind(person_id)
        .fetch_optional(pool)
        .await?;
    Ok(active.unwrap_or(false))
}

/// A chat a person can be reached in.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Account {
    pub transport: String,
    pub chat_id: i64,
}

/// Every messenger chat bound to a person: the messenger they chose (`/channel`) first, then the
/// one they used last, then the oldest binding.
pub async fn accounts(pool: &PgPool, person_id: i64) -> Result<Vec<Account>, StoreError> {
    Ok(sqlx::query_as(
        "select a.transport, a.chat_id from messenger_accounts a join people p on p.id = a.person_id \
         where a.person_id = $1 \
         order by a.transport is not distinct from p.channel desc, \
           (select c.updated_at from conversations c \
            where c.transport = a.transport and c.chat_id = a.chat_id) desc nulls last, a.id",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?)
}

/// A department's group chat as the sender needs it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GroupChat {
    pub id: i64,
    pub transport: String,
    pub chat_id: i64,
    pub department_id: i64,
    pub title: Option<String>,
}

/// A bound group chat by id; `None` once its binding has ended (what was queued for it is not
/// sent).
pub async fn group_chat(pool: &PgPool, id: i64) -> Result<Option<GroupChat>, StoreError> {
    Ok(sqlx::query_as(
        "select id, transport, chat_id, department_id, title from group_chats \
         where id = $1 and unbound_at is null",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// A group became a supergroup: its chat has a new id.
pub async fn migrate_group_chat(
    pool: &PgPool,
    id: i64,
    new_chat_id: i64,
) -> Result<(), StoreError> {
    sqlx::query("update group_chats set chat_id = $2 where id = $1")
        .bind(id)
        .bind(new_chat_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// A person's private chat moved (the transport said so): follow it.
pub async fn migrate_account_chat(
    pool: &PgPool,
    person_id: i64,
    transport: &str,
    old_chat_id: i64,
    new_chat_id: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "update messenger_accounts set chat_id = $4 where person_id = $1 and transport = $2 and chat_id = $3",
    )
    .bind(person_id)
    .bind(transport)
    .bind(old_chat_id)
    .bind(new_chat_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Marks a person unreachable. True only when they were reachable until now, so whoever must be
/// told is told once.
pub async fn mark_person_unreachable(
    conn: &mut PgConnection,
    person_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update people set reachable = false, unreachable_reason = $2, unreachable_at = $3, updated_at = $3 \
         where id = $1 and reachable",
    )
    .bind(person_id)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whose chat a reply went to: the person whose messenger account it is, or the department's
/// group bound to it (neither for a chat no one holds any more).
pub async fn owner_of_chat(
    conn: &mut PgConnection,
    transport: &str,
    chat_id: i64,
) -> Result<(Option<i64>, Option<i64>), StoreError> {
    Ok(sqlx::query_as(
        "select (select person_id from messenger_accounts \
                 where transport = $1 and chat_id = $2 order by bound_at desc limit 1), \
                (select id from group_chats where transport = $1 and chat_id = $2)",
    )
    .bind(transport)
    .bind(chat_id)
    .fetch_one(conn)
    .await?)
}

/// A message reached a person again (they unblocked the bot): they are reachable.
pub async fn mark_person_reachable<'c>(
    db: impl sqlx::PgExecutor<'c>,
    person_id: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "update people set reachable = true, unreachable_reason = null, unreachable_at = null \
         where id = $1 and not reachable",
    )
    .bind(person_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a group chat unreachable; true when it was reachable until now.
pub async fn mark_group_unreachable(
    conn: &mut PgConnection,
    group_chat_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update group_chats set reachable = false, unreachable_reason = $2, unreachable_at = $3 \
         where id = $1 and reachable",
    )
    .bind(group_chat_id)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Who is told when someone cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Notified {
    pub id: i64,
    pub locale: String,
}

/// The head of a department, unless that is the person who cannot be reached.
pub async fn department_head(
    conn: &mut PgConnection,
    department_id: i64,
    except: Option<i64>,
) -> Result<Option<Notified>, StoreError> {
    Ok(sqlx::query_as(
        "select p.id, p.locale from departments d join people p on p.id = d.head_id \
         where d.id = $1 and p.id is distinct from $2 and p.reachable",
    )
    .bind(department_id)
    .bind(except)
    .fetch_optional(conn)
    .await?)
}

/// The admins (for people with no department head to tell), except `except`.
pub async fn admins(
    conn: &mut PgConnection,
    except: Option<i64>,
) -> Result<Vec<Notified>, StoreError> {
    Ok(sqlx::query_as(
        "select id, locale from people where 'admin' = any(roles) and id is distinct from $1 and reachable \
         order by id",
    )
    .bind(except)
    .fetch_all(conn)
    .await?)
}

/// What the notice about an unreachable person needs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonContact {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
}

pub async fn person_contact(
    conn: &mut PgConnection,
    person_id: i64,
) -> Result<Option<PersonContact>, StoreError> {
    Ok(sqlx::query_as(
        "select p.id, p.name, p.phone, p.department_id, d.name as department_name \
         from people p left join departments d on d.id = p.department_id where p.id = $1",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await?)
}

pub async fn department_name(
    conn: &mut PgConnection,
    department_id: i64,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("select name from departments where id = $1")
            .bind(department_id)
            .fetch_optional(conn)
            .await?,
    )
}
