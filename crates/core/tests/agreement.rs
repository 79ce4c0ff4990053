//! The partition similarities of `compare communities` equal scikit-learn's: the adjusted
//! Rand index (`adjusted_rand_score`) and the normalised mutual information
//! (`normalized_mutual_info_score`, arithmetic mean), to 1e-9, on the labellings of
//! `fixtures/agreement.json`: Louvain partitions of NetworkX's classic graphs under other
//! seeds and resolutions, random labellings and the limit cases. `benches/reference.py
//! --only agreement` writes the file.

use clustergraph_core::algo::{adjusted_rand_index, normalized_mutual_info};
use serde_json::Value;

/// The contract's tolerance for exact values.
const TOLERANCE: f64 = 1e-9;

fn labels(v: &Value) -> Vec<u32> {
    v.as_array()
        .expect("a list of labels")
        .iter()
        .map(|x| x.as_u64().expect("a label") as u32)
        .collect()
}

#[test]
fn partition_similarities_equal_scikit_learns() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agreement.json");
    let text =
        std::fs::read_to_string(&path).expect("benches/reference.py --only agreement writes it");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in cases {
        let name = c["name"].as_str().expect("a name");
        let (a, b) = (labels(&c["a"]), labels(&c["b"]));
        for (what, ours, theirs) in [
            (
                "ARI",
                adjusted_rand_index(&a, &b),
                c["ari"].as_f64().expect("ari"),
            ),
            (
                "NMI",
                normalized_mutual_info(&a, &b),
                c["nmi"].as_f64().expect("nmi"),
            ),
        ] {
            if (ours - theirs).abs() > TOLERANCE {
                failures.push(format!("{name}: {what} {ours} but scikit-learn {theirs}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
