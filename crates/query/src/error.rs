//! The errors of the query crate: [`SyntaxError`], a statement that does not parse, with the
//! place it is about; [`ExecError`], a statement that parsed but could not run.

use std::sync::Arc;

use clustergraph_core::Diagnostic;

use crate::ast::Span;

/// A statement that could not be parsed: a message at a span of the text, with a short label
/// under it and the likely fix.
///
/// ```
/// let e = clustergraph_query::parse(r#"neighbours "X" deph 2"#).unwrap_err();
/// assert_eq!(e.message(), "unknown option `deph` for `neighbours`: did you mean `depth`?");
/// assert_eq!((e.span(), e.label()), (15..19, "unknown option"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    span: Span,
    message: String,
    label: String,
    help: Option<String>,
}

impl SyntaxError {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Self {
        SyntaxError {
            span,
            message: message.into(),
            label: String::new(),
            help: None,
        }
    }

    pub(crate) fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Byte range of the offending token in the text given to the parser; empty at the end
    /// of the statement when something is missing.
    pub fn span(&self) -> Span {
        self.span.clone()
    }

    /// What is wrong ("expected a number after `depth`, found `x`").
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A short label under the token ("expected a number", "unknown option").
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The likely fix ("did you mean `neighbours`?", what the statement takes).
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The report with a caret under the token; `path` names the script or `<statement>`.
    pub fn diagnostic(&self, path: &str, text: &Arc<str>) -> Diagnostic {
        Diagnostic::new(path, text, self.span.clone(), self.message.clone())
            .label(self.label.clone())
            .help_opt(self.help.clone())
    }
}

/// A statement that parsed but could not run.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExecError {
    /// No node has this id, name or alias.
    #[error("no node is called `{text}`")]
    UnknownNode {
        text: String,
        span: Span,
        /// The nearest nodes, or how to find one.
        help: String,
    },
    /// Several nodes have this name or alias.
    #[error("`{text}` names {count} nodes")]
    AmbiguousNode {
        text: String,
        span: Span,
        count: usize,
        /// The candidates, one a line.
        help: String,
    },
    /// The statement was abandoned by Ctrl-C (the session's cancellation flag).
    #[error("interrupted")]
    Interrupted,
    /// `open` could not load the graph; the graph in use is unchanged.
    #[error("cannot open `{path}`; the graph in use is unchanged")]
    Open {
        path: String,
        span: Span,
        help: String,
        /// Problems in the graph's own text, each with its place, for the caller to print
        /// after this error.
        causes: Vec<Diagnostic>,
    },
    /// `save` could not write the snapshot; the file there, if any, is unchanged.
    #[error("cannot save `{path}`")]
    Save {
        path: String,
        span: Span,
        /// Why.
        help: String,
    },
    /// `export` could not write its file; nothing is left under its name but the old file.
    #[error("cannot export to `{path}`")]
    Export {
        path: String,
        span: Span,
        /// Why (the system's reason, or the attribute in the way).
        help: String,
    },
    /// An iterative metric did not reach its tolerance within NetworkX's iteration limit
    /// (NetworkX raises `PowerIterationFailedConvergence` in the same case).
    #[error("{metric} did not converge within {max_iter} iterations (tolerance {tol:e})")]
    NotConverged {
        metric: &'static str,
        max_iter: usize,
        tol: f64,
        /// The statement.
        span: Span,
        /// Why, and what to run instead.
        help: String,
    },
    /// A statement that would write a file refused to: too much to draw, or nothing.
    #[error("{message}")]
    Refused {
        message: String,
        /// The statement.
        span: Span,
        /// What to do instead.
        help: String,
    },
    /// A file could not be written; nothing was left under its name.
    #[error("cannot write `{path}`: {message}")]
    Write {
        path: String,
        message: String,
        /// The statement.
        span: Span,
    },
    /// An algorithm refused its arguments (the grammar's ranges make this rare).
    #[error("{message}")]
    InvalidArgument {
        message: String,
        /// The statement.
        span: Span,
    },
}

impl ExecError {
    /// The span of the statement text the error is about, if any.
    pub fn span(&self) -> Option<Span> {
        match self {
            ExecError::UnknownNode { span, .. }
            | ExecError::AmbiguousNode { span, .. }
            | ExecError::Open { span, .. }
            | ExecError::Save { span, .. }
            | ExecError::Export { span, .. }
            | ExecError::NotConverged { span, .. }
            | ExecError::Refused { span, .. }
            | ExecError::Write { span, .. }
            | ExecError::InvalidArgument { span, .. } => Some(span.clone()),
            ExecError::Interrupted => None,
        }
    }

    /// A short label under the token.
    pub fn label(&self) -> &'static str {
        match self {
            ExecError::UnknownNode { .. } => "unknown node",
            ExecError::AmbiguousNode { .. } => "ambiguous",
            ExecError::Open { .. } | ExecError::Save { .. } => "here",
            ExecError::Export { .. } => "not written",
            ExecError::NotConverged { .. } => "did not converge",
            ExecError::InvalidArgument { .. } => "invalid argument",
            ExecError::Refused { .. } => "nothing written",
            ExecError::Write { .. } => "not written",
            ExecError::Interrupted => "interrupted",
        }
    }

    /// The likely fix.
    pub fn help(&self) -> Option<&str> {
        match self {
            ExecError::UnknownNode { help, .. }
            | ExecError::AmbiguousNode { help, .. }
            | ExecError::Open { help, .. }
            | ExecError::Save { help, .. }
            | ExecError::Export { help, .. }
            | ExecError::NotConverged { help, .. }
            | ExecError::Refused { help, .. } => Some(help),
            ExecError::Interrupted
            | ExecError::InvalidArgument { .. }
            | ExecError::Write { .. } => None,
        }
    }

    /// Problems in another text that caused this one (a graph source `open` could not load).
    pub fn causes(&self) -> &[Diagnostic] {
        match self {
            ExecError::Open { causes, .. } => causes,
            _ => &[],
        }
    }

    /// The report with a caret under the token, for errors that have a place in the
    /// statement; `path` names the script or `<statement>`.
    pub fn diagnostic(&self, path: &str, text: &Arc<str>) -> Option<Diagnostic> {
        let span = self.span()?;
        Some(
            Diagnostic::new(path, text, span, self.to_string())
                .label(self.label())
                .help_opt(self.help().map(str::to_string)),
        )
    }
}
