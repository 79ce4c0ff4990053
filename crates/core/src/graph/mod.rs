//! The knowledge graph: a directed graph of typed nodes and edges (indexed by petgraph's
//! `NodeIndex` and `EdgeIndex`), with an id index and a folded-name index for lookups.

mod bulk;
mod edges;
mod id_index;
mod lookup;
pub mod names;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use crate::diagnostic::Diagnostic;
use crate::model::{
    node_detail_mut, node_slot, DocId, Document, Edge, EdgeDetail, EdgeSlot, EdgeView, Node,
    NodeDetail, NodeSlot, NodeView, SharedText,
};
pub(crate) use id_index::IdIndex;
use names::{fold, initials};

pub(crate) use bulk::edge_columns;
pub use bulk::BulkError;
pub use edges::EdgeColumns;
pub use lookup::{Candidate, Unresolved};

/// A map from texts (ids, folded keys), hashed by foldhash: several times faster than std's
/// SipHash on short keys (filling the indexes was a quarter of a snapshot's load), and seeded
/// at random per map, so that crafted ids cannot make every key collide.
type Index<V> = HashMap<SharedText, V, foldhash::fast::RandomState>;

/// The knowledge graph.
///
/// Nodes are never removed, so a `NodeIndex` stays valid for the graph's life; it is never
/// persisted (snapshots and exports use ids).
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    /// The nodes, by index, as 24-byte slots (their id, kind and the number of their detail
    /// in `node_details`).
    nodes: Vec<NodeSlot>,
    /// The names other than the id, aliases, attributes and provenance of the nodes that have
    /// any, by detail number.
    node_details: Vec<NodeDetail>,
    /// The edges, by index: their ends, types and detail numbers in `details` (see
    /// `edges.rs`), shared with the adjacencies made from the graph.
    edges: Arc<EdgeColumns>,
    /// Each node's edges by direction, for [`KnowledgeGraph::edges_of`], made on first use.
    node_edges: edges::LazyNodeEdges,
    /// The dates, attributes and provenance of the edges that have any, by detail number.
    details: Vec<EdgeDetail>,
    documents: Vec<Document>,
    /// Node numbers by id, the ids read from `nodes`.
    by_id: IdIndex,
    /// Folded id, name and aliases → nodes, for exact lookups; but for the keys of the nodes
    /// whose id is their only key ([`names::folds_to_itself`], no other name, no aliases:
    /// every node of a numbered edge list), which `by_id` holds already (see
    /// [`KnowledgeGraph::nodes_keyed`]).
    by_key: Index<Vec<NodeIndex>>,
    /// Every (folded key, node) pair, for ranked searches; but for the nodes that are their
    /// own key, which `by_id` holds (see [`KnowledgeGraph::every_key`]).
    keys: Vec<(SharedText, NodeIndex)>,
    /// The initials of multi-word names and aliases → nodes ([`names::initials`]).
    by_initials: Index<Vec<NodeIndex>>,
    /// What the loader found worth saying that did not stop it (nodes and edges that cite
    /// no document).
    warnings: Vec<Diagnostic>,
    /// What the graph was built from, in order (a snapshot records them).
    origins: Vec<Origin>,
}

/// One thing a graph was built from: a file or folder and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// What was read: `graph source`, `graph source folder`, `edge list`, `snapshot`,
    /// `built-in`.
    pub kind: String,
    /// Where: the absolute path as it was opened (`graphs/seeds` for the built-in graph).
    pub path: String,
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph with room for this many nodes and edges.
    pub fn with_capacity(nodes: usize, edges: usize) -> Self {
        KnowledgeGraph {
            nodes: Vec::with_capacity(nodes),
            edges: Arc::new(EdgeColumns::with_capacity(edges)),
            by_id: IdIndex::with_capacity(nodes),
            ..Self::default()
        }
    }

    pub fn add_document(&mut self, doc: Document) -> DocId {
        self.documents.push(doc);
        (self.documents.len() - 1) as DocId
    }

    /// Adds a node; returns the existing node's index as the error if the id is taken.
    pub fn add_node(&mut self, node: Node) -> Result<NodeIndex, NodeIndex> {
        if let Some(ix) = self.by_id(node.id.as_str()) {
            return Err(ix);
        }
        self.push_node(node);
        let ix = NodeIndex::new(self.nodes.len() - 1);
        self.node_edges.take();
        Ok(ix)
    }

    /// Adds a node whose id is not taken as the last of `nodes`, entered in the id index and
    /// the folded key and initials indexes (what [`add_node`](Self::add_node) and
    /// [`from_parts`](Self::from_parts) share).
    fn push_node(&mut self, node: Node) {
        self.push_unindexed(node);
        self.by_id.insert_last(&self.nodes);
    }

    /// Adds a node as the last of `nodes`, entered in the folded key and initials indexes
    /// but not in the id index: for a loader that makes the id index beside the nodes
    /// ([`IdIndex::of_ids`]) and gives it with [`set_id_index`](Self::set_id_index).
    pub(crate) fn push_unindexed(&mut self, node: Node) {
        let i = self.nodes.len();
        self.index_keys(NodeIndex::new(i), node.view());
        self.nodes.push(node_slot(&mut self.node_details, node));
    }

    /// Makes room for this many more nodes (but in the id index).
    pub(crate) fn reserve_nodes(&mut self, more: usize) {
        self.nodes.reserve_exact(more);
    }

    /// Gives the graph the id index of its nodes, made from their ids in order.
    pub(crate) fn set_id_index(&mut self, by_id: IdIndex) {
        debug_assert_eq!(by_id.iter().count(), self.nodes.len());
        self.by_id = by_id;
    }

    /// Enters node `ix` in the folded key and initials indexes.
    fn index_keys(&mut self, ix: NodeIndex, node: NodeView<'_>) {
        let id = node.id;
        // An id that is its only key, named by itself and without aliases (every node of an
        // edge list with numeric or lowercase ids): no folding, no initials (one word).
        // The id index stands for its entries in `by_key` and `keys` (`nodes_keyed`,
        // `every_key`).
        if node.aliases.is_empty() && node.name == id && names::folds_to_itself(id) {
            return;
        }
        // A name that is the id is folded once.
        let name = (node.name != id).then_some(node.name.as_str());
        let mut keys: Vec<String> = std::iter::once(id.as_str())
            .chain(name)
            .chain(node.aliases.iter().map(String::as_str))
            .map(fold)
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        // The initials of the name and aliases (none for names of one word).
        let mut short: Vec<String> = std::iter::once(node.name.as_str())
            .chain(node.aliases.iter().map(String::as_str))
            .flat_map(initials)
            .collect();
        short.sort_unstable();
        short.dedup();
        for k in keys {
            // One text for the id, its key and the list of keys when the id is its own key.
            let k = if k == *id.as_str() {
                id.clone()
            } else {
                SharedText::from(k)
            };
            let list = self.by_key.entry(k.clone()).or_default();
            list.push(ix);
            self.keys.push((k, ix));
        }
        for k in short {
            self.by_initials.entry(k.into()).or_default().push(ix);
        }
    }

    /// A node's attributes and provenance, to change them; its id, name and aliases are
    /// indexed, so they change only through [`KnowledgeGraph::add_aliases`].
    pub fn node_detail_mut(
        &mut self,
        ix: NodeIndex,
    ) -> (&mut crate::model::Attrs, &mut Vec<crate::model::Provenance>) {
        let d = node_detail_mut(&mut self.node_details, &mut self.nodes[ix.index()]);
        (&mut d.attrs, &mut d.provenance)
    }

    /// Adds names a node is also known by (those it has already are skipped), indexed for
    /// lookups as its own are.
    pub fn add_aliases(&mut self, ix: NodeIndex, aliases: impl IntoIterator<Item = String>) {
        for a in aliases {
            let n = self.node(ix);
            if n.name.as_str() == a || n.aliases.contains(&a) {
                continue;
            }
            let k = fold(&a);
            node_detail_mut(&mut self.node_details, &mut self.nodes[ix.index()])
                .aliases
                .push(a);
            if k.is_empty() {
                continue;
            }
            // The id of a node that is its own key is a key of it that `by_key` leaves out.
            let own = names::folds_to_itself(&k) && self.by_id(&k) == Some(ix);
            let list = self.by_key.entry(SharedText::from(k.as_str())).or_default();
            if !own && !list.contains(&ix) {
                list.push(ix);
                self.keys.push((SharedText::from(k), ix));
            }
        }
    }

    /// An edge's citations, to add some.
    pub fn edge_provenance_mut(&mut self, ix: EdgeIndex) -> &mut Vec<crate::model::Provenance> {
        let mut d = self.edges.detail(ix.index());
        if d == EdgeSlot::NONE {
            d = detail_number(self.details.len());
            self.details.push(EdgeDetail::default());
            Arc::make_mut(&mut self.edges).set_detail(ix.index(), d);
        }
        self.details[d as usize].provenance_mut()
    }

    /// Adds an edge from `from` to `to`.
    ///
    /// # Panics
    ///
    /// If either end is not a node of the graph, or the graph has 2³² − 1 edges.
    pub fn add_edge(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) -> EdgeIndex {
        let n = self.nodes.len();
        assert!(
            from.index() < n && to.index() < n,
            "an edge joins nodes of its graph"
        );
        let e = detail_number(self.edges.len());
        let slot = slot(&mut self.details, edge);
        Arc::make_mut(&mut self.edges).push(from.index() as u32, to.index() as u32, slot);
        self.node_edges.take();
        EdgeIndex::new(e as usize)
    }

    /// What the graph was built from, in the order it was read.
    pub fn origins(&self) -> &[Origin] {
        &self.origins
    }

    /// Records one more thing the graph was built from.
    pub fn add_origin(&mut self, origin: Origin) {
        self.origins.push(origin);
    }

    /// The edges as columns (ends and types by edge index), for views that read them all.
    pub fn edge_columns(&self) -> &Arc<EdgeColumns> {
        &self.edges
    }

    /// Node `ix`: its id, kind, name, aliases, attributes and provenance.
    pub fn node(&self, ix: NodeIndex) -> NodeView<'_> {
        let slot = &self.nodes[ix.index()];
        NodeView::new(slot, self.node_details.get(slot.detail as usize))
    }

    /// Edge `ix`: its type, date, attributes and provenance.
    pub fn edge(&self, ix: EdgeIndex) -> EdgeView<'_> {
        let (rel, d) = (self.edges.rel[ix.index()], self.edges.detail(ix.index()));
        EdgeView::new(rel, self.details.get(d as usize))
    }

    /// The type of edge `ix` (what [`edge`](Self::edge) gives, without its detail).
    pub fn rel(&self, ix: EdgeIndex) -> crate::model::Rel {
        self.edges.rel[ix.index()]
    }

    /// The ends of edge `ix`, source first.
    pub fn endpoints(&self, ix: EdgeIndex) -> (NodeIndex, NodeIndex) {
        let e = ix.index();
        (
            NodeIndex::new(self.edges.source[e] as usize),
            NodeIndex::new(self.edges.target[e] as usize),
        )
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The loader's warnings: problems that did not stop it, each at its place in a source.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Sets the loader's warnings.
    pub fn set_warnings(&mut self, warnings: Vec<Diagnostic>) {
        self.warnings = warnings;
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id as usize]
    }

    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.nodes.len()).map(NodeIndex::new)
    }

    pub fn edge_indices(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        (0..self.edges.len()).map(EdgeIndex::new)
    }

    /// The nodes of which the folded text `key` is a key (their folded id, name or an
    /// alias), in no set order: those `by_key` lists, and the node whose id is `key` if its
    /// id is its own key (such nodes are in `by_id` alone).
    pub(crate) fn nodes_keyed(&self, key: &str) -> Vec<NodeIndex> {
        let mut list = self.by_key.get(key).cloned().unwrap_or_default();
        if names::folds_to_itself(key) {
            if let Some(ix) = self.by_id(key) {
                if !list.contains(&ix) {
                    list.push(ix);
                }
            }
        }
        list
    }

    /// Every (folded key, node) pair, in no set order, some twice: those `keys` lists, and
    /// every id that is its own key.
    pub(crate) fn every_key(&self) -> impl Iterator<Item = (&SharedText, NodeIndex)> + '_ {
        let own = self
            .by_id
            .iter()
            .map(|i| (&self.nodes[i as usize].id, NodeIndex::new(i as usize)))
            .filter(|(id, _)| names::folds_to_itself(id));
        self.keys.iter().map(|(k, ix)| (k, *ix)).chain(own)
    }

    /// The node with exactly this id.
    pub fn by_id(&self, id: &str) -> Option<NodeIndex> {
        self.by_id
            .get(&self.nodes, id)
            .map(|i| NodeIndex::new(i as usize))
    }

    /// The edges leaving (`Outgoing`) or entering (`Incoming`) a node, in insertion order:
    /// (edge, the node at the other end).
    pub fn edges_of(
        &self,
        ix: NodeIndex,
        dir: Direction,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + '_ {
        let lists = self
            .node_edges
            .get_or_init(|| edges::NodeEdges::new(self.nodes.len(), &self.edges));
        let others = match dir {
            Direction::Outgoing => &self.edges.target,
            Direction::Incoming => &self.edges.source,
        };
        lists.of(ix.index(), dir).iter().map(move |&e| {
            (
                EdgeIndex::new(e as usize),
                NodeIndex::new(others[e as usize] as usize),
            )
        })
    }
}

/// The slot of `edge` in a graph whose side table of details is `details`, its detail (if
/// any) moved to the end of the table.
pub(crate) fn slot(details: &mut Vec<EdgeDetail>, edge: Edge) -> EdgeSlot {
    let (rel, detail) = edge.into_parts();
    let detail = match detail {
        None => EdgeSlot::NONE,
        Some(d) => {
            details.push(*d);
            detail_number(details.len() - 1)
        }
    };
    EdgeSlot { rel, detail }
}

/// A detail's number as a slot holds it. A graph has fewer than 2³² − 1 edges (its edge
/// indices are `u32`s), hence fewer details.
pub(crate) fn detail_number(i: usize) -> u32 {
    u32::try_from(i)
        .ok()
        .filter(|&i| i != EdgeSlot::NONE)
        .expect("a graph holds fewer than 2^32 - 1 edges")
}
