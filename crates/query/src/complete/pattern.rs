//! Completion inside a pattern query (`match`, `optional`, `explain`): labels after `(v:`,
//! relationship types after `-[:` or `|`, properties after `v.`, and Cypher's keywords.

use clustergraph_core::{NodeKind, Rel};

use super::Candidate;
use crate::cypher::parser::label;
use crate::grammar::StatementKind;

/// The keywords offered where a word of a pattern query starts.
const KEYWORDS: &[&str] = &[
    "MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "DISTINCT", "ORDER", "BY", "DESC", "SKIP",
    "LIMIT", "AS", "AND", "OR", "XOR", "NOT", "IN", "IS", "NULL", "STARTS", "ENDS", "CONTAINS",
    "count", "collect", "min", "max", "sum", "avg", "type", "labels",
];

/// The properties every node or edge has.
const PROPERTIES: &[&str] = &["id", "name", "kind", "date"];

/// The completions at `pos` if the statement there is a pattern query.
pub(super) fn complete(line: &str, pos: usize) -> Option<(usize, Vec<Candidate>)> {
    let before = line.get(..pos)?;
    // The statement: from the last `;` or line break (strings aside: a rough cut is enough
    // for completion).
    let start = before.rfind([';', '\n']).map_or(0, |i| i + 1);
    let statement = &before[start..];
    let first = statement.split_whitespace().next()?;
    let kind = StatementKind::from_word(first)?;
    if !matches!(kind, StatementKind::Match | StatementKind::Explain)
        || statement.trim_end() == first
    {
        return None;
    }
    let word_len = statement
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum::<usize>();
    let word_start = pos - word_len;
    let word = &line[word_start..pos];
    let rest = &line[start..word_start];
    let lower = word.to_lowercase();
    let offer = |list: Vec<String>, space: bool| {
        list.into_iter()
            .filter(|c| c.to_lowercase().starts_with(&lower))
            .map(|c| Candidate {
                display: c.clone(),
                replacement: c,
                space_after: space,
            })
            .collect::<Vec<_>>()
    };
    let list = match rest.chars().last() {
        Some(':') if inside_brackets(rest) => {
            offer(Rel::names().map(str::to_string).collect(), false)
        }
        Some('|') => offer(Rel::names().map(str::to_string).collect(), false),
        Some(':') => offer(NodeKind::ALL.into_iter().map(label).collect(), false),
        Some('.') => offer(PROPERTIES.iter().map(|p| p.to_string()).collect(), false),
        _ if word.is_empty() => Vec::new(),
        _ => offer(KEYWORDS.iter().map(|k| k.to_string()).collect(), true),
    };
    Some((word_start, list))
}

/// Whether the text ends inside `[...]` (a relationship) rather than `(...)` or `{...}`.
fn inside_brackets(text: &str) -> bool {
    let mut depth_square = 0i32;
    for c in text.chars().rev() {
        match c {
            ']' => depth_square += 1,
            '[' if depth_square == 0 => return true,
            '[' => depth_square -= 1,
            '(' | ')' if depth_square == 0 => return false,
            _ => {}
        }
    }
    false
}
