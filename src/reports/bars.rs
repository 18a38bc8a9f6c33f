//! Bar charts in the charts' own style: one bar per name, series stacked from the bottom, a
//! legend for the series that have a label. The summary's categories and the projects board's
//! stages and townships are drawn with it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::canvas::{ChartError, draw_err};

/// A bar chart: one bar per name, its series stacked from the bottom.
pub(super) struct Bars {
    pub caption: String,
    pub y_desc: String,
    pub names: Vec<String>,
    pub series: Vec<Series>,
    /// The top of the value axis (headroom above the tallest bar for the legend).
    pub y_top: i64,
    /// The size of the names under the bars.
    pub label_size: u32,
    /// The gap on each side of a bar, in pixels.
    pub bar_margin: u32,
}

/// One stacked series: its legend label (none: no legend), colour and a value per bar.
pub(super) struct Series {
    pub label: Option<String>,
    pub color: RGBColor,
    pub values: Vec<i64>,
}

pub(super) fn draw_stacked(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    bars: &Bars,
) -> Result<(), ChartError> {
    let n = bars.names.len().max(1) as u32;
    let mut chart = ChartBuilder::on(area)
        .caption(&bars.caption, ("zhuqi", 26))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d((0u32..n - 1).into_segmented(), 0i64..bars.y_top)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n as usize)
        .x_label_style(("zhuqi", bars.label_size))
        .y_label_style(("zhuqi", 16))
        .y_desc(&bars.y_desc)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => bars.names.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(draw_err)?;
    let mut bases = vec![0i64; bars.names.len()];
    let mut legend = false;
    for series in &bars.series {
        let color = series.color;
        let mut rects = Vec::new();
        for (i, &value) in series.values.iter().enumerate() {
            let base = bases[i];
            bases[i] += value;
            if value > 0 {
                let x = i as u32;
                let mut r = Rectangle::new(
                    [
                        (SegmentValue::Exact(x), base),
                        (SegmentValue::Exact(x + 1), base + value),
                    ],
                    color.filled(),
                );
                r.set_margin(0, 0, bars.bar_margin, bars.bar_margin);
                rects.push(r);
            }
        }
        let drawn = chart.draw_series(rects).map_err(draw_err)?;
        if let Some(label) = &series.label {
            legend = true;
            drawn.label(label).legend(move |(x, y)| {
                Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
            });
        }
    }
    if legend {
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    }
    Ok(())
}

/// The series' legend, in the chart's own style.
pub(super) fn draw_legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Result<(), ChartError>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(position)
        .label_font(("zhuqi", 16))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(draw_err)
}
