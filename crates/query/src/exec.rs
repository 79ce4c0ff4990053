//! Executes statements against a graph and returns tables.
//!
//! Traversals (`neighbours`, `path`, `paths`) walk the typed petgraph graph, because their
//! filters read edge types and directions; `components` and `stats` run on the compact
//! undirected view ([`Csr`]). Every listing is ordered, ties broken by node id, so output is
//! reproducible.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clustergraph_core::csr::{self, Csr};
use clustergraph_core::{
    Direction, EdgeIndex, KnowledgeGraph, NodeIndex, NodeKind, Rel, Unresolved,
};

use crate::ast::{Dir, Format, NodeRef, Query, Span, Statement, YearSpan};
use crate::error::QueryError;
use crate::help::{lookup, HELP};
use crate::table::{Cell, NodeCell, Table};

/// How many nodes `find` lists when the statement says no `limit`.
pub const DEFAULT_FIND_LIMIT: usize = 20;

/// How many member names a `components` row lists before it says how many more there are.
const MEMBERS_SHOWN: usize = 10;

/// A graph in use and the settings statements change; what a REPL holds between statements.
#[derive(Debug)]
pub struct Session {
    graph: KnowledgeGraph,
    /// Set by `set format`; the binary prints with it.
    pub format: Format,
    cancel: Arc<AtomicBool>,
}

/// One step taken by a traversal: the edge, the node reached, and whether the edge was
/// followed in its own direction.
#[derive(Clone, Copy, Debug)]
struct Step {
    edge: EdgeIndex,
    to: NodeIndex,
    forward: bool,
}

impl Session {
    pub fn new(graph: KnowledgeGraph) -> Session {
        Session {
            graph,
            format: Format::default(),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    pub fn graph(&self) -> &KnowledgeGraph {
        &self.graph
    }

    /// A flag that, once set (from a Ctrl-C handler), makes the running statement stop with an
    /// "interrupted" error at its next check. `execute` clears it when it starts.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    pub fn execute(&mut self, q: &Query) -> Result<Table, QueryError> {
        self.cancel.store(false, Ordering::SeqCst);
        let time = q.time;
        match &q.statement {
            Statement::Find { text, kinds, limit } => {
                Ok(self.find(text, kinds, limit.unwrap_or(DEFAULT_FIND_LIMIT)))
            }
            Statement::Show { node } => {
                let ix = self.resolve(node)?;
                Ok(self.show(ix, time))
            }
            Statement::Neighbours {
                node,
                depth,
                kinds,
                rels,
                dir,
            } => {
                let ix = self.resolve(node)?;
                self.neighbours(ix, *depth, kinds, rels, *dir, time)
            }
            Statement::Path {
                from,
                to,
                via,
                avoid,
                directed,
            } => {
                let (a, b) = (self.resolve(from)?, self.resolve(to)?);
                self.path(a, b, via, avoid, *directed, time)
            }
            Statement::Paths {
                from,
                to,
                max,
                depth,
            } => {
                let (a, b) = (self.resolve(from)?, self.resolve(to)?);
                self.paths(a, b, *max, *depth, time)
            }
            Statement::Components => self.components(time),
            Statement::Stats => self.stats(time),
            Statement::Help { topic } => Ok(help(topic.as_deref())),
            Statement::SetFormat(f) => {
                self.format = *f;
                Ok(Table::default().with_message(format!("results are printed as {}", f.as_str())))
            }
            Statement::Open { path } => self.open(path, &q.span),
        }
    }

    fn check_cancel(&self) -> Result<(), QueryError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(QueryError::interrupted())
        } else {
            Ok(())
        }
    }

    fn resolve(&self, n: &NodeRef) -> Result<NodeIndex, QueryError> {
        let g = &self.graph;
        let describe = |ix: NodeIndex| {
            let node = g.node(ix);
            format!("`{}` ({} {})", node.id, node.kind, node.name)
        };
        match g.resolve(&n.text) {
            Ok(ix) => Ok(ix),
            Err(Unresolved::Ambiguous(c)) => Err(QueryError::new(
                n.span.clone(),
                format!("`{}` names {} nodes", n.text, c.len()),
            )
            .label("ambiguous")
            .help(format!(
                "name one by its id: {}",
                c.iter()
                    .map(|c| describe(c.node))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
            Err(Unresolved::Unknown(c)) => {
                let err =
                    QueryError::new(n.span.clone(), format!("no node is called `{}`", n.text))
                        .label("unknown node");
                if let Some(help) = self.misspelt_option(&n.text) {
                    return Err(err.help(help));
                }
                Err(if c.is_empty() {
                    err.help(format!(
                        "`find {}` lists nodes whose names contain it",
                        n.text
                    ))
                } else {
                    err.help(format!(
                        "did you mean {}?",
                        c.iter()
                            .map(|c| describe(c.node))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
            }
        }
    }

    /// A bare name swallows the words after it up to the next option keyword, so a misspelt
    /// option (`neighbours CEBR depht 2`) reads as part of the name. When the words before
    /// one that looks like an option name a node, say so.
    fn misspelt_option(&self, text: &str) -> Option<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        (1..words.len()).find_map(|i| {
            let option = clustergraph_core::names::nearest(
                words[i],
                crate::lexer::KEYWORDS.iter().copied(),
            )?;
            let node = self.graph.resolve(&words[..i].join(" ")).ok()?;
            Some(format!(
                "`{}` is the node `{}`; did you mean the option `{option}` instead of `{}`?",
                words[..i].join(" "),
                self.graph.node(node).id,
                words[i]
            ))
        })
    }

    /// Whether an edge passes the time filter: its date or period meets the span, or it has
    /// no date.
    fn in_time(&self, e: EdgeIndex, time: Option<YearSpan>) -> bool {
        match (time, self.graph.edge(e).date) {
            (Some(t), Some(p)) => p.meets_years(t.from, t.to),
            _ => true,
        }
    }

    /// The steps out of `u`: edges in the allowed directions, of the allowed types, in time;
    /// ordered by the node reached (its id), then by edge.
    fn steps(&self, u: NodeIndex, dir: Dir, rels: &[Rel], time: Option<YearSpan>) -> Vec<Step> {
        let g = &self.graph;
        let mut out = Vec::new();
        let mut add = |direction: Direction, forward: bool| {
            for (edge, to) in g.edges_of(u, direction) {
                if (rels.is_empty() || rels.contains(&g.edge(edge).rel)) && self.in_time(edge, time)
                {
                    out.push(Step { edge, to, forward });
                }
            }
        };
        if matches!(dir, Dir::Out | Dir::Both) {
            add(Direction::Outgoing, true);
        }
        if matches!(dir, Dir::In | Dir::Both) {
            add(Direction::Incoming, false);
        }
        out.sort_by(|a, b| {
            g.node(a.to)
                .id
                .cmp(&g.node(b.to).id)
                .then(a.edge.cmp(&b.edge))
        });
        out
    }

    fn find(&self, text: &str, kinds: &[NodeKind], limit: usize) -> Table {
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

    fn show(&self, ix: NodeIndex, time: Option<YearSpan>) -> Table {
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

    fn neighbours(
        &self,
        start: NodeIndex,
        depth: u32,
        kinds: &[NodeKind],
        rels: &[Rel],
        dir: Dir,
        time: Option<YearSpan>,
    ) -> Result<Table, QueryError> {
        let g = &self.graph;
        // node → (distance, the step that reached it, from which node)
        let mut reached: HashMap<NodeIndex, (u32, Step, NodeIndex)> = HashMap::new();
        let mut frontier = vec![start];
        for d in 1..=depth {
            self.check_cancel()?;
            let mut next = Vec::new();
            for &u in &frontier {
                for s in self.steps(u, dir, rels, time) {
                    if s.to != start && !reached.contains_key(&s.to) {
                        reached.insert(s.to, (d, s, u));
                        next.push(s.to);
                    }
                }
            }
            next.sort_by(|a, b| g.node(*a).id.cmp(&g.node(*b).id));
            frontier = next;
        }
        let mut rows: Vec<(u32, &str, NodeIndex)> = reached
            .iter()
            .filter(|(ix, _)| kinds.is_empty() || kinds.contains(&g.node(**ix).kind))
            .map(|(ix, (d, _, _))| (*d, g.node(*ix).id.as_str(), *ix))
            .collect();
        rows.sort();
        let mut t = Table::new(&["distance", "node", "kind", "from", "edge", "date"]);
        for (d, _, ix) in rows {
            let (_, step, from) = reached[&ix];
            t.push(vec![
                Cell::Int(d as i64),
                Cell::Node(NodeCell::of(g, ix)),
                Cell::text(g.node(ix).kind.as_str()),
                Cell::Node(NodeCell::of(g, from)),
                Cell::Text(arrow(g, step)),
                Cell::opt_text(g.edge(step.edge).date.map(|d| d.to_string())),
            ]);
        }
        if t.rows.is_empty() {
            t.message = Some(format!(
                "{} has no neighbours that match",
                g.node(start).name
            ));
        }
        Ok(t)
    }

    fn path(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        via: &[Rel],
        avoid: &[NodeKind],
        directed: bool,
        time: Option<YearSpan>,
    ) -> Result<Table, QueryError> {
        let g = &self.graph;
        let dir = if directed { Dir::Out } else { Dir::Both };
        let mut parent: HashMap<NodeIndex, (NodeIndex, Step)> = HashMap::new();
        let mut queue = VecDeque::from([a]);
        let mut seen = HashSet::from([a]);
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
            for s in self.steps(u, dir, via, time) {
                if seen.insert(s.to) {
                    parent.insert(s.to, (u, s));
                    queue.push_back(s.to);
                }
            }
        }
        let mut t = path_table(false);
        if a == b {
            return Ok(t.with_message("the two ends are the same node"));
        }
        if !parent.contains_key(&b) {
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
            let (u, s) = parent[&v];
            steps.push((u, s));
            v = u;
        }
        steps.reverse();
        for (i, (u, s)) in steps.into_iter().enumerate() {
            push_step(g, &mut t, None, i + 1, u, s);
        }
        Ok(t)
    }

    fn paths(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        max: usize,
        depth: Option<u32>,
        time: Option<YearSpan>,
    ) -> Result<Table, QueryError> {
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
                m.push_str(&format!(" of at most {d} steps"));
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
            .into_iter()
            .filter(|s| s.to == v)
            .min_by_key(|s| s.edge)
            .expect("consecutive path nodes are adjacent")
    }

    fn components(&self, time: Option<YearSpan>) -> Result<Table, QueryError> {
        let g = &self.graph;
        let view = Csr::undirected(g, |e| self.in_time(e, time));
        let comps = csr::components(&view);
        let mut t = Table::new(&["component", "size", "members"]);
        for (i, c) in comps.iter().enumerate() {
            let mut ids: Vec<&str> = c
                .iter()
                .map(|&v| g.node(Csr::node(v)).id.as_str())
                .collect();
            ids.sort_unstable();
            let mut members = ids
                .iter()
                .take(MEMBERS_SHOWN)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if ids.len() > MEMBERS_SHOWN {
                members.push_str(&format!(", … ({} more)", ids.len() - MEMBERS_SHOWN));
            }
            t.push(vec![
                Cell::Int(i as i64 + 1),
                Cell::Int(c.len() as i64),
                Cell::Text(members),
            ]);
        }
        Ok(t)
    }

    fn stats(&self, time: Option<YearSpan>) -> Result<Table, QueryError> {
        let g = &self.graph;
        let mut t = Table::new(&["measure", "value"]);
        let n = g.node_count();
        let kept: Vec<EdgeIndex> = g
            .edge_indices()
            .filter(|e| self.in_time(*e, time))
            .collect();
        t.push(vec![Cell::text("nodes"), Cell::Int(n as i64)]);
        t.push(vec![Cell::text("edges"), Cell::Int(kept.len() as i64)]);
        let mut by_kind: Vec<(NodeKind, i64)> = Vec::new();
        for k in NodeKind::ALL {
            let c = g.node_indices().filter(|ix| g.node(*ix).kind == k).count();
            if c > 0 {
                by_kind.push((k, c as i64));
            }
        }
        for (k, c) in by_kind {
            t.push(vec![Cell::Text(format!("nodes: {k}")), Cell::Int(c)]);
        }
        let mut by_rel: Vec<(&str, i64)> = Vec::new();
        for name in Rel::names() {
            let rel = Rel::parse(name).expect("catalogue names parse");
            let c = kept.iter().filter(|e| g.edge(**e).rel == rel).count();
            if c > 0 {
                by_rel.push((name, c as i64));
            }
        }
        for (r, c) in by_rel {
            t.push(vec![Cell::Text(format!("edges: {r}")), Cell::Int(c)]);
        }
        t.push(vec![
            Cell::text("documents"),
            Cell::Int(g.documents().len() as i64),
        ]);
        let view = Csr::undirected(g, |e| self.in_time(e, time));
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
        let comps = csr::components(&view);
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
                Cell::Int(d as i64),
            ]);
        }
        Ok(t)
    }

    /// Exact diameter of one component (see `csr::diameter`), stopping on Ctrl-C.
    fn diameter(&self, view: &Csr, members: &[u32]) -> Result<u32, QueryError> {
        let cancelled = || self.cancel.load(Ordering::Relaxed);
        csr::diameter(view, members, &cancelled).ok_or_else(QueryError::interrupted)
    }

    fn open(&mut self, path: &str, span: &Span) -> Result<Table, QueryError> {
        match clustergraph_core::open(std::path::Path::new(path)) {
            Ok(g) => {
                let msg = format!(
                    "opened {path}: {} nodes, {} edges",
                    g.node_count(),
                    g.edge_count()
                );
                self.graph = g;
                Ok(Table::default().with_message(msg))
            }
            Err(e) => Err(QueryError::new(
                span.clone(),
                format!("cannot open `{path}`; the graph in use is unchanged"),
            )
            .label("here")
            .help(e.render(false))),
        }
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
    let (source, quote) = match edge.provenance.first() {
        Some(p) => (Cell::text(&g.document(p.doc).key), Cell::text(&p.quote)),
        None => (Cell::Null, Cell::Null),
    };
    let mut row = vec![
        Cell::Int(i as i64),
        Cell::Node(NodeCell::of(g, from)),
        Cell::Text(arrow(g, s)),
        Cell::Node(NodeCell::of(g, s.to)),
        Cell::opt_text(edge.date.map(|d| d.to_string())),
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
) -> Result<Vec<Vec<NodeIndex>>, QueryError> {
    let g = &s.graph;
    // Number the nodes by id rank, so that comparing node numbers compares ids.
    let mut by_id: Vec<NodeIndex> = g.node_indices().collect();
    by_id.sort_by(|x, y| g.node(*x).id.cmp(&g.node(*y).id));
    let mut rank = vec![0u32; g.node_count()];
    for (r, ix) in by_id.iter().enumerate() {
        rank[ix.index()] = r as u32;
    }
    let view = Csr::from_pairs(
        g.node_count(),
        g.edge_indices()
            .filter(|e| s.in_time(*e, time))
            .flat_map(|e| {
                let (u, v) = g.endpoints(e);
                let (u, v) = (rank[u.index()], rank[v.index()]);
                [(u, v), (v, u)]
            }),
    );
    let adj: Vec<Vec<u32>> = (0..g.node_count() as u32)
        .map(|v| view.neighbours(v).to_vec())
        .collect();
    let cancelled = || s.cancel.load(Ordering::Relaxed);
    let paths = clustergraph_core::yen::k_shortest_simple_paths(
        &adj,
        rank[a.index()],
        rank[b.index()],
        k,
        max_len,
        &cancelled,
    )
    .map_err(|_| QueryError::interrupted())?;
    Ok(paths
        .into_iter()
        .map(|p| p.into_iter().map(|r| by_id[r as usize]).collect())
        .collect())
}

fn help(topic: Option<&str>) -> Table {
    match topic.and_then(lookup) {
        Some(h) => {
            let mut t = Table::new(&["item", "text"]);
            t.push(vec![Cell::text("syntax"), Cell::text(h.syntax)]);
            t.push(vec![Cell::text("answers"), Cell::text(h.summary)]);
            for (opt, meaning) in h.options {
                t.push(vec![Cell::text(*opt), Cell::text(*meaning)]);
            }
            t.push(vec![Cell::text("example"), Cell::text(h.example)]);
            t
        }
        None => {
            let mut t = Table::new(&["statement", "syntax", "answers"]);
            for h in HELP {
                t.push(vec![
                    Cell::text(h.name),
                    Cell::text(h.syntax),
                    Cell::text(h.summary),
                ]);
            }
            t.with_message(format!(
                "NODE is an id, a name or an alias, bare or in double quotes; `help STATEMENT` shows options and an example.\nNot in this build yet: {}.",
                crate::lexer::UNAVAILABLE.join(", ")
            ))
        }
    }
}
