//! A time series as a standalone SVG line chart, in the style of the graph drawings (title,
//! subtitle, legend, DejaVu Sans): one line per series over evenly spaced steps, a value axis
//! from 0 (or the lowest value, when negative) to a round number above the highest.
//!
//! ```
//! use clustergraph_draw::chart::{line_chart, Chart, Series};
//! let chart = Chart {
//!     title: "edges over 2012..2016".into(),
//!     subtitle: "from the seed graph".into(),
//!     steps: vec!["2012".into(), "2013".into(), "2014".into()],
//!     series: vec![Series { name: "edges".into(), values: vec![Some(3.0), None, Some(5.0)] }],
//! };
//! let svg = line_chart(&chart);
//! assert!(svg.starts_with("<svg") && svg.contains("edges over 2012..2016"));
//! ```

use svg::node::element::{Circle, Group, Line, Path, Rectangle, Text as TextEl, Title};
use svg::Document;

use crate::render::titles;
use crate::text::{self, xml_safe, FONT_FAMILY};

/// What a line chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    pub subtitle: String,
    /// The steps along the horizontal axis, in order (`2012`, `2014..2015`).
    pub steps: Vec<String>,
    /// One line each; a value per step, `None` (or a NaN) where there is none.
    pub series: Vec<Series>,
}

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

const MARGIN: f64 = 20.0;
const LEGEND_FONT: f64 = 11.0;
const AXIS_FONT: f64 = 10.0;
const PLOT_HEIGHT: f64 = 260.0;
/// The horizontal room of one step (more when the labels need it).
const STEP_WIDTH: f64 = 56.0;
/// Distinct colours for the lines, in order (Tableau 10).
const COLOURS: &[&str] = &[
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

/// The chart as one standalone SVG document.
pub fn line_chart(chart: &Chart) -> String {
    let values = || {
        chart
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
            .filter(|x| x.is_finite())
    };
    let low = values().fold(0.0f64, f64::min);
    let high = values().fold(0.0f64, f64::max);
    let (low, high, tick) = axis(low, high);
    let y_labels: Vec<String> = ticks(low, high, tick).map(number).collect();
    let y_label_width = y_labels
        .iter()
        .map(|l| text::width(l, AXIS_FONT))
        .fold(0.0, f64::max);
    let step_width = chart
        .steps
        .iter()
        .map(|s| text::width(s, AXIS_FONT) + 10.0)
        .fold(STEP_WIDTH, f64::max);
    let left = MARGIN + y_label_width + 8.0;
    let plot_width = step_width * chart.steps.len().max(1) as f64;

    // The header: title, subtitle, then the legend on one line.
    let (mut header, mut y, mut width) =
        titles(&xml_safe(&chart.title), &xml_safe(&chart.subtitle));
    y += LEGEND_FONT * 2.0;
    let mut legend = Group::new()
        .set("class", "legend")
        .set("font-size", LEGEND_FONT)
        .set("fill", "#444");
    let mut x = MARGIN;
    for (i, s) in chart.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        legend = legend
            .add(
                Line::new()
                    .set("x1", x)
                    .set("y1", y - LEGEND_FONT * 0.35)
                    .set("x2", x + 16.0)
                    .set("y2", y - LEGEND_FONT * 0.35)
                    .set("stroke", colour)
                    .set("stroke-width", 2.5),
            )
            .add(
                TextEl::new(xml_safe(&s.name))
                    .set("x", x + 22.0)
                    .set("y", y),
            );
        x += 22.0 + text::width(&s.name, LEGEND_FONT) + 16.0;
    }
    width = width.max(x - MARGIN);
    header = header.add(legend);
    let top = y + LEGEND_FONT * 1.5;
    let bottom = top + PLOT_HEIGHT;
    let width = (left + plot_width + MARGIN)
        .max(width + 2.0 * MARGIN)
        .ceil();
    let height = (bottom + AXIS_FONT * 2.5 + MARGIN).ceil();

    let to_y = |v: f64| bottom - (v - low) / (high - low) * PLOT_HEIGHT;
    let to_x = |i: usize| left + step_width * (i as f64 + 0.5);
    // The value axis: a light rule and a label per tick.
    let mut grid = Group::new()
        .set("class", "grid")
        .set("font-size", AXIS_FONT)
        .set("fill", "#555");
    for (v, label) in ticks(low, high, tick).zip(&y_labels) {
        grid = grid
            .add(
                Line::new()
                    .set("x1", left)
                    .set("y1", round(to_y(v)))
                    .set("x2", left + plot_width)
                    .set("y2", round(to_y(v)))
                    .set("stroke", if v == 0.0 { "#999" } else { "#e3e3e3" })
                    .set("stroke-width", 1),
            )
            .add(
                TextEl::new(label.as_str())
                    .set("x", left - 6.0)
                    .set("y", round(to_y(v) + AXIS_FONT * 0.35))
                    .set("text-anchor", "end"),
            );
    }
    for (i, step) in chart.steps.iter().enumerate() {
        grid = grid.add(
            TextEl::new(xml_safe(step))
                .set("x", round(to_x(i)))
                .set("y", round(bottom + AXIS_FONT * 1.6))
                .set("text-anchor", "middle"),
        );
    }
    // The lines: a segment between two steps that both have a value, a dot at each value.
    let mut lines = Group::new().set("class", "series");
    for (i, s) in chart.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let mut d = String::new();
        let mut pen_down = false;
        let mut dots = Group::new().set("fill", colour);
        for (j, v) in s.values.iter().enumerate() {
            match v.filter(|x| x.is_finite()) {
                Some(v) => {
                    let (px, py) = (round(to_x(j)), round(to_y(v)));
                    d.push_str(&format!("{}{px},{py} ", if pen_down { "L" } else { "M" }));
                    pen_down = true;
                    dots = dots.add(Circle::new().set("cx", px).set("cy", py).set("r", 3).add(
                        Title::new(format!(
                            "{}: {} in {}",
                            s.name,
                            number(v),
                            chart.steps.get(j).map_or("", String::as_str)
                        )),
                    ));
                }
                None => pen_down = false,
            }
        }
        lines = lines.add(
            Group::new()
                .set("class", "line")
                .add(
                    Path::new()
                        .set("d", d.trim_end())
                        .set("fill", "none")
                        .set("stroke", colour)
                        .set("stroke-width", 2),
                )
                .add(dots),
        );
    }
    let doc = Document::new()
        .set("width", width)
        .set("height", height)
        .set("viewBox", (0, 0, width, height))
        .set("font-family", FONT_FAMILY)
        .add(Title::new(xml_safe(&chart.title)))
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "white"),
        )
        .add(header)
        .add(grid)
        .add(lines);
    format!("{doc}\n")
}

/// The value axis for values in `low..=high` (`low` at most 0, `high` at least 0): rounded
/// out to a tick of 1, 2 or 5 times a power of ten, about five ticks in all.
fn axis(low: f64, high: f64) -> (f64, f64, f64) {
    let span = high - low;
    if span <= 0.0 {
        return (0.0, 1.0, 0.2);
    }
    let raw = span / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let tick = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|t| *t >= raw)
        .unwrap_or(10.0 * power);
    (
        (low / tick).floor() * tick,
        (high / tick).ceil() * tick,
        tick,
    )
}

/// The ticks from `low` to `high`.
fn ticks(low: f64, high: f64, tick: f64) -> impl Iterator<Item = f64> {
    let n = ((high - low) / tick).round() as usize;
    (0..=n).map(move |i| {
        let v = low + tick * i as f64;
        // -0 and rounding noise print as the round number they are.
        if v.abs() < tick * 1e-9 {
            0.0
        } else {
            v
        }
    })
}

/// A value as an axis or a tooltip shows it: integers whole, others to 6 significant digits.
fn number(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!(
            "{:.*}",
            (5 - v.abs().log10().floor() as i32).clamp(0, 12) as usize,
            v
        );
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_is_round_and_holds_every_value() {
        assert_eq!(axis(0.0, 97.0), (0.0, 100.0, 20.0));
        assert_eq!(axis(0.0, 0.042), (0.0, 0.05, 0.01));
        assert_eq!(axis(-3.0, 8.0), (-5.0, 10.0, 5.0));
        assert_eq!(axis(0.0, 0.0), (0.0, 1.0, 0.2));
        assert_eq!(
            ticks(0.0, 0.05, 0.01).map(number).collect::<Vec<_>>(),
            ["0", "0.01", "0.02", "0.03", "0.04", "0.05"]
        );
    }

    #[test]
    fn a_missing_value_breaks_the_line_and_names_are_xml_safe() {
        let chart = Chart {
            title: "degree of <A & B>".into(),
            subtitle: "s\u{1}".into(),
            steps: vec!["2010".into(), "2011".into(), "2012".into(), "2013".into()],
            series: vec![Series {
                name: "degree".into(),
                values: vec![Some(1.0), Some(2.0), None, Some(f64::NAN)],
            }],
        };
        let svg = line_chart(&chart);
        assert!(svg.contains("degree of &lt;A &amp; B&gt;"), "{svg}");
        assert!(!svg.contains('\u{1}'));
        // Two dots and one segment, from the first step to the second.
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(
            svg.matches(" L").count() + svg.matches("\"L").count(),
            1,
            "{svg}"
        );
    }
}
