//! Connected components of an undirected view.

use crate::Csr;

/// Connected components of an undirected view, each sorted, largest first (ties by their
/// smallest member).
///
/// # Arguments
/// - `csr`: an undirected view (each edge listed from both ends).
///
/// # Returns
/// The node numbers of each component, ascending; the components by size, largest first.
///
/// # Complexity
/// O(n + m) time for the search and O(n log n) for the sorts; O(n) memory.
///
/// # Example
/// ```text
/// 0 — 1    2 — 3 — 4    5
/// ```
/// ```
/// use clustergraph_core::{algo::components, Csr};
/// let edges = [(0, 1), (2, 3), (3, 4)];
/// let csr = Csr::from_pairs(6, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
/// assert_eq!(components(&csr), vec![vec![2, 3, 4], vec![0, 1], vec![5]]);
/// ```
pub fn components(csr: &Csr) -> Vec<Vec<u32>> {
    let n = csr.node_count();
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for s in 0..n as u32 {
        if seen[s as usize] {
            continue;
        }
        seen[s as usize] = true;
        stack.push(s);
        let mut comp = Vec::new();
        while let Some(v) = stack.pop() {
            comp.push(v);
            for &w in csr.neighbours(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    stack.push(w);
                }
            }
        }
        comp.sort_unstable();
        out.push(comp);
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// The component of each node, numbered in the order the components are found (by their
/// smallest member), and how many there are: what [`components`] lists, without sorting
/// anything, for callers that order the members themselves.
///
/// # Complexity
/// O(n + m) time, O(n) memory.
///
/// # Example
/// ```
/// use clustergraph_core::{algo::component_labels, Csr};
/// let csr = Csr::from_pairs(4, [(0, 2), (2, 0)].into_iter());
/// assert_eq!(component_labels(&csr), (vec![0, 1, 0, 2], 3));
/// ```
pub fn component_labels(csr: &Csr) -> (Vec<u32>, usize) {
    let n = csr.node_count();
    let mut label = vec![u32::MAX; n];
    let mut stack = Vec::new();
    let mut count = 0u32;
    for s in 0..n as u32 {
        if label[s as usize] != u32::MAX {
            continue;
        }
        label[s as usize] = count;
        stack.push(s);
        while let Some(v) = stack.pop() {
            for &w in csr.neighbours(v) {
                if label[w as usize] == u32::MAX {
                    label[w as usize] = count;
                    stack.push(w);
                }
            }
        }
        count += 1;
    }
    (label, count as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_agree_with_the_listing() {
        let edges = [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 4), (8, 9)];
        let csr = Csr::from_pairs(10, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
        let (label, count) = component_labels(&csr);
        assert_eq!(count, components(&csr).len());
        for c in components(&csr) {
            assert!(c.iter().all(|&v| label[v as usize] == label[c[0] as usize]));
        }
    }

    #[test]
    fn a_path_and_a_triangle_are_two_components_largest_first() {
        let edges = [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 4)];
        let csr = Csr::from_pairs(7, edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
        assert_eq!(components(&csr), vec![vec![0, 1, 2, 3], vec![4, 5, 6]]);
    }
}
