//! The typed pieces of the knowledge graph: node kinds, relations, dates and periods,
//! attribute values, documents and provenance.

mod date;
mod element;
mod kind;
mod node;
mod relation;
mod text;
mod value;

pub use date::{Date, DateError, DatePart, Period};
pub(crate) use element::EdgeDetail;
pub(crate) use element::EdgeSlot;
pub use element::{is_slug, DocId, Document, Edge, EdgeView, Node, Provenance, RowRef};
pub use kind::NodeKind;
pub use node::NodeView;
pub(crate) use node::{detail_mut as node_detail_mut, slot as node_slot, NodeDetail, NodeSlot};
pub use relation::{Rel, RelInfo, RELATIONS};
pub use text::SharedText;
pub use value::{Attrs, Value};
