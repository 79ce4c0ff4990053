//! Statements from text: [`split_statements`] cuts a REPL line or a script into statements,
//! [`parse_statement`] turns one into a [`Query`], [`parse`] does both.
//!
//! The language is flat (a keyword, its required parts, then options in any order), so the
//! parser is a loop over a token vector with no recursion: no input can overflow the stack,
//! and the work is linear in the input's length.
//!
//! Every error points at a token of the text, or at the end of the statement when something
//! is missing, and says what was expected there. Spans are absolute offsets into the whole
//! text, so an error in the fifth statement of a script points at its line.
//!
//! ```
//! use clustergraph_query::{parse, Statement};
//! let q = parse("neighbours Ecotech Quebec depth 2 in 2011..2016").unwrap();
//! assert!(matches!(&q[0].statement, Statement::Neighbours { node, depth: 2, .. } if node.text == "Ecotech Quebec"));
//! assert_eq!(q[0].time.map(|t| (t.from, t.to)), Some((2011, 2016)));
//! ```

use clustergraph_core::names::nearest;
use clustergraph_core::{NodeKind, Rel};

use crate::ast::{Dir, Format, NodeRef, Query, Span, Statement, YearSpan};
use crate::error::QueryError;
use crate::lexer::{self, is_keyword, unquote, Lexer, Token, TokenKind};

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
pub fn parse(text: &str) -> Result<Vec<Query>, QueryError> {
    split_statements(text)
        .into_iter()
        .map(|span| parse_statement(text, span))
        .collect()
}

/// Parses the one statement at `span` of `text`. Spans in the result and in errors are
/// offsets into the whole `text`; an error about something missing points at `span.end`.
pub fn parse_statement(text: &str, span: Span) -> Result<Query, QueryError> {
    if text.get(span.clone()).is_none() {
        let end = text.len();
        return Err(
            QueryError::new(end..end, "the statement's span is not a range of the text")
                .label("bad span"),
        );
    }
    let tokens: Vec<Token> = Lexer::new(text, span.clone()).collect();
    if let Some(tok) = tokens.iter().find(|t| t.kind == TokenKind::OpenStr) {
        return Err(
            QueryError::new(tok.span.start..tok.span.start + 1, "unterminated string")
                .label("this quote is never closed")
                .help("end the string with `\"`; write `\\\"` for a quote inside it"),
        );
    }
    if let Some(tok) = tokens
        .iter()
        .find(|t| matches!(t.kind, TokenKind::Semi | TokenKind::Newline))
    {
        return Err(QueryError::new(
            tok.span.clone(),
            "one statement at a time: this ends the statement",
        )
        .label("end of statement")
        .help("cut the text with `split_statements`, or parse it all with `parse`"));
    }
    let mut p = Parser {
        text,
        tokens,
        pos: 0,
        end: span.end,
        prev_bare_name: None,
        last_list: None,
    };
    let (statement, time) = p.statement()?;
    Ok(Query {
        statement,
        time,
        span,
    })
}

/// Longest word quoted whole in a message; longer ones are cut, so that a megabyte-long word
/// does not make a megabyte-long message.
const SHOWN: usize = 40;

/// A word as messages show it, cut to [`SHOWN`] characters.
fn shown(word: &str) -> String {
    cut(word, SHOWN)
}

/// `text` cut to `n` characters, with an ellipsis if it was longer.
fn cut(word: &str, n: usize) -> String {
    match word.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &word[..i]),
        None => word.to_string(),
    }
}

/// The nearest of `options` to a mistyped `word`; long words are nobody's typo, and are not
/// compared at all.
fn suggest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
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

/// How each option is written, for the help of errors about options.
fn option_usage(option: &str) -> &'static str {
    match option {
        "kind" => "kind K,...",
        "limit" => "limit N",
        "depth" => "depth N",
        "rel" => "rel R,...",
        "dir" => "dir out|in|both",
        "via" => "via R,...",
        "avoid" => "avoid K,...",
        "directed" => "directed",
        "max" => "max N",
        "in" => "in YEAR or in YEAR..YEAR",
        _ => "",
    }
}

/// A statement being parsed: which keyword introduced it, and which options it takes.
#[derive(Clone, Copy, Debug)]
struct Form {
    /// The canonical statement keyword (`neighbours` for `neighbors`).
    name: &'static str,
    /// Its option keywords: the ones of [`lexer::KEYWORDS`] in [`lexer::options`], so that
    /// completion and the parser cannot disagree. `to` is among them for `path` and `paths`,
    /// though the parser reads it as a required part.
    options: &'static [&'static str],
    /// Whether the statement reads edges, and so takes a time filter (`in`).
    reads_edges: bool,
}

impl Form {
    fn new(name: &'static str) -> Form {
        let options = lexer::options(name);
        Form {
            name,
            options,
            reads_edges: options.contains(&"in"),
        }
    }

    /// The options that may follow the required parts, for messages and "did you mean".
    fn optional(&self) -> impl Iterator<Item = &'static str> {
        self.options
            .iter()
            .copied()
            .filter(|o| *o != "to" && is_keyword(o))
    }
}

/// The values of the options of one statement, filled by [`Parser::options`].
#[derive(Debug, Default)]
struct Options {
    kinds: Vec<NodeKind>,
    rels: Vec<Rel>,
    depth: Option<u32>,
    limit: Option<usize>,
    max: Option<usize>,
    dir: Option<Dir>,
    directed: bool,
    time: Option<YearSpan>,
}

#[derive(Debug)]
struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    /// Where the statement ends: errors about a missing part point here.
    end: usize,
    /// The bare name that the next token directly follows, if any (to explain `in` in names).
    prev_bare_name: Option<(String, Span)>,
    /// The list option (`kind`, `rel`, ...) that the next token directly follows, if any.
    last_list: Option<&'static str>,
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
    fn expected(&self, what: &str, label: &str) -> QueryError {
        match self.peek() {
            Some(tok) => QueryError::new(
                tok.span.clone(),
                format!("expected {what}, found {}", self.describe(tok)),
            ),
            None => QueryError::new(self.at_end(), format!("expected {what}")),
        }
        .label(label)
    }

    fn statement(&mut self) -> Result<(Statement, Option<YearSpan>), QueryError> {
        let all = || lexer::STATEMENTS.iter().copied();
        let Some(tok) = self.peek().cloned() else {
            return Err(self
                .expected("a statement", "expected a statement")
                .help(format!("statements: {}", join(all()))));
        };
        if tok.kind != TokenKind::Word {
            return Err(self
                .expected("a statement", "expected a statement")
                .help(format!("statements: {}", join(all()))));
        }
        let word = self.slice(&tok);
        let Some(name) = all().find(|s| s.eq_ignore_ascii_case(word)) else {
            return Err(
                QueryError::new(tok.span, unknown("statement", word, "", all()))
                    .label("unknown statement")
                    .help(format!(
                        "statements: {}",
                        join(all().filter(|s| !lexer::UNAVAILABLE.contains(s)))
                    )),
            );
        };
        if lexer::UNAVAILABLE.contains(&name) {
            return Err(QueryError::new(
                tok.span,
                format!("`{name}` is not available in this build of clustergraph"),
            )
            .label("not available"));
        }
        self.bump();
        match name {
            "find" => {
                let f = Form::new(name);
                let (text, _) = self.name(&f, "the text to find after `find`")?;
                let o = self.options(&f)?;
                Ok((
                    Statement::Find {
                        text,
                        kinds: o.kinds,
                        limit: o.limit,
                    },
                    o.time,
                ))
            }
            "show" => {
                let f = Form::new(name);
                let node = self.node(&f, "a node after `show`")?;
                self.finish(&f, Statement::Show { node })
            }
            "neighbours" | "neighbors" => {
                let f = Form::new("neighbours");
                let node = self.node(&f, "a node after `neighbours`")?;
                let o = self.options(&f)?;
                let statement = Statement::Neighbours {
                    node,
                    depth: o.depth.unwrap_or(1),
                    kinds: o.kinds,
                    rels: o.rels,
                    dir: o.dir.unwrap_or_default(),
                };
                Ok((statement, o.time))
            }
            "path" | "paths" => {
                let f = Form::new(name);
                let from = self.node(&f, &format!("a node after `{name}`"))?;
                if self.peek_keyword("to").is_none() {
                    return Err(self
                        .expected("`to` after the first node", "expected `to`")
                        .help(format!(
                            "write `{name} NODE to NODE`; quote a name that contains `to`"
                        )));
                }
                self.bump();
                let to = self.node(&f, "a node after `to`")?;
                let o = self.options(&f)?;
                let statement = if name == "path" {
                    Statement::Path {
                        from,
                        to,
                        via: o.rels,
                        avoid: o.kinds,
                        directed: o.directed,
                    }
                } else {
                    Statement::Paths {
                        from,
                        to,
                        max: o.max.unwrap_or(crate::DEFAULT_PATHS),
                        depth: o.depth,
                    }
                };
                Ok((statement, o.time))
            }
            "components" => self.finish(&Form::new(name), Statement::Components),
            "stats" => self.finish(&Form::new(name), Statement::Stats),
            "help" => {
                let topic = match self.peek().cloned() {
                    Some(t)
                        if t.kind == TokenKind::Word
                            && !self.slice(&t).eq_ignore_ascii_case("in") =>
                    {
                        let word = self.slice(&t);
                        let Some(topic) = all().find(|s| s.eq_ignore_ascii_case(word)) else {
                            return Err(QueryError::new(
                                t.span,
                                unknown("statement", word, "", all()),
                            )
                            .label("unknown statement")
                            .help(format!("`help` takes one of: {}", join(all()))));
                        };
                        self.bump();
                        Some(
                            if topic == "neighbors" {
                                "neighbours"
                            } else {
                                topic
                            }
                            .to_string(),
                        )
                    }
                    _ => None,
                };
                self.finish(&Form::new(name), Statement::Help { topic })
            }
            "set" => {
                let f = Form::new(name);
                let statement = self.set(&f)?;
                self.finish(&f, statement)
            }
            "open" => {
                let f = Form::new(name);
                let (path, _) = self.path(&f)?;
                self.finish(&f, Statement::Open { path })
            }
            _ => unreachable!("every statement of lexer::STATEMENTS is handled above"),
        }
    }

    /// The end of a statement that takes no option but the time filter.
    fn finish(
        &mut self,
        form: &Form,
        statement: Statement,
    ) -> Result<(Statement, Option<YearSpan>), QueryError> {
        let o = self.options(form)?;
        Ok((statement, o.time))
    }

    /// A node: a quoted string, or bare words up to the next option keyword.
    fn node(&mut self, form: &Form, what: &str) -> Result<NodeRef, QueryError> {
        let (text, span) = self.name(form, what)?;
        Ok(NodeRef { text, span })
    }

    /// A name (a node, find's text): a non-blank quoted string, or one or more bare words up
    /// to the next option keyword or the end. The first word is always part of the name, so
    /// `show Max Planck Institute` works although `max` is a keyword.
    fn name(&mut self, form: &Form, what: &str) -> Result<(String, Span), QueryError> {
        let Some(first) = self.peek().cloned() else {
            return Err(self.expected(what, "expected a name").help(format!(
                "{}; quote a name with spaces or keywords",
                usage(form)
            )));
        };
        match first.kind {
            TokenKind::Str => {
                let text = unquote(self.text, first.span.clone())?;
                if text.trim().is_empty() {
                    return Err(QueryError::new(
                        first.span,
                        format!("expected {what}, found an empty name"),
                    )
                    .label("empty name"));
                }
                self.bump();
                Ok((text, first.span))
            }
            TokenKind::Word => {
                self.option_for_name(form, &first, what)?;
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
            _ => Err(self.expected(what, "expected a name").help(usage(form))),
        }
    }

    /// Refuses a first word that is an option of this statement followed by a value that
    /// fits it (`neighbours depth 2`, `show in 2016`, `path to B`): the name was left out.
    /// Other keywords may start a name (`show Max Planck Institute`), as may one alone.
    fn option_for_name(&self, form: &Form, first: &Token, what: &str) -> Result<(), QueryError> {
        let word = self.slice(first);
        let Some(option) = form.options.iter().find(|o| o.eq_ignore_ascii_case(word)) else {
            return Ok(());
        };
        let Some(next) = self.tokens.get(self.pos + 1) else {
            return Ok(());
        };
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
        let fits = match *option {
            "depth" | "limit" | "max" => number,
            "kind" | "avoid" => NodeKind::parse(value).is_some(),
            "rel" | "via" => Rel::parse(value).is_some(),
            "dir" => lexer::DIRECTIONS
                .iter()
                .any(|d| d.eq_ignore_ascii_case(value)),
            "in" => value.starts_with(|c: char| c.is_ascii_digit()),
            "to" => true,
            _ => false,
        };
        if !fits {
            return Ok(());
        }
        Err(QueryError::new(
            first.span.clone(),
            format!("expected {what}, found `{}`", word.to_ascii_lowercase()),
        )
        .label("an option, not a name")
        .help(format!(
            "the name comes first; to name a node `{word}`, quote it"
        )))
    }

    /// `open`'s path: one bare word or a quoted string.
    fn path(&mut self, form: &Form) -> Result<(String, Span), QueryError> {
        match self.peek().cloned() {
            Some(tok) if tok.kind == TokenKind::Str => {
                let path = unquote(self.text, tok.span.clone())?;
                if path.trim().is_empty() {
                    return Err(QueryError::new(
                        tok.span,
                        "expected a path after `open`, found an empty string",
                    )
                    .label("empty path"));
                }
                self.bump();
                Ok((path, tok.span))
            }
            Some(tok) if tok.kind == TokenKind::Word => {
                self.bump();
                if let Some(next) = self.peek().filter(|t| {
                    t.kind == TokenKind::Word && !self.slice(t).eq_ignore_ascii_case("in")
                }) {
                    return Err(QueryError::new(
                        next.span.clone(),
                        format!(
                            "expected the end of the statement after the path, found {}",
                            self.describe(next)
                        ),
                    )
                    .label("after the path")
                    .help(
                        "quote a path that contains spaces: `open \"my graphs/clusters.toml\"`",
                    ));
                }
                Ok((self.slice(&tok).to_string(), tok.span))
            }
            _ => Err(self
                .expected("a path after `open`", "expected a path")
                .help(usage(form))),
        }
    }

    /// `set format table|json|csv`.
    fn set(&mut self, form: &Form) -> Result<Statement, QueryError> {
        let settings = || lexer::SETTINGS.iter().copied();
        let Some(tok) = self.peek().cloned().filter(|t| t.kind == TokenKind::Word) else {
            return Err(self
                .expected("a setting after `set`", "expected a setting")
                .help(usage(form)));
        };
        let word = self.slice(&tok);
        if !word.eq_ignore_ascii_case("format") {
            return Err(
                QueryError::new(tok.span, unknown("setting", word, "", settings()))
                    .label("unknown setting")
                    .help(usage(form)),
            );
        }
        self.bump();
        let formats = || lexer::FORMATS.iter().copied();
        let Some(tok) = self.peek().cloned().filter(|t| t.kind == TokenKind::Word) else {
            return Err(self.expected(
                "`table`, `json` or `csv` after `format`",
                "expected a format",
            ));
        };
        let word = self.slice(&tok);
        let format = match word.to_ascii_lowercase().as_str() {
            "table" => Format::Table,
            "json" => Format::Json,
            "csv" => Format::Csv,
            _ => {
                return Err(
                    QueryError::new(tok.span, unknown("format", word, "", formats()))
                        .label("unknown format")
                        .help("formats: table, json, csv"),
                )
            }
        };
        self.bump();
        Ok(Statement::SetFormat(format))
    }

    /// The options after a statement's required parts, in any order, each at most once, and
    /// the time filter if the statement reads edges.
    fn options(&mut self, form: &Form) -> Result<Options, QueryError> {
        let mut o = Options::default();
        let mut seen: Vec<&'static str> = Vec::new();
        while let Some(tok) = self.peek().cloned() {
            let word = if tok.kind == TokenKind::Word {
                self.slice(&tok)
            } else {
                ""
            };
            let option = lexer::KEYWORDS
                .iter()
                .copied()
                .find(|k| k.eq_ignore_ascii_case(word));
            let option = match option {
                Some("in") => "in",
                Some(k) if k != "to" && form.options.contains(&k) => k,
                _ => return Err(self.unexpected(form)),
            };
            if seen.contains(&option) {
                return Err(QueryError::new(tok.span, format!("`{option}` is given twice"))
                    .label("second time")
                    .help(format!("give `{option}` once; a list takes several values: `kind cluster,network`")));
            }
            seen.push(option);
            let bare_name = self.prev_bare_name.clone();
            self.bump();
            match option {
                "in" => o.time = Some(self.time_filter(form, &tok, bare_name)?),
                "kind" => o.kinds = self.list(option, "kind", NodeKind::parse, NodeKind::names)?,
                "avoid" => o.kinds = self.list(option, "kind", NodeKind::parse, NodeKind::names)?,
                "rel" | "via" => o.rels = self.list(option, "relation", Rel::parse, Rel::names)?,
                "depth" => o.depth = Some(self.number(option, 1, crate::MAX_DEPTH)? as u32),
                "limit" => o.limit = Some(self.number(option, 1, 100_000)? as usize),
                "max" => o.max = Some(self.number(option, 1, 1000)? as usize),
                "dir" => o.dir = Some(self.dir()?),
                "directed" => o.directed = true,
                _ => unreachable!("KEYWORDS and the forms' options agree"),
            }
        }
        Ok(o)
    }

    /// The error for a token where an option or the end of the statement was expected.
    fn unexpected(&self, form: &Form) -> QueryError {
        let Some(tok) = self.peek() else {
            return self.expected("the end of the statement", "unexpected");
        };
        let name = form.name;
        let found = self.describe(tok);
        let word = if tok.kind == TokenKind::Word {
            Some(self.slice(tok))
        } else {
            None
        };
        if let Some(list) = self.last_list {
            let fits = word.is_some_and(|w| {
                if list == "rel" || list == "via" {
                    Rel::parse(w).is_some()
                } else {
                    NodeKind::parse(w).is_some()
                }
            });
            if fits {
                return QueryError::new(
                    tok.span.clone(),
                    format!("expected `,` between the items of `{list}`, found {found}"),
                )
                .label("missing `,`")
                .help(format!("write the items with commas: `{list} a,b`"));
            }
        }
        let candidates: Vec<&str> = form.optional().collect();
        let err = match word {
            Some(w) if w.eq_ignore_ascii_case("to") && matches!(name, "path" | "paths") => {
                return QueryError::new(tok.span.clone(), "`to` is given twice")
                    .label("second `to`")
                    .help(format!(
                        "quote a name that contains `to`: `{name} LE2C to \"Road to Rome\"`"
                    ));
            }
            Some(w) if is_keyword(w) => {
                let mut message = format!("`{name}` takes no option `{}`", w.to_ascii_lowercase());
                if let Some(s) = suggest(w, candidates.iter().copied()) {
                    message.push_str(&format!(": did you mean `{s}`?"));
                }
                QueryError::new(tok.span.clone(), message).label("not an option here")
            }
            Some(w) if !candidates.is_empty() => QueryError::new(
                tok.span.clone(),
                unknown(
                    "option",
                    w,
                    &format!(" for `{name}`"),
                    candidates.iter().copied(),
                ),
            )
            .label("unknown option"),
            _ => QueryError::new(
                tok.span.clone(),
                format!("expected the end of the `{name}` statement, found {found}"),
            )
            .label("unexpected"),
        };
        if self.prev_bare_name.is_some() && matches!(tok.kind, TokenKind::Str | TokenKind::Comma) {
            return err.help("quote a name that contains `,` or `\"`: `show \"Name, with comma\"`");
        }
        err.help(usage(form))
    }

    /// A time filter after `in`: `YEAR` or `YEAR..YEAR` (also with spaces around `..`).
    fn time_filter(
        &mut self,
        form: &Form,
        in_tok: &Token,
        bare_name: Option<(String, Span)>,
    ) -> Result<YearSpan, QueryError> {
        let first = self.peek().cloned().filter(|t| t.kind == TokenKind::Word);
        // `2011..2016`, and with spaces around `..` (`2011 .. 2016`, `2011.. 2016`,
        // `2011 ..2016`): up to three words, joined when `..` is where they meet.
        let words: Vec<&Token> = self.tokens[self.pos..]
            .iter()
            .take(3)
            .take_while(|t| t.kind == TokenKind::Word)
            .collect();
        let text = |t: &Token| self.slice(t);
        let mut tries: Vec<usize> = Vec::with_capacity(3);
        if words.len() == 3 && text(words[1]) == ".." {
            tries.push(3);
        }
        if words.len() >= 2 && (text(words[0]).ends_with("..") || text(words[1]).starts_with(".."))
        {
            tries.push(2);
        }
        tries.push(1);
        let years = tries.into_iter().find_map(|n| {
            let ws = words.get(..n)?;
            let joined: String = ws.iter().map(|t| text(t)).collect();
            let span = ws.first()?.span.start..ws.last()?.span.end;
            year_span(&joined).map(|y| (y, span, n))
        });
        let Some((years, span, count)) = years else {
            // `show Living Room in Milan`: a bare name, `in`, and a word that is no year
            // (nor a mistyped one).
            let in_name = first
                .as_ref()
                .is_some_and(|t| !self.slice(t).starts_with(|c: char| c.is_ascii_digit()));
            if let Some((name, _)) = bare_name.filter(|_| in_name) {
                let mut rest = String::new();
                for t in self.tokens[self.pos..]
                    .iter()
                    .take_while(|t| t.kind == TokenKind::Word && !is_keyword(self.slice(t)))
                {
                    if rest.len() > 4 * SHOWN {
                        break;
                    }
                    rest.push(' ');
                    rest.push_str(self.slice(t));
                }
                return Err(QueryError::new(
                    in_tok.span.clone(),
                    "to use `in` inside a name, quote the name",
                )
                .label("`in` ends the name here")
                .help(format!(
                    "write `\"{}\"`",
                    cut(&format!("{name} in{rest}"), 4 * SHOWN)
                )));
            }
            return Err(self
                .expected("a year or a span of years after `in`", "expected a year")
                .help("a year has four digits: write `in 2016` or `in 2011..2016`"));
        };
        let YearSpan { from, to } = years;
        if from > to {
            return Err(QueryError::new(
                span,
                format!("the span of years runs backwards: {from} is after {to}"),
            )
            .label("backwards")
            .help(format!("write `in {to}..{from}`")));
        }
        if !form.reads_edges {
            return Err(QueryError::new(
                in_tok.span.clone(),
                format!(
                    "`{}` does not read edges, so it takes no time filter",
                    form.name
                ),
            )
            .label("no time filter here"));
        }
        for _ in 0..count {
            self.bump();
        }
        Ok(years)
    }

    /// A comma-separated list after `option`: each item checked by `parse`, an unknown one
    /// reported at its span with the nearest valid name.
    fn list<T, I>(
        &mut self,
        option: &'static str,
        what: &str,
        parse: fn(&str) -> Option<T>,
        names: fn() -> I,
    ) -> Result<Vec<T>, QueryError>
    where
        I: Iterator<Item = &'static str>,
    {
        let mut items = Vec::new();
        loop {
            let after = if items.is_empty() {
                format!("`{option}`")
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
                        .help(format!("{what}s: {}", join(names()))));
                }
            };
            let word = if tok.kind == TokenKind::Str {
                unquote(self.text, tok.span.clone())?
            } else {
                self.slice(&tok).to_string()
            };
            let Some(item) = parse(&word) else {
                return Err(QueryError::new(tok.span, unknown(what, &word, "", names()))
                    .label(format!("unknown {what}"))
                    .help(format!("{what}s: {}", join(names()))));
            };
            items.push(item);
            self.bump();
            if self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
                self.bump();
            } else {
                self.last_list = Some(option);
                return Ok(items);
            }
        }
    }

    /// A whole number in `min..=max` after `option`.
    fn number(&mut self, option: &str, min: u64, max: u64) -> Result<u64, QueryError> {
        let range = || format!("`{option}` takes a number from {min} to {max}");
        let Some(tok) = self.peek().cloned().filter(|t| t.kind == TokenKind::Word) else {
            return Err(self
                .expected(&format!("a number after `{option}`"), "expected a number")
                .help(range()));
        };
        let word = self.slice(&tok);
        let digits = word.strip_prefix('-').unwrap_or(word);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(QueryError::new(
                tok.span,
                format!(
                    "expected a number after `{option}`, found `{}`",
                    shown(word)
                ),
            )
            .label("expected a number")
            .help(range()));
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
            _ => Err(QueryError::new(
                tok.span,
                format!(
                    "`{option}` must be between {min} and {max}, found {}",
                    shown(word)
                ),
            )
            .label("out of range")),
        }
    }

    /// `out`, `in` or `both` after `dir`.
    fn dir(&mut self) -> Result<Dir, QueryError> {
        let Some(tok) = self.peek().cloned().filter(|t| t.kind == TokenKind::Word) else {
            return Err(self.expected("`out`, `in` or `both` after `dir`", "expected a direction"));
        };
        let word = self.slice(&tok);
        let dir = match word.to_ascii_lowercase().as_str() {
            "out" => Dir::Out,
            "in" => Dir::In,
            "both" => Dir::Both,
            _ => {
                return Err(QueryError::new(
                    tok.span,
                    unknown("direction", word, "", lexer::DIRECTIONS.iter().copied()),
                )
                .label("unknown direction")
                .help("`dir` takes `out`, `in` or `both`"))
            }
        };
        self.bump();
        Ok(dir)
    }
}

/// `YEAR` or `YEAR..YEAR`, each of four ASCII digits.
fn year_span(word: &str) -> Option<YearSpan> {
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    match word.split_once("..") {
        Some((a, b)) => Some(YearSpan {
            from: year(a)?,
            to: year(b)?,
        }),
        None => year(word).map(|y| YearSpan { from: y, to: y }),
    }
}

/// What a statement takes, for the help of its errors.
fn usage(form: &Form) -> String {
    let required = match form.name {
        "find" => "find TEXT",
        "show" => "show NODE",
        "neighbours" => "neighbours NODE",
        "path" => "path NODE to NODE",
        "paths" => "paths NODE to NODE",
        "set" => return "write `set format table|json|csv`".to_string(),
        "open" => return "write `open PATH`, quoted if it contains spaces".to_string(),
        "help" => return "write `help` or `help STATEMENT`".to_string(),
        other => other,
    };
    let options: Vec<&str> = form.optional().map(option_usage).collect();
    if options.is_empty() {
        format!("`{required}` takes no option")
    } else {
        format!("`{required}` takes: {}", options.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(text: &str) -> Query {
        let mut qs = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e} at {:?}", e.span));
        assert_eq!(qs.len(), 1, "{text:?}");
        qs.pop().unwrap()
    }

    fn st(text: &str) -> Statement {
        one(text).statement
    }

    fn node(text: &str) -> NodeRef {
        NodeRef {
            text: text.to_string(),
            span: 0..0,
        }
    }

    /// The message and span of the error of `text`.
    fn err(text: &str) -> (String, Span) {
        match parse(text) {
            Ok(q) => panic!("{text:?} parsed: {q:?}"),
            Err(e) => (e.message, e.span),
        }
    }

    /// The span of the `n`th (from 0) occurrence of `needle` in `text` that is not part of
    /// a longer word.
    fn at(text: &str, needle: &str, n: usize) -> Span {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let start = text
            .match_indices(needle)
            .map(|(i, _)| i)
            .filter(|&i| {
                let glued_before =
                    alnum(needle.chars().next()) && alnum(text[..i].chars().next_back());
                let glued_after = alnum(needle.chars().next_back())
                    && alnum(text[i + needle.len()..].chars().next());
                !glued_before && !glued_after
            })
            .nth(n)
            .unwrap_or_else(|| panic!("no {n}th `{needle}` in {text:?}"));
        start..start + needle.len()
    }

    fn end(text: &str) -> Span {
        text.len()..text.len()
    }

    fn kinds(names: &[&str]) -> Vec<NodeKind> {
        names.iter().map(|n| NodeKind::parse(n).unwrap()).collect()
    }

    fn rels(names: &[&str]) -> Vec<Rel> {
        names.iter().map(|n| Rel::parse(n).unwrap()).collect()
    }

    // ---- statements and options ----

    #[test]
    fn find() {
        assert_eq!(
            st("find lombardy"),
            Statement::Find {
                text: "lombardy".into(),
                kinds: vec![],
                limit: None
            }
        );
        assert_eq!(
            st("find Ecotech Quebec kind cluster, network limit 5"),
            Statement::Find {
                text: "Ecotech Quebec".into(),
                kinds: kinds(&["cluster", "network"]),
                limit: Some(5)
            }
        );
        assert_eq!(
            st("FIND \"to be\" LIMIT 3 KIND Organization"),
            Statement::Find {
                text: "to be".into(),
                kinds: kinds(&["organisation"]),
                limit: Some(3)
            }
        );
    }

    #[test]
    fn show_takes_names_as_analysts_type_them() {
        for name in [
            "LE2C",
            "CAT.AL",
            "Clust-ER",
            "#9CTL",
            "São Paulo",
            "AT&T",
            "Max Planck Institute",
        ] {
            assert_eq!(
                st(&format!("show {name}")),
                Statement::Show { node: node(name) }
            );
        }
        assert_eq!(
            st("show   Ecotech \t Quebec  "),
            Statement::Show {
                node: node("Ecotech Quebec")
            }
        );
        assert_eq!(
            st(r#"show "Living Room of Emerging Industries in Milan""#),
            Statement::Show {
                node: node("Living Room of Emerging Industries in Milan")
            }
        );
        assert_eq!(
            st(r#"show "say \"hi\"\\""#),
            Statement::Show {
                node: node("say \"hi\"\\")
            }
        );
        let text = "show Ecotech Quebec in 2016";
        let Statement::Show { node } = st(text) else {
            unreachable!()
        };
        assert_eq!(node.span, 5..19);
        let text = r#"show "a b" in 2016"#;
        let Statement::Show { node } = st(text) else {
            unreachable!()
        };
        assert_eq!(node.span, 5..10);
    }

    #[test]
    fn neighbours_and_its_options() {
        assert_eq!(
            st("neighbours CEBR"),
            Statement::Neighbours {
                node: node("CEBR"),
                depth: 1,
                kinds: vec![],
                rels: vec![],
                dir: Dir::Both
            }
        );
        let full = Statement::Neighbours {
            node: node("CEBR"),
            depth: 3,
            kinds: kinds(&["cluster", "region"]),
            rels: rels(&["member_of", "located_in"]),
            dir: Dir::Out,
        };
        assert_eq!(
            st("neighbours CEBR depth 3 kind cluster,region rel member_of,located_in dir out"),
            full
        );
        assert_eq!(
            st("NEIGHBORS CEBR DIR OUT REL Member_Of , Located_In KIND cluster,region DEPTH 3"),
            full
        );
        let Statement::Neighbours { dir, .. } = st("neighbours x dir in") else {
            unreachable!()
        };
        assert_eq!(dir, Dir::In);
        let Statement::Neighbours { dir, .. } = st("neighbours x dir both") else {
            unreachable!()
        };
        assert_eq!(dir, Dir::Both);
        let q = one("neighbours x dir in in 2016");
        assert!(matches!(
            q.statement,
            Statement::Neighbours { dir: Dir::In, .. }
        ));
        assert_eq!(
            q.time,
            Some(YearSpan {
                from: 2016,
                to: 2016
            })
        );
    }

    #[test]
    fn path_and_paths() {
        assert_eq!(
            st("path LE2C to Ecotech Quebec via member_of,partner_in avoid region directed"),
            Statement::Path {
                from: node("LE2C"),
                to: node("Ecotech Quebec"),
                via: rels(&["member_of", "partner_in"]),
                avoid: kinds(&["region"]),
                directed: true
            }
        );
        assert_eq!(
            st("PATH \"a to b\" TO c"),
            Statement::Path {
                from: node("a to b"),
                to: node("c"),
                via: vec![],
                avoid: vec![],
                directed: false
            }
        );
        assert_eq!(
            st("paths a to b"),
            Statement::Paths {
                from: node("a"),
                to: node("b"),
                max: crate::DEFAULT_PATHS,
                depth: None
            }
        );
        assert_eq!(
            st("paths a to b depth 20 max 1000"),
            Statement::Paths {
                from: node("a"),
                to: node("b"),
                max: 1000,
                depth: Some(20)
            }
        );
    }

    #[test]
    fn statements_without_parts() {
        assert_eq!(st("components"), Statement::Components);
        assert_eq!(st("Stats"), Statement::Stats);
        assert_eq!(st("help"), Statement::Help { topic: None });
        assert_eq!(
            st("help PATHS"),
            Statement::Help {
                topic: Some("paths".into())
            }
        );
        assert_eq!(
            st("help neighbors"),
            Statement::Help {
                topic: Some("neighbours".into())
            }
        );
        assert_eq!(
            st("help centrality"),
            Statement::Help {
                topic: Some("centrality".into())
            }
        );
        assert_eq!(st("set format json"), Statement::SetFormat(Format::Json));
        assert_eq!(st("SET FORMAT Csv"), Statement::SetFormat(Format::Csv));
        assert_eq!(st("set format table"), Statement::SetFormat(Format::Table));
        assert_eq!(
            st("open graphs/seeds"),
            Statement::Open {
                path: "graphs/seeds".into()
            }
        );
        assert_eq!(
            st(r#"open "my graphs/x.toml""#),
            Statement::Open {
                path: "my graphs/x.toml".into()
            }
        );
        assert_eq!(
            st(r"open C:\graphs\x.toml"),
            Statement::Open {
                path: r"C:\graphs\x.toml".into()
            }
        );
    }

    #[test]
    fn time_filters() {
        let span = |text: &str| one(text).time.map(|t| (t.from, t.to));
        assert_eq!(span("show x in 2016"), Some((2016, 2016)));
        assert_eq!(span("show x IN 2011..2016"), Some((2011, 2016)));
        assert_eq!(span("show x in 2011 .. 2016"), Some((2011, 2016)));
        assert_eq!(span("show x in 2011.. 2016"), Some((2011, 2016)));
        assert_eq!(span("show x in 2011 ..2016"), Some((2011, 2016)));
        assert_eq!(span("show x in 2016..2016"), Some((2016, 2016)));
        assert_eq!(span("components in 2016"), Some((2016, 2016)));
        assert_eq!(span("stats in 2016"), Some((2016, 2016)));
        assert_eq!(span("path a to b in 2016 directed"), Some((2016, 2016)));
        assert_eq!(span("paths a to b in 2016"), Some((2016, 2016)));
        assert_eq!(span("neighbours a in 2016 depth 2"), Some((2016, 2016)));
        assert_eq!(span("show x"), None);
    }

    #[test]
    fn statements_and_spans_of_a_script() {
        let text = "show a ; stats\n\n# a comment\npaths a to b # why\n";
        let qs = parse(text).unwrap();
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[0].span, 0..6);
        assert_eq!(qs[2].span, at(text, "paths a to b", 0));
        let Statement::Paths { to, .. } = &qs[2].statement else {
            unreachable!()
        };
        assert_eq!(to.span, at(text, "b", 0));
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(parse(" ;; # nothing\n").unwrap(), vec![]);
    }

    // ---- errors, each with its message and span ----

    #[test]
    fn unknown_and_unavailable_statements() {
        let t = "neighbour LE2C";
        assert_eq!(
            err(t),
            (
                "unknown statement `neighbour`: did you mean `neighbours`?".into(),
                0..9
            )
        );
        let t = "frobnicate";
        assert_eq!(err(t), ("unknown statement `frobnicate`".into(), 0..10));
        for s in lexer::UNAVAILABLE {
            let t = format!("{} x y", s.to_uppercase());
            assert_eq!(
                err(&t),
                (
                    format!("`{s}` is not available in this build of clustergraph"),
                    0..s.len()
                )
            );
        }
        let t = "\"show\" x";
        assert_eq!(
            err(t),
            ("expected a statement, found a quoted string".into(), 0..6)
        );
        assert_eq!(
            parse_statement("  ", 0..2).unwrap_err().message,
            "expected a statement"
        );
        assert_eq!(parse_statement("  ", 0..2).unwrap_err().span, 2..2);
    }

    #[test]
    fn missing_parts_point_at_the_end() {
        assert_eq!(err("show"), ("expected a node after `show`".into(), 4..4));
        assert_eq!(
            err("find "),
            ("expected the text to find after `find`".into(), 4..4)
        );
        let t = "path LE2C Ecotech";
        assert_eq!(
            err(t),
            ("expected `to` after the first node".into(), end(t))
        );
        let t = "path \"LE2C\" Ecotech";
        assert_eq!(
            err(t),
            (
                "expected `to` after the first node, found `Ecotech`".into(),
                at(t, "Ecotech", 0)
            )
        );
        let t = "paths a to ";
        assert_eq!(err(t), ("expected a node after `to`".into(), 10..10));
        let t = "neighbours x depth";
        assert_eq!(err(t), ("expected a number after `depth`".into(), end(t)));
        let t = "open";
        assert_eq!(err(t), ("expected a path after `open`".into(), end(t)));
        let t = "set";
        assert_eq!(err(t), ("expected a setting after `set`".into(), end(t)));
        let t = "set format";
        assert_eq!(
            err(t),
            (
                "expected `table`, `json` or `csv` after `format`".into(),
                end(t)
            )
        );
        let t = "neighbours x dir";
        assert_eq!(
            err(t),
            ("expected `out`, `in` or `both` after `dir`".into(), end(t))
        );
        let t = "show x in";
        assert_eq!(
            err(t),
            (
                "expected a year or a span of years after `in`".into(),
                end(t)
            )
        );
        // In a script, "the end" is the end of the statement, not of the script.
        let t = "show a\npath b\nstats";
        assert_eq!(
            err(t),
            ("expected `to` after the first node".into(), 13..13)
        );
    }

    #[test]
    fn numbers_and_their_ranges() {
        let t = "neighbours x depth x";
        assert_eq!(
            err(t),
            (
                "expected a number after `depth`, found `x`".into(),
                at(t, "x", 1)
            )
        );
        let t = "neighbours x depth 1000001";
        assert_eq!(
            err(t),
            (
                "`depth` must be between 1 and 1000000, found 1000001".into(),
                at(t, "1000001", 0)
            )
        );
        let t = "neighbours x depth 0";
        assert_eq!(
            err(t),
            (
                "`depth` must be between 1 and 1000000, found 0".into(),
                at(t, "0", 0)
            )
        );
        let t = "neighbours x depth -1";
        assert_eq!(
            err(t),
            (
                "`depth` must be between 1 and 1000000, found -1".into(),
                at(t, "-1", 0)
            )
        );
        let t = "paths a to b depth 0";
        assert_eq!(
            err(t),
            (
                "`depth` must be between 1 and 1000000, found 0".into(),
                at(t, "0", 0)
            )
        );
        let t = "paths a to b max 1001";
        assert_eq!(
            err(t),
            (
                "`max` must be between 1 and 1000, found 1001".into(),
                at(t, "1001", 0)
            )
        );
        let t = "find a limit 100001";
        assert_eq!(
            err(t),
            (
                "`limit` must be between 1 and 100000, found 100001".into(),
                at(t, "100001", 0)
            )
        );
        let t = "find a limit 99999999999999999999999999";
        assert_eq!(
            err(t),
            (
                "`limit` must be between 1 and 100000, found 99999999999999999999999999".into(),
                13..t.len()
            )
        );
        let t = "find a limit +3";
        assert_eq!(
            err(t),
            ("expected a number after `limit`, found `+3`".into(), 13..15)
        );
        let t = "find a limit kind";
        assert_eq!(
            err(t),
            (
                "expected a number after `limit`, found `kind`".into(),
                13..17
            )
        );
    }

    #[test]
    fn lists_check_each_item() {
        let t = "neighbours LE2C rel member";
        assert_eq!(
            err(t),
            (
                "unknown relation `member`: did you mean `member_of`?".into(),
                at(t, "member", 0)
            )
        );
        let t = "neighbours LE2C kind cluster,clustr";
        assert_eq!(
            err(t),
            (
                "unknown kind `clustr`: did you mean `cluster`?".into(),
                at(t, "clustr", 0)
            )
        );
        let t = "path a to b avoid zzzzz";
        assert_eq!(err(t), ("unknown kind `zzzzz`".into(), at(t, "zzzzz", 0)));
        let t = "path a to b via located_in,";
        assert_eq!(err(t), ("expected a relation after `,`".into(), end(t)));
        let t = "find a kind";
        assert_eq!(err(t), ("expected a kind after `kind`".into(), end(t)));
        let t = "find a kind ,";
        assert_eq!(
            err(t),
            (
                "expected a kind after `kind`, found `,`".into(),
                at(t, ",", 0)
            )
        );
        let t = "find a kind cluster network";
        assert_eq!(
            err(t),
            (
                "expected `,` between the items of `kind`, found `network`".into(),
                at(t, "network", 0)
            )
        );
    }

    #[test]
    fn options_unknown_repeated_or_misplaced() {
        let t = "neighbours \"X\" deph 2";
        assert_eq!(
            err(t),
            (
                "unknown option `deph` for `neighbours`: did you mean `depth`?".into(),
                at(t, "deph", 0)
            )
        );
        let t = "paths a to \"b\" maxx 2";
        assert_eq!(
            err(t),
            (
                "unknown option `maxx` for `paths`: did you mean `max`?".into(),
                at(t, "maxx", 0)
            )
        );
        let t = "neighbours x depth 1 DEPTH 2";
        assert_eq!(err(t), ("`depth` is given twice".into(), at(t, "DEPTH", 0)));
        let t = "find x kind cluster kind region";
        assert_eq!(err(t), ("`kind` is given twice".into(), at(t, "kind", 1)));
        let t = "path a to b directed directed";
        assert_eq!(
            err(t),
            ("`directed` is given twice".into(), at(t, "directed", 1))
        );
        let t = "show x in 2016 in 2017";
        assert_eq!(err(t), ("`in` is given twice".into(), at(t, "in", 1)));
        let t = "path a to b to c";
        assert_eq!(err(t), ("`to` is given twice".into(), at(t, "to", 1)));
        let t = "show LE2C depth 2";
        assert_eq!(
            err(t),
            ("`show` takes no option `depth`".into(), at(t, "depth", 0))
        );
        let t = "neighbours x via member_of";
        assert_eq!(
            err(t),
            ("`neighbours` takes no option `via`".into(), at(t, "via", 0))
        );
        let t = "show a, b";
        assert_eq!(
            err(t),
            (
                "expected the end of the `show` statement, found `,`".into(),
                at(t, ",", 0)
            )
        );
        let t = "stats now";
        assert_eq!(
            err(t),
            ("unknown option `now` for `stats`".into(), at(t, "now", 0))
        );
        let t = "neighbours x dir up";
        assert_eq!(err(t), ("unknown direction `up`".into(), at(t, "up", 0)));
        let t = "neighbours x dir outt";
        assert_eq!(
            err(t),
            (
                "unknown direction `outt`: did you mean `out`?".into(),
                at(t, "outt", 0)
            )
        );
    }

    #[test]
    fn an_option_where_the_node_should_be() {
        let t = "neighbours depth 2";
        assert_eq!(
            err(t),
            (
                "expected a node after `neighbours`, found `depth`".into(),
                at(t, "depth", 0)
            )
        );
        let t = "find LIMIT 5";
        assert_eq!(
            err(t),
            (
                "expected the text to find after `find`, found `limit`".into(),
                at(t, "LIMIT", 0)
            )
        );
        // Alone, or followed by a valid option, a keyword is a name.
        assert_eq!(
            st("show depth"),
            Statement::Show {
                node: node("depth")
            }
        );
        assert!(matches!(
            st("neighbours Max depth 2"),
            Statement::Neighbours { depth: 2, .. }
        ));
    }

    #[test]
    fn time_filter_errors() {
        let t = "find x in 2016";
        assert_eq!(
            err(t),
            (
                "`find` does not read edges, so it takes no time filter".into(),
                at(t, "in", 0)
            )
        );
        let t = "help in 2016";
        assert_eq!(
            err(t),
            (
                "`help` does not read edges, so it takes no time filter".into(),
                at(t, "in", 0)
            )
        );
        let t = "open x in 2016";
        assert_eq!(
            err(t),
            (
                "`open` does not read edges, so it takes no time filter".into(),
                at(t, "in", 0)
            )
        );
        let t = "set format csv in 2016";
        assert_eq!(
            err(t),
            (
                "`set` does not read edges, so it takes no time filter".into(),
                at(t, "in", 0)
            )
        );
        let t = "show Living Room of Emerging Industries in Milan";
        assert_eq!(
            err(t),
            (
                "to use `in` inside a name, quote the name".into(),
                at(t, "in", 0)
            )
        );
        let e = parse(t).unwrap_err();
        assert_eq!(
            e.help.as_deref(),
            Some("write `\"Living Room of Emerging Industries in Milan\"`")
        );
        let t = "show x in 2016..2011";
        assert_eq!(
            err(t),
            (
                "the span of years runs backwards: 2016 is after 2011".into(),
                at(t, "2016..2011", 0)
            )
        );
        let t = "show x in 16";
        assert_eq!(
            err(t),
            (
                "expected a year or a span of years after `in`, found `16`".into(),
                at(t, "16", 0)
            )
        );
        let t = "show \"x\" in Milan";
        assert_eq!(
            err(t),
            (
                "expected a year or a span of years after `in`, found `Milan`".into(),
                at(t, "Milan", 0)
            )
        );
        let t = "stats in 2011..20166";
        assert_eq!(
            err(t),
            (
                "expected a year or a span of years after `in`, found `2011..20166`".into(),
                9..t.len()
            )
        );
    }

    #[test]
    fn help_set_and_open_errors() {
        let t = "help neighbour";
        assert_eq!(
            err(t),
            (
                "unknown statement `neighbour`: did you mean `neighbours`?".into(),
                at(t, "neighbour", 0)
            )
        );
        let t = "help show more";
        assert_eq!(
            err(t),
            (
                "expected the end of the `help` statement, found `more`".into(),
                at(t, "more", 0)
            )
        );
        let t = "set fromat json";
        assert_eq!(
            err(t),
            (
                "unknown setting `fromat`: did you mean `format`?".into(),
                at(t, "fromat", 0)
            )
        );
        let t = "set format xml";
        assert_eq!(err(t), ("unknown format `xml`".into(), at(t, "xml", 0)));
        let t = "set format jsn";
        assert_eq!(
            err(t),
            (
                "unknown format `jsn`: did you mean `json`?".into(),
                at(t, "jsn", 0)
            )
        );
        let t = "open my graph.toml";
        assert_eq!(
            err(t),
            (
                "expected the end of the statement after the path, found `graph.toml`".into(),
                at(t, "graph.toml", 0)
            )
        );
        let t = "open \"\"";
        assert_eq!(
            err(t),
            (
                "expected a path after `open`, found an empty string".into(),
                5..7
            )
        );
    }

    #[test]
    fn string_errors() {
        let t = "show \"abc";
        assert_eq!(err(t), ("unterminated string".into(), 5..6));
        // An open string swallows the following lines, and is reported where it opens.
        let t = "stats\nshow \"abc\nstats\n";
        assert_eq!(err(t), ("unterminated string".into(), 11..12));
        let t = r#"show "a\qb""#;
        assert_eq!(err(t), ("unknown escape `\\q` in a string".into(), 7..9));
        let t = "show \"  \"";
        assert_eq!(
            err(t),
            (
                "expected a node after `show`, found an empty name".into(),
                5..9
            )
        );
    }

    #[test]
    fn errors_carry_labels_and_help() {
        let e = parse("neighbours \"X\" deph 2").unwrap_err();
        assert_eq!(e.label, "unknown option");
        assert_eq!(e.help.as_deref(), Some("`neighbours NODE` takes: depth N, kind K,..., rel R,..., dir out|in|both, in YEAR or in YEAR..YEAR"));
        let e = parse("centrality degree").unwrap_err();
        assert_eq!(e.label, "not available");
    }

    #[test]
    fn long_words_are_cut_in_messages() {
        let word = "x".repeat(1000);
        let (message, span) = err(&format!("{word} a"));
        assert_eq!(
            message,
            format!("unknown statement `{}…`", "x".repeat(SHOWN))
        );
        assert_eq!(span, 0..1000);
    }

    /// Regression tests for what the fuzz target found (fuzz/README.md), one per finding.
    #[test]
    fn fuzz_findings() {
        // Years are four digits: `0551` is 551, and must print back as `0551`.
        let q = one("neighbours CEBR in 0551");
        assert_eq!(q.time, Some(YearSpan { from: 551, to: 551 }));
        assert_eq!(q.to_string(), "neighbours CEBR in 0551");
        assert_eq!(
            one("stats in 0001..0010").to_string(),
            "stats in 0001..0010"
        );
    }

    /// Inputs can be whole files: each shape here is half a megabyte or so, and must parse in
    /// linear time (a quadratic step would take minutes) with bounded messages.
    #[test]
    fn long_inputs_parse_in_linear_time() {
        let n = 100_000;
        let shapes = [
            format!("show {}", "a ".repeat(n)),
            format!("show {} in Milan", "a ".repeat(n)),
            format!("neighbours x kind {}cluster", "cluster,".repeat(n / 2)),
            format!("neighbours x kind {}", "cluster,".repeat(n / 2)),
            "stats;".repeat(n),
            "\"".repeat(n),
            ",".repeat(n),
            "x".repeat(5 * n),
            format!("find {}", "é".repeat(n)),
            format!("show \"{}\"", "\\\"".repeat(n)),
            format!("open {}", "# ".repeat(n)),
        ];
        for text in shapes {
            if let Err(e) = parse(&text) {
                assert!(e.message.len() < 400, "{}", &e.message[..400]);
                assert!(text.get(e.span).is_some());
            }
        }
    }

    #[test]
    fn parse_statement_checks_its_span() {
        let text = "stats; show é";
        assert_eq!(
            parse_statement(text, 7..14).unwrap().statement,
            Statement::Show { node: node("é") }
        );
        assert_eq!(parse_statement(text, 7..13).unwrap_err().span, 14..14);
        assert_eq!(parse_statement(text, 7..99).unwrap_err().span, 14..14);
        let e = parse_statement(text, 0..14).unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.span),
            ("one statement at a time: this ends the statement", 5..6)
        );
    }

    // ---- split_statements ----

    #[test]
    fn split_statements_cuts_outside_strings_and_comments() {
        let text =
            "show \"a;b\nc\" ; stats;;\n  # a comment; not a statement\nshow #9CTL # the cluster\n";
        let got: Vec<&str> = split_statements(text)
            .into_iter()
            .map(|s| &text[s])
            .collect();
        assert_eq!(got, vec!["show \"a;b\nc\"", "stats", "show #9CTL"]);
        assert_eq!(split_statements("  \n ; # x"), Vec::<Span>::new());
        let text = "show \"open\nstats";
        assert_eq!(split_statements(text), vec![0..text.len()]);
        let text = "#!/usr/bin/env clustergraph run\nstats";
        assert_eq!(split_statements(text), vec![32..37]);
    }

    // ---- properties ----

    /// Pieces that make inputs likely to reach every branch of the parser.
    fn piece() -> impl Strategy<Value = String> {
        // Every statement and option keyword the lexer knows, and values, numbers and
        // punctuation that reach the edge cases.
        let words = lexer::STATEMENTS
            .iter()
            .chain(lexer::KEYWORDS)
            .chain(lexer::FORMATS);
        let fixed: Vec<&'static str> = words
            .copied()
            .chain([
                "format",
                "out",
                "both",
                "cluster",
                "member_of",
                "2016",
                "2011..2016",
                "..",
                "2011..",
                "0",
                "11",
                "-1",
                "99999999999999999999",
                "\"",
                "\\",
                ",",
                ";",
                "\n",
                "#",
                "# ",
                " ",
                "é",
                "\"a b\"",
                "\"\\q\"",
                "#9CTL",
            ])
            .collect();
        prop_oneof![
            4 => prop::sample::select(fixed).prop_map(String::from),
            1 => "[a-zé#\"\\\\.,; \n-]{1,6}",
            1 => any::<String>(),
        ]
    }

    fn soup() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..16).prop_map(|v| v.join(" "))
    }

    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z#][a-zA-Z0-9#._-]{0,8}",
            "[a-zA-Zé0-9 ,;\"\\\\\n\t#]{1,12}",
            prop::sample::select(vec![
                "#",
                "to",
                "IN",
                "Max",
                "Max Planck",
                "2016",
                "a..b",
                "-x",
                "show"
            ])
            .prop_map(String::from),
            any::<String>(),
        ]
        .prop_filter("names are not blank", |s| !s.trim().is_empty())
    }

    fn node_ref() -> impl Strategy<Value = NodeRef> {
        name().prop_map(|text| NodeRef { text, span: 0..0 })
    }

    fn kind_list() -> impl Strategy<Value = Vec<NodeKind>> {
        prop::collection::vec(prop::sample::select(NodeKind::ALL.to_vec()), 0..3)
    }

    fn rel_list() -> impl Strategy<Value = Vec<Rel>> {
        let all: Vec<Rel> = Rel::names().map(|n| Rel::parse(n).unwrap()).collect();
        prop::collection::vec(prop::sample::select(all), 0..3)
    }

    fn years() -> impl Strategy<Value = Option<YearSpan>> {
        prop::option::of((0..=9999i32, 0..=20i32).prop_map(|(from, len)| YearSpan {
            from,
            to: (from + len).min(9999),
        }))
    }

    fn query() -> impl Strategy<Value = Query> {
        let dir = prop::sample::select(vec![Dir::Out, Dir::In, Dir::Both]);
        let edge_readers = prop_oneof![
            node_ref().prop_map(|node| Statement::Show { node }),
            (node_ref(), 1..=10u32, kind_list(), rel_list(), dir).prop_map(
                |(node, depth, kinds, rels, dir)| Statement::Neighbours {
                    node,
                    depth,
                    kinds,
                    rels,
                    dir
                }
            ),
            (
                node_ref(),
                node_ref(),
                rel_list(),
                kind_list(),
                any::<bool>()
            )
                .prop_map(|(from, to, via, avoid, directed)| Statement::Path {
                    from,
                    to,
                    via,
                    avoid,
                    directed
                }),
            (
                node_ref(),
                node_ref(),
                1..=1000usize,
                prop::option::of(1..=20u32)
            )
                .prop_map(|(from, to, max, depth)| Statement::Paths {
                    from,
                    to,
                    max,
                    depth
                }),
            Just(Statement::Components),
            Just(Statement::Stats),
        ];
        let topics: Vec<Option<String>> = std::iter::once(None)
            .chain(
                lexer::STATEMENTS
                    .iter()
                    .filter(|s| **s != "neighbors")
                    .map(|s| Some(s.to_string())),
            )
            .collect();
        let others = prop_oneof![
            (name(), kind_list(), prop::option::of(1..=100_000usize))
                .prop_map(|(text, kinds, limit)| Statement::Find { text, kinds, limit }),
            prop::sample::select(topics).prop_map(|topic| Statement::Help { topic }),
            prop::sample::select(vec![Format::Table, Format::Json, Format::Csv])
                .prop_map(Statement::SetFormat),
            name().prop_map(|path| Statement::Open { path }),
        ];
        prop_oneof![
            (edge_readers, years()).prop_map(|(statement, time)| Query {
                statement,
                time,
                span: 0..0
            }),
            others.prop_map(|statement| Query {
                statement,
                time: None,
                span: 0..0
            }),
        ]
    }

    proptest! {
        // 256 cases keep `cargo test` fast; PROPTEST_CASES=100000 for a longer run.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
        ))]

        #[test]
        fn any_text_parses_or_errors_inside_the_text(text in prop_oneof![soup(), any::<String>()]) {
            for span in split_statements(&text) {
                prop_assert!(text.get(span.clone()).is_some_and(|s| !s.trim().is_empty()), "{:?}", span);
            }
            match parse(&text) {
                Ok(qs) => {
                    for q in qs {
                        prop_assert!(text.get(q.span.clone()).is_some());
                        let again = parse(&q.to_string());
                        prop_assert_eq!(again, Ok(vec![q.clone()]), "printed as {}", q);
                    }
                }
                Err(e) => {
                    prop_assert!(e.span.start <= e.span.end && text.get(e.span.clone()).is_some(),
                        "{:?} for {:?}", e.span, text);
                }
            }
        }

        #[test]
        fn printed_statements_parse_back(q in query()) {
            let text = q.to_string();
            prop_assert_eq!(parse(&text), Ok(vec![q]), "printed as {}", text);
        }
    }
}
