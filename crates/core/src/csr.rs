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
        let sorted = counting_sort(n, &by_target, |p| p.0);
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

/// Connected components of an undirected view, each sorted, largest first (ties by their
/// smallest member).
pub fn components(csr: &Csr) -> Vec<Vec<u32>> {
    let n = csr.node_count();
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for s in 0..n as u32 {
        if seen[s as usize] {
            continue;
        }
        seen[s as usize] = true;
        stack.push(s);
        let mut comp = Vec::new();
        while let Some(v) = stack.pop() {
            comp.push(v);
            for &w in csr.neighbours(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    stack.push(w);
                }
            }
        }
        comp.sort_unstable();
        out.push(comp);
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// Breadth-first distances from `s` (`u32::MAX` where unreachable).
pub fn bfs_distances(csr: &Csr, s: u32) -> Vec<u32> {
    let mut dist = vec![u32::MAX; csr.node_count()];
    let mut queue = std::collections::VecDeque::new();
    dist[s as usize] = 0;
    queue.push_back(s);
    while let Some(v) = queue.pop_front() {
        for &w in csr.neighbours(v) {
            if dist[w as usize] == u32::MAX {
                dist[w as usize] = dist[v as usize] + 1;
                queue.push_back(w);
            }
        }
    }
    dist
}

/// The diameter (longest shortest path) of the connected component `members`, exactly, by
/// the bounding algorithm of Takes and Kosters ("Determining the diameter of small world
/// networks", CIKM 2011), as NetworkX's `diameter(G, usebounds=True)`.
///
/// Each BFS from a node gives its eccentricity and, by the triangle inequality, lower and
/// upper bounds on every other node's; a node whose upper bound cannot beat the best lower
/// bound found is dropped. Sources alternate between the largest upper bound and the smallest
/// lower bound (ties by node number), so the answer and the work are deterministic. On small
/// world graphs a handful of BFS replace one per node. `cancelled` is polled per BFS; it
/// returns `None` when it answers true.
pub fn diameter(csr: &Csr, members: &[u32], cancelled: &dyn Fn() -> bool) -> Option<u32> {
    if members.len() <= 1 {
        return Some(0);
    }
    let n = csr.node_count();
    let mut lower = vec![0u32; n];
    let mut upper = vec![u32::MAX; n];
    let mut candidates: Vec<u32> = members.to_vec();
    let mut max_lower = 0u32;
    let mut high = true;
    while !candidates.is_empty() {
        if cancelled() {
            return None;
        }
        let pick = if high {
            candidates
                .iter()
                .copied()
                .min_by_key(|&v| (std::cmp::Reverse(upper[v as usize]), v))
        } else {
            candidates
                .iter()
                .copied()
                .min_by_key(|&v| (lower[v as usize], v))
        };
        let current = pick.expect("candidates is not empty");
        high = !high;
        let dist = bfs_distances(csr, current);
        let ecc = members.iter().map(|&v| dist[v as usize]).max().unwrap_or(0);
        for &v in &candidates {
            let d = dist[v as usize];
            let l = &mut lower[v as usize];
            *l = (*l).max(d.max(ecc - d));
            let u = &mut upper[v as usize];
            *u = (*u).min(ecc + d);
            max_lower = max_lower.max(*l);
        }
        candidates.retain(|&v| upper[v as usize] > max_lower && v != current);
    }
    Some(max_lower)
}

/// The diameter by one BFS from every member: the obvious answer the bounding algorithm is
/// tested against.
#[cfg(test)]
fn diameter_naive(csr: &Csr, members: &[u32]) -> u32 {
    members
        .iter()
        .map(|&s| {
            bfs_distances(csr, s)
                .into_iter()
                .filter(|&d| d != u32::MAX)
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
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
                    id: id.to_string(),
                    kind: NodeKind::Node,
                    name: id.to_string(),
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

    #[test]
    fn components_and_diameter_of_a_path_and_a_triangle() {
        let edges = [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 4)];
        let csr = Csr::from_pairs(7, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
        let comps = components(&csr);
        assert_eq!(comps, vec![vec![0, 1, 2, 3], vec![4, 5, 6]]);
        assert_eq!(diameter(&csr, &comps[0], &|| false), Some(3));
        assert_eq!(diameter(&csr, &comps[1], &|| false), Some(1));
        assert_eq!(diameter(&csr, &comps[0], &|| true), None);
    }

    proptest::proptest! {
        #[test]
        fn bounded_diameter_equals_the_naive_one(edges in proptest::collection::vec((0u32..30, 0u32..30), 0..60)) {
            let csr = Csr::from_pairs(30, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
            for comp in components(&csr) {
                proptest::prop_assert_eq!(diameter(&csr, &comp, &|| false), Some(diameter_naive(&csr, &comp)));
            }
        }

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
