//! Statements from text: [`split_statements`] cuts a REPL line or a script into statements,
//! [`parse_statement`] turns one into a [`Query`], [`parse`] does both.
//!
//! The language is flat (a keyword, its required parts, then options in any order), so the
//! parser is a loop over a token vector with no recursion: no input can overflow the stack,
//! and the work is linear in the input's length. What each statement takes comes from
//! [`crate::grammar`]; this module holds the one `Parser` and what every statement
//! shares (names, options and their values), and one file per family of statements builds
//! their syntax trees: `lookup.rs` (`find`, `show`), `traversal.rs` (`neighbours`, `path`,
//! `paths`), `whole.rs` (`components`, `stats`), `session.rs` (`open`, `set`, `help`),
//! `picture.rs` (`draw`, `export`), `pattern.rs` (`match` and `explain`, whose Cypher
//! [`crate::cypher`] parses) and
//! `time.rs` (the time filter every statement that reads edges takes).
//!
//! Every error points at a token of the text, or at the end of the statement when something
//! is missing, and says what was expected there. Spans are absolute offsets into the whole
//! text, so an error in the fifth statement of a script points at its line.
//!
//! ```
//! use clustergraph_query::{parse, Statement};
//! let q = parse("neighbours Ecotech Quebec depth 2 in 2011..2016").unwrap();
//! assert!(matches!(&q[0].statement, Statement::Neighbours { node, depth: 2, .. } if node.text == "Ecotech Quebec"));
//! assert_eq!(q[0].time.map(|t| t.to_string()).as_deref(), Some("in 2011..2016"));
//! ```

mod analytics;
mod lookup;
mod pattern;
mod picture;
mod session;
mod time;
mod traversal;
mod whole;

pub(crate) use time::STRICT;

use clustergraph_core::names::nearest;
use clustergraph_core::{NodeKind, Rel};

use crate::ast::{NodeRef, Query, Span, Statement};
use crate::error::SyntaxError;
use crate::grammar::{
    self, is_keyword, Choice, OptionKind, Part, StatementKind, StatementSpec, Value,
};
use crate::lexer::{unquote, Lexer, Token, TokenKind};
use crate::time::TimeFilter;

/// The spans of the statements of `text`, a REPL line or a whole script: statements end at
/// `;` and at line breaks outside strings; comments and blank statements are dropped. Each
/// span runs from the statement's first token to the end of its last one.
///
/// A string that never closes runs to the end of the text, so the statement that opens it
/// takes the rest of the text, and its parse reports the unterminated string.
pub fn split_statements(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut current: Option<Span> = None;
    for tok in Lexer::new(text, 0..text.len()) {
        match tok.kind {
            TokenKind::Semi | TokenKind::Newline => spans.extend(current.take()),
            _ => {
                let start = current.as_ref().map_or(tok.span.start, |s| s.start);
                current = Some(start..tok.span.end);
            }
        }
    }
    spans.extend(current);
    spans
}

/// Parses every statement of `text`, failing at the first error.
pub fn parse(text: &str) -> Result<Vec<Query>, SyntaxError> {
    split_statements(text)
        .into_iter()
        .map(|span| parse_statement(text, span))
        .collect()
}

/// Parses the one statement at `span` of `text`. Spans in the result and in errors are
/// offsets into the whole `text`; an error about something missing points at `span.end`.
pub fn parse_statement(text: &str, span: Span) -> Result<Query, SyntaxError> {
    if text.get(span.clone()).is_none() {
        let end = text.len();
        return Err(
            SyntaxError::new(end..end, "the statement's span is not a range of the text")
                .with_label("bad span"),
        );
    }
    let tokens: Vec<Token> = Lexer::new(text, span.clone()).collect();
    if let Some(tok) = tokens.iter().find(|t| t.kind == TokenKind::OpenStr) {
        return Err(
            SyntaxError::new(tok.span.start..tok.span.start + 1, "unterminated string")
                .with_label("this quote is never closed")
                .with_help("end the string with `\"`; write `\\\"` for a quote inside it"),
        );
    }
    if let Some(tok) = tokens
        .iter()
        .find(|t| matches!(t.kind, TokenKind::Semi | TokenKind::Newline))
    {
        return Err(SyntaxError::new(
            tok.span.clone(),
            "one statement at a time: this ends the statement",
        )
        .with_label("end of statement")
        .with_help("cut the text with `split_statements`, or parse it all with `parse`"));
    }
    let mut p = Parser {
        text,
        tokens,
        pos: 0,
        end: span.end,
        prev_bare_name: None,
        last_list: None,
        limit: None,
    };
    let (statement, time) = p.statement()?;
    Ok(Query {
        statement,
        time,
        limit: p.limit,
        span,
    })
}

/// A statement's syntax tree and its time filter, as each family's builder returns them.
type Parsed = Result<(Statement, Option<TimeFilter>), SyntaxError>;

/// Longest word quoted whole in a message; longer ones are cut, so that a megabyte-long word
/// does not make a megabyte-long message.
const SHOWN: usize = 40;

/// A word as messages show it, cut to [`SHOWN`] characters.
fn shown(word: &str) -> String {
    cut(word, SHOWN)
}

/// `text` cut to `n` characters, with an ellipsis if it was longer.
pub(crate) fn cut(word: &str, n: usize) -> String {
    match word.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &word[..i]),
        None => word.to_string(),
    }
}

/// The nearest of `options` to a mistyped `word`; long words are nobody's typo, and are not
/// compared at all.
pub(crate) fn suggest<'a>(
    word: &str,
    options: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.len() > 4 * SHOWN {
        return None;
    }
    nearest(word, options)
}

/// "unknown X `w`" (then `context`, such as " for `paths`"), with "did you mean" when a
/// valid one is near.
fn unknown<'a>(
    what: &str,
    word: &str,
    context: &str,
    options: impl IntoIterator<Item = &'a str>,
) -> String {
    match suggest(word, options) {
        Some(s) => format!(
            "unknown {what} `{}`{context}: did you mean `{s}`?",
            shown(word)
        ),
        None => format!("unknown {what} `{}`{context}", shown(word)),
    }
}

fn join(items: impl IntoIterator<Item = &'static str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

/// An option's value as given, kept by [`Options`] until the statement's builder takes it.
#[derive(Debug)]
enum Given {
    Flag,
    Number(u64),
    Real(f64),
    Kinds(Vec<NodeKind>),
    Rels(Vec<Rel>),
    Word(&'static str),
    Node(NodeRef),
}

/// The options given after a statement's required parts, filled by [`Parser::options`] from
/// the statement's spec; each builder takes the ones its statement has.
#[derive(Debug, Default)]
struct Options {
    given: Vec<(OptionKind, Given)>,
    /// Where each given option's keyword is, for errors about options that do not go
    /// together.
    spans: Vec<(OptionKind, Span)>,
    time: Option<TimeFilter>,
}

impl Options {
    /// Where `option`'s keyword was written, if it was.
    fn span(&self, option: OptionKind) -> Option<Span> {
        self.spans
            .iter()
            .find(|(o, _)| *o == option)
            .map(|(_, s)| s.clone())
    }

    fn real(&mut self, option: OptionKind) -> Option<f64> {
        match self.take(option)? {
            Given::Real(x) => Some(x),
            _ => None,
        }
    }

    fn take(&mut self, option: OptionKind) -> Option<Given> {
        let i = self.given.iter().position(|(o, _)| *o == option)?;
        Some(self.given.swap_remove(i).1)
    }

    fn flag(&mut self, option: OptionKind) -> bool {
        matches!(self.take(option), Some(Given::Flag))
    }

    fn number(&mut self, option: OptionKind) -> Option<u64> {
        match self.take(option)? {
            Given::Number(n) => Some(n),
            _ => None,
        }
    }

    fn kinds(&mut self, option: OptionKind) -> Vec<NodeKind> {
        match self.take(option) {
            Some(Given::Kinds(k)) => k,
            _ => Vec::new(),
        }
    }

    fn rels(&mut self, option: OptionKind) -> Vec<Rel> {
        match self.take(option) {
            Some(Given::Rels(r)) => r,
            _ => Vec::new(),
        }
    }

    fn word(&mut self, option: OptionKind) -> Option<&'static str> {
        match self.take(option)? {
            Given::Word(w) => Some(w),
            _ => None,
        }
    }

    fn node(&mut self, option: OptionKind) -> Option<NodeRef> {
        match self.take(option)? {
            Given::Node(n) => Some(n),
            _ => None,
        }
    }
}

/// The parser of one statement: its tokens, where it is, and what it just read (for the
/// messages that explain names cut short by a keyword and lists missing a comma).
#[derive(Debug)]
pub(crate) struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    /// Where the statement ends: errors about a missing part point here.
    end: usize,
    /// The bare name that the next token directly follows, if any (to explain `in` in names).
    prev_bare_name: Option<(String, Span)>,
    /// The list option (`kind`, `rel`, ...) that the next token directly follows, if any.
    last_list: Option<(OptionKind, Value)>,
    /// `limit N`, which every statement that returns rows takes (read with its options, kept
    /// here so that no builder needs to pass it on).
    limit: Option<usize>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn bump(&mut self) -> Option<Token> {
        let tok = self.tokens.get(self.pos).cloned();
        if tok.is_some() {
            self.pos += 1;
            self.prev_bare_name = None;
            self.last_list = None;
        }
        tok
    }

    fn slice(&self, tok: &Token) -> &'a str {
        &self.text[tok.span.clone()]
    }

    /// The next token if it is a word equal to `keyword` in any case.
    fn peek_keyword(&self, keyword: &str) -> Option<&Token> {
        self.peek()
            .filter(|t| t.kind == TokenKind::Word && self.slice(t).eq_ignore_ascii_case(keyword))
    }

    /// The next token if it is a word.
    fn peek_word(&self) -> Option<Token> {
        self.peek().cloned().filter(|t| t.kind == TokenKind::Word)
    }

    fn at_end(&self) -> Span {
        self.end..self.end
    }

    /// How a message names a token that was found.
    fn describe(&self, tok: &Token) -> String {
        match tok.kind {
            TokenKind::Word => format!("`{}`", shown(self.slice(tok))),
            TokenKind::Str => "a quoted string".to_string(),
            TokenKind::OpenStr => "an unterminated string".to_string(),
            TokenKind::Comma => "`,`".to_string(),
            TokenKind::Semi => "`;`".to_string(),
            TokenKind::Newline => "a line break".to_string(),
        }
    }

    /// "expected X" at the next token (", found T") or at the end of the statement.
    fn expected(&self, what: &str, label: &str) -> SyntaxError {
        match self.peek() {
            Some(tok) => SyntaxError::new(
                tok.span.clone(),
                format!("expected {what}, found {}", self.describe(tok)),
            ),
            None => SyntaxError::new(self.at_end(), format!("expected {what}")),
        }
        .with_label(label)
    }

    /// The statement word, then the statement's own builder.
    fn statement(&mut self) -> Parsed {
        let all = grammar::statement_words;
        let Some(tok) = self.peek_word() else {
            return Err(self
                .expected("a statement", "expected a statement")
                .with_help(format!("statements: {}", join(all()))));
        };
        let word = self.slice(&tok);
        let Some(kind) = StatementKind::from_word(word) else {
            if let Some(name) = grammar::UNAVAILABLE
                .iter()
                .find(|s| s.eq_ignore_ascii_case(word))
            {
                return Err(SyntaxError::new(
                    tok.span,
                    format!("`{name}` is not available in this build of clustergraph"),
                )
                .with_label("not available"));
            }
            return Err(
                SyntaxError::new(tok.span, unknown("statement", word, "", all()))
                    .with_label("unknown statement")
                    .with_help(format!("statements: {}", join(grammar::available_words()))),
            );
        };
        self.bump();
        let spec = kind.spec();
        // One arm per statement, and no other: the compiler asks for the builder of a new one.
        match kind {
            StatementKind::Find => self.find(spec),
            StatementKind::Show => self.show(spec),
            StatementKind::Documents => self.finish(spec, Statement::Documents),
            StatementKind::Neighbours => self.neighbours(spec),
            StatementKind::Path => self.path(spec),
            StatementKind::Paths => self.paths(spec),
            StatementKind::Centrality => self.centrality(spec),
            StatementKind::Components => self.components(spec),
            StatementKind::Bridges => self.bridges(spec),
            StatementKind::Communities => self.communities(spec),
            StatementKind::Stats => self.stats(spec),
            StatementKind::Open => self.open(spec),
            StatementKind::Save => self.save(spec),
            StatementKind::Diff => self.diff(spec),
            StatementKind::Export => self.export(spec),
            StatementKind::Draw => self.draw(spec),
            StatementKind::Match | StatementKind::Explain => self.pattern(spec, &tok),
            StatementKind::Set => self.set(spec),
            StatementKind::Help => self.help(spec),
        }
    }

    /// The end of a statement that takes no option but the time filter.
    fn finish(&mut self, spec: &StatementSpec, statement: Statement) -> Parsed {
        let o = self.options(spec)?;
        Ok((statement, o.time))
    }

    /// A node: a quoted string, or bare words up to the next option keyword.
    fn node(&mut self, spec: &StatementSpec, what: &str) -> Result<NodeRef, SyntaxError> {
        let (text, span) = self.name(spec, what)?;
        Ok(NodeRef { text, span })
    }

    /// A name (a node, find's text): a non-blank quoted string, or one or more bare words up
    /// to the next option keyword or the end. The first word is always part of the name, so
    /// `show Max Planck Institute` works although `max` is a keyword.
    fn name(&mut self, spec: &StatementSpec, what: &str) -> Result<(String, Span), SyntaxError> {
        let Some(first) = self.peek().cloned() else {
            return Err(self.expected(what, "expected a name").with_help(format!(
                "{}; quote a name with spaces or keywords",
                spec.usage()
            )));
        };
        match first.kind {
            TokenKind::Str => {
                let text = unquote(self.text, first.span.clone())?;
                if text.trim().is_empty() {
                    return Err(SyntaxError::new(
                        first.span,
                        format!("expected {what}, found an empty name"),
                    )
                    .with_label("empty name"));
                }
                self.bump();
                Ok((text, first.span))
            }
            TokenKind::Word => {
                self.option_for_name(spec, &first, what)?;
                let mut text = self.slice(&first).to_string();
                let mut end = first.span.end;
                self.bump();
                while let Some(tok) = self
                    .peek()
                    .filter(|t| t.kind == TokenKind::Word && !is_keyword(self.slice(t)))
                {
                    text.push(' ');
                    text.push_str(self.slice(tok));
                    end = tok.span.end;
                    self.bump();
                }
                let span = first.span.start..end;
                self.prev_bare_name = Some((text.clone(), span.clone()));
                Ok((text, span))
            }
            _ => Err(self
                .expected(what, "expected a name")
                .with_help(spec.usage())),
        }
    }

    /// Refuses a first word that is an option of this statement followed by a value that
    /// fits it (`neighbours depth 2`, `show in 2016`, `path to B`): the name was left out.
    /// Other keywords may start a name (`show Max Planck Institute`), as may one alone.
    fn option_for_name(
        &self,
        spec: &StatementSpec,
        first: &Token,
        what: &str,
    ) -> Result<(), SyntaxError> {
        if self.option_first(spec).is_none() {
            return Ok(());
        }
        let word = self.slice(first);
        Err(SyntaxError::new(
            first.span.clone(),
            format!("expected {what}, found `{}`", word.to_ascii_lowercase()),
        )
        .with_label("an option, not a name")
        .with_help(format!(
            "the name comes first; to name a node `{word}`, quote it"
        )))
    }

    /// The option of this statement that the next token is, if a value that fits it follows
    /// (`depth 2`, `kind cluster`, `in 2016`): then it is not the first word of a name.
    fn option_first(&self, spec: &StatementSpec) -> Option<OptionKind> {
        let first = self.peek().filter(|t| t.kind == TokenKind::Word)?;
        let word = self.slice(first);
        let option = spec
            .option_keywords()
            .find(|o| o.keyword().eq_ignore_ascii_case(word))?;
        let next = self.tokens.get(self.pos + 1)?;
        let value = match next.kind {
            TokenKind::Word => self.slice(next),
            _ => "",
        };
        let number = !value.is_empty()
            && value
                .strip_prefix('-')
                .unwrap_or(value)
                .bytes()
                .all(|b| b.is_ascii_digit());
        let fits = match option.value() {
            Value::Number { .. } | Value::Real => number,
            Value::Kinds => NodeKind::parse(value).is_some(),
            Value::Rels => Rel::parse(value).is_some(),
            Value::OneOf(choice) => choice.find(value).is_some(),
            Value::Years => value.starts_with(|c: char| c.is_ascii_digit()),
            Value::Node => true,
            Value::Flag => false,
        };
        fits.then_some(option)
    }

    /// The options after a statement's required parts, in any order, each at most once, and
    /// the time filter if the statement reads edges. Each value is read as its option's
    /// [`Value`] says.
    fn options(&mut self, spec: &StatementSpec) -> Result<Options, SyntaxError> {
        let mut o = Options::default();
        let mut seen: Vec<OptionKind> = Vec::new();
        while let Some(tok) = self.peek().cloned() {
            let word = if tok.kind == TokenKind::Word {
                self.slice(&tok)
            } else {
                ""
            };
            let option = match OptionKind::from_word(word) {
                Some(OptionKind::In) => OptionKind::In,
                Some(OptionKind::Limit) if spec.kind.returns_rows() => OptionKind::Limit,
                Some(k) if spec.options.iter().any(|u| u.option == k) => k,
                _ => return Err(self.unexpected(spec)),
            };
            let keyword = option.keyword();
            if seen.contains(&option) {
                return Err(
                    SyntaxError::new(tok.span, format!("`{keyword}` is given twice"))
                        .with_label("second time")
                        .with_help(format!(
                            "give `{keyword}` once; a list takes several values: `kind cluster,network`"
                        )),
                );
            }
            seen.push(option);
            let bare_name = self.prev_bare_name.clone();
            self.bump();
            let given = match option.value() {
                Value::Years => {
                    o.time = Some(self.time_filter(spec, &tok, bare_name)?);
                    continue;
                }
                Value::Number { min, max } if option == OptionKind::Limit => {
                    self.limit = Some(self.number(keyword, min, max)? as usize);
                    continue;
                }
                Value::Flag => Given::Flag,
                Value::Number { min, max } => Given::Number(self.number(keyword, min, max)?),
                Value::Real => Given::Real(self.real(keyword)?),
                Value::Kinds => {
                    Given::Kinds(self.list(option, "kind", NodeKind::parse, NodeKind::names)?)
                }
                Value::Rels => {
                    Given::Rels(self.list(option, "relation", Rel::parse, Rel::names)?)
                }
                Value::OneOf(choice) => Given::Word(self.one_of(keyword, choice)?),
                Value::Node => {
                    let what = if option == OptionKind::Named {
                        "a text"
                    } else {
                        "a node"
                    };
                    Given::Node(self.node(spec, &format!("{what} after `{keyword}`"))?)
                }
            };
            o.given.push((option, given));
            o.spans.push((option, tok.span.clone()));
        }
        Ok(o)
    }

    /// The error for a token where an option or the end of the statement was expected.
    fn unexpected(&self, spec: &StatementSpec) -> SyntaxError {
        let Some(tok) = self.peek() else {
            return self.expected("the end of the statement", "unexpected");
        };
        let name = spec.name();
        let found = self.describe(tok);
        let word = if tok.kind == TokenKind::Word {
            Some(self.slice(tok))
        } else {
            None
        };
        if let Some((list, value)) = self.last_list {
            let fits = word.is_some_and(|w| match value {
                Value::Rels => Rel::parse(w).is_some(),
                _ => NodeKind::parse(w).is_some(),
            });
            if fits {
                let list = list.keyword();
                return SyntaxError::new(
                    tok.span.clone(),
                    format!("expected `,` between the items of `{list}`, found {found}"),
                )
                .with_label("missing `,`")
                .with_help(format!("write the items with commas: `{list} a,b`"));
            }
        }
        let candidates: Vec<&str> = spec.optional_keywords().map(|o| o.keyword()).collect();
        let keyword_part = |w: &str| {
            spec.parts
                .iter()
                .any(|p| matches!(p, Part::Keyword(k) if k.keyword().eq_ignore_ascii_case(w)))
        };
        let err = match word {
            Some(w) if w.eq_ignore_ascii_case(time::STRICT) => {
                let example = if spec.reads_edges {
                    format!("`{} in 2016 strict`", spec.required())
                } else {
                    format!("`{name}` reads no edges, so it takes no time filter")
                };
                return SyntaxError::new(
                    tok.span.clone(),
                    "`strict` goes right after a time filter",
                )
                .with_label("no time filter before it")
                .with_help(format!("it drops undated edges too: {example}"));
            }
            Some(w) if keyword_part(w) => {
                let k = w.to_ascii_lowercase();
                return SyntaxError::new(tok.span.clone(), format!("`{k}` is given twice"))
                    .with_label(format!("second `{k}`"))
                    .with_help(format!(
                        "quote a name that contains `{k}`: `{name} LE2C {k} \"Road {k} Rome\"`"
                    ));
            }
            Some(w) if is_keyword(w) => {
                let mut message = format!("`{name}` takes no option `{}`", w.to_ascii_lowercase());
                if let Some(s) = suggest(w, candidates.iter().copied()) {
                    message.push_str(&format!(": did you mean `{s}`?"));
                }
                SyntaxError::new(tok.span.clone(), message).with_label("not an option here")
            }
            Some(w) if !candidates.is_empty() => SyntaxError::new(
                tok.span.clone(),
                unknown(
                    "option",
                    w,
                    &format!(" for `{name}`"),
                    candidates.iter().copied(),
                ),
            )
            .with_label("unknown option"),
            _ => SyntaxError::new(
                tok.span.clone(),
                format!("expected the end of the `{name}` statement, found {found}"),
            )
            .with_label("unexpected"),
        };
        if self.prev_bare_name.is_some() && matches!(tok.kind, TokenKind::Str | TokenKind::Comma) {
            return err
                .with_help("quote a name that contains `,` or `\"`: `show \"Name, with comma\"`");
        }
        err.with_help(spec.usage())
    }

    /// A comma-separated list after `option`: each item checked by `parse`, an unknown one
    /// reported at its span with the nearest valid name.
    fn list<T, I>(
        &mut self,
        option: OptionKind,
        what: &str,
        parse: fn(&str) -> Option<T>,
        names: fn() -> I,
    ) -> Result<Vec<T>, SyntaxError>
    where
        I: Iterator<Item = &'static str>,
    {
        let mut items = Vec::new();
        loop {
            let after = if items.is_empty() {
                format!("`{}`", option.keyword())
            } else {
                "`,`".to_string()
            };
            let tok = match self.peek().cloned() {
                Some(t) if matches!(t.kind, TokenKind::Word | TokenKind::Str) => t,
                _ => {
                    let article = if what.starts_with(|c: char| "aeiou".contains(c)) {
                        "an"
                    } else {
                        "a"
                    };
                    return Err(self
                        .expected(
                            &format!("{article} {what} after {after}"),
                            &format!("expected {article} {what}"),
                        )
                        .with_help(format!("{what}s: {}", join(names()))));
                }
            };
            let word = if tok.kind == TokenKind::Str {
                unquote(self.text, tok.span.clone())?
            } else {
                self.slice(&tok).to_string()
            };
            let Some(item) = parse(&word) else {
                return Err(
                    SyntaxError::new(tok.span, unknown(what, &word, "", names()))
                        .with_label(format!("unknown {what}"))
                        .with_help(format!("{what}s: {}", join(names()))),
                );
            };
            items.push(item);
            self.bump();
            if self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
                self.bump();
            } else {
                self.last_list = Some((option, option.value()));
                return Ok(items);
            }
        }
    }

    /// A whole number in `min..=max` after `option`.
    fn number(&mut self, option: &str, min: u64, max: u64) -> Result<u64, SyntaxError> {
        let range = || format!("`{option}` takes a number from {min} to {max}");
        let Some(tok) = self.peek_word() else {
            return Err(self
                .expected(&format!("a number after `{option}`"), "expected a number")
                .with_help(range()));
        };
        let word = self.slice(&tok);
        let digits = word.strip_prefix('-').unwrap_or(word);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SyntaxError::new(
                tok.span,
                format!(
                    "expected a number after `{option}`, found `{}`",
                    shown(word)
                ),
            )
            .with_label("expected a number")
            .with_help(range()));
        }
        // Too many digits for u64 is out of range all the same.
        let value = if word.starts_with('-') {
            None
        } else {
            digits.parse::<u64>().ok()
        };
        match value {
            Some(n) if (min..=max).contains(&n) => {
                self.bump();
                Ok(n)
            }
            _ => Err(SyntaxError::new(
                tok.span,
                format!(
                    "`{option}` must be between {min} and {max}, found {}",
                    shown(word)
                ),
            )
            .with_label("out of range")),
        }
    }

    /// A positive decimal number after `option` (`resolution 0.5`).
    fn real(&mut self, option: &str) -> Result<f64, SyntaxError> {
        let what = || format!("`{option}` takes a positive number, such as 0.5 or 2");
        let Some(tok) = self.peek_word() else {
            return Err(self
                .expected(&format!("a number after `{option}`"), "expected a number")
                .with_help(what()));
        };
        let word = self.slice(&tok);
        let numeric = word
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
        match word.parse::<f64>() {
            Ok(x) if numeric && x.is_finite() && x > 0.0 => {
                self.bump();
                Ok(x)
            }
            Ok(_) if numeric => Err(SyntaxError::new(
                tok.span,
                format!(
                    "`{option}` must be a positive number, found {}",
                    shown(word)
                ),
            )
            .with_label("out of range")
            .with_help(what())),
            _ => Err(SyntaxError::new(
                tok.span,
                format!(
                    "expected a number after `{option}`, found `{}`",
                    shown(word)
                ),
            )
            .with_label("expected a number")
            .with_help(what())),
        }
    }

    /// One word of `choice` after `option` (`dir out`).
    fn one_of(
        &mut self,
        option: &str,
        choice: &'static Choice,
    ) -> Result<&'static str, SyntaxError> {
        let noun = choice.noun;
        let Some(tok) = self.peek_word() else {
            return Err(self.expected(
                &format!("{} after `{option}`", choice.listed()),
                &format!("expected a {noun}"),
            ));
        };
        let word = self.slice(&tok);
        let Some(value) = choice.find(word) else {
            return Err(SyntaxError::new(
                tok.span,
                unknown(noun, word, "", choice.values.iter().copied()),
            )
            .with_label(format!("unknown {noun}"))
            .with_help(format!("`{option}` takes {}", choice.listed())));
        };
        self.bump();
        Ok(value)
    }
}

#[cfg(test)]
mod tests;
