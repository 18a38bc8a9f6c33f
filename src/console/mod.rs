//! The terminal transport: the same conversation engine, buttons as numbered choices.

use crate::config::Settings;

pub async fn cli_chat(_settings: Settings, _person: &str) -> anyhow::Result<()> {
    anyhow::bail!("chat: in progress")
}
