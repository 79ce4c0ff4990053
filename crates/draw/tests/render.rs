//! Drawings of the seed graph's neighbourhoods and paths, rendered to pixels with resvg: the
//! picture is not blank, every node's name is in the SVG's text, and no two boxes of the
//! layout (a node with its label, an edge's label) overlap.
//!
//! With `CLUSTERGRAPH_PICTURES=DIR` the PNGs are also written to DIR, to be looked at.

use std::collections::BTreeSet;

use clustergraph_core::{Direction, EdgeIndex, KnowledgeGraph, NodeIndex};
use clustergraph_draw::{svg, Arrangement, Drawing, Picture, Subject};
use resvg::{tiny_skia, usvg};

/// The nodes within `depth` hops of `start` (either direction), in order reached, and the
/// edges among them.
/// The nodes at the other end of each edge of `u`, leaving then entering.
fn neighbours(g: &KnowledgeGraph, u: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
    let out = g.edges_of(u, Direction::Outgoing);
    out.chain(g.edges_of(u, Direction::Incoming))
        .map(|(_, v)| v)
}

fn neighbourhood(
    g: &KnowledgeGraph,
    start: NodeIndex,
    depth: usize,
) -> (Vec<NodeIndex>, Vec<EdgeIndex>) {
    let mut nodes = vec![start];
    let mut seen = BTreeSet::from([start]);
    let mut frontier = vec![start];
    for _ in 0..depth {
        let mut next = Vec::new();
        for &u in &frontier {
            for v in neighbours(g, u) {
                if seen.insert(v) {
                    nodes.push(v);
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    let edges = g
        .edge_indices()
        .filter(|&e| {
            let (a, b) = g.endpoints(e);
            seen.contains(&a) && seen.contains(&b)
        })
        .collect();
    (nodes, edges)
}

fn render(d: &Drawing, name: &str) -> tiny_skia::Pixmap {
    let mut opt = usvg::Options {
        font_family: "DejaVu Sans".into(),
        ..usvg::Options::default()
    };
    opt.fontdb_mut()
        .load_font_data(dejavu::sans::regular().to_vec());
    let tree = usvg::Tree::from_str(&d.svg, &opt).expect("the SVG parses");
    let size = tree.size().to_int_size();
    assert_eq!(
        (size.width(), size.height()),
        (d.width as u32, d.height as u32)
    );
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).expect("a size");
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    if let Some(dir) = std::env::var_os("CLUSTERGRAPH_PICTURES") {
        let path = std::path::Path::new(&dir).join(format!("{name}.png"));
        pixmap.save_png(&path).expect("the PNG is written");
        std::fs::write(path.with_extension("svg"), &d.svg).expect("the SVG is written");
    }
    pixmap
}

/// Checks a drawing of `picture`: pixels, names, boxes.
fn check(picture: &Picture, name: &str) -> Drawing {
    let d = svg(picture);
    let pixmap = render(&d, name);
    // Not blank: a good share of the pixels are not white, and every kind's colour shows.
    let pixels = pixmap.pixels();
    let inked = pixels
        .iter()
        .filter(|p| (p.red(), p.green(), p.blue()) != (255, 255, 255))
        .count();
    assert!(
        inked * 100 > pixels.len(),
        "{name}: only {inked} of {} pixels drawn",
        pixels.len()
    );
    for kind in picture.kinds() {
        let hex = clustergraph_draw::palette::colour(kind);
        let rgb = u32::from_str_radix(&hex[1..], 16).expect("hex");
        let want = ((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8);
        assert!(
            pixels
                .iter()
                .any(|p| (p.red(), p.green(), p.blue()) == want),
            "{name}: no pixel of the colour of {kind}"
        );
    }
    // Every node's name is written, in its lines, in the SVG.
    for (n, place) in picture.nodes.iter().zip(&d.layout.nodes) {
        assert_eq!(place.lines.join(" "), n.label, "{name}");
        for line in &place.lines {
            let escaped = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(
                d.svg.contains(&format!(">{escaped}</tspan>")),
                "{name}: `{line}` not in the SVG"
            );
        }
    }
    // No two boxes overlap: node footprints (circle and label) and edge labels.
    assert_eq!(d.layout.overlaps(), vec![], "{name}: overlapping boxes");
    let labels: Vec<_> = d.layout.nodes.iter().map(|n| n.label).collect();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!a.overlaps(b), "{name}: labels {a:?} and {b:?} overlap");
        }
    }
    d
}

fn subject<'a>(
    title: String,
    nodes: &'a [NodeIndex],
    edges: &'a [EdgeIndex],
    focus: Option<NodeIndex>,
    arrangement: Arrangement,
) -> Subject<'a> {
    Subject {
        nodes,
        edges,
        arrangement,
        focus,
        title,
        subtitle: "from the seed graph".into(),
        size: None,
    }
}

#[test]
fn every_seed_neighbourhood_draws_without_overlaps() {
    let g = clustergraph_core::seed_graph();
    let mut crossings = 0;
    let mut names = 0;
    let mut edges_drawn = 0;
    for start in [
        "le2c",
        "ctl",
        "icn",
        "clusters-cord",
        "afil",
        "lombardy",
        "european-commission",
    ] {
        let Some(ix) = g.by_id(start) else {
            panic!("{start} is in the seed graph")
        };
        for depth in [1, 2] {
            let (nodes, edges) = neighbourhood(&g, ix, depth);
            let s = subject(
                format!("Neighbourhood of {start}, depth {depth}"),
                &nodes,
                &edges,
                Some(ix),
                Arrangement::Free,
            );
            let picture = Picture::of(&g, &s);
            let d = check(&picture, &format!("{start}-{depth}"));
            crossings += d.layout.crossings(&picture);
            names += d.layout.name_crossings();
            edges_drawn += picture.edges.len();
        }
    }
    println!("{crossings} edges cross a node's box, {names} cross a name, of {edges_drawn} edges");
    // Edges avoid labels where they can: few cross a node's box, or a name (their own ends'
    // names included: a hub's name has edges on every side).
    assert!(
        crossings * 10 <= edges_drawn,
        "{crossings} crossings for {edges_drawn} edges"
    );
    assert!(
        names * 4 <= edges_drawn,
        "{names} crossings of names for {edges_drawn} edges"
    );
}

#[test]
fn a_path_goes_left_to_right_in_order() {
    let g = clustergraph_core::seed_graph();
    let ids = ["le2c", "ctl", "icn", "ecotech-quebec"];
    let nodes: Vec<NodeIndex> = ids.iter().filter_map(|id| g.by_id(id)).collect();
    assert_eq!(nodes.len(), ids.len());
    let edges: Vec<EdgeIndex> = nodes
        .windows(2)
        .filter_map(|w| {
            g.edge_indices().find(|&e| {
                let (a, b) = g.endpoints(e);
                (a, b) == (w[0], w[1]) || (a, b) == (w[1], w[0])
            })
        })
        .collect();
    let s = subject("Path".into(), &nodes, &edges, None, Arrangement::Path);
    let picture = Picture::of(&g, &s);
    let d = check(&picture, "path");
    let xs: Vec<f64> = d.layout.nodes.iter().map(|n| n.centre.x).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    assert!(d.layout.nodes.iter().all(|n| n.centre.y == 0.0));
}

#[test]
fn sizes_follow_the_metric() {
    let g = clustergraph_core::seed_graph();
    let ix = g.by_id("ctl").expect("ctl");
    let (nodes, edges) = neighbourhood(&g, ix, 1);
    let scores: Vec<f64> = g
        .node_indices()
        .map(|n| neighbours(&g, n).count() as f64)
        .collect();
    let mut s = subject("Sizes".into(), &nodes, &edges, Some(ix), Arrangement::Free);
    s.size = Some(("degree", &scores));
    let picture = Picture::of(&g, &s);
    let d = check(&picture, "sizes");
    assert!(d.svg.contains("node size: degree"));
    // The centre has the highest degree here, so the largest circle.
    let r0 = d.layout.nodes[0].radius;
    assert!(d.layout.nodes.iter().all(|n| n.radius <= r0));
    assert!(d.layout.nodes.iter().any(|n| n.radius < r0));
}
