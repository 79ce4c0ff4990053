//! Multi-source breadth-first search: how many nodes lie at each distance from every source,
//! 64 sources at a time, the engine behind closeness and harmonic centrality.
//!
//! One BFS per source reads every edge once per source. Here 64 BFS run together, each node
//! holding a 64-bit mask of the searches that reached it (Then et al., "The More the Merrier:
//! Efficient Multi-Source Graph Traversal", VLDB 2014): a node's list is read once per distinct
//! level at which some search reaches it, a handful of times in a small-world graph instead
//! of 64. Per-level counts are kept bit-sliced (one word per bit of the count), so counting
//! a node into up to 64 searches costs a few word operations instead of one per search.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::{AlgoError, Work};
use crate::Csr;

/// Below this many list entries the searches run on the calling thread: spawning would cost
/// more than it saves.
pub(crate) const PARALLEL_THRESHOLD: usize = 1 << 15;

/// Bits of a per-level count: enough for any graph with `u32` node numbers.
const PLANES: usize = 33;

/// Runs a BFS from every node along `csr`'s lists and calls `fold(acc, level, count)` for each
/// source (`acc` = that source's accumulator), level `1, 2, ...` in increasing order, and the
/// number of nodes at exactly that distance (never 0). Returns the accumulators in node order.
/// Each source's folds happen in the same order on one thread, so results do not depend on
/// the number of threads. `parallel` = `None` decides by size.
pub(crate) fn level_counts<A, F>(
    csr: &Csr,
    work: Work,
    parallel: Option<bool>,
    fold: F,
) -> Result<Vec<A>, AlgoError>
where
    A: Default + Clone + Send,
    F: Fn(&mut A, u32, u64) + Sync,
{
    let n = csr.node_count();
    let batches = n.div_ceil(64);
    let parallel = parallel.unwrap_or(csr.entry_count() >= PARALLEL_THRESHOLD);
    let done = AtomicU64::new(0);
    let run = |scratch: &mut Scratch, b: usize| -> Result<Vec<A>, AlgoError> {
        work.check()?;
        let first = (b * 64) as u32;
        let last = ((b + 1) * 64).min(n) as u32;
        let out = scratch.batch(csr, first..last, &work, &fold)?;
        let d = done.fetch_add(u64::from(last - first), Ordering::Relaxed);
        work.report(d + u64::from(last - first), n as u64);
        Ok(out)
    };
    let parts: Vec<Vec<A>> = if parallel {
        (0..batches)
            .into_par_iter()
            .map_init(|| Scratch::new(n), |s, b| run(s, b))
            .collect::<Result<_, _>>()?
    } else {
        let mut s = Scratch::new(n);
        (0..batches)
            .map(|b| run(&mut s, b))
            .collect::<Result<_, _>>()?
    };
    Ok(parts.into_iter().flatten().collect())
}

/// Per-thread buffers, left all-zero between batches.
struct Scratch {
    seen: Vec<u64>,
    visit: Vec<u64>,
    next: Vec<u64>,
    frontier: Vec<u32>,
    upcoming: Vec<u32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            seen: vec![0; n],
            visit: vec![0; n],
            next: vec![0; n],
            frontier: Vec::new(),
            upcoming: Vec::new(),
            touched: Vec::new(),
        }
    }

    fn batch<A, F>(
        &mut self,
        csr: &Csr,
        sources: std::ops::Range<u32>,
        work: &Work,
        fold: &F,
    ) -> Result<Vec<A>, AlgoError>
    where
        A: Default + Clone,
        F: Fn(&mut A, u32, u64),
    {
        let width = (sources.end - sources.start) as usize;
        let mut acc = vec![A::default(); width];
        self.frontier.clear();
        self.touched.clear();
        for (i, s) in sources.clone().enumerate() {
            self.seen[s as usize] = 1 << i;
            self.visit[s as usize] = 1 << i;
            self.frontier.push(s);
            self.touched.push(s);
        }
        let mut level = 0u32;
        let mut interrupted = false;
        while !self.frontier.is_empty() {
            level += 1;
            // A level of a search over a million edges must not delay Ctrl-C for long.
            if level % 8 == 0 && work.cancelled() {
                interrupted = true;
                break;
            }
            self.upcoming.clear();
            for &v in &self.frontier {
                let m = self.visit[v as usize];
                for &w in csr.neighbours(v) {
                    let fresh = m & !self.seen[w as usize];
                    if fresh != 0 {
                        let nx = &mut self.next[w as usize];
                        if *nx == 0 {
                            self.upcoming.push(w);
                        }
                        *nx |= fresh;
                    }
                }
            }
            for &v in &self.frontier {
                self.visit[v as usize] = 0;
            }
            let mut planes = [0u64; PLANES];
            for &w in &self.upcoming {
                let fresh = std::mem::take(&mut self.next[w as usize]);
                if self.seen[w as usize] == 0 {
                    self.touched.push(w);
                }
                self.seen[w as usize] |= fresh;
                self.visit[w as usize] = fresh;
                // Ripple-carry add of one to every search in `fresh`.
                let mut carry = fresh;
                for p in planes.iter_mut() {
                    let c = *p & carry;
                    *p ^= carry;
                    carry = c;
                    if carry == 0 {
                        break;
                    }
                }
            }
            let mut any = 0u64;
            for p in &planes {
                any |= p;
            }
            while any != 0 {
                let i = any.trailing_zeros() as usize;
                any &= any - 1;
                let count = planes
                    .iter()
                    .enumerate()
                    .fold(0u64, |c, (k, p)| c | (((p >> i) & 1) << k));
                fold(&mut acc[i], level, count);
            }
            std::mem::swap(&mut self.frontier, &mut self.upcoming);
        }
        for &v in &self.touched {
            self.seen[v as usize] = 0;
            self.visit[v as usize] = 0;
        }
        for &v in &self.frontier {
            self.visit[v as usize] = 0;
        }
        if interrupted {
            return Err(AlgoError::Interrupted);
        }
        Ok(acc)
    }
}
