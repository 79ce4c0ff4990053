//! Graph sources: the TOML format documented in `graphs/README.md`, loaded with diagnostics.
//!
//! Loading runs in passes, each a function: [`parse`] parses each file and checks each of
//! its entries against its [`schema`] on its own; [`check`] then checks every document, node
//! and edge against the whole set (ids are shared across the files of a folder); [`report`]
//! puts every problem found in reading order. Only when there is none is the graph built,
//! so a graph is never half-loaded.

mod check;
mod parse;
mod report;
mod schema;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::graph::KnowledgeGraph;

/// The text of one graph source file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user should see it in messages.
    pub path: String,
    pub text: Arc<str>,
}

/// Reads the text of a document that a source cites: (source path, `file` value) → text.
pub type DocReader<'a> = dyn Fn(&str, &str) -> Result<String, DocError> + 'a;

/// Why a [`DocReader`] could not give the text of a cited document. The loader reports it
/// as "cannot read document file `…`: " followed by this message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocError {
    /// Reading the file failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file is not a regular file, too large, or not UTF-8.
    #[error(transparent)]
    Read(#[from] crate::io::ReadError),
    /// The reader knows no document of this name (the seed graph's reader knows only the
    /// compiled-in ones).
    #[error("`{file}` is not among {among}")]
    Unknown {
        /// The `file` value of the `[[document]]`.
        file: String,
        /// The documents the reader knows, in words.
        among: &'static str,
    },
}

/// Loads graph source files as one graph. Every problem is reported; on any, nothing is built.
pub fn load_sources(
    files: &[SourceFile],
    read_doc: &DocReader<'_>,
) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
    let mut ck = report::Checker::new(files);
    // Each file: its syntax, then each entry against its schema.
    let (parsed, partial) = parse::parse_files(&mut ck);
    // The whole set: documents (reading their files), then nodes, then edges.
    let mut graph = KnowledgeGraph::new();
    let docs = check::documents(&mut ck, &parsed, read_doc, &mut graph);
    let defined = check::nodes(&mut ck, &parsed, &docs, &partial, &mut graph);
    let edges = check::edges(&mut ck, &parsed, &docs, &partial, &defined, &graph);
    // The records are read: their memory is the graph's now.
    drop(parsed);
    // Every problem, in reading order; the edges go in only when there is none. Warnings
    // (nodes and edges that cite no document) go with the graph.
    let warnings = ck.take_warnings();
    ck.finish()?;
    for (from, to, edge) in edges {
        graph.add_edge(from, to, edge);
    }
    graph.set_warnings(warnings);
    Ok(graph)
}

#[cfg(test)]
mod tests {
    use super::report::{self, MAX_REPORTED};
    use super::*;
    use crate::model::Value;

    fn load(text: &str) -> Result<KnowledgeGraph, Vec<Diagnostic>> {
        let files = [SourceFile {
            path: "t.toml".into(),
            text: Arc::from(text),
        }];
        load_sources(&files, &|_, f| {
            if f == "doc.txt" {
                Ok("Il cluster LE2C è  stato\nselezionato. Ed č stato bello.".into())
            } else {
                Err(std::io::Error::new(std::io::ErrorKind::NotFound, "No such file").into())
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
    fn a_node_or_edge_that_cites_no_document_is_a_warning_not_an_error() {
        let g = load(GOOD).unwrap();
        let w: Vec<String> = g.warnings().iter().map(|d| d.render(false)).collect();
        assert_eq!(w.len(), 1, "{w:#?}");
        assert!(
            w[0].starts_with("warning: node `ecc-2016` cites no document"),
            "{}",
            w[0]
        );
        assert!(w[0].contains("t.toml:19:6"), "{}", w[0]);
        assert!(g.warnings()[0].is_warning());
        let uncited_edge = GOOD.replace(
            "cite = [{ doc = \"d\", quote = \"Ed è stato bello.\" }]",
            "",
        );
        let g = load(&uncited_edge).unwrap();
        assert_eq!(g.warnings().len(), 2);
        assert!(g.warnings()[1]
            .message()
            .starts_with("edge `le2c` spoke_at `ecc-2016` cites no document"));
        // A graph without documents has nothing to cite: no warning.
        let g = load("[[node]]\nid = \"a\"\nkind = \"node\"\nname = \"A\"\n").unwrap();
        assert!(g.warnings().is_empty());
        // Past the limit, warnings are counted, not shown.
        let many: String = (0..25)
            .map(|i| format!("[[node]]\nid = \"n{i}\"\nkind = \"node\"\nname = \"N\"\n"))
            .collect();
        let g = load(&format!("{GOOD}\n{many}")).unwrap();
        assert_eq!(g.warnings().len(), report::MAX_WARNED);
        assert!(g.warnings()[report::MAX_WARNED - 1]
            .help_text()
            .unwrap()
            .ends_with("16 more warnings like these are not shown"));
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
    fn only_the_first_unknown_ids_get_a_search() {
        let mut text = GOOD.to_string();
        for i in 0..12 {
            text.push_str(&format!(
                "\n[[edge]]\nfrom = \"le2c{i}\"\nrel = \"participated_in\"\nto = \"ecc-2016\"\n"
            ));
        }
        let m = messages(load(&text));
        assert_eq!(m.len(), 12, "{m:#?}");
        assert!(m[..10].iter().all(|m| m.contains("did you mean")), "{m:#?}");
        assert!(
            m[10..]
                .iter()
                .all(|m| m.ends_with("(define a node with this id, or correct the id)")),
            "{m:#?}"
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
    fn fixes_that_grow_the_text_without_bound_are_refused() {
        // Forty fixes `e` → `ee` would double the text forty times (issue 11).
        let fixes: Vec<&str> = vec!["{ wrong = \"e\", right = \"ee\" }"; 40];
        let text = GOOD.replace(
            "fixes = [{ wrong = \"Ed č\", right = \"Ed è\" }]",
            &format!("fixes = [{}]", fixes.join(", ")),
        );
        // Refused once the text would pass its cap, so the work is bounded by the cap, not by
        // 2^40 (no clock here: the machine's load must not decide a test).
        let m = messages(load(&text));
        assert!(
            m.iter()
                .any(|m| m.contains("this fix would grow the document's text past 64 MiB")),
            "{m:#?}"
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
        let m: Vec<String> = load_sources(&files, &|_, f| {
            Err(DocError::Unknown {
                file: f.into(),
                among: "no documents",
            })
        })
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

    /// The node ids, edges (`from rel to` with their dates and attributes) and quotes of a
    /// loaded graph, to compare two readings of the same entries.
    fn summary(g: &KnowledgeGraph) -> Vec<String> {
        let mut out: Vec<String> = g
            .node_indices()
            .map(|ix| {
                let n = g.node(ix);
                let quotes: Vec<&str> = n.provenance.iter().map(|p| p.quote.as_str()).collect();
                format!("{} {:?} {:?} {quotes:?}", n.id, n.attrs, n.aliases)
            })
            .collect();
        out.extend(g.edge_indices().map(|ix| {
            let ((a, b), e) = (g.endpoints(ix), g.edge(ix));
            let quotes: Vec<&str> = e.provenance().iter().map(|p| p.quote.as_str()).collect();
            format!(
                "{} {} {} {:?} {:?} {quotes:?}",
                g.node(a).id,
                e.rel,
                g.node(b).id,
                e.date().map(|d| d.to_string()),
                e.attrs()
            )
        }));
        out
    }

    #[test]
    fn entries_read_one_at_a_time_load_as_the_whole_file_does() {
        // Sub-headers of an entry stay with it; a quoted or spaced header is a header; an
        // escaped string is read as it reads.
        let headers = "[[document]]\nkey = \"d\"\ntitle = \"T\"\nlanguage = \"it\"\nfile = \"doc.txt\"\n\n\
            # a comment\n[[node]]\nid = \"le2c\"\nkind = \"cluster\"\nname = \"L\\u00e9\"\n\
            [node.attrs]\nmembers = 120\n[[node.cite]]\ndoc = \"d\"\nquote = \"Il cluster LE2C\"\n\n\
            [[ \"node\" ]]\nid = \"ecc\"\nkind = \"event\"\nname = \"E\"\n\
            [[edge]]\nfrom = \"le2c\"\nrel = \"spoke_at\"\nto = \"ecc\"\ndate = \"2016\"\n\
            [edge.attrs]\nrole = \"speaker\"\n[[edge.cite]]\ndoc = \"d\"\nquote = \"stato\"\n\
            [[node]]\nid = \"n\\u0032\"\nkind = \"cluster\"\nname = \"N\"\n";
        // The same entries as inline arrays: read whole.
        let inline = "document = [{ key = \"d\", title = \"T\", language = \"it\", file = \"doc.txt\" }]\n\
            node = [\n  { id = \"le2c\", kind = \"cluster\", name = \"L\\u00e9\", attrs = { members = 120 }, cite = [{ doc = \"d\", quote = \"Il cluster LE2C\" }] },\n\
            { id = \"ecc\", kind = \"event\", name = \"E\" },\n\
            { id = \"n2\", kind = \"cluster\", name = \"N\" },\n]\n\
            edge = [{ from = \"le2c\", rel = \"spoke_at\", to = \"ecc\", date = \"2016\", attrs = { role = \"speaker\" }, cite = [{ doc = \"d\", quote = \"stato\" }] }]\n";
        let a = load(headers).unwrap();
        let b = load(inline).unwrap();
        assert_eq!(a.node_count(), 3);
        assert_eq!(a.edge_count(), 1);
        assert_eq!(a.node(a.by_id("le2c").unwrap()).name, "Lé");
        assert!(a.by_id("n2").is_some());
        let (mut sa, mut sb) = (summary(&a), summary(&b));
        sa.sort();
        sb.sort();
        assert_eq!(sa, sb);
    }

    #[test]
    fn a_header_line_inside_a_multi_line_string_is_not_a_cut() {
        // The line `[[node]]` inside the name is text, not a header: the file is read whole.
        let text = "[[node]]\nid = \"a\"\nkind = \"cluster\"\nname = \"\"\"A\n[[node]]\nid = \"b\"\n\"\"\"\n\n\
            [[node]]\nid = \"c\"\nkind = \"cluster\"\nname = \"C\"\n";
        let g = load(text).unwrap();
        assert_eq!(g.node_count(), 2);
        assert!(g.node(g.by_id("a").unwrap()).name.contains("[[node]]"));
        assert!(g.by_id("b").is_none());
    }

    #[test]
    fn invalid_toml_across_entries_is_refused_as_when_read_whole() {
        // Each entry parses on its own, but the whole is not TOML: a table `node` and then an
        // array of tables `node`; a key at the root and then a header of the same name.
        for text in [
            "[node]\nid = \"a\"\n[[node]]\nid = \"b\"\nkind = \"cluster\"\nname = \"B\"\n",
            "edge = []\n[[edge]]\nfrom = \"a\"\nrel = \"linked\"\nto = \"b\"\n",
            "[[node]]\nid = \"a\"\nkind = \"cluster\"\nname = \"A\"\n[node]\nid = \"b\"\n",
        ] {
            let m = messages(load(text));
            assert!(!m.is_empty(), "{text}");
            assert!(m.iter().all(|m| m.starts_with("t.toml:")), "{m:#?}");
        }
        // Places in later entries are places in the file.
        let m = messages(load(&format!(
            "{GOOD}\n[[node]]\nid = \"x\"\nkind = \"clustr\"\nname = \"X\"\n"
        )));
        assert_starts(
            &m,
            &["t.toml:32:8: unknown node kind `clustr` (did you mean `cluster`?)"],
        );
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
                    prop_assert!(d.span().end <= text.len());
                    let _ = d.render(false);
                    let _ = d.to_string();
                }
            }
        }
    }
}
