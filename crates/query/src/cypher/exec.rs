//! Runs a compiled query on a graph: each `MATCH` clause by its plan, depth first over the
//! adjacency's incidence lists (types, directions and dates read from its arrays), rows
//! counted against the row limit and the cancellation flag polled as it goes; then each
//! projection (grouping, aggregates, `DISTINCT`, `ORDER BY`, `SKIP`, `LIMIT`).

use std::cmp::Ordering;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use clustergraph_core::names::fold;
use clustergraph_core::{
    Adjacency, EdgeIndex, Incidence, KnowledgeGraph, NodeIndex, Unresolved, Value,
};

use super::ast::{Arrow, BinOp};
use super::compile::{CExpr, Func, Hop, MatchC, NodeOcc, Program};
use super::plan::{plan, Op, Source, Stats};
use super::project::Projector;
use super::value::{from_truth, truth, Val};
use crate::ast::Span;
use crate::error::ExecError;
use crate::table::{Cell, EdgeCell, NodeCell, Table};
use crate::time::TimeFilter;

type Row = Vec<Val>;

/// What a query runs against, and its bounds.
pub(crate) struct Ctx<'a> {
    pub g: &'a KnowledgeGraph,
    pub adj: &'a Adjacency,
    pub time: Option<TimeFilter>,
    pub cancel: &'a AtomicBool,
    /// The graph's counts, for the planner.
    pub stats: &'a Stats,
    /// The most rows a clause may hold (`set rows N`).
    pub max_rows: usize,
    /// The statement, for errors.
    pub span: Span,
}

/// How often (in steps) the cancellation flag is read.
const POLL: u32 = 4096;

/// A query running: its context, how many steps it has taken (to poll the cancellation
/// flag), and whether the projection being fed has all the rows it needs.
pub(crate) struct Run<'a, 'c> {
    ctx: &'c Ctx<'a>,
    ticks: u32,
    pub enough: bool,
}

/// Where a clause's rows go: the next clause's input, or the projection.
type Sink<'s> = dyn FnMut(&mut Run, &Row) -> Result<(), ExecError> + 's;

impl Ctx<'_> {
    /// Runs `program` into a table of its last projection's columns.
    pub fn run(&self, program: &Program) -> Result<Table, ExecError> {
        let stats = self.stats;
        let mut run = Run {
            ctx: self,
            ticks: 0,
            enough: false,
        };
        let mut rows: Vec<Row> = vec![Vec::new()];
        let mut names: &[String] = &[];
        let mut width_in = 0;
        for stage in &program.stages {
            let width = stage.names.len();
            for r in &mut rows {
                r.resize(width, Val::Null);
            }
            let mut bound: Vec<bool> = (0..width).map(|s| s < width_in).collect();
            let mut projector = Projector::new(&stage.proj);
            let last = stage.matches.len();
            for (i, m) in stage.matches.iter().enumerate() {
                let ops: Vec<Op> = plan(m, &bound, stats).into_iter().map(|(o, _)| o).collect();
                let input = std::mem::take(&mut rows);
                if i + 1 == last {
                    run.clause(m, &ops, &bound, input, &mut |run, row| {
                        projector.add(run, row)
                    })?;
                } else {
                    let mut next = Vec::new();
                    run.clause(m, &ops, &bound, input, &mut |run, row| {
                        run.push(&mut next, row.clone())
                    })?;
                    rows = next;
                }
                for &s in &m.new_slots {
                    bound[s] = true;
                }
            }
            if last == 0 {
                for row in std::mem::take(&mut rows) {
                    projector.add(&mut run, &row)?;
                    if run.enough {
                        break;
                    }
                }
            }
            rows = projector.finish(&mut run)?;
            run.enough = false;
            names = &stage.proj.names;
            width_in = names.len();
        }
        let columns: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut t = Table::new(&columns);
        t.reserve(rows.len());
        let empty = rows.is_empty();
        for r in rows {
            t.push(r.iter().map(|v| self.cell(v)).collect());
        }
        if empty {
            t.set_message("no rows: nothing matches the pattern");
        }
        Ok(t)
    }

    /// `explain`: each stage's plan, a row a step.
    pub fn explain(&self, program: &Program) -> Table {
        let stats = self.stats;
        let mut t = Table::new(&["step", "operation", "estimate"]);
        let mut width_in = 0;
        let mut step = 0;
        let mut push = |t: &mut Table, op: String, estimate: Option<usize>| {
            step += 1;
            t.push(vec![
                Cell::Int(step),
                Cell::Text(op),
                estimate.map_or(Cell::Null, |e| Cell::Int(e as i64)),
            ]);
        };
        for stage in &program.stages {
            let names = &stage.names;
            let name = |s: usize| -> String {
                let n = &names[s];
                if n.starts_with(' ') {
                    format!("_{}", n.trim())
                } else {
                    n.clone()
                }
            };
            let mut bound: Vec<bool> = (0..names.len()).map(|s| s < width_in).collect();
            for m in &stage.matches {
                let head = if m.optional {
                    "optional match"
                } else {
                    "match"
                };
                push(
                    &mut t,
                    format!("{head}: {} pattern parts", m.nodes.len() + m.hops.len()),
                    None,
                );
                for (op, estimate) in plan(m, &bound, stats) {
                    let text = match op {
                        Op::Scan { slot, source } => {
                            bound[slot] = true;
                            format!(
                                "scan ({}) {}",
                                name(slot),
                                match source {
                                    Source::Id(id) => format!("by id {id:?}"),
                                    Source::Name(n) => format!("by name {n:?}"),
                                    Source::Kind(k) => format!("by kind {k}"),
                                    Source::Rel { types, out } => format!(
                                        "at the {} of the edges of type {}",
                                        if out { "start" } else { "end" },
                                        types
                                            .iter()
                                            .map(|r| r.as_str())
                                            .collect::<Vec<_>>()
                                            .join("|")
                                    ),
                                    Source::All => "every node".into(),
                                }
                            )
                        }
                        Op::Check { occ } => {
                            let o = &m.nodes[occ];
                            let mut parts = Vec::new();
                            if let Some(k) = o.kind {
                                parts.push(format!("kind {k}"));
                            }
                            for (k, _) in &o.props {
                                parts.push(format!("property {k}"));
                            }
                            format!("check ({}): {}", name(o.slot), parts.join(", "))
                        }
                        Op::Expand { hop, reverse } => {
                            let h = &m.hops[hop];
                            let (a, b) = if reverse {
                                (h.to, h.from)
                            } else {
                                (h.from, h.to)
                            };
                            let target = if bound[b] { "check" } else { "bind" };
                            let types = if h.types.is_empty() {
                                "any type".to_string()
                            } else {
                                h.types
                                    .iter()
                                    .map(|r| r.as_str())
                                    .collect::<Vec<_>>()
                                    .join("|")
                            };
                            let length = match h.length {
                                Some((lo, hi)) => format!(", {lo} to {hi} steps"),
                                None => String::new(),
                            };
                            let dir = match (h.arrow, reverse) {
                                (Arrow::Either, _) => "either way",
                                (Arrow::Right, false) | (Arrow::Left, true) => "outgoing",
                                _ => "incoming",
                            };
                            bound[b] = true;
                            format!(
                                "expand ({}) to ({}) [{}] over {types}, {dir}{length}; {target} ({})",
                                name(a),
                                name(b),
                                name(h.slot),
                                name(b)
                            )
                        }
                        Op::Filter { conjuncts } => format!(
                            "filter {}",
                            conjuncts
                                .iter()
                                .map(|&c| m.conjuncts[c].text.clone())
                                .collect::<Vec<_>>()
                                .join(" AND ")
                        ),
                    };
                    push(&mut t, text, estimate);
                }
                for &s in &m.new_slots {
                    bound[s] = true;
                }
            }
            let p = &stage.proj;
            let mut what = format!("project {}", p.names.join(", "));
            if p.grouped {
                let keys = p
                    .items
                    .iter()
                    .zip(&p.names)
                    .filter(|(e, _)| !has_agg(e))
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>();
                what.push_str(&format!(
                    "; {} aggregate{} grouped by {}",
                    p.aggs.len(),
                    if p.aggs.len() == 1 { "" } else { "s" },
                    if keys.is_empty() {
                        "nothing (one row)".to_string()
                    } else {
                        keys.join(", ")
                    }
                ));
            }
            if p.distinct {
                what.push_str("; distinct");
            }
            if !p.order.is_empty() {
                what.push_str(&format!("; order by {} keys", p.order.len()));
            }
            if let Some(s) = p.skip {
                what.push_str(&format!("; skip {s}"));
            }
            if let Some(l) = p.limit {
                what.push_str(&format!("; limit {l}"));
            }
            if p.filter.is_some() {
                what.push_str("; then filter");
            }
            push(&mut t, what, None);
            width_in = p.names.len();
        }
        let time = self
            .time
            .map(|t| format!("; edges {t}"))
            .unwrap_or_default();
        t.with_message(format!(
            "the plan on this graph ({} nodes, {} edges){time}; each part starts at its most selective node, and grows by relationships from what is bound",
            self.g.node_count(),
            self.g.edge_count()
        ))
    }

    fn cell(&self, v: &Val) -> Cell {
        match v {
            Val::Null => Cell::Null,
            Val::Bool(b) => Cell::Bool(*b),
            Val::Int(i) => Cell::Int(*i),
            Val::Float(x) => Cell::Float(*x),
            Val::Str(s) => Cell::Text(s.to_string()),
            Val::List(l) => Cell::List(l.iter().map(|v| self.cell(v)).collect()),
            Val::Node(n) => Cell::Node(NodeCell::of(self.g, *n)),
            Val::Edge(e) => {
                let (a, b) = self.g.endpoints(*e);
                Cell::Edge(EdgeCell {
                    from: NodeCell::of(self.g, a),
                    rel: self.g.edge(*e).rel.as_str(),
                    to: NodeCell::of(self.g, b),
                    date: self.g.edge(*e).date().map(|d| d.to_string()),
                    evidence: crate::exec::citations(self.g, &[*e], a, b),
                })
            }
        }
    }

    fn node_order(&self) -> impl Fn(NodeIndex, NodeIndex) -> Ordering + '_ {
        let order = self.adj.order();
        move |a, b| order.rank(a).cmp(&order.rank(b))
    }
}

pub(crate) fn has_agg(e: &CExpr) -> bool {
    match e {
        CExpr::Agg(_) => true,
        CExpr::Lit(_) | CExpr::Slot(_) => false,
        CExpr::Prop(e, _)
        | CExpr::Not(e)
        | CExpr::Neg(e)
        | CExpr::IsNull(e, _)
        | CExpr::HasLabel(e, _) => has_agg(e),
        CExpr::List(l) | CExpr::Call(_, l) => l.iter().any(has_agg),
        CExpr::Bin(_, a, b, _) => has_agg(a) || has_agg(b),
    }
}

/// Which incidences a hop follows from the end it starts at: `Some(true)` the edges that
/// leave it, `Some(false)` those that enter it, `None` both.
fn forward(h: &Hop, reverse: bool) -> Option<bool> {
    match (h.arrow, reverse) {
        (Arrow::Either, _) => None,
        (Arrow::Right, false) | (Arrow::Left, true) => Some(true),
        _ => Some(false),
    }
}

impl Run<'_, '_> {
    fn tick(&mut self) -> Result<(), ExecError> {
        self.ticks += 1;
        if self.ticks % POLL == 0 && self.ctx.cancel.load(AtomicOrdering::Relaxed) {
            return Err(ExecError::Interrupted);
        }
        Ok(())
    }

    fn degree(&self, n: NodeIndex) -> u32 {
        self.ctx.stats.degree(n)
    }

    pub fn max_rows(&self) -> usize {
        self.ctx.max_rows
    }

    pub fn span(&self) -> Span {
        self.ctx.span.clone()
    }

    pub fn node_order(&self) -> impl Fn(NodeIndex, NodeIndex) -> Ordering + '_ {
        self.ctx.node_order()
    }

    pub fn too_many(&self) -> ExecError {
        let n = self.ctx.max_rows;
        ExecError::Refused {
            message: format!("the query passed the row limit ({n} intermediate rows) and stopped"),
            span: self.ctx.span.clone(),
            help: format!(
                "narrow the pattern (a label, a name, a relationship type, a time filter), or raise the limit with `set rows {}`",
                n.saturating_mul(10)
            ),
        }
    }

    /// The rows of one `MATCH` clause for every input row.
    fn clause(
        &mut self,
        m: &MatchC,
        ops: &[Op],
        bound_before: &[bool],
        rows: Vec<Row>,
        sink: &mut Sink,
    ) -> Result<(), ExecError> {
        // Scans do not depend on the row: their nodes are listed once.
        let mut scans: Vec<Vec<NodeIndex>> = Vec::with_capacity(ops.len());
        let mut targets: Vec<bool> = Vec::with_capacity(ops.len());
        let mut bound = bound_before.to_vec();
        for op in ops {
            match op {
                Op::Scan { slot, source } => {
                    scans.push(self.scan(source)?);
                    bound[*slot] = true;
                    targets.push(false);
                }
                Op::Expand { hop, reverse } => {
                    let h = &m.hops[*hop];
                    let b = if *reverse { h.from } else { h.to };
                    targets.push(bound[b]);
                    bound[b] = true;
                    scans.push(Vec::new());
                }
                _ => {
                    scans.push(Vec::new());
                    targets.push(false);
                }
            }
        }
        let mut used = Vec::new();
        for mut row in rows {
            let mut walk = Walk {
                m,
                ops,
                scans: &scans,
                targets: &targets,
                sink: &mut *sink,
                found: 0,
            };
            walk.step(self, 0, &mut row, &mut used)?;
            let found = walk.found;
            if m.optional && found == 0 {
                sink(self, &row)?;
            }
            if self.enough {
                break;
            }
        }
        Ok(())
    }

    /// Adds a row to a clause's output, within the row limit.
    fn push(&mut self, out: &mut Vec<Row>, row: Row) -> Result<(), ExecError> {
        if out.len() >= self.ctx.max_rows {
            return Err(self.too_many());
        }
        out.push(row);
        Ok(())
    }

    fn scan(&mut self, source: &Source) -> Result<Vec<NodeIndex>, ExecError> {
        let g = self.ctx.g;
        let adj = self.ctx.adj;
        Ok(match source {
            Source::Id(id) => g.by_id(id).into_iter().collect(),
            Source::Name(name) => {
                let key = fold(name);
                let mut list = match g.resolve(name) {
                    Ok(ix) => vec![ix],
                    Err(Unresolved::Ambiguous(c)) => c.into_iter().map(|c| c.node).collect(),
                    Err(Unresolved::Unknown(_)) => Vec::new(),
                };
                list.retain(|&ix| fold(g.node(ix).name) == key);
                list.sort_by_key(|&ix| adj.order().rank(ix));
                list
            }
            Source::Kind(k) => {
                let mut list = Vec::new();
                for &ix in adj.order().by_rank() {
                    self.tick()?;
                    if g.node(ix).kind == *k {
                        list.push(ix);
                    }
                }
                list
            }
            Source::Rel { types, out } => {
                let mut seen = vec![false; g.node_count()];
                for e in g.edge_indices() {
                    self.tick()?;
                    if types.contains(&adj.rel(e)) && self.in_time(e) {
                        let (a, b) = adj.endpoints(e);
                        seen[if *out { a } else { b }.index()] = true;
                    }
                }
                adj.order()
                    .by_rank()
                    .iter()
                    .copied()
                    .filter(|ix| seen[ix.index()])
                    .collect()
            }
            Source::All => adj.order().by_rank().to_vec(),
        })
    }

    fn in_time(&self, e: EdgeIndex) -> bool {
        self.ctx.time.is_none_or(|t| t.admits(self.ctx.adj.when(e)))
    }

    /// Whether the node in `row` at the pattern's slot has its kind and properties.
    fn node_ok(&mut self, occ: &NodeOcc, row: &Row) -> Result<bool, ExecError> {
        let Val::Node(n) = row[occ.slot] else {
            return Ok(false);
        };
        let node = self.ctx.g.node(n);
        if occ.kind.is_some_and(|k| k != node.kind) {
            return Ok(false);
        }
        for (key, want) in &occ.props {
            let want = self.eval(want, row, &[])?;
            let ok = match (key.as_str(), &want) {
                // Names are matched as every statement matches them.
                ("name", Val::Str(s)) => fold(node.name) == fold(s),
                _ => self.prop(&Val::Node(n), key).equals(&want) == Some(true),
            };
            if !ok {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn edge_ok(&mut self, h: &Hop, e: EdgeIndex, row: &Row) -> Result<bool, ExecError> {
        if !h.types.is_empty() && !h.types.contains(&self.ctx.adj.rel(e)) {
            return Ok(false);
        }
        if !self.in_time(e) {
            return Ok(false);
        }
        for (key, want) in &h.props {
            let want = self.eval(want, row, &[])?;
            if self.prop(&Val::Edge(e), key).equals(&want) != Some(true) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// A property of a node or an edge; NULL when it has none.
    fn prop(&self, v: &Val, key: &str) -> Val {
        let g = self.ctx.g;
        let attr = |a: Option<&Value>| match a {
            Some(Value::Str(s)) => Val::Str(s.as_str().into()),
            Some(Value::Int(i)) => Val::Int(*i),
            Some(Value::Float(x)) => Val::Float(*x),
            Some(Value::Bool(b)) => Val::Bool(*b),
            None => Val::Null,
        };
        match v {
            Val::Node(n) => {
                let node = g.node(*n);
                match key {
                    "id" => Val::Str(node.id.clone()),
                    "name" => Val::Str(node.name.clone()),
                    "kind" => Val::Str(node.kind.as_str().into()),
                    "aliases" => Val::List(
                        node.aliases
                            .iter()
                            .map(|a| Val::Str(a.as_str().into()))
                            .collect(),
                    ),
                    _ => attr(node.attrs.get(key)),
                }
            }
            Val::Edge(e) => {
                let edge = g.edge(*e);
                match key {
                    "date" => edge
                        .date()
                        .map_or(Val::Null, |d| Val::Str(d.to_string().into())),
                    _ => attr(edge.attrs().get(key)),
                }
            }
            _ => Val::Null,
        }
    }

    pub fn eval(&mut self, e: &CExpr, row: &Row, aggs: &[Val]) -> Result<Val, ExecError> {
        Ok(match e {
            CExpr::Lit(v) => v.clone(),
            CExpr::Slot(s) => row.get(*s).cloned().unwrap_or(Val::Null),
            CExpr::Agg(i) => aggs.get(*i).cloned().unwrap_or(Val::Null),
            CExpr::Prop(e, k) => {
                let v = self.eval(e, row, aggs)?;
                self.prop(&v, k)
            }
            CExpr::List(l) => Val::List(
                l.iter()
                    .map(|e| self.eval(e, row, aggs))
                    .collect::<Result<_, _>>()?,
            ),
            CExpr::Not(e) => from_truth(truth(&self.eval(e, row, aggs)?).map(|b| !b)),
            CExpr::Neg(e) => match self.eval(e, row, aggs)? {
                Val::Int(i) => i
                    .checked_neg()
                    .map(Val::Int)
                    .ok_or_else(|| self.overflow(&None))?,
                Val::Float(x) => Val::Float(-x),
                _ => Val::Null,
            },
            CExpr::HasLabel(e, k) => match self.eval(e, row, aggs)? {
                Val::Node(n) => Val::Bool(self.ctx.g.node(n).kind == *k),
                _ => Val::Null,
            },
            CExpr::IsNull(e, negated) => Val::Bool(self.eval(e, row, aggs)?.is_null() != *negated),
            CExpr::Bin(op, a, b, span) => {
                let x = self.eval(a, row, aggs)?;
                // AND and OR decide on one side when they can (NULL AND false is false).
                match op {
                    BinOp::And if truth(&x) == Some(false) => return Ok(Val::Bool(false)),
                    BinOp::Or if truth(&x) == Some(true) => return Ok(Val::Bool(true)),
                    _ => {}
                }
                let y = self.eval(b, row, aggs)?;
                self.binary(*op, x, y, span)?
            }
            CExpr::Call(f, args) => {
                let vals: Vec<Val> = args
                    .iter()
                    .map(|e| self.eval(e, row, aggs))
                    .collect::<Result<_, _>>()?;
                self.call(*f, vals)
            }
        })
    }

    fn overflow(&self, span: &Option<Span>) -> ExecError {
        ExecError::InvalidArgument {
            message: "integer overflow".into(),
            span: span.clone().unwrap_or(self.ctx.span.clone()),
        }
    }

    fn binary(&self, op: BinOp, x: Val, y: Val, span: &Span) -> Result<Val, ExecError> {
        use BinOp::*;
        let tx = truth(&x);
        let ty = truth(&y);
        Ok(match op {
            And => from_truth(match (tx, ty) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            }),
            Or => from_truth(match (tx, ty) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            }),
            Xor => from_truth(match (tx, ty) {
                (Some(a), Some(b)) => Some(a != b),
                _ => None,
            }),
            Eq => from_truth(x.equals(&y)),
            Ne => from_truth(x.equals(&y).map(|b| !b)),
            Lt | Le | Gt | Ge => {
                if x.is_null() || y.is_null() {
                    Val::Null
                } else {
                    from_truth(x.compare(&y).map(|o| match op {
                        Lt => o == Ordering::Less,
                        Le => o != Ordering::Greater,
                        Gt => o == Ordering::Greater,
                        _ => o != Ordering::Less,
                    }))
                }
            }
            StartsWith | EndsWith | Contains => match (&x, &y) {
                (Val::Str(a), Val::Str(b)) => Val::Bool(match op {
                    StartsWith => a.starts_with(b.as_str()),
                    EndsWith => a.ends_with(b.as_str()),
                    _ => a.contains(b.as_str()),
                }),
                _ => Val::Null,
            },
            In => match y {
                Val::List(list) => {
                    if x.is_null() {
                        return Ok(if list.is_empty() {
                            Val::Bool(false)
                        } else {
                            Val::Null
                        });
                    }
                    let mut unknown = false;
                    for item in &list {
                        match x.equals(item) {
                            Some(true) => return Ok(Val::Bool(true)),
                            None => unknown = true,
                            Some(false) => {}
                        }
                    }
                    if unknown {
                        Val::Null
                    } else {
                        Val::Bool(false)
                    }
                }
                _ => Val::Null,
            },
            Add | Sub | Mul | Div | Mod => self.arithmetic(op, x, y, span)?,
        })
    }

    fn arithmetic(&self, op: BinOp, x: Val, y: Val, span: &Span) -> Result<Val, ExecError> {
        use BinOp::*;
        let at = Some(span.clone());
        Ok(match (x, y) {
            (Val::Int(a), Val::Int(b)) => {
                let r = match op {
                    Add => a.checked_add(b),
                    Sub => a.checked_sub(b),
                    Mul => a.checked_mul(b),
                    Div | Mod if b == 0 => {
                        return Err(ExecError::InvalidArgument {
                            message: "division by zero".into(),
                            span: span.clone(),
                        })
                    }
                    Div => a.checked_div(b),
                    _ => a.checked_rem(b),
                };
                Val::Int(r.ok_or_else(|| self.overflow(&at))?)
            }
            (Val::Str(a), Val::Str(b)) if op == Add => Val::Str(format!("{a}{b}").into()),
            (Val::List(mut a), Val::List(b)) if op == Add => {
                a.extend(b);
                Val::List(a)
            }
            (x, y) => match (num(&x), num(&y)) {
                (Some(a), Some(b)) => Val::Float(match op {
                    Add => a + b,
                    Sub => a - b,
                    Mul => a * b,
                    Div => a / b,
                    _ => a % b,
                }),
                _ => Val::Null,
            },
        })
    }

    fn call(&self, f: Func, args: Vec<Val>) -> Val {
        let g = self.ctx.g;
        let first = args.first().cloned().unwrap_or(Val::Null);
        match (f, first) {
            (Func::Coalesce, _) => args.into_iter().find(|v| !v.is_null()).unwrap_or(Val::Null),
            (Func::Substring, Val::Str(s)) => {
                // Characters from `start` (0-based), `length` of them or to the end.
                let start = match args.get(1) {
                    Some(Val::Int(i)) if *i >= 0 => *i as usize,
                    _ => return Val::Null,
                };
                let length = match args.get(2) {
                    None => usize::MAX,
                    Some(Val::Int(i)) if *i >= 0 => *i as usize,
                    _ => return Val::Null,
                };
                Val::Str(
                    s.chars()
                        .skip(start)
                        .take(length)
                        .collect::<String>()
                        .into(),
                )
            }
            (Func::Type, Val::Edge(e)) => Val::Str(g.edge(e).rel.as_str().into()),
            (Func::Id, Val::Node(n)) => Val::Str(g.node(n).id.clone()),
            (Func::Id, Val::Edge(e)) => Val::Int(e.index() as i64),
            (Func::Labels, Val::Node(n)) => {
                Val::List(vec![Val::Str(super::parser::label(g.node(n).kind).into())])
            }
            (Func::StartNode, Val::Edge(e)) => Val::Node(g.endpoints(e).0),
            (Func::EndNode, Val::Edge(e)) => Val::Node(g.endpoints(e).1),
            (Func::Size | Func::Length, Val::List(l)) => Val::Int(l.len() as i64),
            (Func::Size | Func::Length, Val::Str(s)) => Val::Int(s.chars().count() as i64),
            (Func::ToLower, Val::Str(s)) => Val::Str(s.to_lowercase().into()),
            (Func::ToUpper, Val::Str(s)) => Val::Str(s.to_uppercase().into()),
            (Func::ToString, Val::Str(s)) => Val::Str(s),
            (Func::ToString, Val::Int(i)) => Val::Str(i.to_string().into()),
            (Func::ToString, Val::Float(x)) => Val::Str(format!("{x:?}").into()),
            (Func::ToString, Val::Bool(b)) => Val::Str(b.to_string().into()),
            _ => Val::Null,
        }
    }
}

fn num(v: &Val) -> Option<f64> {
    match v {
        Val::Int(i) => Some(*i as f64),
        Val::Float(x) => Some(*x),
        _ => None,
    }
}

/// Whether a hop may take incidence `inc` of node `at`: in its direction, an edge the
/// clause has not used. A loop is seen from both its ends; either way, once is enough.
fn free(dir: Option<bool>, inc: &Incidence, at: NodeIndex, used: &[EdgeIndex]) -> bool {
    dir.is_none_or(|f| f == inc.forward)
        && !(dir.is_none() && inc.other == at && !inc.forward)
        && !used.contains(&inc.edge)
}

/// The depth-first matcher of one clause over its plan.
struct Walk<'m> {
    m: &'m MatchC,
    ops: &'m [Op],
    scans: &'m [Vec<NodeIndex>],
    /// For each expand, whether its far end was bound before it (then it is checked).
    targets: &'m [bool],
    sink: &'m mut Sink<'m>,
    /// Rows found for the current input row.
    found: usize,
}

impl Walk<'_> {
    fn step(
        &mut self,
        run: &mut Run,
        i: usize,
        row: &mut Row,
        used: &mut Vec<EdgeIndex>,
    ) -> Result<(), ExecError> {
        run.tick()?;
        if run.enough {
            return Ok(());
        }
        let Some(op) = self.ops.get(i) else {
            self.found += 1;
            return (self.sink)(run, row);
        };
        match op {
            Op::Scan { slot, .. } => {
                for k in 0..self.scans[i].len() {
                    row[*slot] = Val::Node(self.scans[i][k]);
                    self.step(run, i + 1, row, used)?;
                }
                row[*slot] = Val::Null;
            }
            Op::Check { occ } => {
                if run.node_ok(&self.m.nodes[*occ], row)? {
                    self.step(run, i + 1, row, used)?;
                }
            }
            Op::Filter { conjuncts } => {
                for &c in conjuncts {
                    if truth(&run.eval(&self.m.conjuncts[c].expr, row, &[])?) != Some(true) {
                        return Ok(());
                    }
                }
                self.step(run, i + 1, row, used)?;
            }
            Op::Expand { hop, reverse } => {
                let h = &self.m.hops[*hop];
                let (a, b) = if *reverse {
                    (h.to, h.from)
                } else {
                    (h.from, h.to)
                };
                let Val::Node(start) = row[a] else {
                    return Ok(());
                };
                let fixed = self.targets[i];
                match h.length {
                    None => {
                        let target = match (fixed, &row[b]) {
                            (false, _) => None,
                            (true, Val::Node(t)) => Some(*t),
                            (true, _) => return Ok(()),
                        };
                        // Closing a cycle, walk from whichever end has fewer edges.
                        let dir = forward(h, *reverse);
                        let (from, dir) = match target {
                            Some(t) if run.degree(t) < run.degree(start) => (t, dir.map(|f| !f)),
                            _ => (start, dir),
                        };
                        let want = if from == start { target } else { Some(start) };
                        let adj = run.ctx.adj;
                        for inc in adj.incidences(from.index() as u32) {
                            run.tick()?;
                            if !free(dir, &inc, from, used)
                                || want.is_some_and(|w| w != inc.other)
                                || !run.edge_ok(h, inc.edge, row)?
                            {
                                continue;
                            }
                            let reached = if from == start { inc.other } else { from };
                            let old = std::mem::replace(&mut row[b], Val::Node(reached));
                            row[h.slot] = Val::Edge(inc.edge);
                            used.push(inc.edge);
                            let r = self.step(run, i + 1, row, used);
                            used.pop();
                            row[h.slot] = Val::Null;
                            row[b] = old;
                            r?;
                        }
                    }
                    Some((lo, hi)) => {
                        let mut path = Vec::new();
                        self.var_length(
                            run,
                            i,
                            h,
                            *reverse,
                            (a, b),
                            (lo, hi),
                            start,
                            &mut path,
                            row,
                            used,
                        )?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Every trail (no edge twice) of `lo` to `hi` steps from `at`, each continuing the match.
    #[allow(clippy::too_many_arguments)]
    fn var_length(
        &mut self,
        run: &mut Run,
        i: usize,
        h: &Hop,
        reverse: bool,
        (a, b): (usize, usize),
        (lo, hi): (u32, u32),
        at: NodeIndex,
        path: &mut Vec<EdgeIndex>,
        row: &mut Row,
        used: &mut Vec<EdgeIndex>,
    ) -> Result<(), ExecError> {
        let _ = a;
        let depth = path.len() as u32;
        if depth >= lo {
            let fixed = self.targets[i];
            if !fixed || matches!(row[b], Val::Node(n) if n == at) {
                let old = std::mem::replace(&mut row[b], Val::Node(at));
                // The list is in the pattern's order, left to right, whichever end the
                // walk started from.
                let mut list: Vec<Val> = path.iter().map(|&e| Val::Edge(e)).collect();
                if reverse {
                    list.reverse();
                }
                row[h.slot] = Val::List(list);
                // In a list, a path's edges are taken for the rest of the clause.
                let n = used.len();
                used.extend_from_slice(path);
                let r = self.step(run, i + 1, row, used);
                used.truncate(n);
                row[h.slot] = Val::Null;
                row[b] = old;
                r?;
            }
        }
        if depth == hi {
            return Ok(());
        }
        let dir = forward(h, reverse);
        let adj = run.ctx.adj;
        for inc in adj.incidences(at.index() as u32) {
            run.tick()?;
            if !free(dir, &inc, at, used) || path.contains(&inc.edge) {
                continue;
            }
            if !run.edge_ok(h, inc.edge, row)? {
                continue;
            }
            path.push(inc.edge);
            let r = self.var_length(
                run,
                i,
                h,
                reverse,
                (a, b),
                (lo, hi),
                inc.other,
                path,
                row,
                used,
            );
            path.pop();
            r?;
        }
        Ok(())
    }
}
