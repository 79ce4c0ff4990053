//! Fuzzes the edge list reader (`clustergraph_core::io::load_edge_list`) with arbitrary
//! UTF-8: it must never panic; its report must stay bounded (20 problems and a count of the
//! rest) and printable; and a graph must have one edge per line that is neither blank nor a
//! comment.

#![no_main]

use std::sync::Arc;

use clustergraph_core::io::load_edge_list;
use libfuzzer_sys::fuzz_target;

/// 20 reported problems, and one line saying how many more there were.
const MAX_DIAGNOSTICS: usize = 21;

fuzz_target!(|data: &[u8]| {
    // Edge lists are read as text: bytes that are not UTF-8 never reach the reader.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(text);
});

fn check(text: &str) {
    match load_edge_list("g.el", Arc::from(text)) {
        Ok(g) => {
            // Fields are separated by spaces and tabs (and `\r` of CRLF line ends), as the
            // format says; `#` starts a comment that runs to the end of the line, and a line
            // whose first field starts with `%` is a comment (as KONECT writes them).
            let edge_lines = text
                .lines()
                .filter(|line| {
                    let content = line.split('#').next().unwrap_or("");
                    !content.trim_start().starts_with('%')
                        && content.chars().any(|c| !matches!(c, ' ' | '\t' | '\r'))
                })
                .count();
            assert_eq!(g.edge_count(), edge_lines, "edges vs edge lines");
            assert!(g.node_count() <= 2 * g.edge_count());
        }
        Err(ds) => {
            assert!(!ds.is_empty(), "an error without diagnostics");
            assert!(
                ds.len() <= MAX_DIAGNOSTICS,
                "{} diagnostics: the report is not bounded",
                ds.len()
            );
            for d in &ds {
                assert!(
                    d.span().end <= text.len()
                        && text.is_char_boundary(d.span().start)
                        && text.is_char_boundary(d.span().end),
                    "span {:?} outside the text or not on character boundaries",
                    d.span()
                );
                let _ = d.render(false);
                let _ = d.to_string();
            }
        }
    }
}
