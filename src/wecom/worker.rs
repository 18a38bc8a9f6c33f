//! Handles stored WeCom callbacks: one chat's in the order they arrived, chats taking turns of a
//! few callbacks each, so one busy member does not hold up the others; a chat with more than
//! `chat_cap` waiting has the newest dropped and is told once. Each
//! callback's effect, its replies (outbox rows) and its `handled_at` commit in one transaction;
//! the outbox sender sends them after the commit. A member the roster names by `wecom_userid`
//! is bound on their first message, and on the rescan of the inbox
//! (so the application reaches them before they write). A callback that keeps failing is given up with an apology.

use std::sync::Arc;
use std::time::Duration;

use super::callback::Callback;
use super::{Ctx, TRANSPORT};
use crate::conversation::Engine;
use crate::i18n::normalize_locale;
use crate::messenger::task_failure;

use crate::shutdown::Shutdown;
use crate::store::outbox::Answer;
use crate::store::{self, StoreError};

/// Chats looked at per pass over the inbox.
const PENDING_CHATS: i64 = 1024;

/// Callbacks of one chat handled before the next chat's turn.
const TURN: usize = 8;

/// How handling one callback went.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Done,
    /// Another process holds the chat, or the database is away: look again later.
    Later,
    /// Handling failed, for this reason (kept in the inbox's `last_error`).
    Failed(String),
}

/// Runs until shutdown.
pub(crate) async fn run(ctx: Arc<Ctx>, shutdown: Shutdown) {
    let mut backoff = Duration::ZERO;
    // The roster's members are bound once per rescan, not on every callback's wake: a member
    // who writes is bound by their own callback (`handle`).
    let mut next_binding = tokio::time::Instant::now();
    while !shutdown.is_requested() {
        if tokio::time::Instant::now() >= next_binding {
            next_binding = tokio::time::Instant::now() + ctx.rescan_every;
            match store::wecom::bind_roster(&ctx.pool, ctx.clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(people = n, "WeCom members bound by the roster"),
                Err(e) => tracing::warn!(error = %e, "cannot bind the roster's WeCom members"),
            }
        }
        let wait = match store::inbox::pending_chats(&ctx.pool, TRANSPORT, PENDING_CHATS).await {
            Ok(chats) => {
                let mut more = false;
                for chat_id in chats {
                    if shutdown.is_requested() {
                        return;
                    }
                    if let Err(e) = cap_chat(&ctx, chat_id).await {
                        tracing::warn!(chat_id, error = %e, "cannot cap the chat's WeCom inbox");
                    }
                    more |= serve_chat(&ctx, chat_id).await;
                }
                backoff = Duration::ZERO;
                // A chat that used its turn up has more waiting: the next pass starts at once.
                if more {
                    Duration::ZERO
                } else {
                    ctx.rescan_every
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the WeCom inbox");
                backoff = (backoff * 2).clamp(Duration::from_millis(250), ctx.max_backoff);
                backoff
            }
        };
        tokio::select! {
            _ = shutdown.requested() => return,
            _ = ctx.wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

/// Handles a chat's waiting callbacks in order, for one turn: until none is left, one must
/// wait, or `TURN` were handled. Returns whether the turn was used up (more may be waiting).
async fn serve_chat(ctx: &Arc<Ctx>, chat_id: i64) -> bool {
    for _ in 0..TURN {
        let update_id = match store::inbox::next_of_chat(&ctx.pool, TRANSPORT, chat_id).await {
            Ok(Some(id)) => id,
            Ok(None) => return false,
            Err(e) => {
                tracing::warn!(chat_id, error = %e, "cannot read the chat's WeCom inbox");
                return false;
            }
        };
        // Its own task, so that a panic in handling is caught here: it rolled its transaction
        // back, and counts as a failed attempt like any other.
        let handled = match tokio::spawn(handle(ctx.clone(), chat_id, update_id)).await {
            Ok(handled) => handled,
            Err(e) => {
                let cause = task_failure(e);
                tracing::error!(update_id, chat_id, %cause, "handling a WeCom callback panicked");
                Ok(Step::Failed(format!("panic: {cause}")))
            }
        };
        match handled {
            Ok(Step::Done) => {}
            Ok(Step::Later) => return false,
            Ok(Step::Failed(cause)) => {
                if !failed(ctx, chat_id, update_id, &cause).await {
                    return false;
                }
            }
            Err(e) => {
                tracing::warn!(update_id, error = %e, "a WeCom callback could not be handled now");
                if e.is_unavailable() || !failed(ctx, chat_id, update_id, &e.to_string()).await {
                    return false;
                }
            }
        }
    }
    true
}

/// Keeps at most `chat_cap` waiting callbacks in the chat: the newest beyond it are marked
/// dropped (logged with their count) and the member told once.
async fn cap_chat(ctx: &Ctx, chat_id: i64) -> Result<(), StoreError> {
    let now = ctx.clock.now();
    let over =
        store::inbox::take_over_cap(&ctx.pool, TRANSPORT, chat_id, ctx.chat_cap, now).await?;
    let Some((mut tx, dropped)) = over else {
        return Ok(());
    };
    let person = match store::delivery::owner_of_chat(&mut tx, TRANSPORT, chat_id).await? {
        (Some(person_id), _) => store::people::by_id(&mut tx, person_id).await?,
        _ => None,
    };
    let locale = normalize_locale(
        person
            .as_ref()
            .map_or(&ctx.settings.default_locale, |p| &p.locale),
    );
    let notice = Engine::flood_notice(locale, dropped.len());
    store::outbox::enqueue_flood_notice(
        &mut tx,
        TRANSPORT,
        chat_id,
        dropped[0].update_id,
        &notice,
        now,
    )
    .await?;
    tx.commit().await?;
    crate::scheduler::wake_sender();
    Ok(())
}

/// Handles one stored callback in one transaction.
async fn handle(ctx: Arc<Ctx>, chat_id: i64, update_id: i64) -> Result<Step, StoreError> {
    let now = ctx.clock.now();
    let mut tx = ctx.pool.begin().await?;
    if !store::inbox::lock_chat(&mut tx, TRANSPORT, chat_id).await? {
        return Ok(Step::Later);
    }
    let Some(stored) = store::inbox::claim(&mut tx, TRANSPORT, update_id).await? else {
        return Ok(Step::Later);
    };
    let callback: Callback = match serde_json::from_value(stored.payload) {
        Ok(c) => c,
        Err(e) => {
            let reason = format!("the stored callback cannot be read: {e}");
            tracing::error!(update_id, %reason, "a WeCom callback was not handled");
            store::inbox::mark_unreadable(&mut tx, TRANSPORT, update_id, &reason, now).await?;
            tx.commit().await?;
            return Ok(Step::Done);
        }
    };
    if store::wecom::bind_by_roster(&mut tx, &callback.from_user_name, chat_id, now).await? {
        tracing::info!(userid = %callback.from_user_name, "a WeCom member was bound by the roster");
    }
    let outcome = match callback.to_input(chat_id, update_id) {
        None => None,
        Some(input) => match ctx.handler.handle(&mut tx, &input, now).await {
            Ok(outcome) => Some(outcome),
            Err(e) if e.is_unavailable() => return Ok(Step::Later),
            Err(e) => {
                tracing::error!(update_id, chat_id, error = %e, "handling a WeCom callback failed");
                return Ok(Step::Failed(e.to_string()));
            }
        },
    };
    if let Some(outcome) = &outcome {
        let answer = Answer {
            transport: TRANSPORT,
            chat_id,
            update_id,
            // WeCom shows no notice on a press: a short answer becomes a message, unless the
            // press has replies of its own (they say the same).
            callback: outcome
                .callback_answer
                .as_deref()
                .filter(|_| outcome.replies.is_empty())
                .map(|a| ("wecom", Some(a))),
            replies: &outcome.replies,
        };
        store::outbox::enqueue_answer(&mut tx, &answer, now).await?;
    }
    store::inbox::mark_handled_reducing(&mut tx, TRANSPORT, update_id, Some(chat_id), now).await?;
    tx.commit().await?;
    crate::scheduler::wake_sender();
    Ok(Step::Done)
}

/// Records a failed attempt; a callback given up gets an apology. Returns whether the chat may
/// go on to its next callback.
async fn failed(ctx: &Ctx, chat_id: i64, update_id: i64, cause: &str) -> bool {
    let now = ctx.clock.now();
    let result = async {
        let mut tx = ctx.pool.begin().await?;
        let given_up = store::inbox::record_failure(
            &mut tx,
            TRANSPORT,
            update_id,
            cause,
            ctx.max_attempts,
            now,
        )
        .await?;
        if given_up {
            tracing::error!(
                update_id,
                "a WeCom callback failed too often and was given up"
            );
            let locale = normalize_locale(&ctx.settings.default_locale);
            let apology = [Engine::internal_error_reply(locale)];
            let answer = Answer {
                transport: TRANSPORT,
                chat_id,
                update_id,
                callback: None,
                replies: &apology,
            };
            store::outbox::enqueue_answer(&mut tx, &answer, now).await?;
        }
        tx.commit().await?;
        crate::scheduler::wake_sender();
        Ok::<bool, StoreError>(given_up)
    }
    .await;
    match result {
        Ok(given_up) => given_up,
        Err(e) => {
            tracing::error!(update_id, error = %e, "cannot record a failed WeCom callback");
            false
        }
    }
}
