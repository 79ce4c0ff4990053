//! Nodes and edges, the documents they cite, and where each fact comes from.

use super::{Attrs, NodeKind, Period, Rel, SharedText};

/// A source document that nodes and edges cite.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub key: String,
    pub title: String,
    pub language: String,
    /// The file name as the source gave it (relative to that source).
    pub file: Option<String>,
    /// The publication date, or the span it is known to fall in.
    pub date: Option<Period>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

/// Index of a document in [`crate::KnowledgeGraph::documents`].
pub type DocId = u32;

/// Where a node or edge comes from: a document and the sentence that states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub doc: DocId,
    pub quote: String,
}

/// A node of the knowledge graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Shared, not copied, by the tables that show the node: a listing of a million nodes
    /// costs a million reference counts, not two million allocations.
    pub id: SharedText,
    pub kind: NodeKind,
    pub name: SharedText,
    pub aliases: Vec<String>,
    pub attrs: Attrs,
    pub provenance: Vec<Provenance>,
}

/// A directed, typed edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub rel: Rel,
    pub date: Option<Period>,
    pub attrs: Attrs,
    pub provenance: Vec<Provenance>,
}

impl Edge {
    /// An edge with no date, attributes or provenance.
    pub fn plain(rel: Rel) -> Edge {
        Edge {
            rel,
            date: None,
            attrs: Attrs::new(),
            provenance: Vec::new(),
        }
    }
}

/// Whether `s` is a valid node id: a non-empty lowercase slug of `a-z`, `0-9`, `-`, `_`, `.`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}
