//! Read-only views of the knowledge graph that the analytics run on.

mod adjacency;
mod csr;
mod projection;

pub use adjacency::{Adjacency, IdOrder, Incidence, Incidences};
pub use csr::Csr;
pub use projection::{project, Projection, ProjectionError, MAX_PROJECTED_PAIRS};
