//! What the exchange formats share: which part of a graph to write ([`Selection`]), the
//! formats ([`ExportFormat`]) and [`export`], the names every format gives the parts of a
//! node and an edge, and [`Builder`], which every reader feeds and which checks what it is
//! fed, keeps every problem with its place, and builds the graph only if there is none.
//!
//! Every format writes the same fields: a node's `id`, `kind`, `name`, `aliases` and
//! `provenance` and its own attributes by their names; an edge's `rel` (its type), `date`
//! (`2016`, `2016-12-01`, `2011..2012`), `provenance` and attributes; and the graph's
//! `documents`, which provenance cites by key. Lists (aliases, provenance, documents) are
//! JSON text where a format holds only scalars (GraphML, GEXF, CSV), and JSON itself in
//! node-link JSON.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{json, Map, Value as Json};

use super::budget::{Budget, RECORD_EDGE_BYTES as EDGE_BYTES, RECORD_NODE_BYTES as NODE_BYTES};
use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;
use crate::model::{
    Attrs, Document, Edge, EdgeView, Node, NodeKind, NodeView, Period, Provenance, Rel, Value,
};
use crate::{EdgeIndex, NodeIndex, SharedText};

/// The formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    GraphMl,
    Gexf,
    /// NetworkX's node-link JSON.
    Json,
    Dot,
    /// A folder of Neo4j import CSV files.
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::GraphMl,
        ExportFormat::Gexf,
        ExportFormat::Json,
        ExportFormat::Dot,
        ExportFormat::Csv,
    ];

    /// The format's word in the language.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Json => "json",
            ExportFormat::Dot => "dot",
            ExportFormat::Csv => "csv",
        }
    }

    /// The format named `word`, in any case.
    pub fn from_word(word: &str) -> Option<ExportFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(word))
    }
}

/// The nodes and edges to write: the whole graph, or a neighbourhood with the edges between
/// its nodes. Both lists are in index order, so every export of a graph is the same text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub nodes: Vec<NodeIndex>,
    pub edges: Vec<EdgeIndex>,
}

impl Selection {
    /// Every node and edge.
    pub fn all(g: &KnowledgeGraph) -> Selection {
        Selection {
            nodes: g.node_indices().collect(),
            edges: g.edge_indices().collect(),
        }
    }

    /// The nodes within `depth` hops of `center`, edges followed either way, and every edge
    /// between two of them.
    pub fn around(g: &KnowledgeGraph, center: NodeIndex, depth: usize) -> Selection {
        let mut seen = vec![false; g.node_count()];
        seen[center.index()] = true;
        let mut queue = VecDeque::from([(center, 0usize)]);
        while let Some((u, d)) = queue.pop_front() {
            if d == depth {
                continue;
            }
            let out = g.edges_of(u, crate::Direction::Outgoing);
            for (_, v) in out.chain(g.edges_of(u, crate::Direction::Incoming)) {
                if !std::mem::replace(&mut seen[v.index()], true) {
                    queue.push_back((v, d + 1));
                }
            }
        }
        let nodes = g.node_indices().filter(|n| seen[n.index()]).collect();
        let edges = g
            .edge_indices()
            .filter(|&e| {
                let (a, b) = g.endpoints(e);
                seen[a.index()] && seen[b.index()]
            })
            .collect();
        Selection { nodes, edges }
    }
}

/// Why an export failed. Nothing is left under the target's name but the old file, if any.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    /// An attribute named like one of the fields every node or edge has.
    #[error(
        "{what} has an attribute named `{name}`, which {format} uses for {what_field}; rename \
         the attribute to export it"
    )]
    Reserved {
        what: String,
        name: String,
        format: &'static str,
        what_field: &'static str,
    },
    /// An attribute name with `:`, which a CSV header reads as the start of its type.
    #[error(
        "the attribute `{name}` holds `:`, which a Neo4j CSV header reads as the start of a \
         type; rename the attribute to export CSV"
    )]
    ColonInName { name: String },
    /// A CSV export's path names a file, not a folder.
    #[error(
        "{path} is a file; a CSV export is a folder (of nodes.csv, edges.csv and documents.csv)"
    )]
    NotAFolder { path: PathBuf },
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub nodes: usize,
    pub edges: usize,
    /// The files, in the order they were written.
    pub files: Vec<PathBuf>,
}

/// Writes the selected part of `g` at `path` in `format`, each file atomically (see
/// [`super::atomic`]). A CSV export is a folder, created if it does not exist.
pub fn export(
    g: &KnowledgeGraph,
    sel: &Selection,
    format: ExportFormat,
    path: &Path,
) -> Result<Written, ExportError> {
    check_reserved(g, sel, format)?;
    let one = |write: &dyn Fn(&mut dyn io::Write) -> io::Result<()>| {
        super::atomic::write_atomic(path, |w| write(w)).map_err(|e| ExportError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        Ok(vec![path.to_path_buf()])
    };
    let files = match format {
        ExportFormat::GraphMl => one(&|w| super::graphml::write(g, sel, w))?,
        ExportFormat::Gexf => one(&|w| super::gexf::write(g, sel, w))?,
        ExportFormat::Json => one(&|w| super::nodelink::write(g, sel, w))?,
        ExportFormat::Dot => one(&|w| super::dot::write(g, sel, w))?,
        ExportFormat::Csv => super::neo4j_csv::write(g, sel, path)?,
    };
    Ok(Written {
        nodes: sel.nodes.len(),
        edges: sel.edges.len(),
        files,
    })
}

/// The fields every node has, which no attribute may be named.
pub(crate) const NODE_FIELDS: [&str; 5] = ["id", "kind", "name", "aliases", "provenance"];
/// The fields every edge has (and the names formats give its ends and key).
pub(crate) const EDGE_FIELDS: [&str; 7] =
    ["id", "key", "source", "target", "rel", "date", "provenance"];

fn check_reserved(
    g: &KnowledgeGraph,
    sel: &Selection,
    format: ExportFormat,
) -> Result<(), ExportError> {
    for &n in &sel.nodes {
        let node = g.node(n);
        if let Some(name) = node
            .attrs
            .keys()
            .find(|k| NODE_FIELDS.contains(&k.as_str()))
        {
            return Err(ExportError::Reserved {
                what: format!("node `{}`", node.id),
                name: name.clone(),
                format: format.as_str(),
                what_field: "every node's own field",
            });
        }
    }
    for &e in &sel.edges {
        if let Some(name) = g
            .edge(e)
            .attrs()
            .keys()
            .find(|k| EDGE_FIELDS.contains(&k.as_str()))
        {
            let (a, b) = g.endpoints(e);
            return Err(ExportError::Reserved {
                what: format!("the edge from `{}` to `{}`", g.node(a).id, g.node(b).id),
                name: name.clone(),
                format: format.as_str(),
                what_field: "every edge's own field",
            });
        }
    }
    Ok(())
}

/// The type of an attribute across every node (or edge) that has it: one type per name, as
/// GraphML, GEXF and CSV headers declare. Integers and floats together are floats; any other
/// mix is text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AttrType {
    Int,
    Float,
    Bool,
    Str,
}

impl AttrType {
    fn of(v: &Value) -> AttrType {
        match v {
            Value::Int(_) => AttrType::Int,
            Value::Float(_) => AttrType::Float,
            Value::Bool(_) => AttrType::Bool,
            Value::Str(_) => AttrType::Str,
        }
    }

    fn join(self, other: AttrType) -> AttrType {
        use AttrType::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Int, Float) | (Float, Int) => Float,
            _ => Str,
        }
    }

    /// The type's name in GraphML and GEXF.
    pub(crate) fn xml_name(self) -> &'static str {
        match self {
            AttrType::Int => "long",
            AttrType::Float => "double",
            AttrType::Bool => "boolean",
            AttrType::Str => "string",
        }
    }

    /// `v` as this type's text (an integer under a float name is written as a float).
    pub(crate) fn text(self, v: &Value) -> String {
        match (self, v) {
            (AttrType::Float, Value::Int(i)) => format!("{:?}", *i as f64),
            (_, Value::Float(x)) => format!("{x:?}"),
            (_, other) => other.to_string(),
        }
    }
}

/// The fields of nodes and edges as a format declares them: the fixed ones, then each
/// attribute name with its type, in name order.
#[derive(Debug)]
pub(crate) struct Schema {
    pub node_attrs: Vec<(String, AttrType)>,
    pub edge_attrs: Vec<(String, AttrType)>,
}

impl Schema {
    pub(crate) fn of(g: &KnowledgeGraph, sel: &Selection) -> Schema {
        fn add(types: &mut BTreeMap<String, AttrType>, attrs: &Attrs) {
            for (k, v) in attrs {
                let t = AttrType::of(v);
                types
                    .entry(k.clone())
                    .and_modify(|old| *old = old.join(t))
                    .or_insert(t);
            }
        }
        let mut nodes = BTreeMap::new();
        for &n in &sel.nodes {
            add(&mut nodes, g.node(n).attrs);
        }
        let mut edges = BTreeMap::new();
        for &e in &sel.edges {
            add(&mut edges, g.edge(e).attrs());
        }
        Schema {
            node_attrs: nodes.into_iter().collect(),
            edge_attrs: edges.into_iter().collect(),
        }
    }
}

/// Provenance as JSON: `[{"document": KEY, "quote": SENTENCE}, ...]`.
pub(crate) fn provenance_json(g: &KnowledgeGraph, p: &[Provenance]) -> Json {
    Json::Array(
        p.iter()
            .map(|p| json!({"document": g.document(p.doc).key, "quote": p.quote}))
            .collect(),
    )
}

/// The graph's documents as JSON objects, absent fields left out.
pub(crate) fn documents_json(g: &KnowledgeGraph) -> Json {
    Json::Array(
        g.documents()
            .iter()
            .map(|d| {
                let mut m = Map::new();
                m.insert("key".into(), json!(d.key));
                m.insert("title".into(), json!(d.title));
                m.insert("language".into(), json!(d.language));
                let optional = [
                    ("file", d.file.clone()),
                    ("date", d.date.map(|p| p.to_string())),
                    ("publisher", d.publisher.clone()),
                    ("url", d.url.clone()),
                ];
                for (k, v) in optional {
                    if let Some(v) = v {
                        m.insert(k.into(), json!(v));
                    }
                }
                Json::Object(m)
            })
            .collect(),
    )
}

/// A node's fixed fields other than its id, as the scalar formats write them: kind, name,
/// and aliases and provenance as JSON text when it has any.
pub(crate) fn node_fields(g: &KnowledgeGraph, n: NodeView<'_>) -> Vec<(&'static str, String)> {
    let mut v = vec![("kind", n.kind.to_string()), ("name", n.name.to_string())];
    if !n.aliases.is_empty() {
        v.push(("aliases", json!(n.aliases).to_string()));
    }
    if !n.provenance.is_empty() {
        v.push(("provenance", provenance_json(g, n.provenance).to_string()));
    }
    v
}

/// An edge's fixed fields, as the scalar formats write them: rel, and date and provenance
/// when it has them.
pub(crate) fn edge_fields(g: &KnowledgeGraph, e: EdgeView<'_>) -> Vec<(&'static str, String)> {
    let mut v = vec![("rel", e.rel.to_string())];
    if let Some(d) = e.date() {
        v.push(("date", d.to_string()));
    }
    if !e.provenance().is_empty() {
        v.push(("provenance", provenance_json(g, e.provenance()).to_string()));
    }
    v
}

/// How many problems are reported before the rest are only counted.
const MAX_REPORTED: usize = 100;

/// A node as a reader found it, its fields not yet checked.
#[derive(Debug, Default)]
pub(crate) struct RawNode {
    pub id: String,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub aliases: Option<Json>,
    pub provenance: Option<Json>,
    pub attrs: Attrs,
    /// Where it is in its file.
    pub at: std::ops::Range<usize>,
}

/// An edge as a reader found it.
#[derive(Debug, Default)]
pub(crate) struct RawEdge {
    pub source: String,
    pub target: String,
    pub rel: Option<String>,
    pub date: Option<String>,
    pub provenance: Option<Json>,
    pub attrs: Attrs,
    pub at: std::ops::Range<usize>,
}

/// An edge's end: a node already read, or an id to look up once every node is.
#[derive(Debug)]
enum End {
    Known(u32),
    Later(String),
}

/// Collects what a reader finds, checks it, and builds the graph only if nothing was wrong.
/// Problems carry the file and the byte span they are at, and a reader may switch files
/// (a CSV folder is three).
#[derive(Debug)]
pub(crate) struct Builder {
    path: String,
    text: Arc<str>,
    file: usize,
    files: Vec<(String, Arc<str>)>,
    budget: Budget,
    text_bytes: u64,
    problems: Vec<Diagnostic>,
    extra: usize,
    over_budget: bool,
    nodes: Vec<Node>,
    /// Seeded at random per map (foldhash), as the edge list's ids are: fast on short keys,
    /// and no file can make them all collide.
    ids: HashMap<SharedText, u32, foldhash::fast::RandomState>,
    edges: Vec<(End, End, Edge)>,
    /// The last edge's source and its node: files list a node's edges together (ours do, in
    /// the order of their sources), and a lookup is most of reading an edge.
    last_source: Option<(String, u32)>,
    edge_at: Vec<(usize, std::ops::Range<usize>)>,
    documents: Vec<Document>,
    doc_keys: HashMap<String, u32>,
}

impl Builder {
    pub(crate) fn new(budget: Budget) -> Builder {
        Builder {
            path: String::new(),
            text: Arc::from(""),
            file: 0,
            files: Vec::new(),
            budget,
            text_bytes: 0,
            problems: Vec::new(),
            extra: 0,
            over_budget: false,
            nodes: Vec::new(),
            ids: HashMap::default(),
            edges: Vec::new(),
            last_source: None,
            edge_at: Vec::new(),
            documents: Vec::new(),
            doc_keys: HashMap::new(),
        }
    }

    /// The file that later problems are placed in.
    pub(crate) fn file(&mut self, path: &str, text: Arc<str>) {
        self.text_bytes = self.text_bytes.saturating_add(text.len() as u64);
        self.files.push((path.to_string(), Arc::clone(&text)));
        self.file = self.files.len() - 1;
        self.path = path.to_string();
        self.text = text;
    }

    /// Whether reading should stop: the budget is spent (its one message says so).
    pub(crate) fn stopped(&self) -> bool {
        self.over_budget
    }

    pub(crate) fn has_problems(&self) -> bool {
        !self.problems.is_empty() || self.extra > 0
    }

    /// Reports a problem at `span` of the current file.
    pub(crate) fn problem(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        if self.problems.len() < MAX_REPORTED {
            let d = Diagnostic::new(&self.path, &self.text, span, message)
                .label(label)
                .help_opt(help);
            self.problems.push(d);
        } else {
            self.extra += 1;
        }
    }

    /// Counts one more node or edge against the budget; past it, one problem and stop.
    fn spend(&mut self, at: std::ops::Range<usize>) -> bool {
        let needed = self
            .text_bytes
            .saturating_add((self.edges.len() as u64).saturating_mul(EDGE_BYTES))
            .saturating_add((self.nodes.len() as u64 + 1).saturating_mul(NODE_BYTES));
        if needed <= self.budget.bytes {
            return true;
        }
        let message = format!(
            "the graph does not fit in {}: the {}th node or edge, here, is past it",
            self.budget.describe(),
            self.nodes.len() + self.edges.len() + 1
        );
        self.problems.clear();
        self.extra = 0;
        self.problem(
            at,
            message,
            "past the memory budget",
            Some(format!(
                "an edge takes about {EDGE_BYTES} bytes and a node {NODE_BYTES}; nothing was \
                 loaded"
            )),
        );
        self.over_budget = true;
        false
    }

    /// The documents that provenance cites, as JSON objects (see [`documents_json`]).
    pub(crate) fn documents(&mut self, docs: &Json, at: std::ops::Range<usize>) {
        let Some(list) = docs.as_array() else {
            self.problem(
                at,
                "`documents` is not a list of documents",
                "not a list",
                Some("write a JSON list of objects with `key`, `title` and `language`".into()),
            );
            return;
        };
        for d in list {
            let text = |k: &str| d.get(k).and_then(Json::as_str).map(str::to_string);
            self.document_from(text, at.clone());
        }
    }

    /// A document from its fields by name (`key`, `title`, `language`, `file`, `date`,
    /// `publisher`, `url`).
    pub(crate) fn document_from(
        &mut self,
        text: impl Fn(&str) -> Option<String>,
        at: std::ops::Range<usize>,
    ) {
        let Some(key) = text("key") else {
            self.problem(
                at,
                "a document has no `key`",
                "here",
                Some("each document needs a `key` that provenance cites".into()),
            );
            return;
        };
        let date = match text("date").map(|t| Period::parse(&t)) {
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                self.problem(at, format!("document `{key}`: {e}"), "not a date", None);
                return;
            }
            None => None,
        };
        let doc = Document {
            key,
            title: text("title").unwrap_or_default(),
            language: text("language").unwrap_or_default(),
            file: text("file"),
            date,
            publisher: text("publisher"),
            url: text("url"),
        };
        self.document(doc, at);
    }

    /// A document provenance may cite.
    pub(crate) fn document(&mut self, doc: Document, at: std::ops::Range<usize>) {
        if self.doc_keys.contains_key(&doc.key) {
            self.problem(
                at,
                format!("the document `{}` is listed twice", doc.key),
                "again",
                None,
            );
            return;
        }
        self.doc_keys
            .insert(doc.key.clone(), self.documents.len() as u32);
        self.documents.push(doc);
    }

    fn provenance(&mut self, p: Option<Json>, at: &std::ops::Range<usize>) -> Vec<Provenance> {
        let Some(p) = p else { return Vec::new() };
        let help =
            || Some("write a JSON list of {\"document\": KEY, \"quote\": SENTENCE} objects".into());
        let Some(list) = p.as_array() else {
            self.problem(at.clone(), "`provenance` is not a list", "here", help());
            return Vec::new();
        };
        let mut out = Vec::with_capacity(list.len());
        for item in list {
            let doc = item.get("document").and_then(Json::as_str);
            let quote = item.get("quote").and_then(Json::as_str);
            let (Some(doc), Some(quote)) = (doc, quote) else {
                self.problem(
                    at.clone(),
                    "a provenance entry lacks its `document` or its `quote`",
                    "here",
                    help(),
                );
                continue;
            };
            match self.doc_keys.get(doc) {
                Some(&d) => out.push(Provenance::sentence(d, quote)),
                None => self.problem(
                    at.clone(),
                    format!(
                        "the provenance cites the document `{}`, which the graph does not list",
                        crate::printable(doc, crate::diagnostic::SHOWN, false)
                    ),
                    "unknown document",
                    Some("list it in the graph's `documents`".into()),
                ),
            }
        }
        out
    }

    pub(crate) fn node(&mut self, raw: RawNode) {
        if !self.spend(raw.at.clone()) {
            return;
        }
        let at = raw.at.clone();
        if raw.id.is_empty() {
            self.problem(at, "a node has an empty id", "here", None);
            return;
        }
        let id = SharedText::from(raw.id);
        if self.ids.contains_key(&id) {
            self.problem(
                at,
                format!("the node `{id}` is defined twice"),
                "again",
                Some("each node id must be unique".into()),
            );
            return;
        }
        // The id is known from here on, even if the node has problems: its edges are not
        // reported again for it.
        let problems = self.problems.len() + self.extra;
        let kind = match raw.kind.as_deref() {
            None => NodeKind::Node,
            Some(k) => NodeKind::parse(k).unwrap_or_else(|| {
                let shown = crate::printable(k, crate::diagnostic::SHOWN, false);
                let near = crate::names::nearest(k, NodeKind::names());
                self.problem(
                    at.clone(),
                    format!("node `{id}`: unknown kind `{shown}`"),
                    "unknown kind",
                    Some(match near {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!(
                            "kinds: {}",
                            NodeKind::names().collect::<Vec<_>>().join(", ")
                        ),
                    }),
                );
                NodeKind::Node
            }),
        };
        let aliases = match raw.aliases {
            None => Vec::new(),
            Some(Json::Array(a)) if a.iter().all(Json::is_string) => a
                .into_iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            Some(_) => {
                self.problem(
                    at.clone(),
                    format!("node `{id}`: `aliases` is not a list of texts"),
                    "here",
                    Some("write a JSON list such as [\"LE2C\", \"Lombardy Energy\"]".into()),
                );
                Vec::new()
            }
        };
        let provenance = self.provenance(raw.provenance, &at);
        let name = match raw.name {
            Some(n) if !n.is_empty() && n != *id => SharedText::from(n),
            _ => id.clone(),
        };
        self.ids.insert(id.clone(), self.nodes.len() as u32);
        if self.problems.len() + self.extra > problems {
            // Nothing will be built; the id stays known for the edges that name it.
            return;
        }
        self.nodes.push(Node {
            id,
            kind,
            name,
            aliases,
            attrs: raw.attrs,
            provenance,
        });
    }

    fn end(&self, id: String) -> End {
        match self.ids.get(id.as_str()) {
            Some(&i) => End::Known(i),
            None => End::Later(id),
        }
    }

    pub(crate) fn edge(&mut self, raw: RawEdge) {
        if !self.spend(raw.at.clone()) {
            return;
        }
        let at = raw.at.clone();
        let rel = match raw.rel.as_deref() {
            None => Rel::linked(),
            Some(r) => match Rel::parse(r) {
                Some(r) => r,
                None => {
                    let shown = crate::printable(r, crate::diagnostic::SHOWN, false);
                    let near = crate::names::nearest(r, Rel::names());
                    self.problem(
                        at,
                        format!("unknown edge type `{shown}`"),
                        "unknown type",
                        Some(match near {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => "graphs/README.md lists the edge types".to_string(),
                        }),
                    );
                    return;
                }
            },
        };
        let date = match raw.date.as_deref().map(Period::parse) {
            None => None,
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                self.problem(at, e.to_string(), "not a date", None);
                return;
            }
        };
        let provenance = self.provenance(raw.provenance, &at);
        let edge = Edge::new(rel, date, raw.attrs, provenance);
        let a = match &self.last_source {
            Some((id, n)) if *id == raw.source => End::Known(*n),
            _ => {
                let end = self.end(raw.source.clone());
                if let End::Known(n) = end {
                    self.last_source = Some((raw.source, n));
                }
                end
            }
        };
        let b = self.end(raw.target);
        self.edges.push((a, b, edge));
        self.edge_at.push((self.file, at));
    }

    /// The graph, or every problem found (then a count of those past the limit).
    pub(crate) fn finish(mut self) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
        if self.over_budget {
            return Err(self.problems);
        }
        let mut ends = Vec::with_capacity(self.edges.len());
        let edges = std::mem::take(&mut self.edges);
        for (i, (a, b, _)) in edges.iter().enumerate() {
            let mut pair = [0u32; 2];
            for (slot, end) in pair.iter_mut().zip([a, b]) {
                match end {
                    End::Known(n) => *slot = *n,
                    End::Later(id) => match self.ids.get(id.as_str()) {
                        Some(&n) => *slot = n,
                        None => {
                            let (file, at) = self.edge_at[i].clone();
                            let (path, text) = self.files[file].clone();
                            self.path = path;
                            self.text = text;
                            self.problem(
                                at,
                                format!(
                                    "the edge's end `{}` is not a node of the graph",
                                    crate::printable(id, crate::diagnostic::SHOWN, false)
                                ),
                                "unknown node",
                                Some("every edge's ends must be listed as nodes".into()),
                            );
                        }
                    },
                }
            }
            ends.push(pair);
        }
        if self.extra > 0 {
            let n = self.extra;
            let end = self.text.len();
            self.problems.push(
                Diagnostic::new(
                    &self.path,
                    &self.text,
                    end..end,
                    format!("and {n} more problems like these"),
                )
                .label("end of file"),
            );
        }
        if !self.problems.is_empty() {
            // In reading order: by file, then by place (edges' ends are checked last).
            let files: Vec<String> = self.files.iter().map(|(p, _)| p.clone()).collect();
            let rank = |d: &Diagnostic| files.iter().position(|p| p == d.path());
            self.problems
                .sort_by_key(|d| (rank(d), d.span().start, d.message().starts_with("and ")));
            return Err(self.problems);
        }
        let mut g = KnowledgeGraph::with_capacity(self.nodes.len(), edges.len());
        for d in self.documents {
            g.add_document(d);
        }
        for n in self.nodes {
            g.add_node(n).expect("ids were checked to be distinct");
        }
        for ([a, b], (_, _, e)) in ends.into_iter().zip(edges) {
            g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), e);
        }
        Ok(g)
    }
}

/// Parses JSON text that a scalar format holds in one field (aliases, provenance,
/// documents), reporting it at `at` when it is not JSON.
pub(crate) fn json_field(
    b: &mut Builder,
    name: &str,
    text: &str,
    at: std::ops::Range<usize>,
) -> Option<Json> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            b.problem(
                at,
                format!("`{name}` is not JSON: {e}"),
                "not JSON",
                Some(format!("`{name}` holds a JSON list")),
            );
            None
        }
    }
}

/// Reads a typed value from text: `int`/`long`, `float`/`double`, `boolean`, or text.
pub(crate) fn typed_value(t: AttrType, text: &str) -> Result<Value, String> {
    match t {
        AttrType::Str => Ok(Value::Str(text.to_string())),
        AttrType::Int => text
            .trim()
            .parse()
            .map(Value::Int)
            .map_err(|_| format!("`{text}` is not a whole number")),
        AttrType::Float => match text.trim().parse::<f64>() {
            Ok(x) => Ok(Value::Float(x)),
            Err(_) => Err(format!("`{text}` is not a number")),
        },
        AttrType::Bool => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(format!("`{text}` is not true or false")),
        },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn around_keeps_the_neighbourhood_and_the_edges_inside_it() {
        let g = crate::seed_graph();
        let le2c = g.by_id("le2c").unwrap();
        let one = Selection::around(&g, le2c, 1);
        assert!(one.nodes.contains(&le2c));
        for &e in &one.edges {
            let (a, b) = g.endpoints(e);
            assert!(one.nodes.contains(&a) && one.nodes.contains(&b));
        }
        let two = Selection::around(&g, le2c, 2);
        assert!(two.nodes.len() > one.nodes.len());
        assert!(two.nodes.len() < g.node_count());
    }

    #[test]
    fn a_graph_past_the_budget_is_refused_with_one_message() {
        let g = crate::seed_graph();
        let mut text = Vec::new();
        super::super::graphml::write(&g, &Selection::all(&g), &mut text).unwrap();
        let text: std::sync::Arc<str> = String::from_utf8(text).unwrap().into();
        let budget = Budget {
            bytes: text.len() as u64 + 10 * NODE_BYTES,
            set: true,
        };
        let d = super::super::read_graphml("g.graphml", text, budget).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        let m = d[0].message();
        assert!(
            m.starts_with("the graph does not fit in the memory budget of "),
            "{m}"
        );
        assert!(
            m.ends_with("set by --max-memory: the 11th node or edge, here, is past it"),
            "{m}"
        );
        assert!(d[0].help_text().unwrap().ends_with("nothing was loaded"));
    }

    #[test]
    fn attribute_types_join() {
        assert_eq!(AttrType::Int.join(AttrType::Float), AttrType::Float);
        assert_eq!(AttrType::Int.join(AttrType::Bool), AttrType::Str);
        assert_eq!(AttrType::Float.text(&Value::Int(3)), "3.0");
        assert_eq!(
            typed_value(AttrType::Int, "12x").unwrap_err(),
            "`12x` is not a whole number"
        );
    }
}

#[cfg(test)]
mod fuzz {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::io::{read_graphml, read_node_link};

    fn budget() -> Budget {
        Budget {
            bytes: u64::MAX,
            set: true,
        }
    }

    /// The seed graph's export in `format`, as text (made once: the seed graph takes a while).
    fn exported(format: ExportFormat) -> String {
        static TEXTS: std::sync::OnceLock<[String; 2]> = std::sync::OnceLock::new();
        let texts =
            TEXTS.get_or_init(|| [ExportFormat::GraphMl, ExportFormat::Json].map(export_text));
        texts[usize::from(format != ExportFormat::GraphMl)].clone()
    }

    fn export_text(format: ExportFormat) -> String {
        let g = crate::seed_graph();
        let mut out = Vec::new();
        let sel = Selection::all(&g);
        match format {
            ExportFormat::GraphMl => super::super::graphml::write(&g, &sel, &mut out),
            _ => super::super::nodelink::write(&g, &sel, &mut out),
        }
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn check(result: Result<KnowledgeGraph, Vec<Diagnostic>>) -> Result<(), TestCaseError> {
        if let Err(ds) = result {
            prop_assert!(!ds.is_empty() && ds.len() <= MAX_REPORTED + 1);
            for d in ds {
                let _ = d.render(false);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_reads_or_reports_without_panicking(text in "[<>/=\"a-z {}\\[\\],:#&;\n\u{e8}]{0,200}") {
            check(read_graphml("g.graphml", Arc::from(text.as_str()), budget()))?;
            check(read_node_link("g.json", Arc::from(text.as_str()), budget()))?;
        }

        #[test]
        fn a_damaged_export_reads_or_reports_without_panicking(
            at in 0.0f64..1.0,
            len in 0usize..40,
            with in "[<>\"{}a-z&;:,\\[\\] ]{0,8}",
        ) {
            for format in [ExportFormat::GraphMl, ExportFormat::Json] {
                let mut text = exported(format);
                let mut start = (at * text.len() as f64) as usize;
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(start..end, &with);
                let text: Arc<str> = Arc::from(text);
                match format {
                    ExportFormat::GraphMl => check(read_graphml("g.graphml", text, budget()))?,
                    _ => check(read_node_link("g.json", text, budget()))?,
                }
            }
        }
    }
}
