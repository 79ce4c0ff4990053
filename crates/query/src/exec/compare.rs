//! `compare STATEMENT in T1 vs T2` and `diff in T1 vs T2`: the graph at two times, and what
//! changed. Each time is computed once (one run of the statement's work on that time's view)
//! and both are read side by side; the header says how undated edges were read.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use clustergraph_core::{algo, Csr, EdgeIndex, NodeIndex, View};

use super::analytics::{algo_error, descending_key, not_converged, CentralityQuery};
use super::evidence;
use super::projection::{describe, spread};
use super::Session;
use crate::ast::{ChangeOrder, CommunityMethod, Metric, Projection, Query, Span, Statement};
use crate::error::ExecError;
use crate::table::{Cell, Citation, NodeCell, Table};
use crate::time::{undated_rule, TimeFilter, Times};

/// A metric's scores at one time, over the graph's nodes (NaN for a node outside a
/// projection), and which nodes have an edge in the view the metric ran on.
pub(super) struct Scored {
    pub scores: Vec<f64>,
    pub present: Vec<bool>,
}

/// A partition at one time: each graph node's community, numbered from 0 by size (largest
/// first, ties by smallest id), among the nodes with an edge then; `u32::MAX` for the others.
struct Communities {
    labels: Vec<u32>,
    /// Each community's members, in id order.
    members: Vec<Vec<u32>>,
}

impl Session {
    pub(super) fn compare(
        &mut self,
        statement: &Statement,
        times: &Times,
        by: ChangeOrder,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let mut t = match statement {
            Statement::Stats => self.compare_stats(times)?,
            Statement::Centrality { .. } => {
                let q = CentralityQuery::of(statement).expect("a centrality statement");
                self.compare_centrality(&q, times, by, span)?
            }
            Statement::Communities {
                method,
                seed,
                resolution,
                over,
            } => {
                let how = CommunityQuery {
                    method: *method,
                    seed: *seed,
                    resolution: *resolution,
                };
                self.compare_communities(&how, over.as_ref(), times, span)?
            }
            Statement::Neighbours { .. } => self.compare_neighbours(statement, times, span)?,
            other => {
                return Err(ExecError::Refused {
                    message: format!("`compare` does not compare `{}`", other.kind().keyword()),
                    span: span.clone(),
                    help: "compare `stats`, `centrality`, `communities` or `neighbours`".into(),
                })
            }
        };
        let header = match t.message() {
            Some(m) => format!("{m}\n{}", self.undated(times.strict)),
            None => self.undated(times.strict),
        };
        t.set_message(header);
        Ok(t)
    }

    /// The header's sentence on undated edges, counted in the graph in use.
    pub(super) fn undated(&self, strict: bool) -> String {
        let edges = self.adj.edge_count();
        let undated = (0..edges)
            .filter(|&e| self.adj.when(EdgeIndex::new(e)).is_none())
            .count();
        undated_rule(undated, edges, strict)
    }

    /// `statement` at one time, as the statement alone gives it.
    pub(super) fn run_at(
        &mut self,
        statement: &Statement,
        time: TimeFilter,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let q = Query {
            statement: statement.clone(),
            time: Some(time),
            limit: None,
            span: span.clone(),
        };
        Ok(self.execute(&q)?.into_table())
    }

    /// How many nodes have an edge in the undirected simple view at `time`.
    pub(super) fn with_an_edge(&self, time: TimeFilter) -> usize {
        let view = self.undirected(Some(time));
        (0..view.node_count() as u32)
            .filter(|&v| view.degree(v) > 0)
            .count()
    }

    /// `stats`'s measures at `time`, and how many nodes have an edge then (after `nodes`).
    pub(super) fn measures_at(&self, time: TimeFilter) -> Result<Vec<(String, Cell)>, ExecError> {
        let t = self.stats(Some(time))?;
        let mut rows: Vec<(String, Cell)> = t
            .rows()
            .iter()
            .filter_map(|r| match &r[0] {
                Cell::Text(m) => Some((m.clone(), r[1].clone())),
                _ => None,
            })
            .collect();
        let edged = Cell::Int(self.with_an_edge(time) as i64);
        rows.insert(1.min(rows.len()), (WITH_AN_EDGE.to_string(), edged));
        Ok(rows)
    }

    /// `compare stats`: each measure at both times and its change.
    fn compare_stats(&self, times: &Times) -> Result<Table, ExecError> {
        let filters = times.filters();
        let mut measures: Vec<(String, [Cell; 2])> = Vec::new();
        for (i, &time) in filters.iter().enumerate() {
            let mut after = 0;
            for (m, value) in self.measures_at(time)? {
                after = match measures.iter().position(|(name, _)| *name == m) {
                    Some(at) => {
                        measures[at].1[i] = value;
                        at + 1
                    }
                    // A measure of the second time only goes after the one before it there.
                    None => {
                        let mut cells = [absent(&m), absent(&m)];
                        cells[i] = value;
                        measures.insert(after, (m, cells));
                        after + 1
                    }
                };
            }
        }
        let (a, b) = (times.first.to_string(), times.second.to_string());
        let mut t = Table::new(&["measure", &a, &b, "change"]);
        for (m, [x, y]) in measures {
            let change = difference(&x, &y);
            t.push(vec![Cell::Text(m), x, y, change]);
        }
        t.set_message(format!(
            "stats {times}, each measure at both times and its change (second minus first); {}",
            self.source
                .as_deref()
                .map_or(String::new(), |s| format!("graph in use: {s}"))
        ));
        Ok(t)
    }

    /// A metric's scores at `time`, and which nodes have an edge in the view it ran on.
    pub(super) fn scored(
        &self,
        q: &CentralityQuery<'_>,
        time: TimeFilter,
        span: &Span,
    ) -> Result<Scored, ExecError> {
        let time = Some(time);
        let n = self.graph.node_count();
        let sample = q.sample.map(|k| (k, q.seed.unwrap_or(0)));
        let fail = |e| not_converged(e, q.metric, q.directed, span);
        let degree_of = |c: &Csr| -> Vec<bool> {
            (0..c.node_count() as u32)
                .map(|v| c.degree(v) > 0)
                .collect()
        };
        let scored = if let Some(over) = q.over {
            let p = self.projection(over, time, span)?;
            let scores = self
                .scores(View::Undirected(&p.csr), q.metric, sample)
                .map_err(fail)?;
            Scored {
                scores: spread(&p, &scores, n, f64::NAN),
                present: spread(&p, &degree_of(&p.csr), n, false),
            }
        } else if q.directed {
            let (out, inn) = self.directed(time);
            let scores = self
                .scores(
                    View::Directed {
                        out: &out,
                        inn: &inn,
                    },
                    q.metric,
                    sample,
                )
                .map_err(fail)?;
            let present = (0..n as u32)
                .map(|v| out.degree(v) + inn.degree(v) > 0)
                .collect();
            Scored { scores, present }
        } else {
            let view = self.undirected(time);
            let scores = self
                .scores(View::Undirected(&view), q.metric, sample)
                .map_err(fail)?;
            Scored {
                scores,
                present: degree_of(&view),
            }
        };
        self.check_cancel()?;
        Ok(scored)
    }

    /// Each node's rank (1 the highest score, ties by id) among the nodes with an edge that
    /// `keep` keeps; 0 for the others.
    pub(super) fn ranks(&self, s: &Scored, keep: impl Fn(usize) -> bool) -> Vec<u32> {
        let id_rank = self.order().ranks();
        let mut keys: Vec<(u64, u32, u32)> = (0..s.scores.len())
            .filter(|&v| s.present[v] && keep(v))
            .map(|v| (descending_key(s.scores[v]), id_rank[v], v as u32))
            .collect();
        keys.sort_unstable();
        let mut rank = vec![0u32; s.scores.len()];
        for (i, &(_, _, v)) in keys.iter().enumerate() {
            rank[v as usize] = i as u32 + 1;
        }
        rank
    }

    /// `compare centrality`: each node's score and rank at both times and their changes,
    /// the largest change (either way, or `by rise`, `by fall`) first.
    fn compare_centrality(
        &self,
        q: &CentralityQuery<'_>,
        times: &Times,
        by: ChangeOrder,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let [ta, tb] = times.filters();
        let (sa, sb) = (self.scored(q, ta, span)?, self.scored(q, tb, span)?);
        let g = &self.graph;
        let keep =
            |v: usize| q.kinds.is_empty() || q.kinds.contains(&g.node(NodeIndex::new(v)).kind);
        let (ra, rb) = (self.ranks(&sa, keep), self.ranks(&sb, keep));
        let id_rank = self.order().ranks();
        let change = |v: usize| sb.scores[v] - sa.scores[v];
        let mut rows: Vec<usize> = (0..sa.scores.len())
            .filter(|&v| keep(v) && (sa.present[v] || sb.present[v]))
            .collect();
        let key = |v: usize| match by {
            ChangeOrder::Change => change(v).abs(),
            ChangeOrder::Rise => change(v),
            ChangeOrder::Fall => -change(v),
        };
        rows.sort_unstable_by_key(|&v| (descending_key(key(v)), id_rank[v]));
        let (entering, leaving) = (
            rows.iter().filter(|&&v| !sa.present[v]).count(),
            rows.iter().filter(|&&v| !sb.present[v]).count(),
        );
        let extreme = |rise: bool| {
            rows.iter()
                .copied()
                .filter(|&v| {
                    let c = change(v);
                    c.is_finite() && if rise { c > 0.0 } else { c < 0.0 }
                })
                .min_by_key(|&v| {
                    let c = change(v);
                    (descending_key(if rise { c } else { -c }), id_rank[v])
                })
        };
        let integral = matches!(q.metric, Metric::Degree | Metric::KCore);
        let number = |x: f64| {
            if integral && x.is_finite() {
                Cell::Int(x as i64)
            } else {
                Cell::Float(x)
            }
        };
        let name = q.metric.as_str();
        let (a, b) = (times.first.to_string(), times.second.to_string());
        let mut t = Table::new(&[
            "node",
            "kind",
            "status",
            &format!("{name} {a}"),
            &format!("{name} {b}"),
            "change",
            &format!("rank {a}"),
            &format!("rank {b}"),
            "rank change",
        ]);
        let total = rows.len();
        let shown = q.top.map_or(total, |k| k.min(total));
        let rank_cell = |r: u32| {
            if r == 0 {
                Cell::Null
            } else {
                Cell::Int(r.into())
            }
        };
        for &v in &rows[..shown] {
            let status = match (sa.present[v], sb.present[v]) {
                (true, true) => "stays",
                (false, _) => "entering",
                (_, false) => "leaving",
            };
            let (x, y) = (ra[v], rb[v]);
            t.push(vec![
                Cell::Node(NodeCell::of(g, NodeIndex::new(v))),
                Cell::text(g.node(NodeIndex::new(v)).kind.as_str()),
                Cell::text(status),
                number(sa.scores[v]),
                number(sb.scores[v]),
                number(change(v)),
                rank_cell(x),
                rank_cell(y),
                if x > 0 && y > 0 {
                    Cell::Int(i64::from(x) - i64::from(y))
                } else {
                    Cell::Null
                },
            ]);
        }
        let moved = |v: Option<usize>| match v {
            // Whole changes (degree, core number) as whole numbers, as their cells show them.
            Some(v) => match change(v) {
                c if c.fract() == 0.0 => format!("{} ({c:+.0})", g.node(NodeIndex::new(v)).name),
                c => format!("{} ({c:+.6})", g.node(NodeIndex::new(v)).name),
            },
            None => "none".to_string(),
        };
        let on = match q.over {
            Some(over) => format!(" on the projection{}", describe(over)),
            None => String::new(),
        };
        let top = match q.top {
            Some(k) if k < total => format!(", the {k} largest shown"),
            _ => String::new(),
        };
        let order = match by {
            ChangeOrder::Change => "the size of the change, largest first",
            ChangeOrder::Rise => "the change, largest rise first",
            ChangeOrder::Fall => "the change, largest fall first",
        };
        t.set_message(format!(
            "{name} {times}{on}: {total} nodes with an edge at either time ({entering} entering, {leaving} leaving); largest rise {}, largest fall {}; rows by {order}{top}; rank change > 0 is a climb",
            moved(extreme(true)),
            moved(extreme(false)),
        ));
        Ok(t)
    }

    /// The communities at `time`, among the nodes with an edge in the view they ran on.
    fn communities_at(
        &self,
        how: &CommunityQuery,
        over: Option<&Projection>,
        time: TimeFilter,
        span: &Span,
    ) -> Result<Communities, ExecError> {
        let n = self.graph.node_count();
        let projected = match over {
            Some(over) => Some(self.projection(over, Some(time), span)?),
            None => None,
        };
        let view = match &projected {
            Some(p) => std::borrow::Cow::Borrowed(&p.csr),
            None => self.undirected(Some(time)),
        };
        let partition = match how.method {
            CommunityMethod::Louvain => algo::louvain(
                &view,
                how.seed.unwrap_or(0),
                how.resolution.unwrap_or(1.0),
                self.work(),
            ),
            CommunityMethod::LabelPropagation => algo::label_propagation(&view, self.work()),
        }
        .map_err(|e| algo_error(e, span))?;
        let present: Vec<bool> = (0..view.node_count() as u32)
            .map(|v| view.degree(v) > 0)
            .collect();
        let raw: Vec<u32> = partition
            .labels
            .iter()
            .zip(&present)
            .map(|(&l, &p)| if p { l } else { u32::MAX })
            .collect();
        let raw = match &projected {
            Some(p) => spread(p, &raw, n, u32::MAX),
            None => raw,
        };
        // Renumbered among the nodes with an edge: by size, ties by smallest id.
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); partition.sizes.len()];
        for ix in self.order().by_rank() {
            if let Some(m) = members.get_mut(raw[ix.index()] as usize) {
                m.push(ix.index() as u32);
            }
        }
        let rank = self.order().ranks();
        let mut order: Vec<usize> = (0..members.len())
            .filter(|&c| !members[c].is_empty())
            .collect();
        order.sort_unstable_by_key(|&c| {
            (
                std::cmp::Reverse(members[c].len()),
                rank[members[c][0] as usize],
            )
        });
        let mut labels = vec![u32::MAX; n];
        let mut numbered = Vec::with_capacity(order.len());
        for (i, &c) in order.iter().enumerate() {
            for &v in &members[c] {
                labels[v as usize] = i as u32;
            }
            numbered.push(std::mem::take(&mut members[c]));
        }
        Ok(Communities {
            labels,
            members: numbered,
        })
    }

    /// `compare communities`: the two times' communities matched by their members, which
    /// continued, merged, split, appeared or vanished, and how alike the two partitions are.
    fn compare_communities(
        &self,
        how: &CommunityQuery,
        over: Option<&Projection>,
        times: &Times,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let [ta, tb] = times.filters();
        let a = self.communities_at(how, over, ta, span)?;
        let b = self.communities_at(how, over, tb, span)?;
        self.check_cancel()?;
        // Members shared by each pair of communities, in id order.
        let mut shared: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
        let (mut common_a, mut common_b) = (Vec::new(), Vec::new());
        for ix in self.order().by_rank() {
            let v = ix.index();
            let (x, y) = (a.labels[v], b.labels[v]);
            if x != u32::MAX && y != u32::MAX {
                shared.entry((x, y)).or_default().push(v as u32);
                common_a.push(x);
                common_b.push(y);
            }
        }
        let jaccard = |x: u32, y: u32| {
            let s = shared.get(&(x, y)).map_or(0, Vec::len);
            s as f64 / (a.members[x as usize].len() + b.members[y as usize].len() - s) as f64
        };
        // Each community's best counterpart: the most members shared, then the higher
        // Jaccard, then the lower number.
        let best = |pairs: &mut dyn Iterator<Item = (u32, u32, usize)>| {
            pairs
                .max_by(|p, q| {
                    p.2.cmp(&q.2)
                        .then(jaccard(p.0, p.1).total_cmp(&jaccard(q.0, q.1)))
                        .then(q.0.cmp(&p.0))
                        .then(q.1.cmp(&p.1))
                })
                .map(|(x, y, _)| (x, y))
        };
        let mut successor: Vec<Option<u32>> = vec![None; a.members.len()];
        let mut predecessor: Vec<Option<u32>> = vec![None; b.members.len()];
        {
            let mut by_a: Vec<Vec<(u32, u32, usize)>> = vec![Vec::new(); a.members.len()];
            let mut by_b: Vec<Vec<(u32, u32, usize)>> = vec![Vec::new(); b.members.len()];
            for (&(x, y), m) in &shared {
                by_a[x as usize].push((x, y, m.len()));
                by_b[y as usize].push((x, y, m.len()));
            }
            for (x, list) in by_a.iter().enumerate() {
                successor[x] = best(&mut list.iter().copied()).map(|(_, y)| y);
            }
            for (y, list) in by_b.iter().enumerate() {
                predecessor[y] = best(&mut list.iter().copied()).map(|(x, _)| x);
            }
        }
        // A link joins each community to its counterpart, both ways: the second time's
        // community that holds most of a first time's, and the first time's that most of a
        // second time's came from. A community linked to two or more of the other time's
        // merged (from the first time's) or split (into the second time's).
        let mut links: BTreeSet<(u32, u32)> = BTreeSet::new();
        for (x, y) in successor.iter().enumerate() {
            if let Some(y) = y {
                links.insert((*y, x as u32));
            }
        }
        for (y, x) in predecessor.iter().enumerate() {
            if let Some(x) = x {
                links.insert((y as u32, *x));
            }
        }
        let mut into = vec![0usize; b.members.len()];
        let mut from = vec![0usize; a.members.len()];
        for &(y, x) in &links {
            into[y as usize] += 1;
            from[x as usize] += 1;
        }
        let g = &self.graph;
        let nodes = |list: &[u32]| {
            Cell::Nodes(
                list.iter()
                    .map(|&v| NodeCell::of(g, NodeIndex::new(v as usize)))
                    .collect(),
            )
        };
        let (ya, yb) = (times.first.to_string(), times.second.to_string());
        let mut t = Table::new(&[
            "change",
            &format!("community {ya}"),
            &format!("size {ya}"),
            &format!("community {yb}"),
            &format!("size {yb}"),
            "shared",
            "jaccard",
            "members",
        ]);
        let number = |c: u32| Cell::Int(i64::from(c) + 1);
        let (mut merged, mut split, mut continued) = (BTreeSet::new(), BTreeSet::new(), 0);
        // Rows grouped by what happened (the merges first), then by the second time's
        // community and the first's: (group, second, first, row).
        let mut rows: Vec<(u8, u32, u32, Vec<Cell>)> = Vec::new();
        let mut appeared = 0;
        for y in 0..b.members.len() as u32 {
            if predecessor[y as usize].is_none() {
                appeared += 1;
                let row = vec![
                    Cell::text("appeared"),
                    Cell::Null,
                    Cell::Null,
                    number(y),
                    Cell::Int(b.members[y as usize].len() as i64),
                    Cell::Int(0),
                    Cell::Float(0.0),
                    nodes(&b.members[y as usize]),
                ];
                rows.push((3, y, 0, row));
            }
            for &(_, x) in links.range((y, 0)..=(y, u32::MAX)) {
                let (is_merge, is_split) = (into[y as usize] >= 2, from[x as usize] >= 2);
                let (group, change) = match (is_merge, is_split) {
                    (true, false) => (0, "merged"),
                    (true, true) => (0, "merged and split"),
                    (false, true) => (2, "split"),
                    (false, false) => (5, "continued"),
                };
                if is_merge {
                    merged.insert(y);
                }
                if is_split {
                    split.insert(x);
                }
                if !is_merge && !is_split {
                    continued += 1;
                }
                let members = shared.get(&(x, y)).map_or(&[][..], Vec::as_slice);
                let row = vec![
                    Cell::text(change),
                    number(x),
                    Cell::Int(a.members[x as usize].len() as i64),
                    number(y),
                    Cell::Int(b.members[y as usize].len() as i64),
                    Cell::Int(members.len() as i64),
                    Cell::Float(jaccard(x, y)),
                    nodes(members),
                ];
                rows.push((group, y, x, row));
            }
        }
        let mut vanished = 0;
        for (x, s) in successor.iter().enumerate() {
            if s.is_none() {
                vanished += 1;
                let row = vec![
                    Cell::text("vanished"),
                    number(x as u32),
                    Cell::Int(a.members[x].len() as i64),
                    Cell::Null,
                    Cell::Null,
                    Cell::Int(0),
                    Cell::Float(0.0),
                    nodes(&a.members[x]),
                ];
                rows.push((4, u32::MAX, x as u32, row));
            }
        }
        rows.sort_by_key(|r| (r.0, r.1, r.2));
        for (_, _, _, row) in rows {
            t.push(row);
        }
        let merged_from: usize = merged.iter().map(|&y| into[y as usize]).sum();
        let split_into: usize = split.iter().map(|&x| from[x as usize]).sum();
        let method = match how.method {
            CommunityMethod::Louvain => format!(
                "louvain, seed {}, resolution {}",
                how.seed.unwrap_or(0),
                how.resolution.unwrap_or(1.0)
            ),
            CommunityMethod::LabelPropagation => "label propagation".to_string(),
        };
        let on = match over {
            Some(over) => format!(" on the projection{}", describe(over)),
            None => String::new(),
        };
        t.set_message(format!(
            "communities {times}{on} ({method}), numbered by size at each time among the nodes with an edge then: {} and {}; {merged_from} merged into {}, {} split into {split_into}, {appeared} appeared, {vanished} vanished, {continued} continued (each community linked to the one of the other time holding most of its members; one linked to several merged or split); rows by what happened, merges first\n\
             partition similarity over the {} nodes with an edge at both times: adjusted Rand index {:.6}, normalised mutual information {:.6} (as scikit-learn's adjusted_rand_score and normalized_mutual_info_score)",
            a.members.len(),
            b.members.len(),
            merged.len(),
            split.len(),
            common_a.len(),
            algo::adjusted_rand_index(&common_a, &common_b),
            algo::normalized_mutual_info(&common_a, &common_b),
        ));
        Ok(t)
    }

    /// `compare neighbours`: who was reached at one time only.
    fn compare_neighbours(
        &mut self,
        statement: &Statement,
        times: &Times,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let [ta, tb] = times.filters();
        let (a, b) = (
            self.run_at(statement, ta, span)?,
            self.run_at(statement, tb, span)?,
        );
        let measure = if a.column("distance").is_some() {
            "distance"
        } else {
            "shared"
        };
        let g = &self.graph;
        // Each node reached, by id rank: its cell and its first (nearest) row's measure.
        let reached = |t: &Table| -> BTreeMap<u32, (NodeCell, Cell)> {
            let mut out = BTreeMap::new();
            let (Some(n), Some(m)) = (t.column("node"), t.column(measure)) else {
                return out;
            };
            for row in t.rows() {
                if let Cell::Node(node) = &row[n] {
                    if let Some(ix) = g.by_id(&node.id) {
                        out.entry(self.order().rank(ix))
                            .or_insert_with(|| (node.clone(), row[m].clone()));
                    }
                }
            }
            out
        };
        let (ra, rb) = (reached(&a), reached(&b));
        let (ya, yb) = (times.first.to_string(), times.second.to_string());
        let mut t = Table::new(&[
            "change",
            "node",
            "kind",
            &format!("{measure} {ya}"),
            &format!("{measure} {yb}"),
        ]);
        let gained: Vec<&(NodeCell, Cell)> = rb
            .iter()
            .filter(|(r, _)| !ra.contains_key(r))
            .map(|(_, x)| x)
            .collect();
        let lost: Vec<&(NodeCell, Cell)> = ra
            .iter()
            .filter(|(r, _)| !rb.contains_key(r))
            .map(|(_, x)| x)
            .collect();
        for (n, m) in &gained {
            t.push(vec![
                Cell::text("gained"),
                Cell::Node(n.clone()),
                Cell::text(n.kind),
                Cell::Null,
                m.clone(),
            ]);
        }
        for (n, m) in &lost {
            t.push(vec![
                Cell::text("lost"),
                Cell::Node(n.clone()),
                Cell::text(n.kind),
                m.clone(),
                Cell::Null,
            ]);
        }
        let kept = ra.keys().filter(|n| rb.contains_key(*n)).count();
        let head = statement.to_string();
        t.set_message(format!(
            "{head} {times}: {} gained, {} lost, {kept} reached at both times",
            gained.len(),
            lost.len()
        ));
        Ok(t)
    }

    /// `diff in T1 vs T2`: the edges that pass one time's filter only, and the nodes that
    /// have an edge at one time only, each with its sources.
    pub(super) fn diff_times(&self, times: &Times) -> Result<Table, ExecError> {
        let g = &self.graph;
        let [ta, tb] = times.filters();
        let n = g.node_count();
        let (mut at_a, mut at_b) = (vec![false; n], vec![false; n]);
        let mut edges: Vec<(EdgeIndex, bool)> = Vec::new();
        for e in g.edge_indices() {
            let when = self.adj.when(e);
            let (x, y) = (ta.admits(when), tb.admits(when));
            let (u, v) = self.adj.endpoints(e);
            for w in [u, v] {
                at_a[w.index()] |= x;
                at_b[w.index()] |= y;
            }
            if x != y {
                edges.push((e, x));
            }
        }
        self.check_cancel()?;
        let rank = self.order().ranks();
        edges.sort_unstable_by_key(|&(e, _)| {
            let (u, v) = self.adj.endpoints(e);
            (rank[u.index()], rank[v.index()], self.adj.rel(e), e)
        });
        let (ya, yb) = (times.first.to_string(), times.second.to_string());
        let only = |first: bool| format!("only in {}", if first { &ya } else { &yb });
        let mut t = Table::new(&[
            "change", "item", "node", "edge", "to", "date", "source", "quote",
        ]);
        let (mut nodes_a, mut nodes_b) = (0, 0);
        for ix in self.order().by_rank() {
            let v = ix.index();
            if at_a[v] == at_b[v] {
                continue;
            }
            if at_a[v] {
                nodes_a += 1;
            } else {
                nodes_b += 1;
            }
            let node = g.node(*ix);
            let cites: Vec<Citation> = node
                .provenance
                .iter()
                .map(|p| Citation {
                    source: p.cite(g.document(p.doc)),
                    quote: p.quote.clone(),
                })
                .collect();
            let mut row = vec![
                Cell::Text(only(at_a[v])),
                Cell::text("node"),
                Cell::Node(NodeCell::of(g, *ix)),
                Cell::Null,
                Cell::Null,
                Cell::Null,
            ];
            row.extend(evidence::cells(cites));
            t.push(row);
        }
        let edges_a = edges.iter().filter(|(_, first)| *first).count();
        for &(e, first) in &edges {
            let (u, v) = self.adj.endpoints(e);
            let mut row = vec![
                Cell::Text(only(first)),
                Cell::text("edge"),
                Cell::Node(NodeCell::of(g, u)),
                Cell::Text(format!("-{}->", self.adj.rel(e))),
                Cell::Node(NodeCell::of(g, v)),
                Cell::opt_text(self.adj.when(e).map(|d| d.to_string())),
            ];
            row.extend(evidence::cells(evidence::citations(g, &[e], u, v)));
            t.push(row);
        }
        t.set_message(format!(
            "diff {times}: only in {ya}, {nodes_a} nodes with an edge and {edges_a} edges; only in {yb}, {nodes_b} nodes and {} edges (a node is present at a time when one of its edges is)\n{}",
            edges.len() - edges_a,
            self.undated(times.strict)
        ));
        Ok(t)
    }
}

/// How `communities` was asked for.
struct CommunityQuery {
    method: CommunityMethod,
    seed: Option<u64>,
    resolution: Option<f64>,
}

/// A measure absent at one time: a count of nodes or edges of some kind or type is 0 then.
pub(super) fn absent(measure: &str) -> Cell {
    if measure.starts_with("nodes: ") || measure.starts_with("edges: ") {
        Cell::Int(0)
    } else {
        Cell::Null
    }
}

/// `y - x` for numbers, else nothing.
fn difference(x: &Cell, y: &Cell) -> Cell {
    match (x, y) {
        (Cell::Int(a), Cell::Int(b)) => Cell::Int(b - a),
        (Cell::Float(a), Cell::Float(b)) => Cell::Float(b - a),
        (Cell::Int(a), Cell::Float(b)) => Cell::Float(b - *a as f64),
        (Cell::Float(a), Cell::Int(b)) => Cell::Float(*b as f64 - a),
        _ => Cell::Null,
    }
}

/// The measure `compare stats` and `over ... stats` add to `stats`'s.
const WITH_AN_EDGE: &str = "nodes with an edge";
