//! Modularity of a partition, as NetworkX's `modularity`.

use crate::Csr;

/// The modularity of a partition of an undirected view, NetworkX's
/// `modularity(G, communities, resolution=...)` for an unweighted graph:
/// Σ_c L_c/m − resolution·(d_c/2m)², for m edges, L_c edges inside community c and d_c the
/// degree sum of c.
///
/// # Arguments
/// - `csr`: an undirected view.
/// - `labels`: the community of each node, any `u32` (equal labels share a community); one
///   per node, or this panics.
/// - `resolution`: NetworkX's `resolution` (1 for Newman's modularity).
///
/// # Returns
/// The modularity, in [−1/2, 1) for resolution 1; NaN on a graph without edges (NetworkX
/// divides by zero there).
///
/// # Complexity
/// O(n + m) time, O(n) space.
///
/// # Example
/// ```
/// use clustergraph_core::algo::modularity;
/// use clustergraph_core::Csr;
///
/// // Two triangles joined by the edge 2-3: each triangle a community.
/// // 0       4
/// // | \   / |
/// // |  2-3  |
/// // | /   \ |
/// // 1       5
/// let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)];
/// let g = Csr::from_pairs(6, edges.into_iter().flat_map(|(a, b)| [(a, b), (b, a)]));
/// // 2·(3/7 − (7/14)²) = 5/14
/// assert!((modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0) - 5.0 / 14.0).abs() < 1e-15);
/// assert!((modularity(&g, &[0; 6], 1.0)).abs() < 1e-15);
/// ```
pub fn modularity(csr: &Csr, labels: &[u32], resolution: f64) -> f64 {
    assert_eq!(labels.len(), csr.node_count(), "one label per node");
    let (comm, count) = dense(labels);
    let mut inside = vec![0usize; count];
    let mut degree = vec![0usize; count];
    for v in 0..csr.node_count() as u32 {
        let c = comm[v as usize];
        degree[c as usize] += csr.degree(v);
        inside[c as usize] += csr
            .neighbours(v)
            .iter()
            .filter(|&&w| comm[w as usize] == c)
            .count();
    }
    let deg_sum = csr.entry_count() as f64;
    let m = deg_sum / 2.0;
    let norm = 1.0 / (deg_sum * deg_sum);
    // Each inner edge was seen from both ends.
    (0..count)
        .map(|c| {
            (inside[c] / 2) as f64 / m
                - resolution * (degree[c] as u128 * degree[c] as u128) as f64 * norm
        })
        .sum()
}

/// Renumbers labels `0..` in order of first appearance; returns them and their count.
pub(crate) fn dense(labels: &[u32]) -> (Vec<u32>, usize) {
    let max = labels.iter().copied().max().unwrap_or(0) as usize;
    if max < 2 * labels.len() + 16 {
        // The usual case (labels of this module are node numbers): a table, not a hash map.
        let mut map = vec![u32::MAX; max + 1];
        let mut count = 0u32;
        let out = labels
            .iter()
            .map(|&l| {
                let slot = &mut map[l as usize];
                if *slot == u32::MAX {
                    *slot = count;
                    count += 1;
                }
                *slot
            })
            .collect();
        return (out, count as usize);
    }
    let mut map = std::collections::HashMap::new();
    let out = labels
        .iter()
        .map(|&l| {
            let next = map.len() as u32;
            *map.entry(l).or_insert(next)
        })
        .collect();
    (out, map.len())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::algo::fixtures::{und, KARATE};

    /// Newman's formula on the adjacency matrix: (1/2m) Σ_ij (A_ij − γ k_i k_j / 2m) δ(c_i, c_j).
    pub(crate) fn naive_modularity(csr: &Csr, labels: &[u32], resolution: f64) -> f64 {
        let n = csr.node_count() as u32;
        let two_m = csr.entry_count() as f64;
        let mut q = 0.0;
        for i in 0..n {
            for j in 0..n {
                if labels[i as usize] == labels[j as usize] {
                    let a = if csr.neighbours(i).contains(&j) {
                        1.0
                    } else {
                        0.0
                    };
                    q += a - resolution * csr.degree(i) as f64 * csr.degree(j) as f64 / two_m;
                }
            }
        }
        q / two_m
    }

    #[test]
    fn modularity_matches_networkx() {
        // nx.community.modularity on the karate club's two factions, NetworkX 3.6.
        let factions = [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1,
        ];
        let g = und(34, &KARATE);
        for (r, nx) in [
            (1.0, 0.3582347140039448),
            (0.5, 0.6086045364891519),
            (2.0, -0.14250493096646943),
        ] {
            assert!((modularity(&g, &factions, r) - nx).abs() < 1e-15);
        }
        // Labels are names, not numbers: any u32 will do.
        let renamed: Vec<u32> = factions.iter().map(|&f| u32::MAX - f * 1000).collect();
        assert_eq!(
            modularity(&g, &renamed, 1.0),
            modularity(&g, &factions, 1.0)
        );
        assert!(modularity(&und(3, &[]), &[0, 1, 2], 1.0).is_nan());
    }

    #[test]
    fn dense_numbers_by_first_appearance() {
        assert_eq!(dense(&[5, 5, 2, 9, 2]), (vec![0, 0, 1, 2, 1], 3));
        assert_eq!(dense(&[u32::MAX, 0, u32::MAX]), (vec![0, 1, 0], 2));
    }

    proptest::proptest! {
        #[test]
        fn modularity_equals_newmans_formula(
            edges in proptest::collection::vec((0u32..12, 0u32..12), 1..40),
            labels in proptest::collection::vec(0u32..4, 12),
            resolution in 0.1f64..3.0,
        ) {
            let g = und(12, &edges);
            if g.entry_count() > 0 {
                let q = modularity(&g, &labels, resolution);
                proptest::prop_assert!((q - naive_modularity(&g, &labels, resolution)).abs() < 1e-12);
            }
        }

    }
}
