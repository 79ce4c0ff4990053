//! Reading graphs: graph sources (TOML, checked with diagnostics), edge lists, the compiled-in
//! seed graph, and `open`, which decides from a path which of them it names.

pub mod budget;
mod edgelist;
mod join;
pub mod keep;
mod open;
mod read;
mod seed;
mod source;

pub use edgelist::{load_edge_list, load_edge_list_within};
pub use join::join;
pub use open::{open, open_all, LoadError, Unsupported};
pub use read::{read_bytes, read_text, utf8, ReadError, MAX_TEXT};
pub use seed::{seed_documents, seed_graph};
pub use source::{load_sources, DocError, DocReader, SourceFile};
