//! Reading and writing graphs: graph sources (TOML, checked with diagnostics), edge lists, the
//! compiled-in seed graph, the exchange formats (GraphML, GEXF, node-link JSON, DOT, Neo4j
//! CSV), and `open`, which decides from a path which of them it names.

pub mod atomic;
pub mod budget;
mod dot;
mod edgelist;
mod exchange;
mod gexf;
mod graphml;
mod join;
pub mod keep;
mod neo4j_csv;
mod nodelink;
mod open;
mod read;
mod seed;
mod source;

pub use atomic::write_atomic;
#[cfg(test)]
pub(crate) use edgelist::node as edge_list_node;
pub use edgelist::{load_edge_list, load_edge_list_within};
pub use exchange::{export, ExportError, ExportFormat, Selection, Written};
pub use graphml::read_graphml;
pub use join::join;
pub use neo4j_csv::{read_csv, CsvFiles};
pub use nodelink::read_node_link;
pub use open::{open, open_all, LoadError, Unsupported};
pub use read::{read_bytes, read_text, utf8, ReadError, MAX_TEXT};
pub use seed::{seed_documents, seed_graph};
pub use source::{load_sources, DocError, DocReader, SourceFile};
