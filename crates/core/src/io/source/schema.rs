//! The schema of a graph source's entries, and the pass that checks each entry of a file
//! that parses against it on its own, so that one entry's unknown key does not hide the
//! problems of the others.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use super::report::Checker;
use crate::graph::names::nearest;

/// One file's entries that passed their schema, as compact records: strings borrow the
/// file's text where they are written as they read, and places are byte offsets in the file.
#[derive(Default)]
pub(super) struct RawSource<'a> {
    pub(super) document: Vec<RawDocument<'a>>,
    pub(super) node: Vec<RawNode<'a>>,
    pub(super) edge: Vec<RawEdge<'a>>,
    /// Ids (and their places) of `[[node]]` entries that failed their schema: edges to them
    /// are not "unknown", and a second definition names the first.
    pub(super) broken_ids: Vec<(String, Range<usize>)>,
}

/// A string of a source and its place in the file (byte offsets). The value borrows the
/// file's text when it is written there as it reads (no escapes), as ids, kinds and
/// relations nearly always are, so most strings of a large source cost no allocation.
pub(super) struct Text<'a> {
    value: Cow<'a, str>,
    start: u32,
    end: u32,
}

impl<'a> Text<'a> {
    /// The string `s` of a part of `src` that starts at byte `base` (`s`'s span is relative to
    /// that part). `src` is shorter than 4 GiB ([`parse`](super::parse) checks).
    fn new(s: Spanned<String>, src: &'a str, base: usize) -> Self {
        let span = shift(s.span(), base);
        let value = s.into_inner();
        // The token's text between its quotes, when it reads as the value.
        let value = match src.get(span.start + 1..span.end.saturating_sub(1)) {
            Some(raw) if raw == value => Cow::Borrowed(raw),
            _ => Cow::Owned(value),
        };
        Text {
            value,
            start: span.start as u32,
            end: span.end as u32,
        }
    }

    /// The string.
    pub(super) fn get_ref(&self) -> &str {
        &self.value
    }

    /// Its place in the file.
    pub(super) fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// `span` of a part of a file that starts at byte `base`, as a span of the file.
pub(super) fn shift(span: Range<usize>, base: usize) -> Range<usize> {
    span.start + base..span.end + base
}

/// An entry's schema as it is read (serde, spans relative to the part of the file parsed),
/// and the compact record it is kept as.
trait Wire: DeserializeOwned {
    type Record<'a>;
    fn record<'a>(self, src: &'a str, base: usize) -> Self::Record<'a>;
}

/// A `[[document]]` entry.
pub(super) struct RawDocument<'a> {
    pub(super) key: Text<'a>,
    pub(super) title: String,
    pub(super) language: Text<'a>,
    pub(super) file: Option<Text<'a>>,
    pub(super) date: Option<Text<'a>>,
    pub(super) publisher: Option<String>,
    pub(super) url: Option<String>,
    pub(super) fixes: Vec<RawFix<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentWire {
    key: Spanned<String>,
    title: String,
    language: Spanned<String>,
    file: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    publisher: Option<String>,
    url: Option<String>,
    #[serde(default)]
    fixes: Vec<FixWire>,
}

impl Wire for DocumentWire {
    type Record<'a> = RawDocument<'a>;
    fn record<'a>(self, src: &'a str, base: usize) -> RawDocument<'a> {
        let text = |s| Text::new(s, src, base);
        RawDocument {
            key: text(self.key),
            title: self.title,
            language: text(self.language),
            file: self.file.map(text),
            date: self.date.map(text),
            publisher: self.publisher,
            url: self.url,
            fixes: self
                .fixes
                .into_iter()
                .map(|f| RawFix {
                    wrong: text(f.wrong),
                    right: f.right,
                })
                .collect(),
        }
    }
}

const DOCUMENT_KEYS: [&str; 8] = [
    "key",
    "title",
    "language",
    "file",
    "date",
    "publisher",
    "url",
    "fixes",
];

/// A correction of a document's text: `wrong` is replaced by `right` before quotes are
/// looked for.
pub(super) struct RawFix<'a> {
    pub(super) wrong: Text<'a>,
    pub(super) right: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixWire {
    wrong: Spanned<String>,
    right: String,
}

/// A `[[node]]` entry.
pub(super) struct RawNode<'a> {
    pub(super) id: Text<'a>,
    pub(super) kind: Text<'a>,
    pub(super) name: String,
    pub(super) aliases: Vec<String>,
    pub(super) attrs: RawAttrs,
    pub(super) cite: Vec<RawCite<'a>>,
}

/// An entry's attributes, each with its place in the file.
pub(super) type RawAttrs = BTreeMap<String, Spanned<toml::Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeWire {
    id: Spanned<String>,
    kind: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    attrs: RawAttrs,
    #[serde(default)]
    cite: Vec<Spanned<CiteWire>>,
}

impl Wire for NodeWire {
    type Record<'a> = RawNode<'a>;
    fn record<'a>(self, src: &'a str, base: usize) -> RawNode<'a> {
        RawNode {
            id: Text::new(self.id, src, base),
            kind: Text::new(self.kind, src, base),
            name: self.name,
            aliases: self.aliases,
            attrs: shift_attrs(self.attrs, base),
            cite: cites(self.cite, src, base),
        }
    }
}

const NODE_KEYS: [&str; 6] = ["id", "kind", "name", "aliases", "attrs", "cite"];

/// An `[[edge]]` entry.
pub(super) struct RawEdge<'a> {
    pub(super) from: Text<'a>,
    pub(super) rel: Text<'a>,
    pub(super) to: Text<'a>,
    pub(super) date: Option<Text<'a>>,
    pub(super) attrs: RawAttrs,
    pub(super) cite: Vec<RawCite<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EdgeWire {
    from: Spanned<String>,
    rel: Spanned<String>,
    to: Spanned<String>,
    date: Option<Spanned<String>>,
    #[serde(default)]
    attrs: RawAttrs,
    #[serde(default)]
    cite: Vec<Spanned<CiteWire>>,
}

impl Wire for EdgeWire {
    type Record<'a> = RawEdge<'a>;
    fn record<'a>(self, src: &'a str, base: usize) -> RawEdge<'a> {
        let text = |s| Text::new(s, src, base);
        RawEdge {
            from: text(self.from),
            rel: text(self.rel),
            to: text(self.to),
            date: self.date.map(text),
            attrs: shift_attrs(self.attrs, base),
            cite: cites(self.cite, src, base),
        }
    }
}

const EDGE_KEYS: [&str; 6] = ["from", "rel", "to", "date", "attrs", "cite"];

/// A citation: a document's key and the sentence quoted from it.
pub(super) struct RawCite<'a> {
    pub(super) doc: Text<'a>,
    pub(super) quote: Text<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CiteWire {
    doc: Spanned<String>,
    quote: Spanned<String>,
}

fn cites<'a>(cites: Vec<Spanned<CiteWire>>, src: &'a str, base: usize) -> Vec<RawCite<'a>> {
    cites
        .into_iter()
        .map(|c| {
            let c = c.into_inner();
            RawCite {
                doc: Text::new(c.doc, src, base),
                quote: Text::new(c.quote, src, base),
            }
        })
        .collect()
}

fn shift_attrs(attrs: RawAttrs, base: usize) -> RawAttrs {
    if base == 0 {
        return attrs;
    }
    attrs
        .into_iter()
        .map(|(k, v)| (k, Spanned::new(shift(v.span(), base), v.into_inner())))
        .collect()
}

/// Checks each entry of a parsed part of file `fi` against its schema, section by section,
/// adding those that pass to `raw`; unknown sections are reported. The part starts at byte
/// `base` of the file (its spans are relative to it); the parsed table is consumed, so each
/// entry's parse is dropped as soon as its record is made.
pub(super) fn check_entries<'a>(
    ck: &mut Checker<'a>,
    fi: usize,
    root: Spanned<DeTable<'a>>,
    base: usize,
    raw: &mut RawSource<'a>,
) {
    let src: &'a str = &ck.files()[fi].text;
    for (key, value) in root.into_inner() {
        let at = Part { fi, src, base };
        match key.get_ref().as_ref() {
            "document" => {
                let s = Section::new("document", &DOCUMENT_KEYS);
                s.entries::<DocumentWire>(ck, at, value, &mut raw.document, |_| {});
            }
            "node" => {
                let s = Section::new("node", &NODE_KEYS);
                let broken = &mut raw.broken_ids;
                s.entries::<NodeWire>(ck, at, value, &mut raw.node, |id| broken.push(id));
            }
            "edge" => {
                let s = Section::new("edge", &EDGE_KEYS);
                s.entries::<EdgeWire>(ck, at, value, &mut raw.edge, |_| {});
            }
            other => unknown_section(ck, fi, other, shift(key.span(), base)),
        }
    }
}

/// The part of a file being checked: the file's index and text, and where the part starts.
#[derive(Clone, Copy)]
struct Part<'a> {
    fi: usize,
    src: &'a str,
    base: usize,
}

fn unknown_section(ck: &mut Checker<'_>, fi: usize, name: &str, span: Range<usize>) {
    let help = nearest(name, ["document", "node", "edge"])
        .map(|n| format!("did you mean [[{n}]]?"))
        .unwrap_or_else(|| "a source holds [[document]], [[node]] and [[edge]] entries".into());
    ck.error(
        fi,
        span,
        format!("unknown section `{name}`"),
        "unknown section",
        Some(help),
    );
}

/// A section of a source (`[[node]]`, ...) and the keys its entries may have.
struct Section<'k> {
    name: &'static str,
    known: &'k [&'k str],
}

impl<'k> Section<'k> {
    fn new(name: &'static str, known: &'k [&'k str]) -> Self {
        Section { name, known }
    }

    /// Checks each entry of the section against its schema. Unknown keys are reported one
    /// by one (with the nearest known key) and the entry is checked again without them, so
    /// that its other problems are found in the same run. `on_error` gets the `id` (and its
    /// place) of each entry that fails its schema, if it has one.
    fn entries<'a, W: Wire>(
        &self,
        ck: &mut Checker<'a>,
        at: Part<'a>,
        value: Spanned<DeValue<'a>>,
        out: &mut Vec<W::Record<'a>>,
        mut on_error: impl FnMut((String, Range<usize>)),
    ) {
        let section = self.name;
        let (fi, base) = (at.fi, at.base);
        let span = shift(value.span(), base);
        let DeValue::Array(items) = value.into_inner() else {
            let help = format!("write each entry as a table headed [[{section}]]");
            ck.error(
                fi,
                span,
                format!("`{section}` must be a list of [[{section}]] entries"),
                "not a list of tables",
                Some(help),
            );
            return;
        };
        out.reserve(items.len());
        for mut item in items {
            self.drop_unknown_keys(ck, at, &mut item);
            let span = shift(item.span(), base);
            // The id, should the entry fail (a borrowed string costs nothing to keep).
            let id = item.get_ref().get("id").and_then(|id| match id.get_ref() {
                DeValue::String(s) => Some((s.clone(), id.span())),
                _ => None,
            });
            match W::deserialize(ValueDeserializer::from(item)) {
                Ok(v) => out.push(v.record(at.src, base)),
                Err(e) => {
                    let message = e.message().trim().to_string();
                    let help = toml_help(&message);
                    let place = e.span().map_or(span, |s| shift(s, base));
                    ck.error(fi, place, message, "here", help);
                    if let Some((id, s)) = id {
                        on_error((id.into_owned(), shift(s, base)));
                    }
                }
            }
        }
    }

    /// Reports each key of `item` the section does not know, and removes it.
    fn drop_unknown_keys(
        &self,
        ck: &mut Checker<'_>,
        at: Part<'_>,
        item: &mut Spanned<DeValue<'_>>,
    ) {
        let DeValue::Table(table) = item.get_mut() else {
            return;
        };
        let unknown: Vec<_> = table
            .keys()
            .filter(|k| !self.known.contains(&k.get_ref().as_ref()))
            .cloned()
            .collect();
        for key in &unknown {
            let name: &str = key.get_ref();
            let help = nearest(name, self.known.iter().copied())
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| {
                    format!(
                        "the keys of [[{}]] are: {}",
                        self.name,
                        self.known.join(", ")
                    )
                });
            ck.error(
                at.fi,
                shift(key.span(), at.base),
                format!("unknown key `{name}` in [[{}]]", self.name),
                "unknown key",
                Some(help),
            );
        }
        for key in &unknown {
            table.remove(key);
        }
    }
}

/// The likely fix for one of toml's messages: the nearest key for an unknown one.
pub(super) fn toml_help(message: &str) -> Option<String> {
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
