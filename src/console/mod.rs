//! The terminal transport: the same conversation engine, buttons as numbered choices.

use crate::config::Settings;

pub async fn cli_chat(_settings: Settings, _person: &str) -> anyhow::Result<()> {
    anyhow::bail!("chat: in progress")
}

/// `zhuqi run` without a token: the console on demo data. Temporary until the console lands.
pub async fn run_demo(_settings: Settings, _pool: sqlx::PgPool) -> anyhow::Result<()> {
    anyhow::bail!("the console demo is not in this build yet; set TELOXIDE_TOKEN to run the bot")
}
