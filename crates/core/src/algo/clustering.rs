//! Local clustering coefficient, as NetworkX's `clustering` with its defaults.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::{AlgoError, View, Work};

/// Below this many list entries the nodes are done on the calling thread.
const PARALLEL_THRESHOLD: usize = 1 << 15;

/// Nodes per unit of parallel work (and per interruption check).
const CHUNK: usize = 256;

/// The local clustering coefficient of every node.
///
/// Undirected: `c(u) = 2·T(u) / (d(u)·(d(u) - 1))` for `T(u)` the triangles through `u` and
/// `d(u)` its degree; 0 when `d(u) < 2`. Directed: Fagiolo's coefficient, exactly as NetworkX
/// computes it, `c(u) = T(u) / (2·(d(u)·(d(u) - 1) - 2·d↔(u)))` where `T(u)` is the
/// `(u, u)` entry of `(A + Aᵀ)³`, `d(u)` is in-degree plus out-degree and `d↔(u)` the number
/// of neighbours linked both ways; 0 when `T(u) = 0`.
///
/// # Arguments
/// * `view`: the adjacency to measure on.
/// * `work`: polled every few hundred nodes; progress is reported as often.
///
/// # Returns
/// One value per node (index = view node index), in `[0, 1]`.
///
/// # Complexity
/// O(Σ_(u,v) d(v)) time (each neighbour's list is scanned against a marker array holding the
/// node's own neighbours), O(n) memory per thread. Parallel over nodes; each node's value is
/// computed on one thread, so results do not depend on the number of threads.
///
/// # Example
/// ```text
///   0 — 1
///   | ╱
///   2 — 3
/// ```
/// ```
/// use clustergraph_core::{algo::clustering, Csr, View, Work};
/// let e = [(0, 1), (0, 2), (1, 2), (2, 3)];
/// let csr = Csr::from_pairs(4, e.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
/// let c = clustering(View::Undirected(&csr), Work::default()).unwrap();
/// assert_eq!(c, vec![1.0, 1.0, 1.0 / 3.0, 0.0]);
/// ```
pub fn clustering(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    clustering_with(view, work, None)
}

/// `parallel`: `None` decides by size; tests force both ways.
fn clustering_with(view: View, work: Work, parallel: Option<bool>) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    let parallel = parallel
        .unwrap_or(view.out().entry_count() + view.inn().entry_count() >= PARALLEL_THRESHOLD);
    let mut out = vec![0.0; n];
    let done = AtomicU64::new(0);
    let run = |mark: &mut Vec<u32>, (c, slot): (usize, &mut [f64])| -> Result<(), AlgoError> {
        work.check()?;
        for (i, x) in slot.iter_mut().enumerate() {
            let v = (c * CHUNK + i) as u32;
            *x = match view {
                View::Undirected(csr) => undirected_one(csr, v, mark),
                View::Directed { out, inn } => directed_one(out, inn, v, mark),
            };
        }
        let d = done.fetch_add(slot.len() as u64, Ordering::Relaxed) + slot.len() as u64;
        work.report(d, n as u64);
        Ok(())
    };
    if parallel {
        out.par_chunks_mut(CHUNK)
            .enumerate()
            .try_for_each_init(|| vec![0u32; n], run)?;
    } else {
        let mut mark = vec![0u32; n];
        out.chunks_mut(CHUNK)
            .enumerate()
            .try_for_each(|c| run(&mut mark, c))?;
    }
    Ok(out)
}

/// `mark` is all-zero on entry and on return.
fn undirected_one(csr: &crate::Csr, v: u32, mark: &mut [u32]) -> f64 {
    let nbrs = csr.neighbours(v);
    let d = nbrs.len() as u64;
    if d < 2 {
        return 0.0;
    }
    for &j in nbrs {
        mark[j as usize] = 1;
    }
    // Each triangle {v, j, k} once, from the smaller of the other two (j < k): the lists are
    // sorted, so the part of j's list above j starts at a binary-searched point.
    let mut t = 0u64;
    for &j in nbrs {
        let nj = csr.neighbours(j);
        let from = nj.partition_point(|&k| k <= j);
        for &k in &nj[from..] {
            t += u64::from(mark[k as usize]);
        }
    }
    for &j in nbrs {
        mark[j as usize] = 0;
    }
    // As NetworkX: twice the triangles over d(d-1), both integers converted exactly.
    (2 * t) as f64 / (d * (d - 1)) as f64
}

/// `mark[k]` = number of directions in which v and k are linked (0, 1 or 2); all-zero on entry
/// and on return.
fn directed_one(out: &crate::Csr, inn: &crate::Csr, v: u32, mark: &mut [u32]) -> f64 {
    let (succ, pred) = (out.neighbours(v), inn.neighbours(v));
    for &k in succ.iter().chain(pred) {
        mark[k as usize] += 1;
    }
    let mut t = 0u64;
    for &j in succ.iter().chain(pred) {
        for &k in out.neighbours(j).iter().chain(inn.neighbours(j)) {
            t += u64::from(mark[k as usize]);
        }
    }
    let mut both = 0u64;
    for &k in succ {
        both += u64::from(mark[k as usize] == 2);
    }
    for &k in succ.iter().chain(pred) {
        mark[k as usize] = 0;
    }
    if t == 0 {
        return 0.0;
    }
    let dt = (succ.len() + pred.len()) as i64;
    let denom = (dt * (dt - 1) - 2 * both as i64) * 2;
    t as f64 / denom as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Csr;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn undirected(n: usize, edges: &[(u32, u32)]) -> Csr {
        Csr::from_pairs(n, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]))
    }

    fn set(xs: &[u32]) -> BTreeSet<u32> {
        xs.iter().copied().collect()
    }

    /// NetworkX's formulas with sets, written out.
    fn naive(view: View) -> Vec<f64> {
        let n = view.node_count() as u32;
        (0..n)
            .map(|i| match view {
                View::Undirected(c) => {
                    let vs = set(c.neighbours(i));
                    let t: usize = vs
                        .iter()
                        .map(|&w| vs.intersection(&set(c.neighbours(w))).count())
                        .sum();
                    let d = vs.len();
                    if t == 0 {
                        0.0
                    } else {
                        t as f64 / (d * (d - 1)) as f64
                    }
                }
                View::Directed { out, inn } => {
                    let (ip, is) = (set(inn.neighbours(i)), set(out.neighbours(i)));
                    let mut t = 0usize;
                    for &j in ip.iter().chain(&is) {
                        let (jp, js) = (set(inn.neighbours(j)), set(out.neighbours(j)));
                        t += ip.intersection(&jp).count()
                            + ip.intersection(&js).count()
                            + is.intersection(&jp).count()
                            + is.intersection(&js).count();
                    }
                    let dt = (ip.len() + is.len()) as i64;
                    let db = ip.intersection(&is).count() as i64;
                    if t == 0 {
                        0.0
                    } else {
                        t as f64 / ((dt * (dt - 1) - 2 * db) * 2) as f64
                    }
                }
            })
            .collect()
    }

    #[test]
    fn small_graphs_by_hand() {
        let empty = undirected(0, &[]);
        assert!(clustering(View::Undirected(&empty), Work::default())
            .unwrap()
            .is_empty());
        let one = undirected(1, &[]);
        assert_eq!(
            clustering(View::Undirected(&one), Work::default()).unwrap(),
            vec![0.0]
        );
        let star = undirected(4, &[(0, 1), (0, 2), (0, 3)]);
        assert_eq!(
            clustering(View::Undirected(&star), Work::default()).unwrap(),
            vec![0.0; 4]
        );
        let k4 = undirected(5, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(
            clustering(View::Undirected(&k4), Work::default()).unwrap(),
            vec![1.0, 1.0, 1.0, 1.0, 0.0]
        );
    }

    #[test]
    fn directed_triangle_and_mutual_pair() {
        // A cycle 0 → 1 → 2 → 0: T = 2, d = 2, no mutual links: 2 / (2·2) = 0.5.
        let cyc = [(0u32, 1u32), (1, 2), (2, 0)];
        let out = Csr::from_pairs(3, cyc.iter().copied());
        let inn = Csr::from_pairs(3, cyc.iter().map(|&(a, b)| (b, a)));
        let view = View::Directed {
            out: &out,
            inn: &inn,
        };
        assert_eq!(clustering(view, Work::default()).unwrap(), vec![0.5; 3]);
        // A single mutual pair has no triangles, and its denominator is 0: NetworkX gives 0.
        let pair = [(0u32, 1u32), (1, 0)];
        let out = Csr::from_pairs(2, pair.iter().copied());
        let view = View::Directed {
            out: &out,
            inn: &out,
        };
        assert_eq!(clustering(view, Work::default()).unwrap(), vec![0.0; 2]);
    }

    #[test]
    fn same_bits_on_any_number_of_threads() {
        let edges: Vec<(u32, u32)> = (0..3000u32)
            .flat_map(|i| {
                [
                    (i, (i * 7919 + 13) % 3000),
                    (i, (i + 1) % 3000),
                    (i, (i + 2) % 3000),
                ]
            })
            .collect();
        let out = Csr::from_pairs(3000, edges.iter().copied());
        let inn = Csr::from_pairs(3000, edges.iter().map(|&(a, b)| (b, a)));
        let und = undirected(3000, &edges);
        for view in [
            View::Undirected(&und),
            View::Directed {
                out: &out,
                inn: &inn,
            },
        ] {
            let runs: Vec<Vec<u64>> = [1, 2, 4]
                .iter()
                .map(|&k| {
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(k)
                        .build()
                        .unwrap();
                    pool.install(|| clustering_with(view, Work::default(), Some(true)))
                        .unwrap()
                        .into_iter()
                        .map(f64::to_bits)
                        .collect()
                })
                .collect();
            assert_eq!(runs[0], runs[1]);
            assert_eq!(runs[0], runs[2]);
        }
    }

    #[test]
    fn stops_when_cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let csr = undirected(3, &[(0, 1)]);
        assert_eq!(
            clustering(View::Undirected(&csr), Work::new(&flag)),
            Err(AlgoError::Interrupted)
        );
    }

    proptest! {
        #[test]
        fn equals_set_formulas(n in 1usize..60, edges in proptest::collection::vec((0u32..60, 0u32..60), 0..300), directed: bool) {
            let edges: Vec<(u32, u32)> = edges.into_iter().filter(|e| (e.0 as usize) < n && (e.1 as usize) < n).collect();
            let out = Csr::from_pairs(n, edges.iter().copied());
            let inn = Csr::from_pairs(n, edges.iter().map(|&(a, b)| (b, a)));
            let und = undirected(n, &edges);
            let view = if directed { View::Directed { out: &out, inn: &inn } } else { View::Undirected(&und) };
            let want = naive(view);
            for par in [false, true] {
                prop_assert_eq!(&clustering_with(view, Work::default(), Some(par)).unwrap(), &want);
            }
        }
    }
}
