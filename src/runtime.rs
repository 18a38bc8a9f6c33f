//! Builds the running app from settings, a transport and a shutdown signal: Telegram (long
//! polling or webhook) when a token is set, the console on demo data when not.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use sqlx::PgPool;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Settings;
use crate::messenger::Messenger;

/// A shutdown request every part of the running app can watch, cheaply cloned.
#[derive(Clone)]
pub struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// Requests shutdown when `signal` completes.
    pub fn on(signal: impl Future<Output = ()> + Send + 'static) -> Shutdown {
        let (tx, rx) = watch::channel(false);
        tokio::spawn(async move {
            signal.await;
            let _ = tx.send(true);
        });
        Shutdown(rx)
    }

    /// Whether shutdown has been requested.
    pub fn is_requested(&self) -> bool {
        *self.0.borrow()
    }

    /// A receiver that turns true when shutdown is requested (for loops that select on it).
    pub fn watch(&self) -> watch::Receiver<bool> {
        self.0.clone()
    }

    /// Completes once shutdown has been requested.
    pub async fn requested(&self) {
        let mut rx = self.0.clone();
        // An error means the signal's task is gone, which only happens at process exit.
        let _ = rx.wait_for(|requested| *requested).await;
    }
}

/// Completes on SIGTERM (systemd, containers) or SIGINT (Ctrl-C).
pub async fn termination_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::error!("cannot listen for SIGTERM/SIGINT; stop the bot with SIGKILL");
        std::future::pending::<()>().await;
        return;
    };
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM: finishing what is in hand"),
        _ = int.recv() => tracing::info!("SIGINT: finishing what is in hand"),
    }
}

/// `zhuqi run`: connects and migrates, loads the calendar, then serves Telegram when a token
/// is set, or starts the console on demo data when not.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let pool = crate::app::open(&settings).await?;
    let calendar = settings
        .calendar()
        .context("loading the working-day calendar")?;
    if settings.telegram.token.is_none() {
        return crate::console::run_demo(settings, pool).await;
    }
    let settings = Arc::new(settings);
    crate::telegram::launch(
        pool,
        settings,
        Arc::new(calendar),
        crate::telegram::Options::default(),
        termination_signal(),
    )
    .await
}

/// Starts Telegram with `settings` (token, API URL, webhook) until `shutdown` completes, then
/// drains: in-flight updates finish, and the function returns.
pub async fn launch_telegram(
    pool: PgPool,
    settings: Arc<Settings>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let calendar = settings
        .calendar()
        .context("loading the working-day calendar")?;
    crate::telegram::launch(
        pool,
        settings,
        Arc::new(calendar),
        crate::telegram::Options::default(),
        shutdown,
    )
    .await
}

/// The work that runs beside a transport: the scheduler and the outbox sender start here, with
/// the messengers they deliver through. The returned tasks end after `shutdown`; the caller
/// waits for them before exiting.
pub fn start_background(
    pool: PgPool,
    settings: Arc<Settings>,
    messengers: Vec<Arc<dyn Messenger>>,
    clock: crate::clock::Clock,
    shutdown: Shutdown,
) -> Vec<JoinHandle<()>> {
    let mut tasks = vec![crate::scheduler::spawn(
        pool.clone(),
        (*settings).clone(),
        shutdown.watch(),
    )];
    // With no messenger to send through, rows stay queued for a process that has one.
    if !messengers.is_empty() {
        tasks.push(crate::scheduler::sender::spawn(
            pool,
            messengers,
            clock,
            shutdown.watch(),
        ));
    }
    tasks
}
