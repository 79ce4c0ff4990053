//! The rustyline helper: completion of statements, options, kinds, relations and node names
//! (quoted when they hold spaces), syntax hints, and a validator that waits for a closing quote.

use std::borrow::Cow;

use clustergraph_core::names::fold;
use clustergraph_core::{KnowledgeGraph, NodeKind, Rel};
use clustergraph_query::help::{lookup, HELP};
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

/// Words the REPL itself understands, beside the statements.
const REPL_WORDS: [&str; 2] = ["exit", "quit"];

/// Statement words offered at the start of a statement: those this build executes.
fn statement_words() -> impl Iterator<Item = &'static str> {
    use clustergraph_query::lexer::{STATEMENTS, UNAVAILABLE};
    STATEMENTS
        .iter()
        .copied()
        .filter(|s| !UNAVAILABLE.contains(s))
        .chain(REPL_WORDS)
}

/// What a completion can name: for each node, its name, aliases and id (in that order of
/// preference), each with the folded form used to match what was typed.
#[derive(Debug, Default)]
pub struct ClusterHelper {
    nodes: Vec<Vec<(String, String)>>,
    /// Hints are greyed when colour is allowed.
    pub colour: bool,
}

impl ClusterHelper {
    pub fn new(g: &KnowledgeGraph, colour: bool) -> Self {
        let mut h = ClusterHelper {
            nodes: Vec::new(),
            colour,
        };
        h.set_graph(g);
        h
    }

    /// Refreshes the names after `open` replaced the graph.
    pub fn set_graph(&mut self, g: &KnowledgeGraph) {
        self.nodes = g
            .node_indices()
            .map(|ix| {
                let n = g.node(ix);
                std::iter::once(&n.name)
                    .chain(&n.aliases)
                    .chain(std::iter::once(&n.id))
                    .map(|form| (fold(form), form.clone()))
                    .collect()
            })
            .collect();
    }

    /// The completions of `word` (typed after `prev`, in a statement that starts with `first`).
    fn candidates(
        &self,
        first: Option<&str>,
        prev: Option<&str>,
        word: &str,
        quoted: bool,
    ) -> Vec<String> {
        let lower = word.to_lowercase();
        let starts = |opts: &mut dyn Iterator<Item = &str>| -> Vec<String> {
            opts.filter(|o| o.starts_with(&lower))
                .map(str::to_string)
                .collect()
        };
        let Some(first) = first else {
            return starts(&mut statement_words());
        };
        match prev.map(str::to_lowercase).as_deref() {
            Some("kind" | "avoid") => return starts(&mut NodeKind::names()),
            Some("rel" | "via") => return starts(&mut Rel::names()),
            Some("dir") => return starts(&mut ["out", "in", "both"].into_iter()),
            Some("format") => return starts(&mut ["table", "json", "csv"].into_iter()),
            Some("set") => return starts(&mut ["format"].into_iter()),
            Some("help") if first == "help" => return starts(&mut HELP.iter().map(|h| h.name)),
            _ => {}
        }
        let mut out = Vec::new();
        if !quoted && !word.is_empty() {
            if let Some(h) = lookup(first) {
                out.extend(
                    option_words(h.syntax)
                        .into_iter()
                        .filter(|o| o.starts_with(&lower))
                        .map(str::to_string),
                );
            }
        }
        if matches!(
            first,
            "show" | "neighbours" | "neighbors" | "path" | "paths"
        ) {
            // One candidate per node: the first of its name, aliases and id that matches.
            // Offering every form of a node (`Ecotech Québec`, `Ecotech Quebec`,
            // `ecotech-quebec`) would leave no common prefix, so Tab could never complete
            // even a name that only one node matches.
            let key = fold(word);
            let mut names: Vec<&String> = self
                .nodes
                .iter()
                .filter_map(|forms| forms.iter().find(|(f, _)| f.starts_with(&key)))
                .map(|(_, n)| n)
                .collect();
            names.sort();
            names.dedup();
            names.truncate(200);
            // When one name needs quotes, all are quoted, so that they share the opening
            // quote and Tab can still complete their common prefix.
            let quote_all = !quoted && names.iter().any(|n| needs_quotes(n));
            out.extend(names.into_iter().map(|n| {
                if quote_all {
                    format!("\"{n}\"")
                } else {
                    quote_if_needed(n, quoted)
                }
            }));
        }
        out
    }
}

/// The option keywords of a statement's syntax line ("[depth N]" → "depth").
fn option_words(syntax: &str) -> Vec<&str> {
    let mut words: Vec<&str> = syntax
        .split('[')
        .skip(1)
        .filter_map(|chunk| chunk.split([' ', ']']).next())
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    if syntax.contains(" to ") {
        words.insert(0, "to");
    }
    words
}

fn needs_quotes(name: &str) -> bool {
    name.chars()
        .any(|c| c.is_whitespace() || c == ',' || c == ';')
        || clustergraph_query::lexer::is_keyword(name)
}

fn quote_if_needed(name: &str, already_quoted: bool) -> String {
    if already_quoted {
        format!("{name}\"")
    } else if needs_quotes(name) {
        format!("\"{name}\"")
    } else {
        name.to_string()
    }
}

/// The statement being typed at `pos`: its first word, the word before the cursor's word,
/// where the cursor's word starts, the word, and whether it is inside an open quote.
fn context(line: &str, pos: usize) -> (Option<String>, Option<String>, usize, String, bool) {
    let upto = &line[..pos];
    let stmt_start = upto.rfind(';').map_or(0, |i| i + 1);
    let stmt = &upto[stmt_start..];
    let quotes = stmt.matches('"').count();
    if quotes % 2 == 1 {
        let q = stmt.rfind('"').expect("an odd count has one");
        let before: Vec<&str> = stmt[..q].split_whitespace().collect();
        return (
            before.first().map(|s| s.to_lowercase()),
            before.last().map(|s| s.to_string()),
            stmt_start + q,
            stmt[q + 1..].to_string(),
            true,
        );
    }
    let word_start = stmt
        .rfind(|c: char| c.is_whitespace() || c == ',')
        .map_or(0, |i| i + 1);
    let word = &stmt[word_start..];
    let before: Vec<&str> = stmt[..word_start]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // After a comma in a list (`kind cluster,net`), the list's keyword still governs.
    let prev = if stmt[..word_start].trim_end().ends_with(',') {
        before
            .iter()
            .rev()
            .find(|w| matches!(w.to_lowercase().as_str(), "kind" | "rel" | "via" | "avoid"))
            .map(|s| s.to_string())
    } else {
        before.last().map(|s| s.to_string())
    };
    (
        before.first().map(|s| s.to_lowercase()),
        prev,
        stmt_start + word_start,
        word.to_string(),
        false,
    )
}

impl Completer for ClusterHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (first, prev, start, word, quoted) = context(line, pos);
        let first = first.filter(|_| prev.is_some() || quoted);
        let list = self.candidates(first.as_deref(), prev.as_deref(), &word, quoted);
        let pairs = list
            .into_iter()
            .map(|c| {
                let replacement = if quoted { format!("\"{c}") } else { c.clone() };
                Pair {
                    display: c.trim_matches('"').to_string(),
                    replacement,
                }
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ClusterHelper {
    type Hint = String;

    /// After a statement word and a space, the rest of its syntax, greyed.
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos != line.len() {
            return None;
        }
        let stmt = line.rsplit(';').next().unwrap_or("").trim_start();
        let word = stmt.strip_suffix(' ')?;
        if word.contains(' ') {
            return None;
        }
        let h = lookup(word)?;
        let rest = h.syntax.split_once(' ')?.1;
        Some(rest.to_string())
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
    /// A line with an open double quote waits for more (Enter adds a newline).
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let open_quote = ctx.input().replace("\\\"", "").matches('"').count() % 2 == 1;
        Ok(if open_quote {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
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

    fn complete(line: &str) -> (usize, Vec<String>) {
        let h = helper();
        let (first, prev, start, word, quoted) = context(line, line.len());
        let first = first.filter(|_| prev.is_some() || quoted);
        let c = h.candidates(first.as_deref(), prev.as_deref(), &word, quoted);
        (start, c)
    }

    #[test]
    fn completes_statements_options_kinds_and_relations() {
        assert_eq!(complete("neigh").1, ["neighbours", "neighbors"]);
        assert_eq!(complete("find x kind clu").1, ["cluster"]);
        assert_eq!(
            complete("neighbours le2c rel member_of,part").1,
            ["partner_in", "part_of", "participated_in"]
        );
        assert_eq!(complete("neighbours le2c dir ").1, ["out", "in", "both"]);
        assert!(complete("neighbours le2c dep")
            .1
            .contains(&"depth".to_string()));
        assert_eq!(complete("help pat").1, ["path", "paths"]);
        assert_eq!(complete("set format j").1, ["json"]);
    }

    #[test]
    fn completes_node_names_quoting_spaces() {
        let (start, c) = complete("neighbours Clust");
        assert_eq!(start, "neighbours ".len());
        assert!(c.iter().any(|s| s == "\"Clust-ER Health\""), "{c:?}");
        let (start, c) = complete("path LE2C to \"Ecotech Q");
        assert_eq!(start, "path LE2C to ".len());
        assert_eq!(c, ["Ecotech Québec\""], "one candidate per node");
        // Typed without quotes, a name with spaces is completed quoted.
        assert_eq!(complete("show ecotech").1, ["\"Ecotech Québec\""]);
        // An alias is offered when it is what matches; names match without accents.
        assert_eq!(complete("show LE2").1, ["LE2C"]);
        assert_eq!(complete("show le2").1, ["LE2C"]);
        assert_eq!(complete("show sao-jose").1, ["\"São José dos Campos\""]);
    }

    #[test]
    fn option_words_of_a_syntax_line() {
        assert_eq!(
            option_words("neighbours NODE [depth N] [kind K,...] [rel R,...] [dir out|in|both]"),
            ["depth", "kind", "rel", "dir"]
        );
        assert_eq!(
            option_words("path NODE to NODE [via R,...] [avoid K,...] [directed]"),
            ["to", "via", "avoid", "directed"]
        );
    }
}
