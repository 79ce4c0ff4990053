use super::*;
use crate::ast::{Dir, Format};
use clustergraph_core::Period;
use proptest::prelude::*;

fn one(text: &str) -> Query {
    let mut qs = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e} at {:?}", e.span()));
    assert_eq!(qs.len(), 1, "{text:?}");
    qs.pop().unwrap()
}

fn node(text: &str) -> NodeRef {
    NodeRef {
        text: text.to_string(),
        span: 0..0,
    }
}

/// The message and span of the error of `text`.
fn err(text: &str) -> (String, Span) {
    match parse(text) {
        Ok(q) => panic!("{text:?} parsed: {q:?}"),
        Err(e) => (e.message().to_string(), e.span()),
    }
}

#[test]
fn unknown_and_unavailable_statements() {
    let t = "neighbour LE2C";
    assert_eq!(
        err(t),
        (
            "unknown statement `neighbour`: did you mean `neighbours`?".into(),
            0..9
        )
    );
    let t = "frobnicate";
    assert_eq!(err(t), ("unknown statement `frobnicate`".into(), 0..10));
    for s in grammar::UNAVAILABLE {
        let t = format!("{} x y", s.to_uppercase());
        assert_eq!(
            err(&t),
            (
                format!("`{s}` is not available in this build of clustergraph"),
                0..s.len()
            )
        );
    }
    let t = "\"show\" x";
    assert_eq!(
        err(t),
        ("expected a statement, found a quoted string".into(), 0..6)
    );
    assert_eq!(
        parse_statement("  ", 0..2).unwrap_err().message(),
        "expected a statement"
    );
    assert_eq!(parse_statement("  ", 0..2).unwrap_err().span(), 2..2);
}

#[test]
fn long_words_are_cut_in_messages() {
    let word = "x".repeat(1000);
    let (message, span) = err(&format!("{word} a"));
    assert_eq!(
        message,
        format!("unknown statement `{}…`", "x".repeat(SHOWN))
    );
    assert_eq!(span, 0..1000);
}

/// Regression tests for what the fuzz target found (fuzz/README.md), one per finding.
#[test]
fn fuzz_findings() {
    // Years are four digits: `0551` is 551, and must print back as `0551`.
    let q = one("neighbours CEBR in 0551");
    assert_eq!(q.time.map(|t| t.span.start.year), Some(551));
    assert_eq!(q.to_string(), "neighbours CEBR in 0551");
    assert_eq!(
        one("stats in 0001..0010").to_string(),
        "stats in 0001..0010"
    );
}

/// Inputs can be whole files: each shape here is half a megabyte or so, and must parse in
/// linear time (a quadratic step would take minutes) with bounded messages.
#[test]
fn long_inputs_parse_in_linear_time() {
    let n = 100_000;
    let shapes = [
        format!("show {}", "a ".repeat(n)),
        format!("show {} in Milan", "a ".repeat(n)),
        format!("neighbours x kind {}cluster", "cluster,".repeat(n / 2)),
        format!("neighbours x kind {}", "cluster,".repeat(n / 2)),
        "stats;".repeat(n),
        "\"".repeat(n),
        ",".repeat(n),
        "x".repeat(5 * n),
        format!("find {}", "é".repeat(n)),
        format!("show \"{}\"", "\\\"".repeat(n)),
        format!("open {}", "# ".repeat(n)),
    ];
    for text in shapes {
        if let Err(e) = parse(&text) {
            assert!(e.message().len() < 400, "{}", &e.message()[..400]);
            assert!(text.get(e.span()).is_some());
        }
    }
}

#[test]
fn parse_statement_checks_its_span() {
    let text = "stats; show é";
    assert_eq!(
        parse_statement(text, 7..14).unwrap().statement,
        Statement::Show { node: node("é") }
    );
    assert_eq!(parse_statement(text, 7..13).unwrap_err().span(), 14..14);
    assert_eq!(parse_statement(text, 7..99).unwrap_err().span(), 14..14);
    let e = parse_statement(text, 0..14).unwrap_err();
    assert_eq!(
        (e.message(), e.span()),
        ("one statement at a time: this ends the statement", 5..6)
    );
}

// ---- split_statements ----

#[test]
fn split_statements_cuts_outside_strings_and_comments() {
    let text =
        "show \"a;b\nc\" ; stats;;\n  # a comment; not a statement\nshow #9CTL # the cluster\n";
    let got: Vec<&str> = split_statements(text)
        .into_iter()
        .map(|s| &text[s])
        .collect();
    assert_eq!(got, vec!["show \"a;b\nc\"", "stats", "show #9CTL"]);
    assert_eq!(split_statements("  \n ; # x"), Vec::<Span>::new());
    let text = "show \"open\nstats";
    assert_eq!(split_statements(text), vec![0..text.len()]);
    let text = "#!/usr/bin/env clustergraph run\nstats";
    assert_eq!(split_statements(text), vec![32..37]);
}

// ---- properties ----

/// Pieces that make inputs likely to reach every branch of the parser.
fn piece() -> impl Strategy<Value = String> {
    // Every statement and option keyword the lexer knows, and values, numbers and
    // punctuation that reach the edge cases.
    let words = grammar::statement_words()
        .chain(OptionKind::ALL.iter().map(|o| o.keyword()))
        .chain(grammar::FORMATS.values.iter().copied());
    let fixed: Vec<&'static str> = words
        .chain([
            "format",
            "out",
            "both",
            "cluster",
            "member_of",
            "2016",
            "2011..2016",
            "..",
            "2011..",
            "0",
            "11",
            "-1",
            "99999999999999999999",
            "\"",
            "\\",
            ",",
            ";",
            "\n",
            "#",
            "# ",
            " ",
            "é",
            "\"a b\"",
            "\"\\q\"",
            "#9CTL",
        ])
        .collect();
    prop_oneof![
        4 => prop::sample::select(fixed).prop_map(String::from),
        1 => "[a-zé#\"\\\\.,; \n-]{1,6}",
        1 => any::<String>(),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..16).prop_map(|v| v.join(" "))
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z#][a-zA-Z0-9#._-]{0,8}",
        "[a-zA-Zé0-9 ,;\"\\\\\n\t#]{1,12}",
        prop::sample::select(vec![
            "#",
            "to",
            "IN",
            "Max",
            "Max Planck",
            "2016",
            "a..b",
            "-x",
            "show"
        ])
        .prop_map(String::from),
        any::<String>(),
    ]
    .prop_filter("names are not blank", |s| !s.trim().is_empty())
}

fn node_ref() -> impl Strategy<Value = NodeRef> {
    name().prop_map(|text| NodeRef { text, span: 0..0 })
}

fn kind_list() -> impl Strategy<Value = Vec<NodeKind>> {
    prop::collection::vec(prop::sample::select(NodeKind::ALL.to_vec()), 0..3)
}

fn rel_list() -> impl Strategy<Value = Vec<Rel>> {
    let all: Vec<Rel> = Rel::names().map(|n| Rel::parse(n).unwrap()).collect();
    prop::collection::vec(prop::sample::select(all), 0..3)
}

/// Time filters of every precision: a year, a month or a day, alone or a span to a later
/// date of the same precision, strict or not.
fn years() -> impl Strategy<Value = Option<TimeFilter>> {
    let date = |y: i32, m: Option<u8>, d: Option<u8>| match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    };
    prop::option::of(
        (
            0..=9999i32,
            prop::option::of(1..=12u8),
            prop::option::of(1..=28u8),
            0..=20i32,
            any::<bool>(),
        )
            .prop_map(move |(from, month, day, len, strict)| {
                let day = month.and(day);
                let to = (from + len).min(9999);
                let text = if to == from {
                    date(from, month, day)
                } else {
                    format!("{}..{}", date(from, month, day), date(to, month, day))
                };
                TimeFilter::new(Period::parse(&text).unwrap(), strict)
            }),
    )
}

fn limit() -> impl Strategy<Value = Option<usize>> {
    prop::option::of(1..=100_000usize)
}

fn query() -> impl Strategy<Value = Query> {
    let dir = prop::sample::select(vec![Dir::Out, Dir::In, Dir::Both]);
    let edge_readers = prop_oneof![
        node_ref().prop_map(|node| Statement::Show { node }),
        (
            node_ref(),
            1..=10u32,
            kind_list(),
            rel_list(),
            dir,
            kind_list(),
            prop::option::of(node_ref())
        )
            .prop_map(|(node, depth, kinds, rels, dir, avoid, named)| {
                Statement::Neighbours {
                    node,
                    depth,
                    kinds,
                    rels,
                    dir,
                    avoid,
                    over: None,
                    named,
                }
            }),
        (
            node_ref(),
            node_ref(),
            rel_list(),
            kind_list(),
            any::<bool>()
        )
            .prop_map(|(from, to, via, avoid, directed)| Statement::Path {
                from,
                to,
                via,
                avoid,
                directed
            }),
        (
            node_ref(),
            node_ref(),
            1..=1000usize,
            prop::option::of(1..=20u32),
            rel_list(),
            kind_list(),
            any::<bool>()
        )
            .prop_map(
                |(from, to, max, depth, via, avoid, directed)| Statement::Paths {
                    from,
                    to,
                    max,
                    depth,
                    via,
                    avoid,
                    directed
                }
            ),
        Just(Statement::Components),
        Just(Statement::Stats),
    ];
    let topics: Vec<Option<String>> = std::iter::once(None)
        .chain(
            grammar::statement_words()
                // An alias (`neighbors`, `optional`) reads back as its statement's word.
                .filter(|s| StatementKind::from_word(s).is_none_or(|k| k.keyword() == *s))
                .map(|s| Some(s.to_string())),
        )
        .collect();
    let others = prop_oneof![
        (prop::option::of(name()), kind_list())
            .prop_filter("find needs a text or a kind", |(t, k)| t.is_some()
                || !k.is_empty())
            .prop_map(|(text, kinds)| Statement::Find { text, kinds }),
        prop::sample::select(topics).prop_map(|topic| Statement::Help { topic }),
        prop::sample::select(vec![Format::Table, Format::Json, Format::Csv])
            .prop_map(Statement::SetFormat),
        (prop::option::of(name()), any::<bool>()).prop_map(|(path, add)| Statement::Open {
            add: add && path.is_some(),
            path
        }),
        Just(Statement::Documents),
    ];
    prop_oneof![
        (edge_readers, years(), limit()).prop_map(|(statement, time, limit)| Query {
            statement,
            time,
            limit,
            span: 0..0
        }),
        (others, limit()).prop_map(|(statement, limit)| Query {
            limit: limit.filter(|_| statement.kind().returns_rows()),
            statement,
            time: None,
            span: 0..0
        }),
    ]
}

proptest! {
    // 256 cases keep `cargo test` fast; PROPTEST_CASES=100000 for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn any_text_parses_or_errors_inside_the_text(text in prop_oneof![soup(), any::<String>()]) {
        for span in split_statements(&text) {
            prop_assert!(text.get(span.clone()).is_some_and(|s| !s.trim().is_empty()), "{:?}", span);
        }
        match parse(&text) {
            Ok(qs) => {
                for q in qs {
                    prop_assert!(text.get(q.span.clone()).is_some());
                    let again = parse(&q.to_string());
                    prop_assert_eq!(again, Ok(vec![q.clone()]), "printed as {}", q);
                }
            }
            Err(e) => {
                prop_assert!(e.span().start <= e.span().end && text.get(e.span()).is_some(),
                    "{:?} for {:?}", e.span(), text);
            }
        }
    }

    #[test]
    fn printed_statements_parse_back(q in query()) {
        let text = q.to_string();
        prop_assert_eq!(parse(&text), Ok(vec![q]), "printed as {}", text);
    }
}

// ---- golden files ----

/// Every statement file under `test_data/ok` parses, and its tree (with spans) is the
/// `.out` file beside it; every one under `test_data/err` fails, and its rendered error is
/// the `.out` file beside it. `UPDATE_EXPECT=1 cargo test -p clustergraph-query` rewrites the
/// `.out` files after a deliberate change (read the diff before committing it).
#[test]
fn test_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for (dir, want_ok) in [("ok", true), ("err", false)] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("test_data/{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "cgq"))
            .collect();
        files.sort();
        for path in files {
            count += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let actual = match (parse(&text), want_ok) {
                (Ok(qs), true) => format!("{qs:#?}\n"),
                (Err(e), false) => {
                    let shared: std::sync::Arc<str> = std::sync::Arc::from(text.as_str());
                    format!("{}\n", e.diagnostic("<statement>", &shared).render(false))
                }
                (Ok(qs), false) => format!("unexpectedly parsed: {qs:#?}\n"),
                (Err(e), true) => format!("unexpected error: {e} at {:?}\n", e.span()),
            };
            let expected_path = path.with_extension("out");
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if actual != expected {
                if update {
                    std::fs::write(&expected_path, &actual).unwrap();
                } else {
                    failures.push(format!(
                        "{}:\n--- expected\n{expected}--- actual\n{actual}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(count > 0, "no statement files under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} of {count} files differ (UPDATE_EXPECT=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
