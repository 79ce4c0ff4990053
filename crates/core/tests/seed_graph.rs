//! Facts of the seed graph (graphs/seeds/), checked against what the five seed documents say.
//!
//! These tests pin the content of the seed graph: who is partner of what, who presides what,
//! where the Lombardy clusters went in 2016 and when, the counts the texts give, and that every
//! node and edge carries a quote that really occurs in its document.

use std::collections::BTreeSet;

use clustergraph_core::io::seed_documents;
use clustergraph_core::{seed_graph, Direction, EdgeView, KnowledgeGraph, NodeIndex, Value};

fn ix(g: &KnowledgeGraph, id: &str) -> NodeIndex {
    g.by_id(id)
        .unwrap_or_else(|| panic!("the seed graph has no node `{id}`"))
}

/// The edges `from -rel-> *`, as (target id, edge).
fn out<'g>(g: &'g KnowledgeGraph, from: &str, rel: &str) -> Vec<(String, EdgeView<'g>)> {
    g.edges_of(ix(g, from), Direction::Outgoing)
        .filter(|(e, _)| g.edge(*e).rel.as_str() == rel)
        .map(|(e, other)| (g.node(other).id.to_string(), g.edge(e)))
        .collect()
}

/// The ids of the nodes `* -rel-> to`.
fn sources(g: &KnowledgeGraph, rel: &str, to: &str) -> BTreeSet<String> {
    g.edges_of(ix(g, to), Direction::Incoming)
        .filter(|(e, _)| g.edge(*e).rel.as_str() == rel)
        .map(|(_, other)| g.node(other).id.to_string())
        .collect()
}

/// The ids of the nodes `from -rel-> *`.
fn targets(g: &KnowledgeGraph, from: &str, rel: &str) -> BTreeSet<String> {
    out(g, from, rel).into_iter().map(|(id, _)| id).collect()
}

/// The one edge `from -rel-> to`.
fn edge<'g>(g: &'g KnowledgeGraph, from: &str, rel: &str, to: &str) -> EdgeView<'g> {
    let found: Vec<EdgeView<'g>> = out(g, from, rel)
        .into_iter()
        .filter(|(id, _)| id == to)
        .map(|(_, e)| e)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one edge {from} -{rel}-> {to}"
    );
    found[0]
}

fn date(e: EdgeView<'_>) -> Option<String> {
    e.date().map(|d| d.to_string())
}

fn attr_str<'a>(attrs: &'a clustergraph_core::Attrs, key: &str) -> &'a str {
    match attrs.get(key) {
        Some(Value::Str(s)) => s,
        other => panic!("attribute `{key}` is {other:?}, not a string"),
    }
}

fn attr_int(attrs: &clustergraph_core::Attrs, key: &str) -> i64 {
    match attrs.get(key) {
        Some(Value::Int(i)) => *i,
        other => panic!("attribute `{key}` is {other:?}, not an integer"),
    }
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The known corruptions of the seed documents, as graphs/seeds/00-documents.toml declares them.
const FIXES: &[(&str, &str, &str)] = &[("clusters-cord-groups", "ed č stato", "ed è stato")];

/// A document's text as quotes are checked against it: fixes applied, whitespace collapsed.
fn document_text(g: &KnowledgeGraph, doc: u32) -> String {
    let d = g.document(doc);
    let file = d.file.as_deref().expect("every seed document has a file");
    let mut text = seed_documents()
        .iter()
        .find(|(name, _)| *name == file)
        .unwrap_or_else(|| panic!("`{file}` is not among the seed documents"))
        .1
        .to_string();
    for (key, wrong, right) in FIXES {
        if *key == d.key {
            assert!(
                text.contains(wrong),
                "the fix `{wrong}` no longer applies to {key}"
            );
            text = text.replace(wrong, right);
        }
    }
    collapse_ws(&text)
}

#[test]
fn the_five_documents_with_the_dates_their_texts_determine() {
    let g = seed_graph();
    let docs: Vec<(String, Option<String>)> = g
        .documents()
        .iter()
        .map(|d| (d.key.clone(), d.date.map(|x| x.to_string())))
        .collect();
    assert_eq!(
        docs,
        vec![
            ("icn-meeting".to_string(), None),
            // After "lo scorso 25 ottobre" (2011), while the groups are to work through 2012.
            (
                "clusters-cord-groups".to_string(),
                Some("2011-10..2012".to_string())
            ),
            ("ctl-2016".to_string(), Some("2016-11".to_string())),
            ("clust-er-ecc-2024".to_string(), Some("2024".to_string())),
            ("ctl-guide-2019".to_string(), Some("2019-08-12".to_string())),
        ]
    );
    for d in g.documents() {
        assert_eq!(d.language, "it");
    }
    let guide = &g.documents()[4];
    assert_eq!(
        guide.title,
        "Guida ai Cluster Tecnologici Lombardi: chi sono e cosa fanno"
    );
    assert!(guide
        .publisher
        .as_deref()
        .unwrap()
        .contains("Regione Lombardia"));
}

#[test]
fn clusters_cord_has_ten_partners_each_in_its_country() {
    let g = seed_graph();
    let expected = [
        ("usti-rda", "czech-republic"),
        ("centre-research-innovation", "czech-republic"),
        ("rda-bielsko-biala", "poland"),
        ("arleg", "poland"),
        ("bsc", "slovenia"),
        ("rda-piestany", "slovakia"),
        ("mid-pannon", "hungary"),
        ("stuttgart-region-edc", "germany"),
        ("upper-austrian-chamber", "austria"),
        ("milano-metropoli", "italy"),
    ];
    let partners = sources(&g, "partner_in", "clusters-cord");
    assert_eq!(
        partners,
        expected
            .iter()
            .map(|(p, _)| p.to_string())
            .collect::<BTreeSet<_>>()
    );
    for (partner, country) in expected {
        assert_eq!(
            targets(&g, partner, "located_in"),
            set(&[country]),
            "{partner} is located in {country}"
        );
        assert_eq!(g.node(ix(&g, country)).kind.as_str(), "country");
    }
    assert_eq!(
        g.node(ix(&g, "upper-austrian-chamber")).name,
        "Upper Austrian Chamber of Commerce"
    );
    // The project "coinvolge sette paesi europei", which do not include Austria.
    assert_eq!(
        targets(&g, "clusters-cord", "involves"),
        set(&[
            "czech-republic",
            "germany",
            "hungary",
            "italy",
            "poland",
            "slovakia",
            "slovenia"
        ])
    );
    assert_eq!(
        attr_str(
            edge(&g, "usti-rda", "partner_in", "clusters-cord").attrs(),
            "role"
        ),
        "LP"
    );
}

#[test]
fn clusters_cord_funding_conference_and_thematic_groups() {
    let g = seed_graph();
    assert_eq!(
        targets(&g, "clusters-cord", "funded_by"),
        set(&["central-europe"])
    );
    assert_eq!(g.node(ix(&g, "central-europe")).kind.as_str(), "programme");

    let organised = edge(
        &g,
        "milano-metropoli",
        "organised",
        "benchmarking-conference-2011",
    );
    assert_eq!(date(organised).as_deref(), Some("2011-10-25"));
    let held = edge(
        &g,
        "benchmarking-conference-2011",
        "held_in",
        "sesto-san-giovanni",
    );
    assert_eq!(date(held).as_deref(), Some("2011-10-25"));
    assert_eq!(
        targets(&g, "sesto-san-giovanni", "part_of"),
        set(&["milan"])
    );
    // The lead partner (`LP` in the partner list) leads the project; Milano Metropoli
    // directs the exchange work among the partners, a part of the project.
    assert_eq!(targets(&g, "usti-rda", "leads"), set(&["clusters-cord"]));
    assert_eq!(
        attr_str(
            edge(&g, "usti-rda", "leads", "clusters-cord").attrs(),
            "role"
        ),
        "LP"
    );
    assert_eq!(
        targets(&g, "milano-metropoli", "leads"),
        set(&["clusters-cord-exchange"])
    );
    assert_eq!(
        targets(&g, "clusters-cord-exchange", "part_of"),
        set(&["clusters-cord"])
    );
    // The project-level edges hold in the span the article shows the project in.
    for e in g.edge_indices() {
        let (a, b) = g.endpoints(e);
        let ends = (g.node(a).id.as_str(), g.node(b).id.as_str());
        let project_level = matches!(ends, ("clusters-cord", _) | (_, "clusters-cord"))
            && ["funded_by", "involves", "partner_in", "leads"].contains(&g.edge(e).rel.as_str());
        if project_level {
            assert_eq!(
                g.edge(e).date().map(|d| d.to_string()).as_deref(),
                Some("2011..2012"),
                "{ends:?}"
            );
        }
    }
    // The first conference is an edition of a series.
    let edition = edge(
        &g,
        "benchmarking-conference-2011",
        "edition_of",
        "international-benchmarking-conference",
    );
    assert_eq!(date(edition).as_deref(), Some("2011-10-25"));

    let coordinates = edge(
        &g,
        "milano-metropoli",
        "coordinates",
        "clusters-cord-agrifood",
    );
    assert_eq!(date(coordinates).as_deref(), Some("2011-10-25..2012"));
    assert_eq!(
        targets(&g, "parco-tecnologico-padano", "supports"),
        set(&["milano-metropoli"])
    );

    let groups = sources(&g, "part_of", "clusters-cord");
    let expected_groups = [
        ("clusters-cord-agrifood", "agrifood"),
        ("clusters-cord-energy-environment", "energy-environment"),
        ("clusters-cord-tourism", "tourism"),
        ("clusters-cord-ict", "ict"),
        ("clusters-cord-life-sciences", "life-sciences"),
    ];
    for (group, sector) in expected_groups {
        assert!(groups.contains(group), "{group} is part of Clusters Cord");
        assert_eq!(
            date(edge(&g, group, "part_of", "clusters-cord")).as_deref(),
            Some("2011-10-25..2012")
        );
        assert_eq!(targets(&g, group, "active_in"), set(&[sector]));
        // Set up from the conference of 25 October 2011.
        let set_up = edge(&g, group, "promoted_by", "benchmarking-conference-2011");
        assert_eq!(date(set_up).as_deref(), Some("2011-10-25"));
    }
}

#[test]
fn denis_leclerc_presides_icn_and_ecotech_quebec() {
    let g = seed_graph();
    assert_eq!(sources(&g, "presides", "icn"), set(&["denis-leclerc"]));
    assert_eq!(
        sources(&g, "presides", "ecotech-quebec"),
        set(&["denis-leclerc"])
    );
    assert_eq!(
        g.node(ix(&g, "icn")).name,
        "International Cleantech Network"
    );
    assert_eq!(g.node(ix(&g, "ecotech-quebec")).name, "Ecotech Québec");
    assert_eq!(
        targets(&g, "ecotech-quebec", "located_in"),
        set(&["canada", "quebec"])
    );
    // The meeting is dated only "Giovedì 9 luglio": no date, the words as an attribute.
    let spoke = edge(&g, "denis-leclerc", "spoke_at", "leclerc-meeting");
    assert_eq!(spoke.date(), None);
    assert_eq!(attr_str(spoke.attrs(), "date_text"), "Giovedì 9 luglio");
    assert!(
        sources(&g, "participated_in", "leclerc-meeting").is_superset(&set(&[
            "ctl",
            "finlombarda",
            "liuc",
            "confindustria-lombardia"
        ]))
    );
}

#[test]
fn where_the_lombardy_clusters_went_in_2016() {
    let g = seed_graph();

    // European Cluster Conference 2016, Brussels, 1-2 December: LE2C a speaker.
    let spoke = edge(&g, "le2c", "spoke_at", "ecc-2016");
    assert_eq!(date(spoke).as_deref(), Some("2016-12-01..2016-12-02"));
    assert_eq!(
        attr_str(spoke.attrs(), "session"),
        "Green Manufacturing e Circular Economy"
    );
    assert_eq!(
        date(edge(&g, "ecc-2016", "held_in", "brussels")).as_deref(),
        Some("2016-12-01..2016-12-02")
    );
    assert_eq!(
        sources(&g, "organised", "ecc-2016"),
        set(&["european-commission"])
    );

    // LE2C at Green Days, within the Pollutec fair.
    edge(&g, "le2c", "participated_in", "green-days");
    assert_eq!(targets(&g, "green-days", "part_of"), set(&["pollutec"]));

    // AFIL in Barcelona (16-17 November), coordinator of a Vanguard pilot, there "per
    // presentare la tematica ESM": a speaker, not only a participant.
    let barcelona = edge(&g, "afil", "spoke_at", "barcelona-kick-off-2016");
    assert_eq!(date(barcelona).as_deref(), Some("2016-11-16..2016-11-17"));
    assert!(attr_str(barcelona.attrs(), "topic").contains("ESM"));
    assert!(targets(&g, "afil", "participated_in").contains("living-room-2016"));
    assert!(!targets(&g, "afil", "participated_in").contains("barcelona-kick-off-2016"));
    assert_eq!(
        targets(&g, "barcelona-kick-off-2016", "held_in"),
        set(&["barcelona"])
    );
    // The event is the kick-off of the platform whose name the text quotes.
    assert_eq!(
        targets(&g, "barcelona-kick-off-2016", "part_of"),
        set(&["smart-specialization-platform"])
    );
    assert_eq!(
        g.node(ix(&g, "smart-specialization-platform"))
            .kind
            .as_str(),
        "programme"
    );
    assert_eq!(targets(&g, "afil", "coordinates"), set(&["pilot-vanguard"]));

    // AFIL at the II edition of the Living Room of Emerging Industries, 24 November.
    let living = edge(&g, "afil", "participated_in", "living-room-2016");
    assert_eq!(date(living).as_deref(), Some("2016-11-24"));
    let held = edge(&g, "living-room-2016", "held_in", "milan");
    assert_eq!(attr_str(held.attrs(), "venue"), "Palazzo Pirelli");
    let edition = edge(
        &g,
        "living-room-2016",
        "edition_of",
        "living-room-emerging-industries",
    );
    assert_eq!(attr_int(edition.attrs(), "edition"), 2);

    // The Lombardy Aerospace Cluster on the Missione di Sistema, 23-25 November.
    let mission = edge(
        &g,
        "lombardy-aerospace-cluster",
        "participated_in",
        "missione-di-sistema-2016",
    );
    assert_eq!(date(mission).as_deref(), Some("2016-11-23..2016-11-25"));
    assert_eq!(
        sources(&g, "organised", "missione-di-sistema-2016"),
        set(&["abi", "confindustria", "ice-agenzia"])
    );
    assert_eq!(
        sources(&g, "supports", "missione-di-sistema-2016"),
        set(&["maeci"])
    );
    assert_eq!(
        targets(&g, "missione-di-sistema-2016", "held_in"),
        set(&["sao-jose-dos-campos", "sao-paulo"])
    );
    assert_eq!(
        targets(&g, "lombardy-aerospace-cluster", "mission_to"),
        set(&["sao-jose-dos-campos", "sao-paulo"])
    );
    assert_eq!(
        sources(&g, "presides", "lombardy-aerospace-cluster"),
        set(&["angelo-vallerani"])
    );
    // President at the mission: the text gives no other time for the presidency.
    assert_eq!(
        date(edge(
            &g,
            "angelo-vallerani",
            "presides",
            "lombardy-aerospace-cluster"
        ))
        .as_deref(),
        Some("2016")
    );

    // The Life Science Cluster's mission to Israel; LE2C's project in Brazil and Mexico.
    assert_eq!(
        targets(&g, "life-science-cluster", "mission_to"),
        set(&["israel"])
    );
    assert_eq!(
        targets(&g, "israel-mission-2016", "held_in"),
        set(&["israel"])
    );
    edge(&g, "le2c", "participated_in", "low-carbon-business-action");
    assert_eq!(
        targets(&g, "low-carbon-business-action", "involves"),
        set(&["brazil", "mexico"])
    );

    // SCC and CAT.AL into the European Strategic Cluster Partnerships.
    assert_eq!(sources(&g, "member_of", "escp"), set(&["cat-al", "scc"]));

    // The four clusters' applications for European project funding are edges.
    assert_eq!(
        sources(&g, "applied_for", "eu-project-funding"),
        set(&["afil", "cat-al", "le2c", "scc"])
    );

    // Every cluster the 2016 article names is one of the 9CTL.
    assert!(sources(&g, "member_of", "ctl").is_superset(&set(&[
        "afil",
        "cat-al",
        "le2c",
        "life-science-cluster",
        "lombardy-aerospace-cluster",
        "scc"
    ])));
}

#[test]
fn european_cluster_conference_editions_and_2024_speakers() {
    let g = seed_graph();
    assert_eq!(
        sources(&g, "edition_of", "european-cluster-conference"),
        set(&["ecc-2016", "ecc-2024"])
    );
    let ecc = g.node(ix(&g, "ecc-2024"));
    assert_eq!(attr_int(ecc.attrs, "edition"), 9);
    assert_eq!(
        date(edge(&g, "ecc-2024", "held_in", "brussels")).as_deref(),
        Some("2024-03-07..2024-03-08")
    );
    let breton = edge(&g, "thierry-breton", "spoke_at", "ecc-2024");
    assert!(attr_str(breton.attrs(), "role").contains("aperto ufficialmente"));
    assert_eq!(
        targets(&g, "thierry-breton", "works_in"),
        set(&["european-commission"])
    );

    assert_eq!(
        targets(&g, "elisabetta-bracci", "manages"),
        set(&["clust-er-innovate"])
    );
    let bracci = edge(&g, "elisabetta-bracci", "spoke_at", "ecc-2024");
    assert_eq!(
        attr_str(bracci.attrs(), "session"),
        "Creare valore condiviso attraverso i cluster"
    );

    edge(&g, "clust-er-health", "participated_in", "ecc-2024");
    assert_eq!(
        targets(&g, "clust-er-health", "met_with"),
        set(&["cebr", "medic-nest"])
    );
    assert_eq!(
        targets(&g, "clust-er", "funded_by"),
        set(&["por-fesr-2014-2020"])
    );
    assert_eq!(
        targets(&g, "por-fesr-2014-2020", "promoted_by"),
        set(&["emilia-romagna"])
    );
    // "i 6 cluster regionali", funded by the Regione Emilia-Romagna's European funds.
    assert_eq!(
        targets(&g, "clust-er", "located_in"),
        set(&["emilia-romagna"])
    );
    edge(&g, "art-er", "participated_in", "ecc-2024");
}

#[test]
fn the_ctl_recognised_by_regione_lombardia_and_their_nine_areas() {
    let g = seed_graph();
    edge(&g, "ctl", "recognised_by", "lombardy");
    edge(&g, "s3", "aligned_with", "europa-2020");
    let areas = targets(&g, "ctl", "active_in");
    assert_eq!(areas.len(), 9);
    for a in &areas {
        assert_eq!(g.node(ix(&g, a)).kind.as_str(), "sector");
    }
    assert!(areas.contains("aerospace") && areas.contains("agrifood"));
    edge(&g, "national-clusters", "recognised_by", "miur");
    edge(&g, "national-clusters", "promoted_by", "miur");
    // Named only collectively: no members were invented.
    assert!(sources(&g, "member_of", "national-clusters").is_empty());
}

#[test]
fn edges_quote_the_sentence_they_rest_on() {
    let g = seed_graph();
    let spoke = edge(&g, "le2c", "spoke_at", "ecc-2016");
    assert_eq!(
        spoke.provenance()[0].quote,
        "Il Cluster Lombardy Energy Cleantech Cluster - LE2C è stato addirittura selezionato come relatore, intervenendo alla sessione “Green Manufacturing e Circular Economy”."
    );
    assert_eq!(g.document(spoke.provenance()[0].doc).key, "ctl-2016");

    let funded = edge(&g, "clusters-cord", "funded_by", "central-europe");
    assert!(funded.provenance()[0]
        .quote
        .starts_with("Finanziato dal Programma comunitario Central Europe"));
    assert_eq!(
        g.document(funded.provenance()[0].doc).key,
        "clusters-cord-groups"
    );

    let presides = edge(&g, "denis-leclerc", "presides", "icn");
    assert!(presides.provenance().iter().any(|p| p
        .quote
        .contains("presidente dell'International Cleantech Network (ICN)")));

    // The mis-encoded "ed č stato" of document 001 is quoted as fixed.
    let cord = g.node(ix(&g, "clusters-cord"));
    assert!(cord.provenance.iter().any(|p| p
        .quote
        .contains("ed è stato avviato nell'ambito del progetto Clusters Cord")));
}

#[test]
fn names_resolve_without_accents_and_by_alias() {
    let g = seed_graph();
    let cases = [
        ("Ecotech Quebec", "ecotech-quebec"),
        ("Ecotech Québec", "ecotech-quebec"),
        ("Sao Jose dos Campos", "sao-jose-dos-campos"),
        ("Sao Josè dos Campos", "sao-jose-dos-campos"),
        ("San Paolo", "sao-paulo"),
        ("Sao Paulo", "sao-paulo"),
        ("#9CTL", "ctl"),
        ("9CTL", "ctl"),
        ("Cluster Tecnologici Lombardi", "ctl"),
        ("Regione Lombardia", "lombardy"),
        ("Lombardy", "lombardy"),
        ("ICN", "icn"),
        ("CEBR", "cebr"),
        ("Council of European BioRegions", "cebr"),
        ("LE2C", "le2c"),
        ("Lombardy Energy Cleantech Cluster", "le2c"),
        ("AFIL", "afil"),
        ("Associazione Fabbrica Intelligente Lombarda", "afil"),
        ("Barcellona", "barcelona"),
        (
            "Smart Specialization Platform on Industrial Specialization",
            "smart-specialization-platform",
        ),
        ("Milano Metropoli", "milano-metropoli"),
        ("Bruxelles", "brussels"),
        ("MIUR", "miur"),
        ("Confindustria Lombardia", "confindustria-lombardia"),
        ("European Cluster Conference 2016", "ecc-2016"),
        ("European Cluster Conference 2024", "ecc-2024"),
        ("clust er health", "clust-er-health"),
    ];
    for (text, id) in cases {
        let found = g
            .resolve(text)
            .unwrap_or_else(|e| panic!("`{text}` does not resolve: {e:?}"));
        assert_eq!(g.node(found).id, id, "`{text}` resolves to {id}");
    }
}

#[test]
fn counts_the_documents_state_are_attributes() {
    let g = seed_graph();
    let node_int = |id: &str, key: &str| attr_int(g.node(ix(&g, id)).attrs, key);
    assert_eq!(node_int("icn", "clusters"), 11);
    assert_eq!(node_int("ctl", "clusters"), 9);
    assert_eq!(node_int("clusters-cord", "regions"), 10);
    assert_eq!(node_int("clusters-cord", "countries"), 7);
    assert_eq!(
        node_int("benchmarking-conference-2011", "participants_over"),
        120
    );
    assert_eq!(node_int("ecc-2024", "participants_over"), 700);
    assert_eq!(node_int("ecc-2024", "parallel_sessions_at_least"), 12);
    assert_eq!(node_int("cebr", "clusters_over"), 45);
    assert_eq!(node_int("clust-er", "clusters"), 6);
    let at_ecc = edge(&g, "ctl", "participated_in", "ecc-2016");
    assert_eq!(attr_int(at_ecc.attrs(), "clusters"), 6);
    assert_eq!(attr_int(at_ecc.attrs(), "of"), 9);
    // Counted, not enumerated: no members were invented for ICN or CEBR.
    assert!(sources(&g, "member_of", "icn").is_empty());
    assert!(sources(&g, "member_of", "cebr").is_empty());
}

#[test]
fn every_node_and_edge_has_provenance_that_occurs_in_its_document() {
    let g = seed_graph();
    let texts: Vec<String> = (0..g.documents().len() as u32)
        .map(|d| document_text(&g, d))
        .collect();
    for n in g.node_indices() {
        let node = g.node(n);
        assert!(
            !node.provenance.is_empty(),
            "node {} has no provenance",
            node.id
        );
        for p in node.provenance {
            assert!(
                texts[p.doc as usize].contains(&collapse_ws(&p.quote)),
                "node {}: quote not in {}: {:?}",
                node.id,
                g.document(p.doc).key,
                p.quote
            );
            assert!(
                !p.quote.contains('č'),
                "node {} quotes the corrupt text",
                node.id
            );
        }
    }
    for e in g.edge_indices() {
        let (a, b) = g.endpoints(e);
        let what = format!("{} -{}-> {}", g.node(a).id, g.edge(e).rel, g.node(b).id);
        let edge = g.edge(e);
        assert!(
            !edge.provenance().is_empty(),
            "edge {what} has no provenance"
        );
        for p in edge.provenance() {
            assert!(
                texts[p.doc as usize].contains(&collapse_ws(&p.quote)),
                "edge {what}: quote not in {}: {:?}",
                g.document(p.doc).key,
                p.quote
            );
        }
    }
}

#[test]
fn ids_are_slugs_and_every_document_is_cited() {
    let g = seed_graph();
    let mut cited = BTreeSet::new();
    for n in g.node_indices() {
        let node = g.node(n);
        assert!(
            node.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{} is not a slug",
            node.id
        );
        cited.extend(node.provenance.iter().map(|p| p.doc));
    }
    assert_eq!(cited.len(), g.documents().len());
}

#[test]
fn no_edge_is_stated_twice() {
    // The same (from, rel, to) from several sentences is one edge with several citations.
    let g = seed_graph();
    let mut seen = BTreeSet::new();
    for e in g.edge_indices() {
        let (a, b) = g.endpoints(e);
        let key = (
            g.node(a).id.clone(),
            g.edge(e).rel.as_str().to_string(),
            g.node(b).id.clone(),
        );
        assert!(seen.insert(key.clone()), "edge {key:?} appears twice");
    }
}

/// The graph holds only what the documents say: every alias is a spelling that one of the
/// five articles contains (compared folded, as lookups compare names). Acronyms that no
/// article uses are found by their initials instead (`find ECC`).
#[test]
fn every_alias_occurs_in_a_document() {
    use clustergraph_core::names::fold;
    let g = seed_graph();
    // The words of each text, without its web addresses (`clusterscord.eu` is no "EU").
    let texts: Vec<String> = (0..g.documents().len() as u32)
        .map(|d| {
            let text = document_text(&g, d);
            let words: Vec<&str> = text
                .split_whitespace()
                .filter(|w| !w.contains("://") && !w.starts_with("www."))
                .collect();
            format!(" {} ", fold(&words.join(" ")))
        })
        .collect();
    for n in g.node_indices() {
        let node = g.node(n);
        for alias in node.aliases {
            let key = format!(" {} ", fold(alias));
            assert!(
                texts.iter().any(|t| t.contains(&key)),
                "the alias `{alias}` of {} occurs in no document",
                node.id
            );
        }
    }
    for gone in ["ECC", "ESCP", "MAECI", "Brussel", "Brussels"] {
        assert!(
            g.node_indices()
                .all(|n| !g.node(n).aliases.iter().any(|a| a == gone)),
            "`{gone}` is no alias"
        );
    }
}
