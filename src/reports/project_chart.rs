//! The projects board's chart: projects by stage, stacked on schedule / yellow / red, and the
//! year's investment completion rate (完成投资 ÷ 年度计划) by township. Same font rules as the
//! summary's chart.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::chart::{ChartError, chart_font, draw_legend, encode_png};
use super::projects::Board;
use crate::domain::project::{completion_rate, stage_label};
use crate::i18n::t;
use crate::store::project_board::StageCount;

const WIDTH: u32 = 1000;
const HEIGHT: u32 = 1000;

fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draws the board's chart as PNG bytes, labelled in `locale`.
pub fn board_png(locale: &str, board: &Board) -> Result<Vec<u8>, ChartError> {
    chart_font()?;
    let mut pixels = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (top, bottom) = root.split_vertically(HEIGHT / 2);
        draw_stages(locale, board, &top)?;
        draw_completion(locale, board, &bottom)?;
        root.present().map_err(draw_err)?;
    }
    encode_png(&pixels, WIDTH, HEIGHT)
}

/// A stack of the stage bars: its legend key, colour and count.
type Stack = (&'static str, RGBColor, fn(&StageCount) -> i64);

fn draw_stages(
    locale: &str,
    board: &Board,
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
) -> Result<(), ChartError> {
    let n = board.by_stage.len().max(1) as u32;
    let max = board
        .by_stage
        .iter()
        .map(|s| s.total)
        .max()
        .unwrap_or(0)
        .max(1);
    let names: Vec<String> = board
        .by_stage
        .iter()
        .map(|s| stage_label(locale, s.stage))
        .collect();
    let mut chart = ChartBuilder::on(area)
        .caption(t(locale, "project-chart-stages"), ("zhuqi", 26))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(56)
        // Headroom above the tallest bar for the legend.
        .build_cartesian_2d((0u32..n - 1).into_segmented(), 0i64..(max + max / 2 + 2))
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n as usize)
        .x_label_style(("zhuqi", 18))
        .y_label_style(("zhuqi", 16))
        .y_desc(t(locale, "project-chart-axis-projects"))
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => names.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(draw_err)?;
    let green = RGBColor(84, 160, 110);
    let yellow = RGBColor(230, 180, 40);
    let red = RGBColor(200, 60, 50);
    let stacks: [Stack; 3] = [
        ("project-chart-on-schedule", green, |s| s.total - s.behind),
        ("project-chart-yellow", yellow, |s| s.behind - s.red),
        ("project-chart-red", red, |s| s.red),
    ];
    let mut bases = vec![0i64; board.by_stage.len()];
    for (key, color, count) in stacks {
        let rects: Vec<_> = board
            .by_stage
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let n = count(s);
                let base = bases[i];
                bases[i] += n;
                (n > 0).then(|| {
                    let mut r = Rectangle::new(
                        [
                            (SegmentValue::Exact(i as u32), base),
                            (SegmentValue::Exact(i as u32 + 1), base + n),
                        ],
                        color.filled(),
                    );
                    r.set_margin(0, 0, 14, 14);
                    r
                })
            })
            .collect();
        chart
            .draw_series(rects)
            .map_err(draw_err)?
            .label(t(locale, key))
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled()));
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)
}

fn draw_completion(
    locale: &str,
    board: &Board,
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
) -> Result<(), ChartError> {
    // At most 20 townships fit; the rest are in the text.
    let rows: Vec<(String, i64)> = board
        .by_township
        .iter()
        .take(20)
        .map(|g| {
            let rate = completion_rate(g.year_invested, g.year_plan).unwrap_or(0.0);
            (
                g.name.clone().unwrap_or_default(),
                (rate * 100.0).round() as i64,
            )
        })
        .collect();
    let n = rows.len().max(1) as u32;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(100);
    let mut chart = ChartBuilder::on(area)
        .caption(t(locale, "project-chart-completion"), ("zhuqi", 26))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d((0u32..n - 1).into_segmented(), 0i64..(max + 10))
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n as usize)
        .x_label_style(("zhuqi", 16))
        .y_label_style(("zhuqi", 16))
        .y_desc("%")
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => rows
                .get(*i as usize)
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(draw_err)?;
    let blue = RGBColor(70, 120, 190);
    chart
        .draw_series(rows.iter().enumerate().map(|(i, (_, pct))| {
            let mut r = Rectangle::new(
                [
                    (SegmentValue::Exact(i as u32), 0),
                    (SegmentValue::Exact(i as u32 + 1), *pct),
                ],
                blue.filled(),
            );
            r.set_margin(0, 0, 10, 10);
            r
        }))
        .map_err(draw_err)?;
    Ok(())
}
