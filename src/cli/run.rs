//! `zhuqi run`: serves every configured messenger (Telegram when a token is set, WeCom when a
//! corp id is set, both at once with one engine and one scheduler), waiting for the database
//! and Telegram to be reachable; otherwise the console on demo data, the demo county seeded
//! first when the ledger is empty.

use std::sync::Arc;

use crate::store::PgPool;
use anyhow::Context;

use super::Setup;
use crate::app::{Shutdown, Terminal, Transport};
use crate::demo::{self, DemoError};
use crate::i18n::{Args, html_to_text, normalize_locale, plain};

pub async fn run(setup: Setup) -> anyhow::Result<()> {
    let telegram = setup.settings.telegram.token.is_some();
    let wecom = setup.settings.wecom.configured();
    let clocked = |clock: &crate::clock::Clock| crate::wecom::Options {
        clock: clock.clone(),
        ..crate::wecom::Options::default()
    };
    let transport = match (telegram, wecom) {
        (true, true) => Some(Transport::Both(
            crate::telegram::Options::default(),
            clocked(&setup.clock),
        )),
        (true, false) => Some(Transport::Telegram(crate::telegram::Options::default())),
        (false, true) => Some(Transport::Wecom(clocked(&setup.clock))),
        (false, false) => None,
    };
    if let Some(transport) = transport {
        // A service waits for its database (a server that is still starting, a network cut)
        // and can be stopped meanwhile; the console below is a person at a terminal, told at once.
        let shutdown = Shutdown::on(crate::app::termination_signal());
        let Some(pool) = crate::app::open_when_ready(&setup.settings, &shutdown).await? else {
            return Ok(());
        };
        return crate::app::launch(
            pool,
            Arc::new(setup.settings),
            setup.calendar,
            setup.clock,
            transport,
            async move { shutdown.requested().await },
        )
        .await;
    }
    let pool = crate::app::open(&setup.settings).await?;
    let person = demo_persona(&pool, &setup).await?;
    // The console ends with `:quit` or the end of input; Ctrl-C ends the process.
    crate::app::launch(
        pool,
        Arc::new(setup.settings),
        setup.calendar,
        setup.clock,
        Transport::Console {
            person,
            terminal: Terminal::stdio(),
        },
        std::future::pending(),
    )
    .await
}

/// Seeds the demo county into an empty ledger, prints who to try the console as, and returns
/// the first of them. A real roster is used as it is.
async fn demo_persona(pool: &PgPool, setup: &Setup) -> anyhow::Result<String> {
    let now = setup.clock.now();
    let locale = normalize_locale(&setup.settings.default_locale);
    if !demo::is_seeded(pool).await? {
        match demo::seed(pool, &setup.settings, &setup.calendar, now).await {
            Ok(_) | Err(DemoError::RosterNotEmpty) => {}
            Err(e) => {
                let context = plain(locale, "cli-demo-failed", Args::new());
                return Err(anyhow::Error::new(e).context(context));
            }
        }
    }
    let intro = crate::console::demo_intro(pool, locale).await?;
    println!("{}", html_to_text(&intro.lines.join("\n")));
    intro
        .start
        .with_context(|| plain(locale, "cli-nobody-to-chat-as", Args::new()))
}
