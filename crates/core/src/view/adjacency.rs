//! The analytic adjacency of a graph, built once when the graph is opened and shared by every
//! statement until another graph replaces it.
//!
//! [`Adjacency`] holds every edge seen from both its ends (the *incidences*), each node's
//! incidences ordered by the id of the node at the other end, then by edge; the graph's
//! columns of edge ends and types (shared, not copied) and the edges' dates; the nodes' id
//! order; and the undirected simple
//! [`Csr`] that the analytics run on, with the directed views made on first use. Traversals
//! that filter by edge type, direction or time read the incidences; a time-filtered view is
//! derived from the parallel arrays without going back to the petgraph graph.
//!
//! ```
//! use clustergraph_core::{Adjacency, Direction};
//!
//! let g = clustergraph_core::seed_graph();
//! let adj = Adjacency::new(&g);
//! let le2c = g.resolve("LE2C").unwrap();
//! let edges = g.edges_of(le2c, Direction::Outgoing).count()
//!     + g.edges_of(le2c, Direction::Incoming).count();
//! assert_eq!(adj.incidences(le2c.index() as u32).len(), edges);
//! ```

use std::sync::{Arc, OnceLock};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::{EdgeColumns, KnowledgeGraph};
use crate::model::{Period, Rel};
use crate::names::id_order;
use crate::view::Csr;

/// The nodes of a graph in id order (natural order: `2` before `10`) and each node's place in
/// it. Every listing breaks ties by this order, so comparing two ranks compares two ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdOrder {
    by_rank: Vec<NodeIndex>,
    rank: Vec<u32>,
}

impl IdOrder {
    /// Sorts the nodes of `g` by id.
    pub fn new(g: &KnowledgeGraph) -> IdOrder {
        let mut by_rank: Vec<NodeIndex> = g.node_indices().collect();
        by_rank.sort_unstable_by(|x, y| id_order(g.node(*x).id, g.node(*y).id));
        let mut rank = vec![0u32; by_rank.len()];
        for (r, ix) in by_rank.iter().enumerate() {
            rank[ix.index()] = r as u32;
        }
        IdOrder { by_rank, rank }
    }

    /// The place of node `ix` in id order.
    pub fn rank(&self, ix: NodeIndex) -> u32 {
        self.rank[ix.index()]
    }

    /// Each node's place in id order, by node index.
    pub fn ranks(&self) -> &[u32] {
        &self.rank
    }

    /// The nodes in id order.
    pub fn by_rank(&self) -> &[NodeIndex] {
        &self.by_rank
    }
}

/// An edge seen from one of its ends: the node at the other end, the edge, and whether the
/// edge leaves this end (`forward`) or enters it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Incidence {
    /// The node at the other end.
    pub other: NodeIndex,
    /// The edge.
    pub edge: EdgeIndex,
    /// Whether the edge goes from this end to `other`.
    pub forward: bool,
}

/// The graph's adjacency for traversals and analytics; see the module documentation.
#[derive(Debug)]
pub struct Adjacency {
    /// By edge index: its ends and its type, the graph's own columns.
    edges: Arc<EdgeColumns>,
    /// By edge index: when it held (empty when no edge has a date).
    when: Vec<Option<Period>>,
    order: IdOrder,
    undirected: Csr,
    /// Made on first use: statements that only run analytics (`stats`, `centrality`) never
    /// pay their 16 bytes an edge.
    incidences: OnceLock<IncidenceLists>,
    directed: OnceLock<(Csr, Csr)>,
}

/// Every edge seen from both ends, by node: `other[offsets[v]..offsets[v + 1]]` and the same
/// range of `edge` are the incidences of node `v`.
#[derive(Debug)]
struct IncidenceLists {
    offsets: Vec<u32>,
    other: Vec<u32>,
    /// Edge index shifted left by one, the low bit set when the edge leaves the node.
    edge: Vec<u32>,
}

impl Adjacency {
    /// Builds the adjacency of `g` in O(n log n + m): the id sort, the edge arrays, and the
    /// undirected view, sorted node by node in one array of its entries (the incidences are
    /// made on first use).
    ///
    /// # Panics
    ///
    /// If the graph has 2³¹ edges or more (edge indices share a word with a direction bit).
    pub fn new(g: &KnowledgeGraph) -> Adjacency {
        let n = g.node_count();
        let m = g.edge_count();
        assert!(m < (1 << 31), "an adjacency holds fewer than 2^31 edges");
        let order = IdOrder::new(g);
        let edges = Arc::clone(g.edge_columns());
        let ends = edges
            .source
            .iter()
            .copied()
            .zip(edges.target.iter().copied());
        let undirected = Csr::undirected_of_ends(n, ends);
        // Dates are kept per edge only when some edge has one (edge lists have none).
        let dated = g.edge_indices().any(|e| g.edge(e).date().is_some());
        let when = if dated {
            g.edge_indices().map(|e| g.edge(e).date()).collect()
        } else {
            Vec::new()
        };
        Adjacency {
            edges,
            when,
            order,
            undirected,
            incidences: OnceLock::new(),
            directed: OnceLock::new(),
        }
    }

    /// The incidence lists, made on first use: incidences in edge order, the leaving end's
    /// first, dealt to their nodes; then each node's list is sorted by (other end's rank,
    /// edge, leaving first) in a buffer as long as the largest degree, so that building costs
    /// no more memory than the result.
    fn lists(&self) -> &IncidenceLists {
        self.incidences.get_or_init(|| {
            let (n, m) = (self.node_count(), self.edge_count());
            let order = &self.order;
            let mut offsets = vec![0u32; n + 1];
            let (source, target) = (&self.edges.source, &self.edges.target);
            for (&a, &b) in source.iter().zip(target) {
                offsets[a as usize + 1] += 1;
                offsets[b as usize + 1] += 1;
            }
            prefix_sums(&mut offsets);
            let mut fill = offsets.clone();
            let mut other = vec![0u32; 2 * m];
            let mut edge = vec![0u32; 2 * m];
            for (e, (&a, &b)) in source.iter().zip(target).enumerate() {
                let e = e as u32;
                for (node, o, word) in [(a, b, e << 1 | 1), (b, a, e << 1)] {
                    let slot = &mut fill[node as usize];
                    other[*slot as usize] = o;
                    edge[*slot as usize] = word;
                    *slot += 1;
                }
            }
            drop(fill);
            let mut keys: Vec<u64> = Vec::new();
            for v in 0..n {
                let range = offsets[v] as usize..offsets[v + 1] as usize;
                keys.clear();
                // `word ^ 1` puts a loop's leaving incidence before its entering one.
                keys.extend(
                    other[range.clone()]
                        .iter()
                        .zip(&edge[range.clone()])
                        .map(|(&o, &w)| u64::from(order.rank[o as usize]) << 32 | u64::from(w ^ 1)),
                );
                keys.sort_unstable();
                for (slot, &k) in range.zip(&keys) {
                    other[slot] = order.by_rank[(k >> 32) as usize].index() as u32;
                    edge[slot] = (k as u32) ^ 1;
                }
            }
            IncidenceLists {
                offsets,
                other,
                edge,
            }
        })
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.order.rank.len()
    }

    /// The bytes this adjacency holds on the heap: its arrays and the undirected view, and
    /// the incidences and directed views if they were made (not the graph's edge columns,
    /// which it shares).
    pub fn heap_bytes(&self) -> usize {
        fn bytes<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        self.incidences
            .get()
            .map_or(0, |l| bytes(&l.offsets) + bytes(&l.other) + bytes(&l.edge))
            + bytes(&self.when)
            + bytes(&self.order.by_rank)
            + bytes(&self.order.rank)
            + self.undirected.heap_bytes()
            + self
                .directed
                .get()
                .map_or(0, |(out, inn)| out.heap_bytes() + inn.heap_bytes())
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The nodes' id order.
    pub fn order(&self) -> &IdOrder {
        &self.order
    }

    /// The incidences of `v`, ordered by the other end's id, then by edge.
    /// The first call makes the incidence lists of every node (16 bytes an edge).
    pub fn incidences(&self, v: u32) -> Incidences<'_> {
        let l = self.lists();
        let (lo, hi) = (
            l.offsets[v as usize] as usize,
            l.offsets[v as usize + 1] as usize,
        );
        Incidences {
            other: &l.other[lo..hi],
            edge: &l.edge[lo..hi],
        }
    }

    /// The type of edge `e`.
    pub fn rel(&self, e: EdgeIndex) -> Rel {
        self.edges.rel[e.index()]
    }

    /// When edge `e` held, if the graph says.
    pub fn when(&self, e: EdgeIndex) -> Option<Period> {
        self.when.get(e.index()).copied().flatten()
    }

    /// The ends of edge `e`, source first.
    pub fn endpoints(&self, e: EdgeIndex) -> (NodeIndex, NodeIndex) {
        (
            NodeIndex::new(self.edges.source[e.index()] as usize),
            NodeIndex::new(self.edges.target[e.index()] as usize),
        )
    }

    /// The undirected simple view of every edge (node `i` is `NodeIndex::new(i)`).
    pub fn undirected(&self) -> &Csr {
        &self.undirected
    }

    /// The undirected simple view of the edges `keep` accepts.
    pub fn undirected_where(&self, keep: impl Fn(EdgeIndex) -> bool) -> Csr {
        Csr::from_pairs(
            self.node_count(),
            self.kept(keep).flat_map(|(a, b)| [(a, b), (b, a)]),
        )
    }

    /// The directed simple views of every edge: successors, then predecessors.
    pub fn directed(&self) -> (&Csr, &Csr) {
        let (out, inn) = self.directed.get_or_init(|| self.directed_where(|_| true));
        (out, inn)
    }

    /// The directed simple views of the edges `keep` accepts: successors, then predecessors.
    pub fn directed_where(&self, keep: impl Fn(EdgeIndex) -> bool) -> (Csr, Csr) {
        let n = self.node_count();
        let out = Csr::from_pairs(n, self.kept(&keep));
        let inn = Csr::from_pairs(n, self.kept(&keep).map(|(a, b)| (b, a)));
        (out, inn)
    }

    fn kept<'a>(
        &'a self,
        keep: impl Fn(EdgeIndex) -> bool + 'a,
    ) -> impl Iterator<Item = (u32, u32)> + 'a {
        self.edges
            .source
            .iter()
            .zip(&self.edges.target)
            .enumerate()
            .filter(move |(e, _)| keep(EdgeIndex::new(*e)))
            .map(|(_, (&a, &b))| (a, b))
    }
}

/// The incidences of one node; see [`Adjacency::incidences`].
#[derive(Clone, Copy, Debug)]
pub struct Incidences<'a> {
    other: &'a [u32],
    edge: &'a [u32],
}

impl Incidences<'_> {
    /// Whether the node has no edges.
    pub fn is_empty(&self) -> bool {
        self.other.is_empty()
    }
}

impl Iterator for Incidences<'_> {
    type Item = Incidence;

    #[inline]
    fn next(&mut self) -> Option<Incidence> {
        let (&o, other) = self.other.split_first()?;
        let (&w, edge) = self.edge.split_first()?;
        self.other = other;
        self.edge = edge;
        Some(Incidence {
            other: NodeIndex::new(o as usize),
            edge: EdgeIndex::new((w >> 1) as usize),
            forward: w & 1 == 1,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.other.len(), Some(self.other.len()))
    }
}

impl ExactSizeIterator for Incidences<'_> {}

fn prefix_sums(counts: &mut [u32]) {
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, NodeKind};
    use petgraph::Direction;
    use proptest::prelude::*;

    fn graph(ids: &[&str], edges: &[(usize, usize)]) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        let ix: Vec<NodeIndex> = ids
            .iter()
            .map(|id| {
                g.add_node(Node {
                    id: (*id).into(),
                    kind: NodeKind::Node,
                    name: (*id).into(),
                    aliases: Vec::new(),
                    attrs: Default::default(),
                    provenance: Vec::new(),
                })
                .unwrap()
            })
            .collect();
        for &(a, b) in edges {
            g.add_edge(ix[a], ix[b], Edge::plain(Rel::parse("member_of").unwrap()));
        }
        g
    }

    /// What the incidences must be: every edge at the node in either direction, ordered by
    /// the other end's id, then edge, leaving before entering.
    fn expected(g: &KnowledgeGraph, v: NodeIndex) -> Vec<Incidence> {
        let mut all: Vec<Incidence> = g
            .edges_of(v, Direction::Outgoing)
            .map(|(edge, other)| Incidence {
                other,
                edge,
                forward: true,
            })
            .chain(
                g.edges_of(v, Direction::Incoming)
                    .map(|(edge, other)| Incidence {
                        other,
                        edge,
                        forward: false,
                    }),
            )
            .collect();
        all.sort_by(|x, y| {
            id_order(g.node(x.other).id, g.node(y.other).id)
                .then(x.edge.cmp(&y.edge))
                .then(y.forward.cmp(&x.forward))
        });
        all
    }

    #[test]
    fn incidences_follow_id_order_with_loops_and_parallel_edges() {
        let g = graph(
            &["n10", "n2", "a", "n1"],
            &[(0, 1), (1, 0), (0, 1), (2, 2), (3, 0), (0, 2)],
        );
        let adj = Adjacency::new(&g);
        // The incidences are made on first use: 16 bytes an edge more.
        let before = adj.heap_bytes();
        assert!(adj.incidences.get().is_none());
        for v in g.node_indices() {
            let got: Vec<Incidence> = adj.incidences(v.index() as u32).into_iter().collect();
            assert_eq!(got, expected(&g, v), "node {}", g.node(v).id);
        }
        assert!(adj.heap_bytes() >= before + 16 * g.edge_count());
        let ids: Vec<&str> = adj
            .order()
            .by_rank()
            .iter()
            .map(|ix| g.node(*ix).id.as_str())
            .collect();
        assert_eq!(ids, ["a", "n1", "n2", "n10"]);
        assert_eq!(adj.undirected(), &Csr::undirected(&g, |_| true));
        let (out, inn) = adj.directed();
        assert_eq!(out, &Csr::directed(&g, false, |_| true));
        assert_eq!(inn, &Csr::directed(&g, true, |_| true));
    }

    proptest! {
        #[test]
        fn views_equal_those_built_from_the_graph(
            n in 1usize..12,
            edges in proptest::collection::vec((0usize..12, 0usize..12), 0..40),
            keep_mask in any::<u64>(),
        ) {
            let ids: Vec<String> = (0..n).map(|i| format!("v{}", (i * 7) % 13)).collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let edges: Vec<(usize, usize)> =
                edges.into_iter().map(|(a, b)| (a % n, b % n)).collect();
            let g = graph(&ids, &edges);
            let adj = Adjacency::new(&g);
            prop_assert_eq!(adj.undirected(), &Csr::undirected(&g, |_| true));
            let keep = |e: EdgeIndex| keep_mask >> (e.index() % 64) & 1 == 1;
            for v in g.node_indices() {
                let got: Vec<Incidence> = adj.incidences(v.index() as u32).into_iter().collect();
                prop_assert_eq!(got, expected(&g, v));
            }
            prop_assert_eq!(adj.undirected_where(keep), Csr::undirected(&g, keep));
            let (out, inn) = adj.directed_where(keep);
            prop_assert_eq!(out, Csr::directed(&g, false, keep));
            prop_assert_eq!(inn, Csr::directed(&g, true, keep));
        }
    }
}
