//! Node-link JSON, as NetworkX's `node_link_data` writes it and `node_link_graph` reads it
//! by default: `{"directed", "multigraph", "graph", "nodes": [{"id", ...}], "edges":
//! [{"source", "target", "key", ...}]}`. Lists (aliases, provenance, the graph's documents)
//! are JSON lists here, not text. The reader also takes the older `"links"` for the edges.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value as Json};

use super::budget::Budget;
use super::exchange::{documents_json, provenance_json, Builder, RawEdge, RawNode, Selection};
use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;
use crate::model::{Attrs, Value};

/// The key NetworkX (3.4 and later, by default from 3.6) gives the list of edges.
const EDGES: &str = "edges";

fn value_json(v: &Value) -> Json {
    match v {
        Value::Str(s) => json!(s),
        Value::Int(i) => json!(i),
        Value::Float(x) => json!(x),
        Value::Bool(b) => json!(b),
    }
}

/// Writes the selected part of `g` as node-link JSON, one node or edge a line.
pub(crate) fn write(g: &KnowledgeGraph, sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let mut graph = Map::new();
    if !g.documents().is_empty() {
        graph.insert("documents".into(), documents_json(g));
    }
    write!(
        out,
        "{{\"directed\": true, \"multigraph\": true, \"graph\": {}, \"nodes\": [",
        Json::Object(graph)
    )?;
    for (i, &n) in sel.nodes.iter().enumerate() {
        let node = g.node(n);
        let mut m = Map::new();
        m.insert("id".into(), json!(node.id.as_str()));
        m.insert("kind".into(), json!(node.kind.as_str()));
        m.insert("name".into(), json!(node.name.as_str()));
        if !node.aliases.is_empty() {
            m.insert("aliases".into(), json!(node.aliases));
        }
        if !node.provenance.is_empty() {
            m.insert("provenance".into(), provenance_json(g, node.provenance));
        }
        for (k, v) in node.attrs {
            m.insert(k.clone(), value_json(v));
        }
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &m)?;
    }
    write!(out, "\n], \"{EDGES}\": [")?;
    for (i, &e) in sel.edges.iter().enumerate() {
        let (a, b) = g.endpoints(e);
        let edge = g.edge(e);
        let mut m = Map::new();
        m.insert("source".into(), json!(g.node(a).id.as_str()));
        m.insert("target".into(), json!(g.node(b).id.as_str()));
        m.insert("key".into(), json!(i));
        m.insert("rel".into(), json!(edge.rel.as_str()));
        if let Some(d) = edge.date() {
            m.insert("date".into(), json!(d.to_string()));
        }
        if !edge.provenance().is_empty() {
            m.insert("provenance".into(), provenance_json(g, edge.provenance()));
        }
        for (k, v) in edge.attrs() {
            m.insert(k.clone(), value_json(v));
        }
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &m)?;
    }
    out.write_all(b"\n]}\n")
}

/// The top level, its nodes and edges kept as the text they are, to be placed in it.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(default)]
    graph: Option<Map<String, Json>>,
    #[serde(borrow)]
    nodes: Vec<&'a RawValue>,
    #[serde(borrow, default, alias = "links")]
    edges: Vec<&'a RawValue>,
}

/// Reads node-link JSON. Every problem is reported with its line; on any, nothing is built.
pub fn read_node_link(
    path: &str,
    text: Arc<str>,
    budget: Budget,
) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
    let mut b = Builder::new(budget);
    b.file(path, Arc::clone(&text));
    let top: Top<'_> = match serde_json::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            let at = offset_of(&text, e.line(), e.column());
            b.problem(
                at..at,
                format!("not node-link JSON: {e}"),
                "here",
                Some(
                    "node-link JSON is an object with a list of `nodes` and one of `edges` (or \
                     `links`), as NetworkX's node_link_data writes"
                        .into(),
                ),
            );
            return b.finish();
        }
    };
    // Where a piece of the text is: a raw value borrows the text it was read from.
    let span = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        start..start + raw.get().len()
    };
    if let Some(docs) = top.graph.as_ref().and_then(|g| g.get("documents")) {
        let at = text.find("\"documents\"").unwrap_or(0);
        b.documents(docs, at..at);
    }
    for raw in &top.nodes {
        let at = span(raw);
        let Some(mut m) = object(&mut b, raw, at.clone(), "node") else {
            continue;
        };
        let Some(id) = m.remove("id").and_then(|v| id_text(&v)) else {
            b.problem(
                at,
                "a node without an `id` (a text or a number)",
                "here",
                None,
            );
            continue;
        };
        let kind = text_field(&mut b, &mut m, "kind", &at);
        let name = text_field(&mut b, &mut m, "name", &at);
        let label = text_field(&mut b, &mut m, "label", &at);
        let node = RawNode {
            id,
            kind,
            name: name.or(label),
            aliases: m.remove("aliases"),
            provenance: m.remove("provenance"),
            attrs: attrs(&mut b, m, &at),
            at,
        };
        b.node(node);
        if b.stopped() {
            return b.finish();
        }
    }
    for raw in &top.edges {
        let at = span(raw);
        let Some(mut m) = object(&mut b, raw, at.clone(), "edge") else {
            continue;
        };
        let ends = (
            m.remove("source").and_then(|v| id_text(&v)),
            m.remove("target").and_then(|v| id_text(&v)),
        );
        let (Some(source), Some(target)) = ends else {
            b.problem(at, "an edge without its `source` or `target`", "here", None);
            continue;
        };
        m.remove("key");
        let rel = text_field(&mut b, &mut m, "rel", &at);
        let date = text_field(&mut b, &mut m, "date", &at);
        let edge = RawEdge {
            source,
            target,
            rel,
            date,
            provenance: m.remove("provenance"),
            attrs: attrs(&mut b, m, &at),
            at,
        };
        b.edge(edge);
        if b.stopped() {
            break;
        }
    }
    b.finish()
}

/// The byte offset of a 1-based line and column (serde_json's place of an error).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn object(
    b: &mut Builder,
    raw: &RawValue,
    at: Range<usize>,
    what: &str,
) -> Option<Map<String, Json>> {
    match serde_json::from_str::<Json>(raw.get()) {
        Ok(Json::Object(m)) => Some(m),
        _ => {
            b.problem(at, format!("a {what} that is not an object"), "here", None);
            None
        }
    }
}

/// A node id, or an edge's end: NetworkX writes integer nodes as JSON numbers.
fn id_text(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text_field(
    b: &mut Builder,
    m: &mut Map<String, Json>,
    name: &str,
    at: &Range<usize>,
) -> Option<String> {
    match m.remove(name)? {
        Json::String(s) => Some(s),
        Json::Null => None,
        _ => {
            b.problem(at.clone(), format!("`{name}` is not a text"), "here", None);
            None
        }
    }
}

/// The remaining fields, as attributes: texts, whole numbers, numbers and booleans (a null is
/// no value).
fn attrs(b: &mut Builder, m: Map<String, Json>, at: &Range<usize>) -> Attrs {
    let mut out = Attrs::new();
    for (k, v) in m {
        let value = match v {
            Json::Null => continue,
            Json::String(s) => Value::Str(s),
            Json::Bool(x) => Value::Bool(x),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            _ => {
                b.problem(
                    at.clone(),
                    format!("the attribute `{k}` is a list or an object"),
                    "here",
                    Some("attributes are texts, numbers or booleans".into()),
                );
                continue;
            }
        };
        out.insert(k, value);
    }
    out
}
