//! The rustyline helper: glue between rustyline and the query crate's completion
//! (`clustergraph_query::complete`), which knows what may come next at the cursor. Here:
//! greyed hints, the one rule of rustyline's list completion that needs care (never insert a
//! lone quote), and the space after a completed word. Statements that go on over several
//! lines (an open string, a line ending in `\\`) are read by the REPL loop, which shows a
//! continuation prompt (rustyline's validator has none).

use std::borrow::Cow;

use clustergraph_core::KnowledgeGraph;
use clustergraph_query::complete::{self, Completer as Statements};
use rustyline::completion::{longest_common_prefix, Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
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
    /// A whole word takes the space after it, unless one is already there, so that the next
    /// word can be typed (or the next Tab offers what follows) at once.
    fn completions(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let (start, candidates) = self.completer.complete(line, pos);
        let spaced = line
            .get(pos..)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace));
        let mut pairs: Vec<Pair> = candidates
            .into_iter()
            .map(|c| Pair {
                replacement: if c.space_after && !spaced {
                    format!("{} ", c.replacement)
                } else {
                    c.replacement
                },
                display: c.display,
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

/// Enter always ends the line: the REPL loop asks for more under a continuation prompt.
impl Validator for ClusterHelper {}

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
        assert_eq!(inserted("path LE2C ").as_deref(), Some("to "));
        assert!(complete("path LE2C to ")
            .1
            .iter()
            .any(|s| s == "Lombardy Energy Cleantech Cluster"));
    }

    #[test]
    fn the_repl_words_complete_where_a_statement_starts() {
        assert_eq!(complete("ex").1, ["export ", "explain ", "exit "]);
        assert_eq!(complete("stats; qu").1, ["quit "]);
        assert_eq!(complete("exi").1, ["exit "]);
    }

    #[test]
    fn a_completed_word_takes_the_space_after_it_once() {
        assert_eq!(complete("neighbours LE2C dep").1, ["LE2C depth "]);
        assert_eq!(complete("sta").1, ["stats "]);
        assert_eq!(inserted("show LE2").as_deref(), Some("LE2C "));
        // Not when a space already follows the cursor, nor after an item of a list.
        let (_, pairs) = helper().completions("sta 2016", 3);
        assert_eq!(pairs[0].replacement, "stats");
        assert_eq!(complete("neighbours LE2C kind clu").1, ["cluster"]);
    }
}
