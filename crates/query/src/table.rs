//! What a statement returns: a table of columns and rows, for the binary to render as a
//! terminal table, JSON or CSV.

use clustergraph_core::{KnowledgeGraph, NodeIndex, SharedText};

/// A node as a table shows it. Its texts are shared with the graph, so a cell costs no
/// allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeCell {
    pub id: SharedText,
    pub name: SharedText,
    pub kind: &'static str,
}

impl NodeCell {
    pub fn of(g: &KnowledgeGraph, ix: NodeIndex) -> NodeCell {
        let n = g.node(ix);
        NodeCell {
            id: n.id.clone(),
            name: n.name.clone(),
            kind: n.kind.as_str(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Node(NodeCell),
    /// Several nodes, such as a component's members, in order. Renderers decide how much of
    /// a long list a terminal shows; machine formats carry all of it.
    Nodes(Vec<NodeCell>),
    /// Several texts, such as aliases or the sentences an edge rests on: a JSON array, one
    /// line each in a terminal.
    Texts(Vec<String>),
    Text(String),
    /// The sentences an edge rests on, the best first: a terminal table shows the best one
    /// and says how many more there are, JSON lists them all (`{"source", "quote"}` each).
    Evidence(Vec<Citation>),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A list of values, such as a pattern query's `collect(x)`: a JSON array.
    List(Vec<Cell>),
    /// An edge, with its ends, type, date and the sentences it rests on (a pattern query's
    /// relationship).
    Edge(EdgeCell),
    Null,
}

/// An edge as a table shows it: its ends, type and date, and its evidence, best first, so
/// that `show` is one step away.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeCell {
    pub from: NodeCell,
    pub rel: &'static str,
    pub to: NodeCell,
    pub date: Option<String>,
    pub evidence: Vec<Citation>,
}

/// A sentence and the document it is quoted from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The document's key.
    pub source: String,
    pub quote: String,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// `Null` for an empty list, so that "nothing" looks the same in every column.
    pub fn texts(list: Vec<String>) -> Cell {
        if list.is_empty() {
            Cell::Null
        } else {
            Cell::Texts(list)
        }
    }

    /// `Null` for `None`.
    pub fn opt_text(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Null, |s| Cell::Text(s.into()))
    }
}

/// The result of one statement: columns, rows of one cell per column, and a sentence for a
/// person. Rows are added through [`Table::push`], which checks their length.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
    message: Option<String>,
    /// Rows left out by a limit ([`Table::cut`]).
    more: usize,
}

impl Table {
    pub fn new(columns: &[&str]) -> Table {
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            message: None,
            more: 0,
        }
    }

    /// Makes room for `n` more rows, for an executor that knows how many it will push.
    pub fn reserve(&mut self, n: usize) {
        self.rows.reserve(n);
    }

    /// Adds a row; it must have one cell per column (a bug in the executor otherwise).
    pub fn push(&mut self, row: Vec<Cell>) {
        assert_eq!(
            row.len(),
            self.columns.len(),
            "a row has one cell per column"
        );
        self.rows.push(row);
    }

    pub fn with_message(mut self, m: impl Into<String>) -> Table {
        self.message = Some(m.into());
        self
    }

    /// Sets the sentence shown with the table.
    pub fn set_message(&mut self, m: impl Into<String>) {
        self.message = Some(m.into());
    }

    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The rows, each with one cell per column.
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// A sentence for a person, shown with the table in the terminal (for example "no path
    /// from A to B"); machine formats carry only columns and rows.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Keeps the first `n` rows, counting the rest in [`Table::more`].
    /// Keeps the rows for which `keep` holds (a filter of the executor, before any limit).
    pub(crate) fn retain_rows(&mut self, keep: impl FnMut(&Vec<Cell>) -> bool) {
        self.rows.retain(keep);
    }

    pub fn cut(&mut self, n: usize) {
        if self.rows.len() > n {
            self.more += self.rows.len() - n;
            self.rows.truncate(n);
        }
    }

    /// How many rows a limit left out: every rendering says so ("… 12 more rows (limit 32
    /// to see them)" under a terminal table, `"more": 12` in JSON).
    pub fn more(&self) -> usize {
        self.more
    }

    /// The sentence that ends a cut table, if it was cut: how many more rows there are and
    /// the limit that shows them all.
    pub fn more_note(&self) -> Option<String> {
        (self.more > 0).then(|| {
            let s = if self.more == 1 { "" } else { "s" };
            format!(
                "… {} more row{s} (limit {} to see them)",
                self.more,
                self.rows.len() + self.more
            )
        })
    }

    /// The index of the column called `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_table_counts_what_it_left_out() {
        let mut t = Table::new(&["n"]);
        for i in 0..25 {
            t.push(vec![Cell::Int(i)]);
        }
        t.cut(30);
        assert_eq!((t.rows().len(), t.more(), t.more_note()), (25, 0, None));
        t.cut(20);
        assert_eq!((t.rows().len(), t.more()), (20, 5));
        assert_eq!(
            t.more_note().as_deref(),
            Some("… 5 more rows (limit 25 to see them)")
        );
        t.cut(1);
        assert_eq!(
            t.more_note().as_deref(),
            Some("… 24 more rows (limit 25 to see them)")
        );
    }

    #[test]
    #[should_panic(expected = "a row has one cell per column")]
    fn a_row_of_the_wrong_length_is_refused() {
        Table::new(&["a", "b"]).push(vec![Cell::Int(1)]);
    }
}
