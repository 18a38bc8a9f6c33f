//! Roster import (townships, departments, people, enterprises) and invite codes.

use std::path::Path;

use crate::cli::ImportKind;
use crate::config::Settings;

pub async fn cli_import(
    _settings: Settings,
    _kind: ImportKind,
    _file: &Path,
) -> anyhow::Result<()> {
    anyhow::bail!("import: in progress")
}

pub async fn cli_invite(
    _settings: Settings,
    _person: Option<String>,
    _department: Option<String>,
    _days: Option<u32>,
) -> anyhow::Result<()> {
    anyhow::bail!("invite: in progress")
}
