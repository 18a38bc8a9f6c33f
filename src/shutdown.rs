//! Stopping the running app: a shutdown request every part can watch, and the process signals
//! that make one.

use std::future::Future;
use std::time::Duration;

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

    /// Waits `delay` before another attempt, unless shutdown is requested meanwhile; says
    /// whether to try again.
    pub async fn pause(&self, delay: Duration) -> bool {
        tokio::select! {
            () = tokio::time::sleep(delay) => !self.is_requested(),
            () = self.requested() => false,
        }
    }
}

/// How long to wait before the `attempt`th retry (from 1) of something the process cannot
/// start without, such as its database or its messenger: 1 s, 2 s, 4 s … at most 30 s.
pub fn start_retry_delay(attempt: u32) -> Duration {
    Duration::from_secs(1u64 << attempt.saturating_sub(1).min(5)).min(Duration::from_secs(30))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_retries_wait_longer_each_time_up_to_half_a_minute() {
        let waits: Vec<u64> = (1..=8).map(|n| start_retry_delay(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(start_retry_delay(u32::MAX).as_secs(), 30);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_ends_early_and_says_stop_when_shutdown_is_requested() {
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let shutdown = Shutdown::on(async move {
            let _ = rx.await;
        });
        let started = tokio::time::Instant::now();
        assert!(shutdown.pause(Duration::from_secs(2)).await);
        assert_eq!(started.elapsed(), Duration::from_secs(2));

        let stop = shutdown.clone();
        let paused = tokio::spawn(async move { stop.pause(Duration::from_secs(600)).await });
        tokio::time::sleep(Duration::from_secs(5)).await;
        let _ = tx.send(());
        assert!(!paused.await.unwrap());
        // Ended when asked (the clock stands still here unless something sleeps), not at 600 s.
        assert!(started.elapsed() < Duration::from_secs(600));
    }
}
