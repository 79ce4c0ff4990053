//! `centrality METRIC`, `bridges` and `communities [louvain|labelprop]`: the network
//! analytics, each computed on the whole (time-filtered) graph.

use super::{unknown, Options, Parsed, Parser};
use crate::ast::{CommunityMethod, Metric, Projection, Statement};
use crate::error::SyntaxError;
use crate::grammar::{is_keyword, OptionKind, StatementSpec, COMMUNITY_METHODS, METRICS};
use crate::lexer::TokenKind;

impl Parser<'_> {
    pub(super) fn centrality(&mut self, spec: &StatementSpec) -> Parsed {
        let word = self
            .one_of("centrality", &METRICS)
            .map_err(|e| e.with_help(format!("metrics: {}", METRICS.values.join(", "))))?;
        let metric = Metric::from_word(word).expect("a value of METRICS is a metric");
        let mut o = self.options(spec)?;
        // Options that only make sense together are refused at the option that does not fit.
        if let Some(span) = o.span(OptionKind::Sample) {
            if metric != Metric::Betweenness {
                return Err(SyntaxError::new(
                    span,
                    format!("`sample` estimates betweenness, not {}", metric.as_str()),
                )
                .with_label("betweenness only")
                .with_help("write `centrality betweenness sample K [seed S]`"));
            }
        } else if let Some(span) = o.span(OptionKind::Seed) {
            return Err(SyntaxError::new(
                span,
                "`seed` draws the sources of `sample`, which is not given",
            )
            .with_label("without sample")
            .with_help(
                "write `centrality betweenness sample K seed S`; exact metrics need no seed",
            ));
        }
        let over = projection(&mut o)?;
        if let Some(span) = o.span(OptionKind::Directed).filter(|_| over.is_some()) {
            return Err(SyntaxError::new(span, "a projection is undirected")
                .with_label("not with over")
                .with_help("write `centrality METRIC over K,... via R,...` without `directed`"));
        }
        let statement = Statement::Centrality {
            metric,
            top: o.number(OptionKind::Top).map(|n| n as usize),
            kinds: o.kinds(OptionKind::Kind),
            directed: o.flag(OptionKind::Directed),
            sample: o.number(OptionKind::Sample).map(|n| n as usize),
            seed: o.number(OptionKind::Seed),
            over,
        };
        Ok((statement, o.time))
    }

    pub(super) fn bridges(&mut self, spec: &StatementSpec) -> Parsed {
        self.finish(spec, Statement::Bridges)
    }

    pub(super) fn communities(&mut self, spec: &StatementSpec) -> Parsed {
        let mut method = CommunityMethod::default();
        if let Some(tok) = self.peek().filter(|t| t.kind == TokenKind::Word).cloned() {
            let word = self.slice(&tok);
            if let Some(m) = CommunityMethod::from_word(word) {
                method = m;
                self.bump();
            } else if !is_keyword(word) {
                return Err(SyntaxError::new(
                    tok.span,
                    unknown(
                        COMMUNITY_METHODS.noun,
                        word,
                        "",
                        COMMUNITY_METHODS.values.iter().copied(),
                    ),
                )
                .with_label("unknown algorithm")
                .with_help(format!("write `{}`", spec.syntax())));
            }
        }
        let mut o = self.options(spec)?;
        if method == CommunityMethod::LabelPropagation {
            if let Some(span) = o.span(OptionKind::Seed).or(o.span(OptionKind::Resolution)) {
                return Err(SyntaxError::new(
                    span,
                    "label propagation takes no seed or resolution: it is deterministic",
                )
                .with_label("louvain only")
                .with_help(
                    "write `communities labelprop`, or `communities louvain seed S resolution R`",
                ));
            }
        }
        let over = projection(&mut o)?;
        let statement = Statement::Communities {
            method,
            seed: o.number(OptionKind::Seed),
            resolution: o.real(OptionKind::Resolution),
            over,
        };
        Ok((statement, o.time))
    }
}

/// `over K,... [via R,...]`, taken from the options; `via` alone is refused.
pub(super) fn projection(o: &mut Options) -> Result<Option<Projection>, SyntaxError> {
    let via_span = o.span(OptionKind::Via);
    let kinds = o.kinds(OptionKind::Over);
    let via = o.rels(OptionKind::Via);
    if kinds.is_empty() {
        return match via_span {
            Some(span) => Err(SyntaxError::new(
                span,
                "`via` names the edges through which a projection's nodes share a neighbour, and no `over` says onto which kinds",
            )
            .with_label("without over")
            .with_help("write `over organisation via partner_in,leads`")),
            None => Ok(None),
        };
    }
    Ok(Some(Projection { kinds, via }))
}
