//! `clustergraph query` / `run` / `--graph`: every statement, output format, exit status and
//! kind of error message, asserting facts of the seed graph.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{column, node_ids, query, query_csv, query_json, rows, run, TempGraph, BIN};

/// The single JSON result of one statement.
#[track_caller]
fn one_json(statement: &str) -> Value {
    let r = query_json(statement).ok();
    let mut v = r.json();
    assert_eq!(v.len(), 1, "one JSON line per statement:\n{}", r.stdout);
    v.remove(0)
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// The ids of column `col`, as a set.
#[track_caller]
fn id_set(result: &Value, col: &str) -> BTreeSet<String> {
    node_ids(result, col).into_iter().collect()
}

/// The text cells of column `col`.
#[track_caller]
fn texts(result: &Value, col: &str) -> Vec<Option<String>> {
    let i = column(result, col);
    rows(result)
        .iter()
        .map(|r| r[i].as_str().map(str::to_string))
        .collect()
}

/// The cells of a column that holds numbers (a JSON number in every row).
#[track_caller]
fn numbers(result: &Value, col: &str) -> Vec<f64> {
    let i = column(result, col);
    rows(result)
        .iter()
        .map(|r| {
            r[i].as_f64()
                .unwrap_or_else(|| panic!("not a number: {}", r[i]))
        })
        .collect()
}

const CLUSTERS_CORD_PARTNERS: &[&str] = &[
    "arleg",
    "bsc",
    "centre-research-innovation",
    "mid-pannon",
    "milano-metropoli",
    "rda-bielsko-biala",
    "rda-piestany",
    "stuttgart-region-edc",
    "upper-austrian-chamber",
    "usti-rda",
];

const THEMATIC_GROUPS: &[&str] = &[
    "clusters-cord-agrifood",
    "clusters-cord-energy-environment",
    "clusters-cord-ict",
    "clusters-cord-life-sciences",
    "clusters-cord-tourism",
];

const CTL_MEMBERS: &[&str] = &[
    "afil",
    "cat-al",
    "le2c",
    "life-science-cluster",
    "lombardy-aerospace-cluster",
    "scc",
];

// ---- find ----

#[test]
fn find_ranks_matches_and_filters_by_kind() {
    let r = one_json("find lombardy kind cluster");
    let ids = node_ids(&r, "node");
    assert!(
        ids.contains(&"lombardy-aerospace-cluster".to_string()),
        "{ids:?}"
    );
    assert!(ids.contains(&"le2c".to_string()), "{ids:?}");
    for k in texts(&r, "kind") {
        assert_eq!(k.as_deref(), Some("cluster"));
    }
    // Scores are numbers, best first.
    let scores = numbers(&r, "score");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    let r = one_json("find le2c limit 1");
    assert_eq!(node_ids(&r, "node"), ["le2c"]);
}

#[test]
fn find_without_accents() {
    let r = one_json("find Sao Jose dos Campos limit 3");
    assert_eq!(node_ids(&r, "node")[0], "sao-jose-dos-campos");
}

#[test]
fn find_with_no_match_says_so() {
    let r = query("find zzzqqq").ok();
    assert!(
        r.stdout.contains("no node matches `zzzqqq`"),
        "{}",
        r.stdout
    );
}

// ---- show ----

#[test]
fn show_lists_attributes_edges_dates_and_provenance() {
    let r = query("show LE2C").ok();
    for needle in [
        "le2c",
        "Lombardy Energy Cleantech Cluster",
        "-spoke_at->",
        "Green Manufacturing e Circular Economy",
        "European Cluster Conference 2016: Shaping smart industries",
        "2016-12-01..2016-12-02",
        "ctl-2016",
        "Il Cluster Lombardy Energy Cleantech Cluster - LE2C è stato addirittura selezionato come relatore",
    ] {
        assert!(r.stdout.contains(needle), "missing {needle:?}:\n{}", r.stdout);
    }

    let r = one_json("show LE2C");
    let (part, key, value, date, source) = (
        column(&r, "part"),
        column(&r, "key"),
        column(&r, "value"),
        column(&r, "date"),
        column(&r, "source"),
    );
    let spoke = rows(&r)
        .iter()
        .find(|row| {
            row[key]
                .as_str()
                .is_some_and(|k| k.starts_with("-spoke_at->"))
        })
        .expect("LE2C spoke at ECC 2016");
    assert_eq!(spoke[part], "out");
    assert_eq!(spoke[value]["id"], "ecc-2016");
    assert_eq!(spoke[value]["kind"], "event");
    assert_eq!(spoke[date], "2016-12-01..2016-12-02");
    assert_eq!(spoke[source], "ctl-2016");
    let attrs = spoke[column(&r, "attrs")]
        .as_array()
        .expect("edge attributes, a list");
    assert!(
        attrs.contains(&serde_json::json!(
            "session: Green Manufacturing e Circular Economy"
        )),
        "{attrs:?}"
    );
    let member = rows(&r)
        .iter()
        .find(|row| row[key] == "-member_of->")
        .expect("LE2C is a member of CTL");
    assert_eq!(member[value]["id"], "ctl");
    assert!(member[date].is_null(), "undated: {member:?}");
}

#[test]
fn names_match_without_case_or_accents() {
    for (typed, id) in [
        ("show Sao Jose dos Campos", "sao-jose-dos-campos"),
        ("show \"sao jose dos campos\"", "sao-jose-dos-campos"),
        ("show Ecotech Quebec", "ecotech-quebec"),
        ("show ECOTECH QUÉBEC", "ecotech-quebec"),
        ("show le2c", "le2c"),
        ("SHOW ICN", "icn"),
    ] {
        let r = one_json(typed);
        let value = column(&r, "value");
        assert_eq!(rows(&r)[0][value], id, "{typed}");
    }
}

// ---- neighbours ----

#[test]
fn clusters_cord_has_exactly_ten_partners() {
    let r = one_json("neighbours \"Clusters Cord\" rel partner_in");
    assert_eq!(id_set(&r, "node"), set(CLUSTERS_CORD_PARTNERS));
    assert_eq!(rows(&r).len(), 10);
    for row in rows(&r) {
        assert_eq!(row[column(&r, "distance")], 1);
        assert_eq!(row[column(&r, "edge")], "<-partner_in-");
        assert_eq!(row[column(&r, "from")]["id"], "clusters-cord");
    }
}

#[test]
fn neighbors_is_neighbours() {
    let a = one_json("neighbours \"Clusters Cord\" rel partner_in");
    let b = one_json("neighbors \"Clusters Cord\" rel partner_in");
    assert_eq!(a["rows"], b["rows"]);
}

#[test]
fn neighbours_depth_two_gives_distances() {
    let r = one_json("neighbours CEBR depth 2");
    let d = column(&r, "distance");
    let at = |k: i64| -> BTreeSet<String> {
        rows(&r)
            .iter()
            .filter(|row| row[d] == k)
            .map(|row| row[column(&r, "node")]["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(at(1), set(&["clust-er-health", "life-sciences"]));
    let two = at(2);
    for id in [
        "clust-er",
        "medic-nest",
        "ecc-2024",
        "ctl",
        "clusters-cord-life-sciences",
    ] {
        assert!(two.contains(id), "{id} at distance 2: {two:?}");
    }
    assert!(!two.contains("cebr"), "the start is not its own neighbour");
    assert!(rows(&r).iter().all(|row| row[d] == 1 || row[d] == 2));
    let ids = node_ids(&r, "node");
    assert_eq!(
        ids.len(),
        id_set(&r, "node").len(),
        "each node once: {ids:?}"
    );
}

#[test]
fn neighbours_kind_filter_lists_only_those_kinds_but_walks_through_all() {
    // CTL's events are reached through its member clusters (distance 2).
    let r = one_json("neighbours ctl depth 2 kind event");
    assert!(texts(&r, "kind")
        .iter()
        .all(|k| k.as_deref() == Some("event")));
    let ids = id_set(&r, "node");
    for id in [
        "ecc-2016",
        "green-days",
        "missione-di-sistema-2016",
        "israel-mission-2016",
    ] {
        assert!(ids.contains(id), "{id}: {ids:?}");
    }
    let r = one_json("neighbours ctl depth 2 kind cluster,person");
    let kinds: BTreeSet<_> = texts(&r, "kind").into_iter().flatten().collect();
    assert_eq!(kinds, set(&["cluster", "person"]));
}

#[test]
fn neighbours_direction() {
    let r = one_json("neighbours ctl dir in rel member_of");
    assert_eq!(id_set(&r, "node"), set(CTL_MEMBERS));
    assert!(texts(&r, "edge")
        .iter()
        .all(|e| e.as_deref() == Some("<-member_of-")));

    let r = query("neighbours ctl dir out rel member_of").ok();
    assert!(
        r.stdout.contains("has no neighbours that match"),
        "{}",
        r.stdout
    );

    let r = one_json("neighbours \"Denis Leclerc\" dir out");
    assert_eq!(
        id_set(&r, "node"),
        set(&["ecotech-quebec", "icn", "leclerc-meeting"])
    );
}

// ---- path ----

/// Checks that a path table (JSON) is a chain of steps from `from` to `to`, each with an
/// edge arrow and a source, and returns its node ids in order.
#[track_caller]
fn check_chain(r: &Value, from: &str, to: &str) -> Vec<String> {
    let steps = rows(r);
    assert!(!steps.is_empty(), "a path: {r}");
    let (step, f, e, t, src) = (
        column(r, "step"),
        column(r, "from"),
        column(r, "edge"),
        column(r, "to"),
        column(r, "source"),
    );
    assert_eq!(steps[0][f]["id"], from);
    assert_eq!(steps[steps.len() - 1][t]["id"], to);
    let mut ids = vec![from.to_string()];
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s[step], i as i64 + 1, "steps are numbered from 1");
        if i > 0 {
            assert_eq!(
                steps[i - 1][t],
                s[f],
                "step {} starts where the last ended",
                i + 1
            );
        }
        let edge = s[e].as_str().expect("an edge");
        assert!(
            (edge.starts_with('-') && edge.ends_with("->"))
                || (edge.starts_with("<-") && edge.ends_with('-')),
            "an arrow: {edge}"
        );
        assert!(s[src].is_string(), "each step has its source: {s}");
        ids.push(s[t]["id"].as_str().unwrap().to_string());
    }
    ids
}

#[test]
fn path_from_le2c_to_ecotech_quebec_goes_through_denis_leclerc() {
    let r = one_json("path LE2C to \"Ecotech Quebec\"");
    let ids = check_chain(&r, "le2c", "ecotech-quebec");
    assert_eq!(ids, ["le2c", "ctl", "denis-leclerc", "ecotech-quebec"]);
    let edges = texts(&r, "edge");
    assert_eq!(edges[2].as_deref(), Some("-presides->"));
    assert_eq!(texts(&r, "source")[2].as_deref(), Some("icn-meeting"));
    // The sentence that names both ends first, then the others.
    let quotes = &rows(&r)[2][column(&r, "quote")];
    assert!(
        quotes[0]["quote"]
            .as_str()
            .unwrap()
            .contains("Denis Leclerc, presidente dell'International Cleantech Network"),
        "{quotes}"
    );
    assert!(
        quotes[1]["quote"]
            .as_str()
            .unwrap()
            .contains("presidente di ICN"),
        "{quotes}"
    );

    // The table shows the same steps.
    let t = query("path LE2C to \"Ecotech Quebec\"").ok();
    for needle in [
        "Denis Leclerc",
        "-presides->",
        "Ecotech Québec",
        "icn-meeting",
    ] {
        assert!(t.stdout.contains(needle), "{needle}:\n{}", t.stdout);
    }
}

#[test]
fn path_via_relations() {
    let r = one_json("path AFIL to LE2C via member_of");
    assert_eq!(check_chain(&r, "afil", "le2c"), ["afil", "ctl", "le2c"]);
    assert_eq!(
        texts(&r, "edge"),
        [Some("-member_of->".into()), Some("<-member_of-".into())]
    );
    let r = query("path LE2C to \"Ecotech Quebec\" via member_of").ok();
    assert_eq!(
        r.stdout.trim(),
        "no path from Lombardy Energy Cleantech Cluster to Ecotech Québec"
    );
}

#[test]
fn path_avoiding_a_kind() {
    // Every route from LE2C to Ecotech Québec passes through Denis Leclerc.
    let r = query("path LE2C to \"Ecotech Quebec\" avoid person").ok();
    assert!(r.stdout.starts_with("no path from"), "{}", r.stdout);
    // Avoiding sectors, the route through the Cleantech sector is not taken.
    let r = one_json("paths LE2C to \"Ecotech Quebec\" max 2");
    assert!(node_ids(&r, "to").contains(&"cleantech".to_string()));
    let r = one_json("path AFIL to \"Clust-ER Health\" avoid sector");
    let ids = check_chain(&r, "afil", "clust-er-health");
    assert!(
        !ids.iter()
            .any(|id| ["life-sciences", "cleantech", "agrifood"].contains(&id.as_str())),
        "{ids:?}"
    );
}

#[test]
fn path_directed_follows_edge_directions() {
    let r = one_json("path LE2C to \"Ecotech Quebec\" directed");
    check_chain(&r, "le2c", "ecotech-quebec");
    assert!(texts(&r, "edge")
        .iter()
        .all(|e| e.as_deref().is_some_and(|e| e.ends_with("->"))));

    // AFIL and LE2C are both members of CTL: linked, but not along the arrows.
    let r = query("path AFIL to LE2C directed").ok();
    assert_eq!(
        r.stdout.trim(),
        "no path from Associazione Fabbrica Intelligente Lombarda to Lombardy Energy Cleantech Cluster following edge directions"
    );
    let r = one_json("path AFIL to LE2C directed");
    assert!(rows(&r).is_empty(), "no path is an empty table: {r}");
}

#[test]
fn path_to_itself() {
    let r = query("path le2c to LE2C").ok();
    assert!(r.stdout.contains("the same node"), "{}", r.stdout);
}

// ---- paths ----

#[test]
fn paths_are_shortest_first_and_distinct() {
    let r = one_json("paths LE2C to \"Ecotech Quebec\" max 4");
    let (p, step) = (column(&r, "path"), column(&r, "step"));
    let mut lengths = Vec::new();
    let mut seqs = BTreeSet::new();
    for k in 1..=4 {
        let steps: Vec<Value> = rows(&r).iter().filter(|row| row[p] == k).cloned().collect();
        assert!(!steps.is_empty(), "path {k}");
        let mut one = r.clone();
        one["columns"] = Value::Array(r["columns"].as_array().unwrap().clone());
        one["rows"] = Value::Array(steps.clone());
        let ids = check_chain(&one, "le2c", "ecotech-quebec");
        lengths.push(steps.len());
        assert!(seqs.insert(ids), "paths are distinct");
        assert_eq!(steps.last().unwrap()[step], steps.len() as i64);
    }
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    assert_eq!(lengths[0], 3);
    assert!(!rows(&r).iter().any(|row| row[p] == 5), "max 4");
}

#[test]
fn paths_default_to_five_and_depth_bounds_their_length() {
    let r = one_json("paths LE2C to \"Ecotech Quebec\"");
    let p = column(&r, "path");
    let most = rows(&r).iter().map(|row| row[p].as_i64().unwrap()).max();
    assert_eq!(most, Some(5));

    let r = one_json("paths LE2C to \"Ecotech Quebec\" max 5 depth 3");
    assert!(rows(&r)
        .iter()
        .all(|row| row[column(&r, "step")].as_i64().unwrap() <= 3));
    assert!(
        rows(&r).iter().all(|row| row[p] == 1),
        "one path of 3 steps: {r}"
    );

    let r = query("paths LE2C to \"Ecotech Quebec\" depth 2").ok();
    assert!(r.stdout.contains("no path"), "{}", r.stdout);
}

// ---- components, stats ----

#[test]
fn components_are_largest_first_and_cover_the_graph() {
    let c = one_json("components");
    let sizes: Vec<i64> = numbers(&c, "size").into_iter().map(|x| x as i64).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    let s = one_json("stats");
    let stat = |name: &str| -> i64 {
        rows(&s)
            .iter()
            .find(|row| row[0] == name)
            .unwrap_or_else(|| panic!("no {name} in stats"))[1]
            .as_i64()
            .unwrap()
    };
    assert_eq!(sizes.iter().sum::<i64>(), stat("nodes"));
    assert_eq!(sizes.len() as i64, stat("components"));
    assert_eq!(sizes[0], stat("largest component"));
    // The ICN meeting, Clusters Cord and the Lombardy and Emilia-Romagna clusters are all
    // in the largest component.
    // Machine formats carry every member, as node objects.
    let members = rows(&c)[0][column(&c, "members")]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(members.len() as i64, sizes[0]);
    let ids: BTreeSet<&str> = members.iter().map(|m| m["id"].as_str().unwrap()).collect();
    for id in ["denis-leclerc", "clusters-cord", "le2c", "clust-er-health"] {
        assert!(ids.contains(id), "{id} in the largest component");
    }
}

#[test]
fn stats_counts_add_up() {
    let s = one_json("stats");
    let mut by_kind = 0;
    let mut by_rel = 0;
    let mut nodes = 0;
    let mut edges = 0;
    let mut density = None;
    for row in rows(&s) {
        let name = row[0].as_str().unwrap();
        match name {
            "nodes" => nodes = row[1].as_i64().unwrap(),
            "edges" => edges = row[1].as_i64().unwrap(),
            "density" => density = row[1].as_f64(),
            n if n.starts_with("nodes: ") => by_kind += row[1].as_i64().unwrap(),
            n if n.starts_with("edges: ") => by_rel += row[1].as_i64().unwrap(),
            _ => {}
        }
    }
    assert!(
        nodes > 100 && edges > 100,
        "the seed graph: {nodes} nodes, {edges} edges"
    );
    assert_eq!(by_kind, nodes);
    assert_eq!(by_rel, edges);
    let d = density.expect("density is a number");
    assert!(d > 0.0 && d < 1.0, "{d}");
    let t = query("stats").ok();
    for needle in [
        "nodes: cluster",
        "edges: partner_in",
        "diameter of the largest component",
    ] {
        assert!(t.stdout.contains(needle), "{needle}");
    }
}

// ---- help, set, open ----

#[test]
fn help_lists_every_statement() {
    let r = one_json("help");
    let names: BTreeSet<String> = texts(&r, "statement").into_iter().flatten().collect();
    for s in [
        "find",
        "show",
        "neighbours",
        "path",
        "paths",
        "components",
        "stats",
        "open",
        "save",
        "diff",
        "set",
        "help",
    ] {
        assert!(names.contains(s), "{s}: {names:?}");
    }
}

#[test]
fn help_of_one_statement_gives_syntax_options_and_example() {
    let r = one_json("help path");
    let items: Vec<Option<String>> = texts(&r, "item");
    let text = texts(&r, "text");
    let get = |k: &str| {
        let i = items.iter().position(|x| x.as_deref() == Some(k)).unwrap();
        text[i].clone().unwrap()
    };
    assert!(get("syntax").starts_with("path NODE to NODE"));
    assert!(items.iter().any(|i| i.as_deref() == Some("via R,...")));
    assert_eq!(get("example"), "path LE2C to \"Ecotech Quebec\"");
    // `neighbors` finds the help of `neighbours`.
    let r = one_json("help neighbors");
    assert!(texts(&r, "text")[0]
        .as_deref()
        .unwrap()
        .starts_with("neighbours NODE"));
}

#[test]
fn every_help_example_runs() {
    let scratch = tempfile::tempdir().unwrap();
    let r = one_json("help");
    for name in texts(&r, "statement").into_iter().flatten() {
        let h = one_json(&format!("help {name}"));
        let items = texts(&h, "item");
        let i = items
            .iter()
            .position(|x| x.as_deref() == Some("example"))
            .unwrap();
        let example = texts(&h, "text")[i].clone().unwrap();
        // Examples that write files (`save`, then `diff` of what it wrote) run in a
        // temporary folder rather than in the repository.
        if ["save", "diff"].contains(&name.as_str()) {
            crate::util::clustergraph()
                .current_dir(scratch.path())
                .args(["query", &example])
                .assert()
                .code(0);
        } else if crate::util::writes_a_file(&example) {
            let (run, dir) = crate::util::query_writing(&example);
            run.expect_code(0);
            let file = example
                .split_whitespace()
                .find(|w| w.contains('.'))
                .unwrap();
            assert!(dir.path().join(file).exists(), "{example}: no {file}");
        } else {
            query(&example).expect_code(0);
        }
    }
}

#[test]
fn set_format_changes_the_format_of_what_follows() {
    let r = query("find le2c limit 1; set format json; find le2c limit 1").expect_code(0);
    assert!(
        r.stdout.starts_with("> find le2c limit 1\n┌"),
        "a labelled table first: {}",
        r.stdout
    );
    let last = r.stdout.lines().last().unwrap();
    let v: Value = serde_json::from_str(last).expect("JSON after `set format json`");
    assert_eq!(v["rows"][0][0]["id"], "le2c");
    // `set` answers the same way whatever the format: a sentence on stderr, never on stdout.
    for (from, to) in [
        ("table", "json"),
        ("json", "csv"),
        ("csv", "table"),
        ("json", "json"),
    ] {
        let r = run(&["query", "--format", from, &format!("set format {to}")]).expect_code(0);
        assert_eq!(r.stdout, "", "set format {to} from {from}");
        assert_eq!(r.stderr, format!("results are printed as {to}\n"));
    }

    let r = run(&[
        "query",
        "--format",
        "json",
        "set format csv; find le2c limit 1",
    ])
    .expect_code(0);
    assert_eq!(
        r.stdout,
        "node,id,kind,aliases,score\r\nle2c,le2c,cluster,LE2C,1\r\n"
    );
}

#[test]
fn a_script_that_stops_at_a_failure_says_how_many_statements_did_not_run() {
    let r = query("find le2c limit 1; show nowhere; stats; components").expect_code(1);
    assert!(
        r.stdout.contains("Lombardy Energy Cleantech Cluster"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("nodes"),
        "nothing after the failure ran: {}",
        r.stdout
    );
    assert!(
        r.stderr.contains(
            "stopped at statement 2 of 4 (it failed): the 2 statements after it did not run"
        ),
        "{}",
        r.stderr
    );
    let r = query("stats in 2016-13; stats").expect_code(1);
    assert!(
        r.stderr.contains(
            "stopped at statement 1 of 2 (it did not parse): the statement after it did not run"
        ),
        "{}",
        r.stderr
    );
    // The last statement failing leaves nothing to say.
    let r = query("stats limit 1; show nowhere").expect_code(1);
    assert!(!r.stderr.contains("stopped"), "{}", r.stderr);
}

#[test]
fn a_cut_list_says_how_many_more_rows_there_are_in_every_format() {
    let r = query("find kind organisation").ok();
    let note = r.stdout.lines().last().expect("a last line");
    assert!(
        note.starts_with("… ")
            && note.contains(" more rows (limit ")
            && note.ends_with(" to see them)"),
        "{}",
        r.stdout
    );
    let v = &run(&["query", "--format", "json", "find kind organisation"])
        .ok()
        .json()[0];
    let more = v["more"].as_u64().expect("a count of the rows left out");
    assert_eq!(v["rows"].as_array().unwrap().len(), 20);
    let all = run(&[
        "query",
        "--format",
        "json",
        &format!("find kind organisation limit {}", 20 + more),
    ])
    .ok();
    let v = &all.json()[0];
    assert_eq!(v["rows"].as_array().unwrap().len() as u64, 20 + more);
    assert!(v.get("more").is_none(), "an uncut table has no count: {v}");
    let r = run(&["query", "--format", "csv", "centrality degree limit 2"]).ok();
    assert_eq!(
        r.stdout.lines().count(),
        3,
        "a header and two rows: {}",
        r.stdout
    );
}

#[test]
fn time_filters_in_months_and_days_with_strict() {
    let count = |text: &str| {
        let v = &run(&["query", "--format", "json", text]).ok().json()[0];
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r[0] == "edges")
            .map(|r| r[1].as_i64().unwrap())
            .unwrap()
    };
    let (year, month, day, strict) = (
        count("stats in 2016"),
        count("stats in 2016-11"),
        count("stats in 2016-12-01"),
        count("stats in 2016 strict"),
    );
    // Narrower spans keep fewer edges; strict drops the undated ones.
    assert!(
        month < year && day < year && strict < year,
        "{year} {month} {day} {strict}"
    );
    assert_eq!(count("stats in 2016-11..2016-11"), month);
    assert!(count("stats in 2011-10..2012") <= count("stats in 2011..2012"));
    // `show` says what was left out and the rule for undated edges.
    let r = query("show LE2C in 2016-11").ok();
    assert!(
        r.stdout.contains("edges in 2016-11: 2 edges without a date stay (add `strict` to leave them out); 1 edge of other dates left out"),
        "{}",
        r.stdout
    );
}

#[test]
fn open_without_a_path_goes_back_to_the_built_in_graph() {
    let g = TempGraph::new(&[("small.toml", SMALL_GRAPH)]);
    let stmt = format!(
        "open {}; stats limit 1; open; stats limit 1; find le2c limit 1",
        g.file("small.toml").display()
    );
    let r = query(&stmt).ok();
    assert!(
        r.stdout.contains("back to the built-in seed graph: "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("graph in use: {}", g.file("small.toml").display())),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("graph in use: the built-in seed graph"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Lombardy Energy Cleantech Cluster"),
        "{}",
        r.stdout
    );
}

const SMALL_GRAPH: &str = r#"
[[node]]
id = "alpha"
kind = "cluster"
name = "Alpha Cluster"
aliases = ["ALC"]

[[node]]
id = "beta"
kind = "network"
name = "Beta Network"

[[edge]]
from = "alpha"
rel = "member_of"
to = "beta"
date = "2020"
"#;

#[test]
fn open_replaces_the_graph() {
    let g = TempGraph::new(&[("small.toml", SMALL_GRAPH)]);
    let stmt = format!("open {}; neighbours ALC", g.file("small.toml").display());
    let r = query(&stmt).ok();
    assert!(r.stdout.contains("opened"), "{}", r.stdout);
    assert!(
        r.stdout.contains("2 nodes, 1 edges") || r.stdout.contains("2 nodes, 1 edge"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Beta Network"), "{}", r.stdout);

    // A folder of sources, quoted.
    let stmt = format!("open \"{}\"; stats", g.arg());
    let r = query_json(&stmt).ok();
    let v = r.json();
    assert_eq!(v[1]["rows"][0], serde_json::json!(["nodes", 2]));

    // The seed sources open too.
    query("open graphs/seeds; show LE2C").ok();
}

#[test]
fn open_failing_keeps_the_graph_and_exits_1() {
    let r = query("open /no/such/graph.toml; show LE2C").expect_code(1);
    assert!(
        r.stderr.contains("the graph in use is unchanged"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("/no/such/graph.toml"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn graph_option_loads_another_graph() {
    let g = TempGraph::new(&[("small.toml", SMALL_GRAPH)]);
    let r = run(&[
        "--graph",
        g.arg(),
        "query",
        "--format",
        "csv",
        "neighbours alpha",
    ])
    .ok();
    assert_eq!(
        r.csv(),
        [
            vec!["distance", "node", "kind", "from", "edge", "date", "source", "quote"],
            vec![
                "1",
                "beta",
                "network",
                "alpha",
                "-member_of->",
                "2020",
                "",
                ""
            ],
        ]
    );
    // --graph may follow the command too.
    run(&["query", "show beta", "--graph", g.arg()]).ok();
}

// ---- the time filter ----

#[test]
fn time_filter_drops_edges_of_other_years_and_keeps_undated_ones() {
    // Clusters Cord: its thematic groups date from 2011-10-25 through 2012, its Benchmarking
    // Conference from 2011-10-25, its partners and funding from 2011..2012 (the span the
    // article shows the project in).
    let all = id_set(&one_json("neighbours \"Clusters Cord\""), "node");
    let in2012 = id_set(&one_json("neighbours \"Clusters Cord\" in 2012"), "node");
    let in2011 = id_set(&one_json("neighbours \"Clusters Cord\" in 2011"), "node");
    let span = id_set(
        &one_json("neighbours \"Clusters Cord\" in 2011..2012"),
        "node",
    );
    let in2016 = id_set(&one_json("neighbours \"Clusters Cord\" in 2016"), "node");
    let groups = set(THEMATIC_GROUPS);
    let partners = set(CLUSTERS_CORD_PARTNERS);
    let conference = "benchmarking-conference-2011";

    assert!(all.is_superset(&groups) && all.contains(conference));
    assert!(in2012.is_superset(&groups) && !in2012.contains(conference));
    assert!(in2011.is_superset(&groups) && in2011.contains(conference));
    assert!(span.is_superset(&groups) && span.contains(conference));
    for s in [&all, &in2012, &in2011, &span] {
        assert!(s.is_superset(&partners), "{s:?}");
        assert!(s.contains("central-europe"), "{s:?}");
    }
    assert!(
        in2016.is_empty(),
        "every edge of Clusters Cord is dated: {in2016:?}"
    );
    // Undated edges always stay: LE2C's membership of the CTL.
    let in1990 = id_set(&one_json("neighbours LE2C in 1990"), "node");
    assert!(in1990.contains("ctl"), "{in1990:?}");
}

#[test]
fn time_filter_keeps_only_edges_that_meet_the_span() {
    let r = one_json("neighbours ctl depth 2 in 2016");
    let dates: Vec<String> = texts(&r, "date").into_iter().flatten().collect();
    assert!(!dates.is_empty());
    for d in &dates {
        assert!(d.starts_with("2016"), "{d}");
    }
    let r = one_json("show LE2C in 2016");
    let key = column(&r, "key");
    let keys: Vec<&str> = rows(&r)
        .iter()
        .filter_map(|row| row[key].as_str())
        .collect();
    assert!(
        keys.iter().any(|k| k.starts_with("-spoke_at->")),
        "{keys:?}"
    );
    assert!(
        keys.contains(&"-member_of->"),
        "undated edges stay: {keys:?}"
    );
    let r = one_json("show LE2C in 2024");
    let keys: Vec<&str> = rows(&r)
        .iter()
        .filter_map(|row| row[key].as_str())
        .collect();
    assert!(
        !keys.iter().any(|k| k.starts_with("-spoke_at->")),
        "{keys:?}"
    );

    let edges = |stmt: &str| -> i64 {
        let s = one_json(stmt);
        rows(&s).iter().find(|row| row[0] == "edges").unwrap()[1]
            .as_i64()
            .unwrap()
    };
    let (all, y2016, y2024) = (
        edges("stats"),
        edges("stats in 2016"),
        edges("stats in 2024"),
    );
    assert!(y2016 < all && y2024 < all, "{all} {y2016} {y2024}");
    assert!(edges("stats in 1990..2030") == all);

    let r = query("path \"Clust-ER Health\" to LE2C in 2016").ok();
    assert_eq!(
        r.stdout.trim(),
        "no path from Clust-ER Health to Lombardy Energy Cleantech Cluster in 2016"
    );
    let r = one_json("path \"Clust-ER Health\" to LE2C");
    check_chain(&r, "clust-er-health", "le2c");
}

// ---- output formats ----

#[test]
fn json_is_one_object_per_statement_with_the_contract_keys() {
    let r =
        query_json("stats; neighbours \"Clusters Cord\" rel partner_in; find le2c limit 1").ok();
    let v = r.json();
    assert_eq!(v.len(), 3, "{}", r.stdout);
    for (obj, stmt) in v.iter().zip([
        "stats",
        "neighbours \"Clusters Cord\" rel partner_in",
        "find le2c limit 1",
    ]) {
        let keys: BTreeSet<&str> = obj
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["columns", "elapsed_ms", "rows", "statement"].into());
        assert_eq!(obj["statement"], stmt);
        assert!(obj["elapsed_ms"].as_f64().is_some_and(|t| t >= 0.0));
        let width = obj["columns"].as_array().unwrap().len();
        assert!(rows(obj)
            .iter()
            .all(|r| r.as_array().unwrap().len() == width));
    }
    // Node cells are {id, name, kind}; counts and distances are numbers.
    let node = &v[1]["rows"][0][1];
    let keys: BTreeSet<&str> = node
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "kind", "name"].into());
    assert_eq!(node["kind"], "organisation");
    assert!(v[1]["rows"][0][0].is_i64());
    assert!(v[0]["rows"][0][1].is_i64());
    assert!(v[2]["rows"][0][4].is_f64());
    assert_eq!(
        v[2]["rows"][0][3],
        serde_json::json!(["LE2C"]),
        "aliases, a list"
    );
    assert_eq!(
        v[2]["rows"][0][0],
        serde_json::json!({"id": "le2c", "name": "Lombardy Energy Cleantech Cluster", "kind": "cluster"})
    );
}

#[test]
fn csv_has_a_header_and_node_ids() {
    let r = query_csv("neighbours \"Clusters Cord\" rel partner_in").ok();
    let recs = r.csv();
    assert_eq!(
        recs[0],
        ["distance", "node", "kind", "from", "edge", "date", "source", "quote"]
    );
    assert_eq!(recs.len(), 11);
    let ids: BTreeSet<String> = recs[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(ids, set(CLUSTERS_CORD_PARTNERS));
    assert!(recs[1..]
        .iter()
        .all(|r| r[3] == "clusters-cord" && r[0] == "1"));

    // Quotes with commas and double quotes survive the round trip.
    let r = query_csv("path LE2C to \"Ecotech Quebec\"").ok();
    let recs = r.csv();
    assert_eq!(
        recs[0],
        ["step", "from", "edge", "to", "date", "source", "quote"]
    );
    assert_eq!(recs[3][3], "ecotech-quebec");
    // Every sentence, one a line, each with its document.
    assert!(recs[3][6].contains("icn-meeting: I cluster manager lombardi si sono confrontati con il presidente di ICN, International Cleantech Network"));
}

#[test]
fn csv_tables_of_several_statements_are_separated_by_a_blank_line() {
    // RFC 4180 records end with CRLF; an empty record separates the statements' tables.
    let r = query_csv("neighbours icn rel presides; find le2c limit 1").ok();
    let tables: Vec<&str> = r.stdout.split("\r\n\r\n").collect();
    assert_eq!(tables.len(), 2, "{:?}", r.stdout);
    assert_eq!(
        tables[0],
        "distance,node,kind,from,edge,date,source,quote\r\n1,denis-leclerc,person,icn,<-presides-,,icn-meeting,\"icn-meeting: L'incontro, infatti, ha visto dalla partecipazione di Denis Leclerc, presidente dell'International Cleantech Network (ICN)\nicn-meeting: I cluster manager lombardi si sono confrontati con il presidente di ICN, International Cleantech Network, e del cluster Ecotech Quebec\""
    );
    assert!(
        tables[1].starts_with("node,id,kind,aliases,score\r\nle2c,le2c,cluster,"),
        "{:?}",
        tables[1]
    );
}

#[test]
fn tables_are_plain_when_not_on_a_terminal() {
    let r = query("neighbours \"Clusters Cord\" rel partner_in").ok();
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no escape codes: {:?}",
        r.stdout
    );
    let header = r.stdout.lines().nth(1).unwrap();
    for col in ["distance", "node", "kind", "from", "edge", "date"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(r.stdout.contains("Upper Austrian Chamber of Commerce"));
    // Long cells are not wrapped: each partner is on one line.
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.contains("<-partner_in-"))
            .count(),
        10
    );
}

// ---- exit statuses ----

#[test]
fn a_failing_statement_exits_1_after_earlier_results() {
    let r = query("find le2c limit 1; show nobody-at-all; stats").expect_code(1);
    assert!(
        r.stdout.contains("Lombardy Energy Cleantech Cluster"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("diameter"),
        "later statements do not run"
    );
    assert!(
        r.stderr.contains("no node is called `nobody-at-all`"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("error"), "{}", r.stdout);

    let r = query_json("find le2c limit 1; show nobody-at-all").expect_code(1);
    assert_eq!(r.json().len(), 1);
}

#[test]
fn a_bad_command_line_exits_2_with_nothing_on_stdout() {
    for args in [
        &["query", "--format", "xml", "stats"][..],
        &["frobnicate"],
        &["query"],
        &["run"],
        &["--no-such-flag"],
    ] {
        let r = run(args).expect_code(2);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(!r.stderr.is_empty(), "{args:?}");
    }
    let r = run(&["query", "--format", "xml", "stats"]);
    assert!(r.stderr.contains("xml"), "{}", r.stderr);
}

#[test]
fn a_missing_graph_or_script_exits_2() {
    let r = run(&["--graph", "/no/such/folder", "query", "stats"]).expect_code(2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("/no/such/folder"), "{}", r.stderr);

    let r = run(&["run", "/no/such/script.cgq"]).expect_code(2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("/no/such/script.cgq"), "{}", r.stderr);

    // A file of an unknown kind is refused, not guessed.
    let g = TempGraph::new(&[("graph.xyz", "a b\n")]);
    let r = run(&[
        "--graph",
        g.file("graph.xyz").to_str().unwrap(),
        "query",
        "stats",
    ])
    .expect_code(2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("graph.xyz"), "{}", r.stderr);
}

const BAD_A: &str = r#"[[document]]
key = "doc-a"
title = "A"
language = "en"

[[node]]
id = "alpha"
kind = "cluster"
name = "Alpha Cluster"

[[node]]
id = "beta"
kind = "clustr"
name = "Beta"

[[node]]
id = "alpha"
kind = "network"
name = "Alpha again"

[[edge]]
from = "alpha"
rel = "member_off"
to = "beta"

[[edge]]
from = "alpha"
rel = "member_of"
to = "gamma"
date = "2016-02-30"

[[edge]]
from = "alpha"
rel = "partner_in"
to = "alpah"
cite = [{ doc = "doc-zz", quote = "x" }]
"#;

const BAD_B: &str = r#"[[node]]
id = "gamma"
kind = "network"
name = "Gamma

[[node]]
"#;

#[test]
fn a_graph_source_with_errors_exits_2_and_reports_every_problem() {
    let g = TempGraph::new(&[("a.toml", BAD_A), ("b.toml", BAD_B)]);
    let r = run(&["--graph", g.arg(), "query", "stats"]).expect_code(2);
    assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
    let e = &r.stderr;
    let at = |file: &str, line: u32, col: u32| format!("{file}:{line}:{col}");
    for (what, place) in [
        ("unknown node kind `clustr`", at("a.toml", 13, 8)),
        ("did you mean `cluster`", at("a.toml", 13, 8)),
        ("duplicate node id `alpha`", at("a.toml", 17, 6)),
        ("unknown relation `member_off`", at("a.toml", 23, 7)),
        ("did you mean `member_of`", at("a.toml", 23, 7)),
        ("impossible date", at("a.toml", 30, 8)),
        ("edge to unknown node id `alpah`", at("a.toml", 35, 6)),
        ("did you mean `alpha`", at("a.toml", 35, 6)),
        ("unknown document `doc-zz`", at("a.toml", 36, 17)),
        ("b.toml:4:", at("b.toml", 4, 14)),
    ] {
        assert!(e.contains(what), "missing {what:?}:\n{e}");
        assert!(e.contains(&place), "missing {place}:\n{e}");
    }
    // The first definition of the duplicate is named too.
    assert!(e.contains(&at("a.toml", 7, 6)), "{e}");
    assert!(e.contains("nothing was loaded"), "{e}");
    // Every problem, in one run.
    let problems = e.lines().filter(|l| l.starts_with("error: ")).count();
    assert!(problems >= 8, "{problems} problems:\n{e}");
    // `gamma` is defined in the file with the syntax error: an edge to it is not reported as
    // unknown (it would be a false alarm), while the real typo `alpah` is.
    assert!(!e.contains("unknown node id `gamma`"), "{e}");
}

// ---- error messages ----

/// Checks that stderr shows `line` and, under it, carets under the last `token` in it.
#[track_caller]
fn assert_caret_under(stderr: &str, line: &str, token: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.ends_with(line) && l.contains(" | "))
        .unwrap_or_else(|| panic!("the statement is quoted:\n{stderr}"));
    let text_start = lines[i].len() - line.len();
    let caret_line = lines[i + 1];
    let col = line.rfind(token).expect("the token is in the line");
    let carets: String = caret_line
        .chars()
        .skip(text_start + col)
        .take(token.chars().count())
        .collect();
    assert_eq!(
        carets,
        "^".repeat(token.chars().count()),
        "carets under {token:?}:\n{stderr}"
    );
    assert!(
        caret_line[..text_start + col]
            .trim_end_matches(' ')
            .ends_with('|'),
        "nothing before the carets:\n{stderr}"
    );
}

#[test]
fn syntax_error_points_at_the_token() {
    let r = query("path LE2C \"Ecotech\"").expect_code(1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("error: expected `to`"), "{}", r.stderr);
    assert!(r.stderr.contains("<statement>:1:11"), "{}", r.stderr);
    assert_caret_under(&r.stderr, "path LE2C \"Ecotech\"", "\"Ecotech\"");

    let r = query("show \"unterminated").expect_code(1);
    assert!(r.stderr.contains("unterminated string"), "{}", r.stderr);
}

#[test]
fn errors_in_a_script_name_its_file_and_line() {
    let g = TempGraph::new(&[(
        "bad.cgq",
        "# a script\nfind le2c limit 1\n\nneighbours LE2C depth x\nstats\n",
    )]);
    let script = g.file("bad.cgq");
    let r = run(&["run", script.to_str().unwrap()]).expect_code(1);
    assert!(r.stdout.contains("Lombardy Energy Cleantech Cluster"));
    assert!(!r.stdout.contains("diameter"));
    assert!(r.stderr.contains("bad.cgq:4:23"), "{}", r.stderr);
    assert_caret_under(&r.stderr, "neighbours LE2C depth x", "x");
}

#[test]
fn unknown_statement_suggests_the_nearest() {
    let r = query("shw LE2C").expect_code(1);
    assert!(
        r.stderr
            .contains("unknown statement `shw`: did you mean `show`?"),
        "{}",
        r.stderr
    );
    assert_caret_under(&r.stderr, "shw LE2C", "shw");
    let r = query("neighbour LE2C").expect_code(1);
    assert!(
        r.stderr.contains("did you mean `neighbours`"),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_option_suggests_the_nearest() {
    let r = query("neighbours \"LE2C\" depht 2").expect_code(1);
    assert!(
        r.stderr
            .contains("unknown option `depht` for `neighbours`: did you mean `depth`?"),
        "{}",
        r.stderr
    );
    assert_caret_under(&r.stderr, "neighbours \"LE2C\" depht 2", "depht");
}

#[test]
fn unknown_kind_and_relation_suggest_the_nearest() {
    let r = query("neighbours LE2C kind clustr").expect_code(1);
    assert!(
        r.stderr
            .contains("unknown kind `clustr`: did you mean `cluster`?"),
        "{}",
        r.stderr
    );
    assert_caret_under(&r.stderr, "neighbours LE2C kind clustr", "clustr");
    let r = query("neighbours LE2C rel partnr_in").expect_code(1);
    assert!(
        r.stderr
            .contains("unknown relation `partnr_in`: did you mean `partner_in`?"),
        "{}",
        r.stderr
    );
    let r = query("path LE2C to AFIL avoid persn").expect_code(1);
    assert!(r.stderr.contains("did you mean `person`"), "{}", r.stderr);
}

#[test]
fn unknown_node_lists_candidates_with_their_kinds() {
    let r = query("show Lombardy Energy Clenatech").expect_code(1);
    assert!(
        r.stderr
            .contains("no node is called `Lombardy Energy Clenatech`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("`le2c` (cluster Lombardy Energy Cleantech Cluster)"),
        "{}",
        r.stderr
    );
    assert_caret_under(
        &r.stderr,
        "show Lombardy Energy Clenatech",
        "Lombardy Energy Clenatech",
    );
    let r = query("path LE2C to \"Ecotek Quebec\"").expect_code(1);
    assert!(
        r.stderr
            .contains("`ecotech-quebec` (cluster Ecotech Québec)"),
        "{}",
        r.stderr
    );
}

#[test]
fn ambiguous_node_lists_the_nodes_it_names() {
    let g = TempGraph::new(&[(
        "milano.toml",
        r#"
[[node]]
id = "milan"
kind = "city"
name = "Milano"

[[node]]
id = "milano-metropoli"
kind = "organisation"
name = "Milano Metropoli"
aliases = ["Milano"]
"#,
    )]);
    let r = run(&["--graph", g.arg(), "query", "show Milano"]).expect_code(1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("`Milano` names 2 nodes"), "{}", r.stderr);
    assert!(r.stderr.contains("`milan` (city Milano)"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("`milano-metropoli` (organisation Milano Metropoli)"),
        "{}",
        r.stderr
    );
    // An id is never ambiguous.
    run(&["--graph", g.arg(), "query", "show milan"]).ok();
}

#[test]
fn bad_numbers_are_explained() {
    let r = query("neighbours LE2C depth x").expect_code(1);
    assert!(
        r.stderr.contains("expected a number after `depth`"),
        "{}",
        r.stderr
    );
    let r = query("neighbours LE2C depth 9999999").expect_code(1);
    assert!(
        r.stderr
            .contains("`depth` must be between 1 and 1000000, found 9999999"),
        "{}",
        r.stderr
    );
    assert_caret_under(&r.stderr, "neighbours LE2C depth 9999999", "9999999");
    let r = query("paths LE2C to AFIL max 0").expect_code(1);
    assert!(r.stderr.contains("`max` must be between"), "{}", r.stderr);
    let r = query("find le2c limit many").expect_code(1);
    assert!(r.stderr.contains("expected a number"), "{}", r.stderr);
    let r = query("stats in 20x6").expect_code(1);
    assert!(r.stderr.contains("not a date"), "{}", r.stderr);
    let r = query("stats in 2016..2011").expect_code(1);
    assert!(r.stderr.contains("backwards"), "{}", r.stderr);
}

#[test]
fn a_time_filter_on_a_statement_that_reads_no_edges_is_an_error() {
    for (stmt, name) in [("find le2c in 2016", "find"), ("help in 2016", "help")] {
        let r = query(stmt).expect_code(1);
        assert!(
            r.stderr.contains(&format!(
                "`{name}` does not read edges, so it takes no time filter"
            )),
            "{}",
            r.stderr
        );
        assert_caret_under(&r.stderr, stmt, "in");
    }
}

#[test]
fn unknown_format_and_direction() {
    let r = query("set format xml").expect_code(1);
    assert!(r.stderr.contains("unknown format `xml`"), "{}", r.stderr);
    let r = query("neighbours LE2C dir up").expect_code(1);
    assert!(r.stderr.contains("unknown direction `up`"), "{}", r.stderr);
}

#[test]
fn comments_and_separators() {
    let r = query_json("# a comment\nfind le2c limit 1 # trailing\n; ;stats").ok();
    let v = r.json();
    assert_eq!(v.len(), 2, "{}", r.stdout);
    assert_eq!(v[0]["statement"], "find le2c limit 1");
}

#[test]
fn every_statement_of_the_readme_tour_runs() {
    let readme = std::fs::read_to_string(crate::util::workspace_root().join("README.md")).unwrap();
    let statements: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("clustergraph> "))
        .collect();
    assert!(
        statements.len() >= 5,
        "the tour has statements: {statements:?}"
    );
    // In a folder of their own, in order: `export` writes files there that `open` reads.
    let dir = tempfile::tempdir().unwrap();
    for s in statements {
        // A file written into a folder of the repository (`docs/img/...`) has that folder
        // made in the temporary one.
        for word in s.split_whitespace().filter(|w| w.contains('/')) {
            if let Some(parent) = std::path::Path::new(word).parent() {
                std::fs::create_dir_all(dir.path().join(parent)).unwrap();
            }
        }
        crate::util::run_in(dir.path(), &["query", s]).ok();
    }
}

#[test]
fn piped_output_has_no_colour_even_without_no_color() {
    let out = std::process::Command::new(crate::util::BIN)
        .current_dir(crate::util::workspace_root())
        .env_remove("NO_COLOR")
        .args(["query", "find le2c; show nowhere"])
        .output()
        .expect("the binary runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        stdout.contains("Lombardy Energy Cleantech Cluster"),
        "{stdout}"
    );
    assert!(stderr.contains("no node is called `nowhere`"), "{stderr}");
    assert!(
        !stdout.contains('\u{1b}') && !stderr.contains('\u{1b}'),
        "{stdout:?} {stderr:?}"
    );
}

#[test]
fn ctrl_c_stops_an_analytic_and_query_exits_130() {
    // A 120 × 120 grid: exact betweenness runs one search per node, far longer than this test
    // waits in a debug build.
    let mut text = String::new();
    let n = 120;
    for i in 0..n {
        for j in 0..n {
            let v = i * n + j;
            if j + 1 < n {
                text.push_str(&format!("{v} {}\n", v + 1));
            }
            if i + 1 < n {
                text.push_str(&format!("{v} {}\n", v + n));
            }
        }
    }
    let g = TempGraph::new(&[("grid.el", &text)]);
    let graph = g.file("grid.el");
    let child = std::process::Command::new(BIN)
        .args(["--graph", graph.to_str().expect("a UTF-8 path")])
        .args(["query", "centrality betweenness top 3"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Wait until it has loaded the graph and installed its Ctrl-C handler (SIGINT, bit 1 of
    // the caught-signals mask in /proc: a fixed sleep loses on a loaded machine), let the
    // statement start, then press Ctrl-C once.
    let caught = || {
        std::fs::read_to_string(format!("/proc/{}/status", child.id()))
            .ok()
            .and_then(|s| {
                let mask = s
                    .lines()
                    .find_map(|l| l.strip_prefix("SigCgt:"))?
                    .trim()
                    .to_string();
                u64::from_str_radix(&mask, 16).ok()
            })
            .is_some_and(|m| m & 0b10 != 0)
    };
    let waiting = std::time::Instant::now();
    while !caught() && waiting.elapsed() < std::time::Duration::from_secs(120) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(caught(), "the binary never installed its Ctrl-C handler");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let pressed = std::time::Instant::now();
    let out = child.wait_with_output().expect("the binary ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "stderr: {stderr}");
    assert!(
        stderr.contains("interrupted: `centrality betweenness top 3` was abandoned"),
        "stderr: {stderr}"
    );
    assert!(
        pressed.elapsed() < std::time::Duration::from_secs(20),
        "stopped {:?} after Ctrl-C",
        pressed.elapsed()
    );
}

#[test]
fn centrality_prints_ranked_scores_as_json_numbers_and_nan_as_null() {
    // A triangle with a tail and an isolated node: constraint is NaN for the isolated one.
    let g = TempGraph::new(&[("g.el", "a b\nb c\nc a\nc d\ne e\n")]);
    let graph = g.file("g.el");
    let r = run(&[
        "--graph",
        graph.to_str().unwrap(),
        "query",
        "--format",
        "json",
        "centrality degree; centrality constraint",
    ])
    .ok();
    let results = r.json();
    let degree = &results[0];
    assert_eq!(
        degree["columns"],
        serde_json::json!(["rank", "node", "kind", "degree"])
    );
    let ids = node_ids(degree, "node");
    assert_eq!(ids, ["c", "a", "b", "d", "e"], "highest first, ties by id");
    let scores: Vec<i64> = rows(degree)
        .iter()
        .map(|r| r[3].as_i64().unwrap())
        .collect();
    assert_eq!(scores, [3, 2, 2, 1, 0]);
    let constraint = &results[1];
    let last = rows(constraint).last().unwrap();
    assert_eq!(last[1]["id"], "e", "an undefined score sorts last");
    assert!(last[3].is_null(), "NaN is null in JSON: {last:?}");
    assert!(rows(constraint)[0][3].is_f64());
}

#[test]
fn a_metric_that_does_not_converge_is_an_error_that_says_why() {
    // K12: the adjacency's largest eigenvalue is 11 > 1/α = 10, so Katz's series diverges.
    let mut text = String::new();
    for a in 0..12 {
        for b in a + 1..12 {
            text.push_str(&format!("{a} {b}\n"));
        }
    }
    let g = TempGraph::new(&[("k12.el", &text)]);
    let graph = g.file("k12.el");
    let r = run(&[
        "--graph",
        graph.to_str().unwrap(),
        "query",
        "centrality katz",
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr
            .contains("katz did not converge within 1000 iterations (tolerance 1e-6)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("centrality eigenvector"), "{}", r.stderr);
}

#[test]
fn bridges_and_communities_answer_on_a_small_graph() {
    // Two triangles joined by one edge c–d: that edge is the only bridge, c and d the
    // articulation points, and each triangle a community.
    let g = TempGraph::new(&[("g.el", "a b\nb c\nc a\nc d\nd e\ne f\nf d\n")]);
    let graph = g.file("g.el");
    let r = run(&[
        "--graph",
        graph.to_str().unwrap(),
        "query",
        "--format",
        "json",
        "bridges; communities; communities labelprop",
    ])
    .ok();
    let results = r.json();
    let bridges = rows(&results[0]);
    assert_eq!(bridges.len(), 3);
    assert_eq!(bridges[0][0], "bridge");
    assert_eq!(
        (bridges[0][1]["id"].as_str(), bridges[0][2]["id"].as_str()),
        (Some("c"), Some("d"))
    );
    assert_eq!(bridges[1][0], "articulation point");
    assert_eq!(bridges[1][1]["id"], "c");
    assert_eq!(bridges[2][1]["id"], "d");
    for result in &results[1..] {
        let members: Vec<Vec<String>> = rows(result)
            .iter()
            .map(|r| {
                r[3].as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n["id"].as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        assert_eq!(
            members,
            [["a", "b", "c"], ["d", "e", "f"]],
            "{}",
            result["statement"]
        );
        // Each triangle: 3 of 7 edges inside, degree sum 7 of 14: 3/7 - 1/4.
        let share = rows(result)[0][2].as_f64().unwrap();
        assert!((share - (3.0 / 7.0 - 0.25)).abs() < 1e-12, "{share}");
    }
}
