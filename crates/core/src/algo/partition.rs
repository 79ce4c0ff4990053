//! A partition of the nodes into communities, numbered so that the same grouping always reads
//! the same, whichever algorithm or raw labels produced it.

/// Communities of the nodes of a view.
///
/// # Fields
/// - `labels[v]`: the community of node `v`. Communities are numbered `0..` by size,
///   largest first; communities of equal size are ordered by their smallest member.
/// - `sizes[c]`: the number of nodes in community `c` (non-increasing).
///
/// # Example
/// ```
/// use clustergraph_core::algo::Partition;
///
/// // Raw labels: {0, 3} share 7, {1, 2, 4} share 5.
/// let p = Partition::from_raw_labels(&[7, 5, 5, 7, 5]);
/// assert_eq!(p.labels, vec![1, 0, 0, 1, 0]);
/// assert_eq!(p.sizes, vec![3, 2]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partition {
    /// The community of each node.
    pub labels: Vec<u32>,
    /// The size of each community.
    pub sizes: Vec<usize>,
}

impl Partition {
    /// Renumbers arbitrary community labels (one per node; equal labels mean the same
    /// community) into the canonical numbering.
    ///
    /// O(n log n) for n nodes.
    pub fn from_raw_labels(raw: &[u32]) -> Partition {
        // Nodes are visited in index order, so the first node seen with a raw label is that
        // community's smallest member: numbering communities by first sight orders ties.
        let mut first: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        let mut dense = Vec::with_capacity(raw.len());
        let mut sizes: Vec<usize> = Vec::new();
        for &r in raw {
            let next = sizes.len() as u32;
            let c = *first.entry(r).or_insert(next);
            if c == next {
                sizes.push(0);
            }
            sizes[c as usize] += 1;
            dense.push(c);
        }
        // `sort_by_key` is stable, so equal sizes stay in order of their smallest member.
        let mut order: Vec<u32> = (0..sizes.len() as u32).collect();
        order.sort_by_key(|&c| std::cmp::Reverse(sizes[c as usize]));
        let mut rank = vec![0u32; sizes.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
        }
        Partition {
            labels: dense.iter().map(|&c| rank[c as usize]).collect(),
            sizes: order.iter().map(|&c| sizes[c as usize]).collect(),
        }
    }

    /// The number of communities.
    pub fn count(&self) -> usize {
        self.sizes.len()
    }

    /// The members of each community, ascending, in community order.
    pub fn communities(&self) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = self.sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
        for (v, &c) in self.labels.iter().enumerate() {
            out[c as usize].push(v as u32);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_singletons() {
        let p = Partition::from_raw_labels(&[]);
        assert_eq!((p.labels.len(), p.count()), (0, 0));
        let p = Partition::from_raw_labels(&[9, 3, 4]);
        assert_eq!(p.labels, vec![0, 1, 2]);
        assert_eq!(p.sizes, vec![1, 1, 1]);
    }

    #[test]
    fn ties_by_smallest_member() {
        // {0, 4}, {1, 2}, {3}: the two pairs tie, {0, 4} holds the smaller node.
        let p = Partition::from_raw_labels(&[2, 1, 1, 0, 2]);
        assert_eq!(p.labels, vec![0, 1, 1, 2, 0]);
        assert_eq!(p.communities(), vec![vec![0, 4], vec![1, 2], vec![3]]);
    }

    proptest::proptest! {
        #[test]
        fn canonical_numbering_is_a_function_of_the_grouping(raw in proptest::collection::vec(0u32..6, 0..40)) {
            let p = Partition::from_raw_labels(&raw);
            // Same grouping, different raw names: same partition.
            let renamed: Vec<u32> = raw.iter().map(|&r| 100 - r * 7).collect();
            proptest::prop_assert_eq!(&Partition::from_raw_labels(&renamed), &p);
            for i in 0..raw.len() {
                for j in 0..raw.len() {
                    proptest::prop_assert_eq!(raw[i] == raw[j], p.labels[i] == p.labels[j]);
                }
            }
            let comms = p.communities();
            for w in comms.windows(2) {
                proptest::prop_assert!(w[0].len() > w[1].len() || (w[0].len() == w[1].len() && w[0][0] < w[1][0]));
            }
            proptest::prop_assert_eq!(p.sizes.iter().sum::<usize>(), raw.len());
        }
    }
}
