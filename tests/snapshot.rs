//! Snapshots end to end (issue 8): `save`, `open` and `--graph` of a `.cgs`, `clustergraph
//! snapshot info|diff` and the `diff` statement; every kind of damaged snapshot refused with
//! exit status 2 in bounded memory; and a saving process killed at random moments, after
//! which the target is always the whole old or the whole new snapshot.

use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use clustergraph_core::snapshot;
use serde_json::Value;

use crate::hostile::bounded;
use crate::util::{run_in, TempGraph, BIN};

/// The value of row `field` of `snapshot info --format json`.
fn info_field(info: &Value, field: &str) -> Vec<String> {
    info["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[0] == field)
        .map(|r| r[1].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn save_then_open_info_and_diff() {
    let t = TempGraph::new(&[
        ("a.el", "1 2\n2 3\n3 4 0.5\n"),
        ("b.el", "1 2\n3 4 0.75\n4 5\n"),
    ]);
    let dir = t.path();
    // The seed graph saved, then used by --graph and by open: the same statistics.
    let saved = run_in(dir, &["query", "save seeds.cgs"]).ok();
    let seed = clustergraph_core::seed_graph();
    let counts = format!(
        "saved seeds.cgs: {} nodes, {} edges,",
        seed.node_count(),
        seed.edge_count()
    );
    assert!(saved.stdout.contains(&counts), "{}", saved.stdout);
    let stats = |args: &[&str]| run_in(dir, args).ok().json();
    let built_in = stats(&["query", "--format", "json", "stats"]);
    let from_graph = stats(&["--graph", "seeds.cgs", "query", "--format", "json", "stats"]);
    let from_open = stats(&["query", "--format", "json", "open seeds.cgs; stats"]);
    assert_eq!(built_in[0]["rows"], from_graph[0]["rows"]);
    assert_eq!(built_in[0]["rows"], from_open[1]["rows"]);
    // Provenance survives: `show` is the same from the snapshot.
    let show = |args: &[&str]| run_in(dir, args).ok().json()[0]["rows"].clone();
    assert_eq!(
        show(&["query", "--format", "json", "show LE2C"]),
        show(&[
            "--graph",
            "seeds.cgs",
            "query",
            "--format",
            "json",
            "show LE2C"
        ])
    );

    let info = run_in(dir, &["snapshot", "info", "--format", "json", "seeds.cgs"]).ok();
    let info = &info.json()[0];
    assert_eq!(info_field(info, "format version"), ["1"]);
    assert_eq!(info_field(info, "nodes"), [seed.node_count().to_string()]);
    assert_eq!(info_field(info, "edges"), [seed.edge_count().to_string()]);
    assert_eq!(info_field(info, "documents"), ["5"]);
    assert_eq!(info_field(info, "built from"), ["graphs/seeds (built-in)"]);
    assert!(info_field(info, "written")[0].ends_with('Z'));

    // Two snapshots of edge lists: what changed, by id, from the command line and as a
    // statement, with the same rows.
    run_in(dir, &["--graph", "a.el", "query", "save a.cgs"]).ok();
    run_in(dir, &["--graph", "b.el", "query", "save b.cgs"]).ok();
    let built_from = run_in(dir, &["snapshot", "info", "--format", "json", "a.cgs"]).ok();
    let origin = &info_field(&built_from.json()[0], "built from")[0];
    assert!(origin.ends_with("a.el (edge list)"), "{origin}");
    let diff = run_in(
        dir,
        &["snapshot", "diff", "--format", "csv", "a.cgs", "b.cgs"],
    )
    .ok();
    assert_eq!(
        diff.stdout.replace("\r\n", "\n"),
        "change,item,id,details\n\
         added,node,5,\n\
         removed,edge,2 -linked-> 3,\n\
         changed,edge,3 -linked-> 4,weight: 0.5 → 0.75\n\
         added,edge,4 -linked-> 5,\n"
    );
    let statement = run_in(dir, &["query", "--format", "csv", "diff a.cgs \"b.cgs\""]).ok();
    assert_eq!(statement.stdout, diff.stdout);
    // Against the graph in use, and the message that sums it up.
    let in_use = run_in(dir, &["--graph", "b.cgs", "query", "diff a.cgs"]).ok();
    assert!(
        in_use.stdout.contains(
            "from a.cgs to the graph in use: nodes 1 added; edges 1 added, 1 removed, 1 changed"
        ),
        "{}",
        in_use.stdout
    );
    let same = run_in(dir, &["--graph", "a.cgs", "query", "diff a.el"]).ok();
    assert!(same
        .stdout
        .contains("no difference from a.el to the graph in use"));
}

#[test]
fn save_refuses_a_name_without_cgs_and_leaves_nothing() {
    let t = TempGraph::new(&[]);
    let r = run_in(t.path(), &["query", "save graph.el"]).expect_code(1);
    assert!(
        r.stderr.contains(
            "a snapshot's name ends in .cgs, so that it opens as one: write `graph.el.cgs`"
        ),
        "{}",
        r.stderr
    );
    let r = run_in(t.path(), &["query", "save absent/g.cgs"]).expect_code(1);
    assert!(
        r.stderr.contains("cannot save `absent/g.cgs`"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), 0);
}

/// Every kind of damaged snapshot, as `--graph`, `snapshot info` and `snapshot diff`: exit
/// status 2, nothing on stdout, one message naming the file, under `ulimit -v`.
#[test]
fn damaged_snapshots_exit_2_with_one_message() {
    let good = snapshot::to_bytes(&clustergraph_core::seed_graph());
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x10;
    let mut future = good.clone();
    future[8] = 2;
    let own = crc32fast::hash(&future[..24]);
    future[24..28].copy_from_slice(&own.to_le_bytes());
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"more");
    let mut claims_gigabytes = good[..28].to_vec();
    claims_gigabytes[12..20].copy_from_slice(&(1u64 << 40).to_le_bytes());
    let own = crc32fast::hash(&claims_gigabytes[..24]);
    claims_gigabytes[24..28].copy_from_slice(&own.to_le_bytes());
    // A MessagePack array claiming 4 Gi elements behind a header that checks.
    let inner_gigabytes = snapshot::seal(b"\x81\xa9documents\xdd\xff\xff\xff\xff\xc0");
    let mut deep = b"\x81\xa4meta".to_vec();
    deep.extend(std::iter::repeat_n(0x91, 1000));
    let deep = snapshot::seal(&deep);
    let cases: [(&str, Vec<u8>, &str); 9] = [
        ("empty", vec![], "the snapshot is empty (0 bytes)"),
        (
            "truncated",
            good[..good.len() - 100].to_vec(),
            "the snapshot is truncated",
        ),
        (
            "flipped",
            flipped,
            "the snapshot is damaged: its content does not match its checksum",
        ),
        (
            "foreign",
            b"1 2\n2 3\n".to_vec(),
            "not a clustergraph snapshot",
        ),
        ("future", future, "format version 2, newer than this build"),
        (
            "trailing",
            trailing,
            "the snapshot is followed by 4 bytes that are not part of it",
        ),
        ("gigabytes", claims_gigabytes, "the snapshot is truncated"),
        (
            "inner-gigabytes",
            inner_gigabytes,
            "the snapshot's content does not decode",
        ),
        ("deep", deep, "the snapshot's content does not decode"),
    ];
    let t = TempGraph::new(&[]);
    for (name, bytes, message) in cases {
        let file = format!("{name}.cgs");
        std::fs::write(t.file(&file), &bytes).unwrap();
        for args in [
            &["--graph", &file, "query", "stats"][..],
            &["snapshot", "info", &file],
            &["snapshot", "diff", &file, &file],
        ] {
            let r = bounded(t.path(), args, None);
            assert_eq!(r.code, 2, "{name} {args:?}: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{name} {args:?}: {}", r.stdout);
            assert!(
                r.stderr.contains(&format!("{file}: ")) && r.stderr.contains(message),
                "{name} {args:?}: {}",
                r.stderr
            );
            assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        }
        // In a session, `open` fails as a statement and the graph in use stays.
        let r = bounded(t.path(), &["query", &format!("open {file}")], None);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains("the graph in use is unchanged"),
            "{}",
            r.stderr
        );
    }
    // A snapshot under another name is named, not read as text.
    std::fs::write(t.file("g.el"), &good).unwrap();
    let r = bounded(t.path(), &["--graph", "g.el", "query", "stats"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("the file is a clustergraph snapshot but its name does not say so: rename it `g.el.cgs`"),
        "{}",
        r.stderr
    );
}

/// A saving process killed with SIGKILL at moments spread over its run: the target always
/// reads as the whole old snapshot or the whole new one, and nothing but the target and
/// temporary files is left.
#[cfg(unix)]
#[test]
fn a_saving_process_killed_at_any_moment_leaves_the_old_or_the_new_snapshot() {
    let t = TempGraph::new(&[]);
    let dir = t.path();
    // The new graph: 200,000 edges, a few megabytes of snapshot.
    let mut text = String::with_capacity(4 << 20);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..200_000 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let a = (x >> 33) % 50_000;
        let b = (x >> 13) % 50_000;
        text.push_str(&format!("{a} {b}\n"));
    }
    std::fs::write(dir.join("big.el"), &text).unwrap();
    run_in(dir, &["--graph", "big.el", "query", "save big.cgs"]).ok();
    std::fs::write(dir.join("small.el"), "1 2\n").unwrap();
    run_in(dir, &["--graph", "small.el", "query", "save old.cgs"]).ok();
    let old = std::fs::read(dir.join("old.cgs")).unwrap();
    let new_edges = snapshot::read_file(&dir.join("big.cgs"))
        .unwrap()
        .graph
        .edge_count();
    let saves = ["save target.cgs"; 8].join("; ");
    let args = ["--graph", "big.cgs", "query", saves.as_str()];
    // How long a whole run takes, to spread the kills over it.
    let start = Instant::now();
    run_in(dir, &args).ok();
    let whole = start.elapsed();
    let mut outcomes = [0usize; 2];
    let runs = 24;
    for i in 0..runs {
        std::fs::write(dir.join("target.cgs"), &old).unwrap();
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread over the run, with a jitter that differs between runs of the test.
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let jitter = u64::from(now.subsec_micros()) % 1000;
        let at = whole.mul_f64((i as f64 + jitter as f64 / 1000.0) / runs as f64);
        std::thread::sleep(at);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let s = snapshot::read_file(&dir.join("target.cgs"))
            .unwrap_or_else(|e| panic!("kill {i} after {at:?}: {e}"));
        match s.graph.edge_count() {
            1 => outcomes[0] += 1,
            n if n == new_edges => outcomes[1] += 1,
            n => panic!("kill {i} after {at:?}: a graph of {n} edges"),
        }
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                !name.starts_with(".target.cgs.") || name.ends_with(".tmp"),
                "{name}"
            );
        }
    }
    assert_eq!(outcomes.iter().sum::<usize>(), runs);
    // Whether both outcomes were seen depends on the machine's timing; say what happened.
    eprintln!(
        "killed {runs} saves over {whole:?}: {} left the old snapshot, {} the new one",
        outcomes[0], outcomes[1]
    );
}

#[test]
fn a_snapshot_past_the_memory_budget_is_refused_before_it_is_built() {
    let text: String = (0..20_000).map(|i| format!("{i} {}\n", i + 1)).collect();
    let t = TempGraph::new(&[("g.el", &text)]);
    run_in(t.path(), &["--graph", "g.el", "query", "save g.cgs"]).ok();
    let r = run_in(
        t.path(),
        &["--max-memory", "1M", "--graph", "g.cgs", "query", "stats"],
    )
    .expect_code(2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains(
            "g.cgs: the snapshot's 20001 nodes and 20000 edges would not fit in the memory \
             budget of 1 MiB set by --max-memory; nothing was loaded"
        ),
        "{}",
        r.stderr
    );
}
