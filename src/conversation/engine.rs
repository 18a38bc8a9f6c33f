//! The engine: resolves who is speaking, serializes the chat, runs the flow the chat is in.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::sync::Arc;

use super::{Input, Outcome, Reply};
use crate::config::Settings;
use crate::domain::WorkCalendar;
use crate::i18n::{normalize_locale, t};
use crate::store::{self, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for EngineError {
    fn from(e: sqlx::Error) -> Self {
        EngineError::Store(store::map_err(e))
    }
}

impl EngineError {
    /// Whether the database could not be reached: the person must be told nothing was saved.
    pub fn is_unavailable(&self) -> bool {
        match self {
            EngineError::Store(e) => e.is_unavailable(),
        }
    }
}

/// The conversation engine, shared by every transport.
pub struct Engine {
    pub settings: Arc<Settings>,
    pub calendar: Arc<WorkCalendar>,
}

impl Engine {
    pub fn new(settings: Arc<Settings>, calendar: Arc<WorkCalendar>) -> Engine {
        Engine { settings, calendar }
    }

    /// Handles one input inside the caller's transaction, which also records the update as
    /// handled: the effect and the update id commit together.
    pub async fn handle(
        &self,
        conn: &mut PgConnection,
        input: &Input,
        _now: DateTime<Utc>,
    ) -> Result<Outcome, EngineError> {
        let person = store::people::by_account(conn, input.transport.code(), input.user_id).await?;
        let locale = match &person {
            Some(p) => normalize_locale(&p.locale),
            None => normalize_locale(
                input
                    .language_code
                    .as_deref()
                    .unwrap_or(&self.settings.default_locale),
            ),
        };
        if person.is_none() {
            return Ok(Outcome {
                replies: vec![Reply::text(t(locale, "bot-stranger"))],
                callback_answer: None,
            });
        }
        Ok(Outcome {
            replies: vec![Reply::text(t(locale, "bot-unknown-input"))],
            callback_answer: None,
        })
    }

    /// What to tell a person whose message could not be stored.
    pub fn unavailable_reply(locale: &str) -> Reply {
        Reply::text(t(locale, "error-db-unavailable"))
    }
}
