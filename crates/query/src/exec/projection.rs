//! `over K,... [via R,...]`: the projection that `centrality` and `communities` run on, and
//! the neighbours `neighbours NODE over ...` lists with the neighbours they share.

use std::collections::BTreeMap;

use clustergraph_core::{
    project, NodeIndex, NodeKind, Projection as Projected, Value, MAX_PROJECTED_PAIRS,
};

use super::Session;
use crate::ast::{Projection, Span};
use crate::error::ExecError;
use crate::table::{Cell, NodeCell, Table};
use crate::time::TimeFilter;

impl Session {
    /// The projection `over` asks for, of the edges in time; refused when too large.
    pub(super) fn projection(
        &self,
        over: &Projection,
        time: Option<TimeFilter>,
        span: &Span,
    ) -> Result<Projected, ExecError> {
        project(
            &self.graph,
            &self.adj,
            &over.kinds,
            &over.via,
            |e| self.in_time(e, time),
            MAX_PROJECTED_PAIRS,
        )
        .map_err(|e| ExecError::Refused {
            message: e.to_string(),
            span: span.clone(),
            help: "narrow it: project onto fewer kinds (`over organisation`) through fewer edge \
                   types (`via partner_in,leads`), or a time span (`in 2016`)"
                .to_string(),
        })
    }

    /// `neighbours NODE over K,... [via R,...] [kind K,...]`: the nodes of the kinds that share
    /// a neighbour with NODE through the edges `via` (in time), most shared first, ties by id,
    /// each with how many and which.
    pub(super) fn projected_neighbours(
        &self,
        ix: NodeIndex,
        over: &Projection,
        kinds: &[NodeKind],
        time: Option<TimeFilter>,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let follows = |e| {
            (over.via.is_empty() || over.via.contains(&self.adj.rel(e))) && self.in_time(e, time)
        };
        let rank = self.order().ranks();
        // Each projected neighbour's shared neighbours, by their id rank (so listed in id order).
        let mut shared: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        let mut through: Vec<NodeIndex> = Vec::new();
        for inc in self.adj.incidences(ix.index() as u32) {
            if inc.other != ix && follows(inc.edge) && through.last() != Some(&inc.other) {
                through.push(inc.other);
            }
        }
        for &w in &through {
            self.check_cancel()?;
            let mut last = None;
            for inc in self.adj.incidences(w.index() as u32) {
                let v = inc.other;
                let kind = g.node(v).kind;
                if v == ix || v == w || last == Some(v) || !follows(inc.edge) {
                    continue;
                }
                if !over.kinds.contains(&kind) || !(kinds.is_empty() || kinds.contains(&kind)) {
                    continue;
                }
                last = Some(v);
                shared
                    .entry(v.index() as u32)
                    .or_default()
                    .push(w.index() as u32);
            }
        }
        let mut rows: Vec<(u32, Vec<u32>)> = shared.into_iter().collect();
        rows.sort_unstable_by_key(|(v, by)| (std::cmp::Reverse(by.len()), rank[*v as usize]));
        let node = |v: u32| NodeCell::of(g, NodeIndex::new(v as usize));
        let mut t = Table::new(&["node", "kind", "country", "shared", "through"]);
        for (v, mut by) in rows {
            by.sort_unstable_by_key(|&w| rank[w as usize]);
            let n = g.node(NodeIndex::new(v as usize));
            t.push(vec![
                Cell::Node(node(v)),
                Cell::text(n.kind.as_str()),
                match n.attrs.get("country") {
                    Some(Value::Str(c)) => Cell::text(c.as_str()),
                    _ => Cell::Null,
                },
                Cell::Int(by.len() as i64),
                Cell::Nodes(by.into_iter().map(node).collect()),
            ]);
        }
        let n = t.rows().len();
        t.set_message(format!(
            "{n} {} sharing a neighbour with {}{}",
            if n == 1 { "node" } else { "nodes" },
            g.node(ix).name,
            describe(over)
        ));
        Ok(t)
    }
}

/// " over organisation via partner_in,leads", as the statement wrote it.
pub(super) fn describe(over: &Projection) -> String {
    over.to_string()
}

/// Scores (or labels) of the projected nodes spread over the graph's nodes, `absent` for the
/// others.
pub(super) fn spread<T: Copy>(p: &Projected, values: &[T], n: usize, absent: T) -> Vec<T> {
    let mut all = vec![absent; n];
    for (i, ix) in p.nodes.iter().enumerate() {
        all[ix.index()] = values[i];
    }
    all
}

/// "on the projection over K via R: N nodes, M links".
pub(super) fn summary(p: &Projected, over: &Projection) -> String {
    format!(
        "on the projection{}: {} nodes, {} links",
        describe(over),
        p.nodes.len(),
        p.edge_count()
    )
}
