//! The work that runs beside a transport: the scheduler and the outbox sender.

use std::sync::Arc;

use sqlx::PgPool;
use tokio::task::JoinHandle;

use super::shutdown::Shutdown;
use crate::config::Settings;
use crate::messenger::Messenger;

/// Starts the scheduler and the outbox sender with the messengers they deliver through. The
/// returned tasks end after `shutdown`; the caller waits for them before exiting.
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
