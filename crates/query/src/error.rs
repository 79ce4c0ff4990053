//! The one error type of the query crate: a problem at a place in the statement text.

use std::sync::Arc;

use clustergraph_core::Diagnostic;

use crate::ast::Span;

const INTERRUPTED: &str = "interrupted";

/// A statement that could not be parsed or executed, with the token it is about.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    /// Byte range of the offending token in the text given to the parser.
    pub span: Span,
    pub message: String,
    /// A short label under the token ("expected a number", "unknown node").
    pub label: String,
    /// The likely fix ("did you mean `neighbours`?", candidate nodes with their kinds).
    pub help: Option<String>,
    /// Problems in another text that caused this one (a graph source that `open` could not
    /// load), for the binary to print after this error, each with its own place.
    pub causes: Vec<Diagnostic>,
}

impl QueryError {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        QueryError {
            span,
            message: message.into(),
            label: String::new(),
            help: None,
            causes: Vec::new(),
        }
    }

    /// The statement was abandoned by Ctrl-C.
    pub fn interrupted() -> Self {
        QueryError::new(0..0, INTERRUPTED)
    }

    pub fn is_interrupted(&self) -> bool {
        self.message == INTERRUPTED && self.span == (0..0)
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The report with a caret under the token; `path` names the script or `<statement>`.
    pub fn diagnostic(&self, path: &str, text: &Arc<str>) -> Diagnostic {
        Diagnostic::new(path, text, self.span.clone(), self.message.clone())
            .label(self.label.clone())
            .help_opt(self.help.clone())
    }
}
