//! Traversals: `neighbours` (breadth-first, by depth) and `path` (one shortest path) walk the
//! adjacency's incidence lists, which carry edge types, directions and dates; `paths` (Yen's
//! k shortest simple paths, on the undirected view) runs on a `Csr` numbered by id rank, then
//! shows each step with an edge of the typed graph.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;

use clustergraph_core::Csr;
use clustergraph_core::{EdgeIndex, KnowledgeGraph, NodeIndex, NodeKind, Rel};

use super::{Session, Step};
use crate::ast::{Dir, YearSpan};
use crate::error::ExecError;
use crate::table::{Cell, NodeCell, Table};

impl Session {
    pub(super) fn neighbours(
        &self,
        start: NodeIndex,
        depth: u32,
        kinds: &[NodeKind],
        rels: &[Rel],
        dir: Dir,
        time: Option<YearSpan>,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let rank = self.order().ranks();
        // Each node reached, in the order reached: its distance, the step that reached it and
        // from which node. `seen` marks them (and the start) in one array.
        let mut reached: Vec<(NodeIndex, u32, Step, NodeIndex)> = Vec::new();
        let mut seen = vec![false; g.node_count()];
        seen[start.index()] = true;
        let mut frontier = vec![start];
        for d in 1..=depth {
            if frontier.is_empty() {
                break;
            }
            self.check_cancel()?;
            let first = reached.len();
            for &u in &frontier {
                for i in self.adj.incidences(u.index() as u32) {
                    if !seen[i.other.index()] && self.allows(&i, dir, rels, time) {
                        seen[i.other.index()] = true;
                        reached.push((i.other, d, Step::from(i), u));
                    }
                }
            }
            // The next level expands in id order, so that who reaches whom is reproducible.
            reached[first..].sort_by_key(|r| rank[r.0.index()]);
            frontier = reached[first..].iter().map(|r| r.0).collect();
        }
        // Levels are already in id order; only the kind filter remains.
        let rows = reached
            .into_iter()
            .filter(|r| kinds.is_empty() || kinds.contains(&g.node(r.0).kind));
        let mut t = Table::new(&["distance", "node", "kind", "from", "edge", "date"]);
        for (ix, d, step, from) in rows {
            t.push(vec![
                Cell::Int(d as i64),
                Cell::Node(NodeCell::of(g, ix)),
                Cell::text(g.node(ix).kind.as_str()),
                Cell::Node(NodeCell::of(g, from)),
                Cell::Text(arrow(g, step)),
                Cell::opt_text(g.edge(step.edge).date().map(|d| d.to_string())),
            ]);
        }
        if t.rows().is_empty() {
            t.set_message(format!(
                "{} has no neighbours that match",
                g.node(start).name
            ));
        }
        Ok(t)
    }

    pub(super) fn path(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        via: &[Rel],
        avoid: &[NodeKind],
        directed: bool,
        time: Option<YearSpan>,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let dir = if directed { Dir::Out } else { Dir::Both };
        // For each node reached, the node and step it was reached by.
        let mut parent: Vec<Option<(NodeIndex, Step)>> = vec![None; g.node_count()];
        let mut queue = VecDeque::from([a]);
        let mut seen = vec![false; g.node_count()];
        seen[a.index()] = true;
        let mut visits = 0usize;
        while let Some(u) = queue.pop_front() {
            if u == b {
                break;
            }
            visits += 1;
            if visits % 4096 == 0 {
                self.check_cancel()?;
            }
            // The walk may start and end at avoided kinds, never pass through them.
            if u != a && avoid.contains(&g.node(u).kind) {
                continue;
            }
            for i in self.adj.incidences(u.index() as u32) {
                if !seen[i.other.index()] && self.allows(&i, dir, via, time) {
                    seen[i.other.index()] = true;
                    parent[i.other.index()] = Some((u, Step::from(i)));
                    queue.push_back(i.other);
                }
            }
        }
        let mut t = path_table(false);
        if a == b {
            return Ok(t.with_message("the two ends are the same node"));
        }
        if parent[b.index()].is_none() {
            let mut m = format!("no path from {} to {}", g.node(a).name, g.node(b).name);
            if directed {
                m.push_str(" following edge directions");
            }
            if let Some(ts) = time {
                m.push_str(&format!(" in {}", span_text(ts)));
            }
            return Ok(t.with_message(m));
        }
        let mut steps = Vec::new();
        let mut v = b;
        while v != a {
            let (u, s) = parent[v.index()].expect("every node on the way was reached");
            steps.push((u, s));
            v = u;
        }
        steps.reverse();
        for (i, (u, s)) in steps.into_iter().enumerate() {
            push_step(g, &mut t, None, i + 1, u, s);
        }
        Ok(t)
    }

    pub(super) fn paths(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        max: usize,
        depth: Option<u32>,
        time: Option<YearSpan>,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let mut t = path_table(true);
        if a == b {
            return Ok(t.with_message("the two ends are the same node"));
        }
        let found = yen(
            self,
            a,
            b,
            max,
            depth.map(|d| d as usize).unwrap_or(usize::MAX),
            time,
        )?;
        if found.is_empty() {
            let mut m = format!("no path from {} to {}", g.node(a).name, g.node(b).name);
            if let Some(d) = depth {
                m.push_str(&format!(
                    " of at most {d} step{}",
                    if d == 1 { "" } else { "s" }
                ));
            }
            if let Some(ts) = time {
                m.push_str(&format!(" in {}", span_text(ts)));
            }
            return Ok(t.with_message(m));
        }
        for (k, nodes) in found.iter().enumerate() {
            for (i, pair) in nodes.windows(2).enumerate() {
                let step = self.best_step(pair[0], pair[1], time);
                push_step(g, &mut t, Some(k + 1), i + 1, pair[0], step);
            }
        }
        Ok(t)
    }

    /// The edge shown for a step between two adjacent nodes: the first, in the graph's order,
    /// among the edges between them that pass the time filter.
    fn best_step(&self, u: NodeIndex, v: NodeIndex, time: Option<YearSpan>) -> Step {
        self.steps(u, Dir::Both, &[], time)
            .filter(|s| s.to == v)
            .min_by_key(|s| s.edge)
            .expect("consecutive path nodes are adjacent")
    }
}

fn span_text(t: YearSpan) -> String {
    if t.from == t.to {
        t.from.to_string()
    } else {
        format!("{}..{}", t.from, t.to)
    }
}

/// `-member_of->` when the step follows the edge, `<-member_of-` when it goes against it.
fn arrow(g: &KnowledgeGraph, s: Step) -> String {
    let rel = g.edge(s.edge).rel;
    if s.forward {
        format!("-{rel}->")
    } else {
        format!("<-{rel}-")
    }
}

fn path_table(numbered: bool) -> Table {
    let mut cols = vec!["step", "from", "edge", "to", "date", "source", "quote"];
    if numbered {
        cols.insert(0, "path");
    }
    Table::new(&cols)
}

fn push_step(
    g: &KnowledgeGraph,
    t: &mut Table,
    path: Option<usize>,
    i: usize,
    from: NodeIndex,
    s: Step,
) {
    let edge = g.edge(s.edge);
    let (source, quote) = match edge.provenance().first() {
        Some(p) => (Cell::Text(p.cite(g.document(p.doc))), Cell::text(&p.quote)),
        None => (Cell::Null, Cell::Null),
    };
    let mut row = vec![
        Cell::Int(i as i64),
        Cell::Node(NodeCell::of(g, from)),
        Cell::Text(arrow(g, s)),
        Cell::Node(NodeCell::of(g, s.to)),
        Cell::opt_text(edge.date().map(|d| d.to_string())),
        source,
        quote,
    ];
    if let Some(k) = path {
        row.insert(0, Cell::Int(k as i64));
    }
    t.push(row);
}

/// Yen's k shortest simple paths on the undirected simple view (edges in time), each at most
/// `max_len` steps: shortest first, equal lengths by their sequence of ids.
fn yen(
    s: &Session,
    a: NodeIndex,
    b: NodeIndex,
    k: usize,
    max_len: usize,
    time: Option<YearSpan>,
) -> Result<Vec<Vec<NodeIndex>>, ExecError> {
    let adj = &s.adj;
    // Nodes numbered by id rank, so that comparing node numbers compares ids.
    let order = s.order();
    let (by_id, rank) = (order.by_rank(), order.ranks());
    let view = Csr::from_pairs(
        adj.node_count(),
        (0..adj.edge_count())
            .map(EdgeIndex::new)
            .filter(|e| s.in_time(*e, time))
            .flat_map(|e| {
                let (u, v) = adj.endpoints(e);
                let (u, v) = (rank[u.index()], rank[v.index()]);
                [(u, v), (v, u)]
            }),
    );
    let cancelled = || s.cancel.load(Ordering::Relaxed);
    let paths = clustergraph_core::algo::k_shortest_simple_paths(
        &view,
        rank[a.index()],
        rank[b.index()],
        k,
        max_len,
        &cancelled,
    )
    .map_err(|_| ExecError::Interrupted)?;
    Ok(paths
        .into_iter()
        .map(|p| p.into_iter().map(|r| by_id[r as usize]).collect())
        .collect())
}
