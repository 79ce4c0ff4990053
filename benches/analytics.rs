//! criterion benchmarks of every metric and whole-graph statement on the shared data sets.
//!
//! `cargo bench --bench analytics` runs them all; `cargo bench --bench analytics -- pagerank`
//! one metric. The data sets are read from `../shared/data` (next to the repository); a
//! missing one is skipped with a note. Times here are the algorithm's alone, on the cached
//! views; `benches/peers/compare.py` measures whole statements against the peers.

use std::path::PathBuf;
use std::time::Duration;

use clustergraph_core::algo::{self, View, Work};
use clustergraph_core::{Adjacency, AlgoError, Csr};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

const GRAPHS: &[&str] = &[
    "facebook_combined.el.gz",
    "ca-HepPh.el.gz",
    "Email-Enron.el.gz",
    "soc-Slashdot0902.el.gz",
];

type Metric = fn(View, Work) -> Result<Vec<f64>, AlgoError>;

/// The metrics, and whether each is cheap enough to run on every graph within a bench run
/// (exact betweenness and closeness on Slashdot take minutes an iteration: they run on the
/// smaller graphs here, and on Slashdot in the peers' comparison).
const METRICS: &[(&str, Metric, bool)] = &[
    ("degree", algo::degree, true),
    ("betweenness", algo::betweenness, false),
    ("closeness", algo::closeness, false),
    ("harmonic", algo::harmonic, false),
    ("pagerank", algo::pagerank, true),
    ("eigenvector", algo::eigenvector, true),
    ("katz", algo::katz, true),
    ("kcore", algo::core_number, true),
    ("clustering", algo::clustering, true),
    ("constraint", algo::constraint, true),
    ("effective_size", algo::effective_size, true),
];

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name)
}

fn bench(c: &mut Criterion) {
    for name in GRAPHS {
        let path = data(name);
        let Ok(g) = clustergraph_core::open(&path) else {
            eprintln!("skipped {name}: cannot open {}", path.display());
            continue;
        };
        let adj = Adjacency::new(&g);
        let view = View::Undirected(adj.undirected());
        let large = adj.edge_count() > 500_000;
        let mut group = c.benchmark_group(*name);
        group.sample_size(10).warm_up_time(Duration::from_secs(1));
        group.bench_function("adjacency", |b| b.iter(|| Adjacency::new(&g)));
        group.bench_function("components", |b| {
            b.iter(|| clustergraph_core::algo::components(adj.undirected()))
        });
        for &(metric, f, everywhere) in METRICS {
            if large && !everywhere {
                continue;
            }
            group.bench_with_input(BenchmarkId::new("centrality", metric), &view, |b, v| {
                // Katz diverges on some of these graphs: that is a result too.
                b.iter(|| f(*v, Work::default()).ok())
            });
        }
        let csr: &Csr = adj.undirected();
        group.bench_function("bridges", |b| {
            b.iter(|| algo::bridges(csr, Work::default()))
        });
        group.bench_function("communities/louvain", |b| {
            b.iter(|| algo::louvain(csr, 1, 1.0, Work::default()))
        });
        group.bench_function("communities/labelprop", |b| {
            b.iter(|| algo::label_propagation(csr, Work::default()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
