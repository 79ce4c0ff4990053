//! How much two partitions of the same items agree: the adjusted Rand index and the
//! normalised mutual information, computed as scikit-learn's `adjusted_rand_score` and
//! `normalized_mutual_info_score` (arithmetic mean of the entropies) compute them.
//!
//! Both read only the contingency table of the two labellings (how many items have label
//! `a` in the first and `b` in the second), built once.
//!
//! # Example
//! ```
//! use clustergraph_core::algo::{adjusted_rand_index, normalized_mutual_info};
//!
//! // The same grouping under other names agrees fully.
//! assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 3, 3]), 1.0);
//! assert_eq!(normalized_mutual_info(&[0, 0, 1, 1], &[5, 5, 3, 3]), 1.0);
//! // Two groups cut across: no agreement beyond chance.
//! assert!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]) < 0.0);
//! assert_eq!(normalized_mutual_info(&[0, 0, 1, 1], &[0, 1, 0, 1]), 0.0);
//! ```
//!
//! O(n log n) for n items (the contingency table is sorted), O(n) memory.

/// The contingency table of two labellings of the same items: the non-zero cells, and the
/// sizes of the classes of each labelling.
#[derive(Clone, Debug)]
struct Contingency {
    /// Each non-zero cell: a first label, a second label, and the items that have both.
    cells: Vec<(u32, u32, u64)>,
    /// The first labelling's labels, sorted (to look up a class's size).
    a_sorted: Vec<u32>,
    /// The second labelling's labels, sorted.
    b_sorted: Vec<u32>,
    /// Items in each class of the first labelling.
    rows: Vec<u64>,
    /// Items in each class of the second labelling.
    columns: Vec<u64>,
    /// Items in all.
    n: u64,
}

impl Contingency {
    /// The table of `a` and `b`, which label the same items (`a[i]` and `b[i]` are item
    /// `i`'s); the longer one is cut to the shorter.
    fn of(a: &[u32], b: &[u32]) -> Contingency {
        let n = a.len().min(b.len());
        let mut pairs: Vec<(u32, u32)> =
            a[..n].iter().copied().zip(b[..n].iter().copied()).collect();
        pairs.sort_unstable();
        let mut cells: Vec<(u32, u32, u64)> = Vec::new();
        for &(x, y) in &pairs {
            match cells.last_mut() {
                Some(last) if (last.0, last.1) == (x, y) => last.2 += 1,
                _ => cells.push((x, y, 1)),
            }
        }
        let (mut a_sorted, mut b_sorted) = (a[..n].to_vec(), b[..n].to_vec());
        a_sorted.sort_unstable();
        b_sorted.sort_unstable();
        Contingency {
            cells,
            rows: class_sizes(&a_sorted),
            columns: class_sizes(&b_sorted),
            a_sorted,
            b_sorted,
            n: n as u64,
        }
    }
}

/// The size of each class of a sorted labelling, in label order.
fn class_sizes(sorted: &[u32]) -> Vec<u64> {
    let mut sizes: Vec<u64> = Vec::new();
    for (i, l) in sorted.iter().enumerate() {
        if i > 0 && sorted[i - 1] == *l {
            *sizes.last_mut().expect("a size was pushed") += 1;
        } else {
            sizes.push(1);
        }
    }
    sizes
}

/// The size of the class `l` of a sorted labelling.
fn size_of(sorted: &[u32], l: u32) -> u64 {
    (sorted.partition_point(|&x| x <= l) - sorted.partition_point(|&x| x < l)) as u64
}

/// The adjusted Rand index of two labellings of the same items: 1 when they group the items
/// alike (whatever the labels), about 0 for groupings that agree as much as chance would,
/// negative below chance.
///
/// # Arguments
/// - `a`, `b`: one label per item (`a[i]` and `b[i]` are item `i`'s); labels are names only.
///
/// # Returns
/// scikit-learn's `adjusted_rand_score(a, b)`: from the pair confusion matrix,
/// `2 (tp tn − fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))`, and 1 when no pair is
/// put together by one labelling and apart by the other (including fewer than two items).
pub fn adjusted_rand_index(a: &[u32], b: &[u32]) -> f64 {
    let c = Contingency::of(a, b);
    let n = c.n as f64;
    // Pairs of items counted as sklearn's pair_confusion_matrix counts them (ordered pairs).
    let sum_squares: f64 = c
        .cells
        .iter()
        .map(|&(_, _, x)| (x as f64) * (x as f64))
        .sum();
    let row_squares: f64 = c.rows.iter().map(|&x| (x as f64) * (x as f64)).sum();
    let column_squares: f64 = c.columns.iter().map(|&x| (x as f64) * (x as f64)).sum();
    let tp = sum_squares - n;
    let fp = row_squares - sum_squares;
    let fneg = column_squares - sum_squares;
    let tn = n * n - fp - fneg - sum_squares;
    if fneg == 0.0 && fp == 0.0 {
        return 1.0;
    }
    2.0 * (tp * tn - fneg * fp) / ((tp + fneg) * (fneg + tn) + (tp + fp) * (fp + tn))
}

/// The normalised mutual information of two labellings of the same items: the information
/// they share over the mean of their entropies, 1 when they group alike, 0 when knowing one
/// says nothing of the other.
///
/// # Arguments
/// - `a`, `b`: one label per item, as for [`adjusted_rand_index`].
///
/// # Returns
/// scikit-learn's `normalized_mutual_info_score(a, b)` (`average_method="arithmetic"`):
/// 1 when both put every item in one class (or there are no items), 0 when the mutual
/// information is 0, else `MI / ((H(a) + H(b)) / 2)`, natural logarithms.
pub fn normalized_mutual_info(a: &[u32], b: &[u32]) -> f64 {
    let c = Contingency::of(a, b);
    if c.rows.len() == c.columns.len() && c.rows.len() <= 1 {
        return 1.0;
    }
    let mi = mutual_information(&c);
    if mi == 0.0 {
        return 0.0;
    }
    let (ha, hb) = (entropy(&c.rows), entropy(&c.columns));
    mi / ((ha + hb) / 2.0)
}

/// The mutual information of the table, term by term as sklearn's `mutual_info_score` sums
/// it (terms below machine epsilon count as 0; the sum is never negative).
fn mutual_information(c: &Contingency) -> f64 {
    if c.rows.len() == 1 || c.columns.len() == 1 {
        return 0.0;
    }
    let n = c.n as f64;
    let log_n = n.ln();
    let mut mi = 0.0;
    for &(x, y, cell) in &c.cells {
        let share = cell as f64 / n;
        let outer = size_of(&c.a_sorted, x) as f64 * size_of(&c.b_sorted, y) as f64;
        let term = share * ((cell as f64).ln() - log_n) + share * (-outer.ln() + log_n + log_n);
        if term.abs() >= f64::EPSILON {
            mi += term;
        }
    }
    mi.max(0.0)
}

/// The entropy of classes of these sizes (natural logarithm); 0 for one class.
fn entropy(sizes: &[u64]) -> f64 {
    if sizes.len() <= 1 {
        return 0.0;
    }
    let total: f64 = sizes.iter().map(|&s| s as f64).sum();
    let log_total = total.ln();
    -sizes
        .iter()
        .map(|&s| (s as f64 / total) * ((s as f64).ln() - log_total))
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Rand index adjusted as Hubert and Arabie define it, from pair counts: a plain
    /// second implementation to hold the fast one to.
    fn ari_by_pairs(a: &[u32], b: &[u32]) -> f64 {
        let n = a.len();
        let (mut both, mut only_a, mut only_b, mut neither) = (0f64, 0f64, 0f64, 0f64);
        for i in 0..n {
            for j in i + 1..n {
                match (a[i] == a[j], b[i] == b[j]) {
                    (true, true) => both += 1.0,
                    (true, false) => only_a += 1.0,
                    (false, true) => only_b += 1.0,
                    (false, false) => neither += 1.0,
                }
            }
        }
        let total = both + only_a + only_b + neither;
        let (sa, sb) = (both + only_a, both + only_b);
        let expected = sa * sb / total;
        let max = (sa + sb) / 2.0;
        if max == expected {
            return 1.0;
        }
        (both - expected) / (max - expected)
    }

    #[test]
    fn the_same_grouping_agrees_fully_whatever_its_names() {
        let a = [0, 0, 1, 1, 2, 2, 2];
        let b = [9, 9, 4, 4, 0, 0, 0];
        assert_eq!(adjusted_rand_index(&a, &b), 1.0);
        assert!((normalized_mutual_info(&a, &b) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn limit_cases_are_sklearns() {
        // One class each, no items, one item: perfect agreement.
        assert_eq!(adjusted_rand_index(&[3, 3, 3], &[1, 1, 1]), 1.0);
        assert_eq!(normalized_mutual_info(&[3, 3, 3], &[1, 1, 1]), 1.0);
        assert_eq!(adjusted_rand_index(&[], &[]), 1.0);
        assert_eq!(normalized_mutual_info(&[], &[]), 1.0);
        // All in one class against all apart: ARI 0, NMI 0.
        assert_eq!(adjusted_rand_index(&[0, 0, 0, 0], &[0, 1, 2, 3]), 0.0);
        assert_eq!(normalized_mutual_info(&[0, 0, 0, 0], &[0, 1, 2, 3]), 0.0);
        // sklearn: adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5.
        assert!((adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]) + 0.5).abs() < 1e-15);
    }

    #[test]
    fn matches_the_pair_counting_definition() {
        let mut state = 7u64;
        let mut next = |k: u32| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % k as u64) as u32
        };
        for case in 0..200 {
            let n = 2 + case % 30;
            let (ka, kb) = (1 + case % 5, 1 + (case / 5) % 6);
            let a: Vec<u32> = (0..n).map(|_| next(ka as u32)).collect();
            let b: Vec<u32> = (0..n).map(|_| next(kb as u32)).collect();
            let (fast, slow) = (adjusted_rand_index(&a, &b), ari_by_pairs(&a, &b));
            assert!((fast - slow).abs() < 1e-12, "{a:?} {b:?}: {fast} vs {slow}");
            let nmi = normalized_mutual_info(&a, &b);
            assert!((0.0..=1.0 + 1e-12).contains(&nmi), "{nmi}");
            assert!((nmi - normalized_mutual_info(&b, &a)).abs() < 1e-12);
        }
    }
}
