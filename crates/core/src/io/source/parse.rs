//! The first passes: parse each file with toml's recoverable parser, which finds every syntax
//! error, then check the entries of each file that parses against their schema.

use std::collections::HashSet;
use std::ops::Range;

use toml::de::DeTable;
use toml::Spanned;

use super::report::Checker;
use super::schema::{check_entries, shift, toml_help, RawSource};
use crate::io::budget::{budget, human};

/// What files with syntax errors seem to define, as far as toml's recoverable parser read
/// them: references to these are not reported as unknown while those files do not parse.
#[derive(Default)]
pub(super) struct Partial {
    pub(super) ids: HashSet<String>,
    pub(super) docs: HashSet<String>,
}

/// The entries of every file that parses, by file index, and what the others seem to define.
pub(super) fn parse_files<'a>(ck: &mut Checker<'a>) -> (Vec<(usize, RawSource<'a>)>, Partial) {
    let mut parsed = Vec::new();
    let mut partial = Partial::default();
    let files = ck.files();
    for (fi, f) in files.iter().enumerate() {
        if let Some(raw) = by_entries(ck, fi, &f.text) {
            parsed.push((fi, raw));
            continue;
        }
        match whole(ck, fi, &f.text, &mut partial) {
            Some(Parse::Clean(root)) => {
                let mut raw = RawSource::default();
                check_entries(ck, fi, root, 0, &mut raw);
                parsed.push((fi, raw));
            }
            Some(Parse::Broken(root)) => partial.read(&root, &f.text),
            None => {}
        }
    }
    (parsed, partial)
}

/// Parses and checks a file one `[[section]]` entry at a time, so that only one entry's parse
/// is alive at once (a parsed TOML table with its spans takes tens of times its text).
///
/// The file is cut before each line that opens an array-of-tables header with a plain name
/// (`[[edge]]`, `[[ "node" ]]`, not `[[node.cite]]`). Each part is then parsed on its own, and
/// the parts stand for the whole file only when the first part holds no key (blank lines
/// and comments) and each of the others parses cleanly to one key, the array its header
/// opens: then the file is exactly those arrays appended in order, as TOML reads it whole
/// (sub-headers such as `[edge.attrs]` stay in their entry's part). A cut inside a
/// multi-line string or array leaves the part before it unterminated, so it cannot pass for
/// a clean part. `None` (with nothing reported) when the file is not of that form, or has
/// a syntax error: [`whole`] then reads it at once.
fn by_entries<'a>(ck: &mut Checker<'a>, fi: usize, text: &'a str) -> Option<RawSource<'a>> {
    if u32::try_from(text.len()).is_err() {
        return None;
    }
    let mark = ck.mark();
    let mut raw = RawSource::default();
    let mut parts = parts(text);
    let (_, first) = parts.next()?;
    let (root, errors) = DeTable::parse_recoverable(first);
    if !errors.is_empty() || !root.get_ref().is_empty() {
        return None;
    }
    for (base, part) in parts {
        let (root, errors) = DeTable::parse_recoverable(part);
        if !errors.is_empty() || root.get_ref().len() != 1 {
            ck.rollback(mark);
            return None;
        }
        check_entries(ck, fi, root, base, &mut raw);
    }
    Some(raw)
}

/// The parts of `text`, each with its offset: the text before the first array-of-tables
/// header with a plain name (often empty), then each such header with what follows it up to
/// the next. Found as they are asked for, a line at a time.
fn parts(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut next = Some(0);
    let mut first = true;
    std::iter::from_fn(move || {
        let start = next?;
        // The first part ends at the first header, even one on the first line; the others
        // begin with theirs.
        let mut at = start;
        let mut end = text.len();
        for line in text[start..].split_inclusive('\n') {
            if (at > start || first) && opens_entry(line) {
                end = at;
                break;
            }
            at += line.len();
        }
        first = false;
        next = (end < text.len()).then_some(end);
        Some((start, &text[start..end]))
    })
}

/// Whether `line` opens an array-of-tables header whose name has no dot: `[[edge]]`.
fn opens_entry(line: &str) -> bool {
    let Some(rest) = line.trim_start_matches([' ', '\t']).strip_prefix("[[") else {
        return false;
    };
    rest.split_once("]]")
        .is_some_and(|(name, _)| !name.contains(['.', '[']) && !name.trim().is_empty())
}

/// Parses a file at once, reporting every TOML syntax error; `None`, with the problem
/// reported, when its parse would not fit in the memory budget (then what its parts seem to
/// define goes into `partial`, as for a file that does not parse).
fn whole<'a>(
    ck: &mut Checker<'a>,
    fi: usize,
    text: &'a str,
    partial: &mut Partial,
) -> Option<Parse<'a>> {
    let needed = (text.len() as u64).saturating_mul(WHOLE_FACTOR);
    let b = budget();
    if needed > b.bytes {
        // Too large to read whole: its syntax errors, part by part, if it has any.
        let mark = ck.mark();
        for (base, part) in parts(text) {
            let (root, errors) = DeTable::parse_recoverable(part);
            partial.read(&root, part);
            for e in errors {
                let span = e.span().map_or(base..base, |s| shift(s, base));
                syntax_error(ck, fi, span, e.message());
            }
        }
        if ck.mark() != mark {
            return None;
        }
        let help = "write each entry under a header of its own ([[node]], [[edge]], \
                    [[document]]), which is read one entry at a time; or raise the budget";
        ck.error(
            fi,
            0..0,
            format!(
                "this source is not written one [[section]] entry at a time, so it is read \
                 whole, which needs about {}: past {}",
                human(needed),
                b.describe()
            ),
            "read whole",
            Some(help.into()),
        );
        return None;
    }
    Some(parse_file(ck, fi, text))
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
        syntax_error(ck, fi, e.span().unwrap_or(0..0), e.message());
    }
    Parse::Broken(root)
}

fn syntax_error(ck: &mut Checker<'_>, fi: usize, span: Range<usize>, message: &str) {
    let message = message.trim().to_string();
    let help = toml_help(&message);
    ck.error(fi, span, message, "here", help);
}

/// How many times its text a file read whole takes at the peak of its parse and checks
/// (generated sources of 2·10⁵ and 2·10⁶ edges, 14.7 and 152 MB, peaked at 39 and 40 times
/// their text when every file was read so; with a margin).
const WHOLE_FACTOR: u64 = 48;

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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::io::source::SourceFile;

    fn cut(text: &str) -> Vec<&str> {
        parts(text).map(|(_, p)| p).collect()
    }

    #[test]
    fn a_file_is_cut_before_each_entry_header() {
        let text = "# c\n[[node]]\nid = \"a\"\n[node.attrs]\nx = 1\n[[node.cite]]\n  [[ \"edge\" ]]\nfrom = \"a\"\n[[edge]]";
        assert_eq!(
            cut(text),
            [
                "# c\n",
                "[[node]]\nid = \"a\"\n[node.attrs]\nx = 1\n[[node.cite]]\n",
                "  [[ \"edge\" ]]\nfrom = \"a\"\n",
                "[[edge]]"
            ]
        );
        assert_eq!(cut("[[node]]\n"), ["", "[[node]]\n"]);
        assert_eq!(cut(""), [""]);
        // The parts are the file.
        let offsets: Vec<usize> = parts(text).map(|(at, _)| at).collect();
        assert_eq!(offsets, [0, 4, 55, 81]);
    }

    #[test]
    fn entries_under_headers_are_read_one_at_a_time_and_others_whole() {
        let read = |text: &str| {
            let files = [SourceFile {
                path: "t.toml".into(),
                text: Arc::from(text),
            }];
            let mut ck = Checker::new(&files);
            by_entries(&mut ck, 0, &files[0].text).map(|raw| (raw.node.len(), raw.edge.len()))
        };
        let headers =
            "[[node]]\nid = \"a\"\nkind = \"cluster\"\nname = \"A\"\n[node.attrs]\nx = 1\n\
                       [[edge]]\nfrom = \"a\"\nrel = \"linked\"\nto = \"a\"\n";
        assert_eq!(read(headers), Some((1, 1)));
        // Inline arrays, a key at the root, a syntax error: read whole.
        assert_eq!(
            read("node = [{ id = \"a\", kind = \"cluster\", name = \"A\" }]\n"),
            None
        );
        assert_eq!(read(&format!("title = \"x\"\n{headers}")), None);
        assert_eq!(read(&format!("{headers}[[edge]\n")), None);
    }
}
