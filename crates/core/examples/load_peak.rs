//! The peak resident memory of a process at each step of opening a graph, per edge: after
//! opening (reading, parsing, building the graph and its indexes), after the analytic
//! adjacency a session builds, and after its incidence lists (made on first traversal).
//!
//! `cargo run --release -p clustergraph-core --example load_peak -- FILE` (any graph path
//! `clustergraph --graph` takes). Linux only (reads `VmHWM` and `VmRSS` of
//! `/proc/self/status`).

use std::process::ExitCode;

use clustergraph_core::Adjacency;

/// The process's peak and current resident memory, in bytes.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: load_peak GRAPH");
        return ExitCode::from(2);
    };
    let (start, _) = memory();
    let g = match clustergraph_core::open(std::path::Path::new(&path)) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{}", e.render(false));
            return ExitCode::from(2);
        }
    };
    let m = g.edge_count().max(1) as f64;
    println!("nodes {} edges {}", g.node_count(), g.edge_count());
    let show = |step: &str| {
        let (peak, now) = memory();
        println!(
            "{step}: peak {:.1} MiB ({:.0} bytes an edge), now {:.1} MiB ({:.0} bytes an edge)",
            peak as f64 / 1048576.0,
            peak as f64 / m,
            now as f64 / 1048576.0,
            now as f64 / m
        );
    };
    println!("before opening: peak {:.1} MiB", start as f64 / 1048576.0);
    show("opened");
    let adj = Adjacency::new(&g);
    show("with the adjacency");
    let _ = adj.incidences(0);
    show("with the incidence lists");
    ExitCode::SUCCESS
}
