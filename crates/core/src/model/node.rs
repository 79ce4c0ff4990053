//! How the graph keeps a node: a 24-byte [`NodeSlot`] (its id, its kind and the number of its
//! detail), and the parts that most nodes of a large graph lack (a name other than the id,
//! aliases, attributes, provenance) in a side table of [`NodeDetail`]s that only the nodes
//! having any fill, as edges keep theirs; a node is read back as a [`NodeView`].

use super::element::NO_ATTRS;
use super::{Attrs, Node, NodeKind, Provenance, SharedText};

/// A node as the graph holds it: its id, its kind, and the number of its detail in the graph's
/// side table of details (none for a node named by its id, without aliases, attributes or
/// provenance, as every node of an edge list), 24 bytes where a [`Node`] takes 112.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NodeSlot {
    pub(crate) id: SharedText,
    pub(crate) kind: NodeKind,
    pub(crate) detail: u32,
}

impl NodeSlot {
    /// The detail number of a node that has none.
    pub(crate) const NONE: u32 = u32::MAX;
}

/// What a node may carry besides its id and kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct NodeDetail {
    /// Its name, when it is not the id.
    name: Option<SharedText>,
    pub(crate) aliases: Vec<String>,
    pub(crate) attrs: Attrs,
    pub(crate) provenance: Vec<Provenance>,
}

/// The slot of `node` in a graph whose side table of node details is `details`, its name (if
/// not the id), aliases, attributes and provenance (if it has any) moved to the end of the
/// table.
pub(crate) fn slot(details: &mut Vec<NodeDetail>, node: Node) -> NodeSlot {
    let Node {
        id,
        kind,
        name,
        aliases,
        attrs,
        provenance,
    } = node;
    let name = (name != id).then_some(name);
    let bare = name.is_none() && aliases.is_empty() && attrs.is_empty() && provenance.is_empty();
    let detail = if bare {
        NodeSlot::NONE
    } else {
        details.push(NodeDetail {
            name,
            aliases,
            attrs,
            provenance,
        });
        detail_number(details.len() - 1)
    };
    NodeSlot { id, kind, detail }
}

/// The detail of the node in `slot`, added (empty) to `details` if it has none yet.
pub(crate) fn detail_mut<'a>(
    details: &'a mut Vec<NodeDetail>,
    slot: &mut NodeSlot,
) -> &'a mut NodeDetail {
    if slot.detail == NodeSlot::NONE {
        slot.detail = detail_number(details.len());
        details.push(NodeDetail::default());
    }
    &mut details[slot.detail as usize]
}

/// A detail's number as a slot holds it. A graph has fewer than 2³² − 1 nodes (petgraph's
/// `u32` indices), hence fewer details.
fn detail_number(i: usize) -> u32 {
    u32::try_from(i)
        .ok()
        .filter(|&i| i != NodeSlot::NONE)
        .expect("a graph holds fewer than 2^32 - 1 nodes")
}

/// A node of a graph, read ([`crate::KnowledgeGraph::node`]): its fields borrowed from the
/// graph, as a [`Node`]'s read (the name is the id when the node has no other).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeView<'a> {
    pub id: &'a SharedText,
    pub kind: NodeKind,
    pub name: &'a SharedText,
    pub aliases: &'a [String],
    pub attrs: &'a Attrs,
    pub provenance: &'a [Provenance],
}

impl<'a> NodeView<'a> {
    /// The node in `slot`, of this detail.
    pub(crate) fn new(slot: &'a NodeSlot, detail: Option<&'a NodeDetail>) -> NodeView<'a> {
        NodeView {
            id: &slot.id,
            kind: slot.kind,
            name: detail.and_then(|d| d.name.as_ref()).unwrap_or(&slot.id),
            aliases: detail.map_or(&[], |d| &d.aliases),
            attrs: detail.map_or(&NO_ATTRS, |d| &d.attrs),
            provenance: detail.map_or(&[], |d| &d.provenance),
        }
    }

    /// An owned copy of the node, to add it to another graph.
    pub fn to_node(&self) -> Node {
        Node {
            id: self.id.clone(),
            kind: self.kind,
            name: self.name.clone(),
            aliases: self.aliases.to_vec(),
            attrs: self.attrs.clone(),
            provenance: self.provenance.to_vec(),
        }
    }
}

impl Node {
    /// The node read as the graph gives it back.
    pub fn view(&self) -> NodeView<'_> {
        NodeView {
            id: &self.id,
            kind: self.kind,
            name: &self.name,
            aliases: &self.aliases,
            attrs: &self.attrs,
            provenance: &self.provenance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    #[test]
    fn a_graph_keeps_a_node_in_24_bytes_and_reads_it_back_whole() {
        assert_eq!(std::mem::size_of::<NodeSlot>(), 24);
        let mut details = Vec::new();
        // A node named by its id, and nothing else (an edge list's): no detail.
        let bare = crate::io::edge_list_node("42");
        let s = slot(&mut details, bare.clone());
        assert_eq!((s.detail, details.len()), (NodeSlot::NONE, 0));
        let v = NodeView::new(&s, None);
        assert_eq!(v, bare.view());
        assert_eq!(v.to_node(), bare);
        // A name equal to the id, in another text, is not kept apart either.
        let same = Node {
            name: SharedText::from("42"),
            ..bare.clone()
        };
        assert_eq!(slot(&mut details, same).detail, NodeSlot::NONE);
        // Each part alone makes a detail, and reads back.
        let mut full = Node {
            id: "bo".into(),
            kind: NodeKind::City,
            name: "Bologna".into(),
            aliases: vec!["Bononia".into()],
            attrs: Attrs::new(),
            provenance: vec![Provenance::sentence(0, "stated")],
        };
        full.attrs.insert("population".into(), Value::Int(390_000));
        let parts = [
            Node {
                name: full.name.clone(),
                ..bare.clone()
            },
            Node {
                aliases: full.aliases.clone(),
                ..bare.clone()
            },
            Node {
                attrs: full.attrs.clone(),
                ..bare.clone()
            },
            Node {
                provenance: full.provenance.clone(),
                ..bare.clone()
            },
            full,
        ];
        for n in parts {
            let s = slot(&mut details, n.clone());
            assert_eq!(s.detail as usize, details.len() - 1);
            let v = NodeView::new(&s, details.get(s.detail as usize));
            assert_eq!(v, n.view());
            assert_eq!(v.to_node(), n);
        }
        // A detail made on first need holds what is added to it.
        let mut s = slot(&mut details, bare.clone());
        detail_mut(&mut details, &mut s)
            .provenance
            .push(Provenance::sentence(1, "later"));
        let v = NodeView::new(&s, details.get(s.detail as usize));
        assert_eq!((v.name, v.provenance.len()), (&bare.id, 1));
    }
}
