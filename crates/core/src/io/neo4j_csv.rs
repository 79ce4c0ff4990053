//! Nodes and edges CSV in the header convention of `neo4j-admin database import`: a folder
//! with `nodes.csv` (`id:ID`, `:LABEL` = the kind, `name`, `aliases`, `provenance`, then one
//! column per attribute, typed as `founded:long`, `share:double`, `listed:boolean`),
//! `edges.csv` (`:START_ID`, `:END_ID`, `:TYPE` = the edge type, `date`, `provenance`, then the
//! attributes) and `documents.csv` (the documents provenance cites). `neo4j-admin database
//! import full --nodes=nodes.csv --relationships=edges.csv` takes the first two as they are.
//!
//! The reader takes a folder holding `nodes.csv` and `edges.csv`, or the path of one of such
//! a pair (`x-nodes.csv` finds `x-edges.csv` beside it, and the other way round). Columns are
//! known by their header: `…:ID(…)`, `:LABEL`, `:START_ID(…)`, `:END_ID(…)`, `:TYPE`,
//! `:IGNORE`, and properties typed `int`, `long`, `short`, `byte`, `float`, `double`,
//! `boolean`, `string` (the default) or `string[]` (aliases only, split on `;`).

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::atomic::write_atomic;
use super::budget::Budget;
use super::exchange::{
    edge_fields, json_field, node_fields, typed_value, AttrType, Builder, ExportError, RawEdge,
    RawNode, Schema, Selection,
};
use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;
use crate::model::Attrs;

pub(crate) const NODES: &str = "nodes.csv";
pub(crate) const EDGES: &str = "edges.csv";
pub(crate) const DOCUMENTS: &str = "documents.csv";

fn suffix(t: AttrType) -> &'static str {
    match t {
        AttrType::Int => ":long",
        AttrType::Float => ":double",
        AttrType::Bool => ":boolean",
        AttrType::Str => "",
    }
}

/// A Neo4j label from a kind: `cluster` → `Cluster`.
fn label(kind: &str) -> String {
    let mut c = kind.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Writes the selected part of `g` into the folder `dir` (created if needed), each file
/// atomically.
pub(crate) fn write(
    g: &KnowledgeGraph,
    sel: &Selection,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    if dir.is_file() {
        return Err(ExportError::NotAFolder {
            path: dir.to_path_buf(),
        });
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| ExportError::Io { path, source: e }
    };
    let schema = Schema::of(g, sel);
    let names = schema.node_attrs.iter().chain(&schema.edge_attrs);
    if let Some((name, _)) = names.into_iter().find(|(n, _)| n.contains(':')) {
        return Err(ExportError::ColonInName { name: name.clone() });
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let nodes = dir.join(NODES);
    let node_rows = sel.nodes.iter().map(|&n| {
        let node = g.node(n);
        let fields = node_fields(g, node);
        let row = [
            node.id.to_string(),
            label(node.kind.as_str()),
            field(&fields, "name"),
            field(&fields, "aliases"),
            field(&fields, "provenance"),
        ];
        (row, node.attrs)
    });
    let header = ["id:ID", ":LABEL", "name", "aliases", "provenance"];
    table(&nodes, header, &schema.node_attrs, node_rows).map_err(io(&nodes))?;
    let edges = dir.join(EDGES);
    let edge_rows = sel.edges.iter().map(|&e| {
        let (a, b) = g.endpoints(e);
        let edge = g.edge(e);
        let fields = edge_fields(g, edge);
        let row = [
            g.node(a).id.to_string(),
            g.node(b).id.to_string(),
            edge.rel.to_string(),
            field(&fields, "date"),
            field(&fields, "provenance"),
        ];
        (row, edge.attrs())
    });
    let header = [":START_ID", ":END_ID", ":TYPE", "date", "provenance"];
    table(&edges, header, &schema.edge_attrs, edge_rows).map_err(io(&edges))?;
    let documents = dir.join(DOCUMENTS);
    let csv_err = |e: csv::Error| -> io::Error { io::Error::other(e) };
    write_atomic(&documents, |w| {
        let mut out = csv::Writer::from_writer(w);
        out.write_record([
            "key",
            "title",
            "language",
            "file",
            "date",
            "publisher",
            "url",
        ])
        .map_err(csv_err)?;
        for d in g.documents() {
            let opt = |s: &Option<String>| s.clone().unwrap_or_default();
            out.write_record([
                d.key.clone(),
                d.title.clone(),
                d.language.clone(),
                opt(&d.file),
                d.date.map(|p| p.to_string()).unwrap_or_default(),
                opt(&d.publisher),
                opt(&d.url),
            ])
            .map_err(csv_err)?;
        }
        out.flush()
    })
    .map_err(io(&documents))?;
    Ok(vec![nodes, edges, documents])
}

/// The value of a fixed field, or nothing.
fn field(fields: &[(&str, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(f, _)| *f == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Writes one nodes or edges file: the five fixed columns, then one per attribute.
fn table<'a>(
    path: &Path,
    header: [&str; 5],
    types: &[(String, AttrType)],
    rows: impl Iterator<Item = ([String; 5], &'a Attrs)>,
) -> io::Result<()> {
    let csv_err = |e: csv::Error| -> io::Error { io::Error::other(e) };
    write_atomic(path, |w| {
        let mut out = csv::Writer::from_writer(w);
        let attrs = types.iter().map(|(n, t)| format!("{n}{}", suffix(*t)));
        out.write_record(header.map(String::from).into_iter().chain(attrs))
            .map_err(csv_err)?;
        for (row, attrs) in rows {
            let values = types
                .iter()
                .map(|(k, t)| attrs.get(k).map(|v| t.text(v)).unwrap_or_default());
            out.write_record(row.into_iter().chain(values))
                .map_err(csv_err)?;
        }
        out.flush()
    })
}

/// The files of a CSV graph: its nodes and edges, and its documents if there are any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvFiles {
    pub nodes: PathBuf,
    pub edges: PathBuf,
    pub documents: Option<PathBuf>,
}

impl CsvFiles {
    /// The files of the folder `dir`, if it holds `nodes.csv` and `edges.csv`.
    pub fn in_folder(dir: &Path) -> Option<CsvFiles> {
        let (nodes, edges) = (dir.join(NODES), dir.join(EDGES));
        (nodes.is_file() && edges.is_file()).then(|| CsvFiles {
            nodes,
            edges,
            documents: Some(dir.join(DOCUMENTS)).filter(|d| d.is_file()),
        })
    }

    /// The pair that `path` is one of: the file whose name has `edges` for `nodes` (or the
    /// other way round) beside it. `None` if the name has neither word or the other file is
    /// missing.
    pub fn pair_of(path: &Path) -> Option<CsvFiles> {
        let name = path.file_name()?.to_str()?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let lower = name.to_lowercase();
        let swap = |from: &str, to: &str| -> Option<PathBuf> {
            let at = lower.rfind(from)?;
            let other = format!("{}{to}{}", &name[..at], &name[at + from.len()..]);
            Some(dir.join(other)).filter(|p| p.is_file())
        };
        let documents = Some(dir.join(DOCUMENTS)).filter(|d| d.is_file());
        if let Some(edges) = swap("nodes", "edges").or_else(|| swap("nodes", "relationships")) {
            return Some(CsvFiles {
                nodes: path.to_path_buf(),
                edges,
                documents,
            });
        }
        let nodes = swap("edges", "nodes").or_else(|| swap("relationships", "nodes"))?;
        Some(CsvFiles {
            nodes,
            edges: path.to_path_buf(),
            documents,
        })
    }
}

/// What a header column is.
#[derive(Clone, Debug, PartialEq)]
enum Column {
    Id,
    Label,
    Start,
    End,
    Type,
    Ignore,
    /// A property: its name and type; `list` for `string[]`.
    Property {
        name: String,
        ty: AttrType,
        list: bool,
    },
}

/// The columns of a header, or the problem with one (its index and the message).
fn columns(header: &csv::StringRecord) -> Result<Vec<Column>, (usize, String)> {
    header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (name, ty) = match h.rsplit_once(':') {
                Some((n, t)) => (n, t),
                None => (h, "string"),
            };
            // `:ID(Person)` and `:START_ID(Person)` name an id space, which one graph ignores.
            let base = ty.split('(').next().unwrap_or(ty).to_ascii_lowercase();
            Ok(match base.as_str() {
                "id" => Column::Id,
                "label" if name.is_empty() => Column::Label,
                "start_id" => Column::Start,
                "end_id" => Column::End,
                "type" if name.is_empty() => Column::Type,
                "ignore" => Column::Ignore,
                t => {
                    let (ty, list) = match t {
                        "string" => (AttrType::Str, false),
                        "string[]" => (AttrType::Str, true),
                        "int" | "long" | "short" | "byte" => (AttrType::Int, false),
                        "float" | "double" => (AttrType::Float, false),
                        "boolean" => (AttrType::Bool, false),
                        other => {
                            return Err((
                                i,
                                format!(
                                    "the column `{h}` has the type `{other}`, which clustergraph \
                                     does not read"
                                ),
                            ))
                        }
                    };
                    if name.is_empty() {
                        return Err((i, format!("the column `{h}` has no name")));
                    }
                    Column::Property {
                        name: name.to_string(),
                        ty,
                        list,
                    }
                }
            })
        })
        .collect()
}

/// The span of field `i` of a record that starts at `start` in `text`: the field found again
/// in the record's line (CSV fields may be quoted, so this is the record's start when the
/// field is not found verbatim).
fn field_span(text: &str, start: usize, record: &csv::StringRecord, i: usize) -> Range<usize> {
    let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    let line = &text[start..line_end];
    match record.get(i) {
        Some(f) if !f.is_empty() => match line.find(f) {
            Some(p) => start + p..start + p + f.len(),
            None => start..line_end,
        },
        _ => start..line_end,
    }
}

/// Reads a CSV graph. Every problem in every file is reported with its line; on any, nothing
/// is built.
pub fn read_csv(files: &CsvFiles, budget: Budget) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
    let mut b = Builder::new(budget);
    let read = |path: &Path, b: &mut Builder| -> Option<Arc<str>> {
        let shown = path.display().to_string();
        match super::read_text(path, super::MAX_TEXT.min(budget.bytes)) {
            Ok(t) => {
                let t: Arc<str> = Arc::from(t);
                b.file(&shown, Arc::clone(&t));
                Some(t)
            }
            Err(e) => {
                b.file(&shown, Arc::from(""));
                b.problem(0..0, format!("cannot read it: {e}"), "here", None);
                None
            }
        }
    };
    if let Some(d) = &files.documents {
        if let Some(text) = read(d, &mut b) {
            documents(&mut b, &text);
        }
    }
    if let Some(text) = read(&files.nodes, &mut b) {
        rows(&mut b, &text, true);
    }
    if !b.stopped() {
        if let Some(text) = read(&files.edges, &mut b) {
            rows(&mut b, &text, false);
        }
    }
    b.finish()
}

fn documents(b: &mut Builder, text: &str) {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = match r.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            b.problem(0..0, format!("not CSV: {e}"), "here", None);
            return;
        }
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    if col("key").is_none() {
        b.problem(
            0..0,
            "the documents file has no `key` column",
            "header",
            None,
        );
        return;
    };
    for rec in r.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                csv_problem(b, &e, text);
                continue;
            }
        };
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let get = |name: &str| {
            col(name)
                .and_then(|i| rec.get(i))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        b.document_from(get, start..start);
    }
}

fn csv_problem(b: &mut Builder, e: &csv::Error, text: &str) {
    let at = e
        .position()
        .map_or(text.len(), |p| (p.byte() as usize).min(text.len()));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields where the header has {expected_len}"),
        _ => format!("not CSV: {e}"),
    };
    b.problem(at..at, message, "this row", None);
}

/// Reads the rows of a nodes file (`nodes`) or an edges file.
fn rows(b: &mut Builder, text: &str, nodes: bool) {
    let what = if nodes { "nodes" } else { "edges" };
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = match r.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            csv_problem(b, &e, text);
            return;
        }
    };
    let header_end = text.find('\n').unwrap_or(text.len());
    let cols = match columns(&header) {
        Ok(c) => c,
        Err((i, m)) => {
            b.problem(field_span(text, 0, &header, i), m, "this column", None);
            return;
        }
    };
    let find = |c: &Column| cols.iter().position(|x| x == c);
    let required: &[(Column, &str)] = if nodes {
        &[(Column::Id, "an `:ID` column (such as `id:ID`)")]
    } else {
        &[
            (Column::Start, "a `:START_ID` column"),
            (Column::End, "an `:END_ID` column"),
        ]
    };
    let mut missing = false;
    for (c, says) in required {
        if find(c).is_none() {
            b.problem(
                0..header_end,
                format!("the {what} file's header has no {says}"),
                "header",
                Some(if nodes {
                    "a nodes file's header is like `id:ID,:LABEL,name`".into()
                } else {
                    "an edges file's header is like `:START_ID,:END_ID,:TYPE`".into()
                }),
            );
            missing = true;
        }
    }
    if missing {
        return;
    }
    let mut rec = csv::StringRecord::new();
    loop {
        match r.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                csv_problem(b, &e, text);
                if matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    continue;
                }
                break;
            }
        }
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let row_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        let at = start..row_end;
        let mut id = String::new();
        let (mut source, mut target) = (String::new(), String::new());
        let mut kind = None;
        let mut rel = None;
        let mut fixed = FixedFields::default();
        let mut attrs = Attrs::new();
        for (i, (col, value)) in cols.iter().zip(rec.iter()).enumerate() {
            match col {
                Column::Id => id = value.to_string(),
                Column::Start => source = value.to_string(),
                Column::End => target = value.to_string(),
                Column::Label if !value.is_empty() => {
                    if value.contains(';') {
                        b.problem(
                            field_span(text, start, &rec, i),
                            format!("the node has several labels, `{value}`"),
                            "one kind",
                            Some("a node's label is its one kind".into()),
                        );
                        continue;
                    }
                    kind = Some(value.to_string());
                }
                Column::Type if !value.is_empty() => rel = Some(value.to_string()),
                Column::Property { .. } if value.is_empty() => {}
                Column::Property { name, ty, list } => {
                    let span = field_span(text, start, &rec, i);
                    fixed.take(b, nodes, name, *ty, *list, value, span, &mut attrs);
                }
                _ => {}
            }
        }
        if nodes {
            b.node(RawNode {
                id,
                kind,
                name: fixed.name,
                aliases: fixed.aliases,
                provenance: fixed.provenance,
                attrs,
                at,
            });
        } else {
            b.edge(RawEdge {
                source,
                target,
                rel,
                date: fixed.date,
                provenance: fixed.provenance,
                attrs,
                at,
            });
        }
        if b.stopped() {
            return;
        }
    }
}

/// The fields of a row that are not attributes.
#[derive(Default)]
struct FixedFields {
    name: Option<String>,
    aliases: Option<serde_json::Value>,
    provenance: Option<serde_json::Value>,
    date: Option<String>,
}

impl FixedFields {
    #[allow(clippy::too_many_arguments)]
    fn take(
        &mut self,
        b: &mut Builder,
        nodes: bool,
        name: &str,
        ty: AttrType,
        list: bool,
        value: &str,
        at: Range<usize>,
        attrs: &mut Attrs,
    ) {
        match (nodes, name) {
            (true, "name") => self.name = Some(value.to_string()),
            (true, "aliases") if list => {
                self.aliases = Some(serde_json::json!(value.split(';').collect::<Vec<_>>()))
            }
            (true, "aliases") => self.aliases = json_field(b, "aliases", value, at),
            (_, "provenance") => self.provenance = json_field(b, "provenance", value, at),
            (false, "date") => self.date = Some(value.to_string()),
            _ if list => b.problem(
                at,
                format!("`{name}` is a list (`string[]`); only `aliases` may be one"),
                "a list",
                None,
            ),
            _ => match typed_value(ty, value) {
                Ok(v) => {
                    attrs.insert(name.to_string(), v);
                }
                Err(m) => b.problem(at, format!("`{name}`: {m}"), "wrong type", None),
            },
        }
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any nodes and edges text reads or reports, never panics, with a bounded report.
        #[test]
        fn any_csv_reads_or_reports_without_panicking(
            nodes in "id:ID(,:LABEL)?(,[a-z]{1,3}(:(int|boolean|string\\[\\]|x))?)?\n([a-z0-9\",;\n]{0,6},?){0,12}",
            edges in ":START_ID,:END_ID(,:TYPE)?(,[a-z]{1,3})?\n([a-z0-9\",\n_]{0,6},?){0,12}",
        ) {
            let mut b = Builder::new(Budget { bytes: u64::MAX, set: true });
            let (n, e): (Arc<str>, Arc<str>) = (Arc::from(nodes.as_str()), Arc::from(edges.as_str()));
            b.file("nodes.csv", Arc::clone(&n));
            rows(&mut b, &n, true);
            b.file("edges.csv", Arc::clone(&e));
            rows(&mut b, &e, false);
            if let Err(ds) = b.finish() {
                prop_assert!(!ds.is_empty());
                for d in ds {
                    let _ = d.render(false);
                }
            }
        }
    }
}
