//! Core number (k-core decomposition), as NetworkX's `core_number`.

use super::{AlgoError, View, Work};

/// The core number of every node: the largest `k` such that the node belongs to a subgraph
/// in which every node has degree at least `k`.
///
/// Nodes are peeled in order of current degree with the bucket structure of Batagelj and
/// Zaversnik ("An O(m) Algorithm for Cores Decomposition of Networks", 2003), as NetworkX
/// does. On a directed view the degree is in-degree plus out-degree and a neighbour linked
/// both ways counts twice, as NetworkX's `DiGraph.degree` and `all_neighbors` make it.
///
/// # Arguments
/// * `view`: the adjacency to decompose.
/// * `work`: polled for interruption every few thousand nodes.
///
/// # Returns
/// One value per node (index = view node index), integral; isolated nodes are 0.
///
/// # Complexity
/// O(n + m) time and memory, sequential.
///
/// # Example
/// ```text
///   0 — 1
///   | ╲ |
///   3 — 2 — 4
/// ```
/// ```
/// use clustergraph_core::{algo::core_number, Csr, View, Work};
/// let e = [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2), (2, 4)];
/// let csr = Csr::from_pairs(5, e.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
/// let k = core_number(View::Undirected(&csr), Work::default()).unwrap();
/// assert_eq!(k, vec![2.0, 2.0, 2.0, 2.0, 1.0]);
/// ```
pub fn core_number(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    let lists: Vec<&crate::Csr> = match view {
        View::Undirected(c) => vec![c],
        View::Directed { out, inn } => vec![out, inn],
    };
    let mut deg: Vec<u32> = (0..n as u32)
        .map(|v| lists.iter().map(|c| c.degree(v) as u32).sum())
        .collect();
    let max_deg = deg.iter().copied().max().unwrap_or(0) as usize;
    // `start[d]`: where the nodes of current degree d begin in `order`.
    let mut start = vec![0u32; max_deg + 2];
    for &d in &deg {
        start[d as usize + 1] += 1;
    }
    for d in 0..=max_deg {
        start[d + 1] += start[d];
    }
    let mut order = vec![0u32; n];
    let mut pos = vec![0u32; n];
    {
        let mut fill = start.clone();
        for v in 0..n {
            let d = deg[v] as usize;
            pos[v] = fill[d];
            order[fill[d] as usize] = v as u32;
            fill[d] += 1;
        }
    }
    for i in 0..n {
        if i % 4096 == 0 {
            work.check()?;
            work.report(i as u64, n as u64);
        }
        let v = order[i];
        let dv = deg[v as usize];
        for c in &lists {
            for &u in c.neighbours(v) {
                let du = deg[u as usize];
                if du > dv {
                    // Move u to the front of its bucket, then shrink the bucket past it:
                    // u now sits in the bucket of degree du - 1.
                    let pu = pos[u as usize];
                    let pw = start[du as usize];
                    let w = order[pw as usize];
                    if u != w {
                        order.swap(pu as usize, pw as usize);
                        pos[u as usize] = pw;
                        pos[w as usize] = pu;
                    }
                    start[du as usize] += 1;
                    deg[u as usize] = du - 1;
                }
            }
        }
    }
    work.report(n as u64, n as u64);
    Ok(deg.into_iter().map(f64::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Csr;
    use proptest::prelude::*;

    fn undirected(n: usize, edges: &[(u32, u32)]) -> Csr {
        Csr::from_pairs(n, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]))
    }

    /// The definition: the k-core is what remains after repeatedly deleting nodes of degree
    /// below k (degree with multiplicity over all lists of the view).
    fn naive(view: View) -> Vec<f64> {
        let n = view.node_count();
        let lists: Vec<&Csr> = if view.is_directed() {
            vec![view.out(), view.inn()]
        } else {
            vec![view.out()]
        };
        let mut core = vec![0.0; n];
        for k in 1..=2 * n {
            let mut alive = vec![true; n];
            loop {
                let mut changed = false;
                for v in 0..n {
                    if !alive[v] {
                        continue;
                    }
                    let d: usize = lists
                        .iter()
                        .map(|c| {
                            c.neighbours(v as u32)
                                .iter()
                                .filter(|&&u| alive[u as usize])
                                .count()
                        })
                        .sum();
                    if d < k {
                        alive[v] = false;
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
            }
            if !alive.iter().any(|&a| a) {
                break;
            }
            for v in 0..n {
                if alive[v] {
                    core[v] = k as f64;
                }
            }
        }
        core
    }

    #[test]
    fn small_graphs_by_hand() {
        let empty = undirected(0, &[]);
        assert!(core_number(View::Undirected(&empty), Work::default())
            .unwrap()
            .is_empty());
        let one = undirected(1, &[]);
        assert_eq!(
            core_number(View::Undirected(&one), Work::default()).unwrap(),
            vec![0.0]
        );
        let path = undirected(4, &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(
            core_number(View::Undirected(&path), Work::default()).unwrap(),
            vec![1.0; 4]
        );
        let k4_and_star = undirected(
            9,
            &[
                (0, 1),
                (0, 2),
                (0, 3),
                (1, 2),
                (1, 3),
                (2, 3),
                (4, 5),
                (4, 6),
                (4, 7),
            ],
        );
        assert_eq!(
            core_number(View::Undirected(&k4_and_star), Work::default()).unwrap(),
            vec![3.0, 3.0, 3.0, 3.0, 1.0, 1.0, 1.0, 1.0, 0.0]
        );
    }

    #[test]
    fn directed_counts_mutual_links_twice() {
        // 0 ⇄ 1 ⇄ 2 ⇄ 0: every node has in+out degree 4, a 4-core.
        let pairs = [(0u32, 1u32), (1, 0), (1, 2), (2, 1), (2, 0), (0, 2)];
        let out = Csr::from_pairs(3, pairs.iter().copied());
        let inn = Csr::from_pairs(3, pairs.iter().map(|&(a, b)| (b, a)));
        let view = View::Directed {
            out: &out,
            inn: &inn,
        };
        assert_eq!(
            core_number(view, Work::default()).unwrap(),
            vec![4.0, 4.0, 4.0]
        );
    }

    #[test]
    fn stops_when_cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let csr = undirected(3, &[(0, 1)]);
        assert_eq!(
            core_number(View::Undirected(&csr), Work::new(&flag)),
            Err(AlgoError::Interrupted)
        );
    }

    proptest! {
        #[test]
        fn equals_repeated_peeling(n in 1usize..40, edges in proptest::collection::vec((0u32..40, 0u32..40), 0..150), directed: bool) {
            let edges: Vec<(u32, u32)> = edges.into_iter().filter(|e| (e.0 as usize) < n && (e.1 as usize) < n).collect();
            let out = Csr::from_pairs(n, edges.iter().copied());
            let inn = Csr::from_pairs(n, edges.iter().map(|&(a, b)| (b, a)));
            let und = undirected(n, &edges);
            let view = if directed { View::Directed { out: &out, inn: &inn } } else { View::Undirected(&und) };
            prop_assert_eq!(core_number(view, Work::default()).unwrap(), naive(view));
        }
    }
}
