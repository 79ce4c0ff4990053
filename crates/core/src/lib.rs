//! The clustergraph graph model, graph sources with diagnostics, and analytics.
//!
//! ```
//! let g = clustergraph_core::seed_graph();
//! let le2c = g.resolve("LE2C").unwrap();
//! assert_eq!(g.node(le2c).id, "le2c");
//! ```

pub mod algo;
pub mod diagnostic;
pub mod graph;
pub mod io;
pub mod model;
pub mod snapshot;
pub mod view;

pub use algo::{AlgoError, View, Work};
pub use diagnostic::{printable, Diagnostic};
pub use graph::{names, Candidate, EdgeColumns, KnowledgeGraph, Origin, Unresolved};
pub use io::{join, open, open_all, seed_graph, DocError, LoadError, ReadError, Unsupported};
pub use model::{
    Attrs, Date, DateError, DocId, Document, Edge, EdgeView, Node, NodeKind, NodeView, Period,
    Provenance, Rel, RowRef, SharedText, Value,
};
pub use petgraph::graph::{EdgeIndex, NodeIndex};
pub use petgraph::Direction;
pub use view::{
    project, Adjacency, Csr, IdOrder, Incidence, Incidences, Projection, ProjectionError,
    MAX_PROJECTED_PAIRS,
};
