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
mod tests;
