//! `draw` and `export html`: a neighbourhood, a path or the whole graph chosen here, drawn
//! and written by `clustergraph_draw`, the file written whole or not at all
//! (`clustergraph_core::io::atomic`).

use std::path::Path;

use clustergraph_core::io::atomic::write_atomic;
use clustergraph_core::{EdgeIndex, NodeIndex, NodeKind, Rel, View};
use clustergraph_draw::{Arrangement, Explorer, Picture, Subject};

use super::Session;
use crate::ast::{Dir, DrawWhat, Metric, Span};
use crate::error::ExecError;
use crate::table::Table;
use crate::time::TimeFilter;

impl Session {
    pub(super) fn draw(
        &self,
        what: &DrawWhat,
        file: &str,
        time: Option<TimeFilter>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        if let DrawWhat::Series(series) = what {
            return self.draw_series(series, file, span);
        }
        let g = &self.graph;
        let filters = |kinds: &[NodeKind], rels: &[Rel]| {
            let mut f = Vec::new();
            if !kinds.is_empty() {
                f.push(format!("kinds {}", list(kinds)));
            }
            if !rels.is_empty() {
                f.push(format!("edges {}", list(rels)));
            }
            if let Some(t) = time {
                f.push(t.to_string());
            }
            f
        };
        let (nodes, edges, subject_title, notes, arrangement, focus, size) = match what {
            DrawWhat::Around {
                node,
                depth,
                kinds,
                rels,
                size,
            } => {
                let start = self.resolve(node)?;
                let mut nodes = self.reach(start, *depth, rels, time)?;
                nodes
                    .retain(|&n| n == start || kinds.is_empty() || kinds.contains(&g.node(n).kind));
                let name = &g.node(start).name;
                if nodes.len() > clustergraph_draw::MAX_DRAWN_NODES {
                    return Err(ExecError::Refused {
                        message: format!(
                            "the neighbourhood of {name} at depth {depth} holds {} nodes; a drawing holds at most {}",
                            nodes.len(),
                            clustergraph_draw::MAX_DRAWN_NODES
                        ),
                        span: span.clone(),
                        help: "narrow it: a smaller `depth`, only some kinds (`kind cluster,network`) or some edge types (`rel member_of`), or a time span (`in 2016`)".into(),
                    });
                }
                let edges = self.edges_among(&nodes, rels, time);
                let title = format!("Neighbourhood of {name}, depth {depth}");
                (
                    nodes,
                    edges,
                    title,
                    filters(kinds, rels),
                    Arrangement::Free,
                    Some(start),
                    *size,
                )
            }
            DrawWhat::Series(_) => {
                return Err(ExecError::Refused {
                    message: "a time series is drawn as a chart".into(),
                    span: span.clone(),
                    help: "write `draw over Y1..Y2 stats PATH.svg`".into(),
                })
            }
            DrawWhat::Path { from, to } => {
                let (a, b) = (self.resolve(from)?, self.resolve(to)?);
                let (an, bn) = (&g.node(a).name, &g.node(b).name);
                let Some(steps) = self.shortest(a, b, &[], &[], Dir::Both, time)? else {
                    let when = time.map(|t| format!(" {t}")).unwrap_or_default();
                    return Err(ExecError::Refused {
                        message: format!("no path from {an} to {bn}{when}: nothing was drawn"),
                        span: span.clone(),
                        help: "`neighbours NODE depth 2` shows what each end reaches".into(),
                    });
                };
                let mut nodes = vec![a];
                nodes.extend(steps.iter().map(|(_, s)| s.to));
                let edges: Vec<EdgeIndex> = steps.iter().map(|(_, s)| s.edge).collect();
                let title = format!("Path from {an} to {bn}");
                (
                    nodes,
                    edges,
                    title,
                    filters(&[], &[]),
                    Arrangement::Path,
                    None,
                    None,
                )
            }
        };
        let scores = match size {
            Some(metric) => Some(self.metric_for_sizes(metric, time, span)?),
            None => None,
        };
        let mut subtitle = vec![
            format!("from {}", self.graph_name()),
            format!(
                "{} node{}, {} edge{}",
                nodes.len(),
                plural(nodes.len()),
                edges.len(),
                plural(edges.len())
            ),
        ];
        subtitle.extend(notes);
        let picture = Picture::of(
            g,
            &Subject {
                nodes: &nodes,
                edges: &edges,
                arrangement,
                focus,
                title: subject_title,
                subtitle: subtitle.join(" · "),
                size: size.zip(scores.as_deref()).map(|(m, s)| (m.as_str(), s)),
            },
        );
        self.check_cancel()?;
        let drawing = clustergraph_draw::svg(&picture);
        write(file, span, drawing.svg.as_bytes())?;
        Ok(Table::default().with_message(format!(
            "drew {} node{} and {} edge{} to {file} ({} × {} pixels)",
            nodes.len(),
            plural(nodes.len()),
            edges.len(),
            plural(edges.len()),
            drawing.width,
            drawing.height
        )))
    }

    pub(super) fn export_html(
        &self,
        path: &str,
        around: Option<(&crate::ast::NodeRef, u32)>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let (nodes, title) = match around {
            Some((node, depth)) => {
                let start = self.resolve(node)?;
                let nodes = self.reach(start, depth, &[], None)?;
                let title = format!("Neighbourhood of {}, depth {depth}", g.node(start).name);
                (nodes, title)
            }
            None => (
                self.order().by_rank().to_vec(),
                "The whole graph".to_string(),
            ),
        };
        let limit = clustergraph_draw::MAX_EXPLORER_NODES;
        if nodes.len() > limit {
            let what = match around {
                Some(_) => "the neighbourhood",
                None => "the graph",
            };
            return Err(ExecError::Refused {
                message: format!(
                    "{what} has {} nodes; the explorer stays responsive up to {limit}",
                    nodes.len()
                ),
                span: span.clone(),
                help: "export a neighbourhood instead: `export html PATH around NODE depth 2`"
                    .into(),
            });
        }
        let edges = self.edges_among(&nodes, &[], None);
        let subtitle = format!(
            "from {} · {} node{}, {} edge{}",
            self.graph_name(),
            nodes.len(),
            plural(nodes.len()),
            edges.len(),
            plural(edges.len())
        );
        self.check_cancel()?;
        let page = clustergraph_draw::html(
            g,
            &Explorer {
                nodes: &nodes,
                edges: &edges,
                title,
                subtitle,
            },
        );
        write(path, span, page.as_bytes())?;
        Ok(Table::default().with_message(format!(
            "wrote the explorer of {} node{} and {} edge{} to {path}",
            nodes.len(),
            plural(nodes.len()),
            edges.len(),
            plural(edges.len())
        )))
    }

    /// `start` and the nodes within `depth` hops of it over edges of `rels` (any, if empty)
    /// in time, either way, in the order reached (each level in id order).
    fn reach(
        &self,
        start: NodeIndex,
        depth: u32,
        rels: &[Rel],
        time: Option<TimeFilter>,
    ) -> Result<Vec<NodeIndex>, ExecError> {
        let rank = self.order().ranks();
        let mut seen = vec![false; self.graph.node_count()];
        seen[start.index()] = true;
        let mut nodes = vec![start];
        let mut level = 0..1;
        for _ in 0..depth {
            self.check_cancel()?;
            let first = nodes.len();
            for k in level.clone() {
                let u = nodes[k];
                for s in self.steps(u, Dir::Both, rels, time) {
                    if !seen[s.to.index()] {
                        seen[s.to.index()] = true;
                        nodes.push(s.to);
                    }
                }
            }
            nodes[first..].sort_by_key(|n| rank[n.index()]);
            level = first..nodes.len();
            if level.is_empty() {
                break;
            }
        }
        Ok(nodes)
    }

    /// The edges of `rels` (any, if empty) in time with both ends among `nodes`, each once.
    fn edges_among(
        &self,
        nodes: &[NodeIndex],
        rels: &[Rel],
        time: Option<TimeFilter>,
    ) -> Vec<EdgeIndex> {
        let mut member = vec![false; self.graph.node_count()];
        for n in nodes {
            member[n.index()] = true;
        }
        nodes
            .iter()
            .flat_map(|&u| self.steps(u, Dir::Out, rels, time))
            .filter(|s| member[s.to.index()])
            .map(|s| s.edge)
            .collect()
    }

    /// Every node's score by `metric` on the undirected view in time, for node sizes.
    fn metric_for_sizes(
        &self,
        metric: Metric,
        time: Option<TimeFilter>,
        span: &Span,
    ) -> Result<Vec<f64>, ExecError> {
        let view = self.undirected(time);
        let scores = self
            .scores(View::Undirected(&view), metric, None)
            .map_err(|e| super::analytics::not_converged(e, metric, false, span))?;
        self.check_cancel()?;
        Ok(scores)
    }
}

pub(super) fn write(path: &str, span: &Span, bytes: &[u8]) -> Result<(), ExecError> {
    write_atomic(Path::new(path), |w| w.write_all(bytes)).map_err(|e| ExecError::Write {
        path: path.to_string(),
        message: e.to_string(),
        span: span.clone(),
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
