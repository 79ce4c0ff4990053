//! Pattern queries: the read-only Cypher that Neo4j users type, on this graph.
//!
//! `MATCH` of comma-separated path patterns (labels are node kinds, relationship types are
//! relations, both without regard to case), `OPTIONAL MATCH`, `WHERE`, `WITH` and `RETURN`
//! with `DISTINCT`, aggregates (`count`, `collect`, `min`, `max`, `sum`, `avg`) and implicit
//! grouping, `ORDER BY`, `SKIP` and `LIMIT`; then, as after every statement that reads edges,
//! the time filter (`in 2016`), which hides the edges of other times from the patterns.
//! `explain MATCH ...` prints the plan instead of running it.
//!
//! The pipeline is the crate's: `lexer` (tokens with spans), `parser` (the syntax tree of
//! `ast`, errors at a token with "did you mean"), `compile` (variables to row slots,
//! checked), then, when the query runs, `plan` (the order of each clause, from the graph's
//! statistics) and `exec` (matching over the cached adjacency, projections).
//! Semantics follow Neo4j: no relationship twice in one `MATCH` (variable lengths included),
//! nodes may repeat, three-valued logic, nulls last in ascending order.
//!
//! ```
//! let q = clustergraph_query::parse(
//!     "MATCH (c:Cluster)-[:member_of]->(n:Network) RETURN n.name AS network, count(*) AS clusters ORDER BY clusters DESC LIMIT 3",
//! ).unwrap();
//! let mut session = clustergraph_query::Session::seed();
//! let table = session.execute(&q[0]).unwrap().into_table();
//! assert_eq!(table.columns(), ["network", "clusters"]);
//! assert!(!table.rows().is_empty());
//! ```

pub(crate) mod ast;
pub(crate) mod compile;
pub(crate) mod exec;
pub(crate) mod lexer;
pub(crate) mod parser;
pub(crate) mod plan;
pub(crate) mod project;
pub(crate) mod value;

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;

use crate::ast::Span;
use crate::error::SyntaxError;

/// The default of the row limit (`set rows N`): the most rows a clause of a pattern query may
/// hold before it stops with a message.
pub const DEFAULT_MAX_ROWS: usize = 5_000_000;

/// A parsed and checked pattern query, and its text (which it prints back as).
#[derive(Clone)]
pub struct PatternQuery {
    pub(crate) program: Arc<compile::Program>,
    text: String,
}

impl PatternQuery {
    /// The query as written, from `MATCH` to the end of `RETURN`'s clause.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Shows the query as written: the compiled program is the executor's business.
impl fmt::Debug for PatternQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PatternQuery")
            .field("text", &self.text)
            .finish()
    }
}

/// Equal when written alike (spans and white space at the ends aside).
impl PartialEq for PatternQuery {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl fmt::Display for PatternQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Parses and checks the query at `text[span]`; returns it and the offset where it stopped
/// (the end, or the `in` of a time filter after it).
pub(crate) fn parse(text: &str, span: Span) -> Result<(PatternQuery, usize), SyntaxError> {
    let (query, stop) = parser::parse(text, span.clone())?;
    let program = compile::compile(&query)?;
    let written = text
        .get(span.start..stop)
        .unwrap_or_default()
        .trim()
        .to_string();
    Ok((
        PatternQuery {
            program: Arc::new(program),
            text: written,
        },
        stop,
    ))
}
