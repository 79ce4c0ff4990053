//! Pattern queries on small graphs whose answers can be read off their drawing, and a
//! property test against a brute-force matcher.
//!
//! ```text
//!   a ─member_of→ net ←member_of─ b ─partner_in (2012)→ proj ←partner_in (2016)─ c
//!   a ─located_in→ italy            c ─located_in→ italy (2016)     c ─leads→ proj
//! ```
//! `a` was founded in 2006 (an integer attribute), `b` in 2010; `c` has none.

use clustergraph_core::{Attrs, Edge, KnowledgeGraph, Node, NodeKind, Period, Rel, Value as Attr};
use proptest::prelude::*;

use crate::table::{Cell, Table};
use crate::time::TimeFilter;
use crate::{parse, ExecError, Session};

fn node(id: &str, kind: NodeKind, founded: Option<i64>) -> Node {
    let mut attrs = Attrs::new();
    if let Some(y) = founded {
        attrs.insert("founded".into(), Attr::Int(y));
    }
    Node {
        id: id.into(),
        kind,
        name: id.to_uppercase().into(),
        aliases: vec![],
        attrs,
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
    let a = g
        .add_node(node("a", NodeKind::Cluster, Some(2006)))
        .unwrap();
    let b = g
        .add_node(node("b", NodeKind::Cluster, Some(2010)))
        .unwrap();
    let c = g.add_node(node("c", NodeKind::Cluster, None)).unwrap();
    let net = g.add_node(node("net", NodeKind::Network, None)).unwrap();
    let proj = g.add_node(node("proj", NodeKind::Project, None)).unwrap();
    let italy = g.add_node(node("italy", NodeKind::Country, None)).unwrap();
    g.add_edge(a, net, edge("member_of", None));
    g.add_edge(b, net, edge("member_of", None));
    g.add_edge(b, proj, edge("partner_in", Some("2012")));
    g.add_edge(c, proj, edge("partner_in", Some("2016")));
    g.add_edge(a, italy, edge("located_in", None));
    g.add_edge(c, italy, edge("located_in", Some("2016")));
    g.add_edge(c, proj, edge("leads", None));
    g
}

fn session() -> Session {
    Session::new(graph())
}

fn try_run(s: &mut Session, text: &str) -> Result<Table, ExecError> {
    let qs = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let mut last = None;
    for q in &qs {
        last = Some(s.execute(q)?.into_table());
    }
    Ok(last.expect("one statement"))
}

/// The rows as text, one string a row, cells joined by ` | `.
fn rows(text: &str) -> Vec<String> {
    let t = try_run(&mut session(), text).unwrap_or_else(|e| panic!("{text}: {e}"));
    t.rows()
        .iter()
        .map(|r| r.iter().map(show).collect::<Vec<_>>().join(" | "))
        .collect()
}

fn sorted(text: &str) -> Vec<String> {
    let mut r = rows(text);
    r.sort();
    r
}

fn show(c: &Cell) -> String {
    match c {
        Cell::Node(n) => n.id.to_string(),
        Cell::Edge(e) => format!("{}-{}->{}", e.from.id, e.rel, e.to.id),
        Cell::List(l) => format!("[{}]", l.iter().map(show).collect::<Vec<_>>().join(",")),
        Cell::Text(s) => s.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(x) => format!("{x}"),
        Cell::Bool(b) => b.to_string(),
        Cell::Null => "null".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn labels_directions_and_types() {
    assert_eq!(sorted("MATCH (c:Cluster) RETURN c"), ["a", "b", "c"]);
    assert_eq!(
        sorted("match (c:CLUSTER)-[:MEMBER_OF]->(n) return c.id, n.name"),
        ["a | NET", "b | NET"]
    );
    assert_eq!(sorted("MATCH (p)<-[:partner_in]-(c) RETURN c"), ["b", "c"]);
    assert_eq!(
        sorted("MATCH (p:Project)-[r]-(x) RETURN type(r), x"),
        ["leads | c", "partner_in | b", "partner_in | c"]
    );
    assert_eq!(
        sorted("MATCH (c)-[r:leads|partner_in]->(p {id: 'proj'}) RETURN c, type(r)"),
        ["b | partner_in", "c | leads", "c | partner_in"]
    );
    assert_eq!(
        sorted("MATCH (x {name: 'net'}) RETURN x"),
        ["net"],
        "names in a map are folded"
    );
    assert!(
        rows("MATCH (x) WHERE x.name = 'net' RETURN x").is_empty(),
        "WHERE is exact"
    );
}

#[test]
fn several_patterns_join_on_shared_variables() {
    // Clusters in a network and in a project at once: b only.
    assert_eq!(
        sorted("MATCH (c)-[:member_of]->(:Network), (c)-[:partner_in]->(p) RETURN c, p"),
        ["b | proj"]
    );
    // Co-partners: each ordered pair once; the same edge is never used twice.
    assert_eq!(
        sorted("MATCH (x)-[:partner_in]->(p)<-[:partner_in]-(y) RETURN x, y"),
        ["b | c", "c | b"]
    );
    // A cycle back to the first node: c leads and partners in proj.
    assert_eq!(
        sorted("MATCH (c)-[r]->(p)<-[s]-(c) RETURN c, type(r), type(s)"),
        ["c | leads | partner_in", "c | partner_in | leads"]
    );
}

#[test]
fn variable_length_is_bounded_and_follows_trails() {
    // From a, undirected, 1 to 2 relationships: net, italy (1); b, c (2).
    assert_eq!(
        sorted("MATCH ({id:'a'})-[*1..2]-(x) RETURN x"),
        ["b", "c", "italy", "net"]
    );
    assert_eq!(sorted("MATCH ({id:'a'})-[*2]-(x) RETURN x"), ["b", "c"]);
    assert_eq!(
        sorted("MATCH ({id:'a'})-[*0..1]-(x) RETURN x"),
        ["a", "italy", "net"]
    );
    // The relationships of the path as a list.
    assert_eq!(
        rows("MATCH ({id:'a'})-[r*2]-({id:'c'}) RETURN r"),
        ["[a-located_in->italy,c-located_in->italy]"]
    );
    // c to proj and on over another edge: to b, or back to c over its other edge (a
    // trail), each of c's two edges first; never back over the same edge.
    assert_eq!(
        sorted("MATCH ({id:'c'})-[:partner_in|leads*2]-(x) RETURN x"),
        ["b", "b", "c", "c"]
    );
    let e = parse("MATCH (a)-[*]-(b) RETURN b").unwrap_err();
    assert_eq!(e.message(), "an unbounded variable length is refused");
}

#[test]
fn optional_match_gives_nulls() {
    assert_eq!(
        sorted("MATCH (c:Cluster) OPTIONAL MATCH (c)-[:leads]->(p) RETURN c, p"),
        ["a | null", "b | null", "c | proj"]
    );
    // Its WHERE belongs to it: rows are kept, with nulls.
    assert_eq!(
        sorted("MATCH (c:Cluster) OPTIONAL MATCH (c)-[r:partner_in]->(p) WHERE r.date = '2016' RETURN c, p"),
        ["a | null", "b | null", "c | proj"]
    );
    assert_eq!(rows("OPTIONAL MATCH (x:Person) RETURN x"), ["null"]);
}

#[test]
fn where_operators_and_null_logic() {
    let ids = |w: &str| sorted(&format!("MATCH (c:Cluster) WHERE {w} RETURN c"));
    assert_eq!(ids("c.founded = 2006"), ["a"]);
    assert_eq!(ids("c.founded <> 2006"), ["b"], "null <> 2006 is null");
    assert_eq!(ids("c.founded < 2010"), ["a"]);
    assert_eq!(ids("c.founded <= 2010"), ["a", "b"]);
    assert_eq!(ids("c.founded > 2006"), ["b"]);
    assert_eq!(ids("c.founded >= 2006.0"), ["a", "b"]);
    assert_eq!(ids("c.founded IS NULL"), ["c"]);
    assert_eq!(ids("c.founded IS NOT NULL"), ["a", "b"]);
    assert_eq!(ids("c.founded = 2006 OR c.id = 'c'"), ["a", "c"]);
    assert_eq!(ids("NOT c.founded = 2006"), ["b"]);
    assert_eq!(ids("c.founded = 2006 XOR c.founded > 2000"), ["b"]);
    assert_eq!(ids("c.id IN ['a', 'c', 'zz']"), ["a", "c"]);
    assert_eq!(
        ids("c.name STARTS WITH 'A' OR c.name ENDS WITH 'B'"),
        ["a", "b"]
    );
    assert_eq!(ids("c.name CONTAINS 'C' AND c.kind = 'cluster'"), ["c"]);
    assert_eq!(
        ids("c.founded = '2006'"),
        Vec::<String>::new(),
        "a string is no number"
    );
    assert_eq!(ids("c.founded + 1 = 2007"), ["a"]);
    assert_eq!(rows("MATCH (c {id:'c'}) RETURN c.founded = 1, c.founded IS NULL, null OR true, null AND false"), ["null | true | true | false"]);
}

#[test]
fn aggregates_group_by_the_other_items() {
    assert_eq!(rows("MATCH (c:Cluster) RETURN count(*), count(c.founded), sum(c.founded), min(c.founded), max(c.founded), avg(c.founded)"), ["3 | 2 | 4016 | 2006 | 2010 | 2008"]);
    assert_eq!(
        sorted("MATCH (c)-[r]->(x) RETURN c.id, count(r) AS n, collect(DISTINCT x.kind) AS kinds"),
        [
            "a | 2 | [country,network]",
            "b | 2 | [network,project]",
            "c | 3 | [country,project]"
        ]
    );
    assert_eq!(
        rows("MATCH (x)-[:partner_in|leads]->(p) RETURN count(DISTINCT x) AS n"),
        ["2"]
    );
    // No rows: one row of count 0 without keys, no rows with keys.
    assert_eq!(
        rows("MATCH (x:Person) RETURN count(*), sum(x.age), avg(x.age), collect(x)"),
        ["0 | 0 | null | []"]
    );
    assert!(rows("MATCH (x:Person) RETURN x.name, count(*)").is_empty());
}

#[test]
fn distinct_order_skip_limit() {
    assert_eq!(
        rows("MATCH (c)-[]->(x) RETURN DISTINCT x.id ORDER BY x.id"),
        ["italy", "net", "proj"]
    );
    assert_eq!(
        rows("MATCH (c:Cluster) RETURN c.id ORDER BY c.founded DESC"),
        ["c", "b", "a"],
        "nulls first descending"
    );
    assert_eq!(
        rows("MATCH (c:Cluster) RETURN c.id AS id ORDER BY c.founded"),
        ["a", "b", "c"],
        "nulls last ascending"
    );
    assert_eq!(
        rows("MATCH (c:Cluster) RETURN c.id AS id ORDER BY id DESC SKIP 1 LIMIT 1"),
        ["b"]
    );
    assert_eq!(
        rows("MATCH (c)-[r]->() RETURN c.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 2"),
        ["c | 3", "a | 2"]
    );
}

#[test]
fn with_is_a_step_between() {
    assert_eq!(
        rows("MATCH (c)-[r]->() WITH c, count(r) AS n WHERE n > 2 RETURN c.id, n"),
        ["c | 3"]
    );
    assert_eq!(
        sorted("MATCH (c:Cluster) WITH c ORDER BY c.id LIMIT 2 MATCH (c)-[:member_of]->(n) RETURN c, n"),
        ["a | net", "b | net"]
    );
}

#[test]
fn the_time_filter_hides_edges_of_other_times() {
    assert_eq!(
        sorted("MATCH (c)-[:partner_in]->(p) RETURN c in 2016"),
        ["c"]
    );
    assert_eq!(
        sorted("MATCH (c)-[r:located_in]->(p) RETURN c, r.date in 2016 strict"),
        ["c | 2016"]
    );
    assert_eq!(
        sorted("MATCH (c)-[r:located_in]->(p) RETURN c, r.date in 2010"),
        ["a | null"]
    );
}

#[test]
fn edges_carry_their_ends_date_and_evidence() {
    let t = try_run(
        &mut Session::seed(),
        "MATCH (a {id: 'afil'})-[r:member_of]->(n) RETURN r",
    )
    .unwrap();
    let Cell::Edge(e) = &t.rows()[0][0] else {
        panic!("{t:?}")
    };
    assert_eq!((e.from.id.as_str(), e.rel), ("afil", "member_of"));
    assert!(!e.evidence.is_empty(), "an edge returned cites its sources");
}

#[test]
fn the_row_limit_and_ctrl_c_stop_a_query() {
    let mut s = session();
    try_run(&mut s, "set rows 5").unwrap();
    let e = try_run(&mut s, "MATCH (x), (y) RETURN x, y").unwrap_err();
    assert!(
        e.to_string().contains("row limit (5 intermediate rows)"),
        "{e}"
    );
    assert!(e.help().is_some_and(|h| h.contains("set rows 50")));
    // Rows that go straight into a count, or stop at a limit, are not held.
    assert_eq!(
        show(
            &try_run(&mut s, "MATCH (x), (y) RETURN count(*)")
                .unwrap()
                .rows()[0][0]
        ),
        "36"
    );
    assert_eq!(
        try_run(&mut s, "MATCH (x), (y) RETURN x, y LIMIT 3")
            .unwrap()
            .rows()
            .len(),
        3
    );
    // Rows between two clauses are.
    assert!(try_run(&mut s, "MATCH (x), (y) MATCH (z {id: 'a'}) RETURN count(*)").is_err());
    try_run(&mut s, "set rows 100").unwrap();
    assert_eq!(
        try_run(&mut s, "MATCH (x), (y) RETURN x, y")
            .unwrap()
            .rows()
            .len(),
        36
    );
    s.cancel_flag()
        .store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(matches!(
        try_run(&mut s, "MATCH (x) RETURN x"),
        Err(ExecError::Interrupted)
    ));
}

#[test]
fn explain_starts_at_the_most_selective_node() {
    let t = try_run(&mut session(), "explain MATCH (c:Cluster)-[:partner_in]->(p {name: 'proj'}) WHERE c.founded > 2000 RETURN c").unwrap();
    let ops: Vec<String> = t.rows().iter().map(|r| show(&r[1])).collect();
    assert!(ops[1].starts_with("scan (p) by name \"proj\""), "{ops:?}");
    assert!(ops[2].starts_with("check (p)"), "{ops:?}");
    assert!(ops[3].starts_with("expand (p) to (c)"), "{ops:?}");
    assert!(
        ops.iter()
            .any(|o| o.starts_with("filter (c.founded > 2000)")),
        "{ops:?}"
    );
    // `WHERE v.id = ...` is a lookup as a map is.
    let t = try_run(
        &mut session(),
        "explain MATCH (x)-->(y) WHERE 'b' = y.id RETURN x",
    )
    .unwrap();
    assert_eq!(show(&t.rows()[1][1]), "scan (y) by id \"b\"");
    // Without a name, the rarest relationship type's end.
    let t = try_run(&mut session(), "explain MATCH (x)-[:leads]->(y) RETURN x").unwrap();
    assert!(show(&t.rows()[1][1]).starts_with("scan (x) at the start of the edges of type leads"));
}

#[test]
fn errors_point_at_the_token_with_a_suggestion() {
    for (text, message, at) in [
        (
            "MATCH (c:Clustr) RETURN c",
            "unknown label `Clustr`: did you mean `Cluster`?",
            "Clustr",
        ),
        (
            "MATCH (c)-[:leds]->(d) RETURN c",
            "unknown relationship type `leds`: did you mean `leads`?",
            "leds",
        ),
        (
            "MATCH (cluster) RETURN clustr",
            "unknown variable `clustr`: did you mean `cluster`?",
            "clustr",
        ),
        (
            "MATCH (c) RETRUN c",
            "unknown clause `RETRUN`: did you mean `RETURN`?",
            "RETRUN",
        ),
        (
            "MATCH (c) RETURN colect(c)",
            "unknown function `colect`: did you mean `collect`?",
            "colect",
        ),
    ] {
        let e = parse(text).unwrap_err();
        assert_eq!(e.message(), message);
        assert_eq!(&text[e.span()], at);
    }
    let deep = format!("MATCH (c) RETURN {}1{}", "(".repeat(500), ")".repeat(500));
    assert!(parse(&deep).unwrap_err().message().contains("nest at most"));
    let long = format!(
        "MATCH (c) WHERE {} RETURN c",
        vec!["c.x = 1"; 5000].join(" OR ")
    );
    assert!(parse(&long).is_err());
    let wide = format!("MATCH {} RETURN count(*)", vec!["(a)"; 5000].join(", "));
    assert!(parse(&wide).unwrap_err().message().contains("at most 100"));
    let chain = format!("MATCH (a){} RETURN count(*)", "-->()".repeat(5000));
    assert!(parse(&chain).unwrap_err().message().contains("at most 100"));
}

// ---- random graphs and patterns against a brute-force matcher ----

const KINDS: [NodeKind; 3] = [NodeKind::Cluster, NodeKind::Project, NodeKind::Network];
const RELS: [&str; 3] = ["partner_in", "leads", "member_of"];
const DATES: [Option<&str>; 3] = [None, Some("2015"), Some("2016")];

#[derive(Clone, Debug)]
struct RandomGraph {
    kinds: Vec<usize>,
    /// (from, to, rel, date), each an index into the arrays above.
    edges: Vec<(usize, usize, usize, usize)>,
}

#[derive(Clone, Debug)]
struct Hop {
    /// 0 `->`, 1 `<-`, 2 either way.
    arrow: usize,
    rel: Option<usize>,
    length: Option<(u32, u32)>,
}

#[derive(Clone, Debug)]
struct Pattern {
    labels: Vec<Option<usize>>,
    hops: Vec<Hop>,
    /// The last node is the first one again.
    cycle: bool,
    time: bool,
}

fn random_graph() -> impl Strategy<Value = RandomGraph> {
    (1usize..6).prop_flat_map(|n| {
        (
            prop::collection::vec(0usize..3, n),
            prop::collection::vec((0..n, 0..n, 0usize..3, 0usize..3), 0..8),
        )
            .prop_map(|(kinds, edges)| RandomGraph { kinds, edges })
    })
}

fn random_pattern() -> impl Strategy<Value = Pattern> {
    let hop = (
        0usize..3,
        prop::option::of(0usize..3),
        prop::option::weighted(0.3, (0u32..2).prop_flat_map(|lo| (Just(lo), lo.max(1)..3))),
    )
        .prop_map(|(arrow, rel, length)| Hop { arrow, rel, length });
    (
        prop::collection::vec(hop, 1..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(hops, cycle, time)| {
            let n = hops.len() + 1;
            (
                prop::collection::vec(prop::option::weighted(0.3, 0usize..3), n),
                Just(hops),
                Just(cycle),
                Just(time),
            )
        })
        // At most one variable length, so that the brute force stays small.
        .prop_filter("one variable length", |(_, hops, _, _)| {
            hops.iter().filter(|h| h.length.is_some()).count() <= 1
        })
        .prop_map(|(labels, hops, cycle, time)| Pattern {
            labels,
            hops,
            cycle,
            time,
        })
}

fn build(r: &RandomGraph) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let ix: Vec<_> = r
        .kinds
        .iter()
        .enumerate()
        .map(|(i, &k)| g.add_node(node(&format!("n{i}"), KINDS[k], None)).unwrap())
        .collect();
    for &(a, b, rel, date) in &r.edges {
        g.add_edge(ix[a], ix[b], edge(RELS[rel], DATES[date]));
    }
    g
}

fn query_text(p: &Pattern) -> String {
    let nodes = p.hops.len() + 1;
    let var = |i: usize| if p.cycle && i == nodes - 1 { 0 } else { i };
    let node = |i: usize| {
        let label = p.labels[i]
            .map(|k| format!(":{}", super::parser::label(KINDS[k])))
            .unwrap_or_default();
        format!("(n{}{label})", var(i))
    };
    let mut text = format!("MATCH {}", node(0));
    for (i, h) in p.hops.iter().enumerate() {
        let rel = h.rel.map(|r| format!(":{}", RELS[r])).unwrap_or_default();
        let length = h
            .length
            .map(|(lo, hi)| format!("*{lo}..{hi}"))
            .unwrap_or_default();
        let inner = format!("[r{i}{rel}{length}]");
        text.push_str(&match h.arrow {
            0 => format!("-{inner}->"),
            1 => format!("<-{inner}-"),
            _ => format!("-{inner}-"),
        });
        text.push_str(&node(i + 1));
    }
    let mut items: Vec<String> = (0..nodes)
        .filter(|&i| var(i) == i)
        .map(|i| format!("n{i}"))
        .collect();
    items.extend((0..p.hops.len()).map(|i| format!("r{i}")));
    text.push_str(&format!(" RETURN {}", items.join(", ")));
    if p.time {
        text.push_str(" in 2016");
    }
    text
}

/// What receives a whole match: each pattern node's graph node, each hop's edges.
type Found<'a> = dyn FnMut(&[usize], &[Vec<usize>]) + 'a;

/// Every match by enumeration: each hop's relationships as any sequence of the graph's
/// edges that forms a walk from the node reached, none used twice in the whole pattern.
fn brute_force(r: &RandomGraph, p: &Pattern) -> Vec<String> {
    let filter = TimeFilter::new(Period::parse("2016").unwrap(), false);
    let alive: Vec<bool> = r
        .edges
        .iter()
        .map(|e| !p.time || filter.admits(DATES[e.3].map(|d| Period::parse(d).unwrap())))
        .collect();
    let nodes = p.hops.len() + 1;
    let mut out = Vec::new();
    let label_ok = |i: usize, v: usize| p.labels[i].is_none_or(|k| r.kinds[v] == k);
    let show_edge = |e: usize| {
        let (a, b, rel, _) = r.edges[e];
        format!("n{a}-{}->n{b}", RELS[rel])
    };
    #[allow(clippy::too_many_arguments)]
    fn extend(
        r: &RandomGraph,
        p: &Pattern,
        alive: &[bool],
        i: usize,
        at: usize,
        seq: &mut Vec<usize>,
        want: usize,
        done: &mut dyn FnMut(&[usize], usize),
    ) {
        if seq.len() == want {
            return done(seq, at);
        }
        let h = &p.hops[i];
        for (e, &(a, b, rel, _)) in r.edges.iter().enumerate() {
            if !alive[e] || seq.contains(&e) || h.rel.is_some_and(|x| x != rel) {
                continue;
            }
            let next = match h.arrow {
                0 if a == at => b,
                1 if b == at => a,
                2 if a == at => b,
                2 if b == at => a,
                _ => continue,
            };
            seq.push(e);
            extend(r, p, alive, i, next, seq, want, done);
            seq.pop();
        }
    }
    fn hop(
        r: &RandomGraph,
        p: &Pattern,
        alive: &[bool],
        i: usize,
        assigned: &mut Vec<usize>,
        paths: &mut Vec<Vec<usize>>,
        done: &mut Found,
    ) {
        if i == p.hops.len() {
            return done(assigned, paths);
        }
        let nodes = p.hops.len() + 1;
        let h = &p.hops[i];
        let (lo, hi) = h.length.unwrap_or((1, 1));
        let at = assigned[i];
        for len in lo..=hi {
            let mut seq = Vec::new();
            extend(
                r,
                p,
                alive,
                i,
                at,
                &mut seq,
                len as usize,
                &mut |seq, end| {
                    let used: Vec<usize> = paths.iter().flatten().copied().collect();
                    if seq.iter().any(|e| used.contains(e)) {
                        return;
                    }
                    let j = i + 1;
                    if p.labels[j].is_some_and(|k| r.kinds[end] != k) {
                        return;
                    }
                    if p.cycle && j == nodes - 1 && end != assigned[0] {
                        return;
                    }
                    assigned.push(end);
                    paths.push(seq.to_vec());
                    hop(r, p, alive, i + 1, assigned, paths, done);
                    paths.pop();
                    assigned.pop();
                },
            );
        }
    }
    for v in 0..r.kinds.len() {
        if !label_ok(0, v) {
            continue;
        }
        let mut assigned = vec![v];
        let mut paths = Vec::new();
        hop(
            r,
            p,
            &alive,
            0,
            &mut assigned,
            &mut paths,
            &mut |nodes_at, paths| {
                let mut cells: Vec<String> = (0..nodes)
                    .filter(|&i| !(p.cycle && i == nodes - 1))
                    .map(|i| format!("n{}", nodes_at[i]))
                    .collect();
                for (k, path) in paths.iter().enumerate() {
                    let edges: Vec<String> = path.iter().map(|&e| show_edge(e)).collect();
                    cells.push(if p.hops[k].length.is_some() {
                        format!("[{}]", edges.join(","))
                    } else {
                        edges.join(",")
                    });
                }
                out.push(cells.join(" | "));
            },
        );
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn patterns_match_as_a_brute_force_enumeration(r in random_graph(), p in random_pattern()) {
        let text = query_text(&p);
        let mut s = Session::new(build(&r));
        let t = try_run(&mut s, &text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let mut got: Vec<String> = t
            .rows()
            .iter()
            .map(|row| row.iter().map(|c| match c {
                Cell::Edge(e) => format!("{}-{}->{}", e.from.id, e.rel, e.to.id),
                other => show(other),
            }).collect::<Vec<_>>().join(" | "))
            .collect();
        got.sort();
        prop_assert_eq!(got, brute_force(&r, &p), "{}", text);
    }

    #[test]
    fn any_text_after_match_parses_or_errors_at_a_token(text in "MATCH [()\\[\\]{}:<>a-z0-9*.|, '\"=-]{0,40}") {
        if let Err(e) = parse(&text) {
            prop_assert!(text.get(e.span()).is_some());
        }
    }
}
