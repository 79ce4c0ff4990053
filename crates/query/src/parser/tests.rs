use super::*;
use proptest::prelude::*;

fn one(text: &str) -> Query {
    let mut qs = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e} at {:?}", e.span));
    assert_eq!(qs.len(), 1, "{text:?}");
    qs.pop().unwrap()
}

fn st(text: &str) -> Statement {
    one(text).statement
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
        Err(e) => (e.message, e.span),
    }
}

/// The span of the `n`th (from 0) occurrence of `needle` in `text` that is not part of
/// a longer word.
fn at(text: &str, needle: &str, n: usize) -> Span {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let start = text
        .match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let glued_before =
                alnum(needle.chars().next()) && alnum(text[..i].chars().next_back());
            let glued_after = alnum(needle.chars().next_back())
                && alnum(text[i + needle.len()..].chars().next());
            !glued_before && !glued_after
        })
        .nth(n)
        .unwrap_or_else(|| panic!("no {n}th `{needle}` in {text:?}"));
    start..start + needle.len()
}

fn end(text: &str) -> Span {
    text.len()..text.len()
}

fn kinds(names: &[&str]) -> Vec<NodeKind> {
    names.iter().map(|n| NodeKind::parse(n).unwrap()).collect()
}

fn rels(names: &[&str]) -> Vec<Rel> {
    names.iter().map(|n| Rel::parse(n).unwrap()).collect()
}

// ---- statements and options ----

#[test]
fn find() {
    assert_eq!(
        st("find lombardy"),
        Statement::Find {
            text: "lombardy".into(),
            kinds: vec![],
            limit: None
        }
    );
    assert_eq!(
        st("find Ecotech Quebec kind cluster, network limit 5"),
        Statement::Find {
            text: "Ecotech Quebec".into(),
            kinds: kinds(&["cluster", "network"]),
            limit: Some(5)
        }
    );
    assert_eq!(
        st("FIND \"to be\" LIMIT 3 KIND Organization"),
        Statement::Find {
            text: "to be".into(),
            kinds: kinds(&["organisation"]),
            limit: Some(3)
        }
    );
}

#[test]
fn show_takes_names_as_analysts_type_them() {
    for name in [
        "LE2C",
        "CAT.AL",
        "Clust-ER",
        "#9CTL",
        "São Paulo",
        "AT&T",
        "Max Planck Institute",
    ] {
        assert_eq!(
            st(&format!("show {name}")),
            Statement::Show { node: node(name) }
        );
    }
    assert_eq!(
        st("show   Ecotech \t Quebec  "),
        Statement::Show {
            node: node("Ecotech Quebec")
        }
    );
    assert_eq!(
        st(r#"show "Living Room of Emerging Industries in Milan""#),
        Statement::Show {
            node: node("Living Room of Emerging Industries in Milan")
        }
    );
    assert_eq!(
        st(r#"show "say \"hi\"\\""#),
        Statement::Show {
            node: node("say \"hi\"\\")
        }
    );
    let text = "show Ecotech Quebec in 2016";
    let Statement::Show { node } = st(text) else {
        unreachable!()
    };
    assert_eq!(node.span, 5..19);
    let text = r#"show "a b" in 2016"#;
    let Statement::Show { node } = st(text) else {
        unreachable!()
    };
    assert_eq!(node.span, 5..10);
}

#[test]
fn neighbours_and_its_options() {
    assert_eq!(
        st("neighbours CEBR"),
        Statement::Neighbours {
            node: node("CEBR"),
            depth: 1,
            kinds: vec![],
            rels: vec![],
            dir: Dir::Both
        }
    );
    let full = Statement::Neighbours {
        node: node("CEBR"),
        depth: 3,
        kinds: kinds(&["cluster", "region"]),
        rels: rels(&["member_of", "located_in"]),
        dir: Dir::Out,
    };
    assert_eq!(
        st("neighbours CEBR depth 3 kind cluster,region rel member_of,located_in dir out"),
        full
    );
    assert_eq!(
        st("NEIGHBORS CEBR DIR OUT REL Member_Of , Located_In KIND cluster,region DEPTH 3"),
        full
    );
    let Statement::Neighbours { dir, .. } = st("neighbours x dir in") else {
        unreachable!()
    };
    assert_eq!(dir, Dir::In);
    let Statement::Neighbours { dir, .. } = st("neighbours x dir both") else {
        unreachable!()
    };
    assert_eq!(dir, Dir::Both);
    let q = one("neighbours x dir in in 2016");
    assert!(matches!(
        q.statement,
        Statement::Neighbours { dir: Dir::In, .. }
    ));
    assert_eq!(
        q.time,
        Some(YearSpan {
            from: 2016,
            to: 2016
        })
    );
}

#[test]
fn path_and_paths() {
    assert_eq!(
        st("path LE2C to Ecotech Quebec via member_of,partner_in avoid region directed"),
        Statement::Path {
            from: node("LE2C"),
            to: node("Ecotech Quebec"),
            via: rels(&["member_of", "partner_in"]),
            avoid: kinds(&["region"]),
            directed: true
        }
    );
    assert_eq!(
        st("PATH \"a to b\" TO c"),
        Statement::Path {
            from: node("a to b"),
            to: node("c"),
            via: vec![],
            avoid: vec![],
            directed: false
        }
    );
    assert_eq!(
        st("paths a to b"),
        Statement::Paths {
            from: node("a"),
            to: node("b"),
            max: crate::DEFAULT_PATHS,
            depth: None
        }
    );
    assert_eq!(
        st("paths a to b depth 20 max 1000"),
        Statement::Paths {
            from: node("a"),
            to: node("b"),
            max: 1000,
            depth: Some(20)
        }
    );
}

#[test]
fn statements_without_parts() {
    assert_eq!(st("components"), Statement::Components);
    assert_eq!(st("Stats"), Statement::Stats);
    assert_eq!(st("help"), Statement::Help { topic: None });
    assert_eq!(
        st("help PATHS"),
        Statement::Help {
            topic: Some("paths".into())
        }
    );
    assert_eq!(
        st("help neighbors"),
        Statement::Help {
            topic: Some("neighbours".into())
        }
    );
    assert_eq!(
        st("help centrality"),
        Statement::Help {
            topic: Some("centrality".into())
        }
    );
    assert_eq!(st("set format json"), Statement::SetFormat(Format::Json));
    assert_eq!(st("SET FORMAT Csv"), Statement::SetFormat(Format::Csv));
    assert_eq!(st("set format table"), Statement::SetFormat(Format::Table));
    assert_eq!(
        st("open graphs/seeds"),
        Statement::Open {
            path: "graphs/seeds".into()
        }
    );
    assert_eq!(
        st(r#"open "my graphs/x.toml""#),
        Statement::Open {
            path: "my graphs/x.toml".into()
        }
    );
    assert_eq!(
        st(r"open C:\graphs\x.toml"),
        Statement::Open {
            path: r"C:\graphs\x.toml".into()
        }
    );
}

#[test]
fn time_filters() {
    let span = |text: &str| one(text).time.map(|t| (t.from, t.to));
    assert_eq!(span("show x in 2016"), Some((2016, 2016)));
    assert_eq!(span("show x IN 2011..2016"), Some((2011, 2016)));
    assert_eq!(span("show x in 2011 .. 2016"), Some((2011, 2016)));
    assert_eq!(span("show x in 2011.. 2016"), Some((2011, 2016)));
    assert_eq!(span("show x in 2011 ..2016"), Some((2011, 2016)));
    assert_eq!(span("show x in 2016..2016"), Some((2016, 2016)));
    assert_eq!(span("components in 2016"), Some((2016, 2016)));
    assert_eq!(span("stats in 2016"), Some((2016, 2016)));
    assert_eq!(span("path a to b in 2016 directed"), Some((2016, 2016)));
    assert_eq!(span("paths a to b in 2016"), Some((2016, 2016)));
    assert_eq!(span("neighbours a in 2016 depth 2"), Some((2016, 2016)));
    assert_eq!(span("show x"), None);
}

#[test]
fn statements_and_spans_of_a_script() {
    let text = "show a ; stats\n\n# a comment\npaths a to b # why\n";
    let qs = parse(text).unwrap();
    assert_eq!(qs.len(), 3);
    assert_eq!(qs[0].span, 0..6);
    assert_eq!(qs[2].span, at(text, "paths a to b", 0));
    let Statement::Paths { to, .. } = &qs[2].statement else {
        unreachable!()
    };
    assert_eq!(to.span, at(text, "b", 0));
    assert_eq!(parse("").unwrap(), vec![]);
    assert_eq!(parse(" ;; # nothing\n").unwrap(), vec![]);
}

// ---- errors, each with its message and span ----

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
    for s in lexer::UNAVAILABLE {
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
        parse_statement("  ", 0..2).unwrap_err().message,
        "expected a statement"
    );
    assert_eq!(parse_statement("  ", 0..2).unwrap_err().span, 2..2);
}

#[test]
fn missing_parts_point_at_the_end() {
    assert_eq!(err("show"), ("expected a node after `show`".into(), 4..4));
    assert_eq!(
        err("find "),
        ("expected the text to find after `find`".into(), 4..4)
    );
    let t = "path LE2C Ecotech";
    assert_eq!(
        err(t),
        ("expected `to` after the first node".into(), end(t))
    );
    let t = "path \"LE2C\" Ecotech";
    assert_eq!(
        err(t),
        (
            "expected `to` after the first node, found `Ecotech`".into(),
            at(t, "Ecotech", 0)
        )
    );
    let t = "paths a to ";
    assert_eq!(err(t), ("expected a node after `to`".into(), 10..10));
    let t = "neighbours x depth";
    assert_eq!(err(t), ("expected a number after `depth`".into(), end(t)));
    let t = "open";
    assert_eq!(err(t), ("expected a path after `open`".into(), end(t)));
    let t = "set";
    assert_eq!(err(t), ("expected a setting after `set`".into(), end(t)));
    let t = "set format";
    assert_eq!(
        err(t),
        (
            "expected `table`, `json` or `csv` after `format`".into(),
            end(t)
        )
    );
    let t = "neighbours x dir";
    assert_eq!(
        err(t),
        ("expected `out`, `in` or `both` after `dir`".into(), end(t))
    );
    let t = "show x in";
    assert_eq!(
        err(t),
        (
            "expected a year or a span of years after `in`".into(),
            end(t)
        )
    );
    // In a script, "the end" is the end of the statement, not of the script.
    let t = "show a\npath b\nstats";
    assert_eq!(
        err(t),
        ("expected `to` after the first node".into(), 13..13)
    );
}

#[test]
fn numbers_and_their_ranges() {
    let t = "neighbours x depth x";
    assert_eq!(
        err(t),
        (
            "expected a number after `depth`, found `x`".into(),
            at(t, "x", 1)
        )
    );
    let t = "neighbours x depth 1000001";
    assert_eq!(
        err(t),
        (
            "`depth` must be between 1 and 1000000, found 1000001".into(),
            at(t, "1000001", 0)
        )
    );
    let t = "neighbours x depth 0";
    assert_eq!(
        err(t),
        (
            "`depth` must be between 1 and 1000000, found 0".into(),
            at(t, "0", 0)
        )
    );
    let t = "neighbours x depth -1";
    assert_eq!(
        err(t),
        (
            "`depth` must be between 1 and 1000000, found -1".into(),
            at(t, "-1", 0)
        )
    );
    let t = "paths a to b depth 0";
    assert_eq!(
        err(t),
        (
            "`depth` must be between 1 and 1000000, found 0".into(),
            at(t, "0", 0)
        )
    );
    let t = "paths a to b max 1001";
    assert_eq!(
        err(t),
        (
            "`max` must be between 1 and 1000, found 1001".into(),
            at(t, "1001", 0)
        )
    );
    let t = "find a limit 100001";
    assert_eq!(
        err(t),
        (
            "`limit` must be between 1 and 100000, found 100001".into(),
            at(t, "100001", 0)
        )
    );
    let t = "find a limit 99999999999999999999999999";
    assert_eq!(
        err(t),
        (
            "`limit` must be between 1 and 100000, found 99999999999999999999999999".into(),
            13..t.len()
        )
    );
    let t = "find a limit +3";
    assert_eq!(
        err(t),
        ("expected a number after `limit`, found `+3`".into(), 13..15)
    );
    let t = "find a limit kind";
    assert_eq!(
        err(t),
        (
            "expected a number after `limit`, found `kind`".into(),
            13..17
        )
    );
}

#[test]
fn lists_check_each_item() {
    let t = "neighbours LE2C rel member";
    assert_eq!(
        err(t),
        (
            "unknown relation `member`: did you mean `member_of`?".into(),
            at(t, "member", 0)
        )
    );
    let t = "neighbours LE2C kind cluster,clustr";
    assert_eq!(
        err(t),
        (
            "unknown kind `clustr`: did you mean `cluster`?".into(),
            at(t, "clustr", 0)
        )
    );
    let t = "path a to b avoid zzzzz";
    assert_eq!(err(t), ("unknown kind `zzzzz`".into(), at(t, "zzzzz", 0)));
    let t = "path a to b via located_in,";
    assert_eq!(err(t), ("expected a relation after `,`".into(), end(t)));
    let t = "find a kind";
    assert_eq!(err(t), ("expected a kind after `kind`".into(), end(t)));
    let t = "find a kind ,";
    assert_eq!(
        err(t),
        (
            "expected a kind after `kind`, found `,`".into(),
            at(t, ",", 0)
        )
    );
    let t = "find a kind cluster network";
    assert_eq!(
        err(t),
        (
            "expected `,` between the items of `kind`, found `network`".into(),
            at(t, "network", 0)
        )
    );
}

#[test]
fn options_unknown_repeated_or_misplaced() {
    let t = "neighbours \"X\" deph 2";
    assert_eq!(
        err(t),
        (
            "unknown option `deph` for `neighbours`: did you mean `depth`?".into(),
            at(t, "deph", 0)
        )
    );
    let t = "paths a to \"b\" maxx 2";
    assert_eq!(
        err(t),
        (
            "unknown option `maxx` for `paths`: did you mean `max`?".into(),
            at(t, "maxx", 0)
        )
    );
    let t = "neighbours x depth 1 DEPTH 2";
    assert_eq!(err(t), ("`depth` is given twice".into(), at(t, "DEPTH", 0)));
    let t = "find x kind cluster kind region";
    assert_eq!(err(t), ("`kind` is given twice".into(), at(t, "kind", 1)));
    let t = "path a to b directed directed";
    assert_eq!(
        err(t),
        ("`directed` is given twice".into(), at(t, "directed", 1))
    );
    let t = "show x in 2016 in 2017";
    assert_eq!(err(t), ("`in` is given twice".into(), at(t, "in", 1)));
    let t = "path a to b to c";
    assert_eq!(err(t), ("`to` is given twice".into(), at(t, "to", 1)));
    let t = "show LE2C depth 2";
    assert_eq!(
        err(t),
        ("`show` takes no option `depth`".into(), at(t, "depth", 0))
    );
    let t = "neighbours x via member_of";
    assert_eq!(
        err(t),
        ("`neighbours` takes no option `via`".into(), at(t, "via", 0))
    );
    let t = "show a, b";
    assert_eq!(
        err(t),
        (
            "expected the end of the `show` statement, found `,`".into(),
            at(t, ",", 0)
        )
    );
    let t = "stats now";
    assert_eq!(
        err(t),
        ("unknown option `now` for `stats`".into(), at(t, "now", 0))
    );
    let t = "neighbours x dir up";
    assert_eq!(err(t), ("unknown direction `up`".into(), at(t, "up", 0)));
    let t = "neighbours x dir outt";
    assert_eq!(
        err(t),
        (
            "unknown direction `outt`: did you mean `out`?".into(),
            at(t, "outt", 0)
        )
    );
}

#[test]
fn an_option_where_the_node_should_be() {
    let t = "neighbours depth 2";
    assert_eq!(
        err(t),
        (
            "expected a node after `neighbours`, found `depth`".into(),
            at(t, "depth", 0)
        )
    );
    let t = "find LIMIT 5";
    assert_eq!(
        err(t),
        (
            "expected the text to find after `find`, found `limit`".into(),
            at(t, "LIMIT", 0)
        )
    );
    // Alone, or followed by a valid option, a keyword is a name.
    assert_eq!(
        st("show depth"),
        Statement::Show {
            node: node("depth")
        }
    );
    assert!(matches!(
        st("neighbours Max depth 2"),
        Statement::Neighbours { depth: 2, .. }
    ));
}

#[test]
fn time_filter_errors() {
    let t = "find x in 2016";
    assert_eq!(
        err(t),
        (
            "`find` does not read edges, so it takes no time filter".into(),
            at(t, "in", 0)
        )
    );
    let t = "help in 2016";
    assert_eq!(
        err(t),
        (
            "`help` does not read edges, so it takes no time filter".into(),
            at(t, "in", 0)
        )
    );
    let t = "open x in 2016";
    assert_eq!(
        err(t),
        (
            "`open` does not read edges, so it takes no time filter".into(),
            at(t, "in", 0)
        )
    );
    let t = "set format csv in 2016";
    assert_eq!(
        err(t),
        (
            "`set` does not read edges, so it takes no time filter".into(),
            at(t, "in", 0)
        )
    );
    let t = "show Living Room of Emerging Industries in Milan";
    assert_eq!(
        err(t),
        (
            "to use `in` inside a name, quote the name".into(),
            at(t, "in", 0)
        )
    );
    let e = parse(t).unwrap_err();
    assert_eq!(
        e.help.as_deref(),
        Some("write `\"Living Room of Emerging Industries in Milan\"`")
    );
    let t = "show x in 2016..2011";
    assert_eq!(
        err(t),
        (
            "the span of years runs backwards: 2016 is after 2011".into(),
            at(t, "2016..2011", 0)
        )
    );
    let t = "show x in 16";
    assert_eq!(
        err(t),
        (
            "expected a year or a span of years after `in`, found `16`".into(),
            at(t, "16", 0)
        )
    );
    let t = "show \"x\" in Milan";
    assert_eq!(
        err(t),
        (
            "expected a year or a span of years after `in`, found `Milan`".into(),
            at(t, "Milan", 0)
        )
    );
    let t = "stats in 2011..20166";
    assert_eq!(
        err(t),
        (
            "expected a year or a span of years after `in`, found `2011..20166`".into(),
            9..t.len()
        )
    );
}

#[test]
fn help_set_and_open_errors() {
    let t = "help neighbour";
    assert_eq!(
        err(t),
        (
            "unknown statement `neighbour`: did you mean `neighbours`?".into(),
            at(t, "neighbour", 0)
        )
    );
    let t = "help show more";
    assert_eq!(
        err(t),
        (
            "expected the end of the `help` statement, found `more`".into(),
            at(t, "more", 0)
        )
    );
    let t = "set fromat json";
    assert_eq!(
        err(t),
        (
            "unknown setting `fromat`: did you mean `format`?".into(),
            at(t, "fromat", 0)
        )
    );
    let t = "set format xml";
    assert_eq!(err(t), ("unknown format `xml`".into(), at(t, "xml", 0)));
    let t = "set format jsn";
    assert_eq!(
        err(t),
        (
            "unknown format `jsn`: did you mean `json`?".into(),
            at(t, "jsn", 0)
        )
    );
    let t = "open my graph.toml";
    assert_eq!(
        err(t),
        (
            "expected the end of the statement after the path, found `graph.toml`".into(),
            at(t, "graph.toml", 0)
        )
    );
    let t = "open \"\"";
    assert_eq!(
        err(t),
        (
            "expected a path after `open`, found an empty string".into(),
            5..7
        )
    );
}

#[test]
fn string_errors() {
    let t = "show \"abc";
    assert_eq!(err(t), ("unterminated string".into(), 5..6));
    // An open string swallows the following lines, and is reported where it opens.
    let t = "stats\nshow \"abc\nstats\n";
    assert_eq!(err(t), ("unterminated string".into(), 11..12));
    let t = r#"show "a\qb""#;
    assert_eq!(err(t), ("unknown escape `\\q` in a string".into(), 7..9));
    let t = "show \"  \"";
    assert_eq!(
        err(t),
        (
            "expected a node after `show`, found an empty name".into(),
            5..9
        )
    );
}

#[test]
fn errors_carry_labels_and_help() {
    let e = parse("neighbours \"X\" deph 2").unwrap_err();
    assert_eq!(e.label, "unknown option");
    assert_eq!(e.help.as_deref(), Some("`neighbours NODE` takes: depth N, kind K,..., rel R,..., dir out|in|both, in YEAR or in YEAR..YEAR"));
    let e = parse("centrality degree").unwrap_err();
    assert_eq!(e.label, "not available");
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
    assert_eq!(q.time, Some(YearSpan { from: 551, to: 551 }));
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
            assert!(e.message.len() < 400, "{}", &e.message[..400]);
            assert!(text.get(e.span).is_some());
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
    assert_eq!(parse_statement(text, 7..13).unwrap_err().span, 14..14);
    assert_eq!(parse_statement(text, 7..99).unwrap_err().span, 14..14);
    let e = parse_statement(text, 0..14).unwrap_err();
    assert_eq!(
        (e.message.as_str(), e.span),
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
    let words = lexer::STATEMENTS
        .iter()
        .chain(lexer::KEYWORDS)
        .chain(lexer::FORMATS);
    let fixed: Vec<&'static str> = words
        .copied()
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

fn years() -> impl Strategy<Value = Option<YearSpan>> {
    prop::option::of((0..=9999i32, 0..=20i32).prop_map(|(from, len)| YearSpan {
        from,
        to: (from + len).min(9999),
    }))
}

fn query() -> impl Strategy<Value = Query> {
    let dir = prop::sample::select(vec![Dir::Out, Dir::In, Dir::Both]);
    let edge_readers = prop_oneof![
        node_ref().prop_map(|node| Statement::Show { node }),
        (node_ref(), 1..=10u32, kind_list(), rel_list(), dir).prop_map(
            |(node, depth, kinds, rels, dir)| Statement::Neighbours {
                node,
                depth,
                kinds,
                rels,
                dir
            }
        ),
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
            prop::option::of(1..=20u32)
        )
            .prop_map(|(from, to, max, depth)| Statement::Paths {
                from,
                to,
                max,
                depth
            }),
        Just(Statement::Components),
        Just(Statement::Stats),
    ];
    let topics: Vec<Option<String>> = std::iter::once(None)
        .chain(
            lexer::STATEMENTS
                .iter()
                .filter(|s| **s != "neighbors")
                .map(|s| Some(s.to_string())),
        )
        .collect();
    let others = prop_oneof![
        (name(), kind_list(), prop::option::of(1..=100_000usize))
            .prop_map(|(text, kinds, limit)| Statement::Find { text, kinds, limit }),
        prop::sample::select(topics).prop_map(|topic| Statement::Help { topic }),
        prop::sample::select(vec![Format::Table, Format::Json, Format::Csv])
            .prop_map(Statement::SetFormat),
        name().prop_map(|path| Statement::Open { path }),
    ];
    prop_oneof![
        (edge_readers, years()).prop_map(|(statement, time)| Query {
            statement,
            time,
            span: 0..0
        }),
        others.prop_map(|statement| Query {
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
                prop_assert!(e.span.start <= e.span.end && text.get(e.span.clone()).is_some(),
                    "{:?} for {:?}", e.span, text);
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
                (Err(e), true) => format!("unexpected error: {e} at {:?}\n", e.span),
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
