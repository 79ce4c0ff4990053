//! Degree: the number of distinct neighbours of each node.

use super::{AlgoError, View, Work};

/// The degree of every node: the number of distinct neighbours on the undirected simple view,
/// or in-degree plus out-degree on the directed simple view (NetworkX's `DiGraph.degree`, so a
/// node linked both ways to another counts it twice).
///
/// # Arguments
/// * `view`: the adjacency to count on.
/// * `work`: polled for interruption every few thousand nodes.
///
/// # Returns
/// One value per node (index = view node index), integral.
///
/// # Complexity
/// O(n): a [`Csr`](crate::Csr) stores each list's length.
///
/// # Example
/// ```text
///   0 — 1 — 2      3
/// ```
/// ```
/// use clustergraph_core::{algo::degree, Csr, View, Work};
/// let csr = Csr::from_pairs(4, [(0, 1), (1, 0), (1, 2), (2, 1)].into_iter());
/// let d = degree(View::Undirected(&csr), Work::default()).unwrap();
/// assert_eq!(d, vec![1.0, 2.0, 1.0, 0.0]);
/// ```
pub fn degree(view: View, work: Work) -> Result<Vec<f64>, AlgoError> {
    let n = view.node_count();
    let mut out = Vec::with_capacity(n);
    for v in 0..n as u32 {
        if v % 65_536 == 0 {
            work.check()?;
        }
        let d = match view {
            View::Undirected(c) => c.degree(v),
            View::Directed { out, inn } => out.degree(v) + inn.degree(v),
        };
        out.push(d as f64);
    }
    work.report(n as u64, n as u64);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Csr;

    fn undirected(n: usize, edges: &[(u32, u32)]) -> Csr {
        Csr::from_pairs(n, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]))
    }

    #[test]
    fn star_path_empty_and_isolated() {
        let star = undirected(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert_eq!(
            degree(View::Undirected(&star), Work::default()).unwrap(),
            vec![4.0, 1.0, 1.0, 1.0, 1.0]
        );
        let empty = undirected(0, &[]);
        assert!(degree(View::Undirected(&empty), Work::default())
            .unwrap()
            .is_empty());
        let lonely = undirected(2, &[]);
        assert_eq!(
            degree(View::Undirected(&lonely), Work::default()).unwrap(),
            vec![0.0, 0.0]
        );
    }

    #[test]
    fn parallel_edges_merge_and_directed_counts_both_ways() {
        // 0 → 1 twice, 1 → 0, 1 → 2: undirected degrees 1, 2, 1; directed in+out 2, 3, 1.
        let pairs = [(0u32, 1u32), (0, 1), (1, 0), (1, 2)];
        let und = Csr::from_pairs(3, pairs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
        assert_eq!(
            degree(View::Undirected(&und), Work::default()).unwrap(),
            vec![1.0, 2.0, 1.0]
        );
        let out = Csr::from_pairs(3, pairs.iter().copied());
        let inn = Csr::from_pairs(3, pairs.iter().map(|&(a, b)| (b, a)));
        let view = View::Directed {
            out: &out,
            inn: &inn,
        };
        assert_eq!(degree(view, Work::default()).unwrap(), vec![2.0, 3.0, 1.0]);
    }

    #[test]
    fn stops_when_cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let csr = undirected(3, &[(0, 1)]);
        assert_eq!(
            degree(View::Undirected(&csr), Work::new(&flag)),
            Err(AlgoError::Interrupted)
        );
    }
}
