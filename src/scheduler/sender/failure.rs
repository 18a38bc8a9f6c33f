//! What the sender does when a row could not be delivered: back off and retry, or give up, mark
//! the recipient unreachable and tell whoever must know.

use crate::store::PgPool;
use chrono::{DateTime, TimeDelta, Utc};

use super::{DeliveryReport, MAX_ATTEMPTS, backoff};
use crate::i18n::{Args, t, tr};
use crate::message::Reply;
use crate::messenger::DeliveryError;
use crate::store::StoreError;
use crate::store::delivery::{self, Claimed, Notified};
use crate::store::outbox::{self, NewNotification, Recipient};

/// Renders the notice about an unreachable recipient in a locale.
type RenderNotice = Box<dyn Fn(&str) -> String + Send>;

/// A claimed row that could not be delivered, as the sender that holds its lease sees it.
pub(super) struct Failed<'a> {
    pub pool: &'a PgPool,
    pub row: &'a Claimed,
    pub now: DateTime<Utc>,
    pub worker: &'a str,
}

impl Failed<'_> {
    /// Does what the messenger's answer calls for: wait as long as it asks, retry with back-off
    /// (giving up after `MAX_ATTEMPTS`), or give up at once on a recipient who cannot be reached.
    pub(super) async fn handle(
        &self,
        error: DeliveryError,
        report: &mut DeliveryReport,
    ) -> Result<(), StoreError> {
        match error {
            DeliveryError::RetryAfter(wait) => {
                let wait = TimeDelta::from_std(wait)
                    .unwrap_or(TimeDelta::hours(1))
                    .max(TimeDelta::seconds(1));
                let next = self.now + wait;
                let (id, worker) = (self.row.id, self.worker);
                if delivery::retry(self.pool, id, worker, next, false, "rate limited").await? {
                    report.retried += 1;
                }
                Ok(())
            }
            DeliveryError::Migrated(chat) => {
                // `send_following` has followed the chat as far as it will; try again later.
                let reason = format!("the chat keeps moving (last to {chat})");
                self.transient(&reason, report).await
            }
            DeliveryError::Transient(reason) => self.transient(&reason, report).await,
            DeliveryError::Permanent(reason) => self.permanent(&reason, report).await,
        }
    }

    /// Backs off and retries, or gives up after `MAX_ATTEMPTS`.
    async fn transient(&self, reason: &str, report: &mut DeliveryReport) -> Result<(), StoreError> {
        let (pool, row, worker) = (self.pool, self.row, self.worker);
        if row.attempts + 1 < MAX_ATTEMPTS {
            let next = self.now + backoff(row.attempts);
            if delivery::retry(pool, row.id, worker, next, true, reason).await? {
                report.retried += 1;
            }
        } else {
            let reason = format!("gave up after {MAX_ATTEMPTS} attempts: {reason}");
            if delivery::fail(pool, row.id, worker, &reason).await? {
                report.failed += 1;
            }
        }
        Ok(())
    }

    /// Fails the row, marks the person or group unreachable and, the first time, tells whoever
    /// must know — all in one transaction.
    async fn permanent(&self, reason: &str, report: &mut DeliveryReport) -> Result<(), StoreError> {
        let (pool, row, now, worker) = (self.pool, self.row, self.now, self.worker);
        let mut tx = pool.begin().await?;
        if !delivery::fail(&mut *tx, row.id, worker, reason).await? {
            tx.rollback().await?;
            return Ok(());
        }
        report.failed += 1;
        tracing::warn!(outbox = row.id, %reason, "recipient unreachable");
        // A reply names its chat, not its person: the chat's owner is who cannot be reached.
        let (recipient, group) = match (row.recipient_id, row.group_chat_id, &row.chat) {
            (None, None, Some((transport, chat))) => {
                delivery::owner_of_chat(&mut tx, transport, *chat).await?
            }
            (recipient, group, _) => (recipient, group),
        };
        let (department, except, render): (Option<i64>, Option<i64>, RenderNotice) =
            match (recipient, group) {
                (Some(person), _) => {
                    if !delivery::mark_person_unreachable(&mut tx, person, reason, now).await? {
                        return Ok(tx.commit().await?);
                    }
                    let Some(p) = delivery::person_contact(&mut tx, person).await? else {
                        return Ok(tx.commit().await?);
                    };
                    let reason = reason.to_string();
                    (
                        p.department_id,
                        Some(person),
                        Box::new(move |l: &str| {
                            tr(
                                l,
                                "sched-unreachable-person",
                                Args::new()
                                    .str("name", &p.name)
                                    .str(
                                        "department",
                                        p.department_name
                                            .clone()
                                            .unwrap_or_else(|| t(l, "sched-no-department")),
                                    )
                                    .str("reason", &reason)
                                    .str(
                                        "phone",
                                        p.phone.clone().unwrap_or_else(|| t(l, "sched-no-phone")),
                                    ),
                            )
                        }),
                    )
                }
                (None, Some(group)) => {
                    if !delivery::mark_group_unreachable(&mut tx, group, reason, now).await? {
                        return Ok(tx.commit().await?);
                    }
                    let Some(g) = delivery::group_chat(pool, group).await? else {
                        return Ok(tx.commit().await?);
                    };
                    let name = delivery::department_name(&mut tx, g.department_id)
                        .await?
                        .unwrap_or_default();
                    let reason = reason.to_string();
                    (
                        Some(g.department_id),
                        None,
                        Box::new(move |l: &str| {
                            tr(
                                l,
                                "sched-unreachable-group",
                                Args::new()
                                    .str("department", &name)
                                    .str("title", g.title.clone().unwrap_or_default())
                                    .str("reason", &reason),
                            )
                        }),
                    )
                }
                (None, None) => return Ok(tx.commit().await?),
            };
        report.newly_unreachable += 1;
        let head = match department {
            Some(d) => delivery::department_head(&mut tx, d, except).await?,
            None => None,
        };
        let told: Vec<Notified> = match head {
            Some(h) => vec![h],
            None => delivery::admins(&mut tx, except).await?,
        };
        if told.is_empty() {
            tracing::error!(
                outbox = row.id,
                "nobody to tell that a recipient is unreachable"
            );
        }
        // The notice's key: the failure moment, made distinct per failed row so that two people
        // lost in one pass make two notices.
        let due_at = now + TimeDelta::microseconds(row.id);
        for n in told {
            let notice = NewNotification {
                recipient: Recipient::Person(n.id),
                case_id: None,
                kind: crate::domain::NoticeKind::Unreachable.code().to_string(),
                due_at,
                not_before: now,
                body: Reply::text(render(&n.locale)),
            };
            outbox::enqueue(&mut tx, &notice, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
