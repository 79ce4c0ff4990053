//! Betweenness centrality (Brandes), exact and from sampled sources, as NetworkX's
//! `betweenness_centrality` with its defaults (`normalized=True, endpoints=False`).

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::{AlgoError, View, Work};
use crate::Csr;

/// Below this many list entries the sources are done on the calling thread.
const PARALLEL_THRESHOLD: usize = 1 << 14;

/// At most this many chunks of sources, so that merging the chunks' sums (O(n) each) stays
/// small beside the searches (O(m) each) even when most searches are tiny.
const MAX_CHUNKS: usize = 256;

/// At least this many sources per chunk.
const MIN_CHUNK: usize = 16;

const UNSEEN: u32 = u32::MAX;

/// Betweenness centrality of every node: `B(v) = Σ_{s ≠ v ≠ t} σ(s, t | v) / σ(s, t)` over
/// ordered pairs, divided by `(n - 1)(n - 2)` (NetworkX's normalisation, the same for
/// undirected and directed views; graphs of fewer than 3 nodes are left unscaled, all 0).
///
/// Brandes' algorithm, one BFS per source, parallel over fixed chunks of sources. Each chunk's
/// dependencies are summed in source order into its own vector and the chunks are added in
/// chunk order, so the result does not depend on the number of threads, bit for bit. Only as
/// many chunk vectors exist at a time as there are threads.
///
/// # Arguments
/// * `view`: the adjacency to measure on; on a directed view paths follow edge directions.
/// * `work`: polled and told of progress per source.
///
/// # Returns
/// One value per node (index = view node index).
///
/// # Complexity
/// O(n·m) time, O(n) memory per thread (four n-vectors), O(n) more for the result.
///
/// # Example
/// ```text
///   0 — 1 — 2 — 3
/// ```
/// ```
/// use clustergraph_core::{algo::betweenness, Csr, View, Work};
/// let csr = Csr::from_pairs(4, [(0, 1), (1, 2), (2, 3)].iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
/// let b = betweenness(View::Undirected(&csr), Work::default()).unwrap();
/// // Node 1 lies on the paths 0–2 and 0–3 (both ways): 4 / (3·2).
/// assert_eq!(b, vec![0.0, 4.0 / 6.0, 4.0 / 6.0, 0.0]);
/// ```
pub fn betweenness(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    let sources: Vec<u32> = (0..n as u32).collect();
    let mut b = brandes(view, &sources, work, None)?;
    rescale(&mut b, None);
    Ok(b)
}

/// Betweenness estimated from `k` sources drawn without replacement by a generator seeded
/// with `seed` (NetworkX's `betweenness_centrality(G, k=k)`, with our own generator), scaled
/// as current NetworkX does: a sampled node's sum is divided by `(k - 1)(n - 2)` (it cannot
/// be its own source; NaN when `k = 1`), any other node's by `k·(n - 2)`. `k ≥ n` gives the
/// exact [`betweenness`]. `k = 0` is [`AlgoError::InvalidArgument`] (NetworkX divides by 0).
///
/// # Arguments
/// * `view`: the adjacency to measure on.
/// * `k`: the number of sources.
/// * `seed`: the generator's seed; the same seed picks the same sources.
/// * `work`: as for [`betweenness`].
///
/// # Returns
/// One value per node (index = view node index).
///
/// # Complexity
/// O(k·m) time, O(n) memory per thread.
///
/// # Example
/// ```text
///   0 — 1 — 2
/// ```
/// ```
/// use clustergraph_core::{algo::betweenness_sampled, Csr, View, Work};
/// let csr = Csr::from_pairs(3, [(0, 1), (1, 0), (1, 2), (2, 1)].into_iter());
/// let b = betweenness_sampled(View::Undirected(&csr), 3, 7, Work::default()).unwrap();
/// assert_eq!(b, vec![0.0, 1.0, 0.0]);
/// ```
pub fn betweenness_sampled(
    view: View,
    k: usize,
    seed: u64,
    work: Work,
) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    if k == 0 {
        return Err(AlgoError::InvalidArgument(
            "betweenness sample needs at least one source".into(),
        ));
    }
    if k >= n {
        return betweenness(view, work);
    }
    let sources = sample(n, k, seed);
    let mut b = brandes(view, &sources, work, None)?;
    rescale(&mut b, Some(&sources));
    Ok(b)
}

/// NetworkX's `_rescale` for `normalized=True, endpoints=False`.
fn rescale(b: &mut [f64], sampled: Option<&[u32]>) {
    let n = b.len() as u64;
    if n < 3 {
        return;
    }
    // NetworkX's N: a node can be on paths to n - 1 targets other than itself.
    let big_n = n - 1;
    match sampled {
        None => {
            let scale = 1.0 / (big_n * (big_n - 1)) as f64;
            b.iter_mut().for_each(|x| *x *= scale);
        }
        Some(src) => {
            let k = src.len() as u64;
            let source = if k > 1 {
                1.0 / ((k - 1) * (big_n - 1)) as f64
            } else {
                f64::NAN
            };
            let other = 1.0 / (k * (big_n - 1)) as f64;
            let mut is_source = vec![false; b.len()];
            src.iter().for_each(|&s| is_source[s as usize] = true);
            for (x, s) in b.iter_mut().zip(is_source) {
                *x *= if s { source } else { other };
            }
        }
    }
}

/// `k` distinct nodes of `0..n`, ascending: a partial Fisher–Yates shuffle driven by
/// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014),
/// a 64-bit generator small enough to keep here rather than add a crate for it.
fn sample(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut pool: Vec<u32> = (0..n as u32).collect();
    for i in 0..k {
        // Multiply-shift maps 64 random bits onto 0..(n - i); the bias is below 2^-32.
        let span = (n - i) as u128;
        let j = i + ((u128::from(next()) * span) >> 64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(k);
    pool.sort_unstable();
    pool
}

/// Unscaled sums of the dependencies of `sources` on every node. `parallel`: `None` decides
/// by size; tests force both ways.
fn brandes(
    view: View,
    sources: &[u32],
    work: Work,
    parallel: Option<bool>,
) -> Result<Vec<f64>, AlgoError> {
    let g = view.out();
    let n = g.node_count();
    let mut total = vec![0.0; n];
    if sources.is_empty() {
        return Ok(total);
    }
    let parallel = parallel.unwrap_or(g.entry_count() >= PARALLEL_THRESHOLD);
    let chunk = sources.len().div_ceil(MAX_CHUNKS).max(MIN_CHUNK);
    let chunks: Vec<&[u32]> = sources.chunks(chunk).collect();
    let wave = if parallel {
        rayon::current_num_threads().clamp(1, chunks.len())
    } else {
        1
    };
    let mut slots: Vec<Scratch> = (0..wave).map(|_| Scratch::new(n)).collect();
    let done = AtomicU64::new(0);
    let run = |slot: &mut Scratch, srcs: &[u32]| -> Result<(), AlgoError> {
        slot.acc.fill(0.0);
        for &s in srcs {
            work.check()?;
            slot.single_source(g, s);
            // Per source: a chunk of a large graph's sources can take minutes.
            work.report(
                done.fetch_add(1, Ordering::Relaxed) + 1,
                sources.len() as u64,
            );
        }
        Ok(())
    };
    for group in chunks.chunks(wave) {
        let slots = &mut slots[..group.len()];
        if parallel {
            slots
                .par_iter_mut()
                .zip(group.par_iter())
                .try_for_each(|(slot, srcs)| run(slot, srcs))?;
        } else {
            for (slot, srcs) in slots.iter_mut().zip(group) {
                run(slot, srcs)?;
            }
        }
        // Chunk order, whatever thread computed which chunk.
        for slot in slots.iter() {
            for (t, a) in total.iter_mut().zip(&slot.acc) {
                *t += a;
            }
        }
    }
    Ok(total)
}

/// One thread's buffers. `dist` is all-`UNSEEN` between searches.
struct Scratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    /// `(1 + δ(w)) / σ(w)`, what each predecessor of `w` takes from it, times its own σ.
    coef: Vec<f64>,
    /// BFS order, read backwards as Brandes' stack.
    order: Vec<u32>,
    /// This chunk's sum of dependencies.
    acc: Vec<f64>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coef: vec![0.0; n],
            order: Vec::with_capacity(n),
            acc: vec![0.0; n],
        }
    }

    /// Adds the dependencies of source `s` into `acc`.
    fn single_source(&mut self, g: &Csr, s: u32) {
        let Scratch {
            dist,
            sigma,
            coef,
            order,
            acc,
        } = self;
        let (dist, sigma, coef, acc) = (&mut dist[..], &mut sigma[..], &mut coef[..], &mut acc[..]);
        order.clear();
        order.push(s);
        dist[s as usize] = 0;
        sigma[s as usize] = 1.0;
        let mut head = 0;
        while let Some(&v) = order.get(head) {
            head += 1;
            let (dv, sv) = (dist[v as usize], sigma[v as usize]);
            for &w in g.neighbours(v) {
                let dw = dist[w as usize];
                if dw == UNSEEN {
                    dist[w as usize] = dv + 1;
                    sigma[w as usize] = sv;
                    order.push(w);
                } else if dw == dv + 1 {
                    sigma[w as usize] += sv;
                }
            }
        }
        // No predecessor lists: a node's successors on shortest paths are exactly the
        // neighbours one level deeper, and they are final when the node comes off the stack.
        for &v in order[1..].iter().rev() {
            let below = dist[v as usize] + 1;
            let mut sum = 0.0;
            for &w in g.neighbours(v) {
                if dist[w as usize] == below {
                    sum += coef[w as usize];
                }
            }
            let sv = sigma[v as usize];
            let delta = sv * sum;
            coef[v as usize] = (1.0 + delta) / sv;
            acc[v as usize] += delta;
        }
        for &v in order.iter() {
            dist[v as usize] = UNSEEN;
        }
    }
}

#[cfg(test)]
mod tests;
