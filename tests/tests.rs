//! End-to-end tests of the `clustergraph` binary: one test binary (as ripgrep's
//! `tests/tests.rs`), its parts in the modules below.
//!
//! - `cli`: every statement, output format, exit status and kind of error message, through
//!   `clustergraph query` and `--graph`;
//! - `scripts`: every `queries/*.cgq` against its expected output (`UPDATE_EXPECT=1` rewrites
//!   the `.out` files);
//! - `repl`: the REPL driven through a pseudo-terminal;
//! - `hostile`: hostile inputs (issue 11), each under bounds on memory and time.

mod util;

mod cli;
mod hostile;
mod keep;
mod repl;
mod scripts;
