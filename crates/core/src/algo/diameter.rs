//! The exact diameter of a connected component by Takes–Kosters bounding.

use super::bfs_distances;
use crate::Csr;

/// The diameter (longest shortest path) of the connected component `members`, exactly, by
/// the bounding algorithm of Takes and Kosters ("Determining the diameter of small world
/// networks", CIKM 2011), as NetworkX's `diameter(G, usebounds=True)`.
///
/// Each BFS from a node gives its eccentricity and, by the triangle inequality, lower and
/// upper bounds on every other node's; a node whose upper bound cannot beat the best lower
/// bound found is dropped. Sources alternate between the largest upper bound and the smallest
/// lower bound (ties by node number), so the answer and the work are deterministic. On small
/// world graphs a handful of BFS replace one per node.
///
/// # Arguments
/// - `csr`: an undirected view; `members`: the nodes of one of its connected components
///   (as [`components()`](super::components()) lists them).
/// - `cancelled`: polled once per BFS.
///
/// # Returns
/// The diameter (0 for a single node), or `None` when `cancelled` answered true.
///
/// # Complexity
/// O(k · (n + m)) time for k BFS: k is n at worst, a handful on small world graphs.
/// O(n) memory.
///
/// # Example
/// ```text
/// 0 — 1 — 2 — 3
/// ```
/// ```
/// use clustergraph_core::{algo::diameter, Csr};
/// let edges = [(0, 1), (1, 2), (2, 3)];
/// let csr = Csr::from_pairs(4, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
/// assert_eq!(diameter(&csr, &[0, 1, 2, 3], &|| false), Some(3));
/// ```
pub fn diameter(csr: &Csr, members: &[u32], cancelled: &dyn Fn() -> bool) -> Option<u32> {
    diameter_within(csr, members, usize::MAX, cancelled).map(|b| b.lower)
}

/// What [`diameter_within`] found: the diameter when `lower == upper`, else bounds on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiameterBounds {
    /// The longest eccentricity found: the diameter is at least this.
    pub lower: u32,
    /// The diameter is at most this.
    pub upper: u32,
    /// How many BFS ran.
    pub searches: usize,
}

/// The diameter as [`diameter`] computes it, but after at most `max_searches` BFS: on long
/// cycles (rings, road networks) the bounds prune few nodes a search and the bounding
/// degenerates to one BFS per node, quadratic time; stopping there gives bounds instead.
pub fn diameter_within(
    csr: &Csr,
    members: &[u32],
    max_searches: usize,
    cancelled: &dyn Fn() -> bool,
) -> Option<DiameterBounds> {
    if members.len() <= 1 {
        return Some(DiameterBounds {
            lower: 0,
            upper: 0,
            searches: 0,
        });
    }
    let n = csr.node_count();
    let mut lower = vec![0u32; n];
    let mut upper = vec![u32::MAX; n];
    let mut candidates: Vec<u32> = members.to_vec();
    let mut max_lower = 0u32;
    let mut high = true;
    let mut searches = 0;
    while !candidates.is_empty() {
        if cancelled() {
            return None;
        }
        if searches == max_searches {
            let upper = candidates
                .iter()
                .map(|&v| upper[v as usize])
                .fold(max_lower, u32::max);
            return Some(DiameterBounds {
                lower: max_lower,
                upper,
                searches,
            });
        }
        searches += 1;
        let pick = if high {
            candidates
                .iter()
                .copied()
                .min_by_key(|&v| (std::cmp::Reverse(upper[v as usize]), v))
        } else {
            candidates
                .iter()
                .copied()
                .min_by_key(|&v| (lower[v as usize], v))
        };
        let current = pick.expect("candidates is not empty");
        high = !high;
        let dist = bfs_distances(csr, current);
        let ecc = members.iter().map(|&v| dist[v as usize]).max().unwrap_or(0);
        for &v in &candidates {
            let d = dist[v as usize];
            let l = &mut lower[v as usize];
            *l = (*l).max(d.max(ecc - d));
            let u = &mut upper[v as usize];
            *u = (*u).min(ecc + d);
            max_lower = max_lower.max(*l);
        }
        candidates.retain(|&v| upper[v as usize] > max_lower && v != current);
    }
    Some(DiameterBounds {
        lower: max_lower,
        upper: max_lower,
        searches,
    })
}

/// The diameter by one BFS from every member: the obvious answer the bounding algorithm is
/// tested against.
#[cfg(test)]
fn diameter_naive(csr: &Csr, members: &[u32]) -> u32 {
    members
        .iter()
        .map(|&s| {
            bfs_distances(csr, s)
                .into_iter()
                .filter(|&d| d != u32::MAX)
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::components;

    #[test]
    fn a_long_ring_gives_bounds_after_the_searches_allowed() {
        let n = 2000u32;
        let csr = Csr::from_pairs(
            n as usize,
            (0..n).flat_map(|i| [(i, (i + 1) % n), ((i + 1) % n, i)]),
        );
        let members: Vec<u32> = (0..n).collect();
        let b = diameter_within(&csr, &members, 10, &|| false).unwrap();
        assert_eq!(b.searches, 10);
        assert!(b.lower <= n / 2 && n / 2 <= b.upper, "{b:?}");
        assert_eq!(diameter(&csr, &members, &|| false), Some(n / 2));
    }

    #[test]
    fn components_and_diameter_of_a_path_and_a_triangle() {
        let edges = [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 4)];
        let csr = Csr::from_pairs(7, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
        let comps = components(&csr);
        assert_eq!(comps, vec![vec![0, 1, 2, 3], vec![4, 5, 6]]);
        assert_eq!(diameter(&csr, &comps[0], &|| false), Some(3));
        assert_eq!(diameter(&csr, &comps[1], &|| false), Some(1));
        assert_eq!(diameter(&csr, &comps[0], &|| true), None);
    }

    proptest::proptest! {
        #[test]
        fn bounded_diameter_equals_the_naive_one(edges in proptest::collection::vec((0u32..30, 0u32..30), 0..60)) {
            let csr = Csr::from_pairs(30, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
            for comp in components(&csr) {
                proptest::prop_assert_eq!(diameter(&csr, &comp, &|| false), Some(diameter_naive(&csr, &comp)));
            }
        }
    }
}
