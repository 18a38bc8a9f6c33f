//! `zhuqi chat --as PERSON`: a console session on the configured ledger.

use std::sync::Arc;

use super::Setup;
use crate::app::{Terminal, Transport};

pub async fn chat(setup: Setup, person: &str) -> anyhow::Result<()> {
    let pool = crate::app::open(&setup.settings).await?;
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
