//! The `clustergraph` binary: the command line, and the REPL that analysts live in.
//!
//! Exit status: 0 success; 1 a statement failed (earlier results already printed) or its
//! results could not be written (a full disk); 2 the command line or the graph could not be
//! loaded (nothing printed on stdout); 130 Ctrl-C abandoned a statement of `query` or `run`.

mod cli;
mod fit;
mod helper;
mod progress;
mod render;
mod repl;
mod runner;
mod snapshot;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;
use clustergraph_core::KnowledgeGraph;
use clustergraph_query::{Format, Session};

use cli::{Args, Command};
use render::Style;

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(n) = args.threads {
        // Analytics run on rayon's global pool; this is the only place it is configured.
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
        {
            eprintln!("error: cannot start {n} threads: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(bytes) = args.max_memory {
        clustergraph_core::io::budget::set_budget(bytes);
    }
    let err_colour = colour_allowed() && io::stderr().is_terminal();
    let stdout_tty = io::stdout().is_terminal();
    let style = Style {
        colour: colour_allowed() && stdout_tty,
        width: if stdout_tty { terminal_width() } else { None },
    };
    if let Some(Command::Snapshot(cmd)) = &args.command {
        // It reads its own files: no graph is loaded.
        return ExitCode::from(snapshot::run(cmd, args.format.into(), style, err_colour));
    }
    let graph = match load(&args) {
        Ok(g) => g,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // The loader's warnings (a node or edge that cites no document) do not stop it.
    for w in graph.warnings() {
        eprintln!("{}", w.render(err_colour));
    }
    // Several graphs joined are named together: `graphs/seeds + export.xlsx`.
    let source = if args.graph.is_empty() {
        clustergraph_query::exec::SEED_NAME.to_string()
    } else {
        let names: Vec<String> = args.graph.iter().map(|p| p.display().to_string()).collect();
        names.join(" + ")
    };
    let mut session = Session::new(graph).with_source(source);
    // Ctrl-C sets the session's flag: the running statement stops at its next check (in the
    // REPL the prompt returns; `query` and `run` exit 130). Outside the REPL, a second Ctrl-C
    // before the first is noticed ends the process, so nothing can make Ctrl-C useless there;
    // the REPL is never ended by Ctrl-C.
    let cancel = session.cancel_flag();
    let repl = args.command.is_none();
    if let Err(e) = ctrlc::set_handler(move || {
        if cancel.swap(true, std::sync::atomic::Ordering::SeqCst) && !repl {
            std::process::exit(130);
        }
    }) {
        eprintln!("warning: Ctrl-C will not interrupt statements: {e}");
    }
    let mut format: Format = args.format.into();
    let err_style = Style {
        colour: err_colour,
        ..style
    };
    let code = match &args.command {
        None => return repl::run(session, format, style, err_style.colour),
        Some(Command::Query { statements }) => run_once(
            &mut session,
            &mut format,
            statements,
            "<statement>",
            style,
            err_style,
        ),
        // Only a regular file, and a bounded one: `/dev/zero` or a FIFO would read forever.
        Some(Command::Snapshot(cmd)) => snapshot::run(cmd, format, style, err_style.colour),
        Some(Command::Run { file }) => match clustergraph_core::io::read_text(file, MAX_SCRIPT) {
            Ok(text) => run_once(
                &mut session,
                &mut format,
                &text,
                &file.display().to_string(),
                style,
                err_style,
            ),
            Err(e) => {
                eprintln!("error: cannot read the script {}: {e}", file.display());
                return ExitCode::from(2);
            }
        },
    };
    ExitCode::from(code)
}

/// The largest script `run` reads.
const MAX_SCRIPT: u64 = 64 << 20;

fn run_once(
    session: &mut Session,
    format: &mut Format,
    text: &str,
    origin: &str,
    style: Style,
    err_style: Style,
) -> u8 {
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let mut sink = runner::Sink {
        out: &mut out,
        err: &mut err,
        style,
        err_colour: err_style.colour,
        timing: false,
        progress: io::stderr().is_terminal(),
        keep_going: false,
    };
    match runner::run_text(session, format, text, origin, &mut sink) {
        Ok(()) => 0,
        Err(runner::Failed::Statement | runner::Failed::Output) => 1,
        // As a shell reports a process that SIGINT ended.
        Err(runner::Failed::Interrupted) => 130,
    }
}

fn load(args: &Args) -> Result<KnowledgeGraph, String> {
    if args.graph.is_empty() {
        return Ok(clustergraph_core::seed_graph());
    }
    clustergraph_core::open_all(&args.graph)
        .map_err(|e| e.render(colour_allowed() && io::stderr().is_terminal()))
}

/// Colour only when NO_COLOR is unset or empty (<https://no-color.org>).
fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}
