//! Mutual weights, the adjacency Burt's measures (`constraint`, `effective_size`) read.
//!
//! NetworkX's `structuralholes.py` defines the mutual weight of u and v as the number of
//! edges joining them in either direction: 2 for every edge of an undirected graph (it counts
//! `G[u][v]` and `G[v][u]`), 1 or 2 in a directed one, where a node's neighbours are its
//! predecessors and successors together.

use rayon::prelude::*;

use super::chunked::{CHUNK, PARALLEL_ENTRIES};
use super::{AlgoError, View, Work};

/// The union of out- and in-neighbour lists, sorted, with the mutual weight of each entry.
#[derive(Debug)]
pub(crate) struct Mutual {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Mutual {
    /// Merges the sorted out- and in-lists of each node in O(n + m).
    pub(crate) fn new(view: View) -> Mutual {
        let (out, inn) = (view.out(), view.inn());
        let n = view.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(out.entry_count() + inn.entry_count());
        let mut weights = Vec::with_capacity(targets.capacity());
        offsets.push(0);
        for v in 0..n as u32 {
            let (a, b) = (out.neighbours(v), inn.neighbours(v));
            let (mut i, mut j) = (0, 0);
            while i < a.len() || j < b.len() {
                let (t, w) = match (a.get(i), b.get(j)) {
                    (Some(&x), Some(&y)) if x == y => {
                        i += 1;
                        j += 1;
                        (x, 2.0)
                    }
                    (Some(&x), Some(&y)) if x < y => {
                        i += 1;
                        (x, 1.0)
                    }
                    (Some(&x), None) => {
                        i += 1;
                        (x, 1.0)
                    }
                    (_, Some(&y)) => {
                        j += 1;
                        (y, 1.0)
                    }
                    (None, None) => unreachable!("the loop condition holds"),
                };
                targets.push(t);
                weights.push(w);
            }
            offsets.push(targets.len());
        }
        Mutual {
            offsets,
            targets,
            weights,
        }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The neighbours of `v` (ascending) and their mutual weights with `v`.
    pub(crate) fn row(&self, v: u32) -> (&[u32], &[f64]) {
        let r = self.offsets[v as usize]..self.offsets[v as usize + 1];
        (&self.targets[r.clone()], &self.weights[r])
    }

    /// Σ dense[k]·m(u, k) over the common neighbours k of `v` and `u`, where `dense` is zero
    /// off the neighbours of `v`. Scans the list of `u` against `dense`, or binary-searches
    /// each neighbour of `v` in it when `u` is a hub next to a small `v`: either way the common
    /// neighbours come in ascending order, so the sum is the same to the bit.
    pub(crate) fn common_sum(&self, dense: &[f64], v: u32, u: u32) -> f64 {
        let (nu, mu) = self.row(u);
        let (nv, _) = self.row(v);
        let mut s = 0.0;
        let log = (usize::BITS - nu.len().leading_zeros()) as usize;
        if nu.len() <= nv.len() * (log + 1) {
            for (&k, &m) in nu.iter().zip(mu) {
                s += dense[k as usize] * m;
            }
        } else {
            for &k in nv {
                if let Ok(i) = nu.binary_search(&k) {
                    s += dense[k as usize] * mu[i];
                }
            }
        }
        s
    }

    /// `f(scratch, v)` for every node, in parallel on large graphs. `scratch` is a dense
    /// array of n zeros per thread, which `f` must leave zero again. The result of each node
    /// depends on that node alone, so it does not depend on the number of threads.
    pub(crate) fn per_node<F>(
        &self,
        work: Work,
        parallel: bool,
        f: F,
    ) -> Result<Vec<f64>, AlgoError>
    where
        F: Fn(&mut [f64], u32) -> f64 + Sync + Send,
    {
        let n = self.node_count();
        let mut out = vec![0.0; n];
        let chunk = |scratch: &mut Vec<f64>, (ci, c): (usize, &mut [f64])| {
            work.check()?;
            for (i, slot) in c.iter_mut().enumerate() {
                *slot = f(scratch, (ci * CHUNK + i) as u32);
            }
            work.report(((ci + 1) * CHUNK).min(n) as u64, n as u64);
            Ok(())
        };
        if parallel {
            out.par_chunks_mut(CHUNK)
                .enumerate()
                .try_for_each_init(|| vec![0.0; n], chunk)?;
        } else {
            let mut scratch = vec![0.0; n];
            out.chunks_mut(CHUNK)
                .enumerate()
                .try_for_each(|c| chunk(&mut scratch, c))?;
        }
        Ok(out)
    }

    /// Whether the work is large enough to share between threads.
    pub(crate) fn parallel(&self) -> bool {
        self.targets.len() >= PARALLEL_ENTRIES
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Csr;

    #[test]
    fn undirected_edges_weigh_two_and_directed_pairs_add_up() {
        let und = Csr::from_pairs(3, [(0, 1), (1, 0), (1, 2), (2, 1)].into_iter());
        let m = Mutual::new(View::Undirected(&und));
        assert_eq!(m.row(1), (&[0, 2][..], &[2.0, 2.0][..]));
        // 0 → 1, 1 → 0, 2 → 0.
        let out = Csr::from_pairs(3, [(0, 1), (1, 0), (2, 0)].into_iter());
        let inn = Csr::from_pairs(3, [(1, 0), (0, 1), (0, 2)].into_iter());
        let m = Mutual::new(View::Directed {
            out: &out,
            inn: &inn,
        });
        assert_eq!(m.row(0), (&[1, 2][..], &[2.0, 1.0][..]));
        assert_eq!(m.row(2), (&[0][..], &[1.0][..]));
    }

    #[test]
    fn common_sum_scans_or_searches_to_the_same_bits() {
        // Hub 0 joined to 1..200; 1 also joined to 2, 3, 4.
        let mut e: Vec<(u32, u32)> = (1..200).map(|v| (0, v)).collect();
        e.extend([(1, 2), (1, 3), (1, 4)]);
        let csr = Csr::from_pairs(200, e.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
        let m = Mutual::new(View::Undirected(&csr));
        let mut dense = vec![0.0; 200];
        for k in [0u32, 2, 3, 4] {
            dense[k as usize] = 0.1 * (k + 1) as f64;
        }
        // 1 is small, the hub 0 large: the search path; the reverse scans.
        let searched = m.common_sum(&dense, 1, 0);
        let scanned: f64 = [2u32, 3, 4].iter().map(|&k| dense[k as usize] * 2.0).sum();
        assert_eq!(searched.to_bits(), scanned.to_bits());
    }
}
