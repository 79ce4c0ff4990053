//! Runs a text of statements against a session, printing each result as it comes: the one
//! path shared by `query`, `run` and the REPL.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use clustergraph_query::{parse_statement, split_statements, ExecError, Format, Session};

use crate::progress::Progress;
use crate::render::{self, Style};

/// Where results and messages go, and how they look.
pub struct Sink<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// How stdout's tables look.
    pub style: Style,
    /// Whether messages on stderr may be coloured (stderr's own terminal test).
    pub err_colour: bool,
    /// Whether the elapsed time follows each table (the REPL's habit; scripts and `query`
    /// stay reproducible without).
    pub timing: bool,
    /// Whether a long statement may draw a progress bar on stderr (stderr is a terminal).
    pub progress: bool,
    /// Whether the statements after a failed one still run (the REPL: a pasted block runs
    /// every statement); otherwise the text stops there and says how many were not run.
    pub keep_going: bool,
}

/// Why a text stopped before its end; the message is already printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// A statement did not parse or could not run.
    Statement,
    /// Ctrl-C abandoned a statement.
    Interrupted,
    /// The results could not be written (a full disk, a closed pipe).
    Output,
}

/// Parses and runs each statement of `text` in turn, printing with `format`, which `set
/// format` changes for what follows (and for the caller's next text). A failure prints its
/// diagnostic on `err` (earlier results are already on `out`); then, unless the sink keeps
/// going, the text stops there and says how many statements were not run. Ctrl-C always
/// stops the text. The first failure is returned.
///
/// `origin` names the text in messages: the script's path, or `<statement>`.
pub fn run_text(
    session: &mut Session,
    format: &mut Format,
    text: &str,
    origin: &str,
    sink: &mut Sink<'_>,
) -> Result<(), Failed> {
    let Sink {
        out,
        err,
        style,
        err_colour,
        timing,
        progress,
        keep_going,
    } = sink;
    let (style, err_colour, timing, progress, keep_going) =
        (*style, *err_colour, *timing, *progress, *keep_going);
    let mut tables = 0usize;
    let shared: Arc<str> = Arc::from(text);
    session.clear_cancel();
    let spans = split_statements(text);
    // With several statements, each table says which statement it answers.
    let label = spans.len() > 1;
    let count = spans.len();
    let mut failed: Vec<usize> = Vec::new();
    // What the text says when it stops at statement `i` (0-based) with statements left.
    let stopped = |err: &mut dyn Write, i: usize, why: &str| {
        let rest = match count - i - 1 {
            0 => return,
            1 => "the statement after it did not run".to_string(),
            n => format!("the {n} statements after it did not run"),
        };
        let _ = writeln!(
            err,
            "stopped at statement {} of {count} ({why}): {rest}",
            i + 1
        );
    };
    for (i, span) in spans.into_iter().enumerate() {
        let statement_text = text[span.clone()].trim();
        let query = match parse_statement(text, span) {
            Ok(q) => q,
            Err(e) => {
                let _ = writeln!(err, "{}", e.diagnostic(origin, &shared).render(err_colour));
                failed.push(i);
                if keep_going {
                    continue;
                }
                stopped(*err, i, "it did not parse");
                return Err(Failed::Statement);
            }
        };
        // The bar is drawn on stderr, only under a table (JSON and CSV are for programs).
        let bar = Arc::new(Progress::new(progress && *format == Format::Table));
        let reporter = Arc::clone(&bar);
        session.set_progress(Some(clustergraph_query::Progress(Arc::new(
            move |done, total| reporter.report(done, total),
        ))));
        let start = Instant::now();
        let result = session.execute(&query);
        let elapsed_ms = start.elapsed().as_secs_f64() * 1000.0;
        session.set_progress(None);
        bar.finish();
        match result {
            Ok(outcome) => {
                let table = match outcome {
                    // `set` answers the same way in every format: a sentence on stderr, so
                    // that stdout holds only results (a JSON line, a CSV table).
                    clustergraph_query::Outcome::SetFormat { format: f, table } => {
                        *format = f;
                        if let Some(m) = table.message() {
                            let _ = writeln!(err, "{m}");
                        }
                        continue;
                    }
                    other => other.into_table(),
                };
                let written = write_result(
                    out,
                    *format,
                    statement_text,
                    &table,
                    elapsed_ms,
                    Shape {
                        style,
                        label,
                        first: tables == 0,
                        timing,
                    },
                );
                // CSV's blank separators go only between tables with columns.
                if !(*format == clustergraph_query::Format::Csv && table.columns().is_empty()) {
                    tables += 1;
                }
                if let Err(e) = written {
                    // A closed pipe (`| head`) is the reader's choice, not worth a message.
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        let _ = writeln!(err, "error: cannot write the results: {e}");
                    }
                    return Err(Failed::Output);
                }
            }
            Err(ExecError::Interrupted) => {
                let _ = out.flush();
                let _ = writeln!(
                    err,
                    "interrupted: `{}` was abandoned after {}",
                    clustergraph_core::printable(
                        statement_text,
                        clustergraph_core::diagnostic::SHOWN,
                        false
                    ),
                    human_ms(elapsed_ms)
                );
                stopped(*err, i, "Ctrl-C");
                return Err(Failed::Interrupted);
            }
            Err(e) => {
                let _ = out.flush();
                let message = match e.diagnostic(origin, &shared) {
                    Some(d) => d.render(err_colour),
                    None => format!("error: {e}"),
                };
                let _ = writeln!(err, "{message}");
                for cause in e.causes() {
                    let _ = writeln!(err, "\n{}", cause.render(err_colour));
                }
                failed.push(i);
                if keep_going {
                    continue;
                }
                stopped(*err, i, "it failed");
                return Err(Failed::Statement);
            }
        }
    }
    if failed.is_empty() {
        return Ok(());
    }
    // A block that went on past its failures says which ones failed, as its results may
    // have scrolled the messages away.
    if count > 1 {
        let which: Vec<String> = failed.iter().map(|i| (i + 1).to_string()).collect();
        let s = if failed.len() == 1 { "" } else { "s" };
        let _ = writeln!(
            err,
            "{} of {count} statements failed (statement{s} {}); the others ran",
            failed.len(),
            which.join(", ")
        );
    }
    Err(Failed::Statement)
}

/// How a result is laid out around its table.
struct Shape {
    style: Style,
    /// Whether each table says which statement it answers (there are several).
    label: bool,
    /// Whether this is the first table of the text.
    first: bool,
    /// Whether the elapsed time follows the table.
    timing: bool,
}

/// Writes one statement's result; any failure to write is returned, never ignored.
fn write_result(
    out: &mut dyn Write,
    format: Format,
    statement_text: &str,
    table: &clustergraph_query::Table,
    elapsed_ms: f64,
    shape: Shape,
) -> std::io::Result<()> {
    // CSV has no notion of several tables: a blank line separates them, as spreadsheet tools
    // and `csvkit` expect. Results with no columns (`set`, `open`) print no CSV table to
    // separate.
    let csv = format == Format::Csv;
    if csv && !shape.first && !table.columns().is_empty() {
        write!(out, "\r\n")?;
    }
    if format == Format::Table && shape.label {
        let gap = if shape.first { "" } else { "\n" };
        writeln!(
            out,
            "{gap}> {}",
            clustergraph_core::printable(statement_text, usize::MAX, true)
        )?;
    }
    render::print(out, format, statement_text, table, elapsed_ms, shape.style)?;
    if shape.timing && format == Format::Table {
        let rows = table.rows().len();
        if table.columns().is_empty() {
            writeln!(out, "done in {}", human_ms(elapsed_ms))?;
        } else {
            writeln!(
                out,
                "{rows} row{} in {}",
                if rows == 1 { "" } else { "s" },
                human_ms(elapsed_ms)
            )?;
        }
    }
    out.flush()
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
