//! criterion benchmark of loading the largest shared data set, soc-Slashdot0902, as a
//! snapshot against as an edge list, in one run (issue 8).
//!
//! `cargo bench --bench snapshot`. Each case is `clustergraph_core::open` of a file, as
//! `--graph` and `open` do: reading, decoding and building the whole graph (freeing it is
//! not timed).
//! - `edge list (.el.gz)`: the shared file as it is, gzip-compressed;
//! - `edge list (.el)`: the same text uncompressed, so that the ratio is not gzip's alone;
//! - `snapshot (.cgs)`: its snapshot, written once before the run;
//! - `snapshot decode (in memory)`: `snapshot::decode` of the snapshot's bytes already in
//!   memory, whose throughput (the snapshot's size over the time) is its load speed in MB/s.
//!
//! The files are written to a temporary folder; the data set is read from `../shared/data`
//! (next to the repository), and the benchmark says so and stops if it is missing.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use clustergraph_core::snapshot;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const DATA: &str = "soc-Slashdot0902.el.gz";

fn bench(c: &mut Criterion) {
    let gz = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(DATA);
    let Ok(g) = clustergraph_core::open(&gz) else {
        eprintln!("skipped: cannot open {}", gz.display());
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let el = dir.path().join("soc-Slashdot0902.el");
    let mut text = Vec::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(&gz).unwrap())
        .read_to_end(&mut text)
        .unwrap();
    std::fs::write(&el, &text).unwrap();
    let cgs = dir.path().join("soc-Slashdot0902.cgs");
    snapshot::save(&g, &cgs).unwrap();
    let bytes = std::fs::read(&cgs).unwrap();
    eprintln!(
        "{DATA}: {} nodes, {} edges; .el.gz {} bytes, .el {} bytes, .cgs {} bytes",
        g.node_count(),
        g.edge_count(),
        std::fs::metadata(&gz).unwrap().len(),
        text.len(),
        bytes.len()
    );
    let mut group = c.benchmark_group("load soc-Slashdot0902");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for (name, path) in [
        ("edge list (.el.gz)", &gz),
        ("edge list (.el)", &el),
        ("snapshot (.cgs)", &cgs),
    ] {
        group.bench_function(name, |b| {
            b.iter_with_large_drop(|| clustergraph_core::open(path).expect("it loads"))
        });
    }
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("snapshot decode (in memory)", |b| {
        b.iter_with_large_drop(|| snapshot::decode(&bytes).expect("it decodes"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
