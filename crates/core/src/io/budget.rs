//! How much memory a graph may take while it loads: a budget derived from the machine (three
//! quarters of the memory available, or of the process's address-space limit if lower), or set
//! by the caller (`--max-memory`). A loader refuses a graph that would not fit, with a message
//! that says which limit and how to raise it, before it allocates the graph, never by aborting.

use std::sync::OnceLock;

/// Memory one edge of an edge list or a snapshot takes at the peak, loaded and then analysed
/// by a session: its 8-byte slot and petgraph's links (24), the edge arrays of the analytic
/// adjacency (9), its entries in the undirected view (up to 8) and in the incidence lists made
/// on the first traversal (16), and the edge list's pair of node numbers while it is read (8).
/// Measured (`examples/load_peak`, docs/benchmarks.md): 79 bytes an edge at the peak on
/// soc-Slashdot0902 and 80 on a generated list of 10⁷ edges over 10⁶ nodes, nodes included.
pub const EDGE_BYTES: u64 = 64;

/// Memory one node of an edge list or a snapshot takes at the peak: its 24-byte slot in the
/// graph (the id, kind and detail number of `model/node.rs`), petgraph's links (8), its id
/// (an `Arc<str>`, about 32), its entry in the id index (6 to 11), its place in the id order
/// and its offsets in the views (16), and, while the graph is built, the reader's id maps
/// (about 40) and the [`crate::Node`] the reader hands over (112, freed before the edges are
/// linked). Measured (`examples/load_peak`) on the most nodes an edge list can have for its
/// edges, 2·10⁶ nodes in 10⁶ disjoint pairs, the peak less what the budget counts for the
/// edges (and the text): 169 bytes a node from the edge list and 196 from its snapshot (217
/// and 234 when the graph kept each node as a 112-byte `Node`, against 256 then).
pub const NODE_BYTES: u64 = 224;

/// Memory an edge takes while an exchange format (GraphML, node-link JSON, Neo4j CSV) is read:
/// its parsed record besides the graph (the earlier, larger estimate; not measured apart).
pub const RECORD_EDGE_BYTES: u64 = 128;

/// Memory a node takes while an exchange format is read (see [`RECORD_EDGE_BYTES`]).
pub const RECORD_NODE_BYTES: u64 = 320;

/// Graph sources (TOML) take this many times their text while they are parsed, checked and
/// built into a graph, read one `[[section]]` entry at a time (generated sources of 2·10⁵
/// and 2·10⁶ edges, 14.7 and 152 MB, peak at 6.9 times their text; with a margin). A source
/// written otherwise (inline arrays) is read whole, which takes about 40 times its text: the
/// loader checks that against the budget itself before it parses.
pub const SOURCE_FACTOR: u64 = 8;

static BUDGET: OnceLock<Budget> = OnceLock::new();

/// The memory a loader may use, in bytes, and whether the user set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Bytes.
    pub bytes: u64,
    /// Whether it was set (`--max-memory`) rather than derived from the machine.
    pub set: bool,
}

impl Budget {
    /// The budget in words, for messages: "the memory budget of 1.5 GiB (3/4 of the memory
    /// available; raise it with --max-memory)".
    pub fn describe(&self) -> String {
        let size = human(self.bytes);
        if self.set {
            format!("the memory budget of {size} set by --max-memory")
        } else {
            format!(
                "the memory budget of {size} (3/4 of the memory available); \
                 --max-memory SIZE sets another"
            )
        }
    }
}

/// Sets the budget of every later load; only the first call counts. Returns whether it did.
pub fn set_budget(bytes: u64) -> bool {
    BUDGET.set(Budget { bytes, set: true }).is_ok()
}

/// The budget: as set, or derived from the machine the first time it is asked for.
pub fn budget() -> Budget {
    *BUDGET.get_or_init(|| Budget {
        bytes: machine_memory().map_or(u64::MAX, |m| m / 4 * 3),
        set: false,
    })
}

/// The memory this process may use: the memory available, or its address-space limit
/// (`ulimit -v`) if lower. `None` where neither is known.
fn machine_memory() -> Option<u64> {
    let available = proc_value("/proc/meminfo", "MemAvailable:").map(|kb| kb * 1024);
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("Max address space"))
                .and_then(|l| l.split_whitespace().nth(3))
                .and_then(|v| v.parse::<u64>().ok())
        });
    match (available, limit) {
        (Some(a), Some(l)) => Some(a.min(l)),
        (a, l) => a.or(l),
    }
}

fn proc_value(file: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].split_whitespace().next()?.parse().ok()
}

/// Parses a size such as `512M`, `2G`, `1.5G` or `1000000` (bytes).
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (number, unit) = match s.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&s[..i], s[i..].to_ascii_uppercase()),
        None => (s, String::new()),
    };
    let factor: u64 = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        "T" => 1 << 40,
        _ => return None,
    };
    let x: f64 = number.trim().parse().ok()?;
    (x.is_finite() && x >= 0.0).then_some((x * factor as f64) as u64)
}

/// A size in words: `1.5 GiB`, `300 MiB`.
pub fn human(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes >= 1 << 30 {
        format!("{:.1} GiB", b / (1u64 << 30) as f64)
    } else if bytes >= 1 << 20 {
        format!("{:.0} MiB", b / (1u64 << 20) as f64)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("512M"), Some(512 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("1.5GiB"), Some(3 << 29));
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("lots"), None);
        assert!(machine_memory().is_none_or(|m| m > 0));
    }
}
