//! `zhuqi assess`: the assessment table (考核) of departments and cadres for a period, as text
//! on the terminal, or as a CSV or spreadsheet file.

use anyhow::Context;
use std::path::PathBuf;

use super::{AssessArgs, AssessFileFormat, Setup, print_lines, writing};
use crate::i18n::{Args, normalize_locale, plain, tr};
use crate::reports::assess_file::{AssessFormat, assessment_bytes};

use crate::reports::{ReportError, assessment};

pub async fn assess(setup: Setup, args: AssessArgs) -> anyhow::Result<()> {
    let settings = &setup.settings;
    let locale = normalize_locale(&args.lang);
    let period = super::read_period(locale, &args.period, setup.today())?;
    let format = match args.format {
        AssessFileFormat::Text => AssessFormat::Text,
        AssessFileFormat::Csv => AssessFormat::Csv,
        AssessFileFormat::Xlsx => AssessFormat::Xlsx,
    };
    let pool = crate::app::open(settings).await?;
    let mut conn = pool.acquire().await?;
    let table = assessment(&mut conn, &setup.county_report(period))
        .await
        .with_context(|| plain(locale, "cli-assess-failed", Args::new()))?;
    let bytes = assessment_bytes(&table, locale, format)
        .map_err(|e| anyhow::anyhow!(ReportError::from(e)))
        .with_context(|| plain(locale, "cli-workbook-failed", Args::new()))?;
    let path = match (&args.output, format) {
        (Some(path), _) => path.clone(),
        (None, AssessFormat::Text) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(&bytes);
            return Ok(());
        }
        (None, AssessFormat::Csv) => default_path(&table.period, "csv"),
        (None, AssessFormat::Xlsx) => default_path(&table.period, "xlsx"),
    };
    std::fs::write(&path, bytes).with_context(|| writing(locale, &path))?;
    print_lines([tr(
        locale,
        "menus-assess-written",
        Args::new().str("file", path.display().to_string()),
    )]);
    Ok(())
}

/// `assessment-2026-11-01-2026-11-30.xlsx`.
fn default_path(period: &crate::reports::Period, ext: &str) -> PathBuf {
    PathBuf::from(format!("assessment-{}-{}.{ext}", period.from, period.to))
}
