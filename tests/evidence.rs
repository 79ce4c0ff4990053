//! Issue 10, part 1, end to end: the seed graph's corrections, names found by their initials,
//! documents as first-class things (and warnings for what cites none), every sentence behind
//! every edge shown, `neighbours` listing every reaching edge, and the walk options of
//! `paths` and `neighbours`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{column, node_ids, query, query_csv, query_json, rows, run, TempGraph};

/// The single JSON result of one statement on the seed graph.
#[track_caller]
fn one(statement: &str) -> Value {
    let r = query_json(statement).ok();
    let mut v = r.json();
    assert_eq!(v.len(), 1, "one JSON line per statement:\n{}", r.stdout);
    v.remove(0)
}

fn ids(result: &Value, col: &str) -> BTreeSet<String> {
    node_ids(result, col).into_iter().collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// The `quote` cell of a row: every (source, quote), best first.
#[track_caller]
fn evidence(result: &Value, row: &Value) -> Vec<(String, String)> {
    row[column(result, "quote")]
        .as_array()
        .unwrap_or_else(|| panic!("no evidence in {row}"))
        .iter()
        .map(|c| {
            (
                c["source"].as_str().unwrap().to_string(),
                c["quote"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// ---- 1. The seed graph's corrections ----

#[test]
fn clusters_cord_partners_hold_in_2011_2012_only() {
    let r = query("neighbours \"Clusters Cord\" rel partner_in in 2024").ok();
    assert!(
        r.stdout
            .contains("Clusters Cord has no neighbours that match"),
        "{}",
        r.stdout
    );
    for span in ["2011", "2012", "2011..2016"] {
        let v = one(&format!(
            "neighbours \"Clusters Cord\" rel partner_in in {span}"
        ));
        assert_eq!(rows(&v).len(), 10, "in {span}: {v}");
    }
    let v = one("neighbours \"Clusters Cord\" rel funded_by,involves");
    let dates = column(&v, "date");
    assert_eq!(rows(&v).len(), 8);
    assert!(rows(&v).iter().all(|r| r[dates] == "2011..2012"), "{v}");
}

#[test]
fn the_lead_partner_leads_the_project_and_milano_metropoli_the_exchange_work() {
    let v = one("neighbours \"Clusters Cord\" rel leads dir in");
    assert_eq!(ids(&v, "node"), set(&["usti-rda"]));
    let (_, quote) = &evidence(&v, &rows(&v)[0])[0];
    assert!(
        quote.contains("LP Regional Development Agency of Usti Region"),
        "{quote}"
    );
    let v = one("neighbours \"Milano Metropoli\" rel leads dir out");
    assert_eq!(ids(&v, "node"), set(&["clusters-cord-exchange"]));
    let v = one("neighbours clusters-cord-exchange rel part_of dir out");
    assert_eq!(ids(&v, "node"), set(&["clusters-cord"]));
}

#[test]
fn the_thematic_groups_were_set_up_from_the_conference_of_25_october_2011() {
    let v = one("neighbours benchmarking-conference-2011 rel promoted_by dir in in 2011");
    assert_eq!(
        ids(&v, "node"),
        set(&[
            "clusters-cord-agrifood",
            "clusters-cord-energy-environment",
            "clusters-cord-ict",
            "clusters-cord-life-sciences",
            "clusters-cord-tourism",
        ])
    );
    // Their place in the project holds from that day through 2012.
    let v = one("neighbours \"Clusters Cord\" rel part_of dir in kind network in 2011");
    assert_eq!(rows(&v).len(), 5, "{v}");
    // The first conference is an edition of a series, as the Living Room's is.
    let v = one("neighbours \"International Benchmarking Conference\" rel edition_of");
    assert_eq!(ids(&v, "node"), set(&["benchmarking-conference-2011"]));
}

#[test]
fn the_funding_applications_of_document_002_are_edges() {
    let v = one("neighbours eu-project-funding rel applied_for dir in in 2016");
    assert_eq!(ids(&v, "node"), set(&["afil", "cat-al", "le2c", "scc"]));
}

#[test]
fn aliases_no_document_contains_are_gone() {
    // "Brussel" and "Brussels" were aliases of Bruxelles; no article writes them.
    let r = query("show Brussel").expect_code(1);
    assert!(r.stderr.contains("unknown node"), "{}", r.stderr);
    let v = one("show Bruxelles");
    let value = column(&v, "value");
    let key = column(&v, "key");
    assert!(
        !rows(&v).iter().any(|r| r[key] == "aliases"),
        "Bruxelles has no alias: {v}"
    );
    assert!(rows(&v).iter().any(|r| r[value] == "brussels"));
}

// ---- 2. Initials ----

#[test]
fn find_ecc_finds_the_european_cluster_conferences_by_their_initials() {
    let v = one("find ECC");
    let found = node_ids(&v, "node");
    assert!(
        found.contains(&"european-cluster-conference".to_string()),
        "{found:?}"
    );
    // Ranked under the names that begin with the text (the ids `ecc-2016`, `ecc-2024`).
    let score = column(&v, "score");
    let of = |id: &str| {
        rows(&v)
            .iter()
            .find(|r| r[column(&v, "id")] == id)
            .map(|r| r[score].as_f64().unwrap())
            .unwrap()
    };
    assert!(of("ecc-2016") > of("european-cluster-conference"));
    assert_eq!(of("european-cluster-conference"), 0.82);
    // A unique initials match resolves, on the seed graph and on any other.
    let v = one("show MAECI");
    assert_eq!(rows(&v)[0][column(&v, "value")], "maeci");
    let g = TempGraph::new(&[(
        "g.toml",
        "[[node]]\nid = \"x\"\nkind = \"network\"\nname = \"Alpha Beta Gamma Network\"\n",
    )]);
    let r = run(&["--graph", g.arg(), "query", "--format", "json", "find ABGN"]).ok();
    assert_eq!(node_ids(&r.json()[0], "node"), ["x"]);
}

// ---- 3. Documents ----

#[test]
fn documents_lists_each_source_with_what_cites_it() {
    let v = one("documents");
    assert_eq!(
        v["columns"],
        serde_json::json!([
            "key",
            "title",
            "date",
            "publisher",
            "language",
            "nodes",
            "edges"
        ])
    );
    let keys: Vec<&str> = rows(&v).iter().map(|r| r[0].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "icn-meeting",
            "clusters-cord-groups",
            "ctl-2016",
            "clust-er-ecc-2024",
            "ctl-guide-2019"
        ]
    );
    let guide = &rows(&v)[4];
    assert_eq!(guide[2], "2019-08-12");
    assert_eq!(guide[3], "Regione Lombardia – Redazione Open Innovation");
    assert_eq!(guide[4], "it");
    // Every edge of the seed graph cites a document: the counts cover them all.
    let edges: i64 = rows(&v).iter().map(|r| r[6].as_i64().unwrap()).sum();
    let stats = one("stats");
    let total = rows(&stats)
        .iter()
        .find(|r| r[0] == "edges")
        .map(|r| r[1].as_i64().unwrap())
        .unwrap();
    assert!(edges >= total, "{edges} citing edges, {total} edges");
}

#[test]
fn show_document_shows_what_came_from_it() {
    let v = one("show icn-meeting");
    let part = column(&v, "part");
    let value = column(&v, "value");
    let title = rows(&v)
        .iter()
        .find(|r| r[part] == "attr" && r[column(&v, "key")] == "title")
        .unwrap();
    assert_eq!(title[value], "Incontro con Denis Leclerc");
    let nodes: BTreeSet<&str> = rows(&v)
        .iter()
        .filter(|r| r[part] == "node")
        .map(|r| r[value]["id"].as_str().unwrap())
        .collect();
    assert!(
        nodes.contains("denis-leclerc") && nodes.contains("ecotech-quebec"),
        "{nodes:?}"
    );
    let met = rows(&v)
        .iter()
        .find(|r| r[part] == "edge" && r[column(&v, "edge")] == "-met_with->")
        .expect("the CTL met Denis Leclerc");
    assert_eq!(met[value]["id"], "ctl");
    assert_eq!(met[column(&v, "to")]["id"], "denis-leclerc");
    // Nothing from another document.
    assert!(!nodes.contains("le2c"), "{nodes:?}");
    // The time filter applies to its edges as to a node's: undated edges stay.
    let dated = |statement: &str| {
        let v = one(statement);
        let (part, date) = (column(&v, "part"), column(&v, "date"));
        rows(&v)
            .iter()
            .filter(|r| r[part] == "edge" && !r[date].is_null())
            .count()
    };
    assert_eq!(dated("show clusters-cord-groups in 2016"), 0);
    assert!(dated("show clusters-cord-groups in 2011") > 20);
}

const UNCITED: &str = r#"
[[document]]
key = "d"
title = "A document"
language = "en"

[[node]]
id = "a"
kind = "cluster"
name = "Alpha Cluster"
cite = [{ doc = "d", quote = "Alpha" }]

[[node]]
id = "b"
kind = "network"
name = "Beta Network"

[[edge]]
from = "a"
rel = "member_of"
to = "b"
"#;

#[test]
fn what_cites_no_document_is_a_loader_warning_and_marked_in_show() {
    let g = TempGraph::new(&[("g.toml", UNCITED)]);
    let r = run(&["--graph", g.arg(), "query", "show b"]).expect_code(0);
    assert!(
        r.stderr.contains("warning: node `b` cites no document"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("warning: edge `a` member_of `b` cites no document"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("g.toml:14:6"), "{}", r.stderr);
    assert_eq!(
        r.stdout.matches("(cites no document)").count(),
        2,
        "{}",
        r.stdout
    );
    // `open` says so too, after its confirmation.
    let r = query(&format!("open {}", g.file("g.toml").display())).ok();
    assert!(r.stdout.contains("warning: node `b`"), "{}", r.stdout);
    // The seed graph cites a document for everything: no warning.
    query("stats").ok();
}

// ---- 4. Evidence on every edge shown ----

#[test]
fn a_path_step_shows_the_sentence_that_names_both_ends_and_carries_all() {
    let v = one("path LE2C to \"Ecotech Quebec\"");
    let first = &rows(&v)[0];
    let all = evidence(&v, first);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].1.contains("LE2C"), "{all:?}");
    assert!(all[1].1.contains("6 cluster su 9"), "{all:?}");
    assert_eq!(first[column(&v, "source")], "ctl-2016");
    // The last step's best sentence names Denis Leclerc and Ecotech Québec.
    let last = evidence(&v, rows(&v).last().unwrap());
    assert_eq!(last.len(), 3, "{last:?}");
    assert!(
        last[0].1.contains("Denis Leclerc") && last[0].1.contains("Ecotech Québec"),
        "{last:?}"
    );
    // A table shows the best one and says how many more there are; CSV carries them all.
    let r = query("path LE2C to \"Ecotech Quebec\"").ok();
    assert!(r.stdout.contains("(+1 more)"), "{}", r.stdout);
    assert!(r.stdout.contains("(+2 more)"), "{}", r.stdout);
    assert!(!r.stdout.contains("6 cluster su 9"), "{}", r.stdout);
    let csv = query_csv("path LE2C to \"Ecotech Quebec\"").ok().csv();
    assert!(csv[1].last().unwrap().contains("6 cluster su 9"), "{csv:?}");
}

#[test]
fn show_paths_and_neighbours_carry_every_sentence_too() {
    let v = one("show LE2C");
    let key = column(&v, "key");
    let member = rows(&v).iter().find(|r| r[key] == "-member_of->").unwrap();
    let all = evidence(&v, member);
    assert_eq!(all.len(), 2);
    assert!(all[0].1.contains("LE2C"), "{all:?}");
    let v = one("paths LE2C to CTL max 1");
    assert_eq!(evidence(&v, &rows(&v)[0]).len(), 2);
    let v = one("neighbours LE2C rel member_of");
    assert_eq!(evidence(&v, &rows(&v)[0]).len(), 2);
}

// ---- 5. neighbours: every reaching edge; the walk options ----

#[test]
fn neighbours_lists_every_edge_that_reaches_a_node() {
    // The European Strategic Cluster Partnership is reached from both SCC and CAT.AL.
    let v = one("neighbours CTL depth 2 rel member_of kind network");
    let reached: Vec<(String, String)> = rows(&v)
        .iter()
        .map(|r| {
            (
                r[column(&v, "node")]["id"].as_str().unwrap().to_string(),
                r[column(&v, "from")]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        reached,
        [
            ("escp".to_string(), "cat-al".to_string()),
            ("escp".to_string(), "scc".to_string())
        ]
    );
    // Which Lombardy clusters went where, in one statement.
    let v = one("neighbours CTL depth 2 rel member_of,mission_to kind city,country");
    assert_eq!(
        ids(&v, "from"),
        set(&["life-science-cluster", "lombardy-aerospace-cluster"])
    );
}

#[test]
fn neighbours_avoid_does_not_walk_through_a_kind() {
    let all = one("neighbours CTL depth 2");
    let avoiding = one("neighbours CTL depth 2 avoid cluster");
    let far = |v: &Value| {
        rows(v)
            .iter()
            .filter(|r| r[0] == 2)
            .map(|r| r[column(v, "from")]["kind"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(far(&all).iter().any(|k| k == "cluster"));
    assert!(!far(&avoiding).iter().any(|k| k == "cluster"));
    // The clusters are still reached, one hop away.
    assert!(rows(&avoiding)
        .iter()
        .any(|r| r[0] == 1 && r[column(&avoiding, "kind")] == "cluster"));
}

#[test]
fn paths_take_via_avoid_and_directed() {
    let edge_types = |v: &Value| -> BTreeSet<String> {
        rows(v)
            .iter()
            .map(|r| {
                r[column(v, "edge")]
                    .as_str()
                    .unwrap()
                    .trim_matches(|c| c == '-' || c == '<' || c == '>')
                    .to_string()
            })
            .collect()
    };
    let v = one("paths AFIL to \"Clust-ER Health\" max 3 via member_of,participated_in,edition_of");
    assert!(!rows(&v).is_empty());
    assert!(
        edge_types(&v).is_subset(&set(&["member_of", "participated_in", "edition_of"])),
        "{v}"
    );
    let v = one("paths AFIL to \"Clust-ER Health\" max 5 avoid event");
    let (from, to) = (column(&v, "from"), column(&v, "to"));
    for r in rows(&v) {
        assert_ne!(r[to]["kind"], "event", "{r}");
        assert_ne!(r[from]["kind"], "event", "{r}");
    }
    // Directed: every step follows its edge.
    let v = one("paths LE2C to Bruxelles max 3 directed");
    assert!(!rows(&v).is_empty());
    for r in rows(&v) {
        assert!(
            r[column(&v, "edge")].as_str().unwrap().ends_with("->"),
            "{r}"
        );
    }
    let r = query("paths Bruxelles to LE2C directed").ok();
    assert!(
        r.stdout.contains("following edge directions"),
        "{}",
        r.stdout
    );
}
