//! Every `queries/*.cgq` script, run on the seed graph, against its expected output
//! `queries/NAME.out` (the exact stdout of `clustergraph run queries/NAME.cgq`). A script
//! whose comments name graphs (`# graph: PATH`, relative to the repository) runs on them
//! instead, as `--graph PATH` each; one whose graph is absent (the shared data beside the
//! repository) is skipped, but not on CI.
//!
//! After a deliberate change, `UPDATE_EXPECT=1 cargo test -p clustergraph scripts` rewrites
//! the `.out` files; review them in the diff.

use crate::util::{run, workspace_root};

#[test]
fn example_scripts_print_their_expected_output() {
    let root = workspace_root();
    let dir = root.join("queries");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("queries/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "cgq"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 5, "at least five example scripts");
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| !v.is_empty() && v != "0");
    let mut mismatched = Vec::new();
    for script in &scripts {
        let name = script.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(script).unwrap();
        assert!(
            text.starts_with('#'),
            "{name} opens with `#` comments saying what it answers"
        );
        let rel = format!("queries/{name}");
        let graphs: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# graph: "))
            .map(str::trim)
            .collect();
        if graphs.iter().any(|g| !root.join(g).exists()) {
            assert!(
                std::env::var_os("CI").is_none(),
                "{rel}: a graph is absent on CI"
            );
            continue;
        }
        let mut args: Vec<&str> = graphs.iter().flat_map(|g| ["--graph", g]).collect();
        args.extend(["run", &rel]);
        let r = run(&args).ok();
        let out = script.with_extension("out");
        if update {
            std::fs::write(&out, &r.stdout).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&out)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_EXPECT=1 writes it)", out.display()));
        if expected != r.stdout {
            eprintln!(
                "--- {rel}: expected {}\n{expected}\n--- actual\n{}",
                out.display(),
                r.stdout
            );
            mismatched.push(rel);
        }
    }
    assert!(
        mismatched.is_empty(),
        "output differs for {mismatched:?}; rerun with UPDATE_EXPECT=1 after a deliberate change"
    );
}
