//! Multi-source breadth-first search: how many nodes lie at each distance from every source,
//! 256 sources at a time, the engine behind closeness and harmonic centrality.
//!
//! One BFS per source reads every edge once per source. Here 256 BFS run together, each node
//! holding a 256-bit mask of the searches that reached it (Then et al., "The More the Merrier:
//! Efficient Multi-Source Graph Traversal", VLDB 2014): a node's list is read once per distinct
//! level at which some search reaches it, a handful of times in a small-world graph instead
//! of 256. Per-level counts are kept bit-sliced (one word per bit of the count), so counting
//! a node into up to 256 searches costs a few word operations instead of one per search.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::{AlgoError, Work};
use crate::Csr;

/// Below this many list entries the searches run on the calling thread: spawning would cost
/// more than it saves.
pub(crate) const PARALLEL_THRESHOLD: usize = 1 << 15;

/// 64-bit words per mask: 256 searches at once. Wider masks read each list fewer times in
/// all but cost more per read; 4 words measured best on the shared data sets.
const WORDS: usize = 4;

/// Sources per batch.
const BATCH: usize = 64 * WORDS;

type Mask = [u64; WORDS];

const EMPTY: Mask = [0; WORDS];

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
    let batches = n.div_ceil(BATCH);
    let parallel = parallel.unwrap_or(csr.entry_count() >= PARALLEL_THRESHOLD);
    let done = AtomicU64::new(0);
    let run = |scratch: &mut Scratch, b: usize| -> Result<Vec<A>, AlgoError> {
        work.check()?;
        let first = (b * BATCH) as u32;
        let last = ((b + 1) * BATCH).min(n) as u32;
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
    seen: Vec<Mask>,
    visit: Vec<Mask>,
    next: Vec<Mask>,
    frontier: Vec<u32>,
    upcoming: Vec<u32>,
    touched: Vec<u32>,
}

fn is_empty(m: &Mask) -> bool {
    m.iter().all(|&x| x == 0)
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            seen: vec![EMPTY; n],
            visit: vec![EMPTY; n],
            next: vec![EMPTY; n],
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
        // Plain slices, so that the compiler need not reload the vectors' headers in the
        // inner loop.
        let Scratch {
            seen,
            visit,
            next,
            frontier,
            upcoming,
            touched,
        } = self;
        let (seen, visit, next) = (&mut seen[..], &mut visit[..], &mut next[..]);
        let width = (sources.end - sources.start) as usize;
        let mut acc = vec![A::default(); width];
        frontier.clear();
        touched.clear();
        for (i, s) in sources.clone().enumerate() {
            seen[s as usize][i / 64] = 1 << (i % 64);
            visit[s as usize][i / 64] = 1 << (i % 64);
            frontier.push(s);
            touched.push(s);
        }
        let mut level = 0u32;
        let mut interrupted = false;
        while !frontier.is_empty() {
            level += 1;
            // A level of a search over a million edges must not delay Ctrl-C for long.
            if level % 4 == 0 && work.cancelled() {
                interrupted = true;
                break;
            }
            upcoming.clear();
            for &v in frontier.iter() {
                let m = visit[v as usize];
                for &w in csr.neighbours(v) {
                    let s = &seen[w as usize];
                    let mut fresh = EMPTY;
                    let mut any = 0;
                    for k in 0..WORDS {
                        fresh[k] = m[k] & !s[k];
                        any |= fresh[k];
                    }
                    if any != 0 {
                        let nx = &mut next[w as usize];
                        if is_empty(nx) {
                            upcoming.push(w);
                        }
                        for k in 0..WORDS {
                            nx[k] |= fresh[k];
                        }
                    }
                }
            }
            for &v in frontier.iter() {
                visit[v as usize] = EMPTY;
            }
            let mut planes = [[0u64; PLANES]; WORDS];
            for &w in upcoming.iter() {
                let fresh = std::mem::take(&mut next[w as usize]);
                let s = &mut seen[w as usize];
                if is_empty(s) {
                    touched.push(w);
                }
                for k in 0..WORDS {
                    s[k] |= fresh[k];
                    // Ripple-carry add of one to every search in `fresh`.
                    let mut carry = fresh[k];
                    for p in planes[k].iter_mut() {
                        if carry == 0 {
                            break;
                        }
                        let c = *p & carry;
                        *p ^= carry;
                        carry = c;
                    }
                }
                visit[w as usize] = fresh;
            }
            for (k, planes) in planes.iter().enumerate() {
                let mut any = planes.iter().fold(0, |a, p| a | p);
                while any != 0 {
                    let i = any.trailing_zeros() as usize;
                    any &= any - 1;
                    let count = planes
                        .iter()
                        .enumerate()
                        .fold(0u64, |c, (b, p)| c | (((p >> i) & 1) << b));
                    fold(&mut acc[k * 64 + i], level, count);
                }
            }
            std::mem::swap(frontier, upcoming);
        }
        for &v in touched.iter().chain(frontier.iter()) {
            seen[v as usize] = EMPTY;
            visit[v as usize] = EMPTY;
        }
        if interrupted {
            return Err(AlgoError::Interrupted);
        }
        Ok(acc)
    }
}
