//! What may come next at a cursor position, for a line editor: completion of statements,
//! options, kinds, relations, values and node names (quoted when they need it), and hints of
//! the optional parts not given yet. Everything is read from [`crate::grammar`];
//! the binary only adapts [`Completer`] to its line editor.
//!
//! The statement before the cursor is read with the lexer and followed just far enough to
//! know what the cursor's word can be (a slot).
//!
//! ```
//! use clustergraph_query::complete::{hint, Completer};
//! let c = Completer::new(&clustergraph_core::seed_graph());
//! let (start, candidates) = c.complete("neighbours LE2C dir ", 20);
//! assert_eq!(start, 20);
//! assert_eq!(candidates.iter().map(|c| c.replacement.as_str()).collect::<Vec<_>>(), ["out", "in", "both"]);
//! assert_eq!(hint("find x ").as_deref(), Some("[kind K,...] [limit N]"));
//! ```

use clustergraph_core::names::fold;
use clustergraph_core::{KnowledgeGraph, NodeKind, Rel};

use crate::grammar::{
    self, is_keyword, Choice, OptionKind, Part, StatementKind, StatementSpec, Value,
};
use crate::lexer::{Lexer, TokenKind};

/// At most this many node names are offered for one completion.
pub const MAX_NAMES: usize = 200;

/// One completion: what a list shows, and what replaces the text from the start of the
/// completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub display: String,
    pub replacement: String,
    /// Whether the word is whole once inserted, so a line editor adds the space after it
    /// (not after an item of a list, which a comma may follow).
    pub space_after: bool,
}

/// Completes statements against one graph's node names (rebuild it when the graph changes).
#[derive(Debug, Default)]
pub struct Completer {
    /// For each node, its name, aliases and id (in that order of preference), each with the
    /// folded form used to match what was typed.
    nodes: Vec<Vec<(String, String)>>,
    /// Words the caller understands beside the statements (a REPL's `exit`).
    extra_words: &'static [&'static str],
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
    Options { name_goes_on: bool },
    /// An item of a list of kinds or relations ([`Value::Kinds`] or [`Value::Rels`]).
    List(Value),
    /// Right after an item of a list: a comma continues the list, anything else is an option.
    AfterItem(Value),
    /// A word of a closed set: an option's value (`dir`) or a required part (`set format`).
    OneOf(&'static Choice, Next),
    /// A word of a closed set that may be left out (`communities [louvain|labelprop]`): one
    /// of them, or an option; then the part at the index.
    Maybe(&'static Choice, usize),
    /// A number, which completion cannot guess.
    Number,
    /// A date or a span of dates after `in`.
    Time,
    /// Right after the time filter's dates: `strict`, or an option.
    AfterTime,
    /// `help`'s statement.
    Topic,
    /// Nothing to offer (a path, the end of a statement).
    Nothing,
}

/// Where a word of a closed set leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    /// The options (after an option's value).
    Options,
    /// The statement's required part at this index.
    Part(usize),
}

/// The statement before the cursor.
#[derive(Debug)]
struct Position {
    statement: Option<&'static StatementSpec>,
    slot: Slot,
    used: Vec<OptionKind>,
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
        let pos = if line.is_char_boundary(pos.min(line.len())) {
            pos.min(line.len())
        } else {
            0
        };
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
            Slot::Node
            | Slot::Text
            | Slot::Options { .. }
            | Slot::AfterItem(_)
            | Slot::AfterTime => Slot::Options {
                name_goes_on: false,
            },
            Slot::Statement | Slot::OneOf(..) | Slot::Maybe(..) | Slot::Topic => Slot::Nothing,
            other => other,
        };
    }

    /// The slot of the statement's required part `i`, or of its options after the last.
    fn part(&self, i: usize) -> Slot {
        let Some(spec) = self.statement else {
            return Slot::Nothing;
        };
        match spec.parts.get(i) {
            None | Some(Part::Keyword(_)) => Slot::Options {
                name_goes_on: false,
            },
            Some(Part::Node) => Slot::Node,
            Some(Part::Text) => Slot::Text,
            Some(Part::Path | Part::OptionalPath | Part::Output(_) | Part::Pattern(_)) => {
                Slot::Nothing
            }
            Some(Part::Topic) => Slot::Topic,
            Some(Part::OneOf(choice)) => Slot::OneOf(choice, Next::Part(i + 1)),
            Some(Part::Optional(choice)) => Slot::Maybe(choice, i + 1),
        }
    }

    fn word(&mut self, text: &str) {
        let lower = text.to_lowercase();
        self.slot = match self.slot {
            Slot::Statement => {
                self.statement = StatementKind::from_word(&lower).map(StatementKind::spec);
                self.part(0)
            }
            // The first word always belongs to the name (`show Max Planck Institute`).
            Slot::Node => Slot::Options { name_goes_on: true },
            // `find kind cluster`: the text may be left out.
            Slot::Text => self.option(&lower).unwrap_or(Slot::Options {
                name_goes_on: false,
            }),
            Slot::Options { name_goes_on } => self.option(&lower).unwrap_or(Slot::Options {
                name_goes_on: name_goes_on && !is_keyword(&lower),
            }),
            Slot::AfterItem(_) => self.option(&lower).unwrap_or(Slot::Options {
                name_goes_on: false,
            }),
            Slot::List(list) => Slot::AfterItem(list),
            // `in 2011.. 2016`: the span goes on.
            Slot::Time if lower.ends_with("..") => Slot::Time,
            Slot::Time => Slot::AfterTime,
            Slot::AfterTime if lower == crate::parser::STRICT => Slot::Options {
                name_goes_on: false,
            },
            Slot::AfterTime => self.option(&lower).unwrap_or(Slot::Options {
                name_goes_on: false,
            }),
            Slot::Number | Slot::OneOf(_, Next::Options) => Slot::Options {
                name_goes_on: false,
            },
            Slot::OneOf(choice, Next::Part(i)) if choice.find(&lower).is_some() => self.part(i),
            Slot::Maybe(choice, i) if choice.find(&lower).is_some() => self.part(i),
            Slot::Maybe(..) => self.option(&lower).unwrap_or(Slot::Nothing),
            Slot::OneOf(..) | Slot::Topic | Slot::Nothing => Slot::Nothing,
        };
    }

    /// The slot after `word` if it is an option keyword of the statement not given yet.
    fn option(&mut self, word: &str) -> Option<Slot> {
        let option = self
            .options()
            .find(|o| o.keyword() == word && !self.used.contains(o))?;
        self.used.push(option);
        Some(match option.value() {
            Value::Node => Slot::Node,
            list @ (Value::Kinds | Value::Rels) => Slot::List(list),
            Value::OneOf(choice) => Slot::OneOf(choice, Next::Options),
            Value::Years => Slot::Time,
            Value::Flag => Slot::Options {
                name_goes_on: false,
            },
            Value::Number { .. } | Value::Real => Slot::Number,
        })
    }

    /// The keywords of the statement (`to` among them for `path` and `paths`).
    fn options(&self) -> impl Iterator<Item = OptionKind> + '_ {
        self.statement.into_iter().flat_map(|s| s.option_keywords())
    }

    /// The keyword part not given yet (`to`), which must come before any option.
    fn missing_keyword(&self) -> Option<OptionKind> {
        self.statement?.parts.iter().find_map(|p| match p {
            Part::Keyword(k) if !self.used.contains(k) => Some(*k),
            _ => None,
        })
    }

    /// The option keywords that may come next: the statement's options not given yet, or only
    /// `to` while a path statement still lacks it (the parser wants it right after the first
    /// node).
    fn unused_options(&self) -> Vec<&'static str> {
        if let Some(k) = self.missing_keyword() {
            return vec![k.keyword()];
        }
        self.options()
            .filter(|o| !self.used.contains(o))
            .map(OptionKind::keyword)
            .collect()
    }

    /// The completions of the cursor's word that are not node names.
    fn words(&self, extra: &[&'static str]) -> Vec<String> {
        let lower = self.word.to_lowercase();
        let starts = |opts: &mut dyn Iterator<Item = &str>| -> Vec<String> {
            opts.filter(|o| o.starts_with(&lower))
                .map(str::to_string)
                .collect()
        };
        if self.quoted {
            return Vec::new();
        }
        match self.slot {
            Slot::Statement => starts(&mut grammar::available_words().chain(extra.iter().copied())),
            Slot::Options { .. } | Slot::Text => starts(&mut self.unused_options().into_iter()),
            Slot::AfterTime => {
                starts(&mut std::iter::once(crate::parser::STRICT).chain(self.unused_options()))
            }
            Slot::List(Value::Kinds) => starts(&mut NodeKind::names()),
            Slot::List(_) => starts(&mut Rel::names()),
            Slot::OneOf(choice, _) => starts(&mut choice.values.iter().copied()),
            Slot::Maybe(choice, _) => {
                starts(&mut choice.values.iter().copied().chain(self.unused_options()))
            }
            Slot::Topic => starts(&mut StatementKind::ALL.iter().map(|k| k.keyword())),
            Slot::Node | Slot::AfterItem(_) | Slot::Number | Slot::Time | Slot::Nothing => {
                Vec::new()
            }
        }
    }
}

/// The hint for `line` with the cursor at its end: after a statement word and a space, the
/// rest of its syntax; after its required parts and a space, the optional parts not given
/// yet. Nothing while a part is incomplete or a string is open.
pub fn hint(line: &str) -> Option<String> {
    if !line.ends_with(' ') {
        return None;
    }
    let p = Position::of(line, line.len());
    if p.quoted {
        return None;
    }
    let spec = p.statement?;
    if p.tokens == 1 {
        return Some(spec.syntax().split_once(' ')?.1.to_string());
    }
    let mut parts: Vec<String> = Vec::new();
    match p.slot {
        Slot::Options { .. } => {}
        Slot::AfterTime => parts.push(format!("[{}]", crate::parser::STRICT)),
        _ => return None,
    }
    if let Some(k) = p.missing_keyword() {
        let from = spec.parts.iter().position(|x| *x == Part::Keyword(k));
        let rest: Vec<String> = spec.parts[from.unwrap_or(0)..]
            .iter()
            .map(|x| x.syntax())
            .collect();
        parts.push(rest.join(" "));
    }
    parts.extend(
        spec.optional_groups()
            .into_iter()
            .filter(|(k, _)| !p.used.contains(k))
            .map(|(_, g)| g),
    );
    (!parts.is_empty()).then(|| parts.join(" "))
}

impl Completer {
    /// A completer of `g`'s node names.
    pub fn new(g: &KnowledgeGraph) -> Self {
        let mut c = Completer::default();
        c.set_graph(g);
        c
    }

    /// Also offers `words` where a statement starts (a REPL's `exit` and `quit`).
    pub fn with_statement_words(mut self, words: &'static [&'static str]) -> Self {
        self.extra_words = words;
        self
    }

    /// Refreshes the names after the graph changed.
    pub fn set_graph(&mut self, g: &KnowledgeGraph) {
        self.nodes = g
            .node_indices()
            .map(|ix| {
                let n = g.node(ix);
                std::iter::once(n.name.as_str())
                    .chain(n.aliases.iter().map(String::as_str))
                    .chain(std::iter::once(n.id.as_str()))
                    .map(|form| (fold(form), form.to_string()))
                    .collect()
            })
            .collect();
    }

    /// The completions at byte `pos` of `line`: where they start, and each candidate.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<Candidate>) {
        if let Some(found) = pattern::complete(line, pos) {
            return found;
        }
        let p = Position::of(line, pos);
        // A word after a bare name either continues the name or starts an option: names are
        // matched on the whole phrase and replace it; options keep the phrase before them.
        if let (Slot::Options { name_goes_on: true }, Some(phrase), false) =
            (p.slot, p.phrase_start, p.word.is_empty())
        {
            let kept = &line[phrase..p.start];
            let mut pairs: Vec<Candidate> = self
                .names(&line[phrase..pos], false)
                .into_iter()
                .map(|c| Candidate {
                    display: shown(&c),
                    replacement: c,
                    space_after: true,
                })
                .collect();
            pairs.extend(p.words(self.extra_words).into_iter().map(|o| Candidate {
                display: o.clone(),
                replacement: format!("{kept}{o}"),
                space_after: true,
            }));
            return (phrase, pairs);
        }
        let list = match p.slot {
            Slot::Node => self.names(&p.word, p.quoted),
            _ => p.words(self.extra_words),
        };
        let space_after = !matches!(p.slot, Slot::List(_));
        let pairs = list
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
                Candidate {
                    display: shown(&c),
                    replacement,
                    space_after,
                }
            })
            .collect();
        (p.start, pairs)
    }

    /// The node names that start with `word` (folded), at most [`MAX_NAMES`] of them, quoted
    /// where a name needs it (after an opening quote, with the closing quote only).
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

/// Whether a name must be quoted to read back as one node.
pub fn needs_quotes(name: &str) -> bool {
    name.chars()
        .any(|c| c.is_whitespace() || matches!(c, ',' | ';' | '"'))
        || is_keyword(name)
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

mod pattern;
#[cfg(test)]
mod tests;
