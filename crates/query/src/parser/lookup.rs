//! `find TEXT [options]` and `show NODE`: the statements that look nodes up.

use super::{Parsed, Parser};
use crate::ast::Statement;
use crate::grammar::{OptionKind, StatementSpec};

impl Parser<'_> {
    pub(super) fn find(&mut self, spec: &StatementSpec) -> Parsed {
        let (text, _) = self.name(spec, "the text to find after `find`")?;
        let mut o = self.options(spec)?;
        let statement = Statement::Find {
            text,
            kinds: o.kinds(OptionKind::Kind),
            limit: o.number(OptionKind::Limit).map(|n| n as usize),
        };
        Ok((statement, o.time))
    }

    pub(super) fn show(&mut self, spec: &StatementSpec) -> Parsed {
        let node = self.node(spec, "a node after `show`")?;
        self.finish(spec, Statement::Show { node })
    }
}
