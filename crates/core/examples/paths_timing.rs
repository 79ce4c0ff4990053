//! Times the path and structure metrics on an edge list:
//! `cargo run -p clustergraph-core --release --example paths_timing -- FILE METRIC...`
//! with METRIC among degree, betweenness, closeness, harmonic, core_number, clustering,
//! bridges, and `directed` to run on the directed view.

use std::time::Instant;

use clustergraph_core::algo::{self, View, Work};
use clustergraph_core::{open, Csr};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    let g = open(std::path::Path::new(&args[0])).expect("opens");
    let und = Csr::undirected(&g, |_| true);
    let out = Csr::directed(&g, false, |_| true);
    let inn = Csr::directed(&g, true, |_| true);
    println!(
        "{}: {} nodes, {} undirected edges, loaded in {:.2?}",
        args[0],
        und.node_count(),
        und.entry_count() / 2,
        t.elapsed()
    );
    let directed = args.iter().any(|a| a == "directed");
    let view = if directed {
        View::Directed {
            out: &out,
            inn: &inn,
        }
    } else {
        View::Undirected(&und)
    };
    for m in args[1..].iter().filter(|a| *a != "directed") {
        let t = Instant::now();
        let summary = match m.as_str() {
            "bridges" => {
                let b = algo::bridges(&und, Work::default()).unwrap();
                format!(
                    "{} bridges, {} cut nodes",
                    b.edges.len(),
                    b.articulation_points.len()
                )
            }
            _ => {
                let f = match m.as_str() {
                    "degree" => algo::degree,
                    "betweenness" => algo::betweenness,
                    "closeness" => algo::closeness,
                    "harmonic" => algo::harmonic,
                    "core_number" => algo::core_number,
                    "clustering" => algo::clustering,
                    other => panic!("unknown metric {other}"),
                };
                let v = f(view, Work::default()).unwrap();
                let (i, max) =
                    v.iter()
                        .enumerate()
                        .fold((0, f64::MIN), |b, (i, &x)| if x > b.1 { (i, x) } else { b });
                format!(
                    "max {max:.6} at node {} ({})",
                    i,
                    g.node(Csr::node(i as u32)).id
                )
            }
        };
        println!(
            "{m}{}: {:.3?}  {summary}",
            if directed { " directed" } else { "" },
            t.elapsed()
        );
    }
}
