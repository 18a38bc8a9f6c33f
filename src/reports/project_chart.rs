//! The projects board's chart: projects by stage, stacked on schedule / yellow / red, and the
//! year's investment completion rate (完成投资 ÷ 年度计划) by township. Same font rules as the
//! summary's chart.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{Bars, Series, draw_stacked};
use super::canvas::{ChartError, chart_font, draw_err, encode_png};
use super::projects::Board;
use crate::domain::project::{completion_rate, stage_label};
use crate::i18n::t;
use crate::store::project_board::StageCount;

const WIDTH: u32 = 1000;
const HEIGHT: u32 = 1000;

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

fn draw_stages(
    locale: &str,
    board: &Board,
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
) -> Result<(), ChartError> {
    let max = board
        .by_stage
        .iter()
        .map(|s| s.total)
        .max()
        .unwrap_or(0)
        .max(1);
    let stack = |key: &str, color, count: fn(&StageCount) -> i64| Series {
        label: Some(t(locale, key)),
        color,
        values: board.by_stage.iter().map(count).collect(),
    };
    let series = vec![
        stack("project-chart-on-schedule", RGBColor(84, 160, 110), |s| {
            s.total - s.behind
        }),
        stack("project-chart-yellow", RGBColor(230, 180, 40), |s| {
            s.behind - s.red
        }),
        stack("project-chart-red", RGBColor(200, 60, 50), |s| s.red),
    ];
    draw_stacked(
        area,
        &Bars {
            caption: t(locale, "project-chart-stages"),
            y_desc: t(locale, "project-chart-axis-projects"),
            names: board
                .by_stage
                .iter()
                .map(|s| stage_label(locale, s.stage))
                .collect(),
            series,
            y_top: max + max / 2 + 2,
            label_size: 18,
            bar_margin: 14,
        },
    )
}

fn draw_completion(
    locale: &str,
    board: &Board,
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
) -> Result<(), ChartError> {
    // At most 20 townships fit; the rest are in the text.
    let townships = || board.by_township.iter().take(20);
    let percents: Vec<i64> = townships()
        .map(|g| {
            let rate = completion_rate(g.year_invested, g.year_plan).unwrap_or(0.0);
            (rate * 100.0).round() as i64
        })
        .collect();
    let max = percents.iter().copied().max().unwrap_or(0).max(100);
    draw_stacked(
        area,
        &Bars {
            caption: t(locale, "project-chart-completion"),
            y_desc: "%".to_string(),
            names: townships()
                .map(|g| g.name.clone().unwrap_or_default())
                .collect(),
            series: vec![Series {
                label: None,
                color: RGBColor(70, 120, 190),
                values: percents,
            }],
            y_top: max + 10,
            label_size: 16,
            bar_margin: 10,
        },
    )
}
