//! The syntax tree of statements. Every statement prints back (`Display`) to text that parses
//! to the same tree, so scripts can be normalised and the fuzz target can check round trips.

use std::fmt;
use std::ops::Range;

use clustergraph_core::{NodeKind, Rel};

use crate::grammar::StatementKind;
use crate::time::TimeFilter;

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
    /// `find [TEXT] [kind K,...]`: without a text, every node of the kinds.
    Find {
        text: Option<String>,
        kinds: Vec<NodeKind>,
    },
    /// `show NODE` (or `show DOCUMENT`, a document's key)
    Show { node: NodeRef },
    /// `documents`
    Documents,
    /// `neighbours NODE [depth N] [kind K,...] [rel R,...] [dir out|in|both] [avoid K,...]`
    Neighbours {
        node: NodeRef,
        depth: u32,
        kinds: Vec<NodeKind>,
        rels: Vec<Rel>,
        dir: Dir,
        /// Kinds the walk does not pass through (it may reach them).
        avoid: Vec<NodeKind>,
        /// `over K,... [via R,...]`: the node's neighbours in the projection instead, each
        /// with the neighbours they share (depth 1, no `rel`, `dir` or `avoid`).
        over: Option<Projection>,
        /// `named TEXT`: only the nodes whose id, name or an alias contains TEXT (folded).
        named: Option<NodeRef>,
    },
    /// `path NODE to NODE [via R,...] [avoid K,...] [directed]`
    Path {
        from: NodeRef,
        to: NodeRef,
        via: Vec<Rel>,
        avoid: Vec<NodeKind>,
        directed: bool,
    },
    /// `paths NODE to NODE [max N] [depth D] [via R,...] [avoid K,...] [directed]`
    Paths {
        from: NodeRef,
        to: NodeRef,
        max: usize,
        depth: Option<u32>,
        via: Vec<Rel>,
        avoid: Vec<NodeKind>,
        directed: bool,
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
        /// `over K,... [via R,...]`: on the projection instead of the graph.
        over: Option<Projection>,
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
        /// `over K,... [via R,...]`: on the projection instead of the graph.
        over: Option<Projection>,
    },
    /// `stats`
    Stats,
    /// `help [STATEMENT]`
    Help { topic: Option<String> },
    /// `set format table|json|csv`
    SetFormat(Format),
    /// `set rows N`: the row limit of pattern queries.
    SetRows(usize),
    /// A pattern query (`MATCH ...`), or its plan (`explain MATCH ...`).
    Match {
        query: crate::cypher::PatternQuery,
        explain: bool,
    },
    /// `open [PATH [add]]`: without a path, the built-in seed graph; with `add`, the graph at
    /// PATH joined to the one in use.
    Open { path: Option<String>, add: bool },
    /// `save PATH`
    Save { path: String },
    /// `diff PATH [PATH]`: from the first graph to the second, or to the graph in use.
    Diff { from: String, to: Option<String> },
    /// `export FORMAT PATH [around NODE [depth N]]`
    Export {
        format: ExportFormat,
        path: String,
        /// The node whose neighbourhood is written, and the depth (1 unless given).
        around: Option<(NodeRef, u32)>,
    },
    /// `draw NODE [depth N] [kind K,...] [rel R,...] [size METRIC] PATH.svg` or
    /// `draw path NODE to NODE PATH.svg`
    Draw { what: DrawWhat, file: String },
}

/// The formats of `export`: the exchange formats core writes, and the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// GraphML, GEXF, node-link JSON, DOT or Neo4j CSV, written by core.
    Graph(clustergraph_core::io::ExportFormat),
    /// The explorer: one self-contained HTML page, written by the draw crate.
    Html,
}

impl ExportFormat {
    pub fn from_word(word: &str) -> Option<ExportFormat> {
        match crate::grammar::EXPORT_FORMATS.find(word)? {
            "html" => Some(ExportFormat::Html),
            other => clustergraph_core::io::ExportFormat::from_word(other).map(ExportFormat::Graph),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Graph(f) => f.as_str(),
            ExportFormat::Html => "html",
        }
    }
}

/// What `draw` draws.
#[derive(Clone, Debug, PartialEq)]
pub enum DrawWhat {
    /// The neighbourhood of a node.
    Around {
        node: NodeRef,
        depth: u32,
        kinds: Vec<NodeKind>,
        rels: Vec<Rel>,
        size: Option<Metric>,
    },
    /// One shortest path, left to right.
    Path { from: NodeRef, to: NodeRef },
}

impl Statement {
    /// Which statement of the grammar this is.
    pub fn kind(&self) -> StatementKind {
        match self {
            Statement::Find { .. } => StatementKind::Find,
            Statement::Show { .. } => StatementKind::Show,
            Statement::Documents => StatementKind::Documents,
            Statement::Neighbours { .. } => StatementKind::Neighbours,
            Statement::Path { .. } => StatementKind::Path,
            Statement::Paths { .. } => StatementKind::Paths,
            Statement::Centrality { .. } => StatementKind::Centrality,
            Statement::Components => StatementKind::Components,
            Statement::Bridges => StatementKind::Bridges,
            Statement::Communities { .. } => StatementKind::Communities,
            Statement::Stats => StatementKind::Stats,
            Statement::Help { .. } => StatementKind::Help,
            Statement::SetFormat(_) | Statement::SetRows(_) => StatementKind::Set,
            Statement::Match { explain: false, .. } => StatementKind::Match,
            Statement::Match { explain: true, .. } => StatementKind::Explain,
            Statement::Open { .. } => StatementKind::Open,
            Statement::Save { .. } => StatementKind::Save,
            Statement::Diff { .. } => StatementKind::Diff,
            Statement::Export { .. } => StatementKind::Export,
            Statement::Draw { .. } => StatementKind::Draw,
        }
    }
}

/// `over K,... [via R,...]`: the graph projected onto its nodes of the kinds `kinds`, two
/// linked when they share a neighbour through edges of the types `via` (any if empty), as
/// NetworkX's `bipartite.projected_graph`; each link keeps how many neighbours they share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    pub kinds: Vec<NodeKind>,
    pub via: Vec<Rel>,
}

impl fmt::Display for Projection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_list(f, "over", &self.kinds)?;
        write_list(f, "via", &self.via)
    }
}

/// A statement with the options every statement of its sort takes (the time filter, the
/// limit on rows) and its place in the text.
#[derive(Clone, Debug)]
pub struct Query {
    pub statement: Statement,
    pub time: Option<TimeFilter>,
    /// `limit N`: at most N rows (a statement that returns rows; `find` has a default).
    pub limit: Option<usize>,
    pub span: Span,
}

impl PartialEq for Query {
    fn eq(&self, other: &Self) -> bool {
        self.statement == other.statement && self.time == other.time && self.limit == other.limit
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

fn write_over(f: &mut fmt::Formatter<'_>, over: &Option<Projection>) -> fmt::Result {
    match over {
        Some(p) => write!(f, "{p}"),
        None => Ok(()),
    }
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Statement::Find { text, kinds } => {
                f.write_str("find")?;
                if let Some(text) = text {
                    f.write_str(" ")?;
                    write_text(f, text)?;
                }
                write_list(f, "kind", kinds)
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
                avoid,
                over,
                named,
            } => {
                f.write_str("neighbours ")?;
                write_node(f, node)?;
                if *depth != 1 {
                    write!(f, " depth {depth}")?;
                }
                write_list(f, "kind", kinds)?;
                write_list(f, "rel", rels)?;
                match dir {
                    Dir::Both => {}
                    Dir::Out => f.write_str(" dir out")?,
                    Dir::In => f.write_str(" dir in")?,
                }
                write_list(f, "avoid", avoid)?;
                write_over(f, over)?;
                if let Some(text) = named {
                    f.write_str(" named ")?;
                    write_node(f, text)?;
                }
                Ok(())
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
                via,
                avoid,
                directed,
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
                write_list(f, "via", via)?;
                write_list(f, "avoid", avoid)?;
                if *directed {
                    f.write_str(" directed")?;
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
                over,
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
                write_over(f, over)
            }
            Statement::Components => f.write_str("components"),
            Statement::Bridges => f.write_str("bridges"),
            Statement::Communities {
                method,
                seed,
                resolution,
                over,
            } => {
                write!(f, "communities {}", method.as_str())?;
                if let Some(s) = seed {
                    write!(f, " seed {s}")?;
                }
                if let Some(r) = resolution {
                    // `{}` prints the shortest text that reads back as the same number.
                    write!(f, " resolution {r}")?;
                }
                write_over(f, over)
            }
            Statement::Stats => f.write_str("stats"),
            Statement::Documents => f.write_str("documents"),
            Statement::Help { topic: None } => f.write_str("help"),
            Statement::Help { topic: Some(t) } => write!(f, "help {t}"),
            Statement::SetFormat(fmt_) => write!(f, "set format {}", fmt_.as_str()),
            Statement::SetRows(n) => write!(f, "set rows {n}"),
            Statement::Match { query, explain } => {
                if *explain {
                    f.write_str("explain ")?;
                }
                write!(f, "{query}")
            }
            Statement::Open { path: None, .. } => f.write_str("open"),
            Statement::Open {
                path: Some(path),
                add,
            } => {
                f.write_str("open ")?;
                write_text(f, path)?;
                if *add {
                    f.write_str(" add")?;
                }
                Ok(())
            }
            Statement::Save { path } => {
                f.write_str("save ")?;
                write_text(f, path)
            }
            Statement::Diff { from, to } => {
                f.write_str("diff ")?;
                write_text(f, from)?;
                if let Some(to) = to {
                    f.write_str(" ")?;
                    write_text(f, to)?;
                }
                Ok(())
            }
            Statement::Export {
                format,
                path,
                around,
            } => {
                write!(f, "export {} ", format.as_str())?;
                write_text(f, path)?;
                if let Some((node, depth)) = around {
                    f.write_str(" around ")?;
                    write_node(f, node)?;
                    if *depth != 1 {
                        write!(f, " depth {depth}")?;
                    }
                }
                Ok(())
            }
            Statement::Draw { what, file } => {
                f.write_str("draw ")?;
                match what {
                    DrawWhat::Around {
                        node,
                        depth,
                        kinds,
                        rels,
                        size,
                    } => {
                        // A node named `path` is quoted, or it would read as `draw path`.
                        if node.text.eq_ignore_ascii_case("path") {
                            write!(f, "\"{}\"", node.text)?;
                        } else {
                            write_node(f, node)?;
                        }
                        if *depth != 1 {
                            write!(f, " depth {depth}")?;
                        }
                        write_list(f, "kind", kinds)?;
                        write_list(f, "rel", rels)?;
                        if let Some(m) = size {
                            write!(f, " size {}", m.as_str())?;
                        }
                    }
                    DrawWhat::Path { from, to } => {
                        f.write_str("path ")?;
                        write_node(f, from)?;
                        f.write_str(" to ")?;
                        write_node(f, to)?;
                    }
                }
                f.write_str(" ")?;
                write_text(f, file)
            }
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.statement)?;
        if let Some(t) = self.time {
            // Years print as four digits, so `in 0551` prints back as written.
            write!(f, " {t}")?;
        }
        if let Some(n) = self.limit {
            write!(f, " limit {n}")?;
        }
        Ok(())
    }
}
