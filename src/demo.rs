//! A fictional county for trying the bot: clearly marked demo data.

use crate::config::Settings;

pub async fn cli(_settings: Settings) -> anyhow::Result<()> {
    anyhow::bail!("demo: in progress")
}
