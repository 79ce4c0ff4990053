//! Bridges and articulation points, as NetworkX's `bridges` and `articulation_points`.

use super::{AlgoError, Work};
use crate::Csr;

/// The edges and nodes whose removal disconnects their component.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bridges {
    /// Bridge edges, each `(a, b)` with `a < b`, sorted.
    pub edges: Vec<(u32, u32)>,
    /// Articulation points (cut vertices), sorted.
    pub articulation_points: Vec<u32>,
}

/// The bridges and articulation points of an undirected simple view.
///
/// One depth-first search with Hopcroft–Tarjan low points: `low(v)` is the earliest
/// discovery time reachable from `v`'s DFS subtree by one back edge. Tree edge `(p, v)` is a
/// bridge iff `low(v) > disc(p)`; a non-root `p` is an articulation point iff some child has
/// `low(v) ≥ disc(p)`, a root iff it has at least two children. The search keeps its own
/// stack (a node and its next neighbour position), so a path of a million nodes cannot
/// overflow the thread's stack.
///
/// # Arguments
/// * `csr`: an undirected simple view (both directions of every edge present).
/// * `work`: polled every few thousand steps.
///
/// # Returns
/// [`Bridges`], both lists sorted.
///
/// # Complexity
/// O(n + m) time, O(n) memory, sequential.
///
/// # Example
/// ```text
///   0 — 1
///    ╲ /
///     2 — 3 — 4
/// ```
/// ```
/// use clustergraph_core::{algo::bridges, Csr, Work};
/// let e = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)];
/// let csr = Csr::from_pairs(5, e.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
/// let b = bridges(&csr, Work::default()).unwrap();
/// assert_eq!(b.edges, vec![(2, 3), (3, 4)]);
/// assert_eq!(b.articulation_points, vec![2, 3]);
/// ```
pub fn bridges(csr: &Csr, work: Work) -> Result<Bridges, AlgoError> {
    const NONE: u32 = u32::MAX;
    let n = csr.node_count();
    // Discovery time + 1 (0 = not yet discovered), so `disc` doubles as the visited mark.
    let mut disc = vec![0u32; n];
    let mut low = vec![0u32; n];
    let mut parent = vec![NONE; n];
    let mut is_cut = vec![false; n];
    let mut edges = Vec::new();
    // (node, position of the next neighbour to look at)
    let mut stack: Vec<(u32, u32)> = Vec::new();
    let mut time = 0u32;
    let mut steps = 0usize;
    for root in 0..n as u32 {
        if disc[root as usize] != 0 {
            continue;
        }
        time += 1;
        disc[root as usize] = time;
        low[root as usize] = time;
        stack.push((root, 0));
        let mut root_children = 0u32;
        while let Some(top) = stack.last_mut() {
            steps += 1;
            if steps % 4096 == 0 {
                work.check()?;
                work.report(u64::from(time), n as u64);
            }
            let (v, at) = *top;
            let nbrs = csr.neighbours(v);
            if let Some(&w) = nbrs.get(at as usize) {
                top.1 += 1;
                if disc[w as usize] == 0 {
                    time += 1;
                    disc[w as usize] = time;
                    low[w as usize] = time;
                    parent[w as usize] = v;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, 0));
                } else if w != parent[v as usize] {
                    // The view is simple, so the one edge back to the parent is the tree edge.
                    low[v as usize] = low[v as usize].min(disc[w as usize]);
                }
                continue;
            }
            stack.pop();
            let p = parent[v as usize];
            if p == NONE {
                continue;
            }
            low[p as usize] = low[p as usize].min(low[v as usize]);
            if low[v as usize] > disc[p as usize] {
                edges.push((p.min(v), p.max(v)));
            }
            if p != root && low[v as usize] >= disc[p as usize] {
                is_cut[p as usize] = true;
            }
        }
        if root_children >= 2 {
            is_cut[root as usize] = true;
        }
    }
    edges.sort_unstable();
    work.report(n as u64, n as u64);
    Ok(Bridges {
        edges,
        articulation_points: (0..n as u32).filter(|&v| is_cut[v as usize]).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The number of connected components, by plain DFS.
    fn component_count(g: &Csr) -> usize {
        let mut seen = vec![false; g.node_count()];
        let mut count = 0;
        for s in 0..g.node_count() {
            if seen[s] {
                continue;
            }
            count += 1;
            seen[s] = true;
            let mut stack = vec![s as u32];
            while let Some(v) = stack.pop() {
                for &w in g.neighbours(v) {
                    if !seen[w as usize] {
                        seen[w as usize] = true;
                        stack.push(w);
                    }
                }
            }
        }
        count
    }

    fn undirected(n: usize, edges: &[(u32, u32)]) -> Csr {
        Csr::from_pairs(n, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]))
    }

    /// The definitions: an edge is a bridge if deleting it adds a component; a node is an
    /// articulation point if deleting it (and its edges) adds one beyond itself.
    fn naive(n: usize, edges: &[(u32, u32)]) -> Bridges {
        let base = component_count(&undirected(n, edges));
        let mut simple: Vec<(u32, u32)> = edges
            .iter()
            .filter(|e| e.0 != e.1)
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        simple.sort_unstable();
        simple.dedup();
        let bridge_edges = simple
            .iter()
            .copied()
            .filter(|&e| {
                let rest: Vec<_> = simple.iter().copied().filter(|&f| f != e).collect();
                component_count(&undirected(n, &rest)) > base
            })
            .collect();
        let cut = (0..n as u32)
            .filter(|&v| {
                let rest: Vec<_> = simple
                    .iter()
                    .copied()
                    .filter(|f| f.0 != v && f.1 != v)
                    .collect();
                // v itself becomes an isolated component: one more than before is no change.
                component_count(&undirected(n, &rest)) > base + 1
            })
            .collect();
        Bridges {
            edges: bridge_edges,
            articulation_points: cut,
        }
    }

    #[test]
    fn small_graphs_by_hand() {
        assert_eq!(
            bridges(&undirected(0, &[]), Work::default()).unwrap(),
            Bridges::default()
        );
        assert_eq!(
            bridges(&undirected(1, &[]), Work::default()).unwrap(),
            Bridges::default()
        );
        let star = bridges(&undirected(4, &[(0, 1), (0, 2), (0, 3)]), Work::default()).unwrap();
        assert_eq!(star.edges, vec![(0, 1), (0, 2), (0, 3)]);
        assert_eq!(star.articulation_points, vec![0]);
        let k4 = undirected(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(bridges(&k4, Work::default()).unwrap(), Bridges::default());
        // Two triangles sharing node 2, plus a separate edge: 2 cuts, 5–6 is a bridge.
        let bow = undirected(7, &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 2), (5, 6)]);
        let b = bridges(&bow, Work::default()).unwrap();
        assert_eq!(b.edges, vec![(5, 6)]);
        assert_eq!(b.articulation_points, vec![2]);
    }

    #[test]
    fn a_path_of_a_million_nodes_does_not_overflow() {
        let n = 1_000_000u32;
        let csr = Csr::from_pairs(
            n as usize,
            (0..n - 1).flat_map(|i| [(i, i + 1), (i + 1, i)]),
        );
        let b = bridges(&csr, Work::default()).unwrap();
        assert_eq!(b.edges.len(), n as usize - 1);
        assert_eq!(b.edges[0], (0, 1));
        assert_eq!(b.articulation_points, (1..n - 1).collect::<Vec<_>>());
    }

    #[test]
    fn stops_when_cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let n = 10_000u32;
        let csr = Csr::from_pairs(
            n as usize,
            (0..n - 1).flat_map(|i| [(i, i + 1), (i + 1, i)]),
        );
        assert_eq!(bridges(&csr, Work::new(&flag)), Err(AlgoError::Interrupted));
    }

    proptest! {
        #[test]
        fn equals_delete_and_count(n in 1usize..30, edges in proptest::collection::vec((0u32..30, 0u32..30), 0..60)) {
            let edges: Vec<(u32, u32)> = edges.into_iter().filter(|e| (e.0 as usize) < n && (e.1 as usize) < n).collect();
            prop_assert_eq!(bridges(&undirected(n, &edges), Work::default()).unwrap(), naive(n, &edges));
        }
    }
}
