//! The sentences an edge rests on, best first: every answer that shows an edge carries all of
//! them (an edge may cite several, and parallel edges of one type between the same ends are
//! one fact told several times), and a table shows the one that best names both ends.

use clustergraph_core::names::fold;
use clustergraph_core::{EdgeIndex, KnowledgeGraph, NodeIndex};

use crate::table::{Cell, Citation};

/// Every sentence of `edges` (an edge and its parallels, between `a` and `b`), without
/// repeats, best first: ranked by how well each names both ends, ties in source order.
pub(crate) fn citations(
    g: &KnowledgeGraph,
    edges: &[EdgeIndex],
    a: NodeIndex,
    b: NodeIndex,
) -> Vec<Citation> {
    let mut list: Vec<Citation> = Vec::new();
    for &e in edges {
        for p in g.edge(e).provenance() {
            // The document's key, with the sheet and row of a fact read from a table.
            let source = p.cite(g.document(p.doc));
            if !list
                .iter()
                .any(|c| c.source == source && c.quote == p.quote)
            {
                list.push(Citation {
                    source,
                    quote: p.quote.clone(),
                });
            }
        }
    }
    if list.len() > 1 {
        let (ka, kb) = (keys(g, a), keys(g, b));
        let mut scored: Vec<(f64, Citation)> = list
            .into_iter()
            .map(|c| {
                let text = format!(" {} ", fold(&c.quote));
                (names(&ka, &text) + names(&kb, &text), c)
            })
            .collect();
        // Stable: equal scores keep the order the sources give.
        scored.sort_by(|x, y| y.0.total_cmp(&x.0));
        list = scored.into_iter().map(|(_, c)| c).collect();
    }
    list
}

/// The two cells of a row that shows an edge: the best sentence's document (`source`), and
/// every sentence, best first (`quote`: a terminal shows the best one and says how many more
/// there are, JSON lists them all with their documents).
pub(super) fn cells(list: Vec<Citation>) -> [Cell; 2] {
    match list.first() {
        Some(best) => [Cell::text(&best.source), Cell::Evidence(list)],
        None => [Cell::Null, Cell::Null],
    }
}

/// A node's names as a sentence may hold them: id, name and aliases, folded, each as its
/// words.
fn keys(g: &KnowledgeGraph, ix: NodeIndex) -> Vec<Vec<String>> {
    let n = g.node(ix);
    let mut keys: Vec<Vec<String>> = [n.id.as_str(), n.name.as_str()]
        .into_iter()
        .chain(n.aliases.iter().map(String::as_str))
        .map(|k| fold(k).split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|k: &Vec<String>| k.iter().any(|w| !w.is_empty()))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// How well a folded sentence (padded with spaces) names a node: 1 when it holds one of its
/// names whole, otherwise at most one half, for the share of a name's words it holds.
fn names(keys: &[Vec<String>], text: &str) -> f64 {
    let mut best: f64 = 0.0;
    for words in keys {
        if text.contains(&format!(" {} ", words.join(" "))) {
            return 1.0;
        }
        let held = words
            .iter()
            .filter(|w| text.contains(&format!(" {w} ")))
            .count();
        best = best.max(0.5 * held as f64 / words.len() as f64);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use clustergraph_core::{Attrs, Document, Edge, Node, NodeKind, Provenance, Rel};

    fn node(id: &str, name: &str, aliases: &[&str]) -> Node {
        Node {
            id: id.into(),
            kind: NodeKind::Cluster,
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            attrs: Attrs::new(),
            provenance: vec![],
        }
    }

    #[test]
    fn the_sentence_that_names_both_ends_comes_first_and_none_is_lost() {
        let mut g = KnowledgeGraph::new();
        let doc = g.add_document(Document {
            key: "ctl-2016".into(),
            title: "t".into(),
            language: "it".into(),
            file: None,
            date: None,
            publisher: None,
            url: None,
        });
        let le2c = g
            .add_node(node("le2c", "Lombardy Energy Cleantech Cluster", &["LE2C"]))
            .unwrap();
        let ctl = g
            .add_node(node("ctl", "Cluster Tecnologici Lombardi", &["9CTL"]))
            .unwrap();
        let cite = |q: &str| Provenance::sentence(doc, q);
        let rel = Rel::parse("member_of").unwrap();
        let mut edge = |quotes: [&str; 2]| {
            let cites = quotes.iter().map(|q| cite(q)).collect();
            g.add_edge(le2c, ctl, Edge::new(rel, None, Attrs::new(), cites))
        };
        let e1 = edge([
            "che vede 6 cluster su 9 partecipare",
            "Il Cluster LE2C è stato selezionato",
        ]);
        // A parallel edge of the same type: its sentences count too, repeats once.
        let e2 = edge(["I 9CTL con LE2C", "che vede 6 cluster su 9 partecipare"]);
        let list = citations(&g, &[e1, e2], le2c, ctl);
        let quotes: Vec<&str> = list.iter().map(|c| c.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "I 9CTL con LE2C",
                "Il Cluster LE2C è stato selezionato",
                "che vede 6 cluster su 9 partecipare"
            ]
        );
        let [source, all] = cells(list);
        assert_eq!(source, Cell::text("ctl-2016"));
        assert!(
            matches!(all, Cell::Evidence(l) if l.len() == 3 && l[0].quote == "I 9CTL con LE2C")
        );
        assert_eq!(cells(Vec::new()), [Cell::Null, Cell::Null]);
    }
}
