//! `zhuqi inspections report --from --to`: the inspection report (督查) for a period, printed,
//! with its 督查整改台账 written as a spreadsheet when asked.

use anyhow::Context;
use chrono::NaiveDate;
use std::path::PathBuf;

use super::{Setup, print_lines, refuse, writing};
use crate::i18n::{Args, normalize_locale, plain, tr};
use crate::reports::inspections::{render_text, report, report_workbook};

#[derive(Debug, Clone, clap::Subcommand)]
pub enum InspectionsAction {
    /// The inspection report for the inspections held from FROM to TO (YYYY-MM-DD).
    Report {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// Also write the report's rectification ledger to this .xlsx file.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Language of the output: zh-CN or en.
        #[arg(long, default_value = "zh-CN")]
        lang: String,
    },
}

pub async fn inspections(setup: Setup, action: InspectionsAction) -> anyhow::Result<()> {
    let InspectionsAction::Report {
        from,
        to,
        output,
        lang,
    } = action;
    let locale = normalize_locale(&lang);
    let day = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| refuse(locale, "cli-period-invalid", Args::new().str("input", s)))
    };
    let (from_day, to_day) = (day(&from)?, day(&to)?);
    if to_day < from_day {
        let range = format!("{from}..{to}");
        return Err(refuse(
            locale,
            "cli-period-invalid",
            Args::new().str("input", range),
        ));
    }
    let settings = &setup.settings;
    let pool = crate::app::open(settings).await?;
    let mut conn = pool.acquire().await?;
    let today = setup.today();
    let r = report(&mut conn, from_day, to_day, today)
        .await
        .with_context(|| plain(locale, "cli-inspection-report-failed", Args::new()))?;
    print_lines(render_text(locale, &r).lines().map(str::to_string));
    if let Some(path) = output {
        let bytes = report_workbook(&r, today, settings.timezone, locale)
            .with_context(|| plain(locale, "cli-workbook-failed", Args::new()))?;
        std::fs::write(&path, bytes).with_context(|| writing(locale, &path))?;
        let line = tr(
            locale,
            "cli-inspections-written",
            Args::new().str("path", path.display().to_string()),
        );
        print_lines([line]);
    }
    Ok(())
}
