//! Pictures of a graph: a layout computed here, a standalone SVG drawing of a neighbourhood
//! or a path ([`svg()`]), and the self-contained HTML explorer ([`html()`]), whose page draws
//! the same layout on a canvas with its own small script.
//!
//! ```
//! use clustergraph_draw::{svg, Arrangement, Picture, Subject};
//! let g = clustergraph_core::seed_graph();
//! let le2c = g.resolve("LE2C").unwrap();
//! let ctl = g.resolve("CTL").unwrap();
//! let edges: Vec<_> = g
//!     .edge_indices()
//!     .filter(|&e| g.endpoints(e) == (le2c, ctl))
//!     .collect();
//! let picture = Picture::of(&g, &Subject {
//!     nodes: &[le2c, ctl],
//!     edges: &edges,
//!     arrangement: Arrangement::Path,
//!     focus: None,
//!     title: "LE2C and CTL".into(),
//!     subtitle: "from the seed graph".into(),
//!     size: None,
//! });
//! let drawing = svg(&picture);
//! assert!(drawing.svg.contains("Lombardy Energy"));
//! assert!(drawing.layout.overlaps().is_empty());
//! ```

pub mod chart;
pub mod geom;
pub mod html;
pub mod layout;
pub mod palette;
mod render;
pub mod text;

use clustergraph_core::{EdgeIndex, KnowledgeGraph, NodeIndex, NodeKind};

pub use html::{html, Explorer, MAX_EXPLORER_NODES};
pub use layout::{layout, Layout, Options};
pub use render::{svg, Drawing};

/// Most nodes a drawing holds: more are not readable on a page.
pub const MAX_DRAWN_NODES: usize = 300;

/// How the nodes are arranged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// By forces: a neighbourhood.
    Free,
    /// On a line, left to right in the order given: a path.
    Path,
}

/// What a drawing shows, independent of any graph: nodes with their labels and kinds, edges
/// between them by position, and the titles.
#[derive(Clone, Debug)]
pub struct Picture {
    pub title: String,
    pub subtitle: String,
    pub nodes: Vec<PictureNode>,
    pub edges: Vec<PictureEdge>,
    pub arrangement: Arrangement,
    /// The metric node sizes follow, if any.
    pub size_metric: Option<String>,
}

#[derive(Clone, Debug)]
pub struct PictureNode {
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    /// The size metric's value, if sizes are drawn.
    pub weight: Option<f64>,
    /// Drawn with a ring: the node a neighbourhood is around.
    pub focus: bool,
}

/// An edge from node `from` to node `to` (positions in [`Picture::nodes`]).
#[derive(Clone, Debug)]
pub struct PictureEdge {
    pub from: usize,
    pub to: usize,
    pub label: String,
}

/// What to draw of a graph.
#[derive(Clone, Debug)]
pub struct Subject<'a> {
    /// The nodes, in order along a path.
    pub nodes: &'a [NodeIndex],
    /// The edges to draw; an edge with an end outside `nodes` is left out.
    pub edges: &'a [EdgeIndex],
    pub arrangement: Arrangement,
    pub focus: Option<NodeIndex>,
    pub title: String,
    pub subtitle: String,
    /// A metric's name and its value for every node of the graph (by index).
    pub size: Option<(&'a str, &'a [f64])>,
}

impl Picture {
    /// The picture of `subject` in `g`: node labels are names, edge labels relation types.
    pub fn of(g: &KnowledgeGraph, subject: &Subject<'_>) -> Picture {
        let mut position = std::collections::HashMap::with_capacity(subject.nodes.len());
        let nodes = subject
            .nodes
            .iter()
            .enumerate()
            .map(|(i, &ix)| {
                position.insert(ix, i);
                let n = g.node(ix);
                PictureNode {
                    id: text::xml_safe(n.id),
                    label: text::xml_safe(n.name),
                    kind: n.kind,
                    weight: subject.size.map(|(_, s)| s[ix.index()]),
                    focus: subject.focus == Some(ix),
                }
            })
            .collect();
        let edges = subject
            .edges
            .iter()
            .filter_map(|&e| {
                let (a, b) = g.endpoints(e);
                Some(PictureEdge {
                    from: *position.get(&a)?,
                    to: *position.get(&b)?,
                    label: g.edge(e).rel.as_str().to_string(),
                })
            })
            .collect();
        Picture {
            title: text::xml_safe(&subject.title),
            subtitle: text::xml_safe(&subject.subtitle),
            nodes,
            edges,
            arrangement: subject.arrangement,
            size_metric: subject.size.map(|(m, _)| m.to_string()),
        }
    }

    /// The kinds of its nodes, in the documented order of kinds.
    pub fn kinds(&self) -> Vec<NodeKind> {
        NodeKind::ALL
            .into_iter()
            .filter(|k| self.nodes.iter().any(|n| n.kind == *k))
            .collect()
    }
}
