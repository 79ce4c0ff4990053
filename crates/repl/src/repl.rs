//! The REPL: read a line, run its statements, print, with history (each line appended to the
//! history file as it is entered), completion and hints.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clustergraph_query::lexer::{self, Pending};
use clustergraph_query::{Format, Session};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::helper::ClusterHelper;
use crate::render::Style;
use crate::runner;

const PROMPT: &str = "clustergraph> ";
/// The prompt of a line that goes on inside a string left open, as wide as [`PROMPT`].
const STRING_PROMPT: &str = "        \"...> ";
/// The prompt of a line that continues one ending with `\\`.
const LINE_PROMPT: &str = "         ...> ";

/// Reads one statement: a line, and more lines while a string is open or a line ends with
/// `\\`, each under a continuation prompt. `None` when the REPL should end (Ctrl-D, or a
/// terminal error); an empty text when Ctrl-C abandoned what was typed.
fn read_statement(rl: &mut Editor<ClusterHelper, DefaultHistory>) -> Option<String> {
    let mut text = match rl.readline(PROMPT) {
        Ok(line) => line,
        Err(ReadlineError::Interrupted) => return Some(String::new()),
        Err(ReadlineError::Eof) => return None,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    while let Some(pending) = lexer::pending(&text) {
        let prompt = match pending {
            Pending::String => STRING_PROMPT,
            Pending::Line => LINE_PROMPT,
        };
        match rl.readline(prompt) {
            Ok(more) => {
                text.push('\n');
                text.push_str(&more);
            }
            Err(ReadlineError::Interrupted) => return Some(String::new()),
            Err(ReadlineError::Eof) => {
                let why = match pending {
                    Pending::String => "a string was never closed",
                    Pending::Line => "its last line ends with `\\`",
                };
                eprintln!("the statement did not run: {why}");
                return None;
            }
            Err(e) => {
                eprintln!("error: {e}");
                return None;
            }
        }
    }
    Some(text)
}

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
            "clustergraph {} — {}: {} nodes, {} edges. `help` lists the statements, Tab completes, Ctrl-D exits.",
            env!("CARGO_PKG_VERSION"),
            session.source().unwrap_or("a graph"),
            g.node_count(),
            g.edge_count()
        );
    }
    while let Some(line) = read_statement(&mut rl) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        // Each statement is appended as it is entered, before it runs, so that a session
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
        // A failed statement has printed its message; the REPL carries on, and so do the
        // statements after it in a pasted block (the runner says which failed).
        let mut sink = runner::Sink {
            out: &mut out,
            err: &mut err,
            style,
            err_colour,
            timing: true,
            progress: io::stderr().is_terminal(),
            keep_going: true,
        };
        let _ = runner::run_text(&mut session, &mut format, &line, "<statement>", &mut sink);
        let _ = out.flush();
        if session.generation() != generation {
            generation = session.generation();
            if let Some(h) = rl.helper_mut() {
                h.set_graph(session.graph());
            }
        }
    }
    ExitCode::SUCCESS
}
