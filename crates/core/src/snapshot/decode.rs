//! Payload records → a graph, checking everything the records could get wrong: every node
//! number in range, every kind and relation known, ids unique and non-empty, text UTF-8,
//! dates valid, sparse lists in increasing order, documents cited that exist.

use std::time::{Duration, SystemTime};

use super::record::{At, AttrRecord, Edges, Nodes, Payload, SourceRecord, Texts, ValueRecord};
use super::{Meta, SnapshotError};
use crate::graph::{BulkError, EdgeColumns, IdIndex, KnowledgeGraph, Origin};
use crate::io::budget::{budget, EDGE_BYTES, NODE_BYTES};
use crate::model::{
    Attrs, Document, Edge, EdgeDetail, Node, NodeKind, Period, Provenance, Rel, RowRef, SharedText,
    Value,
};

fn invalid(what: impl Into<String>) -> SnapshotError {
    SnapshotError::Invalid { what: what.into() }
}

/// The graph and what the snapshot says about itself.
pub(super) fn graph(p: Payload, version: u32) -> Result<(KnowledgeGraph, Meta), SnapshotError> {
    let mut nodes = p.nodes;
    let id_texts = std::mem::take(&mut nodes.ids);
    let ids = texts(&id_texts, "node ids")?;
    let n = ids.len();
    let m = p.edges.rels.len();
    let needed = (n as u64)
        .saturating_mul(NODE_BYTES)
        .saturating_add((m as u64).saturating_mul(EDGE_BYTES));
    let b = budget();
    if needed > b.bytes {
        return Err(SnapshotError::OverBudget {
            nodes: n,
            edges: m,
            budget: b.describe(),
        });
    }
    let built_from: Vec<Origin> = p
        .meta
        .built_from
        .into_iter()
        .map(|o| Origin {
            kind: o.kind,
            path: o.path,
        })
        .collect();
    let mut documents = Vec::with_capacity(p.documents.len());
    for d in p.documents {
        let date = match d.date {
            Some(s) => Some(period(&s, &format!("document `{}`", d.key))?),
            None => None,
        };
        documents.push(Document {
            key: d.key,
            title: d.title,
            language: d.language,
            file: d.file,
            date,
            publisher: d.publisher,
            url: d.url,
        });
    }
    let docs = documents.len();
    // Three tasks for the threads there are: the nodes, their id index (made from the ids
    // alone), and the edge columns.
    let ((g, by_id), edges) = rayon::join(
        || rayon::join(|| node_graph(&ids, nodes, docs), || IdIndex::of_ids(&ids)),
        || edge_columns(p.edges, docs),
    );
    let mut g = g?;
    let by_id = by_id.map_err(|(_, again)| {
        invalid(format!("the node id `{}` is used twice", shown(ids[again])))
    })?;
    g.set_id_index(by_id);
    let (columns, details) = edges?;
    g.set_edges(columns, details)
        .map_err(|e| bulk(e, &ids, n))?;
    for d in documents {
        g.add_document(d);
    }
    for o in &built_from {
        g.add_origin(o.clone());
    }
    let meta = Meta {
        version,
        tool: p.meta.tool,
        written: SystemTime::UNIX_EPOCH + Duration::from_secs(p.meta.written),
        built_from,
    };
    Ok((g, meta))
}

/// The strings of a [`Texts`] column.
fn texts<'a>(t: &'a Texts, what: &str) -> Result<Vec<&'a str>, SnapshotError> {
    let all = std::str::from_utf8(&t.bytes)
        .map_err(|e| invalid(format!("the {what} are not UTF-8 ({e})")))?;
    let ends = u32s(&t.ends, what)?;
    let mut v = Vec::with_capacity(t.ends.len() / 4);
    let mut start = 0usize;
    for end in ends {
        let end = end as usize;
        let s = (start <= end)
            .then(|| all.get(start..end))
            .flatten()
            .ok_or_else(|| invalid(format!("the {what} are cut at a wrong place")))?;
        v.push(s);
        start = end;
    }
    if start != all.len() {
        return Err(invalid(format!("the {what} have text after the last")));
    }
    Ok(v)
}

/// A column of little-endian `u32`s.
fn u32s<'a>(bytes: &'a [u8], what: &str) -> Result<impl Iterator<Item = u32> + 'a, SnapshotError> {
    if bytes.len() % 4 != 0 {
        return Err(invalid(format!(
            "the {what} column has {} bytes, not a multiple of 4",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
}

/// The values of a sparse list by number, checking each number is below `count` and each is
/// greater than the one before.
fn sparse<T>(
    list: Vec<At<T>>,
    count: usize,
    what: &str,
) -> Result<std::vec::IntoIter<At<T>>, SnapshotError> {
    let mut last: Option<u32> = None;
    for a in &list {
        if a.at as usize >= count || last.is_some_and(|l| a.at <= l) {
            return Err(invalid(format!(
                "the {what} list names number {} out of order or past the {count} there are",
                a.at
            )));
        }
        last = Some(a.at);
    }
    Ok(list.into_iter())
}

/// The value of a sparse list at `i`, if it has one there (the lists are checked in order).
fn take<T>(it: &mut std::iter::Peekable<std::vec::IntoIter<At<T>>>, i: usize) -> Option<T> {
    it.next_if(|a| a.at as usize == i).map(|a| a.value)
}

fn period(s: &str, of: &str) -> Result<Period, SnapshotError> {
    Period::parse(s).map_err(|e| invalid(format!("the date of {of}: {e}")))
}

fn attrs(records: Vec<AttrRecord>, of: &dyn Fn() -> String) -> Result<Attrs, SnapshotError> {
    let mut a = Attrs::new();
    for r in records {
        let v = match r.value {
            ValueRecord::Str(s) => Value::Str(s),
            ValueRecord::Int(i) => Value::Int(i),
            ValueRecord::Float(x) => Value::Float(x),
            ValueRecord::Bool(b) => Value::Bool(b),
        };
        if let Some(_old) = a.insert(r.name.clone(), v) {
            return Err(invalid(format!(
                "{} has the attribute `{}` twice",
                of(),
                r.name
            )));
        }
    }
    Ok(a)
}

fn provenance(
    records: Vec<SourceRecord>,
    docs: usize,
    of: &dyn Fn() -> String,
) -> Result<Vec<Provenance>, SnapshotError> {
    records
        .into_iter()
        .map(|r| {
            if r.doc as usize >= docs {
                return Err(invalid(format!(
                    "{} cites document number {}, past the {docs} there are",
                    of(),
                    r.doc
                )));
            }
            Ok(Provenance {
                doc: r.doc,
                quote: r.quote,
                row: r.row.map(|r| RowRef {
                    sheet: r.sheet.map(|s| SharedText::from(s.as_str())),
                    row: r.row,
                }),
            })
        })
        .collect()
}

/// Kinds or relations by their names in the file.
fn catalogue<T>(
    names: &[String],
    parse: impl Fn(&str) -> Option<T>,
    what: &str,
) -> Result<Vec<T>, SnapshotError> {
    names
        .iter()
        .map(|s| {
            parse(s).ok_or_else(|| {
                invalid(format!(
                    "unknown {what} `{}`",
                    crate::printable(s, crate::diagnostic::SHOWN, false)
                ))
            })
        })
        .collect()
}

/// The graph of the nodes, checked, in order, without their id index (made beside it) and
/// edges.
fn node_graph(ids: &[&str], nodes: Nodes, docs: usize) -> Result<KnowledgeGraph, SnapshotError> {
    let n = ids.len();
    let kinds = catalogue(
        &nodes.kind_names,
        |s| NodeKind::ALL.into_iter().find(|k| k.as_str() == s),
        "node kind",
    )?;
    if nodes.kinds.len() != n {
        return Err(invalid(format!(
            "{} node kinds for {n} node ids",
            nodes.kinds.len()
        )));
    }
    let mut names = sparse(nodes.names, n, "node name")?.peekable();
    let mut aliases = sparse(nodes.aliases, n, "node alias")?.peekable();
    let mut node_attrs = sparse(nodes.attrs, n, "node attribute")?.peekable();
    let mut sources = sparse(nodes.provenance, n, "node provenance")?.peekable();
    let mut g = KnowledgeGraph::new();
    g.reserve_nodes(n);
    for (i, (&id, &k)) in ids.iter().zip(nodes.kinds.iter()).enumerate() {
        if id.is_empty() {
            return Err(invalid(format!("node number {i} has an empty id")));
        }
        let kind = *kinds.get(k as usize).ok_or_else(|| {
            invalid(format!(
                "node `{}` has kind number {k}, past the {} kinds listed",
                shown(id),
                kinds.len()
            ))
        })?;
        let of = || format!("node `{}`", shown(id));
        let id = SharedText::from(id);
        let name = match take(&mut names, i) {
            Some(name) => SharedText::from(name),
            None => id.clone(),
        };
        let node = Node {
            id,
            kind,
            name,
            aliases: take(&mut aliases, i).unwrap_or_default(),
            attrs: match take(&mut node_attrs, i) {
                Some(a) => attrs(a, &of)?,
                None => Attrs::new(),
            },
            provenance: match take(&mut sources, i) {
                Some(p) => provenance(p, docs, &of)?,
                None => Vec::new(),
            },
        };
        g.push_unindexed(node);
    }
    Ok(g)
}

/// The edge columns and the details of the edges that have one, checked.
fn edge_columns(
    edges: Edges,
    docs: usize,
) -> Result<(EdgeColumns, Vec<EdgeDetail>), SnapshotError> {
    let m = edges.rels.len();
    let rels = catalogue(
        &edges.rel_names,
        |s| Rel::parse(s).filter(|r| r.as_str() == s),
        "relation",
    )?;
    if edges.sources.len() != 4 * m || edges.targets.len() != 4 * m {
        return Err(invalid(format!(
            "{m} edge types but {} and {} bytes of edge ends (4 an edge)",
            edges.sources.len(),
            edges.targets.len()
        )));
    }
    let source: Vec<u32> = u32s(&edges.sources, "edge source")?.collect();
    let target: Vec<u32> = u32s(&edges.targets, "edge target")?.collect();
    // The ends are checked against the nodes where the graph takes the columns (`set_edges`).
    if let Some(i) = edges.rels.iter().position(|&r| r as usize >= rels.len()) {
        return Err(invalid(format!(
            "edge number {i} has relation number {}, past the {} relations listed",
            edges.rels[i],
            rels.len()
        )));
    }
    let rel: Vec<Rel> = edges.rels.iter().map(|&r| rels[r as usize]).collect();
    // The rare parts (a date, attributes, provenance): only the edges the sparse lists name.
    let mut dates = sparse(edges.dates, m, "edge date")?.peekable();
    let mut edge_attrs = sparse(edges.attrs, m, "edge attribute")?.peekable();
    let mut sources = sparse(edges.provenance, m, "edge provenance")?.peekable();
    let mut columns = EdgeColumns::from_ends(source, target, rel);
    let mut details = Vec::new();
    loop {
        let next = [
            dates.peek().map(|a| a.at),
            edge_attrs.peek().map(|a| a.at),
            sources.peek().map(|a| a.at),
        ];
        let Some(i) = next.into_iter().flatten().min() else {
            break;
        };
        let i = i as usize;
        let of = || format!("edge number {i}");
        let date = match take(&mut dates, i) {
            Some(s) => Some(period(&s, &of())?),
            None => None,
        };
        let a = take(&mut edge_attrs, i).map_or(Ok(Attrs::new()), |a| attrs(a, &of))?;
        let p = take(&mut sources, i).map_or(Ok(Vec::new()), |p| provenance(p, docs, &of))?;
        if let (_, Some(detail)) = Edge::new(columns.rels()[i], date, a, p).into_parts() {
            columns.set_detail(i, crate::graph::detail_number(details.len()));
            details.push(*detail);
        }
    }
    Ok((columns, details))
}

/// Why the graph could not be built, as the snapshot's fault.
fn bulk(e: BulkError, ids: &[&str], n: usize) -> SnapshotError {
    match e {
        BulkError::DuplicateId { again, .. } => {
            invalid(format!("the node id `{}` is used twice", shown(ids[again])))
        }
        BulkError::NoSuchNode {
            edge,
            source,
            target,
        } => invalid(format!(
            "edge number {edge} joins node numbers {source} and {target}, past the {n} nodes \
             there are"
        )),
    }
}

fn shown(s: &str) -> String {
    crate::printable(s, crate::diagnostic::SHOWN, false)
}
