//! keep.eu's real export (`../shared/data/keep`, beside the repository as the other shared
//! data sets) through the binary: the issue's named examples, cited by sheet and row, and the
//! join to the seed graph. Its counts are checked in `crates/core/tests/keep.rs`.

use std::path::PathBuf;

use crate::util::run;

fn keep_dir() -> Option<PathBuf> {
    let d = crate::util::workspace_root().join("../shared/data/keep");
    if d.join("keep-closed-2014-2020.xlsx").exists() {
        Some(d)
    } else {
        // CI has ../shared/data: there a missing file is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is absent on CI",
            d.display()
        );
        None
    }
}

const XLSX: &str = "../shared/data/keep/keep-closed-2014-2020.xlsx";

/// The JSON answers of `statements` on the seed graph and the export opened together.
fn with_the_seed_graph(statements: &str) -> Vec<serde_json::Value> {
    run(&[
        "--graph",
        "graphs/seeds",
        "--graph",
        XLSX,
        "query",
        "--format",
        "json",
        statements,
    ])
    .ok()
    .json()
}

#[test]
fn the_issues_examples_are_cited_by_sheet_and_row() {
    if keep_dir().is_none() {
        return;
    }
    let r = run(&[
        "--graph",
        XLSX,
        "query",
        "--format",
        "json",
        "show \"AFIL – Intelligent Factory Lombardy Cluster\"; \
         show \"Stuttgart Region Economic Development Corporation\"",
    ])
    .ok();
    let out = r.json();
    let rows = |i: usize| out[i]["rows"].as_array().unwrap().clone();
    let projects = |i: usize, rel: &str| -> Vec<String> {
        let mut v: Vec<String> = rows(i)
            .iter()
            .filter(|r| r[1] == format!("-{rel}->"))
            .map(|r| r[2]["name"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        projects(0, "partner_in"),
        ["3DCentral", "GREENOMED", "SMART-SPACE"]
    );
    assert_eq!(
        projects(1, "partner_in"),
        ["3DCentral", "CERIecon", "SULPiTER"]
    );
    let afil = rows(0);
    let merged = afil
        .iter()
        .find(|r| r[1] == "merged")
        .expect("AFIL's merge is shown")[2]
        .as_str()
        .unwrap()
        .to_string();
    for name in [
        "AFIL – ASSOCIATION INTELLIGENT FACTORY LOMBARDY",
        "AFIL – Intelligent Factory Lombardy Cluster",
        "AFIL – ASSOCIAZIONE FABBRICA INTELLIGENTE LOMBARDIA",
    ] {
        assert!(merged.contains(name), "{merged}");
    }
    assert!(
        merged.starts_with("3 names: ") && merged.contains("same acronym AFIL"),
        "{merged}"
    );
    let sources: Vec<&str> = afil
        .iter()
        .filter(|r| r[0] == "source")
        .map(|r| r[5].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "keep-closed-2014-2020.xlsx, Partners row 2053",
            "keep-closed-2014-2020.xlsx, Partners row 6601",
            "keep-closed-2014-2020.xlsx, Partners row 7039",
        ]
    );
    let greenomed = afil.iter().find(|r| r[2]["name"] == "GREENOMED").unwrap();
    assert_eq!(greenomed[3], "2017-02-01..2019-07-31");
    assert_eq!(
        greenomed[6][0]["quote"],
        "Acronym: GREENOMED; Project Partner: AFIL – ASSOCIAZIONE FABBRICA INTELLIGENTE \
         LOMBARDIA; Lead Partner: No"
    );
}

#[test]
fn with_the_seed_graph_afil_is_one_node_with_its_articles_and_its_projects() {
    if keep_dir().is_none() {
        return;
    }
    let out = with_the_seed_graph(
        "neighbours AFIL; neighbours scc rel partner_in,leads; \
         neighbours stuttgart-region-edc rel partner_in; path LE2C to \"Estonia ICT Cluster\"",
    );
    let near = |i: usize| -> Vec<String> {
        out[i]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[1]["name"].as_str().unwrap().to_string())
            .collect()
    };
    let afil = near(0);
    // The seed graph's edges (the articles) and the export's (the projects), on one node.
    for n in [
        "Cluster Tecnologici Lombardi",
        "Pilot Vanguard",
        "3DCentral",
        "SMART-SPACE",
        "GREENOMED",
    ] {
        assert!(afil.iter().any(|x| x == n), "{n} not in {afil:?}");
    }
    assert!(
        near(1).iter().any(|x| x == "S3-4AlpClusters"),
        "{:?}",
        near(1)
    );
    let mut stuttgart = near(2);
    stuttgart.sort();
    assert_eq!(
        stuttgart,
        ["3DCentral", "CERIecon", "Clusters Cord", "SULPiTER"]
    );
    assert!(
        !out[3]["rows"].as_array().unwrap().is_empty(),
        "a path crosses into the export"
    );
}

#[test]
fn open_add_joins_the_export_to_the_graph_in_use() {
    if keep_dir().is_none() {
        return;
    }
    let r = run(&[
        "query",
        &format!("open {XLSX} add; neighbours stuttgart-region-edc rel partner_in"),
    ])
    .ok();
    assert!(
        r.stdout
            .contains(&format!("added {XLSX}: the graph in use now has ")),
        "{}",
        r.stdout
    );
    for project in ["Clusters Cord", "CERIecon", "3DCentral", "SULPiTER"] {
        assert!(r.stdout.contains(project), "{project}: {}", r.stdout);
    }
}

/// `over organisation via partner_in,leads`: AFIL's neighbours in the projection, with the
/// seed graph, most shared projects first; the message says which projection the statement
/// ran on.
#[test]
fn the_projection_lists_afil_s_partners_with_the_projects_they_share() {
    if keep_dir().is_none() {
        return;
    }
    let out = with_the_seed_graph("neighbours AFIL over organisation,cluster via partner_in,leads");
    let rows = out[0]["rows"].as_array().unwrap();
    let first = &rows[0];
    assert_eq!(first[0]["name"], "Technology Park Ljubljana Ltd.");
    assert_eq!(first[2], "Slovenia");
    assert_eq!(first[3], 3);
    let through: Vec<&str> = first[4]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(through, ["3DCentral", "GREENOMED", "SMART-SPACE"]);
    assert!(rows.iter().all(|r| r[3].as_i64().unwrap() >= 1));
    assert_eq!(rows.len(), 28, "{rows:?}");
    let r = run(&[
        "--graph",
        XLSX,
        "query",
        "centrality degree top 1 over organisation via partner_in,leads",
    ])
    .ok();
    assert!(
        r.stdout
            .contains("on the projection over organisation via partner_in,leads: 6786 nodes"),
        "{}",
        r.stdout
    );
}
