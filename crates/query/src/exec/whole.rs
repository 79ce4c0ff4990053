//! Statements about the whole graph, on the compact undirected view: `components` and
//! `stats`.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;

use clustergraph_core::{algo, Csr, NodeKind, Rel};

use super::Session;
use crate::error::ExecError;
use crate::table::{Cell, NodeCell, Table};
use crate::time::TimeFilter;

impl Session {
    /// Connected components, largest first, ties by their first id; each component's members
    /// in id order.
    fn ordered_components(&self, view: &Csr) -> Vec<Vec<u32>> {
        let order = self.order();
        let rank = order.ranks();
        let (label, count) = algo::component_labels(view);
        let mut sizes = vec![0usize; count];
        for &c in &label {
            sizes[c as usize] += 1;
        }
        // Members in id order without sorting each component: deal the nodes out in id order.
        let mut comps: Vec<Vec<u32>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
        for ix in order.by_rank() {
            comps[label[ix.index()] as usize].push(ix.index() as u32);
        }
        comps.sort_by(|a, b| {
            b.len()
                .cmp(&a.len())
                .then_with(|| rank[a[0] as usize].cmp(&rank[b[0] as usize]))
        });
        comps
    }

    pub(super) fn components(&self, time: Option<TimeFilter>) -> Result<Table, ExecError> {
        let g = &self.graph;
        let view = self.undirected(time);
        let comps = self.ordered_components(&view);
        let mut t = Table::new(&["component", "size", "members"]);
        for (i, c) in comps.iter().enumerate() {
            let members = c.iter().map(|&v| NodeCell::of(g, Csr::node(v))).collect();
            t.push(vec![
                Cell::Int(i as i64 + 1),
                Cell::Int(c.len() as i64),
                Cell::Nodes(members),
            ]);
        }
        Ok(t)
    }

    pub(super) fn stats(&self, time: Option<TimeFilter>) -> Result<Table, ExecError> {
        let g = &self.graph;
        let mut t = Table::new(&["measure", "value"]);
        let n = g.node_count();
        // One pass over the nodes and one over the edges, counting by kind and by relation.
        let mut by_kind: BTreeMap<NodeKind, i64> = BTreeMap::new();
        for ix in g.node_indices() {
            *by_kind.entry(g.node(ix).kind).or_default() += 1;
        }
        let mut by_rel: BTreeMap<Rel, i64> = BTreeMap::new();
        let mut kept = 0;
        for e in g.edge_indices().filter(|e| self.in_time(*e, time)) {
            *by_rel.entry(g.edge(e).rel).or_default() += 1;
            kept += 1;
        }
        t.push(vec![Cell::text("nodes"), Cell::Int(n as i64)]);
        t.push(vec![Cell::text("edges"), Cell::Int(kept)]);
        // In the order the kinds and relations are documented (their enum order).
        for (k, c) in by_kind {
            t.push(vec![Cell::Text(format!("nodes: {k}")), Cell::Int(c)]);
        }
        for (r, c) in by_rel {
            t.push(vec![Cell::Text(format!("edges: {r}")), Cell::Int(c)]);
        }
        t.push(vec![
            Cell::text("documents"),
            Cell::Int(g.documents().len() as i64),
        ]);
        let view = self.undirected(time);
        let simple_edges = view.entry_count() / 2;
        let density = if n > 1 {
            2.0 * simple_edges as f64 / (n as f64 * (n as f64 - 1.0))
        } else {
            0.0
        };
        t.push(vec![
            Cell::text("edges in the undirected simple view"),
            Cell::Int(simple_edges as i64),
        ]);
        t.push(vec![Cell::text("density"), Cell::Float(density)]);
        let comps = self.ordered_components(&view);
        t.push(vec![
            Cell::text("components"),
            Cell::Int(comps.len() as i64),
        ]);
        if let Some(largest) = comps.first() {
            t.push(vec![
                Cell::text("largest component"),
                Cell::Int(largest.len() as i64),
            ]);
            let d = self.diameter(&view, largest)?;
            t.push(vec![
                Cell::text("diameter of the largest component"),
                if d.lower == d.upper {
                    Cell::Int(d.lower as i64)
                } else {
                    Cell::text(format!(
                        "between {} and {} (bounds after {} searches: the exact value \
                         would take one search per node)",
                        d.lower, d.upper, d.searches
                    ))
                },
            ]);
        }
        if let Some(source) = &self.source {
            t.set_message(format!("graph in use: {source}"));
        }
        Ok(t)
    }

    /// The diameter of one component (see `algo::diameter_within`), exact unless that would
    /// take more than [`DIAMETER_WORK`] steps of search; stopping on Ctrl-C.
    fn diameter(&self, view: &Csr, members: &[u32]) -> Result<algo::DiameterBounds, ExecError> {
        let cancelled = || self.cancel.load(Ordering::Relaxed);
        let per_search = members.len() + view.entry_count();
        let searches = (DIAMETER_WORK / per_search.max(1)).max(4);
        algo::diameter_within(view, members, searches, &cancelled).ok_or(ExecError::Interrupted)
    }
}

/// How many steps (nodes and edges visited) `stats` spends on the diameter before it gives
/// bounds instead: seconds, not the hours one search per node takes on a long ring.
const DIAMETER_WORK: usize = 200_000_000;
