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
    let out = tempfile::tempdir().expect("a temporary folder");
    for kind in clustergraph_query::StatementKind::ALL {
        let h = kind.spec();
        let mut qs =
            parse(h.example).unwrap_or_else(|e| panic!("help example `{}`: {e}", h.example));
        // Examples name paths from the repository's root, as a user there would type them;
        // the test resolves them there rather than change the whole process's directory.
        // Files the examples write (and then read) go to a temporary folder instead.
        let scratch = |name: &str| {
            std::env::temp_dir()
                .join(format!(
                    "clustergraph-example-{}-{name}",
                    std::process::id()
                ))
                .display()
                .to_string()
        };
        for q in &mut qs {
            match &mut q.statement {
                clustergraph_query::Statement::Open {
                    path: Some(path), ..
                } => {
                    *path = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
                }
                clustergraph_query::Statement::Save { path } => *path = scratch(path),
                clustergraph_query::Statement::Diff { from, to } => {
                    *from = scratch(from);
                    if let Some(to) = to {
                        *to = scratch(to);
                    }
                }
                // Files written go to a temporary folder, not the repository.
                clustergraph_query::Statement::Draw { file: path, .. }
                | clustergraph_query::Statement::Export { path, .. } => {
                    *path = out.path().join(&*path).display().to_string();
                }
                _ => {}
            }
        }
        for q in &qs {
            s.execute(q)
                .unwrap_or_else(|e| panic!("help example `{}`: {e}", h.example));
        }
    }
    let _ = std::fs::remove_file(std::env::temp_dir().join(format!(
        "clustergraph-example-{}-seeds.cgs",
        std::process::id()
    )));
}

/// The small graph with edges dated to a month and a day: `b`'s partnership runs from
/// October 2011 through 2012, `c` joined the project on 3 November 2016, and `c`'s place is
/// known to December 2016.
fn dated_graph() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let [a, b, c, proj, italy] = [
        ("a", NodeKind::Cluster),
        ("b", NodeKind::Cluster),
        ("c", NodeKind::Cluster),
        ("proj", NodeKind::Project),
        ("italy", NodeKind::Country),
    ]
    .map(|(id, kind)| g.add_node(node(id, kind)).unwrap());
    g.add_edge(a, proj, edge("partner_in", Some("2016")));
    g.add_edge(b, proj, edge("partner_in", Some("2011-10..2012")));
    g.add_edge(c, proj, edge("partner_in", Some("2016-11-03")));
    g.add_edge(c, italy, edge("located_in", Some("2016-12")));
    g.add_edge(a, italy, edge("located_in", None));
    g
}

fn run_on(g: KnowledgeGraph, text: &str) -> Table {
    let mut s = Session::new(g);
    let q = &parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))[0];
    s.execute(q)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .into_table()
}

#[test]
fn time_filters_take_months_and_days_and_a_year_meets_its_months() {
    let partners = |filter: &str| {
        ids(
            &run_on(dated_graph(), &format!("neighbours proj {filter}")),
            "node",
        )
    };
    // `a`'s 2016 may be November: a year meets each of its months and days.
    assert_eq!(partners("in 2016-11"), ["a", "c"]);
    assert_eq!(partners("in 2016-11-03"), ["a", "c"]);
    assert_eq!(partners("in 2016-11-04"), ["a"]);
    assert_eq!(partners("in 2016-10"), ["a"]);
    // A span from a month to a year runs from the month's first day to the year's last.
    assert_eq!(partners("in 2011-10..2012"), ["b"]);
    assert_eq!(partners("in 2011-09"), Vec::<String>::new());
    assert_eq!(partners("in 2012-12-31..2016-01"), ["a", "b"]);
    assert_eq!(
        ids(
            &run_on(dated_graph(), "neighbours italy in 2016-11"),
            "node"
        ),
        ["a"]
    );
    assert_eq!(
        ids(
            &run_on(dated_graph(), "neighbours italy in 2016-12"),
            "node"
        ),
        ["a", "c"]
    );
}

#[test]
fn strict_drops_undated_edges_too() {
    let g = || dated_graph();
    assert_eq!(
        ids(&run_on(g(), "neighbours italy in 2016"), "node"),
        ["a", "c"]
    );
    assert_eq!(
        ids(&run_on(g(), "neighbours italy in 2016 strict"), "node"),
        ["c"]
    );
    let stat = |text: &str, name: &str| {
        let t = run_on(g(), text);
        t.rows()
            .iter()
            .find(|r| r[0] == Cell::text(name))
            .map(|r| r[1].clone())
    };
    assert_eq!(stat("stats in 2016", "edges"), Some(Cell::Int(4)));
    assert_eq!(stat("stats in 2016 strict", "edges"), Some(Cell::Int(3)));
    // `show` says what the filter kept and left out, and the rule for undated edges.
    assert_eq!(
        run_on(g(), "show a in 2015").message(),
        Some("edges in 2015: 1 edge without a date stays (add `strict` to leave them out); 1 edge of other dates left out")
    );
    assert_eq!(
        run_on(g(), "show a in 2015 strict").message(),
        Some("edges in 2015 strict: 1 edge without a date and 1 edge of other dates left out")
    );
    assert!(run_on(g(), "show a").message().is_none());
}

#[test]
fn find_kind_without_text_lists_every_node_of_the_kind_in_id_order() {
    let t = run("find kind cluster");
    assert_eq!(ids(&t, "node"), ["a", "b", "c"]);
    assert_eq!(t.more(), 0);
    assert_eq!(
        ids(&run("find kind network,country"), "node"),
        ["italy", "net"]
    );
    assert_eq!(
        run("find kind person").message(),
        Some("no node of kind person")
    );
    // On the seed graph: every cluster, however many, cut at the default limit with a note.
    let seed = clustergraph_core::seed_graph();
    let clusters = seed
        .node_indices()
        .filter(|ix| seed.node(*ix).kind == NodeKind::Cluster)
        .count();
    let mut s = Session::new(seed);
    let mut find = |text: &str| s.execute(&parse(text).unwrap()[0]).unwrap().into_table();
    let all = find(&format!("find kind cluster limit {clusters}"));
    assert_eq!((all.rows().len(), all.more()), (clusters, 0));
    let organisations = find("find kind organisation");
    assert_eq!(
        organisations.rows().len(),
        clustergraph_query::exec::DEFAULT_FIND_LIMIT
    );
    let total = organisations.rows().len() + organisations.more();
    assert!(
        organisations.more() > 0,
        "the seed graph has over 20 organisations"
    );
    assert_eq!(
        organisations.more_note(),
        Some(format!(
            "… {} more rows (limit {total} to see them)",
            organisations.more()
        ))
    );
    assert_eq!(
        find(&format!("find kind organisation limit {total}")).more(),
        0
    );
}

#[test]
fn every_statement_that_returns_rows_takes_a_limit() {
    for (text, rows, more) in [
        ("neighbours a depth 2 limit 3", 3, 1),
        ("paths a to c limit 2", 2, 4),
        ("path a to c limit 1", 1, 1),
        ("centrality degree limit 2", 2, 4),
        ("stats limit 1", 1, run("stats").rows().len() - 1),
        ("show a limit 2", 2, run("show a").rows().len() - 2),
        ("components in 2013 limit 1", 1, 2),
        ("find a limit 1", 1, run("find a").rows().len() - 1),
    ] {
        let t = run(text);
        assert_eq!((t.rows().len(), t.more()), (rows, more), "{text}");
    }
    // A limit above the rows cuts nothing.
    assert_eq!(run("centrality degree limit 100").more(), 0);
}

#[test]
fn a_misspelt_option_is_suggested_from_the_statement_s_own_options() {
    let mut s = Session::new(clustergraph_core::seed_graph());
    let mut help = |text: &str| {
        let e = s.execute(&parse(text).unwrap()[0]).unwrap_err();
        e.help().map(str::to_string)
    };
    assert_eq!(
        help("neighbours CEBR direction out").as_deref(),
        Some("`CEBR` is the node `cebr`; did you mean the option `dir` instead of `direction`?")
    );
    assert_eq!(
        help("path CEBR to LE2C direted").as_deref(),
        Some("`LE2C` is the node `le2c`; did you mean the option `directed` instead of `direted`?")
    );
}

#[test]
fn named_keeps_the_rows_whose_node_has_the_text_in_a_name() {
    let all = run_on(
        clustergraph_core::seed_graph(),
        "neighbours ctl depth 2 kind cluster",
    );
    let named = run_on(
        clustergraph_core::seed_graph(),
        "neighbours ctl depth 2 kind cluster named lombard",
    );
    let names = |t: &Table| -> Vec<String> {
        let col = t.columns().iter().position(|c| c == "node").unwrap();
        t.rows()
            .iter()
            .map(|r| match &r[col] {
                clustergraph_query::Cell::Node(n) => n.name.to_string(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let (all, kept) = (names(&all), names(&named));
    // Folded as names are matched: "Lombarda", "Lombardy" and "LOMBARDIA" all contain it.
    let expected: Vec<String> = all
        .iter()
        .filter(|n| clustergraph_core::names::fold(n).contains("lombard"))
        .cloned()
        .collect();
    assert!(!kept.is_empty() && kept.len() < all.len(), "{all:?}");
    assert_eq!(kept, expected);
    assert!(named.message().unwrap().ends_with("named `lombard`"));
}
