//! `zhuqi migrate`: brings the ledger's schema up to date and says how many migrations it has.

use super::Setup;
use crate::i18n::{Args, html_to_text, tr};

pub async fn migrate(setup: Setup) -> anyhow::Result<()> {
    let settings = &setup.settings;
    let pool = crate::app::open(settings).await?;
    let applied = crate::store::applied_migrations(&pool).await?;
    let line = tr(
        &settings.default_locale,
        "cli-migrated",
        Args::new().num("count", applied as f64),
    );
    println!("{}", html_to_text(&line));
    Ok(())
}
