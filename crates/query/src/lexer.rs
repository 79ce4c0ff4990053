//! Tokens of the statement language, with byte spans into the text they come from.
//!
//! The lexer never fails: every input is cut into tokens, and what cannot be right (a string
//! that never closes, an unknown escape) is left for the parser to report, with its place.
//! That lets [`split_statements`](crate::split_statements) cut a script into statements
//! without judging them, and the parser report the first problem of each one.
//!
//! # Tokens
//!
//! - **Words**: a run of anything but whitespace, `"`, `,` and `;`. Names are what analysts
//!   type, so `CAT.AL`, `Clust-ER`, `#9CTL`, `São`, `AT&T`, `d'Alsace`, `graphs/seed.toml`
//!   and `C:\graphs\x.toml` are each one word. Numbers and year spans (`2011..2016`) are words
//!   too: the parser decides what a word means where it stands.
//! - **Strings**: double-quoted, possibly over several lines, with the escapes `\"`, `\\`,
//!   `\n` and `\t`. The lexer only finds where a string ends (a backslash always takes the
//!   next character with it); [`unquote`] decodes it. A string still open at the end of the
//!   text is an [`TokenKind::OpenStr`] token.
//! - `,` (between the items of a list), `;` and line breaks (both end a statement).
//!
//! # Continued lines
//!
//! A `\` that ends a line (only spaces or tabs after it), outside a string or a comment,
//! joins the line to the next: the two read as one line, so `neighbours CEBR \` then
//! `depth 2` is one statement. A word that ends with the `\` loses it (`open C:\graphs\`
//! at the end of a line opens `C:\graphs` and goes on to the next line).
//!
//! # Comments
//!
//! `#` starts a comment to the end of the line when it begins a token and either is followed
//! by whitespace or the end of the text, or is the first token of a statement (at the start
//! of the text, of a line, or after `;`). So `show LE2C # the Lombardy cluster` and a line
//! `#comment` are comments, while `show #9CTL` names a node: no statement starts with `#`,
//! and a name never is a lone `#`. A `#` inside a word (`LE2C#1`) or a string is just a
//! character.

use crate::ast::Span;
use crate::error::SyntaxError;

/// What a token is; its text is the slice of the source at its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A bare word.
    Word,
    /// A closed double-quoted string, quotes included in the span.
    Str,
    /// A string whose closing quote never comes: it runs to the end of the lexed text.
    OpenStr,
    Comma,
    Semi,
    Newline,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Absolute byte range in the text given to [`Lexer::new`].
    pub span: Span,
}

/// An iterator over the tokens of one range of a text. Comments and whitespace other than
/// line breaks are skipped.
#[derive(Clone, Debug)]
pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
    /// Whether the next token is the first of a statement (for the comment rule).
    at_start: bool,
    /// Whether the text ended right after a line-continuing `\`: more is to come.
    continued: bool,
}

impl<'a> Lexer<'a> {
    /// Lexes `text[span]`; spans of the tokens are offsets into the whole `text`. A span that
    /// is not a valid range of `text` (out of bounds, not on character boundaries) lexes as
    /// empty rather than panicking.
    pub fn new(text: &'a str, span: Span) -> Self {
        let (pos, end) = if text.get(span.clone()).is_some() {
            (span.start, span.end)
        } else {
            (0, 0)
        };
        Lexer {
            text,
            pos,
            end,
            at_start: true,
            continued: false,
        }
    }

    /// The length of a line-continuing `\` with the blanks and line break after it, if one
    /// starts `at` bytes into the rest; records when it runs to the end of the text.
    fn continuation(&mut self, at: usize) -> Option<usize> {
        let after = self.rest()[at..].strip_prefix('\\')?;
        let blanks = after.len() - after.trim_start_matches([' ', '\t', '\r']).len();
        let rest = &after[blanks..];
        if rest.is_empty() {
            self.continued = true;
            Some(1 + blanks)
        } else if rest.starts_with('\n') {
            Some(2 + blanks)
        } else {
            None
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..self.end]
    }

    /// Skips a comment if one starts at `self.pos` (which holds a `#`); see the module docs.
    fn skip_comment(&mut self) -> bool {
        let after = &self.rest()[1..];
        let is_comment = self.at_start || after.chars().next().is_none_or(char::is_whitespace);
        if is_comment {
            self.pos += 1 + after.find('\n').unwrap_or(after.len());
        }
        is_comment
    }

    /// The end of the string opening at `self.pos`, or `None` if it never closes.
    fn string_end(&self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos + 1;
        while i < self.end {
            match bytes[i] {
                b'"' => return Some(i + 1),
                // The escaped character is skipped whole or in part: UTF-8 continuation bytes
                // are never `"` or `\`, so scanning bytes stays correct.
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        None
    }
}

/// Whether `c` ends a bare word.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | ',' | ';')
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            let skipped = self.rest().len()
                - self
                    .rest()
                    .trim_start_matches(|c: char| c.is_whitespace() && c != '\n')
                    .len();
            self.pos += skipped;
            if let Some(len) = self.continuation(0) {
                self.pos += len;
                continue;
            }
            let c = self.rest().chars().next()?;
            let start = self.pos;
            let (kind, end) = match c {
                '\n' | ';' => {
                    self.at_start = true;
                    let kind = if c == ';' {
                        TokenKind::Semi
                    } else {
                        TokenKind::Newline
                    };
                    (kind, start + 1)
                }
                '#' if self.skip_comment() => continue,
                ',' => (TokenKind::Comma, start + 1),
                '"' => match self.string_end() {
                    Some(end) => (TokenKind::Str, end),
                    None => (TokenKind::OpenStr, self.end),
                },
                _ => {
                    let mut len = self.rest().find(ends_word).unwrap_or(self.rest().len());
                    // `CEBR\` at the end of a line: the word, then a continuation.
                    if self.rest()[..len].ends_with('\\') {
                        let save = self.continued;
                        if self.continuation(len - 1).is_some() {
                            len -= 1;
                        }
                        self.continued = save;
                    }
                    (TokenKind::Word, start + len)
                }
            };
            if !matches!(kind, TokenKind::Semi | TokenKind::Newline) {
                self.at_start = false;
            }
            self.pos = end;
            return Some(Token {
                kind,
                span: start..end,
            });
        }
    }
}

/// Whether `text` is complete, as a REPL asks before running a line: it is unless a string
/// opened in it is still open or it ends with a line-continuing `\\` (see [`pending`]).
pub fn is_complete(text: &str) -> bool {
    pending(text).is_none()
}

/// Why a text waits for another line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// A string is still open: the next line goes on inside it.
    String,
    /// The text ends with a `\\` that continues the line.
    Line,
}

/// What `text` still waits for, if anything. Comments and escapes count as the lexer reads
/// them, so `show "a\\"` and `show X # it's "odd \\` are complete.
pub fn pending(text: &str) -> Option<Pending> {
    let mut lexer = Lexer::new(text, 0..text.len());
    let mut open = false;
    for t in lexer.by_ref() {
        open |= t.kind == TokenKind::OpenStr;
    }
    if open {
        Some(Pending::String)
    } else if lexer.continued {
        Some(Pending::Line)
    } else {
        None
    }
}

/// The value of the closed string token at `span` of `text`, escapes decoded.
///
/// An unknown escape is an error rather than kept as written: `"C:\new"` would otherwise
/// silently mean a line break. Paths with backslashes can be given bare.
pub fn unquote(text: &str, span: Span) -> Result<String, SyntaxError> {
    let inner = &text[span.start + 1..span.end - 1];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            // Unreachable for a closed string (its last `\` would have escaped the quote),
            // but an error is better than a panic if a caller passes another span.
            let at = span.start + 1 + i;
            return Err(
                SyntaxError::new(at..at + 1, "a string cannot end with a lone `\\`")
                    .with_label("lone backslash"),
            );
        };
        out.push(match e {
            '"' => '"',
            '\\' => '\\',
            'n' => '\n',
            't' => '\t',
            other => {
                let at = span.start + 1 + i;
                return Err(SyntaxError::new(
                    at..at + 1 + other.len_utf8(),
                    format!("unknown escape `\\{other}` in a string"),
                )
                .with_label("unknown escape")
                .with_help(
                    "a string knows `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash, \
                     or give a path with backslashes bare",
                ));
            }
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(text: &str) -> Vec<(TokenKind, &str)> {
        Lexer::new(text, 0..text.len())
            .map(|t| (t.kind, &text[t.span]))
            .collect()
    }

    use TokenKind::*;

    #[test]
    fn words_take_what_analysts_type_as_names() {
        assert_eq!(
            lex("show CAT.AL Clust-ER #9CTL São AT&T d'Alsace graphs/a.toml C:\\x (EU) a:b"),
            vec![
                (Word, "show"),
                (Word, "CAT.AL"),
                (Word, "Clust-ER"),
                (Word, "#9CTL"),
                (Word, "São"),
                (Word, "AT&T"),
                (Word, "d'Alsace"),
                (Word, "graphs/a.toml"),
                (Word, "C:\\x"),
                (Word, "(EU)"),
                (Word, "a:b"),
            ]
        );
    }

    #[test]
    fn punctuation_and_year_spans() {
        assert_eq!(
            lex("kind a,b ;in 2011..2016\n"),
            vec![
                (Word, "kind"),
                (Word, "a"),
                (Comma, ","),
                (Word, "b"),
                (Semi, ";"),
                (Word, "in"),
                (Word, "2011..2016"),
                (Newline, "\n"),
            ]
        );
    }

    #[test]
    fn strings_keep_escapes_for_unquote_and_may_span_lines() {
        let text = r#"show "a \"b\" ; c" "x
y" "open"#;
        assert_eq!(
            lex(text),
            vec![
                (Word, "show"),
                (Str, r#""a \"b\" ; c""#),
                (Str, "\"x\ny\""),
                (OpenStr, "\"open"),
            ]
        );
        let span = 5..text.find(" \"x").unwrap();
        assert_eq!(unquote(text, span).unwrap(), "a \"b\" ; c");
        let t = r#""tab\there\nback\\slash""#;
        assert_eq!(unquote(t, 0..t.len()).unwrap(), "tab\there\nback\\slash");
    }

    #[test]
    fn a_string_ending_in_a_backslash_stays_open() {
        assert_eq!(
            lex(r#"show "a\""#),
            vec![(Word, "show"), (OpenStr, r#""a\""#)]
        );
        assert_eq!(lex("show \"é\\"), vec![(Word, "show"), (OpenStr, "\"é\\")]);
    }

    #[test]
    fn unknown_escapes_are_errors_at_the_escape() {
        let t = r#""C:\new\graph""#;
        let e = unquote(t, 0..t.len()).unwrap_err();
        assert_eq!(e.message(), "unknown escape `\\g` in a string");
        assert_eq!(e.span(), 7..9);
        let t = "\"\\é\"";
        assert_eq!(unquote(t, 0..t.len()).unwrap_err().span(), 1..4);
    }

    #[test]
    fn comment_rule() {
        // After whitespace and followed by whitespace or the end: a comment.
        assert_eq!(
            lex("show LE2C # the cluster"),
            vec![(Word, "show"), (Word, "LE2C")]
        );
        assert_eq!(lex("show LE2C #"), vec![(Word, "show"), (Word, "LE2C")]);
        // A name starting with `#`.
        assert_eq!(lex("show #9CTL"), vec![(Word, "show"), (Word, "#9CTL")]);
        // First token of a line or statement: a comment even when glued to text.
        assert_eq!(
            lex("#comment\nstats"),
            vec![(Newline, "\n"), (Word, "stats")]
        );
        assert_eq!(
            lex("stats;#x\nstats"),
            vec![
                (Word, "stats"),
                (Semi, ";"),
                (Newline, "\n"),
                (Word, "stats")
            ]
        );
        // Inside a word or a string: a character.
        assert_eq!(
            lex("show a#b \"# c\""),
            vec![(Word, "show"), (Word, "a#b"), (Str, "\"# c\"")]
        );
        assert_eq!(lex("# a ; b"), vec![]);
    }

    #[test]
    fn lexing_a_range_gives_absolute_spans() {
        let text = "stats; show  LE2C ;";
        let toks: Vec<Token> = Lexer::new(text, 7..18).collect();
        assert_eq!(
            toks,
            vec![
                Token {
                    kind: Word,
                    span: 7..11
                },
                Token {
                    kind: Word,
                    span: 13..17
                }
            ]
        );
        assert_eq!(Lexer::new("é", 0..1).count(), 0);
        assert_eq!(Lexer::new("ab", 1..9).count(), 0);
    }

    #[test]
    fn a_backslash_at_the_end_of_a_line_continues_it() {
        assert_eq!(
            lex("neighbours CEBR \\\n  depth 2\nstats"),
            vec![
                (Word, "neighbours"),
                (Word, "CEBR"),
                (Word, "depth"),
                (Word, "2"),
                (Newline, "\n"),
                (Word, "stats"),
            ]
        );
        // Glued to a word, with blanks and a CR before the line break.
        assert_eq!(
            lex("show LE2C\\ \t\r\nin 2016"),
            vec![(Word, "show"), (Word, "LE2C"), (Word, "in"), (Word, "2016")]
        );
        // Not at the end of a line, inside a string or a comment: a character.
        assert_eq!(
            lex("open C:\\x\\ y"),
            vec![(Word, "open"), (Word, "C:\\x\\"), (Word, "y")]
        );
        assert_eq!(
            lex("show \"a\\\nb\"\nstats # c \\\nstats"),
            vec![
                (Word, "show"),
                (Str, "\"a\\\nb\""),
                (Newline, "\n"),
                (Word, "stats"),
                (Newline, "\n"),
                (Word, "stats"),
            ]
        );
        assert_eq!(pending("stats \\"), Some(Pending::Line));
        assert_eq!(pending("stats\\  "), Some(Pending::Line));
        assert_eq!(pending("show \"Eco"), Some(Pending::String));
        assert_eq!(pending("stats # c \\"), None);
        assert_eq!(pending("neighbours CEBR \\\ndepth 2"), None);
        assert_eq!(
            crate::parse("neighbours CEBR \\\n depth 2").unwrap().len(),
            1
        );
    }

    #[test]
    fn a_line_is_complete_unless_a_string_is_open() {
        for text in [
            "stats",
            r#"show "a\\""#,
            "show X # it's \"odd",
            "show \"a;b\" ; stats",
            "#\"\nstats",
            "",
        ] {
            assert!(is_complete(text), "{text}");
        }
        for text in [
            "show \"Ecotech",
            r#"show "a\""#,
            "show \"a\" \"b",
            "stats\nshow \"x\n",
        ] {
            assert!(!is_complete(text), "{text}");
        }
    }
}
