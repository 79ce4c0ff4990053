//! `neighbours NODE`, `path NODE to NODE` and `paths NODE to NODE`: the statements that walk
//! from a node.

use super::{Parsed, Parser};
use crate::ast::{Dir, NodeRef, Statement};
use crate::error::SyntaxError;
use crate::grammar::{OptionKind, StatementSpec};

impl Parser<'_> {
    pub(super) fn neighbours(&mut self, spec: &StatementSpec) -> Parsed {
        let node = self.node(spec, "a node after `neighbours`")?;
        let mut o = self.options(spec)?;
        let over = super::analytics::projection(&mut o)?;
        if over.is_some() {
            let walk = [
                OptionKind::Depth,
                OptionKind::Rel,
                OptionKind::Dir,
                OptionKind::Avoid,
            ];
            if let Some((option, span)) = walk.iter().find_map(|&k| o.span(k).map(|s| (k, s))) {
                return Err(SyntaxError::new(
                    span,
                    format!(
                        "`{}` shapes a walk, and `over` lists the neighbours of the projection",
                        option.keyword()
                    ),
                )
                .with_label("not with over")
                .with_help("write `neighbours NODE over K,... via R,... [kind K,...]`"));
            }
        }
        let statement = Statement::Neighbours {
            node,
            depth: o.number(OptionKind::Depth).map_or(1, |d| d as u32),
            kinds: o.kinds(OptionKind::Kind),
            rels: o.rels(OptionKind::Rel),
            dir: o
                .word(OptionKind::Dir)
                .and_then(Dir::from_word)
                .unwrap_or_default(),
            avoid: o.kinds(OptionKind::Avoid),
            over,
            named: o.node(OptionKind::Named),
        };
        Ok((statement, o.time))
    }

    pub(super) fn path(&mut self, spec: &StatementSpec) -> Parsed {
        let (from, to) = self.two_nodes(spec)?;
        let mut o = self.options(spec)?;
        let statement = Statement::Path {
            from,
            to,
            via: o.rels(OptionKind::Via),
            avoid: o.kinds(OptionKind::Avoid),
            directed: o.flag(OptionKind::Directed),
        };
        Ok((statement, o.time))
    }

    pub(super) fn paths(&mut self, spec: &StatementSpec) -> Parsed {
        let (from, to) = self.two_nodes(spec)?;
        let mut o = self.options(spec)?;
        let statement = Statement::Paths {
            from,
            to,
            max: o
                .number(OptionKind::Max)
                .map_or(crate::DEFAULT_PATHS, |n| n as usize),
            depth: o.number(OptionKind::Depth).map(|d| d as u32),
            via: o.rels(OptionKind::Via),
            avoid: o.kinds(OptionKind::Avoid),
            directed: o.flag(OptionKind::Directed),
        };
        Ok((statement, o.time))
    }

    /// `NODE to NODE`.
    fn two_nodes(&mut self, spec: &StatementSpec) -> Result<(NodeRef, NodeRef), SyntaxError> {
        let name = spec.name();
        let from = self.node(spec, &format!("a node after `{name}`"))?;
        if self.peek_keyword(OptionKind::To.keyword()).is_none() {
            return Err(self
                .expected("`to` after the first node", "expected `to`")
                .with_help(format!(
                    "write `{name} NODE to NODE`; quote a name that contains `to`"
                )));
        }
        self.bump();
        let to = self.node(spec, "a node after `to`")?;
        Ok((from, to))
    }
}
