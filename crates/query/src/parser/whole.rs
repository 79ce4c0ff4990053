//! `components` and `stats`: the statements about the whole graph, which take only the time
//! filter.

use super::{Parsed, Parser};
use crate::ast::Statement;
use crate::grammar::StatementSpec;

impl Parser<'_> {
    pub(super) fn components(&mut self, spec: &StatementSpec) -> Parsed {
        self.finish(spec, Statement::Components)
    }

    pub(super) fn stats(&mut self, spec: &StatementSpec) -> Parsed {
        self.finish(spec, Statement::Stats)
    }
}
