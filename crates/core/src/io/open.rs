//! Opening a graph from a path: a graph source file or a folder of them, an edge list (`.txt`,
//! `.tsv`, `.edges`, `.el`), GraphML (`.graphml`), node-link JSON (`.json`), each also as
//! `.gz`, Neo4j import CSV (a folder with `nodes.csv` and `edges.csv`, or one file of such
//! a pair), or a snapshot (`.cgs`). The kind is known from the name and confirmed by the
//! content (a snapshot's signature), never guessed: anything else is refused with the kinds
//! that are accepted, and content that is another kind than its name says is refused with
//! what it looks like.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::budget::{budget, human, SOURCE_FACTOR};
use super::neo4j_csv::CsvFiles;
use super::read::{read_bytes, read_text, utf8, ReadError, MAX_TEXT};
use super::source::{load_sources, DocError, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::graph::{KnowledgeGraph, Origin};

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
    /// Graph sources too large for the memory budget (they take up to 8 times their text).
    #[error(
        "{path}: the graph sources would need about {needed}, past {budget}; nothing was loaded"
    )]
    OverBudget {
        path: PathBuf,
        needed: String,
        budget: String,
    },
    /// A snapshot (`.cgs`) that could not be read: damaged, truncated, foreign, future, ...
    #[error(transparent)]
    Snapshot(#[from] crate::snapshot::FileError),
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
    /// A folder without graph sources or a CSV graph.
    #[error("the folder holds no graph source (*.toml) files, nor nodes.csv and edges.csv")]
    EmptyFolder,
    /// A folder with both graph sources and a CSV graph.
    #[error(
        "the folder holds both graph sources (*.toml) and a CSV graph (nodes.csv, edges.csv): \
         name the one to open (the folder of sources apart, or nodes.csv)"
    )]
    AmbiguousFolder,
    /// A name that says no kind of graph file.
    #[error(
        "unknown kind of graph file{}: expected a graph source (.toml), a folder of them, an \
         edge list (.txt, .tsv, .edges, .el), GraphML (.graphml), node-link JSON (.json), each \
         optionally .gz, or Neo4j import CSV (a folder with nodes.csv and edges.csv, or one of \
         the pair), a snapshot (.cgs) or a keep.eu export (.xlsx, .csv, .csv.gz)",
        looks.map(|l| format!(" (it looks like {l})")).unwrap_or_default()
    )]
    UnknownKind {
        /// What the content looks like, if it is a known kind.
        looks: Option<&'static str>,
    },
    /// Content of another kind than the name says.
    #[error("the name says {named} but the content looks like {looks}")]
    Mismatch {
        named: &'static str,
        looks: &'static str,
    },
    /// A CSV file that is not one of a nodes/edges pair.
    #[error(
        "a CSV graph is a nodes file and an edges file: name them nodes.csv and edges.csv (or \
         x-nodes.csv and x-edges.csv) side by side, or open their folder"
    )]
    LonelyCsv,
    /// A kind that `export` writes but that is not read.
    #[error("{0} is written by `export` but not read: open GraphML, node-link JSON or CSV")]
    WriteOnly(&'static str),
    /// A snapshot under a name without `.cgs`.
    #[error(
        "the file is a clustergraph snapshot but its name does not say so: rename it `{name}.cgs`"
    )]
    UnnamedSnapshot {
        /// The file's name.
        name: String,
    },
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
/// in name order as one graph, an edge list, or a snapshot (`.cgs`). The graph records what
/// it was opened from ([`KnowledgeGraph::origins`]).
pub fn open(path: &Path) -> Result<KnowledgeGraph, LoadError> {
    let (mut g, kind) = open_kind(path)?;
    g.add_origin(Origin {
        kind: kind.to_string(),
        path: std::path::absolute(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string(),
    });
    Ok(g)
}

/// The graph at `path`, and the kind of what was read.
fn open_kind(path: &Path) -> Result<(KnowledgeGraph, &'static str), LoadError> {
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
        let unsupported = |reason| LoadError::Unsupported {
            path: path.to_path_buf(),
            reason,
        };
        return match (v.is_empty(), CsvFiles::in_folder(path)) {
            (false, None) => Ok((open_sources(&v)?, "graph source folder")),
            (true, Some(files)) => Ok((open_csv(&files)?, "Neo4j CSV")),
            (false, Some(_)) => Err(unsupported(Unsupported::AmbiguousFolder)),
            (true, None) => Err(unsupported(Unsupported::EmptyFolder)),
        };
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
        return Ok((open_sources(&[path.to_path_buf()])?, "graph source"));
    }
    if ext == crate::snapshot::EXTENSION && !gz {
        return Ok((crate::snapshot::read_file(path)?.graph, "snapshot"));
    }
    // A CSV of a nodes/edges pair is Neo4j's import format; any other CSV, and a workbook,
    // is read as a keep.eu export (which refuses, with its reason, what is not one).
    let neo4j_pair = ext == "csv" && !gz && CsvFiles::pair_of(path).is_some();
    if super::keep::is_export_name(&ext) && !neo4j_pair {
        return super::keep::open_export(path, &ext, gz).map(|g| (g, "keep.eu export"));
    }
    let unsupported = |reason| LoadError::Unsupported {
        path: path.to_path_buf(),
        reason,
    };
    let shown = path.display().to_string();
    let named = match ext.as_str() {
        e if EDGE_LIST_EXTENSIONS.contains(&e) => Some(Kind::EdgeList),
        "graphml" => Some(Kind::GraphMl),
        "json" => Some(Kind::NodeLink),
        "csv" if !gz => {
            let files = CsvFiles::pair_of(path).ok_or(unsupported(Unsupported::LonelyCsv))?;
            return Ok((open_csv(&files)?, "Neo4j CSV"));
        }
        "gexf" => return Err(unsupported(Unsupported::WriteOnly("GEXF"))),
        "dot" | "gv" => return Err(unsupported(Unsupported::WriteOnly("DOT"))),
        _ => None,
    };
    let text = read_graph_text(path, gz)?;
    let looks = Kind::of(&text);
    let Some(named) = named else {
        return Err(unsupported(Unsupported::UnknownKind {
            looks: looks.map(Kind::describe),
        }));
    };
    if let Some(looks) = looks.filter(|&l| l != named) {
        return Err(unsupported(Unsupported::Mismatch {
            named: named.describe(),
            looks: looks.describe(),
        }));
    }
    let text = Arc::from(text);
    match named {
        Kind::EdgeList => super::load_edge_list_within(&shown, text, &budget()),
        Kind::GraphMl => super::read_graphml(&shown, text, budget()),
        Kind::NodeLink => super::read_node_link(&shown, text, budget()),
        Kind::Gexf => return Err(unsupported(Unsupported::WriteOnly("GEXF"))),
    }
    .map(|g| (g, named.origin()))
    .map_err(LoadError::Source)
}

/// The kinds of graph file whose content can be recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    EdgeList,
    GraphMl,
    Gexf,
    NodeLink,
}

impl Kind {
    /// What a graph read as this kind records as its origin.
    fn origin(self) -> &'static str {
        match self {
            Kind::EdgeList => "edge list",
            Kind::GraphMl => "GraphML",
            Kind::Gexf => "GEXF",
            Kind::NodeLink => "node-link JSON",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::EdgeList => "an edge list",
            Kind::GraphMl => "GraphML",
            Kind::Gexf => "GEXF",
            Kind::NodeLink => "node-link JSON",
        }
    }

    /// What a text looks like, from its start: XML with a `<graphml` or `<gexf` root, a JSON
    /// object, or (two or three words on its first line that is not a comment) an edge list.
    fn of(text: &str) -> Option<Kind> {
        let mut cut = text.len().min(4096);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &text[..cut];
        let trimmed = head.trim_start();
        if trimmed.starts_with('<') {
            return if head.contains("<graphml") {
                Some(Kind::GraphMl)
            } else if head.contains("<gexf") {
                Some(Kind::Gexf)
            } else {
                None
            };
        }
        if trimmed.starts_with('{') {
            return Some(Kind::NodeLink);
        }
        let first = head
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('%'))?;
        matches!(first.split_whitespace().count(), 2 | 3).then_some(Kind::EdgeList)
    }
}

fn open_csv(files: &CsvFiles) -> Result<KnowledgeGraph, LoadError> {
    super::read_csv(files, budget()).map_err(LoadError::Source)
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
    let name = || {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let reason = if !gz && bytes.starts_with(&[0x1f, 0x8b]) {
        Some(Unsupported::UnnamedGzip { name: name() })
    } else if bytes.starts_with(&crate::snapshot::MAGIC) {
        Some(Unsupported::UnnamedSnapshot { name: name() })
    } else {
        None
    };
    if let Some(reason) = reason {
        return Err(LoadError::Unsupported {
            path: path.to_path_buf(),
            reason,
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
        assert!(
            err.to_string().ends_with(
                "g.xyz: unknown kind of graph file (it looks like an edge list): expected a graph \
             source (.toml), a folder of them, an edge list (.txt, .tsv, .edges, .el), GraphML \
             (.graphml), node-link JSON (.json), each optionally .gz, or Neo4j import CSV (a \
             folder with nodes.csv and edges.csv, or one of the pair), a snapshot (.cgs) or a keep.eu \
             export (.xlsx, .csv, .csv.gz)"
            ),
            "{err}"
        );
        assert!(matches!(
            err,
            LoadError::Unsupported {
                reason: Unsupported::UnknownKind { looks: Some(_) },
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
