//! End-to-end tests of the `clustergraph` binary: one test binary (as ripgrep's
//! `tests/tests.rs`), its parts in the modules below.
//!
//! - `cli`: every statement, output format, exit status and kind of error message, through
//!   `clustergraph query` and `--graph`;
//! - `scripts`: every `queries/*.cgq` against its expected output (`UPDATE_EXPECT=1` rewrites
//!   the `.out` files);
//! - `repl`: the REPL driven through a pseudo-terminal;
//! - `exchange`: `export` in every format, and `--graph`/`open` on what it wrote or on bad
//!   files;
//! - `hostile`: hostile inputs (issue 11), each under bounds on memory and time;
//! - `evidence`: issue 10, part 1 (seed corrections, initials, documents, evidence, walks).
//! - `snapshot`: `save`, `open`, `snapshot info|diff`, damaged snapshots, and saves killed
//!   at random moments (issue 8).

mod util;

mod cli;
mod evidence;
mod exchange;
mod hostile;
mod keep;
mod repl;
mod scripts;
mod snapshot;
