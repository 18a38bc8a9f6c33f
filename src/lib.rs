//! zhuqi (助企): the chat bot and work ledger of a county's help-enterprises campaign.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod console;
pub mod conversation;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod message;
pub mod messenger;
pub mod reports;
pub mod roster;
pub mod scheduler;
pub mod shutdown;
pub mod store;
pub mod telegram;
pub mod wecom;
