//! `export` in every format and `--graph`/`open` on what it wrote, through the binary: the
//! files, the messages, the graph read back, and bad files refused with their file and line.

use serde_json::Value;

use crate::util::{run, run_in, Run, TempGraph};

/// `query --format json` on the seed graph, run in `dir` (where relative paths go).
fn query_in(dir: &std::path::Path, statements: &str) -> Run {
    run_in(dir, &["query", "--format", "json", statements])
}

/// The node and edge counts of `stats` on the graph at `path`.
fn counts(path: &str) -> (u64, u64) {
    let r = run(&["--graph", path, "query", "--format", "json", "stats"]).ok();
    let v = &r.json()[0];
    let get = |what: &str| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row[0] == what)
            .and_then(|row| row[1].as_u64())
            .unwrap_or_else(|| panic!("no {what} in {v}"))
    };
    (get("nodes"), get("edges"))
}

#[test]
fn every_format_is_written_and_graphml_json_and_csv_open_again() {
    let dir = tempfile::tempdir().unwrap();
    let seed = counts("graphs/seeds");
    for (format, name) in [
        ("graphml", "g.graphml"),
        ("gexf", "g.gexf"),
        ("json", "g.json"),
        ("dot", "g.dot"),
        ("csv", "g-csv"),
    ] {
        let r = run_in(dir.path(), &["query", &format!("export {format} {name}")]).ok();
        let stdout = r.stdout;
        let said = format!("exported {} nodes and {} edges as {format}", seed.0, seed.1);
        assert!(stdout.contains(&said), "{stdout}");
        assert!(dir.path().join(name).exists(), "{name}");
    }
    for name in ["g.graphml", "g.json", "g-csv", "g-csv/nodes.csv"] {
        let p = dir.path().join(name);
        assert_eq!(counts(p.to_str().unwrap()), seed, "{name}");
    }
    // `open` reads it too, and `show` gives the provenance back.
    let p = dir.path().join("g.graphml");
    let r = query_in(dir.path(), &format!("open {}; show LE2C", p.display())).ok();
    assert!(r.stdout.contains("ctl-2016"), "{}", r.stdout);
}

#[test]
fn around_writes_one_neighbourhood() {
    let dir = tempfile::tempdir().unwrap();
    query_in(dir.path(), "export json le2c.json around LE2C depth 1").ok();
    let p = dir.path().join("le2c.json");
    let text = std::fs::read_to_string(&p).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"le2c") && ids.contains(&"ctl"), "{ids:?}");
    let (nodes, _) = counts(p.to_str().unwrap());
    assert_eq!(nodes as usize, ids.len());
    assert!(nodes < counts("graphs/seeds").0);
}

#[test]
fn a_bad_graphml_is_refused_with_every_problem_at_its_line() {
    let g = TempGraph::new(&[(
        "bad.graphml",
        "<?xml version=\"1.0\"?>\n<graphml>\n<key id=\"k\" for=\"node\" attr.name=\"kind\"/>\n<graph>\n<node id=\"a\"><data key=\"k\">clustr</data></node>\n<edge source=\"a\" target=\"b\"/>\n</graph>\n</graphml>\n",
    )]);
    let p = g.file("bad.graphml");
    let r = run(&["--graph", p.to_str().unwrap(), "query", "stats"]).expect_code(2);
    assert!(r.stdout.is_empty());
    let shown = p.display().to_string();
    for (line, message) in [
        (5, "node `a`: unknown kind `clustr`"),
        (6, "the edge's end `b` is not a node of the graph"),
    ] {
        assert!(
            r.stderr
                .contains(&format!("error: {message}\n --> {shown}:{line}:1\n")),
            "{}",
            r.stderr
        );
    }
    assert!(r.stderr.contains("2 problems"), "{}", r.stderr);
}

#[test]
fn a_bad_csv_row_is_named_by_file_and_line_and_open_keeps_the_graph() {
    let g = TempGraph::new(&[
        // A byte-order mark, as spreadsheets write, is skipped; lines still count from it.
        (
            "nodes.csv",
            "\u{feff}id:ID,:LABEL,founded:int\na,Cluster,2009\nb,Region,soon\n",
        ),
        ("edges.csv", ":START_ID,:END_ID,:TYPE\na,b,member_of\n"),
    ]);
    let r = query_in(g.path(), &format!("open {}; show LE2C", g.arg())).expect_code(1);
    let nodes = g.file("nodes.csv").display().to_string();
    assert!(
        r.stderr.contains(&format!(
            "error: `founded`: `soon` is not a whole number\n --> {nodes}:3:10\n"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("the graph in use is unchanged"),
        "{}",
        r.stderr
    );
}

#[test]
fn export_to_a_place_that_cannot_be_written_fails_with_exit_1() {
    let g = TempGraph::new(&[("file", "x")]);
    let r = query_in(g.path(), "export csv file").expect_code(1);
    assert!(r.stderr.contains("cannot export to `file`"), "{}", r.stderr);
    assert!(
        r.stderr.contains("is a file; a CSV export is a folder"),
        "{}",
        r.stderr
    );
    let r = query_in(g.path(), "export graphml no/such/folder/g.graphml").expect_code(1);
    assert!(r.stderr.contains("No such file"), "{}", r.stderr);
    // Nothing was left behind.
    let names: Vec<_> = std::fs::read_dir(g.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn konect_comments_and_byte_order_marks_are_read() {
    let g = TempGraph::new(&[
        ("k.tsv", "\u{feff}% sym unweighted\n% 3 2 3\n1 2\n2 3\n"),
        ("s.cgq", "\u{feff}stats\n"),
        ("bad.el", "1 2\nthis is prose\n"),
    ]);
    assert_eq!(counts(g.file("k.tsv").to_str().unwrap()), (3, 2));
    let r = run(&[
        "--graph",
        g.file("k.tsv").to_str().unwrap(),
        "run",
        g.file("s.cgq").to_str().unwrap(),
    ])
    .ok();
    assert!(r.stdout.contains("nodes"), "{}", r.stdout);
    let r = run(&[
        "--graph",
        g.file("bad.el").to_str().unwrap(),
        "query",
        "stats",
    ])
    .expect_code(2);
    assert!(
        r.stderr
            .contains("error: the weight `prose` is not a number\n --> "),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bad.el:2:9\n"), "{}", r.stderr);
}
