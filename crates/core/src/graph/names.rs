//! Matching names the way analysts type them: without regard to case, accents or punctuation,
//! and ranking near misses for "did you mean".

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds a name for matching: NFKD, combining marks dropped, lowercase, every run of
/// characters that are not letters or digits turned into one space, trimmed.
///
/// `"Ecotech Québec"` and `"ecotech  quebec"` fold to the same key, and so do
/// `"Clust-ER Health"` and `"clust er health"`.
pub fn fold(s: &str) -> String {
    // Lowercase ASCII letters and digits fold to themselves (the ids of edge lists and of
    // most graph sources): no normalisation to do.
    if folds_to_itself(s) || s.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Whether [`fold`] gives `s` back unchanged without looking further: a text of lowercase
/// ASCII letters and digits, not empty.
pub fn folds_to_itself(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The keys by which a multi-word name is found from its initials, folded: the first letter
/// of every word (`"São José dos Campos"` → `sjdc`) and, when it differs, of the words that
/// begin with a capital (→ `sjc`; so `"Ministero degli Affari Esteri e della Cooperazione
/// Internazionale"` is found as `maeci`). A name of one word, or initials of one letter,
/// give none: `le2c` is its own key already.
pub fn initials(name: &str) -> Vec<String> {
    // Most names of a large graph (every node of an edge list) are one word: no work.
    if name.chars().all(char::is_alphanumeric) {
        return Vec::new();
    }
    let mut all = String::new();
    let mut capitals = String::new();
    let mut words = 0usize;
    for word in name.split(|c: char| !c.is_alphanumeric()) {
        let Some(first) = word.chars().next() else {
            continue;
        };
        words += 1;
        // The first letter as folding writes it ("É" → "e").
        let folded = fold(first.encode_utf8(&mut [0; 4]));
        all.push_str(&folded);
        if first.is_uppercase() {
            capitals.push_str(&folded);
        }
    }
    let mut keys = Vec::new();
    if words >= 2 {
        for k in [all, capitals] {
            if k.chars().count() >= 2 && !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// The score of a name found by its initials (`ECC` for *European Cluster Conference*):
/// below an exact match and a name's prefix, level with a word's prefix, above a part of a
/// word and every typo.
pub const INITIALS_SCORE: f64 = 0.82;

/// The longest text (in bytes) compared by similarity rather than by containment.
const MAX_FUZZY: usize = 200;

/// How well a folded query matches a folded key, from 0 (not at all) to 1 (the same).
///
/// Exact matches beat prefixes, prefixes beat word prefixes, which beat substrings; anything
/// else is scored by Jaro-Winkler similarity, scaled below every substring match.
pub fn score(query: &str, key: &str) -> f64 {
    if query.is_empty() || key.is_empty() {
        return 0.0;
    }
    if query == key {
        return 1.0;
    }
    // Shorter keys that contain the query are better matches: "le2c" over "le2c member".
    let closeness = query.len() as f64 / key.len().max(query.len()) as f64;
    // A key shorter than the query cannot contain it (and is not searched for it: each search
    // would cost the query's length).
    if query.len() < key.len() {
        if key.starts_with(query) {
            return 0.9 + 0.05 * closeness;
        }
        if key.split(' ').any(|w| w.starts_with(query)) || key.contains(&format!(" {query}")) {
            return 0.8 + 0.05 * closeness;
        }
        if key.contains(query) {
            return 0.7 + 0.05 * closeness;
        }
    }
    // Jaro-Winkler costs the product of the lengths: a text of 10⁵ characters against every
    // name of a large graph would run for minutes. Nobody mistypes a name that long, so
    // longer texts (or keys) match only exactly, as a prefix or as a part.
    if query.len() > MAX_FUZZY || key.len() > MAX_FUZZY {
        return 0.0;
    }
    // A typo of the whole key, or of one of its words ("clster" for "... cluster"); a word
    // match counts a little less than a whole-key match.
    let whole = strsim::jaro_winkler(query, key);
    let words = if query.contains(' ') {
        0.0
    } else {
        key.split(' ')
            .map(|w| strsim::jaro_winkler(query, w))
            .fold(0.0, f64::max)
            * 0.95
    };
    0.65 * whole.max(words)
}

/// The order in which ties are broken by id: natural order, so that runs of digits compare
/// as numbers (`2` before `10`, `node-9` before `node-10`), then byte order. A total order:
/// ids that differ only in leading zeros are ordered by their bytes.
pub fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let lx = x.iter().take_while(|c| c.is_ascii_digit()).count();
                let ly = y.iter().take_while(|c| c.is_ascii_digit()).count();
                let nx = trim_zeros(&x[..lx]);
                let ny = trim_zeros(&y[..ly]);
                let ord = nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny));
                if ord != Ordering::Equal {
                    return ord;
                }
                x = &x[lx..];
                y = &y[ly..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros..]
}

/// The score under which a fuzzy match is not worth suggesting.
pub const SUGGESTION_THRESHOLD: f64 = 0.5;

/// The nearest of `options` to `word` by Jaro-Winkler similarity, if any is close enough to be
/// a plausible typo (used for keywords, kinds, relations).
pub fn nearest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    options
        .into_iter()
        .map(|o| (strsim::jaro_winkler(&w, o), o))
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, o)| o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_scored_in_linear_time() {
        // A 10⁵-character name against many keys: containment only, no similarity.
        let long = "x".repeat(100_000);
        let start = std::time::Instant::now();
        for i in 0..10_000 {
            assert_eq!(score(&long, &format!("node {i}")), 0.0);
        }
        // A long key costs its length once, not its length times the query's.
        for i in 0..10 {
            assert_eq!(score(&format!("{i}"), &long), 0.0);
        }
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        assert!(score(&long[..50], &long) > 0.9);
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Ecotech Québec"), "ecotech quebec");
        assert_eq!(fold("São José dos Campos"), fold("Sao Jose dos Campos"));
        assert_eq!(fold("Sao Josè dos Campos"), "sao jose dos campos");
        assert_eq!(fold("Clust-ER Health"), "clust er health");
        assert_eq!(fold("  #9CTL "), "9ctl");
        assert_eq!(fold("CAT.AL"), "cat al");
        assert_eq!(fold("ÆSIR ﬁle"), "æsir file");
    }

    #[test]
    fn exact_beats_prefix_beats_substring_beats_fuzzy() {
        let exact = score("le2c", "le2c");
        let prefix = score("lomb", "lombardy energy cleantech cluster");
        let word = score("energy", "lombardy energy cleantech cluster");
        let inner = score("ergy", "lombardy energy cleantech cluster");
        let fuzzy = score("lombrady", "lombardy");
        assert!(
            exact > prefix && prefix > word && word > inner && inner > fuzzy,
            "{prefix} {word} {inner} {fuzzy}"
        );
        assert!(fuzzy > SUGGESTION_THRESHOLD);
        assert!(score("xyz", "lombardy") < SUGGESTION_THRESHOLD);
        // A typo of one word of a long name still matches.
        assert!(score("clster", "lombardy energy cleantech cluster") > 0.55);
    }

    #[test]
    fn initials_of_every_word_and_of_the_capitalised_ones() {
        assert_eq!(initials("European Cluster Conference"), ["ecc"]);
        assert_eq!(initials("São José dos Campos"), ["sjdc", "sjc"]);
        assert_eq!(
            initials("Ministero degli Affari Esteri e della Cooperazione Internazionale"),
            ["mdaeedci", "maeci"]
        );
        assert_eq!(initials("Clust-ER Health"), ["ceh"]);
        assert_eq!(initials("Élan Vital"), ["ev"]);
        // One word, or one capital among lowercase words: no key of one letter.
        assert!(initials("LE2C").is_empty());
        assert_eq!(initials("Cluster nazionali"), ["cn"]);
        assert!(initials("").is_empty());
        // An initials match ranks under exact and prefix matches, above typos.
        assert!(INITIALS_SCORE < score("lomb", "lombardy energy cleantech cluster"));
        assert!(INITIALS_SCORE > score("ergy", "lombardy energy cleantech cluster"));
        assert!(INITIALS_SCORE > score("lombrady", "lombardy"));
    }

    #[test]
    fn ids_order_naturally() {
        let mut ids = vec![
            "28", "100", "2", "node-10", "node-9", "a", "007", "7", "b2", "b10",
        ];
        ids.sort_by(|a, b| id_order(a, b));
        assert_eq!(
            ids,
            ["2", "007", "7", "28", "100", "a", "b2", "b10", "node-9", "node-10"]
        );
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let opts = ["neighbours", "path", "paths", "show"];
        assert_eq!(nearest("neighbors", opts), Some("neighbours"));
        assert_eq!(nearest("shwo", opts), Some("show"));
        assert_eq!(nearest("zzzzzz", opts), None);
    }
}
