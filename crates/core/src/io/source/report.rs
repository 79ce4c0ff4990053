//! The last pass: the problems every other pass found, in reading order, repeats folded, and
//! a count of the ones past the limit.

use std::collections::HashMap;
use std::ops::Range;

use super::SourceFile;
use crate::diagnostic::Diagnostic;

/// How many problems are reported in full; past it they are only counted. A generated
/// file with thousands of bad lines would otherwise bury the first ones, and each rendered
/// problem costs a scan of its file.
pub(super) const MAX_REPORTED: usize = 100;

/// How many problems with the same message are shown before the rest are only counted: one
/// broken `[[document]]` would otherwise bring one "unknown document" per citation.
const SAME_SHOWN: usize = 3;

/// Collects diagnostics, each tied to one of the files.
pub(super) struct Checker<'a> {
    files: &'a [SourceFile],
    diagnostics: Vec<Diagnostic>,
    /// Problems found past [`MAX_REPORTED`].
    unreported: usize,
    /// Warnings: what does not stop the load (a node or edge that cites no document).
    warnings: Vec<Diagnostic>,
    /// Warnings found past [`MAX_WARNED`].
    unwarned: usize,
}

/// The problems reported so far, as counts: see [`Checker::mark`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark {
    reported: usize,
    unreported: usize,
}

/// How many warnings are shown in full; past it they are only counted.
pub(super) const MAX_WARNED: usize = 10;

impl<'a> Checker<'a> {
    pub(super) fn new(files: &'a [SourceFile]) -> Self {
        Checker {
            files,
            diagnostics: Vec::new(),
            unreported: 0,
            warnings: Vec::new(),
            unwarned: 0,
        }
    }

    /// Records a warning at `span` of file `file`, or only counts it past [`MAX_WARNED`].
    pub(super) fn warn(
        &mut self,
        file: usize,
        span: Range<usize>,
        message: String,
        label: &str,
        help: &str,
    ) {
        if self.warnings.len() >= MAX_WARNED {
            self.unwarned += 1;
            return;
        }
        let d = self.at(file, span, message, label).help(help).warning();
        self.warnings.push(d);
    }

    /// A diagnostic at `span` of file `file`.
    fn at(&self, file: usize, span: Range<usize>, message: String, label: &str) -> Diagnostic {
        let f = &self.files[file];
        Diagnostic::new(&f.path, &f.text, span, message).label(label)
    }

    /// The warnings, in reading order, the last saying how many more there are.
    pub(super) fn take_warnings(&mut self) -> Vec<Diagnostic> {
        let mut warnings = std::mem::take(&mut self.warnings);
        if let (Some(last), true) = (warnings.last(), self.unwarned > 0) {
            let help = format!(
                "{}; {} more warnings like these are not shown",
                last.help_text().unwrap_or_default(),
                self.unwarned
            );
            let last = warnings.pop().expect("there is a last one").help(help);
            warnings.push(last);
        }
        warnings
    }

    /// The files the problems are in.
    pub(super) fn files(&self) -> &'a [SourceFile] {
        self.files
    }

    /// Reports a problem at `span` of file `file`, or only counts it past [`MAX_REPORTED`].
    pub(super) fn error(
        &mut self,
        file: usize,
        span: Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        if self.full() {
            self.unreported += 1;
            return;
        }
        let d = self.at(file, span, message, label).help_opt(help);
        self.diagnostics.push(d);
    }

    /// Where the problems stand, to [`rollback`](Self::rollback) to.
    pub(super) fn mark(&self) -> Mark {
        Mark {
            reported: self.diagnostics.len(),
            unreported: self.unreported,
        }
    }

    /// Forgets the problems reported since `mark` (a reading that is given up for another).
    pub(super) fn rollback(&mut self, mark: Mark) {
        self.diagnostics.truncate(mark.reported);
        self.unreported = mark.unreported;
    }

    /// Whether further problems are only counted (so costly suggestions can be skipped).
    pub(super) fn full(&self) -> bool {
        self.diagnostics.len() >= MAX_REPORTED
    }

    /// Counts a problem that is not reported in full (call only when [`full`](Self::full)).
    pub(super) fn count(&mut self) {
        self.unreported += 1;
    }

    /// `path:line:col` of `span` in file `file`, for a message that points elsewhere.
    pub(super) fn place(&self, file: usize, span: &Range<usize>) -> String {
        let f = &self.files[file];
        let (line, col) = Diagnostic::new(&f.path, &f.text, span.clone(), "").line_col();
        format!("{}:{line}:{col}", f.path)
    }

    /// `Ok` when no problem was found; otherwise every problem in reading order (by file,
    /// then by place in the file), repeats folded, and a last one counting those past
    /// [`MAX_REPORTED`].
    pub(super) fn finish(self) -> Result<(), Vec<Diagnostic>> {
        if self.diagnostics.is_empty() {
            return Ok(());
        }
        let order: HashMap<&str, usize> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_str(), i))
            .collect();
        let mut diagnostics = self.diagnostics;
        diagnostics.sort_by_key(|d| (order.get(d.path()).copied(), d.span().start));
        let mut diagnostics = fold_repeats(diagnostics);
        if self.unreported > 0 {
            let last = diagnostics
                .last()
                .expect("problems were reported before any was counted");
            let end = last.text().len();
            let more = Diagnostic::new(
                last.path(),
                last.text(),
                end..end,
                format!("{} more problems are not shown", self.unreported),
            )
            .label("and more")
            .help("mend the ones above and load again");
            diagnostics.push(more);
        }
        Err(diagnostics)
    }
}

/// Keeps the first [`SAME_SHOWN`] problems of each message; the last one kept says how many
/// more there are.
fn fold_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut total: HashMap<String, usize> = HashMap::new();
    for d in &diagnostics {
        *total.entry(d.message().to_string()).or_default() += 1;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for d in diagnostics {
        let n = seen.entry(d.message().to_string()).or_default();
        *n += 1;
        let all = total[d.message()];
        if *n > SAME_SHOWN {
            continue;
        }
        if *n == SAME_SHOWN && all > SAME_SHOWN {
            let more = format!(
                "{} more problems like this one are not shown",
                all - SAME_SHOWN
            );
            let help = match d.help_text() {
                Some(h) => format!("{h}; {more}"),
                None => more,
            };
            out.push(d.help(help));
            continue;
        }
        out.push(d);
    }
    out
}
