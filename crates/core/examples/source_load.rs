//! Opens graph sources as the command line does (`open_all`: the memory budget, then the
//! loader), and prints the nodes and edges loaded; for measuring the peak memory of loading
//! a large source without the REPL (`docs/benchmarks.md`, "Graph sources"):
//!
//! ```sh
//! python3 benches/gen_source.py 2000000 /tmp/big.toml
//! cargo build --release -p clustergraph-core --example source_load
//! /usr/bin/time -v target/release/examples/source_load /tmp/big.toml
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: source_load SOURCE.toml...");
        return ExitCode::from(2);
    }
    match clustergraph_core::open_all(&paths) {
        Ok(g) => {
            println!("{} nodes, {} edges", g.node_count(), g.edge_count());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.render(false));
            ExitCode::from(2)
        }
    }
}
