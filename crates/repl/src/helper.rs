//! The rustyline helper: glue between rustyline and the query crate's completion
//! (`clustergraph_query::complete`), which knows what may come next at the cursor. Here:
//! greyed hints, the one rule of rustyline's list completion that needs care (never insert a
//! lone quote), and a validator that asks the lexer whether a string is still open.

use std::borrow::Cow;

use clustergraph_core::KnowledgeGraph;
use clustergraph_query::complete::{self, Completer as Statements};
use clustergraph_query::lexer;
use rustyline::completion::{longest_common_prefix, Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

/// Words the REPL itself understands, beside the statements.
const REPL_WORDS: &[&str] = &["exit", "quit"];

/// The REPL's completion, hints and validation.
#[derive(Debug)]
pub struct ClusterHelper {
    completer: Statements,
    /// Hints are greyed when colour is allowed.
    pub colour: bool,
}

impl ClusterHelper {
    pub fn new(g: &KnowledgeGraph, colour: bool) -> Self {
        ClusterHelper {
            completer: Statements::new(g).with_statement_words(REPL_WORDS),
            colour,
        }
    }

    /// Refreshes the names after `open` replaced the graph.
    pub fn set_graph(&mut self, g: &KnowledgeGraph) {
        self.completer.set_graph(g);
    }

    /// The completions at `pos` of `line`: where they start, and each with its replacement.
    fn completions(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let (start, candidates) = self.completer.complete(line, pos);
        let mut pairs: Vec<Pair> = candidates
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        // rustyline inserts the candidates' longest common prefix when it is longer than the
        // typed word. A lone `"` (quoted names sharing only their opening quote, Tab on an
        // empty word) would open a string that Enter then waits to see closed: list the
        // names bare instead, so that nothing is inserted and the next Tab lists them.
        let typed_quote = line[start..pos.min(line.len())].starts_with('"');
        if !typed_quote && pairs.len() > 1 && longest_common_prefix(&pairs) == Some("\"") {
            for pair in &mut pairs {
                pair.replacement.clone_from(&pair.display);
            }
        }
        (start, pairs)
    }
}

impl Completer for ClusterHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.completions(line, pos))
    }
}

impl Hinter for ClusterHelper {
    type Hint = String;

    /// When the cursor is at the end of the line: what the query crate's grammar hints.
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos != line.len() {
            return None;
        }
        complete::hint(line)
    }
}

impl Highlighter for ClusterHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }
}

impl Validator for ClusterHelper {
    /// A line with a string still open waits for more (Enter adds a newline), as the lexer
    /// reads it: escapes and comments count, so `show "a\\"` and `show X # it's "odd` run.
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if lexer::is_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Helper for ClusterHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper() -> ClusterHelper {
        ClusterHelper::new(&clustergraph_core::seed_graph(), false)
    }

    /// Where the completions of `line` (cursor at its end) start, and their replacements.
    fn complete(line: &str) -> (usize, Vec<String>) {
        let (start, pairs) = helper().completions(line, line.len());
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    /// What rustyline's List completion would insert for `line`: the candidates' longest
    /// common prefix, when it is longer than the typed word (or the one candidate).
    fn inserted(line: &str) -> Option<String> {
        let (start, pairs) = helper().completions(line, line.len());
        let lcp = longest_common_prefix(&pairs)?;
        (lcp.len() > line.len() - start || pairs.len() == 1).then(|| lcp.to_string())
    }

    #[test]
    fn tab_never_inserts_a_lone_quote() {
        for line in ["neighbours ", "show ", "path LE2C to ", "paths CEBR to "] {
            let (_, c) = complete(line);
            assert!(c.len() > 1, "{line}: {c:?}");
            assert_eq!(inserted(line), None, "{line}");
        }
        assert_eq!(inserted("neighbours LE2C "), None);
        // A common prefix longer than the quote is still inserted.
        assert_eq!(inserted("neighbours Clust").as_deref(), Some("\"Clust"));
        assert_eq!(inserted("path LE2C ").as_deref(), Some("to"));
        assert!(complete("path LE2C to ")
            .1
            .iter()
            .any(|s| s == "Lombardy Energy Cleantech Cluster"));
    }

    #[test]
    fn the_repl_words_complete_where_a_statement_starts() {
        assert_eq!(complete("ex").1, ["export", "exit"]);
        assert_eq!(complete("exi").1, ["exit"]);
        assert_eq!(complete("stats; qu").1, ["quit"]);
    }

    /// The validator's answer for `input`, as rustyline asks it on Enter.
    fn waits(input: &str) -> bool {
        // rustyline's ValidationContext cannot be built outside it: ask what it asks.
        !lexer::is_complete(input)
    }

    #[test]
    fn the_validator_waits_only_for_an_open_string() {
        assert!(
            !waits(r#"show "a\\""#),
            "an escaped backslash ends the string"
        );
        assert!(!waits("show X # it's \"odd"), "a quote in a comment");
        assert!(!waits("stats"));
        assert!(waits("show \"Ecotech"));
        assert!(waits(r#"show "a\""#));
    }
}
