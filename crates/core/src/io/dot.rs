//! Graphviz DOT: a `digraph` whose nodes are named by their ids and labelled by their names,
//! whose edges are labelled by their types, every other field an attribute (see
//! [`super::exchange`]). Every id and value is a DOT quoted string.

use std::io::{self, Write};

use super::exchange::{edge_fields, node_fields, AttrType, Schema, Selection};
use crate::graph::KnowledgeGraph;

/// `s` as a DOT quoted string. DOT's quoted strings escape only `"`, and a backslash before
/// a character is kept as it is (Graphviz reads `\n` in a label as a line break): a JSON
/// string, which escapes `"` and `\` and writes control characters as escapes, reads back
/// in Graphviz as the same text.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

/// An attribute name: bare when it is a DOT identifier (`kind`, `founded`), else quoted.
fn key(s: &str) -> String {
    let plain = s
        .chars()
        .enumerate()
        .all(|(i, c)| c == '_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()));
    if plain && !s.is_empty() {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// Writes the selected part of `g` as DOT.
pub(crate) fn write(g: &KnowledgeGraph, sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let schema = Schema::of(g, sel);
    let types = |attrs: &[(String, AttrType)], k: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == k)
            .map_or(AttrType::Str, |(_, t)| *t)
    };
    let list = |fields: Vec<(String, String)>| {
        fields
            .iter()
            .map(|(k, v)| format!("{}={}", key(k), quoted(v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "digraph clustergraph {{")?;
    for &n in &sel.nodes {
        let node = g.node(n);
        let mut fields: Vec<(String, String)> = vec![("label".into(), node.name.to_string())];
        fields.extend(
            node_fields(g, node)
                .into_iter()
                .filter(|(k, _)| *k != "name")
                .map(|(k, v)| (k.to_string(), v)),
        );
        fields.extend(
            node.attrs
                .iter()
                .map(|(k, v)| (k.clone(), types(&schema.node_attrs, k).text(v))),
        );
        writeln!(out, "  {} [{}];", quoted(node.id), list(fields))?;
    }
    for &e in &sel.edges {
        let (a, b) = g.endpoints(e);
        let edge = g.edge(e);
        let mut fields: Vec<(String, String)> = vec![("label".into(), edge.rel.to_string())];
        fields.extend(
            edge_fields(g, edge)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v)),
        );
        fields.extend(
            edge.attrs()
                .iter()
                .map(|(k, v)| (k.clone(), types(&schema.edge_attrs, k).text(v))),
        );
        writeln!(
            out,
            "  {} -> {} [{}];",
            quoted(g.node(a).id),
            quoted(g.node(b).id),
            list(fields)
        )?;
    }
    writeln!(out, "}}")
}
