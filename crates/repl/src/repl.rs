//! The REPL: read a line, run its statements, print, with history (each line appended to the
//! history file as it is entered), completion and hints.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clustergraph_query::{Format, Session};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::helper::ClusterHelper;
use crate::render::Style;
use crate::runner;

const PROMPT: &str = "clustergraph> ";

/// Where history is kept: `$CLUSTERGRAPH_HISTORY`, else `clustergraph/history.txt` in the
/// user's data directory (`~/.local/share` on Linux).
fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CLUSTERGRAPH_HISTORY") {
        return Some(PathBuf::from(p));
    }
    dirs::data_dir().map(|d| d.join("clustergraph").join("history.txt"))
}

pub fn run(mut session: Session, mut format: Format, style: Style, err_colour: bool) -> ExitCode {
    let config = Config::builder()
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .history_ignore_dups(true)
        .and_then(|b| b.max_history_size(10_000))
        .map(|b| b.build());
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot configure the line editor: {e}");
            return ExitCode::from(2);
        }
    };
    let mut rl: Editor<ClusterHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return ExitCode::from(2);
        }
    };
    rl.set_helper(Some(ClusterHelper::new(session.graph(), style.colour)));
    let history = history_path();
    if let Some(h) = &history {
        let _ = rl.load_history(h);
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    // Warn once when history cannot be written, not after every line.
    let mut history_warned = false;
    // The completion names are rebuilt only when `open` replaced the graph: re-folding every
    // name after each line is wasted work on large graphs (tens of thousands of nodes).
    let mut generation = session.generation();

    // Ctrl-C while a statement runs sets the session's flag (main's handler); the statement
    // stops at its next check and the prompt returns. While a line is being read, the
    // terminal is in raw mode and rustyline reports Ctrl-C itself as `Interrupted`.

    if io::stdin().is_terminal() {
        let g = session.graph();
        println!(
            "clustergraph {} — {} nodes, {} edges. `help` lists the statements, Tab completes, Ctrl-D exits.",
            env!("CARGO_PKG_VERSION"),
            g.node_count(),
            g.edge_count()
        );
    }
    loop {
        match rl.readline(PROMPT) {
            Ok(line) => {
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    continue;
                }
                // Each line is appended as it is entered, before it runs, so that a session
                // that is killed (or a statement that never ends) loses nothing.
                if rl.add_history_entry(trimmed).unwrap_or(false) {
                    if let Some(h) = &history {
                        if let Err(e) = rl.append_history(h) {
                            if !history_warned {
                                eprintln!("warning: history not saved to {}: {e}", h.display());
                                history_warned = true;
                            }
                        }
                    }
                }
                if matches!(trimmed, "exit" | "quit" | "\\q") {
                    break;
                }
                let mut out = io::stdout().lock();
                let mut err = io::stderr().lock();
                let style = Style {
                    width: crate::terminal_width().or(style.width),
                    ..style
                };
                // A failed statement has printed its message; the REPL carries on.
                let mut sink = runner::Sink {
                    out: &mut out,
                    err: &mut err,
                    style,
                    err_colour,
                    timing: true,
                    progress: io::stderr().is_terminal(),
                };
                let _ =
                    runner::run_text(&mut session, &mut format, &line, "<statement>", &mut sink);
                let _ = out.flush();
                if session.generation() != generation {
                    generation = session.generation();
                    if let Some(h) = rl.helper_mut() {
                        h.set_graph(session.graph());
                    }
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                break;
            }
        }
    }
    ExitCode::SUCCESS
}
