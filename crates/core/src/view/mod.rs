//! Read-only views of the knowledge graph that the analytics run on.

mod adjacency;
mod csr;

pub use adjacency::{Adjacency, IdOrder, Incidence, Incidences};
pub use csr::Csr;
