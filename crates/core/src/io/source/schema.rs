//! The schema of a graph source's entries, and the pass that checks each entry of a file
//! that parses against it on its own, so that one entry's unknown key does not hide the
//! problems of the others.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use super::report::Checker;
use crate::graph::names::nearest;

/// One file's entries that passed their schema.
#[derive(Default)]
pub(super) struct RawSource {
    pub(super) document: Vec<Spanned<RawDocument>>,
    pub(super) node: Vec<Spanned<RawNode>>,
    pub(super) edge: Vec<Spanned<RawEdge>>,
    /// Ids (and their places) of `[[node]]` entries that failed their schema: edges to them
    /// are not "unknown", and a second definition names the first.
    pub(super) broken_ids: Vec<(String, Range<usize>)>,
}

/// A `[[document]]` entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDocument {
    pub(super) key: Spanned<String>,
    pub(super) title: String,
    pub(super) language: Spanned<String>,
    pub(super) file: Option<Spanned<String>>,
    pub(super) date: Option<Spanned<String>>,
    pub(super) publisher: Option<String>,
    pub(super) url: Option<String>,
    #[serde(default)]
    pub(super) fixes: Vec<RawFix>,
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
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFix {
    pub(super) wrong: Spanned<String>,
    pub(super) right: String,
}

/// A `[[node]]` entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNode {
    pub(super) id: Spanned<String>,
    pub(super) kind: Spanned<String>,
    pub(super) name: String,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[serde(default)]
    pub(super) attrs: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    pub(super) cite: Vec<Spanned<RawCite>>,
}

const NODE_KEYS: [&str; 6] = ["id", "kind", "name", "aliases", "attrs", "cite"];

/// An `[[edge]]` entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEdge {
    pub(super) from: Spanned<String>,
    pub(super) rel: Spanned<String>,
    pub(super) to: Spanned<String>,
    pub(super) date: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) attrs: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    pub(super) cite: Vec<Spanned<RawCite>>,
}

const EDGE_KEYS: [&str; 6] = ["from", "rel", "to", "date", "attrs", "cite"];

/// A citation: a document's key and the sentence quoted from it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCite {
    pub(super) doc: Spanned<String>,
    pub(super) quote: Spanned<String>,
}

/// Checks each entry of a parsed file against its schema, section by section; unknown
/// sections are reported.
pub(super) fn check_entries(
    ck: &mut Checker<'_>,
    fi: usize,
    root: &Spanned<DeTable<'_>>,
) -> RawSource {
    let mut raw = RawSource::default();
    for (key, value) in root.get_ref().iter() {
        match key.get_ref().as_ref() {
            "document" => {
                let s = Section::new("document", &DOCUMENT_KEYS);
                s.entries(ck, fi, value, &mut raw.document, |_| {});
            }
            "node" => {
                let mut broken = Vec::new();
                let s = Section::new("node", &NODE_KEYS);
                s.entries(ck, fi, value, &mut raw.node, |item| {
                    if let Some(id) = item.get_ref().get("id") {
                        if let Some(text) = id.get_ref().as_str() {
                            broken.push((text.to_string(), id.span()));
                        }
                    }
                });
                raw.broken_ids = broken;
            }
            "edge" => {
                let s = Section::new("edge", &EDGE_KEYS);
                s.entries(ck, fi, value, &mut raw.edge, |_| {});
            }
            other => unknown_section(ck, fi, other, key.span()),
        }
    }
    raw
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
    /// that its other problems are found in the same run. `on_error` sees each entry that
    /// fails its schema.
    fn entries<'a, T: DeserializeOwned>(
        &self,
        ck: &mut Checker<'_>,
        fi: usize,
        value: &Spanned<DeValue<'a>>,
        out: &mut Vec<Spanned<T>>,
        mut on_error: impl FnMut(&Spanned<DeValue<'a>>),
    ) {
        let section = self.name;
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
            self.drop_unknown_keys(ck, fi, &mut item);
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

    /// Reports each key of `item` the section does not know, and removes it.
    fn drop_unknown_keys(&self, ck: &mut Checker<'_>, fi: usize, item: &mut Spanned<DeValue<'_>>) {
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
                fi,
                key.span(),
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
