//! Lookups by id, name or alias: exact ones through the folded-name index, ranked ones by
//! match score, ties broken by the natural id order.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use super::names::{fold, id_order, score, INITIALS_SCORE, SUGGESTION_THRESHOLD};
use super::KnowledgeGraph;
use crate::model::NodeKind;

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

impl KnowledgeGraph {
    /// The node with this id, or the only node with this name or alias (folded): the exact
    /// part of [`resolve`](Self::resolve), with no fuzzy search.
    pub fn lookup_exact(&self, text: &str) -> Option<NodeIndex> {
        if let Some(ix) = self.by_id(text) {
            return Some(ix);
        }
        match self.nodes_keyed(&fold(text)).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Resolves what an analyst typed — an id, a name or an alias, in any case, with or
    /// without accents, or the initials of one multi-word name (`MAECI`) — to one node.
    /// Initials that several names share are not a match but candidates.
    pub fn resolve(&self, text: &str) -> Result<NodeIndex, Unresolved> {
        if let Some(ix) = self.by_id(text) {
            return Ok(ix);
        }
        let key = fold(text);
        let mut list = self.nodes_keyed(&key);
        if !list.is_empty() {
            list.sort_by(|a, b| id_order(self.node(*a).id, self.node(*b).id));
            if list.len() == 1 {
                return Ok(list[0]);
            }
            return Err(Unresolved::Ambiguous(
                list.into_iter()
                    .map(|node| Candidate { node, score: 1.0 })
                    .collect(),
            ));
        }
        if let Some([one]) = self.by_initials.get(key.as_str()).map(Vec::as_slice) {
            return Ok(*one);
        }
        Err(Unresolved::Unknown(self.near_misses(text, None, 5)))
    }

    /// Nodes whose id, name or alias matches `text`, best first (ties by id), optionally of
    /// some kinds only, at most `limit` of them.
    pub fn search(&self, text: &str, kinds: Option<&[NodeKind]>, limit: usize) -> Vec<Candidate> {
        let query = fold(text);
        let mut best: HashMap<NodeIndex, f64> = HashMap::new();
        for (key, ix) in self.every_key() {
            if let Some(kinds) = kinds {
                if !kinds.contains(&self.node(ix).kind) {
                    continue;
                }
            }
            let s = score(&query, key);
            if s > 0.0 {
                let e = best.entry(ix).or_insert(0.0);
                if s > *e {
                    *e = s;
                }
            }
        }
        // Initials: one lookup, under every better match of the same node.
        for ix in self.by_initials.get(query.as_str()).into_iter().flatten() {
            if kinds.is_none_or(|k| k.contains(&self.node(*ix).kind)) {
                let e = best.entry(*ix).or_insert(0.0);
                *e = e.max(INITIALS_SCORE);
            }
        }
        let mut out: Vec<Candidate> = best
            .into_iter()
            .map(|(node, score)| Candidate { node, score })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| id_order(self.node(a.node).id, self.node(b.node).id))
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
    use crate::model::{Attrs, Edge, Node, Rel};

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
    fn multi_word_names_are_found_by_their_initials_below_exact_matches() {
        let mut g = sample();
        g.add_node(node(
            "ecc",
            NodeKind::Event,
            "European Cluster Conference",
            &[],
        ))
        .unwrap();
        g.add_node(node(
            "ecc-2016",
            NodeKind::Event,
            "European Cluster Conference 2016",
            &[],
        ))
        .unwrap();
        g.add_node(node("eco", NodeKind::Event, "ECO", &["Eco Camp Connect"]))
            .unwrap();
        let hits = g.search("ECC", None, 10);
        let ids: Vec<&str> = hits.iter().map(|c| g.node(c.node).id.as_str()).collect();
        // The id `ecc` exactly, then a prefix of `ecc 2016`, then initials (an alias's too),
        // then only typos.
        assert_eq!(ids[..3], ["ecc", "ecc-2016", "eco"]);
        assert_eq!(hits[2].score, INITIALS_SCORE);
        assert!(hits[3..].iter().all(|c| c.score < INITIALS_SCORE));
        // Initials of one name resolve; initials several names share are candidates.
        assert_eq!(g.node(g.resolve("icn").unwrap()).id, "icn");
        assert_eq!(g.node(g.resolve("eq").unwrap()).id, "ecotech-quebec");
        assert_eq!(g.node(g.resolve("MMAdS").unwrap()).id, "milano-metropoli");
        // A kind filter applies to initials as to names.
        assert!(g.search("eq", Some(&[NodeKind::City]), 10).is_empty());
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
