//! The summary's chart: new cases in the period by category, stacked by where they stand
//! today, and the weekly trend of new against closed cases. A PNG with labels in the reader's
//! language; Chinese needs a CJK font, found at `ZHUQI_CHART_FONT` or a few known system paths
//! (the Debian package `fonts-wqy-microhei` by default, which the set-up installs).

use chrono::{Days, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::ReportError;
use super::bars::{Bars, Series, draw_legend, draw_stacked};
use super::figures::{self, Filter, Scope, Selection};
use super::period::{Period, PeriodSpec, local_midnight, week_start};
use super::render::category_name;
use crate::config::Settings;
use crate::domain::{CaseStatus, Category};
use crate::i18n::{Args, t, tr};
use crate::store::PgConnection;

/// The environment variable naming the font file (TTF, OTF or a TTC collection's first face).
pub const FONT_ENV: &str = "ZHUQI_CHART_FONT";
/// Where fonts with Chinese glyphs live on common systems, the set-up's own first.
pub const FONT_PATHS: [&str; 7] = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
];
/// Weeks in the trend, ending with the week the period ends in.
pub const TREND_WEEKS: usize = 10;
const WIDTH: u32 = 1000;
const HEIGHT: u32 = 1100;

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(
        "no font with Chinese glyphs found (tried {tried:?}); install fonts-wqy-microhei or set {FONT_ENV}"
    )]
    FontMissing { tried: Vec<PathBuf> },
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the chart failed: {0}")]
    Encode(#[from] png::EncodingError),
}

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
    scope: Scope,
    period: PeriodSpec,
    filter: Filter,
    today: NaiveDate,
    settings: &Settings,
) -> Result<ChartData, ReportError> {
    let tz = settings.timezone;
    let period = period.resolve(today);
    let sel = Selection {
        scope,
        filter,
        window: period.window(tz),
    };
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
    let counts = figures::weekly_new_and_closed(conn, scope, &filter, &bounds).await?;
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

/// The font registered with plotters, once found.
static FONT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Candidate font files: the environment's choice, then the known paths.
pub fn font_candidates(env: Option<String>) -> Vec<PathBuf> {
    env.into_iter()
        .map(PathBuf::from)
        .chain(FONT_PATHS.iter().map(PathBuf::from))
        .collect()
}

/// Whether a font file parses (index 0 of a collection) and has Chinese glyphs.
pub fn usable_font(bytes: &[u8]) -> bool {
    use ab_glyph::Font;
    ab_glyph::FontRef::try_from_slice_and_index(bytes, 0)
        .is_ok_and(|f| f.glyph_id('中').0 != 0 && f.glyph_id('A').0 != 0)
}

/// The first candidate that is a usable font, with its bytes.
pub fn find_font(candidates: &[PathBuf]) -> Result<(PathBuf, Vec<u8>), ChartError> {
    for path in candidates {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        if usable_font(&bytes) {
            return Ok((path.clone(), bytes));
        }
        tracing::warn!(path = %path.display(), "font has no Chinese glyphs or cannot be read");
    }
    Err(ChartError::FontMissing {
        tried: candidates.to_vec(),
    })
}

/// Finds a CJK font and registers it with plotters (as the family every label uses).
fn ensure_font(candidates: &[PathBuf]) -> Result<(), ChartError> {
    let mut found = FONT.lock().unwrap_or_else(|e| e.into_inner());
    if found.is_some() {
        return Ok(());
    }
    let (path, bytes) = find_font(candidates)?;
    // plotters keeps fonts for the life of the process; this happens once.
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    for family in ["sans-serif", "zhuqi"] {
        if plotters::style::register_font(family, FontStyle::Normal, bytes).is_err() {
            return Err(ChartError::Draw(format!(
                "plotters refused the font {}",
                path.display()
            )));
        }
    }
    *found = Some(path);
    Ok(())
}

/// The font file charts are drawn with, finding it if needed.
pub fn chart_font() -> Result<PathBuf, ChartError> {
    ensure_font(&font_candidates(std::env::var(FONT_ENV).ok()))?;
    Ok(FONT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_default())
}

pub(super) fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
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

pub(crate) fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgb)?;
    }
    Ok(out)
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

/// Whether `path` holds a usable chart font (for a start-up check).
pub fn font_file_is_usable(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| usable_font(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_font_is_reported_with_the_paths_tried() {
        let tried = vec![PathBuf::from("/nonexistent/font.ttc")];
        match find_font(&tried) {
            Err(ChartError::FontMissing { tried: t }) => assert_eq!(t, tried),
            other => panic!("expected FontMissing, got {:?}", other.map(|(p, _)| p)),
        }
    }

    #[test]
    fn the_environment_font_is_tried_first() {
        let c = font_candidates(Some("/opt/fonts/my.ttf".into()));
        assert_eq!(c[0], PathBuf::from("/opt/fonts/my.ttf"));
        assert_eq!(c[1], PathBuf::from(FONT_PATHS[0]));
    }

    #[test]
    fn bytes_that_are_not_a_font_are_not_usable() {
        assert!(!usable_font(b"not a font"));
    }
}
