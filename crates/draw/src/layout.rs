//! Where everything goes: nodes, their labels, edges and their labels.
//!
//! A neighbourhood is laid out by a force simulation (`fjadra`, a port of d3-force): links
//! pull neighbours together, every node repels every other, and collisions keep them apart;
//! each edge's label is a particle of its own tied to both ends, so labels are spread like
//! nodes. The simulation leaves boxes close but not always apart, so a second pass
//! ([`separate`]) pushes overlapping boxes apart until none overlaps. What is guaranteed is
//! checked by [`Layout::overlaps`]: no two boxes (a node with its label, an edge's label)
//! overlap. Edges are quadratic curves through their label; an edge whose curve crosses
//! another node's box is given another bend where one crosses fewer.
//!
//! A path is laid out on a line, left to right in its order, each step's label between its
//! two nodes.

use fjadra::{Collide, Link, ManyBody, Node as Particle, SimulationBuilder};

use crate::geom::{curve_hits, quad_at, Point, Rect};
use crate::text::{self, LINE_HEIGHT};
use crate::{Arrangement, Picture};

/// Font size of node labels, in pixels.
pub const NODE_FONT: f64 = 12.0;
/// Font size of edge labels.
pub const EDGE_FONT: f64 = 10.0;
/// Widest a node label's line may be before it wraps.
const WRAP: f64 = 130.0;
/// Space kept between any two boxes.
const GAP: f64 = 6.0;
/// Radius of a node without a size metric, and the range with one.
pub const RADIUS: f64 = 8.0;
const RADIUS_MIN: f64 = 5.0;
const RADIUS_MAX: f64 = 22.0;

/// What to make room for.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Room for each node's label under it.
    pub node_labels: bool,
    /// Room for each edge's label, and curves through it.
    pub edge_labels: bool,
}

/// A node placed: its centre and radius, its label's lines and their box, and the box of
/// both together.
#[derive(Clone, Debug)]
pub struct NodePlace {
    pub centre: Point,
    pub radius: f64,
    pub lines: Vec<String>,
    /// The label's box (empty, at the centre, without node labels).
    pub label: Rect,
    /// The node's circle and its label.
    pub footprint: Rect,
}

/// An edge placed: a quadratic curve from `start` to `end` (on the two circles) bent
/// towards `control`, and its label's box, centred on the curve.
#[derive(Clone, Debug)]
pub struct EdgePlace {
    pub start: Point,
    pub control: Point,
    pub end: Point,
    pub label: Option<Rect>,
}

/// Where everything goes.
#[derive(Clone, Debug)]
pub struct Layout {
    pub nodes: Vec<NodePlace>,
    pub edges: Vec<EdgePlace>,
    /// What everything covers.
    pub bounds: Rect,
}

impl Layout {
    /// Every box that must not overlap another: each node's footprint, then each edge
    /// label's box.
    pub fn boxes(&self) -> Vec<Rect> {
        self.nodes
            .iter()
            .map(|n| n.footprint)
            .chain(self.edges.iter().filter_map(|e| e.label))
            .collect()
    }

    /// The pairs of boxes (indices into [`Layout::boxes`]) that overlap: none, once laid out.
    pub fn overlaps(&self) -> Vec<(usize, usize)> {
        overlapping(&self.boxes())
    }

    /// How many (edge, node) pairs have the edge's curve through the node's name, the names
    /// of the edge's own ends included.
    pub fn name_crossings(&self) -> usize {
        self.edges
            .iter()
            .map(|e| {
                self.nodes
                    .iter()
                    .filter(|n| {
                        n.label.width() > 0.0 && curve_hits(e.start, e.control, e.end, &n.label)
                    })
                    .count()
            })
            .sum()
    }

    /// How many (edge, node) pairs have the edge's curve through the node's footprint, the
    /// edge's own ends aside.
    pub fn crossings(&self, picture: &Picture) -> usize {
        picture
            .edges
            .iter()
            .zip(&self.edges)
            .map(|(pe, e)| {
                self.nodes
                    .iter()
                    .enumerate()
                    .filter(|(i, n)| {
                        *i != pe.from
                            && *i != pe.to
                            && curve_hits(e.start, e.control, e.end, &n.footprint)
                    })
                    .count()
            })
            .sum()
    }
}

/// Lays out `picture`.
pub fn layout(picture: &Picture, options: Options) -> Layout {
    let radii = radii(picture);
    let mut shapes: Vec<Shape> = picture
        .nodes
        .iter()
        .zip(&radii)
        .map(|(n, &r)| Shape::new(&n.label, r, options.node_labels))
        .collect();
    let edge_sizes: Vec<Option<(f64, f64)>> = picture
        .edges
        .iter()
        .map(|e| {
            options.edge_labels.then(|| {
                (
                    text::width(&e.label, EDGE_FONT) + 6.0,
                    EDGE_FONT * LINE_HEIGHT + 2.0,
                )
            })
        })
        .collect();
    let (centres, mids) = match picture.arrangement {
        Arrangement::Path => on_a_line(picture, &shapes, &edge_sizes),
        Arrangement::Free => by_forces(picture, &mut shapes, &edge_sizes),
    };
    let nodes: Vec<NodePlace> = shapes
        .iter()
        .zip(&centres)
        .map(|(s, &c)| s.place(c))
        .collect();
    let mut edges: Vec<EdgePlace> = picture
        .edges
        .iter()
        .zip(&mids)
        .zip(&edge_sizes)
        .map(|((e, &m), size)| {
            curve(
                &nodes[e.from],
                &nodes[e.to],
                m,
                size.map(|(w, h)| Rect::centred(m, w, h)),
            )
        })
        .collect();
    if matches!(picture.arrangement, Arrangement::Free) && options.edge_labels {
        reroute(picture, &nodes, &mut edges);
    }
    let bounds = nodes
        .iter()
        .map(|n| n.footprint)
        .chain(edges.iter().filter_map(|e| e.label))
        .chain(edges.iter().map(|e| {
            // The curve lies within the hull of its three points.
            let pts = [e.start, e.control, e.end];
            let mid = quad_at(e.start, e.control, e.end, 0.5);
            Rect {
                x0: pts.iter().map(|p| p.x).fold(mid.x, f64::min),
                y0: pts.iter().map(|p| p.y).fold(mid.y, f64::min),
                x1: pts.iter().map(|p| p.x).fold(mid.x, f64::max),
                y1: pts.iter().map(|p| p.y).fold(mid.y, f64::max),
            }
        }))
        .reduce(|a, b| a.union(&b))
        .unwrap_or(Rect::centred(Point::new(0.0, 0.0), 0.0, 0.0));
    Layout {
        nodes,
        edges,
        bounds,
    }
}

/// Each node's radius: fixed, or by its weight (square root, so that area follows it).
fn radii(picture: &Picture) -> Vec<f64> {
    let weights: Vec<f64> = picture
        .nodes
        .iter()
        .filter_map(|n| n.weight)
        .filter(|w| w.is_finite())
        .collect();
    if weights.is_empty() {
        return vec![RADIUS; picture.nodes.len()];
    }
    let lo = weights.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = weights.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    picture
        .nodes
        .iter()
        .map(|n| match n.weight.filter(|w| w.is_finite()) {
            Some(w) => {
                let t = if hi > lo { (w - lo) / (hi - lo) } else { 0.5 };
                RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * t.sqrt()
            }
            None => RADIUS_MIN,
        })
        .collect()
}

/// Where a node's label goes, relative to the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Below,
    Above,
    Right,
    Left,
}

/// A node's size before it has a place: its radius and label, relative to its centre.
struct Shape {
    radius: f64,
    lines: Vec<String>,
    /// The label's width and height (zero without labels).
    label: (f64, f64),
    side: Side,
}

impl Shape {
    fn new(label: &str, radius: f64, with_label: bool) -> Shape {
        if !with_label {
            return Shape {
                radius,
                lines: Vec::new(),
                label: (0.0, 0.0),
                side: Side::Below,
            };
        }
        let lines = text::wrap(label, NODE_FONT, WRAP);
        let w = lines
            .iter()
            .map(|l| text::width(l, NODE_FONT))
            .fold(0.0, f64::max);
        let h = lines.len() as f64 * NODE_FONT * LINE_HEIGHT;
        Shape {
            radius,
            lines,
            label: (w + 4.0, h),
            side: Side::Below,
        }
    }

    /// The label's box for a node at `c` (empty, at `c`, without a label).
    fn label_at(&self, c: Point) -> Rect {
        self.label_on(c, self.side)
    }

    /// The label's box for a node at `c` with its label on `side`.
    fn label_on(&self, c: Point, side: Side) -> Rect {
        let (lw, lh) = self.label;
        if lh == 0.0 {
            return Rect::centred(c, 0.0, 0.0);
        }
        let r = self.radius;
        let centre = match side {
            Side::Below => Point::new(c.x, c.y + r + 2.0 + lh / 2.0),
            Side::Above => Point::new(c.x, c.y - r - 2.0 - lh / 2.0),
            Side::Right => Point::new(c.x + r + 3.0 + lw / 2.0, c.y),
            Side::Left => Point::new(c.x - r - 3.0 - lw / 2.0, c.y),
        };
        Rect::centred(centre, lw, lh)
    }

    /// The node's circle and its label together, for a node at `c`.
    fn footprint_at(&self, c: Point) -> Rect {
        Rect::centred(c, 2.0 * self.radius, 2.0 * self.radius).union(&self.label_at(c))
    }

    /// The footprint's width and height.
    fn footprint(&self) -> (f64, f64) {
        let f = self.footprint_at(Point::new(0.0, 0.0));
        (f.width(), f.height())
    }

    fn place(&self, c: Point) -> NodePlace {
        NodePlace {
            centre: c,
            radius: self.radius,
            lines: self.lines.clone(),
            label: self.label_at(c),
            footprint: self.footprint_at(c),
        }
    }
}

/// Puts each node's label on the side of it that the fewest of its edges cross: below unless
/// edges cross it there, then above, right or left. `leaving` gives, for each end of each
/// edge, the node and a point its edge heads for.
fn choose_sides(
    shapes: &mut [Shape],
    centres: &[Point],
    leaving: impl Iterator<Item = (usize, Point)>,
) {
    const SIDES: [Side; 4] = [Side::Below, Side::Above, Side::Right, Side::Left];
    let mut towards: Vec<Vec<Point>> = vec![Vec::new(); shapes.len()];
    for (u, p) in leaving {
        towards[u].push(p);
    }
    for ((s, &c), points) in shapes.iter_mut().zip(centres).zip(towards) {
        let crossed = |s: &Shape, side: Side| {
            let label = s.label_on(c, side);
            points
                .iter()
                .filter(|&&p| label.hit_by_segment(c, p))
                .count()
        };
        let best = (0..4)
            .min_by_key(|&k| (crossed(s, SIDES[k]), k))
            .unwrap_or(0);
        s.side = SIDES[best];
    }
}

/// A path: each node right of the one before it, far enough for both labels and the step's
/// label between them.
fn on_a_line(
    picture: &Picture,
    shapes: &[Shape],
    edge_sizes: &[Option<(f64, f64)>],
) -> (Vec<Point>, Vec<Point>) {
    let mut xs = vec![0.0; shapes.len()];
    // The widest label of the edges between consecutive nodes.
    let mut between = vec![0.0f64; shapes.len()];
    for (e, size) in picture.edges.iter().zip(edge_sizes) {
        let i = e.from.min(e.to);
        if e.from.abs_diff(e.to) == 1 {
            between[i] = between[i].max(size.map_or(0.0, |s| s.0));
        }
    }
    for i in 1..shapes.len() {
        let (a, b) = (&shapes[i - 1], &shapes[i]);
        // The step's label sits on the line between the two footprints, with room for
        // some line on either side of it.
        let step = (a.footprint().0 + b.footprint().0) / 2.0 + between[i - 1] + 4.0 * GAP;
        xs[i] = xs[i - 1] + step.max(a.radius + b.radius + 60.0);
    }
    let centres: Vec<Point> = xs.iter().map(|&x| Point::new(x, 0.0)).collect();
    let mids = picture
        .edges
        .iter()
        .map(|e| centres[e.from].lerp(centres[e.to], 0.5))
        .collect();
    (centres, mids)
}

/// A neighbourhood: forces, then the boxes pushed apart.
fn by_forces(
    picture: &Picture,
    shapes: &mut [Shape],
    edge_sizes: &[Option<(f64, f64)>],
) -> (Vec<Point>, Vec<Point>) {
    let n = shapes.len();
    let half: Vec<f64> = shapes
        .iter()
        .map(|s| {
            let (w, h) = s.footprint();
            (w + h) / 4.0
        })
        .collect();
    let links: Vec<(usize, usize)> = picture
        .edges
        .iter()
        .filter(|e| e.from != e.to)
        .map(|e| (e.from, e.to))
        .collect();
    let label_room = edge_sizes
        .iter()
        .flatten()
        .map(|s| s.0)
        .fold(0.0, f64::max)
        .min(90.0);
    // Phase one: the nodes alone.
    let mut degree = vec![0usize; n];
    for &(a, b) in &links {
        degree[a] += 1;
        degree[b] += 1;
    }
    // A hub's edges need room around it for their labels: the circle its neighbours sit on
    // grows with their number.
    let distance: Vec<f64> = links
        .iter()
        .map(|&(a, b)| {
            let crowd = degree[a].max(degree[b]) as f64 * (EDGE_FONT * LINE_HEIGHT + GAP) * 1.2;
            (half[a] + half[b] + 30.0 + label_room).max(crowd)
        })
        .collect();
    let collide_half = half.clone();
    // A large graph (the explorer's) cools in fewer steps of fewer iterations: its layout is
    // browsed, not printed, and must be made in seconds.
    let large = n > 500;
    let (iterations, steps) = if large { (1, 120.0) } else { (2, 300.0) };
    let mut sim = SimulationBuilder::default()
        .with_alpha_decay(1.0 - 0.001f64.powf(1.0 / steps))
        .build((0..n).map(|_| Particle::default()))
        .add_force(
            "link",
            Link::new(links.iter().copied())
                .distance(move |_: &_, i: usize| distance[i])
                .iterations(iterations),
        )
        .add_force("charge", ManyBody::new().strength(-700.0))
        .add_force(
            "collide",
            Collide::new()
                .radius(move |i| collide_half[i] + GAP)
                .iterations(iterations),
        )
        .add_force("x", fjadra::PositionX::new().strength(0.02))
        .add_force("y", fjadra::PositionY::new().strength(0.02));
    sim.step();
    let mut centres: Vec<Point> = sim.positions().map(|[x, y]| Point::new(x, y)).collect();
    let ends = picture
        .edges
        .iter()
        .filter(|e| e.from != e.to)
        .flat_map(|e| [(e.from, centres[e.to]), (e.to, centres[e.from])]);
    choose_sides(shapes, &centres, ends);

    // Each edge's label on its line, nearer the end with fewer edges (where there is more
    // room around); the labels of parallel edges side by side across the line.
    let labelled: Vec<usize> = (0..picture.edges.len())
        .filter(|&i| edge_sizes[i].is_some())
        .collect();
    let mut mids: Vec<Point> = Vec::with_capacity(picture.edges.len());
    let mut parallel: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for (i, e) in picture.edges.iter().enumerate() {
        let (a, b) = if degree[e.from] >= degree[e.to] {
            (e.from, e.to)
        } else {
            (e.to, e.from)
        };
        let k = parallel.entry((a.min(b), a.max(b))).or_insert(0);
        let (pa, pb) = (centres[a], centres[b]);
        let (dx, dy) = pa.towards(pb, (1.0, 0.0));
        let h = edge_sizes[i].map_or(0.0, |s| s.1) + GAP;
        // 0, +1, -1, +2, ... label heights across the line.
        let across = if *k % 2 == 1 {
            (*k / 2 + 1) as f64
        } else {
            -((*k / 2) as f64)
        };
        *k += 1;
        let m = pa.lerp(pb, 0.6);
        mids.push(Point::new(m.x - dy * across * h, m.y + dx * across * h));
    }
    // The boxes pushed apart: node footprints and edge labels together. Then each node's
    // label goes again on the side its edges leave by least, now that the edges' labels,
    // which the curves pass through, have their places; and the boxes are pushed apart again.
    for pass in 0..2 {
        if pass == 1 {
            let leaving = picture.edges.iter().zip(&mids).flat_map(|(e, &m)| {
                [(e.from, m), (e.to, m)]
                    .into_iter()
                    .filter(move |_| e.from != e.to)
            });
            choose_sides(shapes, &centres, leaving);
        }
        let mut boxes: Vec<Rect> = shapes
            .iter()
            .zip(&centres)
            .map(|(s, &c)| s.place(c).footprint)
            .collect();
        for &i in &labelled {
            let (w, h) = edge_sizes[i].expect("labelled");
            boxes.push(Rect::centred(mids[i], w, h));
        }
        let before = boxes.clone();
        separate(&mut boxes, GAP);
        for i in 0..n {
            let (dx, dy) = (boxes[i].x0 - before[i].x0, boxes[i].y0 - before[i].y0);
            centres[i] = Point::new(centres[i].x + dx, centres[i].y + dy);
        }
        for (k, &i) in labelled.iter().enumerate() {
            mids[i] = boxes[n + k].centre();
        }
    }
    (centres, mids)
}

/// The pairs of `boxes` whose interiors meet, found by a sweep along x.
pub fn overlapping(boxes: &[Rect]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].x0.total_cmp(&boxes[b].x0).then(a.cmp(&b)));
    let mut found = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if boxes[j].x0 >= boxes[i].x1 {
                break;
            }
            if boxes[i].overlaps(&boxes[j]) {
                found.push((i.min(j), i.max(j)));
            }
        }
    }
    found.sort_unstable();
    found
}

/// Moves `boxes` until no two overlap, each kept `gap` from the others: overlapping pairs
/// are pushed apart along the axis where they overlap least, for a bounded number of rounds;
/// whatever still overlaps then is moved right of what it overlaps, one box at a time, in
/// order of x, which always ends.
pub fn separate(boxes: &mut [Rect], gap: f64) {
    for _ in 0..400 {
        let grown: Vec<Rect> = boxes.iter().map(|b| b.grown(gap / 2.0)).collect();
        let pairs = overlapping(&grown);
        if pairs.is_empty() {
            return;
        }
        let mut shift = vec![(0.0f64, 0.0f64); boxes.len()];
        for (i, j) in pairs {
            let (a, b) = (&grown[i], &grown[j]);
            let ox = a.x1.min(b.x1) - a.x0.max(b.x0);
            let oy = a.y1.min(b.y1) - a.y0.max(b.y0);
            let (ca, cb) = (a.centre(), b.centre());
            // Ties in position are broken by index, so the result is reproducible.
            let sign = |d: f64| {
                if d > 0.0 || (d == 0.0 && i < j) {
                    1.0
                } else {
                    -1.0
                }
            };
            if ox < oy {
                let s = sign(cb.x - ca.x) * (ox / 2.0 + 0.5);
                shift[i].0 -= s;
                shift[j].0 += s;
            } else {
                let s = sign(cb.y - ca.y) * (oy / 2.0 + 0.5);
                shift[i].1 -= s;
                shift[j].1 += s;
            }
        }
        for (b, (dx, dy)) in boxes.iter_mut().zip(shift) {
            *b = b.moved(dx, dy);
        }
    }
    // The last resort: place boxes one by one in order of x, each right of whatever placed
    // box it overlaps.
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].x0.total_cmp(&boxes[b].x0).then(a.cmp(&b)));
    let mut placed: Vec<usize> = Vec::with_capacity(boxes.len());
    for i in order {
        loop {
            let me = boxes[i].grown(gap / 2.0);
            let Some(&j) = placed
                .iter()
                .find(|&&j| boxes[j].grown(gap / 2.0).overlaps(&me))
            else {
                break;
            };
            let dx = boxes[j].x1 + gap - boxes[i].x0 + 0.5;
            boxes[i] = boxes[i].moved(dx, 0.0);
        }
        placed.push(i);
    }
}

/// The curve of an edge from `a` to `b` through `m`, cut at the two circles.
fn curve(a: &NodePlace, b: &NodePlace, m: Point, label: Option<Rect>) -> EdgePlace {
    let (pa, pb) = (a.centre, b.centre);
    if pa.dist(pb) < 1e-9 {
        // A loop: out of the top of the node and back.
        let r = a.radius;
        return EdgePlace {
            start: Point::new(pa.x - r * 0.7, pa.y - r * 0.7),
            control: Point::new(pa.x, pa.y - 5.0 * r),
            end: Point::new(pa.x + r * 0.7, pa.y - r * 0.7),
            label,
        };
    }
    // The control point that makes the curve pass through m at its middle.
    let c = Point::new(
        2.0 * m.x - (pa.x + pb.x) / 2.0,
        2.0 * m.y - (pa.y + pb.y) / 2.0,
    );
    let straight = pa.towards(pb, (1.0, 0.0));
    let (ux, uy) = pa.towards(c, straight);
    let (vx, vy) = pb.towards(c, (-straight.0, -straight.1));
    EdgePlace {
        start: Point::new(pa.x + ux * a.radius, pa.y + uy * a.radius),
        control: c,
        // Room for the arrow head before the circle.
        end: Point::new(pb.x + vx * (b.radius + 1.5), pb.y + vy * (b.radius + 1.5)),
        label,
    }
}

/// Bends again the edges whose curve crosses another node's footprint, where moving their
/// label to one side or the other crosses fewer and overlaps nothing.
fn reroute(picture: &Picture, nodes: &[NodePlace], edges: &mut [EdgePlace]) {
    // Crossings of other nodes (circle or name) and of the names of the edge's own ends.
    let hits = |e: &EdgePlace, ends: (usize, usize)| {
        nodes
            .iter()
            .enumerate()
            .filter(|(i, n)| {
                let r = if *i == ends.0 || *i == ends.1 {
                    &n.label
                } else {
                    &n.footprint
                };
                r.width() > 0.0 && curve_hits(e.start, e.control, e.end, r)
            })
            .count()
    };
    for k in 0..edges.len() {
        let pe = &picture.edges[k];
        let Some(label) = edges[k].label else {
            continue;
        };
        let ends = (pe.from, pe.to);
        let now = hits(&edges[k], ends);
        if now == 0 || pe.from == pe.to {
            continue;
        }
        let (a, b) = (nodes[pe.from].centre, nodes[pe.to].centre);
        let (dx, dy) = a.towards(b, (1.0, 0.0));
        let (nx, ny) = (-dy, dx);
        let mut best: Option<(usize, f64, EdgePlace)> = None;
        for step in [1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 4.0, -4.0, 6.0, -6.0] {
            let d = step * 18.0;
            let moved = label.moved(nx * d, ny * d);
            let clear = nodes
                .iter()
                .all(|n| !n.footprint.grown(GAP / 2.0).overlaps(&moved))
                && edges.iter().enumerate().all(|(j, e)| {
                    j == k || e.label.is_none_or(|l| !l.grown(GAP / 2.0).overlaps(&moved))
                });
            if !clear {
                continue;
            }
            let candidate = curve(&nodes[pe.from], &nodes[pe.to], moved.centre(), Some(moved));
            let h = hits(&candidate, ends);
            if h < now
                && best
                    .as_ref()
                    .is_none_or(|(bh, bd, _)| h < *bh || (h == *bh && d.abs() < bd.abs()))
            {
                best = Some((h, d, candidate));
            }
        }
        if let Some((_, _, e)) = best {
            edges[k] = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separating_leaves_no_overlap() {
        // Forty boxes piled on three spots.
        let mut boxes: Vec<Rect> = (0..40)
            .map(|i| Rect::centred(Point::new((i % 3) as f64, 0.0), 30.0 + i as f64, 12.0))
            .collect();
        separate(&mut boxes, 4.0);
        assert!(overlapping(&boxes).is_empty());
        for b in &boxes {
            assert!(b.width() >= 30.0 && (b.height() - 12.0).abs() < 1e-9);
        }
    }

    #[test]
    fn overlapping_finds_each_pair_once() {
        let a = Rect::centred(Point::new(0.0, 0.0), 10.0, 10.0);
        let boxes = [a, a.moved(5.0, 5.0), a.moved(20.0, 0.0), a.moved(8.0, -8.0)];
        assert_eq!(overlapping(&boxes), vec![(0, 1), (0, 3)]);
    }
}
