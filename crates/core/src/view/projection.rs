//! The projection of a graph onto nodes of some kinds: two of them linked when they share a
//! neighbour through edges of some types (organisations linked when they partner in one
//! project), as NetworkX's `bipartite.projected_graph` does, keeping on each link the number of
//! neighbours shared (`bipartite.weighted_projected_graph`'s `weight`).
//!
//! Node `i` of the projected [`Csr`] is `nodes[i]` of the graph; the nodes are every node of
//! the kinds, in index order, with or without links (as `projected_graph(B, nodes)` keeps them).
//! Building it costs about the sum, over the shared nodes, of their degree squared.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Adjacency, Csr};
use crate::graph::KnowledgeGraph;
use crate::model::{NodeKind, Rel};

/// The projected graph, with the count of shared neighbours on each link.
#[derive(Clone, Debug)]
pub struct Projection {
    /// The projected nodes: node `i` of `csr` is `nodes[i]` of the graph.
    pub nodes: Vec<NodeIndex>,
    /// The undirected simple projected graph.
    pub csr: Csr,
    /// Aligned with the entries of `csr`: how many neighbours the two ends share.
    shared: Vec<u32>,
}

impl Projection {
    /// The neighbours of projected node `v` with the number of neighbours each shares with it.
    pub fn links(&self, v: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let first = self.csr.offset(v);
        self.csr
            .neighbours(v)
            .iter()
            .enumerate()
            .map(move |(i, &w)| (w, self.shared[first + i]))
    }

    /// The number of links (each counted once).
    pub fn edge_count(&self) -> usize {
        self.csr.entry_count() / 2
    }
}

/// Why a projection was not built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectionError {
    /// It would hold more than `limit` links (counted before merging repeats: the sum over
    /// shared nodes of the pairs of projected nodes they join).
    TooLarge { pairs: u64, limit: u64 },
}

impl std::fmt::Display for ProjectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProjectionError::TooLarge { pairs, limit } => write!(
                f,
                "the projection would join {pairs} pairs of nodes through shared neighbours, \
                 more than the {limit} it may hold"
            ),
        }
    }
}

impl std::error::Error for ProjectionError {}

/// How many pairs (counted through each shared neighbour) a projection may hold: 50 million,
/// about 400 MB while it is built.
pub const MAX_PROJECTED_PAIRS: u64 = 50_000_000;

/// Projects `g` onto its nodes of `kinds`: two are linked when some third node is a neighbour
/// of both through edges of the types `via` (any type if empty) that `keep` accepts, in either
/// direction. Refuses when more than `limit` pairs would be joined.
pub fn project(
    g: &KnowledgeGraph,
    adj: &Adjacency,
    kinds: &[NodeKind],
    via: &[Rel],
    keep: impl Fn(EdgeIndex) -> bool,
    limit: u64,
) -> Result<Projection, ProjectionError> {
    let n = g.node_count();
    let nodes: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&ix| kinds.contains(&g.node(ix).kind))
        .collect();
    let mut place = vec![u32::MAX; n];
    for (i, ix) in nodes.iter().enumerate() {
        place[ix.index()] = i as u32;
    }
    let follows = |e: EdgeIndex| (via.is_empty() || via.contains(&adj.rel(e))) && keep(e);
    // The projected nodes next to `w` through followed edges, each once (the adjacency orders
    // a node's incidences by the other end, so repeats are adjacent).
    let members = |w: u32, out: &mut Vec<u32>| {
        out.clear();
        for inc in adj.incidences(w) {
            let p = place[inc.other.index()];
            if p != u32::MAX
                && inc.other.index() != w as usize
                && follows(inc.edge)
                && out.last() != Some(&p)
            {
                out.push(p);
            }
        }
    };
    // The guard, before anything is allocated for the links.
    let mut buffer = Vec::new();
    let mut pairs = 0u64;
    for w in 0..n as u32 {
        members(w, &mut buffer);
        let d = buffer.len() as u64;
        pairs += d * d.saturating_sub(1);
    }
    if pairs / 2 > limit {
        return Err(ProjectionError::TooLarge {
            pairs: pairs / 2,
            limit,
        });
    }
    // Each projected node's links, by walking to its shared neighbours and back; a dense
    // counter per projected node, reset after each.
    let mut count = vec![0u32; nodes.len()];
    let mut shared = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut through: Vec<u32> = Vec::new();
    let csr = Csr::from_lists(nodes.len(), (pairs as usize).min(1 << 24), |v, out| {
        let u = nodes[v];
        through.clear();
        for inc in adj.incidences(u.index() as u32) {
            if inc.other != u
                && follows(inc.edge)
                && through.last() != Some(&(inc.other.index() as u32))
            {
                through.push(inc.other.index() as u32);
            }
        }
        for &w in &through {
            members(w, &mut buffer);
            for &p in &buffer {
                if p as usize != v {
                    if count[p as usize] == 0 {
                        touched.push(p);
                    }
                    count[p as usize] += 1;
                }
            }
        }
        touched.sort_unstable();
        for &p in &touched {
            out.push(p);
            shared.push(count[p as usize]);
            count[p as usize] = 0;
        }
        touched.clear();
    });
    Ok(Projection { nodes, csr, shared })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node};

    fn rel(name: &str) -> Rel {
        Rel::parse(name).unwrap()
    }

    fn graph() -> KnowledgeGraph {
        // Organisations a, b, c, d; projects p, q, r; a city x.
        // a, b in p, q, r; c in r; d in no project but in city x with a.
        let mut g = KnowledgeGraph::new();
        for (id, kind) in [
            ("a", NodeKind::Organisation),
            ("b", NodeKind::Organisation),
            ("c", NodeKind::Organisation),
            ("d", NodeKind::Organisation),
            ("p", NodeKind::Project),
            ("q", NodeKind::Project),
            ("r", NodeKind::Project),
            ("x", NodeKind::City),
        ] {
            g.add_node(Node {
                id: id.into(),
                kind,
                name: id.into(),
                aliases: Vec::new(),
                attrs: Default::default(),
                provenance: Vec::new(),
            })
            .unwrap();
        }
        for (a, r, b) in [
            ("a", "partner_in", "p"),
            ("a", "leads", "q"),
            ("a", "partner_in", "r"),
            ("b", "partner_in", "p"),
            ("b", "partner_in", "q"),
            ("b", "leads", "r"),
            ("b", "partner_in", "r"),
            ("c", "partner_in", "r"),
            ("a", "located_in", "x"),
            ("d", "located_in", "x"),
        ] {
            let (a, b) = (g.by_id(a).unwrap(), g.by_id(b).unwrap());
            g.add_edge(a, b, Edge::plain(rel(r)));
        }
        g
    }

    fn links(p: &Projection, g: &KnowledgeGraph) -> Vec<(String, String, u32)> {
        let mut out = Vec::new();
        for v in 0..p.nodes.len() as u32 {
            for (w, c) in p.links(v) {
                out.push((
                    g.node(p.nodes[v as usize]).id.to_string(),
                    g.node(p.nodes[w as usize]).id.to_string(),
                    c,
                ));
            }
        }
        out
    }

    #[test]
    fn links_count_the_shared_neighbours() {
        let g = graph();
        let adj = Adjacency::new(&g);
        let kinds = [NodeKind::Organisation];
        let p = project(
            &g,
            &adj,
            &kinds,
            &[rel("partner_in"), rel("leads")],
            |_| true,
            100,
        )
        .unwrap();
        assert_eq!(p.nodes.len(), 4, "d stays, alone");
        let s = |a: &str, b: &str, c| (a.to_string(), b.to_string(), c);
        // b both leads and partners in r: r is one shared project, not two.
        assert_eq!(
            links(&p, &g),
            vec![
                s("a", "b", 3),
                s("a", "c", 1),
                s("b", "a", 3),
                s("b", "c", 1),
                s("c", "a", 1),
                s("c", "b", 1)
            ]
        );
        assert_eq!(p.edge_count(), 3);
        // Through any edge type, the city joins a and d too.
        let p = project(&g, &adj, &kinds, &[], |_| true, 100).unwrap();
        assert_eq!(p.edge_count(), 4);
        // Only q's edges kept: a and b share one project.
        let q = g.by_id("q").unwrap();
        let p = project(&g, &adj, &kinds, &[], |e| adj.endpoints(e).1 == q, 100).unwrap();
        assert_eq!(links(&p, &g), vec![s("a", "b", 1), s("b", "a", 1)]);
    }

    #[test]
    fn too_large_a_projection_is_refused() {
        let g = graph();
        let adj = Adjacency::new(&g);
        let err = project(&g, &adj, &[NodeKind::Organisation], &[], |_| true, 2).unwrap_err();
        assert_eq!(err, ProjectionError::TooLarge { pairs: 6, limit: 2 });
    }

    /// NetworkX 3.6.1: `B` with organisations a..e and projects p {a, b}, q {b, c}, r {c, d},
    /// s {a, b}; `bipartite.weighted_projected_graph(B, "abcde")` has the links a-b (weight 2),
    /// b-c and c-d (1), e alone; `betweenness_centrality` of `projected_graph(B, "abcde")` is
    /// 1/3 for b and c, 0 for the others (e counts among the nodes).
    #[test]
    fn betweenness_on_a_projection_is_networkx_s() {
        let mut g = KnowledgeGraph::new();
        let mut add = |id: &str, kind| {
            g.add_node(Node {
                id: id.into(),
                kind,
                name: id.into(),
                aliases: Vec::new(),
                attrs: Default::default(),
                provenance: Vec::new(),
            })
            .unwrap()
        };
        let orgs: Vec<NodeIndex> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|id| add(id, NodeKind::Organisation))
            .collect();
        let projects: Vec<NodeIndex> = ["p", "q", "r", "s"]
            .iter()
            .map(|id| add(id, NodeKind::Project))
            .collect();
        for (o, p) in [
            (0, 0),
            (1, 0),
            (1, 1),
            (2, 1),
            (2, 2),
            (3, 2),
            (0, 3),
            (1, 3),
        ] {
            g.add_edge(orgs[o], projects[p], Edge::plain(rel("partner_in")));
        }
        let adj = Adjacency::new(&g);
        let p = project(&g, &adj, &[NodeKind::Organisation], &[], |_| true, 100).unwrap();
        let weights: Vec<(u32, u32, u32)> = (0..5)
            .flat_map(|v| p.links(v).map(move |(w, c)| (v, w, c)))
            .filter(|(v, w, _)| v < w)
            .collect();
        assert_eq!(weights, [(0, 1, 2), (1, 2, 1), (2, 3, 1)]);
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let b = crate::algo::betweenness(
            crate::algo::View::Undirected(&p.csr),
            crate::algo::Work::new(&cancel),
        )
        .unwrap();
        let third = 1.0 / 3.0;
        for (got, want) in b.iter().zip([0.0, third, third, 0.0, 0.0]) {
            assert!((got - want).abs() < 1e-12, "{b:?}");
        }
    }
}
