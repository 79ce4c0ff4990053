//! The syntax tree of statements. Every statement prints back (`Display`) to text that parses
//! to the same tree, so scripts can be normalised and the fuzz target can check round trips.

use std::fmt;
use std::ops::Range;

use clustergraph_core::{NodeKind, Rel};

use crate::grammar::StatementKind;

/// Byte range of a token in the text that was parsed.
pub type Span = Range<usize>;

/// A node as the analyst wrote it: an id, a name or an alias, resolved at execution.
#[derive(Clone, Debug)]
pub struct NodeRef {
    pub text: String,
    pub span: Span,
}

/// Equality ignores spans, so that a reprinted statement equals the original.
impl PartialEq for NodeRef {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// `dir out|in|both`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dir {
    Out,
    In,
    #[default]
    Both,
}

impl Dir {
    /// `out`, `in` or `both`, in any case.
    pub fn from_word(word: &str) -> Option<Dir> {
        match crate::grammar::DIRECTIONS.find(word)? {
            "out" => Some(Dir::Out),
            "in" => Some(Dir::In),
            _ => Some(Dir::Both),
        }
    }
}

/// Output formats, for `set format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

impl Format {
    /// `table`, `json` or `csv`, in any case.
    pub fn from_word(word: &str) -> Option<Format> {
        match crate::grammar::FORMATS.find(word)? {
            "table" => Some(Format::Table),
            "json" => Some(Format::Json),
            _ => Some(Format::Csv),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// A time filter, `in 2016` or `in 2011..2016`: a span of years, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearSpan {
    pub from: i32,
    pub to: i32,
}

/// The metrics of `centrality`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Degree,
    Betweenness,
    Closeness,
    Harmonic,
    PageRank,
    Eigenvector,
    Katz,
    KCore,
    Clustering,
    Constraint,
    EffectiveSize,
}

impl Metric {
    /// Every metric, in the order `help` lists them.
    pub const ALL: &'static [Metric] = &[
        Metric::Degree,
        Metric::Betweenness,
        Metric::Closeness,
        Metric::Harmonic,
        Metric::PageRank,
        Metric::Eigenvector,
        Metric::Katz,
        Metric::KCore,
        Metric::Clustering,
        Metric::Constraint,
        Metric::EffectiveSize,
    ];

    /// The metric's name in the language (`kcore`, `effective_size`).
    pub fn as_str(self) -> &'static str {
        crate::grammar::METRICS.values[self as usize]
    }

    /// The metric named `word`, in any case.
    pub fn from_word(word: &str) -> Option<Metric> {
        let name = crate::grammar::METRICS.find(word)?;
        Metric::ALL.iter().copied().find(|m| m.as_str() == name)
    }
}

/// The algorithms of `communities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CommunityMethod {
    #[default]
    Louvain,
    LabelPropagation,
}

impl CommunityMethod {
    /// `louvain` or `labelprop`.
    pub fn as_str(self) -> &'static str {
        match self {
            CommunityMethod::Louvain => "louvain",
            CommunityMethod::LabelPropagation => "labelprop",
        }
    }

    /// The algorithm named `word`, in any case.
    pub fn from_word(word: &str) -> Option<CommunityMethod> {
        match crate::grammar::COMMUNITY_METHODS.find(word)? {
            "louvain" => Some(CommunityMethod::Louvain),
            _ => Some(CommunityMethod::LabelPropagation),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    /// `find TEXT [kind K,...] [limit N]`
    Find {
        text: String,
        kinds: Vec<NodeKind>,
        limit: Option<usize>,
    },
    /// `show NODE`
    Show { node: NodeRef },
    /// `neighbours NODE [depth N] [kind K,...] [rel R,...] [dir out|in|both]`
    Neighbours {
        node: NodeRef,
        depth: u32,
        kinds: Vec<NodeKind>,
        rels: Vec<Rel>,
        dir: Dir,
    },
    /// `path NODE to NODE [via R,...] [avoid K,...] [directed]`
    Path {
        from: NodeRef,
        to: NodeRef,
        via: Vec<Rel>,
        avoid: Vec<NodeKind>,
        directed: bool,
    },
    /// `paths NODE to NODE [max N] [depth D]`
    Paths {
        from: NodeRef,
        to: NodeRef,
        max: usize,
        depth: Option<u32>,
    },
    /// `centrality METRIC [top N] [kind K,...] [directed] [sample K] [seed S]`
    Centrality {
        metric: Metric,
        top: Option<usize>,
        kinds: Vec<NodeKind>,
        directed: bool,
        /// Betweenness from this many sampled sources, drawn with `seed`.
        sample: Option<usize>,
        seed: Option<u64>,
    },
    /// `components`
    Components,
    /// `bridges`
    Bridges,
    /// `communities [louvain|labelprop] [seed S] [resolution R]`
    Communities {
        method: CommunityMethod,
        seed: Option<u64>,
        resolution: Option<f64>,
    },
    /// `stats`
    Stats,
    /// `help [STATEMENT]`
    Help { topic: Option<String> },
    /// `set format table|json|csv`
    SetFormat(Format),
    /// `open PATH [add]`: replaces the graph in use, or with `add` joins the graph to it.
    Open { path: String, add: bool },
}

impl Statement {
    /// Which statement of the grammar this is.
    pub fn kind(&self) -> StatementKind {
        match self {
            Statement::Find { .. } => StatementKind::Find,
            Statement::Show { .. } => StatementKind::Show,
            Statement::Neighbours { .. } => StatementKind::Neighbours,
            Statement::Path { .. } => StatementKind::Path,
            Statement::Paths { .. } => StatementKind::Paths,
            Statement::Centrality { .. } => StatementKind::Centrality,
            Statement::Components => StatementKind::Components,
            Statement::Bridges => StatementKind::Bridges,
            Statement::Communities { .. } => StatementKind::Communities,
            Statement::Stats => StatementKind::Stats,
            Statement::Help { .. } => StatementKind::Help,
            Statement::SetFormat(_) => StatementKind::Set,
            Statement::Open { .. } => StatementKind::Open,
        }
    }
}

/// A statement with its optional time filter and its place in the text.
#[derive(Clone, Debug)]
pub struct Query {
    pub statement: Statement,
    pub time: Option<YearSpan>,
    pub span: Span,
}

impl PartialEq for Query {
    fn eq(&self, other: &Self) -> bool {
        self.statement == other.statement && self.time == other.time
    }
}

/// Prints a node reference bare when it reads back as one token, else quoted.
fn write_node(f: &mut fmt::Formatter<'_>, n: &NodeRef) -> fmt::Result {
    write_text(f, &n.text)
}

fn write_text(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    // A lone `#` would read as a comment.
    let bare = !s.is_empty()
        && s != "#"
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '#'))
        && !crate::grammar::is_keyword(s)
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-');
    if bare {
        f.write_str(s)
    } else {
        f.write_str("\"")?;
        for c in s.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                c => write!(f, "{c}")?,
            }
        }
        f.write_str("\"")
    }
}

fn write_list<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    keyword: &str,
    items: &[T],
) -> fmt::Result {
    if !items.is_empty() {
        write!(f, " {keyword} ")?;
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{it}")?;
        }
    }
    Ok(())
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Statement::Find { text, kinds, limit } => {
                f.write_str("find ")?;
                write_text(f, text)?;
                write_list(f, "kind", kinds)?;
                if let Some(n) = limit {
                    write!(f, " limit {n}")?;
                }
                Ok(())
            }
            Statement::Show { node } => {
                f.write_str("show ")?;
                write_node(f, node)
            }
            Statement::Neighbours {
                node,
                depth,
                kinds,
                rels,
                dir,
            } => {
                f.write_str("neighbours ")?;
                write_node(f, node)?;
                if *depth != 1 {
                    write!(f, " depth {depth}")?;
                }
                write_list(f, "kind", kinds)?;
                write_list(f, "rel", rels)?;
                match dir {
                    Dir::Both => Ok(()),
                    Dir::Out => f.write_str(" dir out"),
                    Dir::In => f.write_str(" dir in"),
                }
            }
            Statement::Path {
                from,
                to,
                via,
                avoid,
                directed,
            } => {
                f.write_str("path ")?;
                write_node(f, from)?;
                f.write_str(" to ")?;
                write_node(f, to)?;
                write_list(f, "via", via)?;
                write_list(f, "avoid", avoid)?;
                if *directed {
                    f.write_str(" directed")?;
                }
                Ok(())
            }
            Statement::Paths {
                from,
                to,
                max,
                depth,
            } => {
                f.write_str("paths ")?;
                write_node(f, from)?;
                f.write_str(" to ")?;
                write_node(f, to)?;
                if *max != crate::DEFAULT_PATHS {
                    write!(f, " max {max}")?;
                }
                if let Some(d) = depth {
                    write!(f, " depth {d}")?;
                }
                Ok(())
            }
            Statement::Centrality {
                metric,
                top,
                kinds,
                directed,
                sample,
                seed,
            } => {
                write!(f, "centrality {}", metric.as_str())?;
                if let Some(n) = top {
                    write!(f, " top {n}")?;
                }
                write_list(f, "kind", kinds)?;
                if *directed {
                    f.write_str(" directed")?;
                }
                if let Some(k) = sample {
                    write!(f, " sample {k}")?;
                }
                if let Some(s) = seed {
                    write!(f, " seed {s}")?;
                }
                Ok(())
            }
            Statement::Components => f.write_str("components"),
            Statement::Bridges => f.write_str("bridges"),
            Statement::Communities {
                method,
                seed,
                resolution,
            } => {
                write!(f, "communities {}", method.as_str())?;
                if let Some(s) = seed {
                    write!(f, " seed {s}")?;
                }
                if let Some(r) = resolution {
                    // `{}` prints the shortest text that reads back as the same number.
                    write!(f, " resolution {r}")?;
                }
                Ok(())
            }
            Statement::Stats => f.write_str("stats"),
            Statement::Help { topic: None } => f.write_str("help"),
            Statement::Help { topic: Some(t) } => write!(f, "help {t}"),
            Statement::SetFormat(fmt_) => write!(f, "set format {}", fmt_.as_str()),
            Statement::Open { path, add } => {
                f.write_str("open ")?;
                write_text(f, path)?;
                if *add {
                    f.write_str(" add")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.statement)?;
        match self.time {
            // Years are read as four digits, so `in 0551` prints back as written.
            Some(YearSpan { from, to }) if from == to => write!(f, " in {from:04}"),
            Some(YearSpan { from, to }) => write!(f, " in {from:04}..{to:04}"),
            None => Ok(()),
        }
    }
}
