//! The text of `help`: every statement with its syntax, what it answers, its options and an
//! example that runs on the seed graph (a test runs every example).

use crate::table::{Cell, Table};

/// One statement's help.
#[derive(Debug)]
pub struct StatementHelp {
    pub name: &'static str,
    pub syntax: &'static str,
    pub summary: &'static str,
    pub options: &'static [(&'static str, &'static str)],
    pub example: &'static str,
}

const TIME: (&str, &str) = (
    "in YEAR | in Y1..Y2",
    "keep only edges whose date meets the span; undated edges stay",
);

pub const HELP: &[StatementHelp] = &[
    StatementHelp {
        name: "find",
        syntax: "find TEXT [kind K,...] [limit N]",
        summary: "nodes whose id, name or alias matches TEXT, best first (case and accents ignored)",
        options: &[("kind K,...", "only nodes of these kinds"), ("limit N", "at most N nodes (default 20)")],
        example: "find lombardy kind cluster",
    },
    StatementHelp {
        name: "show",
        syntax: "show NODE [in YEAR|Y1..Y2]",
        summary: "a node's attributes and sources, and every edge with its direction, type, date and source sentence",
        options: &[TIME],
        example: "show LE2C",
    },
    StatementHelp {
        name: "neighbours",
        syntax: "neighbours NODE [depth N] [kind K,...] [rel R,...] [dir out|in|both] [in YEAR|Y1..Y2]",
        summary: "the nodes within N hops of NODE, with their distance and the edge that reaches them (`neighbors` works too)",
        options: &[
            ("depth N", "hops (default 1)"),
            ("kind K,...", "list only nodes of these kinds (the walk goes through any kind)"),
            ("rel R,...", "follow only edges of these types"),
            ("dir out|in|both", "follow edges forward, backward or both ways (default both)"),
            TIME,
        ],
        example: "neighbours CEBR depth 2",
    },
    StatementHelp {
        name: "path",
        syntax: "path NODE to NODE [via R,...] [avoid K,...] [directed] [in YEAR|Y1..Y2]",
        summary: "one shortest path, step by step, with each step's edge type, direction, date and source",
        options: &[
            ("via R,...", "use only edges of these types"),
            ("avoid K,...", "do not pass through nodes of these kinds"),
            ("directed", "follow edges only in their direction"),
            TIME,
        ],
        example: "path LE2C to \"Ecotech Quebec\"",
    },
    StatementHelp {
        name: "paths",
        syntax: "paths NODE to NODE [max N] [depth D] [in YEAR|Y1..Y2]",
        summary: "up to N shortest simple paths (Yen's algorithm), shortest first, ties by node ids",
        options: &[("max N", "how many paths (default 5)"), ("depth D", "only paths of at most D steps"), TIME],
        example: "paths AFIL to Clust-ER Health max 3",
    },
    StatementHelp {
        name: "components",
        syntax: "components [in YEAR|Y1..Y2]",
        summary: "connected components of the undirected view, largest first, with their sizes",
        options: &[TIME],
        example: "components",
    },
    StatementHelp {
        name: "stats",
        syntax: "stats [in YEAR|Y1..Y2]",
        summary: "node and edge counts by kind and type, density, components, diameter of the largest component",
        options: &[TIME],
        example: "stats in 2016",
    },
    StatementHelp {
        name: "open",
        syntax: "open PATH",
        summary: "replaces the graph in use by the one at PATH: a graph source (.toml), a folder of them, or an edge list (.txt .tsv .edges .el, optionally .gz)",
        options: &[],
        example: "open graphs/seeds",
    },
    StatementHelp {
        name: "set",
        syntax: "set format table|json|csv",
        summary: "how results are printed from now on",
        options: &[],
        example: "set format table",
    },
    StatementHelp {
        name: "help",
        syntax: "help [STATEMENT]",
        summary: "the statements, or one statement with its options and an example",
        options: &[],
        example: "help path",
    },
];

/// The help of one statement (`neighbors` finds `neighbours`).
pub fn lookup(name: &str) -> Option<&'static StatementHelp> {
    let name = name.to_ascii_lowercase();
    let name = if name == "neighbors" {
        "neighbours".to_string()
    } else {
        name
    };
    HELP.iter().find(|h| h.name == name)
}

/// The `help` statement: every statement, or one with its options and example.
pub fn table(topic: Option<&str>) -> Table {
    if let Some(t) =
        topic.filter(|t| crate::lexer::UNAVAILABLE.contains(&t.to_ascii_lowercase().as_str()))
    {
        return Table::default().with_message(format!(
            "`{t}` is part of the contract but not available in this build of clustergraph"
        ));
    }
    match topic.and_then(lookup) {
        Some(h) => {
            let mut t = Table::new(&["item", "text"]);
            t.push(vec![Cell::text("syntax"), Cell::text(h.syntax)]);
            t.push(vec![Cell::text("answers"), Cell::text(h.summary)]);
            for (opt, meaning) in h.options {
                t.push(vec![Cell::text(*opt), Cell::text(*meaning)]);
            }
            t.push(vec![Cell::text("example"), Cell::text(h.example)]);
            t
        }
        None => {
            let mut t = Table::new(&["statement", "syntax", "answers"]);
            for h in HELP {
                t.push(vec![
                    Cell::text(h.name),
                    Cell::text(h.syntax),
                    Cell::text(h.summary),
                ]);
            }
            let kinds: Vec<&str> = clustergraph_core::NodeKind::names().collect();
            let rels: Vec<&str> = clustergraph_core::Rel::names().collect();
            t.with_message(format!(
                "NODE is an id, a name or an alias, bare or in double quotes; `help STATEMENT` shows options and an example.\n\
                 Kinds (K): {}.\n\
                 Relations (R): {}.\n\
                 Not in this build yet: {}.",
                kinds.join(", "),
                rels.join(", "),
                crate::lexer::UNAVAILABLE.join(", ")
            ))
        }
    }
}
