//! `match` and `explain`: the pattern query itself is Cypher, parsed by [`crate::cypher`];
//! this hands it the statement's text and reads the time filter after it.

use super::{Parsed, Parser};
use crate::ast::Statement;
use crate::grammar::{StatementKind, StatementSpec};
use crate::lexer::Token;

impl Parser<'_> {
    /// `MATCH ...` from the statement word on (`OPTIONAL MATCH ...` too), or `explain` and a
    /// query; then `in DATE` if given.
    pub(super) fn pattern(&mut self, spec: &StatementSpec, word: &Token) -> Parsed {
        let explain = spec.kind == StatementKind::Explain;
        let start = if explain {
            match self.peek() {
                Some(t) => t.span.start,
                None => {
                    return Err(self
                        .expected("a pattern query after `explain`", "expected `MATCH`")
                        .with_help(spec.usage()))
                }
            }
        } else {
            word.span.start
        };
        let (query, stop) = crate::cypher::parse(self.text, start..self.end)?;
        while self.peek().is_some_and(|t| t.span.start < stop) {
            self.bump();
        }
        let o = self.options(spec)?;
        Ok((Statement::Match { query, explain }, o.time))
    }
}
