//! Rendering tables: fitted to the terminal, as JSON lines, or as RFC 4180 CSV.

use std::io::{self, Write};

use clustergraph_query::{Cell, Format, Table};
use comfy_table::presets::UTF8_FULL_CONDENSED;

use crate::fit;
use comfy_table::{ContentArrangement, Table as Comfy};

/// Where and how results are printed.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours (only on a terminal, never with NO_COLOR).
    pub colour: bool,
    /// Terminal width, if stdout is a terminal; tables are fitted to it.
    pub width: Option<u16>,
}

/// Prints one statement's result.
pub fn print(
    out: &mut dyn Write,
    format: Format,
    statement: &str,
    t: &Table,
    elapsed_ms: f64,
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Table => write_table(out, t, style),
        Format::Json => writeln!(out, "{}", json_line(statement, t, elapsed_ms)),
        Format::Csv => write_csv(out, t),
    }
}

/// Columns at most this wide are never wrapped in a terminal table, and no column is made
/// narrower.
const SHORT_COLUMN: usize = 10;

/// How many names of a node list a terminal table shows before saying how many more.
const NODES_SHOWN: usize = 10;

/// The most characters a terminal table shows of one cell (of each line of a list): fitting a
/// table to the terminal costs more than linear time in its longest cell.
const MAX_CELL: usize = 2000;

/// Text from the graph as a terminal table shows it: control characters escaped, so that a
/// name cannot clear the screen or set the window title, and cut to [`MAX_CELL`].
fn shown(s: &str, lines: bool) -> String {
    clustergraph_core::printable(s, MAX_CELL, lines)
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Node(n) => shown(&n.name, false),
        // Short lists read on one line; long texts (quotes) one a line.
        Cell::Texts(list) if list.iter().map(|t| t.chars().count() + 2).sum::<usize>() <= 60 => {
            shown(&list.join(", "), false)
        }
        Cell::Texts(list) => list
            .iter()
            .map(|t| shown(t, false))
            .collect::<Vec<_>>()
            .join("\n"),
        Cell::Nodes(list) => {
            let mut s = list
                .iter()
                .take(NODES_SHOWN)
                .map(|n| shown(&n.name, false))
                .collect::<Vec<_>>()
                .join(", ");
            if list.len() > NODES_SHOWN {
                s.push_str(&format!(", … ({} more)", list.len() - NODES_SHOWN));
            }
            s
        }
        Cell::Text(s) => shown(s, true),
        // The best sentence, and how many more there are.
        Cell::Evidence(list) => match list.split_first() {
            Some((best, [])) => shown(&best.quote, true),
            Some((best, more)) => format!("{}\n(+{} more)", shown(&best.quote, true), more.len()),
            None => String::new(),
        },
        Cell::Int(i) => i.to_string(),
        Cell::Float(x) => format_float(*x),
        Cell::Bool(b) => b.to_string(),
        Cell::List(list) => list.iter().map(cell_text).collect::<Vec<_>>().join(", "),
        // The ends, type and date, then the best sentence as evidence cells show it.
        Cell::Edge(e) => {
            let date = e
                .date
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            let mut s = format!(
                "{} -[{}{}]-> {}",
                shown(&e.from.name, false),
                e.rel,
                shown(&date, false),
                shown(&e.to.name, false)
            );
            let quote = cell_text(&Cell::Evidence(e.evidence.clone()));
            if !quote.is_empty() {
                s.push('\n');
                s.push_str(&quote);
            }
            s
        }
        Cell::Null => String::new(),
    }
}

/// Floats print with up to 6 significant decimals in tables; JSON keeps every digit.
fn format_float(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.1}")
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').to_string()
    }
}

fn write_table(out: &mut dyn Write, t: &Table, style: Style) -> io::Result<()> {
    if !t.columns().is_empty() && !t.rows().is_empty() {
        let mut texts: Vec<Vec<String>> = t
            .rows()
            .iter()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let headers = t.columns();
        // Each column's widest line, header included.
        let widths: Vec<usize> = (0..headers.len())
            .map(|i| {
                texts
                    .iter()
                    .flat_map(|r| r[i].lines().map(|l| l.chars().count()))
                    .chain([headers[i].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut c = Comfy::new();
        c.load_style(UTF8_FULL_CONDENSED);
        // The least width of each column: short ones (numbers, kinds, years) whole, no other
        // below its longest word (ids, arrows and dates stay whole) nor SHORT_COLUMN, long
        // text not below a readable width.
        let least: Option<Vec<usize>> = match style.width {
            Some(w) => {
                // Names wrap at any width, and in a list stay on a row's first line, with
                // the arrows and dates.
                let inline: Vec<Vec<bool>> = t
                    .rows()
                    .iter()
                    .map(|r| r.iter().map(|c| matches!(c, Cell::Node(_))).collect())
                    .collect();
                let mins = fit::min_widths(headers, &texts, &inline);
                let least: Vec<usize> = widths
                    .iter()
                    .zip(&mins)
                    .map(|(&width, &min)| {
                        if width <= SHORT_COLUMN {
                            width
                        } else {
                            min.max(SHORT_COLUMN).min(width)
                        }
                    })
                    .collect();
                // Seven columns of names, dates and quotes do not fit 80 columns without
                // splitting words: such a table is printed as a list.
                if !fit::fits(&least, w) {
                    let list = fit::list(headers, &texts, &inline, w, style.colour);
                    writeln!(out, "{list}")?;
                    return write_notes(out, t);
                }
                // A long quote is cut in a table: JSON and CSV carry it whole.
                let quotes: Vec<usize> = (0..headers.len())
                    .filter(|&i| fit::is_quote(&headers[i]))
                    .collect();
                for row in &mut texts {
                    for &i in &quotes {
                        if row[i].chars().count() > fit::TABLE_CUT {
                            row[i] = row[i]
                                .lines()
                                .map(|l| fit::cut(l, fit::TABLE_CUT))
                                .collect::<Vec<_>>()
                                .join("\n");
                        }
                    }
                }
                c.set_content_arrangement(ContentArrangement::Dynamic);
                c.set_width(w);
                Some(least)
            }
            None => {
                c.set_content_arrangement(ContentArrangement::Disabled);
                None
            }
        };
        if style.colour {
            c.enforce_styling();
            c.set_header(
                headers
                    .iter()
                    .map(|h| comfy_table::Cell::new(h).add_attribute(comfy_table::Attribute::Bold)),
            );
        } else {
            c.force_no_tty();
            c.set_header(headers);
        }
        for row in texts {
            c.add_row(row);
        }
        for (i, w) in widths.iter().enumerate() {
            if let Some(col) = c.column_mut(i) {
                let least = least.as_ref().map_or(SHORT_COLUMN, |l| l[i]);
                col.set_constraint(if *w <= SHORT_COLUMN || *w <= least {
                    comfy_table::ColumnConstraint::ContentWidth
                } else {
                    comfy_table::ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                        least as u16,
                    ))
                });
            }
        }
        writeln!(out, "{c}")?;
    }
    write_notes(out, t)
}

/// What follows a table: how many rows a limit left out, and the table's sentence.
fn write_notes(out: &mut dyn Write, t: &Table) -> io::Result<()> {
    if let Some(note) = t.more_note() {
        writeln!(out, "{note}")?;
    }
    if let Some(m) = t.message() {
        writeln!(out, "{}", clustergraph_core::printable(m, usize::MAX, true))?;
    }
    Ok(())
}

fn node_json(n: &clustergraph_query::NodeCell) -> serde_json::Value {
    serde_json::json!({"id": n.id.as_str(), "name": n.name.as_str(), "kind": n.kind})
}

fn json_cell(c: &Cell) -> serde_json::Value {
    use serde_json::Value as J;
    match c {
        Cell::Node(n) => node_json(n),
        Cell::Nodes(list) => J::Array(list.iter().map(node_json).collect()),
        Cell::Texts(list) => J::Array(list.iter().map(|s| J::String(s.clone())).collect()),
        Cell::Text(s) => J::String(s.clone()),
        Cell::Evidence(list) => J::Array(
            list.iter()
                .map(|c| serde_json::json!({"source": c.source, "quote": c.quote}))
                .collect(),
        ),
        Cell::Int(i) => J::from(*i),
        Cell::Float(x) => serde_json::Number::from_f64(*x).map_or(J::Null, J::Number),
        Cell::Bool(b) => J::Bool(*b),
        Cell::List(list) => J::Array(list.iter().map(json_cell).collect()),
        Cell::Edge(e) => serde_json::json!({
            "from": e.from.id.as_str(),
            "type": e.rel,
            "to": e.to.id.as_str(),
            "date": e.date,
            "evidence": json_cell(&Cell::Evidence(e.evidence.clone())),
        }),
        Cell::Null => J::Null,
    }
}

/// `{"statement": ..., "columns": [...], "rows": [[...]], "elapsed_ms": ...}` on one line.
pub fn json_line(statement: &str, t: &Table, elapsed_ms: f64) -> String {
    let rows: Vec<serde_json::Value> = t
        .rows()
        .iter()
        .map(|r| serde_json::Value::Array(r.iter().map(json_cell).collect()))
        .collect();
    let mut obj = serde_json::Map::new();
    obj.insert("statement".into(), statement.into());
    obj.insert("columns".into(), t.columns().to_vec().into());
    obj.insert("rows".into(), rows.into());
    // Only a cut table says how many rows it left out.
    if t.more() > 0 {
        obj.insert("more".into(), t.more().into());
    }
    obj.insert(
        "elapsed_ms".into(),
        ((elapsed_ms * 1000.0).round() / 1000.0).into(),
    );
    serde_json::Value::Object(obj).to_string()
}

fn write_csv(out: &mut dyn Write, t: &Table) -> io::Result<()> {
    // A result with no columns (`set format`, `open`) has no table to print: an empty
    // record would come out as a stray `""` line.
    if t.columns().is_empty() {
        return Ok(());
    }
    // RFC 4180: records end with CRLF.
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(t.columns()).map_err(io::Error::other)?;
    for row in t.rows() {
        w.write_record(row.iter().map(csv_cell))
            .map_err(io::Error::other)?;
    }
    w.flush()
}

/// A cell as CSV writes it: nodes by id, lists and sentences joined.
fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Node(n) => n.id.to_string(),
        Cell::Nodes(list) => list
            .iter()
            .map(|n| n.id.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        Cell::Texts(list) => list.join("; "),
        // Every sentence, one a line: `source: quote`.
        Cell::Evidence(list) => list
            .iter()
            .map(|c| format!("{}: {}", c.source, c.quote))
            .collect::<Vec<_>>()
            .join("\n"),
        Cell::Float(x) => x.to_string(),
        Cell::List(list) => list.iter().map(csv_cell).collect::<Vec<_>>().join("; "),
        // An edge by its ends' ids and its type, as Neo4j's CSV names one.
        Cell::Edge(e) => format!("{} -[{}]-> {}", e.from.id, e.rel, e.to.id),
        other => cell_text(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clustergraph_query::NodeCell;

    fn sample() -> Table {
        let mut t = Table::new(&["node", "score", "note"]);
        t.push(vec![
            Cell::Node(NodeCell {
                id: "le2c".into(),
                name: "Lombardy, \"Energy\"".into(),
                kind: "cluster",
            }),
            Cell::Float(0.25),
            Cell::Null,
        ]);
        t
    }

    #[test]
    fn json_has_node_objects_and_numbers() {
        let line = json_line("find le2c", &sample(), 1.23456);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["statement"], "find le2c");
        assert_eq!(v["columns"][1], "score");
        assert_eq!(v["rows"][0][0]["id"], "le2c");
        assert_eq!(v["rows"][0][0]["kind"], "cluster");
        assert_eq!(v["rows"][0][1], 0.25);
        assert!(v["rows"][0][2].is_null());
        assert_eq!(v["elapsed_ms"], 1.235);
    }

    #[test]
    fn csv_quotes_and_uses_ids() {
        let mut out = Vec::new();
        write_csv(&mut out, &sample()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "node,score,note\r\nle2c,0.25,\r\n"
        );
    }

    #[test]
    fn evidence_is_a_count_in_a_table_and_every_sentence_in_json_and_csv() {
        let cite = |source: &str, quote: &str| clustergraph_query::Citation {
            source: source.into(),
            quote: quote.into(),
        };
        let mut t = Table::new(&["quote", "evidence"]);
        t.push(vec![
            Cell::text("best"),
            Cell::Evidence(vec![
                cite("a", "best"),
                cite("b", "other"),
                cite("a", "third"),
            ]),
        ]);
        t.push(vec![
            Cell::text("only"),
            Cell::Evidence(vec![cite("a", "only")]),
        ]);
        assert_eq!(cell_text(&t.rows()[0][1]), "best\n(+2 more)");
        assert_eq!(cell_text(&t.rows()[1][1]), "only");
        let v: serde_json::Value = serde_json::from_str(&json_line("s", &t, 0.0)).unwrap();
        assert_eq!(v["rows"][0][1].as_array().unwrap().len(), 3);
        assert_eq!(v["rows"][0][1][1]["source"], "b");
        assert_eq!(v["rows"][0][1][1]["quote"], "other");
        let mut out = Vec::new();
        write_csv(&mut out, &t).unwrap();
        let csv = String::from_utf8(out).unwrap();
        assert!(csv.contains("\"a: best\nb: other\na: third\""), "{csv}");
    }

    #[test]
    fn csv_of_a_message_only_result_is_empty() {
        let mut out = Vec::new();
        write_csv(&mut out, &Table::default().with_message("done")).unwrap();
        assert!(out.is_empty());
    }

    /// The table of `statement` on the seed graph, as a terminal `width` columns wide shows
    /// it.
    fn on_terminal(statement: &str, width: u16) -> String {
        let mut session = clustergraph_query::Session::new(clustergraph_core::seed_graph());
        let q = &clustergraph_query::parse(statement).unwrap()[0];
        let t = session.execute(q).unwrap().into_table();
        let mut out = Vec::new();
        let style = Style {
            colour: false,
            width: Some(width),
        };
        write_table(&mut out, &t, style).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_narrow_table_keeps_ids_whole_and_a_table_that_cannot_fit_becomes_a_list() {
        let s = on_terminal("find kind cluster", 80);
        assert!(s.starts_with('┌'), "a table: {s}");
        for id in [
            "lombardy-aerospace-cluster",
            "life-science-cluster",
            "clust-er-innovate",
        ] {
            assert!(s.contains(id), "{id} whole in:\n{s}");
        }
        assert!(s.lines().all(|l| l.chars().count() <= 80), "{s}");
        let s = on_terminal("show LE2C", 80);
        assert!(s.starts_with("part  key  value"), "a list: {s}");
        assert!(
            s.contains("out  -spoke_at->  European Cluster Conference 2016"),
            "{s}"
        );
        assert!(s.lines().all(|l| l.chars().count() <= 80), "{s}");
        // Wide enough, the same statement is a table, its quotes cut at TABLE_CUT.
        let s = on_terminal("show LE2C", 400);
        assert!(s.starts_with('┌'), "{s}");
    }

    #[test]
    fn tables_without_terminal_are_plain() {
        let mut out = Vec::new();
        write_table(
            &mut out,
            &sample().with_message("one row"),
            Style {
                colour: false,
                width: None,
            },
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("Lombardy, \"Energy\""), "{s}");
        assert!(s.contains("0.25"), "{s}");
        assert!(!s.contains('\u{1b}'), "{s}");
        assert!(s.ends_with("one row\n"), "{s}");
    }
}
