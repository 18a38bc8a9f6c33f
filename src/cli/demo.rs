//! `zhuqi demo`: fills an empty ledger with the demo county and says what it made.

use super::{Setup, print_lines, refuse};
use crate::demo::{self, DemoError};
use crate::i18n::Args;

pub async fn demo(setup: Setup) -> anyhow::Result<()> {
    let locale = setup.settings.default_locale.clone();
    let pool = crate::app::open(&setup.settings).await?;
    let now = setup.clock.now();
    let report = match demo::seed(&pool, &setup.settings, &setup.calendar, now).await {
        Ok(r) => r,
        Err(DemoError::RosterNotEmpty) => {
            return Err(refuse(&locale, "cli-demo-refused", Args::new()));
        }
        Err(e) => return Err(e.into()),
    };
    print_lines(demo::report_lines(&locale, &report));
    Ok(())
}
