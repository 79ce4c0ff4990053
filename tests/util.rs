//! Running the built binary, and reading what it prints.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built `clustergraph` binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_clustergraph");

/// The workspace root (where `queries/` and `graphs/` are).
pub fn workspace_root() -> PathBuf {
    // The binary's package is the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The binary, run from the workspace root, without colours.
pub fn clustergraph() -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .env_remove("CLUSTERGRAPH_HISTORY");
    c
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the run ended with `code`.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics unless the run succeeded with nothing on stderr.
    #[track_caller]
    pub fn ok(self) -> Run {
        let r = self.expect_code(0);
        assert!(r.stderr.is_empty(), "stderr: {}", r.stderr);
        r
    }

    /// The JSON objects printed one a line by `--format json`.
    #[track_caller]
    pub fn json(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))
            })
            .collect()
    }

    /// The records printed by `--format csv` for one statement: the header, then the rows.
    #[track_caller]
    pub fn csv(&self) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(false)
            .from_reader(self.stdout.as_bytes());
        r.records()
            .map(|rec| {
                rec.unwrap_or_else(|e| panic!("not CSV ({e}):\n{}", self.stdout))
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    }
}

/// Runs `clustergraph ARGS...` from the workspace root.
pub fn run(args: &[&str]) -> Run {
    run_in(&workspace_root(), args)
}

/// Runs `clustergraph ARGS...` in `dir` (where relative paths, such as an export's, go).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = clustergraph()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// `clustergraph query STATEMENTS` on the seed graph, printed as tables.
pub fn query(statements: &str) -> Run {
    run(&["query", statements])
}

/// `clustergraph query STATEMENT` for a statement that writes a file (`draw`, `export`),
/// run in a temporary folder (with a `docs/img` folder, where the README writes), so that
/// tests leave nothing in the repository; the folder is returned with what ran.
pub fn query_writing(statement: &str) -> (Run, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(dir.path().join("docs/img")).expect("a folder");
    let out = clustergraph()
        .current_dir(dir.path())
        .args(["query", statement])
        .output()
        .expect("the binary runs");
    let run = Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    (run, dir)
}

/// Whether a statement writes a file, and so runs with [`query_writing`].
pub fn writes_a_file(statement: &str) -> bool {
    let first = statement.split_whitespace().next().unwrap_or("");
    ["draw", "export"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
}

/// `clustergraph query --format json STATEMENTS` on the seed graph.
pub fn query_json(statements: &str) -> Run {
    run(&["query", "--format", "json", statements])
}

/// `clustergraph query --format csv STATEMENTS` on the seed graph.
pub fn query_csv(statements: &str) -> Run {
    run(&["query", "--format", "csv", statements])
}

/// The ids of the node cells in column `col` of a JSON result.
#[track_caller]
pub fn node_ids(result: &serde_json::Value, col: &str) -> Vec<String> {
    let i = column(result, col);
    rows(result)
        .iter()
        .map(|r| {
            r[i]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("not a node cell: {}", r[i]))
                .to_string()
        })
        .collect()
}

/// The index of column `col` of a JSON result.
#[track_caller]
pub fn column(result: &serde_json::Value, col: &str) -> usize {
    result["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .position(|c| c == col)
        .unwrap_or_else(|| panic!("no column {col} in {}", result["columns"]))
}

/// The rows of a JSON result.
#[track_caller]
pub fn rows(result: &serde_json::Value) -> &Vec<serde_json::Value> {
    result["rows"].as_array().expect("rows")
}

/// A folder of graph sources in a temporary directory.
#[derive(Debug)]
pub struct TempGraph {
    pub dir: tempfile::TempDir,
}

impl TempGraph {
    pub fn new(files: &[(&str, &str)]) -> TempGraph {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("the file is written");
        }
        TempGraph { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn arg(&self) -> &str {
        self.path().to_str().expect("a UTF-8 temporary path")
    }
}
