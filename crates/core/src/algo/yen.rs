//! Yen's k shortest simple paths on an unweighted graph.
//!
//! # Arguments
//! - `adj`: the adjacency of an undirected (or directed) simple graph, as a [`Csr`] whose
//!   neighbour lists are sorted: numbering the nodes by id rank breaks ties by id.
//! - `source`, `target`, `k`: the ends, and how many paths at most.
//! - `max_len`: only paths of at most this many steps.
//! - `cancelled`: polled once per spur search; when it answers true the search stops.
//!
//! # Returns
//! Up to `k` distinct simple paths (node sequences) from `source` to `target`, shortest first;
//! paths of equal length in lexicographic order of their node numbers (so numbering nodes by
//! id rank orders them by ids). `Err(Cancelled)` if `cancelled` answered true.
//!
//! # Complexity
//! O(k · n · (n + m)) time: for each of the k paths, one breadth-first search per spur node.
//! O(k · n) memory: at most k candidate paths are kept.
//!
//! # Example
//! ```text
//! 0 — 1 — 3        k = 3 from 0 to 3: [0,1,3], [0,2,3], then none longer exists
//!  \     /         (the square has exactly two simple paths between opposite corners)
//!    2 ——
//! ```
//! ```
//! use clustergraph_core::algo::k_shortest_simple_paths;
//! use clustergraph_core::Csr;
//! let edges = [(0, 1), (1, 3), (0, 2), (2, 3)];
//! let adj = Csr::from_pairs(4, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
//! let paths = k_shortest_simple_paths(&adj, 0, 3, 3, usize::MAX, &|| false).unwrap();
//! assert_eq!(paths, vec![vec![0, 1, 3], vec![0, 2, 3]]);
//! ```

use std::collections::{BTreeSet, HashSet, VecDeque};

use crate::Csr;

/// The search was interrupted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

/// See the module documentation.
pub fn k_shortest_simple_paths(
    adj: &Csr,
    source: u32,
    target: u32,
    k: usize,
    max_len: usize,
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<Vec<u32>>, Cancelled> {
    let n = adj.node_count();
    let mut found: Vec<Vec<u32>> = Vec::new();
    if k == 0 || source == target {
        return Ok(found);
    }
    let mut banned_node = vec![false; n];
    let mut scratch = Bfs::new(n);
    let no_edges = HashSet::new();
    let Some(first) = scratch.path(adj, source, target, &banned_node, &no_edges, max_len) else {
        return Ok(found);
    };
    found.push(first);
    // Candidates ordered by (length, node sequence): the next path is the first one.
    let mut candidates: BTreeSet<(usize, Vec<u32>)> = BTreeSet::new();
    let mut known: HashSet<Vec<u32>> = found.iter().cloned().collect();
    while found.len() < k {
        let prev = found.last().expect("found is never empty here").clone();
        for i in 0..prev.len() - 1 {
            if cancelled() {
                return Err(Cancelled);
            }
            let root = &prev[..=i];
            let mut banned_edges = HashSet::new();
            for p in &found {
                if p.len() > i + 1 && &p[..=i] == root {
                    banned_edges.insert((p[i], p[i + 1]));
                }
            }
            for &v in &root[..i] {
                banned_node[v as usize] = true;
            }
            let room = max_len.saturating_sub(i);
            let spur = scratch.path(adj, prev[i], target, &banned_node, &banned_edges, room);
            for &v in &root[..i] {
                banned_node[v as usize] = false;
            }
            if let Some(spur) = spur {
                let mut total = root[..i].to_vec();
                total.extend(spur);
                if known.insert(total.clone()) {
                    candidates.insert((total.len(), total));
                }
            }
            // Only the best k - |found| candidates can ever be taken: dropping the rest bounds
            // memory by k paths instead of one per spur node of every path found.
            while candidates.len() > k - found.len() {
                let (_, worst) = candidates.pop_last().expect("candidates is not empty");
                known.remove(&worst);
            }
        }
        match candidates.pop_first() {
            Some((_, p)) => found.push(p),
            None => break,
        }
    }
    // Yen's algorithm yields nondecreasing lengths; order equal lengths by node sequence.
    found.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    Ok(found)
}

/// Reusable breadth-first search state (parents, marks), so each spur search costs only what
/// it visits.
struct Bfs {
    parent: Vec<u32>,
    dist: Vec<u32>,
    touched: Vec<u32>,
    queue: VecDeque<u32>,
}

impl Bfs {
    fn new(n: usize) -> Bfs {
        Bfs {
            parent: vec![u32::MAX; n],
            dist: vec![u32::MAX; n],
            touched: Vec::new(),
            queue: VecDeque::new(),
        }
    }

    /// The first shortest path (in neighbour order) from `s` to `t` of at most `limit` steps
    /// avoiding banned nodes and banned (directed) edges.
    fn path(
        &mut self,
        adj: &Csr,
        s: u32,
        t: u32,
        banned_node: &[bool],
        banned_edge: &HashSet<(u32, u32)>,
        limit: usize,
    ) -> Option<Vec<u32>> {
        for &v in &self.touched {
            self.dist[v as usize] = u32::MAX;
            self.parent[v as usize] = u32::MAX;
        }
        self.touched.clear();
        self.queue.clear();
        self.dist[s as usize] = 0;
        self.touched.push(s);
        self.queue.push_back(s);
        while let Some(u) = self.queue.pop_front() {
            if u == t {
                let mut p = vec![t];
                let mut v = t;
                while v != s {
                    v = self.parent[v as usize];
                    p.push(v);
                }
                p.reverse();
                return Some(p);
            }
            let du = self.dist[u as usize];
            if du as usize >= limit {
                continue;
            }
            for &w in adj.neighbours(u) {
                if banned_node[w as usize]
                    || self.dist[w as usize] != u32::MAX
                    || banned_edge.contains(&(u, w))
                {
                    continue;
                }
                self.dist[w as usize] = du + 1;
                self.parent[w as usize] = u;
                self.touched.push(w);
                self.queue.push_back(w);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every simple path from s to t, by depth-first search: the slow, obvious answer.
    fn all_simple_paths(adj: &Csr, s: u32, t: u32) -> Vec<Vec<u32>> {
        fn go(adj: &Csr, path: &mut Vec<u32>, t: u32, out: &mut Vec<Vec<u32>>) {
            let u = *path.last().unwrap();
            if u == t {
                out.push(path.clone());
                return;
            }
            for &w in adj.neighbours(u) {
                if !path.contains(&w) {
                    path.push(w);
                    go(adj, path, t, out);
                    path.pop();
                }
            }
        }
        let mut out = Vec::new();
        go(adj, &mut vec![s], t, &mut out);
        out.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        out
    }

    fn undirected(n: usize, edges: &[(u32, u32)]) -> Csr {
        Csr::from_pairs(n, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn agrees_with_brute_force(edges in proptest::collection::vec((0u32..7, 0u32..7), 0..16), k in 1usize..12, max_len in 1usize..8) {
            let adj = undirected(7, &edges);
            let got = k_shortest_simple_paths(&adj, 0, 6, k, max_len, &|| false).unwrap();
            let all: Vec<Vec<u32>> = all_simple_paths(&adj, 0, 6).into_iter().filter(|p| p.len() - 1 <= max_len).collect();
            // The same number of paths, the same lengths, each a distinct simple path.
            prop_assert_eq!(got.len(), all.len().min(k));
            let got_lens: Vec<usize> = got.iter().map(Vec::len).collect();
            let want_lens: Vec<usize> = all.iter().take(k).map(Vec::len).collect();
            prop_assert_eq!(got_lens, want_lens);
            let distinct: HashSet<&Vec<u32>> = got.iter().collect();
            prop_assert_eq!(distinct.len(), got.len());
            for p in &got {
                prop_assert!(all.contains(p), "{:?} is not a simple path", p);
            }
            // And exactly the first k in (length, node sequence) order, ties included.
            prop_assert_eq!(&got[..], &all[..got.len()]);
        }
    }

    #[test]
    fn stops_when_cancelled() {
        let adj = undirected(4, &[(0, 1), (1, 3), (0, 2), (2, 3)]);
        assert_eq!(
            k_shortest_simple_paths(&adj, 0, 3, 5, usize::MAX, &|| true),
            Err(Cancelled)
        );
    }
}
