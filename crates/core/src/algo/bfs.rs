//! Breadth-first distances from one node.

use std::collections::VecDeque;

use crate::Csr;

/// Breadth-first distances from `s` (`u32::MAX` where unreachable).
///
/// # Arguments
/// - `csr`: the view to walk (successors, for a directed one); `s`: a node of it.
///
/// # Returns
/// The number of steps from `s` to each node, `u32::MAX` for the nodes it does not reach.
///
/// # Complexity
/// O(n + m) time, O(n) memory.
///
/// # Example
/// ```text
/// 0 — 1 — 2    3
/// ```
/// ```
/// use clustergraph_core::{algo::bfs_distances, Csr};
/// let csr = Csr::from_pairs(4, [(0, 1), (1, 0), (1, 2), (2, 1)].into_iter());
/// assert_eq!(bfs_distances(&csr, 0), vec![0, 1, 2, u32::MAX]);
/// ```
pub fn bfs_distances(csr: &Csr, s: u32) -> Vec<u32> {
    let mut dist = vec![u32::MAX; csr.node_count()];
    let mut queue = VecDeque::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_along_a_path_and_unreachable_nodes() {
        let edges = [(0, 1), (1, 2)];
        let csr = Csr::from_pairs(4, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
        assert_eq!(bfs_distances(&csr, 0), vec![0, 1, 2, u32::MAX]);
    }
}
