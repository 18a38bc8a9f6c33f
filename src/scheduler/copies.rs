//! The ledger's copies of the files people send: a background task that fetches each file once
//! from the messenger it came through (getFile on Telegram) into the files directory, so the
//! ledger keeps it whatever the messenger does. A file over the size cap keeps only the
//! messenger's reference; one that fails for a passing reason is tried again, later each time.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::Settings;
use crate::messenger::{FetchError, Messenger};
use crate::store::file_copies::{self, NotCopied, ToCopy};
use crate::store::{PgPool, StoreError};

/// Files taken per look.
const BATCH: i64 = 20;
/// How long a claimed file is left to this process before another may take it.
const HOLD: TimeDelta = TimeDelta::minutes(10);
/// The first wait after a passing failure; it doubles with each attempt, up to `MAX_WAIT`.
const FIRST_WAIT: TimeDelta = TimeDelta::seconds(30);
const MAX_WAIT: TimeDelta = TimeDelta::hours(6);

/// What one look did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CopyReport {
    pub stored: usize,
    pub not_copied: usize,
}

/// Where the copies go and how large they may be.
#[derive(Clone)]
pub struct Copier {
    pool: PgPool,
    messengers: Vec<Arc<dyn Messenger>>,
    dir: PathBuf,
    max_bytes: u64,
    clock: Clock,
}

impl Copier {
    pub fn new(
        pool: PgPool,
        messengers: Vec<Arc<dyn Messenger>>,
        settings: &Settings,
        clock: Clock,
    ) -> Copier {
        Copier {
            pool,
            messengers,
            dir: settings.files_dir(),
            max_bytes: settings.files_max_bytes(),
            clock,
        }
    }

    /// Copies the files that are due, a batch at a time, until none is left or `stop` turns true.
    pub async fn run_once(&self, stop: &watch::Receiver<bool>) -> Result<CopyReport, StoreError> {
        let transports: Vec<&str> = self.messengers.iter().map(|m| m.transport()).collect();
        let mut report = CopyReport::default();
        loop {
            if *stop.borrow() {
                return Ok(report);
            }
            let now = self.clock.now();
            let files = {
                let mut conn = self.pool.acquire().await?;
                file_copies::claim(&mut conn, &transports, BATCH, now, HOLD).await?
            };
            if files.is_empty() {
                return Ok(report);
            }
            for file in files {
                if *stop.borrow() {
                    // Left claimed: due again once the hold runs out.
                    return Ok(report);
                }
                match self.copy(&file).await? {
                    true => report.stored += 1,
                    false => report.not_copied += 1,
                }
            }
        }
    }

    /// Fetches one file and records what came of it; true when the copy was made.
    async fn copy(&self, file: &ToCopy) -> Result<bool, StoreError> {
        let Some(messenger) = self
            .messengers
            .iter()
            .find(|m| m.transport() == file.transport)
        else {
            return Ok(false);
        };
        let fetched = messenger.fetch_file(&file.file_id, self.max_bytes).await;
        let now = self.clock.now();
        let mut conn = self.pool.acquire().await?;
        match fetched {
            Ok(bytes) => {
                let relative = file_copies::relative_path(file);
                let len = bytes.len() as i64;
                file_copies::write(&self.dir, &relative, bytes).await?;
                file_copies::stored(&mut conn, file.id, &relative, len, now).await?;
                tracing::debug!(attachment = file.id, bytes = len, "file copied");
                Ok(true)
            }
            Err(e) => {
                let why = match &e {
                    FetchError::TooLarge => NotCopied::TooLarge,
                    FetchError::Gone(_) | FetchError::Unsupported => NotCopied::Gone,
                    FetchError::Transient(_) => {
                        let doublings = file.copy_attempts.clamp(0, 16) as u32;
                        let wait = FIRST_WAIT
                            .checked_mul(1 << doublings)
                            .map_or(MAX_WAIT, |w| w.min(MAX_WAIT));
                        NotCopied::Later(now + wait)
                    }
                };
                tracing::info!(attachment = file.id, error = %e, "file not copied");
                file_copies::not_copied(&mut conn, file.id, why, &e.to_string()).await?;
                Ok(false)
            }
        }
    }
}

/// Runs the copier every `every` until `shutdown` turns true. A database that cannot be reached
/// is logged and tried again at the next look.
pub fn spawn(
    copier: Copier,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if *shutdown.borrow() {
                break;
            }
            match copier.run_once(&shutdown).await {
                Ok(r) if r.stored + r.not_copied > 0 => {
                    tracing::info!(stored = r.stored, not_copied = r.not_copied, "file copies")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "copying files failed; trying again later"),
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
    })
}
