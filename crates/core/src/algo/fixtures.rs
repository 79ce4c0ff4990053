//! What the tests of several algorithms share: small graphs, and running a computation on
//! rayon pools of 1, 2 and 4 threads to show that its result does not depend on them.

use crate::Csr;

/// Zachary's karate club, as NetworkX's `karate_club_graph()` numbers it.
pub(crate) const KARATE: [(u32, u32); 78] = [
    (0, 1),
    (0, 2),
    (0, 3),
    (0, 4),
    (0, 5),
    (0, 6),
    (0, 7),
    (0, 8),
    (0, 10),
    (0, 11),
    (0, 12),
    (0, 13),
    (0, 17),
    (0, 19),
    (0, 21),
    (0, 31),
    (1, 2),
    (1, 3),
    (1, 7),
    (1, 13),
    (1, 17),
    (1, 19),
    (1, 21),
    (1, 30),
    (2, 3),
    (2, 7),
    (2, 8),
    (2, 9),
    (2, 13),
    (2, 27),
    (2, 28),
    (2, 32),
    (3, 7),
    (3, 12),
    (3, 13),
    (4, 6),
    (4, 10),
    (5, 6),
    (5, 10),
    (5, 16),
    (6, 16),
    (8, 30),
    (8, 32),
    (8, 33),
    (9, 33),
    (13, 33),
    (14, 32),
    (14, 33),
    (15, 32),
    (15, 33),
    (18, 32),
    (18, 33),
    (19, 33),
    (20, 32),
    (20, 33),
    (22, 32),
    (22, 33),
    (23, 25),
    (23, 27),
    (23, 29),
    (23, 32),
    (23, 33),
    (24, 25),
    (24, 27),
    (24, 31),
    (25, 31),
    (26, 29),
    (26, 33),
    (27, 33),
    (28, 31),
    (28, 33),
    (29, 32),
    (29, 33),
    (30, 32),
    (30, 33),
    (31, 32),
    (31, 33),
    (32, 33),
];

/// The undirected view of `edges` on `n` nodes.
pub(crate) fn und(n: usize, edges: &[(u32, u32)]) -> Csr {
    Csr::from_pairs(n, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]))
}

/// Out- and in-lists of the arcs `arcs` on `n` nodes.
pub(crate) fn directed(n: usize, arcs: &[(u32, u32)]) -> (Csr, Csr) {
    (
        Csr::from_pairs(n, arcs.iter().copied()),
        Csr::from_pairs(n, arcs.iter().map(|&(a, b)| (b, a))),
    )
}

/// `f`'s result on rayon pools of 1, 2 and 4 threads, in that order.
pub(crate) fn on_1_2_4_threads<T: Send>(f: impl Fn() -> T + Send + Sync) -> Vec<T> {
    [1, 2, 4]
        .iter()
        .map(|&k| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(k)
                .build()
                .expect("a thread pool")
                .install(&f)
        })
        .collect()
}

/// The bits of each value: results compared exactly, NaN equal to NaN.
pub(crate) fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|x| x.to_bits()).collect()
}
