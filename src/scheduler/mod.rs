//! Cron jobs, reminder rules and the outbox sender.
