//! Building a whole graph at once from columns (a snapshot's, an edge list's), the same graph
//! as adding its nodes and edges one by one, in a fraction of the time.
//!
//! Each [`Node`] is indexed and moved into its slot (24 bytes, its rare parts in a side
//! table), the caller's nodes freed as they go; the caller's columns of edge ends become the
//! graph's own (checked, not copied), and only the edges' types, and the details of the few
//! edges that have one, are made here: the peak is the graph itself.

use std::sync::Arc;

use super::{EdgeColumns, KnowledgeGraph};
use crate::model::{Edge, EdgeDetail, EdgeSlot, Node};

/// Why [`KnowledgeGraph::from_parts`] built nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkError {
    /// Node number `again` has the id of node number `first`.
    DuplicateId { first: usize, again: usize },
    /// Edge number `edge`, from node number `source` to node number `target`, names a node
    /// number past the nodes there are.
    NoSuchNode {
        edge: usize,
        source: u32,
        target: u32,
    },
}

impl KnowledgeGraph {
    /// The graph of these nodes, in order, and of the edges from `sources[i]` to
    /// `targets[i]` by node number, in order, as [`add_node`](Self::add_node) and
    /// [`add_edge`](Self::add_edge) one by one would build it (the same indexes, edges and
    /// lookups): `edge(i)` gives edge `i`'s type and detail, once for each edge, in order.
    ///
    /// # Panics
    ///
    /// If `sources` and `targets` differ in length.
    pub fn from_parts(
        nodes: impl IntoIterator<Item = Node>,
        sources: Vec<u32>,
        targets: Vec<u32>,
        edge: impl FnMut(usize) -> Edge,
    ) -> Result<KnowledgeGraph, BulkError> {
        let mut g = KnowledgeGraph::of_nodes(nodes)?;
        let (columns, details) = edge_columns(sources, targets, edge);
        g.set_edges(columns, details)?;
        Ok(g)
    }

    /// The graph of these nodes, in order, indexed, and no edges (the first half of
    /// [`from_parts`](Self::from_parts)). The nodes are taken one at a time: a caller that
    /// makes them as they are taken never holds them all as `Node`s.
    pub(crate) fn of_nodes(
        nodes: impl IntoIterator<Item = Node>,
    ) -> Result<KnowledgeGraph, BulkError> {
        let nodes = nodes.into_iter();
        let n = nodes.size_hint().0;
        let mut g = KnowledgeGraph {
            nodes: Vec::with_capacity(n),
            by_id: super::IdIndex::with_capacity(n),
            ..KnowledgeGraph::default()
        };
        // Each node moved into its slot as it is indexed.
        for (i, node) in nodes.enumerate() {
            if let Some(first) = g.by_id(node.id.as_str()) {
                return Err(BulkError::DuplicateId {
                    first: first.index(),
                    again: i,
                });
            }
            g.push_node(node);
        }
        g.node_details.shrink_to_fit();
        Ok(g)
    }

    /// Gives a graph of nodes and no edges the edges of these columns, whose detail numbers
    /// are places in `details`, after checking that every end is a node (the second half of
    /// [`from_parts`](Self::from_parts); a snapshot's decoder makes the columns while
    /// another thread makes the nodes).
    pub(crate) fn set_edges(
        &mut self,
        columns: EdgeColumns,
        mut details: Vec<EdgeDetail>,
    ) -> Result<(), BulkError> {
        debug_assert!(
            self.edges.is_empty(),
            "edges are set once, on a graph of nodes"
        );
        let n = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        // A branch-free maximum first (the common case: every end is in range), the place
        // of the first wrong end only when there is one.
        let past = |ends: &[u32]| ends.iter().fold(0, |acc: u32, &a| acc.max(a)) >= n;
        if !columns.is_empty() && (past(&columns.source) || past(&columns.target)) {
            let (edge, (&source, &target)) = (columns.source.iter().zip(&columns.target))
                .enumerate()
                .find(|(_, (&a, &b))| a >= n || b >= n)
                .expect("an end past the nodes was seen");
            return Err(BulkError::NoSuchNode {
                edge,
                source,
                target,
            });
        }
        debug_assert!(
            columns.detail.is_empty() || columns.detail.len() == columns.len(),
            "a detail column, once made, has a number for every edge"
        );
        details.shrink_to_fit();
        self.edges = Arc::new(columns);
        self.details = details;
        self.node_edges.take();
        Ok(())
    }
}

/// The columns of the edges from `sources[i]` to `targets[i]`, `edge(i)` giving edge `i`'s
/// type and detail, and the details of the edges that have one (for
/// [`KnowledgeGraph::set_edges`]).
///
/// # Panics
///
/// If `sources` and `targets` differ in length.
pub(crate) fn edge_columns(
    sources: Vec<u32>,
    targets: Vec<u32>,
    mut edge: impl FnMut(usize) -> Edge,
) -> (EdgeColumns, Vec<EdgeDetail>) {
    assert_eq!(sources.len(), targets.len(), "an edge has two ends");
    let m = sources.len();
    let mut columns = EdgeColumns {
        source: sources,
        target: targets,
        rel: Vec::with_capacity(m),
        detail: Vec::new(),
    };
    let mut details = Vec::new();
    for i in 0..m {
        let slot = super::slot(&mut details, edge(i));
        columns.rel.push(slot.rel);
        if slot.detail != EdgeSlot::NONE {
            columns.set_detail(i, slot.detail);
        }
    }
    (columns, details)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use petgraph::graph::NodeIndex;
    use petgraph::Direction;

    use super::*;
    use crate::model::{Attrs, NodeKind, Rel, Value};

    /// The same graph built at once from `g`'s nodes and edges.
    fn rebuilt(g: &KnowledgeGraph) -> KnowledgeGraph {
        let nodes: Vec<Node> = g.node_indices().map(|ix| g.node(ix).to_node()).collect();
        let (sources, targets) = g
            .edge_indices()
            .map(|e| {
                let (a, b) = g.endpoints(e);
                (a.index() as u32, b.index() as u32)
            })
            .unzip();
        let mut b = KnowledgeGraph::from_parts(nodes, sources, targets, |i| {
            g.edge(petgraph::graph::EdgeIndex::new(i)).to_edge()
        })
        .unwrap();
        for d in g.documents() {
            b.add_document(d.clone());
        }
        b
    }

    /// Every text by which the nodes of `g` may be looked up, and near misses of some.
    fn queries(g: &KnowledgeGraph) -> Vec<String> {
        let mut q = vec!["clster".to_string(), "xyz".to_string(), String::new()];
        for ix in g.node_indices() {
            let n = g.node(ix);
            q.push(n.id.to_string());
            q.push(n.name.to_uppercase());
            q.extend(n.aliases.iter().cloned());
            q.extend(super::super::names::initials(n.name));
            // A near miss (resolved by a ranked search of every key) for some of the nodes.
            if ix.index() % 8 == 0 {
                q.push(n.name.chars().skip(1).collect());
            }
        }
        q
    }

    /// Asserts that `a` and `b` are the same graph: weights and ends by index, each node's
    /// edges in order, every index, and every kind of lookup.
    fn assert_identical(a: &KnowledgeGraph, b: &KnowledgeGraph) {
        assert_eq!(a.node_count(), b.node_count());
        assert_eq!(a.edge_count(), b.edge_count());
        for ix in a.node_indices() {
            assert_eq!(a.node(ix), b.node(ix));
            for dir in [Direction::Outgoing, Direction::Incoming] {
                let la: Vec<_> = a.edges_of(ix, dir).collect();
                let lb: Vec<_> = b.edges_of(ix, dir).collect();
                assert_eq!(la, lb, "the {dir:?} list of node {}", ix.index());
            }
        }
        for e in a.edge_indices() {
            assert_eq!(a.edge(e), b.edge(e));
            assert_eq!(a.endpoints(e), b.endpoints(e));
        }
        assert_eq!(a.nodes, b.nodes);
        assert_eq!(a.node_details, b.node_details);
        assert_eq!(a.by_id.len(), b.by_id.len());
        assert_eq!(a.by_key, b.by_key);
        assert_eq!(a.keys, b.keys);
        assert_eq!(a.by_initials, b.by_initials);
        assert_eq!(a.documents(), b.documents());
        for (i, q) in queries(a).into_iter().enumerate() {
            assert_eq!(a.by_id(&q), b.by_id(&q), "{q}");
            assert_eq!(a.lookup_exact(&q), b.lookup_exact(&q), "{q}");
            assert_eq!(a.resolve(&q), b.resolve(&q), "{q}");
            // Ranked searches score every key: a sample of the texts is enough.
            if i % 8 != 0 {
                continue;
            }
            assert_eq!(a.search(&q, None, 10), b.search(&q, None, 10), "{q}");
            let kinds = [NodeKind::Cluster, NodeKind::Node];
            assert_eq!(
                a.search(&q, Some(&kinds), 10),
                b.search(&q, Some(&kinds), 10),
                "{q}"
            );
        }
    }

    #[test]
    fn the_seed_graph_built_at_once_is_the_same_graph() {
        let mut g = crate::seed_graph();
        assert!(g.edge_count() > 100, "{}", g.edge_count());
        // A name and initials that two nodes share are among its lookups.
        let first = g.node(NodeIndex::new(0)).to_node();
        g.add_node(Node {
            id: "Other-Node".into(),
            kind: NodeKind::Organisation,
            name: "Other Node".into(),
            aliases: vec![first.name.to_string()],
            attrs: Attrs::new(),
            provenance: Vec::new(),
        })
        .unwrap();
        assert!(g.by_key.values().any(|l| l.len() > 1));
        assert!(!g.by_initials.is_empty());
        assert_identical(&g, &rebuilt(&g));
    }

    /// An edge list's graph, built one node and one edge at a time as before the bulk path.
    fn one_by_one(text: &str) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        let ix = |g: &mut KnowledgeGraph, id: &str| {
            g.by_id(id)
                .unwrap_or_else(|| g.add_node(crate::io::edge_list_node(id)).unwrap())
        };
        for line in text.lines() {
            let t: Vec<&str> = line.split(' ').collect();
            let (a, b) = (ix(&mut g, t[0]), ix(&mut g, t[1]));
            let mut e = Edge::plain(Rel::linked());
            if let Some(w) = t.get(2) {
                e.attrs_mut()
                    .insert("weight".into(), Value::Float(w.parse().unwrap()));
            }
            g.add_edge(a, b, e);
        }
        g
    }

    #[test]
    fn an_edge_list_built_at_once_is_the_same_graph() {
        // Numeric ids, ids with capitals and punctuation (folded apart from the id), parallel
        // edges, loops, and weights on some edges.
        let mut text = String::new();
        for i in 0u32..3000 {
            let a = i.wrapping_mul(2_654_435_761) % 500;
            let b = i.wrapping_mul(40_503) % 700;
            let a = if a % 7 == 0 {
                format!("N-{a}")
            } else {
                a.to_string()
            };
            text.push_str(&format!("{a} {b}"));
            if i % 11 == 0 {
                text.push_str(&format!(" {}", f64::from(i) / 4.0));
            }
            text.push('\n');
        }
        text.push_str("5 5\n5 5\nAb.c ab-c\n");
        let expected = one_by_one(&text);
        let g = crate::io::load_edge_list("g.el", Arc::from(text.as_str())).unwrap();
        assert_eq!(g.node_count(), expected.node_count());
        assert!(expected.by_key["ab c"].len() == 2);
        // Ids that are their own keys (the fast path of indexing) are found as any other.
        let five = g.by_id("5").unwrap();
        assert_eq!(g.resolve("5"), Ok(five));
        assert_eq!(g.search("5", None, 1)[0].node, five);
        assert_eq!(g.search("5", None, 1)[0].score, 1.0);
        assert_eq!(g.lookup_exact("n 7"), Some(g.by_id("N-7").unwrap()));
        assert_identical(&expected, &g);
        assert_identical(&expected, &rebuilt(&expected));
    }

    #[test]
    fn duplicate_ids_and_ends_past_the_nodes_are_refused() {
        let node = crate::io::edge_list_node;
        let plain = |_| Edge::plain(Rel::linked());
        let r = KnowledgeGraph::from_parts(
            vec![node("a"), node("b"), node("a")],
            vec![],
            vec![],
            plain,
        );
        assert_eq!(
            r.unwrap_err(),
            BulkError::DuplicateId { first: 0, again: 2 }
        );
        let r =
            KnowledgeGraph::from_parts(vec![node("a"), node("b")], vec![0, 1], vec![1, 2], plain);
        assert_eq!(
            r.unwrap_err(),
            BulkError::NoSuchNode {
                edge: 1,
                source: 1,
                target: 2
            }
        );
        let g = KnowledgeGraph::from_parts(vec![node("a"), node("b")], vec![1], vec![0], plain)
            .unwrap();
        assert_eq!(
            g.edges_of(NodeIndex::new(1), Direction::Outgoing).count(),
            1
        );
    }
}
