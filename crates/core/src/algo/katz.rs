//! Katz centrality by iteration, as NetworkX's `katz_centrality` with its default arguments.

use super::chunked::{pass, pull, PARALLEL_ENTRIES};
use super::{AlgoError, View, Work};

/// NetworkX's defaults: attenuation, the constant each node gets, iteration limit, tolerance.
const ALPHA: f64 = 0.1;
const BETA: f64 = 1.0;
const MAX_ITER: usize = 1000;
const TOL: f64 = 1e-6;

/// Katz centrality of every node, equal to NetworkX's `katz_centrality(G)`: alpha 0.1,
/// beta 1, start from zeros, x ← alpha·A·x + beta until the L1 change is below n·1e-6 (at
/// most 1000 iterations), then divide by the Euclidean norm (`normalized=True`). On a
/// directed view a node sums its predecessors (in-edges).
///
/// The series converges only when the largest adjacency eigenvalue is below 1/alpha = 10
/// (e.g. not on a complete graph of 12 nodes): otherwise NetworkX raises
/// `PowerIterationFailedConvergence` and this returns `NotConverged`. Values grow without
/// bound there; once the change is infinite or NaN it can never fall below the tolerance
/// again (every term is non-negative), so the iteration stops at once with the same error
/// rather than after 1000 iterations.
///
/// Iterations run in fixed chunks of nodes, in parallel on large views, with sums added in
/// chunk order: the result does not depend on the number of threads.
///
/// # Arguments
/// - `view`: the graph; directed views use in-edges.
/// - `work`: checked and reported once per iteration.
///
/// # Returns
/// The centrality of each node (Euclidean norm 1); empty for an empty view.
///
/// # Complexity
/// O(k·(n + m)) time for k ≤ 1000 iterations, O(n) extra space.
///
/// # Example
/// ```
/// use clustergraph_core::algo::{katz, View, Work};
/// use clustergraph_core::Csr;
///
/// // A path 0-1-2-3.
/// let path = Csr::from_pairs(4, [(0, 1), (1, 2), (2, 3)].into_iter().flat_map(|(a, b)| [(a, b), (b, a)]));
/// let x = katz(View::Undirected(&path), Work::default()).unwrap();
/// // nx.katz_centrality(nx.path_graph(4))
/// assert!((x[0] - 0.4756515).abs() < 1e-6 && (x[1] - 0.5232166).abs() < 1e-6);
/// ```
pub fn katz(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let parallel = view.inn().entry_count() >= PARALLEL_ENTRIES;
    katz_with(view, work, parallel)
}

pub(crate) fn katz_with(view: View, work: Work, parallel: bool) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let inn = view.inn();
    let mut x = vec![0.0; n];
    let mut next = vec![0.0; n];
    for iter in 0..MAX_ITER {
        work.check()?;
        work.report(iter as u64, MAX_ITER as u64);
        let [err] = pass(&mut next, parallel, |first, c| {
            let mut err = 0.0;
            for (i, slot) in c.iter_mut().enumerate() {
                let v = first + i;
                *slot = ALPHA * pull(inn.neighbours(v as u32), &x) + BETA;
                err += (*slot - x[v]).abs();
            }
            [err]
        });
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * TOL {
            let [squares] = pass(&mut next, parallel, |first, c| {
                [x[first..first + c.len()].iter().map(|v| v * v).sum()]
            });
            let norm = match squares.sqrt() {
                0.0 => 1.0,
                s => s,
            };
            x.iter_mut().for_each(|v| *v /= norm);
            return Ok(x);
        }
        if !err.is_finite() {
            break;
        }
    }
    Err(AlgoError::NotConverged {
        algorithm: "katz",
        max_iter: MAX_ITER,
        tol: TOL,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{bits, on_1_2_4_threads, und};
    use crate::Csr;

    fn complete(n: u32) -> Csr {
        let e: Vec<(u32, u32)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
        und(n as usize, &e)
    }

    /// NetworkX's loop written plainly over arcs (u, v): v gains x[u]; all 1000 iterations.
    fn naive(n: usize, arcs: &[(u32, u32)]) -> Option<Vec<f64>> {
        let mut arcs = arcs.to_vec();
        arcs.retain(|a| a.0 != a.1);
        arcs.sort_unstable();
        arcs.dedup();
        let mut x = vec![0.0; n];
        for _ in 0..MAX_ITER {
            let mut y = vec![0.0; n];
            for &(u, v) in &arcs {
                y[v as usize] += x[u as usize];
            }
            y.iter_mut().for_each(|a| *a = ALPHA * *a + BETA);
            let err: f64 = y.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
            x = y;
            if err < n as f64 * TOL {
                let norm = x.iter().map(|a| a * a).sum::<f64>().sqrt();
                return Some(x.iter().map(|a| a / norm).collect());
            }
        }
        None
    }

    #[test]
    fn empty_isolated_and_complete() {
        let e = Csr::from_pairs(0, std::iter::empty());
        assert!(katz(View::Undirected(&e), Work::default())
            .unwrap()
            .is_empty());
        // nx.katz_centrality(nx.empty_graph(3)): 1/sqrt(3) each.
        let three = Csr::from_pairs(3, std::iter::empty());
        let x = katz(View::Undirected(&three), Work::default()).unwrap();
        assert!(x.iter().all(|&v| (v - 0.5773502691896258).abs() < 1e-15));
        // K10 has eigenvalue 9 < 10: converges to the uniform unit vector.
        let x = katz(View::Undirected(&complete(10)), Work::default()).unwrap();
        assert!(x.iter().all(|&v| (v - 0.31622776601683794).abs() < 1e-12));
    }

    #[test]
    fn diverges_on_k12_as_networkx_does() {
        // K12 has eigenvalue 11 > 1/alpha: NetworkX raises PowerIterationFailedConvergence.
        let x = katz(View::Undirected(&complete(12)), Work::default());
        assert_eq!(
            x,
            Err(AlgoError::NotConverged {
                algorithm: "katz",
                max_iter: 1000,
                tol: 1e-6
            })
        );
        assert!(naive(
            12,
            &(0..12)
                .flat_map(|a| (0..12).map(move |b| (a, b)))
                .collect::<Vec<_>>()
        )
        .is_none());
    }

    #[test]
    fn directed_path_matches_networkx() {
        // nx.katz_centrality(nx.DiGraph([(0, 1), (1, 2)])), NetworkX 3.6.
        let out = Csr::from_pairs(3, [(0, 1), (1, 2)].into_iter());
        let inn = Csr::from_pairs(3, [(1, 0), (2, 1)].into_iter());
        let x = katz(
            View::Directed {
                out: &out,
                inn: &inn,
            },
            Work::default(),
        )
        .unwrap();
        let nx = [0.5389993709611511, 0.5928993080572663, 0.5982893017668778];
        assert!(
            x.iter().zip(nx).all(|(a, b)| (a - b).abs() < 1e-12 * b),
            "{x:?}"
        );
    }

    #[test]
    fn same_bits_on_1_2_4_threads_and_serially() {
        let n = 20_000u32;
        let g = Csr::from_pairs(
            n as usize,
            (1..n).flat_map(|v| [(v, v / 2), (v / 2, v), (v, (v * 31) % n), ((v * 31) % n, v)]),
        );
        let view = View::Undirected(&g);
        let serial = katz_with(view, Work::default(), false).unwrap();
        for par in on_1_2_4_threads(|| katz_with(view, Work::default(), true).unwrap()) {
            assert_eq!(bits(&par), bits(&serial));
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_the_plain_iteration(arcs in proptest::collection::vec((0u32..14, 0u32..14), 0..120), directed: bool) {
            let n = 14;
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
                match (katz_with(view, Work::default(), parallel), &want) {
                    (Ok(got), Some(w)) => proptest::prop_assert!(got.iter().zip(w).all(|(a, b)| (a - b).abs() <= 1e-12 * b.abs())),
                    (Err(AlgoError::NotConverged { .. }), None) => {}
                    (got, w) => proptest::prop_assert!(false, "{:?} vs {:?}", got, w),
                }
            }
        }
    }
}
