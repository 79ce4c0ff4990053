//! Graph sources: the TOML format documented in `graphs/README.md`, loaded with diagnostics.
//!
//! Loading runs in two passes. The first parses every file; the second checks every document,
//! node and edge against the whole set (ids are shared across the files of a folder) and
//! collects every problem. Only when there is none is the graph built, so a graph is never
//! half-loaded.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::graph::names::nearest;
use crate::graph::KnowledgeGraph;
use crate::model::{
    is_slug, Attrs, Document, Edge, Node, NodeKind, Period, Provenance, Rel, Value,
};

/// The text of one graph source file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user should see it in messages.
    pub path: String,
    pub text: Arc<str>,
}

/// Reads the text of a document that a source cites: (source path, `file` value) → text.
pub type DocReader<'a> = dyn Fn(&str, &str) -> Result<String, String> + 'a;

/// One file's entries, each checked against its schema on its own, so that one entry's
/// unknown key does not hide the problems of the others.
#[derive(Default)]
struct RawSource {
    document: Vec<Spanned<RawDocument>>,
    node: Vec<Spanned<RawNode>>,
    edge: Vec<Spanned<RawEdge>>,
    /// Ids (and their places) of `[[node]]` entries that failed their schema: edges to them
    /// are not "unknown", and a second definition names the first.
    broken_ids: Vec<(String, Range<usize>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    key: Spanned<String>,
    title: String,
    language: Spanned<String>,
    file: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    publisher: Option<String>,
    url: Option<String>,
    #[serde(default)]
    fixes: Vec<RawFix>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFix {
    wrong: Spanned<String>,
    right: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: Spanned<String>,
    kind: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    attrs: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    cite: Vec<Spanned<RawCite>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdge {
    from: Spanned<String>,
    rel: Spanned<String>,
    to: Spanned<String>,
    date: Option<Spanned<String>>,
    #[serde(default)]
    attrs: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    cite: Vec<Spanned<RawCite>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCite {
    doc: Spanned<String>,
    quote: Spanned<String>,
}

/// What files with syntax errors seem to define, as far as toml's recoverable parser read
/// them: references to these are not reported as unknown while those files do not parse.
#[derive(Default)]
struct Partial {
    ids: std::collections::HashSet<String>,
    docs: std::collections::HashSet<String>,
}

/// A checked document: its index in the graph and its text (with fixes), for quote checks.
struct DocEntry {
    id: u32,
    text: Option<String>,
    defined_at: (usize, Range<usize>),
}

/// How many problems are reported in full; past it they are only counted. A generated
/// file with thousands of bad lines would otherwise bury the first ones, and each rendered
/// problem costs a scan of its file.
const MAX_REPORTED: usize = 100;

/// Collects diagnostics, each tied to one of the files.
struct Checker<'a> {
    files: &'a [SourceFile],
    diagnostics: Vec<Diagnostic>,
    /// Problems found past [`MAX_REPORTED`].
    unreported: usize,
}

impl Checker<'_> {
    fn error(
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
        let f = &self.files[file];
        self.diagnostics.push(
            Diagnostic::new(&f.path, &f.text, span, message)
                .label(label)
                .help_opt(help),
        );
    }

    /// Whether further problems are only counted (so costly suggestions can be skipped).
    fn full(&self) -> bool {
        self.diagnostics.len() >= MAX_REPORTED
    }

    fn place(&self, file: usize, span: &Range<usize>) -> String {
        let f = &self.files[file];
        let (line, col) = Diagnostic::new(&f.path, &f.text, span.clone(), "").line_col();
        format!("{}:{line}:{col}", f.path)
    }
}

/// Loads graph source files as one graph. Every problem is reported; on any, nothing is built.
pub fn load_sources(
    files: &[SourceFile],
    read_doc: &DocReader<'_>,
) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
    let mut ck = Checker {
        files,
        diagnostics: Vec::new(),
        unreported: 0,
    };

    // Pass 1: parse every file, and every entry on its own.
    let mut parsed: Vec<(usize, RawSource)> = Vec::new();
    let mut partial = Partial::default();
    for (i, f) in files.iter().enumerate() {
        if let Some(raw) = parse_file(&mut ck, i, &f.text, &mut partial) {
            parsed.push((i, raw));
        }
    }

    let mut graph = KnowledgeGraph::new();

    // Pass 2a: documents.
    let mut docs: HashMap<String, DocEntry> = HashMap::new();
    for (fi, raw) in &parsed {
        for d in &raw.document {
            let d = d.get_ref();
            let key = d.key.get_ref();
            if let Some(prev) = docs.get(key) {
                let (pf, ps) = prev.defined_at.clone();
                let at = ck.place(pf, &ps);
                ck.error(
                    *fi,
                    d.key.span(),
                    format!("duplicate document key `{key}`"),
                    "defined twice",
                    Some(format!("the first is at {at}; give this one another key")),
                );
                continue;
            }
            let lang = d.language.get_ref();
            if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
                ck.error(
                    *fi,
                    d.language.span(),
                    format!("`{lang}` is not a language code"),
                    "not a code",
                    Some("write the ISO 639-1 code of the document's language: `it`, `en`, `fr`, ...".into()),
                );
            }
            let date = match &d.date {
                Some(s) => match Period::parse(s.get_ref()) {
                    Ok(date) => Some(date),
                    Err(e) => {
                        ck.error(*fi, s.span(), e, "bad date", Some(date_help()));
                        None
                    }
                },
                None => None,
            };
            let text = match &d.file {
                Some(file) => match read_doc(&files[*fi].path, file.get_ref()) {
                    Ok(mut text) => {
                        for fix in &d.fixes {
                            if fix.wrong.get_ref().is_empty() {
                                // Replacing "" would insert `right` between every character.
                                ck.error(
                                    *fi,
                                    fix.wrong.span(),
                                    "a fix must name the wrong text it replaces".into(),
                                    "empty",
                                    Some(
                                        "write the corrupted text exactly as the file has it"
                                            .into(),
                                    ),
                                );
                                continue;
                            }
                            text = text.replace(fix.wrong.get_ref(), &fix.right);
                        }
                        Some(text)
                    }
                    Err(e) => {
                        ck.error(
                            *fi,
                            file.span(),
                            format!("cannot read document file `{}`: {e}", file.get_ref()),
                            "cited here",
                            Some("the path is relative to this source file".into()),
                        );
                        None
                    }
                },
                None => None,
            };
            let id = graph.add_document(Document {
                key: key.clone(),
                title: d.title.clone(),
                language: d.language.get_ref().clone(),
                file: d.file.as_ref().map(|f| f.get_ref().clone()),
                date,
                publisher: d.publisher.clone(),
                url: d.url.clone(),
            });
            docs.insert(
                key.clone(),
                DocEntry {
                    id,
                    text: text.map(|t| collapse_ws(&t)),
                    defined_at: (*fi, d.key.span()),
                },
            );
        }
    }

    // Pass 2b: nodes, first all ids so that duplicates are found wherever they are.
    let mut nodes: Vec<Node> = Vec::new();
    let mut defined: HashMap<String, (usize, Range<usize>)> = HashMap::new();
    for (fi, raw) in &parsed {
        for (id, span) in &raw.broken_ids {
            defined.entry(id.clone()).or_insert((*fi, span.clone()));
        }
    }
    for (fi, raw) in &parsed {
        for n in &raw.node {
            let n = n.get_ref();
            let id = n.id.get_ref();
            let mut ok = true;
            if !is_slug(id) {
                let slug = slugify(id);
                ck.error(
                    *fi,
                    n.id.span(),
                    format!("`{id}` is not a valid id"),
                    "not a slug",
                    Some(format!(
                        "ids are lowercase slugs of a-z, 0-9, '-', '_' and '.': try `{slug}`"
                    )),
                );
                ok = false;
            }
            if let Some((pf, ps)) = defined.get(id) {
                let at = ck.place(*pf, ps);
                ck.error(*fi, n.id.span(), format!("duplicate node id `{id}`"), "defined twice", Some(format!("the first definition is at {at}; merge the two or give this one another id")));
                continue;
            }
            defined.insert(id.clone(), (*fi, n.id.span()));
            let kind = match NodeKind::parse(n.kind.get_ref()) {
                Some(k) => Some(k),
                None => {
                    let help = nearest(n.kind.get_ref(), NodeKind::names())
                        .map(|k| format!("did you mean `{k}`?"))
                        .unwrap_or_else(|| {
                            format!(
                                "the kinds are: {}",
                                NodeKind::names().collect::<Vec<_>>().join(", ")
                            )
                        });
                    ck.error(
                        *fi,
                        n.kind.span(),
                        format!("unknown node kind `{}`", n.kind.get_ref()),
                        "unknown kind",
                        Some(help),
                    );
                    None
                }
            };
            let attrs = check_attrs(&mut ck, *fi, &n.attrs);
            let provenance = check_cites(&mut ck, *fi, &n.cite, &docs, &partial);
            if let (true, Some(kind)) = (ok, kind) {
                nodes.push(Node {
                    id: id.clone(),
                    kind,
                    name: n.name.clone(),
                    aliases: n.aliases.clone(),
                    attrs,
                    provenance,
                });
            }
        }
    }
    for node in nodes {
        graph
            .add_node(node)
            .expect("duplicate ids were rejected above");
    }

    // Pass 2c: edges.
    let mut edges = Vec::new();
    let mut suggestions: HashMap<String, String> = HashMap::new();
    for (fi, raw) in &parsed {
        for e in &raw.edge {
            let e = e.get_ref();
            let mut ends = Vec::with_capacity(2);
            for end in [&e.from, &e.to] {
                let id = end.get_ref();
                match graph.by_id(id) {
                    Some(ix) => ends.push(ix),
                    None if defined.contains_key(id) => {} // the node itself had an error
                    None if partial.ids.contains(id) => {}
                    None if ck.full() => ck.unreported += 1,
                    None => {
                        // One fuzzy search per distinct unknown id: it scans every name.
                        let help = suggestions
                            .entry(id.clone())
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
                            .clone();
                        ck.error(
                            *fi,
                            end.span(),
                            format!("edge to unknown node id `{id}`"),
                            "no node has this id",
                            Some(help),
                        );
                    }
                }
            }
            let rel = match Rel::parse(e.rel.get_ref()) {
                Some(r) => Some(r),
                None => {
                    let help = nearest(e.rel.get_ref(), Rel::names())
                        .map(|r| format!("did you mean `{r}`?"))
                        .unwrap_or_else(|| {
                            "the relations are listed in graphs/README.md".to_string()
                        });
                    ck.error(
                        *fi,
                        e.rel.span(),
                        format!("unknown relation `{}`", e.rel.get_ref()),
                        "unknown relation",
                        Some(help),
                    );
                    None
                }
            };
            let date = match &e.date {
                Some(s) => match Period::parse(s.get_ref()) {
                    Ok(p) => Some(p),
                    Err(msg) => {
                        ck.error(*fi, s.span(), msg, "bad date", Some(date_help()));
                        None
                    }
                },
                None => None,
            };
            let attrs = check_attrs(&mut ck, *fi, &e.attrs);
            let provenance = check_cites(&mut ck, *fi, &e.cite, &docs, &partial);
            if let ([from, to], Some(rel)) = (ends.as_slice(), rel) {
                edges.push((
                    *from,
                    *to,
                    Edge {
                        rel,
                        date,
                        attrs,
                        provenance,
                    },
                ));
            }
        }
    }

    if !ck.diagnostics.is_empty() {
        // Reported in reading order: by file, then by place in the file.
        let order: HashMap<&str, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_str(), i))
            .collect();
        let mut diagnostics = ck.diagnostics;
        diagnostics.sort_by_key(|d| (order.get(d.path.as_str()).copied(), d.span.start));
        let mut diagnostics = fold_repeats(diagnostics);
        if ck.unreported > 0 {
            let last = diagnostics
                .last()
                .expect("problems were reported before any was counted");
            let (path, text) = (last.path.clone(), std::sync::Arc::clone(&last.text));
            let end = text.len();
            diagnostics.push(
                Diagnostic::new(
                    &path,
                    &text,
                    end..end,
                    format!("{} more problems are not shown", ck.unreported),
                )
                .label("and more")
                .help("mend the ones above and load again"),
            );
        }
        return Err(diagnostics);
    }
    for (from, to, edge) in edges {
        graph.add_edge(from, to, edge);
    }
    Ok(graph)
}

/// Parses one file: every TOML syntax error, then each `[[document]]`, `[[node]]` and
/// `[[edge]]` entry against its schema. `None` when the file has syntax errors (its entries
/// cannot be trusted, so they are not checked further).
fn parse_file(
    ck: &mut Checker<'_>,
    fi: usize,
    text: &str,
    partial: &mut Partial,
) -> Option<RawSource> {
    use toml::de::{DeTable, DeValue, ValueDeserializer};

    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let message = e.message().trim().to_string();
            let help = toml_help(&message);
            ck.error(fi, e.span().unwrap_or(0..0), message, "here", help);
        }
        // What the recoverable parse could read of the file's ids and document keys: other
        // files' references to them are not reported as unknown.
        let strings = |section: &str, key: &str| -> Vec<String> {
            root.get_ref()
                .get(section)
                .and_then(|v| v.get_ref().as_array())
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| {
                            item.get_ref()
                                .get(key)?
                                .get_ref()
                                .as_str()
                                .map(str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        partial.ids.extend(strings("node", "id"));
        partial.docs.extend(strings("document", "key"));
        // A broken header can hide its entry from the parser: read `id = "..."` and
        // `key = "..."` lines too (only nodes have `id`, only documents `key`).
        for line in text.lines() {
            let Some((name, value)) = line.split_once('=') else {
                continue;
            };
            let value = value.trim();
            let Some(value) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
                continue;
            };
            match name.trim() {
                "id" => partial.ids.insert(value.to_string()),
                "key" => partial.docs.insert(value.to_string()),
                _ => false,
            };
        }
        return None;
    }
    let mut raw = RawSource::default();
    /// Checks each entry of a section against its schema. Unknown keys are reported one by
    /// one (with the nearest known key) and the entry is checked again without them, so
    /// that its other problems are found in the same run.
    fn entries<'a, T: serde::de::DeserializeOwned>(
        ck: &mut Checker<'_>,
        fi: usize,
        value: &Spanned<DeValue<'a>>,
        section: &str,
        known: &[&str],
        out: &mut Vec<Spanned<T>>,
        mut on_error: impl FnMut(&Spanned<DeValue<'a>>),
    ) {
        let Some(items) = value.get_ref().as_array() else {
            let help = format!("write each entry as a table headed [[{section}]]");
            ck.error(
                fi,
                value.span(),
                format!("`{section}` must be a list of [[{section}]] entries"),
                "not a list of tables",
                Some(help),
            );
            return;
        };
        for item in items.iter() {
            let mut item = item.clone();
            if let DeValue::Table(table) = item.get_mut() {
                let unknown: Vec<_> = table
                    .keys()
                    .filter(|k| !known.contains(&k.get_ref().as_ref()))
                    .cloned()
                    .collect();
                for key in &unknown {
                    let name: &str = key.get_ref();
                    {
                        let help = nearest(name, known.iter().copied())
                            .map(|k| format!("did you mean `{k}`?"))
                            .unwrap_or_else(|| {
                                format!("the keys of [[{section}]] are: {}", known.join(", "))
                            });
                        ck.error(
                            fi,
                            key.span(),
                            format!("unknown key `{name}` in [[{section}]]"),
                            "unknown key",
                            Some(help),
                        );
                    }
                }
                for key in &unknown {
                    table.remove(key);
                }
            }
            match T::deserialize(ValueDeserializer::from(item.clone())) {
                Ok(v) => out.push(Spanned::new(item.span(), v)),
                Err(e) => {
                    let message = e.message().trim().to_string();
                    let help = toml_help(&message);
                    ck.error(fi, e.span().unwrap_or(item.span()), message, "here", help);
                    on_error(&item);
                }
            }
        }
    }
    for (key, value) in root.get_ref().iter() {
        match key.get_ref().as_ref() {
            "document" => {
                let known = [
                    "key",
                    "title",
                    "language",
                    "file",
                    "date",
                    "publisher",
                    "url",
                    "fixes",
                ];
                entries(ck, fi, value, "document", &known, &mut raw.document, |_| {})
            }
            "node" => {
                let mut broken = Vec::new();
                let known = ["id", "kind", "name", "aliases", "attrs", "cite"];
                entries(ck, fi, value, "node", &known, &mut raw.node, |item| {
                    if let Some(id) = item.get_ref().get("id") {
                        if let Some(text) = id.get_ref().as_str() {
                            broken.push((text.to_string(), id.span()));
                        }
                    }
                });
                raw.broken_ids = broken;
            }
            "edge" => {
                let known = ["from", "rel", "to", "date", "attrs", "cite"];
                entries(ck, fi, value, "edge", &known, &mut raw.edge, |_| {})
            }
            other => {
                let help = nearest(other, ["document", "node", "edge"])
                    .map(|n| format!("did you mean [[{n}]]?"))
                    .unwrap_or_else(|| {
                        "a source holds [[document]], [[node]] and [[edge]] entries".into()
                    });
                ck.error(
                    fi,
                    key.span(),
                    format!("unknown section `{other}`"),
                    "unknown section",
                    Some(help),
                );
            }
        }
    }
    Some(raw)
}

fn check_attrs(
    ck: &mut Checker<'_>,
    fi: usize,
    raw: &BTreeMap<String, Spanned<toml::Value>>,
) -> Attrs {
    let mut attrs = Attrs::new();
    for (k, v) in raw {
        let value = match v.get_ref() {
            toml::Value::String(s) => Value::Str(s.clone()),
            toml::Value::Integer(i) => Value::Int(*i),
            toml::Value::Float(x) => Value::Float(*x),
            toml::Value::Boolean(b) => Value::Bool(*b),
            other => {
                ck.error(fi, v.span(), format!("attribute `{k}` is {}", with_article(other.type_str())), "not a plain value", Some("attributes are strings, integers, floats or booleans; write a date as a string".into()));
                continue;
            }
        };
        attrs.insert(k.clone(), value);
    }
    attrs
}

/// Checks citations: the document exists (or is declared in a file that does not parse yet),
/// and the quote is in its text.
fn check_cites(
    ck: &mut Checker<'_>,
    fi: usize,
    cites: &[Spanned<RawCite>],
    docs: &HashMap<String, DocEntry>,
    partial: &Partial,
) -> Vec<Provenance> {
    let mut out = Vec::new();
    for c in cites {
        let c = c.get_ref();
        let key = c.doc.get_ref();
        if c.quote.get_ref().trim().is_empty() {
            ck.error(
                fi,
                c.quote.span(),
                "the quote is empty".into(),
                "empty",
                Some("quote the sentence the fact rests on".into()),
            );
            continue;
        }
        let Some(doc) = docs.get(key) else {
            if partial.docs.contains(key) {
                continue;
            }
            let help = nearest(key, docs.keys().map(String::as_str))
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| "declare it in a [[document]] with this key".into());
            ck.error(
                fi,
                c.doc.span(),
                format!("citation of unknown document `{key}`"),
                "no document has this key",
                Some(help),
            );
            continue;
        };
        let quote = c.quote.get_ref();
        if let Some(text) = &doc.text {
            if !text.contains(&collapse_ws(quote)) {
                ck.error(fi, c.quote.span(), format!("the quote does not occur in document `{key}`"), "not in the document", Some("copy the sentence exactly as the document has it (quotes, apostrophes and dashes included)".into()));
                continue;
            }
        }
        out.push(Provenance {
            doc: doc.id,
            quote: quote.clone(),
        });
    }
    out
}

/// Runs of white space (line breaks, non-breaking spaces) compare as one space.
fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many problems with the same message are shown before the rest are only counted: one
/// broken `[[document]]` would otherwise bring one "unknown document" per citation.
const SAME_SHOWN: usize = 3;

/// Keeps the first [`SAME_SHOWN`] problems of each message; the last one kept says how many
/// more there are.
fn fold_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut total: HashMap<String, usize> = HashMap::new();
    for d in &diagnostics {
        *total.entry(d.message.clone()).or_default() += 1;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for mut d in diagnostics {
        let n = seen.entry(d.message.clone()).or_default();
        *n += 1;
        let all = total[&d.message];
        if *n > SAME_SHOWN {
            continue;
        }
        if *n == SAME_SHOWN && all > SAME_SHOWN {
            let more = format!(
                "{} more problems like this one are not shown",
                all - SAME_SHOWN
            );
            d.help = Some(match d.help.take() {
                Some(h) => format!("{h}; {more}"),
                None => more,
            });
        }
        out.push(d);
    }
    out
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

fn slugify(s: &str) -> String {
    let folded = crate::graph::names::fold(s);
    folded.replace(' ', "-")
}

fn date_help() -> String {
    "write a year (2016), a month (2016-12), a day (2016-12-01), or a period such as 2011..2012"
        .into()
}

fn toml_help(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = message
            .split("expected ")
            .nth(1)
            .map(|s| s.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        if let Some(n) = nearest(field, expected.iter().copied()) {
            return Some(format!("did you mean `{n}`?"));
        }
        return Some("see graphs/README.md for the keys of each entry".into());
    }
    if message.contains("missing field") {
        return Some("see graphs/README.md for the keys each entry requires".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
        let files = [SourceFile {
            path: "t.toml".into(),
            text: Arc::from(text),
        }];
        load_sources(&files, &|_, f| {
            if f == "doc.txt" {
                Ok("Il cluster LE2C è  stato\nselezionato. Ed č stato bello.".into())
            } else {
                Err("No such file".into())
            }
        })
    }

    const GOOD: &str = r#"
[[document]]
key = "d"
title = "T"
language = "it"
file = "doc.txt"
date = "2016-11"
fixes = [{ wrong = "Ed č", right = "Ed è" }]

[[node]]
id = "le2c"
kind = "cluster"
name = "Lombardy Energy Cleantech Cluster"
aliases = ["LE2C"]
attrs = { members = 120, country = "Italy" }
cite = [{ doc = "d", quote = "Il cluster LE2C è stato selezionato." }]

[[node]]
id = "ecc-2016"
kind = "event"
name = "European Cluster Conference 2016"

[[edge]]
from = "le2c"
rel = "spoke_at"
to = "ecc-2016"
date = "2016-12-01..2016-12-02"
cite = [{ doc = "d", quote = "Ed è stato bello." }]
"#;

    /// Exactly these problems, in this order, each message starting as given.
    #[track_caller]
    fn assert_starts(m: &[String], starts: &[&str]) {
        assert_eq!(m.len(), starts.len(), "{m:#?}");
        for (got, want) in m.iter().zip(starts) {
            assert!(
                got.starts_with(want),
                "{got}\n  does not start with\n{want}"
            );
        }
    }

    fn messages(r: Result<KnowledgeGraph, Vec<Diagnostic>>) -> Vec<String> {
        r.expect_err("expected errors")
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn loads_a_good_source() {
        let g = load(GOOD).unwrap();
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.edge_count(), 1);
        let le2c = g.node(g.by_id("le2c").unwrap());
        assert_eq!(le2c.attrs["members"], Value::Int(120));
        assert_eq!(
            le2c.provenance[0].quote,
            "Il cluster LE2C è stato selezionato."
        );
        assert_eq!(g.document(0).date.unwrap().to_string(), "2016-11");
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let bad = GOOD
            .replace("to = \"ecc-2016\"", "to = \"ecc-2061\"")
            .replace("kind = \"event\"", "kind = \"evnt\"")
            .replace("rel = \"spoke_at\"", "rel = \"spoke_to\"")
            .replace("2016-12-01..2016-12-02", "2016-02-30")
            .replace("doc = \"d\", quote = \"Ed", "doc = \"e\", quote = \"Ed");
        let m = messages(load(&bad));
        // Every problem, in reading order.
        let starts = [
            "t.toml:20:8: unknown node kind `evnt` (did you mean `event`?)",
            "t.toml:25:7: unknown relation `spoke_to` (did you mean `spoke_at`?)",
            "t.toml:26:6: edge to unknown node id `ecc-2061`",
            "t.toml:27:8: `2016-02-30` is an impossible date: February 2016 has 29 days",
            "t.toml:28:17: citation of unknown document `e`",
        ];
        assert_starts(&m, &starts);
    }

    #[test]
    fn unknown_endpoint_suggests_nearest_ids() {
        let m = messages(load(&GOOD.replace("from = \"le2c\"", "from = \"le2d\"")));
        assert_eq!(
            m,
            ["t.toml:24:8: edge to unknown node id `le2d` (did you mean `le2c`?)"]
        );
    }

    #[test]
    fn duplicate_ids_name_the_first_definition() {
        let m = messages(load(&GOOD.replace("id = \"ecc-2016\"", "id = \"le2c\"")));
        assert!(
            m[0].starts_with(
                "t.toml:19:6: duplicate node id `le2c` (the first definition is at t.toml:11:6"
            ),
            "{m:#?}"
        );
    }

    #[test]
    fn syntax_errors_and_unknown_keys_are_placed() {
        let m = messages(load(
            "[[node]]\nid = \"a\"\nkind = \"cluster\"\nname = \"A\"\naliasses = []\n",
        ));
        assert_eq!(
            m[0],
            "t.toml:5:1: unknown key `aliasses` in [[node]] (did you mean `aliases`?)"
        );
        let m = messages(load("[[node]\nid = 1"));
        assert!(m[0].starts_with("t.toml:1:"), "{m:#?}");
    }

    #[test]
    fn an_entry_with_an_unknown_key_does_not_hide_the_other_problems() {
        let text = "[[node]]\nid = \"a\"\nkind = \"netwrk\"\nname = \"A\"\naliasses = []\n\n[[node]]\nid = \"b\"\nkind = \"clustr\"\nname = \"B\"\n\n[[edge]]\nfrom = \"a\"\nrel = \"member_of\"\nto = \"c\"\n\n[[nodes]]\nid = \"d\"\n\n[[node]]\nid = \"a\"\nkind = \"cluster\"\nname = \"A again\"\nnmae = \"x\"\n";
        let m = messages(load(text));
        let starts = [
            // The entry with an unknown key is still checked: its kind too is wrong.
            "t.toml:3:8: unknown node kind `netwrk` (did you mean `network`?)",
            "t.toml:5:1: unknown key `aliasses` in [[node]] (did you mean `aliases`?)",
            "t.toml:9:8: unknown node kind `clustr` (did you mean `cluster`?)",
            // `a` had a problem of its own: the edge from it is not also "unknown".
            "t.toml:15:6: edge to unknown node id `c`",
            "t.toml:17:3: unknown section `nodes` (did you mean [[node]]?)",
            "t.toml:21:6: duplicate node id `a` (the first definition is at t.toml:2:6",
            "t.toml:24:1: unknown key `nmae` in [[node]] (did you mean `name`?)",
        ];
        assert_starts(&m, &starts);
    }

    #[test]
    fn repeated_problems_are_counted_after_three_and_languages_are_codes() {
        let mut text =
            String::from("[[document]]\nkey = \"d\"\ntitle = \"T\"\nlanguage = \"Italiano\"\n");
        for i in 0..6 {
            text.push_str(&format!("[[node]]\nid = \"n{i}\"\nkind = \"cluster\"\nname = \"N\"\ncite = [{{ doc = \"x\", quote = \"q\" }}]\n"));
        }
        let m = messages(load(&text));
        assert_eq!(m.len(), 4, "{m:#?}");
        assert!(
            m[0].starts_with("t.toml:4:12: `Italiano` is not a language code"),
            "{m:#?}"
        );
        assert!(
            m[3].contains("3 more problems like this one are not shown"),
            "{m:#?}"
        );
    }

    #[test]
    fn thousands_of_problems_are_capped_with_a_count() {
        let mut text = String::from("[[node]]\nid = \"a\"\nkind = \"cluster\"\nname = \"A\"\n");
        for i in 0..3000 {
            text.push_str(&format!(
                "[[edge]]\nfrom = \"a\"\nrel = \"member_of\"\nto = \"x{i}\"\n"
            ));
        }
        let m = messages(load(&text));
        assert_eq!(m.len(), MAX_REPORTED + 1, "{:#?}", &m[..3]);
        assert!(
            m[MAX_REPORTED].contains("2900 more problems are not shown"),
            "{}",
            m[MAX_REPORTED]
        );
    }

    #[test]
    fn empty_fixes_and_quotes_are_refused() {
        let text = GOOD
            .replace(
                "fixes = [{ wrong = \"Ed č\", right = \"Ed è\" }]",
                "fixes = [{ wrong = \"\", right = \"xx\" }]",
            )
            .replace("quote = \"Ed è stato bello.\"", "quote = \" \"");
        let m = messages(load(&text));
        assert_eq!(m.len(), 2, "{m:#?}");
        assert!(
            m[0].contains("a fix must name the wrong text it replaces"),
            "{m:#?}"
        );
        assert!(m[1].contains("the quote is empty"), "{m:#?}");
    }

    #[test]
    fn a_file_that_does_not_parse_brings_no_false_unknown_references() {
        let files = [
            SourceFile { path: "a.toml".into(), text: Arc::from("[[document]]\nkey = \"d\"\ntitle = \"T\"\nlanguage = \"it\"\n[[node]\nid = \"x\"\n") },
            SourceFile { path: "b.toml".into(), text: Arc::from("[[node]]\nid = \"y\"\nkind = \"cluster\"\nname = \"Y\"\ncite = [{ doc = \"d\", quote = \"q\" }]\n[[edge]]\nfrom = \"y\"\nrel = \"member_of\"\nto = \"x\"\n[[edge]]\nfrom = \"y\"\nrel = \"member_of\"\nto = \"z\"\n") },
        ];
        let m: Vec<String> = load_sources(&files, &|_, _| Err("none".into()))
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        // The syntax error, and the typo `z`; not `x` nor `d`, which the broken file defines.
        assert_eq!(m.len(), 2, "{m:#?}");
        assert!(m[0].starts_with("a.toml:5:"), "{m:#?}");
        assert!(
            m[1].starts_with("b.toml:13:6: edge to unknown node id `z`"),
            "{m:#?}"
        );
    }

    #[test]
    fn every_syntax_error_of_a_file_is_reported() {
        let m = messages(load("[[node]\nid = \"a\"\n\n[[edge]]\nfrom = \n"));
        assert_eq!(m.len(), 2, "{m:#?}");
        assert!(m[0].starts_with("t.toml:1:"), "{m:#?}");
        assert!(m[1].starts_with("t.toml:5:"), "{m:#?}");
    }

    #[test]
    fn quotes_must_occur_in_their_document() {
        let m = messages(load(
            &GOOD.replace("Ed è stato bello.", "Ed è stato brutto."),
        ));
        assert!(
            m[0].contains("the quote does not occur in document `d`"),
            "{m:#?}"
        );
    }

    #[test]
    fn bad_ids_and_unreadable_documents() {
        let m = messages(load(
            &GOOD
                .replace("id = \"le2c\"", "id = \"LE2C Cluster\"")
                .replace("from = \"le2c\"", "from = \"x\""),
        ));
        assert!(
            m.iter()
                .any(|s| s.contains("`LE2C Cluster` is not a valid id")
                    && s.contains("try `le2c-cluster`")),
            "{m:#?}"
        );
        let m = messages(load(&GOOD.replace("doc.txt", "missing.txt")));
        assert!(
            m[0].contains("cannot read document file `missing.txt`: No such file"),
            "{m:#?}"
        );
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of graph sources, so that random inputs get past the TOML syntax often.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("[[node]]\n".to_string()),
            Just("[[edge]]\n".to_string()),
            Just("[[document]]\n".to_string()),
            Just("id = \"a\"\n".to_string()),
            Just("kind = \"cluster\"\n".to_string()),
            Just("name = \"Ä\"\n".to_string()),
            Just("from = \"a\"\nrel = \"member_of\"\nto = \"b\"\n".to_string()),
            Just("date = \"2016-02-30\"\n".to_string()),
            Just("cite = [{ doc = \"d\", quote = \"q\" }]\n".to_string()),
            Just("key = \"d\"\ntitle = \"t\"\nlanguage = \"it\"\nfile = \"x\"\n".to_string()),
            Just("attrs = { n = 1, l = [1] }\n".to_string()),
            "[ -~\\u{e8}\\u{10d}\\n\"\\[\\]=]{0,40}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn any_source_loads_or_reports_without_panicking(parts in proptest::collection::vec(fragment(), 0..12)) {
            let text: String = parts.concat();
            let files = [SourceFile { path: "f.toml".into(), text: Arc::from(text.as_str()) }];
            if let Err(ds) = load_sources(&files, &|_, _| Ok("q".into())) {
                prop_assert!(!ds.is_empty());
                for d in ds {
                    prop_assert!(d.span.end <= text.len());
                    let _ = d.render(false);
                    let _ = d.to_string();
                }
            }
        }
    }
}
