//! Stopping the running app: a shutdown request every part can watch, and the process signals
//! that make one.

use std::future::Future;

use tokio::sync::watch;

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
