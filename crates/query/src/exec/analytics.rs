//! The network analytics: `centrality`, `bridges` and `communities`, computed by
//! `clustergraph_core::algo` on the adjacency's simple views (time-filtered when the
//! statement says so), and turned into tables here: ranked, filtered by kind, ties by id.

use clustergraph_core::{algo, AlgoError, Csr, NodeIndex, NodeKind, View};

use super::projection::{spread, summary};
use super::Session;
use crate::ast::{CommunityMethod, Metric, Projection, Span, Statement};
use crate::error::ExecError;
use crate::table::{Cell, NodeCell, Table};
use crate::time::TimeFilter;

/// How a `centrality` statement asked for its metric.
#[derive(Clone, Debug)]
pub(super) struct CentralityQuery<'a> {
    pub metric: Metric,
    pub top: Option<usize>,
    pub kinds: &'a [NodeKind],
    pub directed: bool,
    pub sample: Option<usize>,
    pub seed: Option<u64>,
    pub over: Option<&'a Projection>,
}

impl<'a> CentralityQuery<'a> {
    /// What a `centrality` statement asks for (`None` for another statement).
    pub fn of(statement: &'a Statement) -> Option<CentralityQuery<'a>> {
        match statement {
            Statement::Centrality {
                metric,
                top,
                kinds,
                directed,
                sample,
                seed,
                over,
            } => Some(CentralityQuery {
                metric: *metric,
                top: *top,
                kinds,
                directed: *directed,
                sample: *sample,
                seed: *seed,
                over: over.as_ref(),
            }),
            _ => None,
        }
    }
}

impl Session {
    pub(super) fn centrality(
        &self,
        q: &CentralityQuery<'_>,
        time: Option<TimeFilter>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let projected = match q.over {
            Some(over) => Some((self.projection(over, time, span)?, over)),
            None => None,
        };
        let (first, inn) = if let Some((p, _)) = &projected {
            (std::borrow::Cow::Borrowed(&p.csr), None)
        } else if q.directed {
            let (out, inn) = self.directed(time);
            (out, Some(inn))
        } else {
            (self.undirected(time), None)
        };
        let view = match &inn {
            Some(inn) => View::Directed { out: &first, inn },
            None => View::Undirected(&first),
        };
        let scores = self
            .scores(view, q.metric, q.sample.map(|k| (k, q.seed.unwrap_or(0))))
            .map_err(|e| not_converged(e, q.metric, q.directed, span))?;
        self.check_cancel()?;
        // On a projection, the scores of its nodes, spread over the graph's; only they rank.
        let sources = scores.len();
        let (scores, only) = match &projected {
            Some((p, _)) => {
                let n = self.graph.node_count();
                let only = spread(p, &vec![true; p.nodes.len()], n, false);
                (spread(p, &scores, n, f64::NAN), Some(only))
            }
            None => (scores, None),
        };
        let ranked = self.ranked(&scores, q.kinds, q.top, only.as_deref());
        let g = &self.graph;
        let name = q.metric.as_str();
        let integral = matches!(q.metric, Metric::Degree | Metric::KCore);
        // The rows are made in node order, which reads the graph's nodes (and the texts their
        // cells share) front to back instead of jumping about in rank order, then put in rank
        // order: on a graph of 80,000 nodes this is most of the statement's time.
        let mut place = vec![u32::MAX; scores.len()];
        for (i, &v) in ranked.iter().enumerate() {
            place[v as usize] = i as u32;
        }
        let mut rows: Vec<Option<Vec<Cell>>> = vec![None; ranked.len()];
        for (v, &i) in place.iter().enumerate() {
            if i == u32::MAX {
                continue;
            }
            let ix = NodeIndex::new(v);
            let score = scores[v];
            rows[i as usize] = Some(vec![
                Cell::Int(i64::from(i) + 1),
                Cell::Node(NodeCell::of(g, ix)),
                Cell::text(g.node(ix).kind.as_str()),
                if integral {
                    Cell::Int(score as i64)
                } else {
                    Cell::Float(score)
                },
            ]);
        }
        let mut t = Table::new(&["rank", "node", "kind", name]);
        t.reserve(rows.len());
        for row in rows {
            t.push(row.expect("every ranked node has a row"));
        }
        let on = projected.as_ref().map(|(p, over)| summary(p, over));
        if let Some(k) = q.sample {
            let n = sources;
            t.set_message(format!(
                "betweenness estimated from {} of {n} sources drawn with seed {}, scaled as NetworkX's `k`",
                k.min(n),
                q.seed.unwrap_or(0)
            ));
        } else if t.rows().is_empty() {
            t.set_message(if scores.is_empty() {
                "the graph has no nodes".to_string()
            } else {
                "no node of these kinds".to_string()
            });
        }
        if let Some(on) = on {
            let message = match t.message() {
                Some(m) => format!("{on}; {m}"),
                None => on,
            };
            t.set_message(message);
        }
        Ok(t)
    }

    /// Every node's score by `metric` on `view` (betweenness from `sample` sources drawn with
    /// its seed, if given).
    pub(super) fn scores(
        &self,
        view: View<'_>,
        metric: Metric,
        sample: Option<(usize, u64)>,
    ) -> Result<Vec<f64>, AlgoError> {
        let work = self.work();
        match metric {
            Metric::Degree => algo::degree(view, work),
            Metric::Betweenness => match sample {
                Some((k, seed)) => algo::betweenness_sampled(view, k, seed, work),
                None => algo::betweenness(view, work),
            },
            Metric::Closeness => algo::closeness(view, work),
            Metric::Harmonic => algo::harmonic(view, work),
            Metric::PageRank => algo::pagerank(view, work),
            Metric::Eigenvector => algo::eigenvector(view, work),
            Metric::Katz => algo::katz(view, work),
            Metric::KCore => algo::core_number(view, work),
            Metric::Clustering => algo::clustering(view, work),
            Metric::Constraint => algo::constraint(view, work),
            Metric::EffectiveSize => algo::effective_size(view, work),
        }
    }

    /// The nodes (of `kinds`, if any) by score, highest first, NaN last, ties by id; the
    /// first `top` only, found without sorting the rest.
    fn ranked(
        &self,
        scores: &[f64],
        kinds: &[NodeKind],
        top: Option<usize>,
        only: Option<&[bool]>,
    ) -> Vec<u32> {
        let g = &self.graph;
        let rank = self.order().ranks();
        // Sorted as packed keys (score bits ordered highest first, NaN last; then id rank):
        // comparing two keys reads no other memory.
        let mut keys: Vec<(u64, u32, u32)> = (0..scores.len() as u32)
            .filter(|&v| {
                only.is_none_or(|only| only[v as usize])
                    && (kinds.is_empty()
                        || kinds.contains(&g.node(NodeIndex::new(v as usize)).kind))
            })
            .map(|v| (descending_key(scores[v as usize]), rank[v as usize], v))
            .collect();
        if let Some(k) = top.filter(|&k| k < keys.len()) {
            keys.select_nth_unstable(k);
            keys.truncate(k);
        }
        keys.sort_unstable();
        keys.into_iter().map(|(_, _, v)| v).collect()
    }

    pub(super) fn bridges(
        &self,
        time: Option<TimeFilter>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let view = self.undirected(time);
        let found = algo::bridges(&view, self.work()).map_err(|e| algo_error(e, span))?;
        let g = &self.graph;
        let rank = self.order().ranks();
        let by_rank = |v: u32| rank[v as usize];
        // Each bridge from its smaller id to its larger, listed in id order.
        let mut bridges: Vec<(u32, u32)> = found
            .edges
            .iter()
            .map(|&(a, b)| {
                if by_rank(a) <= by_rank(b) {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect();
        bridges.sort_unstable_by_key(|&(a, b)| (by_rank(a), by_rank(b)));
        let mut points = found.articulation_points.clone();
        points.sort_unstable_by_key(|&v| by_rank(v));
        let node = |v: u32| Cell::Node(NodeCell::of(g, NodeIndex::new(v as usize)));
        let mut t = Table::new(&["element", "node", "to"]);
        for &(a, b) in &bridges {
            t.push(vec![Cell::text("bridge"), node(a), node(b)]);
        }
        for &v in &points {
            t.push(vec![Cell::text("articulation point"), node(v), Cell::Null]);
        }
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        t.set_message(format!(
            "{} and {} in the undirected view",
            plural(bridges.len(), "bridge", "bridges"),
            plural(points.len(), "articulation point", "articulation points")
        ));
        Ok(t)
    }

    pub(super) fn communities(
        &self,
        method: CommunityMethod,
        seed: Option<u64>,
        resolution: Option<f64>,
        over: Option<&Projection>,
        time: Option<TimeFilter>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let projected = match over {
            Some(over) => Some((self.projection(over, time, span)?, over)),
            None => None,
        };
        let view = match &projected {
            Some((p, _)) => std::borrow::Cow::Borrowed(&p.csr),
            None => self.undirected(time),
        };
        let work = self.work();
        let gamma = resolution.unwrap_or(1.0);
        let partition = match method {
            CommunityMethod::Louvain => algo::louvain(&view, seed.unwrap_or(0), gamma, work),
            CommunityMethod::LabelPropagation => algo::label_propagation(&view, work),
        }
        .map_err(|e| algo_error(e, span))?;
        let labels = &partition.labels;
        let shares = modularity_shares(&view, labels, partition.sizes.len(), gamma);
        let total: f64 = algo::modularity(&view, labels, gamma);
        // On a projection, its nodes' labels spread over the graph's (the others have none).
        let labels = match &projected {
            Some((p, _)) => {
                std::borrow::Cow::Owned(spread(p, labels, self.graph.node_count(), u32::MAX))
            }
            None => std::borrow::Cow::Borrowed(labels),
        };
        let members = self.members_in_id_order(&labels, partition.sizes.len());
        let g = &self.graph;
        let rank = self.order().ranks();
        let mut order: Vec<usize> = (0..members.len())
            .filter(|&c| !members[c].is_empty())
            .collect();
        order.sort_unstable_by(|&a, &b| {
            members[b]
                .len()
                .cmp(&members[a].len())
                .then(rank[members[a][0] as usize].cmp(&rank[members[b][0] as usize]))
        });
        let mut t = Table::new(&["community", "size", "modularity", "members"]);
        for (i, &c) in order.iter().enumerate() {
            t.push(vec![
                Cell::Int(i as i64 + 1),
                Cell::Int(members[c].len() as i64),
                Cell::Float(shares[c]),
                Cell::Nodes(
                    members[c]
                        .iter()
                        .map(|&v| NodeCell::of(g, NodeIndex::new(v as usize)))
                        .collect(),
                ),
            ]);
        }
        let how = match method {
            CommunityMethod::Louvain => {
                format!("louvain, seed {}, resolution {gamma}", seed.unwrap_or(0))
            }
            CommunityMethod::LabelPropagation => "label propagation".to_string(),
        };
        let on = match &projected {
            Some((p, over)) => format!("{}; ", summary(p, over)),
            None => String::new(),
        };
        t.set_message(format!(
            "{on}{} communities, modularity {total:.6} ({how}); each row's modularity is its community's share",
            order.len()
        ));
        Ok(t)
    }

    /// The members of each of `count` communities, each list in id order.
    fn members_in_id_order(&self, labels: &[u32], count: usize) -> Vec<Vec<u32>> {
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); count];
        for ix in self.order().by_rank() {
            // A node outside a projection has no label.
            if let Some(m) = members.get_mut(labels[ix.index()] as usize) {
                m.push(ix.index() as u32);
            }
        }
        members
    }
}

/// A key whose ascending order is the scores' descending order, NaN (an undefined score)
/// after every number, and -0.0 equal to 0.0.
pub(super) fn descending_key(x: f64) -> u64 {
    if x.is_nan() {
        return u64::MAX;
    }
    let x = if x == 0.0 { 0.0 } else { x };
    let bits = x.to_bits();
    // The usual total-order trick (flip every bit of a negative, the sign of a positive)
    // gives ascending keys; complementing them gives descending ones.
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    !ascending
}

/// Each community's term of the modularity, `L_c / m − γ (d_c / 2m)²` (NetworkX's formula,
/// summed by community): the terms add up to the partition's modularity.
fn modularity_shares(view: &Csr, labels: &[u32], count: usize, gamma: f64) -> Vec<f64> {
    let mut inside = vec![0u64; count];
    let mut degree = vec![0u64; count];
    for v in 0..view.node_count() as u32 {
        let c = labels[v as usize] as usize;
        degree[c] += view.degree(v) as u64;
        inside[c] += view
            .neighbours(v)
            .iter()
            .filter(|&&w| labels[w as usize] as usize == c)
            .count() as u64;
    }
    let m = view.entry_count() as f64 / 2.0;
    if m == 0.0 {
        return vec![0.0; count];
    }
    (0..count)
        .map(|c| inside[c] as f64 / 2.0 / m - gamma * (degree[c] as f64 / (2.0 * m)).powi(2))
        .collect()
}

/// The error of an algorithm, as the statement reports it.
pub(super) fn algo_error(e: AlgoError, span: &Span) -> ExecError {
    match e {
        AlgoError::InvalidArgument(message) => ExecError::InvalidArgument {
            message,
            span: span.clone(),
        },
        // Only iterative metrics fail to converge; their errors go through `not_converged`.
        _ => ExecError::Interrupted,
    }
}

/// The error of a metric, as the statement reports it.
pub(super) fn not_converged(
    e: AlgoError,
    metric: Metric,
    directed: bool,
    span: &Span,
) -> ExecError {
    match e {
        AlgoError::NotConverged { max_iter, tol, .. } => {
            let help = match metric {
                Metric::Katz => "Katz's series converges only when α = 0.1 is below 1 / λ, λ the largest eigenvalue of the adjacency; this graph's λ is larger, and NetworkX raises PowerIterationFailedConvergence on it too. `centrality eigenvector` ranks by the same walks without α; a time filter (`in YEAR`) may give a smaller graph on which Katz converges",
                _ if directed => "on a directed graph the iteration settles only where cycles of edges feed it (it tends to zero on a graph with few cycles); NetworkX raises PowerIterationFailedConvergence on this graph too. Without `directed`, or with `centrality pagerank directed`, which is damped, the graph can be ranked",
                _ => "NetworkX raises PowerIterationFailedConvergence on this graph too (a graph of several equally strong parts can make the iteration swing between them); `centrality pagerank`, damped, converges on such graphs",
            };
            ExecError::NotConverged {
                metric: metric.as_str(),
                max_iter,
                tol,
                span: span.clone(),
                help: help.to_string(),
            }
        }
        other => algo_error(other, span),
    }
}

#[cfg(test)]
mod tests {
    use super::descending_key;

    #[test]
    fn keys_order_scores_highest_first_and_nan_last() {
        let scores = [
            f64::NAN,
            -1.5,
            0.0,
            -0.0,
            2.0,
            f64::INFINITY,
            1e-300,
            -f64::INFINITY,
            0.5,
        ];
        let mut sorted = scores.to_vec();
        sorted.sort_by_key(|&x| descending_key(x));
        let shown: Vec<String> = sorted.iter().map(|x| format!("{x:e}")).collect();
        assert_eq!(
            shown,
            ["inf", "2e0", "5e-1", "1e-300", "0e0", "-0e0", "-1.5e0", "-inf", "NaN"]
        );
        assert_eq!(descending_key(0.0), descending_key(-0.0));
        assert!(descending_key(-f64::INFINITY) < descending_key(f64::NAN));
    }
}
