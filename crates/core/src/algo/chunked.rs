//! Fixed-chunk parallel passes whose sums do not depend on the number of threads.
//!
//! A pass splits its output into chunks of [`CHUNK`] nodes (never a number derived from the
//! thread count), lets each chunk return its partial sums, and adds the partials in chunk
//! order. Run serially or on any number of threads, every float is computed by the same
//! operations in the same order, so the results agree bit for bit.

use rayon::prelude::*;

/// Nodes per chunk: large enough to amortise scheduling, small enough to balance 2–8 threads
/// on graphs of a few hundred thousand nodes.
pub(crate) const CHUNK: usize = 2048;

/// Below this many adjacency entries a pass runs on the calling thread: spawning costs more
/// than the work (rustworkx's `parallel_threshold` idea).
pub(crate) const PARALLEL_ENTRIES: usize = 50_000;

/// Calls `f(first, chunk)` on each chunk of `dst` (`first` is the index of `chunk[0]`),
/// in parallel when `parallel`, and returns the `K` partial sums added in chunk order.
pub(crate) fn pass<const K: usize, F>(dst: &mut [f64], parallel: bool, f: F) -> [f64; K]
where
    F: Fn(usize, &mut [f64]) -> [f64; K] + Sync + Send,
{
    let partials: Vec<[f64; K]> = if parallel {
        dst.par_chunks_mut(CHUNK)
            .enumerate()
            .map(|(i, c)| f(i * CHUNK, c))
            .collect()
    } else {
        dst.chunks_mut(CHUNK)
            .enumerate()
            .map(|(i, c)| f(i * CHUNK, c))
            .collect()
    };
    let mut total = [0.0; K];
    for p in partials {
        for (t, x) in total.iter_mut().zip(p) {
            *t += x;
        }
    }
    total
}

/// Sum over the in-neighbours `inn` of `x`, the product the power iterations share.
#[inline]
pub(crate) fn pull(inn: &[u32], x: &[f64]) -> f64 {
    let mut s = 0.0;
    for &u in inn {
        s += x[u as usize];
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partials_are_added_in_chunk_order_whatever_the_threads() {
        let n = CHUNK * 5 + 17;
        let run = |parallel: bool| {
            let mut dst = vec![0.0; n];
            let sums = pass::<2, _>(&mut dst, parallel, |first, c| {
                let mut s = [0.0; 2];
                for (i, d) in c.iter_mut().enumerate() {
                    *d = 1.0 / (first + i + 1) as f64;
                    s[0] += *d;
                    s[1] += *d * *d;
                }
                s
            });
            (dst, sums)
        };
        let serial = run(false);
        for k in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(k)
                .build()
                .unwrap();
            let par = pool.install(|| run(true));
            assert_eq!(par.0, serial.0);
            assert_eq!(par.1[0].to_bits(), serial.1[0].to_bits());
            assert_eq!(par.1[1].to_bits(), serial.1[1].to_bits());
        }
    }
}
