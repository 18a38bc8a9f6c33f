//! Builds the running bot from settings, a transport and a shutdown signal. `zhuqi run`,
//! `zhuqi chat` and the console tests start it the same way (the Telegram tests still call
//! `telegram::launch`, which this wraps).

pub use crate::shutdown::{Shutdown, termination_signal};

use std::future::Future;
use std::sync::Arc;

use crate::store::PgPool;
use anyhow::Context;
use tokio::io::{AsyncBufRead, AsyncWrite};

use crate::clock::Clock;
use crate::config::Settings;
use crate::conversation::Engine;
use crate::domain::WorkCalendar;
use crate::i18n::{Args, plain};
use crate::store;

/// Which messenger the bot serves.
pub enum Transport {
    /// Telegram, by long polling or webhook as the settings say.
    Telegram(crate::telegram::Options),
    /// WeCom (企业微信 / 政务微信), by its callback URL.
    Wecom(crate::wecom::Options),
    /// Telegram and WeCom at once: one engine, one scheduler, one outbox sender.
    Both(crate::telegram::Options, crate::wecom::Options),
    /// A terminal conversation as one person (roster code or id).
    Console { person: String, terminal: Terminal },
}

/// The two ends of a terminal: what the person types, and where the bot's answers go.
pub struct Terminal {
    pub input: Box<dyn AsyncBufRead + Unpin + Send + Sync>,
    pub output: Box<dyn AsyncWrite + Unpin + Send + Sync>,
}

impl Terminal {
    /// The process's own terminal.
    pub fn stdio() -> Terminal {
        Terminal {
            input: Box::new(tokio::io::BufReader::new(tokio::io::stdin())),
            output: Box::new(tokio::io::stdout()),
        }
    }
}

/// Connects to the ledger and brings its schema up to date.
pub async fn open(settings: &Settings) -> anyhow::Result<PgPool> {
    let say = |key| plain(&settings.default_locale, key, Args::new());
    let pool = store::connect(settings)
        .await
        .with_context(|| say("cli-db-unreachable"))?;
    store::migrate(&pool)
        .await
        .with_context(|| say("cli-db-migrate-failed"))?;
    Ok(pool)
}

/// Connects to the ledger for a service that must outlive a database restart: while the
/// database cannot be reached, logs why and tries again (1 s, 2 s, 4 s … 30 s apart) until it
/// can, or until shutdown is requested (then `None`). What waiting cannot mend (a wrong
/// password, a database that does not exist, a failed migration) ends the start at once.
pub async fn open_when_ready(
    settings: &Settings,
    shutdown: &Shutdown,
) -> anyhow::Result<Option<PgPool>> {
    let say = |key| plain(&settings.default_locale, key, Args::new());
    let mut attempt = 0;
    let pool = loop {
        match store::connect(settings).await {
            Ok(pool) => break pool,
            Err(e) if e.is_unavailable() => {
                attempt += 1;
                let delay = crate::shutdown::start_retry_delay(attempt);
                tracing::warn!(
                    error = %e,
                    retry_in_s = delay.as_secs(),
                    "{}",
                    say("start-db-waiting")
                );
                if !shutdown.pause(delay).await {
                    return Ok(None);
                }
            }
            Err(e) => return Err(anyhow::Error::new(e).context(say("cli-db-unreachable"))),
        }
    };
    if attempt > 0 {
        tracing::info!("connected to the database");
    }
    store::migrate(&pool)
        .await
        .with_context(|| say("cli-db-migrate-failed"))?;
    Ok(Some(pool))
}

/// Runs the bot on `transport` until `shutdown` completes (Telegram drains what is in hand) or
/// the console session ends.
pub async fn launch(
    pool: PgPool,
    settings: Arc<Settings>,
    calendar: Arc<WorkCalendar>,
    clock: Clock,
    transport: Transport,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    match transport {
        Transport::Telegram(options) => {
            crate::telegram::launch(pool, settings, calendar, options, shutdown).await
        }
        Transport::Wecom(options) => {
            crate::wecom::launch(pool, settings, calendar, options, shutdown).await
        }
        Transport::Both(telegram, wecom) => {
            launch_both(pool, settings, calendar, telegram, wecom, shutdown).await
        }
        Transport::Console { person, terminal } => {
            let locale = settings.default_locale.clone();
            let engine = Engine::new(settings, calendar);
            let session = crate::console::run_session(
                &engine,
                &pool,
                terminal.input,
                terminal.output,
                &person,
                &clock,
            );
            tokio::select! {
                ended = session => ended.with_context(|| {
                    plain(&locale, "cli-console-failed", Args::new().str("person", &person))
                }),
                () = shutdown => Ok(()),
            }
        }
    }
}

/// Telegram and WeCom side by side: WeCom's receiver and worker start first, then Telegram runs
/// the one scheduler with both messengers; when either stops, both stop.
async fn launch_both(
    pool: PgPool,
    settings: Arc<Settings>,
    calendar: Arc<WorkCalendar>,
    telegram: crate::telegram::Options,
    wecom: crate::wecom::Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = Shutdown::on(async move {
        tokio::select! {
            () = shutdown => {}
            _ = stopped => {}
        }
    });
    let engine = Arc::new(Engine::new(settings.clone(), calendar.clone()));
    // Each side handles inputs with its own options' handler when a test sets one, as alone.
    let wecom_handler = wecom.handler.clone().unwrap_or_else(|| engine.clone());
    let running = crate::wecom::start(
        pool.clone(),
        settings.clone(),
        wecom_handler,
        wecom,
        shutdown.clone(),
    )
    .await?;
    let mut also = telegram.also;
    also.push(Arc::new(running.messenger.clone()));
    let telegram = crate::telegram::Options {
        handler: Some(telegram.handler.unwrap_or(engine)),
        also,
        ..telegram
    };
    let watched = shutdown.clone();
    let result = crate::telegram::launch(pool, settings, calendar, telegram, async move {
        watched.requested().await
    })
    .await;
    let _ = stop.send(());
    running.join().await;
    result
}
