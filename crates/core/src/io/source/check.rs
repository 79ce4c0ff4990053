//! The passes over the whole set of files: documents, then nodes, then edges, each checked
//! against everything defined before it (ids are shared across the files of a folder).

use std::collections::HashMap;
use std::ops::Range;

use petgraph::graph::NodeIndex;

use super::parse::Partial;
use super::report::Checker;
use super::schema::{RawAttrs, RawCite, RawDocument, RawEdge, RawFix, RawNode, RawSource, Text};
use super::DocReader;
use crate::graph::names::{fold, nearest};
use crate::graph::KnowledgeGraph;
use crate::model::{
    is_slug, Attrs, Document, Edge, Node, NodeKind, Period, Provenance, Rel, Value,
};

/// A checked document: its index in the graph and its text (with fixes), for quote checks.
pub(super) struct DocEntry {
    id: u32,
    text: Option<String>,
    /// File index and span of its key, for a duplicate to name.
    defined_at: (usize, Range<usize>),
}

/// The checked documents, by key.
pub(super) type Docs = HashMap<String, DocEntry>;

/// Where each node id is first defined (file index, span), including the ids of entries that
/// failed their schema.
pub(super) type Defined = HashMap<String, (usize, Range<usize>)>;

/// An edge ready to be added once every check passed.
pub(super) type PendingEdge = (NodeIndex, NodeIndex, Edge);

/// Checks every document, in reading order, adding each that is not a duplicate to `graph`.
pub(super) fn documents(
    ck: &mut Checker<'_>,
    parsed: &[(usize, RawSource<'_>)],
    read_doc: &DocReader<'_>,
    graph: &mut KnowledgeGraph,
) -> Docs {
    let mut docs = Docs::new();
    for (fi, raw) in parsed {
        for d in &raw.document {
            if let Some(entry) = document(ck, *fi, d, &docs, read_doc, graph) {
                docs.insert(d.key.get_ref().to_string(), entry);
            }
        }
    }
    docs
}

/// Checks one document; `None` if its key is taken.
fn document(
    ck: &mut Checker<'_>,
    fi: usize,
    d: &RawDocument<'_>,
    docs: &Docs,
    read_doc: &DocReader<'_>,
    graph: &mut KnowledgeGraph,
) -> Option<DocEntry> {
    let key = d.key.get_ref();
    if let Some(prev) = docs.get(key) {
        let (pf, ps) = &prev.defined_at;
        let at = ck.place(*pf, ps);
        ck.error(
            fi,
            d.key.span(),
            format!("duplicate document key `{key}`"),
            "defined twice",
            Some(format!("the first is at {at}; give this one another key")),
        );
        return None;
    }
    language(ck, fi, &d.language);
    let date = period(ck, fi, d.date.as_ref());
    let text = d
        .file
        .as_ref()
        .and_then(|file| document_text(ck, fi, file, &d.fixes, read_doc));
    let id = graph.add_document(Document {
        key: key.to_string(),
        title: d.title.clone(),
        language: d.language.get_ref().to_string(),
        file: d.file.as_ref().map(|f| f.get_ref().to_string()),
        date,
        publisher: d.publisher.clone(),
        url: d.url.clone(),
    });
    Some(DocEntry {
        id,
        text: text.map(|t| collapse_ws(&t)),
        defined_at: (fi, d.key.span()),
    })
}

/// Reports a language that is not an ISO 639 code.
fn language(ck: &mut Checker<'_>, fi: usize, lang: &Text<'_>) {
    let code = lang.get_ref();
    if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    ck.error(
        fi,
        lang.span(),
        format!("`{code}` is not a language code"),
        "not a code",
        Some("write the ISO 639-1 code of the document's language: `it`, `en`, `fr`, ...".into()),
    );
}

/// The text of a document's file with its fixes applied; `None` if it cannot be read.
fn document_text(
    ck: &mut Checker<'_>,
    fi: usize,
    file: &Text<'_>,
    fixes: &[RawFix<'_>],
    read_doc: &DocReader<'_>,
) -> Option<String> {
    match read_doc(&ck.files()[fi].path, file.get_ref()) {
        Ok(text) => Some(apply_fixes(ck, fi, text, fixes)),
        Err(e) => {
            ck.error(
                fi,
                file.span(),
                format!("cannot read document file `{}`: {e}", file.get_ref()),
                "cited here",
                Some("the path is relative to this source file".into()),
            );
            None
        }
    }
}

fn apply_fixes(ck: &mut Checker<'_>, fi: usize, mut text: String, fixes: &[RawFix<'_>]) -> String {
    for fix in fixes {
        if fix.wrong.get_ref().is_empty() {
            // Replacing "" would insert `right` between every character.
            ck.error(
                fi,
                fix.wrong.span(),
                "a fix must name the wrong text it replaces".into(),
                "empty",
                Some("write the corrupted text exactly as the file has it".into()),
            );
            continue;
        }
        // A fix longer than the text it replaces grows the text once per occurrence: forty
        // fixes `a` → `aa` would double it forty times. The size after the fix is known
        // before it is made, and refused past the bound on any document's text.
        let (wrong, right) = (fix.wrong.get_ref(), fix.right.as_str());
        if right.len() > wrong.len() {
            let grown = text.matches(wrong).count() as u64 * (right.len() - wrong.len()) as u64;
            if text.len() as u64 + grown > MAX_FIXED_TEXT {
                ck.error(
                    fi,
                    fix.wrong.span(),
                    format!(
                        "this fix would grow the document's text past {} MiB",
                        MAX_FIXED_TEXT >> 20
                    ),
                    "grows the text",
                    Some("a fix corrects a few characters: name the wrong text exactly".into()),
                );
                return text;
            }
        }
        text = text.replace(wrong, right);
    }
    text
}

/// The largest a document's text may grow to by its fixes.
const MAX_FIXED_TEXT: u64 = 64 << 20;

/// Checks every node, in reading order, adding each good one to `graph`. The ids of entries
/// that failed their schema are taken first, so that duplicates are found wherever they are.
pub(super) fn nodes(
    ck: &mut Checker<'_>,
    parsed: &[(usize, RawSource<'_>)],
    docs: &Docs,
    partial: &Partial,
    graph: &mut KnowledgeGraph,
) -> Defined {
    let mut defined = Defined::new();
    for (fi, raw) in parsed {
        for (id, span) in &raw.broken_ids {
            defined.entry(id.clone()).or_insert((*fi, span.clone()));
        }
    }
    for (fi, raw) in parsed {
        for n in &raw.node {
            if let Some(node) = node(ck, *fi, n, &mut defined, docs, partial) {
                graph
                    .add_node(node)
                    .expect("duplicate ids were rejected above");
            }
        }
    }
    defined
}

/// Checks one node and records its id; `None` if it has a problem.
fn node(
    ck: &mut Checker<'_>,
    fi: usize,
    n: &RawNode<'_>,
    defined: &mut Defined,
    docs: &Docs,
    partial: &Partial,
) -> Option<Node> {
    let id = n.id.get_ref();
    let valid_id = slug(ck, fi, &n.id);
    if let Some((pf, ps)) = defined.get(id) {
        let at = ck.place(*pf, ps);
        ck.error(
            fi,
            n.id.span(),
            format!("duplicate node id `{id}`"),
            "defined twice",
            Some(format!(
                "the first definition is at {at}; merge the two or give this one another id"
            )),
        );
        return None;
    }
    defined.insert(id.to_string(), (fi, n.id.span()));
    if n.cite.is_empty() && !docs.is_empty() {
        ck.warn(
            fi,
            n.id.span(),
            format!("node `{id}` cites no document"),
            "no `cite`",
            UNCITED_HELP,
        );
    }
    let kind = node_kind(ck, fi, &n.kind);
    let attrs = attributes(ck, fi, &n.attrs);
    let provenance = citations(ck, fi, &n.cite, docs, partial);
    Some(Node {
        id: valid_id?.into(),
        kind: kind?,
        name: n.name.as_str().into(),
        aliases: n.aliases.clone(),
        attrs,
        provenance,
    })
}

/// The id if it is a slug; otherwise reports it with the slug it could be.
fn slug<'s>(ck: &mut Checker<'_>, fi: usize, id: &'s Text<'_>) -> Option<&'s str> {
    let text = id.get_ref();
    if is_slug(text) {
        return Some(text);
    }
    let slug = fold(text).replace(' ', "-");
    ck.error(
        fi,
        id.span(),
        format!("`{text}` is not a valid id"),
        "not a slug",
        Some(format!(
            "ids are lowercase slugs of a-z, 0-9, '-', '_' and '.': try `{slug}`"
        )),
    );
    None
}

fn node_kind(ck: &mut Checker<'_>, fi: usize, kind: &Text<'_>) -> Option<NodeKind> {
    let name = kind.get_ref();
    if let Some(k) = NodeKind::parse(name) {
        return Some(k);
    }
    let help = nearest(name, NodeKind::names())
        .map(|k| format!("did you mean `{k}`?"))
        .unwrap_or_else(|| {
            format!(
                "the kinds are: {}",
                NodeKind::names().collect::<Vec<_>>().join(", ")
            )
        });
    ck.error(
        fi,
        kind.span(),
        format!("unknown node kind `{name}`"),
        "unknown kind",
        Some(help),
    );
    None
}

/// Checks every edge, in reading order; the edges to add once every check passed.
pub(super) fn edges(
    ck: &mut Checker<'_>,
    parsed: &[(usize, RawSource<'_>)],
    docs: &Docs,
    partial: &Partial,
    defined: &Defined,
    graph: &KnowledgeGraph,
) -> Vec<PendingEdge> {
    let mut ends = Endpoints {
        graph,
        defined,
        partial,
        suggestions: HashMap::new(),
    };
    let mut out = Vec::new();
    for (fi, raw) in parsed {
        for e in &raw.edge {
            out.extend(edge(ck, *fi, e, &mut ends, docs, partial));
        }
    }
    out
}

/// What a warning about a node or edge without a citation suggests.
const UNCITED_HELP: &str =
    "add `cite = [{ doc = \"KEY\", quote = \"...\" }]` with the sentence it comes from";

/// Checks one edge; `None` if it has a problem.
fn edge(
    ck: &mut Checker<'_>,
    fi: usize,
    e: &RawEdge<'_>,
    ends: &mut Endpoints<'_>,
    docs: &Docs,
    partial: &Partial,
) -> Option<PendingEdge> {
    let from = ends.resolve(ck, fi, &e.from);
    let to = ends.resolve(ck, fi, &e.to);
    let rel = relation(ck, fi, &e.rel);
    let date = period(ck, fi, e.date.as_ref());
    let attrs = attributes(ck, fi, &e.attrs);
    let provenance = citations(ck, fi, &e.cite, docs, partial);
    if e.cite.is_empty() && !docs.is_empty() {
        ck.warn(
            fi,
            e.from.span().start..e.to.span().end,
            format!(
                "edge `{}` {} `{}` cites no document",
                e.from.get_ref(),
                e.rel.get_ref(),
                e.to.get_ref()
            ),
            "no `cite`",
            UNCITED_HELP,
        );
    }
    let edge = Edge::new(rel?, date, attrs, provenance);
    Some((from?, to?, edge))
}

/// How many distinct unknown ids get a "did you mean" search.
const MAX_SEARCHES: usize = 10;

/// Resolves the ids at the ends of edges, with one fuzzy search per distinct unknown id (of
/// the first [`MAX_SEARCHES`]).
struct Endpoints<'g> {
    graph: &'g KnowledgeGraph,
    defined: &'g Defined,
    partial: &'g Partial,
    /// The help of each unknown id met so far: the search scans every name.
    suggestions: HashMap<String, String>,
}

impl Endpoints<'_> {
    /// The node with this id; `None` if there is none, reported unless the node itself had
    /// an error or a file that does not parse seems to define it.
    fn resolve(&mut self, ck: &mut Checker<'_>, fi: usize, end: &Text<'_>) -> Option<NodeIndex> {
        let id = end.get_ref();
        if let Some(ix) = self.graph.by_id(id) {
            return Some(ix);
        }
        if self.defined.contains_key(id) || self.partial.ids.contains(id) {
            return None;
        }
        if ck.full() {
            ck.count();
            return None;
        }
        let help = self.help(id);
        ck.error(
            fi,
            end.span(),
            format!("edge to unknown node id `{id}`"),
            "no node has this id",
            Some(help),
        );
        None
    }

    fn help(&mut self, id: &str) -> String {
        let graph = self.graph;
        // Each search scans every name: after the first few unknown ids, a file with many
        // is not a file of typos, and the rest get the plain help (time stays linear).
        if self.suggestions.len() >= MAX_SEARCHES && !self.suggestions.contains_key(id) {
            return "define a node with this id, or correct the id".to_string();
        }
        self.suggestions
            .entry(id.to_string())
            .or_insert_with(|| {
                let near: Vec<String> = graph
                    .near_misses(id, None, 3)
                    .into_iter()
                    .map(|c| format!("`{}`", graph.node(c.node).id))
                    .collect();
                if near.is_empty() {
                    "define a node with this id, or correct the id".to_string()
                } else {
                    format!("did you mean {}?", near.join(" or "))
                }
            })
            .clone()
    }
}

fn relation(ck: &mut Checker<'_>, fi: usize, rel: &Text<'_>) -> Option<Rel> {
    let name = rel.get_ref();
    if let Some(r) = Rel::parse(name) {
        return Some(r);
    }
    let help = nearest(name, Rel::names())
        .map(|r| format!("did you mean `{r}`?"))
        .unwrap_or_else(|| "the relations are listed in graphs/README.md".to_string());
    ck.error(
        fi,
        rel.span(),
        format!("unknown relation `{name}`"),
        "unknown relation",
        Some(help),
    );
    None
}

/// The period of a document or an edge, if it has one that parses.
fn period(ck: &mut Checker<'_>, fi: usize, date: Option<&Text<'_>>) -> Option<Period> {
    let date = date?;
    match Period::parse(date.get_ref()) {
        Ok(p) => Some(p),
        Err(e) => {
            let help = "write a year (2016), a month (2016-12), a day (2016-12-01), or a period \
                        such as 2011..2012";
            ck.error(
                fi,
                date.span(),
                e.to_string(),
                "bad date",
                Some(help.into()),
            );
            None
        }
    }
}

/// The plain attributes; others (arrays, tables, dates) are reported and left out.
fn attributes(ck: &mut Checker<'_>, fi: usize, raw: &RawAttrs) -> Attrs {
    let mut attrs = Attrs::new();
    for (k, v) in raw {
        let value = match v.get_ref() {
            toml::Value::String(s) => Value::Str(s.clone()),
            toml::Value::Integer(i) => Value::Int(*i),
            toml::Value::Float(x) => Value::Float(*x),
            toml::Value::Boolean(b) => Value::Bool(*b),
            other => {
                ck.error(
                    fi,
                    v.span(),
                    format!("attribute `{k}` is {}", with_article(other.type_str())),
                    "not a plain value",
                    Some(
                        "attributes are strings, integers, floats or booleans; write a date as \
                         a string"
                            .into(),
                    ),
                );
                continue;
            }
        };
        attrs.insert(k.clone(), value);
    }
    attrs
}

/// Checks citations: the document exists (or is declared in a file that does not parse yet),
/// and the quote is in its text.
fn citations(
    ck: &mut Checker<'_>,
    fi: usize,
    cites: &[RawCite<'_>],
    docs: &Docs,
    partial: &Partial,
) -> Vec<Provenance> {
    cites
        .iter()
        .filter_map(|c| citation(ck, fi, c, docs, partial))
        .collect()
}

fn citation(
    ck: &mut Checker<'_>,
    fi: usize,
    c: &RawCite<'_>,
    docs: &Docs,
    partial: &Partial,
) -> Option<Provenance> {
    let key = c.doc.get_ref();
    let quote = c.quote.get_ref();
    if quote.trim().is_empty() {
        ck.error(
            fi,
            c.quote.span(),
            "the quote is empty".into(),
            "empty",
            Some("quote the sentence the fact rests on".into()),
        );
        return None;
    }
    let Some(doc) = docs.get(key) else {
        if !partial.docs.contains(key) {
            unknown_document(ck, fi, &c.doc, docs);
        }
        return None;
    };
    if let Some(text) = &doc.text {
        if !text.contains(&collapse_ws(quote)) {
            ck.error(
                fi,
                c.quote.span(),
                format!("the quote does not occur in document `{key}`"),
                "not in the document",
                Some(
                    "copy the sentence exactly as the document has it (quotes, apostrophes and \
                     dashes included)"
                        .into(),
                ),
            );
            return None;
        }
    }
    Some(Provenance::sentence(doc.id, quote))
}

fn unknown_document(ck: &mut Checker<'_>, fi: usize, key: &Text<'_>, docs: &Docs) {
    let name = key.get_ref();
    let help = nearest(name, docs.keys().map(String::as_str))
        .map(|k| format!("did you mean `{k}`?"))
        .unwrap_or_else(|| "declare it in a [[document]] with this key".into());
    ck.error(
        fi,
        key.span(),
        format!("citation of unknown document `{name}`"),
        "no document has this key",
        Some(help),
    );
}

/// Runs of white space (line breaks, non-breaking spaces) compare as one space.
fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "an array", "a table".
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}
