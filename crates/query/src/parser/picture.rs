//! `draw` and `export`: the statements that write a picture or a page of the graph to a file.
//! `draw`'s file comes last, after the options (`draw LE2C depth 2 le2c.svg`), so it is
//! taken out of the statement first: the last token that ends in `.svg`.

use super::{Parsed, Parser};
use crate::ast::{DrawWhat, ExportFormat, Metric, Statement};
use crate::error::SyntaxError;
use crate::grammar::{OptionKind, StatementKind, StatementSpec, EXPORT_FORMATS};
use crate::lexer::{unquote, TokenKind};

impl Parser<'_> {
    pub(super) fn draw(&mut self, spec: &StatementSpec) -> Parsed {
        let file = self.output(spec, ".svg")?;
        // `draw over 2012..2016 stats PATH.svg`: a time series, as a line chart.
        let years_next = self
            .tokens
            .get(self.pos + 1)
            .is_some_and(|t| self.slice(t).starts_with(|c: char| c.is_ascii_digit()));
        if self.peek_keyword("over").is_some() && years_next {
            self.bump();
            let (series, _) = self.over(StatementKind::Over.spec())?;
            return Ok((
                Statement::Draw {
                    what: DrawWhat::Series(Box::new(series)),
                    file,
                },
                None,
            ));
        }
        let path_form = self.peek_keyword("path").is_some() && self.tokens.len() > self.pos + 1;
        if path_form {
            self.bump();
            let from = self.node(spec, "the node the path starts at")?;
            if self.peek_keyword("to").is_none() {
                return Err(self
                    .expected("`to` and the node the path ends at", "expected `to`")
                    .with_help("write `draw path NODE to NODE PATH.svg`"));
            }
            self.bump();
            let to = self.node(spec, "the node the path ends at")?;
            let o = self.options(spec)?;
            if let Some((option, span)) = o.spans.first() {
                return Err(SyntaxError::new(
                    span.clone(),
                    format!("`draw path` takes no option `{}`", option.keyword()),
                )
                .with_label("not for a path")
                .with_help(
                    "a path is drawn whole; `in Y1..Y2` keeps only the edges of those years",
                ));
            }
            return Ok((
                Statement::Draw {
                    what: DrawWhat::Path { from, to },
                    file,
                },
                o.time,
            ));
        }
        let node = self.node(spec, "a node")?;
        let mut o = self.options(spec)?;
        let what = DrawWhat::Around {
            node,
            depth: o.number(OptionKind::Depth).map_or(1, |d| d as u32),
            kinds: o.kinds(OptionKind::Kind),
            rels: o.rels(OptionKind::Rel),
            size: o
                .word(OptionKind::Size)
                .map(|w| Metric::from_word(w).expect("a value of METRICS is a metric")),
        };
        Ok((Statement::Draw { what, file }, o.time))
    }

    /// Takes the statement's output file out of its tokens: the last word or string that
    /// ends in `ext` (in any case).
    fn output(&mut self, spec: &StatementSpec, ext: &str) -> Result<String, SyntaxError> {
        let ends = |s: &str| {
            s.len() > ext.len()
                && s.is_char_boundary(s.len() - ext.len())
                && s[s.len() - ext.len()..].eq_ignore_ascii_case(ext)
        };
        let mut found = None;
        for (i, tok) in self.tokens.iter().enumerate().skip(self.pos).rev() {
            let text = match tok.kind {
                TokenKind::Word => self.slice(tok).to_string(),
                TokenKind::Str => unquote(self.text, tok.span.clone())?,
                _ => continue,
            };
            if ends(text.trim_end()) {
                found = Some((i, text));
                break;
            }
        }
        let Some((i, file)) = found else {
            let end = self.at_end();
            return Err(SyntaxError::new(
                end,
                format!("expected the file to write, ending in `{ext}`"),
            )
            .with_label(format!("a file ending in `{ext}` here"))
            .with_help(spec.usage()));
        };
        if i == self.pos {
            return Err(SyntaxError::new(
                self.tokens[i].span.clone(),
                format!("expected a node before the file `{file}`"),
            )
            .with_label("the file comes last")
            .with_help(spec.usage()));
        }
        self.tokens.remove(i);
        Ok(file)
    }

    pub(super) fn export(&mut self, spec: &StatementSpec) -> Parsed {
        let word = self.one_of("export", &EXPORT_FORMATS)?;
        let format = ExportFormat::from_word(word).expect("a value of EXPORT_FORMATS is a format");
        let path = self.file_path(spec, false)?;
        let mut o = self.options(spec)?;
        let depth = o.number(OptionKind::Depth);
        let around = match o.node(OptionKind::Around) {
            Some(node) => Some((node, depth.map_or(1, |d| d as u32))),
            None => {
                if let Some(span) = o.span(OptionKind::Depth) {
                    return Err(SyntaxError::new(
                        span,
                        "`depth` counts hops from the node given by `around`, which is not given",
                    )
                    .with_label("without around")
                    .with_help(format!("write `export {word} PATH around NODE depth N`")));
                }
                None
            }
        };
        Ok((
            Statement::Export {
                format,
                path,
                around,
            },
            o.time,
        ))
    }
}
