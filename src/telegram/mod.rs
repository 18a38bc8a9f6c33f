//! The teloxide adapter: updates in, replies out. No business rules.
