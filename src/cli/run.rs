//! `zhuqi run`: serves Telegram when a token is set; otherwise the console on demo data, the
//! demo county seeded first when the ledger is empty.

use std::sync::Arc;

use crate::store::PgPool;
use anyhow::Context;

use super::Setup;
use crate::app::{Terminal, Transport};
use crate::demo::{self, DemoError};
use crate::i18n::{html_to_text, normalize_locale};

pub async fn run(setup: Setup) -> anyhow::Result<()> {
    let pool = crate::app::open(&setup.settings).await?;
    if setup.settings.telegram.token.is_some() {
        return crate::app::launch(
            pool,
            Arc::new(setup.settings),
            setup.calendar,
            setup.clock,
            Transport::Telegram(crate::telegram::Options::default()),
            crate::app::termination_signal(),
        )
        .await;
    }
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
    if !demo::is_seeded(pool).await? {
        match demo::seed(pool, &setup.settings, &setup.calendar, now).await {
            Ok(_) | Err(DemoError::RosterNotEmpty) => {}
            Err(e) => return Err(anyhow::Error::new(e).context("seeding demo data")),
        }
    }
    let locale = normalize_locale(&setup.settings.default_locale);
    let intro = crate::console::demo_intro(pool, locale).await?;
    println!("{}", html_to_text(&intro.lines.join("\n")));
    intro.start.context("the ledger has nobody to chat as")
}
