//! Fuzzes the statement parser with arbitrary UTF-8: it must never panic, hang or overflow
//! the stack; its errors must point inside the text on character boundaries; and every
//! statement it accepts must print back to text that parses to the same statement (the
//! round trip that `clustergraph` relies on to normalise scripts).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Statements are text: bytes that are not UTF-8 never reach the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(text);
});

fn check(text: &str) {
    for span in clustergraph_query::split_statements(text) {
        let statement = text
            .get(span.clone())
            .expect("statement spans are ranges of the text");
        assert!(!statement.trim().is_empty(), "blank statement at {span:?}");
    }
    match clustergraph_query::parse(text) {
        Ok(queries) => {
            for q in queries {
                assert!(
                    text.get(q.span.clone()).is_some(),
                    "query span {:?} outside the text",
                    q.span
                );
                let printed = q.to_string();
                let again = clustergraph_query::parse(&printed).unwrap_or_else(|e| {
                    panic!(
                        "{q:?} printed as {printed:?} does not parse: {e} at {:?}",
                        e.span()
                    )
                });
                assert_eq!(again, vec![q.clone()], "printed as {printed:?}");
                assert_eq!(again[0].to_string(), printed, "printing is not stable");
            }
        }
        Err(e) => {
            let span = e.span();
            assert!(span.start <= span.end, "backwards span {span:?}");
            assert!(
                text.get(span.clone()).is_some(),
                "error span {span:?} outside the text or not on char boundaries",
            );
            assert!(
                !e.message().is_empty() && !e.label().is_empty(),
                "error without message or label: {e:?}"
            );
        }
    }
}
