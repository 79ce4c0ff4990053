//! `clustergraph snapshot info FILE` and `clustergraph snapshot diff A B`: the files are read
//! by core, the tables made by the query crate, and printed as any statement's result. A file
//! that cannot be read is exit status 2, as a graph that cannot be loaded.

use std::io::{self, Write};
use std::path::Path;

use clustergraph_query::{Format, Table};

use crate::cli::SnapshotCommand;
use crate::render::{self, Style};

/// Runs the command; returns the exit status.
pub fn run(cmd: &SnapshotCommand, format: Format, style: Style, err_colour: bool) -> u8 {
    let (what, table) = match cmd {
        SnapshotCommand::Info { file } => {
            let snapshot = match clustergraph_core::snapshot::read_file(file) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    return 2;
                }
            };
            // The file was read whole a moment ago; its size is what was read.
            let size = std::fs::metadata(file).map_or(0, |m| m.len());
            let shown = file.display().to_string();
            let t = clustergraph_query::info_table(&shown, size, &snapshot.meta, &snapshot.graph);
            (format!("snapshot info {shown}"), t)
        }
        SnapshotCommand::Diff { a, b } => {
            let open = |p: &Path| {
                clustergraph_core::open(p).map_err(|e| {
                    eprintln!("{}", e.render(err_colour));
                })
            };
            let (Ok(ga), Ok(gb)) = (open(a), open(b)) else {
                return 2;
            };
            let (sa, sb) = (a.display().to_string(), b.display().to_string());
            let t = clustergraph_query::diff_table(&ga, &gb, &sa, &sb);
            (format!("snapshot diff {sa} {sb}"), t)
        }
    };
    match print(&what, &table, format, style) {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 1,
        Err(e) => {
            eprintln!("error: cannot write the results: {e}");
            1
        }
    }
}

fn print(what: &str, table: &Table, format: Format, style: Style) -> io::Result<()> {
    let mut out = io::stdout().lock();
    render::print(&mut out, format, what, table, 0.0, style)?;
    out.flush()
}
