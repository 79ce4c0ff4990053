//! Nodes kept as slots and details: what a graph gives back is what it was given, and the
//! parts a node gains later (attributes, provenance, aliases) land in a detail made on first
//! need.

use super::*;
use crate::model::{Attrs, NodeKind, Provenance, Value};

#[test]
fn every_node_reads_back_as_it_was_added() {
    let seed = crate::seed_graph();
    let mut g = KnowledgeGraph::new();
    for ix in seed.node_indices() {
        assert_eq!(g.add_node(seed.node(ix).to_node()), Ok(ix));
    }
    for ix in seed.node_indices() {
        let n = seed.node(ix);
        assert_eq!(g.node(ix), n);
        assert_eq!(g.node(ix).to_node().view(), n);
        assert_eq!(g.by_id(n.id), Some(ix));
    }
    // Seed nodes have names, aliases, attributes and provenance; most have a detail.
    assert!(g.node_details.len() <= g.node_count());
    assert!(seed
        .node_indices()
        .any(|ix| !seed.node(ix).aliases.is_empty()));
    // An id taken is refused with the node that has it, and nothing is added.
    let first = NodeIndex::new(0);
    let again = g.node(first).to_node();
    let (nodes, details) = (g.nodes.len(), g.node_details.len());
    assert_eq!(g.add_node(again), Err(first));
    assert_eq!((g.nodes.len(), g.node_details.len()), (nodes, details));
}

#[test]
fn a_bare_node_gains_a_detail_on_first_need_and_keeps_its_lookups() {
    let mut g = KnowledgeGraph::new();
    let a = g.add_node(crate::io::edge_list_node("17")).unwrap();
    let b = g.add_node(crate::io::edge_list_node("b")).unwrap();
    assert!(g.node_details.is_empty());
    assert_eq!(
        (g.node(a).name.as_str(), g.node(a).kind),
        ("17", NodeKind::Node)
    );

    let (attrs, prov) = g.node_detail_mut(a);
    attrs.insert("weight".into(), Value::Int(3));
    prov.push(Provenance::sentence(0, "seventeen"));
    assert_eq!(g.node_details.len(), 1);
    let n = g.node(a);
    assert_eq!(n.attrs.get("weight"), Some(&Value::Int(3)));
    assert_eq!((n.provenance.len(), n.name.as_str()), (1, "17"));
    // The detail is reused, not made again.
    g.node_detail_mut(a).0.insert("rank".into(), Value::Int(1));
    assert_eq!((g.node_details.len(), g.node(a).attrs.len()), (1, 2));

    g.add_aliases(b, ["Bee Node".to_string(), "b".to_string()]);
    assert_eq!(g.node_details.len(), 2);
    assert_eq!(g.node(b).aliases, ["Bee Node".to_string()]);
    assert_eq!(g.lookup_exact("bee node"), Some(b));
    assert_eq!(g.resolve("17"), Ok(a));
    assert_eq!(g.by_id("b"), Some(b));
    assert_eq!(g.node(b).attrs, &Attrs::new());
}
