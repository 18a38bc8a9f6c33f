//! `zhuqi import KIND FILE`: imports a roster file and reports the counts, or every bad row.

use anyhow::Context;
use clap::ValueEnum;
use clap::builder::PossibleValue;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::Path;

use super::{ImportKind, Setup, print_lines, refuse};
use crate::i18n::{Args, html_to_text, plain, tr};
use crate::roster::table::Source;
use crate::roster::{self, ImportError};

/// Files with more rows than this get a progress bar (on a terminal).
const PROGRESS_FROM_ROWS: u64 = 200;

impl ValueEnum for ImportKind {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ImportKind::Townships,
            ImportKind::Departments,
            ImportKind::People,
            ImportKind::Enterprises,
            ImportKind::Projects,
            ImportKind::ApprovalItems,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            ImportKind::Townships => "townships",
            ImportKind::Departments => "departments",
            ImportKind::People => "people",
            ImportKind::Enterprises => "enterprises",
            ImportKind::Projects => "projects",
            ImportKind::ApprovalItems => "approval-items",
        }))
    }
}

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub async fn import(setup: Setup, kind: ImportKind, file: &Path) -> anyhow::Result<()> {
    let locale = setup.settings.default_locale.clone();
    let bytes = std::fs::read(file).map_err(|e| {
        refuse(
            &locale,
            "import-file-unreadable",
            Args::new()
                .str("file", file.display().to_string())
                .str("reason", crate::i18n::io_reason(&locale, &e)),
        )
    })?;
    let pool = crate::app::open(&setup.settings).await?;
    let bar = progress_bar();
    let now = setup.clock.now();
    let result = roster::import(&pool, kind, &bytes, now, &bar, PROGRESS_FROM_ROWS).await;
    bar.finish_and_clear();
    match result {
        Ok(report) => {
            if kind == ImportKind::People {
                let mut conn = pool.acquire().await?;
                let told =
                    crate::conversation::withdraw::tell_office_of_import(&mut conn, now).await?;
                if told > 0 {
                    print_lines([tr(
                        &locale,
                        "cli-import-deactivated",
                        Args::new().num("count", told as f64),
                    )]);
                }
            }
            match &report.source {
                Source::Utf8 => {}
                Source::Gbk => print_lines([tr(&locale, "import-read-as-gbk", Args::new())]),
                Source::Workbook { sheet } => print_lines([tr(
                    &locale,
                    "import-read-sheet",
                    Args::new().str("sheet", sheet),
                )]),
            }
            let items = report.inserted + report.updated + report.unchanged;
            let done = if kind == ImportKind::ApprovalItems {
                "items-import-done"
            } else {
                "import-done"
            };
            print_lines([tr(
                &locale,
                done,
                Args::new()
                    .str("kind", roster::kind_name(&locale, kind))
                    .num("items", items as f64)
                    .num("rows", report.rows as f64)
                    .num("inserted", report.inserted as f64)
                    .num("updated", report.updated as f64)
                    .num("unchanged", report.unchanged as f64),
            )]);
            // Roles and department heads may have changed: queue the menus that now differ.
            // One transaction: thousands of menus are one commit, not one each.
            let mut tx = pool.begin().await?;
            let queued = crate::conversation::refresh_menus(&mut tx, now).await?;
            tx.commit().await?;
            if queued > 0 {
                print_lines([tr(
                    &locale,
                    "menus-import-queued",
                    Args::new().num("count", queued as f64),
                )]);
            }
            Ok(())
        }
        Err(ImportError::Store(e)) => {
            let context = plain(&locale, "import-failed-store", Args::new());
            Err(anyhow::Error::new(e)).context(context)
        }
        Err(e) => {
            let mut lines = e.messages(&locale);
            let last = lines.pop().unwrap_or_default();
            for line in lines {
                eprintln!("{}", html_to_text(&line));
            }
            anyhow::bail!(html_to_text(&last))
        }
    }
}
