//! Semi-synchronous label propagation, exactly as NetworkX's `label_propagation_communities`.

use rayon::prelude::*;

use super::chunked::{CHUNK, PARALLEL_ENTRIES};
use super::{AlgoError, Partition, Work};
use crate::Csr;

/// Communities by semi-synchronous label propagation (Cordasco and Gargano), the same
/// partition as NetworkX's `label_propagation_communities(G)` when CSR index order is the
/// order in which NetworkX's graph holds its nodes.
///
/// What NetworkX does, and which of its orders matter:
/// - Colouring (`_color_network`): `greedy_color(G)` with its default strategy
///   `largest_first`, nodes sorted by degree descending with Python's stable sort, so equal
///   degrees keep node order (here: ascending index); each node takes the smallest colour
///   none of its coloured neighbours has. Colour classes are visited in order of first
///   appearance in that dict, which for a greedy colouring is 0, 1, 2, ...
/// - Labels start as each node's position in node order (here: its index).
/// - A round updates every colour class in turn (`_update_label`): a node takes the label
///   most frequent among its neighbours; on a tie it keeps its own if that is among the most
///   frequent, otherwise takes the largest (“Prec-Max”). Nodes of one class are never
///   adjacent, so the order within a class (a Python set's order there) cannot matter; here
///   a class is updated from the labels before it, in parallel on large graphs.
/// - Rounds repeat until every node with neighbours holds a most frequent label
///   (`_labeling_complete`). A round that changes nothing is exactly that test, so the loop
///   stops after the first round without a change. Like NetworkX there is no round limit
///   (the rule converges); `work` can stop it.
///
/// # Arguments
/// - `csr`: an undirected view (NetworkX's function is not implemented for directed graphs).
/// - `work`: checked and reported once per colour class.
///
/// # Returns
/// The communities, numbered by size (see [`Partition`]); isolated nodes are singletons.
///
/// # Complexity
/// O(n log n + r·m) time for r rounds, O(n) extra space (plus n counters per thread).
///
/// # Example
/// ```
/// use clustergraph_core::algo::{label_propagation, Work};
/// use clustergraph_core::Csr;
///
/// // Two triangles joined by the edge 2-3, and an isolated node 6.
/// // 0       4
/// // | \   / |
/// // |  2-3  |    6
/// // | /   \ |
/// // 1       5
/// let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)];
/// let g = Csr::from_pairs(7, edges.into_iter().flat_map(|(a, b)| [(a, b), (b, a)]));
/// let p = label_propagation(&g, Work::default()).unwrap();
/// assert_eq!(p.labels, vec![0, 0, 0, 1, 1, 1, 2]);
/// assert_eq!(p.sizes, vec![3, 3, 1]);
/// ```
pub fn label_propagation(csr: &Csr, work: Work) -> Result<Partition, AlgoError> {
    label_propagation_with(csr, work, csr.entry_count() >= PARALLEL_ENTRIES)
}

pub(crate) fn label_propagation_with(
    csr: &Csr,
    work: Work,
    parallel: bool,
) -> Result<Partition, AlgoError> {
    let n = csr.node_count();
    let classes = colour_classes(csr);
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut next: Vec<u32> = Vec::new();
    let mut scratch = Counter::new(n);
    let mut rounds = 0u64;
    loop {
        let mut changed = false;
        for (c, class) in classes.iter().enumerate() {
            work.check()?;
            work.report(c as u64, classes.len() as u64);
            next.clear();
            next.resize(class.len(), 0);
            if parallel && class.len() >= 2 * CHUNK {
                let labels = &labels;
                next.par_chunks_mut(CHUNK)
                    .zip(class.par_chunks(CHUNK))
                    .for_each_init(
                        || Counter::new(n),
                        |counter, (out, nodes)| {
                            for (o, &v) in out.iter_mut().zip(nodes) {
                                *o = counter.update(csr, labels, v);
                            }
                        },
                    );
            } else {
                for (o, &v) in next.iter_mut().zip(class) {
                    *o = scratch.update(csr, &labels, v);
                }
            }
            for (&v, &l) in class.iter().zip(&next) {
                changed |= labels[v as usize] != l;
                labels[v as usize] = l;
            }
        }
        rounds += 1;
        if !changed {
            break;
        }
    }
    debug_assert!(rounds >= 1);
    Ok(Partition::from_raw_labels(&labels))
}

/// NetworkX's `greedy_color(G, "largest_first")` as classes of nodes, in colour order, each
/// ascending.
fn colour_classes(csr: &Csr) -> Vec<Vec<u32>> {
    let n = csr.node_count();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&v| std::cmp::Reverse(csr.degree(v)));
    let mut colour = vec![u32::MAX; n];
    // `seen[c] == v + 1` marks colour c as taken by a neighbour of v.
    let mut seen: Vec<u32> = Vec::new();
    let mut classes: Vec<Vec<u32>> = Vec::new();
    for &v in &order {
        for &w in csr.neighbours(v) {
            let c = colour[w as usize];
            if c != u32::MAX {
                if seen.len() <= c as usize {
                    seen.resize(c as usize + 1, 0);
                }
                seen[c as usize] = v + 1;
            }
        }
        let c = (0..)
            .find(|&c| seen.get(c).is_none_or(|&s| s != v + 1))
            .unwrap_or(0);
        colour[v as usize] = c as u32;
        if classes.len() <= c {
            classes.push(Vec::new());
        }
        classes[c].push(v);
    }
    for class in &mut classes {
        class.sort_unstable();
    }
    classes
}

/// Label counts among one node's neighbours, reset after each use.
struct Counter {
    count: Vec<u32>,
    touched: Vec<u32>,
}

impl Counter {
    fn new(n: usize) -> Counter {
        Counter {
            count: vec![0; n],
            touched: Vec::new(),
        }
    }

    /// The label `v` takes under NetworkX's `_update_label` (its own when it has no
    /// neighbours).
    fn update(&mut self, csr: &Csr, labels: &[u32], v: u32) -> u32 {
        let own = labels[v as usize];
        for &w in csr.neighbours(v) {
            let l = labels[w as usize];
            if self.count[l as usize] == 0 {
                self.touched.push(l);
            }
            self.count[l as usize] += 1;
        }
        let best = self.touched.iter().map(|&l| self.count[l as usize]).max();
        let new = match best {
            // Its own label is among the most frequent: kept, whether alone or tied.
            Some(b) if self.count[own as usize] != b => self
                .touched
                .iter()
                .copied()
                .filter(|&l| self.count[l as usize] == b)
                .max()
                .unwrap_or(own),
            _ => own,
        };
        for &l in &self.touched {
            self.count[l as usize] = 0;
        }
        self.touched.clear();
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::fixtures::{on_1_2_4_threads, und, KARATE};
    use std::collections::BTreeMap;

    /// NetworkX's code transcribed plainly: colour, then `while not _labeling_complete`
    /// update every class node by node, with maps for the counts.
    fn naive(n: usize, edges: &[(u32, u32)]) -> Partition {
        let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
        for &(a, b) in edges {
            if a != b && !adj[a as usize].contains(&b) {
                adj[a as usize].push(b);
                adj[b as usize].push(a);
            }
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| adj[b].len().cmp(&adj[a].len()));
        let mut colour: BTreeMap<usize, usize> = BTreeMap::new();
        let mut classes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &u in &order {
            let used: Vec<usize> = adj[u]
                .iter()
                .filter_map(|w| colour.get(&(*w as usize)).copied())
                .collect();
            let c = (0..).find(|c| !used.contains(c)).unwrap();
            colour.insert(u, c);
            classes.entry(c).or_default().push(u);
        }
        let mut labels: Vec<u32> = (0..n as u32).collect();
        let most_frequent = |labels: &[u32], v: usize| -> Vec<u32> {
            let mut freq: BTreeMap<u32, usize> = BTreeMap::new();
            for &w in &adj[v] {
                *freq.entry(labels[w as usize]).or_default() += 1;
            }
            let max = freq.values().copied().max().unwrap_or(0);
            freq.into_iter()
                .filter(|&(_, f)| f == max)
                .map(|(l, _)| l)
                .collect()
        };
        while !(0..n)
            .filter(|&v| !adj[v].is_empty())
            .all(|v| most_frequent(&labels, v).contains(&labels[v]))
        {
            for nodes in classes.values() {
                for &v in nodes {
                    let high = most_frequent(&labels, v);
                    if high.len() == 1 {
                        labels[v] = high[0];
                    } else if high.len() > 1 && !high.contains(&labels[v]) {
                        labels[v] = *high.iter().max().unwrap();
                    }
                }
            }
        }
        Partition::from_raw_labels(&labels)
    }

    fn run(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
        label_propagation(&und(n, edges), Work::default())
            .unwrap()
            .labels
    }

    #[test]
    fn small_graphs_match_networkx() {
        assert!(run(0, &[]).is_empty());
        assert_eq!(run(1, &[]), vec![0]);
        assert_eq!(run(3, &[]), vec![0, 1, 2]);
        // label_propagation_communities(nx.path_graph(6)), (nx.star_graph(4)), NetworkX 3.6.
        assert_eq!(
            run(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]),
            vec![0, 0, 0, 1, 1, 1]
        );
        assert_eq!(run(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]), vec![0; 5]);
        let k5: Vec<(u32, u32)> = (0..5)
            .flat_map(|a| (a + 1..5).map(move |b| (a, b)))
            .collect();
        assert_eq!(run(5, &k5), vec![0; 5]);
    }

    #[test]
    fn karate_matches_networkx() {
        // nx.community.label_propagation_communities(nx.karate_club_graph()), NetworkX 3.6,
        // renumbered by size.
        let nx = [
            1, 1, 0, 1, 1, 2, 2, 1, 0, 0, 1, 1, 1, 1, 0, 0, 2, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0,
            0, 0, 1, 0, 0,
        ];
        assert_eq!(run(34, &KARATE), nx);
    }

    #[test]
    fn colouring_is_largest_first_with_ties_in_node_order() {
        // Star centre 2 (degree 3) first, colour 0; then leaves 0, 1, 3 in index order.
        let g = und(5, &[(2, 0), (2, 1), (2, 3), (3, 4)]);
        assert_eq!(colour_classes(&g), vec![vec![2, 4], vec![0, 1, 3]]);
    }

    #[test]
    fn same_partition_on_1_2_4_threads_and_serially() {
        let n = 30_000u32;
        let e: Vec<(u32, u32)> = (1..n)
            .flat_map(|v| [(v, v / 2), (v, (v * 7919) % n), (v, v ^ 1)])
            .collect();
        let g = und(n as usize, &e);
        let serial = label_propagation_with(&g, Work::default(), false).unwrap();
        for par in on_1_2_4_threads(|| label_propagation_with(&g, Work::default(), true)) {
            assert_eq!(par.unwrap(), serial);
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_networkx_transcribed(edges in proptest::collection::vec((0u32..16, 0u32..16), 0..40)) {
            let g = und(16, &edges);
            let want = naive(16, &edges);
            for parallel in [false, true] {
                proptest::prop_assert_eq!(&label_propagation_with(&g, Work::default(), parallel).unwrap(), &want);
            }
        }
    }
}
