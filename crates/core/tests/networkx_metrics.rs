//! Every node metric, bridges, articulation points, communities and components equal NetworkX's
//! on the fixture graphs: the seed graph, NetworkX's small classic graphs, a graph of several
//! components with isolated nodes, a star, a path, a complete graph, and two shared data sets.
//!
//! The reference values are in `fixtures/networkx/*.json`, written (with the small graphs in
//! `fixtures/graphs/*.el`) by `benches/reference.py --only metrics`; its docstring describes
//! the format. In short: values keyed by node id, `null` for NaN, and `{"error": ...}` where
//! NetworkX raised `PowerIterationFailedConvergence`, which must be `AlgoError::NotConverged`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use clustergraph_core::algo::{self, AlgoError};
use clustergraph_core::{Csr, KnowledgeGraph, NodeIndex, View, Work};
use serde_json::Value;

/// Relative tolerance of the exact metrics (the contract's 1e-9).
const EXACT: f64 = 1e-9;
/// Relative tolerance of the iterative ones (pagerank, eigenvector, katz: the contract's 1e-6).
const ITERATIVE: f64 = 1e-6;
/// The absolute slack below which two values count as equal whatever their ratio: summation
/// order alone moves a value that should be 0 by a few ulps of its neighbours' size.
const FLOOR_EXACT: f64 = 1e-15;
const FLOOR_ITERATIVE: f64 = 1e-12;
/// How many mismatches of one metric are spelled out before the rest are only counted.
const SHOWN: usize = 5;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A loaded fixture: NetworkX's values and the graph they were computed on.
struct Fixture {
    name: String,
    doc: Value,
    graph: KnowledgeGraph,
    /// Node ids in NodeIndex order (checked equal to the fixture's `nodes`).
    ids: Vec<String>,
    /// Each id's NodeIndex.
    index: HashMap<String, u32>,
}

/// Loads `fixtures/networkx/NAME.json` and its graph, or `None` when the graph is a shared
/// data set that is absent here (never on CI, where that is a failure).
fn load(name: &str) -> Option<Fixture> {
    let path = fixtures_dir().join("networkx").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("valid fixture JSON");
    let source = &doc["source"];
    let graph = if source["seed"].as_bool() == Some(true) {
        clustergraph_core::seed_graph()
    } else if let Some(file) = source["file"].as_str() {
        let p = fixtures_dir().join(file);
        clustergraph_core::open(&p).unwrap_or_else(|e| panic!("{name}: {}", e.render(false)))
    } else if let Some(data) = source["data"].as_str() {
        // The data sets live beside the repository (../shared/data), as for
        // crates/query/tests/reference.rs. CI has them, so there their absence is a failure.
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data")
            .join(data);
        if !p.exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is absent on CI",
                p.display()
            );
            eprintln!("skipped {name}: {} is absent", p.display());
            return None;
        }
        clustergraph_core::open(&p).unwrap_or_else(|e| panic!("{name}: {}", e.render(false)))
    } else {
        panic!("{name}: the fixture's source is neither seed, file nor data: {source}")
    };
    let ids: Vec<String> = (0..graph.node_count())
        .map(|i| graph.node(NodeIndex::new(i)).id.to_string())
        .collect();
    // Label propagation depends on node order, and every value is compared by id: the
    // fixture's graph must be numbered exactly as clustergraph numbers it.
    let want: Vec<&str> = doc["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|v| v.as_str().expect("node ids are strings"))
        .collect();
    assert_eq!(
        ids.len(),
        want.len(),
        "{name}: the graph has {} nodes, the fixture {}",
        ids.len(),
        want.len()
    );
    if let Some(i) = (0..ids.len()).find(|&i| ids[i] != want[i]) {
        panic!(
            "{name}: node {i} is `{}` in clustergraph but `{}` in the fixture: NetworkX's node \
             order must equal clustergraph's (see benches/reference.py)",
            ids[i], want[i]
        );
    }
    let index = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i as u32))
        .collect();
    Some(Fixture {
        name: name.to_string(),
        doc,
        graph,
        ids,
        index,
    })
}

fn compute(metric: &str, view: View) -> Result<Vec<f64>, AlgoError> {
    let w = Work::default();
    match metric {
        "degree" => algo::degree(view, w),
        "betweenness" => algo::betweenness(view, w),
        "closeness" => algo::closeness(view, w),
        "harmonic" => algo::harmonic(view, w),
        "pagerank" => algo::pagerank(view, w),
        "eigenvector" => algo::eigenvector(view, w),
        "katz" => algo::katz(view, w),
        "core_number" => algo::core_number(view, w),
        "clustering" => algo::clustering(view, w),
        "constraint" => algo::constraint(view, w),
        "effective_size" => algo::effective_size(view, w),
        other => panic!("the fixture names an unknown metric `{other}`"),
    }
}

fn tolerance(metric: &str) -> (f64, f64) {
    match metric {
        "pagerank" | "eigenvector" | "katz" => (ITERATIVE, FLOOR_ITERATIVE),
        _ => (EXACT, FLOOR_EXACT),
    }
}

/// Whether `got` equals `want` (`None` = NaN) within `rel` relative, `floor` absolute.
fn close(got: f64, want: Option<f64>, rel: f64, floor: f64) -> bool {
    match want {
        None => got.is_nan(),
        Some(w) => !got.is_nan() && (got - w).abs() <= rel * w.abs().max(got.abs()) + floor,
    }
}

/// Compares every metric of one section (`undirected` or `directed`) and returns the
/// mismatches, each naming the graph, view, metric and node with both values.
fn check_metrics(f: &Fixture, section: &str, view: View) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(metrics) = f.doc[section]["metrics"].as_object() else {
        return problems;
    };
    for (metric, want) in metrics {
        let label = format!("{} ({section}) {metric}", f.name);
        let got = compute(metric, view);
        if let Some(error) = want.get("error") {
            match got {
                Err(AlgoError::NotConverged { .. }) => {}
                Err(e) => problems.push(format!(
                    "{label}: NetworkX raised {error}, clustergraph returned the error `{e}` \
                     instead of NotConverged"
                )),
                Ok(_) => problems.push(format!(
                    "{label}: NetworkX raised {error} ({}), clustergraph returned values \
                     instead of NotConverged",
                    want["message"]
                )),
            }
            continue;
        }
        let got = match got {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!(
                    "{label}: NetworkX gives values, clustergraph the error `{e}`"
                ));
                continue;
            }
        };
        let values = want["values"].as_object().expect("values");
        if got.len() != f.ids.len() || values.len() != f.ids.len() {
            problems.push(format!(
                "{label}: {} values from clustergraph, {} in the fixture, {} nodes",
                got.len(),
                values.len(),
                f.ids.len()
            ));
            continue;
        }
        let (rel, floor) = tolerance(metric);
        let mut bad = 0usize;
        for (i, id) in f.ids.iter().enumerate() {
            let expected = values
                .get(id)
                .unwrap_or_else(|| panic!("{label}: the fixture has no value for node `{id}`"));
            let expected = if expected.is_null() {
                None
            } else {
                Some(expected.as_f64().expect("a number or null"))
            };
            if !close(got[i], expected, rel, floor) {
                bad += 1;
                if bad <= SHOWN {
                    let shown = expected.map_or("NaN".to_string(), |x| format!("{x:e}"));
                    problems.push(format!(
                        "{label}: node `{id}`: expected {shown}, got {:e}",
                        got[i]
                    ));
                }
            }
        }
        if bad > SHOWN {
            problems.push(format!(
                "{label}: and {} more nodes differ ({bad} of {})",
                bad - SHOWN,
                f.ids.len()
            ));
        }
    }
    problems
}

fn id_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("a list of ids")
        .iter()
        .map(|x| x.as_str().expect("an id").to_string())
        .collect()
}

fn partition_of(v: &Value) -> BTreeSet<BTreeSet<String>> {
    v.as_array()
        .expect("a list of communities")
        .iter()
        .map(id_set)
        .collect()
}

/// Our partition as a set of sets of ids, after checking the agreed numbering (labels 0..k,
/// `sizes[c]` the size of community c, sizes descending).
fn our_partition(
    f: &Fixture,
    what: &str,
    labels: &[u32],
    sizes: &[usize],
    problems: &mut Vec<String>,
) -> BTreeSet<BTreeSet<String>> {
    let mut groups: Vec<BTreeSet<String>> = vec![BTreeSet::new(); sizes.len()];
    if labels.len() != f.ids.len() {
        problems.push(format!(
            "{} {what}: {} labels for {} nodes",
            f.name,
            labels.len(),
            f.ids.len()
        ));
        return BTreeSet::new();
    }
    for (i, &c) in labels.iter().enumerate() {
        match groups.get_mut(c as usize) {
            Some(g) => {
                g.insert(f.ids[i].clone());
            }
            None => {
                problems.push(format!(
                    "{} {what}: node `{}` has label {c}, but there are {} sizes",
                    f.name,
                    f.ids[i],
                    sizes.len()
                ));
                return BTreeSet::new();
            }
        }
    }
    let counted: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if counted != sizes || sizes.windows(2).any(|w| w[0] < w[1]) {
        problems.push(format!(
            "{} {what}: sizes {sizes:?}, but the labels give {counted:?} (sizes must be \
             descending and match the labels)",
            f.name
        ));
    }
    groups.into_iter().collect()
}

/// Renders the difference of two partitions: the communities only one of them has.
fn partition_diff(got: &BTreeSet<BTreeSet<String>>, want: &BTreeSet<BTreeSet<String>>) -> String {
    let show =
        |s: &BTreeSet<String>| format!("{{{}}}", s.iter().cloned().collect::<Vec<_>>().join(" "));
    let only_got: Vec<String> = got.difference(want).take(3).map(show).collect();
    let only_want: Vec<String> = want.difference(got).take(3).map(show).collect();
    format!(
        "NetworkX has {} communities, clustergraph {}; only in NetworkX's: {}; only in ours: {}",
        want.len(),
        got.len(),
        only_want.join(", "),
        only_got.join(", ")
    )
}

/// Bridges, articulation points, label propagation, louvain, modularity and components.
fn check_structure(f: &Fixture, csr: &Csr) -> Vec<String> {
    let mut problems = Vec::new();
    let u = &f.doc["undirected"];
    let name = &f.name;
    let id = |v: u32| f.ids[v as usize].clone();

    if u.get("bridges").is_some() {
        let b = algo::bridges(csr, Work::default()).expect("bridges");
        let got: BTreeSet<(String, String)> = b
            .edges
            .iter()
            .map(|&(a, c)| {
                let (a, c) = (id(a), id(c));
                if a <= c {
                    (a, c)
                } else {
                    (c, a)
                }
            })
            .collect();
        let want: BTreeSet<(String, String)> = u["bridges"]
            .as_array()
            .expect("bridges")
            .iter()
            .map(|p| {
                let (a, c) = (p[0].as_str().unwrap(), p[1].as_str().unwrap());
                let (a, c) = (a.to_string(), c.to_string());
                if a <= c {
                    (a, c)
                } else {
                    (c, a)
                }
            })
            .collect();
        if got != want {
            problems.push(format!(
                "{name} bridges: only NetworkX's: {:?}; only ours: {:?}",
                want.difference(&got).take(5).collect::<Vec<_>>(),
                got.difference(&want).take(5).collect::<Vec<_>>()
            ));
        }
        let got: BTreeSet<String> = b.articulation_points.iter().map(|&v| id(v)).collect();
        let want = id_set(&u["articulation_points"]);
        if got != want {
            problems.push(format!(
                "{name} articulation points: only NetworkX's: {:?}; only ours: {:?}",
                want.difference(&got).take(5).collect::<Vec<_>>(),
                got.difference(&want).take(5).collect::<Vec<_>>()
            ));
        }
    }

    if let Some(want) = u.get("label_propagation") {
        let p = algo::label_propagation(csr, Work::default()).expect("label propagation");
        let got = our_partition(f, "label propagation", &p.labels, &p.sizes, &mut problems);
        let want = partition_of(want);
        if got != want {
            problems.push(format!(
                "{name} label propagation: {}",
                partition_diff(&got, &want)
            ));
        }
    }

    for run in u
        .get("louvain")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let seed = run["seed"].as_u64().expect("seed");
        let theirs = run["modularity"].as_f64().expect("modularity");
        // Our modularity of NetworkX's own partition: exactly NetworkX's number.
        let mut labels = vec![u32::MAX; f.ids.len()];
        for (c, members) in run["communities"].as_array().unwrap().iter().enumerate() {
            for m in members.as_array().unwrap() {
                let v = f.index[m.as_str().expect("an id")];
                labels[v as usize] = c as u32;
            }
        }
        assert!(
            labels.iter().all(|&l| l != u32::MAX),
            "{name}: louvain seed {seed}: NetworkX's communities do not cover every node"
        );
        let q = algo::modularity(csr, &labels, 1.0);
        if !close(q, Some(theirs), EXACT, FLOOR_EXACT) {
            problems.push(format!(
                "{name} modularity of NetworkX's louvain partition (seed {seed}): expected \
                 {theirs:e}, got {q:e}"
            ));
        }
        // Our louvain with the same seed finds a partition at least as good as NetworkX's
        // (the float slack only absorbs summation order).
        let p = algo::louvain(csr, seed, 1.0, Work::default()).expect("louvain");
        our_partition(f, "louvain", &p.labels, &p.sizes, &mut problems);
        let ours = algo::modularity(csr, &p.labels, 1.0);
        if ours < theirs - 1e-12 {
            problems.push(format!(
                "{name} louvain seed {seed}: modularity {ours} is below NetworkX's {theirs}"
            ));
        }
    }

    if let Some(want) = u.get("connected_components") {
        // `components` is on main in `csr`; if the reorganisation moves it, follow it here.
        let got: BTreeSet<BTreeSet<String>> = algo::components(csr)
            .into_iter()
            .map(|c| c.into_iter().map(id).collect())
            .collect();
        let want = partition_of(want);
        if got != want {
            problems.push(format!(
                "{name} connected components: {}",
                partition_diff(&got, &want)
            ));
        }
    }
    problems
}

/// Checks everything the fixture of `name` holds.
fn check(name: &str) {
    let Some(f) = load(name) else { return };
    let und = Csr::undirected(&f.graph, |_| true);
    let mut problems = check_metrics(&f, "undirected", View::Undirected(&und));
    if f.doc.get("directed").is_some() {
        let out = Csr::directed(&f.graph, false, |_| true);
        let inn = Csr::directed(&f.graph, true, |_| true);
        problems.extend(check_metrics(
            &f,
            "directed",
            View::Directed {
                out: &out,
                inn: &inn,
            },
        ));
    }
    problems.extend(check_structure(&f, &und));
    assert!(
        problems.is_empty(),
        "{} differences from NetworkX {}:\n{}",
        problems.len(),
        f.doc["networkx"],
        problems.join("\n")
    );
}

macro_rules! fixture_tests {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($name);
            }
        )*

        /// Every fixture file has a test above, so a regenerated set cannot go unchecked.
        #[test]
        fn every_fixture_is_checked() {
            let names: BTreeSet<String> = [$($name),*].iter().map(|s| s.to_string()).collect();
            let files: BTreeSet<String> = std::fs::read_dir(fixtures_dir().join("networkx"))
                .expect("the fixtures folder")
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .strip_suffix(".json")
                        .map(str::to_string)
                })
                .collect();
            assert_eq!(files, names, "fixture files and tests differ");
        }
    };
}

fixture_tests! {
    seed_graph => "seed",
    karate_club => "karate",
    les_miserables => "lesmis",
    florentine_families => "florentine",
    davis_southern_women => "davis",
    several_components_and_isolated_nodes => "components",
    star => "star",
    path => "path",
    complete => "complete",
    email_eu_core => "email-Eu-core",
    facebook_combined => "facebook_combined",
}
