//! Handles stored updates: one chat's in `update_id` order, different chats side by side. Each
//! update's effect, its replies and button answer (outbox rows) and its `handled_at` commit in
//! one transaction; the sender sends them after the commit, so handling never waits on Telegram's
//! limits. Chats take turns of a few updates each, the chat served longest ago (or never) first,
//! so one busy chat, or a burst from many, never keeps a newcomer waiting for more than a turn.
//! A failing update is retried a few times, then given up with an apology so it cannot
//! block its chat; a panic is caught like a failure. A chat with too many updates waiting has
//! the newest dropped, and is told so.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use teloxide::types::Update;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use super::{Ctx, TRANSPORT, convert, receive};
use crate::conversation::Engine;
use crate::i18n::normalize_locale;
use crate::message::ChatKind;
use crate::messenger::task_failure;
use crate::shutdown::Shutdown;
use crate::store::inbox::Next;
use crate::store::outbox::Answer;
use crate::store::{self, StoreError};

/// Updates a chat handles in one turn before it gives its slot to the next chat.
const TURN: usize = 4;

/// Chats looked at per pass over the inbox.
const PENDING_CHATS: i64 = 1024;

/// Chats remembered as served; beyond this, those served more than a minute ago are forgotten
/// (they count as never served, which is where they would sort anyway).
const SERVED_KEPT: usize = 8192;

/// How handling one update went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Handled (or found handled already): go on with the chat's next update.
    Done,
    /// The chat has nothing left to handle.
    Empty,
    /// Another process holds the chat: look again later.
    Busy,
    /// The database is unreachable: wait and look again.
    Unavailable,
    /// It failed and will be tried again.
    Failed,
}

/// How a chat's turn ended.
enum ChatEnd {
    /// The turn is over: nothing left, or shutdown.
    Ended,
    /// The chat handled a whole turn and may have more waiting: it queues for another.
    More(i64),
    Unavailable,
}

/// Runs until shutdown, then waits for the chats in hand to finish their current update.
pub(crate) async fn run(ctx: Arc<Ctx>, shutdown: Shutdown) {
    let active: Arc<Mutex<HashSet<i64>>> = Arc::default();
    let slots = Arc::new(Semaphore::new(ctx.concurrency));
    let mut chats: JoinSet<ChatEnd> = JoinSet::new();
    let mut served: HashMap<i64, tokio::time::Instant> = HashMap::new();
    let mut backoff = Duration::ZERO;
    // The chats known to wait, in the order they get their turn. The inbox is read again when
    // updates arrive, on the rescan, and when no known chat is left; a chat that used its whole
    // turn queues again at the back, so a burst costs one read of the inbox per batch, not one
    // per turn.
    let mut queue: VecDeque<i64> = VecDeque::new();
    let mut refresh = true;
    loop {
        if shutdown.is_requested() {
            break;
        }
        let mut unavailable = false;
        if refresh || queue.is_empty() {
            match store::inbox::pending_chats(&ctx.pool, TRANSPORT, PENDING_CHATS).await {
                Ok(mut pending) => {
                    // The chat served longest ago first; never served before all; ties keep
                    // the inbox's order (the oldest waiting update first).
                    pending.sort_by_key(|chat_id| served.get(chat_id).copied());
                    queue = pending.into();
                    refresh = false;
                }
                Err(e) => {
                    unavailable = e.is_unavailable();
                    tracing::warn!(error = %e, "cannot read the inbox");
                }
            }
        }
        while let Some(&chat_id) = queue.front() {
            if active
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(&chat_id)
            {
                // In a turn now; it queues again when the turn ends with more waiting.
                queue.pop_front();
                continue;
            }
            let Ok(slot) = slots.clone().try_acquire_owned() else {
                break;
            };
            queue.pop_front();
            active
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(chat_id);
            remember_served(&mut served, chat_id);
            chats.spawn(chat_turn(
                ctx.clone(),
                chat_id,
                slot,
                active.clone(),
                shutdown.clone(),
            ));
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
            _ = ctx.wake.notified(), if !unavailable => refresh = true,
            _ = tokio::time::sleep(wait) => refresh = true,
            Some(ended) = chats.join_next(), if !chats.is_empty() => {
                if let Err(e) = &ended {
                    // Its updates stay in the inbox; the rescan takes the chat up again.
                    tracing::error!(error = %e, "a chat's turn ended in a panic");
                    refresh = true;
                }
                if let Ok(ChatEnd::More(chat_id)) = ended
                    && !queue.contains(&chat_id)
                {
                    queue.push_back(chat_id);
                }
                if let Ok(ChatEnd::Unavailable) = ended {
                    refresh = true;
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

/// Notes that a chat's turn starts now.
fn remember_served(served: &mut HashMap<i64, tokio::time::Instant>, chat_id: i64) {
    let now = tokio::time::Instant::now();
    if served.len() >= SERVED_KEPT {
        served.retain(|_, at| now.duration_since(*at) < Duration::from_secs(60));
    }
    served.insert(chat_id, now);
}

/// Handles up to [`TURN`] of a chat's waiting updates in order; stops early when none is left,
/// shutdown is requested, or the database goes away.
async fn chat_turn(
    ctx: Arc<Ctx>,
    chat_id: i64,
    _slot: OwnedSemaphorePermit,
    active: Arc<Mutex<HashSet<i64>>>,
    shutdown: Shutdown,
) -> ChatEnd {
    let _in_hand = InHand { active, chat_id };
    if let Err(e) = cap_chat(&ctx, chat_id).await {
        tracing::warn!(chat_id, error = %chain(&e), "cannot cap the chat's waiting updates");
    }
    let mut handled = 0;
    loop {
        if shutdown.is_requested() {
            break ChatEnd::Ended;
        }
        if handled == TURN {
            break ChatEnd::More(chat_id);
        }
        // Its own task, so that a panic in handling is caught here and not in the worker.
        let step = match tokio::spawn(handle(ctx.clone(), chat_id)).await {
            Ok(step) => step,
            Err(e) => {
                let cause = task_failure(e);
                tracing::error!(chat_id, %cause, "handling an update panicked");
                // The panic rolled its transaction back: the update is still the chat's next.
                match store::inbox::next_of_chat(&ctx.pool, TRANSPORT, chat_id).await {
                    Ok(Some(update_id)) => {
                        failed(&ctx, update_id, &format!("panic: {cause}")).await
                    }
                    Ok(None) => Step::Done,
                    Err(e) => store_step(&e),
                }
            }
        };
        match step {
            Step::Done => handled += 1,
            Step::Empty | Step::Busy => break ChatEnd::Ended,
            Step::Unavailable => break ChatEnd::Unavailable,
            Step::Failed => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// A chat in its turn. Dropped when the turn ends, however it ends (a panic outside the
/// update's own task included), it takes the chat out of the set in hand, so that a chat is
/// never left marked as in hand with no turn running, and its updates never stall.
struct InHand {
    active: Arc<Mutex<HashSet<i64>>>,
    chat_id: i64,
}

impl Drop for InHand {
    fn drop(&mut self) {
        self.active
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.chat_id);
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

/// The locale to speak to an update's sender in.
fn locale_of(ctx: &Ctx, update: &Update) -> &'static str {
    normalize_locale(
        update
            .from()
            .and_then(|u| u.language_code.as_deref())
            .unwrap_or(&ctx.settings.default_locale),
    )
}

/// Commits a transaction that wrote outbox rows, and wakes the sender.
async fn commit(tx: crate::store::Tx<'static>) -> Result<(), StoreError> {
    tx.commit().await?;
    crate::scheduler::wake_sender();
    Ok(())
}

/// Handles the chat's next stored update in one transaction: its effect, its replies and button
/// answer (outbox rows) and its `handled_at` commit together. Nothing is sent here.
async fn handle(ctx: Arc<Ctx>, chat_id: i64) -> Step {
    let now = ctx.clock.now();
    let mut tx = match ctx.pool.begin().await {
        Ok(tx) => tx,
        Err(e) => return store_step(&StoreError::from(e)),
    };
    let stored = match store::inbox::take_next(&mut tx, TRANSPORT, chat_id).await {
        Ok(Next::Update(stored)) => stored,
        Ok(Next::Empty) => return Step::Empty,
        Ok(Next::Busy) => return Step::Busy,
        Err(e) => return store_step(&e),
    };
    let update_id = stored.update_id;
    let update: Update = match convert::parse_update(&stored.payload) {
        Ok(u) => u,
        Err(e) => {
            let reason = format!("the stored update cannot be read: {e}");
            tracing::error!(update_id, chat_id, %reason, "an update was not handled");
            let result =
                match store::inbox::mark_unreadable(&mut tx, TRANSPORT, update_id, &reason, now)
                    .await
                {
                    Ok(()) => tx.commit().await.map_err(StoreError::from),
                    Err(e) => Err(e),
                };
            return result.map_or_else(|e| store_step(&e), |()| Step::Done);
        }
    };
    let query_id = convert::callback_query_id(&update);
    let Some(input) = convert::to_input(&update, ctx.bot_username.as_deref()) else {
        // Nothing for the engine; a button press is still answered.
        let answer = Answer {
            transport: TRANSPORT,
            chat_id: stored.chat_id,
            update_id,
            callback: query_id.as_deref().map(|q| (q, None)),
            replies: &[],
        };
        return finish(tx, &answer, None, None, now).await;
    };
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
            return failed(&ctx, update_id, &cause).await;
        }
    };
    let answer = Answer {
        transport: TRANSPORT,
        chat_id: input.chat_id,
        update_id,
        callback: query_id
            .as_deref()
            .map(|q| (q, outcome.callback_answer.as_deref())),
        replies: &outcome.replies,
    };
    // A bound person's private update keeps its payload (their files are read from it again);
    // of a stranger's or a group's, only the id is kept, for dedupe.
    let keep_if_bound = (input.chat_kind == ChatKind::Private).then_some(input.user_id);
    let title = update
        .chat()
        .filter(|c| !c.is_private())
        .and_then(|c| c.title());
    match finish(tx, &answer, keep_if_bound, title, now).await {
        Step::Unavailable => {
            receive::tell_unavailable(&ctx, &update).await;
            Step::Unavailable
        }
        Step::Failed => failed(&ctx, update_id, "cannot commit a handled update").await,
        step => step,
    }
}

/// Writes the update's answer, marks it handled and commits. The payload is reduced to the
/// update's id unless it came from `keep_if_bound`'s private chat and that account is bound; a
/// group's `title` is noted.
async fn finish(
    mut tx: crate::store::Tx<'static>,
    answer: &Answer<'_>,
    keep_if_bound: Option<i64>,
    title: Option<&str>,
    now: DateTime<Utc>,
) -> Step {
    let update_id = answer.update_id;
    let result = async {
        store::outbox::enqueue_answer(&mut tx, answer, now).await?;
        store::inbox::mark_handled_reducing(&mut tx, TRANSPORT, update_id, keep_if_bound, now)
            .await?;
        if let Some(title) = title {
            store::group_chats::note_title(&mut tx, TRANSPORT, answer.chat_id, title).await?;
        }
        commit(tx).await
    }
    .await;
    match result {
        Ok(()) => Step::Done,
        Err(e) => {
            tracing::error!(update_id, error = %chain(&e), "cannot commit a handled update");
            store_step(&e)
        }
    }
}

/// Records a failed attempt; when the update is given up, queues an apology to the person and
/// the answer to their button press, in the same transaction.
async fn failed(ctx: &Ctx, update_id: i64, cause: &str) -> Step {
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
        if !given_up {
            tx.commit().await?;
            return Ok(false);
        }
        tracing::error!(update_id, "an update failed too often and was given up");
        let payload = store::inbox::payload(&mut tx, TRANSPORT, update_id).await?;
        let update = payload.map(|p| convert::parse_update(&p));
        match update {
            Some(Ok(update)) => match convert::chat_of(&update) {
                Some(chat_id) => {
                    let query_id = convert::callback_query_id(&update);
                    let apology = [Engine::internal_error_reply(locale_of(ctx, &update))];
                    let answer = Answer {
                        transport: TRANSPORT,
                        chat_id,
                        update_id,
                        callback: query_id.as_deref().map(|q| (q, None)),
                        replies: &apology,
                    };
                    store::outbox::enqueue_answer(&mut tx, &answer, now).await?;
                }
                None => tracing::warn!(update_id, "a given-up update has no chat to apologize to"),
            },
            Some(Err(e)) => {
                tracing::warn!(update_id, error = %e, "a given-up update cannot be read; nobody to apologize to")
            }
            None => tracing::warn!(update_id, "a given-up update is no longer stored"),
        }
        commit(tx).await?;
        Ok::<bool, StoreError>(true)
    }
    .await;
    match result {
        Ok(true) => Step::Done,
        Ok(false) => Step::Failed,
        Err(e) => {
            tracing::error!(update_id, error = %chain(&e), "cannot record a failed update");
            store_step(&e)
        }
    }
}

/// Keeps at most `chat_cap` waiting updates in the chat: the newest beyond it are marked
/// dropped (logged with their count), their button presses answered, and the chat told once.
async fn cap_chat(ctx: &Ctx, chat_id: i64) -> Result<(), StoreError> {
    if chat_id == 0 {
        return Ok(());
    }
    let now = ctx.clock.now();
    let over =
        store::inbox::take_over_cap(&ctx.pool, TRANSPORT, chat_id, ctx.chat_cap, now).await?;
    let Some((mut tx, dropped)) = over else {
        return Ok(());
    };
    let first = &dropped[0];
    let mut locale = normalize_locale(&ctx.settings.default_locale);
    for d in &dropped {
        let Ok(update) = convert::parse_update(&d.payload) else {
            continue;
        };
        locale = locale_of(ctx, &update);
        if let Some(query_id) = convert::callback_query_id(&update) {
            let answer = Answer {
                transport: TRANSPORT,
                chat_id,
                update_id: d.update_id,
                callback: Some((&query_id, None)),
                replies: &[],
            };
            store::outbox::enqueue_answer(&mut tx, &answer, now).await?;
        }
    }
    let notice = Engine::flood_notice(locale, dropped.len());
    store::outbox::enqueue_flood_notice(&mut tx, TRANSPORT, chat_id, first.update_id, &notice, now)
        .await?;
    commit(tx).await
}
