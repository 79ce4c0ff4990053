//! The records of a snapshot's payload, as MessagePack maps with named fields (written by
//! `rmp_serde::to_vec_named`), so that a later format can add a field without misreading
//! this one. They are the project's own types, never petgraph's: a node is its position in
//! the node columns, an edge its position in the edge columns.
//!
//! The bulk of a large graph is columnar, so that it decodes at the speed of memory rather
//! than one map per edge: edge ends are `u32` arrays and types `u8` indexes into a table of
//! relation names, all as MessagePack `bin`; node ids are one UTF-8 blob with the `u32` end
//! of each. What most nodes and edges lack (names other than the id, aliases, attributes,
//! dates, provenance) is a sparse list of `{at, value}` records in increasing `at`.
//!
//! Every struct denies unknown fields: a field this version does not know means a damaged or
//! foreign payload (a later format has its own version number), and refusing it stops the
//! decoder before it descends into whatever nesting the field holds.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The whole payload.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Payload<'a> {
    pub meta: MetaRecord,
    pub documents: Vec<DocumentRecord>,
    #[serde(borrow)]
    pub nodes: Nodes<'a>,
    #[serde(borrow)]
    pub edges: Edges<'a>,
}

/// When and by what the snapshot was written, and what the graph was built from.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MetaRecord {
    /// `clustergraph 0.1.0`.
    pub tool: String,
    /// Seconds since 1970-01-01T00:00:00Z.
    pub written: u64,
    pub built_from: Vec<OriginRecord>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OriginRecord {
    pub kind: String,
    pub path: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentRecord {
    pub key: String,
    pub title: String,
    pub language: String,
    pub file: Option<String>,
    /// As written in graph sources: `2016-12-01` or `2011..2012`.
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

/// Strings stored end to end: `bytes` is their UTF-8, `ends` the little-endian `u32` offset
/// where each ends.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Texts<'a> {
    #[serde(borrow, with = "serde_bytes")]
    pub bytes: Cow<'a, [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    pub ends: Cow<'a, [u8]>,
}

/// The node columns; node `i` is the `i`th id.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Nodes<'a> {
    #[serde(borrow)]
    pub ids: Texts<'a>,
    /// The kinds used, by name (`cluster`, `node`, ...).
    pub kind_names: Vec<String>,
    /// One byte a node: its kind's index in `kind_names`.
    #[serde(borrow, with = "serde_bytes")]
    pub kinds: Cow<'a, [u8]>,
    /// The names of the nodes whose name is not their id.
    pub names: Vec<At<String>>,
    pub aliases: Vec<At<Vec<String>>>,
    pub attrs: Vec<At<Vec<AttrRecord>>>,
    pub provenance: Vec<At<Vec<SourceRecord>>>,
}

/// The edge columns; edge `i` goes from `sources[i]` to `targets[i]`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Edges<'a> {
    /// Little-endian `u32` node numbers.
    #[serde(borrow, with = "serde_bytes")]
    pub sources: Cow<'a, [u8]>,
    #[serde(borrow, with = "serde_bytes")]
    pub targets: Cow<'a, [u8]>,
    /// The relations used, by name (`member_of`, `linked`, ...).
    pub rel_names: Vec<String>,
    /// One byte an edge: its relation's index in `rel_names`.
    #[serde(borrow, with = "serde_bytes")]
    pub rels: Cow<'a, [u8]>,
    /// As written in graph sources: `2016-12-01` or `2011..2012`.
    pub dates: Vec<At<String>>,
    pub attrs: Vec<At<Vec<AttrRecord>>>,
    pub provenance: Vec<At<Vec<SourceRecord>>>,
}

/// Something about the node or edge numbered `at`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct At<T> {
    pub at: u32,
    pub value: T,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AttrRecord {
    pub name: String,
    pub value: ValueRecord,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum ValueRecord {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// A document (its index in `documents`) and the sentence quoted from it; for a fact read
/// from a table (a keep.eu export), its sheet and row. `row` is absent from snapshots of
/// graphs without tables, as from every one written before it existed.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceRecord {
    pub doc: u32,
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<RowRecord>,
}

/// Where in a table a fact was read: the sheet (none for a CSV) and the row.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RowRecord {
    pub sheet: Option<String>,
    pub row: u32,
}
