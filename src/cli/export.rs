//! `zhuqi export`: the county's ledger (台账) as a spreadsheet or CSV file.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::{Path, PathBuf};

use super::{ExportArgs, ExportFormat, Setup};
use crate::i18n::{Args, html_to_text, normalize_locale, plain, tr};
use crate::reports::export::{LedgerFormat, ledger_len, write_export};
use crate::reports::figures::Scope;
use crate::reports::files_zip::write_files_zip;
use crate::reports::period::PeriodSpec;

/// Exports at least this large get a progress bar.
const PROGRESS_FROM_ROWS: u64 = 10_000;

pub async fn export(setup: Setup, args: ExportArgs) -> anyhow::Result<()> {
    let settings = &setup.settings;
    let locale = normalize_locale(&settings.default_locale);
    let today = setup.today();
    let format = match args.format {
        ExportFormat::Xlsx => LedgerFormat::Xlsx,
        ExportFormat::Csv => LedgerFormat::Csv,
    };
    let path = args.output.clone().unwrap_or_else(|| {
        let ext = match format {
            LedgerFormat::Xlsx => "xlsx",
            LedgerFormat::Csv => "csv",
        };
        PathBuf::from(format!("ledger-{today}.{ext}"))
    });
    let pool = crate::app::open(settings).await?;
    let mut conn = pool.acquire().await?;
    let total = ledger_len(&mut conn, Scope::County).await?;
    let progress = (total >= PROGRESS_FROM_ROWS).then(|| {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(html_to_text(&crate::i18n::t(locale, "export-progress")));
        bar
    });
    let report = setup.county_report(PeriodSpec::ThisMonth);
    let rows = write_export(&mut conn, &report, format, &path, locale, progress.as_ref())
        .await
        .with_context(|| {
            plain(
                locale,
                "cli-export-failed",
                Args::new().str("file", path.display().to_string()),
            )
        })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let line = tr(
        locale,
        "export-done",
        Args::new()
            .num("rows", rows as f64)
            .str("path", path.display().to_string()),
    );
    println!("{}", html_to_text(&line));
    if args.with_files {
        let zip_path = files_zip_path(&path);
        let report = write_files_zip(
            &mut conn,
            &settings.files_dir(),
            &zip_path,
            settings.timezone,
            locale,
        )
        .await
        .with_context(|| {
            plain(
                locale,
                "cli-files-zip-failed",
                Args::new().str("file", zip_path.display().to_string()),
            )
        })?;
        let line = tr(
            locale,
            "export-files-done",
            Args::new()
                .num("included", report.included as f64)
                .num("listed", report.listed as f64)
                .str("path", zip_path.display().to_string()),
        );
        println!("{}", html_to_text(&line));
    }
    Ok(())
}

/// `ledger-2026-11-30.xlsx` -> `ledger-2026-11-30-files.zip`, in the same directory.
fn files_zip_path(ledger: &Path) -> PathBuf {
    let stem = ledger
        .file_stem()
        .map_or_else(|| "ledger".into(), |s| s.to_string_lossy().into_owned());
    ledger.with_file_name(format!("{stem}-files.zip"))
}
