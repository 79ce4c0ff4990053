//! The `help` statement: every statement with its syntax and what it answers, or one with its
//! options and an example, all read from [`crate::grammar`].

use crate::grammar::{self, StatementKind, StatementSpec, LIMIT_HELP, TIME_HELP, UNAVAILABLE};
use crate::table::{Cell, Table};

/// The spec of one statement by its word or alias, in any case (`neighbors` finds
/// `neighbours`).
pub fn lookup(name: &str) -> Option<&'static StatementSpec> {
    StatementKind::from_word(name).map(StatementKind::spec)
}

/// The `help` statement: every statement, or one with its options and example.
pub fn table(topic: Option<&str>) -> Table {
    if let Some(t) = topic.filter(|t| UNAVAILABLE.iter().any(|u| u.eq_ignore_ascii_case(t))) {
        return Table::default().with_message(format!(
            "`{t}` is part of the contract but not available in this build of clustergraph"
        ));
    }
    match topic.and_then(lookup) {
        Some(spec) => {
            let mut t = Table::new(&["item", "text"]);
            t.push(vec![Cell::text("syntax"), Cell::text(spec.syntax())]);
            t.push(vec![Cell::text("answers"), Cell::text(spec.summary)]);
            for o in spec.options {
                t.push(vec![Cell::text(o.shown), Cell::text(o.help)]);
            }
            if spec.kind.returns_rows() {
                let help = match spec.kind.default_limit() {
                    Some(n) => format!("{} (default {n})", LIMIT_HELP.1),
                    None => format!("{} (default: all)", LIMIT_HELP.1),
                };
                t.push(vec![Cell::text(LIMIT_HELP.0), Cell::Text(help)]);
            }
            if spec.reads_edges {
                t.push(vec![Cell::text(TIME_HELP.0), Cell::text(TIME_HELP.1)]);
            }
            t.push(vec![Cell::text("example"), Cell::text(spec.example)]);
            t
        }
        None => {
            let mut t = Table::new(&["statement", "syntax", "answers"]);
            for kind in StatementKind::ALL {
                let spec = kind.spec();
                t.push(vec![
                    Cell::text(spec.name()),
                    Cell::text(spec.syntax()),
                    Cell::text(spec.summary),
                ]);
            }
            let kinds: Vec<&str> = clustergraph_core::NodeKind::names().collect();
            let rels: Vec<&str> = clustergraph_core::Rel::names().collect();
            let mut message = format!(
                "NODE is an id, a name or an alias, bare or in double quotes; `help STATEMENT` shows options and an example.\n\
                 Time: `in 2016`, `in 2016-11`, `in 2011-10..2012` keeps the edges whose date shares a day with the span (a year stands for all its days); undated edges stay unless `strict` follows.\n\
                 Every statement that lists rows takes `limit N`; a cut list ends with how many more rows there are.\n\
                 Kinds (K): {}.\n\
                 Relations (R): {}.",
                kinds.join(", "),
                rels.join(", ")
            );
            if !grammar::UNAVAILABLE.is_empty() {
                message.push_str(&format!(
                    "\nNot in this build yet: {}.",
                    grammar::UNAVAILABLE.join(", ")
                ));
            }
            t.with_message(message)
        }
    }
}
