//! The merge report of a keep.eu export: how many partner names became how many
//! organisations, and a systematic sample of the merges and of the names alike that were not
//! merged, to check by hand (docs/real-data.md says how the sample was checked).
//!
//! ```sh
//! cargo run --release -p clustergraph-core --example keep_merges -- \
//!     ../shared/data/keep/keep-closed-2014-2020.xlsx 100
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: keep_merges EXPORT [SAMPLE]");
        return ExitCode::from(2);
    };
    let sample: usize = match args.next().map(|s| s.parse()) {
        None => 100,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("error: SAMPLE: {e}");
            return ExitCode::from(2);
        }
    };
    let r = match clustergraph_core::io::keep::merge_report(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.render(false));
            return ExitCode::from(2);
        }
    };
    let merges: Vec<&String> = r.orgs.iter().flat_map(|o| &o.evidence).collect();
    let merged_orgs = r.orgs.iter().filter(|o| !o.evidence.is_empty()).count();
    println!(
        "{} partner names as written became {} organisations: {} merges joined names of {} \
         organisations; {} pairs of names alike were not merged.",
        r.names,
        r.orgs.len(),
        merges.len(),
        merged_orgs,
        r.doubts.len()
    );
    // Every k-th, in the order of the export's rows and of the names: a systematic sample.
    let every = |n: usize| (n / sample.max(1)).max(1);
    println!(
        "\n# merges (every {}th of {})",
        every(merges.len()),
        merges.len()
    );
    for m in merges.iter().step_by(every(merges.len())).take(sample) {
        println!("M\t{m}");
    }
    println!(
        "\n# not merged (every {}th of {})",
        every(r.doubts.len()),
        r.doubts.len()
    );
    for d in r.doubts.iter().step_by(every(r.doubts.len())).take(sample) {
        println!("N\t`{}` ≠ `{}`: {}", d.a, d.b, d.why);
    }
    ExitCode::SUCCESS
}
