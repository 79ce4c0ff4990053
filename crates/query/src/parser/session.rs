//! `open [PATH]`, `save PATH`, `diff PATH [PATH]`, `set format F` and `help [STATEMENT]`: the
//! statements about the session and its files rather than the graph.

use super::{join, unknown, Parsed, Parser};
use crate::ast::{Format, Statement};
use crate::error::SyntaxError;
use crate::grammar::{self, OptionKind, StatementKind, StatementSpec, FORMATS, SETTINGS};
use crate::lexer::{unquote, TokenKind};

impl Parser<'_> {
    /// `open PATH`, or `open` alone (the built-in graph).
    pub(super) fn open(&mut self, spec: &StatementSpec) -> Parsed {
        let path = match self.peek() {
            None => None,
            Some(_) => Some(self.file_path(spec, false)?),
        };
        let mut o = self.options(spec)?;
        let add = o.flag(OptionKind::Add);
        Ok((Statement::Open { path, add }, o.time))
    }

    pub(super) fn save(&mut self, spec: &StatementSpec) -> Parsed {
        let path = self.file_path(spec, false)?;
        self.finish(spec, Statement::Save { path })
    }

    /// `diff PATH [PATH]`.
    pub(super) fn diff(&mut self, spec: &StatementSpec) -> Parsed {
        let from = self.file_path(spec, true)?;
        let to = match self.peek() {
            Some(t) if t.kind == TokenKind::Str || t.kind == TokenKind::Word => {
                Some(self.file_path(spec, false)?)
            }
            _ => None,
        };
        self.finish(spec, Statement::Diff { from, to })
    }

    /// A path to read or write: one bare word or a quoted string, which only the
    /// statement's options may follow (or, with `another`, a second path).
    pub(super) fn file_path(
        &mut self,
        spec: &StatementSpec,
        another: bool,
    ) -> Result<String, SyntaxError> {
        let name = spec.name();
        match self.peek().cloned() {
            Some(tok) if tok.kind == TokenKind::Str => {
                let path = unquote(self.text, tok.span.clone())?;
                if path.trim().is_empty() {
                    return Err(SyntaxError::new(
                        tok.span,
                        format!("expected a path after `{name}`, found an empty string"),
                    )
                    .with_label("empty path"));
                }
                self.bump();
                Ok(path)
            }
            Some(tok) if tok.kind == TokenKind::Word => {
                self.bump();
                if let Some(next) = self.peek().filter(|t| {
                    !another
                        && t.kind == TokenKind::Word
                        && !self.slice(t).eq_ignore_ascii_case("in")
                        && !spec
                            .optional_keywords()
                            .any(|o| o.keyword().eq_ignore_ascii_case(self.slice(t)))
                }) {
                    return Err(SyntaxError::new(
                        next.span.clone(),
                        format!(
                            "expected the end of the statement after the path, found {}",
                            self.describe(next)
                        ),
                    )
                    .with_label("after the path")
                    .with_help(format!(
                        "quote a path that contains spaces: `{name} \"my graphs/clusters.toml\"`"
                    )));
                }
                Ok(self.slice(&tok).to_string())
            }
            _ => Err(self
                .expected(&format!("a path after `{name}`"), "expected a path")
                .with_help(spec.usage())),
        }
    }

    /// `set format table|json|csv`.
    pub(super) fn set(&mut self, spec: &StatementSpec) -> Parsed {
        let Some(tok) = self.peek_word() else {
            return Err(self
                .expected("a setting after `set`", "expected a setting")
                .with_help(spec.usage()));
        };
        let word = self.slice(&tok);
        if word.eq_ignore_ascii_case("rows") {
            self.bump();
            let n = self.number("rows", 1, u32::MAX as u64)?;
            return self.finish(spec, Statement::SetRows(n as usize));
        }
        if SETTINGS.find(word).is_none() {
            return Err(SyntaxError::new(
                tok.span,
                unknown(
                    SETTINGS.noun,
                    word,
                    "",
                    SETTINGS.values.iter().copied().chain(["rows"]),
                ),
            )
            .with_label("unknown setting")
            .with_help(spec.usage()));
        }
        self.bump();
        let Some(tok) = self.peek_word() else {
            return Err(self.expected(
                &format!("{} after `format`", FORMATS.listed()),
                "expected a format",
            ));
        };
        let word = self.slice(&tok);
        let Some(format) = Format::from_word(word) else {
            return Err(SyntaxError::new(
                tok.span,
                unknown(FORMATS.noun, word, "", FORMATS.values.iter().copied()),
            )
            .with_label("unknown format")
            .with_help(format!("formats: {}", FORMATS.values.join(", "))));
        };
        self.bump();
        self.finish(spec, Statement::SetFormat(format))
    }

    /// `help [STATEMENT]`; the topic is any statement word, `neighbors` read as `neighbours`,
    /// and those not in this build too (help says so).
    pub(super) fn help(&mut self, spec: &StatementSpec) -> Parsed {
        let all = grammar::statement_words;
        let topic = match self.peek_word() {
            Some(t) if !self.slice(&t).eq_ignore_ascii_case("in") => {
                let word = self.slice(&t);
                let Some(topic) = all().find(|s| s.eq_ignore_ascii_case(word)) else {
                    return Err(
                        SyntaxError::new(t.span, unknown("statement", word, "", all()))
                            .with_label("unknown statement")
                            .with_help(format!("`help` takes one of: {}", join(all()))),
                    );
                };
                self.bump();
                let canonical = StatementKind::from_word(topic).map_or(topic, |k| k.keyword());
                Some(canonical.to_string())
            }
            _ => None,
        };
        self.finish(spec, Statement::Help { topic })
    }
}
