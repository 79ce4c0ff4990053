//! What differs between two graphs, by id: nodes, edges and documents added, removed and
//! changed. An edge is known by its ends' ids and its type; parallel edges of the same ends
//! and type are paired in the order they were added.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use crate::graph::names::id_order;
use crate::graph::KnowledgeGraph;
use crate::model::{Attrs, Document, Provenance, Rel, Value};
use crate::EdgeIndex;

/// How an item differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Only in the second graph.
    Added,
    /// Only in the first.
    Removed,
    /// In both, with something different.
    Changed,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        })
    }
}

/// What differs: a document, a node or an edge, by its ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Document {
        key: String,
    },
    Node {
        id: String,
    },
    Edge {
        from: String,
        rel: Rel,
        to: String,
        /// Which of the edges with these ends and type, from 0 (almost always 0).
        nth: usize,
    },
}

impl Item {
    /// `document`, `node` or `edge`.
    pub fn noun(&self) -> &'static str {
        match self {
            Item::Document { .. } => "document",
            Item::Node { .. } => "node",
            Item::Edge { .. } => "edge",
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Item::Document { .. } => 0,
            Item::Node { .. } => 1,
            Item::Edge { .. } => 2,
        }
    }

    fn order(&self, other: &Item) -> Ordering {
        match (self, other) {
            (Item::Document { key: a }, Item::Document { key: b }) => id_order(a, b),
            (Item::Node { id: a }, Item::Node { id: b }) => id_order(a, b),
            (
                Item::Edge {
                    from: a,
                    rel: r,
                    to: x,
                    nth: i,
                },
                Item::Edge {
                    from: b,
                    rel: s,
                    to: y,
                    nth: j,
                },
            ) => id_order(a, b)
                .then_with(|| r.as_str().cmp(s.as_str()))
                .then_with(|| id_order(x, y))
                .then(i.cmp(j)),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl fmt::Display for Item {
    /// `le2c`, `le2c -member_of-> ctl` (`#2` after it for the third parallel edge).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Document { key } => f.write_str(key),
            Item::Node { id } => f.write_str(id),
            Item::Edge { from, rel, to, nth } => {
                write!(f, "{from} -{rel}-> {to}")?;
                if *nth > 0 {
                    write!(f, " #{nth}")?;
                }
                Ok(())
            }
        }
    }
}

/// One item that differs, and for a changed one what changed (`name: "A" → "B"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub change: Change,
    pub item: Item,
    /// For [`Change::Changed`], each field that differs with its two values.
    pub details: Vec<String>,
}

/// Every difference between two graphs: documents, then nodes, then edges, each by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GraphDiff {
    pub differences: Vec<Difference>,
}

impl GraphDiff {
    pub fn is_empty(&self) -> bool {
        self.differences.is_empty()
    }

    /// How many items have this change.
    pub fn count(&self, change: Change, noun: &str) -> usize {
        self.differences
            .iter()
            .filter(|d| d.change == change && d.item.noun() == noun)
            .count()
    }
}

/// What differs from `a` to `b`.
pub fn diff(a: &KnowledgeGraph, b: &KnowledgeGraph) -> GraphDiff {
    let mut out = Vec::new();
    documents(a, b, &mut out);
    nodes(a, b, &mut out);
    edges(a, b, &mut out);
    out.sort_by(|x, y| x.item.order(&y.item));
    GraphDiff { differences: out }
}

fn push(out: &mut Vec<Difference>, change: Change, item: Item) {
    out.push(Difference {
        change,
        item,
        details: Vec::new(),
    });
}

fn documents(a: &KnowledgeGraph, b: &KnowledgeGraph, out: &mut Vec<Difference>) {
    let by_key = |g: &KnowledgeGraph| -> HashMap<String, Document> {
        g.documents()
            .iter()
            .map(|d| (d.key.clone(), d.clone()))
            .collect()
    };
    let (da, db) = (by_key(a), by_key(b));
    for (key, x) in &da {
        let item = || Item::Document { key: key.clone() };
        match db.get(key) {
            None => push(out, Change::Removed, item()),
            Some(y) => {
                let mut details = Vec::new();
                field(&mut details, "title", &x.title, &y.title);
                field(&mut details, "language", &x.language, &y.language);
                field(&mut details, "file", &x.file, &y.file);
                field(
                    &mut details,
                    "date",
                    &x.date.map(|d| d.to_string()),
                    &y.date.map(|d| d.to_string()),
                );
                field(&mut details, "publisher", &x.publisher, &y.publisher);
                field(&mut details, "url", &x.url, &y.url);
                changed(out, item(), details);
            }
        }
    }
    for key in db.keys().filter(|k| !da.contains_key(*k)) {
        push(out, Change::Added, Item::Document { key: key.clone() });
    }
}

fn nodes(a: &KnowledgeGraph, b: &KnowledgeGraph, out: &mut Vec<Difference>) {
    for ix in a.node_indices() {
        let x = a.node(ix);
        let item = || Item::Node {
            id: x.id.to_string(),
        };
        match b.by_id(x.id) {
            None => push(out, Change::Removed, item()),
            Some(iy) => {
                let y = b.node(iy);
                let mut details = Vec::new();
                field(&mut details, "kind", &x.kind.as_str(), &y.kind.as_str());
                field(&mut details, "name", &x.name.as_str(), &y.name.as_str());
                field(&mut details, "aliases", &x.aliases, &y.aliases);
                attrs(&mut details, x.attrs, y.attrs);
                sources(&mut details, a, x.provenance, b, y.provenance);
                changed(out, item(), details);
            }
        }
    }
    for iy in b.node_indices() {
        let y = b.node(iy);
        if a.by_id(y.id).is_none() {
            push(
                out,
                Change::Added,
                Item::Node {
                    id: y.id.to_string(),
                },
            );
        }
    }
}

type EdgeKey<'g> = (&'g str, Rel, &'g str);

/// The edges of `g` by their ends' ids and type, each list in the order they were added.
fn edges_by_key(g: &KnowledgeGraph) -> HashMap<EdgeKey<'_>, Vec<EdgeIndex>> {
    let mut map: HashMap<EdgeKey<'_>, Vec<EdgeIndex>> = HashMap::with_capacity(g.edge_count());
    for e in g.edge_indices() {
        let (u, v) = g.endpoints(e);
        map.entry((g.node(u).id.as_str(), g.edge(e).rel, g.node(v).id.as_str()))
            .or_default()
            .push(e);
    }
    map
}

fn edges(a: &KnowledgeGraph, b: &KnowledgeGraph, out: &mut Vec<Difference>) {
    let (ea, eb) = (edges_by_key(a), edges_by_key(b));
    let item = |&(from, rel, to): &EdgeKey<'_>, nth: usize| Item::Edge {
        from: from.to_string(),
        rel,
        to: to.to_string(),
        nth,
    };
    for (key, xs) in &ea {
        let ys = eb.get(key).map_or(&[][..], Vec::as_slice);
        for (nth, &x) in xs.iter().enumerate() {
            let Some(&y) = ys.get(nth) else {
                push(out, Change::Removed, item(key, nth));
                continue;
            };
            let (x, y) = (a.edge(x), b.edge(y));
            let mut details = Vec::new();
            field(
                &mut details,
                "date",
                &x.date().map(|d| d.to_string()),
                &y.date().map(|d| d.to_string()),
            );
            attrs(&mut details, x.attrs(), y.attrs());
            sources(&mut details, a, x.provenance(), b, y.provenance());
            changed(out, item(key, nth), details);
        }
        for nth in xs.len()..ys.len() {
            push(out, Change::Added, item(key, nth));
        }
    }
    for (key, ys) in &eb {
        if !ea.contains_key(key) {
            for nth in 0..ys.len() {
                push(out, Change::Added, item(key, nth));
            }
        }
    }
}

fn changed(out: &mut Vec<Difference>, item: Item, details: Vec<String>) {
    if !details.is_empty() {
        out.push(Difference {
            change: Change::Changed,
            item,
            details,
        });
    }
}

/// `name: "A" → "B"` when the values differ.
fn field<T: PartialEq + fmt::Debug>(details: &mut Vec<String>, name: &str, x: &T, y: &T) {
    if x != y {
        details.push(format!("{name}: {x:?} → {y:?}"));
    }
}

/// Whether two values are the same, a NaN the same as itself (a graph equals its snapshot).
fn same(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
        _ => x == y,
    }
}

fn attrs(details: &mut Vec<String>, x: &Attrs, y: &Attrs) {
    let shown = |v: Option<&Value>| match v {
        None => "none".to_string(),
        Some(Value::Str(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    };
    for (k, v) in x {
        if !y.get(k).is_some_and(|w| same(v, w)) {
            details.push(format!("{k}: {} → {}", shown(Some(v)), shown(y.get(k))));
        }
    }
    for (k, v) in y {
        if !x.contains_key(k) {
            details.push(format!("{k}: none → {}", shown(Some(v))));
        }
    }
}

/// Provenance compared by document key and quote (document numbers differ between graphs).
fn sources(
    details: &mut Vec<String>,
    a: &KnowledgeGraph,
    x: &[Provenance],
    b: &KnowledgeGraph,
    y: &[Provenance],
) {
    let keyed = |g: &KnowledgeGraph, p: &[Provenance]| -> Vec<(String, String)> {
        p.iter()
            .map(|p| (g.document(p.doc).key.clone(), p.quote.clone()))
            .collect()
    };
    let (kx, ky) = (keyed(a, x), keyed(b, y));
    if kx != ky {
        let list = |k: &[(String, String)]| {
            k.iter()
                .map(|(d, _)| d.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        details.push(format!(
            "sources: [{}] → [{}]{}",
            list(&kx),
            list(&ky),
            if list(&kx) == list(&ky) {
                " (quotes differ)"
            } else {
                ""
            }
        ));
    }
}
