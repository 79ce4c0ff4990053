//! Several graphs as one: `--graph A --graph B` and `open PATH add`. The nodes of the added
//! graph that denote a node already there become that node, by the rules and evidence of the
//! keep.eu organisation resolution, applied across graphs:
//!
//! - a country: the same name (case and accents aside);
//! - a region or a city: the same name, and the same place around it (a region, country or
//!   city that both are in), or, where the graph already there says nothing of where it is,
//!   the only node of that kind and name in each graph;
//! - an organisation, cluster or network: a place in common (a city, region or country both
//!   are in or belong to), and the same name, or an acronym of the one written in capitals in
//!   the other's name, or an acronym spelt out in the one (`SCC (smart cities and
//!   communities)`) whose words make the other's name (a region or city in common needed
//!   for the acronyms).
//!
//! A node of the added graph that would become two different nodes stays apart. Every join
//! is written on the node (`joined`: which node of which graph, and the evidence); the added
//! node's names become aliases, its attributes fill those missing, its citations are kept.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::graph::NodeIndex;

use crate::graph::names::fold;
use crate::graph::KnowledgeGraph;
use crate::model::{Edge, Node, NodeKind, NodeView, Rel, SharedText, Value};

/// How far from a node its places are looked for (organisation → city → NUTS 3 → 2 → 1 →
/// country).
const PLACE_DEPTH: usize = 5;

/// A place around a node: its folded name and whether it is a country.
type Places = HashSet<(String, bool)>;

/// The graph `base` with `added` joined to it.
pub fn join(base: KnowledgeGraph, added: &KnowledgeGraph) -> KnowledgeGraph {
    let matches = match_nodes(&base, added);
    let mut g = base;
    let doc_offset = g.documents().len() as u32;
    for d in added.documents() {
        g.add_document(d.clone());
    }
    let shift = |mut p: Vec<crate::model::Provenance>| {
        for x in &mut p {
            x.doc += doc_offset;
        }
        p
    };
    let mut map: Vec<NodeIndex> = Vec::with_capacity(added.node_count());
    for ix in added.node_indices() {
        let n = added.node(ix);
        if let Some((target, why)) = matches.get(&ix) {
            let mut names = vec![n.name.to_string()];
            names.extend(n.aliases.iter().cloned());
            g.add_aliases(*target, names);
            let (attrs, prov) = g.node_detail_mut(*target);
            for (k, v) in n.attrs {
                attrs.entry(k.clone()).or_insert_with(|| v.clone());
            }
            let line = format!("`{}` ({}): {why}", n.name, n.id);
            match attrs.get_mut("joined") {
                Some(Value::Str(s)) => {
                    s.push_str("; ");
                    s.push_str(&line);
                }
                _ => {
                    attrs.insert("joined".into(), Value::Str(line));
                }
            }
            prov.extend(shift(n.provenance.to_vec()));
            map.push(*target);
            continue;
        }
        let mut node = Node {
            provenance: shift(n.provenance.to_vec()),
            ..n.to_node()
        };
        let mut k = 2;
        while g.by_id(&node.id).is_some() {
            node.id = SharedText::from(format!("{}-{k}", n.id));
            k += 1;
        }
        map.push(g.add_node(node).unwrap_or_else(|ix| ix));
    }
    // An edge the join makes twice (two spellings of one city, each part of one region) is
    // kept once, with the citations of both.
    let mut seen: HashMap<(NodeIndex, NodeIndex, Rel), crate::EdgeIndex> = HashMap::new();
    for e in added.edge_indices() {
        let (a, b) = added.endpoints(e);
        let (a, b) = (map[a.index()], map[b.index()]);
        let edge = added.edge(e);
        let prov = shift(edge.provenance().to_vec());
        if let Some(&existing) = seen.get(&(a, b, edge.rel)) {
            if g.edge(existing).date() == edge.date() && g.edge(existing).attrs() == edge.attrs() {
                g.edge_provenance_mut(existing).extend(prov);
                continue;
            }
        }
        let new = Edge::new(edge.rel, edge.date(), edge.attrs().clone(), prov);
        let ix = g.add_edge(a, b, new);
        seen.entry((a, b, edge.rel)).or_insert(ix);
    }
    g
}

fn family(k: NodeKind) -> Option<u8> {
    match k {
        NodeKind::Country => Some(0),
        NodeKind::Region => Some(1),
        NodeKind::City => Some(2),
        NodeKind::Organisation | NodeKind::Cluster | NodeKind::Network => Some(3),
        _ => None,
    }
}

/// The places a node is in or belongs to: the cities, regions and countries reached along
/// `located_in`, `part_of` and `member_of`, and its `country` attribute.
fn places(g: &KnowledgeGraph, ix: NodeIndex) -> Places {
    let mut out = Places::new();
    let follow = ["located_in", "part_of", "member_of"].map(|r| Rel::parse(r).expect("catalogue"));
    let mut queue = VecDeque::from([(ix, 0usize)]);
    let mut seen = HashSet::from([ix]);
    while let Some((at, d)) = queue.pop_front() {
        let n = g.node(at);
        if let Some(Value::Str(c)) = n.attrs.get("country") {
            for c in c.split("; ") {
                out.insert((fold(c), true));
            }
        }
        if at != ix
            && matches!(
                n.kind,
                NodeKind::City | NodeKind::Region | NodeKind::Country
            )
        {
            let country = n.kind == NodeKind::Country;
            for name in std::iter::once(n.name.as_str()).chain(n.aliases.iter().map(String::as_str))
            {
                out.insert((fold(name), country));
            }
        }
        if d == PLACE_DEPTH {
            continue;
        }
        for (e, other) in g.edges_of(at, petgraph::Direction::Outgoing) {
            if follow.contains(&g.edge(e).rel) && seen.insert(other) {
                queue.push_back((other, d + 1));
            }
        }
    }
    out
}

fn names(n: NodeView<'_>) -> impl Iterator<Item = &str> {
    std::iter::once(n.name.as_str()).chain(n.aliases.iter().map(String::as_str))
}

/// An acronym: 3 to 8 capitals or digits, at least 3 letters.
fn is_acronym(s: &str) -> bool {
    (3..=8).contains(&s.chars().count())
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && s.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// `SCC (smart cities and communities)` → (`SCC`, the words of the expansion but `and`,
/// `of`, `for`, `the`), when the expansion's initials spell the acronym.
fn expansion(s: &str) -> Option<(String, Vec<String>)> {
    let (acr, rest) = s.split_once(" (")?;
    let inner = rest.strip_suffix(')')?;
    if !is_acronym(acr.trim()) {
        return None;
    }
    let words: Vec<String> = fold(inner)
        .split(' ')
        .filter(|w| !matches!(*w, "and" | "of" | "for" | "the" | "e" | "di" | "per"))
        .map(str::to_string)
        .collect();
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    (initials == acr.trim().to_lowercase()).then(|| (acr.trim().to_string(), words))
}

/// Why `a` (of the graph there) and `b` (of the added graph) are one node, or `None`.
fn evidence(
    base: &KnowledgeGraph,
    a: NodeIndex,
    added: &KnowledgeGraph,
    b: NodeIndex,
) -> Option<String> {
    let (na, nb) = (base.node(a), added.node(b));
    let fam = family(na.kind)?;
    if family(nb.kind)? != fam {
        return None;
    }
    let same_name = names(na)
        .map(fold)
        .find(|x| !x.is_empty() && names(nb).any(|y| fold(y) == *x));
    if fam == 0 {
        return same_name.map(|n| format!("the same country name `{n}`"));
    }
    let (pa, pb) = (places(base, a), places(added, b));
    let common: Vec<&(String, bool)> = pa.intersection(&pb).collect();
    let local = common
        .iter()
        .filter(|(_, country)| !country)
        .map(|(n, _)| n.as_str())
        .min();
    let country = common
        .iter()
        .filter(|(_, country)| *country)
        .map(|(n, _)| n.as_str())
        .min();
    let place = local.or(country).map(|p| format!("both in {p}"));
    if fam == 1 || fam == 2 {
        let n = same_name?;
        return match place {
            Some(p) => Some(format!("the same name `{n}`, {p}")),
            // The graph there says nothing of where it is: the name must be unique on both
            // sides (checked by the caller, which sees every candidate).
            None if pa.is_empty() => Some(format!(
                "the same name `{n}`, the only {} of that name in each graph",
                na.kind
            )),
            None => None,
        };
    }
    let place = place?;
    if let Some(n) = same_name {
        return Some(format!("the same name `{n}`, {place}"));
    }
    let local = local?;
    let written: HashSet<&str> = names(nb)
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .filter(|t| is_acronym(t))
        .collect();
    if let Some(acr) = names(na).find(|n| is_acronym(n) && written.contains(n)) {
        return Some(format!(
            "the acronym {acr} written in the name `{}`, both in {local}",
            nb.name
        ));
    }
    for (acr, words) in names(na).filter_map(expansion) {
        let phrase = words.join(" ");
        let hit = names(nb).find(|n| {
            let f = fold(n);
            let kept: Vec<&str> = f
                .split(' ')
                .filter(|w| !matches!(*w, "and" | "of" | "for" | "the"))
                .collect();
            kept.join(" ").contains(&phrase)
        });
        if let Some(n) = hit {
            return Some(format!(
                "the acronym {acr} spelt out as `{phrase}` in the name `{n}`, both in {local}"
            ));
        }
    }
    None
}

/// The node of `base` that each node of `added` denotes, with the evidence.
fn match_nodes(
    base: &KnowledgeGraph,
    added: &KnowledgeGraph,
) -> HashMap<NodeIndex, (NodeIndex, String)> {
    // Candidates by folded name, and by acronym, on the base side.
    let mut by_name: HashMap<String, Vec<NodeIndex>> = HashMap::new();
    let mut by_acronym: HashMap<String, Vec<NodeIndex>> = HashMap::new();
    let mut spelt: Vec<NodeIndex> = Vec::new();
    for ix in base.node_indices() {
        let n = base.node(ix);
        if family(n.kind).is_none() {
            continue;
        }
        for name in names(n) {
            by_name.entry(fold(name)).or_default().push(ix);
            if is_acronym(name) {
                by_acronym.entry(name.to_string()).or_default().push(ix);
            }
            if expansion(name).is_some() {
                spelt.push(ix);
            }
        }
    }
    // How many nodes of each kind carry each folded name on the added side.
    let mut added_names: HashMap<(NodeKind, String), usize> = HashMap::new();
    for ix in added.node_indices() {
        let n = added.node(ix);
        let mut own: HashSet<String> = names(n).map(fold).collect();
        own.retain(|s| !s.is_empty());
        for k in own {
            *added_names.entry((n.kind, k)).or_default() += 1;
        }
    }
    let mut out = HashMap::new();
    for b in added.node_indices() {
        let nb = added.node(b);
        if family(nb.kind).is_none() {
            continue;
        }
        let mut cands: Vec<NodeIndex> = names(nb)
            .flat_map(|n| by_name.get(&fold(n)).into_iter().flatten().copied())
            .collect();
        if family(nb.kind) == Some(3) {
            for t in names(nb).flat_map(|n| n.split(|c: char| !c.is_alphanumeric())) {
                cands.extend(by_acronym.get(t).into_iter().flatten().copied());
            }
            cands.extend(spelt.iter().copied());
        }
        cands.sort();
        cands.dedup();
        let found: Vec<(NodeIndex, String)> = cands
            .into_iter()
            .filter_map(|a| evidence(base, a, added, b).map(|w| (a, w)))
            .filter(|(a, why)| {
                // "The only one of that name": unique among the added nodes of that kind, and
                // among the base's nodes of that kind.
                !why.contains("the only") || {
                    let na = base.node(*a);
                    names(na).map(fold).all(|k| {
                        added_names.get(&(nb.kind, k.clone())).copied().unwrap_or(0) <= 1
                            && by_name.get(&k).is_none_or(|v| {
                                v.iter().filter(|&&x| base.node(x).kind == na.kind).count() <= 1
                            })
                    })
                }
            })
            .collect();
        if let [(a, why)] = found.as_slice() {
            out.insert(b, (*a, why.clone()));
        }
    }
    out
}
