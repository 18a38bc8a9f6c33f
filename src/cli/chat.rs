//! `zhuqi chat --as PERSON`: a console session on the configured ledger.

use std::sync::Arc;

use super::{Setup, refuse};
use crate::app::{Terminal, Transport};
use crate::i18n::Args;
use crate::store::people;

pub async fn chat(setup: Setup, person: &str) -> anyhow::Result<()> {
    let pool = crate::app::open(&setup.settings).await?;
    let locale = &setup.settings.default_locale;
    match people::by_code_or_id(&mut *pool.acquire().await?, person).await? {
        None => {
            return Err(refuse(
                locale,
                "cli-invite-unknown-person",
                Args::new().str("person", person),
            ));
        }
        // A deactivated person cannot use the bot, in the terminal either.
        Some(p) if !p.active => {
            return Err(refuse(
                locale,
                "cli-chat-person-inactive",
                Args::new().str("name", &p.name).str("code", &p.code),
            ));
        }
        Some(_) => {}
    }
    let transport = Transport::Console {
        person: person.to_string(),
        terminal: Terminal::stdio(),
    };
    // The session ends with `:quit` or the end of input; Ctrl-C ends the process as before.
    crate::app::launch(
        pool,
        Arc::new(setup.settings),
        setup.calendar,
        setup.clock,
        transport,
        std::future::pending(),
    )
    .await
}
