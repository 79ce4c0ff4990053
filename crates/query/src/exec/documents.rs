//! `documents` and `show DOCUMENT`: the sources as first-class things, each with what the
//! graph took from it.

use clustergraph_core::{DocId, Document, NodeIndex};

use super::Session;
use crate::table::{Cell, NodeCell, Table};
use crate::time::TimeFilter;

impl Session {
    /// The document whose key is `text` (in any case), unless a node has that id: `show`
    /// shows a node first.
    pub(super) fn document_named(&self, text: &str) -> Option<DocId> {
        let g = &self.graph;
        if g.by_id(text).is_some() {
            return None;
        }
        g.documents()
            .iter()
            .position(|d| d.key.eq_ignore_ascii_case(text))
            .map(|i| i as DocId)
    }

    /// Every document, in the sources' order, with how many nodes and edges cite it.
    pub(super) fn documents(&self) -> Table {
        let g = &self.graph;
        let (mut nodes, mut edges) = (
            vec![0i64; g.documents().len()],
            vec![0i64; g.documents().len()],
        );
        for n in g.node_indices() {
            for d in cited(g.node(n).provenance.iter().map(|p| p.doc)) {
                nodes[d as usize] += 1;
            }
        }
        for e in g.edge_indices() {
            for d in cited(g.edge(e).provenance().iter().map(|p| p.doc)) {
                edges[d as usize] += 1;
            }
        }
        let mut t = Table::new(&[
            "key",
            "title",
            "date",
            "publisher",
            "language",
            "nodes",
            "edges",
        ]);
        for (i, d) in g.documents().iter().enumerate() {
            t.push(vec![
                Cell::text(&d.key),
                Cell::text(&d.title),
                Cell::opt_text(d.date.map(|p| p.to_string())),
                Cell::opt_text(d.publisher.clone()),
                Cell::text(&d.language),
                Cell::Int(nodes[i]),
                Cell::Int(edges[i]),
            ]);
        }
        if t.rows().is_empty() {
            t.set_message("the graph cites no document");
        }
        t
    }

    /// One document: its attributes, then every node and every edge (in time) that cites
    /// it, each with the sentences it quotes from it.
    pub(super) fn show_document(&self, doc: DocId, time: Option<TimeFilter>) -> Table {
        let g = &self.graph;
        let d: &Document = g.document(doc);
        let mut t = Table::new(&["part", "key", "value", "edge", "to", "date", "quote"]);
        let attr = |t: &mut Table, k: &str, v: Option<String>| {
            if let Some(v) = v {
                t.push(vec![
                    Cell::text("attr"),
                    Cell::text(k),
                    Cell::Text(v),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                ]);
            }
        };
        attr(&mut t, "key", Some(d.key.clone()));
        attr(&mut t, "title", Some(d.title.clone()));
        attr(&mut t, "date", d.date.map(|p| p.to_string()));
        attr(&mut t, "publisher", d.publisher.clone());
        attr(&mut t, "language", Some(d.language.clone()));
        attr(&mut t, "url", d.url.clone());
        attr(&mut t, "file", d.file.clone());
        let quotes = |prov: &[clustergraph_core::Provenance]| {
            Cell::texts(
                prov.iter()
                    .filter(|p| p.doc == doc)
                    .map(|p| p.quote.clone())
                    .collect(),
            )
        };
        let node = |ix: NodeIndex| Cell::Node(NodeCell::of(g, ix));
        for n in g.node_indices() {
            let q = quotes(g.node(n).provenance);
            if q != Cell::Null {
                t.push(vec![
                    Cell::text("node"),
                    Cell::text(g.node(n).kind.as_str()),
                    node(n),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    q,
                ]);
            }
        }
        for e in g.edge_indices().filter(|e| self.in_time(*e, time)) {
            let edge = g.edge(e);
            let q = quotes(edge.provenance());
            if q != Cell::Null {
                let (a, b) = g.endpoints(e);
                t.push(vec![
                    Cell::text("edge"),
                    Cell::Null,
                    node(a),
                    Cell::Text(format!("-{}->", edge.rel)),
                    node(b),
                    Cell::opt_text(edge.date().map(|p| p.to_string())),
                    q,
                ]);
            }
        }
        t
    }
}

/// The documents a list of citations names, each once.
fn cited(docs: impl Iterator<Item = DocId>) -> Vec<DocId> {
    let mut v: Vec<DocId> = docs.collect();
    v.sort_unstable();
    v.dedup();
    v
}
