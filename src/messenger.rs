//! Sending to people, whatever the transport: the outbox sender and direct replies use this.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::message::Reply;

/// What the transport said of a message it could not deliver.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// Too many requests: try again after this long.
    #[error("rate limited, retry after {0:?}")]
    RetryAfter(Duration),
    /// Blocked, deactivated, kicked, chat not found: retrying will not help.
    #[error("permanent: {0}")]
    Permanent(String),
    /// A group became a supergroup with a new chat id.
    #[error("chat migrated to {0}")]
    Migrated(i64),
    /// Network errors and server errors: back off and retry.
    #[error("transient: {0}")]
    Transient(String),
}

/// Why a file someone sent could not be fetched for the ledger's copy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Over the size cap (the settings' `[files] max_mb`, or the messenger's own limit).
    #[error("the file is too large to copy")]
    TooLarge,
    /// The messenger no longer has the file (or never gave a usable reference).
    #[error("the file is gone: {0}")]
    Gone(String),
    /// Network errors, server errors, rate limits: try again later.
    #[error("transient: {0}")]
    Transient(String),
    /// This transport keeps no files to fetch.
    #[error("this transport has no files to fetch")]
    Unsupported,
}

pub type FetchFuture<'a> = Pin<Box<dyn Future<Output = Result<Vec<u8>, FetchError>> + Send + 'a>>;

/// The message id the transport gave a delivered message.
pub type SentId = i64;

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<SentId, DeliveryError>> + Send + 'a>>;

pub type AnswerFuture<'a> = Pin<Box<dyn Future<Output = Result<(), DeliveryError>> + Send + 'a>>;

/// Delivers a reply to a chat on one transport.
pub trait Messenger: Send + Sync {
    /// The transport's code, as stored with accounts (`telegram`, `console`).
    fn transport(&self) -> &'static str;
    fn send<'a>(&'a self, chat_id: i64, reply: &'a Reply) -> SendFuture<'a>;

    /// Answers a button press in a chat (stops the client's spinner), with an optional short
    /// notice. A transport without button presses has nothing to answer.
    fn answer<'a>(
        &'a self,
        _chat_id: i64,
        _query_id: &'a str,
        _text: Option<&'a str>,
    ) -> AnswerFuture<'a> {
        Box::pin(async { Ok(()) })
    }

    /// The bytes of a file someone sent through this transport (by the reference it gave), at
    /// most `max_bytes` of them, for the ledger's own copy.
    fn fetch_file<'a>(&'a self, _file_id: &'a str, _max_bytes: u64) -> FetchFuture<'a> {
        Box::pin(async { Err(FetchError::Unsupported) })
    }
}

/// What a caught panic said, for the log and the inbox's `last_error`: the transports' workers
/// catch a panic in handling one input so that it stops neither that chat nor any other.
pub fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Why a task that handled one input did not finish: what its panic said, or that it was
/// cancelled.
pub fn task_failure(e: tokio::task::JoinError) -> String {
    if e.is_panic() {
        panic_message(e.into_panic())
    } else {
        "cancelled".to_string()
    }
}
