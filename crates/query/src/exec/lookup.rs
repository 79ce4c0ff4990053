//! `find` and `show`: the nodes that match a text, and one node with all it is known by.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use clustergraph_core::{Direction, EdgeIndex, NodeIndex, NodeKind, Period, Rel};

use super::{evidence, Session};
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
    /// (`source`; a node that cites none says so), then every edge out and in, with its date
    /// and attributes, and the sentences that support it, the best first.
    /// Parallel edges of one type, direction and date are one fact, in one row.
    pub(super) fn show(&self, ix: NodeIndex, time: Option<YearSpan>) -> Table {
        let g = &self.graph;
        let n = g.node(ix);
        let mut t = Table::new(&["part", "key", "value", "date", "attrs", "source", "quote"]);
        let row = |t: &mut Table, part: &str, key: &str, value: Cell| {
            t.push(vec![
                Cell::text(part),
                Cell::text(key),
                value,
                Cell::Null,
                Cell::Null,
                Cell::Null,
                Cell::Null,
            ])
        };
        row(&mut t, "attr", "id", Cell::text(n.id.as_str()));
        row(&mut t, "attr", "kind", Cell::text(n.kind.as_str()));
        row(&mut t, "attr", "name", Cell::text(n.name.as_str()));
        if !n.aliases.is_empty() {
            row(&mut t, "attr", "aliases", Cell::texts(n.aliases.clone()));
        }
        for (k, v) in &n.attrs {
            row(&mut t, "attr", k, Cell::Text(v.to_string()));
        }
        if n.provenance.is_empty() && !g.documents().is_empty() {
            row(&mut t, "source", "uncited", Cell::text(UNCITED));
        }
        for p in &n.provenance {
            let d = g.document(p.doc);
            t.push(vec![
                Cell::text("source"),
                Cell::text("document"),
                Cell::text(&d.title),
                Cell::opt_text(d.date.map(|d| d.to_string())),
                Cell::Null,
                Cell::text(&d.key),
                Cell::text(&p.quote),
            ]);
        }
        for (direction, part) in [(Direction::Outgoing, "out"), (Direction::Incoming, "in")] {
            // The edges of one fact (other end, type, date), in the order of the first.
            let mut facts: Vec<(NodeIndex, Vec<EdgeIndex>)> = Vec::new();
            let mut index: HashMap<(NodeIndex, Rel, Option<Period>), usize> = HashMap::new();
            for (e, other) in g.edges_of(ix, direction) {
                if !self.in_time(e, time) {
                    continue;
                }
                let edge = g.edge(e);
                match index.entry((other, edge.rel, edge.date())) {
                    Entry::Occupied(i) => facts[*i.get()].1.push(e),
                    Entry::Vacant(slot) => {
                        slot.insert(facts.len());
                        facts.push((other, vec![e]));
                    }
                }
            }
            for (other, edges) in facts {
                let edge = g.edge(edges[0]);
                let key = if direction == Direction::Outgoing {
                    format!("-{}->", edge.rel)
                } else {
                    format!("<-{}-", edge.rel)
                };
                let attrs: Vec<String> = edges
                    .iter()
                    .flat_map(|e| g.edge(*e).attrs().iter())
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect();
                let cited = edges.iter().any(|e| !g.edge(*e).provenance().is_empty());
                let mut row = vec![
                    Cell::text(part),
                    Cell::Text(key),
                    Cell::Node(NodeCell::of(g, other)),
                    Cell::opt_text(edge.date().map(|d| d.to_string())),
                    Cell::texts(attrs),
                ];
                if cited || g.documents().is_empty() {
                    row.extend(evidence::cells(evidence::citations(g, &edges, ix, other)));
                } else {
                    row.extend([Cell::Null, Cell::text(UNCITED)]);
                }
                t.push(row);
            }
        }
        t
    }
}

/// What `show` says of a node or edge that cites no document, in a graph that has documents
/// (the loader warns about each).
pub const UNCITED: &str = "(cites no document)";
