//! The long-running sender: many chats at once, one row per chat at a time, the most urgent
//! chats first, and button answers on a lane of their own that never waits behind messages.
//! A chat just sent to rests for the per-chat interval before its next row is claimed, so a
//! waiting chat holds no sending slot; on shutdown nothing new is claimed and only the sends
//! in flight finish.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use crate::store::PgPool;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

use super::{DeliveryReport, LEASE, REPLY_LEASE, deliver_one};
use crate::clock::Clock;
use crate::messenger::Messenger;
use crate::store::StoreError;
use crate::store::delivery::{self, Claimed};

/// Rung when rows are committed; every sender of the process sees each ring (a `watch`, so a
/// ring while a sender is busy is not lost).
static WAKE: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

/// Asks this process's senders to look at the outbox now: rows were committed. Other processes
/// find them at their next poll.
pub fn wake() {
    WAKE.send_modify(|rings| *rings = rings.wrapping_add(1));
}

/// How the sender shares out its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lanes {
    /// Messages being sent at once (each to a different chat). Sends wait on the global rate
    /// limit while they hold a slot, so this is also how far a newly claimed reply can be
    /// queued behind others: 10 is a third of a second at 30 messages/s, and still 40
    /// messages/s when Telegram takes a quarter second to answer each.
    pub messages: usize,
    /// Button answers being sent at once.
    pub answers: usize,
    /// How long a chat rests after a send before its next row is claimed (the per-chat limit).
    pub rest: Duration,
    /// How often the outbox is looked at when nothing wakes the sender.
    pub poll: Duration,
    /// The least time between two claims (commits and finished sends wake the sender many times
    /// a second; this gathers those wakes into few queries).
    pub settle: Duration,
}

impl Default for Lanes {
    fn default() -> Self {
        Lanes {
            messages: 10,
            answers: 32,
            rest: Duration::from_millis(1050),
            poll: Duration::from_secs(2),
            settle: Duration::from_millis(100),
        }
    }
}

/// Starts [`run`] with the default lanes and a worker name of its own.
pub fn spawn(
    pool: PgPool,
    messengers: Vec<Arc<dyn Messenger>>,
    clock: Clock,
    shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(run(
        pool,
        messengers,
        clock,
        crate::scheduler::worker_name(),
        Lanes::default(),
        shutdown,
    ))
}

/// What a finished send hands back.
struct Done {
    report: DeliveryReport,
}

async fn send(
    pool: PgPool,
    messengers: Arc<Vec<Arc<dyn Messenger>>>,
    row: Claimed,
    clock: Clock,
    worker: Arc<str>,
) -> Done {
    let mut report = DeliveryReport::default();
    if let Err(e) = deliver_one(&pool, &messengers, &row, clock.now(), &worker, &mut report).await {
        // The row stays `sending` and its lease brings it back.
        tracing::warn!(outbox = row.id, error = %e, "cannot record a delivery; it is retried after the lease");
    }
    Done { report }
}

/// Sends queued rows until `shutdown` turns true, then lets the sends in flight finish.
pub async fn run(
    pool: PgPool,
    messengers: Vec<Arc<dyn Messenger>>,
    clock: Clock,
    worker: String,
    lanes: Lanes,
    mut shutdown: watch::Receiver<bool>,
) {
    let messengers = Arc::new(messengers);
    let worker: Arc<str> = worker.into();
    let mut woken = WAKE.subscribe();
    let mut messages: JoinSet<Done> = JoinSet::new();
    let mut answers: JoinSet<Done> = JoinSet::new();
    // Lanes sent to a moment ago, and until when they rest.
    let mut resting: HashMap<String, Instant> = HashMap::new();
    let mut in_flight: HashMap<String, usize> = HashMap::new();
    // The lane of each message being sent, by task, so that a send that panics frees it too.
    let mut lane_of: HashMap<tokio::task::Id, String> = HashMap::new();
    let mut next_requeue = Instant::now();
    let mut backoff = Duration::ZERO;
    loop {
        if *shutdown.borrow() {
            break;
        }
        let now = clock.now();
        if Instant::now() >= next_requeue {
            next_requeue = Instant::now() + Duration::from_secs(10);
            match delivery::requeue_expired(&pool, now - LEASE, now - REPLY_LEASE).await {
                Ok(0) => {}
                Ok(n) => tracing::warn!(
                    resent = n,
                    "messages whose sender died were queued again; some may arrive twice"
                ),
                Err(e) => tracing::warn!(error = %e, "cannot look for expired leases"),
            }
        }
        let claimed = claim(
            &pool,
            &worker,
            &clock,
            &lanes,
            answers.len(),
            messages.len(),
            &mut resting,
            &in_flight,
        )
        .await;
        let mut settled_at = Instant::now() + lanes.settle;
        match claimed {
            Ok((new_answers, new_messages)) => {
                backoff = Duration::ZERO;
                for row in new_answers {
                    answers.spawn(send(
                        pool.clone(),
                        messengers.clone(),
                        row,
                        clock.clone(),
                        worker.clone(),
                    ));
                }
                for row in new_messages {
                    let lane = row.lane.clone();
                    let task = messages.spawn(send(
                        pool.clone(),
                        messengers.clone(),
                        row,
                        clock.clone(),
                        worker.clone(),
                    ));
                    if let Some(lane) = lane {
                        *in_flight.entry(lane.clone()).or_default() += 1;
                        lane_of.insert(task.id(), lane);
                    }
                }
            }
            Err(e) => {
                backoff = (backoff * 2).clamp(Duration::from_millis(250), Duration::from_secs(30));
                settled_at = Instant::now() + backoff;
                tracing::warn!(error = %e, "cannot claim outbox rows; trying again");
            }
        }
        let next_rest = resting.values().min().copied();
        let wake_at = next_rest
            .map_or(Instant::now() + lanes.poll, |t| {
                t.min(Instant::now() + lanes.poll)
            })
            .max(settled_at);
        tokio::select! {
            changed = shutdown.changed() => {
                if changed.is_err() {
                    break;
                }
            }
            _ = woken.changed() => {}
            _ = tokio::time::sleep_until(wake_at) => {}
            Some(done) = messages.join_next_with_id(), if !messages.is_empty() => {
                let lane = lane_of.remove(&task_id(&done));
                finished(done, lane, &mut in_flight, &mut resting, lanes.rest);
            }
            Some(done) = answers.join_next_with_id(), if !answers.is_empty() => {
                finished(done, None, &mut in_flight, &mut resting, lanes.rest);
            }
        }
        tokio::select! {
            _ = shutdown.changed() => {}
            _ = tokio::time::sleep_until(settled_at) => {}
        }
        // Every send that finished meanwhile frees its lane before the next claim.
        while let Some(done) = messages.try_join_next_with_id() {
            let lane = lane_of.remove(&task_id(&done));
            finished(done, lane, &mut in_flight, &mut resting, lanes.rest);
        }
        while let Some(done) = answers.try_join_next_with_id() {
            finished(done, None, &mut in_flight, &mut resting, lanes.rest);
        }
    }
    // Nothing new is claimed: the sends in flight finish and are recorded.
    while let Some(done) = messages.join_next_with_id().await {
        let lane = lane_of.remove(&task_id(&done));
        finished(done, lane, &mut in_flight, &mut resting, lanes.rest);
    }
    while let Some(done) = answers.join_next_with_id().await {
        finished(done, None, &mut in_flight, &mut resting, lanes.rest);
    }
}

fn task_id(done: &Result<(tokio::task::Id, Done), tokio::task::JoinError>) -> tokio::task::Id {
    match done {
        Ok((id, _)) => *id,
        Err(e) => e.id(),
    }
}

/// Claims button answers and messages for the free slots.
#[allow(clippy::too_many_arguments)]
async fn claim(
    pool: &PgPool,
    worker: &str,
    clock: &Clock,
    lanes: &Lanes,
    answering: usize,
    sending: usize,
    resting: &mut HashMap<String, Instant>,
    in_flight: &HashMap<String, usize>,
) -> Result<(Vec<Claimed>, Vec<Claimed>), StoreError> {
    let now = clock.now();
    let free_answers = lanes.answers.saturating_sub(answering);
    let answers = if free_answers > 0 {
        delivery::claim_callbacks(pool, now, worker, free_answers as i64).await?
    } else {
        Vec::new()
    };
    let free = lanes.messages.saturating_sub(sending);
    if free == 0 {
        return Ok((answers, Vec::new()));
    }
    let instant = Instant::now();
    resting.retain(|_, until| *until > instant);
    let skip: Vec<String> = resting.keys().chain(in_flight.keys()).cloned().collect();
    let messages = delivery::claim(pool, now, worker, free as i64, &skip).await?;
    Ok((answers, messages))
}

/// Records a finished send: its lane is free again after a rest.
fn finished(
    done: Result<(tokio::task::Id, Done), tokio::task::JoinError>,
    lane: Option<String>,
    in_flight: &mut HashMap<String, usize>,
    resting: &mut HashMap<String, Instant>,
    rest: Duration,
) {
    match done {
        Ok((_, done)) if done.report.lost_leases > 0 => {
            tracing::warn!("sent after the lease was taken over; it may arrive twice");
        }
        Ok(_) => {}
        // Its row stays `sending`; the lease brings it back.
        Err(e) => tracing::error!(error = %e, "a send stopped abnormally"),
    }
    if let Some(lane) = lane {
        if let Some(n) = in_flight.get_mut(&lane) {
            *n -= 1;
            if *n == 0 {
                in_flight.remove(&lane);
            }
        }
        resting.insert(lane, Instant::now() + rest);
    }
}
