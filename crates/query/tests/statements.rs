//! Statements executed on a small hand-made graph whose answers can be read off its drawing,
//! and every `help` example on the seed graph.
//!
//! ```text
//!   a ─member_of→ net ←member_of─ b ─partner_in (2012)→ proj ←partner_in (2016)─ c
//!   a ─located_in→ italy            c ─located_in→ italy (2016)
//! ```

use clustergraph_core::{Attrs, Edge, KnowledgeGraph, Node, NodeKind, Period, Rel};
use clustergraph_query::{parse, Cell, ExecError, Session, Table};

fn node(id: &str, kind: NodeKind) -> Node {
    Node {
        id: id.into(),
        kind,
        name: id.to_uppercase().into(),
        aliases: vec![],
        attrs: Attrs::new(),
        provenance: vec![],
    }
}

fn edge(rel: &str, date: Option<&str>) -> Edge {
    let mut e = Edge::plain(Rel::parse(rel).unwrap());
    e.set_date(date.map(|d| Period::parse(d).unwrap()));
    e
}

fn graph() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let a = g.add_node(node("a", NodeKind::Cluster)).unwrap();
    let b = g.add_node(node("b", NodeKind::Cluster)).unwrap();
    let c = g.add_node(node("c", NodeKind::Cluster)).unwrap();
    let net = g.add_node(node("net", NodeKind::Network)).unwrap();
    let proj = g.add_node(node("proj", NodeKind::Project)).unwrap();
    let italy = g.add_node(node("italy", NodeKind::Country)).unwrap();
    g.add_edge(a, net, edge("member_of", None));
    g.add_edge(b, net, edge("member_of", None));
    g.add_edge(b, proj, edge("partner_in", Some("2012")));
    g.add_edge(c, proj, edge("partner_in", Some("2016")));
    g.add_edge(a, italy, edge("located_in", None));
    g.add_edge(c, italy, edge("located_in", Some("2016")));
    g
}

fn run(text: &str) -> Table {
    let mut s = Session::new(graph());
    let qs = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let mut last = None;
    for q in &qs {
        last = Some(
            s.execute(q)
                .unwrap_or_else(|e| panic!("{text}: {e}"))
                .into_table(),
        );
    }
    last.unwrap()
}

fn ids(t: &Table, col: &str) -> Vec<String> {
    let i = t.column(col).unwrap();
    t.rows()
        .iter()
        .map(|r| match &r[i] {
            Cell::Node(n) => n.id.to_string(),
            Cell::Text(s) => s.clone(),
            Cell::Int(x) => x.to_string(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn neighbours_by_depth_direction_relation_and_kind() {
    assert_eq!(ids(&run("neighbours a"), "node"), ["italy", "net"]);
    assert_eq!(
        ids(&run("neighbours a depth 2"), "node"),
        ["italy", "net", "b", "c"]
    );
    assert_eq!(
        ids(&run("neighbours a depth 2"), "distance"),
        ["1", "1", "2", "2"]
    );
    assert_eq!(
        ids(&run("neighbours net dir out"), "node"),
        Vec::<String>::new()
    );
    assert_eq!(ids(&run("neighbours net dir in"), "node"), ["a", "b"]);
    assert_eq!(
        ids(
            &run("neighbours a depth 3 rel member_of,partner_in"),
            "node"
        ),
        ["net", "b", "proj"]
    );
    assert_eq!(
        ids(&run("neighbours a depth 3 kind cluster"), "node"),
        ["b", "c"]
    );
    assert_eq!(
        ids(&run("neighbours b"), "edge"),
        ["-member_of->", "-partner_in->"]
    );
}

#[test]
fn time_filters_drop_dated_edges_of_other_years_and_keep_undated_ones() {
    assert_eq!(ids(&run("neighbours proj in 2016"), "node"), ["c"]);
    assert_eq!(ids(&run("neighbours proj in 2011..2012"), "node"), ["b"]);
    assert_eq!(ids(&run("neighbours a in 1999"), "node"), ["italy", "net"]);
}

#[test]
fn path_steps_show_direction_and_respect_filters() {
    let t = run("path a to c");
    assert_eq!(ids(&t, "from"), ["a", "italy"]);
    assert_eq!(ids(&t, "edge"), ["-located_in->", "<-located_in-"]);
    assert_eq!(ids(&t, "to"), ["italy", "c"]);
    // Without the place, the way goes through the network and the project.
    let t = run("path a to c avoid country");
    assert_eq!(ids(&t, "to"), ["net", "b", "proj", "c"]);
    assert_eq!(
        ids(&t, "edge"),
        [
            "-member_of->",
            "<-member_of-",
            "-partner_in->",
            "<-partner_in-"
        ]
    );
    let t = run("path a to c via member_of");
    assert!(t.rows().is_empty());
    assert_eq!(t.message(), Some("no path from A to C"));
    let t = run("path a to c avoid country in 2013..2015");
    assert_eq!(t.message(), Some("no path from A to C in 2013..2015"));
    assert_eq!(ids(&run("path a to net directed"), "to"), ["net"]);
    assert_eq!(
        run("path net to a directed").message(),
        Some("no path from NET to A following edge directions")
    );
}

#[test]
fn paths_lists_shortest_first_ties_by_id() {
    let t = run("paths a to c");
    assert_eq!(ids(&t, "path"), ["1", "1", "2", "2", "2", "2"]);
    assert_eq!(ids(&t, "to"), ["italy", "c", "net", "b", "proj", "c"]);
    assert_eq!(ids(&run("paths a to c max 1"), "path"), ["1", "1"]);
    assert!(run("paths a to c depth 1").rows().is_empty());
}

#[test]
fn components_stats_and_find() {
    let t = run("components");
    assert_eq!(ids(&t, "size"), ["6"]);
    let t = run("components in 2013");
    assert_eq!(ids(&t, "size"), ["4", "1", "1"]);
    let t = run("stats");
    let row = |name: &str| {
        t.rows()
            .iter()
            .find(|r| r[0] == Cell::text(name))
            .map(|r| r[1].clone())
    };
    assert_eq!(row("nodes"), Some(Cell::Int(6)));
    assert_eq!(row("edges"), Some(Cell::Int(6)));
    assert_eq!(row("density"), Some(Cell::Float(6.0 * 2.0 / 30.0)));
    assert_eq!(row("diameter of the largest component"), Some(Cell::Int(3)));
    assert_eq!(ids(&run("find proj"), "node"), ["proj"]);
    assert_eq!(
        ids(&run("find a kind network"), "node"),
        Vec::<String>::new()
    );
}

#[test]
fn unknown_and_ambiguous_nodes_point_at_the_token() {
    let mut s = Session::new(graph());
    let q = &parse("show netw0rk").unwrap()[0];
    let e = s.execute(q).unwrap_err();
    assert!(matches!(&e, ExecError::UnknownNode { text, .. } if text == "netw0rk"));
    assert_eq!(e.span(), Some(5..12));
    assert_eq!(e.to_string(), "no node is called `netw0rk`");
    let q = &parse("neighbours net depht 2").unwrap()[0];
    let e = s.execute(q).unwrap_err();
    assert_eq!(
        e.help(),
        Some("`net` is the node `net`; did you mean the option `depth` instead of `depht`?")
    );
}

#[test]
fn every_help_example_runs_on_the_seed_graph() {
    let mut s = Session::new(clustergraph_core::seed_graph());
    for kind in clustergraph_query::StatementKind::ALL {
        let h = kind.spec();
        let mut qs =
            parse(h.example).unwrap_or_else(|e| panic!("help example `{}`: {e}", h.example));
        // Examples name paths from the repository's root, as a user there would type them;
        // the test resolves them there rather than change the whole process's directory.
        for q in &mut qs {
            if let clustergraph_query::Statement::Open { path, .. } = &mut q.statement {
                *path = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
            }
        }
        for q in &qs {
            s.execute(q)
                .unwrap_or_else(|e| panic!("help example `{}`: {e}", h.example));
        }
    }
}
