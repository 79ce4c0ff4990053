//! keep.eu's real export (`../shared/data/keep`) loads whole: its counts equal those of the
//! file read here on its own (the partners CSV through the csv crate, not through the
//! loader), for the `.xlsx` and for the CSV.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use clustergraph_core::{open, KnowledgeGraph, NodeKind};

fn keep_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/keep");
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

/// The partners CSV read with the csv crate alone: its records (header excluded).
fn partner_records(dir: &Path) -> Vec<csv::StringRecord> {
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(
        std::fs::File::open(dir.join("keep-closed-2014-2020-partnership.csv.gz")).unwrap(),
    )
    .read_to_string(&mut text)
    .unwrap();
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

fn edges(g: &KnowledgeGraph, rel: &str) -> usize {
    g.edge_indices()
        .filter(|&e| g.edge(e).rel.as_str() == rel)
        .count()
}

fn nodes(g: &KnowledgeGraph, kind: NodeKind) -> usize {
    g.node_indices().filter(|&i| g.node(i).kind == kind).count()
}

#[test]
fn the_whole_export_loads_with_no_participation_lost_or_invented() {
    let Some(dir) = keep_dir() else { return };
    let records = partner_records(&dir);
    let programmes: HashSet<&str> = records.iter().map(|r| &r[0]).collect();
    let projects: HashSet<(&str, &str)> = records.iter().map(|r| (&r[0], &r[1])).collect();
    let leads = records.iter().filter(|r| &r[3] == "Yes").count();
    let names: HashSet<&str> = records.iter().map(|r| r[2].trim()).collect();
    assert_eq!(
        (records.len(), programmes.len()),
        (8621, 66),
        "the file as the issue states it"
    );
    for file in [
        "keep-closed-2014-2020.xlsx",
        "keep-closed-2014-2020-partnership.csv.gz",
    ] {
        let g = open(&dir.join(file)).unwrap();
        let participations = edges(&g, "partner_in") + edges(&g, "leads");
        assert_eq!(
            participations,
            records.len(),
            "{file}: one edge per participation"
        );
        assert_eq!(edges(&g, "leads"), leads, "{file}");
        assert_eq!(nodes(&g, NodeKind::Programme), programmes.len(), "{file}");
        // Each (programme, acronym) pair is one project: the 39 pairs the projects sheet
        // repeats are one project with two lead partners (docs/real-data.md).
        assert_eq!(nodes(&g, NodeKind::Project), projects.len(), "{file}");
        assert_eq!(edges(&g, "funded_by"), projects.len(), "{file}");
        // Every name as written is an organisation's name or alias.
        let mut known: HashSet<&str> = HashSet::new();
        for i in g
            .node_indices()
            .filter(|&i| g.node(i).kind == NodeKind::Organisation)
        {
            let n = g.node(i);
            known.insert(n.name.as_str());
            known.extend(n.aliases.iter().map(String::as_str));
        }
        assert!(names.iter().all(|n| known.contains(n)), "{file}");
        // Every node and edge cites a row of the file.
        assert!(g
            .node_indices()
            .all(|i| g.node(i).provenance.iter().all(|p| p.row.is_some())));
        assert!(g.edge_indices().all(|e| !g.edge(e).provenance().is_empty()));
    }
}

/// The projection of organisations linked by shared projects keeps, on each link, the number
/// of projects the two share: AFIL and Technology Park Ljubljana share three, as the CSV read
/// on its own says (the (programme, acronym) pairs in which both names appear).
#[test]
fn the_projection_counts_the_projects_two_organisations_share() {
    use clustergraph_core::{project, Adjacency, Rel, MAX_PROJECTED_PAIRS};
    use std::collections::HashMap;
    let Some(dir) = keep_dir() else { return };
    let records = partner_records(&dir);
    let mut partners: HashMap<(&str, &str), Vec<String>> = HashMap::new();
    for r in &records {
        partners
            .entry((&r[0], &r[1]))
            .or_default()
            .push(r[2].to_lowercase());
    }
    let mut shared: Vec<&str> = partners
        .iter()
        .filter(|(_, names)| {
            names.iter().any(|n| n.starts_with("afil"))
                && names
                    .iter()
                    .any(|n| n.contains("technology park ljubljana"))
        })
        .map(|((_, acronym), _)| *acronym)
        .collect();
    shared.sort_unstable();
    assert_eq!(shared, ["3DCentral", "GREENOMED", "SMART-SPACE"]);

    let g = open(&dir.join("keep-closed-2014-2020.xlsx")).unwrap();
    let adj = Adjacency::new(&g);
    let via = [
        Rel::parse("partner_in").unwrap(),
        Rel::parse("leads").unwrap(),
    ];
    let p = project(
        &g,
        &adj,
        &[NodeKind::Organisation],
        &via,
        |_| true,
        MAX_PROJECTED_PAIRS,
    )
    .unwrap();
    assert_eq!(p.nodes.len(), nodes(&g, NodeKind::Organisation));
    let place = |name: &str| {
        let ix = g
            .node_indices()
            .find(|&i| g.node(i).name.as_str().to_lowercase().contains(name))
            .unwrap_or_else(|| panic!("{name} is an organisation"));
        p.nodes.iter().position(|&n| n == ix).unwrap() as u32
    };
    let (afil, tpl) = (place("afil"), place("technology park ljubljana"));
    let count = p.links(afil).find(|&(w, _)| w == tpl).map(|(_, c)| c);
    assert_eq!(count, Some(shared.len() as u32));
    // The link is the same seen from either end.
    assert_eq!(
        p.links(tpl).find(|&(w, _)| w == afil).map(|(_, c)| c),
        count
    );
}
