//! Builds the running app from settings, a transport and a shutdown signal.

use crate::config::Settings;

pub async fn run(_settings: Settings) -> anyhow::Result<()> {
    anyhow::bail!("run: in progress")
}
