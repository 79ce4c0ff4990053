//! Problems found in a text — a graph source file or a statement — each with its place,
//! rendered the way rustc renders its errors.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// The longest a token of the user's text is shown in a message, in characters.
pub const SHOWN: usize = 60;

/// `text` as a terminal may show it: control characters (which could clear the screen or set
/// the window title) written as escapes (`\u{1b}`), and cut to `max` characters with an
/// ellipsis. Line breaks are kept only when `lines` is set.
pub fn printable(text: &str, max: usize, lines: bool) -> String {
    let mut out = String::with_capacity(text.len().min(max.saturating_mul(4)));
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if (c.is_control() && !(lines && c == '\n') && c != '\t') || is_invisible_format(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that reorder or hide text (bidirectional overrides and isolates).
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The longest message or help shown, in characters: tokens in them are cut already, this is
/// the bound behind that.
const MAX_MESSAGE: usize = 4000;

/// One problem at one place in a text.
///
/// **The span always lies within the text, on character boundaries**: [`Diagnostic::new`]
/// clamps it there, and the fields are private so that nothing moves it afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    path: String,
    text: Arc<str>,
    span: Range<usize>,
    message: String,
    label: String,
    help: Option<String>,
    /// A warning (the graph loads) rather than an error.
    warning: bool,
}

impl Diagnostic {
    /// A problem at `span` of `text`, which came from `path`. A span past the end of the
    /// text is cut at its end, a reversed one is emptied at its end, and ends inside a
    /// character are widened to the whole character.
    pub fn new(
        path: &str,
        text: &Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.to_string(),
            text: Arc::clone(text),
            span: clamp(text, span),
            message: printable(&message.into(), MAX_MESSAGE, false),
            label: String::new(),
            help: None,
            warning: false,
        }
    }

    /// Makes it a warning: something worth knowing that does not stop the load.
    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }

    /// Whether it is a warning rather than an error.
    pub fn is_warning(&self) -> bool {
        self.warning
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(printable(&help.into(), MAX_MESSAGE, true));
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help.map(|h| printable(&h, MAX_MESSAGE, true));
        self
    }

    /// The file the text came from, as the user named it (`<statement>` for typed input).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The whole text, for the excerpt.
    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    /// Byte range of the offending token: within the text, on character boundaries.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// What is wrong, in one sentence.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The short label under the token (empty when there is none).
    pub fn label_text(&self) -> &str {
        &self.label
    }

    /// The likely fix, if one can be suggested.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// 1-based line and column (in characters) of the span's start.
    pub fn line_col(&self) -> (usize, usize) {
        // Bytes, not `str::matches`: this runs once per diagnostic, on texts of megabytes.
        let before = &self.text[..self.span.start];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before
            .bytes()
            .rposition(|b| b == b'\n')
            .map_or(0, |p| p + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// The rustc-style report: message, `--> file:line:col`, the excerpt with the token
    /// underlined, and the suggested fix. `styled` adds ANSI colours.
    pub fn render(&self, styled: bool) -> String {
        let level = if self.warning {
            Level::WARNING
        } else {
            Level::ERROR
        };
        let title = level.primary_title(&self.message);
        let mut group = Group::with_title(title);
        if !self.text.is_empty() {
            // Only the lines of the span go to the renderer, numbered from where they are:
            // handing it the whole text would cost its length (and memory per line) for each
            // diagnostic of a large file.
            let (start, end, line) = self.excerpt();
            let span = self.span.start - start..self.span.end.min(end) - start;
            group = group.element(
                Snippet::source(&self.text[start..end])
                    .line_start(line)
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

impl Diagnostic {
    /// The byte range of the lines the span covers (at most [`MAX_EXCERPT`] bytes past its
    /// first line), and the number of its first line.
    fn excerpt(&self) -> (usize, usize, usize) {
        let text = self.text.as_bytes();
        let start = text[..self.span.start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let line = text[..start].iter().filter(|&&b| b == b'\n').count() + 1;
        let line_end = |from: usize| {
            text[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |p| from + p)
        };
        let first_end = line_end(self.span.start);
        let mut end = line_end(self.span.end.max(first_end));
        if end - first_end > MAX_EXCERPT {
            end = first_end;
        }
        (start, end, line)
    }
}

/// How far past its first line the excerpt of a diagnostic may reach.
const MAX_EXCERPT: usize = 1 << 16;

/// `span` moved within `text`, on character boundaries (see [`Diagnostic::new`]).
fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let mut end = span.end.min(text.len());
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
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

    #[test]
    fn spans_are_clamped_to_the_text_and_its_characters() {
        let text: Arc<str> = Arc::from("aé b");
        let at = |span: Range<usize>| Diagnostic::new("t", &text, span, "m").span();
        assert_eq!(at(2..2), 1..3, "inside `é`: the whole character");
        assert_eq!(at(2..40), 1..5, "past the end: cut at the end");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 4..1;
        assert_eq!(at(reversed), 1..1, "reversed: empty at its end");
        assert_eq!(at(9..12), 5..5);
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any span of any text, even one past its end, reversed or inside a character,
        /// renders (once it went through the constructor) without looping or panicking.
        #[test]
        fn any_span_of_any_text_renders(
            text in "(\\PC|\n|\t){0,40}",
            start in 0usize..60,
            end in 0usize..60,
            help in proptest::option::of("\\PC{0,10}"),
        ) {
            let text: Arc<str> = Arc::from(text.as_str());
            let d = Diagnostic::new("f.toml", &text, start..end, "message")
                .label("label")
                .help_opt(help);
            let span = d.span();
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let _ = d.render(false);
            let _ = d.render(true);
            let _ = d.to_string();
        }
    }
}
