use super::*;

fn helper() -> Completer {
    Completer::new(&clustergraph_core::seed_graph())
}

/// Where the completions of `line` (cursor at its end) start, and their replacements.
fn complete(line: &str) -> (usize, Vec<String>) {
    let (start, pairs) = helper().complete(line, line.len());
    (start, pairs.into_iter().map(|p| p.replacement).collect())
}

#[test]
fn completes_statements_options_kinds_and_relations() {
    assert_eq!(complete("neigh").1, ["neighbours", "neighbors"]);
    assert_eq!(complete("find x kind clu").1, ["cluster"]);
    assert_eq!(
        complete("neighbours le2c rel member_of,part").1,
        ["partner_in", "part_of", "participated_in"]
    );
    assert_eq!(complete("neighbours le2c dir ").1, ["out", "in", "both"]);
    // After a bare name, the completion replaces the phrase: `le2c` is kept.
    assert_eq!(
        complete("neighbours le2c dep"),
        ("neighbours ".len(), vec!["le2c depth".to_string()])
    );
    assert_eq!(complete("help pat").1, ["path", "paths"]);
    assert_eq!(complete("set ").1, ["format"]);
    assert_eq!(complete("set format j").1, ["json"]);
    // After `;`, a new statement starts.
    assert_eq!(complete("stats; sho").1, ["show"]);
}

#[test]
fn after_a_complete_node_tab_offers_the_options_not_used_yet() {
    let all = [
        "depth", "kind", "rel", "dir", "avoid", "over", "via", "named", "limit", "in",
    ];
    assert_eq!(
        complete("neighbours LE2C "),
        ("neighbours LE2C ".len(), all.map(String::from).to_vec())
    );
    assert_eq!(complete("neighbours \"Ecotech Québec\" ").1, all);
    // Right after a closing quote, the option comes after a space.
    assert_eq!(
        complete("neighbours \"Ecotech Québec\"").1,
        all.map(|o| format!(" {o}"))
    );
    assert_eq!(
        complete("neighbours LE2C depth 2 kind cluster,network ").1,
        ["rel", "dir", "avoid", "over", "via", "named", "limit", "in"]
    );
    // `in` after `dir` is the direction, not the time filter.
    assert_eq!(
        complete("neighbours LE2C dir in ").1,
        ["depth", "kind", "rel", "avoid", "over", "via", "named", "limit", "in"]
    );
    assert_eq!(complete("neighbours LE2C dir in i").1, ["in"]);
    assert_eq!(complete("show LE2C ").1, ["limit", "in"]);
    assert_eq!(complete("components ").1, ["limit", "in"]);
    assert_eq!(complete("find lombardy ").1, ["kind", "limit"]);
    // A path statement wants `to` first, then its options.
    assert_eq!(complete("path LE2C ").1, ["to"]);
    assert_eq!(
        complete("path LE2C to CEBR ").1,
        ["via", "avoid", "directed", "limit", "in"]
    );
    assert_eq!(
        complete("paths LE2C to CEBR max 3 ").1,
        ["depth", "via", "avoid", "directed", "limit", "in"]
    );
    assert_eq!(
        complete("path LE2C to CEBR directed ").1,
        ["via", "avoid", "limit", "in"]
    );
    // `find` may leave its text out: `find kind cluster`.
    assert_eq!(complete("find ").1, ["kind", "limit"]);
    assert_eq!(complete("find kind clu").1, ["cluster"]);
    // After a time filter, `strict` first.
    assert_eq!(complete("stats in 2016 ").1, ["strict", "limit"]);
    assert_eq!(complete("stats in 2016-11 s").1, ["strict"]);
    assert_eq!(complete("stats in 2016 strict ").1, ["limit"]);
}

#[test]
fn values_are_offered_after_their_keyword_and_nothing_after_numbers_and_years() {
    assert_eq!(
        complete("neighbours LE2C kind ").1.len(),
        NodeKind::names().count()
    );
    assert_eq!(complete("path A to B via ").1.len(), Rel::names().count());
    assert_eq!(
        complete("path A to B avoid cluster,").1.len(),
        NodeKind::names().count()
    );
    for line in [
        "neighbours LE2C depth ",
        "paths A to B max ",
        "find x limit ",
        "show LE2C in ",
        "stats in 2016..",
        "open ",
        "help path ",
    ] {
        assert_eq!(complete(line).1, Vec::<String>::new(), "{line}");
    }
}

#[test]
fn after_to_tab_offers_node_names_again() {
    let (start, c) = complete("path LE2C to ");
    assert_eq!(start, "path LE2C to ".len());
    assert!(
        c.iter()
            .any(|s| s == "\"Lombardy Energy Cleantech Cluster\""),
        "{c:?}"
    );
    assert_eq!(complete("paths LE2C to ecotech").1, ["\"Ecotech Québec\""]);
}

#[test]
fn a_word_after_a_bare_name_completes_names_and_options() {
    let c = complete("neighbours LE2C d").1;
    assert!(
        c.contains(&"LE2C depth".to_string()) && c.contains(&"LE2C dir".to_string()),
        "{c:?}"
    );
    // Names continue the whole bare phrase, not the last word alone.
    assert!(!c.iter().any(|s| s.contains("Denis")), "{c:?}");
    let (start, pairs) = helper().complete(
        "neighbours Clusters Cord r",
        "neighbours Clusters Cord r".len(),
    );
    assert_eq!(start, "neighbours ".len());
    let replacements: Vec<&str> = pairs.iter().map(|p| p.replacement.as_str()).collect();
    assert!(
        replacements.contains(&"Clusters Cord rel"),
        "{replacements:?}"
    );
    let (start, pairs) = helper().complete(
        "show Clusters Cord – gruppo tematico T",
        "show Clusters Cord – gruppo tematico T".len(),
    );
    assert_eq!(start, "show ".len());
    assert!(
        pairs.iter().any(|p| p.replacement.contains("Turismo")),
        "{:?}",
        pairs.iter().map(|p| &p.replacement).collect::<Vec<_>>()
    );
    // After an option's value, a word is an option only.
    assert_eq!(complete("neighbours LE2C depth 2 d").1, ["dir"]);
}

#[test]
fn completes_node_names_quoting_spaces() {
    let (start, c) = complete("neighbours Clust");
    assert_eq!(start, "neighbours ".len());
    assert!(c.iter().any(|s| s == "\"Clust-ER Health\""), "{c:?}");
    let (start, c) = complete("path LE2C to \"Ecotech Q");
    assert_eq!(start, "path LE2C to ".len());
    assert_eq!(c, ["\"Ecotech Québec\""], "one candidate per node");
    // Typed without quotes, a name with spaces is completed quoted.
    assert_eq!(complete("show ecotech").1, ["\"Ecotech Québec\""]);
    // An alias is offered when it is what matches; names match without accents.
    assert_eq!(complete("show LE2").1, ["LE2C"]);
    assert_eq!(complete("show le2").1, ["LE2C"]);
    assert_eq!(complete("show sao-jose").1, ["\"São José dos Campos\""]);
    // A quote inside a name is escaped.
    let (_, pairs) = helper().complete("show kick", 9);
    assert_eq!(
        pairs[0].replacement,
        r#""Kick Off Event \"Smart Specialization Platform on Industrial Specialization\"""#
    );
    assert_eq!(
        pairs[0].display,
        "Kick Off Event \"Smart Specialization Platform on Industrial Specialization\""
    );
    // An open quote elsewhere than a node offers nothing.
    assert_eq!(complete("open \"gra").1, Vec::<String>::new());
}

#[test]
fn hints_show_the_optional_parts_not_given_yet() {
    let all = "[depth N] [kind K,...] [rel R,...] [dir out|in|both] [avoid K,...] [over K,...] [via R,...] [named TEXT] [limit N] [in DATE|D1..D2 [strict]]";
    assert_eq!(
        hint("neighbours ").as_deref(),
        Some(&format!("NODE {all}")[..])
    );
    assert_eq!(hint("neighbours LE2C ").as_deref(), Some(all));
    assert_eq!(hint("neighbours \"Ecotech Québec\" ").as_deref(), Some(all));
    assert_eq!(
        hint("neighbours LE2C depth 2 ").as_deref(),
        Some("[kind K,...] [rel R,...] [dir out|in|both] [avoid K,...] [over K,...] [via R,...] [named TEXT] [limit N] [in DATE|D1..D2 [strict]]")
    );
    assert_eq!(
        hint("neighbours LE2C depth 2 kind cluster,network dir in ").as_deref(),
        Some("[rel R,...] [avoid K,...] [over K,...] [via R,...] [named TEXT] [limit N] [in DATE|D1..D2 [strict]]")
    );
    assert_eq!(
        hint("path LE2C ").as_deref(),
        Some("to NODE [via R,...] [avoid K,...] [directed] [limit N] [in DATE|D1..D2 [strict]]")
    );
    assert_eq!(
        hint("path LE2C to CEBR avoid person ").as_deref(),
        Some("[via R,...] [directed] [limit N] [in DATE|D1..D2 [strict]]")
    );
    assert_eq!(
        hint("stats; find x ").as_deref(),
        Some("[kind K,...] [limit N]")
    );
    assert_eq!(
        hint("show LE2C in 2016 ").as_deref(),
        Some("[strict] [limit N]")
    );
    assert_eq!(hint("stats limit 3 in 2016 ").as_deref(), Some("[strict]"));
    // Not while a part is incomplete, nor without a trailing space, nor when all is given.
    for line in [
        "neighbours LE2C depth ",
        "neighbours LE2C kind ",
        "neighbours LE2C",
        "neighbours \"LE2C ",
        "show LE2C limit 2 in 2016 strict ",
        "paths A to B max 2 depth 3 via member_of avoid event directed limit 1 in 2011..2016 strict ",
        "",
    ] {
        assert_eq!(hint(line), None, "{line:?}");
    }
}

#[test]
fn whole_words_take_a_space_after_them_and_list_items_do_not() {
    let space = |line: &str| -> Vec<bool> {
        helper()
            .complete(line, line.len())
            .1
            .into_iter()
            .map(|c| c.space_after)
            .collect()
    };
    assert_eq!(space("neigh"), [true, true]);
    assert_eq!(space("neighbours LE2C di"), [true]);
    assert_eq!(space("show LE2"), [true]);
    assert_eq!(space("neighbours LE2C dir o"), [true]);
    assert_eq!(space("neighbours LE2C kind clu"), [false]);
    assert_eq!(space("path A to B via member"), [false]);
}

#[test]
fn pattern_queries_complete_labels_types_properties_and_keywords() {
    assert_eq!(complete("MATCH (v:Clu").1, ["Cluster"]);
    assert_eq!(
        complete("match (v:").1.len(),
        clustergraph_core::NodeKind::ALL.len()
    );
    assert_eq!(
        complete("MATCH (v)-[:part").1,
        ["partner_in", "part_of", "participated_in"]
    );
    assert_eq!(complete("MATCH (v)-[r:leads|coord").1, ["coordinates"]);
    assert_eq!(complete("MATCH (v)-[r]->(w) RETURN v.na").1, ["name"]);
    assert_eq!(
        complete("MATCH (v) RET"),
        ("MATCH (v) ".len(), vec!["RETURN".to_string()])
    );
    assert_eq!(complete("explain MATCH (v:Pro").1, ["Project", "Programme"]);
    // The statement word itself still completes as a statement.
    assert_eq!(complete("matc").1, ["match"]);
}
