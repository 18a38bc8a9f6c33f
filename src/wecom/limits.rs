//! WeCom's sending limits, kept on our side so that WeCom never has to refuse: an application
//! may send a member 30 messages a minute, a group robot takes 20 a minute. A send over the
//! limit is put off (the outbox retries it when the window has room), never dropped.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// How many sends one chat may have in a sliding window.
pub struct Window {
    limit: usize,
    period: Duration,
    sent: Mutex<HashMap<i64, VecDeque<Instant>>>,
}

impl Window {
    pub fn new(limit: usize, period: Duration) -> Window {
        Window {
            limit: limit.max(1),
            period,
            sent: Mutex::new(HashMap::new()),
        }
    }

    /// Messages to one member per minute.
    pub fn per_member() -> Window {
        Window::new(30, Duration::from_secs(60))
    }

    /// Messages to one group robot per minute.
    pub fn per_robot() -> Window {
        Window::new(20, Duration::from_secs(60))
    }

    /// Takes a place for `sends` messages to `chat`, or says how long to wait for room.
    pub fn admit(&self, chat: i64, sends: usize) -> Result<(), Duration> {
        let now = Instant::now();
        let mut all = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        let times = all.entry(chat).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.period)
        {
            times.pop_front();
        }
        let sends = sends.clamp(1, self.limit);
        if times.len() + sends > self.limit {
            let oldest = times[times.len() + sends - self.limit - 1];
            return Err(self.period.saturating_sub(now.duration_since(oldest)));
        }
        times.extend(std::iter::repeat_n(now, sends));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chat_over_its_limit_waits_and_other_chats_do_not() {
        let w = Window::new(2, Duration::from_secs(60));
        assert_eq!(w.admit(1, 1), Ok(()));
        assert_eq!(w.admit(1, 1), Ok(()));
        let wait = w.admit(1, 1).unwrap_err();
        assert!(wait > Duration::from_secs(50) && wait <= Duration::from_secs(60));
        assert_eq!(w.admit(2, 2), Ok(()));
    }
}
