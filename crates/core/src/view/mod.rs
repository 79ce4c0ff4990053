//! Read-only views of the knowledge graph that the analytics run on.

mod csr;

pub use csr::Csr;
