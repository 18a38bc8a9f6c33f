//! `zhuqi summary` and `zhuqi export`: the same figures and ledger as in chat, for the county.

use anyhow::Context;
use chrono::Utc;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sqlx::PgConnection;
use std::path::PathBuf;

use super::export::{LedgerFormat, ledger_len, write_export};
use super::figures::{Filter, Scope};
use super::period::{PeriodSpec, local_date};
use super::render::render_summary;
use super::{chart, summary_for};
use crate::cli::{ExportArgs, ExportFormat, SummaryArgs};
use crate::config::Settings;
use crate::domain::Category;
use crate::i18n::{Args, html_to_text, normalize_locale, tr};

/// Exports at least this large get a progress bar.
const PROGRESS_FROM_ROWS: u64 = 10_000;

/// A localized refusal of a command-line argument.
fn refuse(locale: &str, key: &str, input: &str) -> anyhow::Error {
    anyhow::anyhow!(html_to_text(&tr(
        locale,
        key,
        Args::new().str("input", input)
    )))
}

async fn id_by_code(
    conn: &mut PgConnection,
    sql: &'static str,
    code: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(sql)
        .bind(code.trim())
        .fetch_optional(conn)
        .await
}

pub async fn cli_summary(settings: Settings, args: SummaryArgs) -> anyhow::Result<()> {
    let locale = normalize_locale(&args.lang);
    let period = PeriodSpec::parse(&args.period)
        .map_err(|_| refuse(locale, "cli-period-invalid", &args.period))?;
    let pool = crate::app::open(&settings).await?;
    let mut conn = pool.acquire().await?;
    let mut filter = Filter::default();
    if let Some(c) = &args.category {
        filter.category =
            Some(Category::parse(c).ok_or_else(|| refuse(locale, "cli-unknown-category", c))?);
    }
    if let Some(d) = &args.department {
        filter.department_id = Some(
            id_by_code(&mut conn, "select id from departments where code = $1", d)
                .await?
                .ok_or_else(|| refuse(locale, "cli-unknown-department", d))?,
        );
    }
    if let Some(tw) = &args.township {
        filter.township_id = Some(
            id_by_code(&mut conn, "select id from townships where code = $1", tw)
                .await?
                .ok_or_else(|| refuse(locale, "cli-unknown-township", tw))?,
        );
    }
    if let Some(p) = &args.cadre {
        filter.cadre_id = Some(
            id_by_code(
                &mut conn,
                "select id from people where code = $1 and 'cadre' = any(roles)",
                p,
            )
            .await?
            .ok_or_else(|| refuse(locale, "cli-unknown-cadre", p))?,
        );
    }
    let today = local_date(settings.timezone, Utc::now());
    let summary = summary_for(&mut conn, Scope::County, period, filter, today, &settings)
        .await
        .context("computing the summary")?;
    println!("{}", html_to_text(&render_summary(locale, &summary)));
    if let Some(path) = &args.chart {
        let data = chart::chart_data(&mut conn, Scope::County, period, filter, today, &settings)
            .await
            .context("computing the chart")?;
        let png = chart::chart_png(locale, &data).map_err(|e| {
            anyhow::anyhow!(html_to_text(
                &super::ReportError::from(e).user_message(locale)
            ))
        })?;
        std::fs::write(path, png).with_context(|| format!("writing {}", path.display()))?;
        println!(
            "{}",
            html_to_text(&tr(
                locale,
                "cli-chart-written",
                Args::new().str("path", path.display().to_string())
            ))
        );
    }
    Ok(())
}

pub async fn cli_export(settings: Settings, args: ExportArgs) -> anyhow::Result<()> {
    let locale = normalize_locale(&settings.default_locale);
    let today = local_date(settings.timezone, Utc::now());
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
    let pool = crate::app::open(&settings).await?;
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
    let rows = write_export(
        &mut conn,
        Scope::County,
        format,
        &path,
        PeriodSpec::ThisMonth,
        today,
        &settings,
        locale,
        progress.as_ref(),
    )
    .await
    .with_context(|| format!("exporting the ledger to {}", path.display()))?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    println!(
        "{}",
        html_to_text(&tr(
            locale,
            "export-done",
            Args::new()
                .num("rows", rows as f64)
                .str("path", path.display().to_string())
        ))
    );
    Ok(())
}
