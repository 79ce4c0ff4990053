//! Reading graphs: graph sources (TOML, checked with diagnostics), edge lists, the compiled-in
//! seed graph, and `open`, which decides from a path which of them it names.

mod atomic;
pub mod budget;
mod edgelist;
mod open;
mod read;
mod seed;
mod source;

pub use atomic::write_atomic;
#[cfg(test)]
pub(crate) use edgelist::node as edge_list_node;
pub use edgelist::{load_edge_list, load_edge_list_within};
pub use open::{open, LoadError, Unsupported};
pub use read::{read_bytes, read_text, utf8, ReadError, MAX_TEXT};
pub use seed::{seed_documents, seed_graph};
pub use source::{load_sources, DocError, DocReader, SourceFile};
