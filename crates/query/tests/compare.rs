//! `compare STATEMENT in T1 vs T2`, `diff in T1 vs T2` and `over Y1..Y2` on small hand-made
//! dated graphs whose answers can be read off their drawings.
//!
//! The star graph: a star around `a` in 2015, one around `b` in 2019, and one undated edge
//! (which stays at every time unless `strict`):
//!
//! ```text
//!   2015:  b ─ a ─ c      2019:  a ─ b ─ c      undated:  d ─ f
//!              │                     │
//!              d                     e
//! ```
//!
//! Betweenness (NetworkX's, normalised by (n-1)(n-2)/2 = 10 pairs on the 6 nodes): in 2015
//! `a` 0.5 (b–c, b–d, b–f, c–d, c–f go through it) and `d` 0.3 (f to a, b, c); in 2019 `b`
//! 0.3 (a–c, a–e, c–e), every other 0.
//!
//! The clique graph: in 2015 two triangles {n1,n2,n3}, {n4,n5,n6} and a 6-clique on
//! n7..n12; in 2019 a 6-clique on n1..n6 and two triangles {n7,n8,n9}, {n10,n11,n12}.
//! Louvain keeps each clique and triangle whole, so the triangles merge and the clique splits.

use clustergraph_core::{Attrs, Edge, KnowledgeGraph, Node, NodeIndex, NodeKind, Period, Rel};
use clustergraph_query::{parse, Cell, Session, Table};

fn node(id: &str) -> Node {
    Node {
        id: id.into(),
        kind: NodeKind::Organisation,
        name: id.to_uppercase().into(),
        aliases: vec![],
        attrs: Attrs::new(),
        provenance: vec![],
    }
}

fn dated(date: Option<&str>) -> Edge {
    let mut e = Edge::plain(Rel::parse("partner_in").unwrap());
    e.set_date(date.map(|d| Period::parse(d).unwrap()));
    e
}

fn build(ids: &[&str], edges: &[(&str, &str, Option<&str>)]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let ix: Vec<NodeIndex> = ids.iter().map(|id| g.add_node(node(id)).unwrap()).collect();
    let at = |id: &str| ix[ids.iter().position(|x| *x == id).unwrap()];
    for &(a, b, date) in edges {
        g.add_edge(at(a), at(b), dated(date));
    }
    g
}

fn stars() -> KnowledgeGraph {
    build(
        &["a", "b", "c", "d", "e", "f"],
        &[
            ("a", "b", Some("2015")),
            ("a", "c", Some("2015-03")),
            ("a", "d", Some("2015-11-02")),
            ("b", "a", Some("2019")),
            ("b", "c", Some("2018..2019")),
            ("b", "e", Some("2019-06")),
            ("d", "f", None),
        ],
    )
}

fn cliques() -> KnowledgeGraph {
    let ids: Vec<String> = (1..=12).map(|i| format!("n{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut edges = Vec::new();
    let mut clique = |members: &[&'static str], year: &'static str| {
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                edges.push((*a, *b, Some(year)));
            }
        }
    };
    clique(&["n1", "n2", "n3"], "2015");
    clique(&["n4", "n5", "n6"], "2015");
    clique(&["n7", "n8", "n9", "n10", "n11", "n12"], "2015");
    clique(&["n1", "n2", "n3", "n4", "n5", "n6"], "2019");
    clique(&["n7", "n8", "n9"], "2019");
    clique(&["n10", "n11", "n12"], "2019");
    build(&ids, &edges)
}

fn run(g: KnowledgeGraph, text: &str) -> Table {
    let mut s = Session::new(g);
    let q = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    s.execute(&q[0])
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .into_table()
}

/// Column `col` as text: node ids, texts, numbers (floats to 6 places), `-` for nothing.
fn col(t: &Table, col: &str) -> Vec<String> {
    let i = t
        .column(col)
        .unwrap_or_else(|| panic!("no column {col}: {:?}", t.columns()));
    t.rows()
        .iter()
        .map(|r| match &r[i] {
            Cell::Node(n) => n.id.to_string(),
            Cell::Nodes(ns) => ns
                .iter()
                .map(|n| n.id.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            Cell::Text(s) => s.clone(),
            Cell::Int(x) => x.to_string(),
            Cell::Float(x) => format!("{x:.6}"),
            Cell::Null => "-".to_string(),
            other => format!("{other:?}"),
        })
        .collect()
}

fn message(t: &Table) -> &str {
    t.message().unwrap_or_default()
}

#[test]
fn compare_centrality_orders_by_the_largest_change_and_marks_who_enters() {
    let t = run(stars(), "compare centrality betweenness in 2015 vs 2019");
    assert_eq!(col(&t, "node"), ["a", "b", "d", "c", "e", "f"]);
    assert_eq!(
        col(&t, "change"),
        [
            "-0.500000",
            "0.300000",
            "-0.300000",
            "0.000000",
            "0.000000",
            "0.000000"
        ]
    );
    assert_eq!(
        col(&t, "betweenness 2015"),
        ["0.500000", "0.000000", "0.300000", "0.000000", "0.000000", "0.000000"]
    );
    assert_eq!(
        col(&t, "status"),
        ["stays", "stays", "stays", "stays", "entering", "stays"]
    );
    // 2015: a 1, d 2, then b, c, f by id; 2019: b 1, then a, c, d, e, f by id.
    assert_eq!(col(&t, "rank 2015"), ["1", "3", "2", "4", "-", "5"]);
    assert_eq!(col(&t, "rank 2019"), ["2", "1", "4", "3", "5", "6"]);
    assert_eq!(col(&t, "rank change"), ["-1", "2", "-2", "1", "-", "-1"]);
    let m = message(&t);
    assert!(
        m.contains("largest rise B (+0.300000), largest fall A (-0.500000)"),
        "{m}"
    );
    assert!(m.contains("1 entering, 0 leaving"), "{m}");
    assert!(
        m.contains("1 of the 7 edges is undated: kept at every time"),
        "{m}"
    );
}

#[test]
fn by_rise_and_by_fall_put_one_direction_first() {
    let rise = run(
        stars(),
        "compare centrality betweenness in 2015 vs 2019 by rise",
    );
    assert_eq!(col(&rise, "node"), ["b", "c", "e", "f", "d", "a"]);
    let fall = run(
        stars(),
        "compare centrality betweenness top 2 in 2015 vs 2019 by fall",
    );
    assert_eq!(col(&fall, "node"), ["a", "d"]);
    assert!(message(&fall).contains("largest fall first, the 2 largest shown"));
}

#[test]
fn strict_drops_undated_edges_at_both_times() {
    let t = run(stars(), "compare centrality degree in 2015 vs 2019 strict");
    // d has only its 2015 edge now; f has none at either time and is not listed.
    assert_eq!(col(&t, "node"), ["a", "b", "d", "e", "c"]);
    assert_eq!(
        col(&t, "status"),
        ["stays", "stays", "leaving", "entering", "stays"]
    );
    assert_eq!(col(&t, "change"), ["-2", "2", "-1", "1", "0"]);
    assert!(message(&t).contains("dropped at every time (`strict`)"));
    let top = run(
        stars(),
        "compare centrality degree top 2 in 2015 vs 2019 strict",
    );
    assert_eq!(col(&top, "node"), ["a", "b"]);
}

#[test]
fn compare_stats_gives_both_times_and_the_change() {
    let t = run(stars(), "compare stats in 2015 vs 2019");
    let measures = col(&t, "measure");
    let row = |m: &str| {
        let i = measures.iter().position(|x| x == m).unwrap();
        [
            &col(&t, "2015")[i],
            &col(&t, "2019")[i],
            &col(&t, "change")[i],
        ]
        .map(String::clone)
    };
    assert_eq!(row("edges"), ["4", "4", "0"]);
    assert_eq!(row("nodes with an edge"), ["5", "6", "1"]);
    assert_eq!(row("components"), ["2", "2", "0"]);
    assert_eq!(row("largest component"), ["5", "4", "-1"]);
    assert_eq!(row("nodes"), ["6", "6", "0"]);
}

#[test]
fn compare_communities_finds_the_merge_the_split_and_sklearns_similarities() {
    let t = run(cliques(), "compare communities louvain in 2015 vs 2019");
    assert_eq!(col(&t, "change"), ["merged", "merged", "split", "split"]);
    assert_eq!(col(&t, "community 2015"), ["2", "3", "1", "1"]);
    assert_eq!(col(&t, "community 2019"), ["1", "1", "2", "3"]);
    assert_eq!(col(&t, "jaccard"), ["0.500000"; 4]);
    assert_eq!(
        col(&t, "members"),
        ["n1 n2 n3", "n4 n5 n6", "n7 n8 n9", "n10 n11 n12"]
    );
    let m = message(&t);
    // scikit-learn: adjusted_rand_score = 0.37142857142857144,
    // normalized_mutual_info_score = 0.6666666666666669 on these labels.
    assert!(m.contains("adjusted Rand index 0.371429"), "{m}");
    assert!(m.contains("normalised mutual information 0.666667"), "{m}");
    assert!(
        m.contains("2 merged into 1, 1 split into 2, 0 appeared, 0 vanished"),
        "{m}"
    );
    assert!(m.contains("every edge is dated (42)"), "{m}");
}

#[test]
fn compare_communities_sees_what_appears_and_vanishes() {
    // No edge is dated 2016: every community of 2015 vanishes, every one of 2019 appears.
    let t = run(cliques(), "compare communities in 2015 vs 2019..2020");
    assert!(col(&t, "change")
        .iter()
        .all(|c| c != "vanished" && c != "appeared"));
    let t = run(cliques(), "compare communities in 2015 vs 2016");
    assert_eq!(col(&t, "change"), ["vanished", "vanished", "vanished"]);
    let t = run(cliques(), "compare communities in 2016 vs 2019");
    assert_eq!(col(&t, "change"), ["appeared", "appeared", "appeared"]);
    assert_eq!(col(&t, "size 2019"), ["6", "3", "3"]);
}

#[test]
fn compare_neighbours_lists_who_was_gained_and_lost() {
    let t = run(stars(), "compare neighbours a in 2015 vs 2019");
    assert_eq!(col(&t, "change"), ["lost", "lost"]);
    assert_eq!(col(&t, "node"), ["c", "d"]);
    let t = run(stars(), "compare neighbours a depth 2 in 2015 vs 2019");
    assert_eq!(col(&t, "change"), ["gained", "lost", "lost"]);
    assert_eq!(col(&t, "node"), ["e", "d", "f"]);
    assert_eq!(col(&t, "distance 2019"), ["2", "-", "-"]);
    assert_eq!(col(&t, "distance 2015"), ["-", "1", "2"]);
    assert!(message(&t).contains("1 gained, 2 lost, 2 reached at both times"));
}

#[test]
fn diff_in_lists_what_holds_at_one_time_only() {
    let t = run(stars(), "diff in 2015 vs 2019");
    assert_eq!(
        col(&t, "change"),
        [
            "only in 2019",
            "only in 2015",
            "only in 2015",
            "only in 2015",
            "only in 2019",
            "only in 2019",
            "only in 2019"
        ]
    );
    assert_eq!(
        col(&t, "item"),
        ["node", "edge", "edge", "edge", "edge", "edge", "edge"]
    );
    assert_eq!(col(&t, "node"), ["e", "a", "a", "a", "b", "b", "b"]);
    assert_eq!(col(&t, "to"), ["-", "b", "c", "d", "a", "c", "e"]);
    assert_eq!(
        col(&t, "date"),
        [
            "-",
            "2015",
            "2015-03",
            "2015-11-02",
            "2019",
            "2018..2019",
            "2019-06"
        ]
    );
    let strict = run(stars(), "diff in 2015 vs 2019 strict");
    assert_eq!(col(&strict, "node")[..2], ["d", "e"]);
    assert_eq!(
        col(&strict, "change")[..2],
        ["only in 2015", "only in 2019"]
    );
    // A year meets each of its months: only the edge of November is not in March.
    let t = run(stars(), "diff in 2015 vs 2015-03");
    assert_eq!(col(&t, "to"), ["d"]);
    assert_eq!(col(&t, "change"), ["only in 2015"]);
}

#[test]
fn over_gives_one_row_per_step() {
    let t = run(stars(), "over 2014..2019 centrality degree a");
    assert_eq!(
        col(&t, "years"),
        ["2014", "2015", "2016", "2017", "2018", "2019"]
    );
    assert_eq!(col(&t, "degree"), ["0", "3", "0", "0", "0", "1"]);
    assert_eq!(
        col(&t, "has an edge"),
        ["no", "yes", "no", "no", "no", "yes"]
    );
    assert_eq!(col(&t, "rank"), ["-", "1", "-", "-", "-", "2"]);
    let t = run(stars(), "over 2014..2019 step 2 stats");
    assert_eq!(col(&t, "years"), ["2014..2015", "2016..2017", "2018..2019"]);
    assert_eq!(col(&t, "edges"), ["4", "1", "4"]);
    assert_eq!(col(&t, "nodes with an edge"), ["5", "2", "6"]);
    let t = run(stars(), "over 2014..2019 strict step 4 stats");
    assert_eq!(col(&t, "years"), ["2014..2017", "2018..2019"]);
    assert_eq!(col(&t, "edges"), ["3", "3"]);
}

#[test]
fn draw_over_writes_the_series_as_a_line_chart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("degree.svg");
    let t = run(
        stars(),
        &format!(
            "draw over 2014..2019 centrality degree a \"{}\"",
            path.display()
        ),
    );
    assert!(
        message(&t).starts_with("drew degree of 6 steps"),
        "{}",
        message(&t)
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    assert!(svg.contains("degree of A, over 2014..2019"));
    // One dot per step: a node without an edge has degree 0.
    assert_eq!(svg.matches("<circle").count(), 6);
    let path = dir.path().join("stats.svg");
    run(
        stars(),
        &format!("draw over 2014..2019 step 2 stats \"{}\"", path.display()),
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    // Five counts at three steps.
    assert_eq!(svg.matches("<circle").count(), 15);
    for step in ["2014..2015", "2016..2017", "2018..2019"] {
        assert!(svg.contains(step), "{step}");
    }
}

#[test]
fn help_shows_compare_over_and_both_forms_of_diff() {
    for (topic, syntax, example) in [
        (
            "compare",
            "compare STATEMENT in T1 vs T2 [strict] [by change|rise|fall] [limit N]",
            "compare stats in 2015 vs 2019",
        ),
        (
            "over",
            "over Y1..Y2 [strict] [step S] STATEMENT [limit N]",
            "over 2010..2016 step 2 stats",
        ),
    ] {
        let t = run(stars(), &format!("help {topic}"));
        let text = col(&t, "text");
        assert_eq!(text[0], syntax);
        assert_eq!(text.last().unwrap(), example);
        // The example runs, here on the seed graph as help's examples do.
        let mut s = Session::seed();
        let q = parse(example).unwrap();
        assert!(!s.execute(&q[0]).unwrap().table().rows().is_empty());
    }
    let t = run(stars(), "help diff");
    let text = col(&t, "text").join("\n");
    assert!(text.contains("diff PATH [PATH]") && text.contains("`diff in T1 vs T2 [strict]`"));
}
