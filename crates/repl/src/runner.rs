//! Runs a text of statements against a session, printing each result as it comes: the one
//! path shared by `query`, `run` and the REPL.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use clustergraph_query::{parse_statement, split_statements, Session};

use crate::render::{self, Style};

/// A statement failed; its message is already printed.
#[derive(Debug)]
pub struct Failed;

/// Parses and runs each statement of `text` in turn. Stops at the first failure, after
/// printing its diagnostic on `err` (earlier results are already on `out`).
///
/// `origin` names the text in messages: the script's path, or `<statement>`. With `timing`,
/// the elapsed time follows each table (the REPL's habit; scripts stay reproducible without).
#[allow(clippy::too_many_arguments)] // one call site each in main.rs and repl.rs
pub fn run_text(
    session: &mut Session,
    text: &str,
    origin: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
    style: Style,
    err_colour: bool,
    timing: bool,
) -> Result<(), Failed> {
    let shared: Arc<str> = Arc::from(text);
    for span in split_statements(text) {
        let statement_text = text[span.clone()].trim();
        let query = match parse_statement(text, span) {
            Ok(q) => q,
            Err(e) => {
                let _ = writeln!(err, "{}", e.diagnostic(origin, &shared).render(err_colour));
                return Err(Failed);
            }
        };
        let start = Instant::now();
        let result = session.execute(&query);
        let elapsed_ms = start.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(table) => {
                let _ = render::print(
                    out,
                    session.format,
                    statement_text,
                    &table,
                    elapsed_ms,
                    style,
                );
                if timing && session.format == clustergraph_query::Format::Table {
                    let rows = table.rows.len();
                    let _ = writeln!(
                        out,
                        "{rows} row{} in {}",
                        if rows == 1 { "" } else { "s" },
                        human_ms(elapsed_ms)
                    );
                }
                let _ = out.flush();
            }
            Err(e) if e.is_interrupted() => {
                let _ = out.flush();
                let _ = writeln!(
                    err,
                    "interrupted: `{statement_text}` was abandoned after {}",
                    human_ms(elapsed_ms)
                );
                return Err(Failed);
            }
            Err(e) => {
                let _ = out.flush();
                let _ = writeln!(err, "{}", e.diagnostic(origin, &shared).render(err_colour));
                return Err(Failed);
            }
        }
    }
    Ok(())
}

fn human_ms(ms: f64) -> String {
    if ms < 1.0 {
        format!("{:.0} µs", ms * 1000.0)
    } else if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}
