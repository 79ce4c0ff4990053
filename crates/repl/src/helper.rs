//! The rustyline helper: completion of statements, options, kinds, relations and node names
//! (quoted when they hold spaces), syntax hints, and a validator that waits for a closing quote.
//!
//! Completion and hints read the statement before the cursor with the query crate's lexer and
//! follow its grammar just far enough to know what the cursor's word can be ([`Slot`]): a node
//! name, an option keyword the statement has not used yet, an option's value, or nothing.

use std::borrow::Cow;

use clustergraph_core::names::fold;
use clustergraph_core::{KnowledgeGraph, NodeKind, Rel};
use clustergraph_query::help::{lookup, HELP};
use clustergraph_query::lexer::{self, Lexer, TokenKind};
use rustyline::completion::{longest_common_prefix, Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

/// Words the REPL itself understands, beside the statements.
const REPL_WORDS: [&str; 2] = ["exit", "quit"];

/// At most this many node names are offered for one Tab.
const MAX_NAMES: usize = 200;

/// Statement words offered at the start of a statement: those this build executes.
fn statement_words() -> impl Iterator<Item = &'static str> {
    lexer::STATEMENTS
        .iter()
        .copied()
        .filter(|s| !lexer::UNAVAILABLE.contains(s))
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

/// What the word at the cursor can be, from the statement's tokens before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// The statement word.
    Statement,
    /// The first word of a node, or a quoted node.
    Node,
    /// `find`'s text.
    Text,
    /// After the required parts: an option keyword. `name_goes_on` when the token before is a
    /// bare word of a node, which the next word may continue (`show Ecotech Q`).
    Options {
        name_goes_on: bool,
    },
    /// An item of a list of kinds (`kind`, `avoid`) or relations (`rel`, `via`), named by
    /// `kind` or `rel`.
    List(&'static str),
    /// Right after an item of a list: a comma continues the list, anything else is an option.
    AfterItem(&'static str),
    /// The value of `dir`.
    Dir,
    /// A number (`depth`, `max`, `limit`) or a year (`in`), which completion cannot guess.
    Number,
    Time,
    /// `set`'s setting, then its format.
    Setting,
    Format,
    /// `help`'s statement.
    Topic,
    /// Nothing to offer (a path, the end of a statement).
    Nothing,
}

/// The statement before the cursor: its statement word, the slot of the cursor's word, the
/// option keywords already given, and the cursor's word.
#[derive(Debug)]
struct Position {
    statement: Option<String>,
    slot: Slot,
    used: Vec<&'static str>,
    /// Where the cursor's word starts (at its opening quote when `quoted`).
    start: usize,
    /// The cursor's word, without its opening quote.
    word: String,
    /// Whether the cursor is inside a string that is not closed yet.
    quoted: bool,
    /// Whether the cursor is right after a closed string, with no space between.
    after_string: bool,
    /// How many tokens of the statement come before the cursor's word.
    tokens: usize,
    /// Where the bare node name that the cursor's word may continue starts
    /// (`neighbours Clusters C` → at `Clusters`).
    phrase_start: Option<usize>,
}

impl Position {
    /// Reads `line[..pos]` with the statement lexer.
    fn of(line: &str, pos: usize) -> Position {
        let mut tokens = Vec::new();
        for t in Lexer::new(line, 0..pos) {
            match t.kind {
                TokenKind::Semi | TokenKind::Newline => tokens.clear(),
                _ => tokens.push(t),
            }
        }
        let (start, word, quoted) = match tokens.last() {
            Some(t) if t.span.end == pos && t.kind == TokenKind::Word => {
                (t.span.start, line[t.span.clone()].to_string(), false)
            }
            Some(t) if t.kind == TokenKind::OpenStr => {
                (t.span.start, line[t.span.start + 1..pos].to_string(), true)
            }
            _ => (pos, String::new(), false),
        };
        let after_string = !quoted
            && word.is_empty()
            && tokens
                .last()
                .is_some_and(|t| t.kind == TokenKind::Str && t.span.end == pos);
        if quoted || !word.is_empty() {
            tokens.pop();
        }
        let mut p = Position {
            statement: None,
            slot: Slot::Statement,
            used: Vec::new(),
            start,
            word,
            quoted,
            after_string,
            tokens: tokens.len(),
            phrase_start: None,
        };
        for t in &tokens {
            let text = &line[t.span.clone()];
            let before = p.slot;
            match t.kind {
                TokenKind::Comma => p.comma(),
                TokenKind::Word => p.word(text),
                _ => p.string(),
            }
            p.phrase_start = match (before, p.slot) {
                (Slot::Node, Slot::Options { name_goes_on: true }) => Some(t.span.start),
                (Slot::Options { name_goes_on: true }, Slot::Options { name_goes_on: true }) => {
                    p.phrase_start
                }
                _ => None,
            };
        }
        if let Slot::AfterItem(_) = p.slot {
            p.slot = Slot::Options {
                name_goes_on: false,
            };
        }
        p
    }

    fn comma(&mut self) {
        if let Slot::AfterItem(list) = self.slot {
            self.slot = Slot::List(list);
        }
    }

    fn string(&mut self) {
        self.slot = match self.slot {
            Slot::Node | Slot::Text | Slot::Options { .. } | Slot::AfterItem(_) => Slot::Options {
                name_goes_on: false,
            },
            Slot::Statement | Slot::Setting | Slot::Format | Slot::Topic => Slot::Nothing,
            other => other,
        };
    }

    fn word(&mut self, text: &str) {
        let lower = text.to_lowercase();
        self.slot = match self.slot {
            Slot::Statement => {
                let slot = match lower.as_str() {
                    "show" | "neighbours" | "neighbors" | "path" | "paths" => Slot::Node,
                    "find" => Slot::Text,
                    "components" | "stats" => Slot::Options {
                        name_goes_on: false,
                    },
                    "set" => Slot::Setting,
                    "help" => Slot::Topic,
                    _ => Slot::Nothing,
                };
                self.statement = Some(lower);
                slot
            }
            // The first word always belongs to the name (`show Max Planck Institute`).
            Slot::Node => Slot::Options { name_goes_on: true },
            Slot::Text => Slot::Options {
                name_goes_on: false,
            },
            Slot::Options { name_goes_on } => self.option(&lower).unwrap_or(Slot::Options {
                name_goes_on: name_goes_on && !lexer::is_keyword(&lower),
            }),
            Slot::AfterItem(_) => self.option(&lower).unwrap_or(Slot::Options {
                name_goes_on: false,
            }),
            Slot::List(list) => Slot::AfterItem(list),
            // `in 2011.. 2016`: the span goes on.
            Slot::Time if lower.ends_with("..") => Slot::Time,
            Slot::Dir | Slot::Number | Slot::Time => Slot::Options {
                name_goes_on: false,
            },
            Slot::Setting if lower == "format" => Slot::Format,
            Slot::Setting | Slot::Format | Slot::Topic | Slot::Nothing => Slot::Nothing,
        };
    }

    /// The slot after `word` if it is an option keyword of the statement not given yet.
    fn option(&mut self, word: &str) -> Option<Slot> {
        let option = self
            .options()
            .iter()
            .copied()
            .find(|o| *o == word && !self.used.contains(o))?;
        self.used.push(option);
        Some(match option {
            "to" => Slot::Node,
            "kind" | "avoid" => Slot::List("kind"),
            "rel" | "via" => Slot::List("rel"),
            "dir" => Slot::Dir,
            "in" => Slot::Time,
            "directed" => Slot::Options {
                name_goes_on: false,
            },
            _ => Slot::Number,
        })
    }

    /// The option keywords of the statement (`to` among them for `path` and `paths`).
    fn options(&self) -> &'static [&'static str] {
        self.statement.as_deref().map_or(&[], lexer::options)
    }

    /// The option keywords that may come next: the statement's options not given yet, or only
    /// `to` while a path statement still lacks it (the parser wants it right after the first
    /// node).
    fn unused_options(&self) -> Vec<&'static str> {
        let options = self.options();
        if options.contains(&"to") && !self.used.contains(&"to") {
            return vec!["to"];
        }
        options
            .iter()
            .copied()
            .filter(|o| !self.used.contains(o))
            .collect()
    }
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

    /// The completions at `pos` of `line`: where they start, and each with its replacement.
    fn completions(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let p = Position::of(line, pos);
        // A word after a bare name either continues the name or starts an option: names are
        // matched on the whole phrase and replace it; options keep the phrase before them.
        if let (Slot::Options { name_goes_on: true }, Some(phrase), false) =
            (p.slot, p.phrase_start, p.word.is_empty())
        {
            let kept = &line[phrase..p.start];
            let mut pairs: Vec<Pair> = self
                .names(&line[phrase..pos], false)
                .into_iter()
                .map(|c| Pair {
                    display: shown(&c),
                    replacement: c,
                })
                .collect();
            pairs.extend(self.candidates(&p).into_iter().map(|o| Pair {
                display: o.clone(),
                replacement: format!("{kept}{o}"),
            }));
            return (phrase, pairs);
        }
        let list = self.candidates(&p);
        let mut pairs: Vec<Pair> = list
            .into_iter()
            .map(|c| {
                let replacement = if p.quoted {
                    format!("\"{c}")
                } else if p.after_string {
                    // `show "LE2C"` + Tab: the option needs a space before it.
                    format!(" {c}")
                } else {
                    c.clone()
                };
                Pair {
                    display: shown(&c),
                    replacement,
                }
            })
            .collect();
        // rustyline inserts the candidates' longest common prefix when it is longer than the
        // typed word. A lone `"` (quoted names sharing only their opening quote, Tab on an
        // empty word) would open a string that Enter then waits to see closed: list the
        // names bare instead, so that nothing is inserted and the next Tab lists them.
        if !p.quoted && pairs.len() > 1 && longest_common_prefix(&pairs) == Some("\"") {
            for pair in &mut pairs {
                pair.replacement.clone_from(&pair.display);
            }
        }
        (p.start, pairs)
    }

    /// The completions of the cursor's word at `p`, quoted where a name needs it (after an
    /// opening quote, with the closing quote only).
    fn candidates(&self, p: &Position) -> Vec<String> {
        let lower = p.word.to_lowercase();
        let starts = |opts: &mut dyn Iterator<Item = &str>| -> Vec<String> {
            opts.filter(|o| o.starts_with(&lower))
                .map(str::to_string)
                .collect()
        };
        if p.quoted {
            return match p.slot {
                Slot::Node => self.names(&p.word, true),
                _ => Vec::new(),
            };
        }
        match p.slot {
            Slot::Statement => starts(&mut statement_words()),
            Slot::Node => self.names(&p.word, false),
            Slot::Options { .. } => starts(&mut p.unused_options().into_iter()),
            Slot::List("kind") => starts(&mut NodeKind::names()),
            Slot::List(_) => starts(&mut Rel::names()),
            Slot::Dir => starts(&mut lexer::DIRECTIONS.iter().copied()),
            Slot::Setting => starts(&mut lexer::SETTINGS.iter().copied()),
            Slot::Format => starts(&mut lexer::FORMATS.iter().copied()),
            Slot::Topic => starts(&mut HELP.iter().map(|h| h.name)),
            Slot::Text | Slot::AfterItem(_) | Slot::Number | Slot::Time | Slot::Nothing => {
                Vec::new()
            }
        }
    }

    /// The node names that start with `word` (folded), at most [`MAX_NAMES`] of them.
    fn names(&self, word: &str, quoted: bool) -> Vec<String> {
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
        names.truncate(MAX_NAMES);
        // When one name needs quotes, all are quoted, so that they share the opening
        // quote and Tab can still complete their common prefix.
        let quote_all = !quoted && names.iter().any(|n| needs_quotes(n));
        names
            .into_iter()
            .map(|n| {
                if quote_all {
                    format!("\"{}\"", escape(n))
                } else {
                    quote_if_needed(n, quoted)
                }
            })
            .collect()
    }
}

fn needs_quotes(name: &str) -> bool {
    name.chars()
        .any(|c| c.is_whitespace() || matches!(c, ',' | ';' | '"'))
        || lexer::is_keyword(name)
}

/// `name` inside a string: `\` and `"` escaped.
fn escape(name: &str) -> String {
    name.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The text shown for a candidate: a name without its quotes and escapes.
fn shown(candidate: &str) -> String {
    let c = candidate.strip_prefix('"').unwrap_or(candidate);
    let c = c.strip_suffix('"').unwrap_or(c);
    c.replace("\\\"", "\"").replace("\\\\", "\\")
}

fn quote_if_needed(name: &str, already_quoted: bool) -> String {
    if already_quoted {
        format!("{}\"", escape(name))
    } else if needs_quotes(name) {
        format!("\"{}\"", escape(name))
    } else {
        name.to_string()
    }
}

/// The `[...]` groups of a syntax line, each with its keyword: `[depth N]` → `depth`.
fn optional_groups(syntax: &str) -> Vec<(&str, &str)> {
    let mut groups = Vec::new();
    let mut rest = syntax;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let group = &rest[open..open + close + 1];
        let keyword = group[1..group.len() - 1]
            .split(' ')
            .next()
            .unwrap_or_default();
        groups.push((keyword, group));
        rest = &rest[open + close + 1..];
    }
    groups
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

    /// When the line ends with a space: after a statement word, the rest of its syntax; after
    /// its required parts, the optional parts not given yet. Greyed when colour is allowed.
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos != line.len() || !line.ends_with(' ') {
            return None;
        }
        let p = Position::of(line, pos);
        if p.quoted {
            return None;
        }
        let h = lookup(p.statement.as_deref()?)?;
        if p.tokens == 1 {
            return Some(h.syntax.split_once(' ')?.1.to_string());
        }
        let Slot::Options { .. } = p.slot else {
            return None;
        };
        let mut parts: Vec<&str> = Vec::new();
        if p.options().contains(&"to") && !p.used.contains(&"to") {
            parts.push("to NODE");
        }
        parts.extend(
            optional_groups(h.syntax)
                .into_iter()
                .filter(|(k, _)| !p.used.contains(k))
                .map(|(_, g)| g),
        );
        (!parts.is_empty()).then(|| parts.join(" "))
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

    /// Where the completions of `line` (cursor at its end) start, and their replacements.
    fn complete(line: &str) -> (usize, Vec<String>) {
        let (start, pairs) = helper().completions(line, line.len());
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    fn hint(line: &str) -> Option<String> {
        let history = rustyline::history::DefaultHistory::new();
        helper().hint(line, line.len(), &Context::new(&history))
    }

    /// What rustyline's List completion would insert for `line`: the candidates' longest
    /// common prefix, when it is longer than the typed word (or the one candidate).
    fn inserted(line: &str) -> Option<String> {
        let (start, pairs) = helper().completions(line, line.len());
        let lcp = longest_common_prefix(&pairs)?;
        (lcp.len() > line.len() - start || pairs.len() == 1).then(|| lcp.to_string())
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
        // After a bare name, the completion replaces the phrase: `le2c` is kept.
        assert_eq!(
            complete("neighbours le2c dep"),
            ("neighbours ".len(), vec!["le2c depth".to_string()])
        );
        assert_eq!(complete("help pat").1, ["path", "paths"]);
        assert_eq!(complete("set ").1, ["format"]);
        assert_eq!(complete("set format j").1, ["json"]);
        // After `;`, a new statement starts.
        assert_eq!(complete("stats; sho").1, ["show"]);
    }

    #[test]
    fn after_a_complete_node_tab_offers_the_options_not_used_yet() {
        let all = ["depth", "kind", "rel", "dir", "in"];
        assert_eq!(
            complete("neighbours LE2C "),
            ("neighbours LE2C ".len(), all.map(String::from).to_vec())
        );
        assert_eq!(complete("neighbours \"Ecotech Québec\" ").1, all);
        // Right after a closing quote, the option comes after a space.
        assert_eq!(
            complete("neighbours \"Ecotech Québec\"").1,
            all.map(|o| format!(" {o}"))
        );
        assert_eq!(
            complete("neighbours LE2C depth 2 kind cluster,network ").1,
            ["rel", "dir", "in"]
        );
        // `in` after `dir` is the direction, not the time filter.
        assert_eq!(
            complete("neighbours LE2C dir in ").1,
            ["depth", "kind", "rel", "in"]
        );
        assert_eq!(complete("neighbours LE2C dir in i").1, ["in"]);
        assert_eq!(complete("show LE2C ").1, ["in"]);
        assert_eq!(complete("components ").1, ["in"]);
        assert_eq!(complete("find lombardy ").1, ["kind", "limit"]);
        // A path statement wants `to` first, then its options.
        assert_eq!(complete("path LE2C ").1, ["to"]);
        assert_eq!(
            complete("path LE2C to CEBR ").1,
            ["via", "avoid", "directed", "in"]
        );
        assert_eq!(complete("paths LE2C to CEBR max 3 ").1, ["depth", "in"]);
        assert_eq!(
            complete("path LE2C to CEBR directed ").1,
            ["via", "avoid", "in"]
        );
    }

    #[test]
    fn values_are_offered_after_their_keyword_and_nothing_after_numbers_and_years() {
        assert_eq!(
            complete("neighbours LE2C kind ").1.len(),
            NodeKind::names().count()
        );
        assert_eq!(complete("path A to B via ").1.len(), Rel::names().count());
        assert_eq!(
            complete("path A to B avoid cluster,").1.len(),
            NodeKind::names().count()
        );
        for line in [
            "neighbours LE2C depth ",
            "paths A to B max ",
            "find x limit ",
            "show LE2C in ",
            "stats in 2016..",
            "open ",
            "help path ",
        ] {
            assert_eq!(complete(line).1, Vec::<String>::new(), "{line}");
        }
    }

    #[test]
    fn after_to_tab_offers_node_names_again() {
        let (start, c) = complete("path LE2C to ");
        assert_eq!(start, "path LE2C to ".len());
        assert!(
            c.iter().any(|s| s == "Lombardy Energy Cleantech Cluster"),
            "{c:?}"
        );
        assert_eq!(complete("paths LE2C to ecotech").1, ["\"Ecotech Québec\""]);
    }

    #[test]
    fn a_word_after_a_bare_name_completes_names_and_options() {
        let c = complete("neighbours LE2C d").1;
        assert!(
            c.contains(&"LE2C depth".to_string()) && c.contains(&"LE2C dir".to_string()),
            "{c:?}"
        );
        // Names continue the whole bare phrase, not the last word alone.
        assert!(!c.iter().any(|s| s.contains("Denis")), "{c:?}");
        let (start, pairs) = helper().completions(
            "neighbours Clusters Cord r",
            "neighbours Clusters Cord r".len(),
        );
        assert_eq!(start, "neighbours ".len());
        let replacements: Vec<&str> = pairs.iter().map(|p| p.replacement.as_str()).collect();
        assert!(
            replacements.contains(&"Clusters Cord rel"),
            "{replacements:?}"
        );
        let (start, pairs) = helper().completions(
            "show Clusters Cord – gruppo tematico T",
            "show Clusters Cord – gruppo tematico T".len(),
        );
        assert_eq!(start, "show ".len());
        assert!(
            pairs.iter().any(|p| p.replacement.contains("Turismo")),
            "{:?}",
            pairs.iter().map(|p| &p.replacement).collect::<Vec<_>>()
        );
        // After an option's value, a word is an option only.
        assert_eq!(complete("neighbours LE2C depth 2 d").1, ["dir"]);
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
    }

    #[test]
    fn completes_node_names_quoting_spaces() {
        let (start, c) = complete("neighbours Clust");
        assert_eq!(start, "neighbours ".len());
        assert!(c.iter().any(|s| s == "\"Clust-ER Health\""), "{c:?}");
        let (start, c) = complete("path LE2C to \"Ecotech Q");
        assert_eq!(start, "path LE2C to ".len());
        assert_eq!(c, ["\"Ecotech Québec\""], "one candidate per node");
        // Typed without quotes, a name with spaces is completed quoted.
        assert_eq!(complete("show ecotech").1, ["\"Ecotech Québec\""]);
        // An alias is offered when it is what matches; names match without accents.
        assert_eq!(complete("show LE2").1, ["LE2C"]);
        assert_eq!(complete("show le2").1, ["LE2C"]);
        assert_eq!(complete("show sao-jose").1, ["\"São José dos Campos\""]);
        // A quote inside a name is escaped.
        let (_, pairs) = helper().completions("show kick", 9);
        assert_eq!(
            pairs[0].replacement,
            r#""Kick Off Event \"Smart Specialization Platform on Industrial Specialization\"""#
        );
        assert_eq!(
            pairs[0].display,
            "Kick Off Event \"Smart Specialization Platform on Industrial Specialization\""
        );
        // An open quote elsewhere than a node offers nothing.
        assert_eq!(complete("open \"gra").1, Vec::<String>::new());
    }

    #[test]
    fn hints_show_the_optional_parts_not_given_yet() {
        let all = "[depth N] [kind K,...] [rel R,...] [dir out|in|both] [in YEAR|Y1..Y2]";
        assert_eq!(
            hint("neighbours ").as_deref(),
            Some(&format!("NODE {all}")[..])
        );
        assert_eq!(hint("neighbours LE2C ").as_deref(), Some(all));
        assert_eq!(hint("neighbours \"Ecotech Québec\" ").as_deref(), Some(all));
        assert_eq!(
            hint("neighbours LE2C depth 2 ").as_deref(),
            Some("[kind K,...] [rel R,...] [dir out|in|both] [in YEAR|Y1..Y2]")
        );
        assert_eq!(
            hint("neighbours LE2C depth 2 kind cluster,network dir in ").as_deref(),
            Some("[rel R,...] [in YEAR|Y1..Y2]")
        );
        assert_eq!(
            hint("path LE2C ").as_deref(),
            Some("to NODE [via R,...] [avoid K,...] [directed] [in YEAR|Y1..Y2]")
        );
        assert_eq!(
            hint("path LE2C to CEBR avoid person ").as_deref(),
            Some("[via R,...] [directed] [in YEAR|Y1..Y2]")
        );
        assert_eq!(
            hint("stats; find x ").as_deref(),
            Some("[kind K,...] [limit N]")
        );
        // Not while a part is incomplete, nor without a trailing space, nor when all is given.
        for line in [
            "neighbours LE2C depth ",
            "neighbours LE2C kind ",
            "neighbours LE2C",
            "neighbours \"LE2C ",
            "show LE2C in 2016 ",
            "paths A to B max 2 depth 3 in 2011..2016 ",
            "",
        ] {
            assert_eq!(hint(line), None, "{line:?}");
        }
    }

    #[test]
    fn optional_groups_of_a_syntax_line() {
        assert_eq!(
            optional_groups("neighbours NODE [depth N] [kind K,...] [dir out|in|both]"),
            [
                ("depth", "[depth N]"),
                ("kind", "[kind K,...]"),
                ("dir", "[dir out|in|both]")
            ]
        );
        assert_eq!(optional_groups("show NODE"), []);
    }
}
