//! `find [TEXT] [options]` and `show NODE`: the statements that look nodes up.

use super::{Parsed, Parser};
use crate::ast::Statement;
use crate::error::SyntaxError;
use crate::grammar::{OptionKind, StatementSpec};

impl Parser<'_> {
    /// `find TEXT [kind K,...]`, or `find kind K,...` alone: every node of the kinds.
    pub(super) fn find(&mut self, spec: &StatementSpec) -> Parsed {
        let text = match self.option_first(spec) {
            Some(_) => None,
            None => Some(self.name(spec, "the text to find after `find`")?.0),
        };
        let options_at = self.peek().map(|t| t.span.clone());
        let mut o = self.options(spec)?;
        let kinds = o.kinds(OptionKind::Kind);
        if text.is_none() && kinds.is_empty() {
            let span = options_at.unwrap_or_else(|| self.at_end());
            return Err(SyntaxError::new(
                span,
                "`find` needs a text, or `kind K` to list every node of a kind",
            )
            .with_label("no text and no kind")
            .with_help("write `find lombardy` or `find kind cluster`"));
        }
        Ok((Statement::Find { text, kinds }, o.time))
    }

    pub(super) fn show(&mut self, spec: &StatementSpec) -> Parsed {
        let node = self.node(spec, "a node after `show`")?;
        self.finish(spec, Statement::Show { node })
    }
}
