//! `draw` and `export html` through the session: the files they write, and what they refuse.

use clustergraph_core::{Attrs, Edge, KnowledgeGraph, Node, NodeKind, Rel};
use clustergraph_query::{parse, ExecError, Session};
use resvg::{tiny_skia, usvg};

fn run(s: &mut Session, text: &str) -> Result<String, ExecError> {
    let q = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    s.execute(&q[0])
        .map(|o| o.table().message().unwrap_or("").to_string())
}

fn seed() -> Session {
    Session::seed()
}

/// A star of `leaves` clusters around one network, and a city on its own.
fn star(leaves: usize) -> Session {
    let mut g = KnowledgeGraph::new();
    let node = |id: String, kind| Node {
        name: id.to_uppercase().into(),
        id: id.into(),
        kind,
        aliases: vec![],
        attrs: Attrs::new(),
        provenance: vec![],
    };
    let hub = g.add_node(node("hub".into(), NodeKind::Network)).unwrap();
    g.add_node(node("lone".into(), NodeKind::City)).unwrap();
    for i in 0..leaves {
        let leaf = g
            .add_node(node(format!("c{i}"), NodeKind::Cluster))
            .unwrap();
        g.add_edge(leaf, hub, Edge::plain(Rel::parse("member_of").unwrap()));
    }
    Session::new(g)
}

#[test]
fn draw_writes_a_picture_with_a_title_and_every_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("le2c.svg");
    let mut s = seed();
    let msg = run(
        &mut s,
        &format!("draw LE2C depth 1 size degree \"{}\"", file.display()),
    )
    .unwrap();
    // LE2C and its six neighbours, by seven edges (two to Cluster Tecnologici Lombardi).
    assert!(msg.starts_with("drew 7 nodes and 7 edges"), "{msg}");
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(svg.contains("Neighbourhood of Lombardy Energy Cleantech Cluster, depth 1"));
    assert!(svg.contains(&format!("from {}", clustergraph_query::exec::SEED_NAME)));
    assert!(svg.contains("node size: degree"));
    for name in ["Green Days", "Cleantech"] {
        assert!(svg.contains(name), "{name}");
    }
    // It renders: not blank.
    let mut opt = usvg::Options::default();
    opt.fontdb_mut()
        .load_font_data(dejavu::sans::regular().to_vec());
    let tree = usvg::Tree::from_str(&svg, &opt).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| (p.red(), p.green(), p.blue()) != (255, 255, 255))
        .count();
    assert!(inked * 100 > pixmap.pixels().len());
}

#[test]
fn a_drawn_path_is_in_order_and_no_path_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("path.svg");
    let mut s = seed();
    let msg = run(
        &mut s,
        &format!(
            "draw path LE2C to \"Ecotech Quebec\" \"{}\"",
            file.display()
        ),
    )
    .unwrap();
    assert!(msg.starts_with("drew 4 nodes and 3 edges"), "{msg}");
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(svg.contains("Path from Lombardy Energy Cleantech Cluster to Ecotech Québec"));
    // Left to right: each name's first line appears further right than the one before.
    let x_of = |name: &str| {
        let at = svg.find(&format!(">{name}</tspan>")).unwrap();
        let tag = &svg[svg[..at].rfind("<tspan").unwrap()..at];
        let x = tag.split("x=\"").nth(1).unwrap();
        x[..x.find('"').unwrap()].parse::<f64>().unwrap()
    };
    assert!(x_of("Lombardy Energy") < x_of("Denis Leclerc"));
    assert!(x_of("Denis Leclerc") < x_of("Ecotech Québec"));

    let none = dir.path().join("none.svg");
    let e = run(
        &mut star(3),
        &format!("draw path hub to lone \"{}\"", none.display()),
    )
    .unwrap_err();
    assert!(matches!(e, ExecError::Refused { .. }));
    assert!(e.to_string().contains("no path from"), "{e}");
    assert!(!none.exists());
}

#[test]
fn too_large_a_neighbourhood_is_refused_with_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hub.svg");
    let mut s = star(400);
    let e = run(&mut s, &format!("draw hub \"{}\"", file.display())).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the neighbourhood of HUB at depth 1 holds 401 nodes; a drawing holds at most 300"
    );
    let help = e.help().unwrap();
    for word in ["`depth`", "`kind", "`rel"] {
        assert!(help.contains(word), "{help}");
    }
    assert!(!file.exists());
    // Narrowed by kind, it is drawn.
    let e = run(
        &mut s,
        &format!("draw hub kind network \"{}\"", file.display()),
    );
    assert!(e.is_ok(), "{e:?}");
    assert!(file.exists());
}

#[test]
fn the_explorer_is_written_and_refused_above_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("seed.html");
    let mut s = seed();
    let msg = run(&mut s, &format!("export html \"{}\"", page.display())).unwrap();
    let nodes = clustergraph_core::seed_graph().node_count();
    assert!(
        msg.starts_with(&format!("wrote the explorer of {nodes} nodes")),
        "{msg}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<canvas") && html.contains("\"le2c\""));
    let around = dir.path().join("ctl.html");
    let msg = run(
        &mut s,
        &format!("export html \"{}\" around CTL depth 1", around.display()),
    )
    .unwrap();
    assert!(msg.starts_with("wrote the explorer of 20 nodes"), "{msg}");

    // The hub, the lone city and 4999 leaves: one node over the explorer's limit.
    let mut big = star(4999);
    let file = dir.path().join("big.html");
    let e = run(&mut big, &format!("export html \"{}\"", file.display())).unwrap_err();
    assert!(e.to_string().contains("the graph has 5001 nodes"), "{e}");
    assert!(e.help().unwrap().contains("around NODE"));
    assert!(!file.exists());
}

#[test]
fn a_file_that_cannot_be_written_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("missing").join("x.svg");
    let mut s = seed();
    let e = run(&mut s, &format!("draw LE2C \"{}\"", file.display())).unwrap_err();
    assert!(matches!(e, ExecError::Write { .. }), "{e:?}");
    assert!(e.to_string().starts_with("cannot write `"), "{e}");
}
