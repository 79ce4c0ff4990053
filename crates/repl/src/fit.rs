//! Fitting a table to a terminal's width without cutting anything in the middle: words,
//! ids, edge arrows and dates are never split, long text wraps at spaces, and a long quote
//! (a cell of a column whose name starts with `quote`) is cut with an ellipsis (JSON and
//! CSV carry it whole).
//!
//! A table whose columns fit (each at least as wide as its longest word, long text at least
//! [`READABLE`]) is drawn by comfy-table with those lower bounds. One that cannot fit (the
//! seven columns of `show` or `path` in 80 columns) is printed as a list instead, one entry
//! per row: its short cells on the first line, in the order of the header, then each long
//! cell on lines of its own, labelled with its column and indented, at most [`LIST_LINES`]
//! lines each:
//!
//! ```text
//! part  key  value  date  attrs  source  quote
//! ────────────────────────────────────────────
//! out  -spoke_at->  European Cluster Conference 2016  2016-12-01..2016-12-02  ctl-2016
//!     attrs: role: relatore; session: Green Manufacturing e Circular Economy
//!     quote: Il Cluster Lombardy Energy Cleantech Cluster - LE2C è stato addirittura
//!            selezionato come relatore, intervenendo alla sessione “Green…
//! ```

/// Cells of at most this many characters (and one line) are short: in the list layout they
/// go on a row's first line.
const SHORT_CELL: usize = 40;

/// A word longer than this (a URL) may be split: no column is held wider for it.
const MAX_WORD: usize = 30;

/// The least width at which a column of long text (a cell over [`SHORT_CELL`]) reads well in
/// a table; a table that cannot give it that is printed as a list.
const READABLE: usize = 20;

/// In a table, a line of a cell longer than this is cut at a space, with an ellipsis.
pub const TABLE_CUT: usize = 200;

/// In the list layout, each quote (a line of a quote cell) takes at most this many lines.
const LIST_LINES: usize = 2;

/// Whether a column holds quotes, which a terminal shows cut (other text it shows whole).
pub fn is_quote(header: &str) -> bool {
    header.starts_with("quote")
}

/// How a long cell is indented in the list layout.
const INDENT: usize = 4;

/// Width in characters (what the rest of the renderer counts too).
fn width(s: &str) -> usize {
    s.chars().count()
}

/// The longest word of `text` (any of its lines), at most [`MAX_WORD`].
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(width)
        .max()
        .unwrap_or(0)
        .min(MAX_WORD)
}

/// The least width of each column: its longest word (header included), and [`READABLE`]
/// for a column of long text (names, marked `inline`, wrap at any width).
pub fn min_widths(headers: &[String], rows: &[Vec<String>], inline: &[Vec<bool>]) -> Vec<usize> {
    (0..headers.len())
        .map(|i| {
            let cells = rows.iter().map(|r| r[i].as_str());
            let word = cells
                .clone()
                .chain([headers[i].as_str()])
                .map(longest_word)
                .max()
                .unwrap_or(0);
            let long = rows
                .iter()
                .zip(inline)
                .filter(|(_, keep)| !keep[i])
                .flat_map(|(r, _)| r[i].lines())
                .any(|l| width(l) > SHORT_CELL);
            if long {
                word.max(READABLE)
            } else {
                word
            }
        })
        .collect()
}

/// Whether columns of these least widths fit in `total` columns with comfy-table's
/// condensed borders (a border before each column and after the last, a space each side).
pub fn fits(mins: &[usize], total: u16) -> bool {
    let borders = 3 * mins.len() + 1;
    mins.iter().sum::<usize>() + borders <= usize::from(total)
}

/// `text` wrapped at spaces to lines of at most `max` characters; a word longer than a line
/// is split only then.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        // A word that no line can hold is split, as a last resort.
        while width(&word) > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(max).collect();
            word = word.chars().skip(max).collect();
            lines.push(head);
        }
        if line.is_empty() {
            line = word;
        } else if width(&line) + 1 + width(&word) <= max {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped to `max` characters a line and cut to `count` lines, the last ending with
/// an ellipsis when something was left out (cut at a space, so no word is split).
pub fn cut_lines(text: &str, max: usize, count: usize) -> Vec<String> {
    let mut lines = wrap(text, max);
    if lines.len() > count {
        lines.truncate(count);
        if let Some(last) = lines.last_mut() {
            while width(last) + 1 > max {
                match last.rfind(' ') {
                    Some(i) => last.truncate(i),
                    None => {
                        *last = last.chars().take(max.saturating_sub(1)).collect();
                    }
                }
            }
            last.push('…');
        }
    }
    lines
}

/// One line of text cut at a space to at most `max` characters, with an ellipsis.
pub fn cut(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let words = cut_lines(text, max, 1);
    words.into_iter().next().unwrap_or_default()
}

/// The list layout of a table that does not fit `total` columns (see the module docs).
/// `inline[r][c]` says that cell `c` of row `r` stays on the row's first line whatever its
/// length (a node's name: a row reads as a sentence of names, arrows and dates).
pub fn list(
    headers: &[String],
    rows: &[Vec<String>],
    inline: &[Vec<bool>],
    total: u16,
    bold: bool,
) -> String {
    let total = usize::from(total).max(20);
    let mut out = String::new();
    let header = headers.join("  ");
    if bold {
        out.push_str(&format!("\x1b[1m{header}\x1b[0m\n"));
    } else {
        out.push_str(&header);
        out.push('\n');
    }
    out.push_str(&"─".repeat(width(&header).min(total)));
    out.push('\n');
    let first_line = |r: usize, c: usize| {
        let cell = &rows[r][c];
        !cell.contains('\n') && (width(cell) <= SHORT_CELL || inline[r][c])
    };
    // Labels line up over the columns that have a long cell somewhere.
    let label = (0..headers.len())
        .filter(|&c| (0..rows.len()).any(|r| !first_line(r, c)))
        .map(|c| width(&headers[c]))
        .max()
        .unwrap_or(0);
    for (r, row) in rows.iter().enumerate() {
        // The short cells, wrapped between cells; a name longer than a line wraps at spaces.
        let mut line = String::new();
        let cells = (0..row.len()).filter(|&c| !row[c].is_empty() && first_line(r, c));
        for cell in cells.flat_map(|c| wrap(&row[c], total - INDENT)) {
            let cell = cell.as_str();
            if !line.trim().is_empty() && width(&line) + 2 + width(cell) > total {
                out.push_str(&line);
                out.push('\n');
                line = " ".repeat(INDENT);
            } else if !line.trim().is_empty() {
                line.push_str("  ");
            }
            line.push_str(cell);
        }
        if !line.trim().is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
        for (c, (h, cell)) in headers.iter().zip(row).enumerate() {
            if cell.is_empty() || first_line(r, c) {
                continue;
            }
            // `    quote: ` then the text, its later lines under its first.
            let lead = format!(
                "{}{h}: {}",
                " ".repeat(INDENT),
                " ".repeat(label - width(h))
            );
            let room = total.saturating_sub(width(&lead)).max(20);
            let most = if is_quote(h) { LIST_LINES } else { usize::MAX };
            let mut first_line = true;
            for part in cell.lines() {
                for l in cut_lines(part, room, most) {
                    if first_line {
                        out.push_str(&lead);
                        first_line = false;
                    } else {
                        out.push_str(&" ".repeat(width(&lead)));
                    }
                    out.push_str(&l);
                    out.push('\n');
                }
            }
        }
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_never_splits_a_word_that_fits_a_line() {
        assert_eq!(
            wrap("si rafforza la presenza lombarda", 12),
            ["si rafforza", "la presenza", "lombarda"]
        );
        assert_eq!(wrap("-participated_in->", 10), ["-participa", "ted_in->"]);
        assert_eq!(wrap("", 10), Vec::<String>::new());
    }

    #[test]
    fn cutting_ends_with_an_ellipsis_at_a_space() {
        let quote = "Il Cluster Lombardy Energy Cleantech Cluster - LE2C è stato addirittura selezionato come relatore";
        let lines = cut_lines(quote, 30, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
        assert_eq!(lines[0], "Il Cluster Lombardy Energy");
        assert_eq!(lines[1], "Cleantech Cluster - LE2C è…");
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three", 9), "one two…");
    }

    #[test]
    fn least_widths_hold_words_and_give_long_text_room() {
        let headers = vec!["edge".to_string(), "quote".to_string()];
        let rows = vec![vec![
            "-member_of->".to_string(),
            "una frase abbastanza lunga da superare quaranta caratteri".to_string(),
        ]];
        assert_eq!(
            min_widths(&headers, &rows, &[vec![false; 2]]),
            [12, READABLE]
        );
        assert_eq!(min_widths(&headers, &rows, &[vec![true; 2]]), [12, 10]);
        assert!(fits(&[12, 20], 39));
        assert!(!fits(&[12, 20], 38));
    }

    #[test]
    fn the_list_puts_short_cells_first_and_long_ones_labelled_below() {
        let headers: Vec<String> = ["step", "from", "edge", "quote"].map(String::from).to_vec();
        let rows = vec![vec![
            "1".to_string(),
            "Lombardy Energy Cleantech Cluster".to_string(),
            "-member_of->".to_string(),
            "si rafforza la presenza lombarda, che vede 6 cluster su 9 partecipare alla conferenza europea dei cluster".to_string(),
        ]];
        let s = list(&headers, &rows, &[vec![true, true, true, false]], 50, false);
        assert_eq!(
            s,
            "step  from  edge  quote\n\
             ───────────────────────\n\
             1  Lombardy Energy Cleantech Cluster  -member_of->\n\
             \x20   quote: si rafforza la presenza lombarda, che\n\
             \x20          vede 6 cluster su 9 partecipare alla…"
        );
        assert!(s.lines().all(|l| width(l) <= 50), "{s}");
    }
}
