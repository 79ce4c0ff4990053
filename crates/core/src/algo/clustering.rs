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
/// O(m·√m) time at worst, far less on real graphs: each triangle is found once, from its
/// lowest-ranked node, by orienting every edge from the lower to the higher (degree, index)
/// rank and scanning each out-neighbour's out-list against a marker array (Latapy's
/// "compact-forward", "Main-memory triangle computations for very large (sparse
/// (power-law)) graphs", 2008). O(n + m) memory, plus O(n) per thread. Parallel over nodes;
/// the counts are integers, added atomically, so results do not depend on the number of
/// threads.
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
    let fwd = Forward::new(view);
    // t[u] = Σ over triangles {u, v, w} of M_uv·M_vw·M_wu, M = A + Aᵀ (all 1 when undirected).
    let t: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    let done = AtomicU64::new(0);
    let run = |mark: &mut Vec<u8>, c: usize| -> Result<(), AlgoError> {
        work.check()?;
        let nodes = c * CHUNK..((c + 1) * CHUNK).min(n);
        let len = nodes.len() as u64;
        for u in nodes {
            fwd.triangles_from(u, mark, &t);
        }
        work.report(done.fetch_add(len, Ordering::Relaxed) + len, n as u64);
        Ok(())
    };
    let chunks = n.div_ceil(CHUNK);
    if parallel {
        (0..chunks)
            .into_par_iter()
            .try_for_each_init(|| vec![0u8; n], run)?;
    } else {
        let mut mark = vec![0u8; n];
        (0..chunks).try_for_each(|c| run(&mut mark, c))?;
    }
    Ok((0..n as u32)
        .zip(t)
        .map(|(v, t)| {
            let t = t.into_inner();
            if t == 0 {
                return 0.0;
            }
            match view {
                // NetworkX divides 2T by d(d - 1), both integers converted exactly.
                View::Undirected(csr) => {
                    let d = csr.degree(v) as u64;
                    (2 * t) as f64 / (d * (d - 1)) as f64
                }
                // NetworkX's directed count is (M³)_vv, which holds every triangle twice.
                View::Directed { out, inn } => {
                    let dt = (out.degree(v) + inn.degree(v)) as u64;
                    let both = mutual(out.neighbours(v), inn.neighbours(v));
                    (2 * t) as f64 / ((dt * (dt - 1) - 2 * both) * 2) as f64
                }
            }
        })
        .collect())
}

/// The number of values in both sorted lists.
fn mutual(a: &[u32], b: &[u32]) -> u64 {
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                k += 1;
                i += 1;
                j += 1;
            }
        }
    }
    k
}

/// The undirected skeleton with each edge kept once, from its lower- to its higher-ranked end
/// (rank = (degree, index)), weighted by the number of directions it has (1 or 2; always 1
/// on an undirected view). Out-degrees are then at most √(2m).
struct Forward {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<u8>,
}

impl Forward {
    fn new(view: View) -> Forward {
        let n = view.node_count();
        let deg = |v: u32| match view {
            View::Undirected(c) => c.degree(v),
            View::Directed { out, inn } => out.degree(v) + inn.degree(v),
        };
        let above = |u: u32, w: u32| (deg(w), w) > (deg(u), u);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        offsets.push(0);
        for u in 0..n as u32 {
            match view {
                View::Undirected(c) => {
                    for &w in c.neighbours(u) {
                        if above(u, w) {
                            targets.push(w);
                            weights.push(1);
                        }
                    }
                }
                View::Directed { out, inn } => {
                    // Merge the two sorted lists, counting a neighbour present in both twice.
                    let (a, b) = (out.neighbours(u), inn.neighbours(u));
                    let (mut i, mut j) = (0, 0);
                    while i < a.len() || j < b.len() {
                        let x = a.get(i).copied().unwrap_or(u32::MAX);
                        let y = b.get(j).copied().unwrap_or(u32::MAX);
                        let w = x.min(y);
                        let wt = u8::from(x == w) + u8::from(y == w);
                        i += usize::from(x == w);
                        j += usize::from(y == w);
                        if above(u, w) {
                            targets.push(w);
                            weights.push(wt);
                        }
                    }
                }
            }
            offsets.push(targets.len());
        }
        Forward {
            offsets,
            targets,
            weights,
        }
    }

    fn list(&self, u: usize) -> (&[u32], &[u8]) {
        let r = self.offsets[u]..self.offsets[u + 1];
        (&self.targets[r.clone()], &self.weights[r])
    }

    /// Adds every triangle whose lowest-ranked node is `u` into `t` of its three nodes.
    /// `mark` is all-zero on entry and on return.
    fn triangles_from(&self, u: usize, mark: &mut [u8], t: &[AtomicU64]) {
        let (us, uw) = self.list(u);
        if us.len() < 2 {
            return;
        }
        for (&w, &wt) in us.iter().zip(uw) {
            mark[w as usize] = wt;
        }
        let mut own = 0u64;
        for (&v, &uv) in us.iter().zip(uw) {
            let (vs, vw) = self.list(v as usize);
            let mut at_v = 0u64;
            for (&w, &wt) in vs.iter().zip(vw) {
                let m = mark[w as usize];
                if m != 0 {
                    let p = u64::from(uv) * u64::from(wt) * u64::from(m);
                    at_v += p;
                    t[w as usize].fetch_add(p, Ordering::Relaxed);
                }
            }
            if at_v != 0 {
                own += at_v;
                t[v as usize].fetch_add(at_v, Ordering::Relaxed);
            }
        }
        if own != 0 {
            t[u].fetch_add(own, Ordering::Relaxed);
        }
        for &w in us {
            mark[w as usize] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{bits, on_1_2_4_threads, und as undirected};
    use crate::Csr;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

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
            let runs = on_1_2_4_threads(|| {
                bits(&clustering_with(view, Work::default(), Some(true)).unwrap())
            });
            assert!(runs.iter().all(|r| *r == runs[0]));
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
