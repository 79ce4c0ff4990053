//! Edge lists: one `a b` or `a b weight` per line, `#` comments, as SNAP and NetworkX's
//! `write_edgelist` write them, and lines starting with `%` as comments too, as KONECT writes
//! its headers. Node ids are the tokens; their kind is `node` and their name
//! is the id; edges are `linked`, with the weight as the attribute `weight` when given.

use std::collections::HashMap;
use std::sync::Arc;

use super::budget::{Budget, EDGE_BYTES, NODE_BYTES};
use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;
use crate::model::{Attrs, Edge, Node, NodeKind, Rel, SharedText, Value};

/// How many problems are reported before the rest are only counted: a file that is not an
/// edge list at all would otherwise produce one per line.
const MAX_REPORTED: usize = 20;

/// Parses an edge list. Every problem is reported (up to a limit); on any, nothing is built.
pub fn load_edge_list(path: &str, text: Arc<str>) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
    load_edge_list_within(
        path,
        text,
        &Budget {
            bytes: u64::MAX,
            set: true,
        },
    )
}

/// Parses an edge list whose graph must fit in `budget` (counted as [`EDGE_BYTES`] an edge
/// and [`NODE_BYTES`] a node, besides the text): past it, reading stops at the line that
/// passes it, with a message naming the budget, before the graph is built.
pub fn load_edge_list_within(
    path: &str,
    text: Arc<str>,
    budget: &Budget,
) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut extra = 0usize;
    let mut report = |span: std::ops::Range<usize>, msg: String, label: &str, help: &str| {
        if problems.len() < MAX_REPORTED {
            problems.push(
                Diagnostic::new(path, &text, span, msg)
                    .label(label)
                    .help(help),
            );
        } else {
            extra += 1;
        }
    };
    // Hashing the ids is most of reading an edge list: foldhash is several times faster than
    // the standard SipHash on short keys, and seeded at random per map, so a crafted file
    // cannot make every id collide.
    let mut ids: HashMap<&str, u32, foldhash::fast::RandomState> = HashMap::default();
    // Most edge lists number their nodes: an id written as a plain decimal number is looked
    // up by its value, which compares without reading the text again. Only the canonical
    // form (no sign, no leading zero) is, so `007` and `7` stay two ids.
    let mut numbers: HashMap<u64, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut order: Vec<&str> = Vec::new();
    // Weights apart, by edge number: most edge lists have none, and those that do pay 16
    // bytes per weight instead of every edge paying for an optional one.
    // Sized once from the line count (a bound on the edges), not grown by doubling, which
    // would hold two copies at once at the peak.
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let fit = usize::try_from(budget.bytes / EDGE_BYTES).unwrap_or(usize::MAX);
    let mut sources: Vec<u32> = Vec::with_capacity(lines.min(fit));
    let mut targets: Vec<u32> = Vec::with_capacity(lines.min(fit));
    let mut weights: Vec<(u32, f64)> = Vec::new();
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.split('#').next().unwrap_or("");
        if content.trim_start().starts_with('%') {
            continue;
        }
        let mut tokens = Vec::with_capacity(3);
        let mut pos = 0;
        for tok in content.split([' ', '\t', '\r', '\n']) {
            if !tok.is_empty() {
                let at = start + pos;
                tokens.push((tok, at..at + tok.len()));
            }
            pos += tok.len() + 1;
        }
        match tokens.len() {
            0 => continue,
            2 | 3 => {}
            n => {
                let span = tokens[0].1.start..tokens[n - 1].1.end;
                report(span, format!("expected `a b` or `a b weight`, found {n} fields"), "this line", "an edge list has one edge per line: two node ids and an optional numeric weight, separated by spaces or tabs");
                continue;
            }
        }
        let weight = match tokens.get(2) {
            Some((w, span)) => match w.parse::<f64>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    report(
                        span.clone(),
                        format!(
                            "the weight `{}` is not a number",
                            crate::printable(w, crate::diagnostic::SHOWN, false)
                        ),
                        "not a number",
                        "write the weight as a number such as 1 or 0.5, or leave it out",
                    );
                    continue;
                }
            },
            None => None,
        };
        let mut ends = [0u32; 2];
        for (i, (tok, _)) in tokens.iter().take(2).enumerate() {
            let next = order.len() as u32;
            let slot = match canonical_number(tok) {
                Some(n) => numbers.entry(n).or_insert(next),
                None => ids.entry(tok).or_insert(next),
            };
            if *slot == next {
                order.push(tok);
            }
            ends[i] = *slot;
        }
        let needed = (text.len() as u64)
            .saturating_add((sources.len() as u64 + 1).saturating_mul(EDGE_BYTES))
            .saturating_add((order.len() as u64).saturating_mul(NODE_BYTES));
        if needed > budget.bytes {
            let span = tokens[0].1.start..tokens[1].1.end;
            problems.clear();
            problems.push(
                Diagnostic::new(
                    path,
                    &text,
                    span,
                    format!(
                        "the graph does not fit in {}: this edge, the {}th, is past it",
                        budget.describe(),
                        sources.len() + 1
                    ),
                )
                .label("past the memory budget")
                .help(format!(
                    "an edge takes about {EDGE_BYTES} bytes and a node {NODE_BYTES}; nothing \
                     was loaded"
                )),
            );
            return Err(problems);
        }
        if let Some(w) = weight {
            weights.push((sources.len() as u32, w));
        }
        sources.push(ends[0]);
        targets.push(ends[1]);
    }
    if extra > 0 {
        let end = text.len();
        problems.push(
            Diagnostic::new(
                path,
                &text,
                end..end,
                format!("and {extra} more problems like these"),
            )
            .label("end of file"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // The nodes go into the graph as they are made (a node slot each, never a list of
    // `Node`s); then the text and the id maps are done with, freed before the edges'
    // columns are made, so that the peak of loading holds the graph or the text, not both.
    let mut g = KnowledgeGraph::of_nodes(order.iter().map(|&id| node(id)))
        .expect("ids are distinct, by construction");
    drop((ids, numbers, order));
    drop(text);
    let linked = Rel::linked();
    let (columns, details) = crate::graph::edge_columns(sources, targets, |i| {
        let mut e = Edge::plain(linked);
        if let Ok(at) = weights.binary_search_by_key(&(i as u32), |(j, _)| *j) {
            e.attrs_mut()
                .insert("weight".into(), Value::Float(weights[at].1));
        }
        e
    });
    g.set_edges(columns, details)
        .expect("ends are node numbers, by construction");
    Ok(g)
}

/// The value of a decimal number written without sign or leading zero, of at most 19 digits
/// (so that it fits a `u64`).
fn canonical_number(tok: &str) -> Option<u64> {
    let b = tok.as_bytes();
    let plain = !b.is_empty()
        && b.len() <= 19
        && b.iter().all(u8::is_ascii_digit)
        && (b.len() == 1 || b[0] != b'0');
    plain.then(|| tok.parse().ok()).flatten()
}

/// An edge list's node: of kind `node`, named by its id (one shared text serves as both).
pub(crate) fn node(id: &str) -> Node {
    let id = SharedText::from(id);
    Node {
        id: id.clone(),
        kind: NodeKind::Node,
        name: id,
        aliases: Vec::new(),
        attrs: Attrs::new(),
        provenance: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_weights_and_comments() {
        let g = load_edge_list(
            "g.el",
            Arc::from("% sym unweighted\n% 3 3 3\n# a comment\n1 2\n2\t3 0.5\n\n3 1 # trailing\n"),
        )
        .unwrap();
        assert_eq!(g.node_count(), 3);
        assert_eq!(g.edge_count(), 3);
        let two = g.by_id("2").unwrap();
        assert_eq!(g.node(two).kind, NodeKind::Node);
        let e = g.edge_indices().nth(1).unwrap();
        assert_eq!(g.edge(e).attrs()["weight"], Value::Float(0.5));
    }

    #[test]
    fn numbers_and_texts_are_ids_as_written() {
        let g = load_edge_list("g.el", Arc::from("7 007\n007 a\n7 a\n0 00\n")).unwrap();
        let ids: Vec<&str> = g.node_indices().map(|n| g.node(n).id.as_str()).collect();
        assert_eq!(ids, ["7", "007", "a", "0", "00"]);
        assert_eq!(g.edge_count(), 4);
        let (a, b) = g.endpoints(g.edge_indices().nth(2).unwrap());
        assert_eq!((g.node(a).id.as_str(), g.node(b).id.as_str()), ("7", "a"));
    }

    #[test]
    fn reports_bad_lines_with_their_place() {
        let m: Vec<String> = load_edge_list("g.el", Arc::from("1 2\n1 2 3 4\n5 6 heavy\n"))
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(m.len(), 2);
        assert!(
            m[0].starts_with("g.el:2:1: expected `a b` or `a b weight`, found 4 fields"),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("g.el:3:5: the weight `heavy` is not a number"),
            "{m:?}"
        );
    }

    #[test]
    fn a_file_that_is_not_an_edge_list_gives_a_bounded_report() {
        let text: String = (0..1000).map(|i| format!("word{i}\n")).collect();
        let d = load_edge_list("g.el", Arc::from(text)).unwrap_err();
        assert_eq!(d.len(), MAX_REPORTED + 1);
        assert_eq!(
            d[MAX_REPORTED].message(),
            "and 980 more problems like these"
        );
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn any_text_loads_or_reports_without_panicking(text in "[0-9a-z \\t#.,\\n\\r\\u{e8}-]{0,200}") {
            match load_edge_list("g.el", Arc::from(text.as_str())) {
                Ok(g) => prop_assert!(g.edge_count() <= text.lines().count()),
                Err(ds) => {
                    prop_assert!(ds.len() <= MAX_REPORTED + 1);
                    for d in ds {
                        let _ = d.render(false);
                    }
                }
            }
        }
    }
}
