//! Summaries, the assessment table, charts and the ledger export.

use crate::cli::{ExportArgs, SummaryArgs};
use crate::config::Settings;

pub async fn cli_summary(_settings: Settings, _args: SummaryArgs) -> anyhow::Result<()> {
    anyhow::bail!("summary: in progress")
}

pub async fn cli_export(_settings: Settings, _args: ExportArgs) -> anyhow::Result<()> {
    anyhow::bail!("export: in progress")
}
