//! `zhuqi summary`: the same figures as in chat, for the county, with an optional chart file.

use anyhow::Context;

use super::{Setup, SummaryArgs, refuse, writing};
use crate::domain::Category;
use crate::i18n::{Args, html_to_text, normalize_locale, plain, tr};
use crate::reports::figures::Filter;
use crate::reports::render::render_summary;
use crate::reports::{ReportError, chart, summary_for};
use crate::store::roster;

pub async fn summary(setup: Setup, args: SummaryArgs) -> anyhow::Result<()> {
    let settings = &setup.settings;
    let locale = normalize_locale(&args.lang);
    let unknown = |key: &str, input: &str| refuse(locale, key, Args::new().str("input", input));
    let period = super::read_period(locale, &args.period, setup.today())?;
    let pool = crate::app::open(settings).await?;
    let mut conn = pool.acquire().await?;
    let mut filter = Filter::default();
    if let Some(c) = &args.category {
        let known: Vec<String> = Category::ALL
            .iter()
            .map(|k| format!("{} ({})", k.code(), k.chinese_name()))
            .collect();
        let refused = || {
            let args = Args::new().str("input", c).str("known", known.join(", "));
            refuse(locale, "cli-unknown-category", args)
        };
        filter.category = Some(Category::parse(c).ok_or_else(refused)?);
    }
    if let Some(d) = &args.department {
        filter.department_id = Some(
            roster::department_id(&mut conn, d)
                .await?
                .ok_or_else(|| unknown("cli-unknown-department", d))?,
        );
    }
    if let Some(tw) = &args.township {
        filter.township_id = Some(
            roster::township_id(&mut conn, tw)
                .await?
                .ok_or_else(|| unknown("cli-unknown-township", tw))?,
        );
    }
    if let Some(p) = &args.cadre {
        filter.cadre_id = Some(
            roster::cadre_id(&mut conn, p)
                .await?
                .ok_or_else(|| unknown("cli-unknown-cadre", p))?,
        );
    }
    let report = setup.county_report(period);
    let summary = summary_for(&mut conn, &report, filter)
        .await
        .with_context(|| plain(locale, "cli-summary-failed", Args::new()))?;
    println!("{}", html_to_text(&render_summary(locale, &summary)));
    if let Some(path) = &args.chart {
        let data = chart::chart_data(&mut conn, &report, filter)
            .await
            .with_context(|| plain(locale, "cli-chart-failed", Args::new()))?;
        let png = chart::chart_png(locale, &data).map_err(|e| {
            anyhow::anyhow!(html_to_text(&ReportError::from(e).user_message(locale)))
        })?;
        std::fs::write(path, png).with_context(|| writing(locale, path))?;
        let line = tr(
            locale,
            "cli-chart-written",
            Args::new().str("path", path.display().to_string()),
        );
        println!("{}", html_to_text(&line));
    }
    Ok(())
}
