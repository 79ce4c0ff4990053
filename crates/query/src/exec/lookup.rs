//! `find` and `show`: the nodes that match a text, and one node with all it is known by.

use clustergraph_core::{Direction, NodeIndex, NodeKind};

use super::Session;
use crate::ast::YearSpan;
use crate::table::{Cell, NodeCell, Table};

/// How many nodes `find` lists when the statement says no `limit`.
pub const DEFAULT_FIND_LIMIT: usize = 20;

/// The score below which `find` does not list a node. Above the "did you mean" threshold:
/// a suggestion for an unknown name may be a long shot, a listing should not be.
const FIND_THRESHOLD: f64 = 0.55;

impl Session {
    pub(super) fn find(&self, text: &str, kinds: &[NodeKind], limit: usize) -> Table {
        let g = &self.graph;
        let kinds = (!kinds.is_empty()).then_some(kinds);
        let mut t = Table::new(&["node", "id", "kind", "aliases", "score"]);
        // One search serves both the listing and, when nothing reaches the listing's bar,
        // the nearest names (sorted best first, so they are its first entries).
        let all = g.search(text, kinds, usize::MAX);
        for c in all.iter().filter(|c| c.score >= FIND_THRESHOLD).take(limit) {
            let n = g.node(c.node);
            t.push(vec![
                Cell::Node(NodeCell::of(g, c.node)),
                Cell::text(n.id.as_str()),
                Cell::text(n.kind.as_str()),
                Cell::texts(n.aliases.clone()),
                Cell::Float((c.score * 1000.0).round() / 1000.0),
            ]);
        }
        if t.rows().is_empty() {
            let near: Vec<String> = all
                .iter()
                .take(3)
                .filter(|c| c.score >= clustergraph_core::names::SUGGESTION_THRESHOLD)
                .map(|c| format!("`{}` ({})", g.node(c.node).id, g.node(c.node).name))
                .collect();
            t.set_message(if near.is_empty() {
                format!("no node matches `{text}`")
            } else {
                format!("no node matches `{text}`; the nearest: {}", near.join(", "))
            });
        }
        t
    }

    /// One row per fact: the node's own attributes (`attr`), the documents that name it
    /// (`source`), then every edge out and in, with its date, attributes, and the documents
    /// and sentences it rests on (several citations share one row, one line each).
    pub(super) fn show(&self, ix: NodeIndex, time: Option<YearSpan>) -> Table {
        let g = &self.graph;
        let n = g.node(ix);
        let mut t = Table::new(&["part", "key", "value", "date", "attrs", "source", "quote"]);
        let attr = |t: &mut Table, k: &str, v: String| {
            t.push(vec![
                Cell::text("attr"),
                Cell::text(k),
                Cell::Text(v),
                Cell::Null,
                Cell::Null,
                Cell::Null,
                Cell::Null,
            ])
        };
        attr(&mut t, "id", n.id.to_string());
        attr(&mut t, "kind", n.kind.as_str().into());
        attr(&mut t, "name", n.name.to_string());
        if !n.aliases.is_empty() {
            t.push(vec![
                Cell::text("attr"),
                Cell::text("aliases"),
                Cell::texts(n.aliases.clone()),
                Cell::Null,
                Cell::Null,
                Cell::Null,
                Cell::Null,
            ]);
        }
        for (k, v) in &n.attrs {
            attr(&mut t, k, v.to_string());
        }
        for p in &n.provenance {
            let d = g.document(p.doc);
            t.push(vec![
                Cell::text("source"),
                Cell::text("document"),
                Cell::text(&d.title),
                Cell::opt_text(d.date.map(|d| d.to_string())),
                Cell::Null,
                Cell::Text(p.cite(d)),
                Cell::text(&p.quote),
            ]);
        }
        for (direction, part) in [(Direction::Outgoing, "out"), (Direction::Incoming, "in")] {
            for (e, other) in g.edges_of(ix, direction) {
                if !self.in_time(e, time) {
                    continue;
                }
                let edge = g.edge(e);
                let key = if direction == Direction::Outgoing {
                    format!("-{}->", edge.rel)
                } else {
                    format!("<-{}-", edge.rel)
                };
                let attrs: Vec<String> = edge
                    .attrs()
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect();
                let sources = edge
                    .provenance()
                    .iter()
                    .map(|p| p.cite(g.document(p.doc)))
                    .collect();
                let quotes = edge.provenance().iter().map(|p| p.quote.clone()).collect();
                t.push(vec![
                    Cell::text(part),
                    Cell::Text(key),
                    Cell::Node(NodeCell::of(g, other)),
                    Cell::opt_text(edge.date().map(|d| d.to_string())),
                    Cell::texts(attrs),
                    Cell::texts(sources),
                    Cell::texts(quotes),
                ]);
            }
        }
        t
    }
}
