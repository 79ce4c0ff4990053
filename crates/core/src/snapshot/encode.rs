//! A graph → its payload records.

use std::collections::BTreeMap;

use super::record::{
    At, AttrRecord, DocumentRecord, Edges, MetaRecord, Nodes, OriginRecord, Payload, RowRecord,
    SourceRecord, Texts, ValueRecord,
};
use crate::graph::KnowledgeGraph;
use crate::model::{Attrs, NodeKind, Provenance, Rel, Value};

/// The payload of `graph`, written at `written` (seconds since the Unix epoch).
pub(super) fn payload(graph: &KnowledgeGraph, written: u64) -> Payload<'static> {
    Payload {
        meta: MetaRecord {
            tool: concat!("clustergraph ", env!("CARGO_PKG_VERSION")).to_string(),
            written,
            built_from: graph
                .origins()
                .iter()
                .map(|o| OriginRecord {
                    kind: o.kind.clone(),
                    path: o.path.clone(),
                })
                .collect(),
        },
        documents: graph
            .documents()
            .iter()
            .map(|d| DocumentRecord {
                key: d.key.clone(),
                title: d.title.clone(),
                language: d.language.clone(),
                file: d.file.clone(),
                date: d.date.map(|p| p.to_string()),
                publisher: d.publisher.clone(),
                url: d.url.clone(),
            })
            .collect(),
        nodes: nodes(graph),
        edges: edges(graph),
    }
}

fn nodes(graph: &KnowledgeGraph) -> Nodes<'static> {
    let n = graph.node_count();
    let (mut id_bytes, mut id_ends) = (Vec::new(), Vec::with_capacity(4 * n));
    let mut kinds = Vec::with_capacity(n);
    let mut kind_table = Table::default();
    let mut names = Vec::new();
    let mut aliases = Vec::new();
    let mut attrs = Vec::new();
    let mut provenance = Vec::new();
    for (i, ix) in graph.node_indices().enumerate() {
        let node = graph.node(ix);
        let at = i as u32;
        id_bytes.extend_from_slice(node.id.as_bytes());
        id_ends.extend_from_slice(&(id_bytes.len() as u32).to_le_bytes());
        kinds.push(kind_table.index(node.kind));
        if node.name != node.id {
            names.push(At {
                at,
                value: node.name.to_string(),
            });
        }
        if !node.aliases.is_empty() {
            aliases.push(At {
                at,
                value: node.aliases.to_vec(),
            });
        }
        if !node.attrs.is_empty() {
            attrs.push(At {
                at,
                value: attr_records(node.attrs),
            });
        }
        if !node.provenance.is_empty() {
            provenance.push(At {
                at,
                value: source_records(node.provenance),
            });
        }
    }
    Nodes {
        ids: Texts {
            bytes: id_bytes.into(),
            ends: id_ends.into(),
        },
        kind_names: kind_table.names(NodeKind::as_str),
        kinds: kinds.into(),
        names,
        aliases,
        attrs,
        provenance,
    }
}

fn edges(graph: &KnowledgeGraph) -> Edges<'static> {
    let m = graph.edge_count();
    let mut sources = Vec::with_capacity(4 * m);
    let mut targets = Vec::with_capacity(4 * m);
    let mut rels = Vec::with_capacity(m);
    let mut rel_table = Table::default();
    let mut dates = Vec::new();
    let mut attrs = Vec::new();
    let mut provenance = Vec::new();
    for (i, ix) in graph.edge_indices().enumerate() {
        let (a, b) = graph.endpoints(ix);
        let edge = graph.edge(ix);
        let at = i as u32;
        sources.extend_from_slice(&(a.index() as u32).to_le_bytes());
        targets.extend_from_slice(&(b.index() as u32).to_le_bytes());
        rels.push(rel_table.index(edge.rel));
        if let Some(d) = edge.date() {
            dates.push(At {
                at,
                value: d.to_string(),
            });
        }
        if !edge.attrs().is_empty() {
            attrs.push(At {
                at,
                value: attr_records(edge.attrs()),
            });
        }
        if !edge.provenance().is_empty() {
            provenance.push(At {
                at,
                value: source_records(edge.provenance()),
            });
        }
    }
    Edges {
        sources: sources.into(),
        targets: targets.into(),
        rel_names: rel_table.names(Rel::as_str),
        rels: rels.into(),
        dates,
        attrs,
        provenance,
    }
}

/// The kinds or relations a graph uses, numbered in the order they are met.
struct Table<T> {
    numbers: BTreeMap<T, u8>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            numbers: BTreeMap::new(),
        }
    }
}

impl<T: Ord + Copy> Table<T> {
    fn index(&mut self, t: T) -> u8 {
        let next = self.numbers.len() as u8;
        *self.numbers.entry(t).or_insert(next)
    }

    fn names(&self, name: impl Fn(T) -> &'static str) -> Vec<String> {
        let mut v: Vec<(u8, T)> = self.numbers.iter().map(|(t, n)| (*n, *t)).collect();
        v.sort_by_key(|(n, _)| *n);
        v.into_iter().map(|(_, t)| name(t).to_string()).collect()
    }
}

fn attr_records(attrs: &Attrs) -> Vec<AttrRecord> {
    attrs
        .iter()
        .map(|(name, v)| AttrRecord {
            name: name.clone(),
            value: match v {
                Value::Str(s) => ValueRecord::Str(s.clone()),
                Value::Int(i) => ValueRecord::Int(*i),
                Value::Float(x) => ValueRecord::Float(*x),
                Value::Bool(b) => ValueRecord::Bool(*b),
            },
        })
        .collect()
}

fn source_records(provenance: &[Provenance]) -> Vec<SourceRecord> {
    provenance
        .iter()
        .map(|p| SourceRecord {
            doc: p.doc,
            quote: p.quote.clone(),
            row: p.row.as_ref().map(|r| RowRecord {
                sheet: r.sheet.as_ref().map(|s| s.to_string()),
                row: r.row,
            }),
        })
        .collect()
}
