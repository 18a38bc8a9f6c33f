//! The callback URL: WeCom's GET verification (the decrypted `echostr` is the answer) and its
//! POSTed messages, each checked (signature, receive id), decrypted, and stored with its inbox
//! row before WeCom is answered. A callback WeCom sends again (it retries after 5 seconds
//! without an answer) is stored once.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use serde::Deserialize;
use tokio::net::TcpListener;

use super::Ctx;
use super::callback::{Callback, encrypted_of};
use crate::shutdown::Shutdown;
use crate::store::wecom::{NewCallback, store_callback};

#[derive(Debug, Deserialize)]
pub(crate) struct Signed {
    msg_signature: String,
    timestamp: String,
    nonce: String,
    echostr: Option<String>,
}

/// The URL check WeCom makes when the callback is saved in the admin console.
async fn verify(State(ctx): State<Arc<Ctx>>, Query(q): Query<Signed>) -> (StatusCode, String) {
    let Some(echo) = q.echostr.as_deref() else {
        return (StatusCode::BAD_REQUEST, String::new());
    };
    match ctx
        .crypto
        .open(&q.msg_signature, &q.timestamp, &q.nonce, echo)
    {
        Ok(plain) => (StatusCode::OK, plain),
        Err(e) => {
            tracing::warn!(error = %e, "a WeCom URL verification was refused");
            (StatusCode::FORBIDDEN, String::new())
        }
    }
}

/// A message or event: stored (once) before the answer.
async fn receive(State(ctx): State<Arc<Ctx>>, Query(q): Query<Signed>, body: String) -> StatusCode {
    let Some(encrypted) = encrypted_of(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let xml = match ctx
        .crypto
        .open(&q.msg_signature, &q.timestamp, &q.nonce, &encrypted)
    {
        Ok(xml) => xml,
        Err(e) => {
            tracing::warn!(error = %e, "a WeCom callback was refused");
            return StatusCode::FORBIDDEN;
        }
    };
    let callback = match Callback::parse(&xml) {
        Ok(c) if !c.from_user_name.is_empty() => c,
        Ok(_) => return StatusCode::BAD_REQUEST,
        Err(e) => {
            tracing::warn!(error = %e, "a WeCom callback could not be read");
            return StatusCode::BAD_REQUEST;
        }
    };
    let payload = match serde_json::to_value(&callback) {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "a WeCom callback could not be kept");
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    };
    let key = callback.dedupe_key();
    let row = NewCallback {
        dedupe_key: &key,
        from: &callback.from_user_name,
        payload,
        response_code: callback
            .is_card_press()
            .then_some(callback.response_code.as_deref())
            .flatten(),
    };
    match store_callback(&ctx.pool, &row, ctx.clock.now()).await {
        Ok(new) => {
            if new {
                ctx.wake.notify_one();
            } else {
                tracing::debug!(%key, "WeCom sent a callback again; it is stored already");
            }
            StatusCode::OK
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot store a WeCom callback; WeCom will send it again");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Serves the callback URL until shutdown.
pub(crate) async fn serve(
    ctx: Arc<Ctx>,
    path: &str,
    listener: TcpListener,
    shutdown: Shutdown,
) -> std::io::Result<()> {
    let app = Router::new()
        .route(path, get(verify).post(receive))
        .with_state(ctx);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.requested().await })
        .await
}
