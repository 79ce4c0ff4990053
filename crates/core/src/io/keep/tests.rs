//! The loader on small CSV exports written here; the real export is tested end to end in
//! `crates/core/tests/keep.rs`.

use super::*;
use crate::NodeKind;

const HEADER: &str = "Programme;Acronym;Project Partner;Lead Partner;Street;Postal code;Town;Country;Website;Department;Legal Status;Country code;NUTS1 (or equivalent);NUTS2 (or equivalent);NUTS3 (or equivalent)";

fn write(dir: &Path, name: &str, rows: &[&str]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    p
}

const AFIL: [&str; 3] = [
    "P;3DCentral;AFIL – ASSOCIATION INTELLIGENT FACTORY LOMBARDY;No;Viale Sarca 1;20124;Milano;Italy;http://www.interreg-central.eu;;private;IT Italy / ITALIA;ITC  / NORD-OVEST;ITC4  / Lombardia;ITC4C  / Milano",
    "Q;SMART-SPACE;AFIL – Intelligent Factory Lombardy Cluster;No;Viale Sarca 1;20124;Milano;Italy;http://www.alpine-space.eu/;;private;IT Italy / ITALIA;ITC  / NORD-OVEST;ITC4  / Lombardia;ITC4C  / Milano",
    "R;GREENOMED;AFIL – ASSOCIAZIONE FABBRICA INTELLIGENTE LOMBARDIA;Yes;Viale Sarca 1;20124;Milano;Italy;https://interreg-med.eu/;;private;IT Italy / ITALIA;ITC  / NORD-OVEST;ITC4  / Lombardia;ITC4C  / Milano",
];

#[test]
fn a_partners_csv_becomes_typed_nodes_and_cited_edges() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "p.csv", &AFIL);
    let g = crate::open(&p).unwrap();
    let afil = g
        .resolve("AFIL – Intelligent Factory Lombardy Cluster")
        .unwrap();
    let n = g.node(afil);
    assert_eq!(n.kind, NodeKind::Organisation);
    assert_eq!(n.aliases.len(), 2, "{:?}", n.aliases);
    let merged = n.attrs["merged"].to_string();
    assert!(merged.starts_with("3 names: "), "{merged}");
    assert!(merged.contains("same acronym AFIL"), "{merged}");
    assert_eq!(n.provenance.len(), 3);
    assert_eq!(n.provenance[0].cite(g.document(0)), "p.csv, row 2");
    // Three participations, one a lead; the hierarchy city → NUTS 3 → 2 → 1 → country.
    let rels: Vec<String> = g
        .edges_of(afil, crate::Direction::Outgoing)
        .map(|(e, _)| g.edge(e).rel.to_string())
        .collect();
    assert_eq!(rels.iter().filter(|r| *r == "partner_in").count(), 2);
    assert_eq!(rels.iter().filter(|r| *r == "leads").count(), 1);
    assert_eq!(rels.iter().filter(|r| *r == "located_in").count(), 1);
    let mut at = g.by_id("city.milano");
    let mut chain = Vec::new();
    while let Some(ix) = at {
        chain.push(g.node(ix).kind.to_string());
        at = g
            .edges_of(ix, crate::Direction::Outgoing)
            .find(|(e, _)| g.edge(*e).rel.as_str() == "part_of")
            .map(|(_, o)| o);
    }
    assert_eq!(chain, ["city", "region", "region", "region", "country"]);
}

#[test]
fn every_bad_row_is_reported_with_its_row_and_column_and_nothing_loads() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.csv",
        &[
            AFIL[0],
            "P;X;Org;Maybe;;;Town;Italy;;;;IT Italy / ITALIA;;;",
            "P;;Org;No;;;Town;Italy;;;;IT Italy / ITALIA;;;ITC4C Milano",
        ],
    );
    let err = crate::open(&p).unwrap_err().to_string();
    assert!(
        err.contains("row 3, column `Lead Partner`: `Maybe` is neither Yes nor No"),
        "{err}"
    );
    assert!(
        err.contains("row 4, column `Acronym`: the cell is empty"),
        "{err}"
    );
    assert!(
        err.contains("row 4, column `NUTS3 (or equivalent)`: `ITC4C Milano` is not a NUTS cell"),
        "{err}"
    );
    assert!(
        err.ends_with("3 rows of the keep.eu export could not be read; nothing was loaded"),
        "{err}"
    );
}

#[test]
fn a_csv_with_another_header_is_not_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("other.csv");
    std::fs::write(&p, "a;b\n1;2\n").unwrap();
    let err = crate::open(&p).unwrap_err().to_string();
    assert!(
        err.contains("the header is not keep.eu's partners header"),
        "{err}"
    );
}

#[test]
fn two_universities_of_one_town_stay_apart_and_the_review_decides() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        "P;A;University of Stuttgart;Yes;Keplerstr. 7;70174;Stuttgart;Germany;;;public;DE Germany / DEUTSCHLAND;DE1  / BADEN-WÜRTTEMBERG;DE11  / Stuttgart;DE111  / Stuttgart, Stadtkreis",
        "P;B;Stuttgart Media University;Yes;Nobelstr. 10;70569;Stuttgart;Germany;;;public;DE Germany / DEUTSCHLAND;DE1  / BADEN-WÜRTTEMBERG;DE11  / Stuttgart;DE111  / Stuttgart, Stadtkreis",
        "P;C;Universität Stuttgart;No;Keplerstr. 7;70174;Stuttgart;Germany;;;public;DE Germany / DEUTSCHLAND;DE1  / BADEN-WÜRTTEMBERG;DE11  / Stuttgart;DE111  / Stuttgart, Stadtkreis",
    ];
    let p = write(dir.path(), "u.csv", &rows);
    let g = crate::open(&p).unwrap();
    let orgs = g
        .node_indices()
        .filter(|&i| g.node(i).kind == NodeKind::Organisation)
        .count();
    assert_eq!(orgs, 3, "no evidence merges none of them");
    let uni = g.node(g.resolve("University of Stuttgart").unwrap());
    assert!(uni.attrs["not_merged_with"]
        .to_string()
        .contains("Stuttgart Media University"));
    // The analyst confirms one pair and forbids nothing else.
    std::fs::write(
        dir.path().join("u.csv.review.toml"),
        "[[same_as]]\nnames = [\"University of Stuttgart\", \"Universität Stuttgart\"]\nwhy = \"the German name\"\n",
    )
    .unwrap();
    let g = crate::open(&p).unwrap();
    let orgs = g
        .node_indices()
        .filter(|&i| g.node(i).kind == NodeKind::Organisation)
        .count();
    assert_eq!(orgs, 2);
    let uni = g.node(g.resolve("Universität Stuttgart").unwrap());
    assert!(uni.attrs["merged"]
        .to_string()
        .contains("the German name (review)"));
    // A forbidden pair stays apart even with evidence.
    let p2 = write(dir.path(), "v.csv", &AFIL);
    std::fs::write(
        dir.path().join("v.csv.review.toml"),
        "[[not_same_as]]\nnames = [\"AFIL – ASSOCIATION INTELLIGENT FACTORY LOMBARDY\", \"AFIL – Intelligent Factory Lombardy Cluster\"]\n",
    )
    .unwrap();
    let g = crate::open(&p2).unwrap();
    let orgs = g
        .node_indices()
        .filter(|&i| g.node(i).kind == NodeKind::Organisation)
        .count();
    assert!(orgs >= 2, "the forbidden pair is not one organisation");
}

#[test]
fn a_workbook_that_inflates_past_the_budget_is_refused_before_it_is_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bomb.xlsx");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap();
    assert!(
        std::fs::metadata(&p).unwrap().len() < 1 << 20,
        "a small file"
    );
    let small = Budget {
        bytes: 256 << 20,
        set: true,
    };
    let err = read_export_within(&p, "xlsx", false, &small).unwrap_err();
    assert!(matches!(err, LoadError::OverBudget { .. }), "{err}");
    assert!(
        err.to_string().contains("would need about 512 MiB"),
        "{err}"
    );
}
