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

/// Where a node or edge comes from: a document and the sentence that states it, or, for a
/// table (a spreadsheet's sheet, a CSV file), the row and the cells of it that state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub doc: DocId,
    /// The sentence, or the row's cells that state the fact (`Column: value`, as written).
    pub quote: String,
    /// The row of a table document the fact is read from; `None` for a sentence of a text.
    pub row: Option<RowRef>,
}

/// A row of a table document: its sheet (when the document has several) and its number as the
/// spreadsheet shows it (the header is row 1, the first record row 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowRef {
    pub sheet: Option<SharedText>,
    pub row: u32,
}

impl Provenance {
    /// A sentence of a text document.
    pub fn sentence(doc: DocId, quote: impl Into<String>) -> Provenance {
        Provenance {
            doc,
            quote: quote.into(),
            row: None,
        }
    }

    /// The cells `quote` of a row of a table document.
    pub fn row(doc: DocId, row: RowRef, quote: impl Into<String>) -> Provenance {
        Provenance {
            doc,
            quote: quote.into(),
            row: Some(row),
        }
    }

    /// How listings name the source: the document's key, with the sheet and row when the
    /// fact is read from a table (`keep-closed-2014-2020.xlsx, Partners row 2053`).
    pub fn cite(&self, doc: &Document) -> String {
        match &self.row {
            None => doc.key.clone(),
            Some(RowRef {
                sheet: Some(sheet),
                row,
            }) => format!("{}, {sheet} row {row}", doc.key),
            Some(RowRef { sheet: None, row }) => format!("{}, row {row}", doc.key),
        }
    }
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

/// A directed, typed edge, as loaders make it and [`crate::KnowledgeGraph::add_edge`] takes it.
///
/// Most edges of a large graph (every edge of an edge list without weights) have no date,
/// attributes or provenance. The graph keeps an edge in columns ([`crate::EdgeColumns`]: its
/// ends and type, and the number of its detail in a side table for the edges that have
/// one); it is read back as an [`EdgeView`].
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub rel: Rel,
    detail: Option<Box<EdgeDetail>>,
}

/// What an edge may carry besides its type.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct EdgeDetail {
    date: Option<Period>,
    attrs: Attrs,
    provenance: Vec<Provenance>,
}

impl EdgeDetail {
    /// The edge's citations, to add some.
    pub(crate) fn provenance_mut(&mut self) -> &mut Vec<Provenance> {
        &mut self.provenance
    }
}

/// The attributes of an edge that has none.
pub(super) static NO_ATTRS: Attrs = Attrs::new();

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
        self.view().date()
    }

    /// The edge's attributes (role, session title, weight, ...).
    pub fn attrs(&self) -> &Attrs {
        self.detail.as_ref().map_or(&NO_ATTRS, |d| &d.attrs)
    }

    /// The documents and sentences the edge comes from.
    pub fn provenance(&self) -> &[Provenance] {
        self.detail.as_ref().map_or(&[], |d| &d.provenance)
    }

    /// The edge's citations, to add some.
    pub fn provenance_mut(&mut self) -> &mut Vec<Provenance> {
        &mut self.detail.get_or_insert_default().provenance
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

    /// The edge read as the graph gives it back.
    pub fn view(&self) -> EdgeView<'_> {
        EdgeView {
            rel: self.rel,
            detail: self.detail.as_deref(),
        }
    }

    /// Its type and its detail, if it has one.
    pub(crate) fn into_parts(self) -> (Rel, Option<Box<EdgeDetail>>) {
        (self.rel, self.detail)
    }
}

/// An edge as the graph holds it: its type and the number of its detail in the graph's side
/// table of details (none for a bare edge), 8 bytes where an [`Edge`] takes 16.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeSlot {
    pub(crate) rel: Rel,
    pub(crate) detail: u32,
}

impl EdgeSlot {
    /// The detail number of an edge without date, attributes or provenance.
    pub(crate) const NONE: u32 = u32::MAX;
}

/// An edge of a graph, read: its type, and its date, attributes and provenance, borrowed from
/// the graph ([`crate::KnowledgeGraph::edge`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeView<'a> {
    pub rel: Rel,
    detail: Option<&'a EdgeDetail>,
}

impl<'a> EdgeView<'a> {
    /// The edge of this type and detail.
    pub(crate) fn new(rel: Rel, detail: Option<&'a EdgeDetail>) -> EdgeView<'a> {
        EdgeView { rel, detail }
    }

    /// When the edge held, if known.
    pub fn date(&self) -> Option<Period> {
        self.detail.and_then(|d| d.date)
    }

    /// The edge's attributes (role, session title, weight, ...).
    pub fn attrs(&self) -> &'a Attrs {
        self.detail.map_or(&NO_ATTRS, |d| &d.attrs)
    }

    /// The documents and sentences the edge comes from.
    pub fn provenance(&self) -> &'a [Provenance] {
        self.detail.map_or(&[], |d| &d.provenance)
    }

    /// An owned copy of the edge, to add it to another graph.
    pub fn to_edge(&self) -> Edge {
        Edge {
            rel: self.rel,
            detail: self.detail.map(|d| Box::new(d.clone())),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_keeps_an_edge_in_8_bytes_and_reads_it_back_whole() {
        assert_eq!(std::mem::size_of::<EdgeSlot>(), 8);
        let rel = Rel::linked();
        let mut e = Edge::plain(rel);
        assert_eq!(e.view().to_edge(), e);
        e.set_date(Some(Period::parse("2020").unwrap()));
        e.provenance_mut().push(Provenance::sentence(0, "stated"));
        let v = e.view();
        assert_eq!(v.to_edge(), e);
        assert_eq!((v.rel, v.date(), v.provenance().len()), (rel, e.date(), 1));
    }
}
