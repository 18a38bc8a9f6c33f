//! The engine's shared setup (settings, the working-day calendar loaded once) and its error
//! type. Handling an input is `Engine::handle`, in `router`.

use chrono::{DateTime, NaiveDate, Utc};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::state::State;
use crate::config::Settings;
use crate::domain::WorkCalendar;
use crate::domain::commands::Command;
use crate::i18n::{Args, t, tr};
use crate::message::{Input, Outcome, Reply};
use crate::reports::{PeriodSpec, Request, Scope};
use crate::store::{self, PgConnection, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::store::DbError> for EngineError {
    fn from(e: crate::store::DbError) -> Self {
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

/// What a chat was in the middle of when its person left it (see `Engine::unfinished`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    /// A report draft: `/report` asks again what it lacks.
    Report,
    /// A step waiting for typed words (a reason, a date, a note), or held words waiting for
    /// an answer.
    Step,
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

    /// The local calendar date at `now`.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.settings.timezone).date_naive()
    }

    /// What the chat is in the middle of, read without touching it, for a transport whose
    /// person comes back to it without the earlier messages and their buttons (the console,
    /// whose numbered choices end with its session). An unreadable state is left to the next
    /// input, which says so.
    pub async fn unfinished(
        &self,
        conn: &mut PgConnection,
        transport: &str,
        chat_id: i64,
    ) -> Result<Option<Unfinished>, EngineError> {
        let Some(stored) = store::conversations::peek(conn, transport, chat_id).await? else {
            return Ok(None);
        };
        Ok(match State::from_json(&stored) {
            Ok(State::Report(_)) => Some(Unfinished::Report),
            Ok(State::Awaiting { .. } | State::Held(_)) => Some(Unfinished::Step),
            Ok(State::Idle) | Err(_) => None,
        })
    }

    /// A report for `scope` over `period`, as of `today`, under the engine's settings and
    /// calendar.
    pub fn report(&self, scope: Scope, period: PeriodSpec, today: NaiveDate) -> Request<'_> {
        Request::new(scope, period, today, &self.settings, &self.calendar)
    }

    /// Every command and its description in `locale`, in the permission table's order (a
    /// person's menu is the part of it their roles may use: `conversation::default_menu` and
    /// the menus sent to each chat).
    pub fn commands(locale: &str) -> Vec<(String, String)> {
        Command::all()
            .map(|c| {
                (
                    c.name().to_string(),
                    t(locale, &format!("bot-cmd-{}", c.name())),
                )
            })
            .collect()
    }

    /// What to tell a person whose message could not be stored.
    pub fn unavailable_reply(locale: &str) -> Reply {
        Reply::text(t(locale, "error-db-unavailable"))
    }

    /// What to tell a person whose message the messenger keeps for us while the database is
    /// away: it will be handled when the database returns, so resending would double it.
    pub fn unavailable_queued_reply(locale: &str) -> Reply {
        Reply::text(t(locale, "error-db-unavailable-queued"))
    }

    /// What to tell a person when handling failed for any other reason (it has been logged).
    pub fn internal_error_reply(locale: &str) -> Reply {
        Reply::text(t(locale, "error-internal"))
    }

    /// What a chat is told when `dropped` of its messages were not processed (too many waiting).
    pub fn flood_notice(locale: &str, dropped: usize) -> Reply {
        let count = u32::try_from(dropped).unwrap_or(u32::MAX);
        Reply::text(tr(
            locale,
            "bot-too-many-messages",
            Args::new().num("count", count),
        ))
    }
}

pub type HandleFuture<'a> = Pin<Box<dyn Future<Output = Result<Outcome, EngineError>> + Send + 'a>>;

/// What a transport's worker hands each input to, inside the input's transaction: the engine,
/// unless a test puts something else there (one that fails or panics on cue).
pub trait InputHandler: Send + Sync {
    fn handle<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        input: &'a Input,
        now: DateTime<Utc>,
    ) -> HandleFuture<'a>;
}

impl InputHandler for Engine {
    fn handle<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        input: &'a Input,
        now: DateTime<Utc>,
    ) -> HandleFuture<'a> {
        Box::pin(Engine::handle(self, conn, input, now))
    }
}
