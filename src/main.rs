use std::sync::Arc;

use anyhow::Context;
use clap::Parser;
use tracing_subscriber::EnvFilter;

use zhuqi::cli::{Cli, Setup};
use zhuqi::clock::Clock;
use zhuqi::config::Settings;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,zhuqi=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let settings = Settings::load().context("loading settings")?;
    let calendar = settings
        .calendar()
        .context("loading the working-day calendar")?;
    let setup = Setup {
        settings,
        calendar: Arc::new(calendar),
        clock: Clock::system(),
    };
    zhuqi::cli::run(cli.command, setup).await
}
