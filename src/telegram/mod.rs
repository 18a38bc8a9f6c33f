//! The teloxide adapter: updates in (long polling or webhook, each stored in the inbox before
//! Telegram is told it arrived), replies written to the outbox with the update's effect and sent
//! by the outbox sender (through one rate limiter). No business rules.

pub mod convert;
mod fetch;
pub mod limiter;
pub mod messenger;
pub mod receive;
pub mod split;
pub mod worker;

use std::collections::HashSet;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::i18n::Args;
use crate::store::PgPool;
use anyhow::Context;
use chrono::{DateTime, Utc};
use teloxide::Bot;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::Settings;
use crate::conversation::{Engine, EngineError, InputHandler, default_menu, refresh_menus};
use crate::domain::WorkCalendar;
use crate::messenger::{DeliveryError, Messenger};
use crate::shutdown::Shutdown;

pub use limiter::Limiter;
pub use messenger::{MenuScope, TelegramMessenger, classify};

/// The transport code stored with inbox rows and accounts.
pub const TRANSPORT: &str = "telegram";

/// How the adapter runs; the defaults suit production, tests shorten the waits.
pub struct Options {
    /// How long one getUpdates call waits for an update (below the HTTP client's 17 s).
    pub poll_timeout: Duration,
    /// Chats handled at the same time.
    pub concurrency: usize,
    /// Attempts at an update that keeps failing before it is given up.
    pub max_attempts: i32,
    /// How often the inbox is looked at for updates left by a restart or another process.
    pub rescan_every: Duration,
    /// The longest wait between retries while the database or Telegram is unreachable.
    pub max_backoff: Duration,
    /// In webhook mode, listen here instead of `settings.telegram.webhook_listen`.
    pub webhook_listener: Option<TcpListener>,
    /// Handles each input; the conversation engine unless a test puts something else here.
    pub handler: Option<Arc<dyn InputHandler>>,
    pub limits: limiter::Limits,
    /// The time the adapter stamps updates and replies with.
    pub clock: Clock,
    /// Waiting updates a chat may have; beyond this the newest are dropped, and the chat told.
    pub chat_cap: i64,
    /// Whether this process sends the outbox (off only in tests that look at rows unsent).
    pub send: bool,
    /// Whether this process runs the scheduled jobs (off in tests that run them themselves, at
    /// instants of their own).
    pub schedule: bool,
    /// Other transports' messengers the one outbox sender also sends through (WeCom beside
    /// Telegram).
    pub also: Vec<Arc<dyn Messenger>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            poll_timeout: Duration::from_secs(10),
            concurrency: 16,
            max_attempts: 3,
            rescan_every: Duration::from_secs(2),
            max_backoff: Duration::from_secs(30),
            webhook_listener: None,
            handler: None,
            limits: limiter::Limits::default(),
            clock: Clock::system(),
            chat_cap: 30,
            send: true,
            schedule: true,
            also: Vec::new(),
        }
    }
}

/// What the receivers and the worker share.
pub(crate) struct Ctx {
    pub pool: PgPool,
    pub settings: Arc<Settings>,
    pub handler: Arc<dyn InputHandler>,
    /// The bot's username: commands naming another bot are dropped (see `convert`).
    pub bot_username: Option<String>,
    pub messenger: TelegramMessenger,
    /// Rung when new updates are stored.
    pub wake: Notify,
    /// Updates whose sender was already told their message could not be saved.
    pub told_unavailable: Mutex<HashSet<i64>>,
    pub max_attempts: i32,
    pub rescan_every: Duration,
    pub max_backoff: Duration,
    pub concurrency: usize,
    pub clock: Clock,
    pub chat_cap: i64,
}

/// What the operator is told when the transport cannot start, in the command line's language.
pub(crate) fn say(settings: &Settings, key: &str, args: Args) -> String {
    crate::i18n::plain(&settings.default_locale, key, args)
}

/// A `Bot` for the configured token and Bot API server.
pub fn bot(settings: &Settings) -> anyhow::Result<Bot> {
    let token = settings
        .telegram
        .token
        .as_ref()
        .with_context(|| say(settings, "start-telegram-no-token", Args::new()))?;
    let mut bot = Bot::new(token.expose());
    if let Some(url) = &settings.telegram.api_url {
        let url = url
            .parse()
            .with_context(|| say(settings, "start-bad-url", Args::new().str("url", url)))?;
        bot = bot.set_api_url(url);
    }
    Ok(bot)
}

/// Registers the default command menu (/start, /help: Chinese for everyone, English for
/// English-language clients), then queues, beside the bot's start, each bound person's own
/// menu where it is not the one last queued for them (the first start, roles changed while the
/// bot was stopped); at province scale the first start queues thousands.
async fn register_commands(messenger: &TelegramMessenger, pool: &PgPool, now: DateTime<Utc>) {
    for (locale, language_code) in [("zh-CN", None), ("en", Some("en"))] {
        if let Err(e) = messenger
            .set_commands(&default_menu(locale), MenuScope::Default, language_code)
            .await
        {
            tracing::warn!(locale, error = %e, "could not register the command menu");
        }
    }
    let pool = pool.clone();
    tokio::spawn(async move {
        let queued = async {
            let mut tx = pool.begin().await?;
            let queued = refresh_menus(&mut tx, now).await?;
            tx.commit().await?;
            Ok::<usize, EngineError>(queued)
        };
        match queued.await {
            Ok(0) => {}
            Ok(n) => tracing::info!(people = n, "command menus queued"),
            Err(e) => tracing::warn!(error = %e, "could not queue the people's command menus"),
        }
    });
}

/// Asks Telegram who the bot is. While Telegram cannot be reached (a network cut, a server
/// error), logs why and asks again (1 s, 2 s, 4 s … 30 s apart, a 429 as long as it asks)
/// until it answers or shutdown is requested (then `None`); a token Telegram refuses ends the
/// start at once.
async fn connect(
    messenger: &TelegramMessenger,
    settings: &Settings,
    shutdown: &Shutdown,
    max_backoff: Duration,
) -> anyhow::Result<Option<String>> {
    let mut attempt = 0;
    loop {
        let delay = match messenger.get_me().await {
            Ok(me) => return Ok(Some(me)),
            Err(DeliveryError::Permanent(reason)) => {
                return Err(anyhow::anyhow!(reason).context(say(
                    settings,
                    "start-telegram-token-refused",
                    Args::new(),
                )));
            }
            Err(DeliveryError::RetryAfter(wait)) => {
                attempt += 1;
                wait
            }
            Err(e) => {
                attempt += 1;
                let delay = crate::shutdown::start_retry_delay(attempt).min(max_backoff);
                tracing::warn!(
                    error = %e,
                    retry_in_s = delay.as_secs(),
                    "{}",
                    say(settings, "start-telegram-waiting", Args::new())
                );
                delay
            }
        };
        if !shutdown.pause(delay).await {
            return Ok(None);
        }
    }
}

/// Runs the Telegram bot until `shutdown` completes, then drains: updates being handled
/// finish, nothing new is taken, and the function returns.
pub async fn launch(
    pool: PgPool,
    settings: Arc<Settings>,
    calendar: Arc<WorkCalendar>,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = Shutdown::on(async move {
        tokio::select! {
            _ = shutdown => {}
            _ = stopped => {}
        }
    });
    let limiter = Limiter::new(options.limits);
    let messenger = TelegramMessenger::new(bot(&settings)?, limiter);
    let Some(me) = connect(&messenger, &settings, &shutdown, options.max_backoff).await? else {
        return Ok(());
    };
    tracing::info!(username = %me, "connected to Telegram");
    register_commands(&messenger, &pool, options.clock.now()).await;

    let handler = match options.handler {
        Some(h) => h,
        None => Arc::new(Engine::new(settings.clone(), calendar.clone())),
    };
    let ctx = Arc::new(Ctx {
        pool: pool.clone(),
        settings: settings.clone(),
        handler,
        bot_username: Some(me.clone()),
        messenger: messenger.clone(),
        wake: Notify::new(),
        told_unavailable: Mutex::new(HashSet::new()),
        max_attempts: options.max_attempts.max(1),
        rescan_every: options.rescan_every,
        max_backoff: options.max_backoff,
        concurrency: options.concurrency.max(1),
        clock: options.clock.clone(),
        chat_cap: options.chat_cap.max(1),
    });

    let messengers = if options.send {
        let mut all = vec![Arc::new(messenger) as Arc<dyn Messenger>];
        all.extend(options.also);
        all
    } else {
        Vec::new()
    };
    let background = crate::scheduler::start_background(
        pool,
        settings.clone(),
        calendar,
        messengers,
        options.clock,
        options.schedule,
        shutdown.clone(),
    );

    let worker = tokio::spawn(worker::run(ctx.clone(), shutdown.clone()));

    let received = match &settings.telegram.webhook_url {
        Some(url) => {
            let listener = match options.webhook_listener {
                Some(l) => l,
                None => TcpListener::bind(settings.telegram.webhook_listen)
                    .await
                    .with_context(|| {
                        let at = settings.telegram.webhook_listen.to_string();
                        say(
                            &settings,
                            "start-listen-failed",
                            Args::new().str("address", at),
                        )
                    })?,
            };
            receive::webhook(ctx.clone(), url, listener, shutdown.clone()).await
        }
        None => {
            receive::poll(ctx.clone(), options.poll_timeout, shutdown.clone()).await;
            Ok(())
        }
    };
    // The receiver returns on shutdown, or when it could not start: stop the rest either way.
    let _ = stop.send(());
    if let Err(e) = worker.await {
        tracing::error!(error = %e, "the inbox worker stopped abnormally");
    }
    for task in background {
        if let Err(e) = task.await {
            tracing::error!(error = %e, "a background task stopped abnormally");
        }
    }
    received
}
