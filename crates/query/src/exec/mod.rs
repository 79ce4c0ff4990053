//! Executes statements against a graph and returns tables.
//!
//! Every statement that reads edges runs on the graph's [`Adjacency`], built once when the
//! graph is opened: `neighbours` and `path` walk its incidence lists (which carry edge types,
//! directions and dates), the whole-graph statements and the analytics its compact simple
//! views ([`clustergraph_core::Csr`]), filtered by time when the statement says so. Every
//! listing is ordered, ties broken by node id, so output is reproducible.

mod analytics;
mod compare;
mod documents;
mod evidence;
mod exchange;
mod files;
mod lookup;
mod picture;
mod projection;
mod series;
mod traverse;
mod whole;

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clustergraph_core::{
    Adjacency, Csr, EdgeIndex, IdOrder, Incidence, KnowledgeGraph, NodeIndex, Rel, Unresolved, Work,
};

use crate::ast::{Dir, ExportFormat, Format, NodeRef, Query, Span, Statement};
use crate::error::ExecError;
use crate::grammar::{OptionKind, StatementKind};
use crate::table::Table;
use crate::time::TimeFilter;

pub use crate::grammar::DEFAULT_FIND_LIMIT;
pub(crate) use evidence::citations;
pub use files::{diff_table, info_table};

/// A graph in use and what is derived from it; what a REPL holds between statements. How
/// results are printed is the caller's business: `set format` returns an [`Outcome`] that
/// says what to change.
#[derive(Debug)]
pub struct Session {
    graph: KnowledgeGraph,
    cancel: Arc<AtomicBool>,
    /// Counts the graphs this session has held: `open` increments it, so a caller can tell
    /// when what it derived from the graph (completion names) is stale.
    generation: u64,
    /// The graph's adjacency (incidence lists, simple views, id order), built with the graph:
    /// every statement reuses it until `open` replaces the graph.
    adj: Adjacency,
    /// Told how far a long statement has come (the binary draws a progress bar).
    progress: Option<Progress>,
    /// The statement being executed, whose options a "did you mean" offers.
    running: Option<StatementKind>,
    /// What the graph in use is, as `stats` names it (a path, or the built-in graph);
    /// `None` for a graph built in memory.
    source: Option<String>,
    /// The row limit of pattern queries (`set rows N`).
    max_rows: usize,
    /// The graph's counts that pattern queries plan with, made on the first one.
    pattern_stats: std::sync::OnceLock<crate::cypher::plan::Stats>,
}

/// A receiver of `(done, total)` reports, called from any thread.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(u64, u64) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// One step taken by a traversal: the edge, the node reached, and whether the edge was
/// followed in its own direction.
#[derive(Clone, Copy, Debug)]
struct Step {
    edge: EdgeIndex,
    to: NodeIndex,
    forward: bool,
}

impl From<Incidence> for Step {
    fn from(i: Incidence) -> Step {
        Step {
            edge: i.edge,
            to: i.other,
            forward: i.forward,
        }
    }
}

impl Session {
    /// A session on `graph`.
    pub fn new(graph: KnowledgeGraph) -> Session {
        Session {
            adj: Adjacency::new(&graph),
            graph,
            cancel: Arc::new(AtomicBool::new(false)),
            generation: 0,
            progress: None,
            running: None,
            source: None,
            max_rows: crate::cypher::DEFAULT_MAX_ROWS,
            pattern_stats: std::sync::OnceLock::new(),
        }
    }

    /// A session on the built-in seed graph, named so.
    pub fn seed() -> Session {
        Session::new(clustergraph_core::seed_graph()).with_source(SEED_NAME)
    }

    /// Names the graph in use (its path), for `stats`.
    pub fn with_source(mut self, source: impl Into<String>) -> Session {
        self.source = Some(source.into());
        self
    }

    /// What the graph in use is: its path, or "the built-in seed graph".
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Sets (or, with `None`, removes) what long statements report their progress to.
    pub fn set_progress(&mut self, progress: Option<Progress>) {
        self.progress = progress;
    }

    /// What an algorithm is told: stop on the cancellation flag, report to the progress
    /// receiver.
    fn work(&self) -> Work<'_> {
        let work = Work::new(&self.cancel);
        match &self.progress {
            Some(p) => work.with_progress(&*p.0),
            None => work,
        }
    }

    /// The graph in use (`open` replaces it).
    pub fn graph(&self) -> &KnowledgeGraph {
        &self.graph
    }

    /// Forgets an earlier Ctrl-C, before a new line or script runs.
    pub fn clear_cancel(&self) {
        self.cancel.store(false, Ordering::SeqCst);
    }

    /// Changes whenever `open` replaces the graph.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A flag that, once set (from a Ctrl-C handler), makes the running statement stop with an
    /// [`ExecError::Interrupted`] at its next check, and the statements after it not start.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// Runs one statement. Stops with [`ExecError::Interrupted`] when the cancellation flag
    /// is set; the caller clears it ([`Session::clear_cancel`]) once per line it reads, so a
    /// Ctrl-C that lands between two checks still stops the rest of the line.
    pub fn execute(&mut self, q: &Query) -> Result<Outcome, ExecError> {
        self.check_cancel()?;
        self.running = Some(q.statement.kind());
        let time = q.time;
        let table = match &q.statement {
            Statement::Find { text, kinds } => self.find(text.as_deref(), kinds),
            Statement::Show { node } => match self.document_named(&node.text) {
                Some(doc) => self.show_document(doc, time),
                None => {
                    let ix = self.resolve(node)?;
                    self.show(ix, time)
                }
            },
            Statement::Documents => self.documents(),
            Statement::Neighbours {
                node,
                kinds,
                over: Some(over),
                named,
                ..
            } => {
                let ix = self.resolve(node)?;
                let t = self.projected_neighbours(ix, over, kinds, time)?;
                self.named(t, named.as_ref().map(|n| n.text.as_str()))
            }
            Statement::Neighbours {
                node,
                depth,
                kinds,
                rels,
                dir,
                avoid,
                over: None,
                named,
            } => {
                let ix = self.resolve(node)?;
                let walk = traverse::Walk {
                    rels,
                    avoid,
                    dir: *dir,
                    time,
                };
                let t = self.neighbours(ix, *depth, kinds, &walk)?;
                self.named(t, named.as_ref().map(|n| n.text.as_str()))
            }
            Statement::Path {
                from,
                to,
                via,
                avoid,
                directed,
            } => {
                let (a, b) = (self.resolve(from)?, self.resolve(to)?);
                self.path(a, b, via, avoid, *directed, time)?
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
                let (a, b) = (self.resolve(from)?, self.resolve(to)?);
                let walk = traverse::Walk {
                    rels: via,
                    avoid,
                    dir: if *directed { Dir::Out } else { Dir::Both },
                    time,
                };
                self.paths(a, b, *max, *depth, &walk)?
            }
            Statement::Centrality { .. } => {
                let query =
                    analytics::CentralityQuery::of(&q.statement).expect("a centrality statement");
                self.centrality(&query, time, &q.span)?
            }
            Statement::Components => self.components(time)?,
            Statement::Bridges => self.bridges(time, &q.span)?,
            Statement::Communities {
                method,
                seed,
                resolution,
                over,
            } => self.communities(*method, *seed, *resolution, over.as_ref(), time, &q.span)?,
            Statement::Stats => self.stats(time)?,
            Statement::Help { topic } => crate::help::table(topic.as_deref()),
            Statement::SetFormat(f) => {
                return Ok(Outcome::SetFormat {
                    format: *f,
                    table: Table::default()
                        .with_message(format!("results are printed as {}", f.as_str())),
                })
            }
            Statement::SetRows(n) => {
                self.max_rows = *n;
                Table::default()
                    .with_message(format!("a clause of a pattern query may now hold {n} rows"))
            }
            Statement::Match { query, explain } => {
                let ctx = crate::cypher::exec::Ctx {
                    g: &self.graph,
                    adj: &self.adj,
                    time,
                    cancel: &self.cancel,
                    stats: self
                        .pattern_stats
                        .get_or_init(|| crate::cypher::plan::Stats::of(&self.graph, &self.adj)),
                    max_rows: self.max_rows,
                    span: q.span.clone(),
                };
                if *explain {
                    ctx.explain(&query.program)
                } else {
                    ctx.run(&query.program)?
                }
            }
            Statement::Open { path, add } => self.open(path.as_deref(), *add, &q.span)?,
            Statement::Save { path } => self.save(path, &q.span)?,
            Statement::Diff { from, to } => self.diff(from, to.as_deref(), &q.span)?,
            Statement::Draw { what, file } => self.draw(what, file, time, &q.span)?,
            Statement::Compare {
                statement,
                times,
                by,
            } => self.compare(statement, times, *by, &q.span)?,
            Statement::DiffTimes { times } => self.diff_times(times)?,
            Statement::Series {
                years,
                statement,
                node,
            } => self.series(*years, statement, node.as_ref(), &q.span)?,
            Statement::Export {
                format,
                path,
                around,
            } => match format {
                ExportFormat::Html => {
                    self.export_html(path, around.as_ref().map(|(n, d)| (n, *d)), &q.span)?
                }
                ExportFormat::Graph(format) => {
                    let around = match around {
                        Some((node, depth)) => Some((self.resolve(node)?, *depth)),
                        None => None,
                    };
                    self.export(*format, path, around, &q.span)?
                }
            },
        };
        let mut table = table;
        if let Some(n) = q.limit.or(q.statement.kind().default_limit()) {
            table.cut(n);
        }
        Ok(Outcome::Table(table))
    }

    fn check_cancel(&self) -> Result<(), ExecError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(ExecError::Interrupted)
        } else {
            Ok(())
        }
    }

    fn resolve(&self, n: &NodeRef) -> Result<NodeIndex, ExecError> {
        let g = &self.graph;
        let describe = |ix: NodeIndex| {
            let node = g.node(ix);
            format!("`{}` ({} {})", shown(node.id), node.kind, shown(node.name))
        };
        // What the user typed, as messages show it: cut, and escaped.
        let text = shown(&n.text);
        match g.resolve(&n.text) {
            Ok(ix) => Ok(ix),
            Err(Unresolved::Ambiguous(c)) => Err(ExecError::AmbiguousNode {
                text: text.clone(),
                span: n.span.clone(),
                count: c.len(),
                help: format!(
                    "name one by its id:{}",
                    c.iter()
                        .map(|c| format!("\n  {}", describe(c.node)))
                        .collect::<String>()
                ),
            }),
            Err(Unresolved::Unknown(c)) => {
                let help = if let Some(help) = self.misspelt_option(&n.text) {
                    help
                } else if c.is_empty() {
                    format!("`find {text}` lists nodes whose names contain it")
                } else {
                    match c.as_slice() {
                        [one] => format!("did you mean {}?", describe(one.node)),
                        many => format!(
                            "did you mean one of these?{}",
                            many.iter()
                                .map(|c| format!("\n  {}", describe(c.node)))
                                .collect::<String>()
                        ),
                    }
                };
                Err(ExecError::UnknownNode {
                    text: text.clone(),
                    span: n.span.clone(),
                    help,
                })
            }
        }
    }

    /// A bare name swallows the words after it up to the next option keyword, so a misspelt
    /// option (`neighbours CEBR depht 2`) reads as part of the name. When the words before
    /// one that looks like an option of the statement name a node, say so: only that
    /// statement's options are offered (`neighbours CEBR direction out` suggests `dir`, not
    /// `path`'s `directed`).
    fn misspelt_option(&self, text: &str) -> Option<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let options: Vec<&str> = match self.running {
            Some(kind) => kind
                .spec()
                .option_keywords()
                .map(OptionKind::keyword)
                .collect(),
            None => OptionKind::ALL.iter().map(|o| o.keyword()).collect(),
        };
        // Only the first word that looks like an option, and only an exact lookup of what
        // comes before it: this runs on every unknown name, so it must stay cheap.
        let (i, option) = (1..words.len()).find_map(|i| {
            clustergraph_core::names::nearest(words[i], options.iter().copied()).map(|o| (i, o))
        })?;
        let name = words[..i].join(" ");
        let node = self.graph.lookup_exact(&name)?;
        Some(format!(
            "`{}` is the node `{}`; did you mean the option `{option}` instead of `{}`?",
            shown(&name),
            shown(self.graph.node(node).id),
            shown(words[i])
        ))
    }

    /// Whether an edge passes the time filter (see [`TimeFilter`] for the rule).
    fn in_time(&self, e: EdgeIndex, time: Option<TimeFilter>) -> bool {
        // Without a filter, the edge's date is not even read: traversals call this per edge.
        let Some(t) = time else { return true };
        t.admits(self.adj.when(e))
    }

    /// The steps out of `u`: edges in the allowed directions, of the allowed types, in time;
    /// ordered by the node reached (its id), then by edge (the adjacency keeps them so).
    fn steps<'a>(
        &'a self,
        u: NodeIndex,
        dir: Dir,
        rels: &'a [Rel],
        time: Option<TimeFilter>,
    ) -> impl Iterator<Item = Step> + 'a {
        self.adj
            .incidences(u.index() as u32)
            .filter(move |i| self.allows(i, dir, rels, time))
            .map(Step::from)
    }

    /// Whether a traversal may take this incidence: in an allowed direction, of an allowed
    /// type, in time. Walks test whether the node reached is new first: on a large graph most
    /// incidences lead back to nodes already reached, and that test is the cheaper.
    fn allows(&self, i: &Incidence, dir: Dir, rels: &[Rel], time: Option<TimeFilter>) -> bool {
        (match dir {
            Dir::Out => i.forward,
            Dir::In => !i.forward,
            Dir::Both => true,
        }) && (rels.is_empty() || rels.contains(&self.adj.rel(i.edge)))
            && self.in_time(i.edge, time)
    }

    /// The undirected simple view of the edges in time: the cached one when every edge is.
    fn undirected(&self, time: Option<TimeFilter>) -> Cow<'_, Csr> {
        match time {
            None => Cow::Borrowed(self.adj.undirected()),
            Some(_) => Cow::Owned(self.adj.undirected_where(|e| self.in_time(e, time))),
        }
    }

    /// The directed simple views (successors, predecessors) of the edges in time.
    fn directed(&self, time: Option<TimeFilter>) -> (Cow<'_, Csr>, Cow<'_, Csr>) {
        match time {
            None => {
                let (out, inn) = self.adj.directed();
                (Cow::Borrowed(out), Cow::Borrowed(inn))
            }
            Some(_) => {
                let (out, inn) = self.adj.directed_where(|e| self.in_time(e, time));
                (Cow::Owned(out), Cow::Owned(inn))
            }
        }
    }

    /// The graph's nodes in id order.
    fn order(&self) -> &IdOrder {
        self.adj.order()
    }

    /// Replaces the graph in use by the one at `path` (with `add`, by the two joined), or by
    /// the built-in one.
    fn open(&mut self, path: Option<&str>, add: bool, span: &Span) -> Result<Table, ExecError> {
        let Some(path) = path else {
            self.replace(clustergraph_core::seed_graph(), SEED_NAME.to_string());
            return Ok(self.opened("back to"));
        };
        match clustergraph_core::open(std::path::Path::new(path)) {
            Ok(g) => {
                let mut opened = if add {
                    let joined = clustergraph_core::join(std::mem::take(&mut self.graph), &g);
                    let source = format!(
                        "{} + {path}",
                        self.source.as_deref().unwrap_or("the graph in use")
                    );
                    self.replace(joined, source);
                    Table::default().with_message(format!(
                        "added {path}: the graph in use now has {}",
                        self.counts()
                    ))
                } else {
                    self.replace(g, path.to_string());
                    self.opened("opened")
                };
                // Warnings do not stop the load: they follow the confirmation.
                let mut msg = opened.message().unwrap_or_default().to_string();
                for w in self.graph.warnings() {
                    msg.push('\n');
                    msg.push_str(&w.render(false));
                }
                opened.set_message(msg);
                Ok(opened)
            }
            Err(e) => Err(open_error(path, span, e)),
        }
    }
}

/// How `stats` and `open` name the built-in graph.
pub const SEED_NAME: &str = "the built-in seed graph";

impl Session {
    fn replace(&mut self, g: KnowledgeGraph, source: String) {
        self.adj = Adjacency::new(&g);
        self.pattern_stats = std::sync::OnceLock::new();
        self.graph = g;
        self.source = Some(source);
        self.generation += 1;
    }

    /// The rows of `t` whose `node` is named `text` (`named TEXT`): its id, name or an alias
    /// contains the text, folded as every name is matched. All of them without a text.
    fn named(&self, mut t: Table, text: Option<&str>) -> Table {
        let Some(text) = text else { return t };
        let want = clustergraph_core::names::fold(text);
        let Some(col) = t.columns().iter().position(|c| c == "node") else {
            return t;
        };
        let g = &self.graph;
        t.retain_rows(|row| match &row[col] {
            crate::table::Cell::Node(n) => g.by_id(&n.id).is_some_and(|ix| {
                let node = g.node(ix);
                [node.id.as_str(), node.name.as_str()]
                    .into_iter()
                    .chain(node.aliases.iter().map(String::as_str))
                    .any(|k| clustergraph_core::names::fold(k).contains(want.as_str()))
            }),
            _ => false,
        });
        let kept = t.rows().len();
        let note = format!("{kept} of them named `{}`", shown(text));
        let message = match t.message() {
            Some(m) => format!("{m}; {note}"),
            None => note,
        };
        t.set_message(message);
        t
    }

    /// What drawings and pages call the graph in use: its path, or the built-in graph.
    fn graph_name(&self) -> &str {
        self.source.as_deref().unwrap_or("the graph in use")
    }

    /// "opened PATH: 2 nodes, 1 edge".
    fn opened(&self, verb: &str) -> Table {
        Table::default().with_message(format!(
            "{verb} {}: {}",
            self.source.as_deref().unwrap_or_default(),
            self.counts()
        ))
    }

    /// "2 nodes, 1 edge": the size of the graph in use.
    fn counts(&self) -> String {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}",
            plural(self.graph.node_count(), "node"),
            plural(self.graph.edge_count(), "edge")
        )
    }
}

/// `open`'s error for a graph that could not be loaded: the problems in its text as causes.
fn open_error(path: &str, span: &Span, e: clustergraph_core::LoadError) -> ExecError {
    let (help, causes) = match e {
        clustergraph_core::LoadError::Source(diagnostics) => {
            let n = diagnostics.len();
            let help = format!(
                "{n} problem{} in the graph, below",
                if n == 1 { "" } else { "s" }
            );
            (help, diagnostics)
        }
        other => (other.to_string(), Vec::new()),
    };
    ExecError::Open {
        path: path.to_string(),
        span: span.clone(),
        help,
        causes,
    }
}

/// What running a statement gives the caller.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Outcome {
    /// A table to print.
    Table(Table),
    /// `set format`: the caller prints with `format` from now on, and `table` (a
    /// confirmation) with the new format.
    SetFormat { format: Format, table: Table },
}

impl Outcome {
    /// The table to print.
    pub fn table(&self) -> &Table {
        match self {
            Outcome::Table(t) | Outcome::SetFormat { table: t, .. } => t,
        }
    }

    /// The table to print, without the rest.
    pub fn into_table(self) -> Table {
        match self {
            Outcome::Table(t) | Outcome::SetFormat { table: t, .. } => t,
        }
    }
}

/// A name or token as messages show it: control characters escaped, cut to
/// [`clustergraph_core::diagnostic::SHOWN`] characters.
fn shown(text: &str) -> String {
    clustergraph_core::printable(text, clustergraph_core::diagnostic::SHOWN, false)
}
