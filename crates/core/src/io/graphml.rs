//! GraphML, as NetworkX, Gephi, yEd and igraph read and write it: one `<key>` per field with
//! its type, then the graph's `<data key="documents">`, its `<node>`s and its `<edge>`s,
//! each field a `<data>` element (see [`super::exchange`] for the fields).
//!
//! The reader takes any GraphML with one graph: fields it knows fill the node's or edge's
//! own parts (a `label` names a node that has no `name`), the others become attributes of
//! the key's type; keys' `<default>`s apply. Nested graphs, hyperedges and ports are refused
//! at their line.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::budget::Budget;
use super::exchange::{
    edge_fields, json_field, node_fields, typed_value, AttrType, Builder, RawEdge, RawNode, Schema,
    Selection,
};
use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// Text as XML 1.0 may hold it: without the control characters it forbids (they cannot be
/// written even escaped). Tab, line feed and carriage return stay.
pub(crate) fn xml_text(s: &str) -> Cow<'_, str> {
    let allowed = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r') || c > '\u{9f}';
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| allowed(c)).collect())
    }
}

/// Writes the selected part of `g` as GraphML.
pub(crate) fn write(g: &KnowledgeGraph, sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let schema = Schema::of(g, sel);
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", NAMESPACE),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;
    // Key ids: d0, d1, ... in declaration order; a field's key is found by its name.
    let mut keys: HashMap<(&str, String), String> = HashMap::new();
    let fixed_nodes = ["kind", "name", "aliases", "provenance"].map(|n| (n, AttrType::Str));
    let fixed_edges = ["rel", "date", "provenance"].map(|n| (n, AttrType::Str));
    let declared = std::iter::once(("graph", "documents", AttrType::Str))
        .chain(fixed_nodes.iter().map(|&(n, t)| ("node", n, t)))
        .chain(
            schema
                .node_attrs
                .iter()
                .map(|(n, t)| ("node", n.as_str(), *t)),
        )
        .chain(fixed_edges.iter().map(|&(n, t)| ("edge", n, t)))
        .chain(
            schema
                .edge_attrs
                .iter()
                .map(|(n, t)| ("edge", n.as_str(), *t)),
        );
    for (i, (what, name, t)) in declared.enumerate() {
        let id = format!("d{i}");
        let name = xml_text(name);
        w.create_element("key")
            .with_attributes([
                ("id", id.as_str()),
                ("for", what),
                ("attr.name", &name),
                ("attr.type", t.xml_name()),
            ])
            .write_empty()?;
        keys.insert((what, name.into_owned()), id);
    }
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "G"), ("edgedefault", "directed")]),
    ))?;
    let data = |w: &mut Writer<&mut dyn Write>, key: &str, value: &str| -> io::Result<()> {
        w.create_element("data")
            .with_attribute(("key", key))
            .write_text_content(BytesText::new(&xml_text(value)))?;
        Ok(())
    };
    if !g.documents().is_empty() {
        let docs = super::exchange::documents_json(g).to_string();
        data(&mut w, &keys[&("graph", "documents".to_string())], &docs)?;
    }
    let node_types: HashMap<&str, AttrType> = schema
        .node_attrs
        .iter()
        .map(|(n, t)| (n.as_str(), *t))
        .collect();
    for &n in &sel.nodes {
        let node = g.node(n);
        let id = xml_text(node.id);
        w.create_element("node")
            .with_attribute(("id", id.as_ref()))
            .write_inner_content(|w| {
                for (field, value) in node_fields(g, node) {
                    data(w, &keys[&("node", field.to_string())], &value)?;
                }
                for (k, v) in node.attrs {
                    let t = node_types[k.as_str()];
                    data(w, &keys[&("node", xml_text(k).into_owned())], &t.text(v))?;
                }
                Ok(())
            })?;
    }
    let edge_types: HashMap<&str, AttrType> = schema
        .edge_attrs
        .iter()
        .map(|(n, t)| (n.as_str(), *t))
        .collect();
    for (i, &e) in sel.edges.iter().enumerate() {
        let (a, b) = g.endpoints(e);
        let edge = g.edge(e);
        let id = format!("e{i}");
        let (source, target) = (xml_text(g.node(a).id), xml_text(g.node(b).id));
        w.create_element("edge")
            .with_attributes([
                ("id", id.as_str()),
                ("source", &source),
                ("target", &target),
            ])
            .write_inner_content(|w| {
                for (field, value) in edge_fields(g, edge) {
                    data(w, &keys[&("edge", field.to_string())], &value)?;
                }
                for (k, v) in edge.attrs() {
                    let t = edge_types[k.as_str()];
                    data(w, &keys[&("edge", xml_text(k).into_owned())], &t.text(v))?;
                }
                Ok(())
            })?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.into_inner().write_all(b"\n")
}

/// A `<key>`: what it applies to, its field name, type and default.
#[derive(Debug)]
struct Key {
    what: String,
    name: String,
    ty: AttrType,
    default: Option<String>,
}

/// The element whose `<data>` is being read.
#[derive(Debug)]
enum Owner {
    Graph,
    Node(RawNode, Vec<String>),
    Edge(RawEdge, Vec<String>),
}

/// Reads a GraphML text. Every problem is reported with its line; on any, nothing is built.
pub fn read_graphml(
    path: &str,
    text: Arc<str>,
    budget: Budget,
) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
    let mut b = Builder::new(budget);
    b.file(path, Arc::clone(&text));
    let mut reader = Reader::from_str(&text);
    reader.config_mut().trim_text(false);
    let mut keys: HashMap<String, Key> = HashMap::new();
    let mut owners: Vec<Owner> = Vec::new();
    // The `<data>` being read: its key, its text, where it starts; `<default>` likewise.
    let mut data: Option<(String, String, usize)> = None;
    let mut default: Option<(String, String)> = None;
    let mut key_open: Option<String> = None;
    let mut graphs = 0usize;
    let mut saw_root = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position() as usize;
                b.problem(at..at, format!("not well-formed XML: {e}"), "here", None);
                break;
            }
        };
        let start = before + text.get(before..).and_then(|t| t.find('<')).unwrap_or(0);
        let at = start..reader.buffer_position() as usize;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let attrs = match attributes(e) {
                    Ok(a) => a,
                    Err(m) => {
                        b.problem(at, m, "here", None);
                        continue;
                    }
                };
                let attr = |k: &str| attrs.get(k).cloned();
                if !saw_root {
                    saw_root = true;
                    if name != "graphml" {
                        b.problem(
                            at,
                            format!("the root element is `<{name}>`, not `<graphml>`"),
                            "not GraphML",
                            None,
                        );
                        break;
                    }
                    continue;
                }
                match name.as_str() {
                    "key" => {
                        let Some(id) = attr("id") else {
                            b.problem(at, "a `<key>` without an `id`", "here", None);
                            continue;
                        };
                        let ty = match attr("attr.type").as_deref() {
                            None | Some("string") => AttrType::Str,
                            Some("int" | "long") => AttrType::Int,
                            Some("float" | "double") => AttrType::Float,
                            Some("boolean") => AttrType::Bool,
                            Some(other) => {
                                b.problem(
                                    at,
                                    format!("the key `{id}` has the unknown type `{other}`"),
                                    "unknown type",
                                    Some("GraphML's types are boolean, int, long, float, double and string".into()),
                                );
                                continue;
                            }
                        };
                        let key = Key {
                            what: attr("for").unwrap_or_else(|| "all".into()),
                            name: attr("attr.name").unwrap_or_else(|| id.clone()),
                            ty,
                            default: None,
                        };
                        keys.insert(id.clone(), key);
                        if !empty {
                            key_open = Some(id);
                        }
                    }
                    "default" => {
                        if let Some(k) = &key_open {
                            default = Some((k.clone(), String::new()));
                        }
                    }
                    "graph" => {
                        graphs += 1;
                        if graphs > 1 || !owners.is_empty() {
                            b.problem(
                                at,
                                "a second or nested `<graph>`: only one graph per file is read",
                                "here",
                                None,
                            );
                            break;
                        }
                        owners.push(Owner::Graph);
                    }
                    "node" => {
                        if !matches!(owners.last(), Some(Owner::Graph)) {
                            b.problem(at, "a `<node>` outside the `<graph>`", "here", None);
                            continue;
                        }
                        let Some(id) = attr("id") else {
                            b.problem(at, "a `<node>` without an `id`", "here", None);
                            continue;
                        };
                        let node = RawNode {
                            id,
                            at: at.clone(),
                            ..RawNode::default()
                        };
                        if empty {
                            finish_node(&mut b, &keys, node, Vec::new());
                        } else {
                            owners.push(Owner::Node(node, Vec::new()));
                        }
                    }
                    "edge" => {
                        if !matches!(owners.last(), Some(Owner::Graph)) {
                            b.problem(at, "an `<edge>` outside the `<graph>`", "here", None);
                            continue;
                        }
                        let (Some(source), Some(target)) = (attr("source"), attr("target")) else {
                            b.problem(
                                at,
                                "an `<edge>` without its `source` or `target`",
                                "here",
                                None,
                            );
                            continue;
                        };
                        let edge = RawEdge {
                            source,
                            target,
                            at: at.clone(),
                            ..RawEdge::default()
                        };
                        if empty {
                            finish_edge(&mut b, &keys, edge, Vec::new());
                        } else {
                            owners.push(Owner::Edge(edge, Vec::new()));
                        }
                    }
                    "data" => {
                        let Some(key) = attr("key") else {
                            b.problem(at, "a `<data>` without a `key`", "here", None);
                            continue;
                        };
                        if !keys.contains_key(&key) {
                            b.problem(
                                at,
                                format!("`<data>` of the undeclared key `{key}`"),
                                "undeclared key",
                                Some("declare it with a `<key>` before the graph".into()),
                            );
                            continue;
                        }
                        if empty {
                            store(&mut b, &keys, owners.last_mut(), key, String::new(), at);
                        } else if data.is_none() {
                            data = Some((key, String::new(), at.start));
                        }
                    }
                    "hyperedge" | "port" => {
                        b.problem(
                            at,
                            format!("GraphML's `<{name}>` is not supported"),
                            "not supported",
                            Some("clustergraph reads graphs of nodes and edges".into()),
                        );
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                let s = t.xml10_content().unwrap_or_default();
                if let Some((_, buf, _)) = data.as_mut() {
                    buf.push_str(&s);
                } else if let Some((_, buf)) = default.as_mut() {
                    buf.push_str(&s);
                }
            }
            Event::CData(ref t) => {
                let s = t.decode().unwrap_or_default();
                if let Some((_, buf, _)) = data.as_mut() {
                    buf.push_str(&s);
                } else if let Some((_, buf)) = default.as_mut() {
                    buf.push_str(&s);
                }
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => {
                        let name = r.decode().unwrap_or_default();
                        quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                    }
                    Err(_) => None,
                };
                let Some(s) = resolved else {
                    b.problem(at, "an unknown entity reference", "here", None);
                    continue;
                };
                if let Some((_, buf, _)) = data.as_mut() {
                    buf.push_str(&s);
                } else if let Some((_, buf)) = default.as_mut() {
                    buf.push_str(&s);
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                b"data" => {
                    if let Some((key, value, start)) = data.take() {
                        store(&mut b, &keys, owners.last_mut(), key, value, start..at.end);
                    }
                }
                b"default" => {
                    if let Some((k, v)) = default.take() {
                        if let Some(key) = keys.get_mut(&k) {
                            key.default = Some(v);
                        }
                    }
                }
                b"key" => key_open = None,
                b"node" => {
                    if let Some(Owner::Node(n, seen)) = owners.pop() {
                        finish_node(&mut b, &keys, n, seen);
                    }
                }
                b"edge" => {
                    if let Some(Owner::Edge(e, seen)) = owners.pop() {
                        finish_edge(&mut b, &keys, e, seen);
                    }
                }
                b"graph" => {
                    owners.pop();
                }
                _ => {}
            },
            _ => {}
        }
        if b.stopped() {
            break;
        }
    }
    if !saw_root && !b.has_problems() {
        let end = text.len();
        b.problem(
            end..end,
            "the file holds no `<graphml>` element",
            "end of file",
            None,
        );
    }
    b.finish()
}

/// Every attribute of a start tag, unescaped.
fn attributes(e: &BytesStart<'_>) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for a in e.attributes() {
        let a = a.map_err(|e| format!("a malformed attribute: {e}"))?;
        let value = a
            .decode_and_unescape_value(e.decoder())
            .map_err(|e| format!("a malformed attribute value: {e}"))?;
        out.insert(
            String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned(),
            value.into_owned(),
        );
    }
    Ok(out)
}

/// Puts a `<data>`'s value into the element it belongs to.
fn store(
    b: &mut Builder,
    keys: &HashMap<String, Key>,
    owner: Option<&mut Owner>,
    key: String,
    value: String,
    at: Range<usize>,
) {
    let k = &keys[&key];
    match owner {
        // The graph's own data other than its documents has no place in clustergraph's graph.
        Some(Owner::Graph) if k.name == "documents" => {
            if let Some(docs) = json_field(b, "documents", &value, at.clone()) {
                b.documents(&docs, at);
            }
        }
        Some(Owner::Node(n, seen)) => {
            seen.push(key.clone());
            node_field(b, n, k, value, at);
        }
        Some(Owner::Edge(e, seen)) => {
            seen.push(key.clone());
            edge_field(b, e, k, value, at);
        }
        Some(Owner::Graph) | None => {}
    }
}

fn node_field(b: &mut Builder, n: &mut RawNode, k: &Key, value: String, at: Range<usize>) {
    match k.name.as_str() {
        "id" => {}
        "kind" => n.kind = Some(value),
        "name" => n.name = Some(value),
        "label" if n.name.is_none() => n.name = Some(value),
        "aliases" => n.aliases = json_field(b, "aliases", &value, at),
        "provenance" => n.provenance = json_field(b, "provenance", &value, at),
        name => attr(b, &mut n.attrs, name, k.ty, &value, at),
    }
}

fn edge_field(b: &mut Builder, e: &mut RawEdge, k: &Key, value: String, at: Range<usize>) {
    match k.name.as_str() {
        "id" | "key" => {}
        "rel" => e.rel = Some(value),
        "date" => e.date = Some(value),
        "provenance" => e.provenance = json_field(b, "provenance", &value, at),
        name => attr(b, &mut e.attrs, name, k.ty, &value, at),
    }
}

fn attr(
    b: &mut Builder,
    attrs: &mut crate::Attrs,
    name: &str,
    ty: AttrType,
    value: &str,
    at: Range<usize>,
) {
    match typed_value(ty, value) {
        Ok(v) => {
            attrs.insert(name.to_string(), v);
        }
        Err(m) => b.problem(at, format!("`{name}`: {m}"), "wrong type", None),
    }
}

/// The keys' defaults for what an element did not give.
fn defaults<'k>(
    keys: &'k HashMap<String, Key>,
    what: &'k str,
    seen: &'k [String],
) -> impl Iterator<Item = (&'k Key, String)> + 'k {
    keys.iter()
        .filter(move |(id, k)| {
            (k.what == what || k.what == "all") && !seen.contains(id) && k.default.is_some()
        })
        .map(|(_, k)| (k, k.default.clone().unwrap_or_default()))
}

fn finish_node(b: &mut Builder, keys: &HashMap<String, Key>, mut n: RawNode, seen: Vec<String>) {
    let at = n.at.clone();
    for (k, v) in defaults(keys, "node", &seen) {
        node_field(b, &mut n, k, v, at.clone());
    }
    b.node(n);
}

fn finish_edge(b: &mut Builder, keys: &HashMap<String, Key>, mut e: RawEdge, seen: Vec<String>) {
    let at = e.at.clone();
    for (k, v) in defaults(keys, "edge", &seen) {
        edge_field(b, &mut e, k, v, at.clone());
    }
    b.edge(e);
}
