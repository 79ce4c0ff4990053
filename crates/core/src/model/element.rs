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
///
/// Most edges of a large graph (every edge of an edge list without weights) have no date,
/// attributes or provenance: those live out of line, in one allocation that only the edges
/// having any of them pay for, so that a bare edge takes 16 bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub rel: Rel,
    detail: Option<Box<EdgeDetail>>,
}

/// What an edge may carry besides its type.
#[derive(Clone, Debug, Default, PartialEq)]
struct EdgeDetail {
    date: Option<Period>,
    attrs: Attrs,
    provenance: Vec<Provenance>,
}

/// The attributes of an edge that has none.
static NO_ATTRS: Attrs = Attrs::new();

impl Edge {
    /// An edge with no date, attributes or provenance.
    pub fn plain(rel: Rel) -> Edge {
        Edge { rel, detail: None }
    }

    /// An edge with its date, attributes and provenance (stored out of line only if there is
    /// any).
    pub fn new(rel: Rel, date: Option<Period>, attrs: Attrs, provenance: Vec<Provenance>) -> Edge {
        let bare = date.is_none() && attrs.is_empty() && provenance.is_empty();
        Edge {
            rel,
            detail: (!bare).then(|| {
                Box::new(EdgeDetail {
                    date,
                    attrs,
                    provenance,
                })
            }),
        }
    }

    /// When the edge held, if known.
    pub fn date(&self) -> Option<Period> {
        self.detail.as_ref().and_then(|d| d.date)
    }

    /// The edge's attributes (role, session title, weight, ...).
    pub fn attrs(&self) -> &Attrs {
        self.detail.as_ref().map_or(&NO_ATTRS, |d| &d.attrs)
    }

    /// The documents and sentences the edge comes from.
    pub fn provenance(&self) -> &[Provenance] {
        self.detail.as_ref().map_or(&[], |d| &d.provenance)
    }

    /// Sets when the edge held.
    pub fn set_date(&mut self, date: Option<Period>) {
        if date.is_some() || self.detail.is_some() {
            self.detail.get_or_insert_default().date = date;
        }
    }

    /// The edge's attributes, to change them.
    pub fn attrs_mut(&mut self) -> &mut Attrs {
        &mut self.detail.get_or_insert_default().attrs
    }
}

/// Whether `s` is a valid node id: a non-empty lowercase slug of `a-z`, `0-9`, `-`, `_`, `.`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}
