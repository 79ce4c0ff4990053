//! How long opening a keep.eu export takes: `open()` run N times (after one warm-up), the
//! median and the fastest in milliseconds, as `benches/keep_load.py` reads them.
//!
//! ```sh
//! cargo run --release -p clustergraph-core --example keep_load -- \
//!     ../shared/data/keep/keep-closed-2014-2020.xlsx 10
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: keep_load EXPORT [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
        .max(1);
    let mut times = Vec::with_capacity(runs);
    for i in 0..=runs {
        let t = Instant::now();
        let g = match clustergraph_core::open(&path) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("{}", e.render(false));
                return ExitCode::from(2);
            }
        };
        let ms = t.elapsed().as_secs_f64() * 1e3;
        if i > 0 {
            times.push(ms);
        } else {
            eprintln!("{} nodes, {} edges", g.node_count(), g.edge_count());
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "median_ms {:.1} min_ms {:.1} runs {runs}",
        times[runs / 2],
        times[0]
    );
    ExitCode::SUCCESS
}
