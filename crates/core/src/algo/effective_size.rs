//! Burt's effective size, as NetworkX's `effective_size` (unweighted).

use super::mutual::Mutual;
use super::{AlgoError, View, Work};

/// Burt's effective size of every node's ego network, equal to NetworkX's
/// `effective_size(G)`: e(v) = Σ_{u ∈ N(v)} (1 − Σ_{w ∈ N(v)} p_vw·m_uw / M_w), where m is
/// the mutual weight (the number of edges joining two nodes in either direction), p_vw is
/// m_vw divided by the sum of v's mutual weights, M_w is the largest mutual weight of w, and
/// N(v) are v's neighbours (predecessors and successors on a directed view). On an undirected
/// view this is Borgatti's n − 2t/n for n contacts with t ties among them.
///
/// NetworkX's docstring (and its per-node code path, taken when `nodes` is given) divides by
/// M_u, the largest mutual weight of the contact u, not of w. Its default path, the sparse
/// matrix one taken by `effective_size(G)` when SciPy is installed, divides column w by
/// `max(axis=1).toarray()`, a 1-D array that broadcasts along rows, i.e. by M_w. The two agree
/// on undirected graphs (every mutual weight is 2) and differ on directed ones with both
/// mutual and one-way edges; this follows the default call, as the contract asks.
///
/// An isolated node has no defined effective size: NaN, as in NetworkX.
///
/// Nodes are computed in parallel on large graphs, each thread with one dense array that
/// holds p_vw/M_w for the neighbours w of the current node; each node's value depends on that
/// node alone, so the result does not depend on the thread count.
///
/// # Arguments
/// - `view`: the graph; a directed view counts an edge in each direction separately.
/// - `work`: checked and reported every few thousand nodes.
///
/// # Returns
/// The effective size of each node (NaN for isolated nodes); empty for an empty view.
///
/// # Complexity
/// O(Σ_v Σ_{u ∈ N(v)} min(d(u), d(v)·log d(u))) time, at most O(Σ d(v)²); O(n + m) space
/// (plus n floats per thread).
///
/// # Example
/// ```
/// use clustergraph_core::algo::{effective_size, View, Work};
/// use clustergraph_core::Csr;
///
/// // A triangle 0-1-2 with a pendant 3 on node 0, and an isolated node 4.
/// //   1
/// //  / \
/// // 2---0---3   4
/// let g = Csr::from_pairs(5, [(0, 1), (1, 2), (2, 0), (0, 3)].into_iter().flat_map(|(a, b)| [(a, b), (b, a)]));
/// let e = effective_size(View::Undirected(&g), Work::default()).unwrap();
/// // 0 has 3 contacts with 1 tie among them: 3 − 2·1/3.
/// assert!((e[0] - 7.0 / 3.0).abs() < 1e-12);
/// assert_eq!(e[3], 1.0);
/// assert!(e[4].is_nan());
/// ```
pub fn effective_size(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let m = Mutual::new(view);
    let parallel = m.parallel();
    effective_size_with(&m, work, parallel)
}

pub(crate) fn effective_size_with(
    m: &Mutual,
    work: Work,
    parallel: bool,
) -> Result<Vec<f64>, AlgoError> {
    let n = m.node_count() as u32;
    let sums: Vec<f64> = (0..n).map(|v| m.row(v).1.iter().sum()).collect();
    let inv_maxes: Vec<f64> = (0..n)
        .map(|v| 1.0 / m.row(v).1.iter().copied().fold(0.0, f64::max))
        .collect();
    m.per_node(work, parallel, |dense, v| {
        let (nv, mv) = m.row(v);
        if nv.is_empty() {
            return f64::NAN;
        }
        let sv = sums[v as usize];
        for (&w, &mw) in nv.iter().zip(mv) {
            dense[w as usize] = mw / sv * inv_maxes[w as usize];
        }
        let mut e = 0.0;
        for &u in nv {
            e += 1.0 - m.common_sum(dense, v, u);
        }
        for &w in nv {
            dense[w as usize] = 0.0;
        }
        e
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{bits, directed, on_1_2_4_threads, und, KARATE};
    use crate::Csr;

    /// NetworkX's sparse computation on a dense matrix: 1 − (m/sum) @ (m/max(w)).T.
    fn naive(n: usize, arcs: &[(u32, u32)]) -> Vec<f64> {
        let mut a = vec![vec![0.0; n]; n];
        for &(u, v) in arcs {
            if u != v {
                a[u as usize][v as usize] = 1.0;
            }
        }
        let m: Vec<Vec<f64>> = (0..n)
            .map(|i| (0..n).map(|j| a[i][j] + a[j][i]).collect())
            .collect();
        let sum = |v: usize| m[v].iter().sum::<f64>();
        let max = |v: usize| m[v].iter().copied().fold(0.0, f64::max);
        (0..n)
            .map(|v| {
                if sum(v) == 0.0 {
                    return f64::NAN;
                }
                (0..n)
                    .filter(|&u| m[v][u] > 0.0)
                    .map(|u| {
                        1.0 - (0..n)
                            .map(|w| m[v][w] / sum(v) * m[u][w] / max(w).max(1.0))
                            .sum::<f64>()
                    })
                    .sum()
            })
            .collect()
    }

    fn same(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.is_nan() && y.is_nan()) || (x - y).abs() <= tol * y.abs().max(1.0))
    }

    #[test]
    fn empty_single_star_and_complete() {
        let e = und(0, &[]);
        assert!(effective_size(View::Undirected(&e), Work::default())
            .unwrap()
            .is_empty());
        let one = und(1, &[]);
        assert!(effective_size(View::Undirected(&one), Work::default()).unwrap()[0].is_nan());
        let star = und(4, &[(0, 1), (0, 2), (0, 3)]);
        assert_eq!(
            effective_size(View::Undirected(&star), Work::default()).unwrap(),
            vec![3.0, 1.0, 1.0, 1.0]
        );
        // K4: 3 contacts, 3 ties among them: 3 − 2·3/3 = 1.
        let k4 = und(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        let e = effective_size(View::Undirected(&k4), Work::default()).unwrap();
        assert!(e.iter().all(|&x| (x - 1.0).abs() < 1e-15));
    }

    #[test]
    fn karate_and_a_directed_graph_match_networkx() {
        // nx.effective_size(nx.karate_club_graph()), NetworkX 3.6 (unweighted: weight=None).
        let nx = [
            13.75,
            6.333333333333334,
            7.800000000000001,
            2.666666666666667,
            1.6666666666666667,
            2.5,
            2.5,
            1.0,
            3.0,
            2.0,
            1.6666666666666667,
            1.0,
            1.0,
            2.5999999999999996,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            2.3333333333333335,
            1.0,
            1.0,
            1.0,
            3.4,
            2.3333333333333335,
            2.3333333333333335,
            1.0,
            3.5,
            2.3333333333333335,
            2.0,
            2.5,
            5.000000000000001,
            9.833333333333332,
            15.235294117647062,
        ];
        let g = und(34, &KARATE);
        assert!(same(
            &effective_size(View::Undirected(&g), Work::default()).unwrap(),
            &nx,
            1e-12
        ));
        // D = nx.DiGraph([(0, 1), (1, 0), (0, 2), (2, 1), (3, 0)]); D.add_node(4)
        let (out, inn) = directed(5, &[(0, 1), (1, 0), (0, 2), (2, 1), (3, 0)]);
        let nx = [2.5, 1.3333333333333335, 1.0, 1.0, f64::NAN];
        let e = effective_size(
            View::Directed {
                out: &out,
                inn: &inn,
            },
            Work::default(),
        )
        .unwrap();
        assert!(same(&e, &nx, 1e-12), "{e:?}");
    }

    #[test]
    fn same_bits_on_1_2_4_threads_and_serially() {
        let n = 6_000u32;
        let g = und(
            n as usize,
            &(1..n)
                .flat_map(|v| [(v, v / 2), (v, (v * 31) % n), (v, v % 7)])
                .collect::<Vec<_>>(),
        );
        let m = Mutual::new(View::Undirected(&g));
        let serial = effective_size_with(&m, Work::default(), false).unwrap();
        for par in on_1_2_4_threads(|| effective_size_with(&m, Work::default(), true).unwrap()) {
            assert_eq!(bits(&par), bits(&serial));
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_the_dense_definition(arcs in proptest::collection::vec((0u32..12, 0u32..12), 0..50), directed_view: bool) {
            let n = 12;
            let (out, inn) = directed(n, &arcs);
            let both = Csr::from_pairs(n, arcs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
            let (view, all): (View, Vec<(u32, u32)>) = if directed_view {
                (View::Directed { out: &out, inn: &inn }, arcs.clone())
            } else {
                (View::Undirected(&both), arcs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect())
            };
            let m = Mutual::new(view);
            let want = naive(n, &all);
            for parallel in [false, true] {
                let got = effective_size_with(&m, Work::default(), parallel).unwrap();
                proptest::prop_assert!(same(&got, &want, 1e-12), "{:?} {:?}", got, want);
            }
        }
    }
}
