//! The plan of one `MATCH` clause: the order in which its patterns are bound. Each
//! connected part starts at its most selective node (an id or a name in its property map,
//! then a kind, then an end of its rarest relationship type, then every node), then grows by
//! relationships from what is bound (a relationship whose ends are both bound first, then
//! the rarest type, variable lengths last), so no Cartesian product is built that a
//! relationship could avoid; each node's label and properties are checked as soon as it is
//! bound, and each `WHERE` conjunct as soon as the slots it reads are.

use std::collections::HashMap;

use clustergraph_core::{Adjacency, KnowledgeGraph, NodeKind, Rel};

use super::compile::{CExpr, MatchC};
use super::value::Val;

/// Where a scan finds the nodes of its slot.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Source {
    /// The node with this id.
    Id(String),
    /// The nodes with this name (folded, as every statement matches names).
    Name(String),
    Kind(NodeKind),
    /// The nodes at one end (`out`: the start) of an edge of these types.
    Rel {
        types: Vec<Rel>,
        out: bool,
    },
    All,
}

/// One step of a plan.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    /// Binds `slot` to each node of the source in turn.
    Scan { slot: usize, source: Source },
    /// Checks the label and properties of node pattern `occ` (its slot is bound).
    Check { occ: usize },
    /// Follows hop `hop` from its bound end (`to` when `reverse`) to the other, which is
    /// bound by it or, if bound already, checked.
    Expand { hop: usize, reverse: bool },
    /// Keeps the rows where these conjuncts hold.
    Filter { conjuncts: Vec<usize> },
}

/// What the planner knows of the graph: how many nodes of each kind, edges of each type, and
/// each node's number of incidences (to close a cycle from its smaller end). A session
/// computes it once per graph, on the first pattern query.
#[derive(Debug)]
pub(crate) struct Stats {
    nodes: usize,
    edges: usize,
    kinds: Vec<usize>,
    rels: HashMap<Rel, usize>,
    degrees: Vec<u32>,
}

impl Stats {
    pub fn of(g: &KnowledgeGraph, adj: &Adjacency) -> Stats {
        let mut kinds = vec![0; NodeKind::ALL.len()];
        for ix in g.node_indices() {
            kinds[g.node(ix).kind as usize] += 1;
        }
        let mut rels = HashMap::new();
        for e in g.edge_indices() {
            *rels.entry(adj.rel(e)).or_insert(0) += 1;
        }
        let degrees = (0..g.node_count() as u32)
            .map(|v| adj.incidences(v).count() as u32)
            .collect();
        Stats {
            nodes: g.node_count(),
            edges: g.edge_count(),
            kinds,
            rels,
            degrees,
        }
    }

    /// How many incidences node `n` has.
    pub fn degree(&self, n: clustergraph_core::NodeIndex) -> u32 {
        self.degrees.get(n.index()).copied().unwrap_or(0)
    }

    fn kind(&self, k: NodeKind) -> usize {
        self.kinds[k as usize]
    }

    /// Edges of any of `types` (every edge when there is no type).
    fn rel(&self, types: &[Rel]) -> usize {
        if types.is_empty() {
            self.edges
        } else {
            types
                .iter()
                .map(|r| self.rels.get(r).copied().unwrap_or(0))
                .sum()
        }
    }
}

/// A string literal given for `key` in a node pattern's map.
fn literal<'a>(props: &'a [(String, CExpr)], key: &str) -> Option<&'a str> {
    props.iter().find_map(|(k, v)| match v {
        CExpr::Lit(Val::Str(s)) if k == key => Some(s.as_str()),
        _ => None,
    })
}

/// The plan of clause `m`, given the slots bound before it; with each scan's estimate of
/// rows, for `explain`.
pub(crate) fn plan(m: &MatchC, bound_before: &[bool], stats: &Stats) -> Vec<(Op, Option<usize>)> {
    let mut bound = bound_before.to_vec();
    let mut ops: Vec<(Op, Option<usize>)> = Vec::new();
    let mut checked = vec![false; m.nodes.len()];
    let mut applied = vec![false; m.conjuncts.len()];
    let mut done = vec![false; m.hops.len()];
    settle(m, &bound, &mut checked, &mut applied, &mut ops);
    loop {
        // Grow from what is bound.
        let next = m
            .hops
            .iter()
            .enumerate()
            .filter(|(i, h)| !done[*i] && (bound[h.from] || bound[h.to]))
            .min_by_key(|(_, h)| {
                let both = bound[h.from] && bound[h.to];
                (!both, h.length.is_some(), stats.rel(&h.types))
            })
            .map(|(i, h)| (i, !bound[h.from]));
        if let Some((hop, reverse)) = next {
            done[hop] = true;
            let h = &m.hops[hop];
            bound[if reverse { h.from } else { h.to }] = true;
            ops.push((Op::Expand { hop, reverse }, None));
            settle(m, &bound, &mut checked, &mut applied, &mut ops);
            continue;
        }
        // Or start a new part at its most selective node.
        let start = m
            .nodes
            .iter()
            .filter(|n| !bound[n.slot])
            .map(|n| {
                let (source, estimate) = source(m, n.slot, stats);
                (n.slot, source, estimate)
            })
            // A lookup by id or name first, then the fewest rows.
            .min_by_key(|(_, s, e)| (!matches!(s, Source::Id(_) | Source::Name(_)), *e));
        let Some((slot, source, estimate)) = start else {
            break;
        };
        bound[slot] = true;
        // A scan by kind has checked the kind of the patterns that ask for nothing else.
        if let Source::Kind(k) = source {
            for (i, occ) in m.nodes.iter().enumerate() {
                checked[i] |= occ.slot == slot && occ.kind == Some(k) && occ.props.is_empty();
            }
        }
        ops.push((Op::Scan { slot, source }, Some(estimate)));
        settle(m, &bound, &mut checked, &mut applied, &mut ops);
    }
    // Conjuncts that read nothing the clause binds nor anything bound (constants).
    let rest: Vec<usize> = (0..m.conjuncts.len()).filter(|&i| !applied[i]).collect();
    if !rest.is_empty() {
        ops.push((Op::Filter { conjuncts: rest }, None));
    }
    ops
}

/// The best source of the nodes of `slot`, and how many it gives.
fn source(m: &MatchC, slot: usize, stats: &Stats) -> (Source, usize) {
    let mut best = (Source::All, stats.nodes);
    let mut consider = |s: Source, n: usize| {
        if n < best.1 {
            best = (s, n);
        }
    };
    for occ in m.nodes.iter().filter(|n| n.slot == slot) {
        if let Some(id) = literal(&occ.props, "id") {
            consider(Source::Id(id.to_string()), 1);
        }
        if let Some(name) = literal(&occ.props, "name") {
            consider(Source::Name(name.to_string()), 2);
        }
        if let Some(k) = occ.kind {
            consider(Source::Kind(k), stats.kind(k));
        }
    }
    // `WHERE v.id = "x"` (or `v.name`): a lookup too; the conjunct is still applied.
    for c in &m.conjuncts {
        match equality(&c.expr, slot) {
            Some(("id", value)) => consider(Source::Id(value.to_string()), 1),
            Some(("name", value)) => consider(Source::Name(value.to_string()), 2),
            _ => {}
        }
    }
    for h in m
        .hops
        .iter()
        .filter(|h| !h.types.is_empty() && h.length.is_none())
    {
        use super::ast::Arrow;
        // The start of a `->` is an edge's source; either end of a `-` could be both.
        let out = match (h.arrow, h.from == slot, h.to == slot) {
            (Arrow::Either, _, _) | (_, true, true) => continue,
            (Arrow::Right, true, _) | (Arrow::Left, _, true) => true,
            (Arrow::Right, _, true) | (Arrow::Left, true, _) => false,
            _ => continue,
        };
        consider(
            Source::Rel {
                types: h.types.clone(),
                out,
            },
            stats.rel(&h.types),
        );
    }
    best
}

/// `slot.key = "text"` (either way round): the key and the text.
fn equality(e: &CExpr, slot: usize) -> Option<(&str, &str)> {
    let CExpr::Bin(super::ast::BinOp::Eq, a, b, _) = e else {
        return None;
    };
    prop_equals(a, b, slot).or_else(|| prop_equals(b, a, slot))
}

fn prop_equals<'e>(x: &'e CExpr, y: &'e CExpr, slot: usize) -> Option<(&'e str, &'e str)> {
    match (x, y) {
        (CExpr::Prop(v, key), CExpr::Lit(Val::Str(text))) if matches!(**v, CExpr::Slot(s) if s == slot) => {
            Some((key.as_str(), text.as_str()))
        }
        _ => None,
    }
}

/// After a slot is bound: the checks of the node patterns now bound, and the conjuncts whose
/// slots are all bound.
fn settle(
    m: &MatchC,
    bound: &[bool],
    checked: &mut [bool],
    applied: &mut [bool],
    ops: &mut Vec<(Op, Option<usize>)>,
) {
    for (i, occ) in m.nodes.iter().enumerate() {
        let trivial = occ.kind.is_none() && occ.props.is_empty();
        if !checked[i] && bound[occ.slot] {
            checked[i] = true;
            let props_ready = occ.props.iter().all(|(_, v)| {
                let mut s = Vec::new();
                super::compile::slots_of(v, &mut s);
                s.iter().all(|&x| bound[x])
            });
            if !trivial && props_ready {
                ops.push((Op::Check { occ: i }, None));
            } else if !trivial {
                // A map that reads a slot bound later is checked as a conjunct would be: at
                // the end, when everything is bound.
                checked[i] = false;
            }
        }
    }
    let ready: Vec<usize> = m
        .conjuncts
        .iter()
        .enumerate()
        .filter(|(i, c)| !applied[*i] && c.slots.iter().all(|&s| bound[s]))
        .map(|(i, _)| i)
        .collect();
    for &i in &ready {
        applied[i] = true;
    }
    if !ready.is_empty() {
        ops.push((Op::Filter { conjuncts: ready }, None));
    }
}
