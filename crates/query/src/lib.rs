//! The clustergraph statement language: a lexer and a parser with spans, and an executor that
//! turns statements into tables. It knows nothing of terminals: rendering is the binary's job.
//!
//! The language is defined once, in [`grammar`]: the parser, `help`, completion and hints
//! ([`complete`]) read it.
//!
//! ```
//! let g = clustergraph_core::seed_graph();
//! let queries = clustergraph_query::parse("show LE2C").unwrap();
//! let mut session = clustergraph_query::Session::new(g);
//! let outcome = session.execute(&queries[0]).unwrap();
//! assert!(!outcome.table().rows().is_empty());
//! ```

pub mod ast;
pub mod complete;
pub mod cypher;
pub mod error;
pub mod exec;
pub mod grammar;
pub mod help;
pub mod lexer;
pub mod parser;
pub mod table;
pub mod time;

pub use ast::{
    CommunityMethod, Dir, DrawWhat, ExportFormat, Format, Metric, NodeRef, Query, Span, Statement,
};
pub use error::{ExecError, SyntaxError};
pub use exec::{diff_table, info_table, Outcome, Progress, Session};
pub use grammar::{OptionKind, StatementKind};
pub use parser::{parse, parse_statement, split_statements};
pub use table::{Cell, Citation, EdgeCell, NodeCell, Table};
pub use time::TimeFilter;

/// The largest `depth` a statement takes. Depth bounds a walk, and no graph this tool reads
/// has a diameter near it, so it only refuses numbers that are surely typos.
pub const MAX_DEPTH: u64 = 1_000_000;

/// How many paths `paths` lists when the statement says no `max`.
pub const DEFAULT_PATHS: usize = 5;
