//! Opening a graph from a path: a graph source file or a folder of them. The kind is known
//! from the path, never guessed: anything else is refused with the kinds that are accepted.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;
use crate::source::{load_sources, SourceFile};

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
    #[error("{path}: {reason}")]
    Unsupported { path: PathBuf, reason: String },
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

fn render_all(diagnostics: &[Diagnostic], styled: bool) -> String {
    let mut out: Vec<String> = diagnostics.iter().map(|d| d.render(styled)).collect();
    let n = diagnostics.len();
    out.push(format!(
        "error: {n} problem{} in the graph source; nothing was loaded",
        if n == 1 { "" } else { "s" }
    ));
    out.join("\n\n")
}

/// Opens the graph at `path`: a `.toml` graph source, or a folder whose `*.toml` files are
/// read in name order as one graph.
pub fn open(path: &Path) -> Result<KnowledgeGraph, LoadError> {
    let io = |e| LoadError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let files: Vec<PathBuf> = if meta.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        v.sort();
        if v.is_empty() {
            return Err(LoadError::Unsupported {
                path: path.to_path_buf(),
                reason: "the folder holds no graph source (*.toml) files".into(),
            });
        }
        v
    } else if path.extension().is_some_and(|x| x == "toml") {
        vec![path.to_path_buf()]
    } else {
        return Err(LoadError::Unsupported {
            path: path.to_path_buf(),
            reason:
                "unknown kind of graph file: expected a graph source (.toml) or a folder of them"
                    .into(),
        });
    };
    let mut sources = Vec::with_capacity(files.len());
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| LoadError::Io {
            path: f.clone(),
            source: e,
        })?;
        sources.push(SourceFile {
            path: f.display().to_string(),
            text: Arc::from(text),
        });
    }
    let read_doc = |source: &str, file: &str| -> Result<String, String> {
        let base = Path::new(source).parent().unwrap_or(Path::new("."));
        std::fs::read_to_string(base.join(file)).map_err(|e| e.to_string())
    };
    load_sources(&sources, &read_doc).map_err(LoadError::Source)
}
