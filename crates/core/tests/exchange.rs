//! Export and import: what is exported as GraphML, node-link JSON or CSV reads back as the
//! same graph (every node, edge, attribute, date, provenance and document, in order); GEXF and
//! DOT are well-formed; bad files are refused with every problem at its line.

use std::path::Path;

use clustergraph_core::io::{export, ExportFormat, Selection};
use clustergraph_core::{
    open, Attrs, Edge, KnowledgeGraph, LoadError, Node, NodeKind, Period, Provenance, Rel,
    SharedText, Value,
};

/// The graph as comparable text: documents, nodes and edges in order, provenance by
/// document key.
fn canonical(g: &KnowledgeGraph) -> Vec<String> {
    let prov = |p: &[Provenance]| -> Vec<(String, String)> {
        p.iter()
            .map(|p| (g.document(p.doc).key.clone(), p.quote.clone()))
            .collect()
    };
    let mut out: Vec<String> = g.documents().iter().map(|d| format!("{d:?}")).collect();
    for n in g.node_indices() {
        let node = g.node(n);
        out.push(format!(
            "node {:?} {} {:?} {:?} {:?} {:?}",
            node.id,
            node.kind,
            node.name,
            node.aliases,
            node.attrs,
            prov(node.provenance)
        ));
    }
    for e in g.edge_indices() {
        let (a, b) = g.endpoints(e);
        let edge = g.edge(e);
        out.push(format!(
            "edge {:?} {:?} {} {:?} {:?} {:?}",
            g.node(a).id,
            g.node(b).id,
            edge.rel,
            edge.date().map(|d| d.to_string()),
            edge.attrs(),
            prov(edge.provenance())
        ));
    }
    out
}

/// A small graph with what is hard to carry: markup, quotes, line breaks, accents, every type
/// of attribute, a period, a weight, an edge list's untyped node.
fn awkward() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let doc = g.add_document(clustergraph_core::Document {
        key: "doc-1".into(),
        title: "A <title> & \"quotes\"".into(),
        language: "it".into(),
        file: Some("docs/a.txt".into()),
        date: Some(Period::parse("2016-12").unwrap()),
        publisher: None,
        url: Some("https://example.org/a?b=1&c=2".into()),
    });
    let mut attrs = Attrs::new();
    attrs.insert("founded".into(), Value::Int(2009));
    attrs.insert("share".into(), Value::Float(0.25));
    attrs.insert("listed".into(), Value::Bool(true));
    attrs.insert("motto".into(), Value::Str("a, \"b\"; c\nd <e> & f".into()));
    let a = g
        .add_node(Node {
            id: "a-cluster".into(),
            kind: NodeKind::Cluster,
            name: SharedText::from("Pôle <Énergie> & \"Co\""),
            aliases: vec!["PE".into(), "Pôle, Énergie; \"x\"".into()],
            attrs,
            provenance: vec![Provenance::sentence(doc, "Il polo, detto \"PE\",\nnacque.")],
        })
        .unwrap();
    let mut other = Attrs::new();
    other.insert("founded".into(), Value::Int(1999));
    let b = g
        .add_node(Node {
            id: "b".into(),
            kind: NodeKind::Region,
            name: "Lombardia".into(),
            aliases: Vec::new(),
            attrs: other,
            provenance: Vec::new(),
        })
        .unwrap();
    let c = g
        .add_node(Node {
            id: "42".into(),
            kind: NodeKind::Node,
            name: "42".into(),
            aliases: Vec::new(),
            attrs: Attrs::new(),
            provenance: Vec::new(),
        })
        .unwrap();
    let mut role = Attrs::new();
    role.insert("role".into(), Value::Str("lead & chair".into()));
    g.add_edge(
        a,
        b,
        Edge::new(
            Rel::parse("located_in").unwrap(),
            Some(Period::parse("2011..2012-06").unwrap()),
            role,
            vec![Provenance::sentence(doc, "in Lombardia")],
        ),
    );
    g.add_edge(a, b, Edge::plain(Rel::parse("member_of").unwrap()));
    let mut w = Edge::plain(Rel::linked());
    w.attrs_mut().insert("weight".into(), Value::Float(1.5));
    g.add_edge(c, a, w);
    g
}

fn round_trip(g: &KnowledgeGraph, format: ExportFormat, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let written = export(g, &Selection::all(g), format, &path).unwrap();
    assert_eq!(written.nodes, g.node_count());
    let back = open(&path).unwrap_or_else(|e| panic!("{name}: {}", e.render(false)));
    assert_eq!(canonical(&back), canonical(g), "{name}");
    // And a second export of what was read is the same text.
    let again = dir.path().join(format!("again-{name}"));
    export(&back, &Selection::all(&back), format, &again).unwrap();
    for (one, two) in written.files.iter().zip(
        export(&back, &Selection::all(&back), format, &again)
            .unwrap()
            .files,
    ) {
        assert_eq!(
            std::fs::read(one).unwrap(),
            std::fs::read(&two).unwrap(),
            "{name}: {}",
            one.display()
        );
    }
}

#[test]
fn graphml_json_and_csv_read_back_the_seed_graph_as_it_was() {
    let g = clustergraph_core::seed_graph();
    round_trip(&g, ExportFormat::GraphMl, "seed.graphml");
    round_trip(&g, ExportFormat::Json, "seed.json");
    round_trip(&g, ExportFormat::Csv, "seed-csv");
}

#[test]
fn awkward_text_and_every_attribute_type_survive_the_round_trip() {
    let g = awkward();
    round_trip(&g, ExportFormat::GraphMl, "g.graphml");
    round_trip(&g, ExportFormat::Json, "g.json");
    round_trip(&g, ExportFormat::Csv, "g");
}

#[test]
fn gexf_and_dot_are_written_whole() {
    let g = awkward();
    let dir = tempfile::tempdir().unwrap();
    let gexf = dir.path().join("g.gexf");
    export(&g, &Selection::all(&g), ExportFormat::Gexf, &gexf).unwrap();
    let text = std::fs::read_to_string(&gexf).unwrap();
    assert!(text.contains("<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">"));
    assert!(
        text.contains("label=\"Pôle &lt;Énergie&gt; &amp; &quot;Co&quot;\""),
        "{text}"
    );
    assert_eq!(text.matches("<edge ").count(), 3);
    // GEXF is written, not read: opening it says so.
    let err = open(&gexf).unwrap_err().to_string();
    assert!(
        err.contains("GEXF is written by `export` but not read"),
        "{err}"
    );
    let dot = dir.path().join("g.dot");
    export(&g, &Selection::all(&g), ExportFormat::Dot, &dot).unwrap();
    let text = std::fs::read_to_string(&dot).unwrap();
    assert!(text.starts_with("digraph clustergraph {\n"));
    assert!(
        text.contains(
            r#""a-cluster" -> "b" [label="located_in", rel="located_in", date="2011..2012-06""#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"label="Pôle <Énergie> & \"Co\"""#),
        "{text}"
    );
}

#[test]
fn csv_refuses_an_attribute_name_its_header_would_misread() {
    let mut g = awkward();
    let a = g.by_id("b").unwrap();
    let mut node = g.node(a).to_node();
    node.id = "c".into();
    node.attrs.insert("ratio:2".into(), Value::Int(1));
    g.add_node(node).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let err = export(
        &g,
        &Selection::all(&g),
        ExportFormat::Csv,
        &dir.path().join("g"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("the attribute `ratio:2` holds `:`"),
        "{err}"
    );
    assert!(!dir.path().join("g").exists(), "nothing is written");
    // GraphML has no such limit.
    round_trip(&g, ExportFormat::GraphMl, "g.graphml");
}

#[test]
fn around_exports_one_neighbourhood() {
    let g = clustergraph_core::seed_graph();
    let le2c = g.by_id("le2c").unwrap();
    let sel = Selection::around(&g, le2c, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("le2c.json");
    let w = export(&g, &sel, ExportFormat::Json, &path).unwrap();
    let back = open(&path).unwrap();
    assert_eq!((back.node_count(), back.edge_count()), (w.nodes, w.edges));
    assert!(back.node_count() < g.node_count());
    assert!(back.by_id("le2c").is_some());
}

fn problems(path: &Path) -> Vec<String> {
    match open(path) {
        Err(LoadError::Source(d)) => d.iter().map(|d| d.to_string()).collect(),
        other => panic!("{}: {other:?}", path.display()),
    }
}

#[test]
fn graphml_problems_are_all_reported_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.graphml");
    std::fs::write(
        &p,
        r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <key id="f" for="node" attr.name="founded" attr.type="int"/>
  <key id="r" for="edge" attr.name="rel" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="k">clustr</data></node>
    <node id="b"><data key="f">nineteen</data></node>
    <edge source="a" target="c"><data key="r">member_of</data></edge>
    <edge source="a" target="b"><data key="r">friend_of</data></edge>
  </graph>
</graphml>
"#,
    )
    .unwrap();
    let m = problems(&p);
    let shown = p.display().to_string();
    assert_eq!(m.len(), 4, "{m:#?}");
    assert!(
        m[0].starts_with(&format!("{shown}:7:5: node `a`: unknown kind `clustr`")),
        "{m:#?}"
    );
    assert!(
        m[1].starts_with(&format!(
            "{shown}:8:18: `founded`: `nineteen` is not a whole number"
        )),
        "{m:#?}"
    );
    assert!(
        m[2].starts_with(&format!("{shown}:9:5: the edge's end `c` is not a node")),
        "{m:#?}"
    );
    assert!(
        m[3].starts_with(&format!("{shown}:10:5: unknown edge type `friend_of`")),
        "{m:#?}"
    );
    std::fs::write(&p, "<graphml><graph><node id=\"a\"></graph></graphml>").unwrap();
    let m = problems(&p);
    assert!(m[0].contains("not well-formed XML"), "{m:#?}");
}

#[test]
fn json_and_csv_problems_are_all_reported_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.json");
    std::fs::write(
        &p,
        "{\"nodes\": [\n{\"id\": \"a\"},\n{\"name\": \"no id\"},\n{\"id\": \"a\"}\n],\n\"edges\": [\n{\"source\": \"a\", \"target\": \"a\", \"date\": \"2016-13\"}\n]}\n",
    )
    .unwrap();
    let m = problems(&p);
    let shown = p.display().to_string();
    assert_eq!(m.len(), 3, "{m:#?}");
    assert!(
        m[0].starts_with(&format!("{shown}:3:1: a node without an `id`")),
        "{m:#?}"
    );
    assert!(
        m[1].starts_with(&format!("{shown}:4:1: the node `a` is defined twice")),
        "{m:#?}"
    );
    assert!(
        m[2].starts_with(&format!("{shown}:7:1: `2016-13` is not a date")),
        "{m:#?}"
    );
    std::fs::write(&p, "{\"nodes\": [}").unwrap();
    assert!(problems(&p)[0].starts_with(&format!("{shown}:1:12: not node-link JSON")));

    let csv = dir.path().join("g");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(
        csv.join("nodes.csv"),
        "id:ID,:LABEL,name,founded:int\na,Cluster,A,2009\nb,Planet,B,\nc,Region,C,soon\n",
    )
    .unwrap();
    std::fs::write(
        csv.join("edges.csv"),
        ":START_ID,:END_ID,:TYPE\na,b,member_of\na,zz,member_of\nb,c\n",
    )
    .unwrap();
    let m = problems(&csv);
    let (nodes, edges) = (
        csv.join("nodes.csv").display().to_string(),
        csv.join("edges.csv").display().to_string(),
    );
    assert_eq!(m.len(), 4, "{m:#?}");
    assert!(
        m[0].starts_with(&format!("{nodes}:3:1: node `b`: unknown kind `Planet`")),
        "{m:#?}"
    );
    assert!(
        m[1].starts_with(&format!(
            "{nodes}:4:12: `founded`: `soon` is not a whole number"
        )),
        "{m:#?}"
    );
    assert!(
        m[2].starts_with(&format!("{edges}:3:1: the edge's end `zz` is not a node")),
        "{m:#?}"
    );
    assert!(
        m[3].starts_with(&format!(
            "{edges}:4:1: this row has 2 fields where the header has 3"
        )),
        "{m:#?}"
    );
}

#[test]
fn content_of_another_kind_than_the_name_says_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("g.json");
    std::fs::write(&p, "1 2\n2 3\n").unwrap();
    let err = open(&p).unwrap_err().to_string();
    assert!(
        err.ends_with("the name says node-link JSON but the content looks like an edge list"),
        "{err}"
    );
    let q = dir.path().join("g.el");
    std::fs::write(&q, "<?xml version=\"1.0\"?><graphml></graphml>").unwrap();
    let err = open(&q).unwrap_err().to_string();
    assert!(
        err.ends_with("the name says an edge list but the content looks like GraphML"),
        "{err}"
    );
    let lonely = dir.path().join("people.csv");
    std::fs::write(&lonely, "id:ID\na\n").unwrap();
    assert!(open(&lonely)
        .unwrap_err()
        .to_string()
        .contains("a CSV graph is a nodes file and an edges file"));
    // One file of a pair finds the other beside it.
    std::fs::write(dir.path().join("x-nodes.csv"), "id:ID\na\nb\n").unwrap();
    std::fs::write(dir.path().join("x-edges.csv"), ":START_ID,:END_ID\na,b\n").unwrap();
    for name in ["x-nodes.csv", "x-edges.csv"] {
        let g = open(&dir.path().join(name)).unwrap();
        assert_eq!((g.node_count(), g.edge_count()), (2, 1));
    }
}
