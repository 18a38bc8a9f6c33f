use anyhow::Context;
use clap::Parser;
use tracing_subscriber::EnvFilter;

use zhuqi::cli::Cli;
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
    zhuqi::app::run_command(cli.command, settings).await
}
