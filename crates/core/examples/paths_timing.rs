//! Times the path and structure metrics on an edge list:
//! `cargo run -p clustergraph-core --release --example paths_timing -- FILE METRIC...`
//! with METRIC among degree, betweenness, closeness, harmonic, core_number, clustering,
//! bridges, and `directed` to run on the directed view; `dump=DIR` also writes each metric's
//! values to `DIR/METRIC.tsv` (node id, value) for comparison with NetworkX.

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
    let dump = args.iter().find_map(|a| a.strip_prefix("dump="));
    let view = if directed {
        View::Directed {
            out: &out,
            inn: &inn,
        }
    } else {
        View::Undirected(&und)
    };
    for m in args[1..]
        .iter()
        .filter(|a| *a != "directed" && !a.starts_with("dump="))
    {
        let t = Instant::now();
        let summary = match m.as_str() {
            "bridges" => {
                let b = algo::bridges(&und, Work::default()).unwrap();
                if let Some(dir) = dump {
                    let id = |v: u32| g.node(Csr::node(v)).id.clone();
                    let mut text: String = b
                        .edges
                        .iter()
                        .map(|&(a, c)| format!("e\t{}\t{}\n", id(a), id(c)))
                        .collect();
                    text.extend(
                        b.articulation_points
                            .iter()
                            .map(|&a| format!("a\t{}\n", id(a))),
                    );
                    std::fs::write(format!("{dir}/bridges.tsv"), text).unwrap();
                }
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
                if let Some(dir) = dump {
                    let text: String = v
                        .iter()
                        .enumerate()
                        .map(|(i, x)| format!("{}\t{x:e}\n", g.node(Csr::node(i as u32)).id))
                        .collect();
                    std::fs::write(format!("{dir}/{m}.tsv"), text).unwrap();
                }
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
