//! The one source of the current time. Logic takes `now` as a value; only the loops at the edge
//! (the transports' workers, the scheduler, the command line) ask a `Clock`, which tests drive.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};

/// Reads the current time: the system's, or one a test sets. Cheap to clone.
#[derive(Clone)]
pub struct Clock(Source);

#[derive(Clone)]
enum Source {
    System,
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(Source::System)
    }

    /// A clock that shows `start` until it is moved with [`Clock::set`] or [`Clock::advance`].
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock(Source::Manual(Arc::new(Mutex::new(start))))
    }

    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            // The only place the system time is read.
            Source::System => Utc::now(),
            Source::Manual(t) => *t.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Sets a manual clock (and every clone of it) to `t`; the system clock ignores it.
    pub fn set(&self, t: DateTime<Utc>) {
        if let Source::Manual(cell) = &self.0 {
            *cell.lock().unwrap_or_else(|e| e.into_inner()) = t;
        }
    }

    /// Moves a manual clock forward by `by`; the system clock ignores it.
    pub fn advance(&self, by: TimeDelta) {
        if let Source::Manual(cell) = &self.0 {
            let mut t = cell.lock().unwrap_or_else(|e| e.into_inner());
            *t += by;
        }
    }
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Source::System => f.write_str("Clock::system"),
            Source::Manual(_) => write!(f, "Clock::manual({})", self.now()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_every_clone_sees_it() {
        let start = DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let clock = Clock::manual(start);
        let other = clock.clone();
        assert_eq!(other.now(), start);
        clock.advance(TimeDelta::minutes(5));
        assert_eq!(other.now(), start + TimeDelta::minutes(5));
        other.set(start);
        assert_eq!(clock.now(), start);
    }
}
