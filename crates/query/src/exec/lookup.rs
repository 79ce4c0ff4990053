//! `find` and `show`: the nodes that match a text, and one node with all it is known by.

use clustergraph_core::{Direction, NodeIndex, NodeKind};

use super::Session;
use crate::ast::YearSpan;
use crate::table::{Cell, NodeCell, Table};

/// How many nodes `find` lists when the statement says no `limit`.
pub const DEFAULT_FIND_LIMIT: usize = 20;

impl Session {
    pub(super) fn find(&self, text: &str, kinds: &[NodeKind], limit: usize) -> Table {
        let g = &self.graph;
        let kinds = (!kinds.is_empty()).then_some(kinds);
        let mut t = Table::new(&["node", "kind", "aliases", "score"]);
        for c in g.search(text, kinds, limit) {
            if c.score < clustergraph_core::names::SUGGESTION_THRESHOLD {
                continue;
            }
            let n = g.node(c.node);
            t.push(vec![
                Cell::Node(NodeCell::of(g, c.node)),
                Cell::text(n.kind.as_str()),
                Cell::text(n.aliases.join(", ")),
                Cell::Float((c.score * 1000.0).round() / 1000.0),
            ]);
        }
        if t.rows.is_empty() {
            t.message = Some(format!("no node matches `{text}`"));
        }
        t
    }

    pub(super) fn show(&self, ix: NodeIndex, time: Option<YearSpan>) -> Table {
        let g = &self.graph;
        let n = g.node(ix);
        let mut t = Table::new(&["part", "key", "value", "date", "source", "quote"]);
        let attr = |t: &mut Table, k: &str, v: String| {
            t.push(vec![
                Cell::text("attr"),
                Cell::text(k),
                Cell::Text(v),
                Cell::Null,
                Cell::Null,
                Cell::Null,
            ])
        };
        attr(&mut t, "id", n.id.clone());
        attr(&mut t, "kind", n.kind.as_str().into());
        attr(&mut t, "name", n.name.clone());
        if !n.aliases.is_empty() {
            attr(&mut t, "aliases", n.aliases.join(", "));
        }
        for (k, v) in &n.attrs {
            attr(&mut t, k, v.to_string());
        }
        for p in &n.provenance {
            let d = g.document(p.doc);
            t.push(vec![
                Cell::text("source"),
                Cell::text(&d.key),
                Cell::text(&d.title),
                Cell::opt_text(d.date.map(|d| d.to_string())),
                Cell::text(&d.key),
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
                let mut key = key;
                for (k, v) in &edge.attrs {
                    key.push_str(&format!(" [{k}: {v}]"));
                }
                let date = Cell::opt_text(edge.date.map(|d| d.to_string()));
                if edge.provenance.is_empty() {
                    t.push(vec![
                        Cell::text(part),
                        Cell::Text(key.clone()),
                        Cell::Node(NodeCell::of(g, other)),
                        date.clone(),
                        Cell::Null,
                        Cell::Null,
                    ]);
                }
                for p in &edge.provenance {
                    t.push(vec![
                        Cell::text(part),
                        Cell::Text(key.clone()),
                        Cell::Node(NodeCell::of(g, other)),
                        date.clone(),
                        Cell::text(&g.document(p.doc).key),
                        Cell::text(&p.quote),
                    ]);
                }
            }
        }
        t
    }
}
