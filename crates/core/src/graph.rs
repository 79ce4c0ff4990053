//! The knowledge graph: a petgraph directed graph of typed nodes and edges, with an id index
//! and a name index for lookups.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::model::{DocId, Document, Edge, Node, NodeKind};
use crate::names::{fold, id_order, score, SUGGESTION_THRESHOLD};

/// A node found by a name lookup, with how well it matched (0 to 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub node: NodeIndex,
    pub score: f64,
}

/// Why a name did not resolve to exactly one node.
#[derive(Clone, Debug, PartialEq)]
pub enum Unresolved {
    /// Several nodes have this name or alias; they are listed, by id.
    Ambiguous(Vec<Candidate>),
    /// No node has this id, name or alias; the nearest ones are listed, best first.
    Unknown(Vec<Candidate>),
}

/// The knowledge graph.
///
/// Nodes are never removed, so a `NodeIndex` stays valid for the graph's life; it is never
/// persisted (snapshots and exports use ids).
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge, u32>,
    documents: Vec<Document>,
    by_id: HashMap<String, NodeIndex>,
    /// Folded id, name and aliases → nodes, for exact lookups.
    by_key: HashMap<String, Vec<NodeIndex>>,
    /// Every (folded key, node) pair, for ranked searches.
    keys: Vec<(String, NodeIndex)>,
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph with room for this many nodes and edges.
    pub fn with_capacity(nodes: usize, edges: usize) -> Self {
        KnowledgeGraph {
            graph: DiGraph::with_capacity(nodes, edges),
            by_id: HashMap::with_capacity(nodes),
            by_key: HashMap::with_capacity(nodes),
            keys: Vec::with_capacity(nodes),
            ..Self::default()
        }
    }

    pub fn add_document(&mut self, doc: Document) -> DocId {
        self.documents.push(doc);
        (self.documents.len() - 1) as DocId
    }

    /// Adds a node; returns the existing node's index as the error if the id is taken.
    pub fn add_node(&mut self, node: Node) -> Result<NodeIndex, NodeIndex> {
        if let Some(&ix) = self.by_id.get(&node.id) {
            return Err(ix);
        }
        let mut keys: Vec<String> = std::iter::once(&node.id)
            .chain(std::iter::once(&node.name))
            .chain(node.aliases.iter())
            .map(|s| fold(s))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        let id = node.id.clone();
        let ix = self.graph.add_node(node);
        self.by_id.insert(id, ix);
        for k in keys {
            let list = self.by_key.entry(k.clone()).or_default();
            list.push(ix);
            self.keys.push((k, ix));
        }
        Ok(ix)
    }

    pub fn add_edge(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) -> EdgeIndex {
        self.graph.add_edge(from, to, edge)
    }

    /// The underlying petgraph graph, for algorithms and traversals.
    pub fn graph(&self) -> &DiGraph<Node, Edge, u32> {
        &self.graph
    }

    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.graph[ix]
    }

    pub fn edge(&self, ix: EdgeIndex) -> &Edge {
        &self.graph[ix]
    }

    pub fn endpoints(&self, ix: EdgeIndex) -> (NodeIndex, NodeIndex) {
        self.graph
            .edge_endpoints(ix)
            .expect("edge indices come from this graph")
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id as usize]
    }

    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices()
    }

    pub fn edge_indices(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.graph.edge_indices()
    }

    /// The node with exactly this id.
    pub fn by_id(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// The edges leaving (`Outgoing`) or entering (`Incoming`) a node, in insertion order:
    /// (edge, the node at the other end).
    pub fn edges_of(
        &self,
        ix: NodeIndex,
        dir: Direction,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + '_ {
        let mut v: Vec<(EdgeIndex, NodeIndex)> = self
            .graph
            .edges_directed(ix, dir)
            .map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                (e.id(), other)
            })
            .collect();
        // petgraph lists a node's edges newest first; the source order reads better.
        v.sort_by_key(|(e, _)| *e);
        v.into_iter()
    }

    /// The node with this id, or the only node with this name or alias (folded): the exact
    /// part of [`resolve`](Self::resolve), with no fuzzy search.
    pub fn lookup_exact(&self, text: &str) -> Option<NodeIndex> {
        if let Some(ix) = self.by_id(text) {
            return Some(ix);
        }
        match self.by_key.get(&fold(text))?.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Resolves what an analyst typed — an id, a name or an alias, in any case, with or
    /// without accents — to one node.
    pub fn resolve(&self, text: &str) -> Result<NodeIndex, Unresolved> {
        if let Some(ix) = self.by_id(text) {
            return Ok(ix);
        }
        let key = fold(text);
        if let Some(list) = self.by_key.get(&key) {
            let mut list = list.clone();
            list.sort_by(|a, b| id_order(&self.graph[*a].id, &self.graph[*b].id));
            if list.len() == 1 {
                return Ok(list[0]);
            }
            return Err(Unresolved::Ambiguous(
                list.into_iter()
                    .map(|node| Candidate { node, score: 1.0 })
                    .collect(),
            ));
        }
        Err(Unresolved::Unknown(self.near_misses(text, None, 5)))
    }

    /// Nodes whose id, name or alias matches `text`, best first (ties by id), optionally of
    /// some kinds only, at most `limit` of them.
    pub fn search(&self, text: &str, kinds: Option<&[NodeKind]>, limit: usize) -> Vec<Candidate> {
        let query = fold(text);
        let mut best: HashMap<NodeIndex, f64> = HashMap::new();
        for (key, ix) in &self.keys {
            if let Some(kinds) = kinds {
                if !kinds.contains(&self.graph[*ix].kind) {
                    continue;
                }
            }
            let s = score(&query, key);
            if s > 0.0 {
                let e = best.entry(*ix).or_insert(0.0);
                if s > *e {
                    *e = s;
                }
            }
        }
        let mut out: Vec<Candidate> = best
            .into_iter()
            .map(|(node, score)| Candidate { node, score })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| id_order(&self.graph[a.node].id, &self.graph[b.node].id))
        });
        out.truncate(limit);
        out
    }

    /// The nodes nearest to `text` that are worth a "did you mean", best first, at most `n`.
    pub fn near_misses(&self, text: &str, kinds: Option<&[NodeKind]>, n: usize) -> Vec<Candidate> {
        let mut v = self.search(text, kinds, n);
        v.retain(|c| c.score >= SUGGESTION_THRESHOLD);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attrs, Rel};

    fn node(id: &str, kind: NodeKind, name: &str, aliases: &[&str]) -> Node {
        Node {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            attrs: Attrs::new(),
            provenance: vec![],
        }
    }

    fn sample() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        let a = g
            .add_node(node(
                "ecotech-quebec",
                NodeKind::Cluster,
                "Ecotech Québec",
                &[],
            ))
            .unwrap();
        let b = g
            .add_node(node(
                "icn",
                NodeKind::Network,
                "International Cleantech Network",
                &["ICN"],
            ))
            .unwrap();
        g.add_node(node("milan", NodeKind::City, "Milano", &["Milan"]))
            .unwrap();
        g.add_node(node(
            "milano-metropoli",
            NodeKind::Organisation,
            "Milano Metropoli Agenzia di Sviluppo",
            &["Milano"],
        ))
        .unwrap();
        g.add_edge(a, b, Edge::plain(Rel::parse("member_of").unwrap()));
        g
    }

    #[test]
    fn resolves_ids_names_and_aliases_without_accents() {
        let g = sample();
        let ix = g.resolve("Ecotech Quebec").unwrap();
        assert_eq!(g.node(ix).id, "ecotech-quebec");
        assert_eq!(g.node(g.resolve("icn").unwrap()).id, "icn");
        assert_eq!(
            g.node(g.resolve("international cleantech NETWORK").unwrap())
                .id,
            "icn"
        );
    }

    #[test]
    fn ambiguous_and_unknown_names_list_candidates() {
        let g = sample();
        match g.resolve("Milano") {
            Err(Unresolved::Ambiguous(c)) => {
                let ids: Vec<_> = c.iter().map(|c| g.node(c.node).id.as_str()).collect();
                assert_eq!(ids, ["milan", "milano-metropoli"]);
            }
            other => panic!("{other:?}"),
        }
        match g.resolve("Ecotek Quebec") {
            Err(Unresolved::Unknown(c)) => assert_eq!(g.node(c[0].node).id, "ecotech-quebec"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut g = sample();
        assert!(g
            .add_node(node("icn", NodeKind::Network, "Other", &[]))
            .is_err());
    }

    #[test]
    fn search_filters_by_kind_and_ranks() {
        let g = sample();
        let hits = g.search("milano", Some(&[NodeKind::Organisation]), 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(g.node(hits[0].node).id, "milano-metropoli");
    }
}
