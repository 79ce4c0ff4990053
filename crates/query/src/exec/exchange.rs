//! `export`: core writes the file (the query crate opens none itself); this says what was
//! written, or why not.

use clustergraph_core::io::{export, ExportFormat, Selection};
use clustergraph_core::NodeIndex;

use super::Session;
use crate::ast::Span;
use crate::error::ExecError;
use crate::table::{Cell, Table};

impl Session {
    /// Writes the graph, or the neighbourhood of `around` (a node and a number of hops), at
    /// `path` in `format`; a table of the files written.
    pub(super) fn export(
        &self,
        format: ExportFormat,
        path: &str,
        around: Option<(NodeIndex, u32)>,
        span: &Span,
    ) -> Result<Table, ExecError> {
        let g = &self.graph;
        let sel = match around {
            Some((node, depth)) => Selection::around(g, node, depth as usize),
            None => Selection::all(g),
        };
        let written =
            export(g, &sel, format, std::path::Path::new(path)).map_err(|e| ExecError::Export {
                path: path.to_string(),
                span: span.clone(),
                help: e.to_string(),
            })?;
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let mut t = Table::new(&["file"]);
        for f in &written.files {
            t.push(vec![Cell::text(f.display().to_string())]);
        }
        Ok(t.with_message(format!(
            "exported {} and {} as {}",
            plural(written.nodes, "node"),
            plural(written.edges, "edge"),
            format.as_str()
        )))
    }
}
