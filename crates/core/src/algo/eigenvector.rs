//! Eigenvector centrality by power iteration, as NetworkX's `eigenvector_centrality`.

use super::chunked::{pass, pull, PARALLEL_ENTRIES};
use super::{AlgoError, View, Work};

/// NetworkX's defaults.
const MAX_ITER: usize = 100;
const TOL: f64 = 1e-6;

/// Eigenvector centrality of every node, equal to NetworkX's `eigenvector_centrality(G)`.
///
/// As NetworkX does: start from the uniform vector 1/n, iterate x ← (A + I)·x (the identity
/// shift keeps bipartite graphs from oscillating; it does not change the eigenvector), divide
/// by the Euclidean norm (by 1 if it is 0), and stop once the L1 change is below n·1e-6. On a
/// directed view a node sums its predecessors (in-edges), NetworkX's left eigenvector.
///
/// Iterations run in fixed chunks of nodes, in parallel on large views, with the norm and
/// the change added in chunk order: the result does not depend on the number of threads.
///
/// # Arguments
/// - `view`: the graph; directed views use in-edges.
/// - `work`: checked and reported once per iteration.
///
/// # Returns
/// The centrality of each node (Euclidean norm 1); empty for an empty view (NetworkX raises
/// `NetworkXPointlessConcept` there). `AlgoError::NotConverged` after 100 iterations.
///
/// # Complexity
/// O(k·(n + m)) time for k ≤ 100 iterations, O(n) extra space.
///
/// # Example
/// ```
/// use clustergraph_core::algo::{eigenvector, View, Work};
/// use clustergraph_core::Csr;
///
/// // A triangle 0-1-2 with a pendant 3 on node 0.
/// //   1
/// //  / \
/// // 2---0---3
/// let g = Csr::from_pairs(4, [(0, 1), (1, 2), (2, 0), (0, 3)].into_iter().flat_map(|(a, b)| [(a, b), (b, a)]));
/// let x = eigenvector(View::Undirected(&g), Work::default()).unwrap();
/// assert!(x[0] > x[1] && (x[1] - x[2]).abs() < 1e-12 && x[1] > x[3]);
/// assert!((x.iter().map(|v| v * v).sum::<f64>() - 1.0).abs() < 1e-12);
/// ```
pub fn eigenvector(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let parallel = view.inn().entry_count() >= PARALLEL_ENTRIES;
    eigenvector_with(view, work, parallel)
}

pub(crate) fn eigenvector_with(
    view: View,
    work: Work,
    parallel: bool,
) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let inn = view.inn();
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for iter in 0..MAX_ITER {
        work.check()?;
        work.report(iter as u64, MAX_ITER as u64);
        let [squares] = pass(&mut next, parallel, |first, c| {
            let mut squares = 0.0;
            for (i, slot) in c.iter_mut().enumerate() {
                let v = first + i;
                *slot = x[v] + pull(inn.neighbours(v as u32), &x);
                squares += *slot * *slot;
            }
            [squares]
        });
        let norm = match squares.sqrt() {
            0.0 => 1.0,
            s => s,
        };
        let [err] = pass(&mut next, parallel, |first, c| {
            let mut err = 0.0;
            for (i, slot) in c.iter_mut().enumerate() {
                *slot /= norm;
                err += (*slot - x[first + i]).abs();
            }
            [err]
        });
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * TOL {
            return Ok(x);
        }
    }
    Err(AlgoError::NotConverged {
        algorithm: "eigenvector",
        max_iter: MAX_ITER,
        tol: TOL,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{bits, on_1_2_4_threads, und};
    use crate::Csr;

    /// NetworkX's loop written plainly over arcs (u, v): v gains x[u].
    fn naive(n: usize, arcs: &[(u32, u32)]) -> Option<Vec<f64>> {
        let mut arcs = arcs.to_vec();
        arcs.retain(|a| a.0 != a.1);
        arcs.sort_unstable();
        arcs.dedup();
        let mut x = vec![1.0 / n as f64; n];
        for _ in 0..MAX_ITER {
            let mut y = x.clone();
            for &(u, v) in &arcs {
                y[v as usize] += x[u as usize];
            }
            let norm = y.iter().map(|a| a * a).sum::<f64>().sqrt();
            let norm = if norm == 0.0 { 1.0 } else { norm };
            y.iter_mut().for_each(|a| *a /= norm);
            let err: f64 = y.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
            x = y;
            if err < n as f64 * TOL {
                return Some(x);
            }
        }
        None
    }

    #[test]
    fn empty_single_and_complete() {
        let e = Csr::from_pairs(0, std::iter::empty());
        assert!(eigenvector(View::Undirected(&e), Work::default())
            .unwrap()
            .is_empty());
        let one = Csr::from_pairs(1, std::iter::empty());
        assert_eq!(
            eigenvector(View::Undirected(&one), Work::default()).unwrap(),
            vec![1.0]
        );
        let k4 = und(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        let x = eigenvector(View::Undirected(&k4), Work::default()).unwrap();
        assert!(x.iter().all(|&v| (v - 0.5).abs() < 1e-12));
    }

    #[test]
    fn star_and_path_match_networkx() {
        // nx.eigenvector_centrality(nx.star_graph(3)) and (nx.path_graph(4)), NetworkX 3.6.
        let star = und(4, &[(0, 1), (0, 2), (0, 3)]);
        let x = eigenvector(View::Undirected(&star), Work::default()).unwrap();
        let nx = [
            0.707106878039843,
            0.40824823454557924,
            0.40824823454557924,
            0.40824823454557924,
        ];
        assert!(
            x.iter().zip(nx).all(|(a, b)| (a - b).abs() < 1e-12 * b),
            "{x:?}"
        );
        let path = und(4, &[(0, 1), (1, 2), (2, 3)]);
        let x = eigenvector(View::Undirected(&path), Work::default()).unwrap();
        let nx = [
            0.37174823427120085,
            0.6015008315175003,
            0.6015008315175004,
            0.3717482342712008,
        ];
        assert!(
            x.iter().zip(nx).all(|(a, b)| (a - b).abs() < 1e-12 * b),
            "{x:?}"
        );
    }

    #[test]
    fn directed_sink_does_not_converge_as_in_networkx() {
        // 0 → 2 ← 1: the shifted matrix has eigenvalue 1 three times and no dominant one;
        // nx.eigenvector_centrality(nx.DiGraph([(0, 2), (1, 2)])) raises
        // PowerIterationFailedConvergence.
        let out = Csr::from_pairs(3, [(0, 2), (1, 2)].into_iter());
        let inn = Csr::from_pairs(3, [(2, 0), (2, 1)].into_iter());
        let x = eigenvector(
            View::Directed {
                out: &out,
                inn: &inn,
            },
            Work::default(),
        );
        assert!(
            matches!(x, Err(AlgoError::NotConverged { max_iter: 100, .. })),
            "{x:?}"
        );
        assert!(naive(3, &[(0, 2), (1, 2)]).is_none());
    }

    #[test]
    fn same_bits_on_1_2_4_threads_and_serially() {
        let n = 20_000u32;
        let g = Csr::from_pairs(
            n as usize,
            (1..n).flat_map(|v| [(v, v / 2), (v / 2, v), (v, (v * 31) % n), ((v * 31) % n, v)]),
        );
        let view = View::Undirected(&g);
        let serial = eigenvector_with(view, Work::default(), false);
        for par in on_1_2_4_threads(|| eigenvector_with(view, Work::default(), true)) {
            match (&serial, &par) {
                (Ok(s), Ok(p)) => assert_eq!(bits(s), bits(p)),
                (s, p) => assert_eq!(s, p),
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_the_plain_iteration(arcs in proptest::collection::vec((0u32..10, 0u32..10), 0..30), directed: bool) {
            let n = 10;
            let out = Csr::from_pairs(n, arcs.iter().copied());
            let inn = Csr::from_pairs(n, arcs.iter().map(|&(a, b)| (b, a)));
            let both = Csr::from_pairs(n, arcs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
            let (view, all): (View, Vec<(u32, u32)>) = if directed {
                (View::Directed { out: &out, inn: &inn }, arcs.clone())
            } else {
                (View::Undirected(&both), arcs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect())
            };
            let want = naive(n, &all);
            for parallel in [false, true] {
                match (eigenvector_with(view, Work::default(), parallel), &want) {
                    (Ok(got), Some(w)) => proptest::prop_assert!(got.iter().zip(w).all(|(a, b)| (a - b).abs() <= 1e-12 * b.abs().max(1e-300))),
                    (Err(AlgoError::NotConverged { .. }), None) => {}
                    (got, w) => proptest::prop_assert!(false, "{:?} vs {:?}", got, w),
                }
            }
        }
    }
}
