//! Snapshots: a whole graph (nodes, edges, attributes, dates, provenance, the documents cited
//! and what the graph was built from) in one `.cgs` file that loads far faster than the
//! sources it came from.
//!
//! A snapshot is a fixed 28-byte header (see `header.rs`: magic, format version, payload
//! length, checksums) and a MessagePack payload of the records in `record.rs`. Reading checks
//! the header, the length and the checksum before decoding anything, decodes from the bytes
//! in memory (a length inside the payload can claim no more than the bytes that are there),
//! and checks every record before the graph is built: a damaged, truncated, foreign or
//! future file is refused with one [`SnapshotError`], never a panic. Writing goes through
//! [`crate::io::write_atomic`].
//!
//! ```
//! use clustergraph_core::snapshot;
//! let g = clustergraph_core::seed_graph();
//! let bytes = snapshot::to_bytes(&g);
//! let back = snapshot::decode(&bytes).unwrap();
//! assert_eq!(back.graph.node_count(), g.node_count());
//! assert_eq!(back.meta.version, snapshot::FORMAT_VERSION);
//! assert!(snapshot::diff(&g, &back.graph).is_empty());
//! ```

mod decode;
mod diff;
mod encode;
mod header;
mod record;
mod skip;
#[cfg(test)]
mod tests;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::graph::{KnowledgeGraph, Origin};
use crate::io::budget::budget;
use crate::io::{read_bytes, write_atomic, ReadError, MAX_TEXT};

pub use diff::{diff, Change, Difference, GraphDiff, Item};
pub use header::{FORMAT_VERSION, HEADER_LEN, MAGIC};

/// The extension of snapshot files.
pub const EXTENSION: &str = "cgs";

/// Why bytes are not a snapshot this build can read. Each message reads after "PATH: ".
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    #[error("the snapshot is empty (0 bytes)")]
    Empty,
    #[error("not a clustergraph snapshot: it does not start with the snapshot signature")]
    Foreign,
    #[error("the snapshot is damaged: its header does not match its checksum")]
    DamagedHeader,
    #[error(
        "the snapshot is of format version {version}, newer than this build reads \
         ({FORMAT_VERSION}): open it with the newer clustergraph that wrote it"
    )]
    FutureVersion { version: u32 },
    #[error("the snapshot is truncated: it should be {expected} bytes long, it is {actual}")]
    Truncated { expected: u64, actual: u64 },
    #[error("the snapshot is followed by {extra} bytes that are not part of it")]
    Trailing { extra: u64 },
    #[error("the snapshot is damaged: its content does not match its checksum")]
    Checksum,
    /// The payload passed its checksum but is not MessagePack of the expected records.
    #[error("the snapshot's content does not decode: {0}")]
    Decode(#[from] rmp_serde::decode::Error),
    /// The payload is not followed by the end of the snapshot.
    #[error("the snapshot's content is followed by {extra} bytes that are not part of it")]
    TrailingPayload { extra: usize },
    /// A record the format does not allow (a node number out of range, an unknown kind, ...).
    #[error("the snapshot's content is invalid: {what}")]
    Invalid { what: String },
    #[error(
        "the snapshot's {nodes} nodes and {edges} edges would not fit in {budget}; \
         nothing was loaded"
    )]
    OverBudget {
        nodes: usize,
        edges: usize,
        budget: String,
    },
}

/// What a snapshot says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// The format version it was written in.
    pub version: u32,
    /// The program that wrote it (`clustergraph 0.1.0`).
    pub tool: String,
    /// When it was written (to the second).
    pub written: SystemTime,
    /// What the graph was built from.
    pub built_from: Vec<Origin>,
}

impl Meta {
    /// When it was written, as `2026-12-02T07:15:00Z`.
    pub fn written_utc(&self) -> String {
        humantime::format_rfc3339_seconds(self.written).to_string()
    }
}

/// A graph read from a snapshot, with what the snapshot says about itself.
#[derive(Debug)]
pub struct Snapshot {
    pub graph: KnowledgeGraph,
    pub meta: Meta,
}

/// The snapshot of `graph` as bytes, written now.
pub fn to_bytes(graph: &KnowledgeGraph) -> Vec<u8> {
    let written = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    to_bytes_at(graph, written)
}

/// The snapshot of `graph` as bytes, dated `written` (seconds since the Unix epoch).
pub(crate) fn to_bytes_at(graph: &KnowledgeGraph, written: u64) -> Vec<u8> {
    let payload = rmp_serde::to_vec_named(&encode::payload(graph, written))
        .expect("the records are plain data: maps, arrays, strings and numbers");
    seal(&payload)
}

/// A snapshot of `payload` behind a header that checks: how the fuzz target and the tests
/// reach the decoder past the checksum. Not for writing graphs.
#[doc(hidden)]
pub fn seal(payload: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(HEADER_LEN + payload.len());
    v.extend_from_slice(&header::encode(payload));
    v.extend_from_slice(payload);
    v
}

/// Writes the snapshot of `graph` to `out`.
pub fn write(graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&to_bytes(graph))
}

/// Reads a snapshot from its bytes.
pub fn decode(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
    let (version, payload) = header::check(bytes)?;
    // The records are decoded from the bytes in place: their columns borrow from them (a
    // snapshot is mostly columns), so nothing is copied before it is converted. The value's
    // own length, found first, tells trailing bytes apart; a payload whose value is cut is
    // left whole to the decoder, which says where.
    let (value, extra) = payload.split_at(skip::value_len(payload).unwrap_or(payload.len()));
    let mut de = rmp_serde::Deserializer::from_read_ref(value);
    // The records nest a few levels; nothing legitimate comes near this.
    de.set_max_depth(32);
    let records: record::Payload = serde::Deserialize::deserialize(&mut de)?;
    if !extra.is_empty() {
        return Err(SnapshotError::TrailingPayload { extra: extra.len() });
    }
    let (graph, meta) = decode::graph(records, version)?;
    Ok(Snapshot { graph, meta })
}

/// Why a snapshot file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: ReadError },
    #[error("{path}: {source}")]
    Snapshot {
        path: PathBuf,
        source: SnapshotError,
    },
    #[error(
        "{path}: a snapshot's name ends in .{EXTENSION}, so that it opens as one: write \
         `{suggested}`"
    )]
    Extension { path: PathBuf, suggested: String },
    #[error("cannot write {path}: {source}; the file there (if any) is unchanged")]
    Write { path: PathBuf, source: io::Error },
}

/// Reads the snapshot file at `path` (a regular file, within the memory budget).
pub fn read_file(path: &Path) -> Result<Snapshot, FileError> {
    let bytes =
        read_bytes(path, false, MAX_TEXT.min(budget().bytes)).map_err(|e| FileError::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
    decode(&bytes).map_err(|e| FileError::Snapshot {
        path: path.to_path_buf(),
        source: e,
    })
}

/// Whether `path` has the snapshot extension `.cgs` (in any case).
pub fn has_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
}

/// Writes the snapshot of `graph` to `path`, which must end in `.cgs`, atomically: the file
/// there is replaced whole or not at all. Returns the size written.
pub fn save(graph: &KnowledgeGraph, path: &Path) -> Result<u64, FileError> {
    if !has_extension(path) {
        return Err(FileError::Extension {
            path: path.to_path_buf(),
            suggested: format!("{}.{EXTENSION}", path.display()),
        });
    }
    let bytes = to_bytes(graph);
    write_atomic(path, |w| w.write_all(&bytes)).map_err(|e| FileError::Write {
        path: path.to_path_buf(),
        source: e,
    })?;
    Ok(bytes.len() as u64)
}
