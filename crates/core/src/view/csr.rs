//! A compact read-only adjacency (compressed sparse rows, `u32` indices) that the analytics run
//! on, built from the knowledge graph in linear time.
//!
//! Node `i` of a [`Csr`] built by [`Csr::undirected`] or [`Csr::directed`] is
//! `NodeIndex::new(i)` of the graph it was built from. [`Csr::from_pairs`] takes any
//! numbering: `paths` numbers nodes by id rank, so that smaller numbers are smaller ids.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;

/// Neighbour lists in one array: the neighbours of `v` are `targets[offsets[v]..offsets[v + 1]]`,
/// sorted ascending and without repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// The undirected simple view: parallel edges merged, directions forgotten, loops dropped.
    /// `keep` selects the edges to include (for time filters); pass `|_| true` for all.
    pub fn undirected(g: &KnowledgeGraph, keep: impl Fn(EdgeIndex) -> bool) -> Csr {
        let pairs = g.edge_indices().filter(|e| keep(*e)).flat_map(|e| {
            let (a, b) = g.endpoints(e);
            [
                (a.index() as u32, b.index() as u32),
                (b.index() as u32, a.index() as u32),
            ]
        });
        Csr::from_pairs(g.node_count(), pairs)
    }

    /// The directed simple view of out-neighbours (or, with `reverse`, in-neighbours).
    pub fn directed(g: &KnowledgeGraph, reverse: bool, keep: impl Fn(EdgeIndex) -> bool) -> Csr {
        let pairs = g.edge_indices().filter(|e| keep(*e)).map(|e| {
            let (a, b) = g.endpoints(e);
            let (a, b) = (a.index() as u32, b.index() as u32);
            if reverse {
                (b, a)
            } else {
                (a, b)
            }
        });
        Csr::from_pairs(g.node_count(), pairs)
    }

    /// Builds from (source, target) pairs in O(n + m): two stable counting sorts (by target,
    /// then by source) leave each list sorted, so repeats are adjacent and dropped in one pass.
    pub fn from_pairs(n: usize, pairs: impl Iterator<Item = (u32, u32)>) -> Csr {
        let pairs: Vec<(u32, u32)> = pairs.filter(|(a, b)| a != b).collect();
        let by_target = counting_sort(n, &pairs, |p| p.1);
        // Each copy is dropped as soon as the next is made: two at a time, not three.
        drop(pairs);
        let sorted = counting_sort(n, &by_target, |p| p.0);
        drop(by_target);
        let mut offsets = vec![0u32; n + 1];
        let mut targets = Vec::with_capacity(sorted.len());
        let mut last: Option<(u32, u32)> = None;
        for p in sorted {
            if last != Some(p) {
                targets.push(p.1);
                offsets[p.0 as usize + 1] += 1;
                last = Some(p);
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        targets.shrink_to_fit();
        Csr { offsets, targets }
    }

    /// The undirected simple view of the edges `ends` (source, target), as
    /// [`from_pairs`](Self::from_pairs) of both directions of every edge builds it, in one
    /// array of 4 bytes an entry instead of three copies of 8-byte pairs: every entry dealt to
    /// its node by a counting sort, each node's entries sorted and deduplicated in place, and
    /// the array closed up.
    ///
    /// `ends` is read twice (to count, then to place).
    pub(crate) fn undirected_of_ends(
        n: usize,
        ends: impl Iterator<Item = (u32, u32)> + Clone,
    ) -> Csr {
        let mut offsets = vec![0u32; n + 1];
        for (a, b) in ends.clone() {
            if a != b {
                offsets[a as usize + 1] += 1;
                offsets[b as usize + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut targets = vec![0u32; offsets[n] as usize];
        let mut fill = offsets.clone();
        for (a, b) in ends {
            if a != b {
                for (x, y) in [(a, b), (b, a)] {
                    let slot = &mut fill[x as usize];
                    targets[*slot as usize] = y;
                    *slot += 1;
                }
            }
        }
        drop(fill);
        // Each list sorted and its repeats dropped, moved down to where the last one ended.
        let mut end = 0usize;
        for v in 0..n {
            let (lo, hi) = (offsets[v] as usize, offsets[v + 1] as usize);
            let list = &mut targets[lo..hi];
            list.sort_unstable();
            let start = end;
            for i in lo..hi {
                if end == start || targets[end - 1] != targets[i] {
                    targets[end] = targets[i];
                    end += 1;
                }
            }
            offsets[v] = start as u32;
        }
        offsets[n] = end as u32;
        targets.truncate(end);
        targets.shrink_to_fit();
        Csr { offsets, targets }
    }

    /// The bytes its two arrays hold on the heap (4 per node and 4 per entry).
    pub fn heap_bytes(&self) -> usize {
        (self.offsets.capacity() + self.targets.capacity()) * std::mem::size_of::<u32>()
    }

    /// The view whose node `v` has the neighbours `list(v, out)` pushes on `out` (given empty),
    /// which must be ascending, without repeats, each less than `n`; `capacity` bounds how many
    /// there are in all.
    pub(crate) fn from_lists(
        n: usize,
        capacity: usize,
        mut list: impl FnMut(usize, &mut Vec<u32>),
    ) -> Csr {
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        let mut targets = Vec::with_capacity(capacity);
        let mut buffer = Vec::new();
        for v in 0..n {
            buffer.clear();
            list(v, &mut buffer);
            debug_assert!(buffer.windows(2).all(|w| w[0] < w[1]));
            targets.extend_from_slice(&buffer);
            offsets.push(targets.len() as u32);
        }
        targets.shrink_to_fit();
        Csr { offsets, targets }
    }

    /// The number of nodes, with or without neighbours.
    pub fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of (directed) entries; for the undirected view, twice the number of edges.
    pub fn entry_count(&self) -> usize {
        self.targets.len()
    }

    /// The neighbours of `v`, ascending, without repeats. Panics if `v` is not a node of this
    /// view (callers number nodes from the same graph).
    pub fn neighbours(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }

    /// Where the neighbours of `v` begin among all entries.
    pub(crate) fn offset(&self, v: u32) -> usize {
        self.offsets[v as usize] as usize
    }

    /// The number of distinct neighbours of `v`.
    pub fn degree(&self, v: u32) -> usize {
        let v = v as usize;
        (self.offsets[v + 1] - self.offsets[v]) as usize
    }

    /// The graph's index of node `v` of a view built by `undirected` or `directed`.
    pub fn node(v: u32) -> NodeIndex {
        NodeIndex::new(v as usize)
    }
}

fn counting_sort(
    n: usize,
    pairs: &[(u32, u32)],
    key: impl Fn(&(u32, u32)) -> u32,
) -> Vec<(u32, u32)> {
    let mut count = vec![0usize; n + 1];
    for p in pairs {
        count[key(p) as usize + 1] += 1;
    }
    for i in 0..n {
        count[i + 1] += count[i];
    }
    let mut out = vec![(0, 0); pairs.len()];
    for p in pairs {
        let k = key(p) as usize;
        out[count[k]] = *p;
        count[k] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_parallel_edges_drops_loops_and_sorts() {
        let csr = Csr::from_pairs(4, [(0, 2), (0, 1), (0, 2), (1, 1), (3, 0)].into_iter());
        assert_eq!(csr.neighbours(0), &[1, 2]);
        assert_eq!(csr.neighbours(1), &[] as &[u32]);
        assert_eq!(csr.neighbours(3), &[0]);
        assert_eq!(csr.entry_count(), 3);
    }

    #[test]
    fn views_of_a_typed_graph_follow_or_forget_directions() {
        use crate::model::{Attrs, Edge, Node, NodeKind, Rel};
        let mut g = KnowledgeGraph::new();
        let ix: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|id| {
                let n = Node {
                    id: (*id).into(),
                    kind: NodeKind::Node,
                    name: (*id).into(),
                    aliases: vec![],
                    attrs: Attrs::new(),
                    provenance: vec![],
                };
                g.add_node(n).unwrap()
            })
            .collect();
        let linked = Rel::linked();
        // a → b twice (merged), b → c, c → c (a loop, dropped).
        for (x, y) in [(0, 1), (0, 1), (1, 2), (2, 2)] {
            g.add_edge(ix[x], ix[y], Edge::plain(linked));
        }
        let und = Csr::undirected(&g, |_| true);
        assert_eq!(
            (und.neighbours(0), und.neighbours(1), und.neighbours(2)),
            (&[1][..], &[0, 2][..], &[1][..])
        );
        let out = Csr::directed(&g, false, |_| true);
        assert_eq!(
            (out.neighbours(0), out.neighbours(1), out.neighbours(2)),
            (&[1][..], &[2][..], &[][..])
        );
        let inn = Csr::directed(&g, true, |_| true);
        assert_eq!(
            (inn.neighbours(0), inn.neighbours(1), inn.neighbours(2)),
            (&[][..], &[0][..], &[1][..])
        );
        // The filter drops edges: without the first, a → b still stands through the second.
        let first = g.edge_indices().next().unwrap();
        assert_eq!(Csr::directed(&g, false, |e| e != first).neighbours(0), &[1]);
    }

    proptest::proptest! {
        #[test]
        fn csr_matches_a_naive_adjacency(edges in proptest::collection::vec((0u32..20, 0u32..20), 0..80)) {
            let csr = Csr::from_pairs(20, edges.iter().copied());
            for v in 0..20u32 {
                let mut naive: Vec<u32> = edges.iter().filter(|e| e.0 == v && e.1 != v).map(|e| e.1).collect();
                naive.sort_unstable();
                naive.dedup();
                proptest::prop_assert_eq!(csr.neighbours(v), naive.as_slice());
            }
        }
    }
}
