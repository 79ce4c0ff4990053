//! `find` and `show`: the nodes that match a text, and one node with all it is known by.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use clustergraph_core::{Direction, EdgeIndex, NodeIndex, NodeKind, Period, Rel};

use super::{evidence, Session};
use crate::table::{Cell, NodeCell, Table};
use crate::time::TimeFilter;

/// The score below which `find` does not list a node. Above the "did you mean" threshold:
/// a suggestion for an unknown name may be a long shot, a listing should not be.
const FIND_THRESHOLD: f64 = 0.55;

impl Session {
    /// The nodes matching `text` above the listing's bar, best first; without a text, every
    /// node of `kinds` in id order. All of them: the statement's limit cuts the table.
    pub(super) fn find(&self, text: Option<&str>, kinds: &[NodeKind]) -> Table {
        let g = &self.graph;
        let Some(text) = text else {
            let mut t = Table::new(&["node", "id", "kind", "aliases"]);
            for &ix in self.order().by_rank() {
                let n = g.node(ix);
                if kinds.contains(&n.kind) {
                    t.push(vec![
                        Cell::Node(NodeCell::of(g, ix)),
                        Cell::text(n.id.as_str()),
                        Cell::text(n.kind.as_str()),
                        Cell::texts(n.aliases.to_vec()),
                    ]);
                }
            }
            if t.rows().is_empty() {
                let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                t.set_message(format!("no node of kind {}", kinds.join(", ")));
            }
            return t;
        };
        let kinds = (!kinds.is_empty()).then_some(kinds);
        let mut t = Table::new(&["node", "id", "kind", "aliases", "score"]);
        // One search serves both the listing and, when nothing reaches the listing's bar,
        // the nearest names (sorted best first, so they are its first entries).
        let all = g.search(text, kinds, usize::MAX);
        for c in all.iter().filter(|c| c.score >= FIND_THRESHOLD) {
            let n = g.node(c.node);
            t.push(vec![
                Cell::Node(NodeCell::of(g, c.node)),
                Cell::text(n.id.as_str()),
                Cell::text(n.kind.as_str()),
                Cell::texts(n.aliases.to_vec()),
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
    pub(super) fn show(&self, ix: NodeIndex, time: Option<TimeFilter>) -> Table {
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
            row(&mut t, "attr", "aliases", Cell::texts(n.aliases.to_vec()));
        }
        for (k, v) in n.attrs {
            row(&mut t, "attr", k, Cell::Text(v.to_string()));
        }
        if n.provenance.is_empty() && !g.documents().is_empty() {
            row(&mut t, "source", "uncited", Cell::text(UNCITED));
        }
        for p in n.provenance {
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
        // What the time filter kept and left out, for the sentence under the table.
        let (mut undated_kept, mut undated_out, mut dated_out) = (0usize, 0usize, 0usize);
        for (direction, part) in [(Direction::Outgoing, "out"), (Direction::Incoming, "in")] {
            // The edges of one fact (other end, type, date), in the order of the first.
            let mut facts: Vec<(NodeIndex, Vec<EdgeIndex>)> = Vec::new();
            let mut index: HashMap<(NodeIndex, Rel, Option<Period>), usize> = HashMap::new();
            for (e, other) in g.edges_of(ix, direction) {
                let kept = self.in_time(e, time);
                match (kept, g.edge(e).date().is_some()) {
                    (true, false) if time.is_some() => undated_kept += 1,
                    (false, false) => undated_out += 1,
                    (false, true) => dated_out += 1,
                    _ => {}
                }
                if !kept {
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
        if let Some(ts) = time {
            t.set_message(time_note(ts, undated_kept, undated_out, dated_out));
        }
        t
    }
}

/// What `show ... in T` says under its table: the rule for undated edges, and how many edges
/// the filter left out.
fn time_note(ts: TimeFilter, undated_kept: usize, undated_out: usize, dated_out: usize) -> String {
    let edges = |n: usize| format!("{n} edge{}", if n == 1 { "" } else { "s" });
    let mut m = format!("edges {ts}: ");
    if ts.strict {
        m.push_str(&format!(
            "{} without a date and {} of other dates left out",
            edges(undated_out),
            edges(dated_out)
        ));
    } else {
        m.push_str(&format!(
            "{} without a date stay{} (add `strict` to leave them out); {} of other dates left out",
            edges(undated_kept),
            if undated_kept == 1 { "s" } else { "" },
            edges(dated_out)
        ));
    }
    m
}

/// What `show` says of a node or edge that cites no document, in a graph that has documents
/// (the loader warns about each).
pub const UNCITED: &str = "(cites no document)";
