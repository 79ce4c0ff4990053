//! The time filter, `in YEAR` or `in Y1..Y2`, which every statement that reads edges takes
//! after its other parts.

use super::{cut, is_keyword, Parser, SHOWN};
use crate::ast::{Span, YearSpan};
use crate::error::SyntaxError;
use crate::grammar::StatementSpec;
use crate::lexer::{Token, TokenKind};

impl Parser<'_> {
    /// A time filter after `in`: `YEAR` or `YEAR..YEAR` (also with spaces around `..`).
    pub(super) fn time_filter(
        &mut self,
        spec: &StatementSpec,
        in_tok: &Token,
        bare_name: Option<(String, Span)>,
    ) -> Result<YearSpan, SyntaxError> {
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
                return Err(SyntaxError::new(
                    in_tok.span.clone(),
                    "to use `in` inside a name, quote the name",
                )
                .with_label("`in` ends the name here")
                .with_help(format!(
                    "write `\"{}\"`",
                    cut(&format!("{name} in{rest}"), 4 * SHOWN)
                )));
            }
            return Err(self
                .expected("a year or a span of years after `in`", "expected a year")
                .with_help("a year has four digits: write `in 2016` or `in 2011..2016`"));
        };
        let YearSpan { from, to } = years;
        if from > to {
            return Err(SyntaxError::new(
                span,
                format!("the span of years runs backwards: {from} is after {to}"),
            )
            .with_label("backwards")
            .with_help(format!("write `in {to}..{from}`")));
        }
        if !spec.reads_edges {
            return Err(SyntaxError::new(
                in_tok.span.clone(),
                format!(
                    "`{}` does not read edges, so it takes no time filter",
                    spec.name()
                ),
            )
            .with_label("no time filter here"));
        }
        for _ in 0..count {
            self.bump();
        }
        Ok(years)
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
