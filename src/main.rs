use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use zhuqi::cli::{Cli, Setup};
use zhuqi::clock::Clock;
use zhuqi::config::Settings;
use zhuqi::i18n::{Args, html_to_text, tr};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,zhuqi=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(e) => {
            let e = anyhow::Error::from(e).context(say(None, "cli-settings-unreadable"));
            return report(None, &e);
        }
    };
    let locale = settings.default_locale.clone();
    let setup = match settings.calendar() {
        Ok(calendar) => Setup {
            settings,
            calendar: Arc::new(calendar),
            clock: Clock::system(),
        },
        Err(e) => {
            let e = anyhow::Error::from(e).context(say(Some(&locale), "cli-calendar-unreadable"));
            return report(Some(&locale), &e);
        }
    };
    match zhuqi::cli::run(cli.command, setup).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(Some(&locale), &e),
    }
}

/// A message of the command line in the operator's language (the default before the settings
/// are read).
fn say(locale: Option<&str>, key: &str) -> String {
    say_with(locale, key, Args::new())
}

fn say_with(locale: Option<&str>, key: &str, args: Args) -> String {
    html_to_text(&tr(locale.unwrap_or_default(), key, args))
}

/// Prints the error, then each cause the line before does not already say (a database error
/// quotes its own cause), and fails.
fn report(locale: Option<&str>, e: &anyhow::Error) -> ExitCode {
    let mut lines = vec![say_with(
        locale,
        "cli-error",
        Args::new().str("error", e.to_string()),
    )];
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if lines.last().is_some_and(|line| line.contains(&text)) {
            continue;
        }
        lines.push(say_with(
            locale,
            "cli-cause",
            Args::new().str("cause", text),
        ));
    }
    eprintln!("{}", lines.join("\n"));
    ExitCode::FAILURE
}
