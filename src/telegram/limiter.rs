//! One gate for every Bot API call the bot makes (getUpdates aside): Telegram's limits with a
//! safety margin (a message to a chat every 1.05 s, twenty a minute to a group, 29 a second
//! overall, evenly spaced), and nothing to a chat (or at all) before a `retry_after` has passed.
//!
//! Messages for one chat queue on that chat's fair (FIFO) lock and hold it until their call has
//! been answered, so a 429 is known before the next call to that chat goes out. Button answers
//! and calls about no chat have a budget of their own and never queue behind messages. Waiting
//! is a sleep until a computed instant, never a spin.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{Mutex as FairMutex, OwnedMutexGuard};
use tokio::time::{Instant, sleep_until};

/// The limits, as Telegram documents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Least time between two messages to one chat.
    pub per_chat_interval: Duration,
    /// Messages to one group chat within `group_window`.
    pub per_group: usize,
    pub group_window: Duration,
    /// Messages within `global_window`; calls that are not messages have a budget of the same
    /// size of their own.
    pub global: usize,
    pub global_window: Duration,
    /// Least time between two messages overall, so that a burst does not reach Telegram at once.
    pub global_spacing: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_chat_interval: Duration::from_millis(1050),
            per_group: 20,
            group_window: Duration::from_secs(60),
            global: 29,
            global_window: Duration::from_secs(1),
            global_spacing: Duration::from_millis(33),
        }
    }
}

/// What a call is, for the limits that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// A message sent or edited in a chat: counts against that chat's limits.
    Message { chat_id: i64 },
    /// A call about a chat that is not a message in it (a callback answer): waits for the chat's
    /// `retry_after` but takes none of its message slots.
    AboutChat { chat_id: i64 },
    /// A call about no chat (setMyCommands, setWebhook).
    Global,
}

impl Call {
    fn chat_id(self) -> Option<i64> {
        match self {
            Call::Message { chat_id } | Call::AboutChat { chat_id } => Some(chat_id),
            Call::Global => None,
        }
    }
}

/// Group and supergroup ids are negative; users' are positive.
fn is_group(chat_id: i64) -> bool {
    chat_id < 0
}

#[derive(Default)]
struct ChatState {
    last_message: Option<Instant>,
    /// Messages to this group within the last window (groups only).
    recent: VecDeque<Instant>,
    blocked_until: Option<Instant>,
    last_used: Option<Instant>,
}

#[derive(Default)]
struct Shared {
    chats: HashMap<i64, ChatState>,
    /// Messages within the last window.
    recent: VecDeque<Instant>,
    /// Other calls within the last window.
    recent_other: VecDeque<Instant>,
    last_message: Option<Instant>,
    blocked_until: Option<Instant>,
}

/// The rate limiter shared by every Bot API call of a process.
pub struct Limiter {
    limits: Limits,
    shared: Mutex<Shared>,
    chat_queues: Mutex<HashMap<i64, Arc<FairMutex<()>>>>,
    global_queue: Arc<FairMutex<()>>,
}

/// Permission to make one call. Hold it until the call is answered; report a 429 with
/// [`Permit::retry_after`].
pub struct Permit {
    limiter: Arc<Limiter>,
    chat_id: Option<i64>,
    _chat_turn: Option<OwnedMutexGuard<()>>,
}

impl Permit {
    /// Telegram answered 429: nothing more goes to this chat (or, for a call about no chat,
    /// anywhere) until `wait` has passed.
    pub fn retry_after(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut shared = self.limiter.lock();
        let slot = match self.chat_id {
            Some(chat_id) => &mut shared.chats.entry(chat_id).or_default().blocked_until,
            None => &mut shared.blocked_until,
        };
        *slot = Some(slot.map_or(until, |t| t.max(until)));
    }
}

impl Limiter {
    pub fn new(limits: Limits) -> Arc<Limiter> {
        Arc::new(Limiter {
            limits,
            shared: Mutex::new(Shared::default()),
            chat_queues: Mutex::new(HashMap::new()),
            global_queue: Arc::new(FairMutex::new(())),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // The state stays consistent even if a holder panicked: every update is one assignment.
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn chat_queue(&self, chat_id: i64) -> Arc<FairMutex<()>> {
        let mut queues = self.chat_queues.lock().unwrap_or_else(|e| e.into_inner());
        if queues.len() > 4096 {
            queues.retain(|_, q| Arc::strong_count(q) > 1);
        }
        queues.entry(chat_id).or_default().clone()
    }

    /// Waits until `call` may be made, and takes its slot.
    pub async fn acquire(self: &Arc<Self>, call: Call) -> Permit {
        let is_message = matches!(call, Call::Message { .. });
        let chat_turn = match call {
            Call::Message { chat_id } => Some(self.chat_queue(chat_id).lock_owned().await),
            _ => None,
        };
        if let Some(chat_id) = call.chat_id() {
            loop {
                let ready_at = self.chat_ready_at(chat_id, is_message);
                if ready_at <= Instant::now() {
                    break;
                }
                sleep_until(ready_at).await;
            }
        }
        if is_message {
            let _global_turn = self.global_queue.lock().await;
            self.wait_global(true).await;
            self.record(call, Instant::now());
        } else {
            self.wait_global(false).await;
            self.record(call, Instant::now());
        }
        Permit {
            limiter: self.clone(),
            chat_id: call.chat_id(),
            _chat_turn: chat_turn,
        }
    }

    async fn wait_global(&self, is_message: bool) {
        loop {
            let ready_at = self.global_ready_at(is_message);
            if ready_at <= Instant::now() {
                break;
            }
            sleep_until(ready_at).await;
        }
    }

    /// The earliest instant the chat's own limits allow the call.
    fn chat_ready_at(&self, chat_id: i64, is_message: bool) -> Instant {
        let now = Instant::now();
        let limits = self.limits;
        let mut shared = self.lock();
        let chat = shared.chats.entry(chat_id).or_default();
        let mut ready = now;
        if let Some(t) = chat.blocked_until {
            ready = ready.max(t);
        }
        if is_message {
            if let Some(last) = chat.last_message {
                ready = ready.max(last + limits.per_chat_interval);
            }
            if is_group(chat_id) {
                while chat
                    .recent
                    .front()
                    .is_some_and(|t| *t + limits.group_window <= now)
                {
                    chat.recent.pop_front();
                }
                if chat.recent.len() >= limits.per_group
                    && let Some(oldest) = chat.recent.front()
                {
                    ready = ready.max(*oldest + limits.group_window);
                }
            }
        }
        ready
    }

    /// The earliest instant the overall limits and a global `retry_after` allow a message (or,
    /// with `is_message` false, another call).
    fn global_ready_at(&self, is_message: bool) -> Instant {
        let now = Instant::now();
        let limits = self.limits;
        let mut shared = self.lock();
        let mut ready = now;
        if let Some(t) = shared.blocked_until {
            ready = ready.max(t);
        }
        if is_message && let Some(last) = shared.last_message {
            ready = ready.max(last + limits.global_spacing);
        }
        let recent = if is_message {
            &mut shared.recent
        } else {
            &mut shared.recent_other
        };
        while recent
            .front()
            .is_some_and(|t| *t + limits.global_window <= now)
        {
            recent.pop_front();
        }
        if recent.len() >= limits.global
            && let Some(oldest) = recent.front()
        {
            ready = ready.max(*oldest + limits.global_window);
        }
        ready
    }

    fn record(&self, call: Call, now: Instant) {
        let limits = self.limits;
        let mut shared = self.lock();
        if matches!(call, Call::Message { .. }) {
            shared.recent.push_back(now);
            shared.last_message = Some(now);
        } else {
            shared.recent_other.push_back(now);
        }
        if let Some(chat_id) = call.chat_id() {
            let chat = shared.chats.entry(chat_id).or_default();
            chat.last_used = Some(now);
            if matches!(call, Call::Message { .. }) {
                chat.last_message = Some(now);
                if is_group(chat_id) {
                    chat.recent.push_back(now);
                }
            }
        }
        if shared.chats.len() > 4096 {
            let horizon = limits.group_window.max(limits.per_chat_interval);
            shared.chats.retain(|_, c| {
                c.blocked_until.is_some_and(|t| t > now)
                    || c.last_used.is_some_and(|t| t + horizon > now)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex as StdMutex;

    async fn take(limiter: &Arc<Limiter>, call: Call) -> Duration {
        let start = Instant::now();
        drop(limiter.acquire(call).await);
        start.elapsed()
    }

    #[tokio::test(start_paused = true)]
    async fn a_second_message_to_the_same_chat_waits_a_second_and_a_margin() {
        let limiter = Limiter::new(Limits::default());
        assert_eq!(
            take(&limiter, Call::Message { chat_id: 7 }).await,
            Duration::ZERO
        );
        assert_eq!(
            take(&limiter, Call::Message { chat_id: 7 }).await,
            Duration::from_millis(1050)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(
            take(&limiter, Call::Message { chat_id: 8 }).await,
            Duration::ZERO
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_button_answer_never_waits_behind_messages() {
        let limiter = Limiter::new(Limits::default());
        let mut senders = vec![];
        for chat_id in 1..=60 {
            let limiter = limiter.clone();
            senders.push(tokio::spawn(async move {
                take(&limiter, Call::Message { chat_id }).await
            }));
        }
        tokio::task::yield_now().await;
        assert_eq!(
            take(&limiter, Call::AboutChat { chat_id: 1 }).await,
            Duration::ZERO
        );
        for s in senders {
            s.await.unwrap();
        }
    }

    #[tokio::test(start_paused = true)]
    async fn callback_answers_do_not_take_a_chats_message_slot() {
        let limiter = Limiter::new(Limits::default());
        take(&limiter, Call::Message { chat_id: 7 }).await;
        assert_eq!(
            take(&limiter, Call::AboutChat { chat_id: 7 }).await,
            Duration::ZERO
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_gets_at_most_twenty_messages_a_minute() {
        let limiter = Limiter::new(Limits::default());
        let start = Instant::now();
        let mut times = vec![];
        for _ in 0..21 {
            drop(limiter.acquire(Call::Message { chat_id: -100 }).await);
            times.push(start.elapsed());
        }
        assert_eq!(times[19], Duration::from_millis(19 * 1050));
        assert_eq!(times[20], Duration::from_secs(60));
    }

    #[tokio::test(start_paused = true)]
    async fn messages_overall_are_spaced_and_at_most_twenty_nine_in_any_second() {
        let limits = Limits {
            global_spacing: Duration::from_millis(10),
            ..Limits::default()
        };
        let limiter = Limiter::new(limits);
        let start = Instant::now();
        let mut times = vec![];
        for chat_id in 1..=30 {
            drop(limiter.acquire(Call::Message { chat_id }).await);
            times.push(start.elapsed());
        }
        for (i, t) in times[..29].iter().enumerate() {
            assert_eq!(*t, Duration::from_millis(10 * i as u64));
        }
        assert_eq!(times[29], Duration::from_secs(1));
        let limiter = Limiter::new(Limits::default());
        let first = take(&limiter, Call::Message { chat_id: 1 }).await;
        let second = take(&limiter, Call::Message { chat_id: 2 }).await;
        assert_eq!((first, second), (Duration::ZERO, Duration::from_millis(33)));
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_holds_back_that_chat_only() {
        let limiter = Limiter::new(Limits::default());
        let permit = limiter.acquire(Call::Message { chat_id: 7 }).await;
        let blocked_at = Instant::now();
        permit.retry_after(Duration::from_secs(5));
        drop(permit);
        // Another chat waits only for the overall spacing.
        assert_eq!(
            take(&limiter, Call::Message { chat_id: 8 }).await,
            Limits::default().global_spacing
        );
        take(&limiter, Call::AboutChat { chat_id: 7 }).await;
        assert_eq!(blocked_at.elapsed(), Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_on_a_call_about_no_chat_holds_back_everything() {
        let limiter = Limiter::new(Limits::default());
        let permit = limiter.acquire(Call::Global).await;
        permit.retry_after(Duration::from_secs(3));
        drop(permit);
        assert_eq!(
            take(&limiter, Call::Message { chat_id: 8 }).await,
            Duration::from_secs(3)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_seen_while_others_wait_delays_them_too() {
        let limiter = Limiter::new(Limits::default());
        let first = limiter.acquire(Call::Message { chat_id: 7 }).await;
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move { take(&limiter, Call::Message { chat_id: 7 }).await })
        };
        tokio::time::sleep(Duration::from_millis(300)).await;
        first.retry_after(Duration::from_secs(4));
        drop(first);
        let waited = waiter.await.unwrap();
        assert!(waited >= Duration::from_millis(4300), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn callers_for_one_chat_are_served_in_arrival_order() {
        let limiter = Limiter::new(Limits::default());
        let order = Arc::new(StdMutex::new(vec![]));
        let mut tasks = vec![];
        for i in 0..5 {
            let limiter = limiter.clone();
            let order = order.clone();
            tasks.push(tokio::spawn(async move {
                let _permit = limiter.acquire(Call::Message { chat_id: 1 }).await;
                order.lock().unwrap().push(i);
            }));
            tokio::task::yield_now().await;
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4]);
    }
}
