//! The first passes: parse each file with toml's recoverable parser, which finds every syntax
//! error, then check the entries of each file that parses against their schema.

use std::collections::HashSet;

use toml::de::DeTable;
use toml::Spanned;

use super::report::Checker;
use super::schema::{check_entries, toml_help, RawSource};

/// What files with syntax errors seem to define, as far as toml's recoverable parser read
/// them: references to these are not reported as unknown while those files do not parse.
#[derive(Default)]
pub(super) struct Partial {
    pub(super) ids: HashSet<String>,
    pub(super) docs: HashSet<String>,
}

/// The entries of every file that parses, by file index, and what the others seem to define.
pub(super) fn parse_files(ck: &mut Checker<'_>) -> (Vec<(usize, RawSource)>, Partial) {
    let mut parsed = Vec::new();
    let mut partial = Partial::default();
    for (fi, f) in ck.files().iter().enumerate() {
        match parse_file(ck, fi, &f.text) {
            Parse::Clean(root) => parsed.push((fi, check_entries(ck, fi, &root))),
            Parse::Broken(root) => partial.read(&root, &f.text),
        }
    }
    (parsed, partial)
}

/// A file's table, as far as it could be read.
enum Parse<'a> {
    /// The file has no syntax error.
    Clean(Spanned<DeTable<'a>>),
    /// The file has syntax errors, each reported: its entries cannot be trusted, so they are
    /// not checked further.
    Broken(Spanned<DeTable<'a>>),
}

/// Parses one file, reporting every TOML syntax error.
fn parse_file<'a>(ck: &mut Checker<'_>, fi: usize, text: &'a str) -> Parse<'a> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Parse::Clean(root);
    }
    for e in errors {
        let message = e.message().trim().to_string();
        let help = toml_help(&message);
        ck.error(fi, e.span().unwrap_or(0..0), message, "here", help);
    }
    Parse::Broken(root)
}

impl Partial {
    /// Records the node ids and document keys a file with syntax errors seems to define.
    fn read(&mut self, root: &Spanned<DeTable<'_>>, text: &str) {
        self.ids.extend(strings(root, "node", "id"));
        self.docs.extend(strings(root, "document", "key"));
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
                "id" => self.ids.insert(value.to_string()),
                "key" => self.docs.insert(value.to_string()),
                _ => false,
            };
        }
    }
}

/// The string values of `key` in the entries of `section` that the parser could read.
fn strings(root: &Spanned<DeTable<'_>>, section: &str, key: &str) -> Vec<String> {
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
}
