//! The standalone SVG of a picture: a title saying what was drawn and from which graph, a
//! legend of the kinds (and of sizes, when a metric sets them), the edges as curves with an
//! arrow and their type, the nodes coloured by kind with their names under them.

use svg::node::element::{
    Circle, Definitions, Group, Marker, Path, Rectangle, TSpan, Text as TextEl, Title,
};
use svg::Document;

use crate::layout::{layout, Layout, Options, EDGE_FONT, NODE_FONT};
use crate::palette::colour;
use crate::text::{self, FONT_FAMILY, LINE_HEIGHT};
use crate::Picture;

const MARGIN: f64 = 20.0;
const TITLE_FONT: f64 = 16.0;
const SUBTITLE_FONT: f64 = 12.0;
const LEGEND_FONT: f64 = 11.0;
const EDGE_COLOUR: &str = "#8a8a8a";

/// A picture laid out and written as SVG.
#[derive(Clone, Debug)]
pub struct Drawing {
    pub layout: Layout,
    pub svg: String,
    /// The drawing's size in pixels.
    pub width: f64,
    pub height: f64,
}

/// Lays out `picture` with every label, and writes it as one standalone SVG document.
pub fn svg(picture: &Picture) -> Drawing {
    let layout = layout(
        picture,
        Options {
            node_labels: true,
            edge_labels: true,
        },
    );
    let (header, header_height, header_width) = header(picture);
    let b = layout.bounds;
    let width = (b.width() + 2.0 * MARGIN)
        .max(header_width + 2.0 * MARGIN)
        .ceil();
    let height = (header_height + b.height() + MARGIN).ceil();
    // The graph below the header, centred across the width.
    let dx = (width - b.width()) / 2.0 - b.x0;
    let dy = header_height - b.y0;

    let arrow = Marker::new()
        .set("id", "arrow")
        .set("viewBox", "0 0 10 10")
        .set("refX", 9)
        .set("refY", 5)
        .set("markerWidth", 7)
        .set("markerHeight", 7)
        .set("orient", "auto-start-reverse")
        .add(
            Path::new()
                .set("d", "M0,0 L10,5 L0,10 z")
                .set("fill", EDGE_COLOUR),
        );
    let mut edges = Group::new()
        .set("class", "edges")
        .set("fill", "none")
        .set("stroke", EDGE_COLOUR)
        .set("stroke-width", 1.2);
    let mut edge_labels = Group::new()
        .set("class", "edge-labels")
        .set("font-size", EDGE_FONT)
        .set("fill", "#555")
        .set("text-anchor", "middle")
        .set("stroke", "white")
        .set("stroke-width", 3)
        .set("stroke-linejoin", "round")
        .set("paint-order", "stroke");
    for (e, place) in picture.edges.iter().zip(&layout.edges) {
        let d = format!(
            "M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}",
            place.start.x + dx,
            place.start.y + dy,
            place.control.x + dx,
            place.control.y + dy,
            place.end.x + dx,
            place.end.y + dy
        );
        edges = edges.add(
            Path::new()
                .set("d", d)
                .set("marker-end", "url(#arrow)")
                .add(Title::new(format!(
                    "{} -{}-> {}",
                    picture.nodes[e.from].label, e.label, picture.nodes[e.to].label
                ))),
        );
        if let Some(r) = place.label {
            let c = r.centre();
            edge_labels = edge_labels.add(
                TextEl::new(e.label.as_str())
                    .set("x", round(c.x + dx))
                    .set("y", round(c.y + dy + EDGE_FONT * 0.35)),
            );
        }
    }
    // Names are written with a white halo, so that an edge passing under one does not blur
    // it.
    let mut nodes = Group::new()
        .set("class", "nodes")
        .set("font-size", NODE_FONT)
        .set("text-anchor", "middle")
        .set("fill", "#222")
        .set("stroke-linejoin", "round")
        .set("paint-order", "stroke");
    for (n, place) in picture.nodes.iter().zip(&layout.nodes) {
        let (cx, cy) = (place.centre.x + dx, place.centre.y + dy);
        let mut g = Group::new()
            .set("class", "node")
            .set("data-id", n.id.as_str())
            .add(Title::new(format!("{} ({})", n.label, n.kind)))
            .add(
                Circle::new()
                    .set("cx", round(cx))
                    .set("cy", round(cy))
                    .set("r", round(place.radius))
                    .set("fill", colour(n.kind))
                    .set("stroke", if n.focus { "#222" } else { "white" })
                    .set("stroke-width", if n.focus { 2.5 } else { 1.5 }),
            );
        let lx = place.label.centre().x + dx;
        let mut label = TextEl::new("")
            .set("stroke", "white")
            .set("stroke-width", 3)
            .set("x", round(lx))
            .set("y", round(place.label.y0 + dy));
        for (i, line) in place.lines.iter().enumerate() {
            let baseline = place.label.y0 + dy + (i as f64 + 0.78) * NODE_FONT * LINE_HEIGHT;
            label = label.add(
                TSpan::new(line.as_str())
                    .set("x", round(lx))
                    .set("y", round(baseline)),
            );
        }
        if n.focus {
            label = label.set("font-weight", "bold");
        }
        g = g.add(label);
        nodes = nodes.add(g);
    }
    let doc = Document::new()
        .set("width", width)
        .set("height", height)
        .set("viewBox", (0, 0, width, height))
        .set("font-family", FONT_FAMILY)
        .add(Title::new(picture.title.as_str()))
        .add(Definitions::new().add(arrow))
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "white"),
        )
        .add(header)
        .add(edges)
        .add(edge_labels)
        .add(nodes);
    Drawing {
        layout,
        svg: format!("{doc}\n"),
        width,
        height,
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A drawing's title and subtitle (a picture's, a chart's), with the subtitle's baseline
/// and the width they take.
pub(crate) fn titles(title: &str, subtitle: &str) -> (Group, f64, f64) {
    let mut y = MARGIN + TITLE_FONT;
    let mut g = Group::new().set("class", "header").add(
        TextEl::new(title)
            .set("x", MARGIN)
            .set("y", y)
            .set("font-size", TITLE_FONT)
            .set("font-weight", "bold")
            .set("fill", "#222"),
    );
    let width = text::width(title, TITLE_FONT) * 1.1;
    y += SUBTITLE_FONT * 1.6;
    g = g.add(
        TextEl::new(subtitle)
            .set("x", MARGIN)
            .set("y", y)
            .set("font-size", SUBTITLE_FONT)
            .set("fill", "#666"),
    );
    (g, y, width.max(text::width(subtitle, SUBTITLE_FONT)))
}

/// The title, the subtitle and the legend, with the height and width they take.
fn header(picture: &Picture) -> (Group, f64, f64) {
    let (mut g, mut y, mut width) = titles(&picture.title, &picture.subtitle);
    // The legend: one swatch and name per kind drawn, on one line.
    y += LEGEND_FONT * 2.0;
    let mut x = MARGIN;
    let mut legend = Group::new()
        .set("class", "legend")
        .set("font-size", LEGEND_FONT)
        .set("fill", "#444");
    for kind in picture.kinds() {
        legend = legend
            .add(
                Circle::new()
                    .set("cx", x + 5.0)
                    .set("cy", y - LEGEND_FONT * 0.35)
                    .set("r", 5)
                    .set("fill", colour(kind)),
            )
            .add(TextEl::new(kind.as_str()).set("x", x + 14.0).set("y", y));
        x += 14.0 + text::width(kind.as_str(), LEGEND_FONT) + 14.0;
    }
    if let Some(metric) = &picture.size_metric {
        let what = format!("node size: {metric} (larger is higher)");
        legend = legend
            .add(
                Circle::new()
                    .set("cx", x + 4.0)
                    .set("cy", y - LEGEND_FONT * 0.35)
                    .set("r", 3)
                    .set("fill", "#999"),
            )
            .add(
                Circle::new()
                    .set("cx", x + 18.0)
                    .set("cy", y - LEGEND_FONT * 0.35)
                    .set("r", 7)
                    .set("fill", "#999"),
            )
            .add(TextEl::new(what.as_str()).set("x", x + 30.0).set("y", y));
        x += 30.0 + text::width(&what, LEGEND_FONT);
    }
    let arrow_note = "edges point from subject to object";
    legend = legend.add(
        TextEl::new(arrow_note)
            .set("x", x + 6.0)
            .set("y", y)
            .set("fill", "#888"),
    );
    x += 6.0 + text::width(arrow_note, LEGEND_FONT);
    width = width.max(x - MARGIN);
    g = g.add(legend);
    (g, y + LEGEND_FONT + 14.0, width)
}
