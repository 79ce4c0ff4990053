//! The command line, as clap parses it; `main` turns it into a loaded graph and a session once.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clustergraph_query::Format;

/// A knowledge graph of innovation clusters, with a query language and a REPL.
///
/// With no command, opens the REPL on the built-in seed graph (or on --graph).
#[derive(Debug, Parser)]
#[command(name = "clustergraph", version, about, long_about = None)]
pub struct Args {
    /// A graph to use instead of the built-in one: a graph source (.toml), a folder of them, an
    /// edge list (.txt, .tsv, .edges, .el), GraphML (.graphml), node-link JSON (.json), each
    /// optionally .gz, Neo4j import CSV (a folder with nodes.csv and edges.csv) or a snapshot
    /// (.cgs), or a keep.eu export (.xlsx, .csv). Repeated, the graphs are joined into one: the
    /// nodes that denote one organisation, city, region or country become one node.
    #[arg(long, global = true, value_name = "PATH")]
    pub graph: Vec<PathBuf>,

    /// How results are printed.
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// How many threads the analytics use (default: one per core).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,

    /// The memory a graph may take while it loads, e.g. 512M or 8G (default: 3/4 of the
    /// memory available). A larger graph is refused with a message, never loaded by half.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    pub max_memory: Option<u64>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Runs statements (separated by `;`), prints their results, and exits.
    Query {
        /// The statements, e.g. "show LE2C; neighbours CEBR depth 2".
        statements: String,
    },
    /// Runs a script of statements (one a line, or separated by `;`; `#` comments).
    Run {
        /// The script, e.g. queries/lombardy-to-emilia.cgq.
        file: PathBuf,
    },
    /// Reads snapshots (.cgs files, written by the statement `save PATH`).
    #[command(subcommand)]
    Snapshot(SnapshotCommand),
}

#[derive(Debug, Subcommand)]
pub enum SnapshotCommand {
    /// What a snapshot holds: counts, format version, when it was written and from what.
    Info {
        /// The snapshot, e.g. seeds.cgs.
        file: PathBuf,
    },
    /// What changed from snapshot A to snapshot B: documents, nodes and edges added, removed
    /// and changed, by id (A and B may be any graph --graph takes).
    Diff {
        /// The earlier graph.
        a: PathBuf,
        /// The later graph.
        b: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
        }
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    clustergraph_core::io::budget::parse_size(s)
        .ok_or_else(|| format!("`{s}` is not a size: write e.g. 512M, 8G or 1.5G"))
}
