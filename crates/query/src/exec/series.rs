//! `over Y1..Y2 [step S] STATEMENT`: a time series, one row per step of S years, each step
//! computed once on the edges of its years (the time filter's rule): `stats`, one column per
//! measure, or one node's `centrality`, its score and rank.

use clustergraph_core::NodeIndex;

use super::analytics::CentralityQuery;
use clustergraph_draw::chart::{line_chart, Chart, Series as ChartSeries};

use super::compare::absent;
use super::picture::write;
use super::Session;
use crate::ast::{Metric, NodeRef, Span, Statement};
use crate::error::ExecError;
use crate::table::{Cell, Table};
use crate::time::Years;

impl Session {
    pub(super) fn series(
        &self,
        years: Years,
        statement: &Statement,
        node: Option<&NodeRef>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let mut t = match (statement, node) {
            (Statement::Stats, _) => self.stats_series(years)?,
            (Statement::Centrality { .. }, Some(node)) => {
                let ix = self.resolve(node)?;
                let q = CentralityQuery::of(statement).expect("a centrality statement");
                self.centrality_series(years, &q, ix, span)?
            }
            (other, _) => {
                return Err(ExecError::Refused {
                    message: format!("`over` does not follow `{}`", other.kind().keyword()),
                    span: span.clone(),
                    help: "follow `stats`, or one node's `centrality METRIC NODE`".into(),
                })
            }
        };
        let header = format!(
            "{}\n{}",
            t.message().unwrap_or_default(),
            self.undated(years.strict)
        );
        t.set_message(header);
        Ok(t)
    }

    /// `over ... stats`: one row per step, one column per measure (a count of a kind or
    /// type absent at a step is 0 there).
    fn stats_series(&self, years: Years) -> Result<Table, ExecError> {
        let mut columns: Vec<String> = Vec::new();
        let mut rows: Vec<(String, Vec<(String, Cell)>)> = Vec::new();
        for time in years.steps() {
            let cells = self.measures_at(time)?;
            let mut after = 0;
            for (m, _) in &cells {
                // A measure first seen at a later step goes after the one before it there.
                after = match columns.iter().position(|c| c == m) {
                    Some(at) => at + 1,
                    None => {
                        columns.insert(after, m.clone());
                        after + 1
                    }
                };
            }
            rows.push((time.span.to_string(), cells));
        }
        let mut header: Vec<&str> = vec!["years"];
        header.extend(columns.iter().map(String::as_str));
        let mut t = Table::new(&header);
        for (years, cells) in rows {
            let mut row = vec![Cell::Text(years)];
            for c in &columns {
                row.push(match cells.iter().find(|(m, _)| m == c) {
                    Some((_, v)) => v.clone(),
                    None => absent(c),
                });
            }
            t.push(row);
        }
        t.set_message(format!(
            "stats {}, one row per step: each step keeps the edges of its years",
            describe(years)
        ));
        Ok(t)
    }

    /// `over ... centrality METRIC NODE`: the node's score and rank at each step.
    fn centrality_series(
        &self,
        years: Years,
        q: &CentralityQuery<'_>,
        ix: NodeIndex,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let name = q.metric.as_str();
        let integral = matches!(q.metric, Metric::Degree | Metric::KCore);
        let mut t = Table::new(&["years", name, "rank", "ranked", "has an edge"]);
        let v = ix.index();
        for time in years.steps() {
            let s = self.scored(q, time, span)?;
            let rank = self.ranks(&s, |_| true);
            let ranked = s.present.iter().filter(|&&p| p).count();
            let x = s.scores[v];
            t.push(vec![
                Cell::Text(time.span.to_string()),
                if integral && x.is_finite() {
                    Cell::Int(x as i64)
                } else {
                    Cell::Float(x)
                },
                if rank[v] == 0 {
                    Cell::Null
                } else {
                    Cell::Int(rank[v].into())
                },
                Cell::Int(ranked as i64),
                Cell::text(if s.present[v] { "yes" } else { "no" }),
            ]);
        }
        let on = match q.over {
            Some(over) => format!(" on the projection{over}"),
            None => String::new(),
        };
        t.set_message(format!(
            "{name} of {} {}{on}, one row per step: its score and its rank among the nodes with an edge then (`ranked` of them)",
            self.graph.node(ix).name,
            describe(years)
        ));
        Ok(t)
    }
    /// `draw over ...`: the series as a line chart: the counts of `stats` that share a scale
    /// (nodes with an edge, edges, components, the largest one), or the node's score.
    pub(super) fn draw_series(
        &self,
        series: &Statement,
        file: &str,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let Statement::Series {
            years,
            statement,
            node,
        } = series
        else {
            return Err(ExecError::Refused {
                message: "only a time series is drawn as a chart".into(),
                span: span.clone(),
                help: "write `draw over Y1..Y2 stats PATH.svg`".into(),
            });
        };
        let t = self.series(*years, statement, node.as_ref(), span)?;
        let (title, wanted): (String, Vec<&str>) = match statement.as_ref() {
            Statement::Centrality { metric, .. } => {
                let name = node
                    .as_ref()
                    .and_then(|n| self.graph.resolve(&n.text).ok())
                    .map_or(String::new(), |ix| self.graph.node(ix).name.to_string());
                (
                    format!("{} of {name}, {}", metric.as_str(), describe(*years)),
                    vec![metric.as_str()],
                )
            }
            _ => (
                format!("stats {}", describe(*years)),
                vec![
                    "nodes with an edge",
                    "edges",
                    "edges in the undirected simple view",
                    "components",
                    "largest component",
                ],
            ),
        };
        let column = |name: &str| -> Option<Vec<Option<f64>>> {
            let i = t.column(name)?;
            Some(
                t.rows()
                    .iter()
                    .map(|r| match r[i] {
                        Cell::Int(x) => Some(x as f64),
                        Cell::Float(x) => Some(x),
                        _ => None,
                    })
                    .collect(),
            )
        };
        let steps: Vec<String> = t
            .rows()
            .iter()
            .map(|r| match &r[0] {
                Cell::Text(s) => s.clone(),
                _ => String::new(),
            })
            .collect();
        let chart = Chart {
            title,
            subtitle: format!("{} · {}", self.graph_name(), self.undated(years.strict)),
            steps,
            series: wanted
                .iter()
                .filter_map(|name| {
                    column(name).map(|values| ChartSeries {
                        name: name.to_string(),
                        values,
                    })
                })
                .collect(),
        };
        self.check_cancel()?;
        let svg = line_chart(&chart);
        write(file, span, svg.as_bytes())?;
        Ok(Table::default().with_message(format!(
            "drew {} of {} steps to {file}",
            chart
                .series
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            chart.steps.len()
        )))
    }
}

/// "over 2012..2016 step 2" (whether strict, the header's last line says).
fn describe(years: Years) -> String {
    Years {
        strict: false,
        ..years
    }
    .to_string()
}
