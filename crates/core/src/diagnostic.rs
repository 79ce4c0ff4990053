//! Problems found in a text — a graph source file or a statement — each with its place,
//! rendered the way rustc renders its errors.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One problem at one place in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the text came from, as the user named it (`<statement>` for typed input).
    pub path: String,
    /// The whole text, for the excerpt.
    pub text: Arc<str>,
    /// Byte range of the offending token.
    pub span: Range<usize>,
    pub message: String,
    /// A short label under the token.
    pub label: String,
    /// The likely fix, if one can be suggested.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        path: &str,
        text: &Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let end = span.end.min(text.len());
        let start = span.start.min(end);
        Diagnostic {
            path: path.to_string(),
            text: Arc::clone(text),
            span: start..end,
            message: message.into(),
            label: String::new(),
            help: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// 1-based line and column (in characters) of the span's start.
    pub fn line_col(&self) -> (usize, usize) {
        let mut start = self.span.start.min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &self.text[..start];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// The rustc-style report: message, `--> file:line:col`, the excerpt with the token
    /// underlined, and the suggested fix. `styled` adds ANSI colours.
    pub fn render(&self, styled: bool) -> String {
        let mut span = self.span.clone();
        while !self.text.is_char_boundary(span.start) {
            span.start -= 1;
        }
        while !self.text.is_char_boundary(span.end) {
            span.end += 1;
        }
        let title = Level::ERROR.primary_title(&self.message);
        let mut group = Group::with_title(title);
        if !self.text.is_empty() {
            group = group.element(
                Snippet::source(&*self.text)
                    .path(&self.path)
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span).label(&self.label)),
            );
        }
        let mut report = vec![group];
        if let Some(help) = &self.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help)));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let out = renderer.render(&report);
        if self.text.is_empty() {
            // No excerpt to carry the place: say it in the first line.
            format!("{}: {out}", self.path)
        } else {
            out
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:col: message (help)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{line}:{col}: {}", self.path, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_renders() {
        let text: Arc<str> = Arc::from("a = 1\nto = \"le2d\"\n");
        let d = Diagnostic::new("x.toml", &text, 11..17, "unknown node id `le2d`")
            .label("no node has this id")
            .help("did you mean `le2c`?");
        assert_eq!(d.line_col(), (2, 6));
        assert_eq!(
            d.to_string(),
            "x.toml:2:6: unknown node id `le2d` (did you mean `le2c`?)"
        );
        let r = d.render(false);
        assert!(r.contains("error: unknown node id `le2d`"), "{r}");
        assert!(r.contains("x.toml:2:6"), "{r}");
        assert!(r.contains("^^^^^^ no node has this id"), "{r}");
        assert!(r.contains("help: did you mean `le2c`?"), "{r}");
    }
}
