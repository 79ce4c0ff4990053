//! Harmonic centrality, as NetworkX's `harmonic_centrality` with its defaults.

use super::msbfs::level_counts;
use super::{AlgoError, View, Work};

/// Harmonic centrality of every node: `H(u) = Σ_{v ≠ u} 1 / d(v, u)`, unreachable pairs
/// contributing 0. NetworkX adds `1 / d` into the *target* of each search from every source,
/// so on a directed view distances are **incoming** (`d(v, u)`), found here by searching
/// along predecessors; on an undirected view the direction does not matter. Not normalised.
///
/// # Arguments
/// * `view`: the adjacency to measure on.
/// * `work`: polled between and during searches; progress is reported per 256 nodes.
///
/// # Returns
/// One value per node (index = view node index), in `[0, n - 1]`.
///
/// # Complexity
/// As [`closeness`](super::closeness()): O(n·m / 256 · L) time, O(n) memory per thread,
/// parallel over batches of 256 sources. The sum is taken per distance (`count / d`), so it
/// is at least as accurate as NetworkX's term-by-term sum.
///
/// # Example
/// ```text
///   0 — 1 — 2      3
/// ```
/// ```
/// use clustergraph_core::{algo::harmonic, Csr, View, Work};
/// let csr = Csr::from_pairs(4, [(0, 1), (1, 0), (1, 2), (2, 1)].into_iter());
/// let h = harmonic(View::Undirected(&csr), Work::default()).unwrap();
/// assert_eq!(h, vec![1.5, 2.0, 1.5, 0.0]);
/// ```
pub fn harmonic(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    harmonic_with(view, work, None)
}

/// `parallel`: `None` decides by size; tests force both ways.
fn harmonic_with(view: View, work: Work, parallel: Option<bool>) -> Result<Vec<f64>, AlgoError> {
    level_counts(view.inn(), work, parallel, |acc: &mut f64, level, count| {
        *acc += count as f64 / f64::from(level);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{bits, on_1_2_4_threads, und as undirected};
    use crate::Csr;
    use proptest::prelude::*;

    /// Plain BFS distances from `s` (`u32::MAX` where unreachable), kept here so the tests
    /// do not depend on where the crate's own helpers live.
    fn bfs_distances(g: &Csr, s: u32) -> Vec<u32> {
        let mut dist = vec![u32::MAX; g.node_count()];
        let mut queue = std::collections::VecDeque::from([s]);
        dist[s as usize] = 0;
        while let Some(v) = queue.pop_front() {
            for &w in g.neighbours(v) {
                if dist[w as usize] == u32::MAX {
                    dist[w as usize] = dist[v as usize] + 1;
                    queue.push_back(w);
                }
            }
        }
        dist
    }

    /// NetworkX's loop: from every source, add `1 / d` into each target reached.
    fn naive(view: View) -> Vec<f64> {
        let n = view.node_count();
        let mut h = vec![0.0; n];
        for v in 0..n as u32 {
            for (u, &d) in bfs_distances(view.out(), v).iter().enumerate() {
                if d != 0 && d != u32::MAX {
                    h[u] += 1.0 / f64::from(d);
                }
            }
        }
        h
    }

    #[test]
    fn small_graphs_by_hand() {
        let empty = undirected(0, &[]);
        assert!(harmonic(View::Undirected(&empty), Work::default())
            .unwrap()
            .is_empty());
        let one = undirected(1, &[]);
        assert_eq!(
            harmonic(View::Undirected(&one), Work::default()).unwrap(),
            vec![0.0]
        );
        let star = undirected(4, &[(0, 1), (0, 2), (0, 3)]);
        assert_eq!(
            harmonic(View::Undirected(&star), Work::default()).unwrap(),
            vec![3.0, 2.0, 2.0, 2.0]
        );
        let k4 = undirected(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(
            harmonic(View::Undirected(&k4), Work::default()).unwrap(),
            vec![3.0; 4]
        );
        let two = undirected(5, &[(0, 1), (2, 3)]);
        assert_eq!(
            harmonic(View::Undirected(&two), Work::default()).unwrap(),
            vec![1.0, 1.0, 1.0, 1.0, 0.0]
        );
    }

    #[test]
    fn directed_uses_incoming_distance() {
        // 0 → 1 → 2: 2 is reached from 1 (d 1) and 0 (d 2).
        let out = Csr::from_pairs(3, [(0, 1), (1, 2)].into_iter());
        let inn = Csr::from_pairs(3, [(1, 0), (2, 1)].into_iter());
        let view = View::Directed {
            out: &out,
            inn: &inn,
        };
        assert_eq!(
            harmonic(view, Work::default()).unwrap(),
            vec![0.0, 1.0, 1.5]
        );
    }

    #[test]
    fn same_bits_on_any_number_of_threads() {
        let edges: Vec<(u32, u32)> = (0..3000u32)
            .map(|i| (i, (i * 7919 + 13) % 3000))
            .chain((0..3000u32).map(|i| (i, (i + 1) % 3000)))
            .collect();
        let csr = undirected(3000, &edges);
        let runs = on_1_2_4_threads(|| {
            bits(&harmonic_with(View::Undirected(&csr), Work::default(), Some(true)).unwrap())
        });
        assert!(runs.iter().all(|r| *r == runs[0]));
    }

    #[test]
    fn stops_when_cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let csr = undirected(3, &[(0, 1)]);
        assert_eq!(
            harmonic(View::Undirected(&csr), Work::new(&flag)),
            Err(AlgoError::Interrupted)
        );
    }

    proptest! {
        #[test]
        fn equals_networkx_loop(n in 1usize..150, edges in proptest::collection::vec((0u32..150, 0u32..150), 0..400), directed: bool) {
            let edges: Vec<(u32, u32)> = edges.into_iter().filter(|e| (e.0 as usize) < n && (e.1 as usize) < n).collect();
            let out = Csr::from_pairs(n, edges.iter().copied());
            let inn = Csr::from_pairs(n, edges.iter().map(|&(a, b)| (b, a)));
            let und = undirected(n, &edges);
            let view = if directed { View::Directed { out: &out, inn: &inn } } else { View::Undirected(&und) };
            let want = naive(view);
            for par in [false, true] {
                let got = harmonic_with(view, Work::default(), Some(par)).unwrap();
                for (g, w) in got.iter().zip(&want) {
                    prop_assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{} vs {}", g, w);
                }
            }
        }
    }
}
