//! Traversals: `neighbours` (breadth-first, by depth) and `path` (one shortest path) walk the
//! adjacency's incidence lists, which carry edge types, directions and dates; `paths` (Yen's
//! k shortest simple paths, on the simple view of the edges it may follow) runs on a `Csr`
//! numbered by id rank, then shows each step with an edge of the typed graph. Every row that
//! shows an edge carries all the sentences that support it (`evidence.rs`).

use std::collections::VecDeque;
use std::sync::atomic::Ordering;

use clustergraph_core::Csr;
use clustergraph_core::{EdgeIndex, KnowledgeGraph, NodeIndex, NodeKind, Rel};

use super::{evidence, Session, Step};
use crate::ast::Dir;
use crate::error::ExecError;
use crate::table::{Cell, NodeCell, Table};
use crate::time::TimeFilter;

/// What a walk may follow: edge types (none: any), kinds it does not pass through, the
/// direction, and the time filter.
pub(super) struct Walk<'a> {
    pub rels: &'a [Rel],
    pub avoid: &'a [NodeKind],
    pub dir: Dir,
    pub time: Option<TimeFilter>,
}

impl Session {
    /// Every node within `depth` hops, by distance, and every edge that reaches it from a node
    /// one hop nearer (not only the first found): one row per edge, parallel edges of one
    /// type and date in one row.
    pub(super) fn neighbours(
        &self,
        start: NodeIndex,
        depth: u32,
        kinds: &[NodeKind],
        walk: &Walk<'_>,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let rank = self.order().ranks();
        // The distance of each node reached (u32::MAX: not reached).
        let mut level = vec![u32::MAX; g.node_count()];
        level[start.index()] = 0;
        let mut frontier = vec![start];
        // Each edge that reaches a node at distance d from one at d - 1: (d, node, from, step),
        // after the key it is listed by: in id order, node reached then node it is reached
        // from, then by type (so that parallel edges of one type are adjacent), direction and
        // edge. The key is computed once per edge, not once per comparison.
        type Key = (u32, u32, Rel, bool, EdgeIndex);
        let mut reaching: Vec<(Key, u32, NodeIndex, NodeIndex, Step)> = Vec::new();
        for d in 1..=depth {
            if frontier.is_empty() {
                break;
            }
            self.check_cancel()?;
            let first = reaching.len();
            let mut next = Vec::new();
            for &u in &frontier {
                // The walk starts anywhere, but does not pass through avoided kinds.
                if u != start && walk.avoid.contains(&g.node(u).kind) {
                    continue;
                }
                for i in self.adj.incidences(u.index() as u32) {
                    let v = i.other;
                    if level[v.index()] < d || !self.allows(&i, walk.dir, walk.rels, walk.time) {
                        continue;
                    }
                    if level[v.index()] == u32::MAX {
                        level[v.index()] = d;
                        next.push(v);
                    }
                    let step = Step::from(i);
                    let key = (
                        rank[v.index()],
                        rank[u.index()],
                        self.adj.rel(step.edge),
                        !step.forward,
                        step.edge,
                    );
                    reaching.push((key, d, v, u, step));
                }
            }
            // Each key ends with the edge, so the order is total: an unstable sort is exact.
            reaching[first..].sort_unstable_by_key(|r| r.0);
            next.sort_by_key(|v| rank[v.index()]);
            frontier = next;
        }
        let mut t = Table::new(&[
            "distance", "node", "kind", "from", "edge", "date", "source", "quote",
        ]);
        let rows = reaching
            .iter()
            .filter(|r| kinds.is_empty() || kinds.contains(&g.node(r.2).kind));
        let mut rows = rows.peekable();
        // The edges of one row, reused: most rows of a large graph are one bare edge.
        let mut edges = Vec::new();
        while let Some(&(_, d, v, u, step)) = rows.next() {
            // Parallel edges of one type, direction and date are one row.
            edges.clear();
            edges.push(step.edge);
            while let Some(&&(_, _, v2, u2, s2)) = rows.peek() {
                if (v2, u2) != (v, u) || !same_fact(g, step, s2) {
                    break;
                }
                edges.push(s2.edge);
                rows.next();
            }
            let mut row = Vec::with_capacity(8);
            row.extend([
                Cell::Int(d as i64),
                Cell::Node(NodeCell::of(g, v)),
                Cell::text(g.node(v).kind.as_str()),
                Cell::Node(NodeCell::of(g, u)),
                Cell::Text(arrow(g, step)),
                Cell::opt_text(g.edge(step.edge).date().map(|d| d.to_string())),
            ]);
            row.extend(evidence::cells(evidence::citations(g, &edges, u, v)));
            t.push(row);
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
        time: Option<TimeFilter>,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let dir = if directed { Dir::Out } else { Dir::Both };
        let mut t = path_table(false);
        if a == b {
            return Ok(t.with_message("the two ends are the same node"));
        }
        let Some(steps) = self.shortest(a, b, via, avoid, dir, time)? else {
            let mut m = format!("no path from {} to {}", g.node(a).name, g.node(b).name);
            if directed {
                m.push_str(" following edge directions");
            }
            if let Some(ts) = time {
                m.push_str(&format!(" {ts}"));
            }
            return Ok(t.with_message(m));
        };
        for (i, (u, s)) in steps.into_iter().enumerate() {
            let edges = self.parallels(u, s, time);
            push_step(g, &mut t, None, i + 1, u, s, &edges);
        }
        Ok(t)
    }

    /// One shortest path from `a` to `b` (breadth first) over the edges of types `via` (any if
    /// none) in `dir` and in time, never passing through a node of an `avoid` kind (it may
    /// start or end at one): each step with the node it leaves, or `None` when `b` is not
    /// reached. `path` prints it, `draw path` draws it.
    pub(super) fn shortest(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        via: &[Rel],
        avoid: &[NodeKind],
        dir: Dir,
        time: Option<TimeFilter>,
    ) -> Result<Option<Vec<(NodeIndex, Step)>>, ExecError> {
        let g = &self.graph;
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
        if a != b && parent[b.index()].is_none() {
            return Ok(None);
        }
        let mut steps = Vec::new();
        let mut v = b;
        while v != a {
            let (u, s) = parent[v.index()].expect("every node on the way was reached");
            steps.push((u, s));
            v = u;
        }
        steps.reverse();
        Ok(Some(steps))
    }

    pub(super) fn paths(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        max: usize,
        depth: Option<u32>,
        walk: &Walk<'_>,
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
            walk,
        )?;
        if found.is_empty() {
            let mut m = format!("no path from {} to {}", g.node(a).name, g.node(b).name);
            if let Some(d) = depth {
                m.push_str(&format!(
                    " of at most {d} step{}",
                    if d == 1 { "" } else { "s" }
                ));
            }
            if walk.dir == Dir::Out {
                m.push_str(" following edge directions");
            }
            if let Some(ts) = walk.time {
                m.push_str(&format!(" {ts}"));
            }
            return Ok(t.with_message(m));
        }
        for (k, nodes) in found.iter().enumerate() {
            for (i, pair) in nodes.windows(2).enumerate() {
                let step = self.best_step(pair[0], pair[1], walk);
                let edges = self.parallels(pair[0], step, walk.time);
                push_step(g, &mut t, Some(k + 1), i + 1, pair[0], step, &edges);
            }
        }
        Ok(t)
    }

    /// The edge shown for a step between two adjacent nodes: the first, in the graph's order,
    /// among the edges between them that the walk may follow.
    fn best_step(&self, u: NodeIndex, v: NodeIndex, walk: &Walk<'_>) -> Step {
        self.steps(u, walk.dir, walk.rels, walk.time)
            .filter(|s| s.to == v)
            .min_by_key(|s| s.edge)
            .expect("consecutive path nodes are adjacent")
    }

    /// The step's edge and its parallels in time: the edges of its type between the same
    /// ends, in the same direction, whose sentences all support the step.
    fn parallels(&self, u: NodeIndex, s: Step, time: Option<TimeFilter>) -> Vec<EdgeIndex> {
        let rel = self.adj.rel(s.edge);
        self.steps(u, Dir::Both, std::slice::from_ref(&rel), time)
            .filter(|p| p.to == s.to && p.forward == s.forward)
            .map(|p| p.edge)
            .collect()
    }
}

/// Whether two steps from one node to another state one fact: the same type, direction and
/// date.
fn same_fact(g: &KnowledgeGraph, a: Step, b: Step) -> bool {
    let (x, y) = (g.edge(a.edge), g.edge(b.edge));
    a.forward == b.forward && x.rel == y.rel && x.date() == y.date()
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

/// One step of a path, with every sentence of its edges (the step's and its parallels), the
/// best first.
fn push_step(
    g: &KnowledgeGraph,
    t: &mut Table,
    path: Option<usize>,
    i: usize,
    from: NodeIndex,
    s: Step,
    edges: &[EdgeIndex],
) {
    let edge = g.edge(s.edge);
    let mut row = vec![
        Cell::Int(i as i64),
        Cell::Node(NodeCell::of(g, from)),
        Cell::Text(arrow(g, s)),
        Cell::Node(NodeCell::of(g, s.to)),
        Cell::opt_text(edge.date().map(|d| d.to_string())),
    ];
    row.extend(evidence::cells(evidence::citations(g, edges, from, s.to)));
    if let Some(k) = path {
        row.insert(0, Cell::Int(k as i64));
    }
    t.push(row);
}

/// Yen's k shortest simple paths on the simple view of the edges the walk may follow (in
/// time, of its types, in its direction, not through avoided kinds except at the ends), each
/// at most `max_len` steps: shortest first, equal lengths by their sequence of ids.
fn yen(
    s: &Session,
    a: NodeIndex,
    b: NodeIndex,
    k: usize,
    max_len: usize,
    walk: &Walk<'_>,
) -> Result<Vec<Vec<NodeIndex>>, ExecError> {
    let adj = &s.adj;
    let g = &s.graph;
    // Nodes numbered by id rank, so that comparing node numbers compares ids.
    let order = s.order();
    let (by_id, rank) = (order.by_rank(), order.ranks());
    // An avoided node is left out of the view unless it is an end.
    let open = |v: NodeIndex| v == a || v == b || !walk.avoid.contains(&g.node(v).kind);
    let directed = walk.dir == Dir::Out;
    let view = Csr::from_pairs(
        adj.node_count(),
        (0..adj.edge_count())
            .map(EdgeIndex::new)
            .filter(|e| {
                s.in_time(*e, walk.time)
                    && (walk.rels.is_empty() || walk.rels.contains(&adj.rel(*e)))
            })
            .filter_map(|e| {
                let (u, v) = adj.endpoints(e);
                (open(u) && open(v)).then_some((rank[u.index()], rank[v.index()]))
            })
            .flat_map(|(u, v)| {
                let back = (!directed).then_some((v, u));
                std::iter::once((u, v)).chain(back)
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
