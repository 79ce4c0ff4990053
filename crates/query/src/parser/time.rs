//! The time filter, `in DATE` or `in D1..D2`, then `strict` or not, which every statement
//! that reads edges takes after its other parts. What it keeps is [`TimeFilter`]'s rule.

use super::{cut, is_keyword, Parser, SHOWN};
use clustergraph_core::{DateError, Period};

use crate::ast::Span;
use crate::error::SyntaxError;
use crate::grammar::StatementSpec;
use crate::lexer::{Token, TokenKind};
use crate::time::TimeFilter;

impl Parser<'_> {
    /// A time filter after `in`: `DATE` or `DATE..DATE` (also with spaces around `..`), then
    /// `strict` or not; refused for a statement that reads no edges.
    pub(super) fn time_filter(
        &mut self,
        spec: &StatementSpec,
        in_tok: &Token,
        bare_name: Option<(String, Span)>,
    ) -> Result<TimeFilter, SyntaxError> {
        let filter = self.time_value(in_tok, bare_name)?;
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
        Ok(filter)
    }

    /// The date or span after `in_tok` (`in`, `vs`, `over`), then `strict` or not.
    pub(super) fn time_value(
        &mut self,
        in_tok: &Token,
        bare_name: Option<(String, Span)>,
    ) -> Result<TimeFilter, SyntaxError> {
        let first = self.peek().cloned().filter(|t| t.kind == TokenKind::Word);
        // `2011..2016`, `2011-10..2012`, and with spaces around `..` (`2011 .. 2016`, `2011.. 2016`,
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
        let parsed = tries.iter().find_map(|&n| {
            let ws = words.get(..n)?;
            let joined: String = ws.iter().map(|t| text(t)).collect();
            let span = ws.first()?.span.start..ws.last()?.span.end;
            date_span(&joined).ok().map(|p| (p, span, n))
        });
        let Some((period, _, count)) = parsed else {
            // `show Living Room in Milan`: a bare name, `in`, and a word that is no date
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
            // A word that starts like a date: say what is wrong with the longest reading.
            if let Some(&n) = tries.first().filter(|_| !in_name && first.is_some()) {
                let ws = &words[..n];
                let joined: String = ws.iter().map(|t| text(t)).collect();
                let span = ws[0].span.start..ws[n - 1].span.end;
                if let Err(e) = date_span(&joined) {
                    return Err(match e {
                        DateError::Reversed { .. } => {
                            let (a, b) = joined.split_once("..").unwrap_or((&joined, ""));
                            SyntaxError::new(
                                span,
                                format!(
                                    "the span runs backwards: {} is after {}",
                                    a.trim(),
                                    b.trim()
                                ),
                            )
                            .with_label("backwards")
                            .with_help(format!(
                                "write `in {}..{}`",
                                b.trim(),
                                a.trim()
                            ))
                        }
                        other => SyntaxError::new(span, other.to_string())
                            .with_label("not a date")
                            .with_help(DATE_HELP),
                    });
                }
            }
            let after = self.slice(in_tok).to_ascii_lowercase();
            return Err(self
                .expected(
                    &format!("a date or a span of dates after `{after}`"),
                    "expected a date",
                )
                .with_help(DATE_HELP));
        };
        for _ in 0..count {
            self.bump();
        }
        let strict = self.peek_keyword(STRICT).is_some();
        if strict {
            self.bump();
        }
        Ok(TimeFilter::new(period, strict))
    }
}

/// The word after a time filter that drops undated edges too.
pub(crate) const STRICT: &str = "strict";

const DATE_HELP: &str = "a date is a year, a month or a day: write `in 2016`, `in 2016-11`, \
                         `in 2016-11-03` or a span such as `in 2011-10..2012`";

/// A date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) or a span of two (`D1..D2`), the year of four
/// digits.
fn date_span(word: &str) -> Result<Period, DateError> {
    if word.trim() != word {
        return Err(DateError::Shape { text: word.into() });
    }
    Period::parse(word)
}
