//! Updates in. Long polling moves the getUpdates offset only after the updates are committed to
//! the inbox; the webhook answers 200 only after the commit. Either way Telegram re-delivers
//! whatever was not stored, and a re-delivered update is stored once.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::ApiError;
use teloxide::RequestError;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::Requester;
use teloxide::types::{AllowedUpdate, Update};
use tokio::net::TcpListener;

use super::{Ctx, TRANSPORT, convert};
use crate::conversation::Engine;
use crate::i18n::{Args, normalize_locale};
use crate::shutdown::Shutdown;
use crate::store::{self, inbox::NewUpdate};

/// The update kinds the bot asks for.
fn allowed_updates() -> Vec<AllowedUpdate> {
    vec![
        AllowedUpdate::Message,
        AllowedUpdate::EditedMessage,
        AllowedUpdate::CallbackQuery,
        // The bot's own membership: its removal from a group ends the group's binding.
        AllowedUpdate::MyChatMember,
    ]
}

/// Doubles a wait up to `max`.
fn next_backoff(current: Duration, max: Duration) -> Duration {
    (current * 2).clamp(Duration::from_millis(250), max)
}

/// The row an update is stored as. An update that cannot be serialized is stored all the same,
/// as a record of what went wrong, so that it is handled (as unreadable) and seen, never
/// skipped in silence.
fn row_of(update: &Update) -> NewUpdate {
    let payload = serde_json::to_value(update).unwrap_or_else(|e| {
        tracing::error!(update_id = update.id.0, error = %e, "cannot serialize an update; it is stored as unreadable");
        serde_json::json!({ "update_id": update.id.0, "unserializable": e.to_string() })
    });
    to_row(update, payload)
}

fn to_row(update: &Update, payload: serde_json::Value) -> NewUpdate {
    NewUpdate {
        update_id: i64::from(update.id.0),
        chat_id: convert::chat_of(update).unwrap_or(0),
        payload,
    }
}

/// Tells the sender of an update that it could not be saved, once per update.
pub(crate) async fn tell_unavailable(ctx: &Ctx, update: &Update) {
    let update_id = i64::from(update.id.0);
    {
        let mut told = ctx
            .told_unavailable
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if told.len() > 10_000 {
            told.clear();
        }
        if !told.insert(update_id) {
            return;
        }
    }
    let Some(input) = convert::to_input(update, ctx.bot_username.as_deref()) else {
        return;
    };
    // This cannot be written to the database: it is the one answer sent directly.
    if let Some(query_id) = convert::callback_query_id(update)
        && let Err(e) = ctx
            .messenger
            .answer_callback(input.chat_id, &query_id, None)
            .await
    {
        tracing::warn!(update_id, error = %e, "could not answer a button press");
    }
    let locale = normalize_locale(
        input
            .language_code
            .as_deref()
            .unwrap_or(&ctx.settings.default_locale),
    );
    if let Err(e) = ctx
        .messenger
        .send_reply(input.chat_id, &Engine::unavailable_queued_reply(locale))
        .await
    {
        tracing::warn!(update_id, error = %e, "could not say that a message was not saved");
    }
}

/// Long polling until shutdown. An in-flight getUpdates is dropped on shutdown: its updates
/// are not confirmed, so Telegram sends them again to the next process.
pub(crate) async fn poll(ctx: Arc<Ctx>, timeout: Duration, shutdown: Shutdown) {
    if let Err(e) = ctx.messenger.delete_webhook().await {
        tracing::warn!(error = %e, "could not remove a webhook before polling");
    }
    let mut offset: Option<i32> = None;
    let mut backoff = Duration::ZERO;
    while !shutdown.is_requested() {
        let mut request = ctx
            .messenger
            .bot()
            .get_updates()
            .timeout(u32::try_from(timeout.as_secs()).unwrap_or(10))
            .allowed_updates(allowed_updates());
        if let Some(offset) = offset {
            request = request.offset(offset);
        }
        let result = tokio::select! {
            _ = shutdown.requested() => break,
            r = request.into_future() => r,
        };
        let failed = match result {
            Ok(updates) if updates.is_empty() => false,
            Ok(updates) => {
                let rows: Vec<NewUpdate> = updates.iter().map(row_of).collect();
                match store::inbox::store(&ctx.pool, TRANSPORT, &rows, ctx.clock.now()).await {
                    Ok(_) => {
                        if let Some(last) = updates.iter().map(|u| u.id.0).max() {
                            offset =
                                Some(i32::try_from(last).unwrap_or(i32::MAX).saturating_add(1));
                        }
                        ctx.wake.notify_one();
                        false
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "cannot store updates; Telegram will send them again");
                        if e.is_unavailable() {
                            for u in &updates {
                                tell_unavailable(&ctx, u).await;
                            }
                        }
                        true
                    }
                }
            }
            Err(RequestError::Api(ApiError::TerminatedByOtherGetUpdates)) => {
                tracing::error!("another process is polling this bot's token; only one may");
                true
            }
            Err(RequestError::RetryAfter(wait)) => {
                backoff = wait.duration();
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "getUpdates failed");
                true
            }
        };
        if failed {
            backoff = next_backoff(backoff, ctx.max_backoff);
            tokio::select! {
                _ = shutdown.requested() => break,
                _ = tokio::time::sleep(backoff) => {}
            }
        } else {
            backoff = Duration::ZERO;
        }
    }
}

const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// The webhook secret: `ZHUQI_WEBHOOK_SECRET`, or a fresh random one for this start.
fn webhook_secret() -> String {
    match std::env::var("ZHUQI_WEBHOOK_SECRET") {
        Ok(s)
            if !s.is_empty()
                && s.len() <= 256
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
        {
            s
        }
        _ => {
            use rand::Rng;
            const ALPHABET: &[u8] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
            let mut rng = rand::rng();
            (0..48)
                .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                .collect()
        }
    }
}

struct Hook {
    ctx: Arc<Ctx>,
    secret: String,
}

/// Compares without stopping at the first difference.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn receive_hook(
    State(hook): State<Arc<Hook>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, hook.secret.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(payload) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let update: Update = match serde_json::from_slice(&body) {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "the webhook received something that is not an update");
            return StatusCode::BAD_REQUEST;
        }
    };
    let row = to_row(&update, payload);
    match store::inbox::store(&hook.ctx.pool, TRANSPORT, &[row], hook.ctx.clock.now()).await {
        Ok(_) => {
            hook.ctx.wake.notify_one();
            StatusCode::OK
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot store an update; Telegram will send it again");
            if e.is_unavailable() {
                tell_unavailable(&hook.ctx, &update).await;
            }
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Serves the webhook until shutdown: registers it with Telegram (with a secret the requests
/// must carry), then answers each POST after its update is committed.
pub(crate) async fn webhook(
    ctx: Arc<Ctx>,
    url: &str,
    listener: TcpListener,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let parsed: url::Url = url
        .parse()
        .with_context(|| super::say(&ctx.settings, "start-bad-url", Args::new().str("url", url)))?;
    let path = match parsed.path() {
        "" => "/".to_string(),
        p => p.to_string(),
    };
    let secret = webhook_secret();
    let hook = Arc::new(Hook {
        ctx: ctx.clone(),
        secret: secret.clone(),
    });
    let app = Router::new()
        .route(&path, post(receive_hook))
        .with_state(hook);
    ctx.messenger
        .set_webhook(parsed, &secret)
        .await
        .with_context(|| super::say(&ctx.settings, "start-telegram-set-webhook", Args::new()))?;
    tracing::info!(%path, "webhook registered");
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.requested().await })
        .await
        .with_context(|| super::say(&ctx.settings, "start-webhook-stopped", Args::new()))
}
