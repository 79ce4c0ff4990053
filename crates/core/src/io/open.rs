//! Opening a graph from a path: a graph source file or a folder of them, or an edge list
//! (`.txt`, `.tsv`, `.edges`, `.el`, each also as `.gz`). The kind is known from the path,
//! never guessed: anything else is refused with the kinds that are accepted.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::budget::{budget, human, SOURCE_FACTOR};
use super::read::{read_bytes, read_text, utf8, ReadError, MAX_TEXT};
use super::source::{load_sources, DocError, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;

/// Why a graph could not be opened. Nothing is loaded when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Problems in the graph sources, every one of them.
    #[error("{}", render_all(.0, false))]
    Source(Vec<Diagnostic>),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file's text could not be read: not a regular file, too large, not gzip, not UTF-8.
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: ReadError },
    /// Graph sources too large for the memory budget (they take about 40 times their text).
    #[error(
        "{path}: the graph sources would need about {needed}, past {budget}; nothing was loaded"
    )]
    OverBudget {
        path: PathBuf,
        needed: String,
        budget: String,
    },
    /// A keep.eu export whose rows could not all be read: every problem (up to 100, then a
    /// count), each with its sheet, row and column.
    #[error("{}", render_rows(path, problems, *more))]
    Rows {
        path: PathBuf,
        problems: Vec<super::keep::RowProblem>,
        more: usize,
    },
    /// A spreadsheet or CSV file that is not a keep.eu export, for `reason`.
    #[error("{path}: {reason}")]
    NotExport { path: PathBuf, reason: String },
    /// The path is not a graph that can be read, for `reason`.
    #[error("{path}: {reason}")]
    Unsupported { path: PathBuf, reason: Unsupported },
}

/// Why a path is not a graph that [`open`] can read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Unsupported {
    /// A folder without graph sources.
    #[error("the folder holds no graph source (*.toml) files")]
    EmptyFolder,
    /// A name that says no kind of graph file.
    #[error(
        "unknown kind of graph file: expected a graph source (.toml), a folder of them, an \
         edge list (.txt, .tsv, .edges, .el, optionally .gz), or a keep.eu export (.xlsx, \
         .csv, .csv.gz)"
    )]
    UnknownKind,
    /// Compressed content under a name without `.gz`.
    #[error("the file is gzip-compressed but its name does not say so: rename it `{name}.gz`")]
    UnnamedGzip {
        /// The file's name.
        name: String,
    },
}

impl LoadError {
    /// The report for a person: every diagnostic with its excerpt; `styled` adds colour.
    pub fn render(&self, styled: bool) -> String {
        match self {
            LoadError::Source(d) => render_all(d, styled),
            other => format!("error: {other}"),
        }
    }
}

fn render_rows(path: &Path, problems: &[super::keep::RowProblem], more: usize) -> String {
    let mut out: Vec<String> = problems
        .iter()
        .map(|p| format!("error: {}: {p}", path.display()))
        .collect();
    if more > 0 {
        out.push(format!("error: and {more} more problems like these"));
    }
    let n = problems.len() + more;
    out.push(format!(
        "error: {n} row{} of the keep.eu export could not be read; nothing was loaded",
        if n == 1 { "" } else { "s" }
    ));
    out.join("\n")
}

fn render_all(diagnostics: &[Diagnostic], styled: bool) -> String {
    let mut out: Vec<String> = diagnostics.iter().map(|d| d.render(styled)).collect();
    let n = diagnostics.len();
    out.push(format!(
        "error: {n} problem{} in the graph source; nothing was loaded",
        if n == 1 { "" } else { "s" }
    ));
    out.join("\n\n")
}

/// The largest text a graph file may hold, compressed or not: a bound against a file that
/// inflates without end. It bounds the text, not the graph built from it.
const MAX_INFLATED: u64 = MAX_TEXT;

const EDGE_LIST_EXTENSIONS: [&str; 4] = ["txt", "tsv", "edges", "el"];

/// Opens the graph at `path`: a `.toml` graph source, a folder whose `*.toml` files are read
/// in name order as one graph, or an edge list.
pub fn open(path: &Path) -> Result<KnowledgeGraph, LoadError> {
    let io = |e| LoadError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        v.sort();
        if v.is_empty() {
            return Err(LoadError::Unsupported {
                path: path.to_path_buf(),
                reason: Unsupported::EmptyFolder,
            });
        }
        return open_sources(&v);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(stem) => (stem.to_string(), true),
        None => (name.clone(), false),
    };
    let ext = stem
        .rsplit_once('.')
        .map(|(_, e)| e.to_string())
        .unwrap_or_default();
    if ext == "toml" && !gz {
        return open_sources(&[path.to_path_buf()]);
    }
    if super::keep::is_export_name(&ext) {
        return super::keep::open_export(path, &ext, gz);
    }
    if EDGE_LIST_EXTENSIONS.contains(&ext.as_str()) {
        let text = read_graph_text(path, gz)?;
        let shown = path.display().to_string();
        return super::load_edge_list_within(&shown, Arc::from(text), &budget())
            .map_err(LoadError::Source);
    }
    Err(LoadError::Unsupported {
        path: path.to_path_buf(),
        reason: Unsupported::UnknownKind,
    })
}

/// Opens several graphs as one: the first, then each of the others joined to it
/// ([`super::join`]: the nodes that denote one thing become one node, with the evidence).
pub fn open_all(paths: &[PathBuf]) -> Result<KnowledgeGraph, LoadError> {
    let mut graph: Option<KnowledgeGraph> = None;
    for p in paths {
        let g = open(p)?;
        graph = Some(match graph {
            None => g,
            Some(base) => super::join(base, &g),
        });
    }
    Ok(graph.unwrap_or_default())
}

fn open_sources(files: &[PathBuf]) -> Result<KnowledgeGraph, LoadError> {
    let mut sources = Vec::with_capacity(files.len());
    let mut total = 0u64;
    for f in files {
        let text = read_text(f, MAX_INFLATED).map_err(|e| LoadError::Read {
            path: f.clone(),
            source: e,
        })?;
        total = total.saturating_add(text.len() as u64);
        let b = budget();
        if total.saturating_mul(SOURCE_FACTOR) > b.bytes {
            return Err(LoadError::OverBudget {
                path: f.clone(),
                needed: human(total.saturating_mul(SOURCE_FACTOR)),
                budget: b.describe(),
            });
        }
        sources.push(SourceFile {
            path: f.display().to_string(),
            text: Arc::from(text),
        });
    }
    let read_doc = |source: &str, file: &str| -> Result<String, DocError> {
        let base = Path::new(source).parent().unwrap_or(Path::new("."));
        Ok(read_text(&base.join(file), MAX_DOCUMENT)?)
    };
    load_sources(&sources, &read_doc).map_err(LoadError::Source)
}

/// The largest document text a source may cite (news articles and reports are far smaller).
pub(super) const MAX_DOCUMENT: u64 = 64 << 20;

/// Reads a text file, inflating it if gzip-compressed, refusing more than [`MAX_INFLATED`].
fn read_graph_text(path: &Path, gz: bool) -> Result<String, LoadError> {
    let read = |e| LoadError::Read {
        path: path.to_path_buf(),
        source: e,
    };
    // The text is part of what loading takes: no more of it than the budget.
    let bytes = read_bytes(path, gz, MAX_INFLATED.min(budget().bytes)).map_err(read)?;
    if !gz && bytes.starts_with(&[0x1f, 0x8b]) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Err(LoadError::Unsupported {
            path: path.to_path_buf(),
            reason: Unsupported::UnnamedGzip { name },
        });
    }
    utf8(bytes).map_err(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_gzipped_edge_lists_and_refuses_unknown_kinds() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.el.gz");
        let mut enc = flate2::write::GzEncoder::new(
            std::fs::File::create(&p).unwrap(),
            flate2::Compression::default(),
        );
        std::io::Write::write_all(&mut enc, b"1 2\n2 3\n").unwrap();
        enc.finish().unwrap();
        let g = open(&p).unwrap();
        assert_eq!((g.node_count(), g.edge_count()), (3, 2));
        let q = dir.path().join("g.xyz");
        std::fs::write(&q, "1 2").unwrap();
        let err = open(&q).unwrap_err();
        assert!(err.to_string().ends_with(
            "g.xyz: unknown kind of graph file: expected a graph source (.toml), a folder of \
             them, an edge list (.txt, .tsv, .edges, .el, optionally .gz), or a keep.eu export \
             (.xlsx, .csv, .csv.gz)"
        ));
        assert!(matches!(
            err,
            LoadError::Unsupported {
                reason: Unsupported::UnknownKind,
                ..
            }
        ));
        let bad = dir.path().join("bad.el.gz");
        std::fs::write(&bad, b"\xff\xfe not gzip").unwrap();
        assert!(open(&bad)
            .unwrap_err()
            .to_string()
            .contains("not readable gzip"));
        // Compressed content under a plain name is named, not read as garbage text.
        let plain = dir.path().join("h.el");
        std::fs::copy(&p, &plain).unwrap();
        assert!(open(&plain)
            .unwrap_err()
            .to_string()
            .contains("rename it `h.el.gz`"));
    }

    #[test]
    fn the_shared_data_sets_open_when_present() {
        let p = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/power.el.gz"
        ));
        if p.exists() {
            let g = open(p).unwrap();
            assert_eq!((g.node_count(), g.edge_count()), (4941, 6594));
        } else {
            // CI has ../shared/data: there a missing file is a failure, not a skip.
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is absent on CI",
                p.display()
            );
        }
    }
}
