//! Hostile inputs (issue 11): every one gets an answer or one clear message, in bounded time
//! and memory, and a graph is loaded whole or not at all. Each test runs the built binary
//! under `ulimit -v` with a wall-clock bound that is a hang detector, not a speed test. The
//! inputs are generated here, never committed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::{Run, BIN};

/// The address space the binary may take in these tests (KiB): far less than the inputs
/// would take if they were loaded without a budget.
const MEMORY_KB: u64 = 1 << 20;

/// The longest any run may take before it counts as a hang (a loaded CI machine included).
const HANG: Duration = Duration::from_secs(120);

/// Runs the binary in `dir` with `args`, under `ulimit -v MEMORY_KB`, stdout redirected to
/// `stdout` (a shell redirection) when given; panics if it does not end within [`HANG`].
pub(crate) fn bounded(dir: &Path, args: &[&str], stdout: Option<&str>) -> Run {
    bounded_to(dir, args, stdout, MEMORY_KB)
}

/// [`bounded`] under `ulimit -v memory_kb`.
fn bounded_to(dir: &Path, args: &[&str], stdout: Option<&str>, memory_kb: u64) -> Run {
    let redirect = stdout.map_or(String::new(), |s| format!(" > {s}"));
    let script = format!("ulimit -v {memory_kb} && exec \"$0\" \"$@\"{redirect}");
    let child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = match rx.recv_timeout(HANG) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("`clustergraph {args:?}` ran past {HANG:?}");
        }
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn gzip(text: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(text).unwrap();
    enc.finish().unwrap()
}

/// The edge count `stats` reports.
fn edges(run: &Run) -> i64 {
    let stats = &run.json()[0];
    stats["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "edges")
        .unwrap_or_else(|| panic!("{stats}"))[1]
        .as_i64()
        .unwrap()
}

#[test]
fn a_gzip_file_of_several_members_loads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let first: String = (0..500).map(|i| format!("{i} {}\n", i + 1)).collect();
    let second: String = (500..1000).map(|i| format!("{i} {}\n", i + 1)).collect();
    let mut bytes = gzip(first.as_bytes());
    bytes.extend(gzip(second.as_bytes()));
    std::fs::write(dir.path().join("two.el.gz"), &bytes).unwrap();
    let run = bounded(
        dir.path(),
        &["--graph", "two.el.gz", "query", "--format", "json", "stats"],
        None,
    )
    .ok();
    assert_eq!(edges(&run), 1000);
    // Bytes after the last member that are not gzip: refused, not ignored.
    bytes.extend(b"garbage after the members");
    std::fs::write(dir.path().join("tail.el.gz"), &bytes).unwrap();
    let run = bounded(
        dir.path(),
        &["--graph", "tail.el.gz", "query", "stats"],
        None,
    )
    .expect_code(2);
    assert!(run.stderr.contains("not readable gzip"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn a_gzip_bomb_is_refused_by_the_budget() {
    // 40 MB of `1 2` lines in about 40 KB: 10 million edges, more than half a GiB of address
    // space holds at 64 bytes an edge (io/budget.rs; the graph itself takes about 35).
    let dir = tempfile::tempdir().unwrap();
    let chunk = "1 2\n".repeat(1 << 18);
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(dir.path().join("bomb.el.gz")).unwrap(),
        flate2::Compression::best(),
    );
    for _ in 0..40 {
        enc.write_all(chunk.as_bytes()).unwrap();
    }
    enc.finish().unwrap();
    let run = bounded_to(
        dir.path(),
        &["--graph", "bomb.el.gz", "query", "stats"],
        None,
        MEMORY_KB / 2,
    )
    .expect_code(2);
    assert!(
        run.stderr
            .contains("the graph does not fit in the memory budget"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--max-memory"), "{}", run.stderr);
    // A budget set on the command line is named as such.
    let run = bounded(
        dir.path(),
        &[
            "--graph",
            "bomb.el.gz",
            "--max-memory",
            "200M",
            "query",
            "stats",
        ],
        None,
    )
    .expect_code(2);
    assert!(run.stderr.contains("set by --max-memory"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_as_graphs_documents_and_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.el")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", d.join("random.el.gz")).unwrap();
    let fifo = Command::new("mkfifo").arg(d.join("fifo.el")).status();
    let mut graphs = vec!["zero.el", "random.el.gz"];
    if fifo.is_ok_and(|s| s.success()) {
        graphs.push("fifo.el");
    }
    for g in graphs {
        let run = bounded(d, &["--graph", g, "query", "stats"], None).expect_code(2);
        assert!(
            run.stderr.contains("not a regular file"),
            "{g}: {}",
            run.stderr
        );
    }
    let run = bounded(d, &["run", "zero.el"], None).expect_code(2);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    std::fs::write(
        d.join("g.toml"),
        "[[document]]\nkey = \"d\"\ntitle = \"T\"\nlanguage = \"it\"\nfile = \"zero.el\"\n",
    )
    .unwrap();
    let run = bounded(d, &["--graph", "g.toml", "query", "stats"], None).expect_code(2);
    assert!(
        run.stderr
            .contains("cannot read document file `zero.el`: it is not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn fixes_that_grow_a_document_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), "a".repeat(100)).unwrap();
    let fixes = vec!["{ wrong = \"a\", right = \"aa\" }"; 40].join(", ");
    std::fs::write(
        dir.path().join("g.toml"),
        format!(
            "[[document]]\nkey = \"d\"\ntitle = \"T\"\nlanguage = \"it\"\nfile = \"doc.txt\"\n\
             fixes = [{fixes}]\n"
        ),
    )
    .unwrap();
    let run = bounded(dir.path(), &["--graph", "g.toml", "query", "stats"], None).expect_code(2);
    assert!(
        run.stderr
            .contains("this fix would grow the document's text past 64 MiB"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_unknown_name_is_answered_quickly_and_cut() {
    let dir = tempfile::tempdir().unwrap();
    let list: String = (0..50_000).map(|i| format!("{i} {}\n", i + 1)).collect();
    std::fs::write(dir.path().join("g.el"), list).unwrap();
    let name = "x".repeat(100_000);
    let run = bounded(
        dir.path(),
        &["--graph", "g.el", "query", &format!("show {name}")],
        None,
    )
    .expect_code(1);
    assert!(run.stderr.contains("unknown node"), "{}", run.stderr);
    assert!(run.stderr.len() < 300_000, "{} bytes", run.stderr.len());
}

#[test]
fn control_characters_from_a_graph_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // An id that would clear the screen, and one that would set the window title.
    std::fs::write(dir.path().join("g.el"), "a \x1b[2J\na \x1b]0;pwned\x07\n").unwrap();
    let run = bounded(
        dir.path(),
        &["--graph", "g.el", "query", "neighbours a"],
        None,
    )
    .ok();
    assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    assert!(run.stdout.contains("\\u{1b}[2J"), "{}", run.stdout);
    let run = bounded(
        dir.path(),
        &["--graph", "g.el", "query", "show \"\x1b[2Jx\""],
        None,
    )
    .expect_code(1);
    assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
}

#[test]
fn a_huge_token_is_not_echoed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let token = "9".repeat(10 << 20);
    std::fs::write(dir.path().join("g.el"), format!("1 2\n1 2 x{token}\n")).unwrap();
    let run = bounded(dir.path(), &["--graph", "g.el", "query", "stats"], None).expect_code(2);
    assert!(
        run.stderr.contains("is not a number"),
        "{}",
        &run.stderr[..200]
    );
    assert!(run.stderr.len() < 100_000, "{} bytes", run.stderr.len());
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let run = bounded(dir.path(), &["query", "stats"], Some("/dev/full")).expect_code(1);
    assert!(
        run.stderr.contains("cannot write the results"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_first_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("g.el"), "\u{feff}1 2\n2 3\n").unwrap();
    let run = bounded(
        dir.path(),
        &[
            "--graph",
            "g.el",
            "query",
            "--format",
            "csv",
            "neighbours 1",
        ],
        None,
    )
    .ok();
    assert!(run.stdout.contains("\n1,2,node,"), "{}", run.stdout);
}

#[test]
fn invalid_utf8_is_placed_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("g.el"), b"1 2\n2 3\n3 \xff4\n").unwrap();
    let run = bounded(dir.path(), &["--graph", "g.el", "query", "stats"], None).expect_code(2);
    assert!(run.stderr.contains("line 3, column 3"), "{}", run.stderr);
    std::fs::write(dir.path().join("s.cgq"), b"stats\nfind \xff\n").unwrap();
    let run = bounded(dir.path(), &["run", "s.cgq"], None).expect_code(2);
    assert!(run.stderr.contains("line 2, column 6"), "{}", run.stderr);
}

#[test]
fn stats_on_a_long_ring_ends_with_bounds_on_the_diameter() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let ring: String = (0..n).map(|i| format!("{i} {}\n", (i + 1) % n)).collect();
    std::fs::write(dir.path().join("ring.el"), ring).unwrap();
    let run = bounded(
        dir.path(),
        &["--graph", "ring.el", "query", "--format", "json", "stats"],
        None,
    )
    .ok();
    let rows = run.json()[0]["rows"].as_array().unwrap().clone();
    let diameter = &rows
        .iter()
        .find(|r| r[0] == "diameter of the largest component")
        .unwrap()[1];
    // The exact value is 50,000; the bounds must contain it.
    let text = diameter.as_str().unwrap_or_else(|| panic!("{diameter}"));
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(numbers[0] <= 50_000 && 50_000 <= numbers[1], "{text}");
}

#[test]
fn graph_sources_too_large_for_the_budget_are_refused_before_parsing() {
    // About 27 MB of source, which takes several times that to parse and check: more than a
    // budget of 128 MB.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..500_000 {
        text.push_str(&format!(
            "[[edge]]\nfrom = \"n{i}\"\nrel = \"partner_in\"\nto = \"n{}\"\n\n",
            i + 1
        ));
    }
    std::fs::write(dir.path().join("big.toml"), text).unwrap();
    let args = [
        "--graph",
        "big.toml",
        "--max-memory",
        "128M",
        "query",
        "stats",
    ];
    let run = bounded(dir.path(), &args, None).expect_code(2);
    assert!(
        run.stderr.contains("past the memory budget"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--max-memory"), "{}", run.stderr);
}

#[test]
fn a_source_read_whole_is_budgeted_as_such() {
    // The same 20,000 nodes and edges, once under a header each (read one entry at a time),
    // once as inline arrays (read whole, which takes several times more memory).
    let dir = tempfile::tempdir().unwrap();
    let (mut headers, mut nodes, mut edges) = (String::new(), String::new(), String::new());
    for i in 0..20_000 {
        headers.push_str(&format!(
            "[[node]]\nid = \"n{i}\"\nkind = \"cluster\"\nname = \"N{i}\"\n\n\
             [[edge]]\nfrom = \"n{i}\"\nrel = \"partner_in\"\nto = \"n0\"\n\n"
        ));
        nodes.push_str(&format!(
            "  {{ id = \"n{i}\", kind = \"cluster\", name = \"N{i}\" }},\n"
        ));
        edges.push_str(&format!(
            "  {{ from = \"n{i}\", rel = \"partner_in\", to = \"n0\" }},\n"
        ));
    }
    std::fs::write(dir.path().join("headers.toml"), headers).unwrap();
    std::fs::write(
        dir.path().join("inline.toml"),
        format!("node = [\n{nodes}]\nedge = [\n{edges}]\n"),
    )
    .unwrap();
    let query = ["--max-memory", "40M", "query", "show n0"];
    let run = bounded(
        dir.path(),
        &[&["--graph", "headers.toml"], &query[..]].concat(),
        None,
    );
    let run = run.ok();
    assert!(run.stdout.contains("n0"), "{}", run.stdout);
    let run = bounded(
        dir.path(),
        &[&["--graph", "inline.toml"], &query[..]].concat(),
        None,
    )
    .expect_code(2);
    assert!(
        run.stderr
            .contains("is not written one [[section]] entry at a time"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("set by --max-memory"), "{}", run.stderr);
}

#[test]
fn a_table_with_a_very_long_cell_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let long = "y".repeat(1 << 20);
    std::fs::write(dir.path().join("g.el"), format!("a {long}\n")).unwrap();
    let run = bounded(
        dir.path(),
        &["--graph", "g.el", "query", "neighbours a"],
        None,
    )
    .ok();
    assert!(run.stdout.contains('…'), "{}", &run.stdout[..200]);
    assert!(run.stdout.len() < 100_000, "{} bytes", run.stdout.len());
}
