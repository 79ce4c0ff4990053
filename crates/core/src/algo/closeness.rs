//! Closeness centrality, as NetworkX's `closeness_centrality` with its defaults.

use super::msbfs::level_counts;
use super::{AlgoError, View, Work};

/// Closeness centrality of every node, with the Wasserman–Faust correction for graphs of
/// several components (NetworkX's default `wf_improved=True`):
///
/// `C(u) = (r(u) / (n - 1)) · (r(u) / Σ_v d(v, u))`
///
/// where `r(u)` is the number of other nodes from which `u` can be reached and the sum runs
/// over them. On a directed view distances are **incoming** (`d(v, u)`, searching along
/// predecessors), as NetworkX does by default; on an undirected view the direction does not
/// matter. A node nothing reaches, and every node of a one-node graph, scores 0.
///
/// # Arguments
/// * `view`: the adjacency to measure on.
/// * `work`: polled between and during searches; progress is reported per 256 nodes.
///
/// # Returns
/// One value per node (index = view node index), in `[0, 1]`.
///
/// # Complexity
/// O(n·m / 256 · L) time in the worst case for `L` the number of distinct BFS levels a node is
/// reached at by 256 simultaneous searches (a handful in small-world graphs), O(n) memory per
/// thread. Parallel over batches of 256 sources.
///
/// # Example
/// ```text
///   0 — 1 — 2      3
/// ```
/// ```
/// use clustergraph_core::{algo::closeness, Csr, View, Work};
/// let csr = Csr::from_pairs(4, [(0, 1), (1, 0), (1, 2), (2, 1)].into_iter());
/// let c = closeness(View::Undirected(&csr), Work::default()).unwrap();
/// // Node 1 reaches 2 of the 3 others at total distance 2: (2/3)·(2/2).
/// assert!((c[1] - 2.0 / 3.0).abs() < 1e-12);
/// assert!((c[0] - (2.0 / 3.0) * (2.0 / 3.0)).abs() < 1e-12);
/// assert_eq!(c[3], 0.0);
/// ```
pub fn closeness(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    closeness_with(view, work, None)
}

/// `parallel`: `None` decides by size; tests force both ways.
fn closeness_with(view: View, work: Work, parallel: Option<bool>) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    let sums = level_counts(
        view.inn(),
        work,
        parallel,
        |acc: &mut (u64, u64), level, count| {
            acc.0 += count;
            acc.1 += u64::from(level) * count;
        },
    )?;
    Ok(sums
        .into_iter()
        .map(|(reached, total)| {
            if total == 0 || n <= 1 {
                return 0.0;
            }
            // NetworkX's order of operations, so that results agree to the last bit.
            let r = reached as f64;
            let c = r / total as f64;
            c * (r / (n - 1) as f64)
        })
        .collect())
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

    /// One plain BFS per node, NetworkX's formula spelled out.
    fn naive(view: View) -> Vec<f64> {
        let n = view.node_count();
        (0..n as u32)
            .map(|u| {
                let d = bfs_distances(view.inn(), u);
                let reach: Vec<u32> = d.into_iter().filter(|&x| x != u32::MAX).collect();
                let tot: u64 = reach.iter().map(|&x| u64::from(x)).sum();
                if tot == 0 || n <= 1 {
                    0.0
                } else {
                    let r = (reach.len() - 1) as f64;
                    (r / tot as f64) * (r / (n - 1) as f64)
                }
            })
            .collect()
    }

    #[test]
    fn small_graphs_by_hand() {
        let empty = undirected(0, &[]);
        assert!(closeness(View::Undirected(&empty), Work::default())
            .unwrap()
            .is_empty());
        let one = undirected(1, &[]);
        assert_eq!(
            closeness(View::Undirected(&one), Work::default()).unwrap(),
            vec![0.0]
        );
        let star = undirected(4, &[(0, 1), (0, 2), (0, 3)]);
        let c = closeness(View::Undirected(&star), Work::default()).unwrap();
        assert_eq!(c[0], 1.0);
        assert!((c[1] - 3.0 / 5.0).abs() < 1e-15);
        let k4 = undirected(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(
            closeness(View::Undirected(&k4), Work::default()).unwrap(),
            vec![1.0; 4]
        );
        // Two components: a pair and a triangle path, one isolated node.
        let two = undirected(6, &[(0, 1), (2, 3), (3, 4)]);
        let c = closeness(View::Undirected(&two), Work::default()).unwrap();
        assert!((c[0] - 1.0 / 5.0).abs() < 1e-15);
        assert!((c[3] - 2.0 / 5.0).abs() < 1e-15);
        assert_eq!(c[5], 0.0);
    }

    #[test]
    fn directed_uses_incoming_distance() {
        // 0 → 1 → 2: only 2 is reached by everyone.
        let out = Csr::from_pairs(3, [(0, 1), (1, 2)].into_iter());
        let inn = Csr::from_pairs(3, [(1, 0), (2, 1)].into_iter());
        let c = closeness(
            View::Directed {
                out: &out,
                inn: &inn,
            },
            Work::default(),
        )
        .unwrap();
        assert_eq!(c[0], 0.0);
        assert!((c[1] - 0.5).abs() < 1e-15);
        assert!((c[2] - (2.0 / 3.0)).abs() < 1e-15);
    }

    #[test]
    fn same_bits_on_any_number_of_threads() {
        let edges: Vec<(u32, u32)> = (0..3000u32)
            .map(|i| (i, (i * 7919 + 13) % 3000))
            .chain((0..3000u32).map(|i| (i, (i + 1) % 3000)))
            .collect();
        let csr = undirected(3000, &edges);
        let runs = on_1_2_4_threads(|| {
            bits(&closeness_with(View::Undirected(&csr), Work::default(), Some(true)).unwrap())
        });
        assert!(runs.iter().all(|r| *r == runs[0]));
    }

    #[test]
    fn several_batches_of_sources_equal_one_bfs_per_node() {
        // 700 nodes: three batches, the last one partial; sparse enough for long paths.
        let edges: Vec<(u32, u32)> = (0..700u32)
            .map(|i| (i, (i * 31 + 7) % 700))
            .chain((0..650u32).map(|i| (i, i + 1)))
            .collect();
        let out = Csr::from_pairs(700, edges.iter().copied());
        let inn = Csr::from_pairs(700, edges.iter().map(|&(a, b)| (b, a)));
        let und = undirected(700, &edges);
        for view in [
            View::Undirected(&und),
            View::Directed {
                out: &out,
                inn: &inn,
            },
        ] {
            for par in [false, true] {
                assert_eq!(
                    closeness_with(view, Work::default(), Some(par)).unwrap(),
                    naive(view)
                );
            }
        }
    }

    #[test]
    fn stops_when_cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let csr = undirected(3, &[(0, 1)]);
        assert_eq!(
            closeness(View::Undirected(&csr), Work::new(&flag)),
            Err(AlgoError::Interrupted)
        );
    }

    proptest! {
        #[test]
        fn equals_one_bfs_per_node(n in 1usize..150, edges in proptest::collection::vec((0u32..150, 0u32..150), 0..400), directed: bool) {
            let edges: Vec<(u32, u32)> = edges.into_iter().filter(|e| (e.0 as usize) < n && (e.1 as usize) < n).collect();
            let out = Csr::from_pairs(n, edges.iter().copied());
            let inn = Csr::from_pairs(n, edges.iter().map(|&(a, b)| (b, a)));
            let und = undirected(n, &edges);
            let view = if directed { View::Directed { out: &out, inn: &inn } } else { View::Undirected(&und) };
            let want = naive(view);
            for par in [false, true] {
                let got = closeness_with(view, Work::default(), Some(par)).unwrap();
                prop_assert_eq!(&got, &want);
            }
        }
    }
}
