//! Fuzzes the graph source loader (`clustergraph_core::io::load_sources`) with arbitrary
//! UTF-8 as one source file: it must never panic; an error must come with at least one
//! diagnostic, each pointing inside the text on character boundaries and printable both ways;
//! and a graph must not hold more nodes than the text has node entries.

#![no_main]

use std::sync::Arc;

use clustergraph_core::io::{load_sources, SourceFile};
use libfuzzer_sys::fuzz_target;

/// What every cited document file reads as, so that quotes can be checked against something.
const DOCUMENT: &str = "Il cluster LE2C è  stato\nselezionato. Ed è stato bello.";

fuzz_target!(|data: &[u8]| {
    // Graph sources are text: bytes that are not UTF-8 never reach the loader.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(text);
});

fn check(text: &str) {
    let files = [SourceFile {
        path: "f.toml".into(),
        text: Arc::from(text),
    }];
    match load_sources(&files, &|_, _| Ok(DOCUMENT.to_string())) {
        Ok(g) => {
            // `[[node]]` headers are the usual way to write a node, but TOML has others for the
            // same array (`node = [{ ... }]`, `[[ node ]]`, `[["node"]]`), so the bound is the
            // length of the `node` array as the toml crate reads the text on its own.
            let headers = text.matches("[[node]]").count();
            let entries = node_entries(text);
            assert!(
                g.node_count() <= entries,
                "{} nodes from {entries} node entries ({headers} `[[node]]` headers)",
                g.node_count()
            );
        }
        Err(ds) => {
            assert!(!ds.is_empty(), "an error without diagnostics");
            for d in &ds {
                assert!(
                    d.span().start <= d.span().end && d.span().end <= text.len(),
                    "span {:?} outside the text (length {})",
                    d.span(),
                    text.len()
                );
                assert!(
                    text.is_char_boundary(d.span().start) && text.is_char_boundary(d.span().end),
                    "span {:?} not on character boundaries",
                    d.span()
                );
                assert_eq!(d.path(), "f.toml");
                let _ = d.render(false);
                let _ = d.to_string();
            }
        }
    }
}

/// How many entries the root `node` array has (0 without one).
fn node_entries(text: &str) -> usize {
    let table: toml::Table = toml::from_str(text).expect("a loaded source is valid TOML");
    match table.get("node") {
        Some(toml::Value::Array(items)) => items.len(),
        _ => 0,
    }
}
