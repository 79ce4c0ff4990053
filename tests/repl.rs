//! The REPL, driven through a pseudo-terminal as a person would: typing, Tab, Enter,
//! Ctrl-C and Ctrl-D, reading what appears. Every wait is an `expect` with a timeout, never
//! a sleep.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Regex, Session};

use crate::util::{workspace_root, BIN};

const PROMPT: &str = "clustergraph> ";

/// A REPL on the seed graph in a 200×50 terminal, with its history in a temporary file.
struct Repl {
    p: expectrl::session::OsSession,
    _dir: tempfile::TempDir,
    history: PathBuf,
}

impl Repl {
    fn start() -> Repl {
        Repl::start_with(&[])
    }

    /// A REPL with these command-line arguments (for example `--graph PATH`).
    fn start_with(args: &[&str]) -> Repl {
        Repl::spawn(args, false)
    }

    /// A REPL in a terminal, with colours allowed (`NO_COLOR` unset) or not.
    fn spawn(args: &[&str], colour: bool) -> Repl {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let history = dir.path().join("history.txt");
        let mut cmd = Command::new(BIN);
        cmd.args(args).current_dir(workspace_root());
        if colour {
            cmd.env_remove("NO_COLOR");
        } else {
            cmd.env("NO_COLOR", "1");
        }
        cmd.env("TERM", "xterm")
            .env("CLUSTERGRAPH_HISTORY", &history);
        let mut p = Session::spawn(cmd).expect("the REPL starts in a pseudo-terminal");
        p.get_process_mut()
            .set_window_size(200, 50)
            .expect("the terminal size is set");
        p.set_expect_timeout(Some(Duration::from_secs(10)));
        let mut r = Repl {
            p,
            _dir: dir,
            history,
        };
        r.expect("nodes,");
        r.fresh_prompt();
        r
    }

    /// Waits for `needle`; returns what came before it.
    #[track_caller]
    fn expect(&mut self, needle: &str) -> String {
        match self.p.expect(needle) {
            Ok(c) => String::from_utf8_lossy(c.before()).into_owned(),
            Err(e) => panic!("waiting for {needle:?}: {e}"),
        }
    }

    #[track_caller]
    fn expect_regex(&mut self, re: &str) -> String {
        match self.p.expect(Regex(re)) {
            Ok(c) => String::from_utf8_lossy(c.get(0).unwrap()).into_owned(),
            Err(e) => panic!("waiting for /{re}/: {e}"),
        }
    }

    /// Waits for a new prompt, not a redraw of the line being edited: rustyline turns
    /// bracketed paste on (`ESC [?2004h`) as it starts reading a line, once the terminal is in
    /// raw mode. Typing before that could be flushed by the switch to raw mode.
    #[track_caller]
    fn fresh_prompt(&mut self) {
        self.expect("\x1b[?2004h");
        self.expect(PROMPT);
    }

    fn send(&mut self, text: &str) {
        self.p.send(text).expect("the terminal takes input");
    }

    /// Types a line and presses Enter.
    fn line(&mut self, text: &str) {
        self.send(text);
        self.send("\r");
    }

    /// Ctrl-D on an empty line; the REPL must exit with status 0. Returns the history file.
    #[track_caller]
    fn quit(mut self) -> String {
        self.send("\x04");
        match self.p.expect(Eof) {
            Ok(_) | Err(expectrl::Error::Eof) => {}
            Err(e) => panic!("waiting for the end: {e}"),
        }
        let status = self.p.get_process().wait().expect("the REPL ends");
        assert!(
            matches!(status, WaitStatus::Exited(_, 0)),
            "exit status: {status:?}"
        );
        // Lines are appended as they are entered: a session that entered none writes none.
        match std::fs::read_to_string(&self.history) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => panic!("the history cannot be read: {e}"),
        }
    }
}

#[test]
fn a_statement_prints_its_answer_and_the_time_it_took() {
    let mut r = Repl::start();
    r.line("path LE2C to \"Ecotech Quebec\"");
    let answer = r.expect("Ecotech Québec");
    assert!(answer.contains("Denis Leclerc"), "{answer}");
    let timing = r.expect_regex(r"[0-9]+ rows? in [0-9.]+ (µs|ms|s)");
    assert!(timing.starts_with("3 rows in"), "{timing}");
    r.fresh_prompt();
    let history = r.quit();
    assert!(
        history.contains("path LE2C to \"Ecotech Quebec\""),
        "{history}"
    );
}

#[test]
fn tab_completes_node_names_and_quotes_them() {
    let mut r = Repl::start();
    // One node starts with "Ecotech Q": one Tab completes it, closing the quote.
    r.send("neighbours \"Ecotech Q\t");
    r.expect("\"Ecotech Québec\"");
    r.send("\r");
    r.expect("Denis Leclerc");
    r.expect_regex(r"[0-9]+ rows? in ");
    r.fresh_prompt();

    // Many names start with "Clust": the first Tab adds what they share (the opening
    // quote, since some hold spaces), the second lists them.
    r.send("neighbours Clust\t");
    r.expect("neighbours \"Clust");
    r.send("\t");
    r.expect("Clust-ER Health");
    r.expect("Clusters Cord");
    // Narrowed to one, Tab completes the rest and Enter runs it.
    r.send("-ER H\t");
    r.expect("\"Clust-ER Health\"");
    r.send("\r");
    r.expect("Council of European BioRegions");
    r.fresh_prompt();

    // Statement words, options and relations complete too.
    r.send("neighb\t");
    r.expect("neighbo"); // `neighbours` and `neighbors` share it
    r.send("u\t");
    r.expect("neighbours");
    r.send(" CEBR dep\t");
    r.expect("depth");
    r.send(" 1 rel met_\t");
    r.expect("met_with");
    r.send("\r");
    r.expect("Clust-ER Health");
    r.expect_regex(r"1 row in ");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn a_bad_statement_prints_the_error_and_the_prompt_returns() {
    let mut r = Repl::start();
    r.line("shw LE2C");
    r.expect("unknown statement `shw`: did you mean `show`?");
    r.expect("^^^");
    r.fresh_prompt();
    r.line("show Lombardy Energy Clenatech");
    r.expect("no node is called");
    r.expect("`le2c` (cluster Lombardy Energy Cleantech Cluster)");
    r.fresh_prompt();
    // The session carries on.
    r.line("neighbours \"Clusters Cord\" rel partner_in");
    r.expect("Upper Austrian Chamber of Commerce");
    r.expect_regex(r"10 rows in ");
    r.fresh_prompt();
    let history = r.quit();
    assert!(history.contains("shw LE2C"), "{history}");
    assert!(history.contains("neighbours \"Clusters Cord\" rel partner_in"));
}

#[test]
fn ctrl_c_abandons_the_line_and_ctrl_d_exits_saving_history() {
    let mut r = Repl::start();
    r.send("neighbours CEBR dep");
    r.expect("dep");
    r.send("\x03");
    r.fresh_prompt();
    // The abandoned text is gone: the next line runs alone.
    r.line("stats");
    r.expect("diameter of the largest component");
    r.fresh_prompt();
    // An open quote waits for its end; Ctrl-C abandons that too.
    r.send("show \"Ecotech");
    r.send("\r");
    r.send("\x03");
    r.fresh_prompt();
    r.line("find le2c limit 1");
    r.expect("Lombardy Energy Cleantech Cluster");
    r.fresh_prompt();
    let history = r.quit();
    let lines: Vec<&str> = history.lines().collect();
    assert!(lines.contains(&"stats"), "{history}");
    assert!(lines.contains(&"find le2c limit 1"), "{history}");
    assert!(
        !history.contains("neighbours CEBR dep"),
        "abandoned lines are not kept: {history}"
    );
}

/// The validator asks the lexer whether a string is open: an escaped backslash before the
/// closing quote, or a quote inside a comment, leaves the line complete, and Enter runs it.
#[test]
fn enter_runs_a_line_whose_quotes_only_look_open() {
    let mut r = Repl::start();
    r.line(r#"show "a\\""#);
    r.expect("no node is called");
    r.fresh_prompt();
    r.line("show LE2C # it's \"odd");
    r.expect("Lombardy Energy Cleantech Cluster");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn set_format_and_help_in_the_repl() {
    let mut r = Repl::start();
    r.line("help path");
    r.expect("path NODE to NODE");
    r.fresh_prompt();
    r.line("set format json");
    r.fresh_prompt();
    r.line("find le2c limit 1");
    r.expect("{\"statement\":\"find le2c limit 1\",\"columns\":[\"node\",\"id\",\"kind\",\"aliases\",\"score\"]");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn ctrl_c_abandons_a_running_statement_and_the_prompt_returns() {
    // A ladder of 3,000 rungs has astronomically many simple paths between opposite corners:
    // asked for 1,000 of them, Yen's algorithm runs for far longer than this test waits.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let graph = dir.path().join("ladder.el");
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!("a{i} b{i}\n"));
        if i > 0 {
            text.push_str(&format!("a{} a{i}\nb{} b{i}\n", i - 1, i - 1));
        }
    }
    std::fs::write(&graph, text).expect("the graph is written");
    let mut r = Repl::start_with(&["--graph", graph.to_str().expect("a UTF-8 path")]);
    r.line("paths a0 to b2999 max 1000");
    // The first Ctrl-C may arrive before the statement has started; press it until the
    // statement says it was abandoned.
    r.p.set_expect_timeout(Some(Duration::from_millis(500)));
    let mut interrupted = false;
    for _ in 0..40 {
        r.send("\x03");
        if r.p
            .expect("interrupted: `paths a0 to b2999 max 1000` was abandoned")
            .is_ok()
        {
            interrupted = true;
            break;
        }
    }
    r.p.set_expect_timeout(Some(Duration::from_secs(10)));
    assert!(
        interrupted,
        "Ctrl-C did not interrupt the running statement"
    );
    r.fresh_prompt();
    // The session goes on with the same graph.
    r.line("stats");
    r.expect("largest component");
    r.fresh_prompt();
}

#[test]
fn tab_after_a_node_lists_the_options_and_never_inserts_a_lone_quote() {
    let mut r = Repl::start();
    // After a node and a space, Tab lists the options: nothing is inserted, so Enter runs
    // the statement instead of waiting for a closing quote.
    r.send("neighbours CEBR \t\t");
    let listed = r.expect("depth");
    assert!(!listed.contains('"'), "{listed:?}");
    r.expect("kind");
    r.expect("rel");
    r.expect("dir");
    r.send("depth 1\r");
    r.expect("Clust-ER Health");
    r.expect_regex(r"[0-9]+ rows? in ");
    r.fresh_prompt();

    // On an empty node position, Tab inserts nothing either (many names, no common prefix),
    // and the next Tab offers them all.
    r.send("show \t\t");
    r.expect("Display all");
    r.send("n");
    r.send("LE2C\r");
    r.expect("Lombardy Energy Cleantech Cluster");
    r.expect_regex(r"[0-9]+ rows? in ");
    r.fresh_prompt();

    // A path statement wants `to`: Tab writes it, then completes the second node.
    r.send("path LE2C \t");
    r.expect("to");
    r.send(" \"Ecotech Q\t");
    r.expect("\"Ecotech Québec\"");
    r.send("\r");
    r.expect("Denis Leclerc");
    r.expect_regex(r"[0-9]+ rows? in ");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn hints_show_the_optional_parts_not_given_yet() {
    let mut r = Repl::start();
    r.send("neighbours ");
    r.expect(
        "NODE [depth N] [kind K,...] [rel R,...] [dir out|in|both] [avoid K,...] [over K,...] [via R,...] [named TEXT] [limit N] [in DATE|D1..D2 [strict]]",
    );
    r.send("CEBR ");
    r.expect("[depth N] [kind K,...] [rel R,...] [dir out|in|both]");
    r.send("depth 2 ");
    let before = r.expect("[kind K,...] [rel R,...] [dir out|in|both]");
    assert!(!before.contains("[depth N]"), "{before:?}");
    r.send("\x03");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn history_keeps_each_line_as_it_is_entered_even_when_the_repl_is_killed() {
    use expectrl::process::unix::Signal;

    let mut r = Repl::start();
    r.line("find le2c limit 1");
    r.expect("Lombardy Energy Cleantech Cluster");
    r.fresh_prompt();
    r.p.get_process_mut()
        .kill(Signal::SIGKILL)
        .expect("the REPL is killed");
    let status = r.p.get_process().wait().expect("the REPL ends");
    assert!(
        matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)),
        "exit status: {status:?}"
    );
    let history = std::fs::read_to_string(&r.history).expect("the history is written");
    assert_eq!(
        history.lines().last(),
        Some("find le2c limit 1"),
        "{history}"
    );
}

#[test]
fn after_open_tab_completes_the_names_of_the_new_graph() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let graph = dir.path().join("tiny.el");
    std::fs::write(&graph, "zanzibar zermatt\n").expect("the graph is written");
    let mut r = Repl::start();
    r.line(&format!("open {}", graph.to_str().expect("a UTF-8 path")));
    r.expect("2 nodes, 1 edge");
    r.fresh_prompt();
    r.send("show zanz\t");
    r.expect("zanzibar");
    r.send("\r");
    r.expect("zermatt");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn lines_typed_ahead_or_pasted_all_run_in_turn() {
    // rustyline reads the terminal through a buffer; without its `buffer-redux` feature what
    // was read ahead of the first line was dropped, so only the first statement ran.
    let mut r = Repl::start();
    r.send("find afil\rfind le2c\rfind icn\r");
    r.expect("Associazione Fabbrica Intelligente Lombarda");
    r.expect("Lombardy Energy Cleantech Cluster");
    r.expect("International Cleantech Network");
    r.fresh_prompt();
    let history = r.quit();
    assert!(
        history.contains("find afil\nfind le2c\nfind icn"),
        "{history}"
    );
}

/// Bold, as comfy-table and the error renderer start a styled span.
const BOLD: &str = "\x1b[1m";

#[test]
fn colour_on_a_terminal_and_never_with_no_color() {
    let mut r = Repl::spawn(&[], true);
    r.line("find le2c");
    let table = r.expect("1 row in");
    assert!(
        table.contains(BOLD),
        "bold headers on a terminal: {table:?}"
    );
    r.fresh_prompt();
    r.line("show nowhere");
    let error = r.expect("unknown node");
    assert!(
        error.contains("\x1b["),
        "coloured errors on a terminal: {error:?}"
    );
    r.fresh_prompt();
    r.quit();

    let mut r = Repl::spawn(&[], false);
    r.line("find le2c");
    let table = r.expect("1 row in");
    // Only the table: rustyline's own terminal codes (bracketed paste) come before it.
    let table = &table[table.find('┌').expect("a table")..];
    assert!(
        !table.contains("\x1b["),
        "no styling with NO_COLOR: {table:?}"
    );
    r.fresh_prompt();
    r.quit();
}

/// What a statement printed in the terminal, after the line that typed it (the last prompt's
/// line, which rustyline redraws as hints come and go) up to the line that says how long it
/// took: escape sequences and carriage returns removed.
fn screen_lines(out: &str) -> Vec<String> {
    let plain = strip_escapes(out);
    let typed = plain.rfind(PROMPT).expect("the prompt of the typed line");
    let start = typed
        + plain[typed..]
            .find('\n')
            .expect("the end of the typed line")
        + 1;
    plain[start..]
        .split('\n')
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// `text` without ANSI escape sequences (`ESC [ ... letter`).
fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.next() == Some('[') {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() || d == '~' {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn at_80_columns_show_and_a_three_step_path_fit_two_screens_without_split_words() {
    let mut r = Repl::start();
    r.p.get_process_mut()
        .set_window_size(80, 24)
        .expect("the terminal is resized");
    r.line("show LE2C");
    let show = screen_lines(&r.expect(" rows in "));
    r.fresh_prompt();
    r.line("path LE2C to \"Ecotech Quebec\"");
    let path = screen_lines(&r.expect("3 rows in "));
    r.fresh_prompt();
    r.line("neighbours CEBR depth 2");
    let neighbours = screen_lines(&r.expect(" rows in "));
    r.fresh_prompt();
    r.quit();
    for (what, lines, most) in [
        ("show", &show, 48),
        ("path", &path, 24),
        ("neighbours", &neighbours, 48),
    ] {
        let text = lines.join("\n");
        assert!(
            lines.len() <= most,
            "{what}: {} lines at 80 columns:\n{text}",
            lines.len()
        );
        for l in lines.iter() {
            assert!(
                l.chars().count() <= 80,
                "{what}: a line wider than 80 columns: {l:?}"
            );
        }
        // Arrows, ids and dates are whole on one line; quotes are cut with an ellipsis.
        for whole in [
            "-member_of->",
            "-spoke_at->",
            "2016-12-01..2016-12-02",
            "ctl-2016",
            "-presides->",
            "icn-meeting",
            "-met_with->",
            "2024-03-07..2024-03-08",
        ] {
            let expected = match what {
                "show" => [
                    "-member_of->",
                    "-spoke_at->",
                    "2016-12-01..2016-12-02",
                    "ctl-2016",
                ]
                .contains(&whole),
                "path" => {
                    ["-member_of->", "-presides->", "icn-meeting", "-met_with->"].contains(&whole)
                }
                _ => ["-met_with->", "2024-03-07..2024-03-08"].contains(&whole),
            };
            if expected {
                assert!(
                    lines.iter().any(|l| l.contains(whole)),
                    "{what}: {whole} not whole:\n{text}"
                );
            }
        }
    }
    assert!(
        show.iter().any(|l| l.ends_with('…')),
        "a long quote is cut:\n{}",
        show.join("\n")
    );
    assert!(
        path.iter()
            .any(|l| l.contains("Lombardy Energy Cleantech Cluster")),
        "{path:?}"
    );
}

#[test]
fn wide_terminals_keep_the_table_and_cut_long_quotes() {
    let mut r = Repl::start();
    r.p.get_process_mut()
        .set_window_size(160, 50)
        .expect("the terminal is resized");
    r.line("path LE2C to \"Ecotech Quebec\"");
    let lines = screen_lines(&r.expect("3 rows in "));
    r.fresh_prompt();
    r.quit();
    let text = lines.join("\n");
    assert!(
        text.contains('┌') && text.contains("-member_of->"),
        "{text}"
    );
    assert!(lines.iter().all(|l| l.chars().count() <= 160), "{text}");
}

#[test]
fn an_open_quote_and_a_trailing_backslash_continue_the_statement_under_their_prompts() {
    let mut r = Repl::start();
    r.line("find \"Ecotech");
    r.expect("\"...> ");
    r.line("Quebec\"");
    r.expect("Ecotech Québec");
    r.expect(" in ");
    r.fresh_prompt();
    r.line("neighbours CEBR \\");
    // The line prompt, not the string's (`"...> `).
    let before = r.expect("...> ");
    assert!(before.ends_with("         "), "{before:?}");
    r.line("depth 2 limit 3");
    r.expect("more rows (limit");
    r.fresh_prompt();
    // Ctrl-C at a continuation prompt abandons the whole statement.
    r.line("show \"LE2C");
    r.expect("\"...> ");
    r.send("\x03");
    r.fresh_prompt();
    let history = r.quit();
    assert!(history.contains("neighbours CEBR"), "{history}");
}

#[test]
fn a_pasted_block_runs_every_statement_and_says_which_failed() {
    let mut r = Repl::start();
    // Bracketed paste: the terminal sends the block between ESC [200~ and ESC [201~.
    r.send("\x1b[200~find le2c limit 1\nshow nowhere\nfind afil limit 1\x1b[201~");
    r.send("\r");
    r.expect("Lombardy Energy Cleantech Cluster");
    r.expect("no node is called `nowhere`");
    r.expect("Associazione Fabbrica Intelligente Lombarda");
    r.expect("1 of 3 statements failed (statement 2); the others ran");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn tab_adds_the_space_after_a_completed_word() {
    let mut r = Repl::start();
    // With the space, `2` is depth's value; without, the line would read `depth2`.
    r.send("neighbours LE2C dep\t");
    r.expect("depth ");
    r.send("2 lim\t");
    r.expect("limit ");
    r.send("1\r");
    r.expect("more rows (limit");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn set_answers_the_same_in_every_format_and_stats_and_open_name_the_graph() {
    let mut r = Repl::start();
    for format in ["json", "csv", "table"] {
        r.line(&format!("set format {format}"));
        let out = r.expect(&format!("results are printed as {format}"));
        assert!(!out.contains("{\"statement\""), "{out:?}");
        r.fresh_prompt();
    }
    r.line("stats limit 1");
    r.expect("graph in use: the built-in seed graph");
    r.fresh_prompt();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let graph = dir.path().join("tiny.el");
    std::fs::write(&graph, "zanzibar zermatt\n").expect("the graph is written");
    let path = graph.to_str().expect("a UTF-8 path");
    r.line(&format!("open {path}"));
    r.expect("2 nodes, 1 edge");
    r.fresh_prompt();
    r.line("stats limit 1");
    r.expect(&format!("graph in use: {path}"));
    r.fresh_prompt();
    r.line("open");
    r.expect("back to the built-in seed graph: ");
    r.fresh_prompt();
    r.line("find le2c limit 1");
    r.expect("Lombardy Energy Cleantech Cluster");
    r.fresh_prompt();
    r.quit();
}

#[test]
fn an_edge_in_the_terminal_shows_its_best_sentence_and_how_many_more() {
    let mut r = Repl::start();
    r.p.get_process_mut()
        .set_window_size(120, 50)
        .expect("the terminal is resized");
    r.line("path LE2C to \"Ecotech Quebec\"");
    let out = r.expect("rows in");
    assert!(out.contains("(+1 more)"), "{out}");
    assert!(out.contains("(+2 more)"), "{out}");
    // Only the best sentence is printed: the other one of LE2C's membership is not.
    assert!(!out.contains("6 cluster su 9"), "{out}");
    r.fresh_prompt();
    r.line("documents");
    let out = r.expect("rows in");
    assert!(out.contains("clusters-cord-groups"), "{out}");
    r.fresh_prompt();
    r.quit();
}
