//! Handles stored updates: one chat's in `update_id` order, different chats side by side. Each
//! update's effect and its `handled_at` commit in one transaction; replies go out after the
//! commit, and every button press is answered. A failing update is retried a few times, then
//! given up with an apology so it cannot block its chat; a panic is caught like a failure.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use teloxide::types::Update;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use super::{Ctx, TRANSPORT, convert, receive};
use crate::app::shutdown::Shutdown;
use crate::conversation::{Engine, Input, Outcome, Reply};
use crate::i18n::normalize_locale;
use crate::messenger::DeliveryError;
use crate::store::{self, StoreError};

/// How handling one update went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Handled (or found handled already): go on with the chat's next update.
    Done,
    /// Another process holds the chat: look again later.
    Busy,
    /// The database is unreachable: wait and look again.
    Unavailable,
    /// It failed and will be tried again.
    Failed,
}

/// How a chat's turn ended.
enum ChatEnd {
    Drained,
    Unavailable,
}

/// Runs until shutdown, then waits for the chats in hand to finish their current update.
pub(crate) async fn run(ctx: Arc<Ctx>, shutdown: Shutdown) {
    let active: Arc<Mutex<HashSet<i64>>> = Arc::default();
    let slots = Arc::new(Semaphore::new(ctx.concurrency));
    let mut chats: JoinSet<ChatEnd> = JoinSet::new();
    let mut backoff = Duration::ZERO;
    loop {
        if shutdown.is_requested() {
            break;
        }
        let mut unavailable = false;
        match store::inbox::pending_chats(&ctx.pool, TRANSPORT, 256).await {
            Ok(pending) => {
                for chat_id in pending {
                    if active
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .contains(&chat_id)
                    {
                        continue;
                    }
                    let Ok(slot) = slots.clone().try_acquire_owned() else {
                        break;
                    };
                    active
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(chat_id);
                    chats.spawn(chat_turn(
                        ctx.clone(),
                        chat_id,
                        slot,
                        active.clone(),
                        shutdown.clone(),
                    ));
                }
            }
            Err(e) => {
                unavailable = e.is_unavailable();
                tracing::warn!(error = %e, "cannot read the inbox");
            }
        }
        let wait = if unavailable {
            backoff = (backoff * 2).clamp(Duration::from_millis(250), ctx.max_backoff);
            backoff
        } else {
            backoff = Duration::ZERO;
            ctx.rescan_every
        };
        tokio::select! {
            _ = shutdown.requested() => break,
            _ = ctx.wake.notified(), if !unavailable => {}
            _ = tokio::time::sleep(wait) => {}
            Some(ended) = chats.join_next(), if !chats.is_empty() => {
                if let Ok(ChatEnd::Unavailable) = ended {
                    backoff = (backoff * 2).clamp(Duration::from_millis(250), ctx.max_backoff);
                    tokio::select! {
                        _ = shutdown.requested() => break,
                        _ = tokio::time::sleep(backoff) => {}
                    }
                }
            }
        }
    }
    while chats.join_next().await.is_some() {}
}

/// Handles a chat's waiting updates in order, until none is left, shutdown is requested, or
/// the database goes away.
async fn chat_turn(
    ctx: Arc<Ctx>,
    chat_id: i64,
    _slot: OwnedSemaphorePermit,
    active: Arc<Mutex<HashSet<i64>>>,
    shutdown: Shutdown,
) -> ChatEnd {
    let end = loop {
        if shutdown.is_requested() {
            break ChatEnd::Drained;
        }
        let update_id = match store::inbox::next_of_chat(&ctx.pool, TRANSPORT, chat_id).await {
            Ok(Some(id)) => id,
            Ok(None) => break ChatEnd::Drained,
            Err(e) => {
                tracing::warn!(chat_id, error = %e, "cannot read the chat's inbox");
                break if e.is_unavailable() {
                    ChatEnd::Unavailable
                } else {
                    ChatEnd::Drained
                };
            }
        };
        // Its own task, so that a panic in handling is caught here and not in the worker.
        let step = match tokio::spawn(handle(ctx.clone(), chat_id, update_id)).await {
            Ok(step) => step,
            Err(e) => {
                let cause = if e.is_panic() {
                    panic_message(e.into_panic())
                } else {
                    "cancelled".to_string()
                };
                tracing::error!(update_id, chat_id, %cause, "handling an update panicked");
                failed(&ctx, update_id, None, &format!("panic: {cause}")).await
            }
        };
        match step {
            Step::Done => {}
            Step::Busy => break ChatEnd::Drained,
            Step::Unavailable => break ChatEnd::Unavailable,
            Step::Failed => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    active
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&chat_id);
    end
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// The error with its causes, for the log.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn store_step(e: &StoreError) -> Step {
    if e.is_unavailable() {
        Step::Unavailable
    } else {
        Step::Failed
    }
}

/// Handles one stored update in one transaction.
async fn handle(ctx: Arc<Ctx>, chat_id: i64, update_id: i64) -> Step {
    let now = Utc::now();
    let mut tx = match ctx.pool.begin().await {
        Ok(tx) => tx,
        Err(e) => return store_step(&StoreError::from(e)),
    };
    match store::inbox::lock_chat(&mut tx, TRANSPORT, chat_id).await {
        Ok(true) => {}
        Ok(false) => return Step::Busy,
        Err(e) => return store_step(&e),
    }
    let stored = match store::inbox::claim(&mut tx, TRANSPORT, update_id).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return Step::Busy,
        Err(e) => return store_step(&e),
    };
    let update: Update = match convert::parse_update(&stored.payload) {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(update_id, error = %e, "a stored update cannot be read; skipped");
            return finish_without_effect(tx, update_id, now).await;
        }
    };
    let Some(input) = convert::to_input(&update, ctx.bot_username.as_deref()) else {
        return finish_without_effect(tx, update_id, now).await;
    };
    let query_id = convert::callback_query_id(&update);
    let outcome = match ctx.handler.handle(&mut tx, &input, now).await {
        Ok(outcome) => outcome,
        Err(e) if e.is_unavailable() => {
            drop(tx);
            tracing::warn!(update_id, error = %chain(&e), "the database went away while handling");
            receive::tell_unavailable(&ctx, &update).await;
            return Step::Unavailable;
        }
        Err(e) => {
            drop(tx);
            let cause = chain(&e);
            tracing::error!(update_id, chat_id, error = %cause, "handling an update failed");
            return failed(&ctx, update_id, Some(&update), &cause).await;
        }
    };
    let committed = match store::inbox::mark_handled(&mut tx, TRANSPORT, update_id, now).await {
        Ok(()) => tx.commit().await.map_err(StoreError::from),
        Err(e) => Err(e),
    };
    if let Err(e) = committed {
        tracing::error!(update_id, error = %chain(&e), "cannot commit a handled update");
        if e.is_unavailable() {
            receive::tell_unavailable(&ctx, &update).await;
            return Step::Unavailable;
        }
        return failed(&ctx, update_id, Some(&update), &chain(&e)).await;
    }
    // Notices this update queued for other people go out now, not at the sender's next poll.
    crate::scheduler::wake_sender();
    deliver(&ctx, &input, query_id.as_deref(), outcome).await;
    Step::Done
}

async fn finish_without_effect(
    mut tx: sqlx::Transaction<'static, sqlx::Postgres>,
    update_id: i64,
    now: chrono::DateTime<Utc>,
) -> Step {
    let result = match store::inbox::mark_handled(&mut tx, TRANSPORT, update_id, now).await {
        Ok(()) => tx.commit().await.map_err(StoreError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Step::Done,
        Err(e) => store_step(&e),
    }
}

/// Records a failed attempt; when the update is given up, apologizes to the person and answers
/// their button press.
async fn failed(ctx: &Ctx, update_id: i64, update: Option<&Update>, cause: &str) -> Step {
    let given_up = match store::inbox::record_failure(
        &ctx.pool,
        TRANSPORT,
        update_id,
        cause,
        ctx.max_attempts,
        Utc::now(),
    )
    .await
    {
        Ok(given_up) => given_up,
        Err(e) => return store_step(&e),
    };
    if !given_up {
        return Step::Failed;
    }
    tracing::error!(update_id, "an update failed too often and was given up");
    let loaded;
    let update = match update {
        Some(update) => Some(update),
        None => {
            loaded = load_update(ctx, update_id).await;
            loaded.as_ref()
        }
    };
    let input = update.and_then(|u| convert::to_input(u, ctx.bot_username.as_deref()));
    if let (Some(update), Some(input)) = (update, &input) {
        let locale = locale_of(ctx, input);
        let outcome = Outcome {
            replies: vec![Engine::internal_error_reply(locale)],
            callback_answer: None,
        };
        let query_id = convert::callback_query_id(update);
        deliver(ctx, input, query_id.as_deref(), outcome).await;
    }
    Step::Done
}

async fn load_update(ctx: &Ctx, update_id: i64) -> Option<Update> {
    let payload: serde_json::Value =
        sqlx::query_scalar("select payload from inbox where transport = $1 and update_id = $2")
            .bind(TRANSPORT)
            .bind(update_id)
            .fetch_optional(&ctx.pool)
            .await
            .ok()??;
    convert::parse_update(&payload).ok()
}

fn locale_of(ctx: &Ctx, input: &Input) -> &'static str {
    normalize_locale(
        input
            .language_code
            .as_deref()
            .unwrap_or(&ctx.settings.default_locale),
    )
}

/// Answers the button press (always), then sends the replies in order.
async fn deliver(ctx: &Ctx, input: &Input, query_id: Option<&str>, outcome: Outcome) {
    if let Some(query_id) = query_id
        && let Err(e) = ctx
            .messenger
            .answer_callback(input.chat_id, query_id, outcome.callback_answer.as_deref())
            .await
    {
        tracing::warn!(chat_id = input.chat_id, error = %e, "could not answer a button press");
    }
    let mut chat_id = input.chat_id;
    for reply in &outcome.replies {
        match send_with_retries(ctx, chat_id, reply).await {
            Ok(_) => {}
            Err(DeliveryError::Migrated(new_id)) => {
                chat_id = new_id;
                if let Err(e) = send_with_retries(ctx, chat_id, reply).await {
                    tracing::warn!(chat_id, error = %e, "could not deliver a reply");
                    return;
                }
            }
            Err(e) => {
                tracing::warn!(chat_id, error = %e, "could not deliver a reply");
                return;
            }
        }
    }
}

/// Sends one reply, waiting out 429s (the limiter holds the chat) and retrying brief failures.
async fn send_with_retries(ctx: &Ctx, chat_id: i64, reply: &Reply) -> Result<i64, DeliveryError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match ctx.messenger.send_reply(chat_id, reply).await {
            Err(DeliveryError::RetryAfter(_)) if attempt < 4 => {}
            Err(DeliveryError::Transient(_)) if attempt < 3 => {
                tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
            }
            other => return other,
        }
    }
}
