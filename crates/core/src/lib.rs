//! The clustergraph graph model, graph sources with diagnostics, and analytics.
//!
//! ```
//! let g = clustergraph_core::seed_graph();
//! let le2c = g.resolve("LE2C").unwrap();
//! assert_eq!(g.node(le2c).id, "le2c");
//! ```

pub mod adjacency;
pub mod algo;
pub mod csr;
pub mod diagnostic;
pub mod edgelist;
pub mod graph;
pub mod model;
pub mod names;
pub mod open;
pub mod seed;
pub mod source;
pub mod yen;

pub use adjacency::{Adjacency, IdOrder, Incidence};
pub use algo::{AlgoError, View, Work};
pub use csr::Csr;
pub use diagnostic::Diagnostic;
pub use graph::{Candidate, KnowledgeGraph, Unresolved};
pub use model::{
    Attrs, Date, DocId, Document, Edge, Node, NodeKind, Period, Provenance, Rel, Value,
};
pub use open::{open, LoadError};
pub use petgraph::graph::{EdgeIndex, NodeIndex};
pub use petgraph::Direction;
pub use seed::seed_graph;
