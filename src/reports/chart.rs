//! The summary's chart: new cases in the period by category, stacked by where they stand
//! today, and the weekly trend of new against closed cases. A PNG with labels in the reader's
//! language; Chinese needs a CJK font (`canvas`).

use chrono::{Days, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use super::bars::{Bars, Series, draw_legend, draw_stacked};
use super::canvas::{ChartError, chart_font, draw_err, encode_png};
use super::figures::{self, Filter};
use super::period::{Period, local_midnight, week_start};
use super::render::category_name;
use super::{ReportError, Request};
use crate::domain::{CaseStatus, Category};
use crate::i18n::{Args, t, tr};
use crate::store::PgConnection;

/// Weeks in the trend, ending with the week the period ends in.
pub const TREND_WEEKS: usize = 10;
const WIDTH: u32 = 1000;
const HEIGHT: u32 = 1100;

/// Where a case stands, coarsely: the stacks of the bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusGroup {
    AwaitingDispatch,
    AwaitingSignFor,
    InProgress,
    AwaitingConfirmation,
    Closed,
}

impl StatusGroup {
    pub const ALL: [StatusGroup; 5] = [
        StatusGroup::Closed,
        StatusGroup::AwaitingConfirmation,
        StatusGroup::InProgress,
        StatusGroup::AwaitingSignFor,
        StatusGroup::AwaitingDispatch,
    ];

    /// The same grouping as the stock figures.
    pub fn of(status: CaseStatus) -> StatusGroup {
        match status {
            CaseStatus::Reported | CaseStatus::InfoRequested | CaseStatus::Returned => {
                StatusGroup::AwaitingDispatch
            }
            CaseStatus::Dispatched => StatusGroup::AwaitingSignFor,
            CaseStatus::Accepted | CaseStatus::InProgress => StatusGroup::InProgress,
            CaseStatus::Resolved => StatusGroup::AwaitingConfirmation,
            CaseStatus::Closed => StatusGroup::Closed,
        }
    }

    fn key(self) -> &'static str {
        match self {
            StatusGroup::AwaitingDispatch => "chart-status-awaiting_dispatch",
            StatusGroup::AwaitingSignFor => "chart-status-awaiting_sign_for",
            StatusGroup::InProgress => "chart-status-in_progress",
            StatusGroup::AwaitingConfirmation => "chart-status-awaiting_confirmation",
            StatusGroup::Closed => "chart-status-closed",
        }
    }

    fn color(self) -> RGBColor {
        match self {
            StatusGroup::AwaitingDispatch => RGBColor(0x9e, 0x9e, 0x9e),
            StatusGroup::AwaitingSignFor => RGBColor(0xf4, 0xa2, 0x61),
            StatusGroup::InProgress => RGBColor(0x2a, 0x9d, 0x8f),
            StatusGroup::AwaitingConfirmation => RGBColor(0x45, 0x7b, 0x9d),
            StatusGroup::Closed => RGBColor(0x26, 0x46, 0x53),
        }
    }
}

/// One category's bar: new cases in the period, by where they stand today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryBar {
    pub category: Category,
    pub stacks: Vec<(StatusGroup, i64)>,
}

impl CategoryBar {
    /// The bar's height: the category's `new` figure.
    pub fn total(&self) -> i64 {
        self.stacks.iter().map(|(_, n)| n).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekPoint {
    pub week_start: NaiveDate,
    pub new: i64,
    pub closed: i64,
}

/// What the chart shows, computed with the summary's definitions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartData {
    pub period: Period,
    /// Categories with new cases in the period, in the order of the nine categories.
    pub bars: Vec<CategoryBar>,
    pub trend: Vec<WeekPoint>,
}

pub async fn chart_data(
    conn: &mut PgConnection,
    req: &Request<'_>,
    filter: Filter,
) -> Result<ChartData, ReportError> {
    let (tz, today) = (req.tz(), req.today);
    let period = req.dates();
    let sel = req.selection(filter);
    let mut bars: Vec<CategoryBar> = vec![];
    for (category, status, n) in figures::new_by_category_and_status(conn, &sel).await? {
        let group = StatusGroup::of(status);
        if bars.last().is_none_or(|b| b.category != category) {
            bars.push(CategoryBar {
                category,
                stacks: StatusGroup::ALL.iter().map(|g| (*g, 0)).collect(),
            });
        }
        if let Some(slot) = bars
            .last_mut()
            .and_then(|b| b.stacks.iter_mut().find(|(g, _)| *g == group))
        {
            slot.1 += n;
        }
    }
    bars.sort_by_key(|b| Category::ALL.iter().position(|c| *c == b.category));

    let last_week = week_start(period.to.min(today));
    let starts: Vec<NaiveDate> = (0..TREND_WEEKS as u64)
        .rev()
        .map(|i| last_week - Days::new(7 * i))
        .collect();
    let mut bounds: Vec<_> = starts.iter().map(|d| local_midnight(tz, *d)).collect();
    bounds.push(local_midnight(tz, last_week + Days::new(7)));
    let counts = figures::weekly_new_and_closed(conn, req.scope, &filter, &bounds).await?;
    let trend = starts
        .into_iter()
        .zip(counts)
        .map(|(week_start, (new, closed))| WeekPoint {
            week_start,
            new,
            closed,
        })
        .collect();
    Ok(ChartData {
        period,
        bars,
        trend,
    })
}

/// Draws the chart as PNG bytes, labelled in `locale`.
pub fn chart_png(locale: &str, data: &ChartData) -> Result<Vec<u8>, ChartError> {
    chart_font()?;
    let mut pixels = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (top, bottom) = root.split_vertically(HEIGHT / 2 + 40);
        draw_bars(locale, data, &top)?;
        draw_trend(locale, data, &bottom)?;
        root.present().map_err(draw_err)?;
    }
    encode_png(&pixels, WIDTH, HEIGHT)
}

fn draw_bars(
    locale: &str,
    data: &ChartData,
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
) -> Result<(), ChartError> {
    let max = data
        .bars
        .iter()
        .map(|b| b.total())
        .max()
        .unwrap_or(0)
        .max(1);
    // Stacks from the bottom: closed first, then what is still waiting.
    let series = StatusGroup::ALL
        .into_iter()
        .map(|group| Series {
            label: Some(t(locale, group.key())),
            color: group.color(),
            values: data
                .bars
                .iter()
                .map(|bar| {
                    bar.stacks
                        .iter()
                        .find(|(g, _)| *g == group)
                        .map_or(0, |(_, n)| *n)
                })
                .collect(),
        })
        .collect();
    draw_stacked(
        area,
        &Bars {
            caption: format!(
                "{}  {} – {}",
                t(locale, "chart-title-categories"),
                data.period.from,
                data.period.to
            ),
            y_desc: t(locale, "chart-axis-cases"),
            names: data
                .bars
                .iter()
                .map(|b| category_name(locale, b.category))
                .collect(),
            series,
            y_top: max + max / 8 + 1,
            label_size: 18,
            bar_margin: 12,
        },
    )
}

fn draw_trend(
    locale: &str,
    data: &ChartData,
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
) -> Result<(), ChartError> {
    let weeks = data.trend.len().max(1);
    let max = data
        .trend
        .iter()
        .map(|w| w.new.max(w.closed))
        .max()
        .unwrap_or(0)
        .max(1);
    let title = tr(
        locale,
        "chart-title-trend",
        Args::new().num("weeks", weeks as f64),
    );
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("zhuqi", 26))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(0i32..(weeks as i32 - 1).max(1), 0i64..(max + max / 8 + 1))
        .map_err(draw_err)?;
    let labels: Vec<String> = data
        .trend
        .iter()
        .map(|w| w.week_start.format("%m-%d").to_string())
        .collect();
    chart
        .configure_mesh()
        .x_labels(weeks)
        .x_label_style(("zhuqi", 16))
        .y_label_style(("zhuqi", 16))
        .x_desc(t(locale, "chart-axis-week"))
        .y_desc(t(locale, "chart-axis-cases"))
        .x_label_formatter(&|i| labels.get(*i as usize).cloned().unwrap_or_default())
        .draw()
        .map_err(draw_err)?;
    for (key, color, pick) in [
        (
            "chart-legend-new",
            RGBColor(0xe7, 0x6f, 0x51),
            (|w: &WeekPoint| w.new) as fn(&WeekPoint) -> i64,
        ),
        (
            "chart-legend-closed",
            RGBColor(0x26, 0x46, 0x53),
            |w: &WeekPoint| w.closed,
        ),
    ] {
        let points: Vec<(i32, i64)> = data
            .trend
            .iter()
            .enumerate()
            .map(|(i, w)| (i as i32, pick(w)))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))
            .map_err(draw_err)?
            .label(t(locale, key))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], color.stroke_width(3)));
        chart
            .draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 4, color.filled())),
            )
            .map_err(draw_err)?;
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)
}
