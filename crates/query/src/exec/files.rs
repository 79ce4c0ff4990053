//! `save` and `diff`, and the tables of `clustergraph snapshot info|diff`. The files are read
//! and written by core (`clustergraph_core::snapshot`, `clustergraph_core::open`); this crate
//! only turns what they return into tables.

use std::path::Path;

use clustergraph_core::snapshot::{self, Change, GraphDiff, Meta};
use clustergraph_core::KnowledgeGraph;

use super::{open_error, Session};
use crate::ast::Span;
use crate::error::ExecError;
use crate::table::{Cell, Table};

impl Session {
    pub(super) fn save(&self, path: &str, span: &Span) -> Result<Table, ExecError> {
        let bytes = snapshot::save(&self.graph, Path::new(path)).map_err(|e| ExecError::Save {
            path: path.to_string(),
            span: span.clone(),
            help: e.to_string(),
        })?;
        Ok(Table::default().with_message(format!(
            "saved {path}: {}, {}, {}",
            plural(self.graph.node_count(), "node"),
            plural(self.graph.edge_count(), "edge"),
            size(bytes)
        )))
    }

    pub(super) fn diff(
        &self,
        from: &str,
        to: Option<&str>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let open = |path: &str| {
            clustergraph_core::open(Path::new(path)).map_err(|e| open_error(path, span, e))
        };
        let a = open(from)?;
        let (b, b_name) = match to {
            Some(p) => (Some(open(p)?), p),
            None => (None, "the graph in use"),
        };
        let b = b.as_ref().unwrap_or(&self.graph);
        Ok(diff_table(&a, b, from, b_name))
    }
}

/// What changed from `a` (called `a_name` in the message) to `b`: one row per document, node
/// or edge added, removed or changed, by id; for a changed one, what changed.
pub fn diff_table(a: &KnowledgeGraph, b: &KnowledgeGraph, a_name: &str, b_name: &str) -> Table {
    let d = snapshot::diff(a, b);
    let mut t = Table::new(&["change", "item", "id", "details"]);
    t.reserve(d.differences.len());
    for x in &d.differences {
        t.push(vec![
            Cell::text(x.change.to_string()),
            Cell::text(x.item.noun()),
            Cell::text(x.item.to_string()),
            Cell::texts(x.details.clone()),
        ]);
    }
    t.with_message(summary(&d, a_name, b_name))
}

/// "from a.cgs to b.cgs: nodes 2 added, 1 changed; edges 3 removed", or "no difference".
fn summary(d: &GraphDiff, a_name: &str, b_name: &str) -> String {
    if d.is_empty() {
        return format!("no difference from {a_name} to {b_name}");
    }
    let parts: Vec<String> = ["document", "node", "edge"]
        .iter()
        .filter_map(|noun| {
            let counts: Vec<String> = [Change::Added, Change::Removed, Change::Changed]
                .iter()
                .filter_map(|&c| {
                    let n = d.count(c, noun);
                    (n > 0).then(|| format!("{n} {c}"))
                })
                .collect();
            (!counts.is_empty()).then(|| format!("{noun}s {}", counts.join(", ")))
        })
        .collect();
    format!("from {a_name} to {b_name}: {}", parts.join("; "))
}

/// `clustergraph snapshot info`: what a snapshot holds and says about itself, one row a fact.
pub fn info_table(path: &str, file_bytes: u64, meta: &Meta, g: &KnowledgeGraph) -> Table {
    let mut t = Table::new(&["field", "value"]);
    let mut row = |field: &str, value: String| t.push(vec![Cell::text(field), Cell::text(value)]);
    row("file", path.to_string());
    row("size", size(file_bytes));
    row("format version", meta.version.to_string());
    row("written", meta.written_utc());
    row("written by", meta.tool.clone());
    for o in &meta.built_from {
        row("built from", format!("{} ({})", o.path, o.kind));
    }
    row("nodes", g.node_count().to_string());
    row("edges", g.edge_count().to_string());
    row("documents", g.documents().len().to_string());
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for ix in g.node_indices() {
        *kinds.entry(g.node(ix).kind.as_str()).or_default() += 1;
    }
    for (kind, n) in kinds {
        row("nodes of kind", format!("{kind}: {n}"));
    }
    t
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `1.2 MB`, `830 bytes`.
fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clustergraph_core::{Edge, Node, NodeKind, Rel};

    fn node(id: &str, name: &str) -> Node {
        Node {
            id: id.into(),
            kind: NodeKind::Cluster,
            name: name.into(),
            aliases: vec![],
            attrs: Default::default(),
            provenance: vec![],
        }
    }

    #[test]
    fn a_diff_lists_what_was_added_removed_and_changed_by_id() {
        let mut a = KnowledgeGraph::new();
        let x = a.add_node(node("x", "X")).unwrap();
        let y = a.add_node(node("y", "Y")).unwrap();
        a.add_edge(x, y, Edge::plain(Rel::linked()));
        let mut b = KnowledgeGraph::new();
        let x2 = b.add_node(node("x", "X renamed")).unwrap();
        let z = b.add_node(node("z", "Z")).unwrap();
        b.add_edge(x2, z, Edge::plain(Rel::linked()));
        let t = diff_table(&a, &b, "a.cgs", "b.cgs");
        let rows: Vec<String> = t
            .rows()
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Cell::Text(s) => s.clone(),
                        Cell::Texts(v) => v.join("; "),
                        _ => String::new(),
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        assert_eq!(
            rows,
            [
                "changed | node | x | name: \"X\" → \"X renamed\"",
                "removed | node | y | ",
                "added | node | z | ",
                "removed | edge | x -linked-> y | ",
                "added | edge | x -linked-> z | ",
            ]
        );
        assert_eq!(
            t.message(),
            Some("from a.cgs to b.cgs: nodes 1 added, 1 removed, 1 changed; edges 1 added, 1 removed")
        );
        assert_eq!(
            diff_table(&a, &a, "a.cgs", "the graph in use").message(),
            Some("no difference from a.cgs to the graph in use")
        );
    }
}
