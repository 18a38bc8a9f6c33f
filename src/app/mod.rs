//! What each command-line subcommand does, on top of the library.

use anyhow::Context;
use sqlx::PgPool;

use crate::cli::Command;
use crate::config::Settings;
use crate::i18n::{Args, html_to_text, tr};
use crate::store;

/// Connects to the ledger and brings its schema up to date.
pub async fn open(settings: &Settings) -> anyhow::Result<PgPool> {
    let pool = store::connect(settings)
        .await
        .context("connecting to PostgreSQL")?;
    store::migrate(&pool).await.context("applying migrations")?;
    Ok(pool)
}

/// Prints a localized line for the operator.
pub fn say(settings: &Settings, key: &str, args: Args) {
    println!("{}", html_to_text(&tr(&settings.default_locale, key, args)));
}

pub async fn run_command(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Migrate => {
            let pool = open(&settings).await?;
            let applied: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
                .fetch_one(&pool)
                .await?;
            say(
                &settings,
                "cli-migrated",
                Args::new().num("count", applied as f64),
            );
            Ok(())
        }
        Command::Run => crate::runtime::run(settings).await,
        Command::Demo => crate::demo::cli(settings).await,
        Command::Import { kind, file } => crate::roster::cli_import(settings, kind, &file).await,
        Command::Invite {
            person,
            department,
            days,
        } => crate::roster::cli_invite(settings, person, department, days).await,
        Command::Chat { person } => crate::console::cli_chat(settings, &person).await,
        Command::Summary(args) => crate::reports::cli_summary(settings, args).await,
        Command::Export(args) => crate::reports::cli_export(settings, args).await,
    }
}
