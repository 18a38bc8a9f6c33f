use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use tracing_subscriber::EnvFilter;

use zhuqi::cli::{Cli, Setup};
use zhuqi::clock::Clock;
use zhuqi::config::{ConfigError, Settings};
use zhuqi::i18n::{Args, DEFAULT_LOCALE, plain};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,zhuqi=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    // The settings are read once; the operator's language is theirs, or the default when they
    // cannot be read (what is wrong with them is said once the command has been read).
    let settings = Settings::load();
    let locale = settings
        .as_ref()
        .map_or_else(|_| DEFAULT_LOCALE.to_string(), |s| s.default_locale.clone());
    let cli = match zhuqi::cli::read(&locale) {
        Ok(cli) => cli,
        Err(e) => return refuse_command_line(&locale, &e),
    };
    match start(cli, settings, &locale).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&locale, &e),
    }
}

async fn start(
    cli: Cli,
    settings: Result<Settings, ConfigError>,
    locale: &str,
) -> anyhow::Result<()> {
    let settings =
        settings.with_context(|| plain(locale, "cli-settings-unreadable", Args::new()))?;
    let calendar = settings
        .calendar()
        .with_context(|| plain(locale, "cli-calendar-unreadable", Args::new()))?;
    let setup = Setup {
        settings,
        calendar: Arc::new(calendar),
        clock: Clock::system(),
    };
    zhuqi::cli::run(cli.command, setup).await
}

/// A command line clap could not read, said in the operator's language; help (in that
/// language too) and version as clap prints them.
fn refuse_command_line(locale: &str, e: &clap::Error) -> ExitCode {
    let words: Vec<String> = std::env::args().skip(1).collect();
    match zhuqi::cli::usage_error(locale, e, &words) {
        Some(message) => {
            eprintln!(
                "{}",
                plain(locale, "cli-error", Args::new().str("error", message))
            );
            ExitCode::from(2)
        }
        None => {
            if let Err(io) = e.print() {
                eprintln!("{}", zhuqi::i18n::io_reason(locale, &io));
            }
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}

/// Prints the error, then each cause the line before does not already say. A cause that only
/// wraps the next one (its text quotes it) is left to that one, so an I/O error is said once,
/// in the operator's language.
fn report(locale: &str, e: &anyhow::Error) -> ExitCode {
    let mut lines = vec![plain(
        locale,
        "cli-error",
        Args::new().str("error", e.to_string()),
    )];
    let causes: Vec<&(dyn std::error::Error + 'static)> = e.chain().skip(1).collect();
    for (i, cause) in causes.iter().enumerate() {
        let text = cause.to_string();
        let wraps_next = causes
            .get(i + 1)
            .is_some_and(|next| text.contains(&next.to_string()));
        if wraps_next || lines.last().is_some_and(|line| line.contains(&text)) {
            continue;
        }
        let text = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => zhuqi::i18n::io_reason(locale, io),
            None => zhuqi::store::server_message(*cause).unwrap_or(text),
        };
        lines.push(plain(locale, "cli-cause", Args::new().str("cause", text)));
    }
    eprintln!("{}", lines.join("\n"));
    ExitCode::FAILURE
}
