//! `compare STATEMENT in T1 vs T2 [strict]`, `diff in T1 vs T2 [strict]` and
//! `over Y1..Y2 [strict] [step S] STATEMENT`: the statements about the graph at several
//! times. The statement inside is read by a second `Parser` over its own tokens, and must be
//! one of those that make sense over time, none of which holds another: the parser still
//! never goes deeper than that one level.

use clustergraph_core::NodeKind;

use super::{suggest, Parsed, Parser};
use crate::ast::{ChangeOrder, NodeRef, Statement};
use crate::error::SyntaxError;
use crate::grammar::{OptionKind, StatementKind, StatementSpec, MAX_STEPS};
use crate::lexer::{Token, TokenKind};
use crate::time::{Times, Years};

/// What `compare` compares.
const COMPARED: &[StatementKind] = &[
    StatementKind::Stats,
    StatementKind::Centrality,
    StatementKind::Communities,
    StatementKind::Neighbours,
];

/// What `over` follows through time.
const FOLLOWED: &[StatementKind] = &[StatementKind::Stats, StatementKind::Centrality];

impl Parser<'_> {
    /// Whether `tok` is the bare word `word` (any case); a quoted `"vs"` is a name.
    fn is_word(&self, tok: &Token, word: &str) -> bool {
        tok.kind == TokenKind::Word && self.slice(tok).eq_ignore_ascii_case(word)
    }

    /// `compare STATEMENT in T1 vs T2 [strict] [limit N]`: the statement is every token up
    /// to the last `in` before the first bare `vs`.
    pub(super) fn compare(&mut self, spec: &StatementSpec) -> Parsed {
        let start = self.pos;
        let Some(vs) = (start..self.tokens.len()).find(|&i| self.is_word(&self.tokens[i], "vs"))
        else {
            return Err(self.two_times_missing(start).with_help(spec.usage()));
        };
        let Some(in_at) = (start..vs)
            .rev()
            .find(|&i| self.is_word(&self.tokens[i], "in"))
        else {
            return Err(SyntaxError::new(
                self.tokens[vs].span.clone(),
                "expected `in T1` before `vs`",
            )
            .with_label("no first time")
            .with_help("write the two times as `in 2016 vs 2019`"));
        };
        if in_at == start {
            return Err(self
                .expected("a statement to compare", "expected a statement")
                .with_help(spec.usage()));
        }
        let (statement, limit) = self.inner(start, in_at, COMPARED, "compare")?;
        let times = self.two_times(in_at)?;
        let mut o = self.options(spec)?;
        let by = o
            .word(OptionKind::By)
            .and_then(ChangeOrder::from_word)
            .unwrap_or_default();
        if let Some(at) = o.span(OptionKind::By) {
            if !matches!(statement, Statement::Centrality { .. }) {
                return Err(
                    SyntaxError::new(at, "`by` orders the rows of `compare centrality`")
                        .with_label("centrality only")
                        .with_help("write `compare centrality METRIC in T1 vs T2 by rise`"),
                );
            }
        }
        self.limit = self.limit.or(limit);
        Ok((
            Statement::Compare {
                statement: Box::new(statement),
                times,
                by,
            },
            None,
        ))
    }

    /// `diff in T1 vs T2 [strict]`, the `in` next.
    pub(super) fn diff_times(&mut self, spec: &StatementSpec) -> Parsed {
        let times = self.two_times(self.pos)?;
        self.options(spec)?;
        Ok((Statement::DiffTimes { times }, None))
    }

    /// Whether the next token starts `diff in T1 vs T2` (rather than a file named `in`).
    pub(super) fn at_two_times(&self) -> bool {
        self.peek().is_some_and(|t| self.is_word(t, "in"))
    }

    /// `in T1 vs T2 [strict]` from the `in` at `in_at`; `strict` once, after the second time.
    fn two_times(&mut self, in_at: usize) -> Result<Times, SyntaxError> {
        self.pos = in_at;
        let Some(in_tok) = self.bump() else {
            return Err(self.two_times_missing(in_at));
        };
        let first = self.time_value(&in_tok, None)?;
        if first.strict {
            let strict = self.tokens[self.pos - 1].span.clone();
            return Err(
                SyntaxError::new(strict, "`strict` goes after the second time")
                    .with_label("after the first time")
                    .with_help(format!(
                        "it holds for both times: write `in {} vs T2 strict`",
                        first.span
                    )),
            );
        }
        let Some(vs_tok) = self.peek().filter(|t| self.is_word(t, "vs")).cloned() else {
            return Err(self
                .expected("`vs` and a second time", "expected `vs`")
                .with_help(format!("write `in {} vs 2019`", first.span)));
        };
        self.bump();
        let second = self.time_value(&vs_tok, None)?;
        Ok(Times {
            first: first.span,
            second: second.span,
            strict: second.strict,
        })
    }

    /// The error for a comparison without `in T1 vs T2`.
    fn two_times_missing(&self, from: usize) -> SyntaxError {
        let in_tok = (from..self.tokens.len()).find(|&i| self.is_word(&self.tokens[i], "in"));
        match in_tok {
            Some(i) => SyntaxError::new(
                self.tokens[i].span.clone(),
                "a comparison needs two times: `in T1 vs T2`",
            )
            .with_label("one time only"),
            None => SyntaxError::new(
                self.at_end(),
                "expected the two times to compare: `in T1 vs T2`",
            )
            .with_label("expected `in T1 vs T2`"),
        }
    }

    /// `over Y1..Y2 [strict] [step S] STATEMENT`: the years, then `stats`, or `centrality
    /// METRIC NODE [options]`.
    pub(super) fn over(&mut self, spec: &StatementSpec) -> Parsed {
        let over_tok = self.tokens[self.pos - 1].clone();
        let first_date = self.pos;
        if let Some(tok) = self
            .peek()
            .filter(|t| t.kind == TokenKind::Word && NodeKind::parse(self.slice(t)).is_some())
        {
            return Err(SyntaxError::new(
                tok.span.clone(),
                "a statement that starts with `over` is a time series: `over Y1..Y2 STATEMENT`",
            )
            .with_label("a kind, not years")
            .with_help(
                "the projection `over K,...` follows `centrality`, `communities` or `neighbours`: `centrality betweenness over organisation`",
            ));
        }
        let years = self.time_value(&over_tok, None)?;
        let span = years.span;
        let whole_years = |d: clustergraph_core::Date| d.month.is_none();
        if !whole_years(span.start) || !whole_years(span.end) {
            let at = self.tokens[first_date].span.start..self.tokens[self.pos - 1].span.end;
            return Err(SyntaxError::new(at, "`over` steps through whole years")
                .with_label("not a year")
                .with_help(format!(
                    "write the years: `over {}..{} stats`",
                    span.start.year, span.end.year
                )));
        }
        let (from, to) = (span.start.year, span.end.year);
        let mut step = 1u32;
        if self.peek().is_some_and(|t| self.is_word(t, "step")) {
            self.bump();
            step = self.number("step", 1, MAX_STEPS as u64)? as u32;
        }
        let steps = (to - from) as usize / step as usize + 1;
        if steps > MAX_STEPS {
            return Err(SyntaxError::new(
                over_tok.span.start..self.tokens[self.pos - 1].span.end,
                format!("{steps} steps is more than `over` takes ({MAX_STEPS})"),
            )
            .with_label("too many steps")
            .with_help("take fewer years, or a larger `step`"));
        }
        let start = self.pos;
        if start == self.tokens.len() {
            return Err(self
                .expected(
                    "the statement to follow: `stats` or `centrality METRIC NODE`",
                    "expected a statement",
                )
                .with_help(spec.usage()));
        }
        // `centrality METRIC NODE ...`: the node is taken out, the rest read as `centrality`.
        let mut node: Option<NodeRef> = None;
        let mut tokens: Vec<Token> = Vec::new();
        if self.is_word(&self.tokens[start], StatementKind::Centrality.keyword())
            && start + 2 < self.tokens.len()
        {
            let centrality = StatementKind::Centrality.spec();
            tokens.extend(self.tokens[start..start + 2].iter().cloned());
            self.pos = start + 2;
            node = Some(self.node(centrality, "the node whose score to follow")?);
        }
        let rest = self.pos;
        tokens.extend(self.tokens[rest..].iter().cloned());
        let (statement, limit) = self.inner_tokens(tokens, FOLLOWED, "over")?;
        if let (Statement::Centrality { metric, .. }, None) = (&statement, &node) {
            return Err(SyntaxError::new(
                self.at_end(),
                format!("expected the node whose {} to follow", metric.as_str()),
            )
            .with_label("expected a node")
            .with_help(format!(
                "write `over {from}..{to} centrality {} NODE`",
                metric.as_str()
            )));
        }
        if let Statement::Centrality { top, kinds, .. } = &statement {
            if top.is_some() || !kinds.is_empty() {
                return Err(SyntaxError::new(
                    self.tokens[start].span.start..self.end,
                    "`over` follows one node's score: `top` and `kind` choose among nodes",
                )
                .with_label("one node")
                .with_help("write `over 2012..2016 centrality betweenness NODE`"));
            }
        }
        self.pos = self.tokens.len();
        self.limit = self.limit.or(limit);
        Ok((
            Statement::Series {
                years: Years {
                    from,
                    to,
                    step,
                    strict: years.strict,
                },
                statement: Box::new(statement),
                node,
            },
            None,
        ))
    }

    /// The statement of the tokens `from..to`, one of `allowed`, with its limit.
    fn inner(
        &mut self,
        from: usize,
        to: usize,
        allowed: &[StatementKind],
        outer: &str,
    ) -> Result<(Statement, Option<usize>), SyntaxError> {
        let tokens = self.tokens[from..to].to_vec();
        self.inner_tokens(tokens, allowed, outer)
    }

    /// The statement of `tokens` (part of this statement's), one of `allowed`, with its
    /// limit; it takes no time filter of its own, the outer statement gives the times.
    fn inner_tokens(
        &mut self,
        tokens: Vec<Token>,
        allowed: &[StatementKind],
        outer: &str,
    ) -> Result<(Statement, Option<usize>), SyntaxError> {
        let listed = || {
            let words: Vec<String> = allowed
                .iter()
                .map(|k| format!("`{}`", k.keyword()))
                .collect();
            match words.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => words.join(""),
            }
        };
        let Some(first) = tokens.first().cloned() else {
            return Err(self.expected("a statement", "expected a statement"));
        };
        let word = if first.kind == TokenKind::Word {
            self.slice(&first)
        } else {
            ""
        };
        if !StatementKind::from_word(word).is_some_and(|k| allowed.contains(&k)) {
            let mut message = format!(
                "`{outer}` takes {}, not {}",
                listed(),
                self.describe(&first)
            );
            if let Some(s) = suggest(word, allowed.iter().map(|k| k.keyword())) {
                message.push_str(&format!(": did you mean `{s}`?"));
            }
            let usage = StatementKind::from_word(outer).map(|k| k.spec().usage());
            let err = SyntaxError::new(first.span, message).with_label("not over time");
            return Err(match usage {
                Some(u) => err.with_help(u),
                None => err,
            });
        }
        if let Some(t) = tokens.iter().find(|t| self.is_word(t, "in")) {
            return Err(SyntaxError::new(
                t.span.clone(),
                format!("`{outer}` gives the times: the statement inside takes none"),
            )
            .with_label("a second time filter")
            .with_help(if outer == "over" {
                "write the years once, after `over`: `over 2012..2016 stats`"
            } else {
                "write the times once, at the end: `compare stats in 2016 vs 2019`; quote a name that contains `in`"
            }));
        }
        let end = tokens.last().map_or(first.span.end, |t| t.span.end);
        let mut inner = Parser {
            text: self.text,
            tokens,
            pos: 0,
            end,
            prev_bare_name: None,
            last_list: None,
            limit: None,
        };
        let (statement, _) = inner.statement()?;
        Ok((statement, inner.limit))
    }
}
