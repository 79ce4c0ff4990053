//! The edges of a graph as columns: each edge's ends, type and detail number by edge index.
//!
//! A graph of millions of edges (an edge list) keeps 9 bytes an edge here: two node numbers
//! and a type; the number of a detail (date, attributes, provenance) only once some edge has
//! one. Petgraph's `DiGraph` kept 24 (the ends, the weight and two links of its per-node
//! lists); every traversal and analytic reads the [`crate::Adjacency`] made from these
//! columns, so the links were paid for and never walked. The columns are shared, not copied,
//! with the adjacency made from the graph.

use std::sync::OnceLock;

use petgraph::Direction;

use crate::model::{EdgeSlot, Rel};

/// The edge columns; see the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EdgeColumns {
    pub(crate) source: Vec<u32>,
    pub(crate) target: Vec<u32>,
    pub(crate) rel: Vec<Rel>,
    /// Each edge's detail number ([`EdgeSlot::NONE`] for a bare edge); empty while no edge
    /// has a detail.
    pub(crate) detail: Vec<u32>,
}

impl EdgeColumns {
    /// Columns with room for this many edges (none of them detailed).
    pub(crate) fn with_capacity(m: usize) -> EdgeColumns {
        EdgeColumns {
            source: Vec::with_capacity(m),
            target: Vec::with_capacity(m),
            rel: Vec::with_capacity(m),
            detail: Vec::new(),
        }
    }

    /// Columns of these ends and types, no edge detailed.
    pub(crate) fn from_ends(source: Vec<u32>, target: Vec<u32>, rel: Vec<Rel>) -> EdgeColumns {
        debug_assert!(source.len() == target.len() && target.len() == rel.len());
        EdgeColumns {
            source,
            target,
            rel,
            detail: Vec::new(),
        }
    }

    /// The number of edges.
    pub fn len(&self) -> usize {
        self.source.len()
    }

    /// Whether there are no edges.
    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
    }

    /// The edges' types, by edge index.
    pub fn rels(&self) -> &[Rel] {
        &self.rel
    }

    /// Edge `e`'s detail number, [`EdgeSlot::NONE`] if it has none.
    pub(crate) fn detail(&self, e: usize) -> u32 {
        self.detail.get(e).copied().unwrap_or(EdgeSlot::NONE)
    }

    /// Sets edge `e`'s detail number, making the column on the first detail.
    pub(crate) fn set_detail(&mut self, e: usize, d: u32) {
        if self.detail.is_empty() {
            if d == EdgeSlot::NONE {
                return;
            }
            self.detail = vec![EdgeSlot::NONE; self.source.len()];
        }
        self.detail[e] = d;
    }

    /// Adds an edge.
    pub(crate) fn push(&mut self, a: u32, b: u32, slot: EdgeSlot) {
        self.source.push(a);
        self.target.push(b);
        self.rel.push(slot.rel);
        if self.detail.is_empty() {
            self.set_detail(self.source.len() - 1, slot.detail);
        } else {
            self.detail.push(slot.detail);
        }
    }

    /// The bytes the columns hold on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.source.capacity() * 4
            + self.target.capacity() * 4
            + self.rel.capacity()
            + self.detail.capacity() * 4
    }
}

/// Each node's leaving and entering edges, in edge order: what
/// [`crate::KnowledgeGraph::edges_of`] reads, made on its first call (8 bytes an edge) and
/// dropped when the graph changes.
#[derive(Clone, Debug, Default)]
pub(crate) struct NodeEdges {
    out_offsets: Vec<u32>,
    out: Vec<u32>,
    in_offsets: Vec<u32>,
    inn: Vec<u32>,
}

impl NodeEdges {
    /// The lists of `n` nodes joined by `edges`, dealt by a counting sort, so each list is in
    /// edge order.
    pub(crate) fn new(n: usize, edges: &EdgeColumns) -> NodeEdges {
        let (out_offsets, out) = deal(n, &edges.source);
        let (in_offsets, inn) = deal(n, &edges.target);
        NodeEdges {
            out_offsets,
            out,
            in_offsets,
            inn,
        }
    }

    /// The edges of node `v` in direction `dir`, in edge order.
    pub(crate) fn of(&self, v: usize, dir: Direction) -> &[u32] {
        let (offsets, list) = match dir {
            Direction::Outgoing => (&self.out_offsets, &self.out),
            Direction::Incoming => (&self.in_offsets, &self.inn),
        };
        &list[offsets[v] as usize..offsets[v + 1] as usize]
    }
}

/// The edge numbers grouped by their end in `ends`, in edge order within each group, and the
/// groups' offsets.
fn deal(n: usize, ends: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let mut offsets = vec![0u32; n + 1];
    for &a in ends {
        offsets[a as usize + 1] += 1;
    }
    for i in 1..offsets.len() {
        offsets[i] += offsets[i - 1];
    }
    let mut fill = offsets[..n].to_vec();
    let mut list = vec![0u32; ends.len()];
    for (e, &a) in ends.iter().enumerate() {
        let slot = &mut fill[a as usize];
        list[*slot as usize] = e as u32;
        *slot += 1;
    }
    (offsets, list)
}

/// A lazily made [`NodeEdges`], cleared by every change of the graph.
pub(crate) type LazyNodeEdges = OnceLock<NodeEdges>;
