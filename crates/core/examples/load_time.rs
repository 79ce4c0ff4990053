//! The least wall time of opening a graph file, over some runs, in milliseconds: a quick
//! check of load speed on a busy machine, where the least of many runs is the least
//! disturbed (the criterion benchmark `benches/snapshot.rs` is the record).
//!
//! `cargo run --release -p clustergraph-core --example load_time -- FILE [RUNS]`

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: load_time GRAPH [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args
        .next()
        .and_then(|r| r.to_str().and_then(|r| r.parse().ok()))
        .unwrap_or(20);
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = Instant::now();
        let g = match clustergraph_core::open(std::path::Path::new(&path)) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("{}", e.render(false));
                return ExitCode::from(2);
            }
        };
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        drop(g);
    }
    println!("{:.2} ms (least of {runs} runs)", best);
    ExitCode::SUCCESS
}
