//! Burt's constraint, as NetworkX's `constraint` (unweighted).

use super::mutual::Mutual;
use super::{AlgoError, View, Work};

/// Burt's constraint of every node, equal to NetworkX's `constraint(G)`:
/// c(v) = Σ_{w ∈ N(v)} (p_vw + Σ_{k ∈ N(v)} p_vk·p_kw)², where p_vw is the mutual weight of
/// v and w (the number of edges joining them in either direction) divided by the sum of v's
/// mutual weights, and N(v) are v's neighbours (predecessors and successors on a directed
/// view).
///
/// An isolated node has no defined constraint: NaN, as in NetworkX.
///
/// Nodes are computed in parallel on large graphs, each thread with one dense array that
/// holds p_vk/S_k for the neighbours k of the current node (S_k being k's sum); each node's
/// value depends on that node alone, so the result does not depend on the thread count.
///
/// # Arguments
/// - `view`: the graph; a directed view counts an edge in each direction separately.
/// - `work`: checked and reported every few thousand nodes.
///
/// # Returns
/// The constraint of each node (NaN for isolated nodes); empty for an empty view.
///
/// # Complexity
/// O(Σ_v Σ_{w ∈ N(v)} min(d(w), d(v)·log d(w))) time, at most O(Σ d(v)²); O(n + m) space
/// (plus n floats per thread).
///
/// # Example
/// ```
/// use clustergraph_core::algo::{constraint, View, Work};
/// use clustergraph_core::Csr;
///
/// // A star with centre 0 and an isolated node 4.
/// //   1
/// //   |
/// // 2-0-3   4
/// let g = Csr::from_pairs(5, [(0, 1), (0, 2), (0, 3)].into_iter().flat_map(|(a, b)| [(a, b), (b, a)]));
/// let c = constraint(View::Undirected(&g), Work::default()).unwrap();
/// assert!((c[0] - 1.0 / 3.0).abs() < 1e-12); // three contacts, none linked: (1/3)² each
/// assert_eq!(c[1], 1.0); // a single contact constrains fully
/// assert!(c[4].is_nan());
/// ```
pub fn constraint(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let m = Mutual::new(view);
    let parallel = m.parallel();
    constraint_with(&m, work, parallel)
}

pub(crate) fn constraint_with(
    m: &Mutual,
    work: Work,
    parallel: bool,
) -> Result<Vec<f64>, AlgoError> {
    let sums: Vec<f64> = (0..m.node_count() as u32)
        .map(|v| m.row(v).1.iter().sum())
        .collect();
    m.per_node(work, parallel, |dense, v| {
        let (nv, mv) = m.row(v);
        if nv.is_empty() {
            return f64::NAN;
        }
        let sv = sums[v as usize];
        for (&k, &mk) in nv.iter().zip(mv) {
            dense[k as usize] = mk / sv / sums[k as usize];
        }
        let mut c = 0.0;
        for (&w, &mw) in nv.iter().zip(mv) {
            // Σ_k (p_vk / S_k)·m_kw = Σ_k p_vk·p_kw, m being symmetric.
            let local = mw / sv + m.common_sum(dense, v, w);
            c += local * local;
        }
        for &k in nv {
            dense[k as usize] = 0.0;
        }
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{bits, directed, on_1_2_4_threads, und, KARATE};
    use crate::Csr;

    /// The definition on a dense matrix of mutual weights, as NetworkX's sparse version.
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
        let p: Vec<Vec<f64>> = m
            .iter()
            .map(|row| {
                let s: f64 = row.iter().sum();
                row.iter()
                    .map(|x| if s == 0.0 { 0.0 } else { x / s })
                    .collect()
            })
            .collect();
        (0..n)
            .map(|v| {
                (0..n)
                    .filter(|&w| m[v][w] > 0.0)
                    .map(|w| {
                        let indirect: f64 = (0..n).map(|k| p[v][k] * p[k][w]).sum();
                        (p[v][w] + indirect).powi(2)
                    })
                    .fold(
                        if m[v].iter().sum::<f64>() == 0.0 {
                            f64::NAN
                        } else {
                            0.0
                        },
                        |x, y| x + y,
                    )
            })
            .collect()
    }

    fn same(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.is_nan() && y.is_nan()) || (x - y).abs() <= tol * y.abs())
    }

    #[test]
    fn empty_single_path_and_complete() {
        let e = und(0, &[]);
        assert!(constraint(View::Undirected(&e), Work::default())
            .unwrap()
            .is_empty());
        let one = und(1, &[]);
        assert!(constraint(View::Undirected(&one), Work::default()).unwrap()[0].is_nan());
        // Path 0-1-2: the middle has two unlinked contacts, 2·(1/2)²; an end has one (1²).
        let path = und(3, &[(0, 1), (1, 2)]);
        assert_eq!(
            constraint(View::Undirected(&path), Work::default()).unwrap(),
            vec![1.0, 0.5, 1.0]
        );
        // K4: p = 1/3 and two indirect paths of (1/3)² each: 3·(1/3 + 2/9)² = 75/81.
        let k4 = und(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        let c = constraint(View::Undirected(&k4), Work::default()).unwrap();
        assert!(c.iter().all(|&x| (x - 75.0 / 81.0).abs() < 1e-15));
    }

    #[test]
    fn karate_and_a_directed_graph_match_networkx() {
        // nx.constraint(nx.karate_club_graph()), NetworkX 3.6 (unweighted: weight=None).
        let nx = [
            0.15542329764660495,
            0.27953510802469134,
            0.18517663966049383,
            0.3966596472050754,
            0.5294174382716048,
            0.4774848090277778,
            0.4774848090277778,
            0.44271158854166665,
            0.3036007136678201,
            0.5,
            0.5294174382716048,
            1.0,
            0.6225043402777779,
            0.32333541666666676,
            0.5736795943867743,
            0.5736795943867743,
            0.78125,
            0.590868537808642,
            0.5736795943867743,
            0.37371935013717417,
            0.5736795943867743,
            0.590868537808642,
            0.5736795943867743,
            0.30582372164552096,
            0.4598765432098765,
            0.4598765432098765,
            0.6709018166089966,
            0.2850692041522491,
            0.3869131530607885,
            0.44940900134563627,
            0.3460064638600538,
            0.24457540369088815,
            0.24922336227519323,
            0.15641868512110724,
        ];
        let g = und(34, &KARATE);
        assert!(same(
            &constraint(View::Undirected(&g), Work::default()).unwrap(),
            &nx,
            1e-12
        ));
        // D = nx.DiGraph([(0, 1), (1, 0), (0, 2), (2, 1), (3, 0)]); D.add_node(4)
        let (out, inn) = directed(5, &[(0, 1), (1, 0), (0, 2), (2, 1), (3, 0)]);
        let nx = [
            0.626736111111111,
            0.9444444444444443,
            1.2569444444444442,
            1.0,
            f64::NAN,
        ];
        let c = constraint(
            View::Directed {
                out: &out,
                inn: &inn,
            },
            Work::default(),
        )
        .unwrap();
        assert!(same(&c, &nx, 1e-12), "{c:?}");
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
        let serial = constraint_with(&m, Work::default(), false).unwrap();
        for par in on_1_2_4_threads(|| constraint_with(&m, Work::default(), true).unwrap()) {
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
                let got = constraint_with(&m, Work::default(), parallel).unwrap();
                proptest::prop_assert!(same(&got, &want, 1e-12), "{:?} {:?}", got, want);
            }
        }
    }
}
