//! PageRank by power iteration, as NetworkX's `pagerank` with its default arguments.

use super::chunked::{pass, pull, PARALLEL_ENTRIES};
use super::{AlgoError, View, Work};

/// NetworkX's defaults: damping, iteration limit and (per node) tolerance.
const ALPHA: f64 = 0.85;
const MAX_ITER: usize = 100;
const TOL: f64 = 1e-6;

/// PageRank of every node, equal to NetworkX's `pagerank(G)` (alpha 0.85, uniform start and
/// personalisation, the mass of dangling nodes spread uniformly, at most 100 iterations,
/// stopping once the L1 change is below N·1e-6).
///
/// Undirected views count each edge both ways. As NetworkX's current implementation
/// (`_pagerank_scipy`) does, the last iterate is returned as it is, not renormalised.
///
/// Each iteration *pulls* over in-neighbours: an O(n) pass stores every node's contribution
/// `x[u] / outdeg(u)` in one array (and sums the dangling mass), then an O(m) pass sums the
/// contributions of each node's in-neighbours. Both run in fixed chunks of nodes, in parallel
/// on large views, with the global sums added in chunk order, so the result is the same bit
/// for bit on any number of threads.
///
/// # Arguments
/// - `view`: the graph; directed views follow edge directions.
/// - `work`: checked once per iteration; progress is reported per iteration.
///
/// # Returns
/// The score of each node (summing to about 1); empty for an empty view.
/// `AlgoError::NotConverged` after 100 iterations without convergence (NetworkX raises
/// `PowerIterationFailedConvergence`), `AlgoError::Interrupted` when stopped.
///
/// # Complexity
/// O(k·(n + m)) time for k ≤ 100 iterations, O(n) extra space.
///
/// # Example
/// ```
/// use clustergraph_core::algo::{pagerank, View, Work};
/// use clustergraph_core::Csr;
///
/// // A star: 0 in the middle.
/// //   1
/// //   |
/// // 2-0-3
/// let star = Csr::from_pairs(4, [(0, 1), (0, 2), (0, 3)].into_iter().flat_map(|(a, b)| [(a, b), (b, a)]));
/// let pr = pagerank(View::Undirected(&star), Work::default()).unwrap();
/// assert!((pr[0] - 0.479731).abs() < 1e-6);
/// assert!((pr[1] - 0.173423).abs() < 1e-6);
/// ```
pub fn pagerank(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let parallel = view.inn().entry_count() >= PARALLEL_ENTRIES;
    pagerank_with(view, work, parallel)
}

pub(crate) fn pagerank_with(view: View, work: Work, parallel: bool) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let (out, inn) = (view.out(), view.inn());
    // 0 marks a dangling node: its contribution is 0 and its mass goes into the dangling sum.
    let inv_out: Vec<f64> = (0..n as u32)
        .map(|v| match out.degree(v) {
            0 => 0.0,
            d => 1.0 / d as f64,
        })
        .collect();
    let uniform = 1.0 / n as f64;
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    let mut contrib = vec![0.0; n];
    for iter in 0..MAX_ITER {
        work.check()?;
        work.report(iter as u64, MAX_ITER as u64);
        let [dangling] = pass(&mut contrib, parallel, |first, c| {
            let mut dangling = 0.0;
            for (i, slot) in c.iter_mut().enumerate() {
                let v = first + i;
                *slot = x[v] * inv_out[v];
                if inv_out[v] == 0.0 {
                    dangling += x[v];
                }
            }
            [dangling]
        });
        // The same expression as NetworkX's alpha * (x @ A + dangling * p) + (1 - alpha) * p.
        let spread = dangling * uniform;
        let teleport = (1.0 - ALPHA) * uniform;
        let [err] = pass(&mut next, parallel, |first, c| {
            let mut err = 0.0;
            for (i, slot) in c.iter_mut().enumerate() {
                let v = first + i;
                let s = pull(inn.neighbours(v as u32), &contrib);
                *slot = ALPHA * (s + spread) + teleport;
                err += (*slot - x[v]).abs();
            }
            [err]
        });
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * TOL {
            return Ok(x);
        }
    }
    Err(AlgoError::NotConverged {
        algorithm: "pagerank",
        max_iter: MAX_ITER,
        tol: TOL,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{bits, on_1_2_4_threads, und};
    use crate::Csr;

    /// NetworkX's algorithm written plainly: push along out-edges, one node at a time.
    fn naive(n: usize, arcs: &[(u32, u32)]) -> Option<Vec<f64>> {
        let mut arcs = arcs.to_vec();
        arcs.retain(|a| a.0 != a.1);
        arcs.sort_unstable();
        arcs.dedup();
        let mut outdeg = vec![0usize; n];
        for a in &arcs {
            outdeg[a.0 as usize] += 1;
        }
        let mut x = vec![1.0 / n as f64; n];
        for _ in 0..MAX_ITER {
            let d: f64 = (0..n).filter(|&v| outdeg[v] == 0).map(|v| x[v]).sum();
            let mut y = vec![0.0; n];
            for a in &arcs {
                y[a.1 as usize] += x[a.0 as usize] / outdeg[a.0 as usize] as f64;
            }
            for yv in y.iter_mut() {
                *yv = ALPHA * (*yv + d / n as f64) + (1.0 - ALPHA) / n as f64;
            }
            let err: f64 = (0..n).map(|v| (y[v] - x[v]).abs()).sum();
            x = y;
            if err < n as f64 * TOL {
                return Some(x);
            }
        }
        None
    }

    fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= tol * y.abs().max(1e-300))
    }

    #[test]
    fn empty_single_and_isolated() {
        let e = Csr::from_pairs(0, std::iter::empty());
        assert!(pagerank(View::Undirected(&e), Work::default())
            .unwrap()
            .is_empty());
        let one = Csr::from_pairs(1, std::iter::empty());
        assert_eq!(
            pagerank(View::Undirected(&one), Work::default()).unwrap(),
            vec![1.0]
        );
        // Only dangling nodes: the uniform vector is already the fixed point.
        let three = Csr::from_pairs(3, std::iter::empty());
        let pr = pagerank(View::Undirected(&three), Work::default()).unwrap();
        assert!(pr.iter().all(|&p| (p - 1.0 / 3.0).abs() < 1e-15));
    }

    #[test]
    fn complete_graph_is_uniform_and_path_is_symmetric() {
        let k4 = und(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        let pr = pagerank(View::Undirected(&k4), Work::default()).unwrap();
        assert!(pr.iter().all(|&p| (p - 0.25).abs() < 1e-12));
        let path = und(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let pr = pagerank(View::Undirected(&path), Work::default()).unwrap();
        assert!((pr[0] - pr[4]).abs() < 1e-12 && (pr[1] - pr[3]).abs() < 1e-12);
        assert!(pr[0] < pr[2] && pr[2] < pr[1]);
    }

    #[test]
    fn directed_path_matches_networkx() {
        // nx.pagerank(nx.DiGraph([(0, 1), (1, 2)])), printed by NetworkX 3.6.
        let out = Csr::from_pairs(3, [(0, 1), (1, 2)].into_iter());
        let inn = Csr::from_pairs(3, [(1, 0), (2, 1)].into_iter());
        let pr = pagerank(
            View::Directed {
                out: &out,
                inn: &inn,
            },
            Work::default(),
        )
        .unwrap();
        let nx = [0.1844167633067642, 0.3411716203526378, 0.47441161634059764];
        assert!(close(&pr, &nx, 1e-12), "{pr:?}");
    }

    #[test]
    fn interrupted() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let g = und(2, &[(0, 1)]);
        assert_eq!(
            pagerank(View::Undirected(&g), Work::new(&flag)),
            Err(AlgoError::Interrupted)
        );
    }

    #[test]
    fn same_bits_on_1_2_4_threads_and_serially() {
        // A few hundred chunks' worth of a scale-free-ish graph with dangling nodes.
        let n = 20_000u32;
        let arcs: Vec<(u32, u32)> = (1..n)
            .flat_map(|v| [(v, v / 3), (v, (v * 7919) % n)])
            .collect();
        let out = Csr::from_pairs(n as usize, arcs.iter().copied());
        let inn = Csr::from_pairs(n as usize, arcs.iter().map(|&(a, b)| (b, a)));
        let view = View::Directed {
            out: &out,
            inn: &inn,
        };
        let serial = pagerank_with(view, Work::default(), false).unwrap();
        for par in on_1_2_4_threads(|| pagerank_with(view, Work::default(), true).unwrap()) {
            assert_eq!(bits(&par), bits(&serial));
        }
    }

    /// Times PageRank on soc-Slashdot0902 (82k nodes, 504k undirected edges, 948k arcs).
    #[test]
    #[ignore = "timing on a shared data set: cargo test --release -- --ignored pagerank_on_slashdot"]
    fn pagerank_on_slashdot() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/soc-Slashdot0902.el.gz");
        let g = crate::open(&path).expect("the shared data set");
        let und = Csr::undirected(&g, |_| true);
        let out = Csr::directed(&g, false, |_| true);
        let inn = Csr::directed(&g, true, |_| true);
        for (name, view) in [
            ("undirected", View::Undirected(&und)),
            (
                "directed",
                View::Directed {
                    out: &out,
                    inn: &inn,
                },
            ),
        ] {
            for _ in 0..3 {
                let t = std::time::Instant::now();
                let pr = pagerank(view, Work::default()).unwrap();
                eprintln!(
                    "slashdot pagerank {name}: {:?} (sum {:.6})",
                    t.elapsed(),
                    pr.iter().sum::<f64>()
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_the_plain_push_iteration(arcs in proptest::collection::vec((0u32..12, 0u32..12), 0..40), directed: bool) {
            let n = 12;
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
                match (pagerank_with(view, Work::default(), parallel), &want) {
                    (Ok(got), Some(w)) => proptest::prop_assert!(close(&got, w, 1e-12), "{:?} {:?}", got, w),
                    (Err(AlgoError::NotConverged { .. }), None) => {}
                    (got, w) => proptest::prop_assert!(false, "{:?} vs {:?}", got, w),
                }
            }
        }
    }
}
