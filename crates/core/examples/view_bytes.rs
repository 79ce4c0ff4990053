//! How many bytes the analytic views of a graph take, per edge of the file.
//!
//! `cargo run --release -p clustergraph-core --example view_bytes -- FILE` (any graph path
//! `clustergraph --graph` takes); `benches/memory.py` runs it.

use std::process::ExitCode;

use clustergraph_core::Adjacency;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: view_bytes GRAPH");
        return ExitCode::from(2);
    };
    let g = match clustergraph_core::open(std::path::Path::new(&path)) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{}", e.render(false));
            return ExitCode::from(2);
        }
    };
    let adj = Adjacency::new(&g);
    let m = g.edge_count().max(1) as f64;
    let columns = g.edge_columns().heap_bytes();
    let undirected = adj.undirected().heap_bytes();
    let total = adj.heap_bytes();
    let _ = adj.incidences(0);
    let with_incidences = adj.heap_bytes();
    let _ = adj.directed();
    let with_directed = adj.heap_bytes();
    println!("nodes {} edges {}", g.node_count(), g.edge_count());
    println!(
        "edge columns (the graph's, which the adjacency shares): {columns} bytes, {:.1} per edge",
        columns as f64 / m
    );
    println!(
        "undirected simple view: {undirected} bytes, {:.1} per edge",
        undirected as f64 / m
    );
    println!(
        "adjacency (edge dates if any, id order, undirected view): {total} bytes, {:.1} per edge",
        total as f64 / m
    );
    println!(
        "with the incidence lists (made on the first traversal): {with_incidences} bytes, {:.1} per edge",
        with_incidences as f64 / m
    );
    println!(
        "with the directed views: {with_directed} bytes, {:.1} per edge",
        with_directed as f64 / m
    );
    ExitCode::SUCCESS
}
